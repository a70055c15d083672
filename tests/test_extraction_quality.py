"""Extraction quality on the seeds and the development corpus, measured with `eurasia-etl evaluate`.

A guard against regressions at the thresholds the project committed to, not a target to tune to.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, DEV_GOLD, SEEDS_GOLD

from eurasia_etl.cli import main as cli_main

TABLES = ("trade_volumes", "agreements", "military_exercises")
# (gold, macro F1 floor, per-table F1 floor)
THRESHOLDS = {"seeds": (SEEDS_GOLD, 0.95, 0.90), "dev": (DEV_GOLD, 0.85, 0.0)}
KEY_ATTRIBUTES = {
    "trade_volumes": ("metric", "economies", "period"),
    "agreements": ("parties", "signed"),
    "military_exercises": ("participants", "start"),
}


def _evaluate(gold: Path, warehouse: Path, capsys) -> dict:
    assert cli_main(["evaluate", "--gold", str(gold), "--warehouse", str(warehouse / "eurasia.duckdb"), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("corpus", sorted(THRESHOLDS))
def test_f1_stays_at_or_above_the_thresholds(corpus_warehouse, corpus, capsys):
    gold, macro_floor, table_floor = THRESHOLDS[corpus]
    report = _evaluate(gold, corpus_warehouse, capsys)
    assert report["grounded"] == 1.0
    assert report["macro_f1"] >= macro_floor, report
    for table in TABLES:
        assert report["tables"][table]["f1"] >= table_floor, (table, report["tables"][table])


@pytest.mark.parametrize("corpus", sorted(THRESHOLDS))
def test_key_attributes_are_accurate(corpus_warehouse, corpus, capsys):
    report = _evaluate(THRESHOLDS[corpus][0], corpus_warehouse, capsys)
    for table, attrs in KEY_ATTRIBUTES.items():
        accuracy = report["tables"][table]["attribute_accuracy"]
        for attr in attrs:
            assert accuracy[attr] is None or accuracy[attr] >= 0.90, (corpus, table, attr, accuracy[attr])


@pytest.mark.parametrize("corpus", sorted(THRESHOLDS))
def test_evaluate_agrees_with_the_reference_scorer(corpus_warehouse, corpus, capsys):
    """The project's evaluator implements the guide's rules exactly as the shared scorer does."""
    gold = THRESHOLDS[corpus][0]
    ours = _evaluate(gold, corpus_warehouse, capsys)
    reference = json.loads(
        subprocess.run(
            [sys.executable, str(DATA / "reference_score.py"), "--gold", str(gold), "--warehouse",
             str(corpus_warehouse / "eurasia.duckdb"), "--json"],
            check=True, capture_output=True, text=True,
        ).stdout
    )  # fmt: skip
    assert round(ours["macro_f1"], 3) == round(reference["macro_f1"], 3)
    for table in TABLES:
        for key in ("tp", "fp", "fn"):
            assert ours["tables"][table][key] == reference["tables"][table][key]
        for key in ("precision", "recall", "f1"):
            assert round(ours["tables"][table][key], 3) == round(reference["tables"][table][key], 3)
        assert ours["tables"][table]["attribute_accuracy"] == reference["tables"][table]["attribute_accuracy"]
