"""Score exercise answers with partial credit and an explanation for every item.

These pure functions are the marking scheme of the course. The practice notebooks use them to show a score,
nbgrader's hidden tests use them on the assessment answers files, and ``send_outcomes/js/grading.js`` is a
line-by-line twin for the static site (tests/exercises/test_grading_parity.py holds the two to identical
results).
"""

from send_outcomes.grading.dispatch import analyse_drafts, grade
from send_outcomes.grading.fix import CRITERIA, grade_fix, grade_rewrite, honest_attempt, normalise
from send_outcomes.grading.jigsaw import check_provision, grade_jigsaw
from send_outcomes.grading.sort import grade_sort
from send_outcomes.grading.thread import THREAD_COLUMNS, grade_thread

__all__ = [
    "CRITERIA",
    "THREAD_COLUMNS",
    "analyse_drafts",
    "check_provision",
    "grade",
    "grade_fix",
    "grade_jigsaw",
    "grade_rewrite",
    "grade_sort",
    "grade_thread",
    "honest_attempt",
    "normalise",
]
