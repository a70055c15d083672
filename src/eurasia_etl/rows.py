"""Fact records -> plain row dicts in the shape of the published mention tables.

Rows are plain dicts (JSON-serialisable except dates) so that per-document
results can be cached on disk and shipped between processes cheaply.
"""

from __future__ import annotations

import hashlib
from typing import Any

from eurasia_etl.facts import Agreement, DocumentFacts, Evidence, MilitaryExercise, PartialDate, TradeVolume

MENTION_TABLES = ("trade_volume_mentions", "agreement_mentions", "military_exercise_mentions")


def stable_id(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _evidence(doc_id: str, table: str, ordinal: int, ev: Evidence) -> dict[str, Any]:
    return {
        "mention_id": stable_id(doc_id, table, ordinal, ev.char_start, ev.char_end),
        "doc_id": doc_id,
        "char_start": ev.char_start,
        "char_end": ev.char_end,
        "evidence": ev.evidence,
        "extractor": ev.extractor,
        "confidence": float(ev.confidence),
    }


def _date(prefix: str, value: PartialDate | None) -> dict[str, Any]:
    return {
        f"{prefix}_date": value.iso() if value else None,  # ISO text; turned into a date at the frame edge
        f"{prefix}_precision": value.precision if value else None,
    }


def trade_row(doc_id: str, ordinal: int, f: TradeVolume) -> dict[str, Any]:
    return {
        **_evidence(doc_id, "trade_volume_mentions", ordinal, f.evidence),
        "metric": f.metric,
        "flow": f.flow,
        "reporter": f.reporter,
        "partner": f.partner,
        "location": f.location,
        "commodity": f.commodity,
        "period": f.period,
        "year": f.year,
        "value": f.value,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "basis": f.basis,
        "growth_pct": f.growth_pct,
        "value_text": f.value_text,
    }


def agreement_row(doc_id: str, ordinal: int, f: Agreement) -> dict[str, Any]:
    return {
        **_evidence(doc_id, "agreement_mentions", ordinal, f.evidence),
        "name": f.name,
        "agreement_type": f.agreement_type,
        "parties": sorted(set(f.parties)),
        **_date("signed", f.signed),
        **_date("ratified", f.ratified),
        "place": f.place,
        "topics": sorted(set(f.topics)),
    }


def exercise_row(doc_id: str, ordinal: int, f: MilitaryExercise) -> dict[str, Any]:
    return {
        **_evidence(doc_id, "military_exercise_mentions", ordinal, f.evidence),
        "name": f.name,
        **_date("start", f.start),
        **_date("end", f.end),
        "participants": sorted(set(f.participants)),
        "location": f.location,
        "domain": f.domain,
        "activities": sorted(set(f.activities)),
    }


def fact_rows(doc_id: str, facts: DocumentFacts) -> dict[str, list[dict[str, Any]]]:
    return {
        "trade_volume_mentions": [trade_row(doc_id, i, f) for i, f in enumerate(facts.trade_volumes)],
        "agreement_mentions": [agreement_row(doc_id, i, f) for i, f in enumerate(facts.agreements)],
        "military_exercise_mentions": [exercise_row(doc_id, i, f) for i, f in enumerate(facts.military_exercises)],
    }
