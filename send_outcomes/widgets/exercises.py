"""One widget class per exercise type, and ``exercise(id)``, the one call notebooks make.

``exercise("sort-statements-1")`` loads the spec, picks the class for its type and restores the learner's
saved answers. Notebooks (practice and nbgrader's assessment ones) call only this, so a class can be
renamed or split without touching any notebook.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from send_outcomes.exercise_types import TYPES
from send_outcomes.grading.fix import written_drafts
from send_outcomes.specs import Spec, learner_spec
from send_outcomes.widgets.base import ExerciseWidget

_ANALYSER_MISSING = (
    "The outcome checker could not be loaded in this Python, so there is no live feedback on what you type."
)


class SortWidget(ExerciseWidget):
    """Sort the statements into aspiration, need, outcome, provision and target."""

    entry = TYPES["sort"].module


class JigsawWidget(ExerciseWidget):
    """Bea's jigsaw: choose the pieces of support and who holds each, then write each as provision."""

    entry = TYPES["jigsaw"].module


class ThreadWidget(ExerciseWidget):
    """Follow the golden thread from each aspiration to a need, an outcome and provision."""

    entry = TYPES["thread"].module


class _AnalysedWidget(ExerciseWidget):
    """A widget whose drafts the Python analyser checks (in JupyterLab ``engine`` is "python")."""

    def __init__(self, spec: Spec, answers_dir: str | os.PathLike[str] = "answers", **kwargs: Any) -> None:
        # Results by exact text: re-checking only the draft that changed keeps typing responsive.
        self._cache: dict[str, dict[str, Any]] = {}
        self._analyse: Callable[[str], Any] | None = None
        super().__init__(spec, answers_dir, **kwargs)

    def drafts(self, answers: dict[str, Any]) -> dict[str, str]:
        """The texts to analyse, by the key the front end looks them up with."""
        raise NotImplementedError

    def _analyser(self) -> Callable[[str], Any] | None:
        if self._analyse is None:
            try:
                # Imported on first use: it costs a kernel over half a second; only fix and checker need it.
                # A kernel where it cannot load still saves answers, with a note that there is no feedback.
                from send_outcomes.analysis import analyse
            except ImportError:
                if _ANALYSER_MISSING not in self.notes:
                    self.notes = [*self.notes, _ANALYSER_MISSING]
                return None
            self._analyse = analyse
        return self._analyse

    def analyse_text(self, text: str) -> dict[str, Any] | None:
        analyse = self._analyser()
        if analyse is None:
            return None
        if text not in self._cache:
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[text] = analyse(text).to_dict()
        return self._cache[text]

    def update_analysis(self, answers: dict[str, Any]) -> None:
        found: dict[str, Any] = {}
        for key, text in self.drafts(answers).items():
            result = self.analyse_text(text)
            if result is None:
                break
            found[key] = result
        if found != self.analysis:
            self.analysis = found


class FixWidget(_AnalysedWidget):
    """Fix the outcome: rewrite a non-SMART outcome, with live per-criterion feedback from the analyser."""

    entry = TYPES["fix"].module

    def drafts(self, answers: dict[str, Any]) -> dict[str, str]:
        """Every non-empty rewrite, by round id (the same keys as ``answers["drafts"]``)."""
        return written_drafts({"rounds": self.spec.get("rounds", [])}, answers)


class CheckerWidget(_AnalysedWidget):
    """Check your plan: every line of pasted text analysed as the learner types. Nothing is saved.

    The lines are read together as one list (``analyse_all``), as the page's own engine reads them: what the
    others read as says what kind of list it is, which decides a line that is doubtful on its own."""

    entry = TYPES["checker"].module
    saves = TYPES["checker"].saves

    def __init__(self, spec: Spec, answers_dir: str | os.PathLike[str] = "answers", **kwargs: Any) -> None:
        # the lines last analysed as one list, and their results: typing elsewhere leaves them be
        self._list_key: tuple[str | None, ...] | None = None
        self._list: list[dict[str, Any]] = []
        super().__init__(spec, answers_dir, **kwargs)

    def update_analysis(self, answers: dict[str, Any]) -> None:
        drafts = self.drafts(answers)
        if not drafts or self._analyser() is None:
            found: dict[str, Any] = {}
        else:
            # imported here for the same reason as the analyser itself: only when it is first needed
            from send_outcomes.analysis.model import clean_section
            from send_outcomes.plans.pasted import read_list

            # the plan section the learner says the lines come from (anything but a letter A-K: none)
            section = clean_section(answers.get("section"))
            key = (section, *drafts.values())
            if self._list_key != key:
                self._list_key = key
                self._list = read_list(list(drafts.values()), section)
            found = dict(zip(drafts, self._list, strict=True))
        if found != self.analysis:
            self.analysis = found

    def drafts(self, answers: dict[str, Any]) -> dict[str, str]:
        """Each non-blank line of ``answers["text"]`` by its line number counted from 1, up to max_lines."""
        text = answers.get("text") if isinstance(answers, dict) else None
        if not isinstance(text, str):
            return {}
        lines = text.splitlines()[: int(self.spec.get("max_lines", 200))]
        return {str(n): line.strip() for n, line in enumerate(lines, start=1) if line.strip()}


WIDGETS: dict[str, type[ExerciseWidget]] = {
    "sort": SortWidget,
    "fix": FixWidget,
    "jigsaw": JigsawWidget,
    "thread": ThreadWidget,
    "checker": CheckerWidget,
}


def widget_for(spec: Spec, answers_dir: str | os.PathLike[str] = "answers") -> ExerciseWidget:
    """The widget for an already loaded spec (with its key: assessment specs are stripped on the way out)."""
    return WIDGETS[spec["type"]](spec, answers_dir)


def exercise(exercise_id: str, answers_dir: str | os.PathLike[str] = "answers") -> ExerciseWidget:
    """The exercise with this id, its saved answers restored from ``answers_dir/<id>.json``.

    The spec comes from the released public copy beside the notebook when there is one (an assessed
    session), so the learner's kernel never needs the answer key (see specs.learner_spec).
    Raises SpecError naming the known exercises if the id is unknown.
    """
    return widget_for(learner_spec(exercise_id, Path(answers_dir).parent), answers_dir)
