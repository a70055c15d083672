"""Find mentions of states in text and map them to ISO 3166-1 alpha-3 codes.

Every extractor needs to know which countries a sentence names: parties of an
agreement, participants of an exercise, reporter/partner of a trade figure.
The knowledge lives in data/countries.yaml (names, adjectives, capitals,
historical states, armed services, companies, subnational units); this module
compiles it once into a single trie-shaped regex so a scan is one pass over
the text, longest match first, case-sensitive ("US" is not "us", "PLAN" is
not "plan").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from eurasia_etl.grammar.guard import merged_matches, skipping
from eurasia_etl.knowledge import load_yaml

KINDS = ("state", "adjective", "capital", "historical", "service", "company", "subnational")


# Not frozen, for speed: see facts.PartialDate (never mutated, hashed as before).
@dataclass(unsafe_hash=True)
class CountryMatch:
    start: int  # offsets into the string searched
    end: int
    iso3: str
    surface: str  # as written
    kind: str  # "state" | "adjective" | "capital" | "historical" | "service" | "company" | "subnational"
    ambiguous: bool = False  # e.g. bare "Korea"/"Korean", "Georgia": reported only on request


@dataclass(frozen=True)
class _Entry:
    iso3: str | None  # None: blocked phrase (consumed, never reported)
    kind: str
    ambiguous: bool


_APOS = "'’`ʼ"
_DASH = "-‐‑‒–—"


def _norm(s: str) -> str:
    """Canonical key of a surface form: one space, ASCII apostrophe and hyphen."""
    s = re.sub(r"\s+", " ", s.strip())
    s = re.sub(f"[{_APOS}]", "'", s)
    return re.sub(f"\\s?[{_DASH}]\\s?", "-", s)


def _char_re(c: str) -> str:
    if c == " ":
        return r"\s+"
    if c == "'":
        return f"[{_APOS}]"
    if c == "-":
        return f"\\s?[{_DASH}]\\s?"
    return re.escape(c)


def _trie_regex(words: list[str]) -> str:
    """One regex for many literal words, shaped as a trie so matching stays fast.

    Alternatives are ordered so that, at every node, continuing is tried before
    stopping: the regex finds the longest listed word at a position.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [_char_re(c) + build(child) for c, child in sorted(node.items()) if c != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(trie)


def _variants(form: str, kind: str, lower_tail_kinds: set[str]) -> set[str]:
    out = {form}
    if len(form) >= 4 and not form.isupper():
        out.add(form.upper())  # headlines: "RUSSIA-DPRK COOPERATION"
    words = form.split(" ")
    if kind in lower_tail_kinds and len(words) > 1:
        out.add(" ".join([words[0]] + [w if w.isupper() else w.lower() for w in words[1:]]))
    return out


@dataclass(frozen=True)
class _Gazetteer:
    regex: re.Pattern[str]
    entries: dict[str, _Entry]
    lower: dict[str, str]  # lower-cased key -> ISO3, for iso3_of
    caps_words: frozenset[str]
    # `regex` without the few entries that start with a lower-case letter ("soviet", "mainland China"):
    # those letters would make the scan try a match at most positions of running text (see _matches)
    common: re.Pattern[str]
    rare_cues: tuple[str, ...]  # the leading literal of each such entry ("mainland"): where one can match


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Load data/countries.yaml once and compile the scanner."""
    raw = load_yaml("countries.yaml")
    lower_tail = set(raw.get("lowercase_tail_kinds") or [])
    ambiguous = {_norm(a) for a in raw.get("ambiguous") or []}
    entries: dict[str, _Entry] = {}
    lower: dict[str, str] = {}
    for iso3, kinds in raw["countries"].items():
        for kind, forms in (kinds or {}).items():
            if kind not in KINDS:
                raise ValueError(f"countries.yaml: unknown kind {kind!r} for {iso3}")
            for form in forms or []:
                if not isinstance(form, str):  # YAML 1.1 reads unquoted No/On/yes as booleans
                    raise ValueError(f"countries.yaml: {iso3}/{kind}: non-string entry {form!r}; quote it")
                form = _norm(form)
                if form.lower().startswith("the "):
                    form = form[4:]
                amb = form in ambiguous
                for v in _variants(form, kind, lower_tail):
                    key = _norm(v)
                    entries.setdefault(key, _Entry(iso3, kind, amb))
                lower.setdefault(form.lower(), iso3)
        lower.setdefault(iso3.lower(), iso3)
    for form in raw.get("blocked") or []:
        for v in _variants(_norm(str(form)), "blocked", set()):
            entries[_norm(v)] = _Entry(None, "blocked", False)
    words = sorted(entries, key=len, reverse=True)
    prefixes = raw.get("prefixes") or {}
    for p, iso3 in prefixes.items():
        entries[f"{p}-prefix"] = _Entry(iso3, "adjective", False)
    rare = [w for w in words if w[0].islower()]
    assert not any(p[0].islower() for p in prefixes), "_matches: only entries may start in lower case"
    return _Gazetteer(
        _scanner(words, prefixes),
        entries,
        lower,
        frozenset(raw.get("caps_words") or []),
        common=_scanner([w for w in words if not w[0].islower()], prefixes),
        rare_cues=tuple(sorted({re.split(r"[ '-]", w)[0] for w in rare})),
    )


def _scanner(words: list[str], prefixes: dict[str, str | None]) -> re.Pattern[str]:
    """The scanner regex for these trie words (longest first) and "Sino"-style prefixes."""
    pre = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    first = sorted({w[0] for w in words} | {p[0] for p in prefixes})
    guard = "".join(re.escape(c) for c in first)
    pattern = (
        rf"(?=[{guard}])(?<![\w$@#])"
        rf"(?:(?P<w>{_trie_regex(words)})|(?P<pre>{pre})(?=\s?[{_DASH}]\s?[A-Z]))"
        r"(?![\w$@])"
    )
    regex = skipping(pattern)  # re skips to a possible first character (grammar.guard)
    assert regex.groupindex == {"w": 1, "pre": 2}, "scan() reads the groups by number"
    return regex


def _matches(g: _Gazetteer, text: str) -> Iterable[re.Match[str]]:
    """The matches of `g.regex.finditer(text)`, found by the faster `g.common` where that is the same.

    Exact: the two regexes differ only in the trie branches of lower-case first letters, so at any
    other position they match the same, `g.common` nowhere else, and `g.regex` at a lower-case letter
    only where a rare entry's leading literal stands (`g.rare_cues`, found by `str.find`).
    """
    rare: list[re.Match[str]] = []
    for cue in g.rare_cues:  # loops written out: this runs for every document and span scanned
        at = text.find(cue)
        while at >= 0:
            if (m := g.regex.match(text, at)) is not None:
                rare.append(m)
            at = text.find(cue, at + 1)
    if not rare:
        return g.common.finditer(text)
    rare.sort(key=lambda m: m.start())  # a place two cues share gives the same match twice: merged once
    return merged_matches(g.common, rare, text)


# One regex match of the scanner: start, end, entry (None: a surface with no entry), the trie word
# (None: a "Sino-"-style prefix). Kept raw so one scan of a document can serve its substrings.
Hit = tuple[int, int, _Entry | None, str | None]


def scan(text: str) -> list[Hit]:
    """Every match of the scanner in `text`, reported or not (blocked, ambiguous, unknown)."""
    g = _gazetteer()
    entries = g.entries
    out: list[Hit] = []
    for m in _matches(g, text):
        w = m.group(1)  # the trie word ("w"), or None for a prefix (group 2, "pre")
        e: _Entry | None
        if w is None:
            e = entries[f"{m.group(2)}-prefix"]
        else:
            e = entries.get(w)  # exact surface: the common case, no normalisation needed
            if e is None:
                e = entries.get(_norm(w))
        s, end = m.span()
        out.append((s, end, e, w))
    return out


def report(
    hits: list[Hit], text: str, lo: int = 0, hi: int | None = None, include_ambiguous: bool = False
) -> list[CountryMatch]:
    """The mentions `find_countries(text[lo:hi])` reports, from the hits of a scan of that span
    (`hits` in `text` offsets; the matches come out relative to `lo`)."""
    g = _gazetteer()
    hi = len(text) if hi is None else hi
    out: list[CountryMatch] = []
    for start, end, e, w in hits:
        if e is None or e.iso3 is None or (e.ambiguous and not include_ambiguous):
            continue
        if w in g.caps_words and _in_caps_text(text, start, end, lo, hi):
            continue
        out.append(CountryMatch(start - lo, end - lo, e.iso3, text[start:end], e.kind, e.ambiguous))
    return out


def report_tuples(
    hits: list[Hit], text: str, caps: Callable[[int, int], bool] | None = None
) -> list[tuple[int, int, str, str]]:
    """(start, end, iso3, kind) of what `report(hits, text)` reports, without building matches.

    `caps(start, end)` says whether a caps word ("PLAN") stands in all-caps text, when `text` is
    not the text the caller means by that."""
    g = _gazetteer()
    out: list[tuple[int, int, str, str]] = []
    for start, end, e, w in hits:
        if e is None or e.iso3 is None or e.ambiguous:
            continue
        if w in g.caps_words and (caps(start, end) if caps else _in_caps_text(text, start, end)):
            continue
        out.append((start, end, e.iso3, e.kind))
    return out


def find_countries(text: str, include_ambiguous: bool = False) -> list[CountryMatch]:
    """Non-overlapping country mentions in order, longest match first.

    "Sino-Russian" and "Russia–DPRK" give one match per side. Place names that
    merely contain a country name ("South China Sea", "Korean Peninsula") and
    currencies ("US dollar") are consumed and not reported. Ambiguous forms
    (bare "Korea"/"Korean", "Georgia") are reported only with include_ambiguous.
    """
    return report(scan(text), text, include_ambiguous=include_ambiguous)


_PREFIX_REACH = 4  # characters the look-ahead after a "Sino"-style prefix reads: \s?[-–]\s?[A-Z]


def _edges_safe(text: str, lo: int, hi: int) -> bool:
    """No word character right before or after text[lo:hi] that the scanner's look-arounds would read.

    (`str.isalnum` of one character is exactly what the regex engine calls a word character, with "_".)"""
    if lo > 0:
        c = text[lo - 1]
        if c.isalnum() or c in "_$@#":
            return False
    if hi < len(text):
        c = text[hi]
        if c.isalnum() or c in "_$@":
            return False
    return True


def _end_within(hits: list[Hit], i: int, lo: int, hi: int) -> int | None:
    """With hits[i] the first hit starting at or after `lo`: the index after the last hit inside
    [lo, hi), or None when a hit crosses an edge or a prefix's look-ahead reaches past `hi`."""
    if i > 0 and hits[i - 1][1] > lo:
        return None
    j = i
    n = len(hits)
    while j < n and hits[j][0] < hi:
        end = hits[j][1]
        if end > hi or (hits[j][3] is None and end + _PREFIX_REACH > hi):
            return None
        j += 1
    return j


def hits_within(hits: list[Hit], starts: list[int], text: str, lo: int, hi: int) -> list[Hit] | None:
    """The hits `scan(text[lo:hi])` would give (in `text` offsets), read off `hits = scan(text)`.

    `starts` are the hits' start offsets. A span's own scan can differ from the whole text's only
    where the regex reads across its edges: a match crossing an edge, a word character right
    before or after the span (the look-behind/-ahead), or a prefix whose look-ahead reaches past
    the end. Then None: the caller scans the span itself.
    """
    if not _edges_safe(text, lo, hi):
        return None
    i = bisect_left(starts, lo)
    j = _end_within(hits, i, lo, hi)
    return None if j is None else hits[i:j]


_start = itemgetter(0)


def hits_within_each(hits: list[Hit], text: str, spans: list[tuple[int, int]]) -> list[list[Hit] | None]:
    """`hits_within` for many spans at once, in one walk (spans in document order)."""
    out: list[list[Hit] | None] = []
    i = 0
    for lo, hi in spans:
        i = bisect_left(hits, lo, i, key=_start)  # the first hit at or after lo (hits are in text order)
        j = _end_within(hits, i, lo, hi) if _edges_safe(text, lo, hi) else None
        out.append(None if j is None else hits[i:j])
    return out


def report_isos(hits: list[Hit], caps: Callable[[int, int], bool]) -> list[str]:
    """ISO3 of what `report` reports for these hits; `caps(start, end)` says whether a caps word
    ("PLAN") stands in all-caps text (asked only of caps words)."""
    caps_words = _gazetteer().caps_words
    return [
        e.iso3
        for start, end, e, w in hits
        if e is not None and e.iso3 is not None and not e.ambiguous and not (w in caps_words and caps(start, end))
    ]


_CAPS_WORD = re.compile(r"[A-Z]{2,}")


def in_caps_text(text: str, start: int, end: int) -> bool:
    """Public face of `_in_caps_text` for callers that join texts themselves."""
    return _in_caps_text(text, start, end)


def _in_caps_text(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
    """Is the match surrounded by ALL-CAPS words (a headline), where "PLAN" is just a word?

    Only text[lo:hi] counts as context (the span that was searched)."""
    hi = len(text) if hi is None else hi
    before = text[max(lo, start - 20) : start].split()
    after = text[end : min(hi, end + 20)].split()
    near = before[-1:] + after[:1]
    return bool(near) and all(_CAPS_WORD.match(w.strip("-–—,.:;()")) for w in near)


def iso3_of(name: str) -> str | None:
    """ISO3 of one name, alias, adjective or ISO3 code ("Soviet" -> "RUS"), else None."""
    g = _gazetteer()
    key = _norm(name)
    e = g.entries.get(key)
    if e is not None:
        return e.iso3
    low = key.lower()
    if low.startswith("the "):
        low = low[4:]
    if low.endswith("'s"):
        low = low[:-2]
    return g.lower.get(low)
