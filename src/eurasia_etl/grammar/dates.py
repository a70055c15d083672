"""Find dates, date ranges and relative dates in text, at the precision written.

Every fact table carries dates (signing, exercise start/end, trade period) at
the precision the text gives (annotation guide "Dates"). This module turns
"17 March 1949", "January–October 2023", "H1 2023", "10 to 16 September 2024",
"last year" ... into PartialDates. One compiled regex (built once from
data/dates.yaml) does the scan; a small resolver fills in missing years.

Resolution rules (kept simple on purpose):

* deictic phrases ("this year", "last year", "next year", "this month") count
  from `reference` (the document's published date); without it `first` is None.
* anaphoric phrases ("the previous year", "the same year", "a year earlier")
  count from the last explicit year in the preceding 300 characters of `text`,
  else from `reference`.
* a date without a year ("in May", "on 6 November", "January–October") takes
  the last explicit year in the preceding 300 characters, else the reference
  year (even if that puts it after the reference date), else `first` is None
  and `month_only` (and `day_only`) keep what was written. "last May" / "next May"
  count from the reference.
* bare years ("in 2014", table cells, "Joint Sea-2012") are reported with
  kind="year" and a confidence: 0.9 after a temporal word or in parentheses,
  0.6 bare, 0.5 glued to a name by a hyphen. Numbers followed by a unit
  ("2014 tonnes"), money ("$2014") or thousands separators are not years.
* decades ("the 1990s", "late 1950s") and centuries have no ISO date:
  first=None, kind="decade"/"century", `decade` set for decades.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from eurasia_etl.facts import PartialDate
from eurasia_etl.grammar.guard import alternation, contains_any, skipping
from eurasia_etl.knowledge import load_yaml


# Not frozen, for speed: see facts.PartialDate (never mutated, hashed as before).
@dataclass(unsafe_hash=True)
class DateMatch:
    start: int
    end: int
    first: PartialDate | None  # None when the year cannot be resolved ("in May" with no reference)
    last: PartialDate | None  # for ranges ("January–October 2023", "10 to 16 September 2024", "2020-2022")
    month_only: int | None = None  # month of an unresolved "in May"
    relative: bool = False  # came from "this year", "last year", "in May" ...
    kind: str = "date"  # date | range | year | relative | decade | century
    confidence: float = 1.0  # how surely this is a date (bare years are less sure)
    day_only: int | None = None  # day of an unresolved "on 6 November"
    decade: int | None = None  # 1990 for "the 1990s"
    text: str = ""  # as written
    comparative: bool = False  # a comparison baseline: "than in 2022", "on the previous year", "a year earlier"


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Vocab:
    regex: re.Pattern[str]
    article_guard: str  # the part of `regex` that skips articles no date can start with (tests remove it)
    month_of: dict[str, int]
    ambiguous_months: frozenset[str]
    prepositions: frozenset[str]
    ordinals: dict[str, int]
    cardinals: dict[str, int]
    deictic: dict[str, int]
    anaphoric: dict[str, int]
    rel_months: dict[str, int]
    year_re: re.Pattern[str]
    weekday_re: re.Pattern[str]
    number_noun_re: re.Pattern[str]
    weekday_of: dict[str, int]  # "Monday" -> 0
    indefinite_weekday: frozenset[str]  # "a", "every": the word before a weekday that is no date
    tense_re: re.Pattern[str]  # future (group "fut") or past (group "past") verb cues for a weekday


def _alt(words: list[str]) -> str:
    return alternation(words, flexible_space=True, case_sensitive=True)  # dates compiles nothing with re.I


_DASHES = r"\-‐‑‒–—"


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Load data/dates.yaml once and compile the date grammar into one regex."""
    raw = load_yaml("dates.yaml")
    rw = raw["relative_weekdays"]
    for key, val in raw.items():
        items = val if isinstance(val, list) else list(val) if isinstance(val, dict) else []
        bad = [w for w in items if not isinstance(w, str | int) or isinstance(w, bool)]
        if bad:  # YAML 1.1 reads unquoted on/no/yes as booleans
            raise ValueError(f"dates.yaml: {key} has non-string entries {bad}; quote them")
    month_of: dict[str, int] = {}
    full: list[str] = []
    abbrev: list[str] = []
    for num, forms in raw["months"].items():
        for i, f in enumerate(forms):
            month_of[f] = month_of[f.upper()] = int(num)
            (full if i == 0 else abbrev).extend([f, f.upper()])
    ordinals = {str(k): int(v) for k, v in raw["ordinals"].items()}
    cardinals = {str(k): int(v) for k, v in raw["cardinals"].items()}
    deictic = dict(raw["relative_years"]["deictic"])
    anaphoric = dict(raw["relative_years"]["anaphoric"])
    rel_months = dict(raw["relative_months"])

    MON = (
        "(?:"
        + "|".join(
            [re.escape(f) for f in sorted(full, key=len, reverse=True)]
            + [re.escape(f) + r"(?:\.(?!\d))?" for f in sorted(abbrev, key=len, reverse=True)]
        )
        + ")(?![A-Za-z])"
    )
    D = r"(?<![\d.,$£€¥/])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])"
    Y = r"(?<![\d.,$£€¥/])(?:1[6-9]\d\d|20\d\d|2100)(?![\d%]|[.,]\d)"
    DASH = rf"\s*[{_DASHES}]\s*"
    SEP = rf"(?:{DASH}|\s+(?:to|till|until|through|thru)\s+)"
    D0 = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])"  # a day right after "/" or "("
    OS = rf"(?:\s*[(\[]\s*{D0}\s+{MON}\s*[)\]]|\s*/\s*{D0}\s+{MON})?"  # Old Style / New Style pair
    ORD = _alt(list(ordinals))
    CARD = _alt(list(cardinals)) + r"|\d{1,2}"
    REL = _alt(list(deictic) + list(anaphoric) + ["the year", "this year"])
    YX = rf"(?:of\s+)?(?:(?P<{{g}}>{Y})|(?P<{{r}}>{REL}))"  # explicit or relative year
    SEASON = _alt(raw["seasons"])
    YMOD = _alt(raw["year_modifiers"])
    mods = ["early", "mid", "late", "Early", "Mid", "Late"]
    MOD = f"(?:{'|'.join(mods)})"

    def yx(g: str, r: str) -> str:
        return YX.replace("{g}", g).replace("{r}", r)

    # Branches are grouped by the first character of the expression so that at a
    # word start only one group is tried (a big speed-up for Python's re).
    digit_branches = [
        # 1949-03-17
        rf"(?P<iso>(?P<iso_y>{Y})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01]))(?![\d{_DASHES}])",
        # 17.03.1949 / 17/03/1949 / 03/17/1949 (day-first unless impossible)
        r"(?P<num>(?<![\d.,/])(?P<num_a>[0-3]?\d)(?P<num_s>[./])(?P<num_b>[01]?\d)(?P=num_s)"
        rf"(?P<num_y>1[6-9]\d\d|20\d\d))(?![\d{_DASHES}]|[.,/]\d)",
        # 30 June – 2 July 2024 / 30 June 2023 to 2 July 2024
        rf"(?P<ddr>(?P<ddr_d1>{D})\s+(?:of\s+)?(?P<ddr_m1>{MON})(?:,?\s+(?P<ddr_y1>{Y}))?{SEP}"
        rf"(?:the\s+)?(?P<ddr_d2>{D})\s+(?:of\s+)?(?P<ddr_m2>{MON})(?:,?\s+(?P<ddr_y2>{Y}))?)",
        # 10 to 16 September 2024 / 5-12 July / 14th–17th of July
        rf"(?P<dr>(?P<dr_d1>{D}){SEP}(?:the\s+)?(?P<dr_d2>{D})\s+(?:of\s+)?(?P<dr_m>{MON}){OS}(?:,?\s+(?P<dr_y>{Y}))?)",
        # 17 March 1949 / 21st of May / 27 August (6 September) 1689
        rf"(?P<dmy>(?P<dmy_d>{D})\s{{1,3}}(?:of\s+)?(?P<dmy_m>{MON}){OS}(?:,?\s+(?P<dmy_y>{Y}))?)",
        # 1H 2023 / 2Q 2024
        rf"(?P<hxb>(?P<hxb_n>[12])H\s*(?P<hxb_y>{Y}))",
        rf"(?P<qxb>(?P<qxb_n>[1-4])Q(?:\s*[{_DASHES}/]?\s*)(?P<qxb_y>{Y}))",
        # 1980s
        r"(?P<decd>(?P<decd_y>1[6-9]\d0|20\d0)['’]?s)(?!\w)",
        # 19th century
        rf"(?P<cen>(?P<cen_n>1\d|20|21|[1-9])(?:st|nd|rd|th)[\s{_DASHES}]+century)",
        # 2020-2022 / 2020–22 / 2014 to 2023 / 2021/22
        rf"(?P<yr>(?P<yr_y1>{Y})(?:(?:{DASH}|/)(?P<yr_y2>(?:1[6-9]|20)\d\d|\d\d)"
        rf"|\s+(?:to|till|until|through|thru)\s+(?P<yr_y3>{Y}))(?![\d%]|[.,]\d))",
        # 2023-05 (ISO month)
        rf"(?P<isom>(?P<isom_y>{Y})-(?P<isom_m>0[1-9]|1[0-2]))(?![\d{_DASHES}])",
        # in 2014 / 1727 / Sea-2012
        rf"(?P<year>{Y})(?![\w{_DASHES}]*\d)(?!['’]?s\b)",
    ]
    month_branches = [
        # July 20–23, 2023 / December 21 to December 27, 2022 / June 30 – July 2, 2024
        rf"(?P<mr>(?P<mr_m1>{MON})\s+(?P<mr_d1>{D})(?:,?\s+(?P<mr_y1>{Y}))?{SEP}"
        rf"(?:(?P<mr_m2>{MON})\s+)?(?P<mr_d2>{D})(?:,?\s+(?P<mr_y2>{Y}))?)(?!\s*[{_DASHES}]?\s*\d)",
        # January–October 2023 / November 2022 – March 2023 / January to October
        rf"(?P<mmr>(?P<mmr_m1>{MON})(?:\s+(?P<mmr_y1>{Y}))?{SEP}(?P<mmr_m2>{MON})"
        rf"(?:,?\s+{yx('mmr_y2', 'mmr_r')})?)(?!\s+\d)",
        # March 17, 1949 / Jan 13
        rf"(?P<mdy>(?P<mdy_m>{MON})\s+(?P<mdy_d>{D})(?!\s*[{_DASHES}]\s*\d)"
        rf"(?:\s*[(\[]\s*{MON}\s+{D}\s*[)\]])?(?:,?\s+(?P<mdy_y>{Y}))?)(?!\d)",
        # May 1858 / Nov. 1860 / Aug, 2008 / May of 2019 / May last year
        rf"(?P<my>(?P<my_m>{MON}),?\s+{yx('my_y', 'my_r')})",
        # in May / December (no day, no year)
        rf"(?P<mo>(?P<mo_m>{MON}))(?!\s*\d)",
    ]
    word_branches = [
        # the first half of 2023 / first half of the year
        rf"(?P<half>(?:the\s+)?(?P<half_o>{ORD})\s+half\s+(?:of\s+)?{yx('half_y', 'half_r')})",
        # H1 2023
        rf"(?P<hxa>H(?P<hxa_n>[12])\s*(?P<hxa_y>{Y}))",
        # the first quarter of 2024 / first three quarters of 2023
        rf"(?P<qtr>(?:the\s+)?(?P<qtr_o>{ORD})\s+(?:(?P<qtr_n>{CARD})\s+)?quarters?\s+(?:of\s+)?"
        rf"{yx('qtr_y', 'qtr_r')})",
        # Q1 2024 / Q3-2023
        rf"(?P<qxa>Q(?P<qxa_n>[1-4])(?:{DASH}Q(?P<qxa_n2>[1-4]))?(?:\s*[{_DASHES}/]?\s*|\s+of\s+)(?P<qxa_y>{Y}))",
        # the first nine months of 2023
        rf"(?P<fm>(?:the\s+)?first\s+(?P<fm_n>{CARD})\s+months\s+(?:of\s+)?{yx('fm_y', 'fm_r')})",
        # summer 2019 / the summer of 2019
        rf"(?P<sea>(?:the\s+)?(?:{MOD}[{_DASHES}\s]?)?(?:{SEASON})\s+(?:of\s+)?(?P<sea_y>{Y}))",
        # the late 1990s / mid-1950s / the 1980s
        rf"(?P<decm>(?:{MOD}[{_DASHES}\s]+)?(?:the\s+)?(?:{MOD}[{_DASHES}\s]+)?(?P<decm_y>1[6-9]\d0|20\d0)['’]?s)(?!\w)",
        # mid-2019 / early 2024 / the end of 2023
        rf"(?P<ym>(?:the\s+)?(?:{YMOD})(?:[{_DASHES}]|\s+)(?:the\s+year\s+)?(?P<ym_y>{Y}))",
        # between 2014 and 2023
        rf"(?P<byr>[Bb]etween\s+(?P<byr_y1>{Y})\s+and\s+(?P<byr_y2>{Y}))",
        # this year / last year / the previous year / last month
        rf"(?P<rel>(?P<rel_w>{_alt(list(deictic) + list(anaphoric) + list(rel_months))}))(?![\w{_DASHES}])",
        # last May / next March
        rf"(?P<lm>(?P<lm_w>last|next|this)\s+(?P<lm_m>{MON}))",
        # early March / mid-May / the end of June
        rf"(?P<mom>(?:the\s+)?(?P<mom_mod>{MOD}|end\s+of|beginning\s+of|End\s+of|Beginning\s+of)"
        rf"[{_DASHES}\s]+(?P<mom_m>{MON}))(?!\s*\d)",
        # (last|this) Monday; not "Monday's", not "Monday, 15 September" (a full date, above)
        rf"(?P<wd>(?:(?P<wd_q>{_alt(rw['qualifiers'])})\s+)?(?P<wd_d>{_alt(rw['names'])}))"
        rf"(?![\w'’{_DASHES}]|\.?,?\s+(?:the\s+)?(?:\d|{MON}))",
    ]
    # first words of the word branches, for a cheap look-ahead guard
    first_words = (
        [
            "the",
            "The",
            "H1",
            "H2",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "between",
            "Between",
            "end",
            "End",
            "beginning",
            "Beginning",
            "last",
            "next",
            "this",
            "a",
            "two",
            "three",
            "that",
            "That",
            "coming",
            "current",
            "past",
            "first",
            "First",
        ]
        + list(ordinals)
        + [w.split()[0] for w in list(deictic) + list(anaphoric) + list(rel_months)]
        + raw["seasons"]
        + [w.split()[0] for w in raw["year_modifiers"]]
        + ["early", "mid", "late"]
        + rw["names"]
    )
    first_words = sorted({w for w in first_words if w}, key=len, reverse=True)
    mon_guard = alternation([f[:3] for f in month_of], case_sensitive=True)
    # Where a word-branch date starts with an article, the word after it is one of these (the branches above:
    # an ordinal, a season, a modifier, "end"/"beginning", a decade's first digit, the second word of a
    # relative phrase). Most articles of running text are followed by none, and there the branches would
    # cost ~1.5 µs to try.
    articles = ("the", "The", "a")
    after_article = [
        *ordinals,
        *raw["seasons"],
        *mods,
        *(w.split()[0] for w in raw["year_modifiers"]),
        *("end", "beginning", "End", "Beginning"),
        *(w.split()[1] for w in [*deictic, *anaphoric, *rel_months] if w.split()[0] in articles),
    ]
    article_guard = (
        rf"(?!(?:{'|'.join(articles)})(?![a-z])(?!\s+(?:{alternation(after_article, case_sensitive=True)}|[12])))"
    )
    guard = "".join(sorted({re.escape(w[0]) for w in first_words} | {f[0] for f in month_of}))
    word_guard = alternation(first_words, case_sensitive=True)
    pattern = (
        rf"(?=[0-9{guard}])(?<![\w])(?:"
        rf"(?=\d)(?:{'|'.join(digit_branches)})"
        rf"|(?={mon_guard})(?:{'|'.join(month_branches)})"
        rf"|(?=(?:{word_guard})(?![a-z])){article_guard}(?:{'|'.join(word_branches)})"
        r")"
    )
    regex = skipping(pattern)  # re skips to a possible first character (grammar.guard)
    preps = frozenset(raw["temporal_prepositions"])
    qwords = _alt(raw["quantity_words"])
    year_re = re.compile(rf"\s*(?:{qwords}|%)(?![\w])")
    return _Vocab(
        regex=regex,
        article_guard=article_guard,
        month_of=month_of,
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        prepositions=preps,
        ordinals=ordinals,
        cardinals=cardinals,
        deictic=deictic,
        anaphoric=anaphoric,
        rel_months=rel_months,
        year_re=year_re,
        number_noun_re=re.compile(rf"(?<![\w])(?:{_alt(raw['number_nouns'])})\.?\s*(?:No\.?\s*)?#?$"),
        weekday_re=re.compile(rf"(?<![\w])(?:{_alt(raw['weekdays'])})\.?,?\s+(?:the\s+)?$"),
        weekday_of={w: i for i, w in enumerate(rw["names"])},
        indefinite_weekday=frozenset(rw["indefinite"]),
        tense_re=re.compile(rf"(?P<fut>{rw['future_cue']})|(?P<past>{rw['past_cue']})"),
    )


# --------------------------------------------------------------------------- helpers

_WS = re.compile(r"\s+")
_PREV_WORD = re.compile(r"([A-Za-z][\w.]*)[\s(]*$")


def _day(s: str) -> int:
    return int(_LEADING_DIGITS.match(s).group(0))  # type: ignore[union-attr]


def _pd(y: int | None, m: int | None = None, d: int | None = None) -> PartialDate | None:
    """A PartialDate if the parts make a real calendar date, else None."""
    if y is None:
        return None
    if m is not None and not 1 <= m <= 12:
        return None
    if d is not None and (m is None or not 1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return PartialDate(y, m, d)


def _two_digit_year(y1: int, s: str) -> int:
    if len(s) == 4:
        return int(s)
    return (y1 // 100) * 100 + int(s)


_SENT_BOUNDARY = re.compile(r"[.!?][\"”’)*]*\s+(?=[A-Z\d\"“*(])|\n\s*\n")
_LEADING_DIGITS = re.compile(r"\d+")


class _Resolver:
    """Tracks explicit years so that yearless dates can borrow one."""

    def __init__(self, text: str, reference: PartialDate | None) -> None:
        self.text = text
        self.reference = reference
        self.years: list[tuple[int, int]] = []  # (end offset, year) of explicit years

    def note(self, end: int, year: int) -> None:
        self.years.append((end, year))

    def _last_year(self, start: int, lo: int) -> int | None:
        for end, year in reversed(self.years):
            if end <= start:
                return year if end >= lo else None
        return None

    def _window_start(self, start: int) -> int:
        """Start of the sentence before the one containing `start`."""
        lo = max(0, start - 600)
        ends = [m.end() for m in _SENT_BOUNDARY.finditer(self.text, lo, start)]
        return ends[-2] if len(ends) >= 2 else lo

    def anchor(self, start: int, month: int | None = None, day: int | None = None) -> int | None:
        """Year for a yearless mention at `start`.

        An explicit year in the same or the previous sentence wins; then the
        reference (most recent past for a month/day: "December" written in
        January 2025 is December 2024); then any year in the last 300 chars.
        """
        y = self._last_year(start, self._window_start(start))
        if y is not None:
            return y
        ref = self.reference
        if ref is not None:
            if month is not None and ref.month is not None and (month, day or 1) > (ref.month, ref.day or 31):
                return ref.year - 1
            return ref.year
        return self._last_year(start, start - 300)


# --------------------------------------------------------------------------- main


def weekday_names() -> tuple[str, ...]:
    """The weekday names of data/dates.yaml, Monday first: for other rules that must know a day is a date."""
    return tuple(_vocab().weekday_of)


def find_dates(text: str, reference: PartialDate | None = None) -> list[DateMatch]:
    """All dates in `text`, in order, non-overlapping; see the module doc for resolution."""
    v = _vocab()
    res = _Resolver(text, reference)
    out: list[DateMatch] = []
    for m in v.regex.finditer(text):
        dm = _interpret(m, v, res, text)
        if dm is None:
            continue
        if _is_comparative(v, text, dm, m.lastgroup):
            dm = replace(dm, comparative=True)
        if m.lastgroup in ("dmy", "mdy", "mr", "ddr"):
            wd = v.weekday_re.search(text, max(0, dm.start - 16), dm.start)
            if wd:  # "Tuesday, 14 July": the weekday belongs to the date
                dm = replace(dm, start=wd.start(), text=text[wd.start() : dm.end])
                dm = _weekday_year(v, dm, reference)
        out.append(dm)
    return out


def _month(v: _Vocab, s: str | None) -> int | None:
    if s is None:
        return None
    return v.month_of.get(s.rstrip("."))


def _rel_year(v: _Vocab, res: _Resolver, phrase: str, start: int) -> int | None:
    p = _WS.sub(" ", phrase.strip())
    if p.startswith("of "):
        p = p[3:]
    if p in v.deictic:
        return res.reference.year + v.deictic[p] if res.reference else None
    off = v.anaphoric.get(p, 0)
    base = res.anchor(start)  # same/previous sentence, else reference
    return base + off if base is not None else None


def _interpret(m: re.Match[str], v: _Vocab, res: _Resolver, text: str) -> DateMatch | None:
    kind = m.lastgroup
    g = m.group
    s, e = m.start(), m.end()
    surface = m.group(0)

    def mk(first: PartialDate | None, last: PartialDate | None = None, **kw: object) -> DateMatch:
        k = kw.pop("kind", "range" if last is not None else "date")
        return DateMatch(s, e, first, last, kind=k, text=surface, **kw)  # type: ignore[arg-type]

    def explicit(y: int) -> int:
        res.note(e, y)
        return y

    y: int | None
    if kind == "iso":
        y = explicit(int(g("iso_y")))
        d = _pd(y, int(g("iso_m")), int(g("iso_d")))
        return mk(d) if d else None
    if kind == "num":
        a, b, y = int(g("num_a")), int(g("num_b")), int(g("num_y"))
        if g("num_s") == "/" and a <= 12 < b:
            a, b = b, a  # US order: 03/17/1949
        d = _pd(y, b, a) if 1 <= a <= 31 else None
        if d is None:
            return None
        explicit(y)
        ambiguous = g("num_s") == "/" and a <= 12 and b <= 12 and a != b
        return mk(d, confidence=0.7 if ambiguous else 1.0)
    if kind == "dmy":
        mo = _month(v, g("dmy_m"))
        day = _day(g("dmy_d"))
        if g("dmy_y"):
            y = explicit(int(g("dmy_y")))
            return mk(_pd(y, mo, day)) if _pd(y, mo, day) else None
        return _yearless(s, e, surface, res, mo, day)
    if kind == "mdy":
        mo = _month(v, g("mdy_m"))
        day = _day(g("mdy_d"))
        if g("mdy_y"):
            y = explicit(int(g("mdy_y")))
            d = _pd(y, mo, day)
            return mk(d) if d else None
        return _yearless(s, e, surface, res, mo, day)
    if kind in ("dr", "ddr", "mr"):
        return _day_range(m, kind, v, res, text)
    if kind == "mmr":
        m1, m2 = _month(v, g("mmr_m1")), _month(v, g("mmr_m2"))
        y2: int | None = None
        rel = False
        if g("mmr_y2"):
            y2 = explicit(int(g("mmr_y2")))
        elif g("mmr_r"):
            y2, rel = _rel_year(v, res, g("mmr_r"), s), True
        y1 = int(g("mmr_y1")) if g("mmr_y1") else None
        if y1 is not None:
            res.note(e, y1)
        if y2 is None and y1 is None:
            y2 = res.anchor(s, m2)
            rel = True
            if y2 is None:
                return mk(None, None, month_only=m1, relative=True, kind="relative")
        if y1 is None:
            y1 = y2 if m1 is not None and m2 is not None and m1 <= m2 else (y2 - 1 if y2 else None)
        if y2 is None:
            y2 = y1
        return mk(_pd(y1, m1), _pd(y2, m2), relative=rel)
    if kind == "my":
        mo = _month(v, g("my_m"))
        if g("my_y"):
            y = explicit(int(g("my_y")))
            return mk(_pd(y, mo))
        y = _rel_year(v, res, g("my_r"), s)
        return mk(_pd(y, mo), relative=True, month_only=None if y else mo)
    if kind in ("half", "qtr", "fm", "hxa", "hxb", "qxa", "qxb"):
        return _part_of_year(m, kind, v, res)
    if kind == "sea":
        return mk(_pd(explicit(int(g("sea_y")))))
    if kind == "ym":
        return mk(_pd(explicit(int(g("ym_y")))))
    if kind in ("decd", "decm"):
        return mk(None, None, kind="decade", decade=int(g(f"{kind}_y")))
    if kind == "cen":
        return mk(None, None, kind="century")
    if kind == "byr":
        y1, y2 = int(g("byr_y1")), explicit(int(g("byr_y2")))
        return mk(_pd(y1), _pd(y2)) if y2 > y1 else None
    if kind == "yr":
        y1 = int(g("yr_y1"))
        y2s = g("yr_y2") or g("yr_y3")
        y2 = _two_digit_year(y1, y2s)
        if _number_before(v, text, s) or v.year_re.match(text, e):
            return None  # "Resolution 2087-2090", "2019 to 2020 tonnes"
        if not 0 < y2 - y1 <= 100:
            # "2023-05" is an ISO month; "2021/05" or "No. 2025/09" is no range: first year alone
            if len(y2s) == 2 and 1 <= int(y2s) <= 12 and text[m.end("yr_y1")] == "-":
                return mk(_pd(explicit(y1), int(y2s)))
            ym = re.match(r"\d{4}", text[s:])
            return _bare_year(ym, v, res, text, s) if ym else None  # type: ignore[arg-type]
        res.note(e, y2)
        return mk(_pd(y1), _pd(y2))
    if kind == "rel":
        w = _WS.sub(" ", g("rel_w"))
        if w in v.rel_months:
            ref = res.reference
            if ref is None or ref.month is None:
                return mk(None, relative=True, kind="relative")
            mi = ref.year * 12 + (ref.month - 1) + v.rel_months[w]
            return mk(_pd(mi // 12, mi % 12 + 1), relative=True, kind="relative")
        y = _rel_year(v, res, w, s)
        return mk(_pd(y), relative=True, kind="relative")
    if kind == "lm":
        mo = _month(v, g("lm_m"))
        ref = res.reference
        if ref is None or mo is None:
            return mk(None, relative=True, month_only=mo, kind="relative")
        rm = ref.month or 12
        w = g("lm_w")
        y = ref.year
        if w == "last" and mo >= rm:
            y -= 1
        elif w == "next" and mo <= rm:
            y += 1
        return mk(_pd(y, mo), relative=True, kind="relative")
    if kind == "isom":
        y1 = int(g("isom_y"))
        mm = int(g("isom_m"))
        if mm > y1 % 100:
            return None  # "2010-11" reads as a year range, handled by `yr`; not reached normally
        return mk(_pd(explicit(y1), mm))
    if kind == "year":
        return _bare_year(m, v, res, text)
    if kind in ("mo", "mom"):
        return _month_only(m, v, res, text)
    if kind == "wd":
        return _weekday(m, v, res, text)
    return None


def _yearless(s: int, e: int, surface: str, res: _Resolver, mo: int | None, day: int | None) -> DateMatch | None:
    y = res.anchor(s, mo, day)
    if y is None:
        return DateMatch(s, e, None, None, month_only=mo, relative=True, kind="relative", day_only=day, text=surface)
    d = _pd(y, mo, day)
    if d is None:
        return None
    return DateMatch(s, e, d, None, relative=True, kind="date", text=surface)


def _day_range(m: re.Match[str], kind: str, v: _Vocab, res: _Resolver, text: str) -> DateMatch | None:
    g = m.group
    s, e = m.start(), m.end()
    if kind == "dr":
        m1 = m2 = _month(v, g("dr_m"))
        d1, d2 = _day(g("dr_d1")), _day(g("dr_d2"))
        y1s = y2s = g("dr_y")
    elif kind == "ddr":
        m1, m2 = _month(v, g("ddr_m1")), _month(v, g("ddr_m2"))
        d1, d2 = _day(g("ddr_d1")), _day(g("ddr_d2"))
        y1s, y2s = g("ddr_y1"), g("ddr_y2")
    else:
        m1 = _month(v, g("mr_m1"))
        m2 = _month(v, g("mr_m2")) if g("mr_m2") else m1
        d1, d2 = _day(g("mr_d1")), _day(g("mr_d2"))
        y1s, y2s = g("mr_y1"), g("mr_y2")
    rel = False
    y2 = int(y2s) if y2s else None
    y1 = int(y1s) if y1s else None
    if y2 is not None:
        res.note(e, y2)
    if y1 is not None:
        res.note(e, y1)
    if y2 is None and y1 is None:
        y2 = res.anchor(s, m2, d2)
        rel = True
        if y2 is None:
            return DateMatch(
                s, e, None, None, month_only=m1, relative=True, kind="relative", day_only=d1, text=m.group(0)
            )
    if y1 is None:
        y1 = y2 if (m1 or 0, d1) <= (m2 or 0, d2) else (y2 - 1 if y2 else None)
    if y2 is None:
        y2 = y1
    first, last = _pd(y1, m1, d1), _pd(y2, m2, d2)
    if first is None or last is None or last < first:
        return None
    return DateMatch(s, e, first, last, relative=rel, kind="range", text=m.group(0))


def _part_of_year(m: re.Match[str], kind: str, v: _Vocab, res: _Resolver) -> DateMatch | None:
    """Halves, quarters and "the first N months" -> month ranges."""
    g = m.group
    s, e = m.start(), m.end()
    p = kind
    ystr = g(f"{p}_y")  # every part-of-year branch names its year group <kind>_y
    rel = False
    y: int | None
    if ystr:
        y = int(ystr)
        res.note(e, y)
    else:
        rstr = g(f"{p}_r") if p in ("half", "qtr", "fm") else None
        y = _rel_year(v, res, rstr, s) if rstr else None
        rel = True
    if kind in ("half", "hxa", "hxb"):
        o = g(f"{kind}_n") if kind != "half" else g("half_o")
        n = int(o) if o.isdigit() else v.ordinals.get(o.lower(), 0)
        n = 2 if o.lower() in ("last", "final") else n
        if n not in (1, 2):
            return None
        m1, m2 = (1, 6) if n == 1 else (7, 12)
    elif kind in ("qtr", "qxa", "qxb"):
        o = g(f"{kind}_n") if kind != "qtr" else g("qtr_o")
        n = int(o) if o.isdigit() else v.ordinals.get(o.lower(), 0)
        if not 1 <= n <= 4:
            return None
        count = g("qtr_n") if kind == "qtr" else None
        n2 = g("qxa_n2") if kind == "qxa" else None
        if n2:  # "Q1–Q3 2024"
            if int(n2) <= n:
                return None
            m1, m2 = 3 * n - 2, 3 * int(n2)
        elif count:  # "the first three quarters"
            c = int(count) if count.isdigit() else v.cardinals.get(count.lower(), 0)
            if n != 1 or not 1 <= c <= 4:
                return None
            m1, m2 = 1, 3 * c
        else:
            m1, m2 = 3 * n - 2, 3 * n
    else:  # first N months
        c_s = g("fm_n")
        c = int(c_s) if c_s.isdigit() else v.cardinals.get(c_s.lower(), 0)
        if not 1 <= c <= 12:
            return None
        m1, m2 = 1, c
    if y is None:
        return DateMatch(s, e, None, None, month_only=m1, relative=True, kind="relative", text=m.group(0))
    return DateMatch(s, e, _pd(y, m1), _pd(y, m2), relative=rel, kind="range", text=m.group(0))


def _prev_word(text: str, s: int) -> str:
    pm = _PREV_WORD.search(text, max(0, s - 30), s)
    return pm.group(1) if pm else ""


_COMPARE_BEFORE = re.compile(
    r"(?:\b(?:than|versus|vs\.?|relative\s+to|against)\s+(?:(?:in|during|for|at|with)\s+)?(?:the\s+)?"
    r"|\bcompared\s+(?:with|to)\s+(?:\S*[^\s.;!?]\s+){0,4}?(?:(?:in|during|for|at)\s+)?(?:the\s+)?"
    r"|\b(?:on|over|from|against|with|than)\s+(?:the\s+)?(?:same\s+(?:period|time|months?|quarter|half)"
    r"|year-earlier\s+period)\s+(?:of|in|last)\s+)$"
)
_COMPARE_REL_BEFORE = re.compile(r"\b(?:on|over|from|than|since)\s+$")


# _COMPARE_BEFORE (case-sensitive) cannot match a window without one of these words
_COMPARE_WORDS = ("than", "vs", "versus", "relative", "against", "compared", "same", "year-earlier")


def _is_comparative(v: _Vocab, text: str, dm: DateMatch, branch: str | None) -> bool:
    """Is the date a comparison baseline ("24% more than a year earlier", "up 2% on the previous year")?"""
    lo = max(0, dm.start - 60)
    window = text[lo : dm.start]
    if contains_any(window, _COMPARE_WORDS) and _COMPARE_BEFORE.search(text, lo, dm.start):
        return True
    if branch == "rel":
        w = _WS.sub(" ", dm.text)
        if w in ("a year earlier", "a year before", "the year before"):
            return True
        if w in v.anaphoric and _COMPARE_REL_BEFORE.search(text, max(0, dm.start - 10), dm.start):
            return True
    return False


def _number_before(v: _Vocab, text: str, s: int) -> bool:
    """Is the number at `s` introduced by a word that makes it an identifier ("No.", "Resolution")?"""
    return bool(v.number_noun_re.search(text, max(0, s - 24), s))


def _bare_year(m: re.Match[str], v: _Vocab, res: _Resolver, text: str, offset: int = 0) -> DateMatch | None:
    s, e = m.start() + offset, m.end() + offset
    if v.year_re.match(text, e):
        return None  # "2014 tonnes": a quantity
    if _number_before(v, text, s):
        return None  # "Resolution 2087", "No. 2025/09", "page 1998": a number, not a year
    y = int(text[s:e])
    prev = _prev_word(text, s)
    if s > 0 and text[s - 1] in "-‐‑–—" and s > 1 and text[s - 2].isalpha():
        conf = 0.5  # "Joint Sea-2012", "Vostok-2018"
    elif prev in v.prepositions or (s > 0 and text[s - 1] == "(" and text[e : e + 1] == ")"):
        conf = 0.9
    else:
        conf = 0.6
    res.note(e, y)
    return DateMatch(s, e, PartialDate(y), None, kind="year", confidence=conf, text=text[s:e])


def _month_only(m: re.Match[str], v: _Vocab, res: _Resolver, text: str) -> DateMatch | None:
    s, e = m.start(), m.end()
    modified = m.lastgroup == "mom"
    name = m.group("mom_m" if modified else "mo_m")
    base = name.rstrip(".")
    mo = v.month_of.get(base)
    if mo is None:
        return None
    prev = _prev_word(text, s)
    if not modified and (base in v.ambiguous_months or len(base) <= 4) and prev not in v.prepositions:
        return None  # "May" the modal verb, "Jan" the name
    y = res.anchor(s, mo)
    if y is None:
        return DateMatch(s, e, None, None, month_only=mo, relative=True, kind="relative", text=m.group(0))
    return DateMatch(s, e, PartialDate(y, mo), None, relative=True, kind="date", text=m.group(0))


_CLAUSE_END = re.compile(r"[.!?;:\n]")


def _tense(v: _Vocab, text: str, s: int, e: int) -> str | None:
    """ "fut" or "past" from the nearest verb cue in the sentence: before the weekday, else after it."""
    lo = max(0, s - 100)
    stops = list(_CLAUSE_END.finditer(text, lo, s))
    lo = stops[-1].end() if stops else lo
    cues = list(v.tense_re.finditer(text, lo, s))
    if cues:
        return cues[-1].lastgroup
    stop = _CLAUSE_END.search(text, e, e + 100)
    cue = v.tense_re.search(text, e, stop.start() if stop else min(len(text), e + 100))
    return cue.lastgroup if cue else None


def _weekday(m: re.Match[str], v: _Vocab, res: _Resolver, text: str) -> DateMatch | None:
    """ "began on Monday", "last Monday", "this Friday" counted from a reference with a day.

    None (no date) when the reference has no day, for "next Monday", and for a bare weekday
    whose clause has no tense cue: an invented day is worse than none."""
    ref = res.reference
    if ref is None or ref.day is None or ref.month is None:
        return None
    q = (m.group("wd_q") or "").lower()
    if not q and _prev_word(text, m.start()) in v.indefinite_weekday:
        return None  # "opened on a Saturday": some Saturday, not the one before the dateline
    tense = "past" if q == "last" else _tense(v, text, m.start(), m.end())
    if q == "next" or tense is None and q != "this":
        return None
    r = ref.to_date()
    back = (r.weekday() - v.weekday_of[m.group("wd_d")]) % 7
    if q == "last":
        delta = -(back or 7)
    elif tense == "past":
        delta = -back
    else:  # future, or "this" with no cue: the coming one
        delta = (7 - back) % 7
    d = r + dt.timedelta(days=delta)
    return DateMatch(
        m.start(), m.end(), PartialDate(d.year, d.month, d.day), None, relative=True, kind="date", text=m.group(0)
    )


def _weekday_year(v: _Vocab, dm: DateMatch, reference: PartialDate | None) -> DateMatch:
    """ "runs until Thursday, 28 August" in a document of 25 August 2025: of the years next to the
    reference, the one whose 28 August is a Thursday (a yearless date otherwise goes back a year)."""
    wd = v.weekday_of.get(dm.text.split(",")[0].split()[0].rstrip("."))
    f = dm.first
    if not dm.relative or dm.last is not None or wd is None or f is None or f.day is None or reference is None:
        return dm
    if f.year not in (reference.year, reference.year - 1) or f.to_date().weekday() == wd:
        return dm  # right already, or the year came from the text
    fits = [y for y in (reference.year, reference.year - 1, reference.year + 1) if _pd(y, f.month, f.day)]
    fits = [y for y in fits if dt.date(y, f.month, f.day).weekday() == wd]  # type: ignore[arg-type]
    return replace(dm, first=PartialDate(fits[0], f.month, f.day)) if fits else dm
