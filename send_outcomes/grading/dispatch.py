"""One entry point for every exercise type: ``grade(spec, answers)`` picks the grader.

Pure like the rest of ``grading``: the answers come in as data (reading them from a file is the learner's
and the course's business). A fix exercise's rewrites are judged by the analyser unless verdicts are given.
"""

from __future__ import annotations

from typing import Any

from send_outcomes.grading.common import Result
from send_outcomes.grading.fix import grade_fix, written_drafts
from send_outcomes.grading.jigsaw import grade_jigsaw
from send_outcomes.grading.sort import grade_sort
from send_outcomes.grading.thread import grade_thread


def analyse_drafts(spec: dict[str, Any], answers: Any) -> dict[str, dict[str, Any]]:
    """The analyser's verdict on every non-empty rewrite of a fix exercise, by round id."""
    # Imported on first use, not with the package: importing the analyser costs a learner's kernel about a
    # second, and only the fix exercise needs it.
    from send_outcomes.analysis import analyse

    return {rid: analyse(text).to_dict() for rid, text in written_drafts(spec, answers).items()}


def grade(
    spec: dict[str, Any],
    answers: Any,
    analyses: dict[str, dict[str, Any] | None] | None = None,
    reveal: bool = True,
) -> Result:
    """Dispatch on the exercise type; for a fix exercise, analyse the drafts unless verdicts are given.

    ``reveal=False`` gives verdicts whose explanations never state the right answer (assessment feedback).
    Answers of any shape are accepted: whatever is not understood counts as unanswered.
    """
    kind = spec["type"]
    if kind == "sort":
        return grade_sort(spec, answers, reveal)
    if kind == "fix":
        found = analyse_drafts(spec, answers) if analyses is None else analyses
        return grade_fix(spec, answers, found, reveal)
    if kind == "jigsaw":
        return grade_jigsaw(spec, answers, reveal)
    if kind == "thread":
        return grade_thread(spec, answers, reveal)
    raise ValueError(f"no grading for exercise type {kind!r}")
