"""What the three extractors of one document share, computed once per document.

`extract_document` segments a document and hands the same `segments` list to the trade,
agreement and exercise extractors. Each used to scan the same sentences again for countries
and dates; `for_document` gives them one `DocContext` instead. It is found again by the
identity of the text and of the segments list (a new list for every call of `segment`), and
only the latest document is kept: nothing computed here outlives its document, so repeating
the same texts (as the speed benchmark does) gains nothing from it.
"""

from __future__ import annotations

from functools import cached_property

from eurasia_etl.facts import PartialDate
from eurasia_etl.grammar.countries import (
    CountryMatch,
    Hit,
    hits_within,
    hits_within_each,
    in_caps_text,
    report,
    report_isos,
    report_tuples,
    scan,
)
from eurasia_etl.grammar.dates import DateMatch, find_dates
from eurasia_etl.grammar.guard import folded
from eurasia_etl.segment import Segment

# How agreements join a document's segments to rank its countries. Exact to read off the
# segments' own scans: the separator holds no character of a country name, is white space at
# both ends (as the scanner's look-arounds need) and no dash can reach across its bar.
JOIN = " | "


class DocContext:
    """Lazily computed, per-document results that several extractors ask for."""

    def __init__(self, text: str, segments: list[Segment]) -> None:
        self.text = text
        self.segments = segments
        self._dates: dict[tuple[str, PartialDate | None], list[DateMatch]] = {}
        self._hits: list[Hit] | None = None
        self._hit_starts: list[int] = []
        self._spans: dict[tuple[int, int], tuple[list[Hit], str, int, int]] = {}
        self._countries: dict[tuple[int, int], list[CountryMatch]] = {}
        self._doc_countries: list[tuple[int, int, str, str]] | None = None

    @cached_property
    def lowered(self) -> str:
        """`text.lower()`, once for all the whole-document prefilters."""
        return self.text.lower()

    @cached_property
    def folded(self) -> str | None:
        """`folded(text)` (grammar.guard): the lower-cased text caseless twins may search, or None."""
        return folded(self.text, self.lowered)

    def dates(self, s: str, reference: PartialDate | None) -> list[DateMatch]:
        """`find_dates(s, reference)` for a segment's (or a cell's) text, found once per document.

        The result is shared: callers must not change the list.
        """
        key = (s, reference)
        got = self._dates.get(key)
        if got is None:
            got = self._dates[key] = find_dates(s, reference)
        return got

    # ------------------------------------------------------------------ countries

    def _scan(self) -> list[Hit]:
        if self._hits is None:
            self._hits = scan(self.text)
            self._hit_starts = [h[0] for h in self._hits]
        return self._hits

    def _span(self, lo: int, hi: int) -> tuple[list[Hit], str, int, int]:
        """The hits of a scan of text[lo:hi], with the text, lo and hi their offsets refer to."""
        key = (lo, hi)
        got = self._spans.get(key)
        if got is None:
            within = hits_within(self._scan(), self._hit_starts, self.text, lo, hi)
            got = self._spans[key] = self._spanned(within, lo, hi)
        return got

    def _spanned(self, within: list[Hit] | None, lo: int, hi: int) -> tuple[list[Hit], str, int, int]:
        if within is None:  # the span's edges could change what the scanner sees: scan it alone
            sub = self.text[lo:hi]
            return scan(sub), sub, 0, hi - lo
        return within, self.text, lo, hi

    def doc_countries(self) -> list[tuple[int, int, str, str]]:
        """(start, end, iso3, kind) of each match of `find_countries(text)` over the whole document."""
        if self._doc_countries is None:
            self._doc_countries = report_tuples(self._scan(), self.text)
        return self._doc_countries

    def countries(self, lo: int, hi: int) -> list[CountryMatch]:
        """`find_countries(text[lo:hi])` (offsets relative to `lo`), read off the document's scan.

        Shared: callers must not change the list.
        """
        key = (lo, hi)
        got = self._countries.get(key)
        if got is None:
            hits, src, a, b = self._span(lo, hi)
            got = self._countries[key] = report(hits, src, a, b)
        return got

    def joined_isos(self) -> list[str]:
        """ISO3 of each match of `find_countries(JOIN.join(s.text for s in segments))`, from the
        segments' scans (the joined text is only built to read a caps word's neighbours)."""
        joined: list[str] = []
        out: list[str] = []
        base = 0
        spans = [(seg.start, seg.end) for seg in self.segments]
        for seg, within in zip(self.segments, hits_within_each(self._scan(), self.text, spans), strict=True):
            hits, a = (scan(seg.text), 0) if within is None else (within, seg.start)
            if hits:
                shift = base - a

                def caps(start: int, end: int, shift: int = shift) -> bool:
                    if not joined:
                        joined.append(JOIN.join(s.text for s in self.segments))
                    return in_caps_text(joined[0], start + shift, end + shift)

                out += report_isos(hits, caps)
            base += len(seg.text) + len(JOIN)
        return out


_latest: tuple[str, list[Segment], DocContext] | None = None


def for_document(text: str, segments: list[Segment]) -> DocContext:
    """The context of this document: the one already built for these very objects, else a new one."""
    global _latest
    last = _latest
    if last is not None and last[0] is text and last[1] is segments:
        return last[2]
    ctx = DocContext(text, segments)
    _latest = (text, segments, ctx)
    return ctx
