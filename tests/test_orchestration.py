"""The sensor on the raw folder and the daily schedule, as Dagster evaluates them."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.sensors import daily_schedule, raw_folder_sensor


@pytest.fixture()
def raw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia and China held Joint Sea-2021.")
    monkeypatch.setenv("EURASIA_RAW_DIR", str(folder))
    return folder


def _tick(cursor: str | None) -> dg.SensorResult:
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs)
        return raw_folder_sensor(context)


def test_sensor_requests_a_run_for_a_new_folder_then_nothing_while_unchanged(raw):
    first = _tick(None)
    assert len(first.run_requests) == 1 and first.cursor
    again = _tick(first.cursor)
    assert not again.run_requests and again.cursor == first.cursor


@pytest.mark.parametrize("change", ["add", "modify", "remove"])
def test_sensor_requests_a_run_when_a_file_changes(raw, change):
    cursor = _tick(None).cursor
    if change == "add":
        (raw / "b.md").write_text("# new")
    elif change == "modify":
        path = raw / "a.txt"
        path.write_text("Russia and China held Joint Sea-2022, a longer text.")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    else:
        (raw / "a.txt").unlink()
    result = _tick(cursor)
    assert len(result.run_requests) == 1
    assert result.cursor != cursor
    assert result.run_requests[0].run_key == result.cursor


def test_sensor_and_schedule_target_the_whole_graph():
    job = defs.resolve_job_def("materialize_all")
    assert raw_folder_sensor.job_name == "materialize_all"
    assert daily_schedule.job_name == "materialize_all"
    keys = {k.to_user_string() for k in job.asset_layer.asset_graph.get_all_asset_keys()}
    assert {"documents", "trade_volumes", "agreements", "military_exercises", "rejected_rows", "warehouse"} <= keys


def test_schedule_runs_daily():
    assert daily_schedule.cron_schedule == "0 6 * * *"
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(instance=instance, scheduled_execution_time=None)
        data = daily_schedule.evaluate_tick(context)
    assert data.run_requests and len(data.run_requests) == 1


def test_definitions_load_with_checks_sensor_and_schedule():
    defs.resolve_all_job_defs()
    checks = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    assert checks == {"valid_rows"}
    assert len(defs.resolve_asset_graph().asset_check_keys) == 7
