"""Quantities in running text: money, tonnes, TEU, cubic metres and percentages.

Every extractor needs the same reading of "US$ 244.8bn", "nearly a million TEU" or
"38 bcm": one compiled grammar (vocabulary in data/units.yaml) turns them into base
units (240.1 billion -> 240.1e9), an ISO 4217 code or physical unit, and the
qualifier written right before the figure ("about" -> approx, "exceeded" -> at_least).
A bare number with no currency or unit is not a quantity here: tables give their
unit in the header, and `parse_number` / `header_unit` read those cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from eurasia_etl.grammar.guard import (
    alternation,
    caseless_twin,
    contains_any,
    folded,
    guarded,
    required_substrings,
)
from eurasia_etl.knowledge import load_yaml

__all__ = ["Quantity", "find_quantities", "parse_number", "header_unit", "scale_of", "currency_of"]


# Letters that re.IGNORECASE matches to ASCII ones but str.lower() keeps apart ("bıllion", "İ", long s).
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})


def _key(word: str) -> str:
    """A matched word as the vocabulary's lower-case key."""
    return word.translate(_FOLD).lower()


_Six = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]


# Not frozen, for speed: see facts.PartialDate (never mutated, hashed as before).
@dataclass(unsafe_hash=True)
class Quantity:
    start: int
    end: int
    value: float  # base units (240.1 billion -> 240.1e9)
    unit: str  # ISO 4217 code | "t" | "TEU" | "m3" | "percent"
    qualifier: str  # exact | approx | at_least | at_most
    value_text: str  # as written (without the qualifier)
    alt_units: tuple[str, ...] = ()  # other currencies an ambiguous symbol may stand for ("¥": JPY)


def _alt(words: list[str]) -> str:
    return alternation(words)


_NUMERIC = r"[+\-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+)(?:\.\d+)?|[+\-\u2212]?\.\d+"


@dataclass(frozen=True)
class _Grammar:
    regex: re.Pattern[str]
    digits_only: re.Pattern[str]
    spelled: re.Pattern[str]
    qual: re.Pattern[str]
    prefix: dict[str, str]
    suffix: dict[str, str]
    scales: dict[str, float]
    symbol_only: frozenset[str]
    units: dict[str, tuple[str, float]]
    qualifiers: dict[str, str]
    word_units: dict[str, float]
    header_currency: re.Pattern[str]
    header_scale: re.Pattern[str]
    header_unit: re.Pattern[str]
    ambiguous: dict[str, tuple[str, ...]]
    # where a number can begin: a digit, or a number word followed by no letter (see _anchored_matches)
    anchor: re.Pattern[str]
    # a currency prefix right before a number, or a unit right after one (past a scale word): text
    # without it has no quantity the digits-only grammar would keep (see find_quantities_folded)
    kept_hint: re.Pattern[str]
    digit_reach: int  # most characters from the start of a match to its anchor (first digit or number word)
    # caseless twins of regex, digits_only, spelled, qual, anchor and kept_hint (grammar.guard), when all have one
    twins: _Six | None = None
    spelled_words: tuple[str, ...] | None = None  # strings one of which every match of spelled's twin holds


_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"[+\-]?\d{1,3}(,\d{3})+(\.\d+)?")
_WORD_SPLIT = re.compile(r"[\s-]+")
_SPACES = re.compile(r"\s+")
# "the 2014–2015 rouble crash": a year closing a span of years, not 2,015 roubles
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_SPAN_OF_YEARS_BEFORE = re.compile(r"(?<!\d)(?:18|19|20)\d\d\s*[-–—/]\s*$")


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Load data/units.yaml once and compile the quantity regex."""
    raw = load_yaml("units.yaml")
    prefix = {w.lower(): code for code, ws in raw["currency_prefix"].items() for w in ws}
    suffix = {w.lower(): code for code, ws in raw["currency_suffix"].items() for w in ws}
    scales = {k.lower(): float(v) for k, v in raw["scales"].items()}
    units: dict[str, tuple[str, float]] = {}
    for unit, by_mult in raw["units"].items():
        for mult, words in by_mult.items():
            for w in words:
                units[w.lower()] = (unit, float(mult))
    qualifiers = {w.lower(): q for q, ws in raw["qualifiers"].items() for w in ws}
    word_units = {k.lower(): float(v) for k, v in raw["number_words"]["units"].items() if " " not in k}

    big = [w for w in scales if w.isalpha() and len(w) > 3]  # thousand, million, billion ...
    w_alt = _alt([*word_units, "hundred", *big])
    word_num = rf"(?:half\s+an?|{w_alt})(?:[\s-]+(?:and\s+)?(?:{w_alt}))*"

    def qual_alt(ws: list[str]) -> str:
        alpha = [w for w in ws if w[-1].isalnum() or w.endswith(".")]
        sym = [w for w in ws if w not in alpha]
        parts = []
        if alpha:
            parts.append(rf"(?<![\w])(?:{_alt(alpha)})\s+")
        if sym:
            parts.append(rf"(?:{_alt(sym)})\s*")
        return "|".join(parts)

    qual_re = re.compile(rf"(?:{qual_alt(list(qualifiers))})$", re.IGNORECASE)
    scale_alt, unit_alt, pre_alt = _alt(list(scales)), _alt([*units, *suffix]), _alt(list(prefix))
    tail = rf"(?:[ \u00a0]?(?P<scale>{scale_alt})(?![\w]))?(?:[ \u00a0]?(?P<unit>{unit_alt})(?![\w]))?"
    pre = rf"(?P<pre>\\?(?:{pre_alt}))?[ \u00a0]?"
    # Look-ahead guard, a superset of how a match can begin: a currency prefix (at most 6
    # characters with its backslash, then an optional space) or an optional space, then the
    # number. It spares the prefix alternation at almost every position of running text.
    pre_first = "".join(sorted({re.escape(w[0]) for w in prefix}))
    num_first = r"[+\-\u2212.\d]"
    word_first = "".join(sorted({w[0] for w in [*word_units, "half", "hundred", *big]}))
    any_first = rf"(?:{num_first}|(?<![\w-])[{word_first}])"

    def guard(first: str) -> str:
        return rf"(?=[\\{pre_first}][^\n]{{0,6}}?{first}|[ \u00a0]?{first})"

    regex = re.compile(
        rf"{guard(any_first)}{pre}(?P<num>(?<![\w.,]){_NUMERIC}(?![\d])|(?<![\w-]){word_num}(?![\w-])){tail}",
        re.IGNORECASE,
    )
    # most text spells no number out: a digits-only grammar is several times faster there
    digits_only = re.compile(rf"{guard(num_first)}{pre}(?P<num>(?<![\w.,]){_NUMERIC}(?![\d])){tail}", re.IGNORECASE)
    spelled = guarded(rf"\b(?:hundred|{_alt(big)})\b", re.IGNORECASE)
    # every match of `regex` has its number start (a digit at most two characters in, or the first
    # number word, which is followed by a space, a hyphen or no word character) at one of these
    anchor = re.compile(rf"\d|(?<![\w-])(?:half|{w_alt})(?!\w)", re.IGNORECASE)
    # a kept digits-only match has a prefix before its number (then an optional space, sign, point and
    # a digit) or a unit after its last digit (past an optional scale word); the rest are bare numbers
    kept_hint = re.compile(
        rf"(?:{pre_alt})[ \u00a0]?[+\-\u2212]?\.?\d"
        rf"|\d(?:[ \u00a0]?(?:{scale_alt})(?![\w]))?[ \u00a0]?(?:{unit_alt})(?![\w])",
        re.IGNORECASE,
    )
    hdr_cur = {**prefix, **suffix}
    twins = _twins(regex, digits_only, spelled, qual_re, anchor, kept_hint)
    return _Grammar(
        regex=regex,
        digits_only=digits_only,
        spelled=spelled,
        qual=qual_re,
        prefix=prefix,
        suffix=suffix,
        scales=scales,
        symbol_only=frozenset(s.lower() for s in raw["symbol_only_scales"]),
        units=units,
        qualifiers=qualifiers,
        word_units=word_units,
        header_currency=re.compile(
            rf"(?:(?<![A-Za-z])(?:{_alt([w for w in hdr_cur if w[0].isalpha()])})(?![A-Za-z])"
            rf"|{_alt([w for w in hdr_cur if not w[0].isalpha()])})",
            re.IGNORECASE,
        ),
        header_scale=re.compile(
            rf"(?<![A-Za-z])(?:{_alt([s for s in scales if s not in raw['symbol_only_scales']])})(?![A-Za-z])",
            re.IGNORECASE,
        ),
        header_unit=re.compile(
            rf"(?:(?<![A-Za-z])(?:{_alt([u for u in units if u[0].isalpha()])})(?![A-Za-z])"
            rf"|{_alt([u for u in units if not u[0].isalpha()])})",
            re.IGNORECASE,
        ),
        ambiguous={k.lower(): tuple(v) for k, v in (raw.get("ambiguous_prefix") or {}).items()},
        anchor=anchor,
        kept_hint=kept_hint,
        # backslash, currency prefix, space, sign, decimal point
        digit_reach=1 + max(len(w) for w in prefix) + 3,
        twins=twins,
        spelled_words=None if twins is None else required_substrings(twins[2]),
    )


def _twins(*patterns: re.Pattern[str]) -> _Six | None:
    twins = [caseless_twin(p) for p in patterns]
    if any(t is None for t in twins):
        return None
    ta, tb, tc, td, te, tf = twins
    return ta, tb, tc, td, te, tf  # type: ignore[return-value]


def parse_number(text: str) -> float | None:
    """A written number ('1,519,500', '−6.9', '+27.1', '≈237') as a float, else None.

    Used for table cells, which carry their unit in the header.
    """
    s = text.strip().replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "")
    s = s.lstrip("≈~").strip()
    if not s or s in {"-", "–", "—"}:
        return None
    s = s.rstrip("%").strip()
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def _word_value(text: str, g: _Grammar) -> float | None:
    """'eight hundred thousand' -> 800000; 'a million' -> 1e6; a lone 'a' is no number."""
    words = [w for w in _WORD_SPLIT.split(text.lower()) if w and w != "and"]
    if not words or (len(words) == 1 and (words[0] in {"a", "an"} or words[0] in g.scales or words[0] == "hundred")):
        return None  # a lone "a", or a bare scale word ("in million tonnes", a unit not a figure)
    total, current, i = 0.0, 0.0, 0
    if words[:1] == ["half"]:
        current, i = 0.5, 2
        if len(words) <= 2:
            return None
    for w in words[i:]:
        if w == "hundred":
            current = (current or 1) * 100
        elif w in g.scales:
            total += (current or 1) * g.scales[w]
            current = 0.0
        elif w in g.word_units:
            if w in {"a", "an"} and current:
                return None
            current += g.word_units[w]
        else:
            return None
    return total + current


def scale_of(text: str) -> float:
    """Multiplier of the first scale word in a table header ('US$ bn' -> 1e9), else 1."""
    g = _grammar()
    m = g.header_scale.search(text)
    return g.scales[_key(m.group(0))] if m else 1.0


def currency_of(text: str) -> str | None:
    """ISO 4217 code named in a header or phrase ('Turnover, CNY trn' -> 'CNY')."""
    g = _grammar()
    m = g.header_currency.search(text)
    if not m:
        return None
    w = m.group(0).lower()
    return g.prefix.get(w) or g.suffix.get(w)


def header_unit(text: str) -> tuple[str | None, float]:
    """(unit, multiplier) a table header gives its cells: 'Turnover, US$ bn' -> ('USD', 1e9),
    'Mln tonnes' -> ('t', 1e6), 'y/y, %' -> ('percent', 1)."""
    g = _grammar()
    cur = currency_of(text)
    scale = scale_of(text)
    if cur:
        return cur, scale
    m = g.header_unit.search(text)
    if m:
        unit, mult = g.units[_key(m.group(0))]
        return unit, mult * scale
    return None, scale


def _digit_matches(g: _Grammar, text: str, digits_only: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`digits_only.finditer(text)`, jumping from digit to digit instead of trying every position."""
    return _anchored_matches(g, text, digits_only, _DIGIT)


def _anchored_matches(g: _Grammar, text: str, rx: re.Pattern[str], anchor: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)`, jumping from anchor to anchor instead of trying every position.

    Every match of `rx` holds an anchor match (its first digit; for `regex`, also its first number
    word) at most `g.digit_reach` characters after its start, so the next match at or after `pos`
    cannot start before (the first anchor at or after `pos`) - reach. Why: the full grammar may
    start a number at almost any word; a full attempt at each costs far more than the anchor scan.
    """
    pos = 0
    while (a := anchor.search(text, pos)) is not None:
        m = rx.search(text, max(pos, a.start() - g.digit_reach))
        if m is None:
            return
        yield m
        pos = m.end()


def _group(m: re.Match[str], text: str, name: str) -> str | None:
    """A group's text read from `text` (m may be a match of its lower-cased copy); None if it did not take part."""
    s, e = m.span(name)
    return None if s < 0 else text[s:e]


def find_quantities(text: str) -> list[Quantity]:
    """Every money, mass, container, volume or percent quantity in `text`, in order."""
    return find_quantities_folded(text, folded(text))


def find_quantities_folded(text: str, low: str | None) -> list[Quantity]:
    """`find_quantities(text)` for a caller that has `low = folded(text)` already (None: not foldable)."""
    g = _grammar()
    out: list[Quantity] = []
    # on lower-cased text with the case-sensitive twins when that is exact (several times faster);
    # the matches' offsets are the same, and group texts are read from `text` itself
    words = None
    if low is not None and g.twins is not None:
        src, (regex, digits_only, spelled, qual, anchor, kept_hint), words = low, g.twins, g.spelled_words
    else:
        src, regex, digits_only, spelled, qual = text, g.regex, g.digits_only, g.spelled, g.qual
        anchor, kept_hint = g.anchor, g.kept_hint
    # a spelled-out scale word holds one of `words`: most text has none, and `in` is faster than the search
    if (words is None or contains_any(src, words)) and spelled.search(src):  # may be spelled out: full grammar
        matches = _anchored_matches(g, src, regex, anchor)
    elif kept_hint.search(src) is None:
        return out  # only bare numbers (years, counts): none would be kept
    else:
        matches = _anchored_matches(g, src, digits_only, _DIGIT)
    for m in matches:
        pre, unit_w = _group(m, text, "pre"), _group(m, text, "unit")
        if not unit_w and not pre:
            continue
        num_s, scale_w = text[m.start("num") : m.end("num")], _group(m, text, "scale")
        at = m.start("num")
        if not (pre or scale_w) and _YEAR.fullmatch(num_s) and _SPAN_OF_YEARS_BEFORE.search(text, max(0, at - 8), at):
            continue
        value = _word_value(num_s, g) if num_s[0].isalpha() or num_s.startswith("half") else parse_number(num_s)
        if value is None:
            continue
        unit: str | None = None
        alt: tuple[str, ...] = ()
        mult = 1.0
        if pre:
            unit = g.prefix.get(_key(pre.lstrip("\\")))
            amb = g.ambiguous.get(_key(pre.lstrip("\\")))
            if amb:
                unit, alt = amb[0], amb[1:]
        if scale_w:
            sw = _key(scale_w)
            if sw in g.symbol_only and not pre:
                # "5 m" / "3 b" without a currency symbol: not a scale; maybe it was the unit ("5 t")
                continue
            mult = g.scales[sw]
        end = m.end()
        if unit_w:
            uw = _key(unit_w)
            if uw in g.units:
                u, umult = g.units[uw]
                if unit is not None:  # "$5 %" or "$5 tonnes": the symbol belongs to the number
                    end = m.end("scale") if scale_w else m.end("num")
                elif u == "percent" and scale_w:
                    continue
                else:
                    unit, mult = u, mult * umult
            else:
                cur = g.suffix[uw]
                if unit is None:
                    unit = cur
                elif cur in alt:  # "¥2 trillion yen": the word settles the symbol
                    unit, alt = cur, ()
                elif cur != unit and uw not in {"dollars", "dollar"}:
                    end = m.end("scale") if scale_w else m.end("num")
        elif scale_w and not pre:
            continue
        if unit is None:
            continue
        if num_s[0].isalpha() and unit == "percent":
            continue
        start = m.start("pre") if pre else m.start("num")
        qm = qual.search(src, max(0, start - 24), start)
        qualifier = "exact"
        if qm:
            key = _SPACES.sub(" ", text[qm.start() : qm.end()].strip().lower())
            qualifier = g.qualifiers.get(key, "exact")
        if pre and pre.startswith("\\"):
            start += 1
        out.append(
            Quantity(
                start=start,
                end=end,
                value=value * mult,
                unit=unit,
                qualifier=qualifier,
                value_text=text[start:end],
                alt_units=alt,
            )
        )
    return out
