"""The neutral form every reader produces: a document as a list of blocks, in reading order.

Why one form: sections, links and checks are written once against blocks, so a plan read from Word, from a
PDF or from pasted text is checked the same way (and the page's checker builds the very same blocks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from send_outcomes.analysis.plan import PlanError

KINDS = ("heading", "para", "item", "row")


class ReadError(PlanError):
    """A file that cannot be read as a plan; the message says why and what to do (exit status 2)."""


@dataclass
class Block:
    """One heading, paragraph, list item or table row. A row's ``cells`` hold its cells' text in order
    (a merged cell once); ``table`` numbers the tables of the document so rows can be grouped."""

    kind: str
    text: str = ""
    cells: list[str] = field(default_factory=list)
    table: int = -1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "row":
            out["cells"] = list(self.cells)
            out["table"] = self.table
        return out


@dataclass
class Document:
    """The blocks of one plan and where they came from (``source``: docx, pdf, text)."""

    source: str
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "blocks": [b.to_dict() for b in self.blocks]}


def clean(text: str) -> str:
    """Whitespace folded to single spaces, ends trimmed; line breaks inside a cell are kept as '\\n'."""
    lines = [" ".join(part.split()) for part in text.replace("\r", "\n").split("\n")]
    return "\n".join(x for x in lines if x)
