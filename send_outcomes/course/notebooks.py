"""Generate each assignment's master (source) notebook from the assessment specs.

One master per assignment, written by this module and never edited by hand (the idea otter-grader uses):
nbgrader's ``generate_assignment`` turns it into the released notebook, and a test checks that the
committed ``exercises/source`` is exactly what this module makes.

The cells and their nbgrader roles:

- read-only cells (locked; nbgrader restores them from the master at autograde, so an edited widget or
  instruction cell does no harm): the introduction, each exercise's story and instructions, and the cell
  that shows the widget, ``exercise("<id>")``;
- autograded test cells (locked, with points): a visible ``progress(...)`` line and, between nbgrader's
  hidden-test markers, ``mark(...)``, which prints per-item feedback and returns the partial credit;
- written answers (markdown solution cells, marked by hand): the model answer lives only here, in the
  master; nbgrader replaces it with "YOUR ANSWER HERE" on release;
- trainer tasks (markdown task cells, marked by hand).

Nothing in a master notebook holds the answer key: the key stays in the package's assessment specs and is
read only by ``mark`` when nbgrader runs the hidden tests. The widget and ``progress`` read the public copy
of each spec released beside the notebook (``exercise-data/<id>.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from send_outcomes.course.assignments import Assignment, TestCell
from send_outcomes.grading import grade
from send_outcomes.notebook_markdown import story
from send_outcomes.specs import DATA, PUBLIC_DIR, load_spec, public_spec

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"

# What the notebook says around the exercises is course text, kept with the rest of the content as data.
TEXT: dict[str, str] = json.loads((DATA / "text" / "assignment_notebook.json").read_text(encoding="utf-8"))
INTRO = TEXT["intro"]

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = True,
    task: bool = False,
    points: float | None = None,
) -> dict[str, Any]:
    nb: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": task,
    }
    if points is not None:
        nb["points"] = points
    out: dict[str, Any] = {"nbgrader": nb}
    if locked and not task:
        out["deletable"] = False
        out["editable"] = False
    return out


def hidden_lines(test: TestCell) -> list[str]:
    """The hidden test's code, one string per line (also what the leak check searches for)."""
    part = "None" if test.part is None else json.dumps(test.part)
    return [
        "from send_outcomes.learner.marking import mark",
        f'mark("{test.exercise}", part={part})',
    ]


def test_points(test: TestCell) -> int:
    """Each graded item is worth one point; a test cell is worth the items it covers."""
    items = grade(load_spec(test.exercise), {}, analyses={}, reveal=False)["items"]
    if test.part is None:
        return len(items)
    return len([i for i in items if i.get("part") == test.part or i["id"] == test.part])


def _exercise_cells(eid: str, tests: list[TestCell]) -> list[Any]:
    spec = public_spec(load_spec(eid))
    intro = [f"## {spec['title']}", "", spec["instructions"]]
    children = story(spec)
    if children:
        intro += ["", children]
    cells = [
        new_markdown_cell("\n".join(intro), metadata=_meta(f"{eid}-instructions")),
        new_code_cell(
            f'from send_outcomes.widgets import exercise\n\nexercise("{eid}")',
            metadata=_meta(f"{eid}-widget"),
        ),
    ]
    for test in tests:
        suffix = test.part or "all"
        source = "\n".join(
            [
                TEXT["test_comment"].format(title=test.title),
                "from send_outcomes.learner.marking import progress",
                "",
                f'progress("{eid}")',
                "",
                HIDDEN_BEGIN,
                *hidden_lines(test),
                HIDDEN_END,
            ]
        )
        cells.append(
            new_code_cell(
                source,
                metadata=_meta(f"test-{eid}-{suffix}", grade=True, points=test_points(test)),
            )
        )
    return cells


def master_notebook(assignment: Assignment) -> nbformat.NotebookNode:
    """The source notebook of ``assignment``, built from its specs."""
    cells = [new_markdown_cell(INTRO.format(title=assignment.title), metadata=_meta("introduction"))]
    for eid in assignment.exercises:
        cells += _exercise_cells(eid, [t for t in assignment.tests if t.exercise == eid])
    for written in assignment.written:
        cells.append(
            new_markdown_cell(
                f"{TEXT['written_heading']}\n\n{written.prompt}", metadata=_meta(f"{written.grade_id}-prompt")
            )
        )
        cells.append(
            new_markdown_cell(
                written.model_answer,
                metadata=_meta(
                    written.grade_id, grade=True, solution=True, locked=False, points=written.points
                ),
            )
        )
    for task in assignment.tasks:
        cells.append(
            new_markdown_cell(task.prompt, metadata=_meta(task.grade_id, task=True, points=task.points))
        )
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    # Stable cell ids: regenerating gives an identical file, so a diff shows only real changes.
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n:02d}"
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n" if not nbformat.writes(nb).endswith("\n") else nbformat.writes(nb)


def public_copy(exercise_id: str) -> str:
    """The released copy of an assessment spec: everything the widget shows, none of the key."""
    spec = public_spec(load_spec(exercise_id))
    return json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_sources(course_dir: Path, assignments: list[Assignment]) -> list[Path]:
    """Write each assignment's master notebook and the public copies of its specs; returns the paths.

    ``source/<assignment>/exercise-data/<id>.json`` is released beside the notebook, so the learner's kernel
    reads the exercise from there and never needs the keyed spec (specs.learner_spec). At autograde nbgrader
    copies it from source/ over whatever a learner left, so an edited copy changes nothing.
    """
    written = []
    for assignment in assignments:
        folder = course_dir / "source" / assignment.name
        files = {folder / assignment.notebook_file: render(master_notebook(assignment))}
        for eid in assignment.exercises:
            files[folder / PUBLIC_DIR / f"{eid}.json"] = public_copy(eid)
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
