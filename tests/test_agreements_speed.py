"""Shortcuts of the agreement extractor (issue #5) against the plain computation they replace."""

from __future__ import annotations

import random

from test_speed_equivalence import _scrambled, _texts

from eurasia_etl.extract import agreements
from eurasia_etl.grammar.guard import folded


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
