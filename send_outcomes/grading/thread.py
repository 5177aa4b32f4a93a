"""Follow the golden thread: a point per link (need, outcome, provision) for each aspiration; the missing link
must be named as missing (grading.js: gradeThread)."""

from __future__ import annotations

from typing import Any

from send_outcomes.grading.common import Result, as_map, as_text, result

THREAD_COLUMNS = (("need", "needs"), ("outcome", "outcomes"), ("provision", "provision"))


def _card(part: dict[str, Any], column: str, card_id: str) -> str:
    for card in part[column]:
        if card["id"] == card_id:
            return card["text"]
    return str(card_id)


def grade_thread(spec: dict[str, Any], answers: Any, reveal: bool = True) -> Result:
    """A point per link; with ``reveal=False`` the explanations and ``expected`` give no answer away."""
    links = as_map(as_map(answers).get("links"))
    items = []
    score = 0
    for part in spec["parts"]:
        for_case = as_map(links.get(part["case"]))
        for link in part["links"]:
            row = as_map(for_case.get(link["aspiration"]))
            for key, column in THREAD_COLUMNS:
                given = as_text(row.get(key))
                expected = "missing" if link[key] is None else link[key]
                correct = given == expected
                if not reveal:
                    explanation = "Right." if correct else "Not right." if given else "Not chosen yet."
                elif correct and expected == "missing":
                    explanation = f"Right: nothing in the plan fills this link. {link['why']}"
                elif correct:
                    explanation = "Right."
                elif expected == "missing":
                    explanation = f"Nothing in the plan fills this link: it is the missing one. {link['why']}"
                else:
                    explanation = f"The thread runs through: {_card(part, column, expected)}"
                points = 1 if correct else 0
                score += points
                items.append(
                    {
                        "id": f"{part['case']}/{link['aspiration']}/{key}",
                        "given": given,
                        "expected": expected if reveal else None,
                        "correct": correct,
                        "points": points,
                        "explanation": explanation,
                    }
                )
    return result(spec, items, score, len(items))
