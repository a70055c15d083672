"""Runs when analysts drop files into raw/, and once a day regardless."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import dagster as dg

from eurasia_etl.config import settings_from_env

MATERIALIZE_ALL = dg.define_asset_job("materialize_all", selection=dg.AssetSelection.all())


def folder_state(root: Path) -> str:
    """A cheap fingerprint of the raw folder (names, sizes, modification times): no file is read."""
    digest = hashlib.sha256()
    if root.is_dir():
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(f for f in filenames if not f.startswith(".")):
                path = Path(dirpath, name)
                try:
                    st = path.lstat()
                except OSError:
                    continue
                digest.update(f"{path.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=MATERIALIZE_ALL, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Requests a run when files under the raw folder are added, changed or removed."""
    state = folder_state(settings_from_env().raw_dir)
    if state == context.cursor:
        return dg.SensorResult(skip_reason="raw folder unchanged", cursor=state)
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=state)], cursor=state)


daily_schedule = dg.ScheduleDefinition(
    name="daily_materialize_all",
    job=MATERIALIZE_ALL,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
