"""Row dicts -> typed DataFrames shaped by the pandera models, and back to Arrow.

This is the one edge where plain rows meet the table definitions: column
order and dtypes come from `schemas`, so every producer yields the same shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pyarrow as pa

from eurasia_etl import schemas


def _to_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _to_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [str(v) for v in value]


def typed_frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A frame with exactly the table's columns and dtypes (missing keys become nulls)."""
    return conform(table, pd.DataFrame(rows, columns=schemas.arrow_schema(table).names))


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the table's columns, in order, each in the dtype the models validate."""
    schema = schemas.arrow_schema(table)
    frame = frame.reindex(columns=schema.names)
    for f in schema:
        col = frame[f.name]
        if pa.types.is_date32(f.type):
            frame[f.name] = pd.Series([_to_date(v) for v in col], index=frame.index, dtype=object)
        elif pa.types.is_list(f.type):
            frame[f.name] = pd.Series([_to_list(v) for v in col], index=frame.index, dtype=object)
        elif pa.types.is_int32(f.type):
            frame[f.name] = pd.to_numeric(col, errors="coerce").astype("Int32")
        elif pa.types.is_floating(f.type):
            frame[f.name] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif pa.types.is_boolean(f.type):
            frame[f.name] = col.astype(bool)
        else:
            text = col.astype(object)
            mixed = ~text.map(type).isin((str, type(None)))
            if mixed.any():  # numbers or NaN where text belongs: stringify, keep nulls null
                text[mixed] = [None if _missing(v) else str(v) for v in text[mixed]]
            frame[f.name] = text
    return frame


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=schemas.arrow_schema(table), preserve_index=False)


def from_arrow(table: str, arrow: pa.Table) -> pd.DataFrame:
    """Published Arrow data back to the frame shape the models validate (columnar: no per-row Python)."""
    schema = schemas.arrow_schema(table)
    arrow = arrow.select(schema.names).cast(schema)
    frame = arrow.to_pandas(types_mapper={pa.int32(): pd.Int32Dtype()}.get, date_as_object=True)
    for f in schema:
        if pa.types.is_list(f.type):  # Python lists, as the producers make them (Arrow gives numpy arrays)
            frame[f.name] = pd.Series(arrow.column(f.name).to_pylist(), index=frame.index, dtype=object)
        elif pa.types.is_string(f.type) and frame[f.name].dtype != object:  # Arrow-backed strings: plain, None
            frame[f.name] = frame[f.name].astype(object).where(frame[f.name].notna(), None)
    return frame
