"""The graded assignments of the course: which exercises each holds, how its marks are split, what is marked
by hand.

The assignments themselves (titles, prompts, model answers, marks) are data, in ``data/assignments.json``
with its schema beside the exercise schema; this module checks that file once, at import, and turns it into
the frozen dataclasses below. That is the single description the whole nbgrader side works from. The source
notebooks are generated from it and the assessment specs (never edited by hand), the nbgrader configuration
names its answers files, the demo class submits to it, and the leak check knows from it which strings must
never reach a learner.
Assessment specs are separate from the practice specs, whose keys are public on the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from send_outcomes import specs  # first: it keeps jsonschema's slow optional import out of the kernel
from send_outcomes.specs import Draft202012Validator

ASSIGNMENTS_FILE = specs.DATA / "assignments.json"
SCHEMA_FILE = specs.DATA / "schema" / "assignments.schema.json"


@dataclass(frozen=True)
class TestCell:
    """One hidden, auto-graded test: the items of ``exercise`` whose ``part`` matches (None: all items).

    ``part`` is an item's ``part`` field (jigsaw: "piece" or "provision") or an item id (a fix round), so a
    trainer sees a separate mark per part in formgrader.
    """

    exercise: str
    part: str | None
    title: str


@dataclass(frozen=True)
class WrittenAnswer:
    """A short answer the learner types into the notebook, marked by the trainer against ``model_answer``."""

    grade_id: str
    prompt: str
    model_answer: str
    points: int


@dataclass(frozen=True)
class TrainerMark:
    """A manually graded task: the trainer's overall judgement of work saved by a widget."""

    grade_id: str
    prompt: str
    points: int


@dataclass(frozen=True)
class Assignment:
    name: str  # nbgrader's assignment id: the folder name under source/, release/, submitted/
    notebook: str  # the notebook's file name without .ipynb
    title: str
    exercises: tuple[str, ...]
    tests: tuple[TestCell, ...]
    written: tuple[WrittenAnswer, ...] = field(default_factory=tuple)
    tasks: tuple[TrainerMark, ...] = field(default_factory=tuple)

    @property
    def notebook_file(self) -> str:
        return f"{self.notebook}.ipynb"

    def answers_files(self) -> list[str]:
        """The answers files a submission should hold, relative to the assignment folder."""
        return [f"answers/{eid}.json" for eid in self.exercises]


class AssignmentsError(ValueError):
    """The assignments file is missing, is not valid JSON, breaks its schema or names something missing."""


def _where(path: list[str | int]) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "(top level)"


def _reference_problems(data: dict[str, Any]) -> list[str]:
    """Checks the schema cannot express: unique names and grade ids, exercises that exist and are listed."""
    problems: list[str] = []
    installed = {p.stem for p in (specs.EXERCISES / "assessment").glob("*.json")}
    names: set[str] = set()
    for i, a in enumerate(data["assignments"]):
        where = f"/assignments/{i}"
        if a["name"] in names:
            problems.append(f"{where}/name: {a['name']!r} is used twice")
        names.add(a["name"])
        for j, eid in enumerate(a["exercises"]):
            if eid not in installed:
                problems.append(
                    f"{where}/exercises/{j}: no assessment exercise {eid!r} in data/exercises/assessment"
                )
        for j, test in enumerate(a["tests"]):
            if test["exercise"] not in a["exercises"]:
                problems.append(
                    f"{where}/tests/{j}/exercise: {test['exercise']!r} is not one of {where}/exercises"
                )
        grade_ids = [m["grade_id"] for m in [*a.get("written", []), *a.get("tasks", [])]]
        problems += [
            f"{where}: grade id {g!r} is used twice" for g in sorted(set(grade_ids)) if grade_ids.count(g) > 1
        ]
    return problems


def load(path: Path = ASSIGNMENTS_FILE) -> dict[str, Assignment]:
    """The assignments in ``path``, by name in course order, after checking every one against the schema.

    A mistake in the file is reported with its JSON path (``/assignments/0/written/0/points: ...``) when the
    package is imported, not later as a notebook with a missing cell in front of a trainer.
    """
    data = specs.read_json(path, AssignmentsError)
    schema = specs.read_json(SCHEMA_FILE, AssignmentsError)
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    problems = [f"{_where(list(e.absolute_path))}: {e.message}" for e in errors] or _reference_problems(data)
    if problems:
        raise AssignmentsError(f"{path}: invalid assignments\n  " + "\n  ".join(problems))
    return {
        a["name"]: Assignment(
            name=a["name"],
            notebook=a["notebook"],
            title=a["title"],
            exercises=tuple(a["exercises"]),
            tests=tuple(TestCell(**t) for t in a["tests"]),
            written=tuple(WrittenAnswer(**w) for w in a.get("written", [])),
            tasks=tuple(TrainerMark(**t) for t in a.get("tasks", [])),
        )
        for a in data["assignments"]
    }


ASSIGNMENTS: dict[str, Assignment] = load()
SORTING = ASSIGNMENTS["sorting"]
FIXING = ASSIGNMENTS["fixing-outcomes"]
JIGSAW = ASSIGNMENTS["jigsaw"]
THREAD = ASSIGNMENTS["golden-thread"]


def get(name: str) -> Assignment:
    """The assignment called ``name``; a ValueError listing the known ones otherwise."""
    try:
        return ASSIGNMENTS[name]
    except KeyError:
        raise ValueError(f"no assignment {name!r}; the assignments are: {', '.join(ASSIGNMENTS)}") from None


def select(names: list[str] | None) -> list[Assignment]:
    """The named assignments (all of them when ``names`` is empty or None), in course order."""
    return [get(n) for n in names] if names else list(ASSIGNMENTS.values())
