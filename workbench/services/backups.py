"""Automatic backups before risky writes, and restoring a SQLite book from a backup file.

SQLite: copies are taken with SQLite's online backup API (consistent while the book is in use)
next to the book, named ``<book>.before-<reason>-<UTC time>.sqlite3``; the newest
:data:`KEEP_AUTOMATIC` per book are kept. PostgreSQL: the server's own tools do it better than
an application can (``pg_dump --format=custom``; ``pg_restore --clean``), so these functions
say so instead of copying.

A restore first checks that the file is a Compliance Workbench book this version knows (a
SQLite file, passing ``PRAGMA quick_check``, at a schema revision of this application), saves
the current book aside, then copies the file over the book page by page with the same backup
API and migrates it to the current schema if it is older.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from workbench.services.database import BackupError, backup, open_database
from workbench.storage import migrate
from workbench.storage.database import Database

#: An import writing more rows than this is preceded by an automatic backup.
IMPORT_BACKUP_THRESHOLD = 10_000
KEEP_AUTOMATIC = 5
PG_DUMP_HINT = (
    "pg_dump --format=custom --file=BACKUP.dump DATABASE_URL "
    "(restore with pg_restore --clean --dbname=DATABASE_URL BACKUP.dump)"
)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_REQUIRED_TABLES = frozenset({"alembic_version", "customers", "fabs", "machines", "contracts"})


@dataclass(frozen=True, slots=True)
class RestoreResult:
    source: Path
    revision: str
    #: The book as it was before the restore.
    saved_as: Path | None
    migrated_to: str | None


def _book_path(db: Database) -> Path | None:
    if db.backend != "sqlite":
        return None
    name = make_url(db.url).database
    if not name or name == ":memory:":
        return None
    return Path(name)


def _slug(reason: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", reason.casefold()).strip("-")[:40] or "change"


def backup_before(db: Database, reason: str, now: dt.datetime | None = None) -> Path | None:
    """Copy a SQLite book aside before ``reason`` (e.g. "import"); None for PostgreSQL or a
    book in memory, whose administrators back up with :data:`PG_DUMP_HINT`."""
    book = _book_path(db)
    if book is None or not book.exists():
        return None
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    target = book.with_name(f"{book.stem}.before-{_slug(reason)}-{stamp}.sqlite3")
    backup(db, target)
    _prune(book)
    return target


def backup_before_import(db: Database, rows: int) -> Path | None:
    """:func:`backup_before` when an import writes more than the threshold of rows."""
    if rows <= IMPORT_BACKUP_THRESHOLD:
        return None
    return backup_before(db, "import")


def automatic_backups(db: Database) -> list[Path]:
    """The automatic copies of this book, oldest first."""
    book = _book_path(db)
    return _automatic(book) if book is not None else []


def _automatic(book: Path) -> list[Path]:
    found = book.parent.glob(f"{book.stem}.before-*-*Z.sqlite3")
    return sorted(found, key=lambda p: p.name.rsplit("-", 1)[-1])


def _prune(book: Path) -> None:
    copies = _automatic(book)
    for old in copies[: max(0, len(copies) - KEEP_AUTOMATIC)]:
        old.unlink(missing_ok=True)


def check_backup_file(path: Path) -> str:
    """The schema revision of a backup file, after checking it is a book this version knows."""
    if not path.is_file():
        raise BackupError(f"There is no backup file {path}.")
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise BackupError(f"{path.name} is not a SQLite database, so not a backup of a book.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path.name} is damaged (SQLite quick_check failed).")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables >= _REQUIRED_TABLES:
                raise BackupError(f"{path.name} is a SQLite database but not a Compliance "
                                  "Workbench book.")  # fmt: skip
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} cannot be read as a book: {exc}.") from exc
    revision = str(row[0]) if row else ""
    known = {r.revision for r in ScriptDirectory.from_config(migrate._config()).walk_revisions()}
    if revision not in known:
        raise BackupError(
            f"{path.name} is at schema revision '{revision or 'none'}', which this version of "
            "Compliance Workbench does not know (it may come from a newer version)."
        )
    return revision


def restore(db: Database, source: Path) -> RestoreResult:
    """Replace the SQLite book ``db`` with the backup ``source``; the old book is saved aside.

    Other sessions of this process are closed first; the file is copied with the backup API,
    which takes the database's locks, so another program holding the book open waits or fails
    rather than reading half a copy.
    """
    book = _book_path(db)
    if book is None:
        raise BackupError(
            "Restore a PostgreSQL database with the server's own tool: " + PG_DUMP_HINT + "."
        )
    source = source.expanduser().resolve()
    if source == book.resolve():
        raise BackupError("The backup file is the book itself; choose another file.")
    revision = check_backup_file(source)
    saved = backup_before(db, "restore") if book.exists() else None
    db.dispose()
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(book, timeout=30)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
    migrated = None
    if revision != migrate.head_revision():
        reopened = open_database(db.url)
        reopened.dispose()
        migrated = migrate.head_revision()
    return RestoreResult(source, revision, saved, migrated)
