"""Incremental linking and canonical reuse give what recomputing everything gives, at the cost of what changed.

Counted, not timed: how many mentions are clustered again, how many canonical rows are merged again.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pandas as pd
import pytest

from eurasia_etl import build, resolve
from eurasia_etl.config import Settings
from eurasia_etl.corpus import collect
from eurasia_etl.resolve import ID_COLUMN, MENTIONS_OF, PENDING, link


@pytest.fixture(scope="module")
def generated_mentions(tmp_path_factory, corpus_generator) -> tuple[list[str], dict[str, pd.DataFrame]]:
    """Mentions of 120 synthetic documents (names, dates and parties recur across them, as in a real corpus)."""
    root = tmp_path_factory.mktemp("generated")
    corpus_generator.generate(root / "raw", 120, seed=3)
    collected = collect(Settings(raw_dir=root / "raw", warehouse_dir=root / "warehouse", workers=1))
    documents, mentions, _ = build.document_frames(collected)
    return sorted(documents["doc_id"]), mentions


def _pending(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    return frame.assign(**{ID_COLUMN[table]: PENDING})


@pytest.mark.parametrize("table", list(MENTIONS_OF))
def test_relinking_what_changed_gives_the_ids_of_linking_everything(generated_mentions, table, monkeypatch):
    doc_ids, mentions = generated_mentions
    frame = mentions[MENTIONS_OF[table]]
    stating = sorted(set(frame["doc_id"]))
    before, after = set(doc_ids) - {stating[-1]}, set(doc_ids) - {stating[0]}  # one removed, one added
    published = link(table, _pending(frame[frame["doc_id"].isin(before)], table))
    kept = published[published["doc_id"].isin(after)]
    removed = published[~published["doc_id"].isin(after)]
    added = _pending(frame[frame["doc_id"].isin(after - before)], table)
    assert len(removed) and len(added), "the change must touch this table"

    redone = []
    real_rules, real_trade = resolve._cluster_by_rules, resolve._trade_clusters


    def counting_rules(records, *rules, kept=None):  # records without a kept cluster are compared again
        redone.append(len(records) if kept is None else sum(k is None for k in kept))
        return real_rules(records, *rules, kept=kept)

    monkeypatch.setattr(resolve, "_cluster_by_rules", counting_rules)
    monkeypatch.setattr(resolve, "_trade_clusters", lambda m: redone.append(len(m)) or real_trade(m))
    incremental = link(table, pd.concat([kept, added], ignore_index=True), removed)
    monkeypatch.undo()

    everything = link(table, _pending(frame[frame["doc_id"].isin(after)], table))
    pd.testing.assert_frame_equal(incremental, everything)
    assert redone[0] < len(everything) / 2, f"{redone[0]} of {len(everything)} mentions were clustered again"


@pytest.mark.parametrize("table", list(MENTIONS_OF))
def test_a_chain_of_incremental_runs_keeps_the_ids_of_linking_everything(generated_mentions, table):
    """Runs build on the previous run's ids: ten random rounds of several documents added and removed."""
    doc_ids, mentions = generated_mentions
    frame = mentions[MENTIONS_OF[table]]
    rng = random.Random(table)
    present = set(rng.sample(doc_ids, len(doc_ids) // 2))
    published = link(table, _pending(frame[frame["doc_id"].isin(present)], table))
    undated = 0
    for _ in range(10):
        gone = set(rng.sample(sorted(present), 3))
        present = (present - gone) | set(rng.sample(sorted(set(doc_ids) - present), 4))
        kept = published[published["doc_id"].isin(present)]
        added = _pending(frame[frame["doc_id"].isin(present - set(published["doc_id"]))], table)
        published = link(table, pd.concat([kept, added], ignore_index=True), published[published["doc_id"].isin(gone)])
        pd.testing.assert_frame_equal(published, link(table, _pending(frame[frame["doc_id"].isin(present)], table)))
        undated += table == "agreements" and published["signed_date"].isna().any()
    assert table != "agreements" or undated, "undated agreements (attached again each run) must be in play"


def test_canonical_rows_are_reused_by_id_and_equal_recomputed_ones(generated_mentions, monkeypatch):
    doc_ids, mentions = generated_mentions
    linked = {m: link(t, _pending(mentions[m], t)) for t, m in MENTIONS_OF.items()}
    published, _ = build.canonical_stage(linked)
    in_all = set(doc_ids).intersection(*(set(f["doc_id"]) for f in linked.values()))
    gone = sorted(in_all)[0]  # a document stating facts of all three kinds
    one_less = {
        m: link(t, linked[m][linked[m]["doc_id"] != gone], linked[m][linked[m]["doc_id"] == gone])
        for t, m in MENTIONS_OF.items()
    }
    expected, _ = build.canonical_stage(one_less)

    merged = []
    real = build.canonical
    monkeypatch.setattr(build, "canonical", lambda table, m: merged.append((table, len(m))) or real(table, m))
    reused, _ = build.canonical_stage(one_less, previous=published)
    monkeypatch.undo()

    for table in MENTIONS_OF:
        pd.testing.assert_frame_equal(reused[table], expected[table])
        id_col = ID_COLUMN[table]
        assert set(published[table][id_col]) != set(expected[table][id_col]), "the removal must change the table"
        n_mentions = dict(merged)[table]
        assert n_mentions < len(one_less[MENTIONS_OF[table]]) / 10, f"{table}: {n_mentions} mentions merged again"


LINK_AND_DIGEST = """
import hashlib, sys
import pandas as pd
from eurasia_etl.resolve import link
table, path = sys.argv[1], sys.argv[2]
ids = link(table, pd.read_pickle(path)).iloc[:, -1]
print(hashlib.sha256("".join(ids).encode()).hexdigest())
"""


@pytest.mark.parametrize("table", ["agreements", "military_exercises"])
def test_linking_does_not_depend_on_the_process_hash_seed(generated_mentions, table, tmp_path):
    """Runs are separate processes: an incremental run must agree with the full run that published."""
    _, mentions = generated_mentions
    path = tmp_path / "mentions.pkl"
    _pending(mentions[MENTIONS_OF[table]], table).to_pickle(path)
    digests = {
        subprocess.run(
            [sys.executable, "-c", LINK_AND_DIGEST, table, str(path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
