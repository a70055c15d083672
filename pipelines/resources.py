"""Where the pipeline reads and writes, as a Dagster resource resolved at run time (not import time)."""

from __future__ import annotations

import dagster as dg

from eurasia_etl.config import Settings, settings_from_env


class WarehouseResource(dg.ConfigurableResource):
    """Empty fields fall back to EURASIA_RAW_DIR / EURASIA_WAREHOUSE_DIR, read when a run starts."""

    raw_dir: str = ""
    warehouse_dir: str = ""

    def settings(self) -> Settings:
        env = settings_from_env()
        return Settings(
            raw_dir=dg_path(self.raw_dir) or env.raw_dir,
            warehouse_dir=dg_path(self.warehouse_dir) or env.warehouse_dir,
            max_bytes=env.max_bytes,
            workers=env.workers,
        )


def dg_path(value: str):
    from pathlib import Path  # noqa: PLC0415

    return Path(value).resolve() if value else None
