"""The practice notebooks: exactly what the generator makes, and their answers files round-trip.

tests/book/test_notebooks.py checks that every notebook runs and shows what it showed before. This file checks
what only the practice notebooks promise: nobody has hand-edited them, and a learner's saved answers, put
beside a notebook, come back as the score the report cell prints, with the file left as it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from send_outcomes import generate_notebooks as gen
from send_outcomes.answer_format.files import write_answers
from send_outcomes.course.synthetic import half_answers
from send_outcomes.grading import grade
from send_outcomes.specs import all_specs, load_spec

SAVING = [(name, eid) for name, eid, _ in gen.PRACTICE if load_spec(eid)["type"] != "checker"]


def test_committed_notebooks_are_exactly_what_the_generator_makes() -> None:
    stale = [p.name for p in gen.stale()]
    assert not stale, f"regenerate with: python -m send_outcomes.generate_notebooks ({', '.join(stale)})"


def test_the_check_notices_a_hand_edit(tmp_path: Path) -> None:
    gen.write(tmp_path)
    assert gen.stale(tmp_path) == []
    path = tmp_path / gen.PRACTICE[0][0]
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"].append("\nA line added by hand.")
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert gen.stale(tmp_path) == [path]
    assert gen.main(["--check"]) == 0  # the repository's own notebooks are untouched by this test


def test_regenerating_keeps_stored_outputs_of_unchanged_cells(tmp_path: Path) -> None:
    gen.write(tmp_path)
    path = tmp_path / gen.PRACTICE[0][0]
    nb = json.loads(path.read_text(encoding="utf-8"))
    output = {"name": "stdout", "output_type": "stream", "text": ["kept\n"]}
    nb["cells"][1]["outputs"] = [output]
    nb["cells"][0]["source"] = ["changed by hand"]
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert gen.write(tmp_path) == [path]
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["cells"][1]["outputs"] == [output]
    assert "".join(again["cells"][0]["source"]).startswith("# ")


def test_every_practice_exercise_has_a_notebook() -> None:
    practice = {eid for eid, s in all_specs().items() if s["mode"] == "practice"}
    assert {eid for _, eid, _ in gen.PRACTICE} == practice
    for name, eid, page in gen.PRACTICE:
        nb = json.loads((gen.NOTEBOOKS / name).read_text(encoding="utf-8"))
        sources = ["".join(c["source"]) for c in nb["cells"]]
        assert any(f'exercise("{eid}")' in s for s in sources)
        assert (gen.ROOT / page).is_file() and any(f"](../{page})" in s for s in sources)
        assert load_spec(eid)["instructions"].split(".")[0] in sources[0]


def _run(path: Path, cwd: Path) -> Any:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return nb


@pytest.mark.slow
@pytest.mark.parametrize(("name", "exercise_id"), SAVING, ids=[eid for _, eid in SAVING])
def test_saved_answers_round_trip_through_the_practice_notebook(
    name: str, exercise_id: str, tmp_path: Path
) -> None:
    spec = load_spec(exercise_id)
    answers = half_answers(spec)
    saved = tmp_path / "answers" / f"{exercise_id}.json"
    write_answers(saved, exercise_id, spec["type"], answers)
    before = saved.read_bytes()
    notebook = tmp_path / name
    shutil.copy(gen.NOTEBOOKS / name, notebook)

    nb = _run(notebook, tmp_path)

    expected = grade(spec, answers)
    widget_cell = next(c for c in nb.cells if c.get("id") == "widget")
    shown = widget_cell.outputs[0]["data"]
    assert f"answers/{exercise_id}.json" in shown["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in shown
    report = "".join(o.get("text", "") for o in next(c for c in nb.cells if c.get("id") == "score").outputs)
    first, *items = report.strip().splitlines()
    value = float(expected["score"])
    score = f"{value:g}" if value.is_integer() else f"{value:.2f}".rstrip("0")
    assert first.startswith(f"{exercise_id}: {score} out of {expected['max']}")
    assert len(items) == len(expected["items"])
    assert saved.read_bytes() == before, "running the notebook must not change the saved answers"
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]
