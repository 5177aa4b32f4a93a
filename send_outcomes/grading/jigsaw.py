"""Bea's jigsaw: a point per piece rightly used or set aside (half if the holder is wrong or missing), and up
to a point per piece for provision that says how much, how often and who (grading.js: gradeJigsaw)."""

from __future__ import annotations

import re
from typing import Any

from send_outcomes.grading.common import Result, as_map, as_text, result

PROVISION_KEYS = ("how_much", "how_often", "who")
# ASCII mode makes \b, \w and \s mean what they mean in JavaScript's RegExp.
_FLAGS = re.IGNORECASE | re.ASCII


def check_provision(text: str, checks: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Does a line of provision say how much, how often and who? The patterns are data from the spec."""
    out = {}
    for key in PROVISION_KEYS:
        check = checks[key]
        evidence = ""
        for pattern in check["patterns"]:
            match = re.search(pattern, as_text(text), _FLAGS)
            if match:
                evidence = match.group(0)
                break
        out[key] = {
            "label": check["label"],
            "met": evidence != "",
            "evidence": evidence,
            "message": "" if evidence else check["missing"],
        }
    return out


def _holder(spec: dict[str, Any], holder_id: str) -> str:
    for holder in spec["holders"]:
        if holder["id"] == holder_id:
            return holder["label"]
    return str(holder_id)


def _piece_verdict(
    spec: dict[str, Any], piece: dict[str, Any], choice: str, holder: str
) -> tuple[float, str]:
    """Points for one piece and the explanation that reveals the answer (practice feedback)."""
    reason = piece["reason"]
    if piece["role"] == "piece":
        accepted = [piece["holder"], *piece.get("also_accept", [])]
        if choice == "use" and holder in accepted:
            return 1, f"Right: it belongs, held by {_holder(spec, holder)}. {reason}"
        if choice == "use" and holder == "":
            return 0.5, (
                f"It belongs, but you have not said who holds it: {_holder(spec, piece['holder'])}. {reason}"
            )
        if choice == "use":
            return 0.5, (
                f"It belongs, but it is held by {_holder(spec, piece['holder'])}, "
                f"not {_holder(spec, holder)}. {reason}"
            )
        if choice == "aside":
            return 0, f"This piece belongs in the jigsaw. {reason}"
        return 0, f"Not decided yet. This piece belongs in the jigsaw. {reason}"
    if choice == "aside":
        return 1, f"Right to set it aside. {reason}"
    if choice == "use":
        return 0, f"This does not belong in the jigsaw. {reason}"
    return 0, f"Not decided yet. This does not belong in the jigsaw. {reason}"


def _piece_verdict_hidden(points: float, choice: str, holder: str) -> str:
    """The same verdict without the reason or the right holder (assessment feedback)."""
    if choice == "":
        return "Not decided yet."
    if points == 1:
        return "Right."
    if points == 0.5 and holder == "":
        return "It belongs, but you have not said who holds it."
    if points == 0.5:
        return "It belongs, but the holder you chose is not the right one."
    return "Not right."


def grade_jigsaw(spec: dict[str, Any], answers: Any, reveal: bool = True) -> Result:
    """Pieces first, then provision; with ``reveal=False`` no reason or right holder is given."""
    chosen = as_map(as_map(answers).get("pieces"))
    written = as_map(as_map(answers).get("provision"))
    items: list[dict[str, Any]] = []
    score: float = 0
    for piece in spec["pieces"]:
        ans = as_map(chosen.get(piece["id"]))
        choice = as_text(ans.get("choice"))
        holder = as_text(ans.get("holder"))
        points, explanation = _piece_verdict(spec, piece, choice, holder)
        if not reveal:
            explanation = _piece_verdict_hidden(points, choice, holder)
        score += points
        items.append(
            {
                "id": piece["id"],
                "part": "piece",
                "given": choice,
                "holder": holder,
                "correct": points == 1,
                "points": points,
                "explanation": explanation,
            }
        )
    real = [p for p in spec["pieces"] if p["role"] == "piece"]
    for piece in real:
        text = as_text(written.get(piece["id"]))
        checks = check_provision(text, spec["provision_checks"])
        met = [k for k in PROVISION_KEYS if checks[k]["met"]]
        points = len(met) / len(PROVISION_KEYS)
        if not text.strip():
            explanation = "No provision written yet."
        elif len(met) == len(PROVISION_KEYS):
            explanation = "It says how much, how often and who."
        else:
            explanation = " ".join(checks[k]["message"] for k in PROVISION_KEYS if not checks[k]["met"])
        score += points
        items.append(
            {
                "id": f"{piece['id']}/provision",
                "part": "provision",
                "given": text,
                "correct": points == 1,
                "points": points,
                "checks": checks,
                "explanation": explanation,
            }
        )
    return result(spec, items, score, len(spec["pieces"]) + len(real))
