"""The two data files of this wing, read once: how plans are read, and what is checked."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data" / "plan"


@cache
def reading() -> dict[str, Any]:
    return json.loads((DATA / "reading.json").read_text(encoding="utf-8"))


@cache
def checks() -> dict[str, Any]:
    return json.loads((DATA / "checks.json").read_text(encoding="utf-8"))


@cache
def pattern(source: str) -> re.Pattern[str]:
    """A data pattern, case-insensitive (the same flags the page uses)."""
    return re.compile(source, re.IGNORECASE)


def any_match(sources: list[str], text: str) -> re.Match[str] | None:
    for s in sources:
        m = pattern(s).search(text)
        if m:
            return m
    return None
