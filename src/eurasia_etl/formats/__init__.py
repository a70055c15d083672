"""Format readers: bytes of one file -> text plus whatever metadata the format states.

Each reader raises `RejectedInput` with a human-readable reason for bad input;
`ingest.read_document` turns that into a rejected `documents` row.
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasia_etl.facts import PartialDate

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


class RejectedInput(Exception):
    """The file cannot become a document; `str(exc)` is the reason shown to analysts."""


@dataclass
class Extracted:
    """Clean text of one file and the metadata its format carries (HTML <title>, meta dates)."""

    text: str
    title: str | None = None
    published: PartialDate | None = None
    encoding: str | None = None


def format_of(name: str, head: bytes = b"") -> str:
    """txt | md | html | pdf | unknown, from the extension; a PDF signature wins over a wrong one."""
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    dot = name.rfind(".")
    return EXTENSIONS.get(name[dot:].lower(), "unknown") if dot > 0 else "unknown"
