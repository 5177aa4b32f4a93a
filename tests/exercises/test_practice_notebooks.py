"""The practice notebooks: exactly what the generator makes, one for every practice exercise.

tests/book/test_notebooks.py runs them (once each): that they show what they showed before, and that a
learner's saved answers, put beside a notebook, come back as the score its report cell prints.
"""

from __future__ import annotations

import json
from pathlib import Path

from send_outcomes import generate_notebooks as gen
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
