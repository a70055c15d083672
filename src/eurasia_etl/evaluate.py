"""Precision, recall, F1 and attribute accuracy of a warehouse against gold annotations.

Implements the annotation guide's matching rules (see `matching`) so users
can measure the pipeline on documents they annotate themselves. Gold files
are YAML, one per document, as in the guide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from eurasia_etl.matching import MATCHERS, as_set, close, name_similarity, num, partial_date

TABLES = ("trade_volumes", "agreements", "military_exercises")
MENTION_TABLE = {
    "trade_volumes": "trade_volume_mentions",
    "agreements": "agreement_mentions",
    "military_exercises": "military_exercise_mentions",
}
ATTRIBUTES = {
    "trade_volumes": [
        "metric",
        "flow",
        "economies",
        "location",
        "commodity",
        "period",
        "qualifier",
        "basis",
        "growth_pct",
    ],
    "agreements": ["name", "type", "parties", "signed", "ratified", "place", "topics"],
    "military_exercises": ["name", "start", "end", "participants", "location", "domain", "activities"],
}
SET_FIELDS = {"parties", "participants", "topics", "activities"}
DATE_FIELDS = {"signed", "ratified", "start", "end", "period"}
NAME_FIELDS = {"name", "commodity", "location", "place"}


def attr_equal(field_name: str, p: dict, g: dict) -> bool:
    if field_name in SET_FIELDS:
        return as_set(p.get(field_name)) == as_set(g.get(field_name))
    if field_name == "economies":
        return as_set([p.get("reporter"), p.get("partner")]) == as_set([g.get("reporter"), g.get("partner")])
    if field_name in DATE_FIELDS:
        return partial_date(p.get(field_name)) == partial_date(g.get(field_name))
    if field_name == "growth_pct":
        a, b = num(p.get(field_name)), num(g.get(field_name))
        return (a is None and b is None) or close(a, b, 0.001)
    if field_name in NAME_FIELDS:
        if not p.get(field_name) and not g.get(field_name):
            return True
        return name_similarity(p.get(field_name), g.get(field_name)) >= 0.8

    def norm(v: Any) -> str | None:
        return None if v in (None, "") else str(v).strip().lower()

    return norm(p.get(field_name)) == norm(g.get(field_name))


def match_rows(table: str, predicted: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best-scoring pairs first."""
    scorer = MATCHERS[table]
    pairs = [(s, i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if (s := scorer(p, g)) > 0]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((i, j))
    return matches


def load_gold(gold_dir: Path) -> dict[str, dict[str, list[dict]]]:
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        doc = Path(str(data.get("doc") or path.stem)).stem
        gold[doc] = {t: list(data.get(t) or []) for t in TABLES}
    return gold


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _gold_shape(table: str, r: dict) -> dict:
    if table == "agreements":
        return {
            **r,
            "type": r.get("agreement_type"),
            "signed": partial_date(r.get("signed_date"), r.get("signed_precision")),
            "ratified": partial_date(r.get("ratified_date"), r.get("ratified_precision")),
        }
    if table == "military_exercises":
        return {
            **r,
            "start": partial_date(r.get("start_date"), r.get("start_precision")),
            "end": partial_date(r.get("end_date"), r.get("end_precision")),
        }
    return dict(r)


@dataclass
class Predicted:
    rows: dict[str, dict[str, list[dict]]]
    documents: set[str]
    spans_checked: int = 0
    spans_exact: int = 0


def read_warehouse(path: Path) -> Predicted:
    """Mention rows per table per document stem, from a DuckDB file or a parquet/ folder."""
    con = duckdb.connect()
    if path.is_file():
        con.execute(f"ATTACH '{path.resolve().as_posix()}' AS wh (READ_ONLY)")

        def rel(name: str) -> str:
            return f"wh.main.{name}"
    else:

        def rel(name: str) -> str:
            return f"read_parquet('{(path / name).resolve().as_posix()}/*.parquet')"

    docs = _fetch(con, f"SELECT doc_id, source_path, text FROM {rel('documents')}")
    by_id = {d["doc_id"]: d for d in docs}
    out = Predicted({t: {} for t in TABLES}, {Path(str(d["source_path"])).stem for d in docs})
    for table in TABLES:
        for r in _fetch(con, f"SELECT * FROM {rel(MENTION_TABLE[table])}"):
            doc = by_id.get(r.get("doc_id"))
            if doc is None:
                continue
            text = doc.get("text") or ""
            s, e = r.get("char_start"), r.get("char_end")
            out.spans_checked += 1
            out.spans_exact += bool(
                s is not None and e is not None and e > s and text[s:e] == (r.get("evidence") or "")
            )
            out.rows[table].setdefault(Path(str(doc["source_path"])).stem, []).append(_gold_shape(table, r))
    con.close()
    return out


@dataclass
class TableScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attribute_hits: dict[str, int] = field(default_factory=dict)
    missed: list[tuple[str, dict]] = field(default_factory=list)
    extra: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def attribute_accuracy(self) -> dict[str, float | None]:
        return {a: (h / self.tp if self.tp else None) for a, h in self.attribute_hits.items()}


@dataclass
class Report:
    tables: dict[str, TableScore]
    grounded: float
    unseen: list[str]

    @property
    def macro_f1(self) -> float:
        return sum(round(s.f1, 4) for s in self.tables.values()) / len(self.tables)


def score(gold: dict[str, dict[str, list[dict]]], predicted: Predicted) -> Report:
    tables = {}
    for table in TABLES:
        ts = TableScore(attribute_hits={a: 0 for a in ATTRIBUTES[table]})
        for doc, gdoc in gold.items():
            g_rows, p_rows = gdoc[table], predicted.rows[table].get(doc, [])
            matches = match_rows(table, p_rows, g_rows)
            ts.tp += len(matches)
            ts.fp += len(p_rows) - len(matches)
            ts.fn += len(g_rows) - len(matches)
            for i, j in matches:
                for a in ATTRIBUTES[table]:
                    ts.attribute_hits[a] += attr_equal(a, p_rows[i], g_rows[j])
            mp, mg = {i for i, _ in matches}, {j for _, j in matches}
            ts.missed += [(doc, g) for j, g in enumerate(g_rows) if j not in mg]
            ts.extra += [(doc, p) for i, p in enumerate(p_rows) if i not in mp]
        tables[table] = ts
    grounded = predicted.spans_exact / predicted.spans_checked if predicted.spans_checked else 1.0
    return Report(tables, grounded, sorted(set(gold) - predicted.documents))


def evaluate(gold_dir: Path, warehouse: Path) -> Report:
    return score(load_gold(gold_dir), read_warehouse(warehouse))


def _short(row: dict) -> str:
    keys = (
        "name",
        "metric",
        "value",
        "unit",
        "period",
        "signed",
        "start",
        "parties",
        "participants",
        "quote",
        "evidence",
    )
    return ", ".join(f"{k}={row[k]!r}" for k in keys if row.get(k) not in (None, [], ""))[:220]


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"{'table':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}   attribute accuracy"]
    for table, s in report.tables.items():
        attrs = " ".join(f"{a}={v:.2f}" for a, v in s.attribute_accuracy().items() if v is not None)
        lines.append(f"{table:<20}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}   {attrs}")
        if verbose:
            lines += [f"    missed  {doc}: {_short(row)}" for doc, row in s.missed]
            lines += [f"    extra   {doc}: {_short(row)}" for doc, row in s.extra]
    if report.unseen:
        lines.append(f"documents with gold but not in the warehouse: {', '.join(report.unseen)}")
    lines.append(f"evidence spans that equal documents.text[char_start:char_end]: {report.grounded:.3f}")
    lines.append(f"macro F1 {report.macro_f1:.3f}")
    return "\n".join(lines)


def report_json(report: Report) -> dict[str, Any]:
    return {
        "tables": {
            t: {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "attribute_accuracy": {
                    a: (round(v, 4) if v is not None else None) for a, v in s.attribute_accuracy().items()
                },
            }
            for t, s in report.tables.items()
        },
        "grounded": round(report.grounded, 4),
        "docs_without_rows": report.unseen,
        "macro_f1": round(report.macro_f1, 4),
    }
