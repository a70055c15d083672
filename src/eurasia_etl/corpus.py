"""Turn the raw folder into per-document results, re-extracting only what changed.

Each document's result (clean text, metadata, extracted rows) is cached on
disk keyed by its content hash and the extractor version, so a run costs
what changed, not what exists. New documents are extracted in a process
pool; results stream back one by one, so memory holds rows, not work queues.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from eurasia_etl.config import Settings
from eurasia_etl.ingest import IngestedDocument, SourceFile, read_document, scan
from eurasia_etl.rows import MENTION_TABLES, fact_rows

PACKAGE_DIR = Path(__file__).resolve().parent
# Everything that decides what a document's rows are; publishing and orchestration are left out.
_EXTRACTION_SOURCES = ("extract", "grammar", "formats", "data")
_EXTRACTION_MODULES = ("ingest.py", "normalize.py", "docmeta.py", "segment.py", "facts.py", "rows.py", "knowledge.py")
IN_PROCESS_BELOW = 8  # a pool costs more than it saves for a handful of documents


# What decides how valid rows link into canonical ones: a change re-validates and re-links, but re-extracts nothing.
_RESOLUTION_MODULES = ("resolve.py", "matching.py", "schemas.py", "frames.py")


@cache
def extractor_version() -> str:
    """Hash of the code and vocabularies that produce rows: any change re-extracts everything, once."""
    files = [PACKAGE_DIR / m for m in _EXTRACTION_MODULES]
    for sub in _EXTRACTION_SOURCES:
        files += sorted(p for p in (PACKAGE_DIR / sub).rglob("*") if p.suffix in {".py", ".yaml"})
    return _code_hash(files)


@cache
def resolver_version() -> str:
    """Hash of the validation and linking code: published ids and canonical rows are reused only under it."""
    return _code_hash([PACKAGE_DIR / m for m in _RESOLUTION_MODULES])


def _code_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        if path.exists():
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class DocumentResult:
    """One document as published: its `documents` row and its mention rows."""

    document: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in MENTION_TABLES})
    extraction_error: str | None = None


@dataclass
class Collected:
    results: list[DocumentResult]
    fingerprint: str
    n_cached: int = 0
    n_extracted: int = 0


def _document_row(doc: IngestedDocument) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "duplicate_paths": list(doc.duplicate_paths),
        "format": doc.format,
        "sha256": doc.sha256,
        "title": doc.title,
        "published_date": doc.published.iso() if doc.published else None,
        "published_precision": doc.published.precision if doc.published else None,
        "text": doc.text,
        "n_chars": len(doc.text),
        "status": doc.status,
        "error": doc.error,
    }


def process_source(src: SourceFile, max_bytes: int) -> DocumentResult:
    """Read, clean and extract one file. Never raises: failures become data."""
    from eurasia_etl.extract import extract_document  # noqa: PLC0415 - keeps worker start-up lean

    doc = read_document(src, max_bytes)
    result = DocumentResult(_document_row(doc))
    if doc.status != "ok":
        return result
    try:
        result.rows = fact_rows(doc.doc_id, extract_document(doc.text, doc.published))
    except Exception as exc:  # an extractor bug must not cost the run or hide the document
        last = traceback.format_exception_only(exc)[-1].strip()
        result.extraction_error = f"extraction failed: {last}"
    return result


def fingerprint(entries: list[tuple[str, str, list[str]]]) -> str:
    """What a published warehouse was built from: paths, content hashes and the extractor version."""
    digest = hashlib.sha256(extractor_version().encode())
    for path, sha, dups in sorted(entries):
        digest.update(json.dumps([path, sha, sorted(dups)]).encode())
    return digest.hexdigest()


class ResultCache:
    """Per-document results on disk: <cache>/<version>/<sha[:2]>/<sha>.<format>.json."""

    def __init__(self, root: Path) -> None:
        self.root = root / extractor_version()

    def _path(self, src: SourceFile) -> Path:
        return self.root / src.sha256[:2] / f"{src.sha256}.{Path(src.source_path).suffix.lstrip('.').lower()}.json"

    def get(self, src: SourceFile) -> DocumentResult | None:
        try:
            data = json.loads(self._path(src).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        result = DocumentResult(**data)
        result.document.update(source_path=src.source_path, duplicate_paths=list(src.duplicate_paths))
        return result

    def put(self, src: SourceFile, result: DocumentResult) -> None:
        path = self._path(src)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(asdict(result), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def prune(self) -> None:
        """Drop caches of older extractor versions: they can never be hit again."""
        if not self.root.parent.exists():
            return
        for old in self.root.parent.iterdir():
            if old != self.root and old.is_dir():
                for f in sorted(old.rglob("*"), reverse=True):
                    f.unlink() if f.is_file() else f.rmdir()
                old.rmdir()


def _extract_all(todo: list[SourceFile], settings: Settings) -> Iterator[DocumentResult]:
    if len(todo) < IN_PROCESS_BELOW or settings.workers == 1:
        for src in todo:
            yield process_source(src, settings.max_bytes)
        return
    workers = settings.workers or os.cpu_count() or 1
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["eurasia_etl.extract", "eurasia_etl.ingest"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        chunk = max(1, min(64, len(todo) // (workers * 8)))
        yield from pool.map(process_source, todo, [settings.max_bytes] * len(todo), chunksize=chunk)


def scan_fingerprint(settings: Settings) -> tuple[list[SourceFile], list[IngestedDocument], str]:
    sources, rejected = scan(settings.raw_dir, settings.max_bytes)
    entries = [(s.source_path, s.sha256, s.duplicate_paths) for s in sources]
    entries += [(d.source_path, d.sha256, d.duplicate_paths) for d in rejected]
    return sources, rejected, fingerprint(entries)


Scanned = tuple[list[SourceFile], list[IngestedDocument], str]


def collect(
    settings: Settings, progress: Callable[[str], None] | None = None, scanned: Scanned | None = None
) -> Collected:
    """Every document under the raw folder with its rows; only new content is extracted."""
    say = progress or (lambda _msg: None)
    sources, rejected, print_ = scanned or scan_fingerprint(settings)
    cache_ = ResultCache(settings.cache_dir)
    results: dict[str, DocumentResult] = {}
    todo = []
    for src in sources:
        hit = cache_.get(src)
        if hit is None:
            todo.append(src)
        else:
            results[src.source_path] = hit
    say(f"{len(sources) + len(rejected)} files: {len(results)} unchanged, {len(todo)} to extract")
    for n, (src, result) in enumerate(zip(todo, _extract_all(todo, settings), strict=True), 1):
        cache_.put(src, result)
        results[src.source_path] = result
        if n % 1000 == 0:
            say(f"extracted {n}/{len(todo)}")
    cache_.prune()
    ordered = [results[s.source_path] for s in sources] + [DocumentResult(_document_row(d)) for d in rejected]
    ordered.sort(key=lambda r: r.document["source_path"])
    return Collected(ordered, print_, n_cached=len(sources) - len(todo), n_extracted=len(todo))
