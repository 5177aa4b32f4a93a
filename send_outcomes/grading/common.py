"""What every grader returns: one shape, so feedback reports and hidden tests treat all exercises alike."""

from __future__ import annotations

from typing import Any

Result = dict[str, Any]


def as_map(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else {}: odd saved answers count as unanswered, never as a crash."""
    return value if isinstance(value, dict) else {}


def as_text(value: Any) -> str:
    """``value`` if it is text, else "" (a number or a list where text belongs counts as no answer)."""
    return value if isinstance(value, str) else ""


def result(spec: dict[str, Any], items: list[dict[str, Any]], score: float, maximum: int) -> Result:
    """Total, maximum, fraction and the per-item explanations (same keys as grading.js)."""
    return {
        "exercise": spec["id"],
        "type": spec["type"],
        "score": score,
        "max": maximum,
        "fraction": score / maximum if maximum else 0,
        "items": items,
    }
