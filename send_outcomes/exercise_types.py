"""The exercise types, read once from ``data/exercise_types.json``: for each, its front-end module, whether it
saves, whether it needs the analyser, the shape of its answers and the keys an assessment hides.

One home for facts that were tables in the widgets, the spec loader, the answers checker and the site build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PATH = Path(__file__).resolve().parent / "data" / "exercise_types.json"


@dataclass(frozen=True)
class ExerciseType:
    id: str
    name: str  # how a terminal or a static output names it: "sort the statements"
    module: str  # its ES module in send_outcomes/js: "sort.js"
    saves: bool  # False for the checker: a pasted plan may be about a real child
    analyser: bool  # its drafts are checked by the analyser (the site preloads the rules)
    answers: dict[str, list[str]]  # answers key -> shape path, checked by answer_format/shapes.py
    secret: dict[str, tuple[str, ...]]  # "spec" -> top-level keys; list key -> keys in each entry


def _load() -> dict[str, ExerciseType]:
    raw: dict[str, dict[str, Any]] = json.loads(_PATH.read_text(encoding="utf-8"))["types"]
    return {
        tid: ExerciseType(
            id=tid,
            name=t["name"],
            module=t["module"],
            saves=t["saves"],
            analyser=t["analyser"],
            answers=t["answers"],
            secret={k: tuple(v) for k, v in t["secret"].items()},
        )
        for tid, t in raw.items()
    }


TYPES: dict[str, ExerciseType] = _load()
