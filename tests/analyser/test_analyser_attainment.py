"""Attainment wording is a measure: a grade, a level, a score ("36 of 44 sounds"), a counted set of words
or sounds, a pass, or the expected standard can be checked by anyone, so the rules (rules.json's "count"
group, read by both engines) count it as measurable even when the verb itself is vague ("achieve", "know").
The "To" of an infinitive stub leads to its verb as "will" does. Checked on the rules alone (a model that
only follows the rules' kind, in Python and under node) and on the fitted analyser.
"""

from __future__ import annotations

import json

import pytest

from send_outcomes.analysis import analyse
from send_outcomes.analysis.model import compile_model
from send_outcomes.analysis.rules import load_rules
from send_outcomes.analysis.statement import _Reader, normalise, observe_criteria

KINDS = ["aspiration", "need", "provision", "target", "outcome"]
RULES_ONLY = {  # the rules decide: each rule kind's feature points to that kind, no criterion is learned
    "kinds": KINDS,
    "criteria": [],
    "bias": [0] * 5,
    "scale": 100,
    "max_words": 0,
    "confident": 0,
    "word": "[a-z0-9]+",
    "weights": {"k:" + k: [1000 if i == j else 0 for j in range(5)] for i, k in enumerate(KINDS)},
}
ATTAINMENT = [
    ("By the end of Year 11, Sam will achieve a grade 4 in English.", "grade 4"),
    ("By July, Mia will know 36 of 44 sounds.", "36 of 44 sounds"),
    ("By Easter, Leo will know 100 high frequency words.", "100 high frequency words"),
    ("By the end of Year 13, Jo will gain an Entry Level 3 qualification in maths.", "Level 3"),
    ("By the end of Year 6, Kai will be secure at the expected standard.", "expected standard"),
    ("By the summer, Ava will achieve a pass in Functional Skills English.", "pass in"),
    ("By the end of the spring term, Noah will be secure in Phase 3 phonics.", "Phase 3"),
]
NOT_A_MEASURE = [
    "By the end of Key Stage 2, Sam will understand his feelings.",
    "By July, Mia will know more sounds.",
    "By the end of Year 6, Kai will develop his confidence in 2 subjects.",
]


def _measurable(result: dict) -> tuple[bool, list[str]]:
    line = next(f for f in result["feedback"] if f["criterion"] == "measurable")
    return result["smart"]["measurable"], line["evidence"]


def test_attainment_is_measurable_by_the_rules_in_both_engines(tmp_path, node_analyse):
    model = compile_model(RULES_ONLY)
    texts = [t for t, _ in ATTAINMENT] + NOT_A_MEASURE
    path = tmp_path / "rules_only.json"
    path.write_text(json.dumps(RULES_ONLY), encoding="utf-8")
    js = node_analyse(texts, path)
    py = [analyse(t, model=model).to_dict() for t in texts]
    assert py == js
    for (text, words), result in zip(ATTAINMENT, py, strict=False):
        met, evidence = _measurable(result)
        assert met, text
        assert words in evidence, (text, evidence)
    for text, result in zip(NOT_A_MEASURE, py[len(ATTAINMENT) :], strict=True):
        assert _measurable(result)[0] is False, text


@pytest.mark.parametrize(("text", "words"), ATTAINMENT)
def test_attainment_is_measurable_in_the_fitted_analyser(text, words):
    result = analyse(text).to_dict()
    assert result["kind"] in ("outcome", "target")
    assert result["smart"]["measurable"] is True


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("To sign 'more' at snack time.", True),
        ("To wave goodbye to his mum at the door.", True),
        ("To make progress in line with his peers.", False),
        ("To develop his confidence.", False),
    ],
)
def test_infinitive_stub_is_judged_by_its_verb(text, action):
    """ "To ..." stubs (IEP and PEP targets) have no future marker; the rules read their verb as the head, so
    an action is specific and measurable and a vague verb is neither (rules.json's "infinitive" group)."""
    rules = load_rules()
    reader = _Reader(rules, normalise(text, rules))
    head, _, values, _, _ = observe_criteria(reader, "target")
    assert (head.verdict == "action") is action
    assert values["specific"] is action and values["measurable"] is action
    fitted = analyse(text).to_dict()
    assert fitted["kind"] in ("target", "outcome")
    assert fitted["smart"]["measurable"] is action
