"""The outcome analyser: one statement (``analyse``), a list of them (``analyse_all``) or a whole plan
(``check_plan``).

Rules are data (``send_outcomes/data/rules.json``); ``js/analyser.js`` reads the same file and must agree.
"""

from send_outcomes.analysis.plan import Issue, PlanError, PlanReport, check_plan, load_plan, validate_plan
from send_outcomes.analysis.statement import CRITERIA, KINDS, Analysis, Feedback, analyse, analyse_all

__all__ = [
    "CRITERIA",
    "KINDS",
    "Analysis",
    "Feedback",
    "Issue",
    "PlanError",
    "PlanReport",
    "analyse",
    "analyse_all",
    "check_plan",
    "load_plan",
    "validate_plan",
]
