"""The criteria an outcome is judged on, read once from ``data/criteria.json``: their ids, order and labels.

One home for what used to be a table in each module that named a criterion (the grader's explanations, the
plan checker's findings, the notebook view, the class report's tables and the learners' summaries).
"""

from __future__ import annotations

import json
from pathlib import Path

_PATH = Path(__file__).resolve().parent / "data" / "criteria.json"
_ENTRIES: list[dict[str, object]] = json.loads(_PATH.read_text(encoding="utf-8"))["criteria"]

ALL: tuple[str, ...] = tuple(str(c["id"]) for c in _ENTRIES)  # the five, in display order
SMART: tuple[str, ...] = tuple(str(c["id"]) for c in _ENTRIES if c["smart"])  # the four the analyser decides
LABELS: dict[str, str] = {str(c["id"]): str(c["label"]) for c in _ENTRIES}  # "Time-bound": a heading
WORDS: dict[str, str] = {cid: label.lower() for cid, label in LABELS.items()}  # "time-bound": in a sentence
