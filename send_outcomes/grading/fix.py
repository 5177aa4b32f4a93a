"""Fix the outcome: each rewrite earns a fifth of a point per criterion the analyser finds met.

The analyser's verdict is passed in (``analyses``, by round id) rather than computed here, so the same
function scores a verdict from the Python analyser (notebooks, nbgrader) and from analyser.js (the site).
"""

from __future__ import annotations

import re
from typing import Any

from send_outcomes.criteria import ALL, WORDS
from send_outcomes.grading.common import Result, as_map, as_text, result

CRITERIA = ALL  # a rewrite earns a fifth of a point for each criterion it meets
_NAMES = WORDS


def normalise(text: str) -> str:
    """Lower case, single spaces, no trailing full stop: two drafts that differ only in these are the same."""
    text = re.sub(r"\s+", " ", str(text).lower()).strip()
    return re.sub(r"[.!]+$", "", text).strip()


def honest_attempt(original: str, draft: str) -> bool:
    """A rewrite of at least six words that is not the original: the point at which a model answer helps."""
    return len(str(draft).split()) >= 6 and normalise(draft) != normalise(original)


def grade_rewrite(original: str, draft: Any, analysis: Any) -> dict[str, Any]:
    """Points (0 to 1), the criteria met and a one-line explanation for one rewrite.

    The explanation names only the criteria (public), never a model answer, so it is safe in assessment
    feedback too.
    """
    written = as_text(draft)
    if not written.strip():
        return {"points": 0, "criteria": {}, "explanation": "No rewrite yet."}
    if normalise(written) == normalise(original):
        return {"points": 0, "criteria": {}, "explanation": "This is the original outcome, unchanged."}
    if not isinstance(analysis, dict) or not isinstance(analysis.get("smart"), dict):
        kind = as_text(as_map(analysis).get("kind")) or "unknown"
        return {
            "points": 0,
            "criteria": {},
            "explanation": (
                f"It reads as {kind}, not as an outcome, so it cannot be checked as a SMART outcome."
            ),
        }
    criteria = {
        c: (
            analysis.get("person_centred") is True
            if c == "person_centred"
            else analysis["smart"].get(c) is True
        )
        for c in CRITERIA
    }
    met = [_NAMES[c] for c in CRITERIA if criteria[c]]
    missed = [_NAMES[c] for c in CRITERIA if not criteria[c]]
    explanation = f"Met: {', '.join(met)}." if met else "No criterion met yet."
    if missed:
        explanation += f" Not yet: {', '.join(missed)}."
    return {"points": len(met) / len(CRITERIA), "criteria": criteria, "explanation": explanation}


def written_drafts(spec: dict[str, Any], answers: Any) -> dict[str, str]:
    """Every rewrite a learner has written (not blank), by round id, in round order: what the analyser judges.

    The one definition the grader, the widget's live feedback, the learner's progress and the class report
    share, so a draft counts as written (or not) the same way everywhere.
    """
    drafts = as_map(as_map(answers).get("drafts"))
    return {r["id"]: text for r in spec["rounds"] if (text := as_text(drafts.get(r["id"]))).strip()}


def grade_fix(spec: dict[str, Any], answers: Any, analyses: Any, reveal: bool = True) -> Result:
    """Sum over rounds of the rewrite scores (``reveal`` is accepted for symmetry: nothing here is secret)."""
    drafts = as_map(as_map(answers).get("drafts"))
    found = as_map(analyses)
    score: float = 0
    items = []
    for rnd in spec["rounds"]:
        draft = as_text(drafts.get(rnd["id"]))
        graded = grade_rewrite(rnd["original"], draft, found.get(rnd["id"]))
        score += graded["points"]
        items.append(
            {
                "id": rnd["id"],
                "given": draft,
                "correct": graded["points"] == 1,
                "points": graded["points"],
                "criteria": graded["criteria"],
                "explanation": graded["explanation"],
            }
        )
    return result(spec, items, score, len(spec["rounds"]))
