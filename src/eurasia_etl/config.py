"""Where the pipeline reads and writes, from the environment, read when asked (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MAX_BYTES = 25 * 2**20


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse_dir: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 0  # 0: one per core

    @property
    def duckdb_path(self) -> Path:
        return self.warehouse_dir / "eurasia.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.warehouse_dir / "parquet"

    @property
    def cache_dir(self) -> Path:
        return self.warehouse_dir / ".cache"


def settings_from_env(env: dict[str, str] | None = None) -> Settings:
    """EURASIA_RAW_DIR, EURASIA_WAREHOUSE_DIR (defaults raw/ and warehouse/ under the repo root),
    EURASIA_MAX_BYTES (per-file size limit) and EURASIA_WORKERS (extraction processes)."""
    env = os.environ if env is None else env
    root = Path(env.get("EURASIA_ROOT", REPO_ROOT))
    return Settings(
        raw_dir=Path(env.get("EURASIA_RAW_DIR") or root / "raw").resolve(),
        warehouse_dir=Path(env.get("EURASIA_WAREHOUSE_DIR") or root / "warehouse").resolve(),
        max_bytes=int(env.get("EURASIA_MAX_BYTES") or DEFAULT_MAX_BYTES),
        workers=int(env.get("EURASIA_WORKERS") or 0),
    )
