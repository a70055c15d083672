"""The command line as a user types it: `eurasia-etl run`, `sql`, `evaluate`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS_RAW

from eurasia_etl.cli import main

CLI = [sys.executable, "-m", "eurasia_etl.cli"]


def test_run_uses_the_environment_and_prints_a_summary(tmp_path: Path):
    raw = tmp_path / "in docs"
    raw.mkdir()
    shutil.copy2(sorted(SEEDS_RAW.iterdir())[1], raw)
    (raw / "empty.txt").write_text("   \n")
    env = {**os.environ, "EURASIA_RAW_DIR": str(raw), "EURASIA_WAREHOUSE_DIR": str(tmp_path / "wh")}
    env.pop("DAGSTER_HOME", None)
    done = subprocess.run([*CLI, "run"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "materialized documents" in out and "materialized warehouse" in out
    assert "documents: 2 read, 1 rejected" in out
    assert "agreement_mentions" in out and "time:" in out
    assert (tmp_path / "wh" / "eurasia.duckdb").exists()

    again = subprocess.run([*CLI, "run"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "nothing changed since the last run" in again.stdout and "materialized" not in again.stdout
    assert "documents: 2 read, 1 rejected" in again.stdout


def test_run_fails_clearly_without_a_raw_folder(tmp_path: Path, capsys):
    assert main(["run", "--raw", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "wh")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_sql_prints_a_readable_table(corpus_warehouse: Path, capsys):
    db = str(corpus_warehouse / "eurasia.duckdb")
    assert main(["sql", "select name, signed_date from agreements order by signed_date", "--warehouse", db]) == 0
    out = capsys.readouterr().out
    assert "name" in out and "signed_date" in out and "Treaty" in out and "rows)" in out


def test_sql_reports_errors_without_a_traceback(corpus_warehouse: Path, capsys):
    db = str(corpus_warehouse / "eurasia.duckdb")
    assert main(["sql", "select nope from agreements", "--warehouse", db]) == 1
    assert "error:" in capsys.readouterr().err


def test_sql_csv_output(corpus_warehouse: Path, capsys):
    db = str(corpus_warehouse / "eurasia.duckdb")
    assert main(["sql", "select count(*) as n from documents", "--warehouse", db, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "19"]
