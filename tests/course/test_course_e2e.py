"""A whole marking session through nbgrader: generate → 30 simulated learners → autograde → feedback.

The class holds every kind of learner in send_outcomes/course/demo.py (all right, partly right, nothing
answered, missing / corrupt / wrong-shaped answers files, edited locked cells, a deleted test cell, invalid
notebook JSON, a renamed notebook, an endless loop, ...) on every assignment. The test drives the same
functions as `send-outcomes course ...` and checks: every learner gets the mark worked out in advance and a
feedback file explaining each item; the batch never stops; no key string, hidden test or model answer is
anywhere in release/ or feedback/. Slow (a minute or two): it starts about 120 kernels.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from send_outcomes.answer_format.files import write_answers
from send_outcomes.course import assignments, demo, preflight, runner, session
from send_outcomes.grading import grade
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.slow
LEARNERS = 30  # as in tests/conftest.py's marked_demo_class


@pytest.fixture
def marked(marked_demo_class):
    """The demo class's course marked end to end (tests/conftest.py); the session's output lines."""
    m = marked_demo_class
    return m.root, m.cls, m.said


def _text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", list(assignments.ASSIGNMENTS))
def test_every_learner_gets_the_expected_mark(marked, name):
    root, cls, _ = marked
    marks = runner.scores(root, assignments.get(name))
    expected = cls.expected_scores(name)
    assert len(expected) == LEARNERS
    got = {learner: marks[learner].auto for learner in expected if learner in marks}
    assert got == pytest.approx(expected), "learners marked differently from the expected"
    a = assignments.get(name)
    for learner in expected:
        assert marks[learner].auto_max == cls.learners[0].expected[name].auto_max
        assert marks[learner].manual_max == sum(w.points for w in a.written) + sum(t.points for t in a.tasks)


def test_marks_spread_from_nothing_to_everything(marked):
    _, cls, _ = marked
    for name in assignments.ASSIGNMENTS:
        expected = cls.expected_scores(name)
        top = cls.learners[0].expected[name].auto_max
        assert expected["001-all-right"] == top
        assert expected["008-nothing-answered"] == 0
        assert 0 < expected["004-half-right"] < top
        # damaged notebooks cost nothing; damaged answers files cost that exercise
        assert expected["022-invalid-notebook-json"] == top
        assert expected["024-renamed-notebook"] == top
        assert expected["018-edited-locked-cells"] == top
        assert expected["019-claims-full-marks"] < top
        assert expected["013-answers-corrupt"] == 0


@pytest.mark.parametrize("name", list(assignments.ASSIGNMENTS))
def test_every_learner_has_feedback_explaining_each_item(marked, name):
    root, cls, _ = marked
    a = assignments.get(name)
    items = sum(len(grade(load_spec(e), {}, analyses={}, reveal=False)["items"]) for e in a.exercises)
    for learner in cls.learners:
        page = root / "feedback" / learner.id / name / f"{a.notebook}.html"
        assert page.exists(), f"no feedback for {learner.id}"
        text = _text(page)
        assert text.count("Your answer:") == items, learner.id
        if not learner.kind.usable:
            assert "nothing could be marked" in text or "No answers were saved" in text, learner.id


def test_nothing_secret_in_release_or_feedback(marked):
    root, _, _ = marked
    for a in assignments.select(None):
        keys = preflight.key_strings(a)
        assert len(keys) >= 4
        assert preflight.find_leaks(root / "release" / a.name, keys) == []
        leaks = [(p, k) for p, k in preflight.find_leaks(root / "feedback", keys) if a.name in p.parts]
        assert leaks == []
    for page in (root / "feedback").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text and "learner.marking import mark" not in _text(page)
    assert not list((root / "release").rglob("answers"))


def test_the_endless_loop_was_interrupted_and_the_rest_still_marked(marked):
    root, cls, _ = marked
    learner = next(ln for ln in cls.learners if ln.kind.mishap == "infinite-loop")
    nb = nbformat.read(root / "autograded" / learner.id / "sorting" / "sort-statements.ipynb", as_version=4)
    loop = next(c for c in nb.cells if "while True" in c.source)
    assert any(o.get("output_type") == "error" for o in loop.outputs)
    assert runner.scores(root, assignments.SORTING)[learner.id].auto == learner.expected["sorting"].auto > 0


def test_repairs_were_reported(marked):
    root, cls, said = marked
    report = "\n".join(said)
    assert "6 repaired" in report
    final = preflight.preflight(root, assignments.SORTING)
    assert final.exit_code() == 1  # some learners' answers files cannot be marked: reported, not fatal
    unusable = {s.student for s in final.submissions if any(f.level == "warning" for f in s.findings)}
    assert unusable == {ln.id for ln in cls.learners if not ln.kind.usable or ln.kind.quality == "none"}


def test_answers_left_in_source_never_replace_a_learners(marked, tmp_path):
    """The trainer ran the master notebook after release: nbgrader must not copy that key over answers."""
    root, cls, _ = marked
    eid = "sort-statements-a1"
    key = demo.answers_for(eid, "right", __import__("random").Random(0))
    write_answers(root / "source" / "sorting" / "answers" / f"{eid}.json", eid, "sort", key)
    try:
        learner = "007-one-wrong"
        [outcome] = runner.autograde(root, assignments.SORTING, learners=[learner], workers=1)
        assert outcome.ok
        assert (
            runner.scores(root, assignments.SORTING)[learner].auto == cls.expected_scores("sorting")[learner]
        )
        assert session.generate(root, ["sorting"], say=lambda _: None) == 2  # refuses to release the key
    finally:
        shutil.rmtree(root / "source" / "sorting" / "answers")


@pytest.mark.parametrize("name", list(assignments.ASSIGNMENTS))
def test_run_all_goes_through_before_anything_is_answered(marked, name, tmp_path):
    root, _, _ = marked
    a = assignments.get(name)
    folder = tmp_path / name
    shutil.copytree(root / "release" / name, folder)
    nb = nbformat.read(folder / a.notebook_file, as_version=4)
    NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error" or o.get("name") == "stderr"]
    assert sum("Nothing saved yet" in o.get("text", "") for o in outputs) == len(a.tests)
    assert not (folder / "answers").exists(), "running the notebook must not write an answers file"
