"""Compile a regex behind a cheap look-ahead guard on the characters a match can start with.

Python's `re` scans a pattern position by position; when the pattern starts with a
case-insensitive alternation (`(?<![\\w])(?:trade|turnover|...)`) every position
tries every branch, several times slower than a single character-class test. A
leading `(?=[...])` listing every possible first character of a match (computed from
the parsed pattern) rejects most positions at once and never changes what matches:
the class is a superset of the pattern's own first characters, under the same flags.

Also here: caseless twins of re.IGNORECASE patterns for lower-cased text (`Caseless`), the strings
every match must contain (`required_substrings`), and whole-document scans that start only where
such rare strings stand, found by `str.find` (`Anchored`).
"""

from __future__ import annotations

import _sre
import re
from collections.abc import Iterator
from re import _compiler, _parser
from re import _constants as C  # noqa: N812
from typing import Any

_Items = list[tuple[object, object]]
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _seq_first(ops: list) -> tuple[_Items | None, bool]:
    """(first-character items, nullable) of a sequence of parsed ops; items None when unknown."""
    items: _Items = []
    for op, av in ops:
        if op in _ZERO_WIDTH:
            continue
        first, nullable = _op_first(op, av)
        if first is None:
            return None, False
        items += first
        if not nullable:
            return items, False
    return items, True


def _op_first(op: object, av: object) -> tuple[_Items | None, bool]:
    if op is C.LITERAL:
        return [(op, av)], False
    if op is C.IN:
        if any(o is C.NEGATE for o, _ in av):  # type: ignore[attr-defined]
            return None, False
        return list(av), False  # type: ignore[call-overload]
    if op is C.BRANCH:
        items: _Items = []
        nullable = False
        for alt in av[1]:  # type: ignore[index]
            first, n = _seq_first(alt)
            if first is None:
                return None, False
            items += first
            nullable = nullable or n
        return items, nullable
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av  # type: ignore[misc]
        if add_flags or del_flags:
            return None, False
        return _seq_first(sub)
    if op is C.ATOMIC_GROUP:
        return _seq_first(av)  # type: ignore[arg-type]
    if op in _REPEATS:
        lo, _hi, sub = av  # type: ignore[misc]
        first, n = _seq_first(sub)
        return first, lo == 0 or n
    return None, False


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def first_char_class(pattern: str, flags: int = 0) -> str | None:
    """A `[...]` class holding every character a match of `pattern` can start with, or None
    when that is not known (the pattern can match empty, or starts with `.`/`[^...]`)."""
    if flags & re.VERBOSE or _GLOBAL_FLAGS.match(pattern):
        return None  # global inline flags must stay first; verbose comments would swallow the wrapper
    first, nullable = _seq_first(list(_parser.parse(pattern, flags)))
    if first is None or nullable or not first:
        return None
    parts = []
    for op, av in first:
        if op is C.LITERAL:
            parts.append(_char(av))  # type: ignore[arg-type]
        elif op is C.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")  # type: ignore[index]
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])  # type: ignore[index]
        else:
            return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` with a leading look-ahead on its possible first characters.

    Matches, groups and spans are exactly those of the plain pattern; only the scan is faster.
    Falls back to the plain pattern when the first characters cannot be listed.
    """
    cls = first_char_class(pattern, flags)
    if cls is None:
        return re.compile(pattern, flags)
    return skipping(f"(?={cls})(?:{pattern})", flags)


def skipping(pattern: str | _parser.SubPattern, flags: int = 0) -> re.Pattern[str]:
    r"""`re.compile` of a case-sensitive pattern, told the characters a match can start with.

    `re` skips ahead to such a character in a tight loop only when the pattern itself starts with
    a character class; behind a look-around (`guarded`'s, or `(?<![\w-])`) it starts a full match
    attempt at every position instead. The compiled code gets the same "first character" note the
    compiler writes for a leading class: a superset of the possible first characters (`_seq_first`),
    so the matches are those of the plain pattern. Falls back to the plain compile when the first
    characters are unknown, the pattern can match empty, or it ignores case.
    """
    plain = re.compile if isinstance(pattern, str) else _compiler.compile
    parsed = _parser.parse(pattern, flags) if isinstance(pattern, str) else pattern
    all_flags = parsed.state.flags | flags
    first, nullable = _seq_first(list(parsed))
    lo, hi = parsed.getwidth()
    if first is None or nullable or not first or lo == 0 or all_flags & (re.IGNORECASE | re.LOCALE):
        return plain(pattern, flags)  # type: ignore[arg-type]
    charset, hascased = _compiler._optimize_charset(first)
    if hascased:
        return plain(pattern, flags)  # type: ignore[arg-type]
    flags = all_flags
    code = [C.INFO, 0, C.SRE_INFO_CHARSET, min(lo, _compiler.MAXCODE), min(hi, _compiler.MAXCODE)]
    _compiler._compile_charset(charset, flags, code)
    code[1] = len(code) - 1
    _compiler._compile(code, parsed.data, flags)
    code.append(C.SUCCESS)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    src = pattern if isinstance(pattern, str) else None
    return _sre.compile(src, flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def merged_matches(common: re.Pattern[str], extra: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """The matches of `finditer` of a regex that matches where `common` does and, elsewhere, exactly at the
    `extra` matches (in order of start): the next match from `pos` is the earlier of the next match of
    `common.finditer(text, pos)` and the first extra match starting at or after `pos`.

    Why: a regex whose first characters include common lower-case letters only for a few rare words
    tries a match at most positions of running text; a `common` twin without them, plus the places
    where the rare words can stand (found by `str.find` or a cheaper scan), finds the same faster.
    """
    out: list[re.Match[str]] = []
    pos, i = 0, 0
    while True:
        while i < len(extra) and extra[i].start() < pos:
            i += 1  # overlapped by a match taken
        if i == len(extra):
            out += common.finditer(text, pos)
            return out
        at = extra[i].start()
        for m in common.finditer(text, pos):
            if m.start() >= at:
                break
            out.append(m)
            pos = m.end()
            if pos > at:
                break
        if pos <= at:
            out.append(extra[i])
            pos = extra[i].end()
            i += 1


def alternation(
    words: list[str],
    *,
    escape: bool = True,
    flexible_space: bool = False,
    grouped: bool = True,
    case_sensitive: bool = False,
) -> str:
    """Regex alternation of vocabulary words, longest first so "US dollars" beats "dollars".

    `escape=False` takes the words as regex fragments; `flexible_space` lets a space match any run
    of whitespace (text wrapped across lines). Duplicates are dropped, first occurrence kept.
    The words are grouped by their first character (`_by_first_char`), which matches the same;
    `grouped=False` gives the flat alternation (the equivalence tests compare the two).
    `case_sensitive=True` promises the pattern is never compiled with re.IGNORECASE: then "The..."
    and "the..." can form two groups.
    """
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)

    def esc(w: str) -> str:
        e = re.escape(w) if escape else w
        return e.replace(r"\ ", r"\s+") if escape and flexible_space else e

    groups = _by_first_char(ordered, escape, case_sensitive) if grouped else None
    if groups is None:
        return "|".join(esc(w) for w in ordered)
    return "|".join(
        esc(ws[0]) if len(ws) == 1 else f"{re.escape(first)}(?:{'|'.join(esc(w[1:]) for w in ws)})"
        for first, ws in groups
    )


def _by_first_char(ordered: list[str], escape: bool, case_sensitive: bool) -> list[tuple[str, list[str]]] | None:
    """The words grouped by first character, each group where its first word was, in order within it.

    Why: `re` tries every branch of an alternation in turn; as `g(?:eorge|...)|d(?:eng|...)` it
    tests one character per group instead of one per word. The matches are the same: words of two
    groups cannot both match at one position (their first characters differ, also under
    re.IGNORECASE: no two first characters are case variants or have extra case equivalents), and
    within a group the order is kept. None (leave the alternation flat) when that is not sure:
    such first characters, a word starting with white space, or a regex fragment that does not
    plainly start with a letter or digit followed by more than a quantifier, or holds a `|`.
    """
    groups: dict[str, list[str]] = {}
    folds: dict[str, str] = {}
    for w in ordered:
        c = w[:1]
        if not c or c.isspace() or (not c.isascii() and (not _uncased(ord(c)) or ord(c) in _EXTRA_CASES)):
            return None
        if not escape and (not (c.isascii() and c.isalnum()) or "|" in w or w[1:2] in ("?", "*", "+", "{")):
            return None
        if not case_sensitive and folds.setdefault(c.lower(), c) != c:
            return None  # "U..." and "u...": the same position under re.IGNORECASE
        groups.setdefault(c, []).append(w)
    return list(groups.items())


# --------------------------------------------------------------------------- case folding

# re.IGNORECASE matches a lower-case pattern letter c to the text characters whose (simple) lower
# case is c, plus the few extra equivalents sre lists (re._casefix). `str.lower()` agrees with the
# simple lower case for every character but "İ" (it becomes two characters). So a pattern whose
# letters are all lower case and none of them has extra equivalents finds the same on
# `text.lower()` without the flag - given the text holds no "ı" or "ſ", the extra equivalents
# of the ASCII "i" and "s", and lower() kept its length. (Checked over all of Unicode.)
_CASE_TRAPS = ("\u0131", "\u017f")
_TRAP_I, _TRAP_S = _CASE_TRAPS
try:
    from re._casefix import _EXTRA_CASES
except ImportError:  # another Python: ASCII letters only
    _EXTRA_CASES = {c: () for c in range(128, 0x110000)}


def _uncased(code: int) -> bool:
    ch = chr(code)
    return ch.lower() == ch and ch.upper() == ch


def _lower_letter_ok(code: int) -> bool:
    """A pattern character that matches, under re.IGNORECASE, just the characters whose lower() it is."""
    ch = chr(code)
    if ch.isascii():
        return not ch.isupper()
    return ch.lower() == ch and code not in _EXTRA_CASES


def _foldable_set(items: list) -> bool:
    negated = any(op is C.NEGATE for op, _ in items)
    for op, av in items:
        if op is C.LITERAL:
            ok = _uncased(av) or (not negated and _lower_letter_ok(av))
        elif op is C.RANGE:
            lo, hi = av
            ok = hi < 128 and all(_uncased(c) or (not negated and chr(c).islower()) for c in range(lo, hi + 1))
        else:
            ok = op in (C.NEGATE, C.CATEGORY)  # \w \s \d and their negations: the same for lower-cased text
        if not ok:
            return False
    return True


def _foldable(ops: list) -> bool:
    """Whether a parsed pattern finds the same under re.IGNORECASE as without it on lower-cased text:
    letters only lower-case ASCII, no case-sensitive sub-flags, no back-references."""
    for op, av in ops:
        if op is C.LITERAL:
            if not _lower_letter_ok(av):
                return False
        elif op is C.NOT_LITERAL:
            if not _uncased(av):
                return False
        elif op is C.IN:
            if not _foldable_set(av):
                return False
        elif op is C.BRANCH:
            if not all(_foldable(list(alt)) for alt in av[1]):
                return False
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags or not _foldable(list(sub)):
                return False
        elif op in (C.ASSERT, C.ASSERT_NOT):
            if not _foldable(list(av[1])):
                return False
        elif op in _REPEATS:
            if not _foldable(list(av[2])):
                return False
        elif op is C.ATOMIC_GROUP:
            if not _foldable(list(av)):
                return False
        elif op not in (C.AT, C.ANY, C.CATEGORY):
            return False  # back-references, conditionals ...: not worth the doubt
    return True


def _lower_tree(ops: _parser.SubPattern | list) -> None:
    """Lower-case, in place, the letters of a parsed pattern: its literals and A-Z ranges. Under
    re.IGNORECASE that changes nothing: "P" and "p" match the same characters."""
    for i, (op, av) in enumerate(ops):
        if op is C.LITERAL:
            low = chr(av).lower()
            if len(low) == 1:
                ops[i] = (op, ord(low))
        elif op is C.IN:
            _lower_tree(av)
        elif op is C.RANGE:
            lo, hi = av
            if 65 <= lo <= hi <= 90:
                ops[i] = (op, (lo + 32, hi + 32))
        elif op is C.BRANCH:
            for alt in av[1]:
                _lower_tree(alt)
        elif op is C.SUBPATTERN:
            _lower_tree(av[3])
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _lower_tree(av[1])
        elif op in _REPEATS:
            _lower_tree(av[2])
        elif op is C.ATOMIC_GROUP:
            _lower_tree(av)


def caseless_twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a re.IGNORECASE pattern: on `folded(text)` it finds exactly the spans
    `rx` finds on `text`, several times faster. None when the pattern cannot have one.

    Upper-case letters of the pattern ("PLAN") are lower-cased in the parsed pattern first: under
    re.IGNORECASE that is the same pattern."""
    if not rx.flags & re.IGNORECASE or rx.flags & re.VERBOSE:
        return None
    parsed = _parser.parse(rx.pattern, rx.flags)
    if _foldable(list(parsed)):
        return skipping(rx.pattern, rx.flags & ~re.IGNORECASE)
    _lower_tree(parsed)
    if not _foldable(list(parsed)):
        return None
    parsed.state.flags &= ~re.IGNORECASE
    return skipping(parsed, rx.flags & ~re.IGNORECASE)


def folded(text: str, low: str | None = None) -> str | None:
    """`text.lower()` (`low`, when the caller has it), offset for offset, when caseless twins may
    search it; else None."""
    low = text.lower() if low is None else low
    # (written out, no generator: this runs thousands of times per document; an ASCII text has no trap)
    if len(low) != len(text) or not text.isascii() and (_TRAP_I in text or _TRAP_S in text):
        return None
    return low


_MAX_REQUIRED = 8  # more strings to look for than this costs more than the scan it would spare


def _required(ops: list, lower: bool) -> set[str] | None:
    """Strings one of which every match of a parsed pattern contains (None: no such short list).

    A run of literals in a sequence must occur; a group or a repeat (at least once) brings its
    own; an alternation needs one of its branches' strings. The most selective candidate wins.
    `lower`: the strings are looked for in lower-cased text (lower-case them); a group that ignores
    case ("(?i:b)") brings none otherwise.
    """
    candidates: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, av in ops:
        if op is C.LITERAL:
            ch = chr(av)
            run.append(ch.lower() if lower else ch)
            continue
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the literals on either side still touch
        close_run()
        sub: set[str] | None = None
        if op is C.SUBPATTERN:
            # "(?i:b)" matches "B": its literals are required as written only in lower-cased text
            if lower or not av[1] & re.IGNORECASE:
                sub = _required(list(av[3]), lower)
        elif op in _REPEATS and av[0] >= 1:
            sub = _required(list(av[2]), lower)
        elif op is C.BRANCH:
            sub = set()
            for alt in av[1]:
                got = _required(list(alt), lower)
                if got is None:
                    sub = None
                    break
                sub |= got
        if sub:
            candidates.append(sub)
    close_run()
    candidates = [c for c in candidates if len(c) <= _MAX_REQUIRED]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (min(map(len, c)) < 3, len(c), -min(map(len, c))))


def required_substrings(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of `rx` contains: lower-cased for a re.IGNORECASE pattern (look
    for them in `folded(text)`), as written otherwise. None when there is no short list."""
    if rx.flags & re.VERBOSE:
        return None
    got = _required(list(_parser.parse(rx.pattern, rx.flags)), bool(rx.flags & re.IGNORECASE))
    if not got:
        return None
    # a string holding another listed one adds nothing: where it occurs, so does the shorter
    return tuple(sorted(r for r in got if not any(o != r and o in r for o in got)))


_UNKNOWN: Any = object()  # `low` not given: fold the text here


def contains_any(text: str, needles: tuple[str, ...]) -> bool:
    """`any(n in text for n in needles)`, as a plain loop: that generator costs more than the `in` tests
    themselves, and required-substring gates run thousands of times per document."""
    for n in needles:  # noqa: SIM110 (a plain loop on purpose, see above)
        if n in text:
            return True
    return False


class Caseless:
    """A case-insensitive pattern that searches lower-cased text with its case-sensitive twin when that
    is exact (see `caseless_twin`, `folded`), and does not search at all when the text lacks every
    string a match must contain (`required_substrings`). The twin's matches are of the lower-cased
    copy: read their offsets, never their text. `low`: `folded(text)`, when the caller has it (None:
    not foldable).
    """

    __slots__ = ("rx", "twin", "required")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.twin = caseless_twin(rx)
        self.required = required_substrings(rx) if self.twin is not None else None

    def _pick(self, text: str, low: str | None) -> tuple[re.Pattern[str], str] | None:
        """The pattern to run and the string to run it on for `rx`'s matches in `text`; None when there
        can be none. (One call: Caseless runs thousands of times per document.)"""
        if self.twin is not None:
            if low is _UNKNOWN:
                low = folded(text)
            if low is not None:
                if self.required is not None and not contains_any(low, self.required):
                    return None  # the folded text lacks every string a match must contain
                return self.twin, low
        return self.rx, text

    def finditer(self, text: str, low: str | None = _UNKNOWN) -> Iterator[re.Match[str]]:
        """The matches of `rx.finditer(text)` (offsets only)."""
        got = self._pick(text, low)
        return iter(()) if got is None else got[0].finditer(got[1])

    def search(self, text: str, low: str | None = _UNKNOWN) -> re.Match[str] | None:
        """`rx.search(text)` (offsets only)."""
        got = self._pick(text, low)
        return None if got is None else got[0].search(got[1])

    def spans(self, text: str, low: str | None = _UNKNOWN) -> list[tuple[int, int]]:
        """Spans of `rx.finditer(text)`."""
        return [m.span() for m in self.finditer(text, low)]


# --------------------------------------------------------------------------- anchored scans

_MAX_ANCHORS = 12  # more str.find passes than this cost more than the scan they replace


def _leading(ops: list) -> set[str] | None:
    """Strings one of which every match of a parsed sequence starts with; None when not known."""
    run: list[str] = []
    for op, av in ops:
        if op is C.LITERAL:
            run.append(chr(av))
        elif op in _ZERO_WIDTH:
            continue  # takes no characters: the literals on either side touch
        elif run:
            break
        elif op is C.SUBPATTERN and not av[1] and not av[2]:
            return _leading(list(av[3]))
        elif op is C.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                got = _leading(list(alt))
                if got is None:
                    return None
                out |= got
            return out
        else:
            return None
    return {"".join(run)} if run else None


def _peek(ops: list) -> int | None:
    """How far past the current position look-aheads and word boundaries of a parsed sequence read."""
    most = 0
    for op, av in ops:
        if op is C.AT:
            got: int | None = 1
        elif op in (C.ASSERT, C.ASSERT_NOT):
            inner, hi = _peek(list(av[1])), av[1].getwidth()[1]
            got = None if inner is None or hi >= C.MAXREPEAT else hi + inner
        elif op is C.SUBPATTERN:
            got = _peek(list(av[3]))
        elif op is C.BRANCH:
            each = [_peek(list(alt)) for alt in av[1]]
            got = None if None in each else max(each)  # type: ignore[type-var]
        elif op in _REPEATS:
            got = _peek(list(av[2]))
        elif op is C.ATOMIC_GROUP:
            got = _peek(list(av))
        else:
            got = 0
        if got is None:
            return None
        most = max(most, got)
    return most


def _holds(ops: list, anchors: tuple[str, ...], lead: str = "") -> bool:
    """Whether every match of a parsed sequence contains one of `anchors`; `lead`: the literals right
    before the sequence (" " before "(?:began|ran)" makes " ran" an anchor)."""
    run: list[str] = list(lead)
    for op, av in [*ops, (None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # takes no characters: the literals on either side touch
        joined = "".join(run)
        if any(a in joined for a in anchors):
            return True
        run = []
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            subs = [list(av[3])]
        elif op is C.BRANCH:
            subs = [list(alt) for alt in av[1]]
        elif op in _REPEATS and av[0] >= 1:
            subs = [list(av[2])]
        else:
            continue
        if all(_holds(sub, anchors, joined) for sub in subs):  # each starts right after the run
            return True
    return False


def occurrences(text: str, words: tuple[str, ...], found: dict[str, list[int]] | None) -> list[int]:
    """Every offset (overlaps too) at which one of `words` starts, ascending; `found`: the offsets of
    words already looked for in this text."""
    out: list[int] = []
    for w in words:
        got = None if found is None else found.get(w)
        if got is None:
            got = []
            i = text.find(w)
            while i >= 0:
                got.append(i)
                i = text.find(w, i + 1)
            if found is not None:
                found[w] = got
        out += got
    return sorted(set(out)) if len(words) > 1 else out


class Anchored:
    """The match starts of `rx.finditer(text)`, found from rare literals by str.find.

    Why: a whole-document scan that starts with common letters (or digits) makes `re` try a match at
    a large share of all positions; str.find skips to the few literals a match must hold. Exact:
    every match holds an anchor at p, where it starts (`at`: the pattern starts with one of the
    anchors) or at most `back` characters after its start (the widest match less the shortest
    anchor); only those starts are tried, in order, resuming after each match as finditer does. A
    window search reads no further than the widest match and its look-aheads, so truncating it
    there changes no match that starts by p. `via`: anchors to use instead, when every match holds
    one of them (scans of one text can then share their str.find results). Without usable anchors:
    plain finditer.
    """

    __slots__ = ("rx", "anchors", "at", "back", "reach")

    def __init__(self, rx: re.Pattern[str], via: tuple[str, ...] | None = None) -> None:
        self.rx = rx
        self.anchors: tuple[str, ...] | None = None
        self.at, self.back, self.reach = True, 0, 0
        if not isinstance(rx.pattern, str) or rx.flags & (re.IGNORECASE | re.VERBOSE):
            return
        parsed = _parser.parse(rx.pattern, rx.flags)
        lo, hi = parsed.getwidth()
        if lo == 0:
            return  # an empty match would make finditer step on by one
        lead = _leading(list(parsed))
        peek = _peek(list(parsed))
        windowed = hi < C.MAXREPEAT and peek is not None
        if via and windowed and _holds(list(parsed), via):
            req: tuple[str, ...] | None = via
        elif lead and "" not in lead and len(lead) <= _MAX_ANCHORS:
            # an anchor that starts with another adds no start ("wargame", "war")
            self.anchors = tuple(sorted(a for a in lead if not any(b != a and a.startswith(b) for b in lead)))
            return
        else:
            req = required_substrings(rx)  # _holds below also checks that a window finds them
        if req and len(req) <= _MAX_ANCHORS and windowed and _holds(list(parsed), req):
            self.anchors, self.at = req, False
            self.back, self.reach = hi - min(map(len, req)), hi + peek + 1  # type: ignore[operator]

    def matches(self, text: str, found: dict[str, list[int]] | None = None) -> list[re.Match[str]]:
        """The matches of `self.rx.finditer(text)` (spans and groups; a window search's `string` is
        the whole text, its `endpos` not). `found`: see `_occurrences`."""
        if self.anchors is None:
            return list(self.rx.finditer(text))
        out: list[re.Match[str]] = []
        pos = 0  # finditer's next search position: no match starts in [last match end, pos) but those found
        rx, at, back, reach = self.rx, self.at, self.back, self.reach
        for p in occurrences(text, self.anchors, found):
            if p < pos:
                continue
            m = rx.match(text, p) if at else rx.search(text, max(pos, p - back), p + reach)
            if m is not None and m.start() <= p:
                out.append(m)
                pos = m.end()
            else:
                pos = p + 1
        return out

    def starts(self, text: str, found: dict[str, list[int]] | None = None) -> list[int]:
        """`[m.start() for m in self.rx.finditer(text)]`."""
        return [m.start() for m in self.matches(text, found)]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`self.rx.finditer(text)`, as `matches`: a stand-in for the pattern."""
        return iter(self.matches(text))

    @property
    def pattern(self) -> str | None:
        return self.rx.pattern


# --------------------------------------------------------------------------- word-start scans


class WordStart:
    r"""`Caseless.finditer` of a pattern that starts at a word edge, `\b` or `(?<![\w-])`, run from the
    character before each match.

    Why: a pattern whose first letters are common ones ("treaty", "plan", "deal") makes `re` try a match
    at nearly every letter; a match starts right after a non-word character, so it is looked for behind
    one instead: `[^A-Za-z0-9_]` is a bitmap test that rejects most positions at once. Exact: a hit after
    a non-ASCII letter or digit (no edge) is dropped and the scan resumes right after that character, as
    the plain scan tries every position; the hits that remain are where the caseless twin's look-behind
    passes, tried in order and resuming after each match, and the match is the twin's own at that start
    (the twin's groups and spans, on the lower-cased text). Used only when the twin is the pattern as
    written (it has lower-case letters only): then `body` on the lower-cased text is the twin's body.
    """

    __slots__ = ("ci", "after")

    def __init__(self, ci: Caseless, edge: str, body: str) -> None:
        """`edge`: the pattern's leading `\\b` or `(?<![\\w-])`; `body`: the rest of it, as written."""
        if edge not in (r"\b", r"(?<![\w-])"):
            raise ValueError(f"not a word edge: {edge!r}")
        self.ci = ci
        whole, pattern = edge + body, ci.rx.pattern
        # the pattern as written, or `guarded`'s look-ahead before it; never an empty match (finditer steps on)
        written = pattern in (whole, f"(?={first_char_class(whole, ci.rx.flags)})(?:{whole})")
        exact = written and ci.twin is not None and ci.twin.pattern == pattern and _parser.parse(body).getwidth()[0] > 0
        before = "[^A-Za-z0-9_]" if edge == r"\b" else "[^A-Za-z0-9_-]"
        self.after = re.compile(before + f"(?:{body})") if exact else None

    def matches(self, text: str, low: str | None = _UNKNOWN) -> list[re.Match[str]]:
        """The matches of `ci.rx.finditer(text)` (offsets only), as `Caseless.finditer` gives them."""
        if low is _UNKNOWN:
            low = folded(text)
        ci, after = self.ci, self.after
        if after is None or low is None:
            return list(ci.finditer(text, low))
        if ci.required is not None and not contains_any(low, ci.required):
            return []
        twin: re.Pattern[str] = ci.twin  # type: ignore[assignment]
        out: list[re.Match[str]] = []
        pos = 0
        first = twin.match(low, 0)  # (a match at 0 has no character before it)
        if first is not None:
            out.append(first)
            pos = first.end()
        search = after.search
        while (m := search(low, pos)) is not None:
            q = m.start() + 1
            c = low[q - 1]
            if c.isalnum() or c == "_":  # `\w` is str.isalnum or "_": no word edge at q
                pos = q
                continue
            hit = twin.match(low, q)  # not None: `after` matched the same body at q
            out.append(hit)  # type: ignore[arg-type]
            pos = hit.end()  # type: ignore[union-attr]
        return out

    def spans(self, text: str, low: str | None = _UNKNOWN) -> list[tuple[int, int]]:
        """Spans of `ci.rx.finditer(text)`."""
        return [m.span() for m in self.matches(text, low)]
