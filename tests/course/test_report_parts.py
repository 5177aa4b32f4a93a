"""The report's parts on small in-memory classes: learner summaries, the grades CSV, figures, the CLI hook."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

from send_outcomes.course.report import figures
from send_outcomes.course.report.build import build_report, make_charts
from send_outcomes.course.report.cli import register
from send_outcomes.course.report.collect import ClassRecord, Learner
from send_outcomes.course.report.export import choose_identifier, write_grades_csv
from send_outcomes.course.report.learners import learner_points, render_learner
from send_outcomes.course.report.summary import summarise
from send_outcomes.specs import load_spec

ROOT = Path(__file__).resolve().parents[2]
SORT = "sort-statements-a1"


def sort_items() -> list[dict]:
    path = ROOT / "send_outcomes" / "data" / "exercises" / "assessment" / f"{SORT}.json"
    return json.loads(path.read_text(encoding="utf-8"))["items"]


def sort_record(learners: list[Learner], assignments: list[str] | None = None) -> ClassRecord:
    return ClassRecord("sorting", 15.0, {SORT: load_spec(SORT)}, learners, assignments or ["sorting"])


def test_a_learner_summary_names_kinds_to_revisit_and_never_a_statement() -> None:
    placements = {i["id"]: i["kind"] for i in sort_items()}
    provision = [i["id"] for i in sort_items() if i["kind"] == "provision"]
    for pid in provision[:2]:
        placements[pid] = "outcome"
    learner = Learner("learner-1", name="Ada Example", score=13.0, answers={SORT: {"placements": placements}})
    record = sort_record([learner])
    points = learner_points(record, learner, {})
    (entry,) = points
    assert "You placed every aspiration correctly." in entry["well"]
    assert "You placed every provision correctly." not in entry["well"]
    assert entry["revisit"] == [
        (
            f"{len(provision) - 2} of {len(provision)} statements that are provision were placed right; "
            "you read some as outcome (2).",
            "provision",
        )
    ]
    page = render_learner(record, learner, points, book_url="https://example.org/site/")
    assert 'href="https://example.org/site/book/04-outcomes-provision-targets.html#common-confusions"' in page
    assert "learner-1" in page and "Ada Example" not in page  # names only when asked for
    assert "Ada Example" in render_learner(record, learner, points, names=True)
    for item in sort_items():  # the summary gives no item of the assessment away
        assert item["text"] not in page and item["why"] not in page
    assert "13 out of 15 (87%)" in page


def test_grades_csv_uses_id_number_when_an_email_is_missing(tmp_path: Path) -> None:
    learners = [
        Learner("ann", email="ann@example.org", score=12.5, grades={"sorting": 12.5, "jigsaw": 7.0}),
        Learner("bob", email="", score=None, grades={"sorting": None, "jigsaw": 3.25}),
    ]
    record = sort_record(learners, ["sorting", "jigsaw"])
    assert choose_identifier(record) == "idnumber"
    column, warnings = write_grades_csv(record, tmp_path / "g.csv")
    rows = list(csv.reader((tmp_path / "g.csv").open(encoding="utf-8", newline="")))
    assert column == "ID number" and warnings == []
    assert rows == [
        ["ID number", "sorting", "jigsaw", "Provisional"],
        ["ann", "12.5", "7", "no"],
        ["bob", "", "3.25", "no"],
    ]
    column, warnings = write_grades_csv(record, tmp_path / "e.csv", identifier="email")
    rows = list(csv.reader((tmp_path / "e.csv").open(encoding="utf-8", newline="")))
    assert column == "Email address" and rows[1][0] == "ann@example.org" and len(rows) == 2
    assert warnings == ["bob has no email address in the gradebook, so is not in the CSV."]
    with pytest.raises(ValueError, match="auto, email or idnumber"):
        choose_identifier(record, "username")


def test_grades_csv_marks_provisional_totals_and_neutralises_formulas(tmp_path: Path) -> None:
    learners = [
        Learner("=1+1", score=10.0, grades={"sorting": 10.0, "jigsaw": 4.0}, pending=["sorting"]),
        Learner("@SUM(A1)", score=12.0, grades={"sorting": 12.0, "jigsaw": None}),
        Learner("+cmd", score=11.0, grades={"sorting": 11.0, "jigsaw": 2.0}, pending=["sorting", "jigsaw"]),
        Learner("-2", score=-1.0, grades={"sorting": -1.0, "jigsaw": None}),
        Learner("\tx", score=1.0, grades={"sorting": 1.0, "jigsaw": None}),
        Learner("ann", score=9.0, grades={"sorting": 9.0, "jigsaw": None}),
    ]
    record = sort_record(learners, ["sorting", "jigsaw"])
    _, warnings = write_grades_csv(record, tmp_path / "g.csv")
    rows = list(csv.reader((tmp_path / "g.csv").open(encoding="utf-8", newline="")))
    assert rows == [
        ["ID number", "sorting", "jigsaw", "Provisional"],
        ["'=1+1", "10", "4", "sorting"],
        ["'@SUM(A1)", "12", "", "no"],
        ["'+cmd", "11", "2", "sorting; jigsaw"],
        ["'-2", "-1", "", "no"],  # a mark is a number, and stays one
        ["'\tx", "1", "", "no"],
        ["ann", "9", "", "no"],
    ]
    assert len(warnings) == 5 and "'=1+1'" in warnings[0] and "will not match a Moodle user" in warnings[0]


def test_figures_name_nobody_unless_asked_and_say_their_numbers_in_alt_text() -> None:
    placements = {i["id"]: i["kind"] for i in sort_items()}
    first = sort_items()[0]
    wrong = dict(placements, **{first["id"]: "target" if first["kind"] != "target" else "need"})
    learners = [
        Learner("zed-1", name="Zed One", score=15.0, answers={SORT: {"placements": placements}}),
        Learner("zed-2", name="Zed Two", score=14.0, answers={SORT: {"placements": wrong}}),
    ]
    summary = summarise(sort_record(learners))
    charts = make_charts(summary)
    assert set(charts["class"]) == {"scores"}
    alt = charts[SORT]["confusion"].alt
    assert alt.startswith("Confusion matrix of statement kinds: 29 of 30 placements were right.")
    assert f"“{first['text']}”" in charts[SORT]["missorted"].alt
    for section in charts.values():
        for chart in section.values():
            svg = figures.svg_text(chart.figure)
            assert "Zed" not in svg and "zed-" not in svg
    named = make_charts(summary, {"zed-1": "Zed One", "zed-2": "Zed Two"}, [("zed-1", 15.0), ("zed-2", 14.0)])
    assert "Zed Two: 14" in named["class"]["learners"].alt
    assert "Zed One" in figures.svg_text(named["class"]["learners"].figure)


def test_an_exercise_nobody_answered_still_gets_a_report(tmp_path: Path) -> None:
    record = sort_record([Learner("a", score=0.0), Learner("b", score=0.0)])
    report = build_report(record, tmp_path)
    page = report.html.read_text(encoding="utf-8")
    assert "Answered by 0 of 2." in page
    assert "not placed" in report.summary["exercises"][SORT]["matrix"]["columns"]
    assert report.summary["exercises"][SORT]["matrix"]["counts"][0][-1] == 2 * 3  # 3 aspirations, 2 learners


def test_register_adds_report_to_the_course_subcommands() -> None:
    parser = argparse.ArgumentParser(prog="send-outcomes course")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    args = parser.parse_args(["report", "sorting", "--names", "--book-url", "https://x.example/"])
    assert args.command == "report" and args.assignment == "sorting"
    assert (
        args.names is True and args.book_url == "https://x.example/" and args.course_dir == Path("exercises")
    )
    assert callable(args.func)


def test_book_links_default_to_the_book_built_on_this_computer(tmp_path: Path) -> None:
    from send_outcomes.course.report.learners import CHAPTERS, book_link, default_book_url

    repo = tmp_path / "repo"
    course = repo / "exercises"
    course.mkdir(parents=True)
    (repo / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (repo / "_toc.yml").write_text("root: index\n", encoding="utf-8")
    url, note = default_book_url(course)
    assert url == (repo / "_build" / "html").as_uri() + "/" and "not built yet" in note
    site = repo / "_build" / "html"
    for path, _ in CHAPTERS.values():
        page = site / path.split("#")[0]
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>", encoding="utf-8")
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    url, note = default_book_url(course)
    assert "built on this computer" in note
    from urllib.parse import urlparse

    for key in CHAPTERS:  # every link a summary can hold opens a page of that built site
        href, _ = book_link(key, url)
        assert Path(urlparse(href).path).is_file()
