"""Cross-document identity: which mentions become one canonical row, and what that row keeps."""

from __future__ import annotations

from itertools import count

from eurasia_etl.frames import typed_frame
from eurasia_etl.resolve import canonical, link

_ids = count()


def _evidence(doc: str) -> dict:
    return {
        "mention_id": f"m{next(_ids)}",
        "doc_id": doc,
        "char_start": 0,
        "char_end": 5,
        "evidence": "x" * 5,
        "extractor": "test/1",
        "confidence": 0.8,
    }


def agreement(doc, name, parties, signed=None, precision=None, **extra):
    return {
        **_evidence(doc),
        "name": name,
        "agreement_type": extra.get("agreement_type", "treaty"),
        "parties": parties,
        "signed_date": signed,
        "signed_precision": precision,
        "topics": extra.get("topics", []),
        "place": extra.get("place"),
    }


def exercise(doc, name, participants, start, precision="day", **extra):
    return {
        **_evidence(doc),
        "name": name,
        "participants": participants,
        "start_date": start,
        "start_precision": precision,
        "domain": extra.get("domain", "naval"),
        "activities": extra.get("activities", []),
    }


def trade(doc, value, period="2023", **extra):
    return {
        **_evidence(doc),
        "metric": "trade_value",
        "flow": "total",
        "reporter": extra.get("reporter", "CHN"),
        "partner": extra.get("partner", "RUS"),
        "period": period,
        "year": int(period[:4]),
        "value": value,
        "unit": "USD",
        "qualifier": extra.get("qualifier", "exact"),
        "basis": "actual",
        "growth_pct": extra.get("growth_pct"),
    }


def _resolve(table: str, mention_table: str, rows: list[dict]):
    linked = link(table, typed_frame(mention_table, rows))
    return linked, canonical(table, linked)


def test_one_treaty_in_three_documents_is_one_row_with_the_best_of_each():
    rows = [
        agreement("a", "Treaty of Aigun", ["CHN", "RUS"], "1858-01-01", "year"),
        agreement("b", "the Aigun treaty", ["RUS"], "1858-05-28", "day", place="Aigun"),
        agreement("c", "Treaty of Aigun", ["CHN", "RUS"], "1858-05-01", "month", topics=["border"]),
    ]
    linked, rows_out = _resolve("agreements", "agreement_mentions", rows)
    assert len(rows_out) == 1
    row = rows_out.iloc[0]
    assert row["name"] == "Treaty of Aigun"
    assert str(row["signed_date"]) == "1858-05-28" and row["signed_precision"] == "day"
    assert list(row["parties"]) == ["CHN", "RUS"] and list(row["topics"]) == ["border"]
    assert row["place"] == "Aigun"
    assert row["n_mentions"] == 3 and row["n_documents"] == 3 and list(row["doc_ids"]) == ["a", "b", "c"]
    assert linked["agreement_id"].nunique() == 1


def test_alike_treaties_with_other_parties_or_days_stay_apart():
    rows = [
        agreement("a", "Treaty of Friendship, Cooperation and Mutual Assistance", ["PRK", "RUS"], "1961-07-06", "day"),
        agreement("b", "Treaty of Friendship, Cooperation and Mutual Assistance", ["CHN", "PRK"], "1961-07-11", "day"),
        agreement("c", "treaty on friendship, cooperation and mutual assistance", ["PRK", "RUS"], "1961-01-01", "year"),
    ]
    _, rows_out = _resolve("agreements", "agreement_mentions", rows)
    assert sorted(tuple(p) for p in rows_out["parties"]) == [("CHN", "PRK"), ("PRK", "RUS")]
    russian = rows_out[rows_out["parties"].map(lambda p: list(p) == ["PRK", "RUS"])].iloc[0]
    assert russian["n_documents"] == 2 and str(russian["signed_date"]) == "1961-07-06"


def test_two_rows_of_one_document_are_never_merged():
    rows = [
        exercise("a", "Joint Sea-2024", ["CHN", "RUS"], "2024-07-14"),
        exercise("a", None, ["BLR", "CHN"], "2024-07-01", "month", domain="ground"),
        exercise("b", "Joint Sea-2024", ["CHN", "RUS"], "2024-07-01", "month"),
    ]
    _, rows_out = _resolve("military_exercises", "military_exercise_mentions", rows)
    assert len(rows_out) == 2
    named = rows_out[rows_out["name"] == "Joint Sea-2024"].iloc[0]
    assert list(named["participants"]) == ["CHN", "RUS"] and named["n_documents"] == 2


def test_unnamed_exercises_merge_only_with_the_same_participants_and_month():
    rows = [
        exercise("a", None, ["CHN", "RUS"], "2024-10-01", "month"),
        exercise("b", None, ["CHN", "RUS"], "2024-10-05"),
        exercise("c", None, ["CHN", "IRN", "RUS"], "2024-10-05"),
    ]
    _, rows_out = _resolve("military_exercises", "military_exercise_mentions", rows)
    assert sorted(rows_out["n_documents"]) == [1, 2]


def test_disagreeing_figures_stay_separate_and_are_flagged():
    rows = [
        trade("a", 240.1e9),
        trade("b", 240.11e9, reporter="RUS", partner="CHN"),  # a bilateral total: economies are a set
        trade("c", 237.0e9),
        trade("d", 240.1e9, period="2022"),
    ]
    _, rows_out = _resolve("trade_volumes", "trade_volume_mentions", rows)
    by_docs = {tuple(d): r for d, r in zip(rows_out["doc_ids"], rows_out.to_dict("records"), strict=True)}
    assert by_docs[("a", "b")]["n_mentions"] == 2 and by_docs[("a", "b")]["conflict"]
    assert by_docs[("c",)]["conflict"]
    assert not by_docs[("d",)]["conflict"]


def test_ids_are_stable_across_runs():
    rows = [trade("a", 1e9), trade("b", 1e9)]
    first = link("trade_volumes", typed_frame("trade_volume_mentions", rows))
    second = link("trade_volumes", typed_frame("trade_volume_mentions", list(reversed(rows))))
    assert set(first["trade_volume_id"]) == set(second["trade_volume_id"])
