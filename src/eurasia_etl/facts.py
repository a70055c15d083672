"""Typed fact records shared by the extractors, the resolver and the publisher.

Extractors return these; they become DataFrames only at the edge where
pandera validates them (see `schemas`). Every record carries its evidence
span so a reader can always go back to the sentence that states it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PRECISIONS = ("year", "month", "day")


# A value, never mutated; not frozen=True, which sets each field through object.__setattr__ (4x slower
# to build, and thousands are built per document). unsafe_hash keeps the hash frozen=True gave.
@dataclass(order=True, unsafe_hash=True)
class PartialDate:
    """A date known to year, month or day precision (ACLED-style).

    `month`/`day` are None below the stated precision. Published as the first
    day of the period plus a precision word.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def to_date(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def rank(self) -> int:
        """How precise: 1 year, 2 month, 3 day (used when merging mentions)."""
        return PRECISIONS.index(self.precision) + 1

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)


@dataclass
class Evidence:
    """Where a fact is stated: `text[char_start:char_end] == evidence`."""

    char_start: int
    char_end: int
    evidence: str
    extractor: str
    confidence: float


@dataclass
class TradeVolume:
    metric: str  # trade_value | cargo_volume | container_volume | gas_volume | trade_share
    flow: str  # total | export | import | transit | handled
    reporter: str | None
    partner: str | None
    value: float | None
    unit: str  # ISO 4217 | t | TEU | m3 | percent
    value_text: str
    evidence: Evidence
    location: str | None = None
    commodity: str | None = None
    period: str | None = None  # "2019", "2023-05", "2023-01/2023-06"
    qualifier: str = "exact"  # exact | approx | at_least | at_most
    basis: str = "actual"  # actual | target
    growth_pct: float | None = None

    @property
    def year(self) -> int | None:
        if not self.period:
            return None
        return int(self.period[:4])


@dataclass
class Agreement:
    name: str
    agreement_type: str  # treaty | agreement | declaration | joint_statement | communique | ...
    parties: list[str]
    evidence: Evidence
    signed: PartialDate | None = None
    ratified: PartialDate | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)


@dataclass
class MilitaryExercise:
    name: str | None
    participants: list[str]
    evidence: Evidence
    start: PartialDate | None = None
    end: PartialDate | None = None
    location: str | None = None
    domain: str = "other"  # naval | air | ground | joint | other
    activities: list[str] = field(default_factory=list)


@dataclass
class DocumentFacts:
    """Everything extracted from one document, one row per fact."""

    trade_volumes: list[TradeVolume] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    military_exercises: list[MilitaryExercise] = field(default_factory=list)
