"""The speed-ups of issue #5 must not change a single result.

Each shortcut is checked against the plain computation it replaces: the per-document country
index against `find_countries` on each span, caseless twins against their case-insensitive
patterns, the one-scan topic finder against a search per topic.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from eurasia_etl import segment as seg_module
from eurasia_etl.extract import agreements, exercises, trade
from eurasia_etl.extract.context import JOIN, DocContext
from eurasia_etl.grammar.countries import find_countries
from eurasia_etl.grammar.dates import find_dates
from eurasia_etl.grammar.guard import Caseless, alternation, caseless_twin, folded, required_substrings
from eurasia_etl.knowledge import load_yaml
from eurasia_etl.segment import segment

DATA = Path(__file__).parent / "data"
RAW = sorted(p for p in DATA.glob("*/raw/*") if p.is_file())


def _texts() -> list[str]:
    return [p.read_bytes().decode("utf-8", "replace") for p in RAW]


def _scrambled(text: str, rng: random.Random) -> str:
    """Random upper case, and now and then a character that case-folds in odd ways."""
    odd = "KÉéÀàßẞǅǄǆΣσςµμÅåK’–—“”"
    out = []
    for c in text:
        r = rng.random()
        out.append(c.upper() if r < 0.3 else rng.choice(odd) if r < 0.32 else c)
    return "".join(out)


# --------------------------------------------------------------------------- country index


def _spans(text: str, segs: list, rng: random.Random) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in segs]
    for s in segs:  # clause-like pieces, as the agreement extractor asks for
        for k, ch in enumerate(s.text):
            if ch in ",;:":
                spans += [(s.start, s.start + k), (s.start + k + 1, s.end)]
    for _ in range(100):  # and arbitrary spans, most of them cutting words
        a = rng.randrange(len(text) + 1)
        spans.append((a, min(len(text), a + rng.randrange(200))))
    return spans


@pytest.mark.parametrize("upper", [False, True], ids=["as_written", "upper_case"])
def test_country_index_matches_find_countries(upper: bool) -> None:
    rng = random.Random(5)
    for text in _texts():
        segs = segment(text)
        if upper:  # all-caps text exercises the caps-word rule ("PLAN" in a headline)
            up = text.upper()
            if len(up) != len(text):
                continue
            text, segs = up, [replace(s, text=up[s.start : s.end]) for s in segs]
        ctx = DocContext(text, segs)
        assert ctx.doc_countries() == [(c.start, c.end, c.iso3, c.kind) for c in find_countries(text)]
        assert ctx.joined_isos() == [c.iso3 for c in find_countries(JOIN.join(s.text for s in segs))]
        for a, b in _spans(text, segs, rng):
            assert ctx.countries(a, b) == find_countries(text[a:b]), (a, b)


def test_country_index_falls_back_at_unsafe_edges() -> None:
    text = "Relations between China and Russia improved. Sino-Russian trade grew."
    ctx = DocContext(text, segment(text))
    # a span cutting "Russia" in two, and one ending right after the "Sino" prefix
    for a, b in [(28, 31), (45, 49), (0, len(text)), (19, 30)]:
        assert ctx.countries(a, b) == find_countries(text[a:b])


def test_dates_are_shared_per_document() -> None:
    text = "Trade reached $10 billion in 2019. It fell in May."
    ctx = DocContext(text, segment(text))
    first = ctx.dates("It fell in May.", None)
    assert first is ctx.dates("It fell in May.", None)
    assert first == find_dates("It fell in May.", None)


# --------------------------------------------------------------------------- caseless twins


def _vocab_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for mod in (agreements, trade, exercises):
        v = mod._vocab()
        for name in v.__dataclass_fields__:
            x = getattr(v, name)
            if isinstance(x, re.Pattern):
                out.append((f"{mod.__name__}.{name}", x))
            elif isinstance(x, dict):
                out += [(f"{mod.__name__}.{name}[{k}]", p) for k, p in x.items() if isinstance(p, re.Pattern)]
            elif isinstance(x, list) and x and isinstance(x[0], tuple):
                out += [(f"{mod.__name__}.{name}[{k}]", p) for k, p in x if isinstance(p, re.Pattern)]
    return [(n, p) for n, p in out if p.flags & re.IGNORECASE]


def test_case_insensitive_vocabularies_have_twins() -> None:
    missing = [n for n, p in _vocab_patterns() if caseless_twin(p) is None]
    assert not missing


def test_caseless_finds_what_the_pattern_finds() -> None:
    rng = random.Random(3)
    patterns = [(n, p, Caseless(p)) for n, p in _vocab_patterns()]
    for text in _texts()[:40]:
        for variant in (text, text.upper(), _scrambled(text, rng)):
            for name, rx, ci in patterns:
                assert ci.spans(variant) == [m.span() for m in rx.finditer(variant)], name
                got, want = ci.search(variant), rx.search(variant)
                assert (got and got.span()) == (want and want.span()), name


def test_folding_refuses_text_it_cannot_fold() -> None:
    assert folded("Treaty") == "treaty"
    for trap in ("İstanbul", "dıplomatic", "ſigned"):  # lower() changes the length, or re.I sees another letter
        assert folded(trap) is None
    rx = re.compile(r"\bsigned\b", re.I)
    assert Caseless(rx).spans("The treaty was ſigned") == [m.span() for m in rx.finditer("The treaty was ſigned")]


def test_twins_of_upper_case_literals_and_unfoldable_patterns() -> None:
    twin = caseless_twin(re.compile(r"\bPLAN\b|ASW", re.I))
    assert twin is not None and twin.search("the plan") and twin.search("asw") and not twin.search("PLAN")
    assert caseless_twin(re.compile(r"[^a-z]x", re.I)) is None  # a negated class with letters
    assert caseless_twin(re.compile(r"(a)\1", re.I)) is None  # a back-reference
    assert caseless_twin(re.compile(r"abc")) is None  # not case-insensitive at all


def test_required_substrings() -> None:
    assert required_substrings(re.compile(r"\b(?:under the name|first called)\s+\w", re.I)) == (
        "first called",
        "under the name",
    )
    assert required_substrings(re.compile(r"\d+\s*(?:times|-fold)", re.I)) == ("-fold", "times")
    assert required_substrings(re.compile(r"\w+")) is None


# --------------------------------------------------------------------------- topics


def test_topic_union_matches_a_search_per_topic() -> None:
    v = agreements._vocab()

    def per_topic(text: str) -> set[str]:
        masked = text
        if re.search(r"nuclear\s+(?:energy|power)", masked, re.I):
            masked = re.sub(r"nuclear\s+(energy|power)", "nuclear", masked, flags=re.I)
        return {t for t, rx in v.topics if rx.search(masked)}

    rng = random.Random(11)
    for text in _texts():
        for seg in segment(text):
            for variant in (seg.text, _scrambled(seg.text, rng)):
                assert agreements._topics(variant) == per_topic(variant), variant
    # words of several topics at one position or inside each other: later scans try only those places
    words = [w for ws in load_yaml("agreements.yaml")["topics"].values() for w in ws if re.fullmatch(r"[a-z -]+", w)]
    words += ["power of siberia", "navigation", "armed forces", "nuclear power", "square kilometres", "-", ","]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 7)))
        for variant in (text, text.replace(" ", ""), text.upper()):
            assert agreements._topics(variant) == per_topic(variant), variant


def test_matches_within_the_previous_scan_are_all_the_matches() -> None:
    """agreements._matches_within: a union of some of a union's words matches only where the whole union
    could (within its finditer matches), so trying those positions finds what finditer finds."""
    rng = random.Random(67)
    words = ["ab", "ab cd", "cd", "b", "cd ab", "d", "abcd", "b c"]
    for _ in range(3000):
        all_words = rng.sample(words, rng.randrange(2, len(words) + 1))
        some = rng.sample(all_words, rng.randrange(1, len(all_words)))
        rx1 = re.compile(rf"(?<![\w-])(?:{'|'.join(all_words)})(?![\w])")
        rx2 = re.compile(rf"(?<![\w-])(?:{'|'.join(w for w in all_words if w in some)})(?![\w])")
        text = "".join(rng.choice(["ab", "cd", " ", "b", "c", "-", "d"]) for _ in range(rng.randrange(12)))
        spans = [m.span() for m in rx1.finditer(text)]
        got = [m.span() for m in agreements._matches_within(rx2, text, spans)]
        assert got == [m.span() for m in rx2.finditer(text)], (all_words, some, text)


# --------------------------------------------------------------------------- exercise prefilter


def test_edition_hit_matches_the_plain_pattern() -> None:
    """The edition cue of the exercise prefilter starts with its literal digits; the same spans as
    the plain r"\\b(?:19|20)\\d\\d\\s+(?:edition|...)\\b" it stands for."""
    rx = exercises._vocab().edition_hit
    nouns = rx.pattern.rsplit(r"\s+", 1)[1]
    plain = re.compile(rf"\b(?:19|20)\d\d\s+{nouns}")
    rng = random.Random(7)
    edges = "The 2018 edition; its 1999  round, a2018 edition, _2019 round, 20189 edition, 2018 editions, 12018 round"
    for text in [*_texts(), edges, "2020\u00a0iteration|(2021\nedition)", "٢٠١٨ edition 20١٨ edition"]:
        for variant in (text, text.lower(), _scrambled(text, rng).lower()):
            assert [m.span() for m in rx.finditer(variant)] == [m.span() for m in plain.finditer(variant)]


def test_numbered_start_hit_matches_its_look_behind_first_form() -> None:
    """The cue for "Keen Sword 19 began" checks the letter and space before the digits after the first
    digit (so the scan can skip to digits): the spans of the look-behind-first pattern it replaces."""
    rx = exercises._NUMBERED_START_HIT
    plain = re.compile(rx.pattern.replace(r"\d(?<=[A-Za-z] \d)\d", r"(?<=[A-Za-z] )\d\d", 1))
    assert plain.pattern != rx.pattern
    rng = random.Random(11)
    edges = "Sword 19 began; a 19 began, Ace 17-1 opened, x 123 began, Su-35 began, Z 19  began, é 19 began"
    for text in [*_texts(), edges]:
        for variant in (text, _scrambled(text, rng)):
            assert [m.span() for m in rx.finditer(variant)] == [m.span() for m in plain.finditer(variant)]


def test_party_phrase_gate_matches_a_search_per_phrase() -> None:
    v = agreements._vocab()
    rng = random.Random(13)
    extra = ["the two Koreas met", "INTER-KOREAN talks", "the Six-Party Talks", "six  parties", "north and South Korea"]
    for text in [*(s.text for t in _texts() for s in segment(t)), *extra]:
        for variant in (text, _scrambled(text, rng)):
            want: set[str] = set()
            for rx, isos in v.party_phrases:
                if rx.search(variant):
                    want |= isos
            assert agreements._phrase_parties(variant) == want, variant
            low = folded(variant)
            required = v.party_phrase_ci.required
            if want and low is not None and required is not None:  # the per-sentence gate never hides one
                assert any(r in low for r in required), variant


# --------------------------------------------------------------------------- regex shapes


def _vocabulary_lists() -> list[tuple[list[str], bool]]:
    """(words, escape) of the knowledge files' word lists: what `alternation` is given."""
    lists: list[tuple[list[str], bool]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node and all(isinstance(k, str) for k in node):
                lists.append((list(node), True))
            for val in node.values():
                walk(val)
        elif isinstance(node, list) and node and all(isinstance(w, str) for w in node):
            lists.append((node, True))
            lists.append((node, False))  # as regex fragments (trade.yaml, cue lists)

    for name in ("agreements", "dates", "exercises", "trade", "units"):
        walk(load_yaml(f"{name}.yaml"))
    return lists


def test_grouped_alternation_matches_the_flat_one() -> None:
    """Words grouped by first character find the same spans as the flat longest-first alternation,
    with and without re.IGNORECASE, on the corpora, scrambled and lower-cased."""
    rng = random.Random(17)
    texts = _texts()
    variants = [v for t in texts for v in (t, _scrambled(t, rng), t.lower())]
    variants += ["US dollars us Dollars u.s. dollars", "Kİm KIM kım ſigned SIGNED", "t tonnes T TONS"]
    checked = 0
    for words, escape in _vocabulary_lists():
        try:
            flat_src = alternation(words, escape=escape, flexible_space=escape, grouped=False)
            re.compile(flat_src)
        except re.error:
            continue  # not a list of fragments
        grouped_src = alternation(words, escape=escape, flexible_space=escape)
        if grouped_src == flat_src:
            continue  # nothing grouped: the same pattern
        for flags in (0, re.I):
            flat = re.compile(rf"(?<![\w-])(?:{flat_src})(?![\w])", flags)
            grouped = re.compile(rf"(?<![\w-])(?:{grouped_src})(?![\w])", flags)
            for text in variants:
                assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]
        checked += 1
    assert checked >= 20


def test_sentence_boundary_matches_the_plain_pattern() -> None:
    """segment._BOUNDARY starts with a character class; the same matches and groups as the plain form."""
    plain = re.compile(r"(?:[.!?]|\.\.\.|…)[\"”’')\]*_]*(?=\s+([\"“‘'(\[*_]*)(\S?))")
    rng = random.Random(19)
    texts = [*_texts(), "a... B. c...  D!? x….. Y ...  Z", "....  A", ".. . ... .... A"]
    texts += ["".join(rng.choice(".!?… \"”’')]*_\n aA1(") for _ in range(rng.randrange(40))) for _ in range(20000)]
    for text in texts:
        got = [(m.span(), m.groups()) for m in seg_module._BOUNDARY.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_skipping_compile_matches_the_plain_compile() -> None:
    """Patterns compiled with their first characters noted (guard.skipping) find what re.compile finds:
    the date and country scanners, and the caseless twins of every vocabulary pattern, on the corpora,
    lower-cased and scrambled, with groups and from a start offset."""
    from eurasia_etl.grammar import countries, dates

    fast = [dates._vocab().regex, countries._gazetteer().regex]
    fast += [t for _, p in _vocab_patterns() if (t := caseless_twin(p)) is not None]
    pairs = [(rx, re.compile(rx.pattern, rx.flags)) for rx in fast if rx.pattern is not None]
    assert len(pairs) >= 40
    rng = random.Random(23)
    for text in _texts():
        for variant in (text, text.lower(), _scrambled(text, rng).lower()):
            for rx, plain in pairs:
                want = [(m.span(), m.groups()) for m in plain.finditer(variant)]
                assert [(m.span(), m.groups()) for m in rx.finditer(variant)] == want, rx.pattern[:80]
                pos = len(variant) // 3
                got, exp = rx.search(variant, pos), plain.search(variant, pos)
                assert (got and got.span()) == (exp and exp.span())


# --------------------------------------------------------------------------- agreements


_GUARD = re.compile(r"\(\?=\[[^\]]*\]\)\(\?:(.*)\)", re.S)


def test_agreement_patterns_match_their_plain_compile() -> None:
    """The module patterns of extract.agreements are compiled behind their first-character guard
    (guard.guarded): the same matches, groups and spans as re.compile of the pattern as written, scanned,
    searched from an offset and matched at every position of the corpora's sentences."""
    pairs = []
    for name, rx in vars(agreements).items():
        if isinstance(rx, re.Pattern) and rx.pattern and (m := _GUARD.fullmatch(rx.pattern)):
            pairs.append((name, rx, re.compile(m.group(1), rx.flags)))
    assert len(pairs) >= 40
    rng = random.Random(31)
    sentences = [s.text for t in _texts() for s in segment(t)]
    for text in sentences[::3] + [_scrambled(x, rng) for x in sentences[::7]]:
        for name, rx, plain in pairs:
            want = [(m.span(), m.groups()) for m in plain.finditer(text)]
            assert [(m.span(), m.groups()) for m in rx.finditer(text)] == want, (name, text)
            pos = len(text) // 3
            got, exp = rx.search(text, pos), plain.search(text, pos)
            assert (got and got.span()) == (exp and exp.span()), (name, text)
            for i in range(0, len(text), 5):
                got, exp = rx.match(text, i), plain.match(text, i)
                assert (got and (got.span(), got.groups())) == (exp and (exp.span(), exp.groups())), (name, text)


def test_agreement_caseless_patterns_find_what_the_pattern_finds() -> None:
    """The module patterns of extract.agreements searched through a Caseless twin on folded text."""
    rng = random.Random(37)
    pairs = [(n, ci) for n, ci in vars(agreements).items() if isinstance(ci, Caseless)]
    assert len(pairs) >= 3
    sentences = [s.text for t in _texts() for s in segment(t)]
    for text in sentences[::2] + [_scrambled(x, rng) for x in sentences[::5]] + ["TWO COUNTRIES", "A Sign Of"]:
        for name, ci in pairs:
            assert ci.spans(text) == [m.span() for m in ci.rx.finditer(text)], (name, text)
            got, want = ci.search(text, folded(text)), ci.rx.search(text)
            assert (got and got.span()) == (want and want.span()), (name, text)


def test_negation_reads_the_last_eight_words_of_the_last_stretch() -> None:
    """agreements._negated tokenises only the last 120 characters when they hold more than 8 words."""

    def plain(text: str, s: int, pos: int) -> bool:
        chunk = " ".join(agreements._NEG_WORD.findall(text[s:pos])[-8:])
        return bool(agreements._vocab().neg_re.search(chunk) or agreements._IRREALIS.search(chunk))

    rng = random.Random(43)
    texts = [s.text for t in _texts() for s in segment(t) if len(s.text) > 100]
    for text in texts:
        for _ in range(6):
            pos = rng.randrange(len(text) + 1)
            s = rng.randrange(pos + 1)
            assert agreements._negated(text, s, pos) == plain(text, s, pos), (text, s, pos)


def test_capital_persons_match_a_scan_of_the_whole_text() -> None:
    """agreements._capital_persons scans only the pieces between bars where a capitalised name can be:
    the persons of a scan of the whole text written with a capital, in order."""
    v = agreements._vocab()

    def plain(body: str) -> list[str]:
        out = []
        for ps, pe in v.persons_ci.spans(body):
            surface = body[ps:pe]
            iso = v.persons.get(agreements._SPACES.sub(" ", surface.lower()))
            if iso and surface[:1].isupper():
                out.append(iso)
        return out

    rng = random.Random(47)
    extra = ["İshiba and Kishida | Xi | xi jinping | Shinzo abe, shinzo Abe | KIM JONG-UN|Putin|putin",
             "Ishiba met Kishida; George W. Bush | george w. Bush | Oyun-Erdene-x | -Putin | Putin-"]
    for text in _texts() + extra:
        body = JOIN.join(s.text for s in segment(text))
        for variant in (body, body.upper(), body.lower(), _scrambled(body, rng)):
            assert agreements._capital_persons(variant) == plain(variant)


def test_odd_capitals_are_all_the_capitals_outside_a_to_z_matching_a_letter() -> None:
    """Under re.IGNORECASE an upper-case character matches a letter a-z only if it is A-Z or one of
    agreements._ODD_CAPITALS (checked over all of Unicode)."""
    letters = re.compile("[a-z]", re.I)
    odd = {chr(c) for c in range(0x110000) if chr(c).isupper() and letters.fullmatch(chr(c))} - set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert odd == set(agreements._ODD_CAPITALS)


def test_sentence_start_matches_its_pattern() -> None:
    """agreements._at_sentence_start reads off the end of a text what _SENTENCE_START.search finds."""
    rng = random.Random(53)
    texts = [s.text[max(0, i - 80) : i] for t in _texts() for s in segment(t) for i in range(0, len(s.text), 7)]
    chars = '.!?:; \n\t\u00a0\u2003*_"“a.'
    texts += ["".join(rng.choice(chars) for _ in range(rng.randrange(8))) for _ in range(30000)]
    for text in texts:
        assert agreements._at_sentence_start(text) == bool(agreements._SENTENCE_START.search(text)), repr(text)


def test_name_prefix_from_the_last_words_matches_all_80_characters() -> None:
    """agreements._prefix tokenises the last 32 characters before a type word first: the same name words
    as reading the tokens of all 80, before every type word of the corpora and at random offsets."""
    v = agreements._vocab()
    rng = random.Random(59)
    for text in _texts():
        for variant in (text, _scrambled(text, rng)):
            ends = [a for a, _ in v.type_ci.spans(variant)] + [rng.randrange(len(variant) + 1) for _ in range(50)]
            for end in ends:
                words = list(agreements._PREFIX_WORD.finditer(variant, max(0, end - 80), end))
                want = agreements._read_prefix(variant, end, words, v.qualifiers, False)
                assert agreements._prefix(variant, end, v.qualifiers) == want, (variant[max(0, end - 80) : end])


def test_search_in_bounds_by_the_twin_matches_the_pattern() -> None:
    """agreements._search_in: a caseless twin searched between bounds on folded text finds what the
    pattern finds between the same bounds (the cues searched in a mention's clause or before it)."""
    v = agreements._vocab()
    cis = [v.referral_ci, v.negotiating_ci, *v.inherit_ci.values()]
    rng = random.Random(61)
    sentences = [s.text for t in _texts() for s in segment(t)]
    for text in sentences[::2] + [_scrambled(x, rng) for x in sentences[::5]]:
        low = folded(text)
        bounds = [(max(0, t - 80), t) for t, _ in v.type_ci.spans(text)]  # right before each type word
        for _ in range(4):
            b = rng.randrange(len(text) + 1)
            bounds.append((rng.randrange(b + 1), b))
        for a, b in bounds:
            for ci in cis:
                got, want = agreements._search_in(ci, text, low, a, b), ci.rx.search(text, a, b)
                assert (got and got.span()) == (want and want.span()), (ci.rx.pattern[:60], text, a, b)


# --------------------------------------------------------------------------- per-segment gates


def _blocks_of_corpora() -> list[tuple[str, list]]:
    rng = random.Random(29)
    out = []
    for text in _texts():
        for variant in (text, text.upper(), _scrambled(text, rng)):
            out.append((variant, seg_module._blocks(variant)))
    return out


def test_citation_flags_match_the_ungated_tests() -> None:
    """_citation_flag skips the loose-citation regex when a block holds no quote mark (the regex needs
    one) and rejects a block too long before slicing it: the same flag as testing every block."""

    def plain(text: str, b: object) -> int:
        s = text[b.start : b.end]
        if b.kind not in ("paragraph", "list_item") or len(s) > 600:
            return 0
        if seg_module._CITATION.match(s) and seg_module._YEAR.search(s):
            return 2
        return 1 if len(s) < 400 and seg_module._LOOSE_CITATION.match(s) else 0

    extra = 'Smith, "A title long enough"\n\nIvanov I. “Another title, long enough” 2019\n\n- Lee (2020). T'
    seen = set()
    for text, blocks in [*_blocks_of_corpora(), (extra, seg_module._blocks(extra))]:
        for b in blocks:
            got = seg_module._citation_flag(text, b)
            assert got == plain(text, b), text[b.start : b.end]
            seen.add(got)
    assert seen == {0, 1, 2}


# --------------------------------------------------------------------------- trade, per sentence


def _segment_variants(seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [s.text for t in _texts() for s in segment(t)]
    return [v for t in texts for v in (t, t.upper(), _scrambled(t, rng))]


def test_trade_flow_cues_match_the_searches() -> None:
    """_cues (a clause's cue words, found once per clause) against the searches _flow and the cue test
    made on each figure; and the currency-move twin on cuts of the folded sentence against the pattern."""
    v = trade._vocab()
    rng = random.Random(31)
    for s in _segment_variants(37):
        low = folded(s)
        for lo, hi in [*trade._clauses(s), (0, rng.randrange(len(s) + 1))]:
            ctx = s[lo:hi]
            cues = trade._cues(ctx)
            assert bool(cues[0] or cues[1] or cues[2]) == bool(
                v.export.search(ctx) or v.import_.search(ctx) or v.total.search(ctx)
            )
            for unit, port in [("USD", False), ("t", True), ("TEU", False), ("m3", True)]:
                assert trade._flow(ctx, unit, port, cues) == _flow_by_searches(ctx, unit, port), ctx
            a, b = max(0, lo - 40), hi + 40
            got = v.currency_move_ci.search(s[a:b], None if low is None else low[a:b])
            want = v.currency_move.search(s[a:b])
            assert (got and got.span()) == (want and want.span()), s


def _flow_by_searches(ctx: str, unit: str, port_ctx: bool) -> str:
    """trade._flow as it read before its cue words were found once per clause."""
    v = trade._vocab()
    freight = unit in ("t", "TEU") and port_ctx
    if v.total.search(ctx) and not (freight and re.search(r"cargo turnover|throughput", ctx, re.I)):
        return "handled" if freight and not re.search(r"export|import|two-way|between", ctx, re.I) else "total"
    ex = [m.start() for m in v.export.finditer(ctx)]
    im = [m.start() for m in v.import_.finditer(ctx)]
    if ex or im:
        return "export" if ex and (not im or max(ex) > max(im)) else "import"
    return "handled" if freight else "total"


def test_find_quantities_with_the_callers_folded_text() -> None:
    """find_quantities_folded on `folded(text)` (the caseless twins) finds what the case-insensitive
    grammar finds on the text itself."""
    from eurasia_etl.grammar.numbers import find_quantities, find_quantities_folded

    for s in _segment_variants(41):
        assert find_quantities_folded(s, folded(s)) == find_quantities_folded(s, None) == find_quantities(s), s


# --------------------------------------------------------------------------- exercises, per segment


def _plain_activities(text: str) -> set[str]:
    """exercises._activities without gates or twins: every activity pattern searched as written."""
    v = exercises._vocab()
    found: set[str] = set()
    for act, rx in v.activity_res.items():
        for m in rx.finditer(text):
            if v.not_practised.search(text, max(0, m.start() - 40), m.start()):
                continue
            if act == "patrol":
                clause = exercises._clause(text, m.start())
                word = text[m.start() : m.end()]
                if not v.practice_verbs.search(clause) or v.negative.search(clause.replace(word, "")):
                    continue
            found.add(act)
            break
    return found


def _plain_domains(text: str) -> set[str]:
    v = exercises._vocab()
    clean = v.domain_excl.sub(" ", text)
    return {d for d, rx in v.domain_res.items() if rx.search(clean)}


def test_gated_activities_and_domains_match_the_plain_searches() -> None:
    """The literal gates (exercises._literal_gate) in front of the activity, domain and not-practised
    patterns never hide a match: the same activities and domains as searching every pattern."""
    v = exercises._vocab()
    assert v.activity_gate is not None and v.not_practised_gate is not None and v.domain_twins is not None
    extra = [
        "Experience in live-fire drills; information on  anti-submarine warfare; escorts ships; PLAN, ASW, VKS",
        "talks on mine sweeping, then mine clearing and a sea battle; naval base ships; moored ships and frigates",
        "The navies' joint patrol practised boarding; no patrol planes; a maritime patrol was conducted",
    ]
    seen: set[str] = set()
    for text in [*_segment_variants(31), *extra, *(t.lower() for t in extra)]:
        got = exercises._activities(v, text)
        assert got == _plain_activities(text), text
        assert exercises._domains(v, text) == _plain_domains(text), text
        seen |= got
    assert len(seen) >= 8


def test_name_scans_match_the_plain_ones() -> None:
    """generic_name compiled with its first characters noted finds what the plain compile finds (and
    only where two digits stand in a row); the digit-or-apostrophe test is the character loop."""
    v = exercises._vocab()
    plain = re.compile(v.generic_name.pattern)
    extra = ["Sea Breeze-2021, Red Flag-Alaska 23-2 and Keen Sword 19", "Su-35 ²³ Ocean ٢٠٢٤ x’y", "Vostok 2018"]
    for text in [*_segment_variants(37), *extra]:
        want = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in v.generic_name.finditer(text)] == want
        if want:
            assert exercises._TWO_DIGITS.search(text)
        assert exercises._digit_or_apostrophe(text) == any(c.isdigit() or c in "’'" for c in text)


def _plain_split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """segment._split_sentences as first written: a token search per boundary, every test in turn."""
    k = seg_module._knowledge()
    spans: list[tuple[int, int]] = []
    seg_start = start
    chunk = text[start:end]
    for m in seg_module._BOUNDARY.finditer(chunk):
        nxt = m.group(2)
        if not nxt or not (nxt.isupper() or nxt.isdigit()):
            continue
        punct = m.group(0)
        if punct.startswith(("...", "…")):
            continue
        if punct[0] == ".":
            tok_m = seg_module._TOKEN_BEFORE.search(chunk, max(0, m.start() - 40), m.start() + 1)
            tok = tok_m.group(0) if tok_m else "."
            word_m = seg_module._NEXT_WORD.match(chunk, m.end())
            next_word = word_m.group(1) if word_m else ""
            if tok.lower() in k.non_final or seg_module._INITIAL.match(tok):
                continue
            if (tok in k.maybe_final or seg_module._DOTTED.match(tok)) and next_word not in k.starters:
                continue
            if tok[:-1].isdigit() and len(tok) <= 3 and next_word[:1].isdigit():
                continue
        cut = start + m.end()
        if text[seg_start:cut].strip():
            spans.append(seg_module._trim(text, seg_start, cut))
        seg_start = cut
    if text[seg_start:end].strip():
        spans.append(seg_module._trim(text, seg_start, end))
    return spans


def test_sentence_split_matches_the_plain_one() -> None:
    """The token before a "." read on the reversed paragraph, the next word and the initial/dotted tests
    only when they can decide, trimming by str.strip: the same sentences as the plain splitter."""
    rng = random.Random(41)
    texts = [text for text, _ in _blocks_of_corpora()]
    texts += ["Mr. Smith met Dr. J. Doe at 5 p.m. Then U.S. forces left. See para 1. 2 ships. A. B. C. Done. \u2003X."]
    alphabet = "ab. A1(\"'\u00a0\n\u2003…!?Mr"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(80))) for _ in range(3000)]
    for text in texts:
        for a, b in [(0, len(text)), (len(text) // 3, len(text))]:
            assert seg_module._split_sentences(text, a, b) == _plain_split_sentences(text, a, b)


def test_anchored_number_scan_matches_finditer() -> None:
    """numbers._anchored_matches (jumping to the next digit or number word) yields exactly the matches
    of finditer, for the full grammar and the digits-only one, on the text and on its folded copy."""
    from eurasia_etl.grammar import numbers

    g = numbers._grammar()
    assert g.twins is not None
    regex_t, digits_t, _spelled_t, _qual_t, anchor_t, _hint_t = g.twins
    tricky = [
        "two-way trade of twenty-five million tonnes, half a million TEU and half of 2025",
        "US$ twelve billion, $ a million, \\$5bn, RUB 3 trillion, one hundred and five thousand TEU",
        "ten-year plan: a ten per cent rise, an eighty-fold jump; anone twoo -three 4-five",
    ]
    for s in [*_segment_variants(43), *tricky, *(t.upper() for t in tricky)]:
        low = folded(s)
        pairs = [(s, g.regex, g.anchor), (s, g.digits_only, numbers._DIGIT)]
        if low is not None:
            pairs += [(low, regex_t, anchor_t), (low, digits_t, numbers._DIGIT)]
        for src, rx, anchor in pairs:
            got = [m.span() for m in numbers._anchored_matches(g, src, rx, anchor)]
            assert got == [m.span() for m in rx.finditer(src)], src


def _document_variants(seed: int) -> list[str]:
    rng = random.Random(seed)
    return [v for t in _texts() for v in (t, t.upper(), _scrambled(t, rng))]


def test_last_date_needs_a_digit_or_year() -> None:
    """trade._last_date skips the date parse of a sentence with no digit and no "year": there the
    parse never finds a date _last_date would take."""
    from eurasia_etl.facts import PartialDate

    for text in _document_variants(47):
        segs = segment(text)
        for published in (None, PartialDate(2024, 6, 15)):
            doc = trade._doc_context(text, segs, published)
            for seg in segs:
                if not re.search(r"\d", seg.text) and "year" not in seg.text.lower():
                    assert trade._last_date_parsed(doc, seg) is None, seg.text
                assert trade._last_date(doc, seg) == trade._last_date_parsed(doc, seg), seg.text


def test_trade_twins_on_cuts_of_the_folded_sentence() -> None:
    """trade's cue patterns searched with their twins on cuts of the folded sentence (the words before a
    date or a figure) find what the patterns find on the same cuts as written."""
    v = trade._vocab()
    pairs = [(getattr(v, n), ci) for n, ci in v.ci.items()]
    assert {"not_period", "target", "share_after", "mom", "up", "export", "trade"} <= set(v.ci)
    assert all(ci.rx is getattr(v, n) and ci.twin is not None for n, ci in v.ci.items())
    rng = random.Random(53)
    for s in _segment_variants(59):
        low = folded(s)
        for _ in range(4):
            a = rng.randrange(len(s) + 1)
            b = min(len(s), a + rng.choice((12, 25, 40, 80)))
            for rx, ci in pairs:
                got = ci.search(s[a:b], None if low is None else low[a:b])
                want = rx.search(s[a:b])
                assert (got and got.span()) == (want and want.span()), (rx.pattern, s[a:b])
                assert ci.spans(s[a:b], None if low is None else low[a:b]) == [m.span() for m in rx.finditer(s[a:b])]
                got = trade._ci_search(v, next(n for n, c in v.ci.items() if c is ci), s, low, a)
                want = rx.search(s, a)
                assert (got and got.span()) == (want and want.span()), (rx.pattern, s, a)
                if low is not None:  # bounded scans of the whole folded sentence (_previous_year's clause)
                    spans = [m.span() for m in ci.twin.finditer(low, a, b)]
                    assert spans == [m.span() for m in rx.finditer(s, a, b)], (rx.pattern, s, a, b)


def test_kept_hint_finds_every_kept_digit_quantity() -> None:
    """numbers.find_quantities_folded returns nothing for text the kept hint misses (no spelled-out
    number): there every match of the digits-only grammar is a bare number, with no currency prefix
    and no unit, which the grammar drops."""
    from eurasia_etl.grammar import numbers

    g = numbers._grammar()
    assert g.twins is not None
    extra = ["EUR5bn", "RUB  7", "US$ .5 trillion", "5 m t", "3,200\u00a0000 TEU", "in 2023 the ¥", "rub 2023 to"]
    for s in [*_segment_variants(61), *extra, *(t.upper() for t in extra)]:
        low = folded(s)
        cases = [(s, g.digits_only, g.kept_hint)]
        if low is not None:
            cases.append((low, g.twins[1], g.twins[5]))
        for src, digits_only, hint in cases:
            kept = [m for m in digits_only.finditer(src) if m.group("pre") or m.group("unit")]
            assert hint.search(src) is not None or not kept, src


class _PendingCarried:
    """trade._Carried as it was: a queue of sentences read back to front at each `get`."""

    def __init__(self, read) -> None:  # noqa: ANN001
        self._read = read
        self._value = None
        self._pending: list = []

    def reset(self) -> None:
        self._value = None
        self._pending = []

    def add(self, seg) -> None:  # noqa: ANN001
        self._pending.append(seg)

    def get(self):  # noqa: ANN201
        for seg in reversed(self._pending):
            found = self._read(seg)
            if found is not None:
                self._value = found
                break
        self._pending = []
        return self._value


def test_carried_later_gives_what_get_gave() -> None:
    """trade._Carried.later (the paragraph's year, worked out only if a figure needs it) gives, when
    finally called, what the queue-reading `get` gave at the moment it was taken, whatever came after;
    and `get` gives what it gave."""
    from eurasia_etl.segment import Segment

    rng = random.Random(67)
    for _ in range(300):
        values: dict[int, int | None] = {}
        eager = _PendingCarried(lambda seg, v=values: v[seg.start])
        lazy = trade._Carried(lambda seg, v=values: v[seg.start])
        checks = []
        for k in range(rng.randrange(1, 30)):
            op = rng.random()
            if op < 0.1:
                eager.reset()
                lazy.reset()
            elif op < 0.6:
                seg = Segment(k, k + 1, "x", "sentence", None)
                values[k] = rng.choice([None, None, 2019, 2020, 2021])
                eager.add(seg)
                lazy.add(seg)
            elif op < 0.8:
                assert lazy.get() == eager.get()
            else:
                checks.append((eager.get(), lazy.later()))
        assert [want for want, _ in checks] == [got() for _, got in checks]
