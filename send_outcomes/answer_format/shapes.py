"""Is a saved answers object usable? The same rules as ``answerProblems`` in grading.js.

A saved file or localStorage value can be damaged or come from an older version; checking its shape before
use lets the widget set it aside with a note instead of failing in front of the learner.
"""

from __future__ import annotations

import json
from typing import Any

from send_outcomes.exercise_types import TYPES

# By exercise type (the checker's text is never saved to a file or localStorage; its shape is checked
# all the same).
SHAPES: dict[str, dict[str, list[str]]] = {tid: t.answers for tid, t in TYPES.items()}


def _check_leaf(kind: str, value: Any, path: str, problems: list[str]) -> None:
    if kind == "string" and not isinstance(value, str):
        problems.append(f"{path}: expected text")
    elif kind == "count" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        problems.append(f"{path}: expected a whole number")
    elif kind == "bool" and not isinstance(value, bool):
        problems.append(f"{path}: expected true or false")
    elif kind == "piece":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object")
            return
        for key in value:
            if key == "choice":
                if value["choice"] not in ("use", "aside", ""):
                    problems.append(f"{path}/choice: expected use, aside or nothing")
            elif key == "holder":
                if not isinstance(value["holder"], str):
                    problems.append(f"{path}/holder: expected text")
            else:
                problems.append(f"{path}/{key}: unexpected")
    elif kind == "link":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object")
            return
        for key in value:
            if key not in ("need", "outcome", "provision"):
                problems.append(f"{path}/{key}: unexpected")
            elif not isinstance(value[key], str):
                problems.append(f"{path}/{key}: expected text")


def _check_shape(shape: list[str], value: Any, path: str, problems: list[str]) -> None:
    if shape[0] == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object")
            return
        for key, item in value.items():
            _check_shape(shape[1:], item, f"{path}/{key}", problems)
    else:
        _check_leaf(shape[0], value, path, problems)


def answer_problems(exercise_type: str, answers: Any) -> list[str]:
    """The problems with a saved answers object, as readable lines; an empty list means it can be used."""
    shapes = SHAPES.get(exercise_type)
    if shapes is None:
        return [f"unknown exercise type {_js_string(exercise_type)}"]
    if not isinstance(answers, dict):
        return ["/: expected an object"]
    problems: list[str] = []
    for key, value in answers.items():
        if key not in shapes:
            problems.append(f"/{key}: unexpected")
        else:
            _check_shape(shapes[key], value, f"/{key}", problems)
    return sorted(problems)


def _js_string(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
