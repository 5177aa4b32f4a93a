"""Load ``data/rules.json`` and compile its patterns, once per process.

Why a separate module: the rules are data shared with the JavaScript engine (``js/analyser.js``), so both
engines must compile them the same way. Python compiles every pattern with ``re.ASCII``, which makes ``\\b``
and ``\\w`` behave as in a JavaScript RegExp without the ``u`` flag. A group flagged ``"i"`` is not compiled
case-insensitively: it is matched against the statement with only A-Z lowered (``ascii_lower``), which is
twice as fast in Python's ``re`` and identical in both engines, so its patterns are written in lower case.
``<<name>>`` in a pattern is replaced by ``(?:a|b|...)`` from the word list ``lists[name]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "rules.json"
_LIST_REF = re.compile(r"<<([a-z_]+)>>")


class RulesError(ValueError):
    """rules.json is missing a part, names an unknown list, or holds a pattern that does not compile."""


@dataclass(frozen=True)
class Rules:
    """The parsed rules (``raw``) and their compiled patterns, by group name."""

    raw: Mapping[str, Any]
    groups: Mapping[str, tuple[re.Pattern[str], ...]]
    lowered: frozenset[str]  # groups matched against the ASCII-lowercased statement
    whitespace: re.Pattern[str]
    apostrophes: re.Pattern[str]
    dashes: re.Pattern[str]

    @property
    def max_chars(self) -> int:
        return int(self.raw["max_chars"])

    @property
    def max_evidence(self) -> int:
        return int(self.raw["max_evidence"])

    @property
    def messages(self) -> Mapping[str, Any]:
        return self.raw["messages"]


def expand(pattern: str, lists: Mapping[str, list[str]]) -> str:
    """Replace each ``<<name>>`` with a non-capturing alternation of that word list."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lists:
            raise RulesError(f"pattern {pattern!r} names an unknown list <<{name}>>")
        return "(?:" + "|".join(lists[name]) + ")"

    return _LIST_REF.sub(one, pattern)


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """A-Z to a-z and nothing else: the same length and the same result as analyser.js's asciiLower."""
    return text.translate(ASCII_LOWER)


def compile_group(
    spec: Mapping[str, Any], lists: Mapping[str, list[str]], where: str
) -> tuple[re.Pattern[str], ...]:
    flags = re.ASCII
    out = []
    for n, pattern in enumerate(spec["patterns"]):
        try:
            out.append(re.compile(expand(pattern, lists), flags))
        except re.error as err:
            raise RulesError(f"{where}.patterns[{n}] does not compile: {err}") from None
    return tuple(out)


def compile_rules(raw: Mapping[str, Any]) -> Rules:
    """Compile parsed rules (the dict from rules.json); RulesError names the faulty part."""
    try:
        lists = raw["lists"]
        groups = {name: compile_group(spec, lists, f"groups.{name}") for name, spec in raw["groups"].items()}
        norm = raw["normalise"]
        return Rules(
            raw=raw,
            groups=groups,
            lowered=frozenset(name for name, spec in raw["groups"].items() if "i" in spec.get("flags", "")),
            whitespace=re.compile(norm["whitespace"], re.ASCII),
            apostrophes=re.compile(norm["apostrophes"], re.ASCII),
            dashes=re.compile(norm["dashes"], re.ASCII),
        )
    except KeyError as err:
        raise RulesError(f"rules.json has no {err.args[0]!r}") from None


@cache
def load_rules(path: str | None = None) -> Rules:
    """The compiled rules from ``path`` (default: the package's rules.json), cached for the process."""
    source = Path(path) if path else RULES_PATH
    return compile_rules(json.loads(source.read_text(encoding="utf-8")))
