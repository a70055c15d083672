"""The asset graph: raw/ -> documents and mentions -> canonical tables -> rejected rows -> published warehouse.

Each asset reads its inputs, calls one library step, and reports what a
user checks in the UI (rows, schema, preview, rejections). The pandera
validation runs inside the steps; its outcome is an asset check per table.
"""

import time

import dagster as dg
import pandas as pd

from eurasia_etl import build, publish
from eurasia_etl.corpus import extractor_version, resolver_version
from eurasia_etl.resolve import MENTIONS_OF
from eurasia_etl.rows import MENTION_TABLES
from pipelines.metadata import table_metadata, validation_result
from pipelines.resources import WarehouseResource

EXTRACTED = ("documents", *MENTION_TABLES)
CANONICAL = tuple(MENTIONS_OF)


def _checks(tables: tuple[str, ...]) -> list[dg.AssetCheckSpec]:
    return [
        dg.AssetCheckSpec("valid_rows", asset=t, description="pandera model of the table (schemas.py)") for t in tables
    ]


@dg.multi_asset(
    outs={
        **{t: dg.AssetOut(group_name="extract", kinds={"pandas"}, is_required=False) for t in EXTRACTED},
        "extraction_rejects": dg.AssetOut(
            group_name="extract", description="rows of the above that failed checks", is_required=False
        ),
    },
    check_specs=_checks(EXTRACTED),
    can_subset=True,
    description="Scan the raw folder, read and clean each document, extract the three fact kinds (only what "
    "changed since the last run), validate, and link mentions to canonical ids. When the raw folder is what the "
    "published warehouse was built from, nothing is materialized and every downstream step is skipped.",
)
def extracted(context: dg.AssetExecutionContext, paths: WarehouseResource):
    stage = build.extract_stage(paths.settings(), progress=context.log.info)
    if stage.unchanged:
        context.log.info(f"nothing changed since the published warehouse ({stage.n_cached} documents)")
        yield dg.AssetObservation(
            asset_key="documents", metadata={"unchanged": True, "documents_extracted": 0, "documents": stage.n_cached}
        )
        return
    for event in _extracted_events(context, stage):
        key = event.asset_key if isinstance(event, dg.AssetCheckResult) else None
        if key is not None and key not in context.selected_asset_keys:
            continue
        if isinstance(event, dg.Output) and event.output_name not in context.op_execution_context.selected_output_names:
            continue
        yield event


def _extracted_events(context: dg.AssetExecutionContext, stage: build.ExtractStage):
    docs = stage.documents
    n_rejected_docs = int((docs["status"] == "rejected").sum())
    context.log.info(
        f"documents: {len(docs)} ({n_rejected_docs} rejected); extracted {stage.n_extracted}, reused {stage.n_cached}"
    )
    yield dg.Output(
        docs,
        output_name="documents",
        metadata=table_metadata(
            "documents",
            docs.drop(columns=["text"]).assign(text="…"),
            documents_rejected=n_rejected_docs,
            documents_extracted=stage.n_extracted,
            documents_reused=stage.n_cached,
        ),
    )
    for table in MENTION_TABLES:
        yield dg.Output(stage.mentions[table], output_name=table, metadata=table_metadata(table, stage.mentions[table]))
    for table in EXTRACTED:
        yield validation_result(table, stage.rejected[table])
    rejects = build.concat_rejected(list(stage.rejected.values()))
    yield dg.Output(rejects, output_name="extraction_rejects", metadata={"dagster/row_count": len(rejects)})


@dg.multi_asset(
    outs={
        **{t: dg.AssetOut(group_name="canonical", kinds={"pandas"}) for t in CANONICAL},
        "canonical_rejects": dg.AssetOut(group_name="canonical", description="canonical rows that failed checks"),
    },
    check_specs=_checks(CANONICAL),
    description="One row per real-world fact across documents (n_mentions, n_documents, doc_ids, conflict). "
    "Published rows of clusters that did not change are reused.",
)
def canonical(
    context: dg.AssetExecutionContext,
    paths: WarehouseResource,
    trade_volume_mentions: pd.DataFrame,
    agreement_mentions: pd.DataFrame,
    military_exercise_mentions: pd.DataFrame,
):
    mentions = {
        "trade_volume_mentions": trade_volume_mentions,
        "agreement_mentions": agreement_mentions,
        "military_exercise_mentions": military_exercise_mentions,
    }
    valid, rejected = build.canonical_stage(mentions, build.published_canonical(paths.settings().warehouse_dir))
    for table in CANONICAL:
        context.log.info(f"{table}: {len(valid[table])} canonical rows from {len(mentions[MENTIONS_OF[table]])}")
        yield dg.Output(valid[table], output_name=table, metadata=table_metadata(table, valid[table]))
        yield validation_result(table, rejected[table])
    rejects = build.concat_rejected(list(rejected.values()))
    yield dg.Output(rejects, output_name="canonical_rejects", metadata={"dagster/row_count": len(rejects)})


@dg.asset(group_name="publish", kinds={"pandas"}, description="Every row that failed validation, with the reason.")
def rejected_rows(extraction_rejects: pd.DataFrame, canonical_rejects: pd.DataFrame) -> dg.Output[pd.DataFrame]:
    frame = build.concat_rejected([extraction_rejects, canonical_rejects])
    by_table = frame["table_name"].value_counts().to_dict() if len(frame) else {}
    return dg.Output(frame, metadata=table_metadata("rejected_rows", frame, by_table=dg.MetadataValue.json(by_table)))


@dg.asset(
    group_name="publish",
    kinds={"duckdb", "parquet"},
    description="Parquet folders and the DuckDB file, written beside the live ones and swapped in atomically.",
)
def warehouse(
    context: dg.AssetExecutionContext,
    paths: WarehouseResource,
    documents: pd.DataFrame,
    trade_volume_mentions: pd.DataFrame,
    agreement_mentions: pd.DataFrame,
    military_exercise_mentions: pd.DataFrame,
    trade_volumes: pd.DataFrame,
    agreements: pd.DataFrame,
    military_exercises: pd.DataFrame,
    rejected_rows: pd.DataFrame,
):
    tables = {
        "documents": documents,
        "trade_volume_mentions": trade_volume_mentions,
        "agreement_mentions": agreement_mentions,
        "military_exercise_mentions": military_exercise_mentions,
        "trade_volumes": trade_volumes,
        "agreements": agreements,
        "military_exercises": military_exercises,
        "rejected_rows": rejected_rows,
    }
    settings = paths.settings()
    started = time.time()
    result = publish.publish(
        settings.warehouse_dir,
        tables,
        build.fingerprint_of(tables["documents"]),
        {
            "run_id": context.run.run_id,
            "raw_dir": str(settings.raw_dir),
            "extractor_version": extractor_version(),
            "resolver_version": resolver_version(),
        },
    )
    context.log.info(
        f"warehouse {'published' if result.changed else 'unchanged'}: {result.snapshot} ({time.time() - started:.1f}s)"
    )
    return dg.MaterializeResult(
        metadata={
            "changed": result.changed,
            "dagster/uri": str(settings.duckdb_path),
            "snapshot": str(result.snapshot),
            "row_counts": dg.MetadataValue.json(result.row_counts),
        }
    )
