"""PDF: text layer in reading order with page furniture removed; bad PDFs rejected with a reason.

Fixture PDFs are generated here with fpdf2: dev14.txt (a PDF-to-text
conversion) is laid out again as a real PDF with a running header and page
numbers, and must read back as the same text as the .txt conversion.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
import yaml
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from eurasia_etl.docmeta import find_published, find_title
from eurasia_etl.facts import PartialDate
from eurasia_etl.formats import RejectedInput
from eurasia_etl.formats.pdf import extract_pdf
from eurasia_etl.formats.text import extract_text

DATA = Path(__file__).parent / "data" / "dev"
HEADER = "Orlov - Exercising Together"


class _Paper(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, HEADER, align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, str(self.page_no()), align="C")


def _dev14_body_lines() -> list[str]:
    """dev14.txt without its own page furniture: the lines a typesetter would lay out."""
    lines = (DATA / "raw" / "dev14.txt").read_text(encoding="utf-8").split("\n")
    body = [re.sub(r"\s{3,}\d+$", "", lines[0])]
    body += [ln for ln in lines[1:] if not re.match(r"^\d+\s{3,}", ln)]
    return body


def make_pdf(lines: list[str], lines_per_page: int = 22) -> bytes:
    pdf = _Paper(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    for i, line in enumerate(lines):
        if i % lines_per_page == 0:
            pdf.add_page()
            pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def dev14_pdf() -> bytes:
    return make_pdf(_dev14_body_lines())


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_pdf_reads_back_as_the_text_conversion(dev14_pdf):
    pdf_text = extract_pdf(dev14_pdf).text
    txt_text = extract_text((DATA / "raw" / "dev14.txt").read_bytes(), "txt").text
    assert HEADER not in pdf_text
    assert "off Zhanjiang, added island landings" in pdf_text
    assert "search-and-rescue serials." in pdf_text
    assert _squash(pdf_text) == _squash(txt_text)


def test_pdf_gold_quotes_date_and_title(dev14_pdf):
    text = extract_pdf(dev14_pdf).text
    gold = yaml.safe_load((DATA / "gold" / "dev14.yaml").read_text(encoding="utf-8"))
    quotes = [row["quote"] for table in ("agreements", "military_exercises") for row in gold[table] or []]
    assert quotes and all(_squash(q) in _squash(text) for q in quotes)
    assert find_published(text) == PartialDate(2023, 5)
    assert find_title(text) == "Exercising Together: A Chronology of Sino-Russian Military Drills, 2005-2022"


def test_image_only_pdf_is_rejected_as_having_no_text_layer():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    with pytest.raises(RejectedInput, match="no text layer"):
        extract_pdf(bytes(pdf.output()))


def test_truncated_and_corrupt_pdfs_are_rejected(dev14_pdf):
    with pytest.raises(RejectedInput, match="truncated"):
        extract_pdf(dev14_pdf[: len(dev14_pdf) // 2])
    with pytest.raises(RejectedInput, match="corrupt"):
        extract_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    broken = dev14_pdf.replace(b"/Contents", b"/Cxntents").replace(b"xref", b"xxxx")
    try:
        extract_pdf(broken)
    except RejectedInput as exc:
        assert "PDF" in str(exc)
    with pytest.raises(RejectedInput, match="not a PDF"):
        extract_pdf(b"just text")


def test_encrypted_pdf_is_rejected():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Secret trade figures for 2023")
    pdf.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(RejectedInput, match="encrypted"):
        extract_pdf(bytes(pdf.output()))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_after_a_pdf_header_never_raise(junk):
    for data in (b"%PDF-1.4\n" + junk + b"\n%%EOF\n", b"%PDF-1.4\n" + junk):
        with contextlib.suppress(RejectedInput):
            extract_pdf(data)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=4000), st.binary(min_size=1, max_size=64))
def test_damaged_real_pdf_never_raises(dev14_pdf, offset, patch):
    offset = offset % len(dev14_pdf)
    data = dev14_pdf[:offset] + patch + dev14_pdf[offset + len(patch) :]
    with contextlib.suppress(RejectedInput):
        extract_pdf(data)


def test_time_limit_abandons_a_runaway_parser():
    import time

    from eurasia_etl.formats.limits import time_limit

    start = time.monotonic()
    with pytest.raises(RejectedInput, match="took longer than"), time_limit(0.2, "PDF text extraction"):
        while True:
            with contextlib.suppress(Exception):  # a parser's broad except must not swallow the deadline
                time.sleep(0.01)
    assert time.monotonic() - start < 2
