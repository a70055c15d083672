"""Speed-ups of the shared grammar (issue #5) find exactly what the plain computation finds."""

from __future__ import annotations

import random
from pathlib import Path

from eurasia_etl.grammar import countries

DATA = Path(__file__).parent / "data"
RAW = sorted(p for p in DATA.glob("*/raw/*") if p.is_file())


def _texts() -> list[str]:
    return [p.read_bytes().decode("utf-8", "replace") for p in RAW]


def test_country_scan_with_the_common_scanner_matches_the_full_one() -> None:
    """countries._matches (the scanner without the lower-case entries, plus those where their leading
    literal stands) gives the matches of the full scanner's finditer."""
    g = countries._gazetteer()
    assert g.rare_cues, "the split only pays when some entries start in lower case"
    tricky = [
        "post-soviet Soviet tsarist mainland China northeast China; northeastern China, soviets",
        "mainland China-Russia trade, Sino-soviet, a soviet-era mainland  China (northeast China)",
        "soviet",
        "xsoviet tsaristic mainland Chinas northeast ChinaX $soviet @tsarist #mainland China",
    ]
    rng = random.Random(7)
    cues = [*g.rare_cues, "mainland China", "northeast China", "China", "Soviet", "Russia", " ", "-", "x"]
    tricky += [" ".join(rng.choice(cues) for _ in range(rng.randrange(12))) for _ in range(400)]
    for text in [*_texts(), *tricky]:
        want = [(m.span(), m.group(1), m.group(2)) for m in g.regex.finditer(text)]
        assert [(m.span(), m.group(1), m.group(2)) for m in countries._matches(g, text)] == want, text[:200]
