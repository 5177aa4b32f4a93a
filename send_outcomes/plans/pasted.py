"""A list of lines pasted into the checker or given to ``send-outcomes check --list``: headings, statements.

Why here and not in the plan reader: a plan's headings are known from its layout (Word's heading styles,
a PDF's fonts, a short line after a blank one), but a pasted list has no layout, only lines, and a
statement must never vanish as a heading. So a line is a heading only when a section's name (from
``data/plan/reading.json``, as the plan reader uses) begins it and it reads as a heading, and what the
lines after it are is the section it names: the strongest sign of a statement's kind.
The page's checker does the same in ``js/planread.js`` (``listHeading``, ``listSections``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from send_outcomes.analysis import analyse_all
from send_outcomes.analysis.rules import Rules
from send_outcomes.plans.data import any_match, reading
from send_outcomes.plans.sections import simplify
from send_outcomes.plans.text import MD_HEADING


def list_heading(line: str) -> str | None:
    """The section letter a line names as its heading ("Section E: Outcomes", "Health needs", "## Provision"),
    or None for a statement.

    Stricter than ``sections.section_of``, so that "Health needs are met by the school nurse." stays a
    statement: the section's name must begin the line, the line must not end a sentence, and it must start
    with "Section", be a Markdown heading, end with a colon or be a few words long
    (``list_heading_max_words``)."""
    text = line.strip()
    marked = bool(MD_HEADING.match(text))
    text = MD_HEADING.sub("", text)
    if not text or text.endswith((".", "!", "?")):
        return None
    s = simplify(text)
    if not s or len(s) > reading()["heading_max_chars"]:
        return None
    for letter, spec in reading()["sections"].items():
        m = any_match(spec["aliases"], s)
        if m is None or m.start() != 0:
            continue
        short = len(s.split()) <= reading()["list_heading_max_words"]
        return letter if marked or short or s.startswith("section ") or text.endswith(":") else None
    return None


def list_sections(lines: Sequence[str], section: str | None = None) -> list[tuple[str | None, bool]]:
    """For each line of a pasted list, ``(section, is_heading)``: the plan section it sits in (``section``
    until the first heading, then the last heading's), and whether the line is itself a heading."""
    out: list[tuple[str | None, bool]] = []
    for line in lines:
        letter = list_heading(line)
        if letter is not None:
            section = letter
        out.append((section, letter is not None))
    return out


def read_list(
    lines: Sequence[str], section: str | None = None, rules: Rules | None = None
) -> list[dict[str, Any]]:
    """Each line's object: the statements read together as one list (``analyse_all``), each in the section
    its last heading names (``section`` before the first), as ``Analysis.to_dict()``; a heading line as
    ``{text, heading, name}`` (the section's letter and name), since it is not a statement."""
    where = list_sections(lines, section)
    statements = [i for i, (_, heading) in enumerate(where) if not heading]
    found = analyse_all([lines[i] for i in statements], rules, sections=[where[i][0] for i in statements])
    out: list[dict[str, Any]] = [
        {"text": line, "heading": letter, "name": reading()["sections"][letter]["name"]} if heading else {}
        for line, (letter, heading) in zip(lines, where, strict=True)
    ]
    for i, analysis in zip(statements, found, strict=True):
        out[i] = analysis.to_dict()
    return out
