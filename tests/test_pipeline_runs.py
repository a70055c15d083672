"""Real in-process Dagster runs into temporary warehouses: failures, rejections, incremental runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import DEV_RAW, SEEDS_RAW, copy_tree, materialize

from eurasia_etl import publish as publish_module
from eurasia_etl.facts import Evidence, TradeVolume


def _db(warehouse: Path):
    return duckdb.connect(str(warehouse / "eurasia.duckdb"), read_only=True)


def _count(warehouse: Path, sql: str):
    con = _db(warehouse)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _metadata(result, asset: str, key: str):
    """Metadata of the asset's materialization, or of its observation in a run where nothing changed."""
    events = [e.step_materialization_data.materialization for e in result.get_asset_materialization_events()]
    events += [e.asset_observation_data.asset_observation for e in result.get_asset_observation_events()]
    for event in events:
        if event.asset_key.to_user_string() == asset and key in event.metadata:
            return event.metadata[key].value
    raise KeyError(f"{asset}.{key}")


@pytest.fixture()
def small_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in sorted(p.name for p in SEEDS_RAW.iterdir())[:3]:
        shutil.copy2(SEEDS_RAW / name, raw / name)
    return raw


def test_a_failed_run_leaves_the_previous_warehouse_readable(small_raw, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse"
    assert materialize(small_raw, warehouse).success
    before = _count(warehouse, "select count(*) from documents")
    snapshot = (warehouse / "current").resolve()

    (small_raw / "new.txt").write_text("Russia and China signed a border agreement in Beijing on 14 May 2001.")
    real_write = publish_module._write_snapshot

    def write_half_then_fail(target, frames, manifest):
        real_write(target, frames, manifest)
        raise OSError("disk full")

    monkeypatch.setattr(publish_module, "_write_snapshot", write_half_then_fail)
    assert not materialize(small_raw, warehouse).success

    assert (warehouse / "current").resolve() == snapshot
    assert _count(warehouse, "select count(*) from documents") == before
    assert pd.read_parquet(warehouse / "parquet" / "documents").shape[0] == before
    assert not [p for p in (warehouse / "snapshots").iterdir() if p.name.startswith(".staging")]


def test_a_row_failing_validation_goes_to_rejected_rows(small_raw, tmp_path, monkeypatch):
    import eurasia_etl.extract as extract

    def bad_trade(text, segments, published):
        end = min(len(text), 20)
        ev = Evidence(0, end, text[:end], "test/1", 0.5)
        good = TradeVolume("trade_value", "total", "CHN", "RUS", 1e9, "USD", "$1bn", ev, period="2020")
        bad = TradeVolume("trade_value", "total", "CHN", "RUS", -5.0, "DOLLARS", "-5", ev, period="2020")
        return [good, bad]

    monkeypatch.setattr(extract, "extract_trade", bad_trade)
    warehouse = tmp_path / "warehouse"
    result = materialize(small_raw, warehouse)
    assert result.success

    con = _db(warehouse)
    rejected = con.execute(
        "select doc_id, reason, row_json from rejected_rows where table_name = 'trade_volume_mentions'"
    )
    rows = rejected.fetchall()
    published = con.execute("select count(*) from trade_volume_mentions").fetchone()[0]
    con.close()
    n_docs = len(list(small_raw.iterdir()))
    assert len(rows) == n_docs  # one bad row per document, each kept with its reason
    assert all("unit" in reason and "value" in reason for _, reason, _ in rows)
    assert json.loads(rows[0][2])["unit"] == "DOLLARS"
    assert published == n_docs  # the good rows are published
    checks = [
        e for e in result.get_asset_check_evaluations() if e.asset_key.to_user_string() == "trade_volume_mentions"
    ]
    assert checks and not checks[0].passed


def test_a_schema_error_in_the_code_fails_the_run_loudly(small_raw, tmp_path, monkeypatch):
    from eurasia_etl import build

    real = build.document_frames

    def drop_a_column(collected):
        documents, mentions, crashed = real(collected)
        return documents.drop(columns=["sha256"]), mentions, crashed

    monkeypatch.setattr(build, "document_frames", drop_a_column)
    result = materialize(small_raw, tmp_path / "warehouse")
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "sha256" in str(failure.event_specific_data.error)
    assert not (tmp_path / "warehouse" / "eurasia.duckdb").exists()


def test_runs_re_extract_only_what_changed(small_raw, tmp_path):
    warehouse = tmp_path / "warehouse"
    first = materialize(small_raw, warehouse)
    assert _metadata(first, "documents", "documents_extracted") == 3

    snapshot = (warehouse / "current").resolve()
    mtime = (snapshot / "eurasia.duckdb").stat().st_mtime_ns
    again = materialize(small_raw, warehouse)
    assert again.success
    assert again.get_asset_materialization_events() == [], "nothing changed, so nothing is materialized"
    observed = again.get_asset_observation_events()[0].asset_observation_data.asset_observation
    assert observed.metadata["unchanged"].value is True and observed.metadata["documents"].value == 3
    assert {e.step_key for e in again.all_events if e.event_type_value == "STEP_SKIPPED"} == {
        "canonical",
        "rejected_rows",
        "warehouse",
    }
    assert (warehouse / "current").resolve() == snapshot and (snapshot / "eurasia.duckdb").stat().st_mtime_ns == mtime

    (small_raw / "added.md").write_text("# Note\n\nIn 2023 Russia and China signed a memorandum on energy.\n")
    added = materialize(small_raw, warehouse)
    assert _metadata(added, "documents", "documents_extracted") == 1
    assert _count(warehouse, "select count(*) from documents") == 4

    removed = sorted(small_raw.iterdir())[0]
    doc_id = _count(warehouse, f"select doc_id from documents where source_path = '{removed.name}'")
    removed.unlink()
    after = materialize(small_raw, warehouse)
    assert _metadata(after, "documents", "documents_extracted") == 0
    for table in ("documents", "trade_volume_mentions", "agreement_mentions", "military_exercise_mentions"):
        assert _count(warehouse, f"select count(*) from {table} where doc_id = '{doc_id}'") == 0
    for table in ("trade_volumes", "agreements", "military_exercises"):
        assert _count(warehouse, f"select count(*) from {table} where list_contains(doc_ids, '{doc_id}')") == 0


def test_changing_a_document_replaces_its_rows(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    doc = raw / "note.txt"
    doc.write_text("Trade between China and Russia reached $240.1 billion in 2023.\n")
    warehouse = tmp_path / "warehouse"
    assert materialize(raw, warehouse).success
    doc.write_text("Trade between China and Russia reached $244.8 billion in 2024.\n")
    changed = materialize(raw, warehouse)
    assert _metadata(changed, "documents", "documents_extracted") == 1
    values = _count(warehouse, "select list(value order by value) from trade_volume_mentions")
    assert values in ([244.8e9], [])  # the old figure is gone whatever the extractor makes of the new one
    assert _count(warehouse, "select count(*) from documents") == 1


def test_identical_files_are_one_document(tmp_path):
    raw = copy_tree(SEEDS_RAW, tmp_path / "raw")
    first = sorted(raw.iterdir())[0]
    shutil.copy2(first, raw / "zz copy (1).txt")
    warehouse = tmp_path / "warehouse"
    assert materialize(raw, warehouse).success
    con = _db(warehouse)
    n, dups = con.execute(
        f"select count(*), any_value(duplicate_paths) filter (source_path = '{first.name}') from documents"
    ).fetchone()
    con.close()
    assert n == 5 and dups == ["zz copy (1).txt"]


def test_a_new_extractor_version_re_extracts_everything_once(small_raw, tmp_path, monkeypatch):
    from eurasia_etl import build, corpus

    warehouse = tmp_path / "warehouse"
    assert _metadata(materialize(small_raw, warehouse), "documents", "documents_extracted") == 3
    monkeypatch.setattr(corpus, "extractor_version", lambda: "next-version")
    monkeypatch.setattr(build, "extractor_version", lambda: "next-version")
    assert _metadata(materialize(small_raw, warehouse), "documents", "documents_extracted") == 3
    assert _metadata(materialize(small_raw, warehouse), "documents", "documents_extracted") == 0


def _tables(warehouse: Path) -> dict[str, pd.DataFrame]:
    con = _db(warehouse)
    try:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()]
        return {t: con.execute(f"select * from {t} order by all").df() for t in sorted(tables)}
    finally:
        con.close()


def _manifest(warehouse: Path) -> dict:
    return json.loads((warehouse / "current" / "manifest.json").read_text())


def _assert_as_if_built_whole(raw: Path, warehouse: Path, tmp_path: Path) -> None:
    """Every table of the DuckDB file holds the rows of the Parquet files and of a build from scratch."""
    fresh = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    assert materialize(raw, fresh).success
    patched, whole = _tables(warehouse), _tables(fresh)
    assert list(patched) == list(whole)
    for table, frame in patched.items():
        pd.testing.assert_frame_equal(frame, whole[table], obj=table)
        assert len(frame) == len(pd.read_parquet(warehouse / "parquet" / table)), table


def test_incremental_runs_patch_the_duckdb_file_to_what_a_full_build_holds(tmp_path, monkeypatch):
    raw = copy_tree(SEEDS_RAW, tmp_path / "raw")
    page = DEV_RAW / "dev09.html"
    shutil.copy2(page, raw / page.name)
    warehouse = tmp_path / "warehouse"
    assert materialize(raw, warehouse).success
    assert _manifest(warehouse)["duckdb_patched_rows"] == 0, "a first run builds the file whole"
    monkeypatch.setattr(publish_module, "REBUILD_AFTER", 10.0)  # five documents: any change is a large share

    first, second, third = sorted(raw.iterdir())[:3]
    shutil.copy2(sorted(DEV_RAW.iterdir())[0], raw / "added.txt")  # added
    first.unlink()  # removed
    second.rename(raw / f"renamed{second.suffix}")  # same content, new path
    (raw / page.name).rename(raw / "page.txt")  # same bytes, read by another parser
    with third.open("a", encoding="utf-8") as f:  # changed
        f.write("\nIn 2019 trade between Russia and Mongolia reached $1.79 billion.\n")
    assert materialize(raw, warehouse).success
    patched = _manifest(warehouse)["duckdb_patched_rows"]
    assert patched > 0, "the previous file was patched, not rebuilt"
    assert _count(warehouse, "select format from documents where source_path = 'page.txt'") == "txt"
    _assert_as_if_built_whole(raw, warehouse, tmp_path)

    shutil.copy2(raw / "added.txt", raw / "added copy.txt")  # a duplicate: one document, two paths
    assert materialize(raw, warehouse).success
    assert _manifest(warehouse)["duckdb_patched_rows"] > patched, "patches add up"
    _assert_as_if_built_whole(raw, warehouse, tmp_path)

    monkeypatch.setattr(publish_module, "REBUILD_AFTER", 0.0)  # past the limit: built whole again
    (raw / "added copy.txt").unlink()
    assert materialize(raw, warehouse).success
    assert _manifest(warehouse)["duckdb_patched_rows"] == 0
    _assert_as_if_built_whole(raw, warehouse, tmp_path)
