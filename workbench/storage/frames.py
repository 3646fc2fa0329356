"""Moving many rows between the database and columnar frames, without per-value Python work.

Callers cast dates to text and numerics to float in SQL, so both backends return the same plain
types. :func:`read_frames` reads committed rows; on PostgreSQL through ADBC, which hands over
Arrow columns with no Python object per value (on the large demo book: facts 3.4 s -> 2.0 s,
a stored run 6.5 s -> 3.1 s). :func:`fetch_frame` reads through the caller's own connection (so
it also sees that transaction's uncommitted rows) straight from the DBAPI cursor. Writes stay
inside the caller's transaction: SQLite's ``executemany`` pulling tuples from one slice of the
frame at a time, PostgreSQL's ``COPY`` fed CSV that polars writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl
from sqlalchemy import Connection, Engine, Table

from workbench.domain.cancel import CancelToken
from workbench.domain.errors import WorkbenchError

FETCH_CHUNK = 20_000
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


def _adbc_connect(engine: Engine) -> Any | None:
    """An ADBC connection to ``engine``'s PostgreSQL database; None for SQLite.

    SQLite is read through the engine's own driver on purpose: the ADBC SQLite driver links its
    own copy of the SQLite library, and two copies in one process break each other's POSIX
    file locks ("Multiple copies of SQLite linked into the same application",
    sqlite.org/howtocorrupt.html). Seen here: a run just written through ``sqlite3`` was
    invisible to an ADBC reader, and a new ``sqlite3`` connection then failed with "disk I/O
    error".
    """
    if engine.url.get_backend_name() != "postgresql":
        return None
    import adbc_driver_postgresql.dbapi  # type: ignore[import-untyped]

    uri = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    return adbc_driver_postgresql.dbapi.connect(uri)


def _sql(engine: Engine, stmt: Any) -> str:
    # A "named" paramstyle keeps literal percent signs as written (pyformat would double them).
    dialect_type: Any = type(engine.dialect)
    dialect = dialect_type(paramstyle="named")
    return str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _arrow_frame(table: Any, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    # Positional names: a select may repeat a column name (machines.id, fabs.id).
    frame = pl.from_arrow(table.rename_columns(list(schema)))
    assert isinstance(frame, pl.DataFrame)
    return frame.select(pl.col(n).cast(t) for n, t in schema.items())


def read_frames(
    engine: Engine,
    queries: Sequence[tuple[Any, dict[str, pl.DataType]]],
    cancel: CancelToken | None = None,
) -> list[pl.DataFrame]:
    """Run each (statement, schema) on one new connection: committed rows only.

    PostgreSQL is read through ADBC (statements are rendered with their parameters inline),
    SQLite through the engine's own connection and :func:`fetch_frame`.
    """
    adbc = _adbc_connect(engine)
    if adbc is None:
        with engine.connect() as conn:
            return [fetch_frame(conn, stmt, schema, cancel) for stmt, schema in queries]
    frames: list[pl.DataFrame] = []
    with adbc:
        cursor = adbc.cursor()
        try:
            for stmt, schema in queries:
                if cancel:
                    cancel.raise_if_cancelled()
                cursor.execute(_sql(engine, stmt))
                frames.append(_arrow_frame(cursor.fetch_arrow_table(), schema))
        finally:
            cursor.close()
            adbc.rollback()
    if cancel:
        cancel.raise_if_cancelled()
    return frames


def gather_by_key(keys: pl.Series, table: pl.DataFrame, key: str) -> pl.DataFrame:
    """``table``'s rows (without ``key``) aligned with ``keys``: a many-to-one left join.

    ``table[key]`` must be unique; a key it lacks gives a row of nulls. Gathering by row
    position keeps the order of ``keys`` for free and writes each column once: on ~900k rows it
    took a third of the time and half the transient memory of a polars hash join.
    """
    rows = pl.Series(range(table.height), dtype=pl.UInt32)
    position = keys.replace_strict(table[key], rows, default=None, return_dtype=pl.UInt32)
    return table.drop(key)[position]


def iso_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Date columns as ISO text: what SQLite stores and what COPY reads, on both backends."""
    return frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))


def parse_dates(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(c).str.slice(0, 10).str.to_date("%Y-%m-%d", strict=True) for c in columns
    )


def append_frame(conn: Connection, table: Table, frame: pl.DataFrame) -> int:
    """Append ``frame`` (columns named as the table's) inside ``conn``'s transaction.

    The frame is written in slices, so only one slice at a time exists as Python tuples (on
    SQLite) or CSV text (PostgreSQL ``COPY``, which polars writes without a Python object per
    value), never a converted copy of the whole frame.
    """
    dialect = conn.dialect.name
    if dialect == "postgresql":
        return _copy_csv(conn, table, frame)
    total = 0
    for start in range(0, frame.height, WRITE_CHUNK):
        chunk = iso_dates(frame.slice(start, WRITE_CHUNK))
        total += append_rows(conn, table, chunk.columns, chunk.iter_rows())
    return total


def _copy_csv(conn: Connection, table: Table, frame: pl.DataFrame) -> int:
    # CSV as COPY reads it: an unquoted empty field is NULL, a quoted one ("") an empty text.
    raw: Any = conn.connection.driver_connection
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    with (
        raw.cursor() as cursor,
        cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN (FORMAT csv)') as copy,
    ):
        for start in range(0, frame.height, WRITE_CHUNK):
            copy.write(
                frame.slice(start, WRITE_CHUNK).write_csv(
                    include_header=False, quote_style="necessary", date_format="%Y-%m-%d"
                )
            )
    return frame.height


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
        try:
            # executemany pulls the rows itself: no Python list of a whole batch is built.
            cursor.executemany(sql, rows)
            total = int(cursor.rowcount)
        finally:
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
