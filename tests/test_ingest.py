"""scan + read_document: every file becomes a row; hostile input is reported, never fatal."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest
import yaml
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eurasia_etl import ingest
from eurasia_etl.ingest import IngestedDocument, SourceFile, iter_documents, read_document, scan

DATA = Path(__file__).parent / "data"
ARTICLE = (
    "Trade update\n\nMoscow, 20 January 2024\n\n"
    "Gazprom said deliveries through the Power of Siberia pipeline reached 22.7 billion cubic metres in 2023.\n"
)


def _pdf(text: str | None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 80, 40, style="F")
    else:
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A raw folder with one file for every awkward case of issue #3."""
    raw = tmp_path / "raw"
    (raw / "sub dir [2024]").mkdir(parents=True)
    (raw / ".hidden_dir").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside text that must never be read.", encoding="utf-8")

    (raw / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "sub dir [2024]" / "copy (1) of good.txt").write_text(ARTICLE, encoding="utf-8")  # identical bytes
    (raw / "Доклад — Владивосток é.txt").write_bytes(
        "Товарооборот между Россией и Китаем в 2023 году достиг 240,1 млрд долларов.\n".encode("cp1251")
    )
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.md").write_text(" \n\t\n\r\n   \n", encoding="utf-8")
    (raw / "junk.txt").write_bytes(bytes(range(256)) * 16)
    (raw / "report.pdf").write_bytes(_pdf(ARTICLE.replace("—", "-")))
    good_pdf = _pdf("Some text for a truncated copy of a PDF that has a text layer.")
    (raw / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (raw / "corrupt.pdf").write_bytes(b"%PDF-1.7\nthis is not a pdf body\n%%EOF\n")
    (raw / "scan.pdf").write_bytes(_pdf(None))
    (raw / "page.html").write_text(
        "<html><head><title>T</title></head><body><nav>Menu</nav><article><h1>Rail freight</h1>"
        "<p>Freight topped 8 million tonnes in January&ndash;July 2023.</p></article></body></html>",
        encoding="utf-8",
    )
    (raw / "nav-only.html").write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    (raw / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    (raw / "big.txt").write_bytes(b"x" * 5000)
    (raw / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (raw / ".hidden_dir" / "inside.txt").write_text("hidden too", encoding="utf-8")
    os.symlink(outside / "secret.txt", raw / "link-outside.txt")
    os.symlink(outside, raw / "dir-link-outside")
    os.symlink(raw / "good.txt", raw / "link-inside.txt")
    os.symlink(raw / "sub dir [2024]", raw / "dir-link-inside")
    os.symlink(raw / "missing.txt", raw / "broken-link.txt")
    os.mkfifo(raw / "pipe.txt")
    return raw


def _by_path(docs: list[IngestedDocument]) -> dict[str, IngestedDocument]:
    return {d.source_path: d for d in docs}


def test_every_hostile_case_is_a_row_and_nothing_raises(hostile: Path):
    docs = _by_path(list(iter_documents(hostile, max_bytes=4096)))
    assert not any(p.startswith(".") or "/." in p for p in docs)
    assert "secret" not in " ".join(d.text for d in docs.values())

    ok = {p for p, d in docs.items() if d.status == "ok"}
    assert ok == {"good.txt", "page.html", "report.pdf", "Доклад — Владивосток é.txt"}

    def reason(path: str) -> str:
        doc = docs[path]
        assert doc.status == "rejected" and doc.text == "" and doc.error
        return doc.error

    assert reason("empty.txt") == "empty file (0 bytes)"
    assert "whitespace-only" in reason("blank.md")
    assert "binary" in reason("junk.txt")
    assert "truncated PDF" in reason("truncated.pdf")
    assert "corrupt PDF" in reason("corrupt.pdf")
    assert "no text layer" in reason("scan.pdf")
    assert "no article text" in reason("nav-only.html")
    assert "unsupported file type .docx" in reason("notes.docx")
    assert "too large" in reason("big.txt") and "limit" in reason("big.txt")
    assert "outside the raw folder" in reason("link-outside.txt")
    assert "outside the raw folder" in reason("dir-link-outside")
    assert "broken symbolic link" in reason("broken-link.txt")
    assert "not a regular file" in reason("pipe.txt")
    assert "dir-link-inside/copy (1) of good.txt" not in docs  # folder links inside the root are not walked


def test_identical_bytes_are_one_document(hostile: Path):
    sources, _ = scan(hostile)
    good = next(s for s in sources if s.source_path == "good.txt")
    assert good.duplicate_paths == ["link-inside.txt", "sub dir [2024]/copy (1) of good.txt"]
    assert sum(1 for s in sources if s.sha256 == good.sha256) == 1
    doc = read_document(good)
    assert doc.doc_id == good.sha256[:16] and doc.duplicate_paths == good.duplicate_paths
    assert doc.title == "Trade update" and doc.published is not None and doc.published.iso() == "2024-01-20"


def test_scan_is_sorted_and_deterministic(hostile: Path):
    first = scan(hostile)
    second = scan(hostile)
    assert [s.source_path for s in first[0]] == sorted(s.source_path for s in first[0])
    assert [d.source_path for d in first[1]] == sorted(d.source_path for d in first[1])
    assert first == second


def test_non_ascii_names_and_another_language_are_kept(hostile: Path):
    sources, _ = scan(hostile)
    src = next(s for s in sources if s.source_path.startswith("Доклад"))
    doc = read_document(src)
    assert doc.status == "ok" and doc.encoding == "cp1251"
    assert doc.text.startswith("Товарооборот между Россией и Китаем")


def test_pdf_document_reads_like_its_text(hostile: Path):
    sources, _ = scan(hostile)
    doc = read_document(next(s for s in sources if s.source_path == "report.pdf"))
    assert doc.format == "pdf" and doc.status == "ok"
    assert "reached 22.7 billion cubic metres in 2023" in " ".join(doc.text.split())
    assert doc.published is not None and doc.published.iso() == "2024-01-20"


def test_huge_file_rejected_from_its_size_without_reading(tmp_path: Path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw / "huge.txt", "wb") as fh:  # sparse: 30 MB on paper, nothing on disk
        fh.truncate(30 * 2**20)
    monkeypatch.setattr(ingest, "_hash", lambda *a: pytest.fail("a too-large file was read"))
    sources, rejected = scan(raw)
    assert sources == []
    assert rejected[0].error == "file too large: 30.0 MB is over the 25.0 MB limit"
    assert rejected[0].size == 30 * 2**20 and rejected[0].sha256 == ""


def test_file_growing_after_scan_is_not_read_past_the_limit(tmp_path: Path):
    path = tmp_path / "grow.txt"
    path.write_bytes(b"a" * 100)
    doc = read_document(SourceFile("grow.txt", [], "0" * 64, 100, path), max_bytes=50)
    assert doc.status == "rejected" and "too large" in (doc.error or "")


def test_unreadable_file(tmp_path: Path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "locked.txt").write_text("secret", encoding="utf-8")
    (raw / "locked.txt").chmod(0)
    if os.access(raw / "locked.txt", os.R_OK):  # running as root: simulate the denied open

        def denied(path, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(ingest, "open", denied, raising=False)
    sources, rejected = scan(raw)
    assert sources == []
    assert rejected[0].source_path == "locked.txt"
    assert rejected[0].error == "file not readable: permission denied"
    assert rejected[0].status == "rejected"


def test_read_document_never_raises_even_if_the_file_vanished(tmp_path: Path):
    doc = read_document(SourceFile("gone.txt", [], "ab" * 32, 10, tmp_path / "gone.txt"))
    assert doc.status == "rejected" and "not readable" in (doc.error or "")
    assert doc.doc_id == "ab" * 8


def test_inputs_and_outputs_are_picklable(hostile: Path):
    sources, rejected = scan(hostile)
    docs = [read_document(s) for s in sources]
    for obj in [*sources, *rejected, *docs]:
        assert pickle.loads(pickle.dumps(obj)) == obj


def test_missing_raw_root_is_a_configuration_error(tmp_path: Path):
    with pytest.raises(NotADirectoryError):
        scan(tmp_path / "nope")


# --- the development corpus and the seeds ------------------------------------------------------


def _squash(text: str) -> str:
    """Whitespace-insensitive, pipes of table rows ignored, Markdown escapes ignored (`\\$` == `$`)."""
    return " ".join(text.replace("\\", "").replace("|", " ").split())


def _corpus_docs() -> list[tuple[str, IngestedDocument, dict]]:
    out = []
    for corpus in ("dev", "seeds"):
        sources, rejected = scan(DATA / corpus / "raw")
        assert rejected == []
        for src in sources:
            gold = yaml.safe_load((DATA / corpus / "gold" / (Path(src.source_path).stem + ".yaml")).read_text())
            out.append((corpus, read_document(src), gold))
    return out


def test_every_gold_quote_appears_in_the_clean_text():
    docs = _corpus_docs()
    assert len(docs) == 19
    missing = []
    checked = 0
    for _, doc, gold in docs:
        assert doc.status == "ok", doc.error
        text = _squash(doc.text)
        for table in ("trade_volumes", "agreements", "military_exercises"):
            for row in gold.get(table) or []:
                checked += 1
                if _squash(row["quote"]) not in text:
                    missing.append((doc.source_path, row["quote"]))
    assert checked > 150
    assert missing == []


def test_clean_text_has_no_conversion_artefacts():
    for _, doc, _ in _corpus_docs():
        assert not re.search(r"</?(sup|sub|a|span|b|i)\b", doc.text), doc.source_path
        assert "\\$" not in doc.text and "&nbsp;" not in doc.text and "&#" not in doc.text
        assert "\r" not in doc.text and "\ufeff" not in doc.text
        assert not re.search(r"[a-z]-\n[a-z]", doc.text), doc.source_path


def test_corpus_copy_under_odd_names_gives_identical_documents(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(DATA / "dev" / "raw" / "dev10.html", raw / "Статья [копия] 10.HTML")
    (raw / "dev02 utf8.txt").write_text(
        (DATA / "dev" / "raw" / "dev02.txt").read_bytes().decode("cp1252"), encoding="utf-8-sig"
    )
    docs = _by_path(list(iter_documents(raw)))
    originals = _by_path(list(iter_documents(DATA / "dev" / "raw")))
    assert docs["Статья [копия] 10.HTML"].text == originals["dev10.html"].text
    assert docs["dev02 utf8.txt"].text == originals["dev02.txt"].text
    assert docs["dev02 utf8.txt"].published == originals["dev02.txt"].published


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF\n"),
    ),
    ext=st.sampled_from([".txt", ".md", ".html", ".pdf", ".bin", ""]),
)
def test_read_document_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes, ext: str):
    path = tmp_path / f"doc{ext}"
    path.write_bytes(data)
    doc = read_document(SourceFile(path.name, [], "f" * 64, len(data), path))
    assert doc.status in ("ok", "rejected")
    assert (doc.status == "ok") == (doc.error is None)
    assert doc.status == "rejected" or doc.text.strip()
