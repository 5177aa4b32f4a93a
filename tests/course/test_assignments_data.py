"""The assignments are data: a broken copy of the file is refused at load, naming the place that is wrong."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from send_outcomes.course import assignments

GOOD: dict[str, Any] = json.loads(assignments.ASSIGNMENTS_FILE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "assignments.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_file_loads_into_the_dataclasses_callers_use() -> None:
    loaded = assignments.load()
    assert loaded == assignments.ASSIGNMENTS
    assert list(loaded) == [a["name"] for a in GOOD["assignments"]]
    assert assignments.get("sorting") is assignments.SORTING
    written = assignments.SORTING.written[0]
    assert isinstance(written, assignments.WrittenAnswer) and written.points == 3
    assert written.model_answer == GOOD["assignments"][0]["written"][0]["model_answer"]
    assert [t.part for t in assignments.FIXING.tests] == [f"round-{n}" for n in range(1, 6)]


def _broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    sorting = data["assignments"][0]
    if change == "no model answer":
        del sorting["written"][0]["model_answer"]
    elif change == "negative points":
        sorting["written"][0]["points"] = -2
    elif change == "unknown exercise":
        sorting["exercises"][0] = "sort-statements-a9"
    elif change == "test of an exercise not in the assignment":
        sorting["tests"][0]["exercise"] = "fix-the-outcome-a1"
    elif change == "same name twice":
        data["assignments"][1]["name"] = "sorting"
    elif change == "empty prompt":
        data["assignments"][1]["tasks"][0]["prompt"] = ""
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no model answer", r"/assignments/0/written/0: 'model_answer' is a required property"),
        ("negative points", r"/assignments/0/written/0/points: -2 is less than the minimum of 1"),
        ("unknown exercise", r"/assignments/0/exercises/0: no assessment exercise 'sort-statements-a9'"),
        (
            "test of an exercise not in the assignment",
            r"/assignments/0/tests/0/exercise: 'fix-the-outcome-a1'",
        ),
        ("same name twice", r"/assignments/1/name: 'sorting' is used twice"),
        ("empty prompt", r"/assignments/1/tasks/0/prompt: '' should be non-empty"),
    ],
)
def test_a_broken_copy_is_refused_naming_the_place(tmp_path: Path, change: str, message: str) -> None:
    path = _write(tmp_path, _broken(change))
    with pytest.raises(assignments.AssignmentsError, match=message) as err:
        assignments.load(path)
    assert str(err.value).startswith(f"{path}: invalid assignments")


def test_a_file_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "assignments.json"
    path.write_text('{"assignments": [\n  {"name": }\n]}', encoding="utf-8")
    with pytest.raises(assignments.AssignmentsError, match=r"assignments\.json: not valid JSON \(line 2"):
        assignments.load(path)
    with pytest.raises(assignments.AssignmentsError, match="file not found"):
        assignments.load(tmp_path / "missing.json")
