"""The marking scheme: partial credit, an explanation for every item, no crash on any answers at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from send_outcomes.answer_format.files import write_answers
from send_outcomes.course.synthetic import half_answers, right_answers, wrong_answers
from send_outcomes.grading import (
    CRITERIA,
    check_provision,
    grade,
    grade_rewrite,
    honest_attempt,
)
from send_outcomes.learner import report
from send_outcomes.specs import all_specs, load_spec

GRADED = sorted(eid for eid, s in all_specs().items() if s["type"] in ("sort", "jigsaw", "thread"))
ALL_GRADED = sorted(eid for eid, s in all_specs().items() if s["type"] != "checker")


def _analysis(met: set[str], kind: str = "outcome") -> dict[str, Any]:
    """A stand-in for the analyser's verdict: the grader only reads kind, smart and person_centred."""
    smart = {c: c in met for c in CRITERIA if c != "person_centred"}
    return {
        "text": "",
        "kind": kind,
        "smart": smart,
        "person_centred": "person_centred" in met,
        "feedback": [],
    }


def _full(spec: dict[str, Any]) -> dict[str, Any]:
    return {r["id"]: _analysis(set(CRITERIA)) for r in spec["rounds"]}


@pytest.mark.parametrize("exercise_id", GRADED)
def test_right_answers_score_full_marks_and_say_so(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    res = grade(spec, right_answers(spec))
    assert res["score"] == res["max"] > 0
    assert res["fraction"] == 1
    assert all(item["correct"] and item["explanation"] for item in res["items"])


@pytest.mark.parametrize("exercise_id", GRADED)
def test_wrong_answers_score_nothing_and_explain_each_item(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    res = grade(spec, wrong_answers(spec))
    assert res["score"] == 0
    assert all(not item["correct"] and len(item["explanation"]) > 10 for item in res["items"])


@pytest.mark.parametrize("exercise_id", GRADED)
def test_half_the_answers_gets_partial_credit(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    res = grade(spec, half_answers(spec))
    assert 0 < res["score"] < res["max"]


def test_sort_explanations_name_the_right_category_and_the_reason() -> None:
    spec = load_spec("sort-statements-1")
    res = grade(spec, wrong_answers(spec))
    labels = {c["id"]: c["label"] for c in spec["categories"]}
    for item, result in zip(spec["items"], res["items"], strict=True):
        assert labels[item["kind"]] in result["explanation"]
        assert item["why"] in result["explanation"]
        assert labels[result["given"]] in result["explanation"]


@pytest.mark.parametrize("exercise_id", GRADED)
def test_reveal_false_gives_verdicts_without_the_key(exercise_id: str) -> None:
    """Assessment feedback: the same points, but no reason, right category, holder or card in the words."""
    spec = load_spec(exercise_id)
    for answers in (wrong_answers(spec), half_answers(spec), {}):
        shown, hidden = grade(spec, answers), grade(spec, answers, reveal=False)
        assert [i["points"] for i in hidden["items"]] == [i["points"] for i in shown["items"]]
        secrets = _secret_strings(spec)
        for item in hidden["items"]:
            assert item.get("expected") is None
            if item.get("part") == "provision":
                continue  # the provision checks' messages are published criteria, not a key
            for secret in secrets:
                assert secret not in item["explanation"], (item["id"], secret)


def _secret_strings(spec: dict[str, Any]) -> list[str]:
    if spec["type"] == "sort":
        return [i["why"] for i in spec["items"]]
    if spec["type"] == "jigsaw":
        labels = {h["id"]: h["label"] for h in spec["holders"]}
        return [p["reason"] for p in spec["pieces"]] + [
            labels[p["holder"]] for p in spec["pieces"] if p["role"] == "piece"
        ]
    if spec["type"] == "thread":
        cards = [
            c["text"]
            for part in spec["parts"]
            for col in ("needs", "outcomes", "provision")
            for c in part[col]
        ]
        return cards + [link["why"] for part in spec["parts"] for link in part["links"]]
    return []


def test_sort_with_reveal_false_never_names_the_right_category_for_a_wrong_item() -> None:
    spec = load_spec("sort-statements-1")
    labels = {c["id"]: c["label"] for c in spec["categories"]}
    res = grade(spec, wrong_answers(spec), reveal=False)
    for item, result in zip(spec["items"], res["items"], strict=True):
        assert labels[item["kind"]] not in result["explanation"]


def test_fix_scores_a_fifth_per_criterion_met() -> None:
    spec = load_spec("fix-the-outcome-1")
    drafts = {r["id"]: r["model_answer"] for r in spec["rounds"]}
    first = spec["rounds"][0]["id"]
    analyses = _full(spec)
    analyses[first] = _analysis({"specific", "measurable", "time_bound"})
    res = grade(spec, {"drafts": drafts}, analyses)
    assert res["items"][0]["points"] == pytest.approx(3 / 5)
    assert "Not yet: achievable, person-centred." in res["items"][0]["explanation"]
    assert res["score"] == pytest.approx(len(spec["rounds"]) - 2 / 5)


def test_fix_gives_nothing_for_an_empty_unchanged_or_non_outcome_rewrite() -> None:
    original = "Mustafa will be stronger."
    assert grade_rewrite(original, "", _analysis(set(CRITERIA)))["explanation"] == "No rewrite yet."
    unchanged = grade_rewrite(original, "  mustafa will be STRONGER ", _analysis(set(CRITERIA)))
    assert unchanged["points"] == 0 and "unchanged" in unchanged["explanation"]
    provision = grade_rewrite(
        original, "A physiotherapist will see him weekly.", {"kind": "provision", "smart": None}
    )
    assert provision["points"] == 0 and "provision" in provision["explanation"]


def test_honest_attempt_needs_six_words_that_are_not_the_original() -> None:
    original = "Becca will attend a social skills group every day."
    assert not honest_attempt(original, "Becca will have friends")
    assert not honest_attempt(original, "becca will attend a social skills group every day")
    assert honest_attempt(original, "By July Becca will play with two friends at break")


def test_provision_checks_find_how_much_how_often_and_who() -> None:
    checks = load_spec("beas-jigsaw-1")["provision_checks"]
    full = check_provision("A teaching assistant works with Bea for 20 minutes twice a week.", checks)
    assert {k: v["met"] for k, v in full.items()} == {"how_much": True, "how_often": True, "who": True}
    assert full["how_much"]["evidence"] == "20 minutes"
    vague = check_provision("Bea will get support.", checks)
    assert not any(v["met"] for v in vague.values())
    assert all(v["message"] == checks[k]["missing"] for k, v in vague.items())


def test_a_jigsaw_piece_with_the_wrong_holder_earns_half() -> None:
    spec = load_spec("beas-jigsaw-1")
    piece = next(p for p in spec["pieces"] if p["role"] == "piece")
    other = next(
        h["id"] for h in spec["holders"] if h["id"] not in [piece["holder"], *piece.get("also_accept", [])]
    )
    res = grade(spec, {"pieces": {piece["id"]: {"choice": "use", "holder": other}}})
    item = next(i for i in res["items"] if i["id"] == piece["id"])
    assert item["points"] == 0.5 and not item["correct"]
    labels = {h["id"]: h["label"] for h in spec["holders"]}
    assert labels[piece["holder"]] in item["explanation"] and labels[other] in item["explanation"]


def test_the_missing_link_must_be_named_as_missing() -> None:
    spec = load_spec("follow-the-thread-1")
    part = next(
        p
        for p in spec["parts"]
        if any(None in (lk["need"], lk["outcome"], lk["provision"]) for lk in p["links"])
    )
    link = next(lk for lk in part["links"] if lk["provision"] is None)
    item_id = f"{part['case']}/{link['aspiration']}/provision"
    named = grade(spec, {"links": {part["case"]: {link["aspiration"]: {"provision": "missing"}}}})
    assert next(i for i in named["items"] if i["id"] == item_id)["correct"]
    guessed = grade(
        spec, {"links": {part["case"]: {link["aspiration"]: {"provision": part["provision"][0]["id"]}}}}
    )
    item = next(i for i in guessed["items"] if i["id"] == item_id)
    assert not item["correct"] and "missing one" in item["explanation"]


# Any JSON value at all, as a damaged file or a hand-edited answers object might hold.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


def _keyed_garbage(spec: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Garbage placed under the real keys and item ids, which is where a crash would hide."""
    right = right_answers(spec)
    return st.fixed_dictionaries(
        {
            key: st.one_of(JSON, st.fixed_dictionaries({i: JSON for i in list(value)[:4]}))
            for key, value in right.items()
        }
    )


@pytest.mark.parametrize("exercise_id", ALL_GRADED)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_answers_at_all_are_graded_without_raising(exercise_id: str, data: st.DataObject) -> None:
    spec = load_spec(exercise_id)
    answers = data.draw(st.one_of(JSON, _keyed_garbage(spec)))
    # None would mean "run the analyser": any other value must be coped with.
    sensible = st.just(_full(spec) if spec["type"] == "fix" else {})
    analyses = data.draw(st.one_of(JSON.filter(lambda x: x is not None), sensible))
    for reveal in (True, False):
        res = grade(spec, answers, analyses if spec["type"] == "fix" else None, reveal=reveal)
        assert 0 <= res["score"] <= res["max"]
        assert all(isinstance(i["explanation"], str) and i["explanation"] for i in res["items"])
        json.dumps(res)  # the result can always be written to a feedback file


def test_report_states_the_score_and_a_line_per_item(tmp_path: Path) -> None:
    spec = load_spec("sort-statements-1")
    answers = half_answers(spec)
    write_answers(tmp_path / "sort-statements-1.json", spec["id"], "sort", answers)
    expected = grade(spec, answers)
    text = report("sort-statements-1", tmp_path)
    lines = text.splitlines()
    assert lines[0].startswith(f"sort-statements-1: {expected['score']} out of {expected['max']}")
    assert len(lines) == 1 + len(spec["items"])
    assert sum(line.startswith("- ") and "Correct" in line for line in lines) == expected["score"]


def test_report_explains_a_missing_or_unusable_file_instead_of_raising(tmp_path: Path) -> None:
    assert "No answers saved yet" in report("sort-statements-1", tmp_path)
    (tmp_path / "sort-statements-1.json").write_text("{not json", encoding="utf-8")
    text = report("sort-statements-1", tmp_path)
    assert "could not be marked" in text and "not valid JSON" in text


@pytest.mark.parametrize("exercise_id", sorted(eid for eid, s in all_specs().items() if s["type"] == "fix"))
def test_with_the_real_analyser_model_answers_earn_full_marks_and_originals_do_not(exercise_id: str) -> None:
    """The content and the analyser agree: a model answer is SMART and person-centred, an original is not."""
    spec = load_spec(exercise_id)
    model = grade(spec, {"drafts": {r["id"]: r["model_answer"] for r in spec["rounds"]}})
    assert model["score"] == model["max"], [i["explanation"] for i in model["items"] if not i["correct"]]
    from send_outcomes.analysis import analyse

    for rnd in spec["rounds"]:
        verdict = grade_rewrite("", rnd["original"], analyse(rnd["original"]).to_dict())
        assert verdict["points"] < 1, rnd["id"]
