"""DataFrames -> one warehouse snapshot (Parquet folders + a DuckDB file), swapped in atomically.

Layout under the warehouse folder:

    snapshots/<id>/{eurasia.duckdb, parquet/<table>/part-0.parquet, manifest.json}
    current        -> snapshots/<id>          (one symlink: the swap is a single rename)
    eurasia.duckdb -> current/eurasia.duckdb
    parquet        -> current/parquet

A snapshot is written completely beside the live one and only then made
current, so readers never see a half-written table, nor tables from two
runs; a failed run leaves the previous snapshot in place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from eurasia_etl import schemas
from eurasia_etl.frames import from_arrow, to_arrow
from eurasia_etl.gc_pause import paused_gc

KEEP_SNAPSHOTS = 2


@dataclass
class PublishResult:
    changed: bool
    snapshot: Path
    row_counts: dict[str, int]


def current_snapshot(warehouse: Path) -> Path | None:
    link = warehouse / "current"
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def read_manifest(warehouse: Path) -> dict | None:
    snap = current_snapshot(warehouse)
    if snap is None:
        return None
    try:
        return json.loads((snap / "manifest.json").read_text())
    except (OSError, ValueError):
        return None


def load_published(warehouse: Path, tables: tuple[str, ...] = schemas.TABLES) -> dict[str, pd.DataFrame]:
    """The current snapshot's tables as frames (for runs where nothing changed)."""
    snap = current_snapshot(warehouse)
    if snap is None:
        raise FileNotFoundError(f"no published warehouse under {warehouse}")
    return {t: from_arrow(t, pq.read_table(snap / "parquet" / t)) for t in tables}


def _write_snapshot(
    target: Path, frames: dict[str, pd.DataFrame], manifest: dict, base: tuple[Path, int] | None = None
) -> dict[str, int]:
    """Parquet files and the DuckDB file from the same Arrow tables, written side by side (both release the GIL).

    With a `base` (the previous snapshot's DuckDB file, built by the same code, and the rows patched
    into it since it was last built whole), the new file is a copy of it with only the rows that
    differ deleted and inserted. The manifest carries the count on, so that `_patch_base` can have
    the file built whole again once patches add up.
    """
    arrows = {table: to_arrow(table, frames[table]) for table in schemas.TABLES}
    counts = {table: arrow.num_rows for table, arrow in arrows.items()}
    patched = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        parquet = pool.submit(_write_parquet, target / "parquet", arrows)
        if base is not None:
            patched = _patch_duckdb(base[0], target / "eurasia.duckdb", arrows)
        if patched is None:
            _write_duckdb(target / "eurasia.duckdb", arrows)
        parquet.result()
    patched_rows = 0 if base is None or patched is None else base[1] + patched
    manifest = {**manifest, "row_counts": counts, "duckdb_patched_rows": patched_rows}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return counts


def _write_parquet(folder: Path, arrows: dict[str, pa.Table]) -> None:
    for table, arrow in arrows.items():
        (folder / table).mkdir(parents=True)
        pq.write_table(arrow, folder / table / "part-0.parquet", compression="zstd")


def _write_duckdb(path: Path, arrows: dict[str, pa.Table]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        for table, arrow in arrows.items():
            con.register("_arrow_source", arrow)
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM _arrow_source")
            con.unregister("_arrow_source")
        con.execute("CHECKPOINT")
    finally:
        con.close()


# Under one extractor and resolver version a row is fixed by these columns: ids are hashes of the
# content they stand for, and the rest are what can change while the content does not (a renamed
# file, a re-linked mention, a conflict found elsewhere). Tables not named compare every column.
ROW_IDENTITY = {
    "documents": ("doc_id", "source_path", "duplicate_paths", "format", "status", "error"),
    "trade_volume_mentions": ("mention_id", "trade_volume_id"),
    "agreement_mentions": ("mention_id", "agreement_id"),
    "military_exercise_mentions": ("mention_id", "exercise_id"),
    "trade_volumes": ("trade_volume_id", "conflict"),
    "agreements": ("agreement_id",),
    "military_exercises": ("exercise_id",),
}
REBUILD_AFTER = 0.25  # patched rows, as a share of all rows, before the DuckDB file is built whole again


def _patch_duckdb(base: Path, path: Path, arrows: dict[str, pa.Table]) -> int | None:
    """A copy of `base` with each table made equal to its Arrow table; the number of rows deleted and
    inserted, or None (and no file) when a table does not come out with the expected row count.

    Documents go first: every row of a document whose own row changed (read from another path or
    by another parser) is replaced, whatever its identity columns say.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(base, path)
    changed = 0
    con = duckdb.connect(str(path))
    try:
        for table in sorted(arrows, key=lambda t: t != "documents"):
            arrow = arrows[table]
            columns = ROW_IDENTITY.get(table, arrow.column_names)
            same = " AND ".join(f'old."{c}" IS NOT DISTINCT FROM new."{c}"' for c in columns)
            con.register("new", arrow)
            gone = f"SELECT old.rowid FROM {table} AS old ANTI JOIN new ON {same}"
            added = f"SELECT new.* FROM new ANTI JOIN {table} AS old ON {same}"
            if table == "documents":
                con.execute(
                    f"CREATE TEMP TABLE redone AS SELECT doc_id FROM {table} WHERE rowid IN ({gone})"
                    f" UNION SELECT doc_id FROM ({added})"
                ).fetchall()
            elif "doc_id" in arrow.column_names:
                gone += f" UNION SELECT rowid FROM {table} WHERE doc_id IN (SELECT doc_id FROM redone)"
            changed += con.execute(f"DELETE FROM {table} WHERE rowid IN ({gone})").fetchall()[0][0]
            changed += con.execute(f"INSERT INTO {table} {added}").fetchall()[0][0]
            con.unregister("new")
            if con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] != arrow.num_rows:
                break  # repeated rows (the anti-joins see one): build the file whole
        else:
            con.execute("DROP TABLE redone").fetchall()
            con.execute("CHECKPOINT").fetchall()
            return changed
    finally:
        con.close()
    path.unlink()
    return None


def _point(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` with one atomic rename."""
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}")
    os.symlink(target, tmp)
    if link.exists() and not link.is_symlink():
        # A plain file or folder from an older layout: move it aside so the rename can land.
        link.rename(link.with_name(f".{link.name}.old-{uuid.uuid4().hex[:8]}"))
    os.replace(tmp, link)


def _prune(warehouse: Path, keep: Path) -> None:
    snaps = sorted((p for p in (warehouse / "snapshots").iterdir() if p.is_dir()), key=lambda p: p.name)
    finished = [p for p in snaps if not p.name.startswith(".")]
    for old in finished[:-KEEP_SNAPSHOTS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def _patch_base(warehouse: Path, old: dict | None, run_info: dict) -> tuple[Path, int] | None:
    """The current DuckDB file and the rows patched into it, when its rows were built by the code that
    built these (`run_info` vouches for that with the versions; see ROW_IDENTITY) and it has not
    been patched too much already."""
    versions = ("extractor_version", "resolver_version")
    if not old or any(run_info.get(v) is None or old.get(v) != run_info[v] for v in versions):
        return None
    patched, total = old.get("duckdb_patched_rows"), sum(old.get("row_counts", {}).values())
    base = warehouse / "current" / "eurasia.duckdb"
    ok = base.is_file() and isinstance(patched, int) and patched <= REBUILD_AFTER * total
    return (base, patched) if ok else None


@paused_gc
def publish(warehouse: Path, frames: dict[str, pd.DataFrame], fingerprint: str, run_info: dict) -> PublishResult:
    """Write every table to a new snapshot and make it current, unless the inputs are unchanged."""
    old = read_manifest(warehouse)
    if old and old.get("fingerprint") == fingerprint:
        return PublishResult(False, current_snapshot(warehouse), old.get("row_counts", {}))
    missing = [t for t in schemas.TABLES if t not in frames]
    if missing:
        raise ValueError(f"publish needs every table; missing {missing}")
    snapshots = warehouse / "snapshots"
    snapshots.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{stamp}-{fingerprint[:8]}"
    staging = snapshots / f".staging-{name}"
    try:
        manifest = {"fingerprint": fingerprint, "published_at": stamp, **run_info}
        counts = _write_snapshot(staging, frames, manifest, _patch_base(warehouse, old, run_info))
        final = snapshots / name
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point(warehouse / "current", f"snapshots/{name}")
    for entry, target in (("eurasia.duckdb", "current/eurasia.duckdb"), ("parquet", "current/parquet")):
        link = warehouse / entry
        if not (link.is_symlink() and os.readlink(link) == target):
            _point(link, target)
    _prune(warehouse, final)
    return PublishResult(True, final, counts)
