from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from workbench.storage.database import Database
from workbench.storage.orm import ContractRow, CustomerRow
from workbench.storage.upsert import insert_rows, key_ids, roomy_page_cache


def test_the_page_cache_is_larger_inside_and_as_before_after(sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        before = session.execute(text("PRAGMA cache_size")).scalar_one()
        with roomy_page_cache(session, kib=32 * 1024):
            assert session.execute(text("PRAGMA cache_size")).scalar_one() == -32 * 1024
        assert session.execute(text("PRAGMA cache_size")).scalar_one() == before


def test_the_page_cache_is_restored_when_the_body_fails(sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        before = session.execute(text("PRAGMA cache_size")).scalar_one()
        with pytest.raises(RuntimeError), roomy_page_cache(session):
            raise RuntimeError("cancelled")
        assert session.execute(text("PRAGMA cache_size")).scalar_one() == before


def test_inserted_rows_read_back_with_repeated_values_converted_once(db: Database) -> None:
    table = CustomerRow.__table__
    rows = [(f"C{i:05d}", f"Customer {i}", "CN", 1) for i in range(2500)]
    with db.session() as session:
        assert insert_rows(session, table, ("code", "name", "hq_country", "version"), rows) == 2500
        ids = key_ids(session, table, ("code",))
    assert len(ids) == 2500 and ("C02499",) in ids


def test_dates_and_decimals_are_written_as_the_backend_stores_them(sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        insert_rows(
            session,
            CustomerRow.__table__,
            ("code", "name", "hq_country", "version"),
            [("C1", "One", "CN", 1)],
        )
        [customer_id] = key_ids(session, CustomerRow.__table__, ("code",)).values()
        columns = (
            "number",
            "customer_id",
            "start_date",
            "end_date",
            "value",
            "currency",
            "version",
        )
        rows = [
            (f"K{i}", customer_id, date(2024, 1, 1), date(2026, 12, 31), Decimal("10.50"), "EUR", 1)
            for i in range(30)
        ]
        insert_rows(session, ContractRow.__table__, columns, rows)
        got = session.execute(
            text("SELECT start_date, end_date, value FROM contracts WHERE number = 'K7'")
        ).one()
    assert tuple(got) == ("2024-01-01", "2026-12-31", 10.5)
