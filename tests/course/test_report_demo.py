"""The class report built from the nbgrader test's 30 simulated learners, after a real autograde.

The course is the one tests/course/test_course_e2e.py checks, marked once a session (``marked_demo_class`` in
tests/conftest.py); the report is read for the sorting and jigsaw assignments. The expected numbers are
counted here from the answers the demo class gave each learner (``Expected.answers``: what a hidden test can
read, {} when the file is unusable) and the raw spec files, independently of the statistics code; the
report's tables and figures' numbers must equal them. Slow: the marking it shares takes a minute or two.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

from send_outcomes.course import demo
from send_outcomes.course.report.cli import main
from send_outcomes.course.report.collect import collect
from send_outcomes.course.report.summary import summarise

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
ASSESSMENT = ROOT / "send_outcomes" / "data" / "exercises" / "assessment"
LEARNERS = 30


@pytest.fixture
def marked(marked_demo_class) -> tuple[Path, demo.DemoClass]:
    """The demo class marked once for the whole test session (tests/conftest.py)."""
    return marked_demo_class.root, marked_demo_class.cls


def raw(name: str) -> dict:
    return json.loads((ASSESSMENT / f"{name}.json").read_text(encoding="utf-8"))


def known_answers(cls: demo.DemoClass, assignment: str, exercise: str) -> dict[str, dict]:
    return {ln.id: ln.expected[assignment].answers.get(exercise, {}) for ln in cls.learners}


def test_confusion_matrix_of_the_demo_class(marked: tuple[Path, demo.DemoClass], tmp_path: Path) -> None:
    root, cls = marked
    kinds = {i["id"]: i["kind"] for i in raw("sort-statements-a1")["items"]}
    expected: dict[tuple[str, str], int] = {}
    for answers in known_answers(cls, "sorting", "sort-statements-a1").values():
        placements = answers.get("placements", {})
        for item, kind in kinds.items():
            key = (kind, placements.get(item, "not placed"))
            expected[key] = expected.get(key, 0) + 1
    # The demo's wrong answers are real mix-ups, so the matrix has something off the diagonal to show.
    assert any(n for (k, g), n in expected.items() if g not in (k, "not placed"))

    out = tmp_path / "report"
    assert main(["sorting", "--course-dir", str(root), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    table = page.split("Placements: right kind (rows) by where placed (columns)</caption>")[1].split(
        "</table>"
    )[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table)
    columns = ["aspiration", "need", "outcome", "provision", "target", "not placed"]
    assert [label.lower() for label, _ in rows] == columns[:5]
    for label, cells in rows:
        got = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', cells)]
        assert got == [expected.get((label.lower(), c), 0) for c in columns], label


def test_scores_and_unusable_files_of_the_demo_class(marked: tuple[Path, demo.DemoClass]) -> None:
    root, cls = marked
    record = collect(root, "sorting")
    summary = summarise(record)
    expected_scores = cls.expected_scores("sorting")
    assert summary["graded"] == LEARNERS
    assert sum(summary["scores"]["counts"]) == LEARNERS
    assert summary["scores"]["median"] == pytest.approx(statistics.median(expected_scores.values()))
    # Every learner whose answers could not be used (or who saved none) is listed, and no one else.
    nothing = {i for i, a in known_answers(cls, "sorting", "sort-statements-a1").items() if not a}
    listed = {learner for learner, _ in summary["problems"]}
    assert listed == nothing
    unusable = {ln.id for ln in cls.learners if not ln.kind.usable}
    assert unusable <= listed and len(unusable) == 6


def test_jigsaw_pieces_misplaced_in_the_demo_class(marked: tuple[Path, demo.DemoClass]) -> None:
    root, cls = marked
    pieces = raw("beas-jigsaw-a1")["pieces"]
    wrong_choice = dict.fromkeys((p["id"] for p in pieces), 0)
    wrong_holder = dict.fromkeys((p["id"] for p in pieces), 0)
    for answers in known_answers(cls, "jigsaw", "beas-jigsaw-a1").values():
        chosen = answers.get("pieces", {})
        for p in pieces:
            given = chosen.get(p["id"])
            if not given or not given.get("choice"):
                continue
            real = p["role"] == "piece"
            if (given["choice"] == "use") != real:
                wrong_choice[p["id"]] += 1
            elif real and given.get("holder") not in {p["holder"], *p.get("also_accept", [])}:
                wrong_holder[p["id"]] += 1
    assert sum(wrong_choice.values())  # (the demo's wrong answers set real pieces aside: no wrong holders)
    entry = summarise(collect(root, "jigsaw"))["exercises"]["beas-jigsaw-a1"]
    got = {r["id"]: r for r in entry["pieces"]}
    for p in pieces:
        assert got[p["id"]]["wrong_choice"] == wrong_choice[p["id"]], p["id"]
        assert got[p["id"]]["wrong_holder"] + got[p["id"]]["no_holder"] == wrong_holder[p["id"]], p["id"]
