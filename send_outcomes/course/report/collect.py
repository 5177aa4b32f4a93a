"""Read what a report needs from an nbgrader course: the gradebook's scores and each learner's answers files.

A class report is run after a session, often in a hurry, on whatever the learners left behind. So nothing a
learner submitted can stop it: a missing answers file counts as "not answered", a damaged one is listed (with
the reason) in the report as not answered, and a learner with no graded submission is reported apart rather
than scored zero. The gradebook is read through nbgrader's own API from a temporary copy, so the report never
writes to (or locks) the trainer's database, even while an autograde is still running.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from send_outcomes.answer_format.files import AnswersFileError, answers_path, read_answers
from send_outcomes.course.config import ensure_tools_on_path
from send_outcomes.specs import Spec, SpecError, load_spec, spec_paths


@dataclass
class Learner:
    """One learner as the report sees them. ``name`` and ``email`` are only shown when the trainer asks."""

    id: str
    name: str = ""
    email: str = ""
    score: float | None = None  # this assignment's total in the gradebook; None: no graded submission
    notebooks: dict[str, float] = field(default_factory=dict)  # notebook name -> score
    cells: dict[str, float] = field(default_factory=dict)  # "notebook/grade cell" -> score
    grades: dict[str, float | None] = field(default_factory=dict)  # every assignment -> total, for export
    pending: list[str] = field(default_factory=list)  # assignments whose total still waits for hand marks
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # exercise id -> answers
    problems: list[str] = field(default_factory=list)  # answers files missing or unusable, with the reason


@dataclass
class ClassRecord:
    """Everything one report is built from: the assignment, its exercises (with keys) and the learners."""

    assignment: str
    max_score: float
    specs: dict[str, Spec]
    learners: list[Learner]
    assignments: list[str] = field(default_factory=list)  # every assignment in the gradebook, in order
    notes: list[str] = field(default_factory=list)  # things the trainer should know about the data

    @property
    def graded(self) -> list[Learner]:
        """The learners with a graded submission: the class the figures describe."""
        return [learner for learner in self.learners if learner.score is not None]

    @property
    def provisional(self) -> list[Learner]:
        """Graded learners whose total of this assignment still waits for a hand mark (so may rise)."""
        return [x for x in self.graded if self.assignment in x.pending]

    @property
    def ungraded(self) -> list[Learner]:
        """Learners in the gradebook with no graded submission of this assignment (listed apart)."""
        return [learner for learner in self.learners if learner.score is None]

    def answers_for(self, exercise_id: str) -> list[dict[str, Any]]:
        """One answers dict per graded learner ({} for "not answered"), in learner order."""
        return [learner.answers.get(exercise_id, {}) for learner in self.graded]


class CourseDataError(ValueError):
    """The course folder cannot be reported on at all (no gradebook, unknown assignment)."""


def assessment_ids() -> list[str]:
    """The assessed exercises the package knows (practice specs are public, so never assessed)."""
    return sorted(i for i, p in spec_paths().items() if p.parent.name == "assessment")


def exercises_in(course_dir: Path, assignment: str) -> list[str]:
    """The assessed exercises an assignment uses: those its source notebooks name, else those submitted.

    Reading the source is what makes an exercise nobody answered still appear in the report (as "not
    answered" by all), which is itself worth a trainer's attention.
    """
    known = assessment_ids()
    source = course_dir / "source" / assignment
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(source.rglob("*.ipynb")))
    found = [i for i in known if i in text]
    if found:
        return found
    seen = {p.stem for p in (course_dir / "submitted").glob(f"*/{assignment}/answers/*.json")}
    return [i for i in known if i in seen]


def read_learner_answers(
    submission: Path, exercise_ids: list[str], specs: dict[str, Spec]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The usable answers in one submission folder, and a line for each file that could not be used."""
    answers: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for eid in exercise_ids:
        path = answers_path(submission / "answers", eid)
        if not path.is_file():
            problems.append(f"answers/{eid}.json not found, so it counts as not answered")
            continue
        try:
            found = read_answers(path, eid, specs[eid]["type"])
        except AnswersFileError as exc:
            problems.append(
                f"answers/{eid}.json could not be used, so it counts as not answered: "
                f"{str(exc).replace(str(path) + ': ', '')}"
            )
            continue
        if found:
            answers[eid] = found
    return answers, problems


@contextmanager
def open_gradebook(db: Path) -> Iterator[Any]:
    """nbgrader's Gradebook on ``db``, closed and its engine disposed afterwards.

    nbgrader runs the ``alembic`` command when it creates a database (see ``ensure_tools_on_path``).
    """
    from nbgrader.api import Gradebook  # imported here: nbgrader is slow to import

    ensure_tools_on_path()
    gb = Gradebook(f"sqlite:///{db}")
    try:
        yield gb
    finally:
        gb.close()
        gb.engine.dispose()


def read_gradebook(db: Path, assignment: str) -> tuple[list[Learner], float, list[str]]:
    """Learners (with every assignment's total), this assignment's maximum score, and all assignment names."""
    from sqlalchemy.exc import SQLAlchemyError  # with nbgrader's Gradebook: only when a gradebook is read

    with tempfile.TemporaryDirectory(prefix="send-outcomes-report-") as tmp:
        copy = Path(tmp) / "gradebook.db"
        shutil.copyfile(db, copy)
        try:
            return _read_rows(copy, db, assignment)
        except SQLAlchemyError as exc:
            raise CourseDataError(
                f"{db}: the gradebook could not be read ({type(exc).__name__}: {str(exc).splitlines()[0]})"
            ) from None


def _read_rows(copy: Path, db: Path, assignment: str) -> tuple[list[Learner], float, list[str]]:
    """The body of read_gradebook, on the temporary copy (``db`` is only named in messages)."""
    with open_gradebook(copy) as gb:
        names = [a.name for a in gb.assignments]
        if assignment not in names:
            listed = ", ".join(names) or "none"
            raise CourseDataError(
                f"{db}: no assignment {assignment!r} in the gradebook (it has: {listed}). "
                "Has it been autograded?"
            )
        maximum = float(gb.find_assignment(assignment).max_score)
        # One pass over each assignment's submissions (not one query per learner per assignment): this is
        # what keeps a class of 300 quick.
        totals: dict[str, dict[str, float]] = {}
        waiting: dict[str, set[str]] = {}  # assignment -> learners with a cell still to mark by hand
        for other in names:
            subs = gb.find_assignment(other).submissions
            totals[other] = {sub.student_id: float(sub.score) for sub in subs}
            waiting[other] = {sub.student_id for sub in subs if _needs_hand_mark(sub)}
        submissions = {sub.student_id: sub for sub in gb.find_assignment(assignment).submissions}
        learners = []
        for student in gb.students:
            name = " ".join(x for x in (student.first_name, student.last_name) if x)
            learner = Learner(id=student.id, name=name, email=student.email or "")
            learner.grades = {other: totals[other].get(student.id) for other in names}
            learner.pending = [other for other in names if student.id in waiting[other]]
            sub = submissions.get(student.id)
            if sub is not None:
                learner.score = float(sub.score)
                for nb in sub.notebooks:
                    learner.notebooks[nb.name] = float(nb.score)
                    for grade in nb.grades:
                        learner.cells[f"{nb.name}/{grade.name}"] = float(grade.score)
            learners.append(learner)
    return sorted(learners, key=lambda x: x.id), maximum, names


def _needs_hand_mark(submission: Any) -> bool:
    """Whether any cell of a submission still waits for the trainer (nbgrader's ``needs_manual_grade``)."""
    return any(grade.needs_manual_grade for nb in submission.notebooks for grade in nb.grades)


def collect(course_dir: str | Path, assignment: str) -> ClassRecord:
    """Read one assignment of an nbgrader course folder into a ClassRecord (see the module docstring)."""
    course = Path(course_dir)
    db = course / "gradebook.db"
    if not db.is_file():
        raise CourseDataError(
            f"{db}: no gradebook here. Give the course folder with --course-dir, and autograde first."
        )
    learners, maximum, names = read_gradebook(db, assignment)
    notes: list[str] = []
    ids = exercises_in(course, assignment)
    specs: dict[str, Spec] = {}
    for eid in ids:
        try:
            specs[eid] = load_spec(eid)
        except SpecError as exc:
            notes.append(f"Exercise {eid} left out: {exc}")
    known = {x.id for x in learners}
    for folder in sorted((course / "submitted").glob(f"*/{assignment}")):
        if folder.parent.name not in known:
            notes.append(
                f"A submission from {folder.parent.name} is not in the gradebook (not autograded yet?); "
                "it is left out."
            )
    for learner in learners:
        submission = course / "submitted" / learner.id / assignment
        if submission.is_dir():
            learner.answers, learner.problems = read_learner_answers(submission, list(specs), specs)
        elif learner.score is not None:
            learner.problems.append("no submission folder, so every exercise counts as not answered")
    if not specs:
        notes.append(f"No assessed exercise was found in source/{assignment} or in the submissions.")
    return ClassRecord(assignment, maximum, specs, learners, names, notes)
