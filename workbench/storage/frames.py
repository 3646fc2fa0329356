"""Moving many rows between the database and columnar frames, without per-value Python work.

Reads bypass SQLAlchemy's result processing (the DBAPI cursor is read directly: callers cast
dates to text and numerics to float in SQL, so both backends return the same plain types), and
writes use SQLite's ``executemany`` over tuples or PostgreSQL's ``COPY``. Measured on 900k rows
this is the difference between ~20 s and a few seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl
from sqlalchemy import Connection, Table

from workbench.domain.cancel import CancelToken
from workbench.domain.errors import WorkbenchError

FETCH_CHUNK = 100_000
WRITE_CHUNK = 50_000


def fetch_frame(
    conn: Connection,
    stmt: Any,
    schema: dict[str, pl.DataType],
    cancel: CancelToken | None = None,
) -> pl.DataFrame:
    """Run ``stmt`` and return its rows as a frame with ``schema`` (names in select order)."""
    result = conn.execute(stmt)
    cursor = result.cursor
    frames: list[pl.DataFrame] = []
    try:
        while True:
            if cancel:
                cancel.raise_if_cancelled()
            chunk = cursor.fetchmany(FETCH_CHUNK)
            if not chunk:
                break
            frames.append(pl.DataFrame(chunk, schema=schema, orient="row"))
    finally:
        result.close()
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat(frames)


def iso_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Date columns as ISO text: what SQLite stores and what COPY reads, on both backends."""
    return frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))


def parse_dates(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(c).str.slice(0, 10).str.to_date("%Y-%m-%d", strict=True) for c in columns
    )


def append_frame(conn: Connection, table: Table, frame: pl.DataFrame) -> int:
    """Append ``frame`` (columns named as the table's) inside ``conn``'s transaction."""
    rows = iso_dates(frame)
    return append_rows(conn, table, rows.columns, rows.iter_rows(buffer_size=WRITE_CHUNK))


def append_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """Insert tuples (dates already as ISO text) in ``columns`` order."""
    dialect = conn.dialect.name
    total = 0
    raw: Any = conn.connection.driver_connection
    if dialect == "sqlite":
        placeholders = ", ".join("?" for _ in columns)
        sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({placeholders})'
        cursor = raw.cursor()
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= WRITE_CHUNK:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
        cursor.close()
        return total
    if dialect == "postgresql":
        cols = ", ".join(f'"{c}"' for c in columns)
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)
                total += 1
        return total
    raise WorkbenchError(f"Bulk writes are not supported on {dialect}.")
