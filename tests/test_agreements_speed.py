"""Shortcuts of the agreement extractor (issue #5) against the plain computation they replace."""

from __future__ import annotations

import random
import re

from test_speed_equivalence import _scrambled, _texts

from eurasia_etl.extract import agreements
from eurasia_etl.grammar.guard import alternation, folded
from eurasia_etl.segment import segment


def _plain_starts(text: str) -> list[int]:
    return [s for s, _ in agreements._vocab().prefilter_ci.spans(text)]


def test_prefilter_starts_are_those_of_the_document_scan() -> None:
    """_prefilter_starts looks for the stems behind the character before them; the same starts as the scan."""
    rng = random.Random(5)
    for text in _texts():
        for variant in (text, text.upper(), _scrambled(text, rng)):
            assert agreements._prefilter_starts(variant, folded(variant)) == _plain_starts(variant)
    stems = [
        "treaty",
        "agreement",
        "mou",
        "mous",
        "MoUs",
        "road map",
        "road  map",
        "roadmap",
        "into force",
        "took  effect",
        "takes effect",
        "programmes",
        "plans",
        "planet",
        "deal",
        "Alliance",
        "ratified",
    ]
    before = ["", " ", "-", "_", "é", "3", "x", "“", "—", "(", "\n", "’", "ß", "İ", "\u00a0", "·"]
    for _ in range(4000):
        text = "".join(rng.choice(before) + rng.choice(stems) for _ in range(rng.randrange(1, 6)))
        assert agreements._prefilter_starts(text, folded(text)) == _plain_starts(text), text


def test_possessive_before_reads_what_the_search_finds() -> None:
    rng = random.Random(3)
    chars = ["a", "b", "'", "’", "s", "S", " ", "\n", "\t", "_", "1", "é", "-", ",", "\u00a0", "\u2028"]
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(9)))
        assert agreements._possessive_before(text) == bool(agreements._POSSESSIVE_BEFORE.search(text)), text


def test_split_join_spacing_is_the_spaces_substitution() -> None:
    """_single_spaced (no white space at either end) and a name's normalisation, stripped after."""
    rng = random.Random(4)
    chars = [" ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85", ",", "a", "b", "“", '"']
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(12)))
        assert " ".join(text.split()).strip(" ,") == agreements._SPACES.sub(" ", text).strip(" ,"), text
        word = f"a{text}b"
        assert agreements._single_spaced(word) == agreements._SPACES.sub(" ", word), word


def test_gated_ratify_cues_find_what_the_pattern_finds() -> None:
    """ratify_ci holds the required strings of each cue (_gated); a text without them has no match."""
    v = agreements._vocab()
    assert v.ratify_ci.required
    rng = random.Random(6)
    extra = ["It entered  into force in 2005.", "in force since May", "Effective from 1 May, as of June.", "RATIFIED"]
    for text in _texts() + extra:
        for variant in (text, text.upper(), _scrambled(text, rng)):
            for seg in segment(variant) or []:
                want = [m.span() for m in v.ratify_re.finditer(seg.text)]
                assert [m.span() for m in v.ratify_ci.finditer(seg.text)] == want, seg.text


def test_prefilter_stems_grouped_by_first_letter_match_as_the_flat_alternation() -> None:
    """The grouped stems find what the flat alternation in the order written finds."""
    grouped = re.compile(rf"\b(?:{alternation(agreements._STEMS, escape=False)})", re.I)
    flat = re.compile(rf"\b(?:{'|'.join(agreements._STEMS)})", re.I)
    assert grouped.pattern != flat.pattern
    extra = ["took effect takes  effect take effect roadmap road map mou mous mousse plans planned programmes"]
    for text in [*_texts(), *extra]:
        for variant in (text, text.lower(), text.upper()):
            assert [m.span() for m in grouped.finditer(variant)] == [m.span() for m in flat.finditer(variant)]


def test_word_start_scans_find_what_their_patterns_find() -> None:
    """The type-word, signing-verb, person and prefilter scans run from the character before each match
    (grammar.guard.WordStart): the same matches as the patterns' own scans, in every sentence."""
    v = agreements._vocab()
    scans = [v.type_scan, v.sign_scan, v.persons_scan, v.prefilter_scan]
    assert all(s.after is not None for s in scans)
    rng = random.Random(23)
    for text in _texts():
        for seg in [*segment(text), None]:
            stext = text if seg is None else seg.text
            for variant in (stext, _scrambled(stext, rng), stext.upper()):
                for scan in scans:
                    want = [m.span() for m in scan.ci.rx.finditer(variant)]
                    assert scan.spans(variant) == want, variant
