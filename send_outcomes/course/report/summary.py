"""From a ClassRecord to every number the report shows: one dict the figures, HTML, notebook and tests share.

The fix exercise needs the analyser's verdict on each rewrite. It is computed once here, per learner, and
kept (``analyses``) so that the class figures and the per-learner summaries agree with each other and with
the marks nbgrader's hidden tests gave.
"""

from __future__ import annotations

from typing import Any

from send_outcomes.course.report import stats
from send_outcomes.course.report.collect import ClassRecord
from send_outcomes.grading import analyse_drafts


def analyse_class(record: ClassRecord) -> tuple[dict[str, dict[str, dict[str, Any]]], list[str]]:
    """The analyser's verdicts for every fix exercise, by learner id then round id, and any notes."""
    fix_ids = [eid for eid, spec in record.specs.items() if spec["type"] == "fix"]
    if not fix_ids:
        return {}, []
    out, notes = {}, []
    for eid in fix_ids:
        spec = record.specs[eid]
        try:
            out[eid] = {x.id: analyse_drafts(spec, x.answers.get(eid, {})) for x in record.learners}
        except Exception as exc:  # a broken rules file must cost the trainer one section, not the report
            notes.append(
                f"The SMART criteria of {eid} could not be checked: the analyser failed "
                f"({type(exc).__name__}: {exc}). The rest of the report is complete."
            )
    return out, notes


def summarise(record: ClassRecord) -> dict[str, Any]:
    """All the class-level numbers, per exercise, plus the per-learner fractions the summaries use."""
    analyses, notes = analyse_class(record)
    graded = record.graded
    result: dict[str, Any] = {
        "assignment": record.assignment,
        "learners": len(record.learners),
        "graded": len(graded),
        "scores": stats.score_distribution([x.score for x in graded], record.max_score),
        "exercises": {},
        "analyses": analyses,
        "notes": [*record.notes, *notes],
        "problems": [(x.id, p) for x in record.learners for p in x.problems],
        "ungraded": [x.id for x in record.ungraded],
        "provisional": [x.id for x in record.provisional],
    }
    for eid, spec in record.specs.items():
        answers = record.answers_for(eid)
        answered = sum(1 for a in answers if a)
        entry: dict[str, Any] = {
            "id": eid,
            "type": spec["type"],
            "title": spec["title"],
            "answered": answered,
        }
        if spec["type"] == "sort":
            matrix = stats.confusion_matrix(spec, answers)
            entry |= {
                "matrix": matrix,
                "confusions": stats.top_confusions(matrix),
                "statements": stats.missorted_statements(spec, answers),
            }
        elif spec["type"] == "fix":
            if eid in analyses:
                found = [analyses[eid][x.id] for x in graded]
                entry["criteria"] = stats.criteria_missed(spec, answers, found)
        elif spec["type"] == "jigsaw":
            entry |= {
                "pieces": stats.jigsaw_misplaced(spec, answers),
                "provision": stats.jigsaw_provision(spec, answers),
            }
        elif spec["type"] == "thread":
            entry["links"] = stats.thread_missed(spec, answers)
        result["exercises"][eid] = entry
    return result
