"""The report's numbers on classes whose answers are known by construction.

Each test builds a small class by hand (who put which statement where), works out the expected counts from
that construction and the raw spec files, and checks the statistics functions against them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from send_outcomes.course.report import stats
from send_outcomes.specs import load_spec

ROOT = Path(__file__).resolve().parents[2]
ASSESSMENT = ROOT / "send_outcomes" / "data" / "exercises" / "assessment"


def raw(name: str) -> dict:
    return json.loads((ASSESSMENT / f"{name}.json").read_text(encoding="utf-8"))


def all_right_sort() -> dict[str, str]:
    return {item["id"]: item["kind"] for item in raw("sort-statements-a1")["items"]}


def sort_class() -> list[dict]:
    """10 learners, all right except: a1-01 (provision) read as outcome by 7 and as target by 2, left unplaced
    by 1; a1-04 (a target) read as outcome by 4."""
    learners = []
    for k in range(10):
        placements = all_right_sort()
        if k < 7:
            placements["a1-01"] = "outcome"
        elif k < 9:
            placements["a1-01"] = "target"
        else:
            del placements["a1-01"]
        if k < 4:
            placements["a1-04"] = "outcome"
        learners.append({"placements": placements})
    return learners


def test_the_constructed_statements_have_the_kinds_the_test_assumes() -> None:
    kinds = all_right_sort()
    assert kinds["a1-01"] == "provision" and kinds["a1-04"] == "target"
    assert sorted(set(kinds.values())) == ["aspiration", "need", "outcome", "provision", "target"]


def test_confusion_matrix_counts_each_placement_once() -> None:
    spec = load_spec("sort-statements-a1")
    m = stats.confusion_matrix(spec, sort_class())
    per_kind = {k: list(all_right_sort().values()).count(k) for k in m["kinds"]}
    cell = {(k, c): m["counts"][i][j] for i, k in enumerate(m["kinds"]) for j, c in enumerate(m["columns"])}
    assert cell[("provision", "outcome")] == 7
    assert cell[("provision", "target")] == 2
    assert cell[("provision", stats.NOT_PLACED)] == 1
    assert cell[("provision", "provision")] == 10 * per_kind["provision"] - 10
    assert cell[("target", "outcome")] == 4
    assert cell[("target", "target")] == 10 * per_kind["target"] - 4
    for kind in ("aspiration", "need", "outcome"):
        assert cell[(kind, kind)] == 10 * per_kind[kind]
    # Every placement lands in exactly one cell.
    assert sum(map(sum, m["counts"])) == 10 * len(all_right_sort())
    assert stats.top_confusions(m)[:2] == [
        {"kind": "provision", "given": "outcome", "count": 7},
        {"kind": "target", "given": "outcome", "count": 4},
    ]


def test_most_missorted_statements_come_first_with_their_reason() -> None:
    spec = load_spec("sort-statements-a1")
    rows = stats.missorted_statements(spec, sort_class())
    first, second = rows[0], rows[1]
    items = {i["id"]: i for i in raw("sort-statements-a1")["items"]}
    assert (first["id"], first["wrong"], first["unplaced"]) == ("a1-01", 9, 1)
    assert [(p["kind"], p["count"]) for p in first["placed_as"]] == [("outcome", 7), ("target", 2)]
    assert first["why"] == items["a1-01"]["why"]
    assert (second["id"], second["wrong"]) == ("a1-04", 4)
    assert all(r["wrong"] == 0 and r["unplaced"] == 0 for r in rows[2:])


def outcome_verdict(**missed: bool) -> dict:
    smart = dict.fromkeys(("specific", "measurable", "achievable", "time_bound"), True)
    smart.update({k: False for k in missed if k != "person_centred"})
    return {"kind": "outcome", "smart": smart, "person_centred": "person_centred" not in missed}


def test_criteria_missed_counts_only_rewrites_that_were_written() -> None:
    spec = load_spec("fix-the-outcome-a1")
    rounds = [r["id"] for r in spec["rounds"]]
    answers = [
        {
            "drafts": {r: f"A new rewrite for {r} that is long enough." for r in rounds}
        },  # all 5, no time frame
        {"drafts": {rounds[0]: "A good rewrite with everything in it."}},  # 1, all met
        {},  # nothing written
        {"drafts": {rounds[1]: "Staff will give a quiet room every lunchtime."}},  # reads as provision
        {"drafts": {rounds[2]: spec["rounds"][2]["original"]}},  # unchanged: not an attempt
    ]
    analyses = [
        {r: outcome_verdict(time_bound=True) for r in rounds},
        {rounds[0]: outcome_verdict()},
        {},
        {rounds[1]: {"kind": "provision", "smart": None, "person_centred": None}},
        {rounds[2]: outcome_verdict(specific=True, person_centred=True)},
    ]
    c = stats.criteria_missed(spec, answers, analyses)
    assert c["written"] == 5 + 1 + 1
    assert c["not_outcome"] == 1
    assert c["not_written"] == 5 * len(answers) - c["written"]
    assert c["missed"] == {
        "specific": 1,
        "measurable": 1,
        "achievable": 1,
        "time_bound": 5 + 1,
        "person_centred": 1,
    }
    assert c["ranked"][0] == "time_bound"
    by_round = {r["id"]: r for r in c["rounds"]}
    assert by_round[rounds[1]]["missed"]["time_bound"] == 2
    assert by_round[rounds[2]]["written"] == 1 and by_round[rounds[2]]["not_written"] == 4


def all_right_jigsaw() -> dict:
    pieces = {}
    for p in raw("beas-jigsaw-a1")["pieces"]:
        pieces[p["id"]] = (
            {"choice": "use", "holder": p["holder"]} if p["role"] == "piece" else {"choice": "aside"}
        )
    return {"pieces": pieces}


def test_jigsaw_pieces_misplaced_by_kind_of_mistake() -> None:
    spec = load_spec("beas-jigsaw-a1")
    pieces = {p["id"]: p for p in raw("beas-jigsaw-a1")["pieces"]}
    assert pieces["piece-3"]["holder"] == "physio" and pieces["piece-2"]["role"] == "distractor"
    assert "teacher" in pieces["piece-5"]["also_accept"]
    learners = []
    for k in range(6):
        a = all_right_jigsaw()
        if k < 3:
            a["pieces"]["piece-3"] = {"choice": "use", "holder": "ot"}
        if k < 2:
            a["pieces"]["piece-2"] = {"choice": "use", "holder": ""}
        if k == 0:
            del a["pieces"]["piece-7"]
            a["pieces"]["piece-1"] = {"choice": "use", "holder": ""}
        if k == 5:
            a["pieces"]["piece-5"] = {"choice": "use", "holder": "teacher"}  # also accepted: not a mistake
        learners.append(a)
    rows = {r["id"]: r for r in stats.jigsaw_misplaced(spec, learners)}
    assert (rows["piece-3"]["wrong_holder"], rows["piece-3"]["misplaced"]) == (3, 3)
    assert rows["piece-3"]["wrong_holders"] == [{"holder": "Occupational therapist", "count": 3}]
    assert (rows["piece-2"]["wrong_choice"], rows["piece-2"]["misplaced"]) == (2, 2)
    assert rows["piece-7"]["undecided"] == 1 and rows["piece-7"]["misplaced"] == 0
    assert rows["piece-1"]["no_holder"] == 1
    assert rows["piece-5"]["misplaced"] == 0
    assert [r["id"] for r in stats.jigsaw_misplaced(spec, learners)][:2] == ["piece-3", "piece-2"]


def test_jigsaw_provision_counts_what_each_line_leaves_out() -> None:
    spec = load_spec("beas-jigsaw-a1")
    real = [p for p in raw("beas-jigsaw-a1")["pieces"] if p["role"] == "piece"]
    full = {p["id"]: p["model_provision"] for p in real}
    vague = {p["id"]: "Help with this." for p in real[:2]}
    counts = stats.jigsaw_provision(spec, [{"provision": full}, {"provision": vague}])
    assert counts["written"] == len(real) + 2
    assert counts["blank"] == len(real) - 2
    assert counts["how_much"] == counts["how_often"] == counts["who"] == 2


def test_thread_missed_flags_the_missing_link() -> None:
    spec = load_spec("follow-the-thread-a1")
    part = raw("follow-the-thread-a1")["parts"][0]
    right = {
        link["aspiration"]: {k: link[k] or "missing" for k in ("need", "outcome", "provision")}
        for link in part["links"]
    }
    missing = next(link for link in part["links"] if link["outcome"] is None)
    learners = []
    for k in range(5):
        links = json.loads(json.dumps(right))
        if k < 4:
            links[missing["aspiration"]]["outcome"] = part["outcomes"][1]["id"]
        else:
            del links[missing["aspiration"]]["outcome"]
        learners.append({"links": {part["case"]: links}})
    rows = stats.thread_missed(spec, learners)
    top = rows[0]
    assert top["id"] == f"{part['case']}/{missing['aspiration']}/outcome"
    assert (top["wrong"], top["blank"], top["is_missing_link"]) == (4, 1, True)
    assert all(r["wrong"] == 0 and r["blank"] == 0 for r in rows[1:])


def test_score_distribution_keeps_missing_submissions_apart() -> None:
    d = stats.score_distribution([0, 5, 10, 10, None], 10)
    assert d["graded"] == 4 and d["ungraded"] == 1
    assert d["counts"][0] == 1 and d["counts"][5] == 1 and d["counts"][9] == 2
    assert sum(d["counts"]) == 4
    assert d["median"] == 7.5 and d["min"] == 0 and d["max"] == 10


@pytest.mark.parametrize("scores", [[], [None]])
def test_score_distribution_of_nobody_is_empty_not_an_error(scores: list) -> None:
    d = stats.score_distribution(scores, 10)
    assert d["graded"] == 0 and sum(d["counts"]) == 0 and d["median"] is None


def test_odd_answers_count_as_not_placed_never_crash() -> None:
    spec = load_spec("sort-statements-a1")
    odd = [{"placements": {"a1-01": 7, "a1-02": "nonsense", "zzz": "outcome"}}, {"placements": []}]
    m = stats.confusion_matrix(spec, odd)
    not_placed = m["columns"].index(stats.NOT_PLACED)
    assert sum(row[not_placed] for row in m["counts"]) == 2 * len(spec["items"])
