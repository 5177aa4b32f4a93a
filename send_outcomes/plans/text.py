"""Plain text, pasted or saved from Word or a PDF, into blocks.

What pasted plans look like: Word puts each paragraph on a line and a table row's cells between tabs;
Markdown uses ``#`` headings, ``-``/``1.`` lists and ``| a | b |`` rows; text copied from a PDF wraps long
lines, so a line that starts in lower case after one without a full stop continues it.
"""

from __future__ import annotations

import re

from send_outcomes.plans.data import pattern, reading
from send_outcomes.plans.document import Block, Document, ReadError, clean

MD_HEADING = re.compile(r"^#{1,6}\s+")  # also read by pasted.py
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
MAX_LINES = 20_000


def _unquote(cell: str) -> str:
    """A cell as Word pastes it: in double quotes when it holds line breaks, inner quotes doubled."""
    c = cell.strip()
    if len(c) >= 2 and c.startswith('"') and c.endswith('"'):
        c = c[1:-1].replace('""', '"')
    return c


def joined_quoted(lines: list[str]) -> list[str]:
    """Rows whose quoted cells run over several lines, put back on one line (with '\n' inside)."""
    out: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            pending += "\n" + line
            if pending.count('"') % 2 == 0:
                out.append(pending)
                pending = None
            continue
        if "\t" in line and line.count('"') % 2 == 1:
            pending = line
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        cells = [clean(_unquote(c)) for c in line.split("\t")]
    elif line.startswith("|") and line.count("|") >= 2:
        cells = [clean(c) for c in line.strip().strip("|").split("|")]
    else:
        return None
    return cells if sum(1 for c in cells if c) >= 2 else None


def blocks_from_lines(lines: list[str]) -> list[Block]:
    """The block rules shared by text and PDF: headings, list items, rows and wrapped lines."""
    marker = pattern(reading()["list_marker"])
    out: list[Block] = []
    table = -1
    in_table = False
    after_blank = True
    for raw in joined_quoted(lines[:MAX_LINES]):
        line = raw.rstrip()
        if not line.strip():
            in_table = False
            after_blank = True
            continue
        fresh, after_blank = after_blank, False
        if _MD_RULE.match(line.strip()):
            continue
        cells = _cells(line)
        if cells is not None:
            if not in_table:
                table += 1
                in_table = True
            out.append(Block("row", " | ".join(c for c in cells if c), cells, table))
            continue
        in_table = False
        text = clean(line)
        if MD_HEADING.match(text):
            out.append(Block("heading", MD_HEADING.sub("", text)))
            continue
        if marker.match(text):
            out.append(Block("item", text))
            continue
        if fresh and len(text) <= 80 and not text.endswith((".", "!", "?", ",", ";")):
            out.append(Block("heading", text))  # a short line after a blank line, as Word's headings paste
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("para", "item")
            and text[:1].islower()
            and not prev.text.endswith((".", ":", "!", "?"))
        ):
            prev.text = f"{prev.text} {text}"
            continue
        out.append(Block("para", text))
    return out


def read_text(data: bytes, name: str) -> Document:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(
            f"{name}: not UTF-8 text (bad byte at offset {err.start}); save it as UTF-8, or give the "
            ".docx or .pdf itself"
        ) from None
    if "\x00" in text:
        raise ReadError(f"{name}: holds binary data, not text; give the .docx or .pdf itself")
    return Document("text", blocks_from_lines(text.splitlines()))
