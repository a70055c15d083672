"""Where the regex engine's time goes in extraction: milliseconds per pass of every compiled pattern.

    .venv/bin/python benchmarks/regex_profile.py            # top 60 patterns, 10 passes
    .venv/bin/python benchmarks/regex_profile.py --top 120 --passes 5

The profile of extraction is flat at the Python level: half of the time is inside `re`, spread over
thousands of calls per pass. This wraps every pattern the library compiles (`re.compile`, and the
`_sre.compile` that `grammar.guard.skipping` calls) in a timing proxy, runs the seeds and the
development corpus like `extract_speed.py`, and lists each pattern with the line that compiled it,
its method, calls per pass, the share of calls that found something, and its time. The proxy adds
about a quarter to the total; compare patterns with each other, not with `extract_speed.py`.
"""

from __future__ import annotations

import argparse
import re
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TIMED_METHODS = frozenset({"search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"})
STATS: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0])  # calls, seconds, calls that hit
_clock = time.perf_counter


def _compile_site() -> str:
    """The library line that asked for the pattern (a pattern built by a grammar helper is charged
    to the line that called the helper)."""
    for frame in reversed(traceback.extract_stack()[:-3]):
        if "eurasia_etl" in frame.filename and not frame.filename.endswith("guard.py"):
            return f"{frame.filename.split('eurasia_etl/')[-1]}:{frame.lineno}"
    return "?"


class _Timed:
    """A compiled pattern whose matching methods charge their time to `STATS`."""

    __slots__ = ("_rx", "_key")

    def __init__(self, rx: re.Pattern[str], key: str) -> None:
        self._rx = rx
        self._key = key

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._rx, name)
        if name not in _TIMED_METHODS:
            return attr
        stat = STATS[(self._key, name)]

        def timed(*args: Any, **kw: Any) -> Any:
            t0 = _clock()
            out = attr(*args, **kw)
            if name == "finditer":  # the work happens while iterating: do it here
                out = list(out)
            stat[1] += _clock() - t0
            stat[0] += 1
            stat[2] += bool(out)
            return iter(out) if name == "finditer" else out

        return timed

    def __hash__(self) -> int:
        return hash(self._rx)

    def __eq__(self, other: object) -> bool:
        return self._rx == (other._rx if isinstance(other, _Timed) else other)


def _timing(compile_fn: Callable[..., Any]) -> Callable[..., Any]:
    def compile_timed(*args: Any, **kw: Any) -> Any:
        rx = compile_fn(*args, **kw)
        if isinstance(rx, _Timed):
            return rx
        source = rx.pattern if isinstance(rx.pattern, str) else "?"
        return _Timed(rx, f"{_compile_site()} {source[:70]!r}")

    return compile_timed


def install() -> None:
    """Wrap pattern compilation; call before importing eurasia_etl."""
    import _sre
    import typing  # noqa: F401  (typing reads re.Pattern at import: let it see the real one)
    from re import _compiler

    real_pattern = re.Pattern

    class _PatternCheck(type):
        def __instancecheck__(cls, obj: object) -> bool:
            return isinstance(obj, (real_pattern, _Timed))

    class _AnyPattern(metaclass=_PatternCheck):  # isinstance(x, re.Pattern) and re.Pattern[str] still work
        def __class_getitem__(cls, item: object) -> type:
            return cls

    re.compile = _timing(re.compile)  # type: ignore[assignment]
    _compiler.compile = _timing(_compiler.compile)
    _sre.compile = _timing(_sre.compile)
    re.Pattern = _AnyPattern  # type: ignore[misc, assignment]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=60, help="patterns to list (default 60)")
    ap.add_argument("--passes", type=int, default=10, help="passes over the corpus (default 10)")
    args = ap.parse_args()
    install()
    from eurasia_etl.extract import extract_document
    from eurasia_etl.ingest import read_document, scan

    root = Path(__file__).resolve().parents[1]
    docs = []
    for folder in (root / "tests/data/seeds/raw", root / "tests/data/dev/raw"):
        for src in scan(folder)[0]:
            doc = read_document(src)
            docs.append((doc.text, doc.published))
    for text, published in docs:  # warm-up: vocabularies compiled, caches filled
        extract_document(text, published)
    STATS.clear()
    for _ in range(args.passes):
        for text, published in docs:
            extract_document(text, published)
    n = args.passes
    total = sum(s[1] for s in STATS.values())
    calls = sum(s[0] for s in STATS.values())
    print(f"regex time {total * 1e3 / n:.1f} ms per pass (timed), {calls / n:.0f} calls per pass")
    print(f"{'ms/pass':>8} {'calls':>7} {'hit':>5}  method    compiled at, pattern")
    for (key, method), (c, s, hits) in sorted(STATS.items(), key=lambda kv: -kv[1][1])[: args.top]:
        print(f"{s * 1e3 / n:8.2f} {c / n:7.0f} {hits / max(c, 1):5.2f}  {method:9} {key}")


if __name__ == "__main__":
    main()
