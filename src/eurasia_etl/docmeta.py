"""A document's own title and publication date, from what its first lines state.

Relative dates in the body ("last year") are resolved against `published`, so
it must come from the document's header, never from the body: only the lines
before the first long paragraph (the "header zone") are read. Order of trust:
a labelled date ("Published: January 13, 2025"), then the first dateline-like
date with at least a month ("Seoul, 21 February 2025", "March 2024" on a
working-paper header), then the year of a journal issue line ("Vol. 4, Issue
II, 2025"). Machine-readable values (HTML meta, JSON-LD) go through
`parse_date_value`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from eurasia_etl.facts import PartialDate
from eurasia_etl.knowledge import load_yaml

ZONE_LINES = 15  # non-blank lines looked at, at most
LONG_LINE = 200  # a line this long is body text: the header zone ends before it


@cache
def _knowledge() -> dict:
    return load_yaml("ingest_dates.yaml")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    k = _knowledge()
    month = "|".join(sorted((re.escape(m) for m in k["months"]), key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    mon = rf"(?P<month>{month})\.?"
    labels = "|".join(re.escape(w) for w in k["date_labels"])
    issue = "|".join(re.escape(w) for w in k["issue_words"])
    return {
        "dmy": re.compile(rf"(?<![\w/.,-]){day}\s+{mon},?\s+{year}(?!\d)", re.I),
        "mdy": re.compile(rf"(?<!\w){mon}\s+{day},?\s+{year}(?!\d)", re.I),
        "my": re.compile(rf"(?<!\w){mon},?\s+{year}(?!\d)", re.I),
        "iso": re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        "dotted": re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"),
        "label": re.compile(rf"\b(?:{labels})\b(?:\s+on)?\s*[:\-–—]?\s*", re.I),
        "issue": re.compile(rf"(?<!\w)(?:{issue})(?!\w)\.?\s*[\dIVXLC]", re.I),
        "year": re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/])"),
    }


def _make(year: str, month: str | int | None = None, day: str | None = None) -> PartialDate | None:
    y = int(year)
    m = month if isinstance(month, int) or month is None else _month_number(month)
    d = int(day) if day else None
    try:
        dt.date(y, m or 1, d or 1)
    except ValueError:
        return None
    return PartialDate(y, m, d)


def _month_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _knowledge()["months"].get(token.lower().rstrip("."))


def find_date(text: str) -> tuple[int, PartialDate] | None:
    """The first date with at least a month in `text`, as (position, date)."""
    found: list[tuple[int, int, PartialDate]] = []
    invalid: list[tuple[int, int]] = []  # "31 February 2020" must not become February 2020
    p = _patterns()
    for rank, name in enumerate(("iso", "dmy", "mdy", "dotted", "my")):
        for m in p[name].finditer(text):
            if any(s <= m.start() and m.end() <= e for s, e in invalid):
                continue
            g = m.groupdict()
            date = _make(g["year"], g["month"], g.get("day"))
            if date is None:
                invalid.append(m.span())
                continue
            found.append((m.start(), rank, date))
            break
    if not found:
        return None
    pos, _, date = min(found, key=lambda f: (f[0], f[1]))
    return pos, date


def parse_date_value(value: str) -> PartialDate | None:
    """A machine-readable or free date string ("2025-09-06T08:00:00Z", "6 September 2025")."""
    value = value.strip()[:200]
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?(?!\d)", value)
    if m:
        return _make(m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3))
    hit = find_date(value)
    return hit[1] if hit else None


def _strip_md(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    return re.sub(r"[*_`]{1,3}", "", line).strip()


def header_zone(text: str) -> list[str]:
    """Non-blank lines before the body starts (first long line), Markdown emphasis removed."""
    zone: list[str] = []
    for line in text[:20000].split("\n"):
        if not line.strip():
            continue
        if len(line) > LONG_LINE or len(zone) >= ZONE_LINES:
            break
        zone.append(line)
    return zone


def _is_item(line: str) -> bool:
    return bool(re.match(r"^\s*(?:\||(?:[-*+•]|\d{1,3}[.)])\s+\S)", line))


# A wire dateline opening the story: "SEOUL, March 3, 2021 (Agency) —", "TOKYO, 3 March 2021 -"
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30},\s+([^()\u2013\u2014]{6,22}?)\s*(?:\([^()]{1,40}\)\s*)?(?:[\u2013\u2014]|--?\s)"
)
_DATELINE_LINES = 12  # non-blank lines looked at for it: the story opens near the top


def _wire_dateline(lines: list[str]) -> PartialDate | None:
    """The date of a wire dateline opening one of the first lines, when the header states none."""
    for line in [ln for ln in lines if ln.strip()][:_DATELINE_LINES]:
        m = _WIRE_DATELINE.match(line)
        if m:
            hit = find_date(m.group(1))
            if hit is not None and hit[0] == 0:
                return hit[1]
    return None


def find_published(text: str) -> PartialDate | None:
    """The publication date a document states in its header (or in the wire dateline opening its
    story), or None."""
    p = _patterns()
    lines = [_strip_md(ln) for ln in text[:20000].split("\n")[:40]]
    for line in lines:
        label = p["label"].search(line)
        if label:
            hit = find_date(line[label.end() : label.end() + 60])
            if hit and hit[0] == 0:
                return hit[1]
    zone = [_strip_md(ln) for ln in header_zone(text) if not _is_item(ln)]
    for line in zone:
        hit = find_date(line)
        if hit:
            return hit[1]
    dateline = _wire_dateline(lines)
    if dateline is not None:
        return dateline
    for line in zone:
        if p["issue"].search(line):
            years = p["year"].findall(line)
            if years:
                return PartialDate(int(years[0]))
    return None


def find_title(text: str) -> str | None:
    """The first header line that reads like a title (not a section label, dateline or issue line)."""
    p = _patterns()
    zone = header_zone(text)
    for i, raw in enumerate(zone):
        if _is_item(raw):
            continue
        line = _strip_md(raw)
        words = line.split()
        if (
            (len(words) < 2 and not line.endswith(":"))
            or find_date(line)
            or p["issue"].search(line)
            or p["label"].match(line)
            or (line.upper() == line and len(words) <= 5)
            or re.match(r"(?i)^(by|from|website|e-?mail|ojs|doi|url|keywords?|abstract)\b", line)
            or "://" in line
        ):
            continue
        if line.endswith(":") and i + 1 < len(zone) and not _is_item(zone[i + 1]):
            nxt = _strip_md(zone[i + 1])
            if nxt and not find_date(nxt):
                line = f"{line} {nxt}"
        return line[:300]
    return None
