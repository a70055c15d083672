"""The exercise extractor's whole-document scans from literals (`Anchored`, issue #5) find
exactly what `finditer` of their patterns finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eurasia_etl.extract import exercises
from eurasia_etl.grammar.guard import Anchored

DATA = Path(__file__).parent / "data"
RAW = sorted(p for p in DATA.glob("*/raw/*") if p.is_file())

# near misses: overlapping anchors, anchors at the edges, digits and spaces around them
_TRICKY = [
    "2019 edition 2020  round 1999\n\niteration x2019 edition 20199 round 2021\tinstalment",
    "2021\u00a0edition, ٢٠٢١ edition, 2021\u2003\u2003round, 2021 -round, 2021 ground, year’s\n\nedition, 1999 rounds",
    "Vostok 18 began, Zapad 19-20 ran and A 12-1 opened; A 1 2 was held, Iran ran, B 33 took place",
    "X 12\u00a0ran, Y 12  began, Z 12 ran\u2009late, W 1-12 ran, V 44 -5 opened, U 44-555 opened, T 44 ranged",
    "exexercise drill trill wtraining trained drained war game war-game wargame manoeuvres maneuvers",
    "first called originally named  formerly known as  under the name 'x' previously titled",
    "this year's edition year’s  round year's roundabout years' edition",
    "joint training exercises, military training events series army drills wars wargamess",
]


def _texts() -> list[str]:
    texts = [p.read_bytes().decode("utf-8", "replace") for p in RAW] + _TRICKY
    rng = random.Random(5)
    words = " ".join(_TRICKY).split() + [" ", "\n", "-", "2021", "24", "year's"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(1500)]
    return texts + [t.lower() for t in texts] + [t.upper() for t in texts]


def _scans() -> dict[str, Anchored]:
    v = exercises._vocab()
    out = {
        "prefilter": v.prefilter,
        "intro_hit": v.intro_hit,
        "numbered_start": exercises._NUMBERED_START_HIT,
    }
    if v.former_scan is not None:
        out["former_name"] = v.former_scan
    return out


@pytest.mark.parametrize("name", sorted(_scans()))
def test_anchored_scans_find_what_finditer_finds(name: str) -> None:
    scan = _scans()[name]
    assert scan.anchors is not None  # else the scan is plain finditer and this test checks nothing
    for text in _texts():
        want = [(m.span(), m.groups()) for m in scan.rx.finditer(text)]
        assert [(m.span(), m.groups()) for m in scan.matches(text)] == want, text[:200]


def test_edition_starts_are_those_of_both_edition_patterns() -> None:
    v = exercises._vocab()
    for text in _texts():
        low = text.lower()
        want = sorted(m.start() for rx in (v.edition_hit, v.rel_edition_hit) for m in rx.finditer(low))
        assert sorted(exercises._edition_starts(v, low, {})) == want, text[:200]


def test_the_prefilter_and_intro_scans_share_their_str_find_results() -> None:
    v = exercises._vocab()
    text = "Joint training and drills, then the Vostok series of exercises and war-games."
    found: dict[str, list[int]] = {}
    want = [m.span() for m in v.intro_hit.rx.finditer(text.lower())]
    assert v.prefilter.starts(text.lower(), found) == [m.start() for m in v.prefilter.rx.finditer(text.lower())]
    assert set(v.intro_hit.anchors or ()) - set(found) == {"series"}  # the one word the intro scan adds
    assert [m.span() for m in v.intro_hit.matches(text.lower(), found)] == want


def test_split_spans_are_the_pieces_of_split() -> None:
    rng = random.Random(17)
    rx = exercises._PART_SPLIT
    pieces = [";", ", and ", ",  but  ", "a", " ", ",", "while "]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [text[a:b] for a, b in exercises._split_spans(rx, text)] == rx.split(text), text
