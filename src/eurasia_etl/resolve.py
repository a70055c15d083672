"""Cross-document identity: mentions of one real-world fact become one canonical row.

A first, sound version: agreements and exercises are the same when the
guide's matching rules say so (alike names or parties, compatible dates);
trade figures are the same when they describe the same quantity (metric,
flow, economies, place, goods, period, unit, basis) with values within 1%.
Figures for the same quantity that disagree stay separate and are flagged
`conflict`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

from eurasia_etl.frames import typed_frame
from eurasia_etl.matching import (
    as_set,
    close,
    distinctive,
    match_agreement,
    match_exercise,
    partial_date,
    year_of,
)
from eurasia_etl.rows import stable_id

ID_COLUMN = {"trade_volumes": "trade_volume_id", "agreements": "agreement_id", "military_exercises": "exercise_id"}
MENTIONS_OF = {
    "trade_volumes": "trade_volume_mentions",
    "agreements": "agreement_mentions",
    "military_exercises": "military_exercise_mentions",
}


class _UnionFind:
    """Clusters of mentions, never two from one document: a document's rows are already distinct facts."""

    def __init__(self, docs: list[str]) -> None:
        self.parent = list(range(len(docs)))
        self.docs = [{d} for d in docs]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if self.docs[ri] & self.docs[rj]:
            return False
        keep, gone = min(ri, rj), max(ri, rj)
        self.parent[gone] = keep
        self.docs[keep] |= self.docs[gone]
        return True


def _cluster_by_rules(
    records: list[dict[str, Any]],
    signature: Callable[[dict[str, Any]], Hashable],
    year: Callable[[dict[str, Any]], int | None],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> list[int]:
    """Cluster ids per record: identical signatures first, then pairwise rules within a year.

    A record without a year joins the first cluster it matches, never bridging two years.
    """
    uf = _UnionFind([r["doc_id"] for r in records])
    first_of: dict[Hashable, int] = {}
    for i, rec in enumerate(records):
        key = signature(rec)
        if key not in first_of or not uf.union(first_of[key], i):
            first_of.setdefault(key, i)
    reps = list(first_of.values())
    by_year: dict[int | None, list[int]] = {}
    for i in reps:
        by_year.setdefault(year(records[i]), []).append(i)
    for y, members in by_year.items():
        if y is None:
            continue
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if uf.find(a) != uf.find(b) and same(records[a], records[b]):
                    uf.union(a, b)
    dated = [i for y, m in by_year.items() if y is not None for i in m]
    for i in by_year.get(None, []):
        for j in dated:
            if same(records[i], records[j]) and uf.union(j, i):
                break
    return [uf.find(i) for i in range(len(records))]


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    return Counter(present).most_common(1)[0][0] if present else None


def _best_date(rows: list[dict[str, Any]], prefix: str) -> tuple[Any, Any]:
    """The most precise date among the mentions (ties: the most often stated)."""
    rank = {"year": 1, "month": 2, "day": 3}
    dated = [(r[f"{prefix}_date"], r[f"{prefix}_precision"]) for r in rows if r[f"{prefix}_date"] is not None]
    if not dated:
        return None, None
    top = max(rank[p] for _, p in dated)
    return _most_common([d for d in dated if rank[d[1]] == top])


def _fullest(name: str) -> tuple:
    """The title as a document writes it ("Treaty of …") over a description, then the longest."""
    return (name[:1].isupper(), len(name), name)


def _union(rows: list[dict[str, Any]], column: str) -> list[str]:
    return sorted({v for r in rows for v in r[column]})


def _provenance(rows: list[dict[str, Any]]) -> dict[str, Any]:
    docs = sorted({r["doc_id"] for r in rows})
    return {
        "n_mentions": len(rows),
        "n_documents": len(docs),
        "doc_ids": docs,
        "confidence": max(float(r["confidence"]) for r in rows),
    }


def _agreement_record(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "signed": partial_date(r["signed_date"], r["signed_precision"])}


def _exercise_record(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "start": partial_date(r["start_date"], r["start_precision"])}


def _merge_agreement(rows: list[dict[str, Any]]) -> dict[str, Any]:
    signed = _best_date(rows, "signed")
    ratified = _best_date(rows, "ratified")
    return {
        "name": max((r["name"] for r in rows), key=_fullest),
        "agreement_type": _most_common([r["agreement_type"] for r in rows]),
        "parties": _union(rows, "parties"),
        "signed_date": signed[0],
        "signed_precision": signed[1],
        "ratified_date": ratified[0],
        "ratified_precision": ratified[1],
        "place": _most_common([r["place"] for r in rows]),
        "topics": _union(rows, "topics"),
    }


def _merge_exercise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    start = _best_date(rows, "start")
    end = _best_date(rows, "end")
    named = [r["name"] for r in rows if r["name"]]
    domains = [r["domain"] for r in rows if r["domain"] != "other"]
    return {
        "name": max(named, key=_fullest) if named else None,
        "start_date": start[0],
        "start_precision": start[1],
        "end_date": end[0],
        "end_precision": end[1],
        "participants": _union(rows, "participants"),
        "location": _most_common([r["location"] for r in rows]),
        "domain": _most_common(domains) or "other",
        "activities": _union(rows, "activities"),
    }


def _trade_key(r: dict[str, Any]) -> tuple:
    economies: tuple = (r["reporter"], r["partner"])
    if r["flow"] == "total":
        economies = tuple(sorted(e for e in economies if e))
    lower = lambda v: v.lower() if isinstance(v, str) else None  # noqa: E731
    return (
        r["metric"],
        r["flow"],
        economies,
        lower(r["location"]),
        lower(r["commodity"]),
        r["period"],
        r["unit"],
        r["basis"],
    )


def _trade_clusters(records: list[dict[str, Any]]) -> list[int]:
    """Same quantity (key) and values within 1% of the cluster's smallest."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(records):
        groups.setdefault(_trade_key(r), []).append(i)
    cluster = [0] * len(records)
    for members in groups.values():
        heads: list[int] = []
        for i in sorted(members, key=lambda k: (records[k]["value"] is None, records[k]["value"] or 0)):
            head = next((h for h in heads if _same_figure(records[h], records[i])), None)
            if head is None:
                heads.append(i)
                head = i
            cluster[i] = head
    return cluster


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["value"] is None or b["value"] is None:
        return a["value"] is None and b["value"] is None and close(a["growth_pct"], b["growth_pct"], 0.001)
    return close(a["value"], b["value"])


def _merge_trade(rows: list[dict[str, Any]]) -> dict[str, Any]:
    best = max(rows, key=lambda r: float(r["confidence"]))
    keep = ("metric", "flow", "reporter", "partner", "location", "commodity", "period", "year", "unit", "basis")
    growth = [r["growth_pct"] for r in rows if r["growth_pct"] is not None and r["growth_pct"] == r["growth_pct"]]
    return {
        **{k: best[k] for k in keep},
        "value": best["value"],
        "qualifier": _most_common([r["qualifier"] for r in rows]),
        "growth_pct": _most_common(growth),
    }


def link(table: str, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions with their canonical id filled in: one id per real-world fact."""
    records = mentions.to_dict("records")
    if table == "trade_volumes":
        cluster = _trade_clusters(records)
    elif table == "agreements":
        cluster = _cluster_by_rules(
            [_agreement_record(r) for r in records],
            signature=lambda r: (distinctive(r["name"]), r["signed"], as_set(r["parties"])),
            year=lambda r: year_of(r["signed"]),
            same=lambda a, b: (
                match_agreement(a, b) > 0
                and _nested(as_set(a["parties"]), as_set(b["parties"]))
                and _dates_compatible(a["signed"], b["signed"])
            ),
        )
    else:
        cluster = _cluster_by_rules(
            [_exercise_record(r) for r in records],
            signature=lambda r: (
                distinctive(r["name"]) if r["name"] else None,
                r["start"],
                frozenset(r["participants"]),
            ),
            year=lambda r: year_of(r["start"]),
            same=lambda a, b: (
                match_exercise(a, b) > 0
                and _dates_compatible(a["start"], b["start"])
                and ((a["name"] and b["name"]) or as_set(a["participants"]) == as_set(b["participants"]))
            ),
        )
    members: dict[int, list[str]] = {}
    for i, c in enumerate(cluster):
        members.setdefault(c, []).append(records[i]["mention_id"])
    ids = {c: stable_id(table, *sorted(m)) for c, m in members.items()}
    out = mentions.copy()
    out[ID_COLUMN[table]] = pd.Series([ids[c] for c in cluster], index=mentions.index, dtype=object)
    return out


MERGERS: dict[str, Callable[[list[dict[str, Any]]], dict[str, Any]]] = {
    "trade_volumes": lambda rows: _merge_trade(rows),
    "agreements": lambda rows: _merge_agreement(rows),
    "military_exercises": lambda rows: _merge_exercise(rows),
}


def canonical(table: str, linked: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical id, merging its mentions; disagreeing trade figures flagged `conflict`."""
    id_col = ID_COLUMN[table]
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in linked.to_dict("records"):
        groups.setdefault(r[id_col], []).append(r)
    rows = [{**MERGERS[table](g), **_provenance(g), id_col: cid} for cid, g in groups.items()]
    if table == "trade_volumes":
        levels = Counter(_trade_key(r) for r in rows if r["value"] is not None)
        for r in rows:
            r["conflict"] = r["value"] is not None and levels[_trade_key(r)] > 1
    return typed_frame(table, rows)


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    """Party sets of one agreement: one holds the other (a source may name only some parties)."""
    return a <= b or b <= a


def _dates_compatible(a: str | None, b: str | None) -> bool:
    """Two partial dates that can be the same day ("1961", "1961-07" and "1961-07-11" can; "1961-07-06" cannot)."""
    return not a or not b or a.startswith(b) or b.startswith(a)
