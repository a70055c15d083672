"""pandera models: the one definition of every published table.

Columns, types and allowed values live here and nowhere else: the publisher
derives the Arrow/DuckDB types from these models, and validation splits a
frame into rows that pass and rows that go to `rejected_rows` with the
failed check. A frame missing a column is a bug in our code, not bad data,
so it raises instead.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pycountry
from pandera import extensions
from pandera.typing import Series

from eurasia_etl.knowledge import load_yaml

LIST = {"arrow": "list<string>"}
DATE = {"arrow": "date32"}


@cache
def vocab() -> dict[str, Any]:
    return load_yaml("vocabularies.yaml")


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _code_set(allowed: frozenset[str] | None):
    """Element check: a sorted list of distinct allowed codes (None = ISO3)."""

    def check(value: Any) -> bool:
        if value is None:
            return True
        items = list(value)
        pool = allowed if allowed is not None else iso3_codes()
        return items == sorted(set(items)) and all(isinstance(v, str) and v in pool for v in items)

    return check


def _is_date(value: Any) -> bool:
    return value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))


def _dates_with_precision(df: pd.DataFrame, *names: str) -> pd.Series:
    """A date and its precision are null together."""
    ok = pd.Series(True, index=df.index)
    for n in names:
        ok &= df[f"{n}_date"].isna() == df[f"{n}_precision"].isna()
    return ok


@extensions.register_check_method(statistics=["vocabulary"], check_type="element_wise")
def code_set(value: Any, *, vocabulary: str) -> bool:
    """A sorted list of distinct codes from a vocabulary ("iso3" or a vocabularies.yaml path)."""
    if vocabulary == "iso3":
        return _code_set(None)(value)
    section, key = vocabulary.split(".")
    return _code_set(frozenset(vocab()[section][key]))(value)


@extensions.register_check_method(statistics=["flag"])
def iso3(series: pd.Series, *, flag: bool) -> pd.Series:
    return series.isna() | series.isin(iso3_codes()) | (not flag)


@extensions.register_check_method(statistics=["flag"], check_type="element_wise")
def is_date(value: Any, *, flag: bool) -> bool:
    return _is_date(value) or not flag


@extensions.register_check_method(statistics=["flag"])
def trade_unit(series: pd.Series, *, flag: bool) -> pd.Series:
    """ISO 4217 for money, else one of the physical units."""
    allowed = set(vocab()["trade"]["physical_unit"]) | currency_codes()
    return series.isin(allowed) | (not flag)


ISO3_SET = {"code_set": "iso3"}
ISO3 = {"iso3": True}
IS_DATE = {"is_date": True}
PRECISION = vocab()["precision"]


class Documents(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    source_path: Series[str]
    duplicate_paths: Series[object] = pa.Field(metadata=LIST)
    format: Series[str]
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    title: Series[str] = pa.Field(nullable=True)
    published_date: Series[object] = pa.Field(nullable=True, **IS_DATE, metadata=DATE)
    published_precision: Series[str] = pa.Field(nullable=True, isin=PRECISION)
    text: Series[str]
    n_chars: Series[pd.Int32Dtype] = pa.Field(ge=0)
    status: Series[str] = pa.Field(isin=vocab()["document_status"])
    error: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(name="n_chars_is_text_length")
    def _n_chars(cls, df: pd.DataFrame) -> pd.Series:
        return df["text"].str.len() == df["n_chars"]

    @pa.dataframe_check(name="dates_with_precision")
    def _published(cls, df: pd.DataFrame) -> pd.Series:
        return _dates_with_precision(df, "published")

    class Config:
        strict = True


class Mention(pa.DataFrameModel):
    """Evidence columns every mention table carries."""

    mention_id: Series[str] = pa.Field(unique=True)
    doc_id: Series[str]
    char_start: Series[pd.Int32Dtype] = pa.Field(ge=0)
    char_end: Series[pd.Int32Dtype] = pa.Field(ge=1)
    evidence: Series[str] = pa.Field(str_length={"min_value": 1})
    extractor: Series[str]
    confidence: Series[float] = pa.Field(ge=0, le=1)

    @pa.dataframe_check(name="char_end_after_char_start")
    def _span(cls, df: pd.DataFrame) -> pd.Series:
        return df["char_end"] > df["char_start"]

    @pa.dataframe_check(name="evidence_length_is_span")
    def _evidence_len(cls, df: pd.DataFrame) -> pd.Series:
        return df["evidence"].str.len() == (df["char_end"] - df["char_start"])

    class Config:
        strict = True


class TradeFields(pa.DataFrameModel):
    metric: Series[str] = pa.Field(isin=vocab()["trade"]["metric"])
    flow: Series[str] = pa.Field(isin=vocab()["trade"]["flow"])
    reporter: Series[str] = pa.Field(nullable=True, **ISO3)
    partner: Series[str] = pa.Field(nullable=True, **ISO3)
    location: Series[str] = pa.Field(nullable=True)
    commodity: Series[str] = pa.Field(nullable=True)
    period: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?$")
    year: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=1000, le=2200)
    value: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str] = pa.Field(trade_unit=True)
    qualifier: Series[str] = pa.Field(isin=vocab()["trade"]["qualifier"])
    basis: Series[str] = pa.Field(isin=vocab()["trade"]["basis"])
    growth_pct: Series[float] = pa.Field(nullable=True, ge=-100, le=100000)

    @pa.dataframe_check(name="value_or_growth")
    def _value_or_growth(cls, df: pd.DataFrame) -> pd.Series:
        return df["value"].notna() | df["growth_pct"].notna()

    @pa.dataframe_check(name="year_is_first_year_of_period")
    def _year(cls, df: pd.DataFrame) -> pd.Series:
        first = pd.to_numeric(df["period"].str[:4], errors="coerce").astype("Int32")
        return (first.isna() & df["year"].isna()) | (first == df["year"]).fillna(False)

    @pa.dataframe_check(name="economies_distinct")
    def _distinct(cls, df: pd.DataFrame) -> pd.Series:
        return df["reporter"].isna() | df["partner"].isna() | (df["reporter"] != df["partner"])


class AgreementFields(pa.DataFrameModel):
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    agreement_type: Series[str] = pa.Field(isin=vocab()["agreements"]["type"])
    parties: Series[object] = pa.Field(**ISO3_SET, metadata=LIST)
    signed_date: Series[object] = pa.Field(nullable=True, **IS_DATE, metadata=DATE)
    signed_precision: Series[str] = pa.Field(nullable=True, isin=PRECISION)
    ratified_date: Series[object] = pa.Field(nullable=True, **IS_DATE, metadata=DATE)
    ratified_precision: Series[str] = pa.Field(nullable=True, isin=PRECISION)
    place: Series[str] = pa.Field(nullable=True)
    topics: Series[object] = pa.Field(code_set="agreements.topics", metadata=LIST)

    @pa.dataframe_check(name="dates_with_precision")
    def _dates(cls, df: pd.DataFrame) -> pd.Series:
        return _dates_with_precision(df, "signed", "ratified")


class ExerciseFields(pa.DataFrameModel):
    name: Series[str] = pa.Field(nullable=True)
    start_date: Series[object] = pa.Field(nullable=True, **IS_DATE, metadata=DATE)
    start_precision: Series[str] = pa.Field(nullable=True, isin=PRECISION)
    end_date: Series[object] = pa.Field(nullable=True, **IS_DATE, metadata=DATE)
    end_precision: Series[str] = pa.Field(nullable=True, isin=PRECISION)
    participants: Series[object] = pa.Field(**ISO3_SET, metadata=LIST)
    location: Series[str] = pa.Field(nullable=True)
    domain: Series[str] = pa.Field(isin=vocab()["exercises"]["domain"])
    activities: Series[object] = pa.Field(code_set="exercises.activities", metadata=LIST)

    @pa.dataframe_check(name="dates_with_precision")
    def _dates(cls, df: pd.DataFrame) -> pd.Series:
        return _dates_with_precision(df, "start", "end")

    @pa.dataframe_check(name="end_not_before_start")
    def _order(cls, df: pd.DataFrame) -> pd.Series:
        both = df["start_date"].notna() & df["end_date"].notna()
        return pd.Series(
            [not b or e >= s for b, s, e in zip(both, df["start_date"], df["end_date"], strict=True)],
            index=df.index,
            dtype=bool,
        )


class Canonical(pa.DataFrameModel):
    """What resolution adds to every canonical row."""

    n_mentions: Series[pd.Int32Dtype] = pa.Field(ge=1)
    n_documents: Series[pd.Int32Dtype] = pa.Field(ge=1)
    doc_ids: Series[object] = pa.Field(metadata=LIST)
    confidence: Series[float] = pa.Field(ge=0, le=1)

    @pa.dataframe_check(name="n_documents_is_doc_ids")
    def _n_docs(cls, df: pd.DataFrame) -> pd.Series:
        return df["doc_ids"].map(len) == df["n_documents"]


class TradeVolumeMentions(Mention, TradeFields):
    trade_volume_id: Series[str]
    value_text: Series[str] = pa.Field(nullable=True)


class AgreementMentions(Mention, AgreementFields):
    agreement_id: Series[str]


class MilitaryExerciseMentions(Mention, ExerciseFields):
    exercise_id: Series[str]


class TradeVolumes(Canonical, TradeFields):
    trade_volume_id: Series[str] = pa.Field(unique=True)
    conflict: Series[bool]

    class Config:
        strict = True


class Agreements(Canonical, AgreementFields):
    agreement_id: Series[str] = pa.Field(unique=True)

    class Config:
        strict = True


class MilitaryExercises(Canonical, ExerciseFields):
    exercise_id: Series[str] = pa.Field(unique=True)

    class Config:
        strict = True


class RejectedRows(pa.DataFrameModel):
    table_name: Series[str]
    doc_id: Series[str] = pa.Field(nullable=True)
    reason: Series[str]
    row_json: Series[str]

    class Config:
        strict = True


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "trade_volume_mentions": TradeVolumeMentions,
    "agreement_mentions": AgreementMentions,
    "military_exercise_mentions": MilitaryExerciseMentions,
    "trade_volumes": TradeVolumes,
    "agreements": Agreements,
    "military_exercises": MilitaryExercises,
    "rejected_rows": RejectedRows,
}
TABLES = tuple(MODELS)


class SchemaDefinitionError(RuntimeError):
    """The code produced a frame that does not have the table's shape: fail loudly."""


_ARROW_SCALARS = {
    "str": pa_arrow.string(),
    "Int32": pa_arrow.int32(),
    "Int64": pa_arrow.int64(),
    "float64": pa_arrow.float64(),
    "bool": pa_arrow.bool_(),
}
_ARROW_META = {"list<string>": pa_arrow.list_(pa_arrow.string()), "date32": pa_arrow.date32()}


def columns(table: str) -> list[str]:
    return list(MODELS[table].to_schema().columns)


def arrow_schema(table: str) -> pa_arrow.Schema:
    """The Arrow schema of a published table, derived from its pandera model."""
    fields = []
    for name, col in MODELS[table].to_schema().columns.items():
        meta = (col.metadata or {}).get("arrow")
        typ = _ARROW_META[meta] if meta else _ARROW_SCALARS[str(col.dtype)]
        fields.append(pa_arrow.field(name, typ, nullable=True))
    return pa_arrow.schema(fields)


def empty_frame(table: str) -> pd.DataFrame:
    return arrow_schema(table).empty_table().to_pandas()


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if value is pd.NA:
        return None
    return str(value)


def row_json(row: pd.Series) -> str:
    return json.dumps({k: (None if _is_missing(v) else v) for k, v in row.items()}, default=_json_default)


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def validate(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split `frame` into valid rows and `rejected_rows` (one row per failing row, all its failed checks).

    Raises SchemaDefinitionError when the frame's columns are not the table's.
    """
    model = MODELS[table]
    expected = columns(table)
    if list(frame.columns) != expected:
        missing = [c for c in expected if c not in frame.columns]
        extra = [c for c in frame.columns if c not in expected]
        raise SchemaDefinitionError(f"{table}: columns do not match the model (missing {missing}, unexpected {extra})")
    frame = frame.reset_index(drop=True)
    try:
        model.validate(frame, lazy=True)
        return frame, empty_frame("rejected_rows")
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    structural = cases[cases["index"].isna()]
    if not structural.empty:  # wrong dtype or shape: a bug in the code, not bad data
        raise SchemaDefinitionError(f"{table}: {structural[['column', 'check', 'failure_case']].to_dict('records')}")
    bad = cases.dropna(subset=["index"])
    reasons: dict[int, list[str]] = {}
    for rec in bad.itertuples():
        label = f"{rec.column}: {rec.check}" if rec.schema_context == "Column" else str(rec.check)
        reasons.setdefault(int(rec.index), [])
        if label not in reasons[int(rec.index)]:
            reasons[int(rec.index)].append(label)
    rejected = pd.DataFrame(
        {
            "table_name": table,
            "doc_id": [frame.at[i, "doc_id"] if "doc_id" in frame else None for i in reasons],
            "reason": ["; ".join(r) for r in reasons.values()],
            "row_json": [row_json(frame.loc[i]) for i in reasons],
        }
    )
    valid = frame.drop(index=list(reasons)).reset_index(drop=True)
    return valid, rejected
