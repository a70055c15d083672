"""Shared fixtures: real warehouses built by real in-process Dagster materializations."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

DATA = Path(__file__).parent / "data"
SEEDS_RAW = DATA / "seeds" / "raw"
SEEDS_GOLD = DATA / "seeds" / "gold"
DEV_RAW = DATA / "dev" / "raw"
DEV_GOLD = DATA / "dev" / "gold"
GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "generate_corpus.py"


def materialize(raw: Path, warehouse: Path, **env: str) -> dg.ExecuteInProcessResult:
    """One real run of every asset (the `materialize_all` job), in-process, into `warehouse`."""
    from pipelines.definitions import defs
    from pipelines.resources import WarehouseResource

    job = defs.resolve_job_def("materialize_all")
    with pytest.MonkeyPatch.context() as mp, dg.instance_for_test() as instance:
        for key, value in env.items():
            mp.setenv(key, value)
        return dg.materialize(
            defs.assets,
            resources={"paths": WarehouseResource(raw_dir=str(raw), warehouse_dir=str(warehouse))},
            instance=instance,
            raise_on_error=False,
            selection=job.asset_selection,
        )


def copy_tree(src: Path, dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        shutil.copy2(f, dst / f.name)
    return dst


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the development corpus, run once through the whole pipeline."""
    root = tmp_path_factory.mktemp("corpus")
    raw = copy_tree(SEEDS_RAW, root / "raw")
    copy_tree(DEV_RAW, raw)
    result = materialize(raw, root / "warehouse")
    assert result.success, "the pipeline run on seeds + dev failed"
    return root / "warehouse"


@pytest.fixture(scope="session")
def corpus_db(corpus_warehouse: Path):
    con = duckdb.connect(str(corpus_warehouse / "eurasia.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def corpus_generator():
    """The benchmark's synthetic corpus generator (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module
