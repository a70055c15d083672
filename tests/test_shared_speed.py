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


def test_date_article_guard_skips_no_date() -> None:
    """The date grammar's article guard (a "the"/"The"/"a" no word-branch date can start with is not
    tried) changes no match: the same as the grammar without it, on the corpora and on phrases built
    from the dates vocabulary."""
    from eurasia_etl.grammar import dates
    from eurasia_etl.grammar.guard import skipping
    from eurasia_etl.knowledge import load_yaml

    v = dates._vocab()
    assert v.article_guard in v.regex.pattern
    plain = skipping(v.regex.pattern.replace(v.article_guard, ""))
    tokens = sorted({t for lst in _string_lists(load_yaml("dates.yaml")) for w in lst for t in str(w).split()})
    tokens += ["the", "The", "a", "A", "an", "of", "half", "quarter", "months", "year", "-", ","]
    tokens += ["1990s", "2019", "2023", "1st", "5", "May", "June"] * 8
    rng = random.Random(11)
    phrases = [
        rng.choice(["", "the ", "The ", "a ", "in the ", "(the "])
        + rng.choice([" ", " ", "  ", "-", "\n"]).join(rng.choice(tokens) for _ in range(rng.randrange(1, 6)))
        for _ in range(40_000)
    ]
    tails = ["half of 2023", "quarter of 2023", "three quarters of 2023", "nine months of the year", "2019", "1990s"]
    tails += ["of 2019", "of the year", "of May", "May", "-2019", "-May", "year", "summer 2019", "half of the year"]
    phrases += [f"in {art} {w} {tail}" for art in ("the", "The", "a") for w in set(tokens) for tail in tails]
    for text in [*_texts(), *phrases]:
        want = [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in v.regex.finditer(text)] == want, text[:200]


def test_citation_flag_shortcuts_decide_as_the_full_patterns() -> None:
    """segment: without a quote mark, "*" or "(" only the initials form of _CITATION can match, and
    _CITATION_BY_INITIALS matches exactly there; the skipping _YEAR finds what the plain one does."""
    from eurasia_etl import segment

    plain_year = re.compile(segment._YEAR.pattern)
    pieces = [p.strip() for t in _texts() for p in t.split("\n") if p.strip()]
    pieces += ["Maxwell, N. 1970. India's China War", "[3] Smith, J. R., and Doe", "12. Lee, K. & Park, S.", "A, B."]
    pieces += ["Ivanov, I. I. (2019)", "Putin, V.and", "Ab, C.D.E.F. 5", "n.d. Title", "Xi, J. 2019x 1999 20199 2020"]
    for s in pieces:
        if not any(c in s for c in segment._CITATION_MARKS):
            assert bool(segment._CITATION_BY_INITIALS.match(s)) == bool(segment._CITATION.match(s)), s
        assert bool(segment._YEAR.search(s)) == bool(plain_year.search(s)), s


def test_period_boundary_matches_the_boundary_without_other_stops() -> None:
    """segment._PERIOD_BOUNDARY finds what _BOUNDARY finds in text with no "!", "?" or "…"."""
    from eurasia_etl import segment

    texts = [t.replace("!", ".").replace("?", " ").replace("…", "...") for t in _texts()]
    texts += ["U.S. forces. Then... more. (See para 1.) 'Quoted.' \u201cDone.\u201d\u00a0Next. a.b. ... End."]
    for text in texts:
        want = [(m.span(), m.groups()) for m in segment._BOUNDARY.finditer(text)]
        assert [(m.span(), m.groups()) for m in segment._PERIOD_BOUNDARY.finditer(text)] == want
