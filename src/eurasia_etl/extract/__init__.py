"""Rule-based extraction of the three fact tables from one document's clean text."""

from __future__ import annotations

from eurasia_etl.extract.agreements import extract_agreements
from eurasia_etl.extract.exercises import extract_exercises
from eurasia_etl.extract.trade import extract_trade
from eurasia_etl.facts import DocumentFacts, PartialDate
from eurasia_etl.segment import segment


def extract_document(text: str, published: PartialDate | None = None) -> DocumentFacts:
    """All facts of one document, one row per fact, each with its evidence span."""
    segments = segment(text)
    return DocumentFacts(
        trade_volumes=extract_trade(text, segments, published),
        agreements=extract_agreements(text, segments, published),
        military_exercises=extract_exercises(text, segments, published),
    )
