"""Score what a learner saved: read ``answers/<id>.json``, grade it (``grading.grade``), report.

This is what a practice notebook's last cell calls. nbgrader's hidden tests (``marking.mark``) hand the
answers to the same graders, so the score a learner sees while practising and the grade a trainer records
come from the same code.
"""

from __future__ import annotations

import os
from typing import Any

from send_outcomes.answer_format.files import AnswersFileError, answers_path
from send_outcomes.answer_format.files import read_answers as _read_file
from send_outcomes.grading import grade
from send_outcomes.grading.common import Result
from send_outcomes.specs import load_spec


def read_answers(exercise_id: str, answers_dir: str | os.PathLike[str] = "answers") -> dict[str, Any]:
    """The saved answers of one exercise ({} if none yet); AnswersFileError names the file and the fault."""
    spec = load_spec(exercise_id)
    return _read_file(answers_path(answers_dir, exercise_id), exercise_id, spec["type"])


def grade_saved(
    exercise_id: str, answers_dir: str | os.PathLike[str] = "answers", reveal: bool = True
) -> Result:
    """Grade ``answers_dir/<id>.json``; AnswersFileError (a readable message) if it is unusable."""
    return grade(load_spec(exercise_id), read_answers(exercise_id, answers_dir), reveal=reveal)


def report(exercise_id: str, answers_dir: str | os.PathLike[str] = "answers", reveal: bool = True) -> str:
    """A plain-text score and a line per item, for a notebook cell or a terminal; never raises."""
    if not answers_path(answers_dir, exercise_id).exists():
        return f"No answers saved yet for {exercise_id}. Do the exercise above, then run this cell again."
    try:
        res = grade_saved(exercise_id, answers_dir, reveal)
    except AnswersFileError as exc:
        return f"Your answers for {exercise_id} could not be marked: {exc}"
    lines = [f"{exercise_id}: {_num(res['score'])} out of {res['max']} ({round(100 * res['fraction'])}%)"]
    for item in res["items"]:
        mark = "Correct" if item["correct"] else ("Partly" if item["points"] else "Not yet")
        lines.append(f"- {item['id']}: {mark} ({_num(item['points'])}). {item['explanation']}")
    return "\n".join(lines)


def _num(x: float) -> str:
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}".rstrip("0")
