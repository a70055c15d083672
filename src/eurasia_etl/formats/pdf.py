"""PDF: the text layer in reading order, then the same cleanup as PDF-converted text.

pypdf reads the text layer page by page (plain mode keeps reading order for
single-column layouts). Limits: `MAX_PAGES` pages, `MAX_CHARS` characters and a
wall-clock budget; pypdf's own decompression limits guard against zip bombs.
A file without a text layer (scanned images) is rejected, OCR is out of scope.
"""

from __future__ import annotations

import io
import logging

from pypdf import PageObject, PdfReader
from pypdf.errors import FileNotDecryptedError

from eurasia_etl.formats import Extracted, RejectedInput
from eurasia_etl.formats.limits import time_limit
from eurasia_etl.normalize import clean_pages

MAX_PAGES = 2000
MAX_CHARS = 20_000_000
TIME_LIMIT_S = 60.0
logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-input warnings are reported as rows


def _page_text(page: PageObject) -> str:
    """Plain-mode text of a page, with a blank line wherever the vertical gap shows a new paragraph.

    pypdf's plain mode keeps reading order but drops vertical gaps; the text
    visitor gives each fragment's baseline, so a gap clearly wider than the
    usual line spacing becomes a blank line (a paragraph or heading break).
    """
    parts: list[str] = []
    ys: list[float | None] = [None]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if not text:
            return
        for i, piece in enumerate(text.split("\n")):
            if i:
                ys.append(None)
            if piece.strip() and ys[-1] is None:
                ys[-1] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        parts.append(text)

    plain = page.extract_text(visitor_text=visit) or ""
    text = "".join(parts)
    lines = text.split("\n")
    if text.strip() != plain.strip() or len(lines) != len(ys):
        return plain
    known = [(i, y) for i, y in enumerate(ys) if y is not None]
    gaps = [prev[1] - cur[1] for prev, cur in zip(known, known[1:], strict=False) if prev[1] > cur[1]]
    if len(gaps) < 3:
        return plain
    usual = sorted(gaps)[len(gaps) // 2]
    wide = {cur[0] for prev, cur in zip(known, known[1:], strict=False) if prev[1] - cur[1] > 1.6 * usual}
    return "\n".join(("\n" + ln) if i in wide else ln for i, ln in enumerate(lines))


def _pages(data: bytes) -> tuple[list[str], str | None]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # any failure means we cannot read it
                raise RejectedInput("encrypted PDF: cannot be opened without a password") from exc
        count = len(reader.pages)
        title = None
        try:
            meta = reader.metadata
            title = str(meta.title).strip() if meta and meta.title else None
        except Exception:  # metadata is optional
            title = None
        pages: list[str] = []
        total = 0
        for page in reader.pages[:MAX_PAGES]:
            text = _page_text(page)
            total += len(text)
            if total > MAX_CHARS:
                break
            pages.append(text)
    except RejectedInput:
        raise
    except FileNotDecryptedError as exc:
        raise RejectedInput("encrypted PDF: cannot be opened without a password") from exc
    except Exception as exc:  # pypdf raises many types on damaged files (even NotImplementedError)
        raise RejectedInput(f"corrupt PDF: {type(exc).__name__}: {str(exc)[:200]}") from exc
    if count == 0:
        raise RejectedInput("corrupt PDF: no pages")
    return pages, title


def extract_pdf(data: bytes) -> Extracted:
    """A PDF file -> cleaned text of its text layer. Rejects truncated, corrupt and image-only files."""
    if not data.lstrip()[:5] == b"%PDF-":
        raise RejectedInput("not a PDF: the file does not start with %PDF-")
    if b"%%EOF" not in data[-2048:]:
        raise RejectedInput("truncated PDF: no %%EOF marker at the end of the file")
    with time_limit(TIME_LIMIT_S, "PDF text extraction"):
        pages, title = _pages(data)
    if not any(p.strip() for p in pages):
        raise RejectedInput(f"PDF has no text layer ({len(pages)} page(s) of images?); OCR is not supported")
    return Extracted(text=clean_pages(pages), title=title, encoding=None)
