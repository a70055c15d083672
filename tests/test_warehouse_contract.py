"""The published warehouse satisfies the data contract (spec/data-contract.md), as a consumer checks it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

V, D, INT, F, L, B = "VARCHAR", "DATE", "INTEGER", "DOUBLE", "VARCHAR[]", "BOOLEAN"
EVIDENCE = {
    "mention_id": V,
    "doc_id": V,
    "char_start": INT,
    "char_end": INT,
    "evidence": V,
    "extractor": V,
    "confidence": F,
}
TRADE = {
    "metric": V, "flow": V, "reporter": V, "partner": V, "location": V, "commodity": V, "period": V,
    "year": INT, "value": F, "unit": V, "qualifier": V, "basis": V, "growth_pct": F,
}  # fmt: skip
AGREEMENT = {
    "name": V, "agreement_type": V, "parties": L, "signed_date": D, "signed_precision": V,
    "ratified_date": D, "ratified_precision": V, "place": V, "topics": L,
}  # fmt: skip
EXERCISE = {
    "name": V, "start_date": D, "start_precision": V, "end_date": D, "end_precision": V,
    "participants": L, "location": V, "domain": V, "activities": L,
}  # fmt: skip
CANONICAL = {"n_mentions": INT, "n_documents": INT, "doc_ids": L}
CONTRACT = {
    "documents": {
        "doc_id": V, "source_path": V, "duplicate_paths": L, "format": V, "sha256": V, "title": V,
        "published_date": D, "published_precision": V, "text": V, "n_chars": INT, "status": V, "error": V,
    },
    "trade_volume_mentions": {**EVIDENCE, **TRADE, "trade_volume_id": V, "value_text": V},
    "agreement_mentions": {**EVIDENCE, **AGREEMENT, "agreement_id": V},
    "military_exercise_mentions": {**EVIDENCE, **EXERCISE, "exercise_id": V},
    "trade_volumes": {**TRADE, **CANONICAL, "trade_volume_id": V, "conflict": B},
    "agreements": {**AGREEMENT, **CANONICAL, "agreement_id": V},
    "military_exercises": {**EXERCISE, **CANONICAL, "exercise_id": V},
    "rejected_rows": {"table_name": V, "doc_id": V, "reason": V, "row_json": V},
}  # fmt: skip
FOREIGN_KEYS = [
    ("trade_volume_mentions", "trade_volume_id", "trade_volumes"),
    ("agreement_mentions", "agreement_id", "agreements"),
    ("military_exercise_mentions", "exercise_id", "military_exercises"),
]


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_every_contract_column_has_its_type(corpus_db, table):
    actual = dict(corpus_db.execute(f"select column_name, column_type from (describe {table})").fetchall())
    for column, typ in CONTRACT[table].items():
        assert actual.get(column) == typ, f"{table}.{column}: {actual.get(column)} != {typ}"


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_parquet_and_duckdb_agree_row_for_row(corpus_warehouse: Path, corpus_db, table):
    parquet = f"read_parquet('{(corpus_warehouse / 'parquet' / table).as_posix()}/*.parquet')"
    only_in_parquet = corpus_db.execute(f"select count(*) from (from {parquet} except all from {table})").fetchone()
    only_in_duckdb = corpus_db.execute(f"select count(*) from (from {table} except all from {parquet})").fetchone()
    assert only_in_parquet[0] == 0 and only_in_duckdb[0] == 0
    frame = pd.read_parquet(corpus_warehouse / "parquet" / table)  # as a notebook user loads it
    assert len(frame) == corpus_db.execute(f"select count(*) from {table}").fetchone()[0]
    assert list(frame.columns) == [r[0] for r in corpus_db.execute(f"describe {table}").fetchall()]


@pytest.mark.parametrize("mentions", ["trade_volume_mentions", "agreement_mentions", "military_exercise_mentions"])
def test_every_evidence_is_its_slice_of_the_document(corpus_db, mentions):
    bad = corpus_db.execute(
        f"""select count(*) from {mentions} m join documents d using (doc_id)
            where substring(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.evidence"""
    ).fetchone()[0]
    total = corpus_db.execute(f"select count(*) from {mentions}").fetchone()[0]
    assert total > 0 and bad == 0


@pytest.mark.parametrize(("mentions", "key", "canonical"), FOREIGN_KEYS)
def test_mentions_point_to_canonical_rows_that_count_them(corpus_db, mentions, key, canonical):
    orphans = corpus_db.execute(f"select count(*) from {mentions} m anti join {canonical} c using ({key})").fetchone()[
        0
    ]
    assert orphans == 0
    wrong = corpus_db.execute(
        f"""select count(*) from {canonical} c join (
              select {key}, count(*) n, count(distinct doc_id) nd from {mentions} group by {key}) m using ({key})
            where c.n_mentions <> m.n or c.n_documents <> m.nd or len(c.doc_ids) <> m.nd"""
    ).fetchone()[0]
    assert wrong == 0


def test_country_sets_are_sorted_iso3(corpus_db):
    rows = corpus_db.execute(
        "select parties from agreements union all select participants from military_exercises"
    ).fetchall()
    for (codes,) in rows:
        assert codes == sorted(set(codes)) and all(len(c) == 3 and c.isupper() for c in codes)


def test_documents_cover_the_raw_folder(corpus_db):
    n, ok, chars = corpus_db.execute(
        "select count(*), count(*) filter (status = 'ok'), bool_and(n_chars = length(text)) from documents"
    ).fetchone()
    assert n == 19 and ok == 19 and chars
