"""Rule-based extraction of military exercises (annotation-guide.md, `military_exercises`).

How a document becomes exercise rows:

1. One cheap prefilter pass over the document (exercise nouns, series names) picks the segments to read.
2. A segment that passes yields *mentions*: every exercise name in it ("Joint Sea-2022",
   "Vostok 2018", "Joint Sea 2012, 2013" -> two editions), or, when it names none, one
   unnamed exercise if it uses a non-anaphoric exercise noun ("an exercise", "joint naval
   drills") with a date at month precision or better and a participant. Sentences about
   patrols, parades and port calls make no unnamed mention.
3. Sentences after a mention, in the same section and a few paragraphs, that make no mention
   of their own *continue* it: they add activities and forces (domain), participants named
   with a participation cue ("Mongolian units also took part"; observers never), and an end
   date after an end cue ("before a closing ceremony on 17 July"). A patrol sentence or a new
   heading ends the continuation.
4. Mentions of one exercise merge (same name and year): most precise dates, union of
   participants and activities, fullest name; unnamed mentions stay rows of their own.

All vocabulary lives in data/exercises.yaml. Private helpers here cover what the shared
grammars do not: day ranges whose first day has no month ("5-12 July 2013"), end-only dates
("ran until 19 July") and the year of an exercise name overriding a relative date.
"""

from __future__ import annotations

import bisect
import calendar
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from re import _parser
from typing import Any

from eurasia_etl.extract.context import for_document
from eurasia_etl.facts import Evidence, MilitaryExercise, PartialDate
from eurasia_etl.grammar.countries import CountryMatch, find_countries, iso3_of
from eurasia_etl.grammar.dates import weekday_names
from eurasia_etl.grammar.guard import (
    Anchored,
    Caseless,
    alternation,
    caseless_twin,
    folded,
    guarded,
    occurrences,
    required_substrings,
    skipping,
)
from eurasia_etl.knowledge import load_yaml
from eurasia_etl.segment import Segment

EXTRACTOR = "exercise-rules/1"
_log = logging.getLogger(__name__)
_PARTICIPANT_KINDS = frozenset({"state", "adjective", "capital", "historical", "service"})
_MAX_CONT_PARAS = 3  # continuation reaches this many paragraphs past the mention
_MAX_CONT_SEGMENTS = 10
_HAS_MONTH_OR_DIGIT = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(?:this|last|next) (?:month|year|week)\b"
    rf"|\blast (?:{'|'.join(weekday_names())})\b",  # "last Wednesday": a weekday against the dateline
    re.I,
)
_ADJ_SUFFIXES = ("al", "ic", "ary", "ive", "ian", "ese", "ish", "ed", "ing", "ous", "ful", "ern")
_LATERAL = {"bi": 2, "tri": 3, "two": 2, "three": 3}


_UNSET: Any = object()  # `low` not given: fold the text here


class _Folded(Caseless):
    """`Caseless` (grammar.guard) that also searches a window, as `rx.search(text, pos, endpos)`."""

    __slots__ = ()

    def search_in(self, text: str, pos: int, endpos: int, low: str | None = _UNSET) -> re.Match[str] | None:
        """`low`: folded(text), when the caller has it. No test for the required words first: the text
        may be a whole document and the window a few words."""
        if self.twin is None:
            low = None
        elif low is _UNSET:
            low = folded(text)
        if low is None:
            return self.rx.search(text, pos, endpos)
        return self.twin.search(low, pos, endpos)  # type: ignore[union-attr]


_FOLDED: dict[int, _Folded] = {}


def _ci(rx: re.Pattern[str]) -> _Folded:
    """The Caseless stand-in of a re.IGNORECASE pattern searched in sentences: its case-sensitive twin on
    the lower-cased text finds the same spans several times faster. Its matches are of the lower-cased
    copy: read their offsets, or their text only lower-cased. One per pattern, kept for the process."""
    got = _FOLDED.get(id(rx))  # by id: hashing a pattern hashes its compiled code, at every call
    if got is None or got.rx is not rx:
        got = _FOLDED[id(rx)] = _Folded(rx)
    return got


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Series:
    name: str
    bare: bool
    participants: frozenset[str]
    domain: str | None


@dataclass(frozen=True)
class _Vocab:
    prefilter: Anchored
    series_prefilter: re.Pattern[str]
    noun: re.Pattern[str]
    series_re: re.Pattern[str]
    series_by_surface: dict[str, _Series]
    generic_name: re.Pattern[str]
    generic_window: int
    generic_stop: frozenset[str]
    editions: re.Pattern[str]
    anaphoric: frozenset[str]
    generic_mod: re.Pattern[str]
    negative: re.Pattern[str]
    domain_res: dict[str, re.Pattern[str]]
    domain_excl: re.Pattern[str]
    activity_res: dict[str, re.Pattern[str]]
    # the same as caseless twins (grammar.guard); for activities also a gate for "any of them" (most texts name none)
    domain_twins: tuple[re.Pattern[str], dict[str, re.Pattern[str]]] | None  # exclusions, each domain
    activity_ci: dict[str, Caseless]
    activity_gate: re.Pattern[str] | None  # see _literal_gate: most texts name no activity
    not_practised: re.Pattern[str]
    not_practised_gate: re.Pattern[str] | None
    practice_verbs: re.Pattern[str]
    participation: re.Pattern[str]
    participation_before: re.Pattern[str]
    non_part_after: re.Pattern[str]
    non_part_before: re.Pattern[str]
    observer: re.Pattern[str]
    group_ref: re.Pattern[str]
    end_cue: re.Pattern[str]
    start_cue: re.Pattern[str]
    planned_cue: re.Pattern[str]
    offset_lead: re.Pattern[str]
    simultaneity: re.Pattern[str]
    era: re.Pattern[str]
    loc_prep: re.Pattern[str]
    loc_item: re.Pattern[str]
    loc_sep: re.Pattern[str]
    loc_border: re.Pattern[str]
    geo_head: re.Pattern[str]
    day_before: re.Pattern[str]
    range_sep: re.Pattern[str]
    lateral: re.Pattern[str]
    months: frozenset[str]
    org_words: frozenset[str]
    backscan_stop: frozenset[str]
    ordinals: frozenset[str]
    modifiers: frozenset[str]
    bare_context: re.Pattern[str]
    series_verb: re.Pattern[str]
    held_before: re.Pattern[str]
    held_after: re.Pattern[str]
    since_year: re.Pattern[str]
    military_context: re.Pattern[str]
    former_name: re.Pattern[str]
    former_name_ci: Caseless
    origin_cue: re.Pattern[str]
    short_year_follow: re.Pattern[str]
    anchor_same_day: re.Pattern[str]
    anchor_soon_after: re.Pattern[str]
    abbreviation: re.Pattern[str]
    abbreviation_noun: re.Pattern[str]
    not_held: re.Pattern[str]
    place_columns: re.Pattern[str]
    called_off: re.Pattern[str]
    edition_cue: re.Pattern[str]
    ordinal_edition_cue: re.Pattern[str]
    in_year_cue: re.Pattern[str]
    rel_edition_hit: re.Pattern[str]
    edition_hit: re.Pattern[str]
    # (edition_hit, rel_edition_hit) with the width of what precedes their white space, and the nouns after it
    edition_scans: tuple[tuple[re.Pattern[str], int], ...]
    edition_nouns: tuple[str, ...]
    edition_phrase: re.Pattern[str]
    stage_cue: re.Pattern[str]
    quoted_name: re.Pattern[str]
    place_before: re.Pattern[str]
    place_of: re.Pattern[str]
    stage_ordinal: re.Pattern[str]
    intro_hit: Anchored
    intro_after: re.Pattern[str]
    intro_after_tail: re.Pattern[str]
    intro_before: re.Pattern[str]
    intro_direct: re.Pattern[str]
    intro_stop: frozenset[str]
    num_follow: re.Pattern[str]
    former_scan: Anchored | None  # former_name_ci's twin, for the whole-document scan


def _alt(words: list[str]) -> str:
    return alternation(words)


def _any(patterns: list[str]) -> re.Pattern[str]:
    return guarded("|".join(f"(?:{p})" for p in patterns), re.I)


def _literal_gate(patterns: list[str]) -> re.Pattern[str] | None:
    """A search for the strings (grammar.guard.required_substrings) one of which every match of any of
    the re.IGNORECASE `patterns` contains, to run on `folded(text)`: when it finds none, none of the
    patterns matches. One scan of words grouped by first character, where a single alternation of
    the patterns would try each of them at every letter. None when a pattern has no such list."""
    words: list[str] = []
    for p in patterns:
        req = required_substrings(re.compile(p, re.I))
        if req is None:
            return None
        words += req
    return re.compile(alternation(words))


def _domain_twins(
    exclusions: re.Pattern[str], domains: dict[str, re.Pattern[str]]
) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]] | None:
    """Caseless twins (grammar.guard) of the domain exclusions and of each domain's words, or None unless
    every one has a twin. Without a literal gate before them: compiled to skip ahead to their first
    characters, they are quicker alone than behind one on the sentences they see."""
    excl = caseless_twin(exclusions)
    each = {k: caseless_twin(rx) for k, rx in domains.items()}
    if excl is None or any(t is None for t in each.values()):
        return None
    return excl, each  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Compile data/exercises.yaml once per process."""
    raw = load_yaml("exercises.yaml")
    by_surface: dict[str, _Series] = {}
    for s in raw["series"]:
        ser = _Series(s["name"], bool(s.get("bare")), frozenset(s.get("participants") or ()), s.get("domain"))
        for surface in [s["name"], *(s.get("aliases") or [])]:
            by_surface[surface] = ser
    surfaces = sorted(by_surface, key=len, reverse=True)
    # grouped by first letter (grammar.guard.alternation): one test per letter, not per name, at each position
    sur_alt = alternation(
        [re.escape(x).replace(r"\ ", r"[\s-]+").replace("/", r"\s*/\s*") for x in surfaces], escape=False
    )
    # "2013-14", "2013 – 2014" are year ranges; "Joint Sea-2014 – 20–26 May 2014" is a name and a date.
    not_range = r"(?!\s*[-–/]\s*\d(?!\d?(?:\s*[-–]\s*\d{1,2})?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))"
    # skipping (grammar.guard): behind its look-behind the pattern would be tried at every position
    series_re = skipping(
        rf"(?<![\w/-])(?P<series>{sur_alt})(?P<suffix>/[A-Z][a-z]+)?"
        rf"(?:(?P<sep>\s*[-–]\s*|\s+)(?:(?P<year>(?:19|20)\d\d)|(?P<yy>\d\d))(?![\d,.]?\d){not_range}"
        r"(?P<part>\s*\((?:I{1,3}|IV|V|VI{1,3}|[1-9])\))?)?"  # "Joint Sea-2015 (II)": the second of a year
    )
    nouns = raw["nouns"]
    noun_alt = _alt(nouns).replace(r"\ ", r"\s+")
    weak = "|".join(f"(?:{p})" for p in raw["weak_noun_phrases"])
    noun = guarded(rf"\b(?:{noun_alt})\b|{weak}", re.I)
    # Prefilter, run once over the whole document: exercise nouns on the lower-cased text
    # (case-sensitive search is several times faster), series names as written.
    prefilter = re.compile(r"[edwmt](?:xercis|rill|ar[\s-]?game|argame|anoeuv|aneuv|rain(?:ing|ed)\b)")
    series_prefilter = re.compile(sur_alt)  # literals first: re's own first-character scan beats a guard
    former_name = guarded(raw["former_name"], re.I)
    word = r"(?:[A-Z][a-z]+|[A-Z]{2,})"
    # skipping (grammar.guard): behind its look-behind the pattern would be tried at every position
    generic_name = skipping(
        rf"(?<![\w/-])(?P<name>{word}(?:(?:\s+|/|-){word}){{0,3}})(?P<sep>\s*[-–]\s*|\s+)"
        rf"(?:(?P<year>(?:19|20)\d\d)|(?P<num>\d\d(?:-\d{{1,2}})?))(?![\d,.]?\d){not_range}"
    )
    intro = raw["introduced_name"]
    # A name as a document introduces it: capitalised words, an optional edition number, emphasis marks.
    intro_name = (
        rf"[*_\"“]*(?P<name>{word}(?:(?:\s+|-){word}){{0,3}})"
        r"(?:(?:\s*[-–]\s*|\s+)(?:(?:19|20)\d\d|\d\d(?:-\d{1,2})?)(?![\d,.]?\d))?[*_\"”]*"
    )
    mods = r"(?P<mods>(?:[\w'’–-]+\s+){0,6})"
    intro_tail = rf"(?:,\s+|\s+(?:{_alt(intro['copulas'])})\s+)(?i:a|an|the)\s+{mods}$"
    dirs = _alt(raw["direction_words"])
    geo_lower = _alt(raw["geo_heads_lower"]).replace(r"\ ", r"\s+")
    cap = r"[A-Z][\w'’.-]*"
    item = (
        rf"(?:the\s+)?(?:(?:{dirs})\s+)?{cap}(?:\s+(?:(?:of\s+the|of|the|de|del)\s+)?{cap})*"
        rf"(?:\s+(?:{geo_lower})\b(?:\s+of\s+{cap}(?:\s+{cap})*)?)?"
    )
    geo_heads = _alt(raw["geo_heads"]).replace(r"\ ", r"\s+")
    former_name_ci = Caseless(former_name)
    # r"\b(?:19|20)\d\d\s+(?:nouns)\b" on the lower-cased text, once per document ("1(?<!\w1)" is "\b1"),
    # and "this year's edition" (the prefilter's other half of edition_phrase): see _edition_starts
    if any(not n or n[0].isspace() for n in raw["edition_nouns"]):
        raise ValueError("edition_nouns: _edition_starts needs nouns that start with no white space")
    nouns_after = rf"\s+(?:{_alt(raw['edition_nouns'])})\b"
    edition_scans = tuple(
        (re.compile(first + nouns_after), _parser.parse(first).getwidth()[0])
        for first in (r"(?:1(?<!\w1)9|2(?<!\w2)0)\d\d", r"year[’']s")  # of a fixed width each
    )
    (edition_hit, _), (rel_edition_hit, _) = edition_scans
    # its anchors (Anchored): "euv" for both spellings of manoeuvre, one str.find instead of two
    prefilter_scan = Anchored(prefilter, via=("xercis", "rill", "game", "rain", "euv"))
    domain_res = {k: _any(v) for k, v in raw["domain_words"].items()}
    domain_excl = _any(raw["domain_exclusions"])
    activity_res = {k: _any(v) for k, v in raw["activities"].items()}
    return _Vocab(
        prefilter=prefilter_scan,
        series_prefilter=series_prefilter,
        noun=noun,
        series_re=series_re,
        series_by_surface={re.sub(r"[\s/-]+", " ", k).lower(): v for k, v in by_surface.items()},
        generic_name=generic_name,
        generic_window=int(raw["generic_name_window"]),
        months=frozenset(raw["month_words"]),
        org_words=frozenset(raw["organisation_words"]),
        backscan_stop=frozenset(raw["noun_phrase_boundaries"]),
        ordinals=frozenset(raw["ordinals"]),
        modifiers=frozenset(raw["noun_modifiers"]),
        military_context=guarded(raw["military_context"]),
        former_name=former_name,
        former_name_ci=former_name_ci,
        origin_cue=re.compile(raw["origin_cue"], re.I),
        short_year_follow=re.compile(raw["short_year_follow"]),
        anchor_same_day=re.compile(raw["anchor_same_day"], re.I),
        anchor_soon_after=re.compile(raw["anchor_soon_after"], re.I),
        not_held=re.compile(raw["not_held"], re.I),
        place_columns=re.compile(raw["place_columns"], re.I),
        called_off=re.compile(raw["called_off"], re.I),
        edition_cue=re.compile(
            rf"^\s*(?:the|its)\s+((?:19|20)\d\d)\s+(?:{_alt(raw['edition_nouns'])}|{noun_alt})\b", re.I
        ),
        ordinal_edition_cue=re.compile(raw["ordinal_edition_cue"], re.I),
        in_year_cue=re.compile(raw["in_year_cue"]),
        rel_edition_hit=rel_edition_hit,
        stage_cue=re.compile(raw["stage_cue"], re.I),
        # skipping (grammar.guard): behind its "\b" it would be tried at every position
        edition_phrase=skipping(raw["edition_phrase"].replace("{nouns}", f"(?:{_alt(raw['edition_phrase_nouns'])})")),
        place_before=re.compile(raw["place_before"], re.I),
        place_of=re.compile(
            rf"^(?:the\s+)?(?:{cap}\s+)?(?:{_alt(raw['place_of_heads'])})\s+of\s+(?={cap})".replace(r"\ ", r"\s+")
        ),
        # Case-sensitive name, caseless noun: only the noun is under (?i:), so the pattern needs no
        # caseless twin (grammar.guard cannot make one for a pattern that also matches by case).
        quoted_name=re.compile(
            rf"[\"“](?P<name>[A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*){{0,3}})[\"”]\s+(?i:{noun_alt})\b"
        ),
        stage_ordinal=re.compile(raw["stage_ordinal"], re.I),
        # on the lower-cased text, once per document; its nouns hold the prefilter's words (or "series"):
        # one str.find per word serves both scans
        intro_hit=Anchored(
            guarded(rf"\b{intro['nouns']}\b(?![’']s)"), via=(*(prefilter_scan.anchors or ()), "series")
        ),
        # searched in the few words before a noun, anchored at the noun; skipping: as series_re
        intro_after=skipping(rf"(?<![\w-]){intro_name}{intro_tail}"),
        # its tail alone: where it finds nothing, intro_after cannot match (a quick test before the search)
        intro_after_tail=skipping(intro_tail),
        intro_before=re.compile(
            rf"(?:(?i:\s*,?\s+{intro['naming_verbs']}\s+)|,\s+(?=[^,]{{3,40}},)){intro_name}(?![\w-])"
        ),
        intro_direct=re.compile(rf"(?i:{intro['direct_nouns']})\s+{intro_name}(?={intro['direct_follow']})"),
        intro_stop=frozenset(w.lower() for w in intro["stopwords"]),
        num_follow=re.compile(raw["edition_number_follow"]),
        edition_hit=edition_hit,
        edition_scans=edition_scans,
        edition_nouns=tuple(raw["edition_nouns"]),
        abbreviation=re.compile(raw["abbreviation"]),
        abbreviation_noun=re.compile(rf"\b(?:{noun_alt})\s*$", re.I),
        bare_context=guarded(rf"\b(?:{noun_alt}|series|editions?|iterations?)\b", re.I),
        series_verb=re.compile(raw["series_verb"]),
        held_before=re.compile(raw["held_before"], re.I),
        held_after=re.compile(raw["held_after"], re.I),
        since_year=re.compile(raw["since_year"], re.I),
        generic_stop=frozenset(w.lower() for w in raw["generic_name_stopwords"]),
        editions=re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)((?:19|20)\d\d)(?![\d-])"),
        anaphoric=frozenset(raw["anaphoric_determiners"]),
        generic_mod=guarded(rf"\b(?:{_alt(raw['generic_modifiers'])})\b", re.I),
        negative=_any(raw["negative_cues"]),
        domain_res=domain_res,
        domain_excl=domain_excl,
        activity_res=activity_res,
        domain_twins=_domain_twins(domain_excl, domain_res),
        activity_ci={k: Caseless(rx) for k, rx in activity_res.items()},
        activity_gate=_literal_gate([p for ps in raw["activities"].values() for p in ps]),
        not_practised=re.compile(rf"(?:{'|'.join(raw['activity_not_practised'])})\s+(?:\w+\s+)?$", re.I),
        not_practised_gate=_literal_gate(raw["activity_not_practised"]),
        practice_verbs=re.compile(raw["practice_verbs"], re.I),
        participation=re.compile(raw["participation_cues"], re.I),
        participation_before=skipping(  # skipping (grammar.guard): it starts behind "\b"
            r"\b(?:took|take|taking|takes) part in\s+$|\b(?:participated|joined)\s+(?:in\s+)?$"
        ),
        non_part_after=re.compile(raw["non_participant_after"], re.I),
        non_part_before=re.compile(raw["non_participant_before"], re.I),
        observer=re.compile(raw["observer_cues"], re.I),
        group_ref=re.compile(raw["group_reference"], re.I),
        end_cue=re.compile(raw["end_cues"], re.I),
        offset_lead=re.compile(raw["offset_lead"], re.I),
        planned_cue=re.compile(raw["planned_cues"], re.I),
        start_cue=re.compile(
            r"(?:\bbegan|\bbegin|\bstarted|\bstarting|\bopened|\bkicked off|\bcommenced|\blaunched"
            r"|\binaugural ceremony)"
            r"(?:\s+on)?\s*$|\b(?:running|under way|underway|in progress) since\s*$",
            re.I,
        ),
        simultaneity=re.compile(raw["simultaneity_cues"], re.I),
        era=re.compile(raw["era_cues"], re.I),
        # skipping: as series_re, behind "\b"
        loc_prep=skipping(rf"\b(?:{_alt(raw['location_prepositions'])})\s+(?={item})"),
        loc_item=re.compile(item),
        loc_sep=re.compile(r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)(?:(?:in|on|at|off|across)\s+)?"),
        loc_border=skipping(
            r"\b(?:near|along|on|at|across|to)\s+the\s+(border\s+(?:with|between)\s+"
            rf"{cap}(?:\s+and\s+{cap})?|{cap}(?:[-–]{cap})?\s+border)"
        ),
        geo_head=skipping(rf"\b(?:{geo_heads})\b|\b(?:{geo_lower})$"),  # as participation_before
        day_before=skipping(  # searched from the sentence start: skip ahead to "f", "b" or a digit
            r"(?:\b(?:from|between)\s+)?\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|until|till)\s*$"
        ),
        range_sep=re.compile(r"^\s*(?:to|until|till|through|thru|and|-|–|—)\s*$"),
        lateral=re.compile(
            r"\b(bi|tri)-?lateral\b|\b(?:between|of) the (two|three) (?:countries|states|powers)\b", re.I
        ),
        former_scan=None if former_name_ci.twin is None else Anchored(former_name_ci.twin),
    )


# --------------------------------------------------------------------------- mentions


@dataclass
class _Date:
    start: int
    end: int
    first: PartialDate | None
    last: PartialDate | None
    relative: bool
    month_only: int | None
    end_only: bool = False
    start_cue: bool = False
    planned: bool = False  # a date first set, then revised ("first set for 5-9 September")


@dataclass
class _Mention:
    seg: Segment
    index: int  # segment index
    para: int
    name: str | None
    key: str | None  # merge key: normalised series/name without year
    year: int | None  # year written in the name
    series: _Series | None
    pos: int = 0  # offset of the name in its segment
    start: PartialDate | None = None
    end: PartialDate | None = None
    start_explicit: bool = False
    inherit: bool = True  # may take the parties of the series' other editions
    pending: bool = False  # "the second Freedom Edge exercise": an edition a later sentence must date
    name_explicit: bool = False
    participants: set[str] = field(default_factory=set)
    participants_explicit: bool = False
    excluded: set[str] = field(default_factory=set)
    location: str | None = None
    domains: set[str] = field(default_factory=set)
    activities: set[str] = field(default_factory=set)


_YEARS_IN_NAME = skipping(r"(?:19|20)\d\d|\b\d\d\b")  # grammar.guard: skips ahead to a digit
_NAME_SEPARATORS = re.compile(r"[\s/\-–'\"“”‘’]+")


def _norm_key(name: str) -> str:
    s = _YEARS_IN_NAME.sub(" ", name.lower())
    s = _NAME_SEPARATORS.sub(" ", s).strip()
    return s


_SERIES_SEPARATORS = re.compile(r"[\s/-]+")
_CAPITAL_WORD_BEFORE = re.compile(r"[A-Z][\w'-]*\s+$")
_DASH_DIGIT_AFTER = re.compile(r"\s*[-–—:|,]\s*\d")


def _find_names(
    v: _Vocab,
    text: str,
    context: Callable[[], str] | None = None,
    listed: bool = False,
    focus: bool = False,
    abbrs: tuple[re.Pattern[str], dict[str, _Series]] | None = None,
    intro: tuple[re.Pattern[str], dict[str, _Series]] | None = None,
) -> list[tuple[int, int, str, int | None, _Series | None]]:
    """Exercise names in one segment: (start, end, name as written, year, series).

    `context` gives the segment's paragraph (read only when a series name with a spaced year
    has no exercise noun next to it); `focus`: a series is in focus, so an earlier name
    ("originally called X in 2008") may be read; `listed`: the segment is a list item under a heading
    about exercises, so a "Name-2014" item needs no noun of its own.
    """
    out: list[tuple[int, int, str, int | None, _Series | None]] = []
    taken: list[tuple[int, int]] = []
    for m in v.series_re.finditer(text):
        ser = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", m.group("series")).lower())
        if ser is None:
            continue
        year: int | None = None
        if m.group("year"):
            year = int(m.group("year"))
        elif m.group("yy") and (m.group("sep").strip() or (ser.bare and v.short_year_follow.match(text, m.end()))):
            yy = int(m.group("yy"))
            year = 1900 + yy if yy >= 30 else 2000 + yy
        end = m.end() if year is not None else m.end("suffix") if m.group("suffix") else m.end("series")
        held_since = (
            year is None
            and "since" in text
            and bool(v.held_before.search(text, max(0, m.start() - 40), m.start()) or v.held_after.match(text, end))
            and v.since_year.search(_clause(text, end)) is not None
        )
        if year is None and not held_since and (
            not ser.bare
            or not (
                v.bare_context.search(text, max(0, m.start() - v.generic_window), end + v.generic_window)
                or _ordinal_before(v, text, m.start())
                or v.series_verb.match(text, end)  # "Key Resolve ran 11-21 March": the subject of a run verb
            )
        ):
            continue  # a bare series name counts only next to "drill", "exercise", "series", an ordinal ...
        if year is not None and not ser.bare:
            # A one-word series with a spaced year ("Ocean 2024") must not be the tail of a longer
            # capitalised name ("Pacific Ocean 2024") and needs an exercise noun nearby.
            before = text[max(0, m.start() - 30) : m.start()]
            if _CAPITAL_WORD_BEFORE.search(before):
                continue
            if (
                not (m.group("sep") or "").strip()
                and not listed
                and not _ci(v.noun).search_in(text, max(0, m.start() - v.generic_window), m.end() + v.generic_window)
                and not (context is not None and v.military_context.search(context()))
            ):
                continue
        out.append((m.start(), end, text[m.start() : end], year, ser))
        taken.append((m.start(), end))
        if year is not None:
            pos = end
            sep = m.group("sep") or " "
            base = text[m.start() : m.start("sep")] if m.group("sep") else text[m.start() : end]
            while True:
                ed = v.editions.match(text, pos)
                if not ed:
                    break
                y = int(ed.group(1))
                out.append((ed.start(1), ed.end(1), f"{base}{sep.strip() or ' '}{y}".replace("  ", " "), y, ser))
                taken.append((ed.start(1), ed.end(1)))
                pos = ed.end()
    for m in v.quoted_name.finditer(text) if '"' in text or "“" in text else ():
        # A quoted name right before an exercise noun: its own "July Storm" manoeuvres.
        if any(m.start("name") < te and ts < m.end("name") for ts, te in taken):
            continue
        words = m.group("name").split()
        if any(iso3_of(w) for w in words):
            continue
        ym = _YEAR.search(m.group("name"))
        out.append((m.start("name"), m.end("name"), m.group("name"), int(ym.group(0)) if ym else None, None))
        taken.append((m.start("name"), m.end("name")))
    if abbrs is not None:
        # Abbreviations the document introduced for an exercise ("... exercise (SAREX)").
        for m in abbrs[0].finditer(text):
            if any(m.start() < te and ts < m.end() for ts, te in taken):
                continue
            out.append((m.start(), m.end(), m.group(0), None, abbrs[1][m.group(0)]))
            taken.append((m.start(), m.end()))
    if intro is not None:
        # Names the document introduced ("Iron Mace, a tabletop exercise"), with an edition number if any.
        for m in intro[0].finditer(text):
            s, e, year = m.start(), m.end(), None
            num = m.group("num")
            if num is not None and num.isdigit() and len(num) == 4:
                year = int(num)
            elif num is not None and not _edition_number(v, text, m.group("sep"), e):
                e = m.end("n")
            if any(s < te and ts < e for ts, te in taken):
                continue
            out.append((s, e, text[s:e], year, intro[1][m.group("n")]))
            taken.append((s, e))
    # a name with a year or edition number needs two digits in a row: most segments have none
    for m in v.generic_name.finditer(text) if _TWO_DIGITS.search(text) else ():
        s, e = m.start(), m.end()
        words = _SERIES_SEPARATORS.split(m.group("name"))
        while len(words) > 1 and words[0].lower() in v.generic_stop:
            # "In Ssangyong 16, ...": the name starts after a capitalised stop word
            s = text.index(words[1], s + len(words[0]))
            words = words[1:]
        if any(s < te and ts < e for ts, te in taken):
            continue
        if words[0].lower() in v.generic_stop or any(w.lower() in v.months for w in words):
            continue
        if any(_is_party_word(w) for w in words) or any(v.noun.fullmatch(w) for w in words):
            continue  # "Russia 2024" is no name; "Red Flag-Alaska 23-2" is (a region, not a party)
        if all(w.lower() in {"joint", "military", "naval", "exercise", "drills"} for w in words):
            continue
        num = m.group("num")
        if num is not None and (words[0].lower() in v.intro_stop or not _edition_number(v, text, m.group("sep"), e)):
            continue
        window = text[max(0, s - v.generic_window) : e + v.generic_window]
        first_in_row = (
            listed and not text[:s].strip(" |*") and (text.startswith("|") or _DASH_DIGIT_AFTER.match(text, e))
        )
        # "Resolute Dragon 24 opened at ...": an edition-numbered name as the subject of a start verb,
        # in a paragraph about forces, needs no exercise noun of its own.
        subject = num is not None and context is not None and bool(_STARTS.match(text, e))
        if not first_in_row and not _ci(v.noun).search(window) and not (
            subject and context is not None and v.military_context.search(context())
        ):
            continue
        if ";" in text[s:e]:
            continue
        out.append((s, e, text[s:e], int(m.group("year")) if m.group("year") else None, None))
        taken.append((s, e))
    if focus or any(x[4] is not None for x in out) or _named_series(v, text) is not None:
        out.extend(_former_names(v, text, taken))
    out.sort()
    return out


_TWO_DIGITS = re.compile(r"\d\d")
_START_VERB_WORDS = ("opened", "began", "started", "kicked off", "got under way", "ran", "was held", "took place")
_START_VERBS = rf"(?:{'|'.join(_START_VERB_WORDS)})\b"
_STARTS = re.compile(rf"\s+{_START_VERBS}")
# Prefilter for the same: "<Capitalised> 24 opened" (two digits between a word and a start verb).
# The look-behind after the first digit: the scan can then skip to digits (same matches).
# Its anchors (Anchored) are the verbs with their space: " ran" is in far fewer places than "ran" ("Iran").
_NUMBERED_START_HIT = Anchored(
    re.compile(rf"\d(?<=[A-Za-z] \d)\d(?:-\d{{1,2}})? {_START_VERBS}"), via=tuple(f" {w}" for w in _START_VERB_WORDS)
)


@lru_cache(maxsize=4096)
def _is_party_word(w: str) -> bool:
    return iso3_of(w) is not None and any(c.kind in _PARTICIPANT_KINDS for c in find_countries(w))


def _edition_number(v: _Vocab, text: str, sep: str, end: int) -> bool:
    """Whether two digits after a name are its edition ("Keen Sword 19 ran", "| Keen Sword 19 |"), not a count."""
    return not sep.strip() and bool(v.short_year_follow.match(text, end) or v.num_follow.match(text, end))


def _is_former(v: _Vocab, text: str, pos: int) -> bool:
    """Whether the name at pos follows a former-name cue ("first under the name ...")."""
    return any(m.end() == pos for m in v.former_name.finditer(text, max(0, pos - 60), pos))


def _named_series(v: _Vocab, text: str) -> _Series | None:
    """The first known series a text names, with or without a year ("... from 2011, as Selenga")."""
    if not v.series_prefilter.search(text):
        return None
    for m in v.series_re.finditer(text):
        ser = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", m.group("series")).lower())
        if ser is not None:
            return ser
    return None


def _ordinal_before(v: _Vocab, text: str, pos: int) -> bool:
    """ "the second Freedom Edge", "its first Joint Sea": an ordinal right before a series name."""
    return any(w.lower() in v.ordinals for w in _WORD.findall(text[max(0, pos - 30) : pos])[-2:])


_EDITION_NUMBER = re.compile(r"\s(\d\d(?:-\d{1,2})?)$")
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?$", re.I)
_SENTENCE_END = re.compile(r"\.\s")
_PART = re.compile(r"\((I{1,3}|IV|V|VI{1,3}|[1-9])\)$")
_FORMER = re.compile(r"[A-Z][\w'’]*(?:(?:\s+|-)[A-Z0-9][\w'’]*){0,3}")
_YEAR = skipping(r"\b(?:19|20)\d\d\b")  # grammar.guard: skips ahead to a 1 or 2


def _former_names(
    v: _Vocab, text: str, taken: list[tuple[int, int]]
) -> list[tuple[int, int, str, int | None, _Series | None]]:
    """An earlier name of a series with its year: "first held under the name Darkhan-1 in 2008"."""
    out: list[tuple[int, int, str, int | None, _Series | None]] = []
    for m in v.former_name_ci.finditer(text):  # offsets only: the same spans as v.former_name
        n = _FORMER.match(text, m.end())
        if not n or any(n.start() < e and s < n.end() for s, e in taken):
            continue
        name = n.group(0)
        y = _YEAR.search(name)
        if y is None:
            # The year must be in the same clause: "under the name X in 2008", "in 2008, under the name X".
            clause = _clause(text, m.start())
            c0 = text.find(clause)
            years = [c0 + x.start() for x in _YEAR.finditer(clause)]
            # "under the name X in 2008" (right after the name), else "since 2008, first under the
            # name X" (the nearest year before the cue); a later year belongs to a later name.
            right_after = [y for y in years if n.end() <= y <= n.end() + 9]
            before = [y for y in years if y < m.start()]
            if right_after:
                pick = right_after[0]
            elif before:
                pick = before[-1]
            elif len(years) == 1:
                pick = years[0]
            else:
                continue
            year = int(text[pick : pick + 4])
        else:
            year = int(y.group(0))
        out.append((n.start(), n.end(), name, year, None))
        taken.append((n.start(), n.end()))
    return out


def _dates(v: _Vocab, doc: _Doc, text: str, reference: PartialDate | None, skip: list[tuple[int, int]]) -> list[_Date]:
    """Dates of one segment, with ranges joined and end-only dates marked."""
    found = [d for d in doc.ctx.dates(text, reference) if not any(d.start < e and s < d.end for s, e in skip)]
    out: list[_Date] = []
    i = 0
    while i < len(found):
        d = found[i]
        cur = _Date(d.start, d.end, d.first, d.last, d.relative, d.month_only)
        if d.last is None and i + 1 < len(found) and d.first is not None:
            nxt = found[i + 1]
            if nxt.first is not None and v.range_sep.match(text[d.end : nxt.start]):
                first = d.first
                if d.relative and not nxt.relative:
                    first = PartialDate(nxt.first.year, first.month, first.day)
                if first.to_date() <= nxt.first.to_date() or first.year == nxt.first.year:
                    cur = _Date(d.start, nxt.end, first, nxt.first, d.relative and nxt.relative, None)
                    i += 1
        if cur.last is None and cur.first is not None and cur.first.day is not None:
            m = v.day_before.search(text, 0, cur.start)
            if m and m.end() == cur.start and int(m.group(1)) < cur.first.day:
                cur = _Date(
                    m.start(1),
                    cur.end,
                    PartialDate(cur.first.year, cur.first.month, int(m.group(1))),
                    cur.first,
                    cur.relative,
                    None,
                )
        before = text[max(0, cur.start - 40) : cur.start]
        before_low = folded(before)  # once for the three cues
        if cur.last is None and _ci(v.end_cue).search(before, before_low):
            cur.end_only = True
        elif _ci(v.start_cue).search(before, before_low):
            cur.start_cue = True
        if out and out[-1].planned and cur.first is not None:
            out.pop()  # the plan gives way to the date the text goes on to give
        cur.planned = bool(_ci(v.planned_cue).search(before, before_low))
        out.append(cur)
        i += 1
    return out


def _year_fits(d: PartialDate, year: int) -> bool:
    """Whether a date can be that of an edition named for `year`: the same year, or the last quarter of the
    year before ("Keen Sword 23 ... 10-19 November 2022": fiscal-year names run from October)."""
    return d.year == year or (d.year == year - 1 and d.month is not None and d.month >= 10)


def _with_year(d: PartialDate | None, year: int) -> PartialDate | None:
    """The same month/day in another year (29 February falls back to month precision)."""
    if d is None:
        return None
    if d.month is not None and d.day is not None and d.day > calendar.monthrange(year, d.month)[1]:
        return PartialDate(year, d.month)
    return PartialDate(year, d.month, d.day)


def _date_fields(d: _Date, year: int | None) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) of a date, the year of the exercise name replacing a relative year."""
    first, last = d.first, d.last
    if year is not None:
        if first is None and d.month_only:
            first = PartialDate(year, d.month_only)
        elif d.relative:
            first, last = _with_year(first, year), _with_year(last, year)
    if first is not None and last is not None and first.year != last.year and year is None:
        return None, None
    if d.end_only:
        return None, first
    if last is not None and last == first:
        last = None
    return first, last


@lru_cache(maxsize=4096)
def _names_state(phrase: str) -> bool:
    """Whether a place candidate is really a country ("in Russia" is not a location of an exercise)."""
    return any(c.kind in ("state", "adjective", "service") for c in find_countries(phrase))


_THE = re.compile(r"^the\s+")
_PLACE_JOINER = skipping(r"\s+(?:and\s+)?(?:in|on|at|off|across)\s+(?=(?:the\s+)?[A-Z])")
_SPACES = re.compile(r"\s+")
# A feature name standing alone ("Peter the Great Bay", "Sea of Japan").
_FEATURE = skipping(  # grammar.guard: tried only where a match can start, not behind its look-behind everywhere
    r"(?<![\w-])(?:[A-Z][\w'-]*\s+(?:the\s+)?){0,2}(?:Sea|Ocean|Gulf|Bay|Strait)(?:\s+of\s+[A-Z][\w'-]*)?\b"
)


def _locations(v: _Vocab, text: str, skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Place names in a segment: "(in|off|near...) the Sea of Japan and the Sea of Okhotsk"."""
    out: list[tuple[int, int, str]] = []

    def ok_item(s: str) -> bool:
        core = _THE.sub("", s)
        words = core.split()
        if not words or words[0].lower() in v.months or words[-1].lower().strip(".") in v.months:
            return False
        if any(w.lower().strip(".,") in v.org_words for w in words):
            return False
        return not _names_state(core) or bool(v.geo_head.search(core)) or bool(v.place_of.match(core))

    for m in v.loc_border.finditer(text):
        out.append((m.start(1), m.end(1), m.group(1)))
    for m in v.loc_prep.finditer(text):
        it = v.loc_item.match(text, m.end())
        if not it or any(it.start() < e and s < it.end() for s, e in skip):
            continue
        if not ok_item(it.group(0)):
            continue
        start, end = it.start(), it.end()
        while True:
            sep = v.loc_sep.match(text, end)
            if not sep:
                break
            nxt = v.loc_item.match(text, sep.end())
            if not nxt or not ok_item(nxt.group(0)) or any(nxt.start() < e and s < nxt.end() for s, e in skip):
                break
            end = nxt.end()
        cut = _SENTENCE_END.search(text, start, end)  # "... East China Sea. Vladimir Putin": the sentence ended
        if cut:
            end = cut.start()
        while end > start and text[end - 1] in ".-’'":
            end -= 1
        raw = text[start:end]
        name = _PLACE_JOINER.sub(lambda x: " and " if "and" in x.group(0) else " ", raw)
        name = _THE.sub("", _SPACES.sub(" ", name)).strip(" ,")
        of = v.place_of.match(raw)
        if of:
            # "the Japanese port of Maizuru" -> Maizuru; "Japanese" stays readable as a country.
            start, name = start + of.end(), raw[of.end() :].strip(" ,")
        out.append((start, end, name))
    # Feature names standing alone: "(14-17 October 2021, Sea of Japan)".
    for m in _FEATURE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in skip) or any(m.start() < e and s < m.end() for s, e, _ in out):
            continue
        out.append((m.start(), m.end(), m.group(0)))
    out.sort()
    return out


def _activities(v: _Vocab, text: str, low: str | None = _UNSET) -> set[str]:
    """Activities practised in a text; `low`: folded(text), when the caller has it."""
    found: set[str] = set()
    low = folded(text) if low is _UNSET else low
    if low is not None and v.activity_gate is not None and not v.activity_gate.search(low):
        return found  # no activity word at all: the common case, one scan instead of one per activity
    for act, ci in v.activity_ci.items():
        for m in ci.finditer(text, low):
            if _not_practised(v, text, low, max(0, m.start() - 40), m.start()):
                continue
            if act == "patrol":
                clause = _clause(text, m.start())
                word = text[m.start() : m.end()]
                if not _ci(v.practice_verbs).search(clause) or _ci(v.negative).search(clause.replace(word, "")):
                    continue
            found.add(act)
            break
    return found


def _not_practised(v: _Vocab, text: str, low: str | None, lo: int, hi: int) -> bool:
    """`not_practised.search(text, lo, hi)`, not tried when the window holds none of its words (the
    pattern, anchored at the end, tries all its phrases at every position of the window)."""
    if low is not None and v.not_practised_gate is not None and not v.not_practised_gate.search(low, lo, hi):
        return False
    return v.not_practised.search(text, lo, hi) is not None


def _clause(text: str, pos: int) -> str:
    s = max(text.rfind(";", 0, pos), text.rfind(". ", 0, pos)) + 1
    e = min([x for x in (text.find(";", pos), text.find(". ", pos)) if x >= 0] or [len(text)])
    return text[s:e]


def _domains(v: _Vocab, text: str, low: str | None = _UNSET) -> set[str]:
    """Domains (naval, air ...) a text names; `low`: folded(text), when the caller has it."""
    low = folded(text) if low is _UNSET else low
    if low is None or v.domain_twins is None:
        clean = v.domain_excl.sub(" ", text)
        return {d for d, rx in v.domain_res.items() if rx.search(clean)}
    excl, each = v.domain_twins
    # exclusions blanked in the lower-cased text: the same spans, so this is `clean` lower-cased
    clean_low = excl.sub(" ", low)
    return {d for d, twin in each.items() if twin.search(clean_low)}


def _facets(v: _Vocab, text: str, low: str | None) -> tuple[set[str], set[str]]:
    """(domains, activities) of a text, folded once for both (`low`: folded(text))."""
    return _domains(v, text, low), _activities(v, text, low)


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|&\s*|['’]s\s+|\s+)(?:the\s+)?")


def _countries(
    v: _Vocab,
    text: str,
    skip: list[tuple[int, int]],
    lo: int = 0,
    hi: int | None = None,
    found: list[CountryMatch] | None = None,
):
    """(participants, excluded) named in text[lo:hi]: observers, absentees and places left out.

    Countries written as one list ("Azerbaijan, Oman and Pakistan sent observers") share
    the verdict of the words right after or before the list. `found`: `find_countries(text)`
    when the caller has it already.
    """
    hi = len(text) if hi is None else hi
    lists: list[list] = []
    for c in find_countries(text) if found is None else found:
        if c.start < lo or c.end > hi or c.kind not in _PARTICIPANT_KINDS:
            continue
        if any(c.start < e and s < c.end for s, e in skip):
            continue
        if lists and _LIST_GAP.fullmatch(text, lists[-1][-1].end, c.start):
            lists[-1].append(c)
        else:
            lists.append([c])
    keep: set[str] = set()
    excluded: set[str] = set()
    for group in lists:
        after = text[group[-1].end : group[-1].end + 60]
        before = text[max(0, group[0].start - 40) : group[0].start]
        isos = {c.iso3 for c in group}
        before_low = folded(before)  # once for both cues before the list
        if _ci(v.place_before).search(before, before_low):
            continue  # "east of Taiwan": a place
        if _ci(v.non_part_after).search(after) or _ci(v.non_part_before).search(before, before_low):
            excluded |= isos
        else:
            keep |= isos
    return keep - excluded, excluded


# --------------------------------------------------------------------------- driver


_PARA_BREAK = re.compile(r"\n[ \t]*\n")


class _Doc:
    """Per-document state: text, segments, paragraph index, lazily found countries."""

    def __init__(self, text: str, segments: list[Segment], published: PartialDate | None) -> None:
        self.text = text
        self.segments = segments
        self.published = published
        self.breaks = [m.start() for m in _PARA_BREAK.finditer(text)]
        self._countries: dict[int, list[str]] = {}
        self.ctx = for_document(text, segments)
        self.abbrs: tuple[re.Pattern[str], dict[str, _Series]] | None = None
        self.intro: tuple[re.Pattern[str], dict[str, _Series]] | None = None
        self.found: dict[str, list[int]] = {}  # str.find results on ctx.lowered, shared by the anchored scans

    def find_abbreviations(self, v: _Vocab) -> list[int]:
        """Exercise abbreviations the document introduces; returns where they occur (for the prefilter)."""
        # "(SAREX)" is rare and cheap to find; only then look for the exercise noun before it.
        found = {
            m.group("abbr")
            for m in v.abbreviation.finditer(self.text)
            if _ci(v.abbreviation_noun).search_in(self.text, max(0, m.start() - 40), m.start(), self.ctx.folded)
        }
        found = {a for a in found if not iso3_of(a)}
        if not found:
            return []
        alt = "|".join(re.escape(a) for a in sorted(found, key=len, reverse=True))
        rx = re.compile(rf"(?<![\w-])(?P<n>{alt})(?![\w-])")  # once per document that defines one
        self.abbrs = (rx, {a: _Series(a, True, frozenset(), None) for a in found})
        return [m.start() for m in rx.finditer(self.text)]

    def find_introduced(self, v: _Vocab) -> list[int]:
        """Names the document introduces for an exercise ("Iron Mace, a tabletop exercise", "a drill
        called Steppe Partner"); returns where they occur (for the prefilter)."""
        text, found = self.text, set()
        for h in v.intro_hit.matches(self.ctx.lowered, self.found):
            s, e = h.start(), h.end()
            lo = max(0, s - 90)
            m = v.intro_after.search(text, lo, s) if v.intro_after_tail.search(text, lo, s) else None
            if m and all(w.lower() not in v.backscan_stop for w in m.group("mods").split()):
                found.add(m.group("name"))
            m = v.intro_before.match(text, e)
            if m and (
                not m.group(0).startswith(",")
                or re.search(r"\b(?:an?)\s+(?:\S+\s+){0,3}$", text[max(0, s - 40) : s], re.I)
            ):
                found.add(m.group("name"))
            m = v.intro_direct.match(text, s)
            if m:
                found.add(m.group("name"))
        names = {n for n in (_introduced_name(v, x) for x in found) if n}
        if not names:
            return []
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        rx = re.compile(
            rf"(?<![\w-])(?P<n>{alt})(?:(?P<sep>\s*[-–]\s*|\s+)(?P<num>(?:19|20)\d\d|\d\d(?:-\d{{1,2}})?)(?![\d,.]?\d))?"
            r"(?![\w-])"
        )
        self.intro = (rx, {n: _Series(n, True, frozenset(), None) for n in names})
        return [m.start() for m in rx.finditer(text)]

    def para(self, seg: Segment) -> int:
        return bisect.bisect_right(self.breaks, seg.start)

    def para_text(self, seg: Segment) -> str:
        """The paragraph around a segment, with its section heading."""
        p = self.para(seg)
        lo = self.breaks[p - 1] if p else 0
        hi = self.breaks[p] if p < len(self.breaks) else len(self.text)
        return f"{seg.heading or ''}\n{self.text[lo:hi]}"

    def seg_countries(self, i: int) -> list[CountryMatch]:
        """`find_countries` of segment i, from the document's one scan."""
        seg = self.segments[i]
        return self.ctx.countries(seg.start, seg.end)

    def countries_of(self, i: int) -> list[str]:
        if i not in self._countries:
            self._countries[i] = [c.iso3 for c in self.seg_countries(i) if c.kind in _PARTICIPANT_KINDS]
        return self._countries[i]

    def recent_countries(self, i: int, n: int) -> set[str]:
        """The last n distinct countries named before segment i (for "the two navies")."""
        seen: list[str] = []
        for j in range(i - 1, max(-1, i - 15), -1):
            for iso in reversed(self.countries_of(j)):
                if iso not in seen:
                    seen.append(iso)
                if len(seen) >= n:
                    return set(seen[:n])
        return set(seen) if len(seen) == n else set()


_NAME_WORD = re.compile(r"[\w'’]+")


def _introduced_name(v: _Vocab, name: str) -> str | None:
    """An introduced name cleaned of leading stop words, or None if it is no exercise name (a country,
    a month, an organisation, a known series, which its own entry handles)."""
    words = _NAME_WORD.findall(name)
    k = 0
    while k < len(words) and (words[k].lower() in v.generic_stop or words[k].lower() in v.intro_stop):
        k += 1
    if k == len(words):
        return None
    name = name[name.index(words[k]) :] if k else name
    rest = words[k:]
    if any(
        w.lower() in v.intro_stop or w.lower() in v.months or w.lower() in v.org_words or iso3_of(w)
        for w in rest
    ):
        return None
    if len(name) < 3 or v.noun.fullmatch(name) or any(v.noun.fullmatch(w) for w in rest):
        return None
    if _SERIES_SEPARATORS.sub(" ", name).lower() in v.series_by_surface:
        return None
    return name


def _group_countries(v: _Vocab, doc: _Doc, i: int, text: str) -> set[str]:
    out: set[str] = set()
    for m in _ci(v.group_ref).finditer(text):
        word = (m.group(1) or "").lower()
        n = {"two": 2, "both": 2, "three": 3, "four": 4}.get(word, 2 if m.group(0).lower().startswith("both") else 0)
        if n:
            out |= doc.recent_countries(i, n)
    return out


_NOT_BEFORE = re.compile(r"\bnot\s+(?:as\s+)?(?:an?\s+)?(?:\w+\s+)?$", re.I)
_WORD = re.compile(r"[\w'’-]+")


def _is_new_noun(v: _Vocab, text: str, m: re.Match[str], orphan: bool = False) -> bool:
    """An exercise noun that introduces an event, not "the drill" or "routine drills".

    `orphan`: no exercise is in focus, so "the drills, held on 5 May ..." introduces one.
    """
    before = text[max(0, m.start() - 70) : m.start()]
    if v.generic_mod.search(" ".join(before.split()[-3:])):
        return False
    if _ci(_NOT_BEFORE).search(before):
        return False
    words: list[str] = _WORD.findall(before)[-6:]
    for k, w in enumerate(reversed(words)):
        lw = w.lower()
        if lw in ("a", "an", "own"):
            return True
        if lw in v.anaphoric:
            nxt = words[len(words) - k] if k > 0 else ""
            return orphan and lw in ("the", "these", "this") or nxt.lower() in v.ordinals
        if lw.endswith(("'s", "’s")) or not _is_modifier(v, w):
            return True  # a bare noun phrase ("joint naval drills") or a possessive one
    return True


def _is_modifier(v: _Vocab, w: str) -> bool:
    """Whether a word can sit between a determiner and an exercise noun ("the large naval drill")."""
    lw = w.lower()
    return (
        lw in v.modifiers
        or lw in v.ordinals
        or w[:1].isupper()
        or any(ch.isdigit() for ch in w)
        or "-" in w
        or lw.endswith(_ADJ_SUFFIXES)
    )


def _mentions_in(
    v: _Vocab,
    doc: _Doc,
    i: int,
    reference: PartialDate | None,
    prev: _Mention | None,
    orphan: bool,
    focus: _Series | None = None,
) -> list[_Mention]:
    seg = doc.segments[i]
    text = seg.text
    para = doc.para(seg)
    # A list item under a heading about exercises, or a row of a table with an "Exercise" column.
    listed = _listed(v, seg)
    names = _find_names(v, text, lambda: doc.para_text(seg), listed, focus is not None, doc.abbrs, doc.intro)
    if listed and seg.kind == "table_row":
        cell = _name_cell(v, doc, seg, [(s, e) for s, e, *_ in names])
        if cell is not None:
            names = sorted([*names, cell])
    nouns: list[re.Match[str]] = []
    if len(names) == 1 and names[0][3] is None and names[0][4] is not None:
        # "The US Navy's Rim of the Pacific series began in 1971": the first edition of the series named
        origin = v.origin_cue.match(text)
        if origin:
            return _origin(v, doc, i, names[0][4], int(origin.group(1)))
    if not names and focus is not None:
        origin = v.origin_cue.match(text)
        if origin:
            return _origin(v, doc, i, focus, int(origin.group(1)))
        edition = v.edition_cue.match(text) or v.in_year_cue.match(text)
        if edition:
            return _origin(v, doc, i, focus, int(edition.group(1)), edition=True)
        edition = v.ordinal_edition_cue.match(text)
        if edition:
            # "The tenth round, in 2017, ...": a past edition counted in the series, its parties those of the series
            return _origin(v, doc, i, focus, int(edition.group(1)), edition=True, counted=True)
        row = _series_table_row(v, doc, i, focus, reference)
        if row is not None:
            return [row]
    phrased = _edition_phrases(v, text, names, focus, reference)
    if phrased:
        names = sorted([*names, *phrased])
    low = folded(text)  # for the caseless searches of the sentence and its parts
    if not names:
        # Cheap checks first: most segments that pass the prefilter make no unnamed mention.
        if _ci(v.negative).search(text, low):
            return []
        nouns = [m for m in _ci(v.noun).finditer(text, low) if _is_new_noun(v, text, m, orphan)]
        if not nouns:
            return []
        if not _ci(_HAS_MONTH_OR_DIGIT).search(text, low) and not _anchor(v, text, low):
            return []
    name_spans = [(s, e) for s, e, *_ in names]
    phrased_at = {x[0] for x in phrased}
    dates = _dates(v, doc, text, reference, name_spans)
    if prev is not None and dates and any(d.relative for d in dates):
        dates = _offset_dates(v, doc, i, text, prev, dates)
    if not names and not dates and not _anchor(v, text, low):
        return []
    locs = _locations(v, text, name_spans)
    loc_spans = [(s, e) for s, e, _ in locs] + _place_cells(v, seg)
    out: list[_Mention] = []
    for k, (s, e, name, year, ser) in enumerate(names):
        lo = names[k - 1][1] if k else 0
        hi = names[k + 1][0] if k + 1 < len(names) else len(text)
        cut = _ci(v.negative).search_in(text, e, hi, low)
        if cut:
            hi = cut.start()
        scope = text[lo:hi]
        scope_low = low[lo:hi] if low is not None else folded(scope)  # folded(scope): lower() keeps offsets
        if _ci(v.not_held).search(_clause(text, s)) or _ci(v.called_off).search_in(text, max(0, s - 50), s, low):
            continue
        after = [d for d in dates if e <= d.start < hi]
        before = [d for d in dates if lo <= d.start < s]
        chosen: _Date | None = None
        # A bare series name after another name ("... on the scale of the old Foal Eagle series")
        # does not take the date written for the name before it.
        candidates = after if (year is None and k > 0) else [*after, *reversed(before)]
        for d in candidates:
            if year is not None and d.first is not None and not d.relative and not _year_fits(d.first, year):
                continue
            chosen = d
            break
        closing: _Date | None = None
        if chosen is not None and chosen.end_only:
            # "ended on Friday after running since 22 August": the end first, the start after it
            start_d = next((x for x in after if x.start > chosen.start and not x.end_only and x.first), None)
            sf = start_d.first if start_d is not None else None
            if start_d is not None and sf is not None and (year is None or start_d.relative or _year_fits(sf, year)):
                chosen, closing = start_d, chosen
        key = _norm_key(name) if ser is None else _norm_key(ser.name)
        number = _EDITION_NUMBER.search(name) if year is None else None
        if number is not None:
            # "Keen Sword 23" is one edition whatever year its mentions are dated to
            key = f"{key} #{number.group(1)}"
        part = _PART.search(name)
        if part and ser is not None:
            key = f"{key} {part.group(1)}"  # "(I)" and "(II)" of one year are two exercises
        if (
            s in phrased_at
            and (chosen is None or chosen.start < e or chosen.first is None or chosen.end_only)
            and not v.participation_before.search(text, max(0, s - 30), s)
        ):
            # "during the 2022 edition North Korea fired ...": a reference back, not a report
            # ("30 countries took part in the 2019 edition" is one)
            continue
        mention = _Mention(seg, i, para, name, key, year, ser, s)
        mention.name_explicit = True
        if chosen is not None:
            mention.start, mention.end = _date_fields(chosen, year)
            mention.start_explicit = mention.start is not None
            if mention.start is not None and mention.end is None and not chosen.end_only:
                # "opened on 19 June and lasted until 2 July": an end-only date after the start.
                tail = closing or next((d for d in after if d.start > chosen.start and d.end_only), None)
                if tail is not None:
                    _, end = _date_fields(tail, year if year is not None else mention.start.year)
                    if end is not None and end.to_date() >= mention.start.to_date():
                        mention.end = end
        before_me = out[-1] if out else prev if prev is not None and prev.para == para else None
        if (
            mention.start is None
            and year is None
            and before_me is not None
            and before_me.start is not None
            and _ci(v.anchor_same_day).search_in(text, e, hi, low)
        ):
            # "Key Resolve ran Feb. 24 through Mar. 6. Foal Eagle began the same day": the date of the name before
            mention.start, mention.start_explicit = before_me.start, True
            if chosen is not None and chosen.end_only:
                _, end = _date_fields(chosen, mention.start.year)
                mention.end = end if end is not None and end.to_date() >= mention.start.to_date() else None
        if mention.start is None and year is not None:
            mention.start = PartialDate(year)
        if year is None and mention.start is None and not _ci(v.era).search(scope, scope_low):
            # A bare series name ("the Joint Sea series") is not an event, unless an ordinal makes it
            # one edition ("the second Freedom Edge exercise"): it waits for a later sentence's date.
            if not (_ordinal_before(v, text, s) or (ser is None and _is_quoted(text, s, e))):
                continue
            mention.pending = True
        parts, excl = _countries(v, text, loc_spans + name_spans, lo, hi, doc.seg_countries(i))
        mention.participants_explicit = bool(parts)
        kin_former = _named_series(v, text) if ser is None and _is_former(v, text, s) else None
        if kin_former is not None and kin_former.participants:
            # "first under the name Darkhan ... as Selenga": the series' own parties, not "the two armies".
            parts |= kin_former.participants
        else:
            parts |= _group_countries(v, doc, i, scope)
        if not parts and not excl and ser is None:
            # "Selenga, first held under the name Darkhan-1 in 2008": the series named beside it,
            # or, in a list under "Russian-Mongolian drills", the heading's countries.
            kin = next((x[4] for x in names if x[4] is not None), focus) or _named_series(v, text)
            if kin is not None:
                parts = set(kin.participants)
            elif listed:
                # A table row or list item takes the parties of the exercise just described above it
                # (same section), else those of its heading.
                if prev is not None and prev.seg.heading == seg.heading and prev.participants:
                    parts = set(prev.participants)
                else:
                    parts = {c.iso3 for c in find_countries(seg.heading or "") if c.kind in _PARTICIPANT_KINDS}
        if not parts and not excl:
            # "The first bilateral exercise, Peace Mission 2005": the two states the text is about.
            lateral = _ci(v.lateral).search(scope, scope_low)
            if lateral:
                parts = doc.recent_countries(i, _LATERAL[(lateral.group(1) or lateral.group(2)).lower()])
        if listed and seg.kind == "table_row" and seg.header:
            # "| Exercise | Partners with Japan |": the country the header names takes part in every row
            parts |= _header_countries(v, seg) - excl
        mention.participants, mention.excluded = parts, excl
        loc_after = [x for x in locs if e <= x[0] < hi] or [x for x in locs if lo <= x[0] < s]
        mention.location = loc_after[0][2] if loc_after else _place_cell_text(v, seg)
        mention.domains, mention.activities = _facets(v, scope, scope_low)
        out.append(mention)
        if mention.start is not None and mention.start.month is not None and _ci(v.stage_cue).search(scope, scope_low):
            out.extend(_stages(v, mention, text, lo, hi, dates, locs))
    if names:
        return out
    # An unnamed exercise: a new (non-anaphoric) noun, a date at month precision, a participant.
    anchor = nouns[0]
    usable = [d for d in dates if (d.first is not None and d.first.month is not None)]
    if usable:
        d = min(usable, key=lambda x: abs(x.start - anchor.start()))
        start, end = _date_fields(d, None)
    else:
        # "The marines answered the same afternoon with a live-fire drill": the date of the text before.
        start, end = _anchored_date(v, doc, i, reference), None
        if start is None:
            return out
    if start is None and end is None:
        return out
    mention = _Mention(seg, i, para, None, None, None, None, start=start, end=end)
    mention.start_explicit = start is not None
    if start is None and _ci(v.simultaneity).search(text, low) and prev is not None and prev.start is not None:
        mention.start = PartialDate(prev.start.year, prev.start.month)
    if start is None and mention.start is None and end is not None:
        mention.start = None
    parts, excl = _countries(v, text, loc_spans, found=doc.seg_countries(i))
    mention.participants_explicit = bool(parts)
    parts |= _group_countries(v, doc, i, text)
    if _DEFINITE_BEFORE.search(text, max(0, anchor.start() - 30), anchor.start()):
        # "The two navies used to hold an annual exercise. In December 2013 the drill was held ...":
        # "the drill" is the one the sentence before describes, with its parties.
        parts |= _antecedent_countries(v, doc, i)
    if not parts:
        return out
    mention.participants, mention.excluded = parts, excl
    mention.location = locs[0][2] if locs else None
    mention.domains, mention.activities = _facets(v, text, low)
    out.append(mention)
    return out


def _edition_phrases(
    v: _Vocab, text: str, names: list, focus: _Series | None, reference: PartialDate | None
) -> list[tuple[int, int, str, int, _Series]]:
    """"The 2021 edition", "this year's edition", "the 2023 drills": editions of the series in focus
    (or of the one series the sentence names), as names with their year."""
    kin = {x[4].name: x[4] for x in names if x[4] is not None}
    if focus is not None:
        focus = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", focus.name).lower(), focus)
        kin.setdefault(focus.name, focus)
    if len(kin) != 1 or not _digit_or_apostrophe(text):
        return []
    ser = next(iter(kin.values()))
    out: list[tuple[int, int, str, int, _Series]] = []
    for m in v.edition_phrase.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, *_ in names):
            continue
        if m.group("y"):
            year = int(m.group("y"))
        elif reference is not None:
            year = reference.year + {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
        else:
            continue
        out.append((m.start(), m.end(), f"{ser.name} {year}", year, ser))
    return out


_DIGIT_OR_APOSTROPHE = re.compile(r"[\d’']")


def _digit_or_apostrophe(text: str) -> bool:
    """`any(c.isdigit() or c in "’'" for c in text)`: one scan; a digit that is no decimal (\\d), such as
    "²", is not ASCII."""
    if _DIGIT_OR_APOSTROPHE.search(text):
        return True
    return not text.isascii() and any(c.isdigit() for c in text)


def _listed(v: _Vocab, seg: Segment) -> bool:
    """A list item or table row under a heading about exercises, or a row of a table with an "Exercise" column."""
    if seg.kind == "table_row" and seg.header and any(_ci(v.noun).search(h) for h in seg.header):
        return True
    return (
        seg.kind in ("list_item", "table_row")
        and bool(seg.heading)
        and _ci(v.noun).search(seg.heading or "") is not None
    )


def _name_cell(v: _Vocab, doc: _Doc, seg: Segment, taken: list[tuple[int, int]]):
    """The name cell of an exercise table row ("| Selenga | Russia | 2018 |"), when no name was found in it:
    the cell under the exercise/name column (else the first), if it reads as a name."""
    if seg.kind != "table_row" or not seg.cells or not seg.header:
        return None
    col = next((k for k, h in enumerate(seg.header) if _ci(v.noun).search(h) or _NAME_COLUMN.search(h)), 0)
    if col >= len(seg.cells):
        return None
    cs, ce = seg.cells[col][0] - seg.start, seg.cells[col][1] - seg.start
    m = _CELL_NAME.match(seg.text, cs, ce)
    if m is None or any(m.start("n") < e and s < m.end("n") for s, e in taken):
        return None
    name = m.group("n")
    if _introduced_name(v, name) != name:
        ser = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", name).lower())
        return (m.start("n"), m.end("n"), name, None, ser) if ser is not None else None
    return (m.start("n"), m.end("n"), name, None, None)


_NAME_COLUMN = re.compile(r"\b(?:name|edition|event)s?\b", re.I)
_CELL_NAME = re.compile(
    r"[\s|*_]*(?P<n>(?:[A-Z][a-z]+|[A-Z]{2,})(?:(?:\s+|-|/)(?:[A-Z][a-z]+|[A-Z]{2,})){0,3})[\s*_]*(?:\([^)]*\)\s*)?\|?\s*$"
)


def _header_countries(v: _Vocab, seg: Segment) -> set[str]:
    out: set[str] = set()
    for h in seg.header or ():
        if not v.place_columns.search(h):
            out |= {c.iso3 for c in find_countries(h) if c.kind in _PARTICIPANT_KINDS}
    return out


def _place_cells(v: _Vocab, seg: Segment) -> list[tuple[int, int]]:
    """Segment spans of the cells under a place column ("Venue"): no participants there."""
    if seg.kind != "table_row" or not seg.header or not seg.cells:
        return []
    return [
        (s - seg.start, e - seg.start)
        for h, (s, e) in zip(seg.header, seg.cells, strict=False)
        if v.place_columns.search(h)
    ]


def _stages(
    v: _Vocab, m: _Mention, text: str, lo: int, hi: int, dates: list[_Date], locs: list[tuple[int, int, str]]
) -> list[_Mention]:
    """Later stages of a named exercise "in two stages", each dated to another month: rows of their own."""
    out: list[_Mention] = []
    months = {(m.start.year, m.start.month)} if m.start is not None else set()
    for n, o in enumerate(v.stage_ordinal.finditer(text, lo, hi), start=2):
        d = next((x for x in dates if o.end() <= x.start < hi and x.first is not None and not x.end_only), None)
        if d is None:
            continue
        start, end = _date_fields(d, m.year)
        if start is None or start.month is None or (start.year, start.month) in months:
            continue
        months.add((start.year, start.month))
        stage = _Mention(m.seg, m.index, m.para, m.name, f"{m.key} stage {n}", m.year, m.series, o.start())
        stage.start, stage.end, stage.start_explicit, stage.name_explicit = start, end, True, True
        stage.participants, stage.excluded = set(m.participants), set(m.excluded)
        stage.participants_explicit = m.participants_explicit
        tail = text[o.start() : hi]
        stage.location = next((x[2] for x in locs if o.end() <= x[0] < hi), None)
        stage.domains, stage.activities = _facets(v, tail, folded(tail))
        out.append(stage)
    return out


def _place_cell_text(v: _Vocab, seg: Segment) -> str | None:
    """The text of a table row's place column ("Venue": Beijing), if any."""
    for s, e in _place_cells(v, seg):
        cell = seg.text[s:e].strip(" *")
        if cell:
            return cell
    return None


def _antecedent_countries(v: _Vocab, doc: _Doc, i: int) -> set[str]:
    """Parties of the exercise the previous sentence (same paragraph) talks about, for "the drill"."""
    if i == 0:
        return set()
    prev, seg = doc.segments[i - 1], doc.segments[i]
    if prev.kind != "sentence" or doc.para(prev) != doc.para(seg) or not _ci(v.noun).search(prev.text):
        return set()
    parts, _ = _countries(v, prev.text, [], found=doc.seg_countries(i - 1))
    return parts | _group_countries(v, doc, i - 1, prev.text)


def _offset_dates(v: _Vocab, doc: _Doc, i: int, text: str, prev: _Mention, dates: list[_Date]) -> list[_Date]:
    """ "Four days earlier, on 19 March, ...": yearless days take the year that puts them on the stated
    side of the exercise reported just before (same section, next paragraph at most)."""
    m = v.offset_lead.match(text)
    ref = prev.start
    if m is None or ref is None or ref.month is None:
        return dates
    seg = doc.segments[i]
    if prev.seg.heading != seg.heading or doc.para(seg) - prev.para > 1:
        return dates
    later = m.group("dir").lower() in ("later", "after")
    out = []
    for d in dates:
        if d.relative and d.first is not None and d.first.month is not None:
            key, at = (d.first.month, d.first.day or 1), (ref.month, ref.day or 1)
            year = ref.year + (1 if later and key < at else -1 if not later and key > at else 0)
            if year != d.first.year:
                d = replace(d, first=_with_year(d.first, year), last=_with_year(d.last, year))
        out.append(d)
    return out


def _anchor(v: _Vocab, text: str, low: str | None) -> str | None:
    """ "same" when a sentence points back at the day of the text before it, "soon" at its month (`low`:
    folded(text))."""
    if _ci(v.anchor_same_day).search(text, low):
        return "same"
    if _ci(v.anchor_soon_after).search(text, low):
        return "soon"
    return None


def _anchored_date(v: _Vocab, doc: _Doc, i: int, reference: PartialDate | None) -> PartialDate | None:
    """The last month-precision date in the few segments before i (same section), for an anchored sentence."""
    text = doc.segments[i].text
    kind = _anchor(v, text, folded(text))
    if kind is None:
        return None
    seg = doc.segments[i]
    # The latest date of the narrative just before: background dates there are older.
    best: PartialDate | None = None
    for j in range(i - 1, max(-1, i - 4), -1):
        prev = doc.segments[j]
        if prev.heading != seg.heading or doc.para(seg) - doc.para(prev) > 1:
            break
        for d in doc.ctx.dates(prev.text, reference):
            if d.first is None or d.first.month is None or (d.relative and reference is None):
                continue
            if best is None or d.first.to_date() > best.to_date():
                best = d.first
    if best is None:
        return None
    return best if kind == "same" else PartialDate(best.year, best.month)


_ORDINAL_CELL = re.compile(r"\d{1,3}(?:st|nd|rd|th)", re.I)


def _series_table_row(
    v: _Vocab, doc: _Doc, i: int, ser: _Series, reference: PartialDate | None
) -> _Mention | None:
    """A row "| 2023 | 19 June – 2 July | ..." of a table whose heading names the series in focus:
    the edition of that year, with the row's dates and the heading's countries. A row that counts
    the edition instead ("| 15th | from 17 July 2023 | ...") is dated by its first full date."""
    seg = doc.segments[i]
    if seg.kind != "table_row" or not seg.cells:
        return None
    first = doc.text[seg.cells[0][0] : seg.cells[0][1]].strip(" *")
    cell0 = (seg.cells[0][0] - seg.start, seg.cells[0][1] - seg.start)
    dates = _dates(v, doc, seg.text, reference, [cell0])
    start: PartialDate | None
    if _YEAR.fullmatch(first):
        year = int(first)
        name, start, end, explicit = f"{ser.name} {year}", PartialDate(year), None, False
        for d in dates:
            s, e = _date_fields(d, year)
            if s is not None and s.year == year:
                start, end, explicit = s, e, True
                break
    elif _ORDINAL_CELL.fullmatch(first) or first.lower() in v.ordinals:
        full = [d for d in dates if not d.relative and not d.end_only and d.first is not None and d.first.month]
        start, end = _date_fields(full[0], None) if full else (None, None)
        if start is None:
            return None
        name, year, explicit = ser.name, start.year, True
    else:
        return None
    canon = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", ser.name).lower(), ser)
    m = _Mention(seg, i, doc.para(seg), name, _norm_key(canon.name), year, ser, start=start)
    m.end, m.start_explicit, m.name_explicit = end, explicit, True
    m.participants = {c.iso3 for c in find_countries(seg.heading or "") if c.kind in _PARTICIPANT_KINDS}
    m.participants_explicit = bool(m.participants)
    m.inherit = False  # the heading says who holds the editions listed; other editions' guests differ
    return m


def _origin(
    v: _Vocab, doc: _Doc, i: int, ser: _Series, year: int, edition: bool = False, counted: bool = False
) -> list[_Mention]:
    """ "It began in 2003 as a bilateral exercise between X and Y": the first edition of a series;
    `edition`: "The 2018 edition drew ...", that year's edition, named with its year."""
    seg = doc.segments[i]
    canon = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", ser.name).lower(), ser)
    name = f"{ser.name} {year}" if edition else ser.name
    m = _Mention(seg, i, doc.para(seg), name, _norm_key(canon.name), year, ser, start=PartialDate(year))
    m.name_explicit = edition
    m.start_explicit = True
    parts, excl = _countries(v, seg.text, [], found=doc.seg_countries(i))
    if not parts and not counted:
        return []
    # a counted edition naming no country takes those of the series' earlier editions in the document (or none: no row)
    m.participants, m.excluded, m.participants_explicit = parts, excl, bool(parts)
    m.domains, m.activities = _facets(v, seg.text, folded(seg.text))
    return [m]


def _followon(v: _Vocab, doc: _Doc, i: int, cur: _Mention, reference: PartialDate | None) -> _Mention | None:
    """Another unnamed drill of the pair in focus: "In May 2019 ships of both navies sailed into X to practise ..."

    Only after an unnamed drill dated to the month; the new one needs its own month-precision
    date in another month, an anaphoric exercise noun or a practice verb, and no end/start cue.
    """
    text = doc.segments[i].text
    if cur.key is not None or cur.start is None or cur.start.month is None:
        return None
    low = folded(text)
    if (
        not (_ci(v.practice_verbs).search(text, low) or _ci(v.noun).search(text, low))
        or _ci(v.end_cue).search(text, low)
        or _ci(v.start_cue).search(text, low)
    ):
        return None
    dates = _dates(v, doc, text, reference, [])
    dates = [d for d in dates if not d.end_only and not d.relative and d.first is not None]
    dates = [d for d in dates if d.first is not None and d.first.month is not None]
    if len(dates) != 1:
        return None
    start, end = _date_fields(dates[0], None)
    if start is None or (start.year, start.month) == (cur.start.year, cur.start.month):
        return None
    parts, excl = _countries(v, text, [], found=doc.seg_countries(i))
    parts |= _group_countries(v, doc, i, text)
    if not parts:
        return None
    seg = doc.segments[i]
    m = _Mention(seg, i, doc.para(seg), None, None, None, None, start=start, end=end)
    m.start_explicit = True
    m.participants, m.excluded, m.participants_explicit = parts, excl, True
    locs = _locations(v, text, [])
    m.location = locs[0][2] if locs else None
    m.domains, m.activities = _facets(v, text, low)
    return m


# A follow-on sentence whose subject is the exercise in focus: "It ran ...", "Held from 23 to 27 July ...".
_PRONOUN = re.compile(r"\s*(?:it|they|held|staged|conducted)\b", re.I)


def _is_quoted(text: str, s: int, e: int) -> bool:
    return text[s - 1 : s] in ('"', "“") and text[e : e + 1] in ('"', "”")

# Cheap gate before reading a follow-on sentence's dates for a start or end cue.
_CUE_WORDS = re.compile(
    r"\b(?:until|till|through|ended|concluded|closed|finished|wrapped up|ceremony|end(?:ing)? on|began|begin|started|"
    r"opened|kicked off|commenced|launched)\b",
    re.I,
)


_PART_SPLIT = re.compile(r";|,\s+(?:and|but|while|whereas)\s+")


def _split_spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The (start, end) of each piece of `rx.split(text)` (a pattern with no groups that matches no empty string)."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in rx.finditer(text):
        out.append((last, m.start()))
        last = m.end()
    out.append((last, len(text)))
    return out


def _continue(v: _Vocab, doc: _Doc, i: int, cur: _Mention, reference: PartialDate | None) -> None:
    """Add what a follow-on sentence says about the current exercise."""
    seg = doc.segments[i]
    text = seg.text
    low = folded(text)
    domains, activities = _facets(v, text, low)
    cur.domains |= domains
    cur.activities |= activities
    if _ci(v.participation).search(text, low):
        for a, b in _split_spans(_PART_SPLIT, text):
            part = text[a:b]
            if _ci(v.participation).search(part) and not _ci(v.observer).search(part):
                # find_countries(part), read off the document's scan (extract.context)
                parts, excl = _countries(v, part, [], found=doc.ctx.countries(seg.start + a, seg.start + b))
                cur.participants |= parts - cur.excluded
                cur.excluded |= excl
    noun = _ci(v.noun).search(text, low)
    undated = not cur.start_explicit and (noun is not None or (cur.pending and _PRONOUN.match(text)))
    # "on Wednesday" dated it to the day; "The drill, held from 13 to 15 November" adds the end
    span = cur.end is None and cur.start is not None and cur.start.day is not None and noun
    if undated or span or _ci(_CUE_WORDS).search(text, low):
        year = cur.start.year if cur.start else cur.year
        for d in _dates(v, doc, text, reference, []):
            if undated and not d.end_only and d.first is not None and d.first.month is not None:
                # "The drills, held on 5-9 May, ..." dates an exercise its first mention left undated.
                start, end = _date_fields(d, year)
                if start is not None and (year is None or start.year == year):
                    cur.start, cur.end = start, end or cur.end
                    if cur.pending:
                        cur.start_explicit, cur.pending = True, False
                    undated = False
                    continue
            start, end = _date_fields(d, year)
            if (
                d.end_only
                and end is not None
                and cur.end is None
                and (cur.start is None or end.to_date() >= cur.start.to_date())
            ) or (span and d.last is not None and start == cur.start and end is not None):
                cur.end = end
            elif (
                d.start_cue
                and start is not None
                and (cur.start is None or (start.year == cur.start.year and start.rank() > cur.start.rank()))
            ):
                cur.start = start


def _finalise(v: _Vocab, m: _Mention) -> None:
    if m.series is not None:
        m.participants |= m.series.participants - m.excluded
    doms = m.domains - {"joint"}
    if "joint" in m.domains or len(doms) > 1 or (m.series is not None and m.series.domain == "joint"):
        m.domains = {"joint"}
    elif not doms and m.series is not None and m.series.domain:
        m.domains = {m.series.domain}


def _mention_year(m: _Mention) -> int | None:
    if m.key is not None and " #" in m.key:
        return None  # an edition number, not a year, tells this edition apart
    return m.year if m.year is not None else (m.start.year if m.start else None)


def _merge(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Group mentions of one exercise: same name key and year; unnamed ones by date and parties."""
    groups: list[list[_Mention]] = []
    index: dict[tuple[str, int | None], int] = {}
    for m in mentions:
        if m.key is not None:
            year = _mention_year(m)
            k = (m.key, year)
            if k not in index and year is not None and (m.key, None) in index:
                # An undated mention of the series ("the Peace Mission series through the 2010s")
                # takes the first dated edition only; later editions of other years are rows of their own.
                dated = {_mention_year(x) for x in groups[index[(m.key, None)]]} - {None}
                if not dated or dated == {year}:
                    k = (m.key, None)
            if k in index and not _distinct_editions(groups[index[k]], m):
                groups[index[k]].append(m)
                continue
            if k in index:
                groups.append([m])  # a second edition in the same year: its own row
                continue
            index[k] = len(groups)
            groups.append([m])
            continue
        for g in groups:
            h = g[0]
            if h.key is None and h.start == m.start and h.participants == m.participants:
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _absorb_unnamed(groups: list[list[_Mention]]) -> list[list[_Mention]]:
    """An unnamed drill that a table or list row names ("In May 2016 the two held a drill ..." and a
    row "Aerospace Security-2016 | 26-28 May 2016") is that row: same month, same parties."""
    named: dict[tuple[int, int], list[list[_Mention]]] = {}
    for g in groups:
        # Only a row restated in a table or list; two events of one month in prose stay apart.
        if g[0].key is not None and any(m.seg.kind in ("table_row", "list_item") for m in g):
            for m in g:
                if m.start is not None and m.start.month is not None and m.start_explicit:
                    named.setdefault((m.start.year, m.start.month), []).append(g)
    out: list[list[_Mention]] = []
    for g in groups:
        h = g[0]
        if h.key is None and h.start is not None and h.start.month is not None:
            parts = set().union(*(m.participants for m in g))
            hosts = [
                x
                for x in named.get((h.start.year, h.start.month), [])
                if parts and parts <= set().union(*(m.participants for m in x))
            ]
            if len(hosts) == 1:
                # The named row keeps its own name and dates; the unnamed one adds what it says.
                hosts[0].extend(_as_detail(m) for m in g)
                continue
        out.append(g)
    return out


def _as_detail(m: _Mention) -> _Mention:
    """A mention that adds forces and activities to a group but never its dates or evidence."""
    m.start_explicit = False
    m.participants_explicit = False
    m.start = m.end = None
    m.location = None
    return m


def _distinct_editions(group: list[_Mention], m: _Mention) -> bool:
    """Two unnumbered editions of one series in one year, each dated to a different month."""
    if m.year is not None or not m.start_explicit or m.start is None or m.start.month is None:
        return False
    if m.key is not None and " #" in m.key:
        return False  # numbered editions ("Keen Sword 23") are told apart by their number
    return any(
        g.year is None and g.start_explicit and g.start is not None and g.start.month is not None
        and (g.start.year, g.start.month) != (m.start.year, m.start.month)
        for g in group
    )


def _best_date(dates: list[PartialDate | None]) -> PartialDate | None:
    best: PartialDate | None = None
    for d in dates:
        if d is not None and (best is None or d.rank() > best.rank()):
            best = d
    return best


_DIGIT_OR_SLASH = re.compile(r"\d|/")


def _group_name(group: list[_Mention]) -> str | None:
    """The name a group goes by: the first-written of its most specific names.

    "X, which Beijing calls Joint Sea-2025 and Moscow bills as Maritime Interaction-2025":
    both are one exercise, and the subject (first) name wins over a later alias; a name with
    its year or edition ("Joint Sea-2025") wins over the bare series name ("Joint Sea").
    """
    named = [m for m in group if m.name]
    if not named:
        return None

    def specificity(m: _Mention) -> int:
        return (m.year is not None) + bool(_DIGIT_OR_SLASH.search(m.name or ""))

    top = max(specificity(m) for m in named)
    best = min((m for m in named if specificity(m) == top), key=lambda m: (m.index, m.pos))
    return best.name


def _row(group: list[_Mention]) -> MilitaryExercise | None:
    def strength(m: _Mention) -> tuple[int, int, int, int]:
        return (m.start_explicit, m.name_explicit, m.participants_explicit, -m.index)

    best = max(group, key=strength)
    parts: set[str] = set()
    for m in group:
        parts |= m.participants
    excluded = set()
    for m in group:
        excluded |= m.excluded - m.participants
    parts -= excluded - {p for m in group for p in m.participants if m.participants_explicit and p not in m.excluded}
    if not parts:
        return None
    name = _group_name(group)
    start = _best_date([m.start for m in group])
    end = _best_date(
        [m.end for m in group if m.end is not None and (start is None or m.end.to_date() >= start.to_date())]
    )
    location = next((m.location for m in sorted(group, key=lambda x: (-strength(x)[0], x.index)) if m.location), None)
    domains: set[str] = set()
    acts: set[str] = set()
    for m in group:
        domains |= m.domains
        acts |= m.activities
    domain = "joint" if "joint" in domains or len(domains) > 1 else (next(iter(domains)) if domains else "other")
    seg = best.seg
    key_fields = [best.name_explicit if name else 0.5, best.participants_explicit, best.start_explicit]
    confidence = round(max(0.1, sum(float(x) for x in key_fields) / 3), 3)
    return MilitaryExercise(
        name=name,
        participants=sorted(parts),
        evidence=Evidence(seg.start, seg.end, seg.text, EXTRACTOR, confidence),
        start=start,
        end=end,
        location=location,
        domain=domain,
        activities=sorted(acts),
    )


_HEADING_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/.-])")


@lru_cache(maxsize=256)
def _section_year(heading: str | None, published: PartialDate | None) -> PartialDate | None:
    """The year a section looks back on ("LOOKING BACK: THE DRILLS OF 2010" in a 2011 newsletter), which
    yearless dates under it take instead of the published year; None when the heading names no single
    earlier year."""
    if not heading:
        return None
    years = {int(y) for y in _HEADING_YEAR.findall(heading)}
    if len(years) != 1:
        return None
    (year,) = years
    if published is not None and year >= published.year:
        return None
    return PartialDate(year)


def _edition_starts(v: _Vocab, low: str, found: dict[str, list[int]]) -> list[int]:
    """The match starts of `v.edition_hit` and `v.rel_edition_hit` in the lower-cased document.

    Why: a scan for their years and "year" tries hundreds of places; their nouns are rare. Exact: both
    are a fixed-width start ("2019", "year's"), white space, then an edition noun, which cannot start
    with white space; so from each noun str.find finds, the white space before it leads back to the one
    start each pattern can have, and no two matches overlap.
    """
    out: list[int] = []
    for p in occurrences(low, v.edition_nouns, found):
        w = p
        while w and low[w - 1].isspace():  # what \s matches in a str pattern
            w -= 1
        if w < p:
            out += [w - width for rx, width in v.edition_scans if w >= width and rx.match(low, w - width)]
    return out


def _former_starts(v: _Vocab, text: str, low: str | None) -> list[int]:
    """Where `v.former_name` matches in the document (for the prefilter)."""
    if low is None or v.former_scan is None:
        return [s for s, _ in v.former_name_ci.spans(text, low)]
    return v.former_scan.starts(low)  # the twin's matches on the folded text: those of former_name


def extract_exercises(text: str, segments: list[Segment], published: PartialDate | None) -> list[MilitaryExercise]:
    """Military exercises stated in one document, one row per exercise, each with its evidence span."""
    v = _vocab()
    doc = _Doc(text, segments, published)
    mentions: list[_Mention] = []
    cur: _Mention | None = None
    last: _Mention | None = None
    lower = doc.ctx.lowered
    hits = sorted(
        v.prefilter.starts(lower, doc.found)
        + [m.start() for m in v.series_prefilter.finditer(text)]
        + _former_starts(v, text, doc.ctx.folded)
        + doc.find_abbreviations(v)
        + doc.find_introduced(v)
        + _NUMBERED_START_HIT.starts(text)
        + _edition_starts(v, lower, doc.found)
    )
    focus: tuple[_Series, str | None, int] | None = None  # series last named: (series, heading, paragraph)
    for i, seg in enumerate(segments):
        j = bisect.bisect_left(hits, seg.start)
        if (
            (j < len(hits) and hits[j] < seg.end)
            or (seg.kind == "table_row" and (_listed(v, seg) or (focus and focus[1] == seg.heading)))
            or (
                focus
                and (
                    v.ordinal_edition_cue.match(seg.text)
                    or v.in_year_cue.match(seg.text)
                    or ("series" in seg.text and v.origin_cue.match(seg.text))
                )
            )
        ):
            ser = None
            if focus is not None and focus[1] == seg.heading and doc.para(seg) - focus[2] <= _MAX_CONT_PARAS:
                ser = focus[0]
            ref = _section_year(seg.heading, published) or published
            try:
                found = _mentions_in(v, doc, i, ref, last, cur is None, ser)
            except Exception:  # one odd sentence must not cost the document its other rows
                _log.warning("exercise extraction failed on segment %d", i, exc_info=True)
                found = []
            sm = v.series_re.search(seg.text) if v.series_prefilter.search(seg.text) else None
            named = v.series_by_surface.get(_SERIES_SEPARATORS.sub(" ", sm.group("series")).lower()) if sm else None
            for known in (doc.intro, doc.abbrs):  # a name or abbreviation the document introduced
                if named is None and known is not None:
                    im = known[0].search(seg.text)
                    if im is not None:
                        named, sm = known[1][im.group("n")], im
            if named is not None and sm is not None:
                surface = sm.group("series" if "series" in sm.re.groupindex else "n")
                as_written = _Series(surface, named.bare, named.participants, named.domain)
                # A heading naming a series puts it in focus for the section it opens.
                focus = (as_written, seg.text if seg.kind == "heading" else seg.heading, doc.para(seg))
            if found:
                mentions.extend(found)
                cur = last = found[-1]
                continue
        if seg.kind == "heading":
            cur = None
        if cur is None:
            continue
        if _ci(v.negative).search(seg.text):
            cur = None
            continue
        if (
            seg.heading != cur.seg.heading
            or doc.para(seg) - cur.para > _MAX_CONT_PARAS
            or i - cur.index > _MAX_CONT_SEGMENTS
        ):
            cur = None
            continue
        try:
            ref = _section_year(seg.heading, published) or published
            nxt = _followon(v, doc, i, cur, ref)
            if nxt is not None:
                mentions.append(nxt)
                cur = last = nxt
                continue
            _continue(v, doc, i, cur, ref)
        except Exception:
            _log.warning("exercise continuation failed on segment %d", i, exc_info=True)
    mentions = [m for m in mentions if not m.pending]
    history: dict[str, set[str]] = {}
    for m in mentions:
        _finalise(v, m)
        if m.key is None:
            continue
        if len(m.participants) < 2 and not m.excluded and m.inherit and m.key in history:
            # "Maritime Security Belt 2023, in which the Chinese destroyer took part": an edition of a
            # series the document already described keeps that series' participants.
            m.participants |= history[m.key]
        if len(m.participants) >= 2:
            history[m.key] = set(m.participants)
    rows = [_row(g) for g in _absorb_unnamed(_merge(mentions))]
    return [r for r in rows if r is not None]
