"""A simulated class: N learners' submissions, with the score each should get, to rehearse a session.

Thirty kinds of learner, cycled to reach N (deterministic for a given seed): learners who get everything
right, some, or nothing; who answer nothing; whose answers file is missing, corrupt, in the wrong shape or
for another exercise; who edit locked cells, delete a test cell, break the notebook's JSON, rename the
notebook or leave an endless loop in it. Used by the end-to-end test, by bench/autograde.py, by the
analytics report (classes of 1 and 300) and by a trainer as ``send-outcomes course demo``.

Expected scores are worked out here, before anything is marked: from the answers each learner is given
(the same graders the hidden tests call, on the answers as a learner left them) and the damage done to their
files, which must cost a learner only what is really lost. Answers are never copied from a model answer, so
a leak check on feedback still means something.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from send_outcomes.answer_format.files import write_answers
from send_outcomes.course.assignments import Assignment, select
from send_outcomes.course.notebooks import test_points
from send_outcomes.course.synthetic import answers_for
from send_outcomes.grading import grade
from send_outcomes.specs import load_spec


@dataclass(frozen=True)
class Kind:
    name: str
    quality: str  # right | mostly | half | few | one-wrong | wrong | started | unknown-ids | none
    mishap: str = ""  # what happened to the submission's files (see _apply_mishap)
    written: bool = True  # wrote the short answer the trainer marks by hand
    usable: bool = True  # False when the mishap leaves no answers file that can be marked


KINDS: tuple[Kind, ...] = (
    Kind("all-right", "right"),
    Kind("all-right-no-reasoning", "right", written=False),
    Kind("mostly-right", "mostly"),
    Kind("half-right", "half"),
    Kind("few-right", "few"),
    Kind("all-wrong", "wrong"),
    Kind("one-wrong", "one-wrong"),
    Kind("nothing-answered", "none", written=False),
    Kind("started", "started"),
    Kind("unknown-ids", "unknown-ids"),
    Kind("answers-missing", "right", "missing-file", usable=False),
    Kind("answers-moved", "mostly", "moved-file", usable=False),
    Kind("answers-corrupt", "right", "corrupt-file", usable=False),
    Kind("answers-empty-file", "half", "empty-file", usable=False),
    Kind("answers-wrong-shape", "right", "wrong-shape", usable=False),
    Kind("answers-other-exercise", "right", "other-exercise", usable=False),
    Kind("old-copy-set-aside", "right", "set-aside-copy"),
    Kind("edited-locked-cells", "right", "edited-locked"),
    Kind("claims-full-marks", "few", "edited-locked"),
    Kind("deleted-test-cell", "mostly", "deleted-test"),
    Kind("deleted-every-cell", "half", "deleted-all"),
    Kind("invalid-notebook-json", "right", "invalid-json"),
    Kind("invalid-notebook-partly", "half", "invalid-json"),
    Kind("renamed-notebook", "right", "renamed"),
    Kind("renamed-notebook-partly", "mostly", "renamed"),
    Kind("infinite-loop", "mostly", "infinite-loop"),
    Kind("error-in-own-cell", "right", "own-error"),
    Kind("stray-files", "half", "stray-files"),
    Kind("checkpoint-folder", "one-wrong", "checkpoints"),
    Kind("all-right-again", "right"),
)

WRITTEN_ANSWER = (
    "An outcome is the difference for the child over a year or more, like Priya swimming 25 metres by "
    "Year 6. A target is a small step for this term that adults count, like Tom's bus fare tries."
)


@dataclass
class Expected:
    """What marking one learner's submission of one assignment should give."""

    auto: float  # autograded points
    auto_max: float
    written: bool  # has a written answer for the trainer to mark
    answers: dict[str, Any]  # by exercise id: the answers a hidden test can read ({} if none usable)
    repairs: list[str] = field(default_factory=list)  # what the preflight repair should report


@dataclass
class Learner:
    id: str
    kind: Kind
    expected: dict[str, Expected] = field(default_factory=dict)  # by assignment name


@dataclass
class DemoClass:
    course_dir: Path
    learners: list[Learner]

    def expected_scores(self, assignment: str) -> dict[str, float]:
        return {ln.id: ln.expected[assignment].auto for ln in self.learners if assignment in ln.expected}

    def to_json(self) -> dict[str, Any]:
        return {
            ln.id: {
                "kind": ln.kind.name,
                "assignments": {
                    name: {
                        "auto": e.auto,
                        "auto_max": e.auto_max,
                        "written": e.written,
                        "repairs": e.repairs,
                        "answers": e.answers,
                    }
                    for name, e in ln.expected.items()
                },
            }
            for ln in self.learners
        }


def kinds_for(n: int) -> list[Kind]:
    """The kinds of ``n`` learners: the thirty kinds in order, cycled."""
    return [KINDS[i % len(KINDS)] for i in range(n)]


# ---- submissions -------------------------------------------------------------------------------------------
def _write_notebook(path: Path, nb: nbformat.NotebookNode) -> None:
    path.write_text(nbformat.writes(nb), encoding="utf-8")


def _fill_written(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "markdown":
            cell.source = WRITTEN_ANSWER


def _apply_mishap(kind: Kind, folder: Path, assignment: Assignment, rng: random.Random) -> list[str]:
    """Damage the submission as this kind of learner does; returns the repairs the preflight should make."""
    nb_path = folder / assignment.notebook_file
    mishap = kind.mishap
    first = assignment.exercises[0]
    answers = folder / "answers" / f"{first}.json"
    if mishap == "missing-file":
        for path in (folder / "answers").glob("*.json"):
            path.unlink()
    elif mishap == "moved-file":
        (folder / "my work").mkdir()
        for path in (folder / "answers").glob("*.json"):
            path.rename(folder / "my work" / path.name)
    elif mishap == "corrupt-file":
        answers.write_text(answers.read_text(encoding="utf-8")[:40], encoding="utf-8")
    elif mishap == "empty-file":
        answers.write_text("", encoding="utf-8")
    elif mishap == "wrong-shape":
        data = json.loads(answers.read_text(encoding="utf-8"))
        first_key = sorted(data["answers"])[0]
        data["answers"][first_key] = ["not", "the", "right", "shape"]
        answers.write_text(json.dumps(data), encoding="utf-8")
    elif mishap == "other-exercise":
        data = json.loads(answers.read_text(encoding="utf-8"))
        data["exercise"] = "sort-statements-1"
        answers.write_text(json.dumps(data), encoding="utf-8")
    elif mishap == "set-aside-copy":
        (folder / "answers" / f"{first}.json.corrupt-20261101T090000").write_text("{ half a file", "utf-8")
    elif mishap in ("edited-locked", "deleted-test", "deleted-all", "infinite-loop", "own-error"):
        nb = nbformat.read(nb_path, as_version=4)
        if mishap == "edited-locked":
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if meta.get("grade") and cell.cell_type == "code":
                    cell.source = f"{float(meta.get('points', 1))}  # full marks, surely"
                elif meta.get("locked") and cell.cell_type == "code":
                    cell.source = "print('I changed this cell')"
        elif mishap == "deleted-test":
            tests = [
                c
                for c in nb.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade") and c.cell_type == "code"
            ]
            nb.cells.remove(rng.choice(tests))
        elif mishap == "deleted-all":
            nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get("nbgrader", {}).get("locked")]
        elif mishap == "infinite-loop":
            nb.cells.insert(2, nbformat.v4.new_code_cell("# trying something\nwhile True:\n    pass"))
        else:
            nb.cells.insert(2, nbformat.v4.new_code_cell("print(undefined_name)"))
        _write_notebook(nb_path, nb)
        return {
            "deleted-test": ["restored 1 deleted test cell"],
            "deleted-all": ["restored deleted test cells"],
        }.get(mishap, [])
    elif mishap == "invalid-json":
        text = nb_path.read_text(encoding="utf-8")
        nb_path.write_text(text[: len(text) // 2], encoding="utf-8")
        return ["replaced an unreadable notebook"]
    elif mishap == "renamed":
        nb_path.rename(folder / f"{assignment.notebook}-Copy1.ipynb")
        return ["renamed the notebook back"]
    elif mishap == "stray-files":
        (folder / "notes.txt").write_text("my notes", encoding="utf-8")
        (folder / "answers" / "scratch.json").write_text("{}", encoding="utf-8")
    elif mishap == "checkpoints":
        (folder / ".ipynb_checkpoints").mkdir()
        shutil.copy(nb_path, folder / ".ipynb_checkpoints" / f"{assignment.notebook}-checkpoint.ipynb")
    return []


def _expected(kind: Kind, assignment: Assignment, answers: dict[str, dict[str, Any]]) -> tuple[float, float]:
    """Autograded points by the same graders the hidden tests use, on the answers that can be read."""
    auto = 0.0
    for test in assignment.tests:
        if not kind.usable:
            continue
        result = grade(load_spec(test.exercise), answers.get(test.exercise, {}), reveal=False)
        items = [
            i
            for i in result["items"]
            if test.part is None or i.get("part") == test.part or i["id"] == test.part
        ]
        auto += round(sum(i["points"] for i in items), 4)
    return round(auto, 4), float(sum(test_points(t) for t in assignment.tests))


def make_class(
    course_dir: Path,
    learners: int = 30,
    seed: int = 0,
    assignments: list[str] | None = None,
) -> DemoClass:
    """Write ``learners`` submissions of each assignment into ``course_dir/submitted`` (release/ must exist).

    Learner ids are ``NNN-<kind>`` so a trainer rehearsing a session can see at a glance who is who.
    """
    course_dir = Path(course_dir)
    chosen = select(assignments)
    people: list[Learner] = []
    for index, kind in enumerate(kinds_for(learners)):
        learner = Learner(f"{index + 1:03d}-{kind.name}", kind)
        for assignment in chosen:
            rng = random.Random(f"{seed}/{learner.id}/{assignment.name}")
            release = course_dir / "release" / assignment.name
            if not (release / assignment.notebook_file).exists():
                raise FileNotFoundError(f"{release} has no {assignment.notebook_file}: generate it first")
            folder = course_dir / "submitted" / learner.id / assignment.name
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(release, folder)
            nb = nbformat.read(folder / assignment.notebook_file, as_version=4)
            if kind.written:
                _fill_written(nb)
            _write_notebook(folder / assignment.notebook_file, nb)
            saved: dict[str, dict[str, Any]] = {}
            for eid in assignment.exercises:
                answers = answers_for(eid, kind.quality, rng)
                if answers:
                    spec_type = load_spec(eid)["type"]
                    write_answers(folder / "answers" / f"{eid}.json", eid, spec_type, answers)
                    saved[eid] = answers
            repairs = _apply_mishap(kind, folder, assignment, rng)
            auto, auto_max = _expected(kind, assignment, saved)
            usable = saved if kind.usable else {}
            lost_written = kind.mishap == "invalid-json"
            learner.expected[assignment.name] = Expected(
                auto,
                auto_max,
                kind.written and bool(assignment.written) and not lost_written,
                usable,
                repairs,
            )
        people.append(learner)
    demo = DemoClass(course_dir, people)
    (course_dir / "demo-expected.json").write_text(
        json.dumps(demo.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return demo
