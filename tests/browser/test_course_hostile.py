"""A hostile class, from hand-in to report: nothing from outside a submission gets in, nothing is lost, no
learner's script runs in any page the trainer or a learner opens, and the grades CSV is safe in a spreadsheet.

The class is the demo class (send_outcomes/course/demo.py) handed back the way a careless or hostile group
might: one folder per learner with no assignment named, some folders holding the assignment's folder and
some the notebook directly; learner ids that a spreadsheet would read as formulas (``=1+1``, ``@SUM(A1)``,
``+cmd``); links to /etc/passwd, to the answer key and to /dev/zero; a FIFO; a 100 MB answers file (sparse,
so it costs no disk); script and remote images in markdown cells; a folder that is itself a link; and a
hand-in that is older than the submission already collected. The course then runs as a trainer runs it:
collect --from, autograde, feedback, report; hand marks; report again. Every feedback and report page is
opened in Chromium, served from 127.0.0.1, to prove no script ran and no request left the page's origin,
and checked with axe-core (WCAG 2.2 AA).
"""

from __future__ import annotations

import csv
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from send_outcomes.course import assignments, demo, preflight, runner, session
from send_outcomes.course.report.cli import main as report_main
from send_outcomes.specs import spec_paths

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NAMES = ["sorting", "jigsaw"]
# demo learner id -> the id this learner hands in under
IDS = {
    "001-all-right": "=1+1",
    "002-all-right-no-reasoning": "@SUM(A1)",
    "003-mostly-right": "+cmd",
    "004-half-right": "ada",
    "005-few-right": "ben",
    "006-all-wrong": "cat",
}
HOSTILE_MARKDOWN = (
    "My reasons. <script>console.log('HOSTILE-RAN'); window.hostileRan = 1; alert('x')</script>\n\n"
    "<img src=x onerror=\"console.log('HOSTILE-RAN'); window.hostileRan = 1\">\n\n"
    "<svg onload=\"console.log('HOSTILE-RAN'); window.hostileRan = 1\"></svg>\n\n"
    "[a link](javascript:window.hostileRan=1) ![remote](http://evil.example/pixel.png)\n\n"
    '<iframe src="http://evil.example/frame"></iframe>'
    '<link rel="stylesheet" href="http://evil.example/x.css">'
    "<style>@import url(http://evil.example/y.css);</style>"
)
PASSWD_MARK = b"root:x:0:0"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # as tests/browser/conftest.py
OLD_STAMP = "2026-12-01 10:00:00.000000 UTC"


@dataclass
class Session:
    root: Path
    handed: Path
    said: list[str]
    collect_status: int
    expected: dict[tuple[str, str], float]  # (learner, assignment) -> automatic marks
    cat_answers: bytes  # cat's collected sorting answers before the older hand-in arrived
    reports: dict[str, Path]


def _hand_in(source: Path, target: Path) -> None:
    shutil.copytree(source, target)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Session:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "course"
    said: list[str] = []
    assert session.init(root, NAMES, say=said.append) == 0
    assert session.generate(root, NAMES, say=said.append) == 0

    # The demo class, written into a scratch copy of the course, is what the learners hand back.
    scratch = base / "scratch"
    shutil.copytree(root, scratch)
    cls = demo.make_class(scratch, len(IDS), seed=0, assignments=NAMES)
    done = scratch / "submitted"
    expected = {
        (IDS[d], a): cls.expected_scores(a)[d] for d in IDS for a in NAMES if d in cls.expected_scores(a)
    }
    handed = base / "handed-in"
    handed.mkdir()
    key = spec_paths()["sort-statements-a1"]

    # "=1+1": both assignments in their folders; links to /etc/passwd and to the key in place of its files.
    learner = handed / "=1+1"
    for a in NAMES:
        _hand_in(done / "001-all-right" / a, learner / a)
    os.symlink("/etc/passwd", learner / "sorting" / "notes.txt")
    public = learner / "sorting" / "exercise-data" / "sort-statements-a1.json"
    public.unlink()
    os.symlink(key, public)
    os.symlink(key, learner / "sorting" / "answers" / "key.json")

    # "@SUM(A1)": the sorting notebook straight in the folder; a link to /dev/zero and a FIFO beside it.
    learner = handed / "@SUM(A1)"
    _hand_in(done / "002-all-right-no-reasoning" / "sorting", learner)
    os.symlink("/dev/zero", learner / "zero.ipynb")
    os.symlink("/dev/zero", learner / "answers" / "zero.json")
    os.mkfifo(learner / "answers" / "pipe.json")
    del expected[("@SUM(A1)", "jigsaw")]  # handed in sorting only

    # "+cmd": both; the jigsaw answers file is 100 MB (sparse), so it is left behind and scores nothing.
    learner = handed / "+cmd"
    for a in NAMES:
        _hand_in(done / "003-mostly-right" / a, learner / a)
    big = learner / "jigsaw" / "answers" / "beas-jigsaw-a1.json"
    big.unlink()
    with big.open("wb") as f:
        f.truncate(100_000_000)
    expected[("+cmd", "jigsaw")] = 0.0

    # "ada": script, event handlers, remote images and styles in her written answer and in a cell of her own.
    learner = handed / "ada"
    for a in NAMES:
        _hand_in(done / "004-half-right" / a, learner / a)
    nb_path = learner / "sorting" / assignments.SORTING.notebook_file
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = HOSTILE_MARKDOWN
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(HOSTILE_MARKDOWN))
    nbformat.write(nb, nb_path)

    # "ben": the jigsaw notebook straight in the folder.
    _hand_in(done / "005-few-right" / "jigsaw", handed / "ben")
    del expected[("ben", "sorting")]

    # "cat": already collected (with nbgrader's timestamp); hands in an older copy with nothing saved.
    for a in NAMES:
        _hand_in(done / "006-all-wrong" / a, root / "submitted" / "cat" / a)
        (root / "submitted" / "cat" / a / "timestamp.txt").write_text(OLD_STAMP, encoding="utf-8")
    cat_answers = (
        root / "submitted" / "cat" / "sorting" / "answers" / "sort-statements-a1.json"
    ).read_bytes()
    _hand_in(done / "006-all-wrong" / "sorting", handed / "cat" / "sorting")
    shutil.rmtree(handed / "cat" / "sorting" / "answers")
    (handed / "cat" / "sorting" / "answers").mkdir()

    # A learner "folder" that is a link to /etc.
    os.symlink("/etc", handed / "dan")

    collect_status = session.collect(root, None, handed, say=said.append)  # no assignment named
    assert session.autograde(root, NAMES, show_progress=False, say=said.append) == 0, "\n".join(said)
    assert session.feedback(root, NAMES, say=said.append) == 0, "\n".join(said)
    reports = {}
    for a in NAMES:
        out = root / "reports" / a
        assert report_main([a, "--course-dir", str(root), "--out", str(out)]) == 0
        reports[a] = out
    return Session(root, handed, said, collect_status, expected, cat_answers, reports)


def _walk(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            yield p, p.lstat()


def test_collect_names_what_it_left_behind_and_why(hostile: Session) -> None:
    said = "\n".join(hostile.said)
    assert hostile.collect_status == 1  # something was left behind: the trainer is told
    for line in (
        "skipped =1+1/sorting/notes.txt: a symbolic link",
        "skipped =1+1/sorting/exercise-data/sort-statements-a1.json: a symbolic link",
        "skipped =1+1/sorting/answers/key.json: a symbolic link",
        "skipped @SUM(A1)/zero.ipynb: a symbolic link",
        "skipped @SUM(A1)/answers/zero.json: a symbolic link",
        "skipped @SUM(A1)/answers/pipe.json: a named pipe (FIFO)",
        "skipped +cmd/jigsaw/answers/beas-jigsaw-a1.json: too large (100,000,000 bytes",
        "skipped dan: a symbolic link",
        "kept cat/sorting as it was: the handed-in copy is not newer",
    ):
        assert line in said, f"{line!r} missing from:\n{said}"


def test_nothing_from_outside_a_submission_is_in_the_course(hostile: Session) -> None:
    keys = preflight.key_strings(assignments.SORTING)
    total = 0
    for path, st in _walk(hostile.root):
        assert not stat.S_ISLNK(st.st_mode), f"a link in the course: {path}"
        assert stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode), f"not a file: {path}"
        if stat.S_ISREG(st.st_mode):
            total += st.st_size
            assert PASSWD_MARK not in path.read_bytes(), f"/etc/passwd content in {path}"
    assert total < 30_000_000, f"the course folder holds {total:,} bytes"
    # What learners hand in or are handed back holds no key text (autograded/ holds the hidden tests and
    # the class report explains each item to the trainer: both are the trainer's).
    for folder in ("submitted", "feedback", "set-aside", "reports/sorting/learners"):
        assert preflight.find_leaks(hostile.root / folder, keys) == [], f"key text in {folder}/"


def test_every_learner_is_marked_and_nothing_is_lost(hostile: Session) -> None:
    for a in NAMES:
        marks = runner.scores(hostile.root, assignments.get(a))
        handed = {learner for learner, name in hostile.expected if name == a}
        assert set(marks) == handed | {"cat"}, f"{a}: marked {sorted(marks)}"
        for learner in handed:
            assert marks[learner].auto == pytest.approx(hostile.expected[(learner, a)]), (learner, a)
        for learner in marks:
            page = hostile.root / "feedback" / learner / a / assignments.get(a).notebook_file
            assert page.with_suffix(".html").is_file(), f"no feedback for {learner}/{a}"
    # cat's collected submission stands (and is what was marked); the older hand-in is kept aside.
    kept = hostile.root / "submitted" / "cat" / "sorting" / "answers" / "sort-statements-a1.json"
    assert kept.read_bytes() == hostile.cat_answers
    assert (
        runner.scores(hostile.root, assignments.SORTING)["cat"].auto == hostile.expected[("cat", "sorting")]
    )
    aside = list((hostile.root / "set-aside" / "sorting").glob("not-newer-cat-*"))
    assert len(aside) == 1 and (aside[0] / assignments.SORTING.notebook_file).is_file()
    # the learners' own folders are untouched by collecting
    assert (
        hostile.handed / "+cmd" / "jigsaw" / "answers" / "beas-jigsaw-a1.json"
    ).stat().st_size == 100_000_000


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _spreadsheet_safe(rows: list[list[str]]) -> None:
    """No cell a spreadsheet would evaluate: any cell starting like a formula must be a plain number."""
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # raises for anything but a number


def test_the_grades_csv_is_safe_and_says_the_totals_are_provisional(hostile: Session) -> None:
    rows = _rows(hostile.reports["sorting"] / "grades.csv")
    _spreadsheet_safe(rows)
    assert rows[0][0] == "ID number" and sorted(rows[0][1:3]) == ["jigsaw", "sorting"]
    assert rows[0][3] == "Provisional"
    col = rows[0].index("sorting")
    by_id = {r[0]: r for r in rows[1:]}
    assert {"'=1+1", "'@SUM(A1)", "'+cmd", "ada", "cat"} <= set(by_id)
    # learners who wrote the short answer wait for the trainer's mark; one who wrote nothing does not
    assert by_id["'=1+1"][3] == "sorting" and by_id["ada"][3] == "sorting"
    assert by_id["'@SUM(A1)"][3] == "no"
    page = (hostile.reports["sorting"] / "report.html").read_text(encoding="utf-8")
    assert "Provisional totals" in page

    # The trainer gives every hand mark, as Formgrader records it; then the totals are final.
    api = runner.make_api(hostile.root)
    gb = api.gradebook
    try:
        for submission in gb.find_assignment("sorting").submissions:
            for nb in submission.notebooks:
                for grade in nb.grades:
                    if grade.needs_manual_grade:
                        grade.manual_score = 2
                        grade.needs_manual_grade = False
        gb.db.commit()
    finally:
        gb.close()
    said: list[str] = []
    session.scores(hostile.root, ["sorting"], say=said.append)
    assert "to mark" not in "\n".join(said) and "Every hand mark is in" in said[-1]
    out = hostile.root / "reports" / "sorting-final"
    assert report_main(["sorting", "--course-dir", str(hostile.root), "--out", str(out)]) == 0
    rows = _rows(out / "grades.csv")
    _spreadsheet_safe(rows)
    assert [r[3] for r in rows[1:]] == ["no"] * (len(rows) - 1)
    final = {r[0]: r for r in rows[1:]}
    assert float(final["'=1+1"][col]) == float(by_id["'=1+1"][col]) + 2  # the hand mark is in the total
    assert "these totals are final" in (out / "report.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(hostile: Session, serve_folder: Callable[[Path], AbstractContextManager[str]]) -> Iterator[str]:
    """The course folder on 127.0.0.1, as a trainer's or learner's browser would reach the pages."""
    with serve_folder(hostile.root) as base:
        yield base


def test_no_script_runs_and_nothing_leaves_any_page(hostile: Session, served: str, browser: Browser) -> None:
    pages = sorted(p for folder in ("feedback", "reports") for p in (hostile.root / folder).rglob("*.html"))
    assert len(pages) >= 12  # every learner's feedback, two reports, their learner summaries
    ctx = browser.new_context()
    try:
        for path in pages:
            page = ctx.new_page()
            requests: list[str] = []
            console: list[str] = []
            dialogs: list[str] = []
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            page.on("console", lambda m, seen=console: seen.append(m.text))
            page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            rel = path.relative_to(hostile.root).as_posix()
            page.goto(f"{served}/{quote(rel)}", wait_until="load")
            page.wait_for_timeout(200)
            offsite = [
                u
                for u in requests
                if urlsplit(u).scheme not in ("data", "about", "blob") and not u.startswith(served + "/")
            ]
            assert offsite == [], f"{rel}: requests left the page's origin: {offsite}"
            assert not [c for c in console if "HOSTILE" in c], f"{rel}: a learner's script ran"
            assert dialogs == [], f"{rel}: a dialog opened"
            assert page.evaluate("() => window.hostileRan === undefined"), f"{rel}: a learner's script ran"
            assert page.locator("script").count() == 0, f"{rel}: the page carries a script"
            found = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = [f"{v['id']}: {v['nodes'][0]['target']}" for v in found.response["violations"]]
            assert violations == [], f"{rel}: accessibility: {violations}"
            if rel.startswith("feedback/ada/sorting/"):
                # the learner's text is there to read, as text
                assert "<script>console.log('HOSTILE-RAN')" in page.inner_text("body")
            page.close()
    finally:
        ctx.close()
