"""A Word .docx into blocks: headings, paragraphs, list items and table rows, in reading order.

Safety first, before anything is parsed: a .docx is a zip, so its entry count and total uncompressed size
are checked (a zip bomb is refused unopened); a document with macros, or that links to content outside
itself (a template, an image or an object fetched on opening), is refused with a message; hyperlinks are
kept as text and never followed. A password-protected Word file is not a zip at all but an OLE container,
and is named as such.

The XML is walked by hand (python-docx opens the package and names the styles) so that the page's checker,
which walks the same XML in the browser, builds the very same blocks: w:t text, w:tab as a space, w:br as a
line break, deleted text (w:delText) left out; a vertically merged cell repeats the text of the cell it
continues, a horizontally merged cell counts once.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from send_outcomes.plans.document import Block, Document, ReadError, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_ENTRIES = 1_000
MAX_UNZIPPED = 100_000_000
MAX_BLOCKS = 20_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTERNAL = re.compile(rb'TargetMode\s*=\s*"External"', re.IGNORECASE)
_REL = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_HYPERLINK = re.compile(rb'Type\s*=\s*"[^"]*/hyperlink"', re.IGNORECASE)


def _safe_zip(data: bytes, name: str) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise ReadError(
            f"{name}: this is a password-protected (encrypted) Word file or an old .doc file; open it in "
            "Word, remove the password (or save as .docx) and try again"
        )
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        raise ReadError(f"{name}: not a Word .docx file (it is not a zip package it can open)") from None
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError(f"{name}: {len(infos):,} parts inside, far more than a plan has; not opened")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise ReadError(f"{name}: would unpack to {total:,} bytes (a 'zip bomb' or a huge file); not opened")
    names = {i.filename.lower() for i in infos}
    if any(n.endswith("vbaproject.bin") for n in names) or any("vbadata" in n for n in names):
        raise ReadError(
            f"{name}: contains macros; save it as a plain Word document (.docx) without macros and try again"
        )
    if "word/document.xml" not in names:
        raise ReadError(f"{name}: not a Word document (no word/document.xml inside)")
    for info in infos:
        if info.filename.lower().endswith(".rels") and info.file_size < 5_000_000:
            try:
                rels = z.read(info)
            except Exception:  # a damaged or oddly compressed part (zlib, CRC, method, encryption)
                raise ReadError(f"{name}: the Word document is damaged and cannot be read") from None
            for rel in _REL.findall(rels):
                if _EXTERNAL.search(rel) and not _HYPERLINK.search(rel):
                    raise ReadError(
                        f"{name}: links to content outside the file (a template, image or object that "
                        "Word would fetch); nothing was fetched. Save a copy with the links broken or "
                        "the content embedded, and try again"
                    )
    return z


def _text(el: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag == MC_FALLBACK or tag == W + "delText":
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab":
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "p" and parts:
                parts.append("\n")
                walk(child)
            else:
                walk(child)

    walk(el)
    return "".join(parts)


class _Reader:
    def __init__(self, style_names: dict[str, str], list_styles: set[str]) -> None:
        self.styles = style_names
        self.list_styles = list_styles
        self.blocks: list[Block] = []
        self.table = -1

    def paragraph(self, p: Any) -> None:
        text = clean(_text(p)).replace("\n", " ")
        if not text:
            return
        ppr = p.find(W + "pPr")
        style_id = ""
        numbered = outline = False
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style_id = ps.get(W + "val", "") if ps is not None else ""
            numbered = ppr.find(W + "numPr") is not None
            outline = ppr.find(W + "outlineLvl") is not None
        style = self.styles.get(style_id, style_id).lower()
        if style.startswith(("heading", "title")) or outline:
            kind = "heading"
        elif numbered or style_id in self.list_styles or style.startswith("list"):
            kind = "item"
        else:
            kind = "para"
        self.blocks.append(Block(kind, text))

    def table_(self, tbl: Any) -> None:
        self.table += 1
        number = self.table
        above: dict[int, str] = {}
        for tr in tbl.findall(W + "tr"):  # a nested table is read as text of its cell
            cells: list[str] = []
            col = 0
            for tc in tr.findall(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span = 1
                merged = False
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None and (gs.get(W + "val") or "").isdigit():
                        span = max(1, int(gs.get(W + "val")))
                    vm = tcpr.find(W + "vMerge")
                    merged = vm is not None and vm.get(W + "val", "continue") != "restart"
                text = above.get(col, "") if merged else clean(_text(tc))
                above[col] = text
                cells.append(text)
                col += span
            if any(cells):
                self.blocks.append(Block("row", " | ".join(c for c in cells if c), cells, number))

    def body(self, parent: Any) -> None:
        for child in parent:
            if len(self.blocks) > MAX_BLOCKS:
                return
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table_(child)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)


def read_docx(data: bytes, name: str) -> Document:
    _safe_zip(data, name)
    import docx  # python-docx: opens the package; parses with entities off
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise ReadError(f"{name}: not a Word .docx document that can be read ({err})") from None
    except Exception as err:  # a damaged package: say so, never a traceback
        raise ReadError(
            f"{name}: the Word document is damaged and cannot be read ({type(err).__name__})"
        ) from None
    names: dict[str, str] = {}
    list_styles: set[str] = set()
    for s in doc.styles.element.findall(W + "style"):
        sid = s.get(W + "styleId") or ""
        n = s.find(W + "name")
        names[sid] = n.get(W + "val", sid) if n is not None else sid
        ppr = s.find(W + "pPr")
        if ppr is not None and ppr.find(W + "numPr") is not None:
            list_styles.add(sid)
    reader = _Reader(names, list_styles)
    reader.body(doc.element.body)
    return Document("docx", reader.blocks)
