"""One sha256 over everything the extractors return, to prove a speed change left the output alone.

    .venv/bin/python scripts/extract_fingerprint.py          # before the change, then after: same line?

Every test corpus (tests/data/*/raw) goes through `extract_document` as written, upper-cased and
lower-cased (the case-folding shortcuts must not care), plus a generated corpus of --generated
documents (benchmarks/generate_corpus.py, fixed seed). The printed digest covers the repr of every
extraction, so any changed row, field, span or order changes it.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from eurasia_etl.extract import extract_document
from eurasia_etl.ingest import read_document, scan

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=300, help="generated documents to add (default 300)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = sorted((ROOT / "tests/data").glob("*/raw"))
        if args.generated:
            gen = Path(tmp) / "generated"
            subprocess.run([sys.executable, str(ROOT / "benchmarks/generate_corpus.py"), "-n", str(args.generated),
                            "--seed", "11", str(gen)], check=True, stdout=subprocess.DEVNULL)
            folders.append(gen)
        digest = hashlib.sha256()
        count = 0
        for folder in folders:
            for src in scan(folder)[0]:
                doc = read_document(src)
                for text in (doc.text, doc.text.upper(), doc.text.lower()):
                    digest.update(repr(extract_document(text, doc.published)).encode())
                    count += 1
    print(f"{count} extractions: {digest.hexdigest()}")


if __name__ == "__main__":
    main()
