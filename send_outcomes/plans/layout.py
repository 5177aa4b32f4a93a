"""Text placed on a page (a PDF's text layer) into blocks: the rules the page's checker follows too.

A PDF has no paragraphs or tables, only pieces of text at positions. The rules, in the order applied:
pieces on the same baseline make a line; a line of two or more pieces far apart is part of a table, one
piece per cell (a lone list marker followed by text is a list item, not a row); a line that continues at
the leading of the one above (about 1.2 times the font size) continues the same paragraph or cell, while
a bigger step starts a new paragraph (in a table: a new row when the line has text in the first column,
else a new paragraph in the same cell); a table ends at a bigger gap or at a piece that starts in no
known column; text clearly larger than the body text is a heading.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from send_outcomes.plans.data import pattern, reading
from send_outcomes.plans.document import Block

SAME_LINE = 2.0  # points between baselines still read as one line
COLUMN = 3.0  # points between left edges still read as one column
_MARKER_ONLY = r"^(?:[\u2022\u00b7\u25cf\u25aa\u2013\uf0b7\uf0a7\-*]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)])$"


@dataclass
class Piece:
    page: int
    x: float
    y: float
    size: float
    text: str


def _lines(pieces: list[Piece]) -> list[list[Piece]]:
    ordered = sorted(pieces, key=lambda p: (p.page, -round(p.y, 1), p.x))
    lines: list[list[Piece]] = []
    for p in ordered:
        last = lines[-1] if lines else None
        if last and last[0].page == p.page and abs(last[0].y - p.y) < SAME_LINE:
            last.append(p)
        else:
            lines.append([p])
    for line in lines:
        line.sort(key=lambda p: p.x)
    return lines


def blocks_from_pieces(pieces: list[Piece]) -> list[Block]:
    """Blocks from pieces, in two passes: the first, with the smallest common size as the body size (so no
    table row is taken for a wrapped line), finds the table lines; the second takes as the body size the
    size of most characters outside tables, which decides what is a heading."""
    pieces = [p for p in pieces if p.text.strip()]
    if not pieces:
        return []
    lines = _lines(pieces)
    weight: Counter[int] = Counter()
    for p in pieces:
        weight[round(p.size)] += len(p.text)
    total = sum(weight.values())
    first = min((size for size, n in weight.items() if n * 10 >= total), default=10) or 10
    in_table: set[int] = set()
    _build(lines, first, in_table)
    prose: Counter[int] = Counter()
    for n, line in enumerate(lines):
        if n not in in_table:
            for p in line:
                prose[round(p.size)] += len(p.text)
    body = (prose or weight).most_common(1)[0][0] or first
    return _build(lines, body, set())


def _build(lines: list[list[Piece]], body: float, in_table: set[int]) -> list[Block]:
    marker = pattern(_MARKER_ONLY)
    list_marker = pattern(reading()["list_marker"])
    blocks: list[Block] = []
    table = -1
    columns: list[float] = []  # left edges of the open table's columns; empty when no table is open
    row: Block | None = None
    prev: list[Piece] | None = None
    para: Block | None = None
    para_x = 0.0
    for n, line in enumerate(lines):
        if len(line) >= 2 and marker.match(line[0].text.strip()):
            line = [
                Piece(
                    line[0].page, line[0].x, line[0].y, line[1].size, " ".join(p.text.strip() for p in line)
                )
            ]
        first = line[0]
        size = max(p.size for p in line)
        step = (prev[0].y - first.y) if prev and prev[0].page == first.page else None
        leading = max(size, body) * 1.2 + 2.5
        prev = line
        in_columns = bool(columns) and all(any(abs(p.x - c) <= COLUMN for c in columns) for p in line)
        if (
            columns
            and step is not None
            and step <= 2 * max(size, body) + 4
            and (len(line) >= 2 or in_columns)
        ):
            starts_row = abs(first.x - columns[0]) <= COLUMN
            if row is not None and (step <= leading or not starts_row):  # the current row goes on
                glue = " " if step <= leading else "\n"  # a wrapped line, or a new paragraph in the cell
                for p in line:
                    k = _column(columns, p.x)
                    while len(row.cells) <= k:
                        row.cells.append("")
                    row.cells[k] = f"{row.cells[k]}{glue}{p.text.strip()}" if row.cells[k] else p.text.strip()
            else:
                row = _row(columns, line, table)
                blocks.append(row)
            in_table.add(n)
            continue
        if len(line) >= 2:
            table += 1
            columns = [p.x for p in line]
            row = _row(columns, line, table)
            blocks.append(row)
            para = None
            in_table.add(n)
            continue
        columns, row = [], None
        text = " ".join(p.text.strip() for p in line)
        if (
            para is not None
            and step is not None
            and step <= leading
            and first.x >= para_x - COLUMN
            and size <= body * 1.15
            and not list_marker.match(text)
        ):
            para.text = f"{para.text} {text}"
            continue
        if size > body * 1.15:
            kind = "heading"
        elif list_marker.match(text):
            kind = "item"
        else:
            kind = "para"
        para = Block(kind, text)
        para_x = first.x
        blocks.append(para)
    for b in blocks:
        if b.kind == "row":
            b.text = " | ".join(c for c in b.cells if c)
    return blocks


def _column(columns: list[float], x: float) -> int:
    for k, c in enumerate(columns):
        if abs(x - c) <= COLUMN:
            return k
    columns.append(x)
    columns.sort()
    return columns.index(x)


def _row(columns: list[float], line: list[Piece], table: int) -> Block:
    row = Block("row", "", [], table)
    for p in line:
        k = _column(columns, p.x)
        while len(row.cells) <= k:
            row.cells.append("")
        row.cells[k] = p.text.strip()
    while len(row.cells) < len(columns):
        row.cells.append("")
    return row
