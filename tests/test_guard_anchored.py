"""grammar.guard's scans from literals (`Anchored`, issue #5) find exactly what `finditer` finds, and
`required_substrings` lists only strings every match contains."""

from __future__ import annotations

import random
import re

import pytest

from eurasia_etl.grammar.guard import Anchored, Caseless, WordStart, guarded, required_substrings


@pytest.mark.parametrize(
    "pattern",
    [
        r"ab|b",  # overlapping anchors: finditer resumes after each match
        r"a(?=b)|b\b",
        r"[xy](?:ab|b)",
        r"\d(?<=a\d)\d b",
        r"(?:aa|a)a",
    ],
)
def test_anchored_agrees_on_small_patterns(pattern: str) -> None:
    rx = re.compile(pattern)
    scan = Anchored(rx)
    rng = random.Random(pattern)
    for _ in range(3000):
        text = "".join(rng.choice("aabxy1 ") for _ in range(rng.randint(0, 14)))
        assert [m.span() for m in scan.matches(text)] == [m.span() for m in rx.finditer(text)], text


def test_anchors_given_are_used_only_when_every_match_holds_one() -> None:
    assert Anchored(re.compile(r"[xy](?:ab|b)c"), via=("b",)).anchors == ("b",)
    assert Anchored(re.compile(r"(?:joint|army) training|drills?"), via=("rain", "rill")).anchors == (
        "rain",
        "rill",
    )
    assert Anchored(re.compile(r"\d (?:began|ran)\b"), via=(" began", " ran")).anchors == (" began", " ran")
    assert Anchored(re.compile(r"\d ?(?:began|ran)\b"), via=(" began", " ran")).anchors != (" began", " ran")
    assert Anchored(re.compile(r"ab|cd"), via=("b",)).anchors != ("b",)
    assert Anchored(re.compile(r"a(?:b)?c"), via=("b",)).anchors != ("b",)
    assert Anchored(re.compile(r"(?i:b)c|b"), via=("b",)).anchors != ("b",)


def test_a_group_that_ignores_case_requires_no_string_as_written() -> None:
    assert required_substrings(re.compile(r"(?i:b)c|b")) == ("b", "c")  # "Bc" holds no "b"
    assert required_substrings(re.compile(r"(?i:ab)")) is None
    assert required_substrings(re.compile(r"x(?i:abc)d")) == ("x",)
    # the caller of a re.IGNORECASE pattern looks in lower-cased text: there "(?i:AB)" and "(?-i:AB)" are "ab"
    assert required_substrings(re.compile(r"(?i:AB)c", re.I)) == ("ab",)
    assert required_substrings(re.compile(r"(?-i:Abc)x", re.I)) == ("abc",)


def test_required_substrings_hold_in_every_match() -> None:
    rng = random.Random(3)
    for pattern, flags in [(r"(?i:b)c|b", 0), (r"a(?i:bc)|(?i:B)d", 0), (r"(?i:ab)c|(?-i:Ab)", re.I)]:
        rx = re.compile(pattern, flags)
        req = required_substrings(rx) or ()
        for _ in range(3000):
            text = "".join(rng.choice("abcdABCD") for _ in range(rng.randint(0, 8)))
            for m in rx.finditer(text):
                got = m.group().lower() if flags & re.I else m.group()
                assert any(r in got for r in req), (pattern, text, req)


@pytest.mark.parametrize(
    ("edge", "body"),
    [
        (r"(?<![\w-])", r"(?:plan|deal|joint\s+plan|p(?:act|lans?))(?![\w-])"),
        (r"\b", r"(?:plan|deal|into force|took\s+effect)"),
        (r"(?<![\w-])", r"(?:a|ab|b\s+c)(?![\w])"),
    ],
)
def test_word_start_scans_find_what_the_caseless_scan_finds(edge: str, body: str) -> None:
    ci = Caseless(guarded(edge + body, re.I))
    scan = WordStart(ci, edge, body)
    assert scan.after is not None  # else the scan is Caseless.finditer and this test checks nothing
    rng = random.Random(body)
    pieces = ["plan", "deal", "joint", " plans", "pact", "é", "ß", "-", "_", "1", " ", "\n", "a", "b", "c", "P", "Ä"]
    pieces += ["into", " force", "took", "effect", "İ", "x"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        want = [m.span() for m in ci.rx.finditer(text)]
        assert scan.spans(text) == want, text
        assert [m.span() for m in scan.matches(text, None)] == want, text


def test_word_start_scans_need_the_pattern_as_written() -> None:
    body = r"(?:Plan|deal)(?![\w-])"  # an upper-case letter: the twin is not the pattern as written
    assert WordStart(Caseless(guarded(r"(?<![\w-])" + body, re.I)), r"(?<![\w-])", body).after is None
    body = r"(?:plan|deal)(?![\w-])"
    other = Caseless(re.compile(r"(?<![\w-])(?:plan|dealt)(?![\w-])", re.I))  # not the body given
    assert WordStart(other, r"(?<![\w-])", body).after is None
    with pytest.raises(ValueError):
        WordStart(Caseless(re.compile(r"(?:plan)", re.I)), "", "(?:plan)")
