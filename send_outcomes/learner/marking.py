"""What the assessment notebooks' test cells call: ``progress`` (visible) and ``mark`` (hidden).

A test cell of a released notebook shows only ``progress(id)``: how much the learner has saved, never
whether it is right, because a learner can run that cell as often as they like. During autograde nbgrader
puts back the hidden part, ``mark(id, part)``, which prints one line per item (with the learner's own answer
and an explanation that does not give the key away) and ends the cell with the points as a bare number:
nbgrader reads a number as the cell's partial credit.

Neither function ever raises or writes to stderr. nbgrader scores a test cell 0 if it shows an error *or
anything on stderr*, and "Run All" in JupyterLab stops at the first error, so a missing, corrupt or
wrong-shaped answers file becomes a readable message and 0 points, never a traceback. For the same reason
the specs, the graders and the analyser are imported inside the guarded calls: a damaged installation in a
learner's kernel must still give a sentence, not an ImportError.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from send_outcomes.answer_format.files import AnswersFileError, answers_path
from send_outcomes.answer_format.files import read_answers as read_file
from send_outcomes.grading.common import as_map, as_text
from send_outcomes.grading.fix import written_drafts


def _spec(exercise_id: str) -> dict[str, Any]:
    from send_outcomes.specs import load_spec

    return load_spec(exercise_id)


def learner_spec(exercise_id: str, folder: Path) -> dict[str, Any]:
    from send_outcomes.specs import learner_spec as spec_for_learner

    return spec_for_learner(exercise_id, folder)


def _set_aside_files(path: Path) -> list[Path]:
    """Copies the widget renamed aside because they could not be read (``<name>.corrupt-<stamp>``)."""
    return sorted(path.parent.glob(f"{path.name}.corrupt-*")) if path.parent.is_dir() else []


def load(exercise_id: str, answers_dir: str | os.PathLike[str] = "answers") -> tuple[Any, str | None]:
    """The saved answers (None if there are none or they cannot be used) and a message saying why not.

    When the widget has already set an unreadable file aside, the newest set-aside copy is read only to
    name the fault, so the feedback says "could not be read" rather than the misleading "nothing saved".
    """
    spec = _spec(exercise_id)
    path = answers_path(answers_dir, exercise_id)
    try:
        if path.exists():
            return read_file(path, exercise_id, spec["type"]), None
        aside = _set_aside_files(path)
        if aside:
            read_file(aside[-1], exercise_id, spec["type"])
            return None, f"Your answers file was set aside as {aside[-1].name}, so nothing could be marked."
    except AnswersFileError as exc:
        return None, f"Your answers file could not be used, so nothing could be marked: {exc}"
    return None, f"No answers were saved for this exercise (there is no {path.as_posix()})."


def _counts(spec: dict[str, Any], answers: Any) -> tuple[int, int, str]:
    """How many items have an answer of any kind, out of how many, and what an item is called."""
    kind = spec["type"]
    given = as_map(answers)
    if kind == "sort":
        placed = as_map(given.get("placements"))
        return sum(1 for i in spec["items"] if as_text(placed.get(i["id"]))), len(spec["items"]), "placed"
    if kind == "fix":
        return len(written_drafts(spec, given)), len(spec["rounds"]), "rewritten"
    if kind == "jigsaw":
        pieces = as_map(given.get("pieces"))
        done = sum(1 for p in spec["pieces"] if as_text(as_map(pieces.get(p["id"])).get("choice")))
        return done, len(spec["pieces"]), "decided"
    links = as_map(given.get("links"))
    total = done = 0
    for part in spec["parts"]:
        rows = as_map(links.get(part["case"]))
        for aspiration in part["aspirations"]:
            row = as_map(rows.get(aspiration["id"]))
            total += 3
            done += sum(1 for key in ("need", "outcome", "provision") if as_text(row.get(key)))
    return done, total, "links chosen"


def progress(exercise_id: str, answers_dir: str | os.PathLike[str] = "answers") -> None:
    """Print how much is saved (not whether it is right): safe to run as often as a learner likes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            spec = learner_spec(exercise_id, Path(answers_dir).parent)  # runs in the learner's kernel: no key
            answers, problem = load(exercise_id, answers_dir)
        except Exception as exc:  # the visible cell must never stop "Run All"
            print(f"Could not check your saved answers for {exercise_id}: {exc}")
            return
    if problem and answers is None and "No answers were saved" in problem:
        print("Nothing saved yet for this exercise. Use the exercise above; it saves as you go.")
        return
    if problem:
        print(problem)
        return
    done, total, verb = _counts(spec, answers)
    print(f"Saved: {done} of {total} {verb}. Your trainer marks this after you hand it in.")


def _item_label(spec: dict[str, Any], item: dict[str, Any]) -> str:
    """A short human name for a graded item: the statement, piece or round it is about."""
    kind = spec["type"]
    item_id = item["id"]
    if kind == "sort":
        text = next((i["text"] for i in spec["items"] if i["id"] == item_id), item_id)
        return f"“{text}”"
    if kind == "fix":
        rnd = next((r for r in spec["rounds"] if r["id"] == item_id), None)
        return f"{rnd['name']}: “{rnd['original']}”" if rnd else item_id
    if kind == "jigsaw":
        piece_id = item_id.split("/")[0]
        text = next((p["text"] for p in spec["pieces"] if p["id"] == piece_id), piece_id)
        return f"“{text}”" + (" as provision" if item.get("part") == "provision" else "")
    _case, aspiration, key = [*item_id.split("/"), "", "", ""][:3]
    for part in spec["parts"]:
        for asp in part["aspirations"]:
            if asp["id"] == aspiration:
                return f"“{asp['text']}” → {key}"
    return item_id


def _given(spec: dict[str, Any], item: dict[str, Any]) -> str:
    """The learner's own answer for an item, in words (category label, holder label, or their text)."""
    given = item.get("given")
    if spec["type"] == "sort" and given:
        return next((c["label"] for c in spec["categories"] if c["id"] == given), str(given))
    if spec["type"] == "jigsaw" and item.get("part") == "piece":
        choice = {"use": "used", "aside": "set aside"}.get(as_text(given), "not decided")
        holder = next((h["label"] for h in spec["holders"] if h["id"] == item.get("holder")), "")
        return f"{choice}, held by {holder}" if holder and given == "use" else choice
    if spec["type"] == "thread" and given:
        for part in spec["parts"]:
            for column in ("needs", "outcomes", "provision"):
                for card in part[column]:
                    if card["id"] == given:
                        return f"“{card['text']}”"
        return "missing" if given == "missing" else str(given)
    return f"“{given}”" if isinstance(given, str) and given.strip() else "nothing"


def _how_to_improve(spec: dict[str, Any], item: dict[str, Any]) -> list[str]:
    """For a rewrite that misses a criterion, the analyser's advice on each one missed.

    The advice is general (what a criterion asks for and an example unrelated to the child), never the
    model answer, so it is safe in assessment feedback.
    """
    if spec["type"] != "fix" or item["points"] >= 1 or not as_text(item.get("given")).strip():
        return []
    try:
        from send_outcomes.analysis import analyse

        found = analyse(as_text(item["given"])).to_dict()
    except Exception:  # advice is a bonus; the mark stands without it
        return []
    return [f["message"] for f in found.get("feedback", []) if f.get("met") is False and f.get("message")]


def _selected(items: list[dict[str, Any]], part: str | None) -> list[dict[str, Any]]:
    if part is None:
        return items
    return [i for i in items if i.get("part") == part or i["id"] == part]


def _number(points: float) -> float:
    return round(float(points), 4)


def mark(exercise_id: str, part: str | None = None, answers_dir: str | os.PathLike[str] = "answers") -> float:
    """Print the per-item feedback for ``part`` of an exercise and return its points (nbgrader's score).

    Explanations come from the graders with ``reveal=False``: they say whether an item is right and what a
    piece of writing lacks, never the right category, holder or a model answer.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from send_outcomes.grading import grade

            spec = _spec(exercise_id)
            answers, problem = load(exercise_id, answers_dir)
            result = grade(spec, answers if answers is not None else {}, reveal=False)
        except Exception as exc:  # a fault in our code must cost the learner a message, not a traceback
            print(f"{exercise_id}: could not be marked automatically ({type(exc).__name__}: {exc}).")
            print("Your trainer will mark this part by hand.")
            return 0.0
    items = _selected(result["items"], part)
    points = _number(sum(i["points"] for i in items))
    print(f"{points:g} out of {len(items)}")
    if problem:
        print(problem)
    for n, item in enumerate(items, start=1):
        verdict = "right" if item["correct"] else ("partly right" if item["points"] else "not right")
        if problem:
            verdict = "not marked"
        print(f"\n{n}. {_item_label(spec, item)}")
        print(f"   Your answer: {_given(spec, item)}")
        explanation = "" if item["explanation"] in ("Right.", "Not right.") else f" {item['explanation']}"
        print(f"   {verdict.capitalize()} ({_number(item['points']):g} of 1).{explanation}")
        for hint in _how_to_improve(spec, item):
            print(f"   - {hint}")
    return points
