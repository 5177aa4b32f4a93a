"""Recognise the sections A to K, areas of need and table columns, however a template names them.

Templates differ: "Section A - The views, interests and aspirations of the child", "All about me",
"What's important to me", "Section E: Outcomes", "Special educational provision"; some put E before B.
The names are data (``data/plan/reading.json``); this module only simplifies a heading and tries them.
"""

from __future__ import annotations

import re

from send_outcomes.plans.data import any_match, reading

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def simplify(text: str) -> str:
    """Lower case, straight quotes, '-' for every dash, single spaces, no trailing colon or full stop."""
    s = _DASHES.sub("-", text.translate(_QUOTES)).lower()
    s = " ".join(s.split())
    return s.rstrip(" :.")


def section_of(text: str) -> str | None:
    """The section letter a heading names, or None. Long sentences are never headings."""
    s = simplify(text)
    if not s or len(s) > reading()["heading_max_chars"]:
        return None
    for letter, spec in reading()["sections"].items():
        if any_match(spec["aliases"], s):
            return letter
    return None


def area_of(text: str) -> str | None:
    """The area of need a heading (or a table's first cell) names, or None."""
    s = simplify(text)
    if not s or len(s) > reading()["heading_max_chars"]:
        return None
    for area, patterns in reading()["areas"].items():
        if any_match(patterns, s):
            return area
    return None


def column_of(text: str) -> str | None:
    """The role of a table column from its header cell: need, outcome, provision, who, often, ..."""
    s = simplify(text)
    if not s or len(s) > 60:
        return None
    for role, patterns in reading()["columns"].items():
        if any_match(patterns, s):
            return role
    return None
