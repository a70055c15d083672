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
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from eurasia_etl.frames import conform, typed_frame
from eurasia_etl.matching import (
    as_set,
    close,
    distinctive,
    match_agreement,
    match_exercise,
    month_of,
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
    blocks: Callable[[dict[str, Any]], Iterable[Hashable]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> list[int]:
    """Cluster ids per record: identical signatures first, then the pairwise rules.

    Only records sharing a year and a block key (a name word, or parties and month) are compared,
    so the cost grows with the size of blocks, not with the square of the corpus. A record without
    a year joins the first cluster it matches, never bridging two years.
    """
    uf = _UnionFind([r["doc_id"] for r in records])
    first_of: dict[Hashable, int] = {}
    for i, rec in enumerate(records):
        key = signature(rec)
        if key not in first_of or not uf.union(first_of[key], i):
            first_of.setdefault(key, i)
    dated: dict[Hashable, list[int]] = {}
    yearless: dict[Hashable, list[int]] = {}
    undated = []
    for i in first_of.values():
        y = year(records[i])
        if y is None:
            undated.append(i)
            continue
        for key in blocks(records[i]):
            dated.setdefault((y, key), []).append(i)
            yearless.setdefault(key, []).append(i)
    compared: set[tuple[int, int]] = set()
    for members in dated.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if (a, b) in compared:
                    continue
                compared.add((a, b))
                if uf.find(a) != uf.find(b) and same(records[a], records[b]):
                    uf.union(a, b)
    for i in undated:
        candidates = dict.fromkeys(j for key in blocks(records[i]) for j in yearless.get(key, []))
        for j in candidates:
            if same(records[i], records[j]) and uf.union(j, i):
                break
    return [uf.find(i) for i in range(len(records))]


def _name_blocks(name: str | None) -> list[Hashable]:
    """Name words cut to four letters: alike names share one (prefixes and abbreviations included)."""
    return [("name", w[:4]) for w in distinctive(name)] if name else []


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


TRADE_FIELDS = ("metric", "flow", "reporter", "partner", "location", "commodity", "period", "year", "unit", "basis")


def _trade_quantity(m: pd.DataFrame) -> np.ndarray:
    """Group number per mention of the quantity it measures (not its value); a bilateral total's
    economies are a set."""
    total = (m["flow"] == "total").to_numpy()
    rep = m["reporter"].fillna("").to_numpy(dtype=object)
    par = m["partner"].fillna("").to_numpy(dtype=object)
    swap = total & (par < rep)
    keys = pd.DataFrame(
        {
            "metric": m["metric"].to_numpy(),
            "flow": m["flow"].to_numpy(),
            "lo": np.where(swap, par, rep),
            "hi": np.where(swap, rep, par),
            "location": m["location"].fillna("").str.lower().to_numpy(),
            "commodity": m["commodity"].fillna("").str.lower().to_numpy(),
            "period": m["period"].fillna("").to_numpy(),
            "unit": m["unit"].to_numpy(),
            "basis": m["basis"].to_numpy(),
        }
    )
    return keys.groupby(list(keys.columns), sort=False).ngroup().to_numpy()


def _trade_clusters(m: pd.DataFrame) -> np.ndarray:
    """Same quantity and values within 1% of a cluster's smallest (growth within 0.1% when no level).

    Sorted by quantity and figure, a mention can only join the latest cluster of its quantity.
    """
    quantity = _trade_quantity(m)
    value = m["value"].to_numpy(dtype=float)
    growth = m["growth_pct"].to_numpy(dtype=float)
    has = ~np.isnan(value)
    order = np.lexsort((np.where(has, value, np.nan_to_num(growth, nan=np.inf)), ~has, quantity))
    cluster = np.empty(len(m), dtype=np.int64)
    head, previous = -1, None
    for i in order:
        if quantity[i] != previous or not _same_figure(value[head], growth[head], value[i], growth[i]):
            head, previous = i, quantity[i]
        cluster[i] = head
    return cluster


def _same_figure(v1: float, g1: float, v2: float, g2: float) -> bool:
    if v1 != v1 or v2 != v2:  # no level: the same growth figure
        return v1 != v1 and v2 != v2 and close(_nan_none(g1), _nan_none(g2), 0.001)
    return close(v1, v2)


def _nan_none(x: float) -> float | None:
    return None if x != x else x


def link(table: str, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions with their canonical id filled in: one id per real-world fact."""
    if table == "trade_volumes":
        return _with_ids(table, mentions, _trade_clusters(mentions))
    records = mentions.to_dict("records")
    if table == "agreements":
        cluster = _cluster_by_rules(
            [_agreement_record(r) for r in records],
            signature=lambda r: (distinctive(r["name"]), r["signed"], as_set(r["parties"])),
            year=lambda r: year_of(r["signed"]),
            blocks=lambda r: [*_name_blocks(r["name"]), ("parties", as_set(r["parties"]), month_of(r["signed"]))],
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
            blocks=lambda r: [
                *_name_blocks(r["name"]),
                ("participants", as_set(r["participants"]), month_of(r["start"])),
            ],
            same=lambda a, b: (
                match_exercise(a, b) > 0
                and _dates_compatible(a["start"], b["start"])
                and ((a["name"] and b["name"]) or as_set(a["participants"]) == as_set(b["participants"]))
            ),
        )
    return _with_ids(table, mentions, cluster)


def _with_ids(table: str, mentions: pd.DataFrame, cluster: Sequence[int]) -> pd.DataFrame:
    """Each cluster's id is derived from its members' mention ids: stable while its members are."""
    members: dict[int, list[str]] = {}
    for c, mid in zip(cluster, mentions["mention_id"], strict=True):
        members.setdefault(int(c), []).append(mid)
    ids = {c: stable_id(table, *sorted(m)) for c, m in members.items()}
    out = mentions.copy()
    out[ID_COLUMN[table]] = pd.Series([ids[int(c)] for c in cluster], index=mentions.index, dtype=object)
    return out


MERGERS: dict[str, Callable[[list[dict[str, Any]]], dict[str, Any]]] = {
    "agreements": lambda rows: _merge_agreement(rows),
    "military_exercises": lambda rows: _merge_exercise(rows),
}


def _canonical_trade(linked: pd.DataFrame) -> pd.DataFrame:
    """Column-wise merge (figures run to hundreds of thousands): the most confident mention's fields,
    the most stated qualifier and growth, every document."""
    id_col = ID_COLUMN["trade_volumes"]
    ordered = linked.sort_values([id_col, "confidence"], ascending=[True, False], kind="stable")
    groups = ordered.groupby(id_col, sort=False)
    frame = ordered.drop_duplicates(id_col)[[id_col, *TRADE_FIELDS, "value"]].set_index(id_col)

    def most_stated(column: str) -> pd.Series:
        counts = ordered.dropna(subset=[column]).groupby([id_col, column], sort=False).size().rename("n")
        top = counts.reset_index().sort_values([id_col, "n"], ascending=[True, False], kind="stable")
        return top.drop_duplicates(id_col).set_index(id_col)[column]

    docs = ordered.drop_duplicates([id_col, "doc_id"]).sort_values([id_col, "doc_id"])
    frame["qualifier"] = most_stated("qualifier")
    frame["growth_pct"] = most_stated("growth_pct")
    frame["n_mentions"] = groups.size()
    frame["doc_ids"] = docs.groupby(id_col, sort=False)["doc_id"].agg(list)
    frame["n_documents"] = frame["doc_ids"].map(len)
    frame["confidence"] = groups["confidence"].max()
    frame = conform("trade_volumes", frame.reset_index())
    with_level = frame["value"].notna().to_numpy()
    if len(frame):
        quantity = _trade_quantity(frame)
        counts = np.bincount(quantity[with_level], minlength=quantity.max() + 1)
        frame["conflict"] = with_level & (counts[quantity] > 1)
    return frame


def canonical(table: str, linked: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical id, merging its mentions; disagreeing trade figures flagged `conflict`."""
    if table == "trade_volumes":
        return _canonical_trade(linked)
    id_col = ID_COLUMN[table]
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in linked.to_dict("records"):
        groups.setdefault(r[id_col], []).append(r)
    return typed_frame(table, [{**MERGERS[table](g), **_provenance(g), id_col: cid} for cid, g in groups.items()])


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    """Party sets of one agreement: one holds the other (a source may name only some parties)."""
    return a <= b or b <= a


def _dates_compatible(a: str | None, b: str | None) -> bool:
    """Two partial dates that can be the same day ("1961", "1961-07" and "1961-07-11" can; "1961-07-06" cannot)."""
    return not a or not b or a.startswith(b) or b.startswith(a)
