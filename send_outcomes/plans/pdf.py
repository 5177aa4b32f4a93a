"""A PDF's text layer into blocks (see ``layout`` for the rules), with clear messages for PDFs that have
no text to read: encrypted with a password, or scanned images with no text layer."""

from __future__ import annotations

import io
import logging

from send_outcomes.plans.document import Document, ReadError
from send_outcomes.plans.layout import Piece, blocks_from_pieces

MAX_PAGES = 300


def _opens_without_password(reader: object) -> bool:
    """True for a PDF locked only against editing (it opens with an empty password, as viewers do)."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # an unknown cipher, or one that needs a library we do not have: treat as locked
        return False


def read_pdf(data: bytes, name: str) -> Document:
    # Imported here: only a PDF needs pypdf, and `send-outcomes plan` on a YAML file should not load it.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # a damaged file is reported once, by us
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ReadError(
                f"{name}: the PDF is protected by a password; open it, save an unprotected copy and try again"
            )
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise ReadError(f"{name}: {len(pages)} pages, more than a plan has (limit {MAX_PAGES})")
        pieces: list[Piece] = []
        for n, page in enumerate(pages):

            def visit(
                text: str, cm: list[float], tm: list[float], font: object, size: float, n: int = n
            ) -> None:
                t = text.replace("\n", " ").strip()
                if not t:
                    return
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = (tm[0] * tm[0] + tm[1] * tm[1]) ** 0.5 * (cm[0] * cm[0] + cm[1] * cm[1]) ** 0.5
                pieces.append(Piece(n, round(x, 1), round(y, 1), round(size * scale, 1), t))

            page.extract_text(visitor_text=visit)
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as err:
        raise ReadError(f"{name}: not a PDF that can be read ({type(err).__name__}: {err})") from None
    except Exception as err:  # a damaged file must give a message, never a traceback
        raise ReadError(f"{name}: the PDF is damaged and cannot be read ({type(err).__name__})") from None
    if not pieces:
        raise ReadError(
            f"{name}: the PDF has no text layer (it is a scanned image), so there is nothing to read; ask "
            "for the Word version, or copy the text in by hand"
        )
    return Document("pdf", blocks_from_pieces(pieces))
