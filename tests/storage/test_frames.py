"""Bulk frame I/O on both backends: what is written reads back exactly, inside the caller's
transaction, and the committed-rows reader agrees with the in-transaction one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Column,
    Date,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    cast,
    func,
    select,
)

from workbench.storage.database import Database
from workbench.storage.frames import (
    _adbc_connect,
    append_frame,
    fetch_frame,
    gather_by_key,
    parse_dates,
    read_frames,
)

_META = MetaData()
SCRATCH = Table(
    "frame_scratch",
    _META,
    Column("id", Integer, primary_key=True),
    Column("number", Integer),
    Column("label", String(200)),
    Column("note", Text),
    Column("day", Date),
    Column("amount", Float),
)
SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(),
    "number": pl.Int64(),
    "label": pl.String(),
    "note": pl.String(),
    "day": pl.String(),
    "amount": pl.Float64(),
}


@pytest.fixture
def scratch(db: Database) -> Iterator[Database]:
    SCRATCH.create(db.engine)
    yield db
    SCRATCH.drop(db.engine)


def _query() -> object:
    t = SCRATCH.c
    return select(
        t.id, t.number, t.label, t.note, cast(t.day, String), cast(t.amount, Float)
    ).order_by(t.id)


def _frame(n: int) -> pl.DataFrame:
    """Rows with what CSV and tuples get wrong: quotes, commas, newlines, empty vs null text,
    a percent sign, non-Latin text, exact floats, and a column null for the first 1,500 rows."""
    texts = ["plain", 'a "quoted", comma', "two\nlines", "", None, "100% 確認 \\. ;"]
    return pl.DataFrame(
        {
            "id": range(1, n + 1),
            "number": [None if i < 1500 else i for i in range(n)],
            "label": [texts[i % len(texts)] for i in range(n)],
            "note": [None if i < 1500 else f"late {i}" for i in range(n)],
            "day": [dt.date(2024, 1, 1) + dt.timedelta(days=i % 900) for i in range(n)],
            "amount": [(0.1 + 0.2) * i / 7 for i in range(n)],
        },
        schema={**SCHEMA, "day": pl.Date()},
    )


def _read_back(db: Database) -> pl.DataFrame:
    (frame,) = read_frames(db.engine, [(_query(), SCHEMA)])
    return parse_dates(frame, ["day"])


def test_written_frame_reads_back_exactly(scratch: Database) -> None:
    frame = _frame(2_000)
    with scratch.engine.begin() as conn:
        assert append_frame(conn, SCRATCH, frame) == frame.height
    assert _read_back(scratch).equals(frame)


def test_committed_reader_agrees_with_the_transaction_reader(scratch: Database) -> None:
    with scratch.engine.begin() as conn:
        append_frame(conn, SCRATCH, _frame(1_600))
    with scratch.engine.connect() as conn:
        inside = fetch_frame(conn, _query(), SCHEMA)
    (committed,) = read_frames(scratch.engine, [(_query(), SCHEMA)])
    assert committed.equals(inside)


def _write_then_fail(db: Database) -> None:
    with db.engine.begin() as conn:
        append_frame(conn, SCRATCH, _frame(100))
        raise RuntimeError("failed after the write")


def test_write_is_rolled_back_with_its_transaction(scratch: Database) -> None:
    with pytest.raises(RuntimeError, match="after the write"):
        _write_then_fail(scratch)
    with scratch.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(SCRATCH)).scalar_one() == 0


def test_empty_results_keep_their_schema(scratch: Database) -> None:
    with scratch.engine.begin() as conn:
        assert append_frame(conn, SCRATCH, _frame(0)) == 0
    (frame,) = read_frames(scratch.engine, [(_query(), SCHEMA)])
    assert frame.height == 0
    assert frame.schema == pl.Schema(SCHEMA)


def test_sqlite_is_never_read_through_a_second_sqlite_library(db: Database) -> None:
    # ADBC's SQLite driver links its own SQLite; two copies in one process break file locks.
    expected_adbc = db.backend == "postgresql"
    adbc = _adbc_connect(db.engine)
    assert (adbc is not None) == expected_adbc
    if adbc is not None:
        adbc.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_any_text_survives_the_round_trip(scratch: Database, texts: list[str | None]) -> None:
    # The same table serves every example, so each one starts by emptying it.
    frame = pl.DataFrame(
        {"id": range(1, len(texts) + 1), "note": texts},
        schema={"id": pl.Int64(), "note": pl.String()},
    )
    with scratch.engine.begin() as conn:
        conn.execute(SCRATCH.delete())
        append_frame(conn, SCRATCH, frame)
    assert _read_back(scratch)["note"].to_list() == texts


keys = st.lists(st.integers(0, 20), max_size=40)


@given(keys, st.sets(st.integers(0, 25), max_size=15))
def test_gather_by_key_is_a_many_to_one_left_join(wanted: list[int], present: set[int]) -> None:
    table = pl.DataFrame(
        {"key": sorted(present), "value": [f"v{k}" for k in sorted(present)]},
        schema={"key": pl.Int64(), "value": pl.String()},
    )
    probe = pl.Series("key", wanted, dtype=pl.Int64())
    expected = probe.to_frame().join(table, on="key", how="left", maintain_order="left")
    assert gather_by_key(probe, table, "key").equals(expected.drop("key"))
