"""Publication date and title from a document's header."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eurasia_etl.docmeta import find_published, find_title, parse_date_value
from eurasia_etl.facts import PartialDate
from eurasia_etl.ingest import read_document, scan

DATA = Path(__file__).parent / "data"
BODY = "Body text " * 30  # a long line: the header zone ends here


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Title of the story\n\nBy our correspondent\nPublished: January 13, 2025\n", PartialDate(2025, 1, 13)),
        ("NEWSLETTER – No. 4/2025\nSeoul, 21 February 2025\n", PartialDate(2025, 2, 21)),
        ("PORTS | FAR EAST\n\nPorts close 2023\n\n20 January 2024, Vladivostok\n", PartialDate(2024, 1, 20)),
        ("# Note\n\n*Research note · Eurasia desk · 20 January 2026*\n", PartialDate(2026, 1, 20)),
        ("# Timeline\n\n*Compiled for the reading group, May 2025. Dates vary.*\n", PartialDate(2025, 5)),
        ("WORKING PAPERS            No. 24/03            March 2024\n", PartialDate(2024, 3)),
        ("Proceedings of the Workshop, Vol. 7 (May 2023)          41\n", PartialDate(2023, 5)),
        ("Vol. 4, Issue II, 2025 (April – June)\n\n# Journal\n", PartialDate(2025)),
        ("POLICY BRIEF No. 2025/09\nA title\n20 June 2025\n", PartialDate(2025, 6, 20)),
        ("Posted on 2024-03-16T10:00:00Z\n", PartialDate(2024, 3, 16)),
        ("Москва, 13 января 2025\n", PartialDate(2025, 1, 13)),
        ("Dated 05.06.2019\n", PartialDate(2019, 6, 5)),
    ],
)
def test_published_from_header(header, expected):
    assert find_published(header + "\n" + BODY) == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Trade slips\n\nBy A. Writer\n\nULAANBAATAR, Feb. 2, 2024 (Steppe Wire) — ", PartialDate(2024, 2, 2)),
        ("Headline\n\nTOKYO, 3 March 2021 - ", PartialDate(2021, 3, 3)),
        ("Headline\n\nNEW DELHI, 14 July 2022 -- ", PartialDate(2022, 7, 14)),
    ],
)
def test_published_from_the_wire_dateline_opening_the_story(opening, expected):
    """No date in the header: the dateline that opens the story's first (long) paragraph dates it."""
    assert find_published(opening + BODY) == expected


def test_body_dates_are_not_publication_dates():
    text = "RUSSIA-DPRK COOPERATION\nPeter Samoylenko\n" + BODY + "\nThe state was founded on September 9, 1948.\n"
    assert find_published(text) is None
    assert find_published("Title\n\nThe treaty of 31 February 2020 is impossible.\n" + BODY) is None
    assert find_published("") is None
    # a date in the first sentence that is no dateline
    assert find_published("Headline\n\nSeoul said on March 4, 2024 that trade rose. " + BODY) is None


def test_parse_date_value():
    assert parse_date_value("2025-09-06T08:00:00+03:00") == PartialDate(2025, 9, 6)
    assert parse_date_value("2025-09") == PartialDate(2025, 9)
    assert parse_date_value("6 September 2025") == PartialDate(2025, 9, 6)
    assert parse_date_value("2025-13-45") is None
    assert parse_date_value("soon") is None


def test_titles():
    assert find_title("PORTS | FAR EAST\n\nFar Eastern Basin closes 2023\n\n20 January 2024\n") == (
        "Far Eastern Basin closes 2023"
    )
    assert find_title("KOREA WATCH – No. 4/2025\nSeoul, 21 February 2025\n\nPyongyang’s trade ledger\n") == (
        "Pyongyang’s trade ledger"
    )
    assert find_title("# **Vladivostok Port of Russia**\n") == "Vladivostok Port of Russia"
    assert find_title("EURASIAN PAPERS No. 24/03 March 2024\n\nPipelines:\nRussia-China Ties\n") == (
        "Pipelines: Russia-China Ties"
    )
    assert find_title(BODY) is None


def _gold_published() -> list[tuple[Path, str, object]]:
    cases = []
    for corpus in ("dev", "seeds"):
        for gold in sorted((DATA / corpus / "gold").glob("*.yaml")):
            data = yaml.safe_load(gold.read_text(encoding="utf-8"))
            cases.append((DATA / corpus / "raw", data["doc"], data.get("published")))
    return cases


def test_gold_published_dates_all_reproduced():
    """All 19 dev + seed `published` values (14 dated, 5 null) come out of the documents."""
    cases = _gold_published()
    assert len(cases) == 19
    docs = {}
    for raw in {c[0] for c in cases}:
        sources, _ = scan(raw)
        docs.update({(raw, s.source_path): read_document(s) for s in sources})
    misses = []
    for raw, name, expected in cases:
        doc = docs[(raw, name)]
        got = doc.published.iso() if doc.published else None
        if got != (str(expected) if expected is not None else None):
            misses.append((name, got, expected))
    assert misses == []
