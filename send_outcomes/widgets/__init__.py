"""The exercises as Jupyter widgets: ``from send_outcomes.widgets import exercise``.

``exercise(exercise_id, answers_dir="answers")`` is the stable entry point used by the practice notebooks and
by nbgrader's assessment notebooks; the classes are exported for tests and for anyone building a widget from
a spec they loaded themselves (``widget_for``).
"""

from send_outcomes.widgets.base import ExerciseWidget
from send_outcomes.widgets.exercises import (
    WIDGETS,
    CheckerWidget,
    FixWidget,
    JigsawWidget,
    SortWidget,
    ThreadWidget,
    exercise,
    widget_for,
)

__all__ = [
    "WIDGETS",
    "CheckerWidget",
    "ExerciseWidget",
    "FixWidget",
    "JigsawWidget",
    "SortWidget",
    "ThreadWidget",
    "exercise",
    "widget_for",
]
