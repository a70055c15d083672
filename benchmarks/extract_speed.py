"""Extraction speed (issue #5): rule-based extraction MB/s per core, single process, steady state.

    .venv/bin/python benchmarks/extract_speed.py            # seeds + dev repeated to >= 20 MB
    .venv/bin/python benchmarks/extract_speed.py --mb 5     # quicker
    .venv/bin/python benchmarks/extract_speed.py --stages   # CPU ms per pass of each stage too

The clean texts of tests/data/seeds/raw and tests/data/dev/raw (via ingest.scan/read_document)
go through extract_document once to warm up, then repeatedly until at least --mb megabytes
(UTF-8 bytes of clean text) have been processed. Reported per CPU second (time.process_time)
and per wall second. The same texts repeat, so any memoisation inside the extractors flatters
the figure; `run_bench.py` on the synthetic corpus is the cross-check.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eurasia_etl.extract import extract_document
from eurasia_etl.extract.agreements import extract_agreements
from eurasia_etl.extract.exercises import extract_exercises
from eurasia_etl.extract.trade import extract_trade
from eurasia_etl.ingest import read_document, scan
from eurasia_etl.segment import segment

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests/data/seeds/raw", ROOT / "tests/data/dev/raw"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="megabytes of clean text to process (default 20)")
    ap.add_argument("--stages", action="store_true", help="also report CPU ms per pass of each stage")
    args = ap.parse_args()
    docs = []
    for folder in CORPORA:
        for src in scan(folder)[0]:
            doc = read_document(src)
            docs.append((doc.text, doc.published))
    size = sum(len(t.encode("utf-8")) for t, _ in docs)
    reps = max(1, -(-int(args.mb * 1e6) // size))
    for text, published in docs:  # warm-up: vocabularies compiled, caches filled
        extract_document(text, published)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(reps):
        for text, published in docs:
            extract_document(text, published)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    mb = size * reps / 1e6
    print(
        f"{len(docs)} documents, {size / 1e3:.1f} KB x {reps} = {mb:.1f} MB: "
        f"{mb / cpu:.2f} MB/s per CPU second ({cpu:.1f} s), {mb / wall:.2f} MB/s wall ({wall:.1f} s)"
    )
    if args.stages:
        print(", ".join(f"{k} {v * 1e3 / reps:.1f} ms" for k, v in _stage_times(docs, reps).items()) + " per pass")


def _stage_times(docs: list, reps: int) -> dict[str, float]:
    """CPU seconds of each stage of `extract_document`, run in its order so the stages share what they
    share there (one document context)."""
    spent = dict.fromkeys(("segment", "trade", "agreements", "exercises"), 0.0)
    clock = time.process_time
    for _ in range(reps):
        for text, published in docs:
            t0 = clock()
            segments = segment(text)
            t1 = clock()
            extract_trade(text, segments, published)
            t2 = clock()
            extract_agreements(text, segments, published)
            t3 = clock()
            extract_exercises(text, segments, published)
            t4 = clock()
            for k, a, b in (("segment", t0, t1), ("trade", t1, t2), ("agreements", t2, t3), ("exercises", t3, t4)):
                spent[k] += b - a
    return spent


if __name__ == "__main__":
    main()
