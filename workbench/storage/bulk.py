"""Fast appends of many rows given as tuples, per backend.

Storing an evaluation run writes up to a million hits. SQLAlchemy Core ``insert()`` with a
dict per row costs ~1 us per value in Python; SQLite's own ``executemany`` over tuples and
PostgreSQL's ``COPY`` are several times faster, and the rows already come from a columnar
frame, so the dict step is pure overhead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def _sqlite_value(value: Any) -> Any:
    # Python 3.12 deprecates sqlite3's implicit date adapter: store ISO text explicitly, as
    # SQLAlchemy's Date type does.
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def append_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    chunk: int = 50_000,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table`` in ``conn``'s transaction."""
    dialect = conn.dialect.name
    total = 0
    if dialect == "sqlite":
        placeholders = ", ".join("?" for _ in columns)
        sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({placeholders})'
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(tuple(_sqlite_value(v) for v in row))
            if len(batch) >= chunk:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
        cursor.close()
        return total
    if dialect == "postgresql":
        raw: Any = conn.connection.driver_connection
        cols = ", ".join(f'"{c}"' for c in columns)
        with (
            raw.cursor() as cursor,
            cursor.copy(  # type: ignore[union-attr]
                f'COPY "{table.name}" ({cols}) FROM STDIN'
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
                total += 1
        return total
    batch_dicts: list[dict[str, Any]] = []
    for row in rows:
        batch_dicts.append(dict(zip(columns, row, strict=True)))
        if len(batch_dicts) >= chunk:
            conn.execute(insert(table), batch_dicts)
            total += len(batch_dicts)
            batch_dicts = []
    if batch_dicts:
        conn.execute(insert(table), batch_dicts)
        total += len(batch_dicts)
    return total
