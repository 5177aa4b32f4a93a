"""Every notebook the course ships is executed, and its outputs must match the outputs committed with it.

pytest-notebook re-runs each notebook in a scratch folder (answer files land there, not in the repository)
and diffs the fresh outputs against the stored ones, so a change in the analyser or the widgets that alters
what a learner sees shows up here as a failing diff. Regenerate stored outputs with `make notebooks`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytest_notebook.nb_regression import NBRegressionFixture

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("book", "notebooks", "solutions")
NOTEBOOKS = sorted(
    p for folder in FOLDERS for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)

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


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_notebook_runs_and_matches_its_outputs(path: Path, tmp_path: Path) -> None:
    fixture = NBRegressionFixture(
        exec_timeout=180,
        exec_cwd=str(tmp_path),
        diff_ignore=IGNORE,
        diff_use_color=False,
        force_regen=os.environ.get("NB_REGEN") == "1",
    )
    # Raises on a failing cell or on any difference from the stored outputs.
    result = fixture.check(str(path))
    code_cells = [c for c in result.nb_final.cells if c.cell_type == "code"]
    assert code_cells and all(c.execution_count for c in code_cells)
