"""Answers files: ``answers/<exercise-id>.json``, written atomically, read back with a readable error.

In JupyterLab the widget state lives in the kernel and is lost when the kernel stops, and nbgrader re-runs
notebooks (so widget state never reaches the grader). Every change a learner makes is therefore written to a
small JSON file beside the notebook. The file is replaced in one step (temporary file in the same folder,
then ``os.replace``), so a crash mid-write leaves the previous version, never half a file. A file that cannot
be used is renamed aside, never deleted: whatever was in it can still be recovered by a trainer.

The format (version 1), the same for every exercise::

    {"exercise": "<id>", "type": "sort|fix|jigsaw|thread", "version": 1, "answers": {...}}

and ``answers`` holds only these keys, each optional (``shapes.py`` beside this file checks them; ids are the
spec's):

- sort:   placements {statement id: category id}, checked {statement id: category id at the last check},
          tries {statement id: wrong checks}
- fix:    drafts {round id: rewrite}, checks {round id: checks made}, shown {round id: model answer seen},
          round (the round on screen)
- jigsaw: pieces {piece id: {"choice": "use"|"aside"|"", "holder": holder id}}, provision {piece id: text},
          checks (count), tries {piece id: wrong checks}, shown {piece id: model provision seen}
- thread: links {case id: {aspiration id: {"need"|"outcome"|"provision": card id or "missing"}}},
          checks {case id: count}, tries {case id: count}, part (the part on screen)

The checker ("Check your plan") saves nothing: a pasted plan may be about a real child.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from send_outcomes.answer_format.shapes import answer_problems

VERSION = 1
MAX_ANSWERS_BYTES = 1_000_000  # answers/<exercise>.json: the widgets write a few kilobytes


class AnswersFileError(ValueError):
    """An answers file exists but cannot be used: bad JSON, another exercise's file, or the wrong shape."""


def answers_path(answers_dir: str | os.PathLike[str], exercise_id: str) -> Path:
    return Path(answers_dir) / f"{exercise_id}.json"


def write_answers(path: Path, exercise_id: str, exercise_type: str, answers: dict[str, Any]) -> None:
    """Replace the file in one step, so it is always either the old answers or the new ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"exercise": exercise_id, "type": exercise_type, "version": VERSION, "answers": answers}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_answers(path: Path, exercise_id: str, exercise_type: str) -> dict[str, Any]:
    """The answers saved in ``path``: {} when there is no file yet, AnswersFileError when it is unusable."""
    try:
        text = _read_limited(path)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(f"{path}: could not be read ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or "answers" not in data:
        raise AnswersFileError(f"{path}: not an answers file (no 'answers' in it)")
    if data.get("exercise") != exercise_id:
        raise AnswersFileError(f"{path}: holds answers for {data.get('exercise')!r}, not {exercise_id!r}")
    if data.get("version") != VERSION:
        raise AnswersFileError(
            f"{path}: written in format version {data.get('version')!r}; expected {VERSION}"
        )
    problems = answer_problems(exercise_type, data["answers"])
    if problems:
        raise AnswersFileError(f"{path}: answers in the wrong shape ({'; '.join(problems[:3])})")
    return data["answers"]


def _read_limited(path: Path) -> str:
    """The file's text, refusing a link, a FIFO or device, or a file over the limit before reading it.

    A submitted answers file is untrusted: opened without following a link and without blocking, checked to
    be a regular file of a sensible size, then read, so memory stays bounded whatever was handed in.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"not a regular file (mode {stat.filemode(st.st_mode)})")
        if st.st_size > MAX_ANSWERS_BYTES:
            raise OSError(f"{st.st_size:,} bytes is over the {MAX_ANSWERS_BYTES:,}-byte limit for answers")
        data = f.read(MAX_ANSWERS_BYTES + 1)
    if len(data) > MAX_ANSWERS_BYTES:
        raise OSError(f"over the {MAX_ANSWERS_BYTES:,}-byte limit for answers")
    return data.decode("utf-8")


def set_aside(path: Path, keep_original: bool = False) -> Path:
    """Move (or, with ``keep_original``, copy) an unusable file to ``<name>.corrupt-<timestamp>``.

    The target never overwrites an earlier copy. Copying leaves the file where a grader will look for it.
    """
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    if keep_original:
        shutil.copy2(path, target)
    else:
        os.replace(path, target)
    return target


def restore(
    path: Path, exercise_id: str, exercise_type: str, keep_original: bool = False
) -> tuple[dict[str, Any], str | None]:
    """Saved answers and no note, or fresh answers and a note saying where the unusable file was put.

    ``keep_original=True`` (assessment widgets) copies the file aside instead of moving it: nbgrader's
    autograde re-runs the widget cell, and the hidden tests must then find the file the learner submitted,
    not an empty folder. The learner's next change replaces it; the copy stays.
    """
    try:
        return read_answers(path, exercise_id, exercise_type), None
    except AnswersFileError as exc:
        try:
            aside = set_aside(path, keep_original)
        except OSError as move_error:
            # Cannot even move it (a folder in the way, no permission): leave it exactly where it is.
            return {}, (
                "Your saved answers could not be read, so this exercise starts afresh, and they could not "
                f"be moved aside either ({move_error.strerror or move_error}); nothing was changed. ({exc})"
            )
        note = (
            f"Your saved answers could not be read, so this exercise starts afresh. Nothing was deleted: "
            f"the old file was kept as {aside.name}. ({exc})"
        )
        return {}, note
