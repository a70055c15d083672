"""Rule-based extraction of agreements (treaties, statements, contracts ...) from one document.

The extractor works mention by mention and merges at the end, because a document
usually names an instrument once with its date and place and then refers back to
it ("the treaty", "it", "the partnership treaty") when it is ratified or when its
content is described. Steps:

1. find *mentions*: a type word from data/agreements.yaml ("treaty", "joint
   statement", "contract", ...) plus the name around it: a capitalised prefix
   ("Moscow Declaration"), a tail ("of Aigun", "on cooperation in the field of
   electric power", a quoted title), or nothing (a bare "agreement");
2. decide whether a mention states an instrument that came into being: named
   instruments do; descriptive and bare ones need a non-negated signing verb
   ("signed", "concluded", "struck", "came to") or a list introduced by one;
   definite bare mentions ("the treaty", "it") are anaphora of an earlier row;
3. read dates, place, parties and topics from the mention's clause, dates split
   into signing and ratification by the nearest cue word;
4. merge mentions of one instrument (similar distinctive name words, compatible
   year, parties and day) into one row, the prose beating a heading's date.

Vocabulary lives in data/agreements.yaml; countries come from grammar.countries.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TypeVar

from eurasia_etl.extract.context import JOIN, DocContext, for_document
from eurasia_etl.facts import Agreement, Evidence, PartialDate
from eurasia_etl.grammar.countries import CountryMatch, find_countries
from eurasia_etl.grammar.dates import weekday_names
from eurasia_etl.grammar.guard import (
    Caseless,
    WordStart,
    alternation,
    caseless_twin,
    folded,
    guarded,
    required_substrings,
    skipping,
)
from eurasia_etl.knowledge import load_yaml
from eurasia_etl.segment import Segment

EXTRACTOR = "agreement-rules/1"

_T = TypeVar("_T")

# --------------------------------------------------------------------------- vocabulary


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

# Words that end a name tail: auxiliaries, relative pronouns, common finite verbs.
_TAIL_STOP = _wordset(
    """
    is was were are be been being has have had will would shall should can could may might must which
    that who whom whose when while where whereas because although though if unless since as after before
    during until by with without under against among amid per via from it its he she they them their his
    her we our this these those there here also then thus however but or nor not no never only signed
    sign signs signing concluded concludes conclude adopted adopts adopt approved approves struck
    strikes inked inks issued issues released releases reached reaches ratified ratifies agreed agrees
    secured obtained entered enters came comes ceased ceases expired expires lapsed contains contained
    provides provided obliges obliged allows allowed covers covered set opens opened gives gave
    remains remained states stated says said  called includes included requires required moved
    moves fixed fixes confirmed confirms handed hands went goes took takes made makes laid lays marked
    replaced replaces raised raises paved turned led following followed whereby
    """
)
_ED_OK = _wordset(
    """
    related based united armed advanced liquefied renewed combined limited detailed integrated unified
    coordinated
    """
)
_CONNECT = _wordset(
    """
    of on the and for in to between about regarding concerning de la a an at
    """
)
_DETERMINERS = _wordset(
    """
    the this that these those its their said such
    """
)
_INDEF = _wordset(
    """
    a an one another two three four five several new further
    """
)
_WORD = guarded(r"[“”\"«»]|[A-Za-z0-9À-ÿ][\w'’\-–./]*[\w]|[A-Za-z0-9]|[,;:()–—\-.]")
_YEAR_TOKEN = guarded(r"^(?:1[6-9]|20)\d\d(?:[-–/](?:1[6-9]|20)?\d\d)?$")
_CITATION = guarded(r"\([A-Z][^()]{0,80}?,?\s(?:1[5-9]|20)\d\d[a-z]?(?:[,;][^()]{0,40})?\)|\[\d+(?:[,–-]\s?\d+)*\]")


@dataclass(frozen=True)
class _Vocab:
    types: dict[str, str]
    type_re: re.Pattern[str]
    strip_re: re.Pattern[str]  # type_re without the words that are instruments only in a title
    titled_only: frozenset[str]
    type_ci: Caseless
    type_scan: WordStart  # type_ci, from the character before each match
    needs_qualifier: frozenset[str]
    qualifiers: frozenset[str]
    sign_re: re.Pattern[str]
    sign_cue_re: re.Pattern[str]
    ratify_re: re.Pattern[str]
    sign_ci: Caseless
    sign_scan: WordStart  # sign_ci, from the character before each match
    sign_cue_ci: Caseless
    ratify_ci: Caseless
    neg_re: re.Pattern[str]
    neg_ci: Caseless
    inherit: dict[str, re.Pattern[str]]
    inherit_ci: dict[str, Caseless]  # the same, to test once per sentence whether a cue can occur in it
    persons_re: re.Pattern[str]
    persons_ci: Caseless
    persons_scan: WordStart  # persons_ci, from the character before each match
    capital_person: re.Pattern[str]  # where persons_re matches at a capital A-Z (see _capital_persons)
    persons: dict[str, str]
    topics: list[tuple[str, re.Pattern[str]]]
    topic_words: dict[str, str]  # topic -> alternation of its words
    default_topics: dict[str, list[str]]
    name_by_topic: dict[str, str]
    prefilter: re.Pattern[str]
    prefilter_ci: Caseless
    prefilter_scan: WordStart  # prefilter_ci, from the character before each match
    prefilter_bare: re.Pattern[bytes]  # see _prefilter_starts
    needs_verb: frozenset[str]
    strict_sign_re: re.Pattern[str]
    talks_re: re.Pattern[str]
    negotiating_re: re.Pattern[str]
    alias_re: re.Pattern[str]
    pending_re: re.Pattern[str]
    event_place_re: re.Pattern[str]
    place_headers: frozenset[str]
    party_phrases: list[tuple[re.Pattern[str], frozenset[str]]]
    party_phrase_re: re.Pattern[str]  # any of party_phrases (their union)
    party_phrase_ci: Caseless
    referral_re: re.Pattern[str]
    referral_ci: Caseless
    negotiating_ci: Caseless
    object_verb_re: re.Pattern[str]  # verbs that sign only the instrument right after them ("added a")
    route_re: re.Pattern[str]  # "across" right before a country: a route, not a party
    subject_re: re.Pattern[str]  # "the two governments" / "both companies" as the subject of "agreed to"
    revision_re: re.Pattern[str]  # "a revised version of" right before an anaphor: a new instrument
    coordinated_re: re.Pattern[str]  # a verbless clause that adds a further instrument ("..., and in 2020 a")


def _search_in(ci: Caseless, text: str, low: str | None, pos: int, endpos: int) -> re.Match[str] | None:
    """`ci.rx.search(text, pos, endpos)` (offsets only), by its caseless twin on `low` (`folded(text)`) when
    it has one: the twin finds the same at every position, so within the same bounds too."""
    if low is None or ci.twin is None:
        return ci.rx.search(text, pos, endpos)
    return ci.twin.search(low, pos, endpos)


def _alt(words: list[str], escape: bool = True) -> str:
    return alternation(words, escape=escape, flexible_space=escape)


def _gated(ci: Caseless, cues: list[str], escape: bool) -> Caseless:
    """`ci`, the case-insensitive union of `cues` (`_alt(cues, escape)`), told the strings one of which each
    match holds when it has no such list of its own (too many for `required_substrings` of the union): those
    of each cue. Most sentences hold none of them, and a few `in` tests cost less than the scan."""
    if ci.twin is None or ci.required is not None:
        return ci
    strings: set[str] = set()
    for cue in cues:
        got = required_substrings(re.compile(_alt([cue], escape), re.I))
        if got is None:
            return ci
        strings.update(got)
    ci.required = tuple(sorted(r for r in strings if not any(o != r and o in r for o in strings)))
    return ci


# A cheap superset of every cue the extractor reacts to: word stems, no look-arounds. `alternation` groups
# them by first letter: the document scan then tests one letter per group, not one per stem; no two stems
# match at one position, so their order changes no match.
_STEMS = [
    *("treat", "agree", "accord", "conven", "declar", "statem", "communiq", "memorand", r"mous?\b"),
    *("contract", "protocol", "arrang", r"road\s?map", "deal", "pact", "ratif", "into force"),
    *(r"took\s+effect", r"takes?\s+effect", "designat", r"programm?e?s?\b", r"plans?\b", "charter", "allian"),
]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Compile data/agreements.yaml once per process."""
    raw = load_yaml("agreements.yaml")
    types = {k.lower(): v for k, v in raw["types"].items()}
    topic_words = {t: _alt(ws, escape=False) for t, ws in raw["topics"].items()}
    topics = [(t, guarded(rf"(?<![\w-])(?:{alts})(?![\w])", re.I)) for t, alts in topic_words.items()]
    persons = {k.lower(): v for k, v in raw["persons"].items()}
    inherit = {k: guarded(rf"\b(?:{_alt(v)})\b", re.I) for k, v in raw["inherit_cues"].items()}
    persons_body = rf"(?:{_alt(list(raw['persons']))})(?![\w-])"
    persons_re = guarded(rf"(?<![\w-]){persons_body}", re.I)
    persons_ci = Caseless(persons_re)
    by_initial: dict[str, list[str]] = {}
    for name in raw["persons"]:
        if not ("a" <= name[:1] <= "z"):
            raise ValueError(f"agreements.yaml: a person's name starts with a letter a-z: {name!r}")
        by_initial.setdefault(name[0], []).append(_alt([name])[1:])
    capitals = "|".join(f"{c.upper()}(?i:{'|'.join(rest)})" for c, rest in by_initial.items())
    capital_person = skipping(rf"(?<![\w-])(?:{capitals})(?![\w-])")
    type_body = rf"(?:{_alt(list(types))})(?![\w-])"
    type_re = guarded(rf"(?<![\w-]){type_body}", re.I)
    type_ci = Caseless(type_re)
    titled_only = frozenset(w.lower() for w in raw.get("titled_only") or [])
    sign_body = rf"(?:{_alt(raw['signing_verbs'])})(?![\w-])"
    sign_re = guarded(rf"(?<![\w-]){sign_body}", re.I)
    sign_ci = Caseless(sign_re)
    sign_cue_re = guarded(rf"(?<![\w-])(?:{_alt(raw['sign_cues'], escape=False)})(?![\w-])", re.I)
    ratify_re = guarded(rf"(?<![\w-])(?:{_alt(raw['ratify_cues'], escape=False)})(?![\w-])", re.I)
    stems = alternation(_STEMS, escape=False)  # grouped by first letter: see _STEMS
    prefilter_ci = Caseless(guarded(rf"\b(?:{stems})", re.I))
    referral_re = guarded(
        rf"(?<![\w-])(?:{_alt(raw.get('referral_cues') or ['withdrawal from'])})(?![\w-])", re.I)
    # "launch negotiations on a free trade agreement": the instrument is what is negotiated
    negotiating_re = guarded(
        rf"(?<![\w-])(?:{_alt(raw.get('negotiation_cues') or ['negotiations on'], escape=False)})"
        r"\s+(?:[\w'’-]+\s+){0,3}$", re.I)
    neg_re = guarded(rf"(?<![\w-])(?:{_alt(raw['negations'])})(?![\w-])", re.I)
    phrases = raw.get("party_phrases") or {}
    # one scan for "does any phrase occur": the phrases share their look-arounds, so the union matches
    # somewhere exactly when one of them does
    party_phrase_re = guarded(
        rf"(?<![\w-])(?:{'|'.join(f'(?:{k})' for k in phrases) or '(?!)'})(?![\w-])", re.I)
    return _Vocab(
        types=types,
        type_re=type_re,
        strip_re=guarded(rf"(?<![\w-])(?:{_alt([t for t in types if t not in titled_only])})(?![\w-])", re.I),
        titled_only=titled_only,
        type_ci=type_ci,
        type_scan=WordStart(type_ci, r"(?<![\w-])", type_body),
        needs_qualifier=frozenset(raw["needs_qualifier"]),
        qualifiers=frozenset(q.lower() for q in raw["qualifiers"]),
        sign_re=sign_re,
        sign_cue_re=sign_cue_re,
        ratify_re=ratify_re,
        sign_ci=sign_ci,
        sign_scan=WordStart(sign_ci, r"(?<![\w-])", sign_body),
        sign_cue_ci=Caseless(sign_cue_re),
        ratify_ci=_gated(Caseless(ratify_re), raw["ratify_cues"], escape=False),
        neg_re=neg_re,
        neg_ci=Caseless(neg_re),
        inherit=inherit,
        inherit_ci={k: Caseless(rx) for k, rx in inherit.items()},
        persons_re=persons_re,
        persons_ci=persons_ci,
        persons_scan=WordStart(persons_ci, r"(?<![\w-])", persons_body),
        capital_person=capital_person,
        persons=persons,
        topics=topics,
        topic_words=topic_words,
        default_topics=raw.get("default_topics") or {},
        name_by_topic=raw.get("unnamed_name_by_topic") or {},
        prefilter=prefilter_ci.rx,
        prefilter_ci=prefilter_ci,
        prefilter_scan=WordStart(prefilter_ci, r"\b", f"(?:{stems})"),
        prefilter_bare=re.compile(f" (?=(?:{stems}))".encode("ascii")),
        needs_verb=frozenset(w.lower() for w in raw.get("needs_verb") or []),
        strict_sign_re=guarded(rf"(?<![\w-])(?:{_alt(raw.get('strict_signing_verbs') or ['signed'])})(?![\w-])",
                               re.I),
        talks_re=guarded(rf"\s+(?:{_alt(raw.get('talks_nouns') or ['talks'])})\b", re.I),
        negotiating_re=negotiating_re,
        # ", usually called the Basic Agreement": the cue, then a determiner, right before a mention
        # "known in Korea as", "referred to in most textbooks as": a cue may carry a short "in ..." phrase
        alias_re=guarded(rf"(?<![\w-])(?:(?:{_alt(raw.get('alias_cues') or ['known as'])})"
                         rf"|(?:{_alt(raw.get('alias_verbs') or ['known'])})\s+(?:in|to|by|among)\s+"
                         r"(?:[\w'’-]+\s+){1,5}?as)\s+(?:the\s+|an?\s+)?[\"“]?$", re.I),
        pending_re=guarded(
            r"(?:\s+(?:is|was|are|were|has\s+been|have\s+been|had\s+been|remains?|remained)\s+|\s*,\s*)"
            r"(?:still\s+|now\s+)?"
            rf"(?:{_alt(raw.get('pending_cues') or ['under negotiation'])})\b", re.I),
        event_place_re=guarded(
            r"\b(?:[Aa]t|[Dd]uring)\s+the\s+((?:(?:St|Ste|Saint)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+"
            rf"(?:{_alt(raw.get('event_nouns') or ['summit'])})\b"
        ),
        place_headers=frozenset(h.lower() for h in raw.get("place_headers") or []),
        party_phrases=[(guarded(rf"(?<![\w-])(?:{k})(?![\w-])", re.I), frozenset(v))
                       for k, v in phrases.items()],
        party_phrase_re=party_phrase_re,
        party_phrase_ci=Caseless(party_phrase_re),
        referral_re=referral_re,
        referral_ci=Caseless(referral_re),
        negotiating_ci=Caseless(negotiating_re),
        object_verb_re=guarded(rf"(?<![\w-])(?:{_alt(raw.get('object_verbs') or ['added'])})\s+"
                               r"(?:an?|the|another|one|their|its|two|three)?\s*$", re.I),
        route_re=guarded(rf"(?<![\w-])(?:{_alt(raw.get('route_prepositions') or ['across'])})\s+(?:the\s+)?$", re.I),
        subject_re=guarded(
            rf"\b(?:two|both)\s+(?:{_alt(raw['agreeing_subjects'])})\b"
            rf"|\bthe\s+(?:{_alt(raw['agreeing_subjects_definite'])})\b", re.I),
        revision_re=guarded(rf"(?<![\w-])({_alt(raw.get('revision_cues') or ['revised'])})\s+"
                            r"(?:(?:version|edition|text)\s+of\s+)?(?:the|its|their)?\s*$", re.I),
        # ", and in August 2020 a": a coordinator, at most a short date phrase, a determiner, then the mention
        coordinated_re=guarded(
            rf"\s*(?:{_alt(raw.get('coordinators') or ['and'])})\s+"
            r"(?:(?:in|on|by|from)\s+[^,;:()]{0,24}?\d{4}\s*,?\s+)?(?:an?|the|another|one)?\s*", re.I),
    )


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class _Date:
    start: int  # offsets in the segment text
    end: int
    date: PartialDate | None  # None: month/day without a resolvable year
    month: int | None = None
    day: int | None = None


_D_DMY = guarded(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE}),?\s+((?:1[5-9]|20)\d\d)\b")
_D_MDY = guarded(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:1[5-9]|20)\d\d)\b")
_D_ISO = guarded(r"\b((?:1[5-9]|20)\d\d)-(\d\d)-(\d\d)\b")
_D_MY = guarded(rf"\b({_MONTH_RE}),?\s+((?:1[5-9]|20)\d\d)\b")
_D_Y = guarded(r"(?<![\w$£€.,-])((?:1[5-9]|20)\d\d)(?:s\b|(?![\w%]|[.,]\d|\s?(?:km|tonnes|tons|billion|million)))")
_D_DM = guarded(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})(?![\w])")
_D_MD = guarded(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\d)")
_D_M = guarded(rf"\b(?:in|since|from|by|of|early|late|mid-?)\s+({_MONTH_RE})(?![\w])")
_DIGIT = guarded(r"\d")
_MONTH_START = guarded(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # how every _MONTH_RE name begins
_DAY_AFTER = guarded(r"\s+\d{1,2}\b")


def _month(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


def _find_dates(text: str) -> list[_Date]:
    """Dates in a segment at stated precision; month/day without a year are kept unresolved.

    Private on purpose: agreements need the year-less "6 November" / "June 1" kept
    apart (resolved from the surrounding sentence, never from the publication date),
    decades ("the 1980s") dropped, and citation years ignored.
    """
    out: list[_Date] = []
    taken: list[tuple[int, int]] = []

    def take(s: int, e: int) -> bool:
        """Whether text[s:e] overlaps no date (or citation) taken before; taken now if not. A date is only
        built once its span is free: most spans a later pattern finds are inside one taken already."""
        if all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
            return True
        return False

    # every pattern but _D_M needs a digit, and all but the numeric ones a month name
    has_digit = _DIGIT.search(text) is not None
    has_month = _MONTH_START.search(text) is not None
    if not has_digit:
        if has_month:
            for m in _D_M.finditer(text):
                if take(m.start(1), m.end(1)):
                    out.append(_Date(m.start(1), m.end(1), None, _month(m.group(1))))
        return out
    # a citation needs its bracket, an ISO date its hyphen
    for m in _CITATION.finditer(text) if _may_cite(text) else ():
        taken.append(m.span())
    for m in _D_ISO.finditer(text) if "-" in text else ():
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31 and take(m.start(), m.end()):
            out.append(_Date(m.start(), m.end(), PartialDate(y, mo, d)))
    for m in _D_DMY.finditer(text) if has_month else ():
        if take(m.start(), m.end()):
            out.append(_Date(m.start(), m.end(), PartialDate(int(m.group(3)), _month(m.group(2)), int(m.group(1)))))
    for m in _D_MDY.finditer(text) if has_month else ():
        if take(m.start(), m.end()):
            out.append(_Date(m.start(), m.end(), PartialDate(int(m.group(3)), _month(m.group(1)), int(m.group(2)))))
    for m in _D_MY.finditer(text) if has_month else ():
        if take(m.start(), m.end()):
            out.append(_Date(m.start(), m.end(), PartialDate(int(m.group(2)), _month(m.group(1)))))
    for m in _D_Y.finditer(text):
        if m.group(0).endswith("s"):
            taken.append(m.span())  # a decade is not a date of signing
            continue
        if take(m.start(), m.end()):
            out.append(_Date(m.start(), m.end(), PartialDate(int(m.group(1)))))
    if has_month:
        for m in _D_DM.finditer(text):
            if take(m.start(), m.end()):
                out.append(_Date(m.start(), m.end(), None, _month(m.group(2)), int(m.group(1))))
        for m in _D_MD.finditer(text):
            if m.group(1).lower().rstrip(".") == "may" and not _DAY_AFTER.match(text, m.end(1)):
                continue
            if take(m.start(1), m.end()):
                out.append(_Date(m.start(1), m.end(), None, _month(m.group(1)), int(m.group(2))))
        for m in _D_M.finditer(text):
            if take(m.start(1), m.end(1)):
                out.append(_Date(m.start(1), m.end(1), None, _month(m.group(1))))
    out.sort(key=lambda d: d.start)
    return out


def _may_cite(text: str) -> bool:
    """Whether `_CITATION` can match in a text: every match starts with "(" or "["."""
    return "(" in text or "[" in text


def _resolve(d: _Date, year: int | None) -> PartialDate | None:
    if d.date is not None:
        return d.date
    if year is None or d.month is None:
        return None
    return PartialDate(year, d.month, d.day)


# --------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    seg_index: int
    start: int  # segment offsets of the whole mention (determiner .. end of name)
    end: int
    type_start: int
    type_end: int
    type: str
    name: str
    kind: str  # "named" | "descriptive" | "bare"
    anaphoric: bool = False
    plural: bool = False
    name_explicit: bool = True
    heading: bool = False
    window: tuple[int, int] = (0, 0)
    signed: PartialDate | None = None
    signed_explicit: bool = False
    ratified: list[PartialDate] = field(default_factory=list)
    place: str | None = None
    parties: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    has_verb: bool = False
    inherit: str | None = None
    group: int | None = None  # enumerated siblings share date, place and parties
    name_end: int = -1  # dates before this offset belong to the name ("roadmap for 2021-2025")
    purpose: bool = False  # "agreement to open a consulate in Harbin": places after it are its content
    needs_verb: bool = False  # "programme", "charter": an instrument only as the object of a signing verb
    pair_parties: frozenset[str] = frozenset()  # "Japan–Korea Treaty": the two states its name pairs


class _Tokens:
    """The first `limit` word tokens from `pos` on, (start, end, word), tokenised only as far as read:
    a name tail usually ends within a few words."""

    __slots__ = ("_it", "_toks")

    def __init__(self, text: str, pos: int, limit: int) -> None:
        self._it = islice(_WORD.finditer(text, pos), limit)
        self._toks: list[tuple[int, int, str]] = []

    def has(self, i: int) -> bool:
        """Whether there is a token i."""
        toks = self._toks
        if i < len(toks):
            return True
        for m in self._it:
            toks.append((m.start(), m.end(), m.group(0)))
            if i < len(toks):
                return True
        return False

    def __getitem__(self, i: int) -> tuple[int, int, str]:
        self.has(i)
        return self._toks[i]

    def upto(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Tokens a .. b-1 (fewer at the end)."""
        self.has(b - 1)
        return self._toks[a:b]


def _is_date_word(w: str) -> bool:
    return w.lower().rstrip(".") in _MONTHS and w[:1].isupper() or _is_year_token(w)


def _is_year_token(w: str) -> bool:
    """`_YEAR_TOKEN.match(w)`, asked only of a word starting as every match does (with "1" or "2")."""
    return w[:1] in ("1", "2") and _YEAR_TOKEN.match(w) is not None


_TAIL_PREP = guarded(r"\s+(of|on|about|between|for|regarding|concerning|to|in the field of)\s+")


@lru_cache(maxsize=4096)
def _name_countries(name: str) -> tuple[CountryMatch, ...]:
    """`find_countries` of a name or a few words before a type word (short, and the same ones recur)."""
    return tuple(find_countries(name))


def _tail(text: str, pos: int) -> tuple[int, bool] | None:
    """End offset of a name tail starting at `pos` ("of Aigun", "on trade and navigation"), and
    whether it is capitalised (a proper title) - or None when no tail starts here."""
    m = _TAIL_PREP.match(text, pos) or _GERUND.match(text, pos)
    if not m:
        return None
    prep = m.group(1)
    toks = _Tokens(text, m.end(), 40)
    if not toks.has(0):
        return None
    first = toks[0][2]
    if prep == "to" and not (first.islower() and first not in _CONNECT and first not in _TAIL_STOP):
        return None  # "agreement to build ..." yes, "agreement to the treaty" no
    if first.lower() in _TAIL_STOP or _is_date_word(first) or first in ",;:()." or _WEEKDAY.match(first):
        return None
    # the first content word of four decides, only after "of" / "on"
    capital = prep in ("of", "on") and next(
        (w for _, _, w in toks.upto(0, 4) if w.lower() not in _CONNECT and w not in "“”\"«»"), "")[:1].isupper()
    end = pos
    words = 0
    i = 0
    prev = prep
    while toks.has(i):
        s, e, w = toks[i]
        lw = w.lower()
        if w in "“”\"«»":
            i += 1
            continue
        if w in ";:()." or w in ("–", "—", "-"):
            break
        if w == ",":
            nxt = toks[i + 1][2] if toks.has(i + 1) else ""
            if not nxt or nxt.lower() in _TAIL_STOP or nxt.lower() in _DETERMINERS | {"a", "an", "in", "at", "on"}:
                break
            if _is_date_word(nxt) or nxt[:1].isdigit():
                break
            if capital and nxt[:1].isupper():
                i += 1
                continue
            ahead = [t[2].lower() for t in toks.upto(i + 1, i + 6)]
            if "and" in ahead and all(a not in (",", ";", ".") for a in ahead[: ahead.index("and")]):
                k = ahead.index("and")
                if not any(a in _vocab().types for a in ahead[k + 1 : k + 4]):
                    i += 1
                    continue  # ", and a memorandum on ...": the next instrument, not more of this name
            break
        if lw in _TAIL_STOP:
            break
        if _is_year_token(w):
            nxt = toks[i + 1][2] if toks.has(i + 1) else ""
            if prev in ("for", "until", "till", "through", "to") or (
                    prev == "the" and nxt.isalpha() and nxt.islower() and nxt not in _TAIL_STOP | _CONNECT):
                # "roadmap for 2021-2025", "protocol amending the 2014 text": the year is part of the name
                end = e
                prev = lw
                i += 1
                words += 1
                continue
            break
        if lw.rstrip(".") in _MONTHS and w[:1].isupper() and lw not in ("may",):
            break
        if lw in ("in", "at", "on") and toks.has(i + 1):
            nxt = toks[i + 1][2]
            if (nxt[:1].isupper() and not (capital and lw == "on")) or _is_date_word(nxt) or nxt[:1].isdigit():
                break
        if capital and w[:1].islower() and lw not in _CONNECT:
            break
        if not capital and lw.endswith("ed") and lw not in _ED_OK and len(lw) > 4:
            break
        if w.isdigit():
            break
        if lw not in _CONNECT:
            end = e
        elif lw in ("the", "a", "an") or lw in _CONNECT:
            pass
        prev = lw
        words += 1
        if words >= 16:
            break
        i += 1
    if end == pos:
        return None
    if prep == "between" and _parties_only(text[pos:end]):
        return None  # "treaty between Russia and China": parties, not a name
    return end, capital


def _parties_only(rest: str) -> bool:
    """Whether a tail ("between Russia and China", "of the Russian Federation and Mongolia") only names
    states."""
    found = find_countries(rest)
    if not found:
        return False
    for c in found:
        rest = rest.replace(c.surface, " ")
    rest = re.sub(r"\b(?:the|and|of|between|empire|dynasty|court)\b", " ", rest, flags=re.I)
    return not rest.strip()


_MODIFIERS = _wordset(
    """
    additional complementary supplementary partnership cooperation transit supply currency swap
    friendship peace boundary security economic military energy trade border gas oil framework final
    joint bilateral intergovernmental inter-governmental trilateral press
    """
)
_GERUND = guarded(r"\s+(?=((?!following|including|according|signing|being|having|during)[a-z]{3,}ing)\s)")
_PLURAL_OF = guarded(
    r"\s+(of|on)\s+((?:[A-Z][\w'’-]+)(?:\s*\(\s*\d{4}\s*\))?(?:\s*,\s*[A-Z][\w'’-]+(?:\s*\(\s*\d{4}\s*\))?)*"
    r",?\s+and\s+[A-Z][\w'’-]+(?:\s*\(\s*\d{4}\s*\))?)"
)
_TRANSIT_AS = guarded(
    r"\b([A-Z][\w-]+)\s+as\s+an?\s+(?:[\w-]+\s+){0,2}?transit\s+(?:port|point|hub|centre|center)\b"
)
_PROJECT = guarded(r"\b((?:[A-Z][\w-]+\s+)(?:of\s+)?(?:[A-Z][\w-]+\s+)*?)(?:\d\s+)?(?:gas\s+|oil\s+)?pipeline\b")


_PAIR_KINDS = frozenset({"state", "adjective", "historical", "company"})
_DASH = guarded(r"\s*[–—-]\s*")


def _pair(prefix: str) -> str | None:
    """'Russia–North Korea', 'Soviet–Japanese', 'Rosneft–CNPC' at the start of a name prefix: the pair of
    parties the instrument is named after (two different states joined by a dash)."""
    if "–" not in prefix and "-" not in prefix and "—" not in prefix:
        return None
    p = _pair_countries(prefix)
    return prefix[p[0].start : p[1].end] if p else None


@lru_cache(maxsize=1024)
def _nationality(word: str) -> bool:
    """Whether a word is only a state's name or adjective ("Korean", "Soviet"), bare "Korea" included."""
    cs = find_countries(word, include_ambiguous=True)
    return len(cs) == 1 and cs[0].start == 0 and cs[0].end == len(word) and cs[0].kind in ("adjective", "state")


@lru_cache(maxsize=1024)
def _pair_countries(prefix: str) -> tuple[CountryMatch, CountryMatch] | None:
    """The two states of a dashed pair in a name prefix; a bare "Korea" counts here ("Japan–Korea Treaty":
    a treaty named after two parties names the Korean state)."""
    cs = [c for c in find_countries(prefix, include_ambiguous=True) if c.kind in _PAIR_KINDS]
    for a, b in zip(cs, cs[1:], strict=False):
        if a.iso3 != b.iso3 and _DASH.fullmatch(prefix, a.end, b.start):
            return a, b
    return None


def _singular(word: str) -> str:
    low = word.lower()
    w = (word[:-3] + "y" if low.endswith("ies") else word[:-1] if low.endswith("s")
         else word[:-1] + "um" if low.endswith("memoranda") else word)
    return w[:1].upper() + w[1:]


# The name around a type word: the words before it ...
_PREFIX_WORD = guarded(r"[\w'’\-–.]+|[“”\"]")
_SENTENCE_START = guarded(r"(?:^|[.!?:]\s+)[*_\"“]*$")  # as _at_sentence_start reads it
_ONLY_MARKUP = guarded(r"[*_\"“\s]*")
_DETERMINER_BEFORE = guarded(
    r"\b([Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Ss]uch|[Aa]n?|[Aa]ny|[Nn]o)"
    r"\s+(?:[\w'’\"-]+\s+){0,2}$"
)
_POSSESSIVE_BEFORE = guarded(r"([\w]+['’]s)\s+$")


def _possessive_before(s: str) -> bool:
    r"""Whether `_POSSESSIVE_BEFORE.search(s)` finds something ("Russia's "), read off the end of `s`: the
    search backtracks through every word of it. White space to the end (`\s` is str.isspace), before it
    "'s" or "’s", and before that a word character (`\w` is str.isalnum or "_")."""
    t = s.rstrip()
    return len(t) < len(s) and len(t) > 2 and t[-2:] in ("'s", "’s") and (t[-3].isalnum() or t[-3] == "_")
# ... and after it: a quoted title, or a tail after "was signed on" / "in 1993 to"
# "the joint statement “X”" or, in apposition, "the leaders' joint statement, “X,” committed ..."
_QUOTED_TITLE = guarded(r"\s*[“\"«]([^”\"»]{3,160}?)[,.]?[”\"»]")
_QUOTED_APPOSITION = guarded(r",\s*[“\"«]([A-Z][^”\"»]{2,160}?)(?:,[”\"»]|[”\"»]\s*,)")
_SIGNED_ON = guarded(
    r"\s+(?:was|were|has been|had been|is|are)\s+(?:also\s+)?(?:signed|concluded|reached|adopted)"
    r"(?=\s+(?:on|about|regarding|concerning)\s)"
)
# "a contract with the Russo-Chinese Bank for the construction of ...": the other party, then what it is for
_WITH_PARTY = guarded(
    r"\s+with\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4}?(?=\s+for\s+(?!the\s+(?:first|second|"
    r"third|last|next)\b|(?:[\w-]+\s+)?(?:years?|months?|decades?|days?|weeks?)\b))"
)
_DATED_TO = guarded(r"\s+(?:in|on)\s+[^,;.]{0,25}?\d{4}(?=\s+to\s+[a-z])")
# "a memorandum on Tuesday on building ...": a day is when it was signed, never what it is about
_WEEKDAYS = rf"(?:{'|'.join(weekday_names())})"
_ON_WEEKDAY = guarded(rf"\s+on\s+{_WEEKDAYS}(?:,?\s+\d{{1,2}}\s+{_MONTH_RE}(?:,?\s+\d{{4}})?)?(?=[\s,])")
_WEEKDAY = guarded(rf"{_WEEKDAYS}$")
_OF_PARTIES_ON = guarded(r"\s+(?:on|about|regarding|concerning)\s")
_SPACES = guarded(r"\s+")
_QUOTES = guarded(r"[“”\"«»]")


def _single_spaced(match: str) -> str:
    """`_SPACES.sub(" ", match)` for the text of a match that starts and ends with a letter (a type word, a
    name): its white space is all inside, where split/join does the same, several times faster."""
    return " ".join(match.split())


def _prefix(text: str, end: int, qualifiers: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, word) of the capitalised words and modifiers right before a type word at `end`
    ("Moscow Declaration", "joint statement"), from the words of the 80 characters before it.

    The words are read from the end and a name is short, so the last 32 characters are tokenised first;
    only their first word can differ from a tokenisation of all 80 (it may be cut), so they do unless
    the name reaches back to that word."""
    lo = max(0, end - 80)
    short = max(lo, end - 32)
    got = _read_prefix(text, end, list(_PREFIX_WORD.finditer(text, short, end)), qualifiers, short > lo)
    if got is None:
        got = _read_prefix(text, end, list(_PREFIX_WORD.finditer(text, lo, end)), qualifiers, False) or []
    return got


def _read_prefix(
    text: str, end: int, words: list[re.Match[str]], qualifiers: frozenset[str], cut: bool
) -> list[tuple[int, str]] | None:
    """`_prefix` from these words, None when it would read the first of them (or there is none) and the
    words may begin with a cut one."""
    if cut and not words:
        return None
    prefix: list[tuple[int, str]] = []
    for k in range(len(words) - 1, -1, -1):
        if k == 0 and cut:
            return None
        pm = words[k]
        w = pm.group(0)
        lw = w.lower()
        off = pm.start()
        if not prefix and text[off + len(w) : end].strip():
            break
        if prefix and text[off + len(w) : prefix[0][0]].strip():
            break
        if w in "“”\"" or lw in _DETERMINERS or lw in _INDEF or lw in ("a", "an", "any", "no"):
            break
        if w[:1].isupper() and lw.rstrip(".") not in _MONTHS and lw not in ("in", "on", "at", "the", "by"):
            prefix.insert(0, (off, w))
            continue
        if lw in qualifiers or lw in _MODIFIERS:
            prefix.insert(0, (off, w))
            if lw.endswith("ed"):
                break  # "Rosneft signed contracts": a participle ends the name, its subject is not in it
            continue
        break
    return prefix


def _at_sentence_start(s: str) -> bool:
    """`_SENTENCE_START.search(s)`, read off the end of `s` instead of tried at every position: `s` is only
    markup, or ends in one of ".!?:", white space and markup (either before a final newline, as `$` allows)."""
    return _ends_at_sentence_start(s) or (s.endswith("\n") and _ends_at_sentence_start(s[:-1]))


def _ends_at_sentence_start(s: str) -> bool:
    t = s.rstrip('*_"“')
    if not t:
        return True
    u = t.rstrip()  # the white space `\s` matches (str.isspace)
    return len(u) < len(t) and u[-1:] in (".", "!", "?", ":")


def _find_mentions(seg_index: int, text: str, kind: str, low: str | None) -> list[_Mention]:
    """Every type word of the vocabulary in a segment, with the name around it (`low`: `folded(text)`)."""
    v = _vocab()
    out: list[_Mention] = []
    for m in v.type_scan.matches(text, low):
        word = text[m.start() : m.end()]
        key = word.lower()
        if not key.isalpha():  # (a word of letters only has no white space to normalise)
            key = _single_spaced(key)
        typ = v.types[key]
        plural = (key.endswith("s") and key not in ("mous",)) or key == "memoranda"
        if v.talks_re.match(text, m.end()):
            continue  # "peace treaty talks": negotiations, not an instrument
        # prefix: capitalised words / modifiers right before the type word ("Moscow Declaration"),
        # read from the last 80 characters
        prefix = _prefix(text, m.start(), v.qualifiers)
        pstart = prefix[0][0] if prefix else m.start()
        near = max(0, pstart - 80)  # look-behinds only need the last few words
        initial = pstart == 0 or _at_sentence_start(text[near:pstart]) and (
            near == 0 or not _ONLY_MARKUP.fullmatch(text[near:pstart]))
        words = [w for _, w in prefix]
        if words and initial and (words[0].lower() in _MODIFIERS or words[0].lower() in v.qualifiers
                                  or words[0] in ("The", "A", "An", "This", "That")
                                  or (word[:1].islower() and not _name_countries(words[0]))):
            words[0] = words[0].lower()
        if words and words[0] in ("the", "a", "an", "this", "that"):
            words = words[1:]
            pstart = m.start() if not words else text.index(words[0], pstart)
        ctry = [c for c in _name_countries(" ".join(words)) if c.kind in ("state", "adjective", "historical")]
        proper = [
            w for w in words
            if w[:1].isupper() and not any(c.surface in w or w in c.surface for c in ctry)
        ]
        lower = [w for w in words if not w[:1].isupper()]
        pair = _pair(text[pstart : m.start()]) if words else None
        titled = word[:1].isupper() and bool(proper or pair) and not initial  # "the Irkutsk Statement"
        if key in v.titled_only and not (titled and not v.type_ci.rx.match(text, m.end() + 1)):
            continue  # "the Anglo-Japanese Alliance" is an instrument, "the alliance" or "alliance treaty" not
        if (key in v.needs_qualifier and not titled
                and not ({w.lower() for w in words} & (v.qualifiers | {"partnership"}))):
            continue
        det_m = _DETERMINER_BEFORE.search(text[near:pstart])
        det = det_m.group(1).lower() if det_m else ""
        if not det_m:
            det = "'s" if _possessive_before(text[near:pstart]) else ""
        start = near + det_m.start(1) if det_m else pstart
        end = m.end()
        name_end = m.end()
        tail_text = ""
        capital_tail = False
        # (patterns read after the type word by offset, not on a copy of the rest: none looks behind)
        quoted = _QUOTED_TITLE.match(text, m.end())
        if quoted is None and not proper and not pair:
            quoted = _QUOTED_APPOSITION.match(text, m.end())
        plural_parts = _PLURAL_OF.match(text, m.end()) if plural and not quoted else None
        if plural_parts:
            prep = plural_parts.group(1)
            base = plural_parts.start(2)
            for pp in re.finditer(r"[A-Z][\w'’-]+", plural_parts.group(2)):
                ps, pe = base + pp.start(), base + pp.end()
                nm = f"{_singular(word)} {prep} {pp.group(0)}"
                out.append(_Mention(seg_index, ps, pe, m.start(), m.end(), typ, nm, "named"))
            continue
        if quoted:
            end = name_end = quoted.end()
            tail_text = quoted.group(1).strip()
            capital_tail = True
        else:
            t = _tail(text, m.end())
            if t is not None and word[:1].isupper() and (proper or pair) and _GERUND.match(text, m.end()):
                t = None  # "the Soviet–Japanese Joint Declaration ending the war": a title, then its content
            if t is None:
                # "an agreement was also signed on the transition to ..." / "an agreement in April 1993 to open ..."
                pm2 = (_SIGNED_ON.match(text, m.end()) or _DATED_TO.match(text, m.end())
                       or _ON_WEEKDAY.match(text, m.end())
                       or _WITH_PARTY.match(text, m.end(), m.end() + 90))
                if pm2:
                    t2 = _tail(text, pm2.end())
                    if t2:
                        tail_text = text[pm2.end() : t2[0]].strip()
                        capital_tail = t2[1]
                        end = t2[0]
            else:
                end = name_end = t[0]
                capital_tail = t[1]
                tail_text = text[m.end():end].strip()
                if tail_text.startswith("of ") and _OF_PARTIES_ON.match(text, end) and _parties_only(tail_text):
                    # "Joint statement of the Russian Federation and Mongolia on X": the parties, then the name
                    t2 = _tail(text, end)
                    if t2 is not None:
                        end = name_end = t2[0]
                        tail_text = text[t[0] : end].strip()
                        capital_tail = True
        # plural prefixes: "the Kiakhta and Aigun treaties"
        if plural and not tail_text and proper:
            pm3 = re.search(r"([A-Z][\w'’-]+)(?:,\s*[A-Z][\w'’-]+)*,?\s+and\s+$", text[max(0, pstart - 60):pstart])
            if pm3:
                names = re.findall(r"[A-Z][\w'’-]+", pm3.group(0)) + proper
                # "the Rosneft and Gazprom contracts": companies and states sign them, they do not name them
                names = [n for n in names
                         if not any(c.kind in ("company", "service", "state", "adjective") for c in _name_countries(n))]
                for n in names:
                    out.append(_Mention(seg_index, start, end, m.start(), m.end(), typ, f"{_singular(word)} of {n}",
                                        "named"))
                continue
        # enumerations: "two joint statements: one on X, the other on Y", also after the clause that signs
        # them ("three accords were signed that week: one on X, ...", "two agreements the ministers
        # concluded in May: on X and on Y")
        if plural and text.find(":", m.end()) >= 0:
            em = _enumeration(text, m.end(), v)
            if em:
                items = _enum_items(em.group(1), text[max(0, pstart - 20):m.start()])
                if items:
                    kind_words = " ".join(lower + [_singular(word).lower()])
                    for part in items:
                        mm = _Mention(seg_index, start, em.end(), m.start(), m.end(), typ,
                                      f"{kind_words} {part.strip()}", "descriptive")
                        mm.group = m.start()
                        out.append(mm)
                    continue
        if plural and proper and not tail_text and not pair and all(_nationality(w) for w in proper):
            continue  # "the Korean treaties": a class of instruments, none of them stated here
        head = " ".join(proper + lower + [word]) if proper else " ".join(lower + [word])
        if pair:
            head = f"{pair} {head}"  # "Russia–North Korea treaty", "Rosneft–CNPC supply contract"
        name = tail_text if quoted else f"{head} {tail_text}"
        # (split/join is `_SPACES.sub(" ", ...)` but for a space at either end, which the strip removes anyway)
        name = " ".join(_QUOTES.sub("", name).split()).strip(" ,")
        sentence_initial = initial and not proper
        if quoted or proper or capital_tail or titled or (word[:1].isupper() and tail_text and
                                               (not sentence_initial or kind == "list_item")):
            mkind = "named"
        elif tail_text or lower or pair:
            mkind = "descriptive"  # "a second Anglo-Japanese agreement": the pair says which
        else:
            mkind = "bare"
        name_explicit = True
        if mkind == "bare" and typ == "arrangement":
            ta = _TRANSIT_AS.search(text)
            if ta:
                name, name_explicit = f"{ta.group(1)} transit port arrangement", False
        if mkind != "named" and not tail_text and typ == "contract":
            pj = _PROJECT.search(text)
            if pj:
                goods = "gas " if re.search(r"\bgas\b", text) else "oil " if re.search(r"\boil\b", text) else ""
                name, name_explicit = f"{pj.group(1).strip()} {goods}supply contract", False
        anaphoric = not plural and mkind != "named" and not tail_text and det in _DETERMINERS | {"'s"}
        mm = _Mention(seg_index, start, end, m.start(), m.end(), typ, name, mkind,
                      anaphoric=anaphoric, plural=plural, name_explicit=name_explicit)
        mm.name_end = name_end
        mm.purpose = tail_text.startswith("to ")
        mm.needs_verb = key in v.needs_verb
        if pair:
            mm.pair_parties = frozenset(c.iso3 for c in _pair_countries(text[pstart : m.start()]) or ())
        out.append(mm)
    return out


_ENUM_REST = guarded(r":\s*(.+)")
_ENUM_STOP = guarded(r"[;]|[.!?](?=\s+[A-Z*])")
_ENUM_ORDINAL = guarded(
    r"(?:^|,\s*|;\s*|\band\s+)(?:one|the other|another|the second|the first|the third)\s+"
    r"((?:on|about|for|regarding|concerning|to)\s+[^,;.]+)"
)
_ENUM_PREP = guarded(r"(?:on|about|regarding|concerning|for)\s")
_ENUM_SPLIT = guarded(r",\s*(?:and\s+)?|\s+and\s+(?=(?:on|about|regarding|concerning|for)\s)")
_ENUM_END = guarded(r"[.;](?:\s|$)")
_NUMBER_BEFORE = guarded(r"\b(two|three|four|five|six|seven|eight)\s+(?:[\w-]+\s+){0,3}$", re.I)


def _enumeration(text: str, pos: int, v: _Vocab) -> re.Match[str] | None:
    """The list after a colon that enumerates the plural instrument ending at `pos`: right after it, or
    after a short clause that signs them ("two agreements were signed that day: one on X, the other on
    Y"). The clause holds no other instrument and no sentence end; match of ':' .. the list's end."""
    colon = text.find(":", pos)
    intro = text[pos:colon]
    if len(intro) > 160 or _ENUM_STOP.search(intro) or v.type_re.search(intro):
        return None
    if len(intro) > 60 or "," in intro:  # a short place or date ("... in Astana:") needs no verb of its own
        x = v.strict_sign_re.search(intro)
        if x is None or _negated(intro, 0, x.start()):
            return None
    return _ENUM_REST.match(text, colon)


def _enum_items(rest: str, before: str) -> list[str]:
    """The instruments a list after a colon names: "one on X, the other on Y" or "on X, on Y and on Z"
    (every item a prepositional phrase). A number before the plural ("four agreements") must agree."""
    items = _ENUM_ORDINAL.findall(rest)
    if len(items) < 2 and _ENUM_PREP.match(rest):
        end = _ENUM_END.search(rest)
        parts = [p.strip() for p in _ENUM_SPLIT.split(rest[: end.start() if end else len(rest)])]
        items = parts if all(_ENUM_PREP.match(p) for p in parts) else []
    if len(items) < 2:
        return []
    nb = _NUMBER_BEFORE.search(before)
    if nb and _NUMBERS[nb.group(1).lower()] != len(items):
        return []
    return items


_AGREED_TO = guarded(r"\b(?:agreed|agree|agrees)\s+to\s+(?=[a-z])")
# "Moscow and Pyongyang agree on how to settle the debt" / "agreed upon the terms of ...": a subject agreed
_AGREED_ON = guarded(
    r"\b(?:agreed|agree|agrees)\s+(on|upon)\s+"
    r"(?=(?:how|the|a|an|terms|new|joint|mutual|[a-z]+ing)\b)(?!the\s+(?:need|importance|necessity|fact)\b)"
)
_DESIGNATED = guarded(
    r"\b(?:designat\w+|approv\w+|authori[sz]\w+(?:\s+the\s+use\s+of)?|open\w*)\s+"
    r"(?:(?:Russia|China)['’]s\s+)?([A-Z][\w-]+)\s+as\s+an?\s+(?:[\w-]+\s+){0,2}?transit\s+"
    r"(port|point|hub|centre|center)\b"
)


# "the Special Measures Agreements (SMA)": a document's own short form of a titled instrument; "the 11th
# SMA" then names one instrument of the series
_ACRONYM_DEF = guarded(r"s?\s+\(([A-Z][A-Za-z]{0,3}[A-Z])\)")
_ORDINAL_ACRONYM = (r"\b(\d{1,2}(?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|"
                    r"[Ss]eventh|[Ee]ighth|[Nn]inth|[Tt]enth|[Ee]leventh|[Tt]welfth)\s+\**(?:ACRONYMS)\b")


def _acronyms(text: str, hits: list[int]) -> dict[str, tuple[str, str]]:
    """Short forms the document defines for titled instruments: acronym -> (title, type)."""
    v = _vocab()
    out: dict[str, tuple[str, str]] = {}
    for h in hits:
        if not text[h : h + 1].isupper():
            continue
        m = v.type_ci.rx.match(text, h)
        if m is None:
            continue
        d = _ACRONYM_DEF.match(text, m.end())
        if d is None:
            continue
        words = [w for _, w in _prefix(text, m.start(), v.qualifiers)]
        while words and not words[0][:1].isupper():
            words = words[1:]
        if not words or not all(w[:1].isupper() for w in words) or len(words) < 2:
            continue  # "Special Measures Agreement": a title of its own words, not "the agreement (SMA)"
        key = _single_spaced(text[m.start() : m.end()].lower())
        typ = v.types.get(key)
        if typ is None or key.endswith("s") and key[:-1] not in v.types:
            continue
        title = " ".join([*words, _singular(text[m.start() : m.end()])])
        out[d.group(1)] = (title, v.types.get(key[:-1], typ) if key.endswith("s") else typ)
    return out


@lru_cache(maxsize=64)
def _ordinal_acronym_re(acronyms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_ORDINAL_ACRONYM.replace("ACRONYMS", "|".join(re.escape(a) for a in acronyms)))


def _acronym_hits(text: str, acronyms: dict[str, tuple[str, str]]) -> list[int]:
    """Where an ordinal short form ("11th SMA") starts: found by the short form, then read backwards."""
    rx = _ordinal_acronym_re(tuple(acronyms))
    out = []
    for a in acronyms:
        p = text.find(a)
        while p >= 0:
            lo = max(0, p - 16)
            m = rx.search(text, lo, p + len(a) + 1)
            if m is not None and m.end() == p + len(a):
                out.append(m.start())
            p = text.find(a, p + len(a))
    return out


def _acronym_mentions(
    seg_index: int, text: str, have: list[_Mention], acronyms: dict[str, tuple[str, str]]
) -> list[_Mention]:
    """'the 11th SMA': one instrument of a series the document named in full ('Special Measures Agreements
    (SMA)'), named '11th Special Measures Agreement (SMA)'."""
    out: list[_Mention] = []
    if not any(a in text for a in acronyms):
        return out
    for m in _ordinal_acronym_re(tuple(acronyms)).finditer(text):
        if any(h.start <= m.start() < h.end for h in have):
            continue
        acr = m.group(0).split()[-1].strip("*")
        title, typ = acronyms[acr]
        name = f"{m.group(1)} {title} ({acr})"
        out.append(_Mention(seg_index, m.start(), m.end(), m.start(), m.end(), typ, name, "named"))
    return out


def _synthetic_mentions(seg_index: int, text: str, have: list[_Mention]) -> list[_Mention]:
    """Agreements stated without a type word: "the two governments agreed to build ...",
    "China designated Vladivostok as a transit port" (the guide's port arrangement)."""
    out: list[_Mention] = []
    if not have and "agree" in text:  # both patterns need it
        for m in _AGREED_TO.finditer(text):
            subj = text[max(0, m.start() - 80) : m.start()]
            if not (_vocab().subject_re.search(subj) or find_countries(subj) or _vocab().persons_re.search(subj)):
                continue
            t = _tail(text, m.end() - 4)
            if t is None or _vocab().talks_re.search(text, m.end() - 1, t[0]):
                continue  # "agreed to accelerate negotiations": a process, not an agreement
            name = "agreement " + text[m.end() - 3 : t[0]].strip()
            out.append(_Mention(seg_index, m.start(), t[0], m.start(), m.end(), "agreement", name, "descriptive",
                                name_explicit=True, has_verb=True))
        for m in _AGREED_ON.finditer(text):
            subj = text[max(0, m.start() - 80) : m.start()]
            if not (_vocab().subject_re.search(subj) or find_countries(subj) or _vocab().persons_re.search(subj)):
                continue
            t = _tail(text, m.start(1) - 1)
            if t is None:
                continue
            name = "agreement " + text[m.start(1) : t[0]].strip()
            out.append(_Mention(seg_index, m.start(), t[0], m.start(), m.end(), "agreement", name, "descriptive",
                                name_explicit=True, has_verb=True))
    for m in _DESIGNATED.finditer(text) if "transit" in text else ():
        if any(h.type == "arrangement" for h in have):
            continue
        name = f"{m.group(1)} transit port arrangement"
        out.append(_Mention(seg_index, m.start(), m.end(), m.start(), m.end(), "arrangement", name, "descriptive",
                            name_explicit=False, has_verb=True))
    return out


# --------------------------------------------------------------------------- per-mention fields


_HARD = guarded(r"[;:]|(?<=[a-z\d)”\"’])[.!?](?=\s+[A-Z*])")


_AND_THE = guarded(r"(?:and|the|and the)\s+")


def _after_comma(text: str, p: int) -> int:
    """Where the words after the comma at `p` begin, past white space and a leading "and"/"the"."""
    q = p + 1
    n = len(text)
    while q < n and text[q].isspace():
        q += 1
    m = _AND_THE.match(text, q)
    return m.end() if m else q


def _clauses(text: str, protect: list[tuple[int, int]], ctry: list[CountryMatch]) -> list[int]:
    """Clause boundary offsets: commas (except in country lists and names), semicolons, colons.

    `ctry`: `find_countries(text)`."""
    cuts = []
    ends = {c.end for c in ctry}
    starts = {c.start for c in ctry}
    p = text.find(",")
    while p >= 0:
        # a country ending right before the comma (or one space before) and one right after it: a list
        if not any(a <= p < b for a, b in protect) and not (
            (p in ends or p - 1 in ends) and _after_comma(text, p) in starts
        ):
            cuts.append(p)
        p = text.find(",", p + 1)
    for m in _HARD.finditer(text):
        if not any(a <= m.start() < b for a, b in protect):
            cuts.append(m.start())
    return sorted(cuts)


_PARTICIPLE = guarded(
    r"(?:which was\s+|that was\s+|later\s+|both\s+|also\s+|then\s+|first\s+)?(?:signed|concluded|adopted|issued|agreed|"
    r"in force|ratified|entered|effective|initialled)\b"
)


def _window(m: _Mention, text: str, cuts: list[int]) -> tuple[int, int]:
    """The clause of a mention, extended over a following participle clause (", signed in ...")."""
    s = max([c + 1 for c in cuts if c < m.start] or [0])
    e = min([c for c in cuts if c >= m.end] or [len(text)])
    v = _vocab()
    while e < len(text) and text[e] == ",":
        nxt = text[e + 1 :].lstrip()
        if _PARTICIPLE.match(nxt) or v.sign_re.match(nxt):
            e2 = min([c for c in cuts if c > e] or [len(text)])
            e = e2
        else:
            break
    return s, e


def _parties(
    text: str, s: int, e: int, exclude: tuple[int, int] | None, ctry: list[CountryMatch]
) -> set[str]:
    """ISO3 codes named in text[s:e]: countries, companies, services and leaders (`ctry`: their
    `find_countries`)."""
    v = _vocab()
    out = set()
    chunk = text[s:e]
    for c in ctry:
        a, b = c.start + s, c.end + s
        if exclude and a >= exclude[0] and b <= exclude[1]:
            continue
        if c.kind in ("state", "historical") and v.route_re.search(text, max(0, a - 12), a):
            continue  # "a pipeline section across Mongolia": a country the route crosses, no signatory
        out.add(c.iso3)
    for ps, pe in v.persons_scan.spans(chunk):
        surface = chunk[ps:pe]
        key = _single_spaced(surface.lower())
        if key in v.persons:
            if key in ("abe", "xi") and not surface[:1].isupper():
                continue
            out.add(v.persons[key])
    return out


def _phrase_parties(text: str) -> set[str]:
    """States named as a set ("the two Koreas", "the Six-Party Talks")."""
    v = _vocab()
    out: set[str] = set()
    if not v.party_phrase_ci.search(text):
        return out  # no phrase at all (most texts): one scan instead of one per phrase
    for rx, isos in v.party_phrases:
        if rx.search(text):
            out |= isos
    return out


@lru_cache(maxsize=4096)
def _name_phrase_parties(name: str) -> frozenset[str]:
    """`_phrase_parties` of an instrument's name (names recur: worked out once each)."""
    return frozenset(_phrase_parties(name))


_CONTEXT_KINDS = frozenset({"state", "adjective", "historical", "company", "service"})
_OWN_KINDS = frozenset({"state", "company", "service"})


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_HOW_MANY = guarded(r"\b(two|three|four|five|six|seven|eight)\s+(?:countries|leaders|sides|parties|nations|states"
                       r"|governments|presidents|ministers|premiers|heads\s+of\s+state|member\s+states|allies)\b", re.I)


_HOW_MANY_CI = Caseless(_HOW_MANY)


def _wanted(seg_text: str) -> int:
    """How many parties the sentence says there are ("the three countries"), else two."""
    m = _HOW_MANY_CI.search(seg_text)
    return _NUMBERS[seg_text[m.start(1) : m.end(1)].lower()] if m else 2


_SegParties = tuple[list[tuple[int, str, str]], list[tuple[int, str]], set[str]]


def _seg_parties(ctx: DocContext, seg: Segment) -> _SegParties:
    """What a segment names that can be a party: (start, iso3, kind) of its countries (its
    `find_countries`, read off the document's scan), (start, iso3) of its leaders, its named sets."""
    v = _vocab()
    ctry = [(c.start, c.iso3, c.kind) for c in ctx.countries(seg.start, seg.end)]
    people = []
    for ps, pe in _capitalised_spans(seg.text):
        surface = seg.text[ps:pe]
        k = _single_spaced(surface.lower())
        if k in v.persons and surface[:1].isupper():
            people.append((ps, v.persons[k]))
    return ctry, people, _phrase_parties(seg.text)


def _context_parties(
    text: str,
    segments: list[Segment],
    si: int,
    have: set[str],
    want: int,
    ctx: DocContext,
    memo: dict[int, _SegParties],
) -> set[str]:
    """Fewer than two parties in the clause: the states of the rest of its sentence, then of the sentences
    just before it in its paragraph ("Kim Jong Un met Vladimir Putin ... Nine months later the two leaders
    signed ..."), nearest first. Capitals are left out: they are where it was signed.

    `memo` (per document) keeps what each segment names: rows of a paragraph read the same sentences."""
    out = set(have)
    j = si  # the rest of its own sentence first, then the sentences before it
    while j >= 0 and si - j <= 3 and len(out) < want:
        seg = segments[j]
        if j < si and (seg.kind == "heading" or "\n\n" in text[seg.end : segments[j + 1].start]):
            break
        kinds = _CONTEXT_KINDS if j < si else _OWN_KINDS  # "today's Mongolian sector" is no party
        got = memo.get(j)
        if got is None:
            got = memo[j] = _seg_parties(ctx, seg)
        ctry, people, phrases = got
        found = [(start, iso) for start, iso, kind in ctry if kind in kinds]
        found += people
        new = [iso for _, iso in sorted(found) if iso not in out]
        phrase = phrases - out
        if phrase and len(out | phrase) >= want:
            return out | phrase
        if new:
            ordered = list(dict.fromkeys(new))
            if len(out) + len(ordered) > want:
                return out if len(out) >= 2 else set(have)  # more states than the gap: it does not say which
            out |= set(ordered)
        j -= 1
    return out if len(out) >= 2 else set(have)


_PLACE = guarded(r"\b(?:[Ii]n|[Aa]t)\s+((?:(?:St|Ste|Saint)\.?\s+)?(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?)")
_VISIT_PLACE = guarded(r"\b(?:visit|trip|flew|travelled|traveled|arrived|came)\s+(?:in)?to\s+([A-Z][\w'’-]+)")
_NOT_PLACE = _wordset(
    """
    the january february march april may june july august september october november december article
    section chapter part
    """
)


def _place(text: str, s: int, e: int, anchors: list[int]) -> tuple[str, tuple[int, int]] | None:
    """Where signed: 'in/at <City>' nearest to the signing verb or date, within the clause."""
    best = None
    # (a word each match holds: without it in the clause the pattern is not searched)
    for rx, penalty, needs in ((_PLACE, 0, ""), (_VISIT_PLACE, 25, "to"), (_vocab().event_place_re, 10, "the")):
        if needs and text.find(needs, s, e) < 0:
            continue
        for m in rx.finditer(text, s, e):
            name = m.group(1)
            if rx is not _PLACE and rx is not _VISIT_PLACE:
                # "the St Petersburg International Economic Forum": the city the event's name starts with
                lead = _name_countries(name)
                if not lead or lead[0].start != 0 or lead[0].kind not in ("capital", "subnational"):
                    continue
                name = lead[0].surface
            first = name.split()[0]
            if first.lower() in _NOT_PLACE or _is_date_word(first):
                continue
            cs = _name_countries(name)
            if cs and cs[0].kind in ("state", "adjective", "historical", "service", "company"):
                continue
            if not cs and not name[:1].isupper():
                continue
            if cs:
                name = name[: cs[0].end] if cs[0].start == 0 else name
            elif len(name.split()) > 1 and name.split()[1].lower() in _NOT_PLACE:
                name = first  # two capitalised words only if they form one name ("New York")
            dist = min((abs(m.start() - a) for a in anchors), default=999) + penalty
            if dist > 90:
                continue
            if best is None or dist < best[0]:
                best = (dist, name, (m.start(1), m.start(1) + len(name)))
    return (best[1], best[2]) if best else None


_NUCLEAR = guarded(r"nuclear\s+(?:energy|power)", re.I)
_NUCLEAR_SUB = guarded(r"nuclear\s+(energy|power)", re.I)
_NUCLEAR_CI = Caseless(_NUCLEAR)


@lru_cache(maxsize=512)
def _topic_union(mask: int) -> tuple[re.Pattern[str], re.Pattern[str] | None, dict[int, int]]:
    """One pattern for the topics in `mask` (bit i: the i-th topic): their patterns share the
    word-boundary look-arounds, so `(?<!..)(?:A|B)(?!..)` matches where `(?<!..)A(?!..)` or
    `(?<!..)B(?!..)` would. Also its caseless twin and the topic bit of each branch's group."""
    words = list(_vocab().topic_words.values())
    bits = [i for i in range(len(words)) if mask >> i & 1]
    branches = "|".join(f"(?P<t{i}>{words[i]})" for i in bits)
    union = guarded(rf"(?<![\w-])(?:{branches})(?![\w])", re.I)
    return union, caseless_twin(union), {union.groupindex[f"t{i}"]: i for i in bits}


def _cell_place(seg: Segment) -> str | None:
    """A table row's 'Signed in' / 'Place' cell."""
    if not seg.header or not seg.cells or len(seg.header) != len(seg.cells):
        return None
    heads = _vocab().place_headers
    for h, (a, b) in zip(seg.header, seg.cells, strict=True):
        if h.strip(" *_:").lower() in heads:
            cell = seg.text[a - seg.start : b - seg.start].strip(" *_")
            if cell[:1].isupper() and len(cell.split()) <= 4 and not _is_date_word(cell.split()[0]):
                return cell
    return None


def _topics(text: str) -> set[str]:
    """The topics whose pattern matches somewhere in `text`.

    One scan for all topics instead of a search per topic: a branch that matches is a topic
    present; a topic hidden behind another's match shows when the ones still missing are scanned
    for again, until a scan finds none of them (then none is present). Such a match starts within
    one of the matches of the scan before (it tried every other position for all the topics still
    missing), so the scans after the first try only those positions."""
    masked = text
    low = folded(masked)
    # "nuclear energy" is about nuclear, not energy
    if _NUCLEAR_CI.search(masked, low):
        masked = _NUCLEAR_SUB.sub("nuclear", masked)
        low = folded(masked)
    names = _topic_names()
    remaining = (1 << len(names)) - 1
    found = 0
    spans: list[tuple[int, int]] | None = None  # the previous scan's matches (None: scan everything)
    while remaining:
        union, twin, bit_of = _topic_union(remaining)
        rx, s = (twin, low) if low is not None and twin is not None else (union, masked)
        matches = rx.finditer(s) if spans is None else _matches_within(rx, s, spans)
        new = 0
        spans = []
        for m in matches:
            new |= 1 << bit_of[m.lastindex]  # type: ignore[index]
            spans.append(m.span())
        if not new:
            break
        found |= new
        remaining &= ~new
    return {names[i] for i in range(found.bit_length()) if found >> i & 1}


@lru_cache(maxsize=1)
def _topic_names() -> tuple[str, ...]:
    """The topics in the order of their bits in `_topic_union`'s masks."""
    return tuple(_vocab().topic_words)


_NOT_WORDISH = re.compile(r"[^\w-]")


def _matches_within(rx: re.Pattern[str], s: str, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    r"""The matches of `rx.finditer(s)` when each can only start within one of `spans` (in order, disjoint):
    tried at those positions only, with finditer's rule that a match starts where the previous one ended
    or later. `rx` starts with `(?<![\w-])`: positions after a word character or a hyphen are skipped
    unasked (`\w` is `str.isalnum` or "_"), as the look-behind would reject them."""
    end = 0
    for a, b in spans:
        p = max(a, end)
        while p < b:
            if p == 0 or not (s[p - 1].isalnum() or s[p - 1] in "_-"):
                m = rx.match(s, p)
                if m is not None:
                    yield m
                    end = p = max(m.end(), p + 1)  # (a topic word is never empty)
                    continue
            after = _NOT_WORDISH.search(s, p, b - 1)  # the next position the look-behind allows follows it
            if after is None:
                break
            p = after.end()


# "..., but it was never signed": the sentence itself takes the instrument back
_NEVER_AFTER = guarded(
    r"[^.;!?]{0,160}?\b(?:but|and|though|although|yet|which|that)\s+(?:it|this|that|they|the\s+[\w-]+)?\s*"
    r"(?:was|were|has|have|had|is|are)\s+(?:still\s+)?(?:never|not|yet to be)\s+(?:been\s+|be\s+)?"
    r"(?:signed|concluded|finali[sz]ed|agreed|adopted|ratified|approved)\b"
)


def _governed(text: str, m: _Mention) -> bool:
    """A non-negated strict signing verb close to the mention in its clause ("signed a programme",
    "the Charter ... was adopted", "plan signed by the two ministries")."""
    ws, we = m.window
    end = max(m.end, m.name_end)
    # "the charter that turned it into the CSTO followed ..., signed by": a relative clause puts it further
    lo, hi = max(ws, m.type_start - 60), min(we, end + (200 if _RELATIVE.match(text, end) else 60))
    for x in _vocab().strict_sign_re.finditer(text, lo, hi):
        if m.type_start <= x.start() < m.type_end:
            continue
        if not _negated(text, ws, x.start()):
            return True
    return False


_MEMBERS = guarded(r"\b(?:member[- ](?:states|countries|nations)|founding\s+(?:members|states|countries))\b")


def _members(text: str) -> set[str]:
    """States listed as members of an organisation whose founding document is signed ("the six member
    states - China, Russia, Kazakhstan ... - "): all of them are parties. Cheap: one substring test first."""
    if "member" not in text and "founding" not in text:
        return set()
    mm = _MEMBERS.search(text)
    if not mm:
        return set()
    rest = text[mm.end() : mm.end() + 200]
    cs = [c for c in find_countries(rest) if c.kind in ("state", "historical")]
    if len(cs) < 2 or cs[0].start > 40:
        return set()
    out, prev = set(), cs[0].start
    for c in cs:
        if not re.fullmatch(r"[\s,;:()—–-]*(?:and\s+)?(?:the\s+)?", rest[prev:c.start]) and c is not cs[0]:
            break  # the list ends where other words begin
        out.add(c.iso3)
        prev = c.end
    return out if len(out) >= 2 else set()


_NEG_WORD = guarded(r"[\w'’]+")


def _negated(text: str, s: int, pos: int) -> bool:
    """A negation or irrealis cue in the few words before `pos` (within its clause)."""
    # only the last 8 words count: read off the last stretch when it holds more (its first may be cut)
    lo = max(s, pos - 120)
    words = _NEG_WORD.findall(text[lo:pos])
    if lo > s and len(words) <= 8:
        words = _NEG_WORD.findall(text[s:pos])
    words = words[-8:]
    chunk = " ".join(words)
    if _vocab().neg_ci.search(chunk):
        return True
    return bool(_IRREALIS.search(chunk))


_IRREALIS = guarded(
    r"\b(?:will|would|could|might|may|plan(?:s|ned)? to|expected to|intend\w* to|"
    r"propos\w+|hope[sd]? to|aim(?:s|ed)? to|seek\w* to|ready to|to be)\b"
)


# --------------------------------------------------------------------------- rows


@dataclass
class _Row:
    name: str
    type: str
    kind: str
    name_explicit: bool
    seg_index: int
    mention: _Mention
    signed: list[tuple[PartialDate, bool, int]] = field(default_factory=list)  # (date, heading, seg)
    ratified: list[PartialDate] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    last_seen: int = 0


_GENERIC = _wordset(
    """
    treaty treaties agreement agreements accord convention declaration statement statements communique
    contract protocol memorandum understanding joint cooperation bilateral new the of on in and for a an
    to with between about by at arrangement deal pact road map roadmap
    """
)


@lru_cache(maxsize=2048)
def _words(name: str) -> frozenset[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return frozenset(w for w in re.findall(r"[a-z]+", plain) if w not in _GENERIC)


@lru_cache(maxsize=4096)
def _same_word(a: str, b: str) -> bool:
    """The scorer's notion of one word ('Kiakhta'/'Klakhta', 'North.'/'Northern'), cheap checks first."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    if 2 * len(short) / (len(short) + len(long_)) < 0.85 or a[0] != b[0] and a[-1] != b[-1]:
        return False
    sm = difflib.SequenceMatcher(None, a, b)
    return sm.quick_ratio() >= 0.85 and sm.ratio() >= 0.85


@lru_cache(maxsize=8192)
def _similar(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    small, large = sorted((wa, wb), key=len)
    common = sum(w in large or any(_same_word(w, x) for x in large) for w in small)
    return (common / len(small) + 2 * common / (len(wa) + len(wb))) / 2


_FAMILY = {"treaty": "treaty", "agreement": "agreement", "arrangement": "agreement", "contract": "agreement",
           "protocol": "protocol", "memorandum": "agreement", "declaration": "statement",
           "joint_statement": "statement", "communique": "statement"}


def _most_common(values: Iterable[_T]) -> _T | None:
    """`Counter(values).most_common(1)[0][0]` (None for no values) without building a Counter: the first
    value to reach the highest count (most_common(1) is `max` over the counts in insertion order)."""
    counts: dict[_T, int] = {}
    for x in values:
        counts[x] = counts.get(x, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _prose_year(row: _Row) -> int | None:
    return _most_common(d.year for d, heading, _ in row.signed if not heading)


def _compatible(row: _Row, m: _Mention) -> bool:
    if m.signed is not None:
        for d, heading, _ in row.signed:
            if heading or m.heading:
                continue
            if d.year != m.signed.year:
                return False
            if d.day is not None and m.signed.day is not None and d != m.signed:
                return False
    nested = m.parties <= row.parties or row.parties <= m.parties
    return not (len(m.parties) >= 2 and len(row.parties) >= 2 and not nested)


def _doc_ranking(ctx: DocContext, segments: list[Segment]) -> list[str]:
    counts: Counter[str] = Counter()
    body = JOIN.join(s.text for s in segments)  # one scan; references are not segments
    for iso in ctx.joined_isos():
        counts[iso] += 1
    for person_iso in _capital_persons(body):
        counts[person_iso] += 1
    return [c for c, _ in counts.most_common()]


# Upper-case letters other than A-Z that re.IGNORECASE matches to a letter a-z: "İ" (i), "K" (Kelvin, k)
_ODD_CAPITALS = ("\u0130", "\u212a")


def _capital_persons(text: str) -> list[str]:
    """ISO3 of each person `persons_ci` finds in `text` written with a capital ("Putin", not "putin"), in order.

    Why not one scan of it all: such a match is one of `capital_person` (the same names, a capital A-Z
    first) unless the text holds an odd capital, and neither pattern matches across a "|" (no name
    holds one, and both see it as a non-word at a match's edges), so the scan is exact on the pieces
    between bars that `capital_person` finds something in - few, as capitals are."""
    v = _vocab()
    if any(c in text for c in _ODD_CAPITALS):
        pieces = [(0, len(text))]
    else:
        pieces = []
        for g in v.capital_person.finditer(text):
            if pieces and g.start() < pieces[-1][1]:
                continue
            end = text.find("|", g.end())
            pieces.append((text.rfind("|", 0, g.start()) + 1, len(text) if end < 0 else end))
    out: list[str] = []
    for a, b in pieces:
        piece = text[a:b]
        for ps, pe in v.persons_scan.spans(piece):
            surface = piece[ps:pe]
            person_iso = v.persons.get(_single_spaced(surface.lower()))
            if person_iso and surface[:1].isupper():
                out.append(person_iso)
    return out


def _capitalised_spans(text: str) -> list[tuple[int, int]]:
    """`persons_ci.spans(text)` where a capitalised one can be among them (else none: callers keep only
    those): one holds a match of `capital_person` unless the text holds an odd capital (`_capital_persons`),
    and capitals are rare, so that scan is the cheaper test."""
    v = _vocab()
    if v.capital_person.search(text) is None and not any(c in text for c in _ODD_CAPITALS):
        return []
    return v.persons_scan.spans(text)


# "X has not been signed", also after an aside ("X, under talks since 2013, has still not been concluded")
_NOT_AFTER = guarded(r"(?:\s*,[^,.;]{0,60},)?\s+(?:had|has|have|was|were|is|are)\s+(?:still\s+|yet\s+)?(?:not|never)\b")
_FOLLOW_UP = guarded(r"^[*_\s]*(?:It|Its|This|The\s+(?:treaty|agreement|deal|accord|document|contract|pact))\b")
_SUCCESSION = guarded(r"\b(?:followed|came next|was next)\b")
_NOUN_SIGN = guarded(r"\b(?:a|an|the|this|that|one)\s+(?:\w+\s+)?signs?\s+of\b", re.I)
_NOUN_SIGN_CI = Caseless(_NOUN_SIGN)
_LEAD_DATE = guarded(r"^[*_\s]*(?=\S)")


def _sign_hits(text: str, low: str | None) -> list[re.Match[str]]:
    """Signing verbs, without the noun 'a sign of' (offsets only; `low`: `folded(text)`)."""
    verbs = _vocab().sign_scan.matches(text, low)
    if not verbs:
        return verbs
    nouns = _NOUN_SIGN_CI.spans(text, low)
    verbs = [x for x in verbs if not any(a <= x.start() < b for a, b in nouns)]
    if len(verbs) > 1 and "principle" in text:
        # "agreed in principle in May and signed in June": the signing is what dates it
        firm = [x for x in verbs if not _IN_PRINCIPLE.match(text, x.end())]
        if firm:
            return firm
    return verbs


_IN_PRINCIPLE = guarded(r"\s+in\s+principle\b")


def extract_agreements(text: str, segments: list[Segment], published: PartialDate | None) -> list[Agreement]:
    """Agreements stated in one document, one row per instrument, each with its evidence segment."""
    v = _vocab()
    ctx = for_document(text, segments)
    # a lower-case "alliance" is never an instrument (titled_only): only "Alliance" makes a sentence worth reading
    hits = [s for s in _prefilter_starts(text, ctx.folded) if text[s] != "a" or not text.startswith("allian", s)]
    if not hits:
        return []  # most documents never name an instrument: one scan and out
    acronyms = _acronyms(text, hits) if "(" in text else {}
    if acronyms:
        hits = sorted(hits + _acronym_hits(text, acronyms))
    rows: list[_Row] = []
    seg_years: dict[int, int | None] = {}  # segment index -> its last explicit year, read once
    doc_years: list[tuple[int, int]] = []  # (offset, year) of every year in the document, read on first need
    n_hits = len(hits)
    # `_members` needs one of these words: without them in the document no sentence lists members
    any_members = "member" in text or "founding" in text
    members: set[str] = set()
    for si, seg in enumerate(segments):
        stext = seg.text
        if any_members:
            members = _members(stext)
            if members and rows and rows[-1].last_seen >= si - 1:
                rows[-1].parties |= members  # "Its six member states - China, Russia, ... - pledged ..."
        k = bisect.bisect_left(hits, seg.start)
        if k == n_hits or hits[k] >= seg.end:
            if rows and rows[-1].last_seen == si - 1 and _FOLLOW_UP.match(stext):
                rows[-1].topics |= _topics(stext) - {"diplomatic"}  # "Its Article 4 obliges ... military"
            continue
        para_start = _para_start(text, segments, si)
        item_start = _item_start(text, segments, si)
        low = folded(stext)
        mentions = _find_mentions(si, stext, seg.kind, low)
        mentions += _synthetic_mentions(si, stext, mentions)
        if acronyms:
            mentions += _acronym_mentions(si, stext, mentions, acronyms)
        mentions = _drop_aliases(stext, mentions)  # never empties the list: the skip below stays exact
        is_heading = seg.kind == "heading"
        if not mentions:
            # only a ratification of the row just stated matters here: the rest is read when needed
            if rows and rows[-1].last_seen >= si - 2:
                ratify_hits = list(v.ratify_ci.finditer(stext, low))
                if ratify_hits and not any(_negated(stext, 0, r.start()) for r in ratify_hits):
                    last_year = _context_year(segments, para_start, si, seg_years)
                    resolved = _resolve_all(_find_dates(stext), last_year, is_heading)
                    for r in _last_rows(rows, stext):
                        r.ratified += [pd for _, pd in resolved if pd is not None]
                        r.last_seen = si
            continue
        # a named set of states ("the two Koreas") is in a part of the sentence only if the sentence holds
        # one of the strings each such phrase contains
        sets_here = _may_occur(v.party_phrase_ci, low)
        # the "same day" cues the sentence can hold at all: most hold none, then no mention searches for them
        inherit_cues = [(key, ci) for key, ci in v.inherit_ci.items() if _may_occur(ci, low)]
        protect = [(m.start, max(m.end, m.name_end)) for m in mentions]
        cuts = _clauses(stext, protect, ctx.countries(seg.start, seg.end))
        sign_hits = _sign_hits(stext, low)
        ratify_hits = list(v.ratify_ci.finditer(stext, low))
        seg_dates = _SegmentDates(text, segments, si, para_start, seg_years, mentions, sign_hits, low)
        seg_dates.published, seg_dates.doc_years = published, doc_years
        named_here = any(m.kind != "bare" for m in mentions)
        # _NOT_AFTER and _NEVER_AFTER need a "not", "never" or "yet to be" after the mention
        last_not = max(stext.rfind("not"), stext.rfind("never"), stext.rfind("yet to be"))
        siblings: dict[int, _Mention] = {}
        signer: _Mention | None = None  # the last mention of this sentence kept with a signing verb of its own
        intro = _colon_intro(stext) if ":" in stext else None
        for m in mentions:
            m.heading = is_heading
            m.window = _window(m, stext, cuts)
            ws, we = m.window
            if len(mentions) == 1:
                ws, we = 0, len(stext)
            if intro is not None and m.start > intro[1] and not any(ws <= x.start() < we for x in sign_hits):
                # items after "... signed in Tokyo in October 1993:" share the intro's verb, date and place
                ws = intro[0]
                m.window = (ws, we)
                if m.group is None:
                    m.group = intro[1]
            verbs = [x for x in sign_hits if ws <= x.start() < we and not (m.type_start <= x.start() < m.type_end)
                     and not (x.end() < m.start and _THAT_CLAUSE.match(stext, x.end()))]
            if not verbs and signer is not None and v.coordinated_re.fullmatch(stext, ws, m.start):
                # "X and Y signed A in 2019, and in 2020 B": B is the object of A's verb too
                ws = signer.window[0]
                m.window = (ws, we)
                verbs = [x for x in sign_hits if ws <= x.start() < we and not (
                    m.type_start <= x.start() < m.type_end or signer.type_start <= x.start() < signer.type_end)]
            if not verbs:
                obj = v.object_verb_re.search(stext, max(ws, m.start - 24), m.start)
                if obj is not None and not stext.startswith("that ", m.start):
                    verbs = [obj]  # "the companies added a memorandum on ...": a verb whose object it is
                elif _RELATIVE.match(stext, max(m.end, m.name_end)):
                    # "the X that the delegates, A and B, signed on ...": the verb is past the relative clause
                    reach = _relative_reach(stext, m, we, cuts, sign_hits)
                    if reach is not None:
                        we, verbs = reach
                        m.window = (ws, we)
            referred = bool(_search_in(v.referral_ci, stext, low, max(ws, m.start - 40), m.start))
            if referred:
                # "announced its withdrawal from the treaty in 2003": the verb and date are the event's
                verbs = [x for x in verbs
                         if x.start() > m.end and not _search_in(v.referral_ci, stext, low, m.end, x.start())]
            neg = _negated(stext, m.window[0], m.type_start) or any(
                _negated(stext, m.window[0], x.start()) for x in verbs if x.start() < m.type_start
            )
            after = [x for x in verbs if x.start() >= m.end]
            if after and len(after) == len(verbs) and all(
                    _negated(stext, max([c + 1 for c in cuts if m.end <= c < x.start()] or [m.end]), x.start())
                    for x in after):
                neg = True  # "a protocol, which the ministers, A and B, never signed"
            if ((last_not >= m.end and (_NOT_AFTER.match(stext, m.end) or _NEVER_AFTER.match(stext, m.end)))
                    or v.pending_re.match(stext, max(m.end, m.name_end))
                    or _search_in(v.negotiating_ci, stext, low, max(0, m.start - 80), m.start)):
                neg = True
            m.has_verb = m.has_verb or bool(verbs)
            if not m.has_verb and rows and rows[-1].last_seen >= si - 1:
                succ = _SUCCESSION.search(stext, m.end, we)
                if succ is None and _RELATIVE.match(stext, max(m.end, m.name_end)):
                    reach = _relative_reach(stext, m, we, cuts, [], _SUCCESSION)
                    if reach is not None:
                        we = reach[0]
                        m.window = (ws, we)
                        succ = reach[1][0]
                if succ is not None:
                    m.has_verb = True  # "An agreement on the western section followed on 3 September 1994"
                    verbs = [succ]  # its place and date are read next to it ("followed in Beijing on ...")
            # a mention's dates are read when it is kept or absorbed, but a grouped one's at once (below)
            dated: tuple[list[tuple[_Date, PartialDate]], str | None] | None = None
            # read now, before "needs_verb" below can turn an anaphor into a mention of its own
            own_topics = m.kind == "bare" and not m.anaphoric
            if m.group is not None:
                # enumerated siblings share the first one's dates, place and parties even when it is dropped
                dated = seg_dates.read(m, ws, we, verbs, referred)
                _place_and_parties(m, seg, ctx, ws, we, verbs, *dated, members, sets_here)
                m.topics = _topics(m.name)
                first = siblings.setdefault(m.group, m)
                if first is not m:
                    m.signed = m.signed or first.signed
                    m.place = m.place or first.place
                    m.parties = m.parties or first.parties
                    m.has_verb = m.has_verb or first.has_verb
            for key, ci in inherit_cues:
                if _search_in(ci, stext, low, ws, we):  # a lone mention's window is the whole segment already
                    m.inherit = key
                    break
            if m.needs_verb:
                if not _governed(stext, m):
                    continue
                m.anaphoric, m.has_verb = False, True
            # does it state an instrument that came into being?
            if neg and not m.anaphoric:
                continue
            if referred and not m.has_verb:
                continue  # an existing instrument an event refers to, not one stated here
            if m.anaphoric and not m.plural and any(_signs_own(stext, x, m) for x in verbs):
                m.anaphoric = False  # "Laos and Vietnam signed their maritime agreement in 2004": a new one
            dated_name = False
            if (m.anaphoric and not m.plural and not neg and not m.needs_verb
                    and _OF_FULL_DATE.match(stext, max(m.end, m.name_end))):
                # "the joint statement of 10 November 1997": the day it was made names it
                dated = seg_dates.read(m, ws, we, verbs, referred)
                if m.signed is not None and m.signed.day is not None and not any(
                        d == m.signed for r in rows if _FAMILY.get(r.type) == _FAMILY.get(m.type)
                        for d, _, _ in r.signed):
                    m.anaphoric, m.has_verb, dated_name = False, True, True
            plural_own = m.plural and not m.anaphoric and m.group is None and _plural_signed(stext, m, verbs)
            if m.anaphoric or (m.kind == "bare" and m.plural and not plural_own):
                target = _antecedent(rows, m, si)
                if target is not None:
                    if m.group is None:
                        dated = seg_dates.read(m, ws, we, verbs, referred)
                        m.topics = _clause_topics(stext, m, own_topics)
                    if not (verbs and not m.plural and _other_instrument(target, m)):
                        _absorb_anaphor(target, m, si, bool(ratify_hits))
                        continue
                    # "A revised version of the agreement was signed on 24 September 2018": a new instrument
                    rev = v.revision_re.search(stext, max(0, m.start - 40), m.start)
                    if rev is not None:
                        m.name = f"{rev.group(1).lower()} {target.name}"
                        m.pair_parties = frozenset(target.parties)  # a version of it binds the same states
                    m.anaphoric = False
                # "the contract signed on 21 May 2014 in Shanghai": a first mention after all
                if m.plural or not (any(m.end <= x.start() < m.window[1] for x in verbs) or (
                        _RELATIVE.match(stext, max(m.end, m.name_end))
                        and _relative_reach(stext, m, m.window[1], cuts, verbs) is not None) or (
                        # "CNPC signed the agreement under which it bought 20%": the clause after defines it
                        _DEFINING.match(stext, max(m.end, m.name_end))
                        and any(x.end() <= m.start and not stext[x.end() : m.start].strip() for x in verbs))):
                    continue
                if dated is None:
                    dated = seg_dates.read(m, ws, we, verbs, referred)
                if not m.signed_explicit:
                    continue
                dated_name = True  # a first mention with its own verb and date: no anaphor of a named one
            if m.kind == "bare" and named_here and not dated_name and (m.anaphoric or any(
                    o.kind != "bare" and o.start < m.start for o in mentions)):
                continue  # "the Treaty of X ... the treaty": the same one (but "signed a memorandum ..., and a X")
            if m.plural and m.kind != "named":
                # "grain opened through phytosanitary protocols signed in 2015": a set of texts signed at once,
                # one row, when its own verb governs it and a date of its own says when
                if not plural_own:
                    continue
                if dated is None:
                    dated = seg_dates.read(m, ws, we, verbs, referred)
                if not m.signed_explicit:
                    continue
            if (m.kind != "named" and not m.has_verb and _list_intro(text, segments, si) is None
                    and not _elliptic(stext, m, rows, si)):
                continue
            if is_heading and m.kind != "named":
                continue
            if m.group is None:  # dates, place, parties and topics only of the mentions that make or join a row
                if dated is None:
                    dated = seg_dates.read(m, ws, we, verbs, referred)
                _place_and_parties(m, seg, ctx, ws, we, verbs, *dated, members, sets_here)
                m.topics = _clause_topics(stext, m, own_topics)
            _add(rows, m, si, segments, item_start)
            if verbs:
                signer = m
    kept = [r for r in rows if _keep(r)]
    seg_parties: dict[int, _SegParties] = {}  # segment index -> what it names, read once
    ranked: list[list[str]] = []

    def ranking() -> list[str]:
        """The document's countries, most named first: only needed to fill "the two countries" when
        neither the row nor its context names two, so worked out on first need."""
        if not ranked:
            ranked.append(_doc_ranking(ctx, segments))
        return ranked[0]

    return [_finish(r, text, segments, ranking, ctx, seg_parties) for r in kept]


_OF_FULL_DATE = guarded(
    rf"\s+(?:of|dated)\s+(?:\d{{1,2}}\s+{_MONTH_RE}|{_MONTH_RE}\s+\d{{1,2}},?)\s+(?:1[5-9]|20)\d\d\b")

_THAT_CLAUSE = guarded(r"\s+that\s")  # "announced that the treaty would be extended": a report, no signing


def _plural_signed(stext: str, m: _Mention, verbs: list[re.Match[str]]) -> bool:
    """A plural mention its own signing verb governs: right before it ("signed supply contracts") or as a
    participle right after it ("protocols signed in 2015"), not counted ("signed 12 agreements")."""
    if _COUNTED.search(stext, max(0, m.start - 16), m.type_start):
        return False
    end = max(m.end, m.name_end)
    return any((x.end() <= m.start and _MODIFIER_GAP.fullmatch(stext, x.end(), m.start) is not None)
               or m.start <= x.start() < m.type_start
               or (x.start() >= end and not stext[end : x.start()].strip()) for x in verbs)


_MODIFIER_GAP = guarded(r"\s*(?:(?!(?:two|three|four|five|six|seven|eight|nine|ten|several|many|some|various|other|"
                        r"further|more|the|their|its|these|those)\b)[a-z][\w-]*\s+){0,3}")  # "signed share purchase"
_COUNTED = guarded(r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|dozens?|some|"
                   r"a number of|various|other|further|more)\b)", re.I)
_DEFINING = guarded(r"\s+(?:(?:under|by|in|with)\s+which|whereby)\s")  # a defining relative clause, no comma
_RELATIVE = guarded(r"\s*,?\s*(?:that|which|whose)\s")


def _relative_reach(stext: str, m: _Mention, we: int, cuts: list[int], sign_hits: list[re.Match[str]],
                    rx: re.Pattern[str] | None = None) -> tuple[int, list[re.Match[str]]] | None:
    """'the agreement that the delegates, A for the South and B for the North, signed in Kaesong': the
    first non-negated signing verb (of `sign_hits`, or `rx`) after the commas of a relative clause that
    follows the mention, before the sentence's next semicolon or colon, at most 200 characters on. Returns
    the end of the verb's clause and the verb."""
    stop = min([c for c in cuts if c >= we and stext[c] != ","] or [len(stext)])
    stop = min(stop, max(m.end, m.name_end) + 200)
    if rx is not None:
        found = rx.search(stext, we, stop)
        hits = [found] if found is not None else []
    else:
        hits = [x for x in sign_hits if we <= x.start() < stop]
    for x in hits:
        if not _negated(stext, m.end, x.start()):
            return min([c for c in cuts if c >= x.end()] or [len(stext)]), [x]
    return None


# Every byte but a-z, 0-9 and "_" becomes a space: see `_prefilter_starts`.
_BARE_BYTES = bytes(b if b in b"abcdefghijklmnopqrstuvwxyz0123456789_" else 32 for b in range(256))


def _prefilter_starts(text: str, low: str | None) -> list[int]:
    r"""Where the matches of `prefilter_ci` start in a document (`low`: `folded(text)`).

    The scan of the whole document for stems starting with common letters is slow in `re` at every
    character: the candidates come from a copy, one byte per character ("?" for those beyond Latin-1),
    whose every byte but a-z, 0-9, "_" is a space, where `re` runs a space-first pattern (it jumps
    from space to space): a space followed by what the stems match there. Each match of the stems at
    a word edge is such a candidate (the stems hold only such letters, spaces, `\s` and `\b`, and all
    of those still match in the copy), so trying the twin at the candidates in order, resuming after
    each match, finds what its finditer finds.
    """
    v = _vocab()
    twin = v.prefilter_ci.twin
    if low is None or twin is None:
        return [m.start() for m in v.prefilter_scan.matches(text, low)]
    bare = low.encode("latin-1", "replace").translate(_BARE_BYTES)
    out: list[int] = []
    pos = 0
    first = twin.match(low, 0)  # (a match at 0 has no character before it)
    if first is not None:
        out.append(0)
        pos = first.end()
    for m in v.prefilter_bare.finditer(bare):
        q = m.start() + 1
        if q >= pos and (hit := twin.match(low, q)) is not None:
            out.append(q)
            pos = hit.end()
    return out


_PLURAL_BACK = guarded(r"\b(?:they|them|all|both|each|these|those)\b", re.I)


_OWN_DET = guarded(r"\s*(?:[Tt]heir|[Ii]ts)\s")


def _signs_own(stext: str, verb: re.Match[str], m: _Mention) -> bool:
    """'signed their fisheries agreement': the parties sign an instrument of their own, no earlier one."""
    return verb.end() <= m.start and not stext[verb.end() : m.start].strip() and bool(
        _OWN_DET.match(stext, m.start))


def _last_rows(rows: list[_Row], stext: str) -> list[_Row]:
    """The rows a sentence naming no instrument refers back to: the last one, or the whole enumeration it
    ends ("four agreements ...: on X, ... . All four took effect in 2003") when the sentence speaks of
    them together."""
    last = rows[-1]
    g = last.mention.group
    if g is None or not _PLURAL_BACK.search(stext):
        return [last]
    return [r for r in rows if r.mention.group == g and r.seg_index == last.seg_index]


def _para_start(text: str, segments: list[Segment], si: int) -> int:
    """The first segment of the paragraph of segment `si`: after a blank line, or a heading."""
    j = si
    while j > 0 and segments[j].kind != "heading" and "\n\n" not in text[segments[j - 1].end : segments[j].start]:
        j -= 1
    return j


def _item_start(text: str, segments: list[Segment], si: int) -> int:
    """The first segment of the bullet of list item `si` (its own event), 0 outside lists."""
    if segments[si].kind != "list_item":
        return 0
    j = si
    while j > 0 and segments[j - 1].kind == "list_item" and "\n" not in text[segments[j - 1].end : segments[j].start]:
        j -= 1
    return j


def _may_occur(ci: Caseless, low: str | None) -> bool:
    """Whether a match of `ci` can occur anywhere in a text (`low`: its `folded`): not when the text lacks
    every string each match must contain."""
    # (`map` over the bound `in` test: a generator expression costs more than the few tests it makes)
    return low is None or ci.required is None or any(map(low.__contains__, ci.required))


class _SegmentDates:
    """The dates of a segment, read when its first mention needs them: the many mentions dropped as negated,
    ungoverned or plural never do. (Read before the mention's "same day" cue, as they always were.)"""

    def __init__(self, doc: str, segments: list[Segment], si: int, para_start: int, seg_years: dict[int, int | None],
                 mentions: list[_Mention], sign_hits: list[re.Match[str]], low: str | None) -> None:
        self.doc, self.segments, self.si, self.para_start, self.seg_years = doc, segments, si, para_start, seg_years
        self.text = segments[si].text
        self.kind = segments[si].kind
        self.mentions, self.sign_hits, self.low = mentions, sign_hits, low
        self._resolved: list[tuple[_Date, PartialDate | None]] | None = None
        self.lead: tuple[_Date, PartialDate] | None = None
        self.sentence_lead: tuple[_Date, PartialDate] | None = None
        self.list_intro: tuple[PartialDate | None, str | None] | None = None
        self.published: PartialDate | None = None
        self.doc_years: list[tuple[int, int]] = []

    def resolved(self) -> list[tuple[_Date, PartialDate | None]]:
        """The segment's dates, year-less ones resolved in the paragraph (and `lead` set)."""
        if self._resolved is None:
            last_year = _context_year(self.segments, self.para_start, self.si, self.seg_years)
            dates = _find_dates(self.text)
            pub = self.published
            if pub is not None and pub.day is not None and "day" in self.text:
                dates = _weekday_dates(self.text, pub, dates)
            if last_year is None and dates and dates[0].date is None and dates[0].month is not None:
                last_year = _fallback_year(self.doc, self.segments, self.si, dates[0], self.published,
                                           self.doc_years)
            self._resolved = _resolve_all(dates, last_year, self.kind == "heading")
            # a list item opening with its date ("**19 June 2024** – ...") dates everything in it
            if self.kind == "list_item" and self._resolved:
                d0, pd0 = self._resolved[0]
                if pd0 is not None and not self.text[: d0.start].strip(" *_"):
                    self.lead = (d0, pd0)
            elif len(self.mentions) > 1 and self._resolved:
                # "On 28 June the leaders announced ..., and adopted a joint statement": a date opening the
                # sentence dates each event of it (read below only for a mention its own verb governs)
                d0, pd0 = self._resolved[0]
                if pd0 is not None and d0.start < self.mentions[0].start and _LEAD_PREP.fullmatch(
                        self.text, 0, d0.start):
                    self.sentence_lead = (d0, pd0)
        return self._resolved

    def read(self, m: _Mention, ws: int, we: int, verbs: list[re.Match[str]], referred: bool
             ) -> tuple[list[tuple[_Date, PartialDate]], str | None]:
        """Sets a mention's `signed`, `signed_explicit` and `ratified` from the dates of its clause `ws`..`we`
        (or the list intro's), and returns its signing dates and the list intro's place."""
        text = self.text
        mine = []
        for d, pd in self.resolved():
            if m.type_start <= d.start < m.name_end:
                continue  # "roadmap for 2021-2025": part of the name
            if ws <= d.start < we and not (d.start > m.end and _other_year(text, d)):
                mine.append((d, pd))
        if (referred or not verbs) and m.kind == "named":
            # no signing verb: only a date attached to the name ("the 2018 X", "X of 5 May 2018") is its own
            mine = [(d, pd) for d, pd in mine if _attached(text, d, m)]
        if len(self.mentions) > 1:
            mine = [(d, pd) for d, pd in mine if _owner(d, self.mentions, self.sign_hits, text) is m]
        sign_dates, rat_dates = [], []
        for d, pd in mine:
            role = _role(text, d, ws, we, self.low)
            if role == "ratify":
                if pd is not None and not _negated(text, ws, d.start):
                    rat_dates.append(pd)
            elif pd is not None:
                sign_dates.append((d, pd))
        lead = self.lead
        if not sign_dates and lead is not None and lead not in mine:
            sign_dates = [lead] if _role(text, lead[0], 0, len(text), self.low) == "sign" else []
        lead = self.sentence_lead
        if (not sign_dates and not rat_dates and lead is not None and lead not in mine
                and any(x.end() <= m.start and (not m.anaphoric or not text[x.end() : m.start].strip())
                        for x in verbs) and m.inherit is None
                and "later" not in text[ws : m.start]):  # "that month ...", "later ...": a time of its own
            sign_dates = [lead]
        if sign_dates:
            anchors = [x.start() for x in verbs] or [m.type_start]
            d, pd = min(sign_dates, key=lambda t: (min(abs(t[0].start - a) for a in anchors), -t[1].rank()))
            # "the 1993 X, signed ... on 13 October 1993": the same year given more precisely
            nend = max(m.end, m.name_end)
            right = [t for t in sign_dates if m.group is None and _ON_DATE.fullmatch(text, nend, t[0].start)]
            if right and verbs and any(x.start() < m.type_start for x in verbs):
                d, pd = right[0]  # "came ... to sign the Treaty on X on 19 November 1992": the date it governs
            if pd.month is None:
                d, pd = max((t for t in sign_dates if t[1].year == pd.year), key=lambda t: t[1].rank())
            m.signed = pd
            m.signed_explicit = d.date is not None
        m.ratified = rat_dates
        intro_place = None
        if m.signed is None and not verbs and self.kind == "list_item":
            if self.list_intro is None:
                self.list_intro = _intro_event(self.doc, self.segments, self.si, self.para_start, self.seg_years)
            m.signed, intro_place = self.list_intro
        return sign_dates, intro_place


_LEAD_PREP = guarded(r"[*_\s]*(?:(?:On|In|By|Early|Late)\s+(?:early\s+|late\s+|mid-)?)?")


_YEAR_DET = guarded(r"\b(?:the|its|their|this|that|an?)\s+$", re.I)
_NOUN_AFTER = guarded(r"\s+[a-z][\w-]*")


def _other_year(text: str, d: _Date) -> bool:
    """'..., replaced the 1902 text': a bare year between a determiner and a noun after a mention names
    another thing (its year as an attribute), not the date this mention was signed."""
    return (d.date is not None and d.date.month is None and d.end - d.start == 4
            and bool(_YEAR_DET.search(text, max(0, d.start - 8), d.start)) and bool(_NOUN_AFTER.match(text, d.end)))


def _place_and_parties(
    m: _Mention,
    seg: Segment,
    ctx: DocContext,
    ws: int,
    we: int,
    verbs: list[re.Match[str]],
    sign_dates: list[tuple[_Date, PartialDate]],
    intro_place: str | None,
    members: set[str],
    sets_here: bool,
) -> None:
    """Where a mention was signed and by whom: in its clause (`ws`..`we` for the place), near its signing
    verbs and dates, else the place of the list intro it takes its date from, else its table cell."""
    stext = seg.text
    anchors = [x.end() for x in verbs] + ([d.start for d, _ in sign_dates] if verbs else [])
    pl = _place(stext, ws, m.end if m.purpose else we, anchors) if anchors else None
    if pl is None and verbs:
        lead = [d for d, _ in sign_dates if d.end <= ws]
        if lead:
            # "On 6 December 2021 in New Delhi, the ministers signed ...": the sentence's opening phrase, which
            # gave the date, gives the place too
            pl = _place(stext, lead[0].start, ws, [lead[0].start])
    m.place = pl[0] if pl else None
    if m.place is None and m.signed is not None:
        m.place = intro_place
    if m.place is None and seg.kind == "table_row":
        m.place = _cell_place(seg)
    cs, ce = m.window
    pl_span = pl[1] if pl else None
    a = min(cs, len(stext))  # the span of stext[cs:ce] in the document
    b = max(a, min(ce, len(stext)))
    m.parties = _parties(stext, cs, ce, pl_span, ctx.countries(seg.start + a, seg.start + b)) | members
    m.parties |= m.pair_parties
    if len(m.parties) < 2:
        m.parties |= _name_phrase_parties(m.name) or (
            _phrase_parties(stext[cs:ce]) if sets_here else frozenset())
    elif m.kind == "named":
        m.parties |= _name_phrase_parties(m.name)


def _clause_topics(stext: str, m: _Mention, own: bool) -> set[str]:
    """The topics of a mention: of its clause for a bare one (`own`), else of its name and what follows it."""
    cs, ce = m.window
    if own:
        return _topics(_strip_type(stext[cs:ce]))
    return _topics(stext[m.type_end : ce]) | _name_topics(m.name)


_ON_DATE = guarded(r"\s+(?:on|in)\s+")
_ATTACH_GAP = guarded(r"[\s,(]*(?:(?:of|on|in|dated|from|signed|adopted|concluded)\s+)?(?:the\s+)?[\s(]*")


def _attached(text: str, d: _Date, m: _Mention) -> bool:
    """A date next to a mention: before it ("the 1991 X") or after it ("X of 1991", "X (1991)", "X, 1991")."""
    if d.end <= m.start:
        # (not across a complementiser: "On 28 June they announced that the Treaty ...")
        return not text[d.end : m.start].strip(" ,(–—-\u00a0*_|") or d.end >= m.type_start - 40 and bool(
            re.fullmatch(r"[\s,]*(?:the\s+)?[\w'’\-–\s]{0,40}", text[d.end : m.start])) and not _THAT_CLAUSE.search(
            text, d.end, m.type_start)
    end = max(m.end, m.name_end)
    return d.start >= end and bool(_ATTACH_GAP.fullmatch(text, end, d.start))


def _drop_aliases(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """'The X, usually called the Y, was signed ...': Y is another name of X, not a second instrument."""
    if len(mentions) < 2:
        return mentions
    rx = _vocab().alias_re
    out: list[_Mention] = []
    for m in mentions:
        if out and rx.search(text[max(0, m.start - 60) : m.start]):
            continue
        if out and _appositive(text, out[-1], m):
            continue
        out.append(m)
    return out


_APPOSITION_GAP = guarded(r"(?:\s+of\s+(?:1[5-9]|20)\d\d)?,\s*$")
_APPOSITION_END = guarded(r"\s*(?:[.;)]|$|,\s+(?:which|that|who|whereby|under\s+which|by\s+which)\b)")


def _appositive(text: str, a: _Mention, b: _Mention) -> bool:
    """'signed the Japan–Korea Treaty of 1905, the Eulsa treaty, which ...': a second name of a named
    instrument set off by a comma right after it, of the same kind, and not an item of a list (nothing but
    the end of the sentence or a relative clause follows it)."""
    return (a.kind == "named" and b.kind == "named" and not b.plural and not a.plural
            and _FAMILY.get(a.type) == _FAMILY.get(b.type)
            and text[b.start : b.start + 4].lower() == "the "
            and bool(_APPOSITION_GAP.match(text, max(a.end, a.name_end), b.start))
            and bool(_APPOSITION_END.match(text, max(b.end, b.name_end))))


_YEAR_ONLY = guarded(r"(?<![\w$£€.,-])(?:1[6-9]|20)\d\d(?![\w%]|[.,]\d)")


def _context_year(segments: list[Segment], first: int, si: int, memo: dict[int, int | None]) -> int | None:
    """The last explicit year stated earlier in the paragraph (for "on 6 November"), citations aside.

    `memo` (per document) keeps each segment's last year: every mention of a paragraph asks again."""
    for j in range(si - 1, first - 1, -1):
        if segments[j].kind == "heading":
            continue
        if j not in memo:
            stext = segments[j].text
            years = _YEAR_ONLY.findall(_CITATION.sub(" ", stext) if _may_cite(stext) else stext)
            memo[j] = int(years[-1]) if years else None
        if memo[j] is not None:
            return memo[j]
    return None


_ON_WEEKDAY_ALONE = guarded(rf"\b[Oo]n\s+({_WEEKDAYS})\b(?!,?\s+(?:\d|{_MONTH_START}))")


def _weekday_dates(text: str, published: PartialDate, dates: list[_Date]) -> list[_Date]:
    """'signed ... on Tuesday' in a dated report: the last such weekday on or before the published day."""
    found = []
    names = weekday_names()
    pub = _dt.date(published.year, published.month or 1, published.day or 1)
    for x in _ON_WEEKDAY_ALONE.finditer(text):
        want = names.index(x.group(1)) if x.group(1) in names else -1
        if want < 0:
            continue
        day = pub - _dt.timedelta(days=(pub.weekday() - want) % 7)
        found.append(_Date(x.start(1), x.end(1), PartialDate(day.year, day.month, day.day)))
    if not found:
        return dates
    return sorted(dates + found, key=lambda d: d.start)


def _fallback_year(doc: str, segments: list[Segment], si: int, d: _Date, published: PartialDate | None,
                   doc_years: list[tuple[int, int]]) -> int | None:
    """The year of a year-less date ("on 28 June") whose paragraph states none: that of the nearest heading
    above it when it names one year ("THE DRILLS OF 2010"), else the document's published year when the
    date is not after the published day and every year the text states before it is that year (a byline).
    `doc_years` (per document) is filled on first need."""
    for j in range(si - 1, max(-1, si - 40), -1):
        if segments[j].kind == "heading":
            years = set(_YEAR_ONLY.findall(segments[j].text))
            if len(years) == 1:
                return int(years.pop())
            break
    if published is None or published.month is None or d.month is None:
        return None
    if (d.month, d.day or 1) > (published.month, published.day or 31):
        return None
    if not doc_years:
        doc_years += [(x.start(), int(x.group())) for x in _YEAR_ONLY.finditer(doc)] or [(len(doc), 0)]
    start = segments[si].start
    if any(y != published.year for pos, y in doc_years if pos < start):
        return None
    return published.year


def _resolve_all(
    dates: list[_Date], last_year: int | None, is_heading: bool
) -> list[tuple[_Date, PartialDate | None]]:
    """Year-less dates resolved against the nearest explicit year of this paragraph, in order."""
    resolved: list[tuple[_Date, PartialDate | None]] = []
    for d in dates:
        pd = _resolve(d, last_year)
        if d.date is not None and not is_heading:
            last_year = d.date.year
        resolved.append((d, pd))
    return resolved


@lru_cache(maxsize=4096)
def _name_topics(name: str) -> frozenset[str]:
    """The topics of an instrument's name without its type words (names recur: worked out once each)."""
    return frozenset(_topics(_strip_type(name)))


def _strip_type(name: str) -> str:
    """A name without its type words, so 'road map' does not read as transport."""
    return _vocab().strip_re.sub(" ", name)


def _nearest(d: _Date, mentions: list[_Mention], text: str) -> _Mention:
    """The mention a date belongs to: the closest one, a date right before '– mention' going forward (but
    not across a semicolon: "signed X on 2 May 1958; a protocol ..." dates X)."""
    best, best_dist = mentions[0], 10**9
    for m in mentions:
        if d.end <= m.start:
            dist = m.start - d.end
            if ";" in text[d.end : m.start]:
                dist += 10**6  # a date never reaches forward past a semicolon
            elif dist <= 4:
                dist = 0
        elif d.start >= m.end:
            dist = d.start - m.end
        else:
            dist = 0
        if dist < best_dist:
            best, best_dist = m, dist
    return best


def _owner(d: _Date, mentions: list[_Mention], sign_hits: list[re.Match[str]], text: str) -> _Mention:
    """'the X, signed by A and B on DATE, and the Y ...': a date after a signing verb that follows a
    mention is that mention's, however close the next one is; otherwise the nearest mention's."""
    before = [m for m in mentions if max(m.end, m.name_end) <= d.start]
    if before:
        m = max(before, key=lambda x: max(x.end, x.name_end))
        end = max(m.end, m.name_end)
        if any(end <= x.start() < d.start for x in sign_hits) and not any(
                end <= o.start < d.start for o in mentions if o is not m):
            return m
    return _nearest(d, mentions, text)


def _role(text: str, d: _Date, ws: int, we: int, low: str | None) -> str:
    """'sign' or 'ratify' for a date, by the cue in its own clause before it, else the nearest one.

    `low`: `folded(text)`."""
    v = _vocab()
    before = text[ws : d.start]
    cut = max(before.rfind(","), before.rfind(";"))
    own_start = ws + cut + 1 if cut >= 0 else ws
    own = text[own_start : d.start]
    own_low = None if low is None else low[own_start : d.start]
    r_b = [m.end() for m in v.ratify_ci.finditer(own, own_low)]
    if r_b:
        s_b = [m.end() for m in v.sign_cue_ci.finditer(own, own_low)]
        return "ratify" if max(r_b) > max(s_b or [-1]) else "sign"
    # no ratification cue before it: 'sign' unless one follows and no signing cue comes before or first
    # (the signing cues are read only then: most dates have no ratification cue near them at all)
    after = text[d.end : we]
    after_low = None if low is None else low[d.end : we]
    r_a = [m.start() for m in v.ratify_ci.finditer(after, after_low)]
    if not r_a or next(v.sign_cue_ci.finditer(own, own_low), None) is not None:
        return "sign"
    s_a = [m.start() for m in v.sign_cue_ci.finditer(after, after_low)]
    return "ratify" if not s_a or min(r_a) < min(s_a) else "sign"


def _list_intro(text: str, segments: list[Segment], si: int) -> int | None:
    """The sentence that signs the documents a list item enumerates: the intro line ending in ':' or,
    when that line only announces the list ("Two matter most:"), a sentence just before it in its
    paragraph with a strict signing verb ("the delegations signed nearly 40 documents.")."""
    if segments[si].kind != "list_item":
        return None
    j = si - 1
    while j >= 0 and si - j < 30 and segments[j].kind == "list_item":
        j -= 1
    if j < 0 or segments[j].kind == "list_item" or not segments[j].text.rstrip().endswith(":"):
        return None
    v = _vocab()
    for k in range(j, max(-1, j - 3), -1):
        seg = segments[k]
        if seg.kind == "heading" and k < j:
            return None  # (the intro itself may read as a one-line heading)
        # an intro paragraph of its own ("Those released so far:") after a paragraph that ends by
        # signing a set of documents ("... the two presidents signed some 20 documents.")
        if (k < j and "\n\n" in text[seg.end : segments[k + 1].start]
                and (k + 1 != j or not _DOCS_SIGNED.search(seg.text))):
            return None
        x = (v.sign_re if k == j else v.strict_sign_re).search(seg.text)
        if x and not _negated(seg.text, 0, x.start()):
            return k
        if k < j and "\n\n" in text[seg.end : segments[k + 1].start]:
            return None
    return None


_DOCS_SIGNED = guarded(r"\b(?:documents|agreements|accords|texts|instruments|memoranda|package)\b")


def _intro_event(
    text: str, segments: list[Segment], si: int, para_start: int, memo: dict[int, int | None]
) -> tuple[PartialDate | None, str | None]:
    """Date and place of the signing that the intro of a list item states (`_list_intro`), else Nones;
    an intro that signs nothing itself ("Those whose titles were released:") takes them from the sentence
    just before it that signs a set of documents."""
    k = _list_intro(text, segments, si)
    if k is None:
        return None, None
    cands = [k]
    if k > 0 and segments[k - 1].kind != "heading" and _DOCS_SIGNED.search(segments[k - 1].text):
        cands.append(k - 1)
    for kk in cands:
        itext = segments[kk].text
        verbs = [x.end() for x in _vocab().strict_sign_re.finditer(itext)]
        if not verbs:
            continue
        first = kk
        while first > 0 and segments[first - 1].kind != "heading" and "\n\n" not in text[
                segments[first - 1].end : segments[first].start]:
            first -= 1
        dated = [(d, pd) for d, pd in _resolve_all(_find_dates(itext), _context_year(segments, first, kk, memo),
                                                    False)
                 if pd is not None]
        if not dated:
            return None, None
        d, pd = min(dated, key=lambda t: min(abs(t[0].start - a) for a in verbs))
        pl = _place(itext, 0, len(itext), verbs + [d.start])
        return pd, pl[0] if pl else None
    return None, None


def _colon_intro(text: str) -> tuple[int, int] | None:
    """'two texts signed in Tokyo in October 1993: an agreement on X, and a memorandum on Y': the clause
    before a colon that signs what the colon enumerates, as (start of that clause, colon)."""
    colon = text.find(":")
    if colon <= 0 or not text[colon + 1 :].strip():
        return None
    start = text.rfind(";", 0, colon) + 1
    x = _vocab().strict_sign_re.search(text, start, colon)
    if x is None or _negated(text, start, x.start()):
        return None
    return start, colon


def _elliptic(text: str, m: _Mention, rows: list[_Row], si: int) -> bool:
    """'Then, in 1956 – an agreement on ...': a dated verbless item continuing a signed list."""
    if not rows or rows[-1].last_seen < si - 1:
        return False
    if m.inherit and m.inherit != "same_year":
        return True  # "- Same day: a memorandum on ...", continuing the signed item above
    return bool(re.search(r"(?:1[6-9]|20)\d\d\s*[–—-]\s*(?:an?\s+|the\s+)?[\w-]*\s*$", text[: m.type_start]))


def _antecedent(rows: list[_Row], m: _Mention, si: int) -> _Row | None:
    """The row an anaphoric mention ('the treaty', 'the partnership treaty') refers to."""
    if not rows:
        return None
    words = _words(m.name)
    if words:
        scored = [(r, _similar(m.name, r.name)) for r in rows]
        scored = [t for t in scored if t[1] >= 0.6]
        if scored:
            return max(scored, key=lambda t: (t[1], t[0].last_seen))[0]
    fam = _FAMILY.get(m.type)
    recent = [r for r in rows if r.last_seen >= si - 3]
    generic = m.type == "agreement" and re.sub(r"s$", "", m.name.split()[-1].lower()) in ("agreement", "deal", "accord")
    same = [r for r in recent if _FAMILY.get(r.type) == fam or generic]
    if same:
        return max(same, key=lambda r: r.last_seen)
    return None


def _other_instrument(row: _Row, m: _Mention) -> bool:
    """An anaphor that states its own full signing date, in another year than every date of the row it
    would refer to, and no row of its kind has that date: another instrument of the same kind."""
    pd = m.signed
    if pd is None or pd.day is None or not m.signed_explicit or not row.signed:
        return False
    return all(d.year != pd.year for d, _, _ in row.signed)


def _absorb_anaphor(row: _Row, m: _Mention, si: int, ratify_segment: bool) -> None:
    row.ratified += m.ratified
    if m.signed is not None and not row.signed and (not ratify_segment or m.signed_explicit and m.has_verb):
        row.signed.append((m.signed, m.heading, si))
    row.topics |= m.topics - {"diplomatic"} if m.topics else set()
    row.last_seen = si


_VISIT = guarded(r"\b(?:visit\w*|trip|flew|travel\w*|arrived|summit|talks)\b")


def _add(rows: list[_Row], m: _Mention, si: int, segments: list[Segment], item_start: int = 0) -> None:
    if m.inherit and rows:
        # "the same day": the instrument mentioned last, which may be an earlier row named again
        prev = max(reversed(rows), key=lambda r: r.last_seen)
        # an instrument named earlier in this very sentence is the event referred to, not a visit before it
        visit_date, visit_place = _previous_visit(segments, si) if prev.last_seen < si else (None, None)
        if m.inherit == "same_visit":
            # the visit is where the latest row stated with a visit or a place was signed; in a list, an
            # earlier item is another event
            visited = next((r for r in reversed(rows) if r.last_seen >= item_start
                            and (_VISIT.search(segments[r.seg_index].text) or r.places)), None)
            if visited is not None:
                prev = visited
            elif visit_date is None:
                prev = _Row("", "", "", False, si, m)  # nothing to inherit from
            else:
                prev = rows[-1]
        src = next((d for d, h, _ in prev.signed if not h), None)
        if visit_date is not None:
            src = visit_date
        if m.signed is None and src is not None:
            if m.inherit == "same_month" and src.month:
                src = PartialDate(src.year, src.month)
            elif m.inherit == "same_year":
                src = PartialDate(src.year)
            m.signed = src
        if m.inherit == "same_visit" and m.place is None:
            m.place = visit_place if visit_date is not None else (prev.places[0] if prev.places else None)
        if (m.inherit == "same_day" and m.place is None and prev.places and segments[si].kind == "list_item"
                and segments[prev.seg_index].kind == "list_item" and prev.last_seen >= si - 1):
            m.place = prev.places[0]  # "Same day:" bullets continue the event of the item above
        if len(m.parties) < 2 and len(prev.parties) >= 2 and visit_date is None:
            m.parties |= prev.parties
    best, best_sim = None, 0.0
    for r in rows:
        if r.kind == "bare" or m.kind == "bare":
            same = (r.type == m.type and r.parties == m.parties and m.signed is not None
                    and any(d.year == m.signed.year and d.month == m.signed.month for d, _, _ in r.signed))
            sim = 1.0 if same else 0.0
        else:
            sim = _similar(m.name, r.name)
        if sim >= 0.75 and sim > best_sim and _compatible(r, m):
            best, best_sim = r, sim
    if best is None:
        best = _Row(m.name, m.type, m.kind, m.name_explicit, si, m)
        rows.append(best)
    else:
        if len(m.name) > len(best.name) and m.kind == "named" and not m.heading:
            best.name = m.name
        more_precise = m.signed is not None and (
            not best.mention.signed or m.signed.rank() > best.mention.signed.rank()
        )
        if (best.mention.heading and not m.heading) or (more_precise and (m.has_verb or not best.mention.has_verb)):
            best.mention, best.seg_index = m, si
    if m.signed is not None:
        best.signed.append((m.signed, m.heading, si))
    best.ratified += m.ratified
    if m.place and not m.heading:
        best.places.append(m.place)
    if not m.heading:
        best.parties |= m.parties
    best.topics |= m.topics
    best.last_seen = si


def _previous_visit(segments: list[Segment], si: int) -> tuple[PartialDate | None, str | None]:
    """'... paid a return visit to Moscow ... in 2001. During this visit, ...': the visit's date and place."""
    if si == 0:
        return None, None
    prev = segments[si - 1].text
    if not _VISIT.search(prev):
        return None, None
    dates = [d.date for d in _find_dates(prev) if d.date is not None]
    if not dates:
        return None, None
    pm = _VISIT_PLACE.search(prev)
    return dates[-1], pm.group(1) if pm else None


def _keep(r: _Row) -> bool:
    """A named instrument with neither date nor verb anywhere is still a fact; bare ones need a date."""
    return not (r.kind == "bare" and not r.signed and not r.mention.has_verb)


def _choose_signed(r: _Row) -> PartialDate | None:
    if not r.signed:
        return None
    year = _prose_year(r)
    cands = [d for d, h, _ in r.signed if not h and d.year == year] if year else [d for d, _, _ in r.signed]
    return max(cands, key=lambda d: d.rank())


def _finish(
    r: _Row,
    text: str,
    segments: list[Segment],
    ranking: Callable[[], list[str]],
    ctx: DocContext,
    seg_parties: dict[int, _SegParties],
) -> Agreement:
    v = _vocab()
    m = r.mention
    seg = segments[r.seg_index]
    signed = _choose_signed(r)
    ratified = max(r.ratified, key=lambda d: (d.year, d.month or 0, d.day or 0)) if r.ratified else None
    if ratified is not None and signed is not None and ratified.to_date() < signed.to_date():
        ratified = None
    parties = set(r.parties)
    explicit_parties = len(m.parties)
    want = _wanted(seg.text)
    if len(parties) < want:
        parties = _context_parties(text, segments, r.seg_index, parties, want, ctx, seg_parties)
    if len(parties) < 2:
        for c in ranking():
            if len(parties) >= 2:
                break
            parties.add(c)
    topics = set(r.topics)
    name = r.name
    name_explicit = r.name_explicit
    place = _most_common(r.places)
    if r.kind == "bare" and r.name_explicit:
        name_explicit = False
        if len(name.split()) == 1:
            word = _singular(name).lower()
            order = ["border", "territory", "energy", "trade", "transport", "finance", "military"]
            topic = next((t for t in order if t in topics), None)
            label = "border" if topic == "territory" else v.name_by_topic.get(topic or "", "")
            if r.type == "treaty" and place:
                name = f"Treaty of {place}"
            elif label:
                name = f"{label} {word}"
            else:
                name = word
    if not topics and len({_FAMILY.get(v.types.get(_single_spaced(seg.text[a:b].lower()), ""))
                           for a, b in v.type_ci.spans(seg.text)
                           if seg.text[a:b].lower() not in v.titled_only}) == 1:
        # nothing in its clause: what the rest of its sentence says it does ("under an agreement signed in
        # 2009, each side notifies the other of missile launches"), when no other instrument is named there
        topics = _topics(_strip_type(seg.text)) - {"diplomatic"}
    if not topics:
        topics = set(v.default_topics.get(r.type, []))
    signed_here = signed is not None and any(d == signed and s == r.seg_index for d, _, s in r.signed)
    conf = (
        (1.0 if name_explicit else 0.5)
        + (1.0 if explicit_parties >= 2 else 0.5 if explicit_parties == 1 else 0.0)
        + (1.0 if signed_here and m.signed_explicit else 0.5 if signed is not None else 0.0)
    ) / 3
    return Agreement(
        name=name,
        agreement_type=r.type,
        parties=sorted(parties),
        evidence=Evidence(seg.start, seg.end, seg.text, EXTRACTOR, round(conf, 3)),
        signed=signed,
        ratified=ratified,
        place=place,
        topics=sorted(topics),
    )
