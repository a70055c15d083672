"""Ingest: find every document under the raw folder and turn each into clean text.

Bad input is data, not an exception: every file the analysts dropped in
becomes a `documents` row, `status="rejected"` with a readable `error` when it
cannot be read. `scan` walks and hashes (streaming, size checked first) and
groups identical bytes; `read_document` is a pure top-level function with
picklable arguments so the pipeline can fan it out over a process pool.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eurasia_etl.docmeta import find_published, find_title
from eurasia_etl.facts import PartialDate
from eurasia_etl.formats import EXTENSIONS, Extracted, RejectedInput, format_of
from eurasia_etl.formats.html import extract_html
from eurasia_etl.formats.pdf import extract_pdf
from eurasia_etl.formats.text import extract_text

DEFAULT_MAX_BYTES = 25 * 2**20
_CHUNK = 1 << 20


@dataclass
class SourceFile:
    """One distinct content found under the raw root."""

    source_path: str  # POSIX path relative to the raw root; first in sorted order among identical files
    duplicate_paths: list[str]
    sha256: str
    size: int
    abs_path: Path


@dataclass
class IngestedDocument:
    """One `documents` row: clean text (all extractor offsets refer to it) or the reason it was rejected."""

    doc_id: str  # sha256[:16] of the bytes; of the path when the bytes could not be read
    source_path: str
    duplicate_paths: list[str]
    format: str  # txt | md | html | pdf | unknown
    sha256: str  # "" when the bytes were never read (too large, unreadable, outside link)
    title: str | None
    published: PartialDate | None
    text: str
    status: str  # "ok" | "rejected"
    error: str | None
    size: int = 0
    encoding: str | None = None


def _display(rel: str) -> str:
    """Relative path as valid UTF-8 text, even when the file name is not (undecodable bytes escaped)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _path_id(rel: str) -> str:
    return hashlib.sha256(b"path:" + rel.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _rejected(
    rel: str,
    reason: str,
    *,
    fmt: str | None = None,
    sha256: str = "",
    size: int = 0,
    duplicates: list[str] | None = None,
) -> IngestedDocument:
    return IngestedDocument(
        doc_id=sha256[:16] if sha256 else _path_id(rel),
        source_path=rel,
        duplicate_paths=list(duplicates or []),
        format=fmt or format_of(rel),
        sha256=sha256,
        title=None,
        published=None,
        text="",
        status="rejected",
        error=reason,
        size=size,
    )


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _walk(root: Path) -> Iterator[tuple[str, str, os.DirEntry[str] | None, str | None]]:
    """(relative posix path, absolute path, entry, error) for every non-hidden entry, sorted, no recursion."""
    stack = [("", str(root))]
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            with os.scandir(abs_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield rel_dir or ".", abs_dir, None, f"folder not readable: {exc.strerror or exc}"
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append((rel, entry.path))
            else:
                yield rel, entry.path, entry, None
        stack.extend(reversed(subdirs))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _hash(path: str, max_bytes: int) -> tuple[str, int]:
    """Streaming sha256; raises RejectedInput when the file grew past the limit while read."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise RejectedInput(f"file too large: over the {_mb(max_bytes)} limit")
            digest.update(chunk)
    return digest.hexdigest(), size


def scan(raw_root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[SourceFile], list[IngestedDocument]]:
    """Walk `raw_root` deterministically; return (readable distinct contents, already-rejected files).

    Hidden names are skipped; links are never followed outside the root (nor into
    folders, which cannot loop then); a file over `max_bytes` is rejected from its
    size alone; identical bytes become one SourceFile listing the other paths.
    """
    root = os.path.realpath(raw_root)
    if not os.path.isdir(root):
        raise NotADirectoryError(f"raw folder not found: {raw_root}")
    groups: dict[str, list[tuple[str, str, int]]] = {}
    rejected: list[IngestedDocument] = []
    for rel_raw, path, entry, error in _walk(Path(root)):
        rel = _display(rel_raw)
        if error:
            rejected.append(_rejected(rel, error, fmt="unknown"))
            continue
        assert entry is not None
        if entry.is_symlink():
            target = os.path.realpath(path)
            if not _inside(target, root):
                rejected.append(_rejected(rel, "symbolic link to a location outside the raw folder (not followed)"))
                continue
            if not os.path.exists(target):
                rejected.append(_rejected(rel, "broken symbolic link (target does not exist)"))
                continue
            if os.path.isdir(target):
                continue  # its files are reached by their real path
            path = target  # read the file itself: the link cannot be re-pointed between scan and read
        try:
            st = os.stat(path)
        except OSError as exc:
            rejected.append(_rejected(rel, f"file not readable: {exc.strerror or exc}"))
            continue
        if not stat.S_ISREG(st.st_mode):
            rejected.append(_rejected(rel, "not a regular file (FIFO, socket or device): not read"))
            continue
        if st.st_size > max_bytes:
            reason = f"file too large: {_mb(st.st_size)} is over the {_mb(max_bytes)} limit"
            rejected.append(_rejected(rel, reason, size=st.st_size))
            continue
        try:
            sha, size = _hash(path, max_bytes)
        except RejectedInput as exc:
            rejected.append(_rejected(rel, str(exc), size=st.st_size))
            continue
        except PermissionError:
            rejected.append(_rejected(rel, "file not readable: permission denied", size=st.st_size))
            continue
        except OSError as exc:
            rejected.append(_rejected(rel, f"file not readable: {exc.strerror or exc}", size=st.st_size))
            continue
        groups.setdefault(sha, []).append((rel, path, size))
    sources = []
    for sha, members in groups.items():
        members.sort()
        rel, path, size = members[0]
        sources.append(SourceFile(rel, [m[0] for m in members[1:]], sha, size, Path(path)))
    sources.sort(key=lambda s: s.source_path)
    rejected.sort(key=lambda d: d.source_path)
    return sources, rejected


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RejectedInput(f"file too large: over the {_mb(max_bytes)} limit")
    return data


def _extract(data: bytes, fmt: str, name: str) -> Extracted:
    if fmt in ("txt", "md"):
        return extract_text(data, fmt)
    if fmt == "html":
        return extract_html(data)
    if fmt == "pdf":
        return extract_pdf(data)
    ext = os.path.splitext(name)[1] or "(none)"
    supported = ", ".join(sorted(EXTENSIONS))
    raise RejectedInput(f"unsupported file type {ext}: supported extensions are {supported}")


def read_document(src: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestedDocument:
    """Bytes of one SourceFile -> IngestedDocument. Never raises: bad input comes back rejected."""
    fmt = format_of(src.source_path)

    def reject(reason: str) -> IngestedDocument:
        return _rejected(
            src.source_path, reason, fmt=fmt, sha256=src.sha256, size=src.size, duplicates=src.duplicate_paths
        )

    try:
        data = _read_bounded(src.abs_path, max_bytes)
        fmt = format_of(src.source_path, data[:1024])
        if not data:
            raise RejectedInput("empty file (0 bytes)")
        extracted = _extract(data, fmt, src.source_path)
        text = extracted.text
        if not text.strip():
            what = "HTML page has no article text" if fmt == "html" else "no text: whitespace-only content"
            raise RejectedInput(what)
        title = extracted.title or find_title(text)
        published = extracted.published or find_published(text)
    except RejectedInput as exc:
        return reject(str(exc))
    except PermissionError:
        return reject("file not readable: permission denied")
    except OSError as exc:
        return reject(f"file not readable: {exc.strerror or exc}")
    except Exception as exc:  # a parser bug must not stop the run: report it as this file's reason
        return reject(f"could not be parsed: {type(exc).__name__}: {str(exc)[:200]}")
    return IngestedDocument(
        doc_id=src.sha256[:16],
        source_path=src.source_path,
        duplicate_paths=list(src.duplicate_paths),
        format=fmt,
        sha256=src.sha256,
        title=title,
        published=published,
        text=text,
        status="ok",
        error=None,
        size=src.size,
        encoding=extracted.encoding,
    )


def iter_documents(raw_root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[IngestedDocument]:
    """Every document under `raw_root`, one at a time (serial; the pipeline fans `read_document` out)."""
    sources, rejected = scan(raw_root, max_bytes)
    yield from rejected
    for src in sources:
        yield read_document(src, max_bytes)
