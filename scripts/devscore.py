"""Developer loop: extract a folder of documents and score it against gold, without Dagster.

    .venv/bin/python scripts/devscore.py --corpus dev -v      # tests/data/dev
    .venv/bin/python scripts/devscore.py --corpus seeds

Writes a scratch DuckDB warehouse (only the columns the scorer reads) under
/tmp and runs the project's evaluator (eurasia_etl.evaluate) on it. For quick iteration on the
extractors; the real warehouse comes from `eurasia-etl run`.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from eurasia_etl.evaluate import evaluate, format_report
from eurasia_etl.extract import extract_document

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "dev": (ROOT / "tests/data/dev/raw", ROOT / "tests/data/dev/gold"),
    "seeds": (ROOT / "tests/data/seeds/raw", ROOT / "tests/data/seeds/gold"),
    "holdout": (ROOT / "tests/data/holdout/raw", ROOT / "tests/data/holdout/gold"),
    "holdout2": (ROOT / "tests/data/holdout2/raw", ROOT / "tests/data/holdout2/gold"),
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


def _rows(kind: str, doc_id: str, facts: list) -> list[dict]:
    out = []
    for f in facts:
        d = dataclasses.asdict(f)
        ev = d.pop("evidence")
        d.update(ev)
        d["doc_id"] = doc_id
        for key in ("signed", "ratified", "start", "end"):
            if key in d:
                val = getattr(f, key)
                d[f"{key}_date"] = val.to_date() if val else None
                d[f"{key}_precision"] = val.precision if val else None
                d.pop(key)
        out.append(d)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="dev")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--doc", help="only this file name")
    args = ap.parse_args()
    raw_dir, gold_dir = CORPORA[args.corpus]
    docs, tables = [], {"trade_volume_mentions": [], "agreement_mentions": [], "military_exercise_mentions": []}
    for path in sorted(raw_dir.iterdir()):
        if args.doc and path.name != args.doc:
            continue
        text, published = _read(path)
        facts = extract_document(text, published)
        doc_id = path.stem
        docs.append({"doc_id": doc_id, "source_path": path.name, "text": text})
        tables["trade_volume_mentions"] += _rows("trade", doc_id, facts.trade_volumes)
        tables["agreement_mentions"] += _rows("agreement", doc_id, facts.agreements)
        tables["military_exercise_mentions"] += _rows("exercise", doc_id, facts.military_exercises)
    out = Path(tempfile.gettempdir()) / f"devscore_{args.corpus}.duckdb"
    out.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    frames = {"documents": pd.DataFrame(docs)}
    for name, rows in tables.items():
        frames[name] = pd.DataFrame(rows) if rows else pd.DataFrame({"doc_id": pd.Series(dtype=str)})
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
