"""`eurasia-etl`: run the pipeline, query the warehouse, evaluate against gold.

eurasia-etl run [--raw DIR] [--warehouse DIR]
eurasia-etl sql "select name, signed_date from agreements order by signed_date"
eurasia-etl evaluate --gold DIR [--warehouse PATH] [-v] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from eurasia_etl.config import settings_from_env


def _run(args: argparse.Namespace) -> int:
    """Materialize every asset in-process with Dagster's own executor, then summarize the warehouse."""
    if args.raw:
        os.environ["EURASIA_RAW_DIR"] = str(Path(args.raw).resolve())
    if args.warehouse:
        os.environ["EURASIA_WAREHOUSE_DIR"] = str(Path(args.warehouse).resolve())
    settings = settings_from_env()
    if not settings.raw_dir.is_dir():
        print(f"error: raw folder {settings.raw_dir} does not exist", file=sys.stderr)
        return 2
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    import dagster as dg  # noqa: PLC0415 - keeps `sql` and `evaluate` fast to start

    from pipelines.definitions import defs  # noqa: PLC0415

    print(f"eurasia-etl run: {settings.raw_dir} -> {settings.warehouse_dir}", flush=True)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    # One process runs the whole graph, and the published warehouse is what lasts: the frames handed from
    # asset to asset stay in memory instead of being pickled to disk and read back.
    result = dg.materialize(
        defs.assets,
        selection=defs.resolve_job_def("materialize_all").asset_selection,
        resources={**defs.resources, "io_manager": dg.mem_io_manager},
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    for event in result.all_events:
        if event.event_type_value == "ASSET_MATERIALIZATION":
            mat = event.step_materialization_data.materialization
            rows = mat.metadata.get("dagster/row_count")
            print(f"  materialized {mat.asset_key.to_user_string():<28} {rows.value if rows else ''}", flush=True)
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            check = event.event_specific_data
            if not check.passed:
                print(f"  check failed {check.asset_key.to_user_string()}.{check.check_name}", flush=True)
        elif event.is_failure:
            print(f"  FAILED {event.step_key}: {event.message}", file=sys.stderr, flush=True)
    if not result.success:
        print(f"run failed after {time.time() - started:.1f}s; the previous warehouse is untouched", file=sys.stderr)
        return 1
    if not result.get_asset_materialization_events():
        print("nothing changed since the last run: the published warehouse is untouched")
    print(_summary(settings.duckdb_path, time.time() - started))
    return 0


def _summary(duckdb_path: Path, seconds: float) -> str:
    import duckdb  # noqa: PLC0415

    from eurasia_etl.schemas import TABLES  # noqa: PLC0415

    con = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        ok, rejected = con.execute(
            "select count(*) filter (status = 'ok'), count(*) filter (status = 'rejected') from documents"
        ).fetchone()
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES if t != "documents"}
    finally:
        con.close()
    lines = [f"documents: {ok + rejected} read, {rejected} rejected"]
    lines += [f"{t:<28}{n:>8} rows" for t, n in counts.items()]
    lines.append(f"rows rejected by validation: {counts['rejected_rows']}")
    lines.append(f"time: {seconds:.1f}s")
    return "\n".join(lines)


def _sql(args: argparse.Namespace) -> int:
    import duckdb  # noqa: PLC0415
    from tabulate import tabulate  # noqa: PLC0415

    path = Path(args.warehouse) if args.warehouse else settings_from_env().duckdb_path
    if not path.exists():
        print(f"error: no warehouse at {path}; run `eurasia-etl run` first", file=sys.stderr)
        return 2
    con = duckdb.connect(str(path), read_only=True)
    try:
        cur = con.execute(args.query)
        if cur.description is None:
            return 0
        cols = [d[0] for d in cur.description]
        rows = cur.fetchmany(args.limit) if args.limit else cur.fetchall()
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps([dict(zip(cols, r, strict=True)) for r in rows], default=str, indent=2))
    elif args.format == "csv":
        import csv  # noqa: PLC0415

        writer = csv.writer(sys.stdout)
        writer.writerow(cols)
        writer.writerows(rows)
    else:
        clipped = [[_clip(v, args.width) for v in r] for r in rows]
        print(tabulate(clipped, headers=cols, tablefmt="simple_outline"))
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return 0


def _clip(value: object, width: int) -> object:
    text = str(value) if not isinstance(value, int | float) or isinstance(value, bool) else value
    if isinstance(text, str) and len(text) > width:
        return text[: width - 1] + "…"
    return text


def _evaluate(args: argparse.Namespace) -> int:
    from eurasia_etl.evaluate import evaluate, format_report, report_json  # noqa: PLC0415

    warehouse = Path(args.warehouse) if args.warehouse else settings_from_env().duckdb_path
    if not warehouse.exists():
        print(f"error: no warehouse at {warehouse}", file=sys.stderr)
        return 2
    report = evaluate(Path(args.gold), warehouse)
    print(json.dumps(report_json(report), indent=2) if args.json else format_report(report, args.verbose))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eurasia-etl", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="materialize every asset from the raw folder into the warehouse")
    run.add_argument("--raw", help="raw folder (default $EURASIA_RAW_DIR or raw/)")
    run.add_argument("--warehouse", help="warehouse folder (default $EURASIA_WAREHOUSE_DIR or warehouse/)")
    run.set_defaults(func=_run)
    sql = sub.add_parser("sql", help="run a SQL query on the published DuckDB file and print the result")
    sql.add_argument("query")
    sql.add_argument("--warehouse", help="DuckDB file (default the published one)")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.add_argument("--limit", type=int, default=0, help="print at most this many rows")
    sql.add_argument("--width", type=int, default=60, help="clip table cells to this many characters")
    sql.set_defaults(func=_sql)
    ev = sub.add_parser("evaluate", help="precision/recall/F1 of the warehouse against gold YAML files")
    ev.add_argument("--gold", required=True, help="folder of gold YAML files (annotation guide format)")
    ev.add_argument("--warehouse", help="DuckDB file or parquet/ folder (default the published DuckDB file)")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every missed and extra row")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=_evaluate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
