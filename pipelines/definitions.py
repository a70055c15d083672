"""The code location `dagster dev` finds through pyproject.toml ([tool.dagster])."""

from __future__ import annotations

import dagster as dg

from pipelines.assets import canonical, extracted, rejected_rows, warehouse
from pipelines.resources import WarehouseResource
from pipelines.sensors import MATERIALIZE_ALL, daily_schedule, raw_folder_sensor

ASSETS = [extracted, canonical, rejected_rows, warehouse]

defs = dg.Definitions(
    assets=ASSETS,
    jobs=[MATERIALIZE_ALL],
    schedules=[daily_schedule],
    sensors=[raw_folder_sensor],
    resources={"paths": WarehouseResource()},
    executor=dg.in_process_executor,
)
