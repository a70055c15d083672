"""Speed-ups of the shared grammar (issue #5) find exactly what the plain computation finds."""

from __future__ import annotations

import random
import re
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


def _string_lists(node: object) -> list[list[str]]:
    if isinstance(node, dict):
        return [lst for v in [list(node), *node.values()] for lst in _string_lists(v)]
    if isinstance(node, list) and node and all(isinstance(w, str) for w in node):
        return [node]
    return []


def test_case_sensitive_grouped_alternation_matches_the_flat_one() -> None:
    """alternation(case_sensitive=True) groups "The..." apart from "the..."; compiled without re.I it finds
    the same spans as the flat longest-first alternation (dates compiles its vocabulary so)."""
    from eurasia_etl.grammar.guard import alternation
    from eurasia_etl.knowledge import load_yaml

    lists = _string_lists(load_yaml("dates.yaml"))
    lists.append(["the", "The", "this", "That", "t", "T", "thee", "a", "A", "an", "a year ago", "A year"])
    texts = [t[:20_000] for t in _texts()]
    texts += ["The the This this That a A an a year ago A year T t thee\nthe  year This  year"]
    checked = 0
    for words in lists:
        for space in (False, True):
            flat = alternation(words, flexible_space=space, grouped=False)
            grouped = alternation(words, flexible_space=space, case_sensitive=True)
            if flat == grouped:
                continue
            flat_rx = re.compile(rf"(?<![\w-])(?:{flat})(?![\w])")
            grouped_rx = re.compile(rf"(?<![\w-])(?:{grouped})(?![\w])")
            for text in texts:
                assert [m.span() for m in grouped_rx.finditer(text)] == [m.span() for m in flat_rx.finditer(text)]
            checked += 1
    assert checked >= 5
