"""Automatic backups and restoring a SQLite book."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from workbench.services import backups, editing
from workbench.services.database import BackupError, open_database
from workbench.storage.database import Database
from workbench.storage.migrate import head_revision


def _customers(db: Database) -> int:
    with db.read() as session:
        from sqlalchemy import text

        return int(session.scalar(text("SELECT count(*) FROM customers")) or 0)


def test_backup_before_keeps_the_newest_copies(sqlite_db: Database) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    made = [
        backups.backup_before(sqlite_db, "big import", start + dt.timedelta(minutes=n))
        for n in range(backups.KEEP_AUTOMATIC + 2)
    ]
    kept = backups.automatic_backups(sqlite_db)
    assert kept == made[2:] and all(p is not None and "before-big-import" in p.name for p in made)
    assert backups.backup_before_import(sqlite_db, backups.IMPORT_BACKUP_THRESHOLD) is None


def test_restore_brings_back_the_book_and_saves_the_replaced_one(
    sqlite_db: Database, tmp_path: Path
) -> None:
    editing.create(sqlite_db, "customers", {"code": "A", "name": "A", "hq_country": "NL"})
    copy = backups.backup_before(sqlite_db, "test")
    assert copy is not None
    editing.create(sqlite_db, "customers", {"code": "B", "name": "B", "hq_country": "NL"})
    result = backups.restore(sqlite_db, copy)
    reopened = open_database(sqlite_db.url)
    try:
        assert _customers(reopened) == 1
        assert result.saved_as is not None and result.revision == head_revision()
        with sqlite3.connect(result.saved_as) as saved:
            assert saved.execute("SELECT count(*) FROM customers").fetchone()[0] == 2
    finally:
        reopened.dispose()


def test_restore_refuses_files_that_are_not_books(sqlite_db: Database, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_text("hello")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    future = tmp_path / "future.sqlite3"
    copy = backups.backup_before(sqlite_db, "x")
    assert copy is not None
    future.write_bytes(copy.read_bytes())
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    for path, message in (
        (text_file, "not a SQLite database"),
        (other, "not a Compliance Workbench book"),
        (future, "does not know"),
        (tmp_path / "missing.sqlite3", "There is no backup file"),
    ):
        with pytest.raises(BackupError, match=message):
            backups.restore(sqlite_db, path)


@pytest.mark.postgres
def test_postgresql_points_to_pg_dump(db: Database, tmp_path: Path) -> None:
    if db.backend != "postgresql":
        pytest.skip("PostgreSQL only")
    assert backups.backup_before(db, "import") is None
    with pytest.raises(BackupError, match="pg_restore"):
        backups.restore(db, tmp_path / "x.sqlite3")
