"""The whole report, built from a course folder (nbgrader gradebook + answers files) by the CLI's ``main``.

The class is the package's simulated one (``send_outcomes.course.report.simulate``) written as a real nbgrader
gradebook. The expected numbers are counted here straight from the learners' answers and the raw spec files,
not through the statistics code under test.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from send_outcomes.course.report.cli import main
from send_outcomes.course.report.collect import collect
from send_outcomes.course.report.simulate import simulated_class, write_course

ROOT = Path(__file__).resolve().parents[2]
ASSESSMENT = ROOT / "send_outcomes" / "data" / "exercises" / "assessment"
ASSIGNMENT = "outcomes-assessed"


class Images(HTMLParser):
    """Every <img> of a page with its attributes, and all visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("course")
    record = simulated_class(30, seed=11, assignment=ASSIGNMENT)
    write_course(record, folder)  # the last learner's sort answers file is damaged on purpose
    return folder, record


@pytest.fixture(scope="module")
def report(course: tuple[Path, object], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = course
    out = tmp_path_factory.mktemp("report")
    assert (
        main(
            [
                ASSIGNMENT,
                "--course-dir",
                str(folder),
                "--out",
                str(out),
                "--book-url",
                "https://example.org/course/",
            ]
        )
        == 0
    )
    return out


def expected_confusions(record: object) -> dict[tuple[str, str], int]:
    """(right kind, placed as) -> placements, counted from the answers as written to disk."""
    kinds = {
        i["id"]: i["kind"] for i in json.loads((ASSESSMENT / "sort-statements-a1.json").read_text())["items"]
    }
    counts: dict[tuple[str, str], int] = {}
    damaged = record.learners[-1].id
    for learner in record.learners:
        placements = (
            {}
            if learner.id == damaged
            else learner.answers.get("sort-statements-a1", {}).get("placements", {})
        )
        for item, kind in kinds.items():
            key = (kind, placements.get(item, "not placed"))
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_collect_reads_every_learner_and_lists_the_damaged_file(course: tuple[Path, object]) -> None:
    folder, record = course
    found = collect(folder, ASSIGNMENT)
    assert [x.id for x in found.graded] == [x.id for x in record.learners]
    assert [x.score for x in found.graded] == pytest.approx([x.score for x in record.learners])
    damaged = found.learners[-1]
    assert "sort-statements-a1" not in damaged.answers
    assert any("sort-statements-a1.json" in p and "not valid JSON" in p for p in damaged.problems)
    # Every other problem is a file the learner never wrote, listed as not answered.
    for mine, theirs in zip(found.learners[:-1], record.learners[:-1], strict=True):
        unanswered = sorted(set(record.specs) - set(theirs.answers))
        assert mine.problems == [
            f"answers/{e}.json not found, so it counts as not answered" for e in unanswered
        ]
    assert any(x.problems for x in found.learners[:-1])  # the simulated class does skip some exercises
    assert found.max_score == record.max_score


def test_report_confusion_table_matches_the_answers(course: tuple[Path, object], report: Path) -> None:
    _, record = course
    page = (report / "report.html").read_text(encoding="utf-8")
    table = page.split("Placements: right kind (rows) by where placed (columns)</caption>")[1].split(
        "</table>"
    )[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table)
    header = ["aspiration", "need", "outcome", "provision", "target", "not placed"]
    expected = expected_confusions(record)
    assert len(rows) == 5
    for label, cells in rows:
        numbers = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', cells)]
        assert numbers == [expected.get((label.lower(), col), 0) for col in header], label
    # The damaged file counts as "not placed" for all 15 statements of that learner.
    assert sum(v for (k, g), v in expected.items() if g == "not placed") >= 15


def test_report_lists_the_most_missorted_statement_with_its_reason(
    course: tuple[Path, object], report: Path
) -> None:
    _, record = course
    items = json.loads((ASSESSMENT / "sort-statements-a1.json").read_text())["items"]
    damaged = record.learners[-1].id
    wrong = {
        i["id"]: sum(
            1
            for x in record.learners
            if x.id != damaged
            and i["id"] in x.answers.get("sort-statements-a1", {}).get("placements", {})
            and x.answers["sort-statements-a1"]["placements"][i["id"]] != i["kind"]
        )
        for i in items
    }
    top = max(items, key=lambda i: wrong[i["id"]])
    page = (report / "report.html").read_text(encoding="utf-8")
    discuss = page.split("Statements to discuss")[1]
    first_row = discuss.split("<tbody>")[1].split("</tr>")[0]
    assert wrong[top["id"]] > 0
    assert f'<td class="n">{wrong[top["id"]]}</td>' in first_row
    from html import escape

    assert escape(top["why"]) in first_row


def test_every_figure_is_written_with_alt_text_and_no_learner_named(
    course: tuple[Path, object], report: Path
) -> None:
    _, record = course
    parser = Images()
    parser.feed((report / "report.html").read_text(encoding="utf-8"))
    assert len(parser.images) == 6  # scores, confusion, missorted, criteria, jigsaw, thread
    for img in parser.images:
        assert img["alt"] and len(img["alt"]) > 40
        assert (report / str(img["src"])).is_file()
        assert (report / str(img["src"])).with_suffix(".png").is_file()
    svgs = list((report / "figures").glob("*.svg"))
    assert len(svgs) == 6
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        for learner in record.learners:
            assert learner.id not in text and learner.name not in text and learner.email not in text


def test_names_appear_only_when_asked_and_are_escaped(course: tuple[Path, object], tmp_path: Path) -> None:
    folder, record = course
    db = folder / "gradebook.db"
    copy = tmp_path / "course"
    import shutil

    shutil.copytree(folder, copy)
    with sqlite3.connect(copy / "gradebook.db") as con:  # a name a browser must not run
        con.execute(
            "UPDATE student SET first_name = '<script>alert(1)</script>' WHERE id = ?",
            (record.learners[0].id,),
        )
    assert db.is_file()
    out = tmp_path / "named"
    assert main([ASSIGNMENT, "--course-dir", str(copy), "--out", str(out), "--names"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    svg = (out / "figures" / "learners.svg").read_text(encoding="utf-8")
    assert "Learner 2" in svg and "&lt;script&gt;" in svg
    summary = (out / "learners" / f"{record.learners[0].id}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary and "<script>" not in summary


def test_grades_csv_has_one_row_per_learner_for_moodle(course: tuple[Path, object], report: Path) -> None:
    _, record = course
    with (report / "grades.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Email address", ASSIGNMENT, "Provisional"]
    assert len(rows) == 1 + len(record.learners)
    assert {r[2] for r in rows[1:]} == {"no"}  # every cell autograded: nothing waits for a hand mark
    assert "these totals are final" in (report / "report.html").read_text(encoding="utf-8")
    by_email = {r[0]: float(r[1]) for r in rows[1:]}
    for learner in record.learners:
        assert by_email[learner.email] == pytest.approx(learner.score, abs=0.005)


def test_learner_summaries_link_into_the_book(course: tuple[Path, object], report: Path) -> None:
    _, record = course
    files = sorted((report / "learners").glob("*.html"))
    assert [f.stem for f in files] == sorted(x.id for x in record.learners)
    links = []
    for f in files:
        parser = Images()
        parser.feed(f.read_text(encoding="utf-8"))
        links += parser.links
    assert links and all(h.startswith("https://example.org/course/book/") for h in links)
    # Every link points at a chapter and a heading that exist in the book's sources.
    for href in set(links):
        page, anchor = href.removeprefix("https://example.org/course/").split("#")
        source = ROOT / page.replace(".html", ".md")
        slugs = {
            re.sub(r"[^a-z0-9]+", "-", line.lstrip("#").strip().lower()).strip("-")
            for line in source.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        }
        assert anchor in slugs, href


def test_a_class_of_one_gives_a_complete_report(tmp_path: Path) -> None:
    record = simulated_class(1, seed=3, assignment=ASSIGNMENT)
    write_course(record, tmp_path / "course", damage=False)
    out = tmp_path / "out"
    assert main([ASSIGNMENT, "--course-dir", str(tmp_path / "course"), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "1 learner with a graded submission" in page
    # The class scores, then the charts of each exercise the learner answered (a simulated learner now and
    # then leaves one untouched): two for sorting, one for each of the others.
    per_type = {"sort": 2, "fix": 1, "jigsaw": 1, "thread": 1}
    answered = record.learners[0].answers
    assert len(list((out / "figures").glob("*.svg"))) == 1 + sum(
        per_type[record.specs[eid]["type"]] for eid in answered
    )
    assert len(list((out / "learners").glob("*.html"))) == 1


def test_no_gradebook_or_unknown_assignment_is_a_plain_message(
    course: tuple[Path, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = course
    assert main(["anything", "--course-dir", str(tmp_path)]) == 2
    assert "no gradebook here" in capsys.readouterr().err
    assert main(["no-such-assignment", "--course-dir", str(folder), "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "no assignment 'no-such-assignment'" in err and ASSIGNMENT in err
    (tmp_path / "gradebook.db").write_text("not a database", encoding="utf-8")
    assert main(["anything", "--course-dir", str(tmp_path)]) == 2
    assert "could not be read" in capsys.readouterr().err


def test_the_report_never_writes_to_the_gradebook(course: tuple[Path, object], report: Path) -> None:
    folder, _ = course
    before = (folder / "gradebook.db").read_bytes()
    assert main([ASSIGNMENT, "--course-dir", str(folder), "--out", str(report.parent / "again")]) == 0
    assert (folder / "gradebook.db").read_bytes() == before
