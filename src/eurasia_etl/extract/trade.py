"""Trade volumes: money, cargo, container and gas flows stated in a document.

Rule-based and conservative: a figure becomes a row only when its clause reads as
trade or freight and no distractor (debt, investment, price, distance ...) sits next
to it. Percentages become either the year-on-year change of the figure they are
stated with, a growth-only row ("trade grew 41.3%"), or a share of an economy's
trade. Missing economies and periods come from the paragraph / document context,
and the same figure restated is merged into one row. Vocabulary: data/trade.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Generic, TypeVar

from eurasia_etl.extract.context import DocContext, for_document
from eurasia_etl.facts import Evidence, PartialDate, TradeVolume
from eurasia_etl.grammar.countries import find_countries
from eurasia_etl.grammar.dates import DateMatch, find_dates
from eurasia_etl.grammar.guard import Caseless, alternation, caseless_twin, folded, guarded
from eurasia_etl.grammar.numbers import Quantity, find_quantities_folded, header_unit, parse_number
from eurasia_etl.knowledge import load_yaml
from eurasia_etl.segment import Segment

EXTRACTOR = "trade-rules/1"
T = TypeVar("T")
_METRIC = {"t": "cargo_volume", "TEU": "container_volume", "m3": "gas_volume", "percent": "trade_share"}
# Cheap gate: only segments with a digit or a number word are worth the grammar.
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")  # `_DIGIT` on ASCII text, a faster scan (str.isascii() costs nothing)
_NUM_WORD = guarded(r"\b(?:million|billion|thousand|hundred|trillion)\b", re.I)
_NUM_WORD_STEMS = ("illion", "thousand", "hundred")  # what every number word holds, lower-cased


def _has_num(s: str) -> bool:
    """A digit or a number word in `s` (the digit scan is fast; most text holds no number word)."""
    if s.isascii():
        if _ASCII_DIGIT.search(s):
            return True
        low: str | None = s.lower()  # = folded(s): ASCII text holds no case trap and keeps its length
    elif _DIGIT.search(s):
        return True
    else:
        low = folded(s)
    if low is not None and not any(w in low for w in _NUM_WORD_STEMS):
        return False
    return _NUM_WORD.search(s) is not None


_CLAUSE_SPLIT = guarded(r";|\bwhile\b|\bwhereas\b|,\s+and\s+|,\s+but\s+|\bbut\b")  # skips to ; w , b
_MULTIPLE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:times|-fold)\b", re.I)
_PARA_BREAK = re.compile(r"\n[ \t]*\n")
# "the total", "the yuan-denominated figure": a money level named without the word trade
_TOTAL_NOUN = re.compile(r"\b(?:total|figure|sum|level|value)\b", re.I)
_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
# A cell that is a signed or bare percentage ("+37.4%", "−1.3%"): a change or share, never a money or tonnage value
_PCT_CELL = re.compile(r"^\s*[+\-\u2212]?\s*\d[\d.,]*\s*(?:%|per ?cent|pct)\s*$", re.I)
# "(around $9.6 billion)" right after a figure: the same figure in a second currency
_CONVERSION_GAP = re.compile(r"^\s*(?:[(\[]|,?\s*(?:or|i\.e\.))\s*(?:[\w~≈]+\s+){0,2}$", re.I)
_SHARE_CTX = re.compile(
    r"\bshare\b|(?:%|\bper ?cent)\s+of\s+(?:[\w’'\-]+\s+){0,5}?(?:trade|exports|imports|turnover|commerce)\b", re.I
)
_THAT_YEAR = re.compile(r"\b(?:that|the same|that same) year\b", re.I)
_MONEY_HOME = {"JPN": "JPY", "CHN": "CNY"}  # an ambiguous symbol's reading from the reporting economy
_SYMBOL_READINGS = ("CNY", "JPY")  # the readings of "¥"
_SYMBOL = re.compile("[¥￥]")
_PHRASE_END = re.compile(r"[,;:(\u2013\u2014]|\s-\s|\.\s+(?=[A-Z*])")
# "fell to 8.3%", "stood at 12%": a level reached, not a change ("fell 3%")
_REACHED = re.compile(r"\b(?:to|at|reached|hit)\s+(?:an?\s+|the\s+|some\s+|about\s+|around\s+)?$", re.I)


def _words(ws: list[str]) -> re.Pattern[str]:
    return guarded(rf"(?<![\w$])(?:{alternation(ws, escape=False)})(?![\w])", re.I)


class _Twin:
    """A case-insensitive pattern and its caseless twin (grammar.guard), for cuts of a folded sentence.

    Like `Caseless`, without its test for required words: on the few dozen characters cut
    around a figure the twin's own scan is cheaper than that test. Read offsets, never text.
    """

    __slots__ = ("rx", "twin")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.twin = caseless_twin(rx)

    def search(self, text: str, low: str | None) -> re.Match[str] | None:
        """`rx.search(text)`; `low`: `folded(text)`, None when the text cannot be folded."""
        return self.rx.search(text) if low is None or self.twin is None else self.twin.search(low)

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        """`rx.finditer(text)`; `low` as for `search`."""
        return self.rx.finditer(text) if low is None or self.twin is None else self.twin.finditer(low)

    def spans(self, text: str, low: str | None) -> list[tuple[int, int]]:
        return [m.span() for m in self.finditer(text, low)]


@dataclass(frozen=True)
class _Vocab:
    trade: re.Pattern[str]
    cargo: re.Pattern[str]
    port: re.Pattern[str]
    total: re.Pattern[str]
    export: re.Pattern[str]
    transit: re.Pattern[str]
    direction_stems: tuple[str, ...]
    import_: re.Pattern[str]
    target: re.Pattern[str]
    distractor: re.Pattern[str]
    distractor_ci: Caseless
    money_distractor: re.Pattern[str]
    budget_target: re.Pattern[str]
    up: re.Pattern[str]
    down: re.Pattern[str]
    after: re.Pattern[str]
    mom: re.Pattern[str]
    share_after: re.Pattern[str]
    share_before: re.Pattern[str]
    each_year: re.Pattern[str]
    not_period: re.Pattern[str]
    target_period: re.Pattern[str]
    currency: dict[str, re.Pattern[str]]
    world: re.Pattern[str]
    whole_economy: re.Pattern[str]
    whole_economy_ci: Caseless
    currency_move: re.Pattern[str]
    currency_move_ci: Caseless
    previous_year: re.Pattern[str]
    whole_year: re.Pattern[str]
    base_year: re.Pattern[str]
    level_to: re.Pattern[str]
    level_from: re.Pattern[str]
    share_noun: re.Pattern[str]
    share_pronoun: re.Pattern[str]
    subordinate: re.Pattern[str]
    when_clause: re.Pattern[str]
    reporting: re.Pattern[str]
    concessive: re.Pattern[str]
    difference_after: re.Pattern[str]
    commodity_any: re.Pattern[str]  # any goods name, the gate
    commodity: re.Pattern[str]  # a goods name, or two joined by "and"
    commodity_noun: re.Pattern[str]  # after goods: what is traded ("coal exports", "coal alone")
    commodity_measure: re.Pattern[str]  # before "of" and goods: "tonnes of Russian coal", "purchases of crude"
    commodity_after: re.Pattern[str]  # right after a figure: "of Russian coal", "were semiconductors"
    commodity_hedge: re.Pattern[str]  # "mostly coal": goods listed as a part of the figure
    commodity_hedge_gate: re.Pattern[str]  # its words anywhere, the cheap test first
    commodity_names: dict[str, str]
    commodity_gate: frozenset[str]
    gas_goods: str
    generic_cargo: re.Pattern[str]
    # The caseless twin (grammar.guard) of every case-insensitive pattern above, by field name: on the
    # folded sentence, or the same cut of it, it finds the pattern's spans several times faster.
    ci: dict[str, _Twin] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Compile data/trade.yaml once."""
    raw = load_yaml("trade.yaml")
    one = alternation(raw["commodity_words"], escape=False)
    goods = rf"(?:{one})(?:\s+and\s+(?:{one}))?(?![\w-])"  # "wheat and barley"
    hedge = alternation(raw["commodity_hedge"], escape=False)
    not_period = re.compile(rf"(?:{'|'.join(raw['date_not_period'])})\s*$", re.I)
    target_period = re.compile(rf"(?:{'|'.join(raw['target_period'])})\s*$", re.I)
    level_to = re.compile(raw["level_to"], re.I)
    level_from = re.compile(raw["level_from"], re.I)
    subordinate = re.compile(raw["subordinate"], re.I)
    v = _Vocab(
        trade=_words(raw["trade_words"]),
        cargo=_words(raw["cargo_words"]),
        port=_words(raw["port_words"]),
        total=_words(raw["total_words"]),
        export=_words(raw["export_words"]),
        transit=_words(raw["transit_words"]),
        direction_stems=tuple(raw["direction_stems"]),
        import_=_words(raw["import_words"]),
        target=_words(raw["target_words"]),
        distractor=_words(raw["distractor_words"]),
        distractor_ci=Caseless(_words(raw["distractor_words"])),  # the twin of `distractor`, from the same list
        money_distractor=_words(raw["money_distractor_words"]),
        budget_target=_words(raw["budget_target"]),
        up=_words(raw["growth_up"]),
        down=_words(raw["growth_down"]),
        after=re.compile(rf"^[\s,)]*(?:{'|'.join(raw['growth_after'])})", re.I),
        mom=re.compile(rf"^[^.;]{{0,30}}?(?:{'|'.join(raw['month_on_month'])})\b", re.I),
        share_after=re.compile(rf"^\s*{raw['share_after']}", re.I),
        share_before=re.compile(raw["share_before"], re.I),
        each_year=_words(raw["each_year"]),
        not_period=not_period,
        target_period=target_period,
        currency={k: _words(v) for k, v in raw["growth_currency"].items()},
        world=_words(raw["world_partner"]),
        whole_economy=_words(raw["whole_economy"]),
        whole_economy_ci=Caseless(_words(raw["whole_economy"])),  # its twin, searched once per sentence
        currency_move=_words(raw["currency_move"]),
        currency_move_ci=Caseless(_words(raw["currency_move"])),  # its twin, on cuts of the folded sentence
        previous_year=guarded(raw["previous_year"], re.I),
        whole_year=guarded(rf"\b(?:{'|'.join(raw['whole_year'])})\b", re.I),
        base_year=re.compile(raw["base_year"], re.I),
        level_to=level_to,
        level_from=level_from,
        share_noun=re.compile(raw["share_noun"], re.I),
        share_pronoun=re.compile(raw["share_pronoun"], re.I),
        subordinate=subordinate,
        when_clause=re.compile(raw["when_clause"], re.I),
        reporting=re.compile(raw["reporting"], re.I),
        concessive=_words(raw["concessive"]),
        difference_after=re.compile(raw["difference_after"], re.I),
        commodity_any=_words(raw["commodity_words"]),
        commodity=guarded(rf"(?<![\w$])(?:{goods})", re.I),
        commodity_noun=re.compile(rf"\s+(?:{alternation(raw['commodity_flow_nouns'], escape=False)}|alone)\b", re.I),
        commodity_measure=re.compile(rf"\b(?:{alternation(raw['commodity_measures'], escape=False)})\s*$", re.I),
        commodity_after=re.compile(
            rf"\s*(?:[\w'’-]+\s+){{0,3}}?(?:of|were|was)\s+(?:(?!and\b)[\w'’-]+\s+){{0,3}}?(?P<c>{goods})\b", re.I
        ),
        commodity_hedge=re.compile(rf"\b(?:{hedge})[\s-]+(?:[\w'’-]+\s+){{0,2}}$", re.I),
        commodity_hedge_gate=_words(raw["commodity_hedge"]),
        commodity_names=dict(raw["commodity_names"]),
        commodity_gate=frozenset(
            w + end for w in raw["commodity_gate_words"] for end in ("", ",", ".", ";", ":", ")", "'s", "’s")
        ),
        gas_goods=raw["gas_volume_goods"],
        generic_cargo=_words(raw["generic_cargo"]),
    )
    for name in v.__dataclass_fields__:
        rx = getattr(v, name)
        if isinstance(rx, re.Pattern) and rx.flags & re.I:
            v.ci[name] = _Twin(rx)
    return v


def _ci_search(v: _Vocab, name: str, text: str, low: str | None, pos: int = 0) -> re.Match[str] | None:
    """`v.<name>.search(text, pos)` (offsets only), by its twin on `low` = `folded(text)` when both exist."""
    ci = v.ci[name]
    if low is not None and ci.twin is not None:
        return ci.twin.search(low, pos)
    return ci.rx.search(text, pos)


# --------------------------------------------------------------------------- context


@dataclass
class _Row:
    """A fact under construction, with where each key field came from."""

    metric: str
    flow: str
    economies: list[str]
    value: float | None
    unit: str
    value_text: str
    seg: Segment
    qualifier: str = "exact"
    basis: str = "actual"
    growth_pct: float | None = None
    period: str | None = None
    period_state: str = "none"  # explicit | none (may inherit) | blocked (stays null)
    # the paragraph's year and span of months ("the first quarter") when the figure was read, worked out
    # only if the figure ends up with no period of its own (see _Carried.later)
    ctx_year: Callable[[], int | None] | None = None
    ctx_period: Callable[[], str | None] | None = None
    location: str | None = None
    commodity: str | None = None
    explicit: set[str] = field(default_factory=set)
    reporter_first: bool = True
    world: bool = False
    flow_cued: bool = False  # the flow comes from words ("imports", "two-way"), not the default
    span: tuple[int, int] = (-1, -1)  # where in its sentence the figure is written (none for table cells)
    money_guessed: bool = False  # a change with no level whose currency is the document's, named nowhere


@dataclass
class _Doc:
    text: str
    ref: PartialDate | None
    countries: list[tuple[int, int, str, str]]  # start, end, iso3, kind
    top: list[str]
    ctx: DocContext
    currency: str = "USD"
    starts: list[int] = field(default_factory=list)
    sorted_dates: dict[str, list[DateMatch]] = field(default_factory=dict)
    # _last_date by id of the segment, and _not_period by id of the date, each kept alive with its answer
    last_dates: dict[int, tuple[Segment, DateMatch | None]] = field(default_factory=dict)
    folded_texts: dict[str, str | None] = field(default_factory=dict)  # folded(s) by sentence text
    # a table's caption and headers repeat on every row: what they say is read once per document
    header_units: dict[str, tuple[str | None, float]] = field(default_factory=dict)  # header_unit by text
    table_flows: dict[tuple[str, str, bool], str] = field(default_factory=dict)  # _flow by its arguments
    table_goods: dict[tuple[str, str], str | None] = field(default_factory=dict)  # _table_goods by its arguments
    not_periods: dict[int, tuple[DateMatch, bool]] = field(default_factory=dict)
    column_units: dict[str, dict[str, tuple[str, float]]] = field(default_factory=dict)  # by caption text

    def caption_columns(self, text: str) -> dict[str, tuple[str, float]]:
        """`_caption_columns(text)`, once per document."""
        got = self.column_units.get(text)
        if got is None:
            got = self.column_units[text] = _caption_columns(text, self.header_unit)
        return got

    def header_unit(self, text: str) -> tuple[str | None, float]:
        """`header_unit(text)` (grammar.numbers), once per document."""
        got = self.header_units.get(text)
        if got is None:
            got = self.header_units[text] = header_unit(text)
        return got

    def table_flow(self, ctx: str, unit: str, port_ctx: bool) -> str:
        """`_flow(ctx, unit, port_ctx)`, once per document."""
        key = (ctx, unit, port_ctx)
        got = self.table_flows.get(key)
        if got is None:
            got = self.table_flows[key] = _flow(ctx, unit, port_ctx)
        return got

    def goods_of(self, header: str, caption: str) -> str | None:
        """`_table_goods(header, caption)`, once per document."""
        key = (header, caption)
        if key not in self.table_goods:
            self.table_goods[key] = _table_goods(header, caption)
        return self.table_goods[key]

    def low(self, s: str) -> str | None:
        """`folded(s)`, once per sentence."""
        got = self.folded_texts.get(s, self)
        if got is self:
            got = self.folded_texts[s] = folded(s)
        return got  # type: ignore[return-value]

    def not_period(self, s: str, d: DateMatch) -> bool:
        """The words right before date `d` of sentence `s` make it a comparison base or background
        ("than in 2022"), not a period. Once per date: the figures' periods and the paragraph's year ask.
        `d` is one of `_dates(self, s)`."""
        got = self.not_periods.get(id(d))
        if got is None:
            a = max(0, d.start - 25)
            low = self.low(s)
            cut = None if low is None else low[a : d.start]
            got = self.not_periods[id(d)] = (d, _vocab().ci["not_period"].search(s[a : d.start], cut) is not None)
        return got[1]

    # Whole-document scans, made only when a figure asks (most documents never do).
    @cached_property
    def trade_doc(self) -> bool:
        """The document names trade at least three times."""
        hits = _vocab().ci["trade"].finditer(self.text, self.ctx.folded)  # the twin on the folded document
        return sum(1 for _, _ in zip(range(3), hits, strict=False)) >= 3  # stop at the third mention

    @cached_property
    def symbol_hint(self) -> str | None:
        """Currency the document names in words ("yen"), for "¥"."""
        return _symbol_hint(self.text)


def _countries_in(doc: _Doc, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Country mentions inside [start, end), found by bisection (documents can be long)."""
    i = bisect_left(doc.starts, start)
    out = []
    while i < len(doc.countries) and doc.countries[i][0] < end:
        if doc.countries[i][1] <= end:
            out.append(doc.countries[i])
        i += 1
    return out


def _isos(matches: list[tuple[int, int, str, str]]) -> list[str]:
    out: list[str] = []
    for c in matches:
        if c[2] not in out:
            out.append(c[2])
    return out


def _period_str(d: DateMatch) -> str | None:
    """ISO period of a date match: '2023', '2023-05', '2023-01/2023-10'."""
    if d.first is None:
        return None
    first = PartialDate(d.first.year, d.first.month)
    if d.last is None:
        return first.iso()
    last = PartialDate(d.last.year, d.last.month if d.first.month else None)
    if last == first:
        return first.iso()
    return f"{first.iso()}/{last.iso()}"


def _sorted_dates(text: str) -> list[DateMatch]:
    """Dates of a text with no reference date, in order (a phrase rewritten, not a segment of the document)."""
    return sorted(find_dates(text, None), key=lambda d: d.start)


def _dates(doc: _Doc, seg_text: str) -> list[DateMatch]:
    """Dates of a segment in order, once per document: the period logic and the context tracker both ask."""
    got = doc.sorted_dates.get(seg_text)
    if got is None:
        got = doc.sorted_dates[seg_text] = sorted(doc.ctx.dates(seg_text, doc.ref), key=lambda d: d.start)
    return got


# --------------------------------------------------------------------------- sentences


def _clauses(s: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_SPLIT.finditer(s)] + [len(s)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return clauses[-1]


_EQUALS_AFTER = re.compile(r"\s*=")
_EQUALS_BEFORE = re.compile(r"=\s*$")
_PER_UNIT = re.compile(r"\s*(?:per|a|/)\s*(?:tonne|ton|barrel|cubic|unit|kg|head|person)\b", re.I)


def _is_distractor(s: str, q: Quantity, lo: int, hi: int, prev_end: int = 0, low: str | None = None) -> bool:
    """A distractor word in the words leading to the figure (not past the previous figure) or just after it.

    `low`: `folded(s)`."""
    v = _vocab()
    b0, a1 = max(lo, q.start - 80, prev_end), min(hi, q.end + 30)
    before = s[b0 : q.start]
    after = s[q.end : a1]
    low_before = low_after = None
    if low is not None:
        low_before, low_after = low[b0 : q.start], low[q.end : a1]
    phrase = None
    if q.unit not in _METRIC:
        phrase = start, stop = _own_phrase(before, after, low_before, low_after)
        ci = v.ci["money_distractor"]
        if ci.search(before[start:], _cut(low_before, start, None)) or ci.search(
            after[:stop], _cut(low_after, 0, stop)
        ):
            return True  # "the budget set aside $2 billion"
    return _distracted(before, after, low_before, low_after, phrase)


def _own_phrase(
    before: str, after: str, low_before: str | None = None, low_after: str | None = None
) -> tuple[int, int]:
    """A figure's own phrase: after it to a phrase break; before it, from a comma when that part names trade.

    As offsets: the phrase is `before[start:]` and `after[:stop]`. `low_before`, `low_after`: the same
    texts cut from the folded sentence (None: search them as written)."""
    v = _vocab()
    end = _PHRASE_END.search(after)  # ", leaving a deficit of ...": another phrase's subject
    stop = end.start() if end else len(after)
    own, low_own = after[:stop], _cut(low_after, 0, stop)
    sub = v.ci["subordinate"].search(own, low_own) or v.ci["concessive"].search(own, low_own)
    if sub:
        stop = sub.start()  # "... to ¥2.4 trillion even as sanctions took hold"
    cut = before.rfind(",")
    start = cut if cut >= 0 and _ci_search(v, "trade", before, low_before, cut) else 0
    # "When prices collapsed, turnover fell to $68 bn": its own phrase names trade
    return start, stop


def _distracted(
    before: str,
    after: str,
    low_before: str | None = None,
    low_after: str | None = None,
    phrase: tuple[int, int] | None = None,
) -> bool:
    """A distractor in the words leading to a figure or just after it.

    `low_before`, `low_after`: the same texts cut from `folded(s)` (None: search them as written);
    `phrase`: `_own_phrase(before, after)`, when the caller has it."""
    v = _vocab()
    if _EQUALS_AFTER.match(after) or _EQUALS_BEFORE.search(before):
        return True  # an exchange rate, "$1 = 7.12 yuan"
    if _PER_UNIT.match(after):
        return True  # a price per unit
    start, stop = _own_phrase(before, after, low_before, low_after) if phrase is None else phrase
    before, after = before[start:], after[:stop]
    if low_before is None or low_after is None:
        return bool(v.distractor.search(before) or v.distractor.search(after))
    ci = v.distractor_ci
    return bool(ci.search(before, low_before[start:]) or ci.search(after, low_after[:stop]))


def _is_conversion(s: str, q: Quantity, qs: list[Quantity]) -> bool:
    """'450 billion yen (around $3.2 billion)': the second money figure restates the first in another currency."""
    if q.unit in _METRIC:
        return False
    prev = [p for p in qs if p.end <= q.start]
    if not prev:
        return False
    p = prev[-1]
    return p.unit not in _METRIC and p.unit != q.unit and bool(_CONVERSION_GAP.match(s[p.end : q.start]))


def _is_threshold(s: str, q: Quantity, qs: list[Quantity], hi: int) -> bool:
    """'topped ¥100 trillion for the first time, reaching ¥100.9 trillion': a round mark passed, then the level."""
    if q.qualifier != "at_least":
        return False
    nxt = next((p for p in qs if p.start >= q.end), None)
    if nxt is None or nxt.unit != q.unit or nxt.start >= hi or nxt.qualifier != "exact":
        return False
    between = s[q.end : nxt.start]
    v = _vocab()
    if len(between) > 60 or _DIGIT.search(between) or v.export.search(between) or v.import_.search(between):
        return False
    return q.value <= nxt.value <= q.value * 1.1


def _cut(low: str | None, a: int, b: int | None) -> str | None:
    """`low[a:b]`: a cut of the folded sentence, None when the sentence cannot be folded."""
    return None if low is None else low[a:b]


_TO_FIGURE_AFTER = re.compile(r"\s*,?\s*to\s+(?:[a-z]+\s+){0,2}?(?:[A-Z]{0,3}[$€£¥]\s*)?\d")


def _is_level(s: str, q: Quantity, lo: int, memo: dict[int, bool] | None = None, low: str | None = None) -> bool:
    """'the figure had dropped to 19.5%' after a share: a share level reached, not a change.

    `memo`: the answers for the sentence's figures so far, by start (`lo` is the figure's clause start);
    `low`: `folded(s)`."""
    if memo is not None:
        got = memo.get(q.start)
        if got is None:
            got = memo[q.start] = _is_level(s, q, lo, None, low)
        return got
    v = _vocab()
    a = max(lo, q.start - 40)  # the last 40 characters of the clause before the figure
    before, low_before = s[a : q.start], None if low is None else low[a : q.start]
    if not (v.ci["level_to"].search(before, low_before) or v.ci["level_from"].search(before, low_before)):
        return False
    if _TO_FIGURE_AFTER.match(s, q.end):
        return False  # "dropped 7.2% to about $32 billion": the change that led to a level, not a level
    return bool(_SHARE_CTX.search(s, 0, q.start))


_OPEN_PAREN_BEFORE = re.compile(r"\(\s*$")
_CLOSE_PAREN_AFTER = re.compile(r"\s*\)")


def _growth_sign(s: str, lo: int, q: Quantity, low: str | None = None) -> tuple[bool, float] | None:
    """(is_growth, sign) of a percentage from its cue words, or None when it is no change. `low`: `folded(s)`."""
    v = _vocab()
    before = s[max(lo, q.start - 30) : q.start]
    after = s[q.end : q.end + 40]
    if _OPEN_PAREN_BEFORE.search(before) and _CLOSE_PAREN_AFTER.match(after) and q.value_text[:1] in "+-\u2212":
        return True, 1.0
    low_before, low_after = _cut(low, max(lo, q.start - 30), q.start), _cut(low, q.end, q.end + 40)
    am = v.ci["after"].search(after, low_after)  # anchored at the start of `after`: its match
    ups = list(v.ci["up"].finditer(before, low_before))
    downs = list(v.ci["down"].finditer(before, low_before))
    last_up = ups[-1].end() if ups else -1
    last_down = downs[-1].end() if downs else -1
    if am:
        word = after[am.start() : am.end()].lower()
        if "less" in word or "lower" in word or v.down.search(word):
            return True, -1.0
        if last_down > last_up:
            return True, -1.0
        return True, 1.0
    if last_up < 0 and last_down < 0:
        if q.value_text[:1] in "+-\u2212":
            return True, 1.0
        return None
    return True, (-1.0 if last_down > last_up else 1.0)


_IN_BEFORE = re.compile(r"\bin\s*$", re.I)
_COMMA_AFTER = re.compile(r"\s*,")
_AND = re.compile(r"\band\b")
_CLAUSE_IN_BEFORE = re.compile(r"(?:^|[.;:,(])\s*in\s*$", re.I)


def _pick_date(
    doc: _Doc, dates: list[DateMatch], s: str, pos: int, lo: int, hi: int, target: bool, end: int | None = None
) -> DateMatch | None:
    """The date in [lo, hi) that states the period of the figure at `pos` (`dates`: `_dates(doc, s)`)."""
    v = _vocab()
    low = doc.low(s)
    best, best_score = None, 1e9
    for d in dates:
        if d.start < lo or d.end > hi:
            continue
        a = max(0, d.start - 25)
        pre = s[a : d.start]
        if target and not v.ci["target_period"].search(pre, None if low is None else low[a : d.start]):
            continue
        if (
            target
            and d.start < pos
            and _IN_BEFORE.search(pre)
            and (
                _COMMA_AFTER.match(s[d.end :])
                or _AND.search(s[d.end : pos])
                or _CLAUSE_IN_BEFORE.search(s[max(0, d.start - 40) : d.start])
            )
        ):
            continue  # "in 2015, officials floated a target of ...": when it was said, not its year
        if doc.not_period(s, d):
            continue
        if _in_reporting_aside(s, d, pos):
            continue
        if d.relative and v.previous_year.fullmatch(s[d.start : d.end]):
            continue  # "a year earlier" is the year before the one in context (see _previous_year), not "now - 1"
        b = end or pos
        if d.start >= b and v.ci["subordinate"].search(s[b : d.start], None if low is None else low[b : d.start]):
            continue  # "..., before sanctions in 2017": the time of something else
        dist = d.start - (end or pos) if d.start >= pos else (pos - d.end) * 1.3
        if dist < best_score:
            best, best_score = d, dist
    return best


def _in_reporting_aside(s: str, d: DateMatch, pos: int) -> bool:
    """Date `d` is in a comma-delimited aside that reports a saying, and the figure at `pos` is outside it:
    "By 2017, Putin told Abe the following year, trade had grown ..." (the year of the telling)."""
    a = s.rfind(",", max(0, d.start - 80), d.start)
    if a < 0:
        return False
    b = s.find(",", d.end, a + 81)
    if b < 0 or a < pos < b:
        return False
    return _vocab().reporting.search(s, a, d.start) is not None


_PORT_TURNOVER = re.compile(r"cargo turnover|throughput", re.I)
_BOTH_WAYS = re.compile(r"export|import|two-way|between", re.I)


def _cues(ctx: str, low: str | None = None) -> tuple[bool, list[int], list[int]]:
    """(a total word, starts of the export words, starts of the import words) in `ctx`: what `_flow` reads.
    `low`: `folded(ctx)` (None: search it as written)."""
    ci = _vocab().ci
    ex = [m.start() for m in ci["export"].finditer(ctx, low)]
    im = [m.start() for m in ci["import_"].finditer(ctx, low)]
    return ci["total"].search(ctx, low) is not None, ex, im


def _flow(ctx: str, unit: str, port_ctx: bool, cues: tuple[bool, list[int], list[int]] | None = None) -> str:
    """`cues`: `_cues(ctx)`, when the caller has it."""
    total, ex, im = _cues(ctx) if cues is None else cues
    port_turnover = unit in ("t", "TEU") and port_ctx and _PORT_TURNOVER.search(ctx)
    if total and not port_turnover:
        if unit in ("t", "TEU") and port_ctx and not _BOTH_WAYS.search(ctx):
            return "handled"
        return "total"
    if ex and not im:
        return "export"
    if im and not ex:
        return "import"
    if ex and im:
        return "export" if max(ex) > max(im) else "import"
    if unit in ("t", "TEU") and port_ctx:
        return "handled"
    return "total"


_ROUTE_JOIN = re.compile(r"[-\u2013\u2014]")


def _transit_economy(
    doc: _Doc, seg: Segment, clause: tuple[int, int], para_countries: list[str]
) -> tuple[list[str], bool]:
    """The economy goods cross: the clause's country that is no end of a route ("China–Europe"), else the
    paragraph's or document's first."""
    text = doc.text
    for a, b, iso, _ in _countries_in(doc, seg.start + clause[0], seg.start + clause[1]):
        if not (_ROUTE_JOIN.match(text, b) or (a > 0 and _ROUTE_JOIN.match(text, a - 1))):
            return [iso], True
    return (para_countries or doc.top)[:1], False


def _nearest_direction(ctx: str, cues: tuple[bool, list[int], list[int]], a: int, b: int) -> str | None:
    """With both export and import words in one clause ("exports rose 5% to $2bn and imports 3% to $1bn"),
    the figure at [a, b) of `ctx` goes with the last direction word before it, else with one in its own
    phrase after it ("$4bn of exports"); None when neither is its own (a total before the split)."""
    before = [(p, "export") for p in cues[1] if p < a] + [(p, "import") for p in cues[2] if p < a]
    if before:
        return max(before)[1]
    m = _PHRASE_END.search(ctx, b)
    end = m.start() if m else len(ctx)
    after = [(p, "export") for p in cues[1] if b <= p < end] + [(p, "import") for p in cues[2] if b <= p < end]
    return min(after)[1] if after else None


def _economies(
    doc: _Doc, seg: Segment, clause: tuple[int, int], flow: str, para_countries: list[str]
) -> tuple[list[str], bool]:
    """Countries the figure is about: the clause's, completed from the sentence, paragraph and document."""
    cl = _countries_in(doc, seg.start + clause[0], seg.start + clause[1])
    names = _isos(cl)
    explicit = bool(names)
    if not names:
        names = _isos(_countries_in(doc, seg.start, seg.end))
        explicit = bool(names)
    if flow == "handled":
        if names:
            return names[:2] if _handled_partner(doc, seg, clause, names) else names[:1], explicit
        ctx = para_countries or doc.top
        return ctx[:1], False
    if len(names) >= 2:
        return names[:2], explicit
    pool = [c for c in dict.fromkeys(para_countries + doc.top) if c not in names]
    names = names + pool[: 2 - len(names)]
    return names, explicit


_WITH_BEFORE = re.compile(r"\bwith\s+(?:\w+\s+){0,2}$")


def _handled_partner(doc: _Doc, seg: Segment, clause: tuple[int, int], names: list[str]) -> bool:
    """A port's throughput has a partner only when the text says "with <country>" ("traffic with Chinese ports")."""
    if len(names) < 2:
        return False
    for c in _countries_in(doc, seg.start + clause[0], seg.start + clause[1]):
        if c[2] == names[1] and _WITH_BEFORE.search(doc.text[max(0, c[0] - 30) : c[0]]):
            return True
    return False


_GAS = re.compile(r"\bgas\b", re.I)


def _sentence_rows(doc: _Doc, seg: Segment, state: dict) -> list[_Row]:
    v = _vocab()
    s = seg.text
    low = doc.low(s)
    qs = find_quantities_folded(s, low)
    # "3 times", "2.5-fold": a lower-cased sentence without either word has none
    multiples = [] if low is not None and "times" not in low and "-fold" not in low else list(_MULTIPLE.finditer(s))
    if not qs and not multiples:
        return []
    clauses = _clauses(s)
    port_ctx = bool(
        _ci_search(v, "port", s, low) or state["port"].get() or (seg.heading and v.port.search(seg.heading))
    )
    # "Japan's total exports", "foreign trade" and one economy named: its trade with the world
    whole = v.whole_economy_ci.search(s, low) is not None
    sentence_countries = _isos(_countries_in(doc, seg.start, seg.end)) if whole else []
    figures: list[tuple[Quantity, _Row]] = []
    rows: list[_Row] = []
    names_trade: bool | None = None  # v.trade.search(s), once a money figure asks
    clause_cues: dict[tuple[int, int], tuple[bool, list[int], list[int]]] = {}  # _cues of each clause asked
    transit_named: bool | None = None  # "transit" in the sentence, the cheap test for v.transit, once asked
    for q in qs:
        if q.unit == "percent":
            continue
        lo, hi = _clause_of(clauses, q.start)
        prev_end = max((p.end for p in qs if p.end <= q.start and p.unit != "percent"), default=0)
        if _is_distractor(s, q, lo, hi, prev_end, low):
            continue
        if _is_conversion(s, q, qs):
            continue
        if _is_threshold(s, q, qs, hi):
            continue
        if v.ci["difference_after"].search(s[q.end : q.end + 40], _cut(low, q.end, q.end + 40)):
            continue  # "some 0.8 bcm above the plan": a difference between two levels
        clause_txt = s[lo:hi]
        if q.unit not in _METRIC:
            if names_trade is None:
                names_trade = _ci_search(v, "trade", s, low) is not None
            if not (names_trade or state["trade"] or (doc.trade_doc and _TOTAL_NOUN.search(clause_txt))):
                continue
        if q.unit in _METRIC and q.value < 1000 and q.unit != "m3":
            continue  # "5 tonnes" of anything is not a trade statistic
        next_start = min((p.start for p in qs if p.start >= q.end and p.unit != "percent"), default=hi)
        b = min(hi, next_start, q.end + 40)  # up to the next figure, at most 40 characters on
        target = bool(
            v.ci["target"].search(s[lo : q.start], _cut(low, lo, q.start))
            or v.ci["target"].search(s[q.end : b], _cut(low, q.end, b))
        )
        if q.unit in _METRIC and v.ci["budget_target"].search(s[lo : q.start], _cut(low, lo, q.start)):
            target = True  # the tonnage a budget assumes is a plan
        cues = clause_cues.get((lo, hi))
        if cues is None:
            cues = clause_cues[(lo, hi)] = _cues(clause_txt, _cut(low, lo, hi))
        clause_cued = bool(cues[0] or cues[1] or cues[2])
        flow_ctx = clause_txt if clause_cued else s[: q.end]
        if not clause_cued:
            cues = _cues(flow_ctx, _cut(low, 0, q.end))
        flow = _flow(flow_ctx, q.unit, port_ctx, cues)
        if clause_cued and cues[1] and cues[2] and not cues[0]:
            flow = _nearest_direction(clause_txt, cues, q.start - lo, q.end - lo) or (
                "handled" if q.unit in ("t", "TEU") and port_ctx else "total"
            )
        metric = _METRIC.get(q.unit, "trade_value")
        if transit_named is None:
            transit_named = "transit" in (low if low is not None else s.lower())
        if transit_named and v.transit.search(clause_txt):
            flow = "transit"
            econ, econ_explicit = _transit_economy(doc, seg, (lo, hi), state["countries"].get())
        else:
            econ, econ_explicit = _economies(doc, seg, (lo, hi), flow, state["countries"].get())
        unit = _settle_symbol(q, s, state, doc, econ) if q.alt_units else q.unit
        row = _Row(metric, flow, econ, q.value, unit, q.value_text, seg, q.qualifier, "target" if target else "actual")
        row.span = (q.start, q.end)
        world = v.ci["world"].search(clause_txt, _cut(low, lo, hi))
        row.world = bool(world) or (whole and len(sentence_countries) <= 1)
        # the flow comes from cue words: the clause's (just found), else those of the sentence up to the figure
        row.flow_cued = bool(cues[0] or cues[1] or cues[2])
        if econ_explicit:
            row.explicit.add("reporter")
        row.explicit.update({"unit", "metric"})
        if q.unit == "m3" and _GAS.search(s):
            row.commodity = "gas"
        _set_period(row, doc, s, q.start, (lo, hi), target, state)
        figures.append((q, row))
        rows.append(row)
    levels: dict[int, bool] = {}  # _is_level of each percentage, as both _growths and _shares ask
    _growths(doc, seg, s, qs, multiples, clauses, figures, rows, state, low, levels)
    _shares(doc, seg, s, qs, clauses, rows, state, levels)
    # goods named: the cheap word-set test (trade.yaml commodity_gate_words) before the goods regex
    if rows and not v.commodity_gate.isdisjoint((s.lower() if low is None else low).split()):
        _set_commodities(s, clauses, rows, low)
    return rows


def _goods_measured(s: str, a: int) -> bool:
    """The goods at `a` of `s` follow a measure or a trade noun, "of" and at most three words: "tonnes
    of Russian coal", "purchases of Saudi crude"."""
    i = s.rfind(" of ", max(0, a - 60), a)
    if i < 0:
        return False
    between = s[i + 4 : a].split()
    return len(between) <= 3 and "and" not in between and bool(_vocab().commodity_measure.search(s, max(0, i - 16), i))


def _goods_hedged(s: str, a: int, low: str | None) -> bool:
    """Goods at `a` of `s` listed as a part of the figure: "mostly coal", "much of it crude"."""
    v, b = _vocab(), max(0, a - 40)
    return bool(_ci_search(v, "commodity_hedge_gate", s[b:a], _cut(low, b, a))) and bool(
        v.commodity_hedge.search(s, b, a)
    )


def _set_commodities(s: str, clauses: list[tuple[int, int]], rows: list[_Row], low: str | None) -> None:
    """The goods each figure of sentence `s` is limited to: named right after it ("8 Mt of Russian coal",
    "of which $5bn were chips"), else the nearest goods its clause names as what is traded ("coal
    exports", "purchases of Saudi crude"). Goods listed as a part ("mostly coal") limit nothing."""
    v = _vocab()
    goods = v.ci["commodity"].spans(s, low)
    named: list[tuple[int, str]] = []  # goods named as what is traded
    for a, e in goods:
        if (v.commodity_noun.match(s, e) or _goods_measured(s, a)) and not _goods_hedged(s, a, low):
            named.append((a, s[a:e]))
    todo = [r for r in rows if not r.commodity and r.span[0] >= 0]
    owned: set[int] = set()  # goods named right after a figure are that figure's, not one before it
    rest = []
    for r in todo:
        hi = _clause_of(clauses, r.span[0])[1]
        b = r.span[1]
        after = v.commodity_after.match(s, b, hi) if any(b <= a < hi for a, _ in goods) else None
        if after:
            r.commodity = _commodity_name(after.group("c"))
            owned.add(after.start("c"))
        else:
            rest.append(r)
    for r in rest:
        lo, hi = _clause_of(clauses, r.span[0])
        # goods before the figure in its clause, or after it in its own phrase
        stop = _PHRASE_END.search(s, r.span[1], hi)
        end = stop.start() if stop else hi
        near = [
            (abs(a - r.span[0]), a, name)
            for a, name in named
            if lo <= a < r.span[0] or (r.span[0] <= a < end and a not in owned)
        ]
        if near:
            r.commodity = _commodity_name(min(near)[2])


def _goods_measure(rows: list[_Row]) -> None:
    """A change of goods named with no unit ("coal imports rose 14%") is in tonnes when the document gives
    those goods' figures in tonnes only, not in the currency it guessed."""
    guessed = [r for r in rows if r.money_guessed and r.commodity]
    if not guessed:
        return
    units: dict[str, set[str]] = {}
    for r in rows:
        if r.commodity and r.value is not None:
            units.setdefault(r.commodity, set()).add(r.unit)
    for r in guessed:
        if units.get(r.commodity) == {"t"}:
            r.unit, r.metric = "t", "cargo_volume"


def _carry_goods(found: list[_Row], seg: Segment, state: dict) -> None:
    """Tonnages with no goods of their own take the goods the paragraph last named (see generic_cargo);
    the paragraph then carries the last goods this sentence names."""
    carried = state["goods"]
    if carried is not None and not _vocab().generic_cargo.search(seg.text):
        for r in found:
            if r.unit == "t" and r.commodity is None:
                r.commodity = carried
    named = [r.commodity for r in found if r.commodity]
    if named:
        state["goods"] = named[-1]


def _table_goods(header: str, caption: str) -> str | None:
    """The goods a table column is of: its header's ("Coal, mln t", "Crude imports"), else the one
    goods its caption (or the line right before it) names as traded ("imports of Russian LNG")."""
    v = _vocab()
    m = v.commodity.match(header.strip())  # "Coal, mln t", "Crude imports from Russia"
    if m:
        return _commodity_name(m.group(0))
    named = set()
    for text in (header, caption):
        for m in v.commodity.finditer(text):
            a = m.start()
            if (v.commodity_noun.match(text, m.end()) or _goods_measured(text, a)) and not _goods_hedged(text, a, None):
                named.add(_commodity_name(m.group(0)))
        if named:
            break
    return named.pop() if len(named) == 1 else None


def _commodity_name(written: str) -> str:
    """Goods as the tables write them: lower case, "LNG", "semiconductors" for "chips"."""
    name = " ".join(written.lower().split())
    names = _vocab().commodity_names
    return " and ".join(names.get(part, part) for part in name.split(" and "))


_YEAR_IN_PERIOD = re.compile(r"^\d{4}|(?<=/)\d{4}")


def _set_period(row: _Row, doc: _Doc, s: str, pos: int, clause: tuple[int, int], target: bool, state: dict) -> None:
    """The period of the figure at `pos` of sentence `s`. The sentence's dates are parsed only when a row
    asks (here, or for a share): a sentence whose figures all fail the tests needs none."""
    v = _vocab()
    dates = _dates(doc, s)
    lo, hi = clause
    end = pos + len(row.value_text)
    d = _pick_date(doc, dates, s, pos, lo, hi, target, end)
    row.ctx_year = state["year"].later()
    if not dates:  # a sentence with dates of its own that fit no figure does not take the paragraph's months
        row.ctx_period = state["period"].later()
    when = [e for e in dates if lo <= e.start and e.end <= pos and e.first and v.when_clause.match(s, e.end, pos)]
    if when and not target:  # "in 2022, when they had reached $155.7 billion": the figure of that date
        d = when[-1]
    elif not target and _previous_year_when(row, doc, dates, s, pos, lo, state):
        return  # "... on the previous year, when the total had edged up 0.8% to $317 billion"
    if not target and _previous_year(row, doc, dates, s, pos, end, (lo, hi), d, state):
        return
    if d is None and not target:
        base = v.base_year.search(s, lo, hi)
        if base:  # "up 38% on 2022" and no year of its own: the year after the base
            row.period, row.period_state = str(int(base.group(1)) + 1), "explicit"
            row.explicit.add("period")
            return
        d = _pick_date(doc, dates, s, pos, 0, lo, target, end)
    if d is not None:
        if _span_of_that_year(row, doc, dates, s, d, state):
            return
        if d.first is None:
            month = d.month_only
            year = _year_before(doc, dates, s, d.start, state)
            if year and not target and _THAT_YEAR.fullmatch(s[d.start : d.end].strip()):
                row.period, row.period_state = str(year), "explicit"  # "... that year"
                row.explicit.add("period")
                return
            if month and year and not target:  # "in December alone", the year in context
                row.period, row.period_state = f"{year}-{month:02d}", "explicit"
                row.explicit.add("period")
                return
            row.period_state = "blocked"
            return
        period = _period_str(d)
        written = s[d.start : d.end].lower()
        if _span_of_that_year(row, doc, dates, s, d, state):
            return
        if _THAT_YEAR.fullmatch(written.strip()):
            # "... that year": the last year the text states as a period (not a comparison base)
            year = _year_before(doc, dates, s, d.start, state)
            period = str(year) if year else None
            row.period, row.period_state = period, "explicit" if period else "blocked"
            if period:
                row.explicit.add("period")
            return
        if d.relative and "year" not in written:
            # "January–October" with no year: the year the sentence or paragraph is talking about
            prior = [
                e.first.year
                for e in dates
                if e.end <= d.start and e.first is not None and not e.relative and not doc.not_period(s, e)
            ]
            year = prior[-1] if prior else state["year"].get()
            if year is None and doc.ref is not None and doc.ref.month is not None:
                last_month = (d.last or d.first).month or 12
                year = doc.ref.year if last_month <= doc.ref.month else doc.ref.year - 1
            if year and d.first.year != year:
                period = re.sub(r"^\d{4}|(?<=/)\d{4}", str(year), period or "")
        elif d.relative and not target and doc.ref is not None and doc.ref.month is not None:
            # "the first eleven months of the year" in a January article: months already counted, so the
            # year before; an actual figure cannot cover months after the text was published
            last = d.last or d.first
            if d.first.year == doc.ref.year and last.year == doc.ref.year and (last.month or 0) > doc.ref.month:
                period = _YEAR_IN_PERIOD.sub(str(doc.ref.year - 1), period or "")
        row.period, row.period_state = period, "explicit"
        row.explicit.add("period")
        return
    near = s[max(lo, pos - 40) : min(hi, end + 40)]
    if target or v.each_year.search(near):
        row.period_state = "blocked"


def _span_of_that_year(row: _Row, doc: _Doc, dates: list[DateMatch], s: str, d: DateMatch, state: dict) -> bool:
    """'the first eleven months of that year': the span, in the year the text last stated."""
    written = s[d.start : d.end]
    that = _THAT_YEAR.search(written)
    if not that or that.group(0).strip().lower() == written.strip().lower():
        return False
    year = _year_before(doc, dates, s, d.start, state)
    if year is None:
        return False
    restated = [e for e in _sorted_dates(written[: that.start()] + str(year) + written[that.end() :]) if e.first]
    if not restated:
        return False
    row.period, row.period_state = _period_str(restated[0]), "explicit"
    row.explicit.add("period")
    return True


def _previous_year_when(row: _Row, doc: _Doc, dates: list[DateMatch], s: str, pos: int, lo: int, state: dict) -> bool:
    """'... a jump of 17% on the previous year, when the total had edged up 0.8% to $317 billion': the
    figure in the when-clause is that previous year's (the year before the one stated before it)."""
    low = doc.low(s)
    cut = (s if low is None else low)[lo:pos]
    if "when" not in cut and "which" not in cut and "When" not in cut:
        return False  # no when-clause before the figure (most figures): nothing to scan
    v = _vocab()
    found = v.previous_year.finditer(s, lo, pos) if low is None else v.ci["previous_year"].twin.finditer(low, lo, pos)
    last = None
    for m in found:
        last = m
    if last is None or not v.when_clause.match(s, last.end(), pos):
        return False
    year = _year_before(doc, dates, s, last.start(), state)
    if year is None:
        return False
    row.period, row.period_state = str(year - 1), "explicit"
    row.explicit.add("period")
    return True


def _year_before(doc: _Doc, dates: list[DateMatch], s: str, at: int, state: dict) -> int | None:
    """The explicit year the sentence states before `at`, else the paragraph's year."""
    prior = [
        e.first.year
        for e in dates
        if e.end <= at and e.first is not None and not e.relative and not doc.not_period(s, e)
    ]
    return prior[-1] if prior else state["year"].get()


def _previous_year(
    row: _Row,
    doc: _Doc,
    dates: list[DateMatch],
    s: str,
    pos: int,
    end: int,
    clause: tuple[int, int],
    d: DateMatch | None,
    state: dict,
) -> bool:
    """'The year before, it stood at $1.7 billion': the year before the one in context.

    Not a comparison base ("up 5% on the previous year").
    """
    v = _vocab()
    lo, hi = clause
    low = doc.low(s)
    found = v.previous_year.finditer(s, lo, hi) if low is None else v.ci["previous_year"].twin.finditer(low, lo, hi)
    for m in found:  # offsets only (the twin's match is of the folded sentence)
        if m.start(1) >= 0:
            continue  # a comparison base ("than", "from" ... before it)
        dist = m.start() - end if m.start() >= end else pos - m.end()
        if _DIGIT.search(s, end, m.start()) or _DIGIT.search(s, m.end(), pos):
            continue  # another figure stands between: "to $142.8 bn, from $154.5 bn a year earlier"
        if d is not None and d.first is not None:
            d_dist = d.start - end if d.start >= end else pos - d.end
            if d_dist < dist:
                continue
        year = _year_before(doc, dates, s, m.start(), state)
        if year is None:
            continue
        row.period, row.period_state = str(year - 1), "explicit"
        row.explicit.add("period")
        return True
    return False


_TO_AT_BEFORE = re.compile(r"\b(?:to|at)\s+(?:\w+\s+){0,2}$")
_FIGURE_NOUN = re.compile(r"\b(?:figure|total|throughput)\b", re.I)


def _growths(
    doc: _Doc,
    seg: Segment,
    s: str,
    qs: list[Quantity],
    multiples: list[re.Match[str]],
    clauses: list[tuple[int, int]],
    figures: list[tuple[Quantity, _Row]],
    rows: list[_Row],
    state: dict,
    low: str | None = None,
    levels: dict[int, bool] | None = None,
) -> None:
    """Attach each year-on-year change to its figure, or make a growth-only row. `low`: `folded(s)`;
    `levels`: `_is_level`'s memo for the sentence."""
    v = _vocab()
    changes: list[tuple[int, int, float]] = []  # start, end, pct
    last_sign = None
    for q in qs:
        if q.unit != "percent":
            continue
        lo, _hi = _clause_of(clauses, q.start)
        rest, low_rest = s[q.end :], _cut(low, q.end, None)
        a = max(lo, q.start - 12)
        if v.ci["share_after"].search(rest, low_rest):
            continue
        if v.ci["share_before"].search(s[a : q.start], _cut(low, a, q.start)):
            continue
        if v.ci["mom"].search(rest, low_rest):  # share_after and mom are anchored at the start of `rest`
            continue
        a, b = max(lo, q.start - 40), q.end + 40
        if v.currency_move_ci.search(s[a:b], None if low is None else low[a:b]) or _is_level(s, q, lo, levels, low):
            continue  # a currency's move, or a share level reached
        gs = _growth_sign(s, lo, q, low)
        if gs is None:
            if last_sign is None:
                continue
            gs = (True, last_sign)
        sign = gs[1]
        val = abs(q.value) * sign if q.value_text[:1] not in "+-\u2212" else q.value
        last_sign = -1.0 if val < 0 else 1.0
        changes.append((q.start, q.end, val))
    for m in multiples:
        before = s[max(0, m.start() - 30) : m.start()]
        if v.up.search(before):
            changes.append((m.start(), m.end(), (float(m.group(1)) - 1) * 100))
    used: set[int] = set()
    for start, end, pct in sorted(changes):
        lo, hi = _clause_of(clauses, start)
        cands = [(q, r) for q, r in figures if lo <= q.start < hi and id(r) not in used]
        chosen = None
        fwd = [
            (q, r) for q, r in cands if q.start >= end and q.start - end < 40 and _TO_AT_BEFORE.search(s[end : q.start])
        ]
        if fwd:
            chosen = fwd[0][1]
        else:
            back = [(q, r) for q, r in cands if q.end <= start]
            ahead = [(q, r) for q, r in cands if q.start >= end]
            if back:
                chosen = back[-1][1]
            elif ahead:
                chosen = ahead[0][1]
        if chosen is not None:
            used.add(id(chosen))
            if chosen.basis == "actual":
                chosen.growth_pct = round(pct, 4)
            continue
        # growth-only row: needs a trade subject in the clause and no distractor
        clause_txt = s[lo:hi]
        if not (v.trade.search(clause_txt) or _FIGURE_NOUN.search(clause_txt) or _subject_before(s, clauses, lo)):
            continue
        if v.target.search(clause_txt) or v.money_distractor.search(clause_txt):
            continue
        b0, a1 = max(lo, start - 80), min(hi, end + 30)
        low_before, low_after = (low[b0:start], low[end:a1]) if low is not None else (None, None)
        if _distracted(s[b0:start], s[end:a1], low_before, low_after):
            continue
        unit = None
        for code, pat in v.currency.items():
            if pat.search(clause_txt) or pat.search(s[:lo]):
                unit = code
                break
        gas = _GAS.search(clause_txt) or (seg.heading and _GAS.search(seg.heading) and _PIPED.search(clause_txt))
        if unit is None and gas and not _MONEY_SUBJECT.search(clause_txt):
            unit = "m3"  # "gas deliveries were 57% higher": a physical quantity with no money named
        guessed = unit is None
        if unit is None:
            unit = "t" if v.cargo.search(clause_txt) and not v.trade.search(clause_txt) else doc.currency
            guessed = unit != "t"
        metric = _METRIC.get(unit, "trade_value")
        flow = _flow(s[lo:start], unit, False)
        econ, econ_explicit = _economies(doc, seg, (lo, hi), flow, state["countries"].get())
        row = _Row(metric, flow, econ, None, unit, "", seg, "exact", "actual", round(pct, 4))
        row.span = (start, end)
        row.money_guessed = guessed
        if econ_explicit:
            row.explicit.add("reporter")
        row.explicit.add("metric")
        _set_period(row, doc, s, start, (lo, hi), False, state)
        rows.append(row)


# "... but had grown by 25% in 2021": a clause whose subject is the one before it
_ELIDED = re.compile(
    r"\W*(?:but|and|while|whereas)\s+(?:(?:had|has|have|was|were|is|are|then|also|later|again|still|since)\s+)*"
    r"(?:been\s+)?",
    re.I,
)
# Words that make a growth-only figure one of money, whatever the goods
_MONEY_SUBJECT = re.compile(r"\b(?:trade|turnover|value|worth|earnings|revenues?|receipts|dollar|price)", re.I)
# Under a gas heading, flows that are the gas itself
_PIPED = re.compile(r"\b(?:deliveries|delivered|supplies|supplied|flows?|pumped|exports|imports|shipments)\b", re.I)


def _subject_before(s: str, clauses: list[tuple[int, int]], lo: int) -> bool:
    """The clause at `lo` has no subject of its own and the clause before it names trade ("trade had
    fallen by 20% in 2020 but had grown by 25% in 2021")."""
    prev = [c for c in clauses if c[1] == lo]
    if not prev:
        return False
    m = _ELIDED.match(s, lo)
    if m is None or m.end() == lo:
        return False
    v = _vocab()
    if not (v.up.match(s, m.end()) or v.down.match(s, m.end())):
        return False
    return v.trade.search(s, prev[0][0], lo) is not None


_OF_AFTER = re.compile(r"\s*of\b")
_OF_TRADE = re.compile(r"\bof\s+(?:[\w’'\-]+\s+){0,4}?(?:trade|exports|imports|turnover)\b", re.I)
_OF_TRADE_AFTER = re.compile(r"\s*of\s+(?:[\w’'\-]+\s+){0,4}?(?:trade|exports|imports|turnover)\b", re.I)
_EXPORT = re.compile(r"export|shipped|sold", re.I)
_IMPORT = re.compile(r"import|purchased|bought", re.I)
_BY_BEFORE = re.compile(r"\bby\s*$")
_SHARE_VERB_BEFORE = re.compile(
    r"\b(?:for|of|to|made up|accounted|accounts|represents?|comprised?)\b\W*(?:\w+\W+)?$", re.I
)


def _shares(
    doc: _Doc,
    seg: Segment,
    s: str,
    qs: list[Quantity],
    clauses: list[tuple[int, int]],
    rows: list[_Row],
    state: dict,
    levels: dict[int, bool] | None = None,
) -> None:
    """'China accounted for 17.7% of Russia's foreign trade' -> a trade_share row. `levels`: `_is_level`'s
    memo for the sentence."""
    v = _vocab()
    low = doc.low(s)
    prev_share: _Row | None = None
    for q in qs:
        if q.unit != "percent" or q.value <= 0 or q.value > 100:
            continue
        lo, hi = _clause_of(clauses, q.start)
        a = max(lo, q.start - 40)
        share_before = v.ci["share_before"].search(s[a : q.start], _cut(low, a, q.start))
        m = v.ci["share_after"].search(s[q.end :], _cut(low, q.end, None))  # anchored: a match at q.end
        # a level reached (_is_level), worked out once: both the level and the share-noun tests ask
        reached = _is_level(s, q, lo, levels, low) if prev_share is not None or not m else False
        level = prev_share is not None and reached
        noun = None
        if not m and not level and reached and _REACHED.search(s, max(lo, q.start - 30), q.start):
            # "its share of Japan's LNG imports fell to 8.3%": the share named before the level it reached
            noun = v.share_noun.search(s, max(lo, q.start - 120), q.start)
            if noun is None and v.share_pronoun.search(s, max(lo, q.start - 40), q.start):
                # "..., and its share climbed to 83%": the share of the trade the sentence named before
                noun = _OF_TRADE.search(s, 0, lo)
            if noun is None:
                continue
        if not m and not level and noun is None:
            if not (share_before and _OF_AFTER.match(s, q.end)):
                continue
            m = _OF_TRADE_AFTER.match(s[q.end :])
            if not m:
                continue
        if not level and noun is None and not share_before:
            # a growth cue counts only after the figure before ("rose 3% to $9 bn, 17% of its imports")
            own_lo = max([lo] + [p.end for p in qs if p.end <= q.start])
            if _growth_sign(s, own_lo, q, low) is not None:
                before = s[max(own_lo, q.start - 30) : q.start]
                if not _SHARE_VERB_BEFORE.search(before):
                    continue
        if level and not m:
            assert prev_share is not None
            flow, econ, econ_explicit = prev_share.flow, list(prev_share.economies), "reporter" in prev_share.explicit
        else:
            tail = s[q.end : q.end + m.end()] if m else noun.group(0) if noun else ""
            flow = "export" if _EXPORT.search(tail) else "import" if _IMPORT.search(tail) else "total"
            econ, econ_explicit = _economies(doc, seg, (lo, hi), "total", state["countries"].get())
        if len(econ) < 2 or not econ_explicit:
            # "with a 14.2% share of Russian exports": the other side is in the sentence
            more = [c for c in _isos(_countries_in(doc, seg.start, seg.end)) if c not in econ]
            econ = (econ + more)[:2]
        row = _Row("trade_share", flow, econ, q.value, "percent", q.value_text, seg, q.qualifier)
        row.span = (q.start, q.end)
        if econ_explicit:
            row.explicit.add("reporter")
        row.explicit.update({"metric", "unit"})
        dates = _dates(doc, s)
        after = (
            _pick_date(doc, dates, s, q.start, q.end, hi, False, q.end)
            if v.ci["level_from"].search(s[max(lo, q.start - 40) : q.start], _cut(low, max(lo, q.start - 40), q.start))
            else None
        )
        if after is not None and after.first is not None and not after.relative:
            # "19.7% last year, against 25.3% as recently as 2021": the earlier level has the date after it
            row.period, row.period_state = _period_str(after), "explicit"
            row.explicit.add("period")
        else:
            _set_period(row, doc, s, q.start, (lo, hi), False, state)
        by = [
            str(d.first.year)
            for d in dates
            if lo <= d.start < hi and d.first is not None and _BY_BEFORE.search(s[max(0, d.start - 6) : d.start])
        ]
        if by and row.period and row.period.startswith(by[0]) and "/" in row.period:
            row.period = by[0]  # "by the first quarter of 2023 the share had dropped to ...": as of that year
        if row.period_state == "none":
            if _THAT_YEAR.search(s, lo, hi) and state["year"].get():
                row.period, row.period_state = str(state["year"].get()), "explicit"  # "... that year"
            else:
                row.period_state = "blocked"  # a share with no date of its own is not dated by the context
        rows.append(row)
        prev_share = row


# --------------------------------------------------------------------------- tables


_YEAR_HEADER = re.compile(r"year|period", re.I)
_GROWTH_HEADER = re.compile(r"y/y|yoy|change|growth|grow|increase|%|year", re.I)
_SHARE_HEADER = re.compile(r"share", re.I)


# "(volume in million tonnes; value in US$ billion)": a caption giving each column its own unit
_CAPTION_COLUMN = re.compile(r"(?:^|[(;,:\[])\s*([A-Za-z][A-Za-z /&'’-]{0,40}?)\s+(?:in|[:=])\s+([^;,()\[\]]+)")


def _caption_columns(text: str, unit_of: Callable[[str], tuple[str | None, float]]) -> dict[str, tuple[str, float]]:
    """The unit a caption gives each column by name: {"volume": ("t", 1e6), "value": ("USD", 1e9)}.

    Only when it gives two or more columns different units: one unit for the whole caption is its
    unit, read as before."""
    if " in " not in text and ":" not in text and "=" not in text:
        return {}
    out: dict[str, tuple[str, float]] = {}
    for m in _CAPTION_COLUMN.finditer(text):
        unit, mult = unit_of(m.group(2))
        if unit is not None and unit != "percent":
            out[m.group(1).strip().lower()] = (unit, mult)
    return out if len(set(out.values())) >= 2 else {}


def _column_unit(h: str, columns: dict[str, tuple[str, float]]) -> tuple[str, float] | None:
    """The unit the caption gives the column headed `h` ("Volume" under "volume in million tonnes")."""
    key = h.strip().lower()
    if not key:
        return None
    for name, unit in columns.items():
        if key == name or re.search(rf"\b{re.escape(key)}$", name) or re.match(rf"{re.escape(name)}\b", key):
            return unit
    return None


def _table_rows(doc: _Doc, seg: Segment, state: dict) -> list[_Row]:
    """One row per figure cell: unit and scale from the header, growth from a %/change column."""
    if not seg.cells or not seg.header:
        return []
    cells = [doc.text[a:b].strip() for a, b in seg.cells]
    header = list(seg.header) + [""] * max(0, len(cells) - len(seg.header))
    context = state["table_ctx"]
    period: str | None = None
    period_explicit = False
    for i, c in enumerate(cells):
        if _YEAR_CELL.match(c):
            period, period_explicit = c.strip(), True
            break
        if i == 0:
            ds = _dates(doc, c)
            if ds and ds[0].first is not None:
                period, period_explicit = _period_str(ds[0]), True
                break
    v = _vocab()
    # a row's own label ("| Q1 2011 | Exports to Kazakhstan | 570 |") names its direction over the caption's
    label = " ".join(c for c in cells if c and not _DIGIT.search(c))
    lab = label.lower()
    label_own = any(st in lab for st in v.direction_stems) and bool(
        v.export.search(label) or v.import_.search(label) or v.total.search(label)
    )
    rows: list[_Row] = []
    ctx_unit, ctx_mult = doc.header_unit(context)
    columns = doc.caption_columns(context)
    last_value: _Row | None = None
    for i, (c, h) in enumerate(zip(cells, header, strict=False)):
        if _YEAR_CELL.match(c) and (i == 0 or _YEAR_HEADER.search(h)):
            continue
        col = _column_unit(h, columns) if columns else None
        num = parse_number(c)
        if num is None:
            if h and (col is not None or doc.header_unit(h)[0] not in (None, "percent")):
                last_value = None  # an empty figure cell: its growth column has nothing to attach to
            continue
        unit, mult = doc.header_unit(h)
        if unit is None and col is not None:
            unit, mult = col  # the caption's unit for this column
        is_growth = unit == "percent" and bool(_GROWTH_HEADER.search(h))
        if unit == "percent" and _SHARE_HEADER.search(h):
            is_growth = False
        holder: list[str] = []
        if unit != "percent" and _PCT_CELL.match(c):
            if v.share_before.search(h):
                # "| 61% |" under "China's share of turnover": the share one economy holds of the table's
                # subject's trade; any other share is not a value in the table's unit
                holder = list(dict.fromkeys(c.iso3 for c in find_countries(h))) if v.share_noun.search(h) else []
                if len(holder) != 1:
                    continue
                unit, mult = "percent", 1.0
            else:
                is_growth = True  # "+37.4%" under a "y/y" or "change" column: the change of the value before it
        if is_growth:
            if last_value is not None and last_value.basis == "actual":
                last_value.growth_pct = num
            continue
        if unit is None:
            if ctx_unit is None or ctx_unit == "percent":
                continue
            unit, mult = ctx_unit, (ctx_mult if ctx_mult != 1.0 else doc.header_unit(h)[1])
        metric = _METRIC.get(unit, "trade_value")
        subject = f"{h} {context}"
        if unit in _SYMBOL_READINGS and _SYMBOL.search(subject):
            unit = _table_symbol(subject, state, doc) or unit
        port_ctx = bool(v.port.search(subject))
        own = v.export.search(h) or v.import_.search(h) or v.total.search(h)
        # the column's own "Exports to Russia" over the caption
        flow = doc.table_flow(h if own else label if label_own else subject, unit, port_ctx)
        if holder:
            whole = _isos(_countries_in(doc, seg.start, seg.end)) + state["table_countries"] + doc.top
            names = [x for x in whole if x not in holder][:1] + holder
        elif flow == "handled":
            names = _isos([cm for cm in doc.countries if False]) or (state["countries"].get() or doc.top)[:1]
        else:
            names = _isos(_countries_in(doc, seg.start, seg.end))
            names = (names + [x for x in state["table_countries"] + doc.top if x not in names])[:2]
        qualifier = "approx" if c.lstrip()[:1] in "≈~" else "exact"
        row = _Row(metric, flow, names, num * mult, unit, c, seg, qualifier)
        row.commodity = doc.goods_of(h, state["table_intro"])
        if period:
            row.period, row.period_state = period, "explicit"
            if period_explicit:
                row.explicit.add("period")
        row.ctx_year = state["year"].later()
        rows.append(row)
        last_value = row
    return rows


# --------------------------------------------------------------------------- merge / finish


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _step(r: _Row) -> float:
    """Half the rounding step of a figure as written: '$108bn' -> 0.5e9, '107.76' bn -> 0.005e9."""
    m = _WRITTEN_NUMBER.search(r.value_text)
    if not m or r.value is None:
        return abs(r.value or 0) * 0.01
    written = parse_number(m.group(0)) or 0.0
    if not written:
        return 0.0
    mult = r.value / written
    decimals = len(m.group(1) or "")
    return 0.5 * 10 ** (-decimals) * abs(mult)


def _compatible(a: _Row, b: _Row, step: Callable[[_Row], float] = _step) -> bool:
    """Whether b restates a: same unit/metric/basis, and the rounder figure is the other one rounded."""
    if a.unit != b.unit or a.basis != b.basis or a.metric != b.metric:
        return False
    if a.period and b.period and a.period != b.period and a.period_state == "explicit" and b.period_state == "explicit":
        return False
    if a.location and b.location and a.location != b.location:
        return False
    if ("reporter" in a.explicit or "reporter" in b.explicit) and set(a.economies) != set(b.economies):
        return False  # "$1 billion" of Russia's trade with Korea and of its trade with Mongolia: two facts
    if a.value is None or b.value is None:
        if a.value is not None or b.value is not None:
            return False
        return (
            a.growth_pct is not None
            and b.growth_pct is not None
            and abs(a.growth_pct - b.growth_pct) < 0.05
            and a.flow == b.flow
        )
    if a.flow != b.flow and ("total" not in (a.flow, b.flow) or (a.flow_cued and b.flow_cued)):
        return False  # "two-way trade of $2.3 bn" and "imports of over $2 bn" are two facts
    if a.seg is b.seg:
        return False
    return abs(a.value - b.value) <= max(step(a), step(b)) * 1.0001


_NON_DIGITS = re.compile(r"\D")


def _precision(r: _Row) -> tuple[int, int, int]:
    digits = len(_NON_DIGITS.sub("", r.value_text))
    return (1 if r.period_state == "explicit" else 0, 1 if r.qualifier == "exact" else 0, digits)


def _merge(rows: list[_Row]) -> list[_Row]:
    """The same figure stated twice is one row: keep the most precise, fill what it lacks."""
    kept: list[_Row] = []
    buckets: dict[tuple[str, str, str], list[int]] = {}
    steps: dict[int, float] = {}  # a row's figure never changes here: its rounding step is worked out once

    def step(r: _Row) -> float:
        got = steps.get(id(r))
        if got is None:
            got = steps[id(r)] = _step(r)
        return got

    for r in rows:
        bucket = buckets.setdefault((r.unit, r.metric, r.basis), [])
        for i in bucket:
            k = kept[i]
            if k.value is not None and r.value is not None and abs(k.value - r.value) > max(step(k), step(r)) * 1.0001:
                continue  # _compatible's last test, cheapest first: most figures differ in value
            if not _compatible(k, r, step):
                continue
            best, other = (k, r) if _precision(k) >= _precision(r) else (r, k)
            best.growth_pct = best.growth_pct if best.growth_pct is not None else other.growth_pct
            best.location = best.location or other.location
            best.commodity = best.commodity or other.commodity
            if best.period is None and other.period is not None:
                best.period, best.period_state = other.period, other.period_state
            kept[i] = best
            break
        else:
            bucket.append(len(kept))
            kept.append(r)
    return kept


def _finish(rows: list[_Row]) -> list[TradeVolume]:
    years = Counter(
        int(r.period[:4]) for r in rows if r.period and r.period_state == "explicit" and r.basis == "actual"
    )
    doc_year = max(years, key=lambda y: (years[y], y)) if years else None
    out = []
    for r in rows:
        if r.period is None and r.period_state == "none":
            y = (r.ctx_year() if r.ctx_year else None) or doc_year
            r.period = str(y) if y else None
            ctx_period = r.ctx_period() if r.ctx_period else None
            if ctx_period and y == int(ctx_period[:4]) and not _vocab().whole_year.search(r.seg.text):
                r.period = ctx_period  # "The first quarter of this year looked better. Exports rose ..."
            r.period_state = "inherited"
    gas_goods = _vocab().gas_goods
    for r in _merge(rows):
        reporter = r.economies[0] if r.economies else None
        partner = r.economies[1] if len(r.economies) > 1 else None
        if r.world and r.flow in ("total", "export", "import") and partner:
            partner = None
        if r.flow == "handled" and partner and not r.reporter_first:
            partner = None
        key = {"metric", "reporter", "period", "unit"}
        conf = round(len(key & r.explicit) / len(key), 2)
        ev = Evidence(r.seg.start, r.seg.end, r.seg.text, EXTRACTOR, conf)
        out.append(
            TradeVolume(
                metric=r.metric,
                flow=r.flow,
                reporter=reporter,
                partner=partner,
                value=r.value,
                unit=r.unit,
                value_text=r.value_text,
                evidence=ev,
                location=r.location,
                commodity=r.commodity or (gas_goods if r.unit == "m3" else None),
                period=r.period,
                qualifier=r.qualifier,
                basis=r.basis,
                growth_pct=r.growth_pct,
            )
        )
    return out


def _doc_context(text: str, segments: list[Segment], published: PartialDate | None) -> _Doc:
    ctx = for_document(text, segments)
    seg_starts = [s.start for s in segments]
    found = []
    for c in ctx.doc_countries():
        i = bisect_right(seg_starts, c[0]) - 1  # segments are in document order
        if i >= 0 and c[1] <= segments[i].end:
            found.append(c)
    found.sort()
    counts = Counter(c[2] for c in found)
    top = [iso for iso, _ in counts.most_common(4)]
    # relative dates ("last year") resolve only against a document dated to the month
    ref = published if published is not None and published.month is not None else None
    return _Doc(text, ref, found, top, ctx, starts=[c[0] for c in found])


def _table_symbol(subject: str, state: dict, doc: _Doc) -> str | None:
    """A table's "¥" header: the currency its caption or intro names in words, else the document's reading."""
    return _read_symbol(_SYMBOL_READINGS, subject, state, doc, (state["table_countries"] or doc.top)[:2])


def _symbol_hint(text: str) -> str | None:
    """The currency a document names in words, counted once: the reading of "¥" when a paragraph gives none."""
    cur = _vocab().currency
    counts = {code: sum(1 for _ in zip(range(20), cur[code].finditer(text), strict=False)) for code in ("JPY", "CNY")}
    if counts["JPY"] == counts["CNY"]:
        return None
    return "JPY" if counts["JPY"] > counts["CNY"] else "CNY"


def _settle_symbol(q: Quantity, s: str, state: dict, doc: _Doc, econ: list[str]) -> str:
    """An ambiguous currency symbol ("¥": yen or yuan) read from the sentence, paragraph, document, economies."""
    return _read_symbol((q.unit, *q.alt_units), s, state, doc, econ) or q.unit


def _read_symbol(options: tuple[str, ...], s: str, state: dict, doc: _Doc, econ: list[str]) -> str | None:
    """Which of `options` a symbol means: the one `s` names in words, the paragraph's, the document's, the
    home currency of the economies."""
    cur = _vocab().currency
    named = [c for c in options if c in cur and cur[c].search(s)]
    if len(named) == 1:
        return named[0]
    symbol = state["symbol"].get()
    if symbol in options:
        return symbol
    if doc.symbol_hint in options:
        return doc.symbol_hint
    return _home_currency(options, doc, econ)


def _home_currency(options: tuple[str, ...], doc: _Doc, econ: list[str]) -> str | None:
    """The home currency of the economy the figure is about ("¥" in Japan's trade is yen).

    One home economy among the figure's economies decides; two (or none) are settled by
    whichever the document mentions most.
    """
    homes = [e for e in dict.fromkeys(econ) if _MONEY_HOME.get(e) in options]
    if len(homes) != 1:
        ranked = [e for e in doc.top if _MONEY_HOME.get(e) in options and (not homes or e in homes)]
        homes = ranked[:1]
    return _MONEY_HOME[homes[0]] if homes else None


class _Carried(Generic[T]):
    """A fact a paragraph carries from sentence to sentence (its year, its currency ...).

    Sentences are queued and read (`read` gives a sentence's value, or None when it states
    none) only when a figure asks: reading costs regex scans or a date parse, and most
    paragraphs state no figure after them. The latest sentence that states a value wins, so
    the value at any moment is the latest one the paragraph's sentences so far state.
    `read` must give a sentence's answer for good once it is added (each is read at most once).
    """

    def __init__(self, read: Callable[[Segment], T | None]) -> None:
        self._read = read
        self._reads: dict[int, tuple[Segment, T | None]] = {}  # by id of the sentence, which it keeps alive
        self._value: T | None = None
        self._segs: list[Segment] = []  # the paragraph's sentences so far
        self._seen = 0  # how many of them `get` has looked at

    def reset(self) -> None:
        """A new paragraph: nothing carried."""
        self._value = None
        self._segs = []  # a new list: what `later` kept of the last paragraph stays as it was
        self._seen = 0

    def add(self, seg: Segment) -> None:
        self._segs.append(seg)

    def _read_once(self, seg: Segment) -> T | None:
        got = self._reads.get(id(seg))
        if got is None:
            got = self._reads[id(seg)] = (seg, self._read(seg))
        return got[1]

    def get(self) -> T | None:
        segs = self._segs
        for i in range(len(segs) - 1, self._seen - 1, -1):  # the sentences added since the last call
            found = self._read_once(segs[i])
            if found is not None:
                self._value = found
                break
        self._seen = len(segs)
        return self._value

    def later(self) -> Callable[[], T | None]:
        """What `get` gives now, worked out only when called: most figures state their own period
        and never need the paragraph's, whose sentences then need no reading."""
        segs, n = self._segs, len(self._segs)

        def value() -> T | None:
            for i in range(n - 1, -1, -1):
                found = self._read_once(segs[i])
                if found is not None:
                    return found
            return None

        return value


class _RecentEconomies:
    """The last three economies the paragraph named, latest first.

    Each sentence naming some puts them in front of the ones before (keeping three). Read only
    when a figure asks, from the latest queued sentence back: three distinct names are enough.
    """

    def __init__(self, doc: _Doc) -> None:
        self._doc = doc
        self._value: list[str] = []
        self._pending: list[Segment] = []

    def reset(self) -> None:
        self._value = []
        self._pending = []

    def add(self, seg: Segment) -> None:
        self._pending.append(seg)

    def get(self) -> list[str]:
        if self._pending:
            out: list[str] = []
            for seg in reversed(self._pending):
                out += [c for c in _isos(_countries_in(self._doc, seg.start, seg.end)) if c not in out]
                if len(out) >= 3:
                    break
            self._value = (out + [c for c in self._value if c not in out])[:3]
            self._pending = []
        return self._value


def _sentence_year(doc: _Doc, seg: Segment, stated_years: dict[int, int]) -> int | None:
    """The year a sentence sets for its paragraph: that of its own explicitly dated figures, else the
    year of its last explicit (or "... year") date that is no comparison base."""
    stated = stated_years.get(id(seg))
    if stated is not None:
        return stated
    return _last_year(doc, seg)


def _sentence_span(doc: _Doc, seg: Segment, stated_periods: dict[int, str]) -> str | None:
    """The span of months a sentence sets for its paragraph ("in the first half of 2023", "January–October"):
    that of its own dated figures, else of its last date when that is a span, in the year it sets."""
    stated = stated_periods.get(id(seg))
    if stated is not None:
        return stated if "/" in stated else None
    last = _last_date(doc, seg)
    span = _period_str(last) if last else None
    return span if span and "/" in span else None


def _last_year(doc: _Doc, seg: Segment) -> int | None:
    """The year of the last explicit (or "... year") date of a sentence that is not a comparison base."""
    last = _last_date(doc, seg)
    return last.first.year if last and last.first else None


def _last_date(doc: _Doc, seg: Segment) -> DateMatch | None:
    """The last explicit (or "... year") date of a sentence that is not a comparison base.

    Once per sentence (the paragraph's year and its months both ask), and no date parse for a
    sentence without a digit or "year": only those can hold such a date (an explicit date has its
    year in digits, a relative one counts only when it says "year")."""
    got = doc.last_dates.get(id(seg))
    if got is None:
        last = _last_date_parsed(doc, seg) if _DIGIT.search(seg.text) or "year" in seg.text.lower() else None
        got = doc.last_dates[id(seg)] = (seg, last)
    return got[1]


def _last_date_parsed(doc: _Doc, seg: Segment) -> DateMatch | None:
    """`_last_date` read off the sentence's dates."""
    v = _vocab()
    last = None
    for d in _dates(doc, seg.text):
        written = seg.text[d.start : d.end]
        if d.first is None or (d.relative and "year" not in written.lower()):
            continue
        if doc.not_period(seg.text, d):
            continue  # "19% more than a year before", "than in 2018": a comparison base
        if d.relative and v.previous_year.fullmatch(written):
            continue
        last = d
    return last


def _names_port(seg: Segment) -> bool | None:
    return True if _vocab().port.search(seg.text) else None


def _names_one_currency(seg: Segment) -> str | None:
    """ "yen" or "yuan" named, not both: how to read "¥" in the paragraph."""
    cur = _vocab().currency
    named = [c for c in ("JPY", "CNY") if cur[c].search(seg.text)]
    return named[0] if len(named) == 1 else None


def extract_trade(text: str, segments: list[Segment], published: PartialDate | None) -> list[TradeVolume]:
    """All trade volumes of one document, one row per fact, each with its evidence segment."""
    doc = _doc_context(text, segments, published)
    v = _vocab()
    stated_years: dict[int, int] = {}  # id of a sentence -> the year of its own explicitly dated figures
    year: _Carried[int] = _Carried(lambda seg: _sentence_year(doc, seg, stated_years))
    stated_periods: dict[int, str] = {}  # id of a sentence -> the span of months of its own dated figures
    period: _Carried[str] = _Carried(lambda seg: _sentence_span(doc, seg, stated_periods))
    port: _Carried[bool] = _Carried(_names_port)
    symbol: _Carried[str] = _Carried(_names_one_currency)
    economies = _RecentEconomies(doc)
    state: dict = {
        "year": year,
        "period": period,
        "countries": economies,
        "port": port,
        "trade": False,
        "table_ctx": "",
        "table_intro": "",
        "goods": None,
        "table_countries": [],
        "symbol": symbol,
    }
    rows: list[_Row] = []
    prev: Segment | None = None
    stated: list[str] = []
    recent: list[Segment] = []
    for seg in segments:
        new_para = prev is None or bool(_PARA_BREAK.search(text, prev.end, seg.start)) and seg.kind != "table_row"
        list_intro = (
            prev is not None
            and prev.kind == "sentence"
            and seg.kind == "list_item"
            and prev.text.rstrip().endswith(":")
        )
        if new_para and not list_intro:
            state["trade"] = False
            state["goods"] = None
            economies.reset()
            year.reset()
            period.reset()
            port.reset()
            symbol.reset()
        has_num = seg.kind != "table_row" and _has_num(seg.text)
        stated = []
        if seg.kind == "table_row":
            if prev is None or prev.kind != "table_row" or prev.header != seg.header:
                ctx_segs = recent[-2:]
                state["table_ctx"] = " ".join([seg.heading or ""] + [s.text for s in ctx_segs])
                state["table_intro"] = ctx_segs[-1].text if ctx_segs else ""  # its caption, or the line before
                lo = ctx_segs[0].start if ctx_segs else seg.start
                state["table_countries"] = _isos(_countries_in(doc, lo, seg.start))
            rows.extend(_table_rows(doc, seg, state))
        elif seg.kind != "heading" and has_num:
            found = _sentence_rows(doc, seg, state)
            if found and (state["goods"] is not None or any(r.commodity for r in found)):
                _carry_goods(found, seg, state)
            stated = [r.period for r in found if r.period_state == "explicit" and r.basis == "actual" and r.period]
            money = any(r.metric == "trade_value" and r.value is not None for r in found)
            if money and _ci_search(v, "trade", seg.text, doc.low(seg.text)):
                state["trade"] = True  # later sentences of the paragraph may say "it" or "the total"
            rows.extend(found)
        if seg.kind != "table_row":
            recent.append(seg)
        # carry context forward within the paragraph
        if seg.kind != "table_row" and has_num:
            if stated:  # the year the sentence's own figures are for, not a comparison base it mentions last
                stated_years[id(seg)] = int(stated[0][:4])
                stated_periods[id(seg)] = stated[0]
            year.add(seg)
            period.add(seg)
        elif seg.kind == "sentence":
            # a sentence with no figure that sets the time: "The first quarter of this year looked better."
            year.add(seg)
            period.add(seg)
        economies.add(seg)
        port.add(seg)
        if has_num or seg.kind == "sentence":
            symbol.add(seg)
        prev = seg
    _goods_measure(rows)
    currencies = Counter(r.unit for r in rows if r.metric == "trade_value" and r.value is not None)
    if currencies:
        doc.currency = currencies.most_common(1)[0][0]
        for r in rows:
            if r.value is None and r.metric == "trade_value" and r.unit == "USD" and r.unit != doc.currency:
                r.unit = doc.currency
    return _finish(rows)


__all__ = ["extract_trade", "EXTRACTOR"]
