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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

KINDS = ("state", "adjective", "capital", "historical", "service", "company", "subnational")


@dataclass(frozen=True)
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


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Load data/countries.yaml once and compile the scanner."""
    raw = yaml.safe_load(resources.files("eurasia_etl.data").joinpath("countries.yaml").read_text("utf-8"))
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
    pre = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    first = sorted({w[0] for w in words} | {p[0] for p in prefixes})
    guard = "".join(re.escape(c) for c in first)
    pattern = (
        rf"(?=[{guard}])(?<![\w$@#])"
        rf"(?:(?P<w>{_trie_regex(words)})|(?P<pre>{pre})(?=\s?[{_DASH}]\s?[A-Z]))"
        r"(?![\w$@])"
    )
    return _Gazetteer(re.compile(pattern), entries, lower, frozenset(raw.get("caps_words") or []))


def find_countries(text: str, include_ambiguous: bool = False) -> list[CountryMatch]:
    """Non-overlapping country mentions in order, longest match first.

    "Sino-Russian" and "Russia–DPRK" give one match per side. Place names that
    merely contain a country name ("South China Sea", "Korean Peninsula") and
    currencies ("US dollar") are consumed and not reported. Ambiguous forms
    (bare "Korea"/"Korean", "Georgia") are reported only with include_ambiguous.
    """
    g = _gazetteer()
    out: list[CountryMatch] = []
    for m in g.regex.finditer(text):
        w = m.group("w")
        if w is None:
            e = g.entries[f"{m.group('pre')}-prefix"]
        else:
            e = g.entries.get(w)  # exact surface: the common case, no normalisation needed
            if e is None:
                e = g.entries.get(_norm(w))
                if e is None:
                    continue
        if e.iso3 is None or (e.ambiguous and not include_ambiguous):
            continue
        if w in g.caps_words and _in_caps_text(text, m.start(), m.end()):
            continue
        out.append(CountryMatch(m.start(), m.end(), e.iso3, m.group(0), e.kind, e.ambiguous))
    return out


_CAPS_WORD = re.compile(r"[A-Z]{2,}")


def _in_caps_text(text: str, start: int, end: int) -> bool:
    """Is the match surrounded by ALL-CAPS words (a headline), where "PLAN" is just a word?"""
    before = text[max(0, start - 20) : start].split()
    after = text[end : end + 20].split()
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
