"""The model's optional features (last words, the form of the sentence, the section with each word, hashed
character n-grams) give exactly the same verdicts in Python and JavaScript, whether or not the fitted
model.json switches them on: a model with every one switched on, and a weight for each of them, is run
through both engines on the whole corpus, with and without the plan section.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from send_outcomes.analysis import analyse
from send_outcomes.analysis.corpus import read_all
from send_outcomes.analysis.fit import FORM
from send_outcomes.analysis.model import MODEL_PATH, compile_model, fnv1a, load_model, word_grams

BUCKETS = 512
EXTRA = [
    "Poppy to use 10 new words",
    "To learn initial letter sounds",
    "YP manages his own money",
    "The teacher will model turn taking",
    "Solitary play",
    "Oliver's mum hopes he will have a job",
    "café crème will be served",
    "Zoë to say hello 😀 to her friends",
    "X will use a visual timetable",
]


def _weight(feature: str, width: int) -> list[int]:
    """A fixed, varied integer row for a feature (from its hash), so that every feature can tip a verdict."""
    h = fnv1a(feature)
    return [((h >> (3 * i)) % 61) - 30 for i in range(width)]


@pytest.fixture(scope="module")
def every_feature(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    width = len(raw["bias"])
    raw.update(
        ends=True,
        section_words=True,
        form=dict(FORM),
        char=BUCKETS,
        char_n=[3, 5],
        groups=["future", "time_lead", "aspiration", "provision", "provider", "time_long", "time_short"],
    )
    weights = dict(raw["weights"])
    for b in range(BUCKETS):
        weights[f"g:{b}"] = _weight(f"g:{b}", width)
    for f in ("F:to", "F:self", "F:adult", "F:name", "F:noverb", "r:time_long", "r:time_short"):
        weights[f] = [v * 10 for v in _weight(f, width)]
    for r in read_all()[::7]:
        words = load_model().word.findall(r.text.lower())
        if len(words) > 1:
            weights["l:" + words[-1]] = _weight("l:" + words[-1], width)
            weights["l2:" + words[-2] + " " + words[-1]] = _weight("l2:" + words[-1], width)
            if r.section:
                weights["sw:" + r.section + " " + words[0]] = _weight("sw:" + words[0], width)
    raw["weights"] = weights
    path = tmp_path_factory.mktemp("model") / "model.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path, raw


def test_fnv1a_and_buckets_are_fixed():
    assert fnv1a("") == 2166136261
    assert fnv1a("abc") == 440920331
    assert word_grams("cat", 64, (3, 5)) == ["g:1", "g:7", "g:37", "g:47", "g:51", "g:56"]


def test_every_optional_feature_identical_in_javascript(every_feature, node_analyse):
    path, raw = every_feature
    model = compile_model(raw)
    rows = read_all()
    items: list = [r.text for r in rows] + EXTRA + [[r.text, r.section] for r in rows if r.section]
    js = node_analyse(items, path)
    py = [
        analyse(i, model=model).to_dict()
        if isinstance(i, str)
        else analyse(i[0], section=i[1], model=model).to_dict()
        for i in items
    ]
    assert len(js) == len(py)
    bad = [(i, p, j) for i, p, j in zip(items, py, js, strict=True) if p != j]
    assert not bad, bad[:3]
    # the doctored weights do change verdicts: the features are read, not ignored
    plain = [analyse(t).to_dict()["kind"] for t in items if isinstance(t, str)]
    assert sum(p["kind"] != k for p, k in zip(py, plain, strict=False)) > 50
