"""What a user sees in the Dagster UI for a table: row count, schema, preview."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from eurasia_etl import schemas

PREVIEW_ROWS = 5
PREVIEW_CHARS = 60


def table_metadata(table: str, frame: pd.DataFrame, **extra: object) -> dict[str, object]:
    columns = [dg.TableColumn(f.name, str(f.type)) for f in schemas.arrow_schema(table)]
    preview = frame.head(PREVIEW_ROWS).map(lambda v: str(v)[:PREVIEW_CHARS] if v is not None else "")
    return {
        "dagster/row_count": len(frame),
        "dagster/column_schema": dg.TableSchema(columns=columns),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(frame) else "(no rows)"),
        **extra,
    }


def validation_result(table: str, rejected: pd.DataFrame) -> dg.AssetCheckResult:
    """The pandera check as the UI shows it: rows rejected, and which checks failed."""
    reasons = rejected["reason"].value_counts().head(10).to_dict() if len(rejected) else {}
    return dg.AssetCheckResult(
        asset_key=table,
        check_name="valid_rows",
        passed=rejected.empty,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"rows_rejected": len(rejected), "failed_checks": dg.MetadataValue.json(reasons)},
    )
