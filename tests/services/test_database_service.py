"""Opening, describing and backing up databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.services import database, demo
from workbench.storage import migrate
from workbench.storage.database import Database, DatabaseError


def test_new_sqlite_file_is_created_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "book.sqlite3"
    db = database.open_database(str(path))
    assert path.exists()
    details = database.info(db)
    assert details.up_to_date and details.counts["machines"] == 0
    assert database.is_empty(db)
    db.dispose()


def test_backup_is_a_consistent_copy(sqlite_db: Database, tmp_path: Path) -> None:
    demo.load_demo(sqlite_db, 100)
    target = database.backup(sqlite_db, tmp_path / "backups" / "copy.sqlite3")
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT COUNT(*) FROM machines").fetchone()[0] == 100
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_backup_refuses_to_overwrite_the_database(sqlite_db: Database) -> None:
    from sqlalchemy.engine import make_url

    own = Path(str(make_url(sqlite_db.url).database))
    with pytest.raises(database.BackupError, match="must not be the database itself"):
        database.backup(sqlite_db, own)


@pytest.mark.postgres
def test_postgres_backup_points_to_pg_dump(db: Database) -> None:
    if db.backend != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(database.BackupError, match="pg_dump"):
        database.backup(db, Path("x.dump"))


def test_database_from_a_newer_version_is_refused(sqlite_url: str) -> None:
    db = database.open_database(sqlite_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.dispose()
    with pytest.raises(DatabaseError, match="newer version"):
        database.open_database(sqlite_url)


def test_unreachable_server_is_one_sentence() -> None:
    with pytest.raises(DatabaseError, match="Cannot open database"):
        database.open_database("postgresql://nobody@127.0.0.1:1/none")


def test_head_is_known() -> None:
    assert migrate.head_revision()
