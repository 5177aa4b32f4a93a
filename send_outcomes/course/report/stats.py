"""The numbers behind the class report, as pure functions of plain data.

Every function here takes an exercise spec (with its answer key, from ``send_outcomes.specs.load_spec``) and a
list of answers dicts, one per learner (``{}`` for a learner who did not answer), and returns plain dicts and
lists. Nothing reads a file or draws a figure, so the tests can build a class whose counts are known by
construction and check each number, and the same numbers feed the figures, the HTML tables and the notebook.

Per-item correctness comes from the graders in ``send_outcomes.grading``: the report counts exactly what the
marks were given for, never a second opinion.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from send_outcomes.criteria import LABELS
from send_outcomes.grading import CRITERIA, grade_fix, grade_jigsaw, grade_sort, grade_thread

Answers = dict[str, Any]
NOT_PLACED = "not placed"


def score_distribution(scores: list[float | None], maximum: float, bins: int = 10) -> dict[str, Any]:
    """How the class scored: counts per band of the percentage score, plus the usual summaries.

    ``None`` is a learner with no graded submission: counted apart, never as a zero, because a missing
    submission says nothing about what the class understood.
    """
    graded = [float(s) for s in scores if s is not None]
    percents = [100 * s / maximum if maximum else 0.0 for s in graded]
    edges = [round(100 * i / bins, 6) for i in range(bins + 1)]
    counts = [0] * bins
    for p in percents:
        band = min(int(p * bins // 100), bins - 1) if p > 0 else 0
        counts[band] += 1
    return {
        "maximum": maximum,
        "graded": len(graded),
        "ungraded": len(scores) - len(graded),
        "edges": edges,
        "counts": counts,
        "mean": statistics.fmean(graded) if graded else None,
        "median": statistics.median(graded) if graded else None,
        "min": min(graded) if graded else None,
        "max": max(graded) if graded else None,
        "mean_percent": statistics.fmean(percents) if percents else None,
    }


def confusion_matrix(spec: dict[str, Any], answers: list[Answers]) -> dict[str, Any]:
    """Rows: the right kind; columns: where learners put the statement (plus "not placed").

    ``counts[i][j]`` is how many placements of statements of kind ``kinds[i]`` went under ``columns[j]``,
    summed over statements and learners, so "provision read as outcome" is one cell a trainer can point at.
    """
    kinds = [c["id"] for c in spec["categories"]]
    columns = [*kinds, NOT_PLACED]
    counts = [[0] * len(columns) for _ in kinds]
    for learner in answers:
        for item in grade_sort(spec, learner)["items"]:
            given = item["given"] if item["given"] in kinds else NOT_PLACED
            counts[kinds.index(item["expected"])][columns.index(given)] += 1
    return {
        "kinds": kinds,
        "columns": columns,
        "labels": {c["id"]: c["label"] for c in spec["categories"]} | {NOT_PLACED: "Not placed"},
        "counts": counts,
    }


def top_confusions(matrix: dict[str, Any], top: int = 5) -> list[dict[str, Any]]:
    """The largest off-diagonal cells ("provision read as outcome: 14"), largest first, ties in order."""
    cells = []
    for i, kind in enumerate(matrix["kinds"]):
        for j, given in enumerate(matrix["columns"]):
            n = matrix["counts"][i][j]
            if given != kind and given != NOT_PLACED and n:
                cells.append({"kind": kind, "given": given, "count": n})
    return sorted(cells, key=lambda c: -c["count"])[:top]


def missorted_statements(spec: dict[str, Any], answers: list[Answers]) -> list[dict[str, Any]]:
    """Every statement: how many learners misplaced it, where they most often put it, and the key's ``why``.

    Sorted most misplaced first (ties keep the order of the exercise). The ``why`` is what the trainer can
    read out in the debrief. Unplaced statements are counted apart from misplaced ones.
    """
    labels = {c["id"]: c["label"] for c in spec["categories"]}
    wrong: dict[str, Counter[str]] = {item["id"]: Counter() for item in spec["items"]}
    unplaced: Counter[str] = Counter()
    for learner in answers:
        for item in grade_sort(spec, learner)["items"]:
            if item["given"] is None or item["given"] not in labels:
                unplaced[item["id"]] += 1
            elif not item["correct"]:
                wrong[item["id"]][item["given"]] += 1
    rows = []
    for order, item in enumerate(spec["items"]):
        placed_as = wrong[item["id"]].most_common()
        rows.append(
            {
                "id": item["id"],
                "text": item["text"],
                "kind": item["kind"],
                "kind_label": labels[item["kind"]],
                "why": item["why"],
                "wrong": sum(wrong[item["id"]].values()),
                "unplaced": unplaced[item["id"]],
                "learners": len(answers),
                "placed_as": [{"kind": k, "label": labels[k], "count": n} for k, n in placed_as],
                "order": order,
            }
        )
    rows.sort(key=lambda r: (-r["wrong"], r["order"]))
    return rows


def criteria_missed(
    spec: dict[str, Any], answers: list[Answers], analyses: list[dict[str, Any]]
) -> dict[str, Any]:
    """For the fix exercise: how many rewrites missed each criterion, overall and by round.

    ``analyses[k]`` is the analyser's verdict on learner k's drafts, by round id (as
    ``send_outcomes.grading.analyse_drafts`` returns). Only rewrites a learner actually wrote are counted:
    a blank or unchanged draft is an attempt missing, not a criterion missed, and is counted apart.
    A rewrite that does not read as an outcome at all misses every criterion (that is how it is marked).
    """
    rounds = [r["id"] for r in spec["rounds"]]
    by_round = {
        r: {"written": 0, "not_written": 0, "not_outcome": 0, "missed": dict.fromkeys(CRITERIA, 0)}
        for r in rounds
    }
    for learner, found in zip(answers, analyses, strict=True):
        for item in grade_fix(spec, learner, found)["items"]:
            entry = by_round[item["id"]]
            if not item["criteria"]:
                if item["given"].strip() and "reads as" in item["explanation"]:
                    entry["written"] += 1
                    entry["not_outcome"] += 1
                    for c in CRITERIA:
                        entry["missed"][c] += 1
                else:
                    entry["not_written"] += 1
                continue
            entry["written"] += 1
            for c in CRITERIA:
                if not item["criteria"][c]:
                    entry["missed"][c] += 1
    written = sum(e["written"] for e in by_round.values())
    totals = {c: sum(e["missed"][c] for e in by_round.values()) for c in CRITERIA}
    return {
        "criteria": list(CRITERIA),
        "labels": dict(LABELS),
        "written": written,
        "not_written": sum(e["not_written"] for e in by_round.values()),
        "not_outcome": sum(e["not_outcome"] for e in by_round.values()),
        "missed": totals,
        "ranked": sorted(CRITERIA, key=lambda c: (-totals[c], CRITERIA.index(c))),
        "rounds": [
            {"id": r["id"], "focus": r.get("focus", ""), "original": r["original"], **by_round[r["id"]]}
            for r in spec["rounds"]
        ],
    }


def jigsaw_misplaced(spec: dict[str, Any], answers: list[Answers]) -> list[dict[str, Any]]:
    """Per piece: how many learners used a distractor or set aside a real piece, gave the wrong holder, or
    left it undecided; most misplaced first. Provision writing is reported apart (``jigsaw_provision``)."""
    pieces = {p["id"]: p for p in spec["pieces"]}
    holders = {h["id"]: h["label"] for h in spec["holders"]}
    tally = {pid: {"wrong_choice": 0, "wrong_holder": 0, "no_holder": 0, "undecided": 0} for pid in pieces}
    wrong_holders: dict[str, Counter[str]] = {pid: Counter() for pid in pieces}
    for learner in answers:
        for item in grade_jigsaw(spec, learner)["items"]:
            if item["part"] != "piece":
                continue
            t = tally[item["id"]]
            if item["given"] == "":
                t["undecided"] += 1
            elif item["points"] == 0:
                t["wrong_choice"] += 1
            elif item["points"] == 0.5 and item["holder"] == "":
                t["no_holder"] += 1
            elif item["points"] == 0.5:
                t["wrong_holder"] += 1
                wrong_holders[item["id"]][item["holder"]] += 1
    rows = []
    for order, (pid, piece) in enumerate(pieces.items()):
        t = tally[pid]
        rows.append(
            {
                "id": pid,
                "text": piece["text"],
                "role": piece["role"],
                "holder": holders.get(piece.get("holder") or "", ""),
                "reason": piece["reason"],
                **t,
                "misplaced": t["wrong_choice"] + t["wrong_holder"] + t["no_holder"],
                "wrong_holders": [
                    {"holder": holders.get(h, h), "count": n} for h, n in wrong_holders[pid].most_common()
                ],
                "learners": len(answers),
                "order": order,
            }
        )
    rows.sort(key=lambda r: (-r["misplaced"], r["order"]))
    return rows


def jigsaw_provision(spec: dict[str, Any], answers: list[Answers]) -> dict[str, int]:
    """How many written lines of provision left out how much, how often and who (blank ones counted apart)."""
    missing = {"how_much": 0, "how_often": 0, "who": 0, "written": 0, "blank": 0}
    for learner in answers:
        for item in grade_jigsaw(spec, learner)["items"]:
            if item["part"] != "provision":
                continue
            if not item["given"].strip():
                missing["blank"] += 1
                continue
            missing["written"] += 1
            for key, check in item["checks"].items():
                if not check["met"]:
                    missing[key] += 1
    return missing


def thread_missed(spec: dict[str, Any], answers: list[Answers]) -> list[dict[str, Any]]:
    """Per link of the golden thread: how many learners got it wrong or left it blank; most missed first.

    A link whose right answer is "missing" is the one the exercise is about, so it is flagged: a class that
    fills it with something is a class that does not yet see where a plan breaks.
    """
    expected = {}
    for part in spec["parts"]:
        for link in part["links"]:
            for key in ("need", "outcome", "provision"):
                expected[f"{part['case']}/{link['aspiration']}/{key}"] = (part, link, key)
    tally = {k: {"wrong": 0, "blank": 0} for k in expected}
    for learner in answers:
        for item in grade_thread(spec, learner)["items"]:
            if not item["given"]:
                tally[item["id"]]["blank"] += 1
            elif not item["correct"]:
                tally[item["id"]]["wrong"] += 1
    rows = []
    for order, (key, (part, link, column)) in enumerate(expected.items()):
        aspiration = next(a["text"] for a in part["aspirations"] if a["id"] == link["aspiration"])
        rows.append(
            {
                "id": key,
                "case": part["case"],
                "aspiration": aspiration,
                "link": column,
                "is_missing_link": link[column] is None,
                "why": link["why"],
                **tally[key],
                "learners": len(answers),
                "order": order,
            }
        )
    rows.sort(key=lambda r: (-(r["wrong"] + r["blank"]), r["order"]))
    return rows
