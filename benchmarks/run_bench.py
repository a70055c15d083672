"""Benchmark the pipeline on a synthetic corpus and write BENCHMARKS.md (issue #4, #5).

Measures, per corpus size: a full ``eurasia-etl run`` from an empty warehouse, a second run with
nothing changed (and whether the published files were left untouched), and runs after adding,
changing and removing one document; then three typical analyst queries on the published
DuckDB file. Separately, single-process extraction speed over the seeds and the development
corpus repeated to at least 20 MB (issue #5). Everything runs in a temporary directory, never
in the repository's raw/ or warehouse/.

    .venv/bin/python benchmarks/run_bench.py                  # 1,000 and 10,000 documents (make bench)
    .venv/bin/python benchmarks/run_bench.py --sizes 200 --no-write   # a quick try
    .venv/bin/python benchmarks/run_bench.py --extract-only   # extraction speed only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_corpus as gc  # noqa: E402  (a sibling script, not a package)

REPO = Path(__file__).resolve().parents[1]
CLI = REPO / ".venv" / "bin" / "eurasia-etl"
SEEDS_AND_DEV = [REPO / "tests" / "data" / "seeds" / "raw", REPO / "tests" / "data" / "dev" / "raw"]
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1e6
GIB = 2**30

TARGETS = {  # issue #4, at 10,000 documents on 2 cores
    "full": 120.0,
    "full_aim": 60.0,
    "unchanged": 5.0,
    "add": 10.0,
    "change": 10.0,
    "remove": 10.0,
    "rss_bytes": 2e9,
    "query_ms": 50.0,
    "extract_mb_s": 2.0,
}
TARGET_SIZE = 10_000

QUERIES = {
    "CHN-RUS trade value by year": """
        SELECT year, count(*) AS n_rows, max(value) / 1e9 AS usd_bn, sum(n_documents) AS n_documents
        FROM trade_volumes
        WHERE metric = 'trade_value' AND unit = 'USD' AND list_sort([reporter, partner]) = ['CHN', 'RUS']
        GROUP BY year ORDER BY year""",
    "PRK agreements by decade and type": """
        SELECT (year(signed_date) // 10) * 10 AS decade, agreement_type, count(*) AS n,
               sum(n_documents) AS n_documents
        FROM agreements
        WHERE list_contains(parties, 'PRK')
        GROUP BY ALL ORDER BY decade, agreement_type""",
    "exercises per year with participants": """
        SELECT year(start_date) AS year, count(*) AS n_exercises,
               list_sort(list_distinct(flatten(list(participants)))) AS participants
        FROM military_exercises
        WHERE start_date IS NOT NULL
        GROUP BY ALL ORDER BY year""",
}
CANONICAL = ("documents", "trade_volumes", "agreements", "military_exercises", "rejected_rows")


# --------------------------------------------------------------------------- measuring a process tree


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree(root: int) -> list[int]:
    kids, out, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _rss_pss(pid: int) -> tuple[int, int]:
    """Resident and proportional set size in bytes (PSS splits pages shared by forked workers)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * PAGE
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Polls the memory of a process and all its descendants (the extraction pool) until stopped.

    ``ru_maxrss`` of children reports one process at a time, so the sum over the tree is sampled.
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.max_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = _tree(self.pid)
            sizes = [_rss_pss(p) for p in pids]
            self.peak_rss = max(self.peak_rss, sum(s[0] for s in sizes))
            self.peak_pss = max(self.peak_pss, sum(s[1] for s in sizes))
            self.max_procs = max(self.max_procs, len(pids))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


@dataclass
class RunResult:
    label: str
    wall: float
    returncode: int
    peak_rss: int
    peak_pss: int
    max_procs: int
    output_tail: str
    counts: dict[str, int] = field(default_factory=dict)
    untouched: bool | None = None
    changed_files: list[str] = field(default_factory=list)
    expected_documents: int | None = None  # distinct contents in raw/ after this step
    code_changed: bool = False  # the extractor version moved while this run was going

    def documents_cell(self) -> str:
        got = self.counts.get("documents")
        if got is None:
            return "—"
        return f"{got:,}" if got == self.expected_documents else f"**{got:,}** (expected {self.expected_documents:,})"


def code_version() -> str:
    """The extractor version a fresh process would compute (it hashes the extraction sources).

    Benchmarks run in a tree other people edit: a version change between runs invalidates the
    result cache and turns an incremental run into a full one, so it is detected and reported.
    """
    cmd = [sys.executable, "-c", "from eurasia_etl.corpus import extractor_version as v; print(v())"]
    return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()


def run_pipeline(label: str, raw: Path, warehouse: Path, timeout: float) -> RunResult:
    """One ``eurasia-etl run`` as a subprocess: wall time and peak memory of its whole tree."""
    # No DAGSTER_HOME: the CLI then uses an ephemeral instance, as `make run` does on a fresh machine.
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "EURASIA_WORKERS", "EURASIA_ROOT")}
    env.update(EURASIA_RAW_DIR=str(raw), EURASIA_WAREHOUSE_DIR=str(warehouse))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(CLI), "run"], env=env, cwd=warehouse.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        out += f"\n[run_bench] killed after {timeout:.0f} s"
    wall = time.perf_counter() - t0
    sampler.stop()
    tail = "\n".join(out.strip().splitlines()[-8:])
    return RunResult(label, wall, proc.returncode, sampler.peak_rss, sampler.peak_pss, sampler.max_procs, tail)


# --------------------------------------------------------------------------- warehouse checks


def snapshot(warehouse: Path) -> dict[str, tuple[Any, ...]]:
    """(inode, mtime_ns, size) of every file under the warehouse, following links, and every link's target.

    The published paths may be symlinks into a snapshot folder swapped atomically, so both the
    links and what they resolve to are recorded. Dot-folders (the result cache) are skipped.
    """
    out: dict[str, tuple[Any, ...]] = {}
    for root, dirs, files in os.walk(warehouse, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs + files:
            path = Path(root) / name
            rel = str(path.relative_to(warehouse))
            try:
                if path.is_symlink():
                    out[f"{rel} ->"] = (os.readlink(path),)
                if name in files:
                    st = path.stat()
                    out[rel] = (st.st_ino, st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return out


def _published(key: str) -> bool:
    """What readers see: the DuckDB file and the Parquet tables (and the links leading to them)."""
    return key.split(" ")[0] in ("eurasia.duckdb", "parquet") or key.startswith("parquet/")


def table_counts(db: Path) -> dict[str, int]:
    import duckdb  # noqa: PLC0415 - only needed once a run succeeded

    counts = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for t in CANONICAL:
            try:
                counts[t] = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            except duckdb.Error:
                counts[t] = -1
    return counts


def time_queries(db: Path, repeats: int) -> list[dict[str, Any]]:
    """Median wall time of each analyst query on a warm read-only connection."""
    import duckdb  # noqa: PLC0415

    results = []
    with duckdb.connect(str(db), read_only=True) as con:
        for name, sql in QUERIES.items():
            try:
                for _ in range(3):
                    rows = con.execute(sql).fetchall()
                times = []
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    rows = con.execute(sql).fetchall()
                    times.append((time.perf_counter() - t0) * 1000)
                results.append(
                    {
                        "name": name,
                        "rows": len(rows),
                        "median_ms": statistics.median(times),
                        "max_ms": max(times),
                        "error": None,
                    }
                )
            except duckdb.Error as exc:
                results.append(
                    {
                        "name": name,
                        "rows": 0,
                        "median_ms": float("nan"),
                        "max_ms": float("nan"),
                        "error": str(exc).splitlines()[0],
                    }
                )
    return results


# --------------------------------------------------------------------------- one corpus size


def _unique_paths(paths: list[Path]) -> list[Path]:
    """Documents whose bytes occur once, so adding/changing/removing them moves the count by one."""
    by_hash: dict[str, list[Path]] = {}
    for p in paths:
        by_hash.setdefault(p.name.split("_", 1)[1].split(".")[0], []).append(p)
    return [p for p in paths if len(by_hash[p.name.split("_", 1)[1].split(".")[0]]) == 1]


def bench_size(n: int, work: Path, seed: int, timeout: float, repeats: int, log: Any) -> dict[str, Any]:
    raw, warehouse = work / f"n{n}" / "raw", work / f"n{n}" / "warehouse"
    t0 = time.perf_counter()
    paths = gc.generate(raw, n, seed)
    stats = gc.corpus_stats(paths)
    log(f"[{n}] generated {n} documents, {stats['bytes'] / MB:.1f} MB in {time.perf_counter() - t0:.1f} s")
    db = warehouse / "eurasia.duckdb"
    runs: list[RunResult] = []
    versions = [code_version()]

    def run(label: str) -> RunResult | None:
        before = code_version()
        r = run_pipeline(label, raw, warehouse, timeout)
        after = code_version()
        r.code_changed = len({versions[-1], before, after}) > 1  # vs the version the cache was built with
        versions.append(after)
        r.expected_documents = len({p.read_bytes() for p in raw.iterdir()})
        if r.returncode == 0 and db.exists():
            r.counts = table_counts(db)
        runs.append(r)
        log(
            f"[{n}] {label}: {r.wall:.2f} s, rc={r.returncode}, peak RSS {r.peak_rss / MB:.0f} MB, "
            f"PSS {r.peak_pss / MB:.0f} MB, documents={r.counts.get('documents')} "
            f"(expected {r.expected_documents})" + (" EXTRACTOR CODE CHANGED" if r.code_changed else "")
        )
        if r.returncode != 0:
            log(r.output_tail)
            return None
        return r

    if run("full") is None:
        return {"n": n, "corpus": stats, "runs": runs, "queries": []}
    before = snapshot(warehouse)
    r = run("unchanged")
    if r is not None:
        after = snapshot(warehouse)
        r.changed_files = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        r.untouched = not any(_published(k) for k in r.changed_files)
        log(
            f"[{n}] unchanged run: published warehouse {'untouched' if r.untouched else 'CHANGED'}"
            + (f"; files written: {', '.join(r.changed_files[:10])}" if r.changed_files else "")
        )
    unique = _unique_paths(paths)
    gc.add_document(raw, seed, index=n)
    run("add")
    gc.change_document(unique[len(unique) // 2], seed)
    run("change")
    gc.remove_document(unique[len(unique) // 3])
    run("remove")
    queries = time_queries(db, repeats) if db.exists() else []
    for q in queries:
        log(
            f"[{n}] query {q['name']!r}: {q['median_ms']:.2f} ms median, {q['rows']} rows"
            + (f" ERROR {q['error']}" if q["error"] else "")
        )
    published = sum(v[2] for k, v in snapshot(warehouse).items() if _published(k) and len(v) == 3)
    return {"n": n, "corpus": stats, "runs": runs, "queries": queries, "published_bytes": published}


# --------------------------------------------------------------------------- extraction speed (issue #5)


def extraction_speed(dirs: list[Path], min_mb: float) -> dict[str, Any]:
    """Single-process ``extract_document`` throughput over clean texts repeated to ``min_mb``."""
    from eurasia_etl.config import DEFAULT_MAX_BYTES  # noqa: PLC0415 - heavy imports only when asked
    from eurasia_etl.extract import extract_document  # noqa: PLC0415
    from eurasia_etl.ingest import read_document, scan  # noqa: PLC0415

    docs = []
    for d in dirs:
        sources, _rejected = scan(d, DEFAULT_MAX_BYTES)
        for src in sources:
            doc = read_document(src, DEFAULT_MAX_BYTES)
            if doc.status == "ok":
                docs.append((doc.text, doc.published))
    unique_mb = sum(len(t.encode("utf-8")) for t, _ in docs) / MB
    reps = max(1, -(-int(min_mb * MB) // max(1, int(unique_mb * MB))))
    extract_document(*docs[0])  # imports, compiled patterns and data files are loaded once per worker
    t0 = time.process_time()
    w0 = time.perf_counter()
    for _ in range(reps):
        for text, published in docs:
            extract_document(text, published)
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    total = unique_mb * reps
    return {
        "dirs": [str(d.relative_to(REPO)) if d.is_relative_to(REPO) else str(d) for d in dirs],
        "documents": len(docs),
        "reps": reps,
        "mb": total,
        "cpu_s": cpu,
        "wall_s": wall,
        "mb_s": total / wall,
        "mb_s_cpu": total / cpu,
    }


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    info = {
        "cpus": str(os.cpu_count()),
        "affinity": str(len(os.sched_getaffinity(0))),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) * 1024 / GIB:.1f} GiB"
    except OSError:
        pass
    try:
        import duckdb  # noqa: PLC0415

        info["duckdb"] = duckdb.__version__
        from eurasia_etl.corpus import extractor_version  # noqa: PLC0415

        info["extractor"] = extractor_version()
    except Exception:  # noqa: BLE001 - the report is still useful without them
        pass
    return info


def _mb(b: int) -> str:
    return f"{b / MB:,.0f} MB"


def _check(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**NO**")


def render(results: list[dict[str, Any]], extract: list[dict[str, Any]], info: dict[str, str], seed: int) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Written by `benchmarks/run_bench.py` (`make bench`) on {now}. How to run and what is measured: "
        "[benchmarks/README.md](benchmarks/README.md).",
        "",
        "## Machine",
        "",
        f"- CPU: {info.get('cpu', '?')}; {info['cpus']} logical CPUs ({info['affinity']} usable)",
        f"- Memory: {info.get('memory', '?')}",
        f"- Python {info['python']}, DuckDB {info.get('duckdb', '?')}, {info['platform']}",
        f"- Extractor version {info.get('extractor', '?')}; corpus from `benchmarks/generate_corpus.py --seed {seed}`",
        "",
    ]
    if extract:
        lines += [
            "## Extraction speed (issue #5)",
            "",
            "`extract_document(text, published)` on clean text from `eurasia_etl.ingest`, one process, "
            "texts repeated to the size shown. Target: at least "
            f"{TARGETS['extract_mb_s']:.0f} MB/s per core.",
            "",
            "| texts | documents × repeats | MB | wall s | MB/s | MB/s (CPU time) | target met |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for e in extract:
            lines.append(
                f"| {' + '.join(e['dirs'])} | {e['documents']} × {e['reps']} | {e['mb']:.1f} | "
                f"{e['wall_s']:.1f} | {e['mb_s']:.2f} | {e['mb_s_cpu']:.2f} | "
                f"{_check(e['mb_s'] >= TARGETS['extract_mb_s'])} |"
            )
        lines.append("")
    if results:
        lines += [
            "## Pipeline runs (issue #4)",
            "",
            "`eurasia-etl run` as a subprocess on a fresh temporary raw/ and warehouse/. Peak memory is "
            "sampled every 50 ms over the whole process tree (CLI and extraction workers): RSS summed, "
            "and PSS, which counts pages shared between forked workers once. Targets apply at "
            f"{TARGET_SIZE:,} documents.",
            "",
            "| documents | MB | run | wall s | docs/s | MB/s | peak RSS | peak PSS | procs | documents rows "
            "| target (s) | met |",
            "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for res in results:
            n, mbytes = res["n"], res["corpus"]["bytes"]
            for r in res["runs"]:
                target = TARGETS.get(r.label)
                ok = None if n < TARGET_SIZE or r.returncode != 0 else r.wall <= target
                if r.label == "unchanged" and r.untouched is not None and n >= TARGET_SIZE:
                    ok = bool(ok and r.untouched)
                speed = f"{n / r.wall:,.0f} | {mbytes / MB / r.wall:.2f}" if r.label == "full" else "— | —"
                status = "" if r.returncode == 0 else f" (exit {r.returncode})"
                status += " (extractor code changed: not incremental)" if r.code_changed else ""
                lines.append(
                    f"| {n:,} | {mbytes / MB:.1f} | {r.label}{status} | {r.wall:.2f} | {speed} | "
                    f"{_mb(r.peak_rss)} | {_mb(r.peak_pss)} | {r.max_procs} | "
                    f"{r.documents_cell()} | {target:.0f} | {_check(ok)} |"
                )
        lines.append("")
        lines += ["Published warehouse after a run with nothing changed:", ""]
        for res in results:
            for r in res["runs"]:
                if r.label == "unchanged":
                    what = (
                        "untouched (inode, mtime and size of `eurasia.duckdb` and every Parquet file unchanged)"
                        if r.untouched
                        else f"**changed**: {', '.join(r.changed_files[:8])}"
                    )
                    extra = (
                        ""
                        if r.untouched is False or not r.changed_files
                        else f"; other files written: {', '.join(r.changed_files[:5])}"
                    )
                    lines.append(f"- {res['n']:,} documents: {what}{extra}")
        lines.append("")
        lines += _memory_section(results)
        lines += [
            "## Analyst queries",
            "",
            "Warm, read-only DuckDB connection on the published `eurasia.duckdb` after the runs above; "
            f"median of repeated runs including fetch. Target: under {TARGETS['query_ms']:.0f} ms each at "
            f"{TARGET_SIZE:,} documents.",
            "",
            "| documents | query | rows | median ms | max ms | met |",
            "|---:|---|---:|---:|---:|---|",
        ]
        for res in results:
            for q in res["queries"]:
                ok = None if res["n"] < TARGET_SIZE or q["error"] else q["median_ms"] < TARGETS["query_ms"]
                err = f" (error: {q['error']})" if q["error"] else ""
                lines.append(
                    f"| {res['n']:,} | {q['name']}{err} | {q['rows']} | {q['median_ms']:.2f} | "
                    f"{q['max_ms']:.2f} | {_check(ok)} |"
                )
        lines += ["", "<details><summary>Query SQL</summary>", ""]
        for name, sql in QUERIES.items():
            lines += [f"**{name}**", "", "```sql", "\n".join(s.strip() for s in sql.strip().splitlines()), "```", ""]
        lines += ["</details>", "", "Canonical rows at the end of each size:", ""]
        for res in results:
            last = next((r.counts for r in reversed(res["runs"]) if r.counts), {})
            lines.append(f"- {res['n']:,} documents: " + ", ".join(f"{k} {v:,}" for k, v in last.items()))
        lines.append("")
    return "\n".join(lines)


def _memory_section(results: list[dict[str, Any]]) -> list[str]:
    full = {
        res["n"]: next((r for r in res["runs"] if r.label == "full" and r.returncode == 0), None) for res in results
    }
    full = {n: r for n, r in full.items() if r is not None}
    lines = ["## Memory", ""]
    big = max(full, default=None)
    if big is not None:
        ok = full[big].peak_rss <= TARGETS["rss_bytes"] if big >= TARGET_SIZE else None
        lines.append(
            f"Peak RSS of the full run at {big:,} documents: {_mb(full[big].peak_rss)} "
            f"(target at most {_mb(int(TARGETS['rss_bytes']))} at {TARGET_SIZE:,}): {_check(ok)}."
        )
    if len(full) >= 2:
        lo, hi = min(full), max(full)
        pub = {res["n"]: res.get("published_bytes", 0) for res in results}
        per_doc_rss = (full[hi].peak_rss - full[lo].peak_rss) / (hi - lo)
        per_doc_pss = (full[hi].peak_pss - full[lo].peak_pss) / (hi - lo)
        per_doc_pub = (pub[hi] - pub[lo]) / (hi - lo)
        lines.append(
            f"From {lo:,} to {hi:,} documents peak RSS grows by {per_doc_rss / 1e3:.1f} KB per document "
            f"(PSS {per_doc_pss / 1e3:.1f} KB), against {per_doc_pub / 1e3:.1f} KB of published warehouse "
            "(DuckDB file + Parquet) per document: growth much above the size of the rows themselves "
            "would mean per-document state held in memory."
        )
    lines.append("")
    return lines


def print_summary(results: list[dict[str, Any]], extract: list[dict[str, Any]]) -> None:
    for e in extract:
        print(
            f"extract: {' + '.join(e['dirs'])}: {e['mb']:.1f} MB in {e['wall_s']:.1f} s = {e['mb_s']:.2f} MB/s "
            f"(target {TARGETS['extract_mb_s']} MB/s per core)"
        )
    for res in results:
        n = res["n"]
        print(f"\n{n:,} documents, {res['corpus']['bytes'] / MB:.1f} MB")
        print(f"  {'run':<10} {'wall s':>8} {'docs/s':>8} {'MB/s':>6} {'RSS MB':>8} {'PSS MB':>8}  documents")
        for r in res["runs"]:
            rate = (
                f"{n / r.wall:8.0f} {res['corpus']['bytes'] / MB / r.wall:6.2f}"
                if r.label == "full"
                else f"{'':8} {'':6}"
            )
            flag = "" if r.untouched is None else ("  published untouched" if r.untouched else "  PUBLISHED CHANGED")
            print(
                f"  {r.label:<10} {r.wall:8.2f} {rate} {r.peak_rss / MB:8.0f} {r.peak_pss / MB:8.0f}  "
                f"{r.documents_cell()}{flag}" + ("" if r.returncode == 0 else f"  exit {r.returncode}")
            )
        for q in res["queries"]:
            print(
                f"  query {q['name']:<40} {q['median_ms']:7.2f} ms  {q['rows']} rows"
                + (f"  ERROR {q['error']}" if q["error"] else "")
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--extract-only", action="store_true", help="only measure single-process extraction speed")
    ap.add_argument("--no-extract", action="store_true", help="skip the extraction-speed measurement")
    ap.add_argument("--extract-mb", type=float, default=20.0, help="repeat seeds+dev texts to at least this")
    ap.add_argument("--output", type=Path, default=REPO / "BENCHMARKS.md")
    ap.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md alone")
    ap.add_argument("--workdir", type=Path, help="where corpora and warehouses go (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per pipeline run")
    ap.add_argument("--repeats", type=int, default=20, help="timed repetitions per query")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, flush=True)

    extract: list[dict[str, Any]] = []
    if not args.no_extract:
        extract.append(extraction_speed(SEEDS_AND_DEV, args.extract_mb))
        log(f"extract: {extract[-1]['mb']:.1f} MB at {extract[-1]['mb_s']:.2f} MB/s")
    results: list[dict[str, Any]] = []
    work = args.workdir or Path(tempfile.mkdtemp(prefix="eurasia-bench-"))
    try:
        if not args.extract_only:
            if not CLI.exists():
                log(f"{CLI} not found: install the package (pip install -e .) first")
                return 2
            for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
                results.append(bench_size(n, work, args.seed, args.timeout, args.repeats, log))
                if not args.keep:
                    shutil.rmtree(work / f"n{n}", ignore_errors=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print_summary(results, extract)
    if not args.no_write:
        args.output.write_text(render(results, extract, machine(), args.seed), encoding="utf-8")
        log(f"\nwrote {args.output}")
    failed = any(r.returncode != 0 for res in results for r in res["runs"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
