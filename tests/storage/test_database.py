"""Engine options and location rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from workbench.storage.database import Database, DatabaseError
from workbench.storage.location import default_sqlite_path, resolve_url


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_url_resolution_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    assert resolve_url() == f"sqlite:///{default_sqlite_path()}"
    monkeypatch.setenv("WORKBENCH_DB", "postgresql://u@h/db")
    assert resolve_url() == "postgresql://u@h/db"
    assert resolve_url(str(tmp_path / "x.sqlite3")) == f"sqlite:///{tmp_path / 'x.sqlite3'}"


def test_bad_url_is_a_user_error() -> None:
    with pytest.raises(DatabaseError, match="not a database URL"):
        Database("::nonsense::")


def test_password_is_hidden_in_display_url() -> None:
    database = Database("postgresql://alice:secret@localhost:5432/book")
    assert "secret" not in database.display_url
    database.dispose()


def test_read_session_leaves_values_usable(sqlite_db: Database) -> None:
    from workbench.domain.entities import Customer
    from workbench.storage import repositories

    with sqlite_db.session() as session:
        repositories.add_customer(session, Customer(None, "C1", "Acme", "NL"))
    with sqlite_db.read() as session:
        customers = repositories.customers(session)
    assert customers[0].name == "Acme"
