"""Open a plan file of any kind we read, with every limit applied before parsing.

The kind is decided by the file's first bytes where it can be (a .docx is a zip, a PDF starts ``%PDF``, a
password-protected Word file is an OLE container), else by its name; YAML and JSON go through the explicit
form's loader (a safe loader, with limits on size, aliases and depth).
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

from send_outcomes.plans.bounded import read_file, read_stream
from send_outcomes.plans.document import Document, ReadError
from send_outcomes.plans.docx import OLE_MAGIC, read_docx
from send_outcomes.plans.links import Plan, plan_from_document, plan_from_mapping
from send_outcomes.plans.pdf import read_pdf
from send_outcomes.plans.text import read_text
from send_outcomes.plans.yamlsafe import parse_explicit

EXPLICIT = (".yaml", ".yml", ".json")


def read_document(data: bytes, name: str) -> Document:
    """The blocks of a .docx, .pdf or text file (decided by content first, then by name)."""
    lower = name.lower()
    if data.startswith(b"%PDF") or lower.endswith(".pdf"):
        if not data.startswith(b"%PDF"):
            raise ReadError(f"{name}: not a PDF (it does not start with %PDF)")
        return read_pdf(data, name)
    if data.startswith((b"PK\x03\x04", OLE_MAGIC)) or lower.endswith((".docx", ".docm", ".doc")):
        return read_docx(data, name)
    return read_text(data, name)


NOTHING_FOUND = (
    "{name}: no needs, outcomes or provision were found, so nothing was checked: the headings of sections "
    "B, E and F (by any of their usual names) were not recognised. Check that this is the plan, or paste "
    "its text with the section headings"
)


def read_bytes(data: bytes, name: str) -> Plan:
    if name.lower().endswith(EXPLICIT):
        return plan_from_mapping(parse_explicit(data, name))
    plan = plan_from_document(read_document(data, name))
    if not any(i.section in "BCDEFGH" for i in plan.items):
        raise ReadError(NOTHING_FOUND.replace("{name}", name))
    return plan


_EXPLICIT_KEYS = re.compile(rb"^(?:needs|outcomes|provision|aspirations|child):", re.MULTILINE)


def read_plan(source: str | os.PathLike[str]) -> Plan:
    """A plan from a file name, or ``-`` for standard input. ReadError (exit 2) on anything unreadable."""
    if str(source) == "-":
        stream = getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode())
        data = read_stream(stream, "standard input")
        if data.lstrip().startswith(b"{"):
            return read_bytes(data, "standard input.json")
        if _EXPLICIT_KEYS.search(data[:200_000]):
            return read_bytes(data, "standard input.yaml")
        return read_bytes(data, "standard input")
    return read_bytes(read_file(source), str(Path(source)))
