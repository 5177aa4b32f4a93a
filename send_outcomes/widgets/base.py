"""The Python half of every exercise widget: the model traits, saving to answers/<id>.json, restoring.

The front end (a plain ES module, the same one the static site runs) only ever talks to the model: it reads
``spec``, ``mode``, ``notes``, ``engine`` and ``analysis`` and writes ``answers``. Everything that touches
the learner's disk happens here, so the browser side needs no idea of files:

- On construction the saved answers are read back. A file that cannot be used is renamed aside by
  ``answer_format.files.restore`` (never deleted) and a note saying so goes into ``notes``, which the front
  end shows. Construction never *writes*: nbgrader's autograde re-runs the widget cell with no front end,
  and a write then would replace the learner's answers before the hidden tests read them.
- Every change of ``answers`` that has the right shape is written atomically. A change in the wrong shape
  is not written (the file keeps the last good answers) and a note explains why.
- In assessment mode the spec sent to the front end is ``public_spec(spec)``: no key ever leaves the kernel
  for the browser.
- The kernel answers the front end's "so-ping" with a "so-pong". In JupyterLab a model whose kernel has
  gone drops saves without a word; a front end that hears no answer after a save stops the exercise and
  says so, instead of taking moves that are never saved (``kernel_replies`` tells it there is a kernel to
  ask: the static site's stand-in model has none).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from send_outcomes.answer_format.files import answers_path, restore, write_answers
from send_outcomes.answer_format.shapes import answer_problems
from send_outcomes.exercise_types import TYPES
from send_outcomes.specs import Spec, public_spec
from send_outcomes.widgets import esm

# Notes this module adds and later withdraws; kept as prefixes so a fresh note replaces a stale one.
_NOT_SAVED = "Your latest answers were not saved"
_SAVE_FAILED = "Your latest answers could not be saved"



def _fallback_esm(message: str) -> str:
    """A front end that only shows ``message`` (as text, never as HTML)."""
    return (
        "export default { render({ el }) { const p = document.createElement('p'); "
        "p.setAttribute('role', 'alert'); "
        f"p.textContent = {json.dumps(message)}; el.replaceChildren(p); }} }};\n"
    )


class ExerciseWidget(anywidget.AnyWidget):
    """One exercise on screen. Subclasses name their front-end module and may fill ``analysis``."""

    entry: ClassVar[str] = ""  # the ES module in send_outcomes/js/ that draws this exercise
    saves: ClassVar[bool] = True  # the checker saves nothing: a pasted plan may be about a real child

    spec = traitlets.Dict().tag(sync=True)
    mode = traitlets.Unicode("practice").tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    notes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    engine = traitlets.Unicode("python").tag(sync=True)
    rules_url = traitlets.Unicode("").tag(sync=True)
    analysis = traitlets.Dict().tag(sync=True)
    kernel_replies = traitlets.Bool(True).tag(sync=True)

    @property
    def _esm(self) -> str:  # type: ignore[override]
        # A property, not a class attribute: the bundle is made (and its conventions checked) when a widget
        # is created, so importing this package never fails because one exercise's module has a fault. A
        # module that cannot be bundled gives a front end that says so, not a blank space or a traceback.
        try:
            return esm.bundle(self.entry)
        except esm.BundleError as exc:
            return _fallback_esm(f"This exercise cannot be shown: its screen could not be built ({exc}).")

    def __init__(self, spec: Spec, answers_dir: str | os.PathLike[str] = "answers", **kwargs: Any) -> None:
        mode = spec.get("mode", "practice")
        shown = public_spec(spec) if mode == "assessment" else spec
        self.exercise_id: str = spec["id"]
        self.exercise_type: str = spec["type"]
        self.answers_dir = Path(answers_dir)
        self.answers_file = answers_path(answers_dir, self.exercise_id)
        self._restoring = True
        notes: list[str] = []
        saved: dict[str, Any] = {}
        if self.saves:
            saved, note = restore(
                self.answers_file, self.exercise_id, self.exercise_type, keep_original=mode == "assessment"
            )
            if note:
                notes.append(note)
        super().__init__(spec=shown, mode=mode, answers=saved, notes=notes, **kwargs)
        self._restoring = False
        self.update_analysis(saved)
        self.on_msg(self._answer_ping)

    def _answer_ping(self, _widget: object, content: Any, _buffers: object) -> None:
        """Answer the front end's "are you there?" sent after a save (messages arrive in order, so the save
        before it has been handled by the time this answer goes back)."""
        if isinstance(content, dict) and content.get("type") == "so-ping":
            self.send({"type": "so-pong", "n": content.get("n")})

    # ---- saving ---------------------------------------------------------------------------------------
    @traitlets.observe("answers")
    def _answers_changed(self, change: dict[str, Any]) -> None:
        if self._restoring:
            return
        answers = change["new"]
        self.update_analysis(answers)
        if not self.saves:
            return
        problems = answer_problems(self.exercise_type, answers)
        if problems:
            self._replace_note(
                f"{_NOT_SAVED}: they were not in the form this exercise expects ({'; '.join(problems[:3])}). "
                f"The last good answers are still in {self.answers_file}."
            )
            return
        try:
            write_answers(self.answers_file, self.exercise_id, self.exercise_type, answers)
        except OSError as exc:
            self._replace_note(f"{_SAVE_FAILED} to {self.answers_file} ({exc.strerror or exc}).")
            return
        self._replace_note(None)

    def _replace_note(self, note: str | None) -> None:
        """Drop earlier save notes, then add ``note`` if given (one current message, not a growing list)."""
        kept = [n for n in self.notes if not n.startswith((_NOT_SAVED, _SAVE_FAILED))]
        self.notes = [*kept, note] if note else kept

    def update_analysis(self, answers: dict[str, Any]) -> None:
        """Fill ``analysis`` from the learner's drafts; only the fix and checker exercises need it."""

    # ---- what a static output or a terminal shows ----------------------------------------------------
    def describe(self) -> str:
        title = self.spec.get("title", self.exercise_id)
        kind = TYPES[self.exercise_type].name if self.exercise_type in TYPES else self.exercise_type
        where = (
            f"Your answers are saved to {self.answers_file.as_posix()} as you work."
            if self.saves
            else "Nothing you type here is saved or sent anywhere."
        )
        return (
            f"{title}: an interactive exercise ({kind}, {self.mode} mode, id {self.exercise_id}). "
            f"It needs JupyterLab with a running kernel to appear. {where}"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.exercise_id!r} ({self.mode})>"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        text = self.describe()
        data["text/plain"] = text
        data["text/html"] = f'<p class="so-widget-static">{html.escape(text)}</p>'
        return data, metadata
