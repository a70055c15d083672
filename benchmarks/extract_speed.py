"""Extraction speed (issue #5): rule-based extraction MB/s per core, single process, steady state.

    .venv/bin/python benchmarks/extract_speed.py            # seeds + dev repeated to >= 20 MB
    .venv/bin/python benchmarks/extract_speed.py --mb 5     # quicker

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
from eurasia_etl.ingest import read_document, scan

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests/data/seeds/raw", ROOT / "tests/data/dev/raw"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="megabytes of clean text to process (default 20)")
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


if __name__ == "__main__":
    main()
