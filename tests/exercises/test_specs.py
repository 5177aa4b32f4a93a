"""Exercise specs: every one valid; broken ones rejected with the place named; assessment kept apart."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from send_outcomes import specs
from send_outcomes.specs import SpecError, all_specs, load_spec, public_spec, spec_paths, validate

RAW = {eid: json.loads(path.read_text(encoding="utf-8")) for eid, path in spec_paths().items()}
PRACTICE = sorted(eid for eid, s in RAW.items() if s["mode"] == "practice")
ASSESSMENT = sorted(eid for eid, s in RAW.items() if s["mode"] == "assessment")


def test_the_course_has_every_exercise_in_practice_and_the_graded_ones_in_assessment() -> None:
    assert {RAW[e]["type"] for e in PRACTICE} == {"sort", "fix", "jigsaw", "thread", "checker"}
    assert {RAW[e]["type"] for e in ASSESSMENT} == {"sort", "fix", "jigsaw", "thread"}
    assert all(spec_paths()[e].parent.name == "assessment" for e in ASSESSMENT)


@pytest.mark.parametrize("exercise_id", sorted(RAW))
def test_every_spec_validates_and_resolves(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    assert spec["id"] == exercise_id
    if spec["type"] == "sort":
        assert 12 <= len(spec["items"]) <= 20
        assert all(set(item) == {"id", "text", "kind", "why"} for item in spec["items"])
    if spec["type"] == "jigsaw":
        assert spec["name"] and spec["story"]


def test_load_spec_returns_a_copy() -> None:
    spec = load_spec("sort-statements-1")
    spec["items"].clear()
    assert load_spec("sort-statements-1")["items"]


def _broken(exercise_id: str, change: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW[exercise_id])
    change(data)
    return data


BROKEN = [
    ("sort-statements-1", lambda d: d.pop("categories"), "(top level): 'categories' is a required property"),
    ("sort-statements-1", lambda d: d["items"].__setitem__(2, "no-such-statement"), "/items/2: no statement"),
    ("sort-statements-1", lambda d: d["items"].append(d["items"][0]), "/items: duplicate id"),
    ("sort-statements-1", lambda d: d["hints"].popitem(), "/hints: no hint for"),
    ("fix-the-outcome-1", lambda d: d["rounds"][1].__setitem__("case", "nobody"), "/rounds/1/case: no case"),
    ("fix-the-outcome-1", lambda d: d["rounds"][0].__setitem__("original", 7), "/rounds/0/original"),
    ("beas-jigsaw-1", lambda d: d["pieces"][0].__setitem__("holder", "wizard"), "/pieces/0: holder 'wizard'"),
    ("beas-jigsaw-1", lambda d: d.__setitem__("case", "nobody"), "/case: no case 'nobody'"),
    ("follow-the-thread-1", lambda d: d["parts"][0]["links"].pop(), "/parts/0/links: need exactly one link"),
    (
        "follow-the-thread-1",
        lambda d: d["parts"][0]["links"][0].__setitem__("need", "zzz"),
        "/parts/0/links/0/need: 'zzz' is not one of the needs",
    ),
    ("check-your-plan", lambda d: d.__setitem__("type", "quiz"), "/type"),
]


@pytest.mark.parametrize(("exercise_id", "change", "message"), BROKEN)
def test_broken_specs_are_rejected_naming_the_file_and_the_place(
    exercise_id: str, change: Any, message: str
) -> None:
    with pytest.raises(SpecError) as err:
        validate(_broken(exercise_id, change), f"{exercise_id}.json")
    text = str(err.value)
    assert text.startswith(f"{exercise_id}.json: invalid exercise spec")
    assert message in text, text


def test_bad_json_and_a_wrong_id_are_readable_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "assessment").mkdir()
    (tmp_path / "broken.json").write_text('{"id": "broken",\n  "type": }', encoding="utf-8")
    renamed = dict(RAW["check-your-plan"], id="something-else")
    (tmp_path / "renamed.json").write_text(json.dumps(renamed), encoding="utf-8")
    monkeypatch.setattr(specs, "EXERCISES", tmp_path)
    specs._load.cache_clear()
    try:
        with pytest.raises(SpecError, match=r"broken\.json: not valid JSON \(line 2"):
            load_spec("broken")
        with pytest.raises(SpecError, match=r"/id is 'something-else' but the file is named renamed\.json"):
            load_spec("renamed")
    finally:
        specs._load.cache_clear()


def _texts(spec: dict[str, Any]) -> set[str]:
    """The learner-facing item texts of a spec: statements, originals, pieces, cards."""
    kind = spec["type"]
    if kind == "sort":
        return {i["text"] for i in spec["items"]}
    if kind == "fix":
        return {r["original"] for r in spec["rounds"]} | {r["context"] for r in spec["rounds"]}
    if kind == "jigsaw":
        return {p["text"] for p in spec["pieces"]} | {spec["outcome"]}
    return {
        c["text"]
        for p in spec["parts"]
        for col in ("aspirations", "needs", "outcomes", "provision")
        for c in p[col]
    }


def _ids(spec: dict[str, Any]) -> set[str]:
    kind = spec["type"]
    if kind == "sort":
        return {i["id"] for i in spec["items"]}
    if kind == "jigsaw":
        return {p["id"] for p in spec["pieces"]}
    if kind == "thread":
        return {
            c["id"]
            for p in spec["parts"]
            for col in ("aspirations", "needs", "outcomes", "provision")
            for c in p[col]
        }
    return set()


@pytest.mark.parametrize("assessed", ASSESSMENT)
def test_assessment_items_are_not_the_practice_items(assessed: str) -> None:
    spec = load_spec(assessed)
    practice = next(load_spec(e) for e in PRACTICE if RAW[e]["type"] == spec["type"])
    assert not _texts(spec) & _texts(practice)
    assert not _ids(spec) & _ids(practice)
    cases = {spec.get("case")} | {r.get("case") for r in spec.get("rounds", [])}
    cases |= {p["case"] for p in spec.get("parts", [])}
    practice_cases = {practice.get("case")} | {r.get("case") for r in practice.get("rounds", [])}
    practice_cases |= {p["case"] for p in practice.get("parts", [])}
    assert not (cases & practice_cases) - {None}


def _key_strings(spec: dict[str, Any]) -> list[str]:
    """Every string public_spec must remove, taken from the fields it strips."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    secret = specs._SECRET[spec["type"]]
    for key in secret["spec"]:
        walk(spec.get(key))
    for list_key, keys in secret.items():
        if list_key != "spec":
            for entry in spec.get(list_key, []):
                for key in keys:
                    walk(entry.get(key))
    return out


@pytest.mark.parametrize("exercise_id", ASSESSMENT)
def test_public_spec_leaks_no_key(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    public = public_spec(spec)
    dumped = json.dumps(public, ensure_ascii=False)
    keys = _key_strings(spec)
    assert keys, "the test must have key strings to look for"
    long_keys = [k for k in keys if len(k.split()) >= 4]
    assert long_keys and not [k for k in long_keys if k in dumped]
    # Short key values (a category or holder id) are public words; what must go is their link to the item.
    for list_key in ("items", "pieces", "rounds", "parts"):
        for entry in public.get(list_key, []):
            assert not set(entry) & {
                "kind",
                "why",
                "holder",
                "also_accept",
                "role",
                "reason",
                "links",
                "model_answer",
            }


@pytest.mark.parametrize("exercise_id", ASSESSMENT)
def test_assessment_ids_give_nothing_away(exercise_id: str) -> None:
    """Ids stay in the released notebook and answers file, so they must not name a kind, role or problem."""
    spec = load_spec(exercise_id)
    words = {c["id"] for c in spec.get("categories", [])} | {"prov", "asp", "need", "outcome", "target"}
    words |= {"distractor", "piece-out", "vague", "service", "no-time", "provision"}
    ids = [i["id"] for i in spec.get("items", [])] + [p["id"] for p in spec.get("pieces", [])]
    ids += [r["id"] for r in spec.get("rounds", [])]
    for item_id in ids:
        assert not any(re.search(rf"(^|-){re.escape(w)}($|-)", item_id) for w in words), item_id


def test_all_specs_loads_every_file() -> None:
    assert set(all_specs()) == set(RAW)


def test_practice_content_covers_what_the_course_promises() -> None:
    """The rounds, pieces and cases the course description names (issue #4) are all there."""
    fix = load_spec("fix-the-outcome-1")
    assert {r["focus"] for r in fix["rounds"]} >= {
        "vague",
        "provision",
        "no-time-frame",
        "service-centred",
        "adulthood",
    }
    jigsaw = load_spec("beas-jigsaw-1")
    assert jigsaw["case"] == "bea" and "café" in jigsaw["outcome"]
    pieces = [p for p in jigsaw["pieces"] if p["role"] == "piece"]
    # Five pieces held by education and health professionals, and one from social care: holistic provision
    # lands in F, G and H (Code of Practice 9.62), and each piece says which.
    assert len(pieces) == 6 and len({p["holder"] for p in pieces}) >= 3
    assert {p["section"][0] for p in pieces} == {"F", "G", "H"}
    assert all(p["model_provision"] for p in pieces)
    assert sum(p["role"] == "distractor" for p in jigsaw["pieces"]) >= 2
    thread = load_spec("follow-the-thread-1")
    assert {"kyle", "becca"} <= {p["case"] for p in thread["parts"]}
    assert any(p["age"] == 17 for p in thread["parts"])
    for part in thread["parts"]:
        gaps = [k for link in part["links"] for k in ("need", "outcome", "provision") if link[k] is None]
        assert len(gaps) == 1, part["case"]  # one missing link to spot per case
