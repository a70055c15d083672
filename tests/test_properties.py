"""Arbitrary input never breaks reading or extraction, and every span points into the text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eurasia_etl.extract import extract_document
from eurasia_etl.facts import DocumentFacts, PartialDate
from eurasia_etl.ingest import read_document, scan

# Text that looks like our documents often enough to reach the extractors' deeper rules.
WORDS = st.sampled_from(
    [
        "Russia",
        "China",
        "DPRK",
        "Pyongyang",
        "Beijing",
        "Moscow",
        "Sino-Russian",
        "trade",
        "exports",
        "imports",
        "reached",
        "rose",
        "fell",
        "$",
        "US$",
        "240.1",
        "billion",
        "bn",
        "mln",
        "tonnes",
        "TEU",
        "%",
        "per",
        "cent",
        "yuan",
        "about",
        "over",
        "up",
        "to",
        "in",
        "2023",
        "2019",
        "May",
        "17",
        "March",
        "1949",
        "January–October",
        "first",
        "half",
        "treaty",
        "Treaty",
        "of",
        "Aigun",
        "agreement",
        "signed",
        "ratified",
        "memorandum",
        "exercise",
        "drill",
        "Joint",
        "Sea-2024",
        "Vostok",
        "2018",
        "navy",
        "Pacific",
        "Fleet",
        "PLA",
        "|",
        "---",
        "\n",
        "-",
        "#",
        ".",
        ",",
        ";",
        "(",
        ")",
        "“",
        "”",
        "–",
    ]
)
DOCISH = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=80).map(" ".join)


def _assert_grounded(text: str, facts: DocumentFacts) -> None:
    for fact in [*facts.trade_volumes, *facts.agreements, *facts.military_exercises]:
        ev = fact.evidence
        assert 0 <= ev.char_start < ev.char_end <= len(text)
        assert text[ev.char_start : ev.char_end] == ev.evidence
        assert 0.0 <= ev.confidence <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=400), DOCISH), published=st.sampled_from([None, PartialDate(2024, 6, 1)]))
def test_extraction_never_raises_and_spans_equal_evidence(text, published):
    _assert_grounded(text, extract_document(text, published))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=600), DOCISH.map(lambda s: s.encode("utf-8"))),
    suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".bin"]),
)
def test_reading_any_bytes_never_raises(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"doc{suffix}").write_bytes(data)
        sources, rejected = scan(Path(tmp))
        for src in sources:
            doc = read_document(src)
            assert doc.status in ("ok", "rejected")
            assert (doc.status == "rejected") == (doc.error is not None)
            if doc.status == "ok":
                _assert_grounded(doc.text, extract_document(doc.text, doc.published))
        assert len(sources) + len(rejected) == 1
