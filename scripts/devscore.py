"""Developer loop: extract a folder of documents and score it against gold, without Dagster.

    .venv/bin/python scripts/devscore.py --corpus dev -v      # tests/data/dev
    .venv/bin/python scripts/devscore.py --corpus seeds
    .venv/bin/python scripts/devscore.py --raw DIR --gold DIR   # any annotated folder

Writes a scratch DuckDB warehouse (only the columns the scorer reads) under
/tmp and runs the project's evaluator (eurasia_etl.evaluate) on it. For quick iteration on the
extractors; the real warehouse comes from `eurasia-etl run`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from eurasia_etl.evaluate import evaluate, format_report
from eurasia_etl.extract import extract_document
from eurasia_etl.frames import typed_frame
from eurasia_etl.rows import fact_rows

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "dev": (ROOT / "tests/data/dev/raw", ROOT / "tests/data/dev/gold"),
    "seeds": (ROOT / "tests/data/seeds/raw", ROOT / "tests/data/seeds/gold"),
    "holdout": (ROOT / "tests/data/holdout/raw", ROOT / "tests/data/holdout/gold"),
    "holdout2": (ROOT / "tests/data/holdout2/raw", ROOT / "tests/data/holdout2/gold"),
    "holdout3": (ROOT / "tests/data/holdout3/raw", ROOT / "tests/data/holdout3/gold"),
    "holdout4": (ROOT / "tests/data/holdout4/raw", ROOT / "tests/data/holdout4/gold"),
    "holdout5": (ROOT / "tests/data/holdout5/raw", ROOT / "tests/data/holdout5/gold"),
    "holdout6": (ROOT / "tests/data/holdout6/raw", ROOT / "tests/data/holdout6/gold"),
    "holdout7": (ROOT / "tests/data/holdout7/raw", ROOT / "tests/data/holdout7/gold"),
}


def _read(path: Path):
    """Use the ingest stage when it exists, else a plain decode."""
    try:
        from eurasia_etl.ingest import read_document, scan  # noqa: PLC0415

        sources, _ = scan(path.parent)
        src = next(s for s in sources if s.source_path == path.name)
        doc = read_document(src)
        return doc.text, doc.published
    except ImportError:
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            return raw.decode("cp1252"), None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="dev")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--doc", help="only this file name")
    ap.add_argument("--raw", type=Path, help="a folder of documents (with --gold) instead of --corpus")
    ap.add_argument("--gold", type=Path, help="its gold folder")
    args = ap.parse_args()
    if (args.raw is None) != (args.gold is None):
        ap.error("--raw and --gold go together")
    raw_dir, gold_dir = (args.raw, args.gold) if args.raw else CORPORA[args.corpus]
    name = raw_dir.parent.name if args.raw else args.corpus
    docs, tables = [], {"trade_volume_mentions": [], "agreement_mentions": [], "military_exercise_mentions": []}
    for path in sorted(raw_dir.iterdir()):
        if args.doc and path.name != args.doc:
            continue
        text, published = _read(path)
        facts = extract_document(text, published)
        doc_id = path.stem
        docs.append({"doc_id": doc_id, "source_path": path.name, "text": text})
        for table, rows in fact_rows(doc_id, facts).items():
            tables[table] += rows
    out = Path(tempfile.gettempdir()) / f"devscore_{name}.duckdb"
    out.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    frames = {"documents": pd.DataFrame(docs)}
    for name, rows in tables.items():
        frames[name] = typed_frame(name, rows)
    for name, frame in frames.items():
        con.register("frame", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
        con.unregister("frame")
    con.close()
    gold = gold_dir
    if args.doc:
        gold = Path(tempfile.mkdtemp())
        stem = Path(args.doc).stem
        (gold / f"{stem}.yaml").write_text((gold_dir / f"{stem}.yaml").read_text())
    print(format_report(evaluate(gold, out), verbose=args.v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
