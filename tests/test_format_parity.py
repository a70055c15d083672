"""A document gives the same facts whatever form it arrives in (encoding, HTML, PDF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEV_GOLD, DEV_RAW

from eurasia_etl.evaluate import evaluate, load_gold, read_warehouse, score
from eurasia_etl.extract import extract_document
from eurasia_etl.ingest import read_document, scan
from eurasia_etl.rows import fact_rows


def _facts(raw: Path, name: str) -> dict[str, list[tuple]]:
    """The extracted rows of one file, without offsets (texts may differ in whitespace)."""
    src = next(s for s in scan(raw)[0] if s.source_path == name)
    doc = read_document(src)
    assert doc.status == "ok", doc.error
    rows = fact_rows("d", extract_document(doc.text, doc.published))
    skip = {"mention_id", "char_start", "char_end", "evidence", "confidence"}
    return {
        t: sorted(json.dumps({k: v for k, v in r.items() if k not in skip}, sort_keys=True) for r in rs)
        for t, rs in rows.items()
    }


def test_windows_1252_gives_the_same_facts_as_utf8(tmp_path):
    text = (DEV_RAW / "dev02.txt").read_bytes().decode("cp1252")
    for codec, name in (("utf-8", "utf8.txt"), ("utf-8-sig", "bom.txt"), ("utf-16", "utf16.txt")):
        (tmp_path / name).write_bytes(text.encode(codec))
    expected = _facts(DEV_RAW, "dev02.txt")
    assert sum(map(len, expected.values())) > 5
    for name in ("utf8.txt", "bom.txt", "utf16.txt"):
        assert _facts(tmp_path, name) == expected


@pytest.mark.parametrize("name", ["dev09.html", "dev10.html", "dev11.html", "dev12.html"])
def test_html_gives_the_same_facts_as_its_visible_text(tmp_path, name):
    src = next(s for s in scan(DEV_RAW)[0] if s.source_path == name)
    visible = read_document(src).text
    (tmp_path / "plain.md").write_text(visible, encoding="utf-8")
    assert _facts(tmp_path, "plain.md") == _facts(DEV_RAW, name)


def test_pdf_gives_the_same_facts_as_its_text_conversion(tmp_path):
    from test_formats_pdf import _dev14_body_lines, make_pdf

    (tmp_path / "dev14.pdf").write_bytes(make_pdf(_dev14_body_lines()))
    assert _facts(tmp_path, "dev14.pdf") == _facts(DEV_RAW, "dev14.txt")


def test_no_format_does_worse_than_plain_text(corpus_warehouse, tmp_path):
    """Score the dev corpus per format: HTML, Windows-1252 and PDF-style text hold up against plain text."""
    groups = {
        "html": ["dev09", "dev10", "dev11", "dev12"],
        "cp1252": ["dev02"],
        "pdf_style": ["dev13", "dev14"],
        "plain": ["dev01", "dev03", "dev04", "dev05", "dev06", "dev07", "dev08"],
    }
    assert evaluate(DEV_GOLD, corpus_warehouse / "eurasia.duckdb").grounded == 1.0
    predicted = read_warehouse(corpus_warehouse / "eurasia.duckdb")
    f1 = {}
    for group, stems in groups.items():
        folder = tmp_path / group
        folder.mkdir()
        for stem in stems:
            (folder / f"{stem}.yaml").write_text((DEV_GOLD / f"{stem}.yaml").read_text())
        report = score(load_gold(folder), predicted)
        tp = sum(s.tp for s in report.tables.values())
        fp = sum(s.fp for s in report.tables.values())
        fn = sum(s.fn for s in report.tables.values())
        f1[group] = 2 * tp / (2 * tp + fp + fn)
    assert all(v >= 0.85 for v in f1.values()), f1
    assert min(f1["html"], f1["cp1252"], f1["pdf_style"]) >= f1["plain"] - 0.05, f1
