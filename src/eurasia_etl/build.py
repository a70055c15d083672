"""The table-building steps between collected documents and a publishable set of frames.

Each step is a plain function so that the Dagster assets stay thin and the
steps can be tested (and used from a notebook) without Dagster.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from eurasia_etl import schemas
from eurasia_etl.config import Settings
from eurasia_etl.corpus import Collected, collect, extractor_version, fingerprint, resolver_version, scan_fingerprint
from eurasia_etl.formats import format_of
from eurasia_etl.frames import typed_frame
from eurasia_etl.gc_pause import paused_gc
from eurasia_etl.ingest import SourceFile
from eurasia_etl.publish import load_published, read_manifest
from eurasia_etl.resolve import ID_COLUMN, MENTIONS_OF, PENDING, canonical, flag_conflicts, link
from eurasia_etl.rows import MENTION_TABLES

CANONICAL_TABLES = tuple(MENTIONS_OF)
ID_PENDING = {m: ID_COLUMN[t] for t, m in MENTIONS_OF.items()}


def document_frames(collected: Collected) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], pd.DataFrame]:
    """(documents, unvalidated mention frames, rejected rows for documents whose extraction crashed)."""
    documents = typed_frame("documents", [r.document for r in collected.results])
    mentions = {
        t: typed_frame(t, [{**row, ID_PENDING[t]: PENDING} for r in collected.results for row in r.rows[t]])
        for t in MENTION_TABLES
    }
    crashed = [
        {
            "table_name": "documents",
            "doc_id": r.document["doc_id"],
            "reason": r.extraction_error,
            "row_json": json.dumps({"source_path": r.document["source_path"], "sha256": r.document["sha256"]}),
        }
        for r in collected.results
        if r.extraction_error
    ]
    return documents, mentions, typed_frame("rejected_rows", crashed)


def grounded(mentions: pd.DataFrame, documents: pd.DataFrame, table: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep mentions whose evidence is exactly their span of the document text; reject the others."""
    if mentions.empty:
        return mentions, schemas.empty_frame("rejected_rows")
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    ok = [
        texts.get(d) is not None and texts[d][s:e] == ev
        for d, s, e, ev in zip(
            mentions["doc_id"], mentions["char_start"], mentions["char_end"], mentions["evidence"], strict=True
        )
    ]
    mask = pd.Series(ok, index=mentions.index)
    bad = mentions[~mask]
    rejected = pd.DataFrame(
        {
            "table_name": table,
            "doc_id": bad["doc_id"].tolist(),
            "reason": "evidence_equals_document_span: evidence is not documents.text[char_start:char_end]",
            "row_json": [schemas.row_json(row) for _, row in bad.iterrows()],
        }
    )
    return mentions[mask].reset_index(drop=True), typed_frame("rejected_rows", rejected.to_dict("records"))


def validate_mentions(table: str, mentions: pd.DataFrame, documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """pandera model first, then the span check that needs the documents."""
    valid, rejected = schemas.validate(table, mentions)
    valid, ungrounded = grounded(valid, documents, table)
    return valid, concat_rejected([rejected, ungrounded])


def link_all(
    mentions: dict[str, pd.DataFrame], removed: dict[str, pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """Every mention table with its canonical ids filled in (only what `removed` or new mentions touch is redone)."""
    return {m: link(table, mentions[m], (removed or {}).get(m)) for table, m in MENTIONS_OF.items()}


def concat_rejected(frames: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [f for f in frames if not f.empty]
    if not parts:
        return schemas.empty_frame("rejected_rows")
    return typed_frame("rejected_rows", pd.concat(parts, ignore_index=True).to_dict("records"))


@dataclass
class ExtractStage:
    """Documents and linked mention tables, ready to publish, with what validation rejected.

    `unchanged`: the raw folder is what the published warehouse was built from; there are no frames.
    """

    documents: pd.DataFrame | None
    mentions: dict[str, pd.DataFrame]
    rejected: dict[str, pd.DataFrame]  # per table: rows that failed its checks
    fingerprint: str
    unchanged: bool = False
    n_cached: int = 0
    n_extracted: int = 0


def fingerprint_of(documents: pd.DataFrame) -> str:
    return fingerprint(
        [
            (p, s, list(d))
            for p, s, d in zip(documents["source_path"], documents["sha256"], documents["duplicate_paths"], strict=True)
        ]
    )


EXTRACTED = ("documents", *MENTION_TABLES)


@paused_gc
def extract_stage(settings: Settings, progress: Callable[[str], None] | None = None) -> ExtractStage:
    """Scan, extract what changed, validate and link.

    Nothing changed: no frames at all. Some documents changed: the published rows of every document
    still present are kept with their canonical ids (they were validated and linked when published),
    only new content is read, extracted and validated, and linking redoes only what new or removed
    mentions touch.
    """
    sources, scan_rejected, current = scan_fingerprint(settings)
    manifest = read_manifest(settings.warehouse_dir) or {}
    if manifest.get("fingerprint") == current:
        n_docs = int(manifest.get("row_counts", {}).get("documents", 0))
        return ExtractStage(None, {}, {}, current, unchanged=True, n_cached=n_docs)
    previous = _reusable(settings.warehouse_dir, manifest, sources)
    known = set(previous.documents["sha256"]) if previous else set()
    collected = collect(settings, progress, ([s for s in sources if s.sha256 not in known], scan_rejected, current))
    documents, mentions, crashed = document_frames(collected)
    documents, doc_rejects = schemas.validate("documents", documents)
    earlier = previous.rejected["documents"] if previous else schemas.empty_frame("rejected_rows")
    rejected = {"documents": concat_rejected([earlier, crashed, doc_rejects])}
    valid = {}
    for table in MENTION_TABLES:
        valid[table], rejected[table] = validate_mentions(table, mentions[table], documents)
        if previous:
            valid[table] = pd.concat([previous.mentions[table], valid[table]], ignore_index=True)
            rejected[table] = concat_rejected([previous.rejected[table], rejected[table]])
    if previous:
        documents = pd.concat([previous.documents, documents], ignore_index=True)
        documents = documents.sort_values("source_path", kind="stable").reset_index(drop=True)
    return ExtractStage(
        documents,
        link_all(valid, previous.removed if previous else None),
        rejected,
        current,
        n_cached=len(sources) - collected.n_extracted,
        n_extracted=collected.n_extracted,
    )


@dataclass
class _Previous:
    """What the published warehouse lends a run: rows of documents still present, and mentions now gone."""

    documents: pd.DataFrame
    mentions: dict[str, pd.DataFrame]  # with their canonical ids
    removed: dict[str, pd.DataFrame]
    rejected: dict[str, pd.DataFrame]


def _same_code(manifest: dict) -> bool:
    """Published rows are reusable only when the code that extracted, validated and linked them is this code."""
    return (manifest.get("extractor_version"), manifest.get("resolver_version")) == (
        extractor_version(),
        resolver_version(),
    )


def _reusable(warehouse: Path, manifest: dict, sources: list[SourceFile]) -> _Previous | None:
    """Published documents whose content is still in the raw folder (paths updated), their rows and rejects."""
    if not _same_code(manifest):
        return None
    published, rejects = _published_rejects(warehouse, EXTRACTED)
    where = {s.sha256: s for s in sources}
    docs = published.pop("documents")
    # Same bytes under an extension another parser reads (formats.format_of): extracted again.
    same_reader = [
        sha in where and format_of(where[sha].source_path) == format_of(path)
        for sha, path in zip(docs["sha256"], docs["source_path"], strict=True)
    ]
    docs = docs[same_reader].reset_index(drop=True)
    docs["source_path"] = [where[sha].source_path for sha in docs["sha256"]]
    docs["duplicate_paths"] = [list(where[sha].duplicate_paths) for sha in docs["sha256"]]
    ids = set(docs["doc_id"])
    present = {t: f["doc_id"].isin(ids) for t, f in published.items()}
    return _Previous(
        documents=docs,
        mentions={t: f[present[t]].reset_index(drop=True) for t, f in published.items()},
        removed={t: f[~present[t]].reset_index(drop=True) for t, f in published.items()},
        rejected={t: f[f["doc_id"].isin(ids)].reset_index(drop=True) for t, f in rejects.items()},
    )


def _published_rejects(warehouse: Path, tables: tuple[str, ...]) -> tuple[dict[str, pd.DataFrame], dict]:
    """Published tables and, per table, its published rejected rows."""
    published = load_published(warehouse, (*tables, "rejected_rows"))
    rejects = published.pop("rejected_rows")
    return published, {t: rejects[rejects["table_name"] == t].reset_index(drop=True) for t in tables}


@paused_gc
def published_canonical(warehouse: Path) -> dict[str, pd.DataFrame]:
    """The published canonical tables, when the code that built them is this code (else nothing to reuse)."""
    manifest = read_manifest(warehouse)
    return load_published(warehouse, CANONICAL_TABLES) if manifest and _same_code(manifest) else {}


@paused_gc
def canonical_stage(
    linked: dict[str, pd.DataFrame], previous: dict[str, pd.DataFrame] | None = None
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """Canonical tables, validated: (valid frames, rejected rows) per table.

    A canonical id is a hash of its mentions' ids, so a `previous` canonical row whose id is still a
    cluster is that cluster's row: it is reused, and only new clusters are merged and validated.
    """
    valid, rejected = {}, {}
    for table, mention_table in MENTIONS_OF.items():
        id_col = ID_COLUMN[table]
        mentions = linked[mention_table]
        kept = (previous or {}).get(table, schemas.empty_frame(table))
        kept = kept[kept[id_col].isin(set(mentions[id_col]))]
        todo = mentions[~mentions[id_col].isin(kept[id_col])]
        fresh, rejected[table] = schemas.validate(table, canonical(table, todo))
        frame = _stack([kept, fresh]).sort_values(id_col, kind="stable").reset_index(drop=True)
        valid[table] = flag_conflicts(frame) if table == "trade_volumes" else frame
    return valid, rejected


def _stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, leaving empty frames out (they would loosen the dtypes of the others)."""
    parts = [f for f in frames if len(f)]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts or frames)[0]
