"""Sort the statements: one point for each statement placed under its kind (grading.js: gradeSort)."""

from __future__ import annotations

from typing import Any

from send_outcomes.grading.common import Result, as_map, result


def _label(spec: dict[str, Any], kind: Any) -> str:
    for category in spec["categories"]:
        if category["id"] == kind:
            return category["label"]
    return str(kind)


def grade_sort(spec: dict[str, Any], answers: Any, reveal: bool = True) -> Result:
    """Fraction of statements under the right kind; each item says where it belongs and why.

    With ``reveal=False`` (assessment feedback) no explanation names the right category or gives the reason,
    and ``expected`` is None: the verdict only.
    """
    placements = as_map(as_map(answers).get("placements"))
    score = 0
    items = []
    for item in spec["items"]:
        given = placements.get(item["id"])
        if not isinstance(given, str):
            given = None
        correct = given == item["kind"]
        where = _label(spec, item["kind"])
        if not reveal:
            if correct:
                explanation = "Right."
            elif given is None:
                explanation = "Not placed."
            else:
                explanation = f"Placed under {_label(spec, given)}; that is not where it belongs."
        elif correct:
            explanation = f"Right: {where}. {item['why']}"
        elif given is None:
            explanation = f"Not placed; it belongs under {where}. {item['why']}"
        else:
            explanation = f"Placed under {_label(spec, given)}, but it belongs under {where}. {item['why']}"
        points = 1 if correct else 0
        score += points
        items.append(
            {
                "id": item["id"],
                "given": given,
                "expected": item["kind"] if reveal else None,
                "correct": correct,
                "points": points,
                "explanation": explanation,
            }
        )
    return result(spec, items, score, len(spec["items"]))
