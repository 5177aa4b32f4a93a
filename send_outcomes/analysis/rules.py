"""Load ``data/rules.json`` and compile its patterns, once per process.

Why a separate module: the rules are data shared with the JavaScript engine (``js/analyser.js``), so both
engines must compile them the same way. Python compiles every pattern with ``re.ASCII``, which makes ``\\b``
and ``\\w`` behave as in a JavaScript RegExp without the ``u`` flag. A group flagged ``"i"`` is not compiled
case-insensitively: it is matched against the statement with only A-Z lowered (``ascii_lower``), which is
twice as fast in Python's ``re`` and identical in both engines, so its patterns are written in lower case.
``<<name>>`` in a pattern is replaced by ``(?:a|b|...)`` from the word list ``lists[name]``.

The patterns of one group are joined into one alternation: one scan of the statement per group, not one
per pattern (measured on the devset: 60 us a statement for all groups joined against 120 us one by one).
Where two patterns of a group could match overlapping words, write them so the longer one matches first
(an alternation reports only one of two overlapping matches, and evidence shows the words matched). Speed
also comes from asking each group only what is needed (one search for "is there a match, and where?"; every
match only for evidence) and from ``words``: plain sets, looked up a token at a time, so that a list of
hundreds of words costs nothing per statement.
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
    token: re.Pattern[str]
    words: Mapping[str, frozenset[str]]
    filters: Mapping[str, frozenset[str]]  # group -> the word set its first captured word must be in

    @property
    def max_chars(self) -> int:
        return int(self.raw["max_chars"])

    @property
    def max_evidence(self) -> int:
        return int(self.raw["max_evidence"])

    @property
    def messages(self) -> Mapping[str, Any]:
        return self.raw["messages"]

    def limit(self, name: str) -> int:
        """A bound on the head-verb search (``head`` in rules.json): how many tokens it may look at."""
        return int(self.raw["head"][name])


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


def join_patterns(parts: list[str]) -> str:
    """One alternation for a group, with the patterns that begin with ``\\b`` under one shared ``\\b``.

    Why: Python's ``re`` tries every branch of an alternation at every position, but skips a branch at once
    when it begins with a literal that does not match; a leading ``\\b`` hides that literal. Sharing one
    ``\\b`` makes a group of 16 patterns cost little more than one. analyser.js joins them the same way.
    """
    bounded = ["(?:" + p[2:] + ")" for p in parts if p.startswith("\\b")]
    others = ["(?:" + p + ")" for p in parts if not p.startswith("\\b")]
    joined = (["\\b(?:" + "|".join(bounded) + ")"] if bounded else []) + others
    return "|".join(joined)


def compile_group(
    spec: Mapping[str, Any], lists: Mapping[str, list[str]], where: str
) -> tuple[re.Pattern[str], ...]:
    """The group's patterns as one alternation (a 1-tuple); each compiled alone first, for a clear error."""
    parts = []
    for n, pattern in enumerate(spec["patterns"]):
        part = expand(pattern, lists)
        try:
            re.compile(part, re.ASCII)
        except re.error as err:
            raise RulesError(f"{where}.patterns[{n}] does not compile: {err}") from None
        parts.append(part)
    return (re.compile(join_patterns(parts), re.ASCII),)


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
            token=re.compile(norm["token"], re.ASCII),
            words={name: frozenset(ws) for name, ws in raw["words"].items()},
            filters={
                name: frozenset(raw["words"][spec["words"]])
                for name, spec in raw["groups"].items()
                if "words" in spec
            },
        )
    except KeyError as err:
        raise RulesError(f"rules.json has no {err.args[0]!r}") from None


@cache
def load_rules(path: str | None = None) -> Rules:
    """The compiled rules from ``path`` (default: the package's rules.json), cached for the process."""
    source = Path(path) if path else RULES_PATH
    return compile_rules(json.loads(source.read_text(encoding="utf-8")))
