"""Opening, migrating, describing and backing up the database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from workbench.domain.errors import WorkbenchError
from workbench.storage import migrate, repositories
from workbench.storage.database import Database, DatabaseError
from workbench.storage.location import resolve_url


@dataclass(frozen=True)
class DatabaseInfo:
    url: str
    backend: str
    revision: str | None
    head: str
    counts: dict[str, int]

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head

    def as_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "backend": self.backend,
            "schema_revision": self.revision,
            "schema_head": self.head,
            "up_to_date": self.up_to_date,
            "counts": self.counts,
            **self.counts,
        }


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Open the chosen database and bring its schema up to date (a new file is created)."""
    db = Database(resolve_url(url))
    try:
        current = migrate.current_revision(db.engine)
    except OperationalError as exc:
        db.dispose()
        raise DatabaseError(f"Cannot open database {db.display_url}: {_reason(exc)}") from exc
    if upgrade and current != migrate.head_revision():
        try:
            if current is not None and db.backend == "sqlite":
                _backup_before_migration(db, current)
            migrate.upgrade(db.engine)
        except CommandError as exc:
            db.dispose()
            raise DatabaseError(
                f"Database {db.display_url} was written by a newer version of Compliance "
                f"Workbench (schema {current}); update the application."
            ) from exc
        except SQLAlchemyError as exc:
            db.dispose()
            raise DatabaseError(f"Cannot migrate {db.display_url}: {_reason(exc)}") from exc
    return db


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original or exc).strip().splitlines()[0]


def _backup_before_migration(db: Database, revision: str) -> None:
    path = make_url(db.url).database
    if not path or path == ":memory:":
        return
    target = Path(path).with_name(f"{Path(path).stem}.before-{revision}.sqlite3")
    backup(db, target)


def rememberable_url(url: str) -> str:
    """The URL to remember as the user's database: without its password, which settings
    files must not hold (PostgreSQL then reads it from ~/.pgpass or PGPASSWORD)."""
    parsed = make_url(url)
    if parsed.password is None:
        return url
    return parsed._replace(password=None).render_as_string(hide_password=False)


def info(db: Database) -> DatabaseInfo:
    with db.read() as session:
        counts = repositories.counts(session)
    return DatabaseInfo(
        url=db.display_url,
        backend=db.backend,
        revision=migrate.current_revision(db.engine),
        head=migrate.head_revision(),
        counts=counts,
    )


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return repositories.counts(session)["customers"] == 0


def upgrade(db: Database) -> str:
    migrate.upgrade(db.engine)
    return migrate.head_revision()


class BackupError(WorkbenchError):
    """A backup could not be written; the message says what to do instead."""


def backup(db: Database, target: Path) -> Path:
    """Copy a SQLite database consistently while it may be in use (online backup API)."""
    if db.backend != "sqlite":
        raise BackupError(
            "Back up a PostgreSQL database with the server's own tool: "
            "pg_dump --format=custom --file=BACKUP.dump DATABASE_URL "
            "(restore with pg_restore --clean --dbname=DATABASE_URL BACKUP.dump)."
        )
    source_path = make_url(db.url).database
    if not source_path:
        raise BackupError("An in-memory database cannot be backed up.")
    target = target.expanduser().resolve()
    if target == Path(source_path).resolve():
        raise BackupError("The backup file must not be the database itself.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(source_path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    return target
