"""Every notebook the course ships is executed once, and its outputs must match the outputs committed with it.

pytest-notebook re-runs each notebook in a scratch folder (answer files land there, not in the repository)
and diffs the fresh outputs against the stored ones, so a change in the analyser or the widgets that alters
what a learner sees shows up here as a failing diff. Regenerate stored outputs with `make notebooks`.

A practice notebook whose exercise saves answers runs with a learner's half-right answers file beside it, so
the same run also proves the round trip: the score cell prints the score the graders give those answers, and
the file is left as it was. Only the score cell's output is left out of the diff (it is checked against the
graders instead, and its stored text against what a learner with nothing saved is told). When the outputs
are regenerated, no answers file is put there: the shipped notebooks never carry a learner's score.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from pytest_notebook.nb_regression import NBRegressionFixture

from send_outcomes import generate_notebooks as gen
from send_outcomes.answer_format.files import write_answers
from send_outcomes.course.synthetic import half_answers
from send_outcomes.grading import grade
from send_outcomes.learner import report
from send_outcomes.specs import load_spec

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("book", "notebooks", "solutions")
NOTEBOOKS = sorted(
    p for folder in FOLDERS for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)
REGENERATING = os.environ.get("NB_REGEN") == "1"
# practice notebook -> the exercise whose answers file it reads back (the checker saves nothing)
SAVING = {
    gen.NOTEBOOKS / name: eid for name, eid, _ in gen.PRACTICE if load_spec(eid)["type"] != "checker"
}

# Widget model ids and kernel versions change on every run; they are not part of what a learner reads.
IGNORE = (
    "/cells/*/outputs/*/traceback",
    "/cells/*/outputs/*/data/application/vnd.jupyter.widget-view+json",
    "/cells/*/execution_count",
    "/cells/*/outputs/*/execution_count",
    "/metadata/widgets",
    "/metadata/language_info",
)


def test_the_course_ships_notebooks() -> None:
    assert any(p.is_relative_to(ROOT / "notebooks") or p.is_relative_to(ROOT / "book") for p in NOTEBOOKS)
    assert SAVING and set(SAVING) <= set(NOTEBOOKS)


def _cell(nb: nbformat.NotebookNode, cell_id: str) -> tuple[int, nbformat.NotebookNode]:
    return next((i, c) for i, c in enumerate(nb.cells) if c.get("id") == cell_id)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_notebook_runs_and_matches_its_outputs(path: Path, tmp_path: Path) -> None:
    exercise_id = SAVING.get(path)
    round_trip = exercise_id is not None and not REGENERATING
    ignore = IGNORE
    if round_trip:
        spec = load_spec(exercise_id)
        answers = half_answers(spec)
        saved = tmp_path / "answers" / f"{exercise_id}.json"
        write_answers(saved, exercise_id, spec["type"], answers)
        before = saved.read_bytes()
        stored = nbformat.read(path, as_version=4)
        score_index, score_cell = _cell(stored, "score")
        ignore = (*IGNORE, f"/cells/{score_index}/outputs")
        # What the shipped notebook shows is what a learner with nothing saved is told (the cell prints it).
        told = report(exercise_id, tmp_path / "nothing-saved") + "\n"
        assert "".join(o.get("text", "") for o in score_cell.outputs) == told

    fixture = NBRegressionFixture(
        exec_timeout=180,
        exec_cwd=str(tmp_path),
        diff_ignore=ignore,
        diff_use_color=False,
        force_regen=REGENERATING,
    )
    # Raises on a failing cell or on any difference from the stored outputs.
    result = fixture.check(str(path))
    code_cells = [c for c in result.nb_final.cells if c.cell_type == "code"]
    assert code_cells and all(c.execution_count for c in code_cells)
    if not round_trip:
        return

    nb = result.nb_final
    expected = grade(spec, answers)
    shown = _cell(nb, "widget")[1].outputs[0]["data"]
    assert f"answers/{exercise_id}.json" in shown["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in shown
    printed_report = "".join(o.get("text", "") for o in _cell(nb, "score")[1].outputs)
    first, *items = printed_report.strip().splitlines()
    value = float(expected["score"])
    score = f"{value:g}" if value.is_integer() else f"{value:.2f}".rstrip("0")
    assert first.startswith(f"{exercise_id}: {score} out of {expected['max']}")
    assert len(items) == len(expected["items"])
    assert saved.read_bytes() == before, "running the notebook must not change the saved answers"
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]
