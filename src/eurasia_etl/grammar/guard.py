"""Compile a regex behind a cheap look-ahead guard on the characters a match can start with.

Python's `re` scans a pattern position by position; when the pattern starts with a
case-insensitive alternation (`(?<![\\w])(?:trade|turnover|...)`) every position
tries every branch, several times slower than a single character-class test. A
leading `(?=[...])` listing every possible first character of a match (computed from
the parsed pattern) rejects most positions at once and never changes what matches:
the class is a superset of the pattern's own first characters, under the same flags.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser

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
    return re.compile(f"(?={cls})(?:{pattern})", flags)


def alternation(words: list[str], *, escape: bool = True, flexible_space: bool = False) -> str:
    """Regex alternation of vocabulary words, longest first so "US dollars" beats "dollars".

    `escape=False` takes the words as regex fragments; `flexible_space` lets a space match any run
    of whitespace (text wrapped across lines). Duplicates are dropped, first occurrence kept.
    """
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    if not escape:
        return "|".join(ordered)
    parts = (re.escape(w) for w in ordered)
    return "|".join(p.replace(r"\ ", r"\s+") for p in parts) if flexible_space else "|".join(parts)
