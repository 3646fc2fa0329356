"""Importing restricted-party list files as versions, and the list shipped for offline use."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import desc, select

from workbench.domain.cancel import CancelToken, Progress
from workbench.paths import resource
from workbench.screening import (
    SHIPPED_LIST,
    ListFormat,
    ListFormatError,
    ListSnapshot,
    SnapshotDiff,
    diff_snapshots,
    read_list,
)
from workbench.services.identity import current_user
from workbench.services.screening_store import (
    SOURCE_OF_FORMAT,
    LoadedList,
    ScreeningError,
    content_hash,
    entry_record,
    remember,
    version_entries,
)
from workbench.storage import repositories
from workbench.storage.database import Database
from workbench.storage.orm import ScreeningListEntryRow, ScreeningListVersionRow


@dataclass(frozen=True)
class ListVersionInfo:
    id: int
    source: str
    list_format: str
    file_name: str
    sha256: str
    list_date: dt.date | None
    imported_at: dt.datetime
    user_name: str
    counts: dict[str, int]
    entry_count: int
    previous_id: int | None
    diff: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "format": self.list_format,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "list_date": self.list_date.isoformat() if self.list_date else None,
            "imported_at": self.imported_at.isoformat(),
            "user": self.user_name,
            "entries": self.entry_count,
            "counts": self.counts,
            "previous_version": self.previous_id,
            "diff": self.diff,
        }


@dataclass(frozen=True)
class StoredList:
    """What storing one list file did; ``already_imported`` means nothing was written."""

    version: ListVersionInfo
    already_imported: bool
    diff: SnapshotDiff


def read_list_file(
    path: Path | str,
    fmt: ListFormat | str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ListSnapshot:
    """Read a list file; bad input becomes a :class:`ScreeningError` naming file and row."""
    try:
        return read_list(path, fmt, progress=progress, cancel=cancel)
    except ListFormatError as exc:
        message = str(exc)
        raise ScreeningError(message if message.endswith(".") else message + ".") from exc


def store_list(
    db: Database,
    snapshot: ListSnapshot,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> StoredList:
    """Store a snapshot as the newest version of its source, in one transaction.

    A file identical to the newest version of its source (same SHA-256) writes nothing. An
    older file imported again does become the newest version: the user means to go back.
    """
    source = SOURCE_OF_FORMAT[snapshot.fmt]
    with db.session() as session:
        previous = session.scalars(
            select(ScreeningListVersionRow)
            .where(ScreeningListVersionRow.source == source)
            .order_by(desc(ScreeningListVersionRow.id))
            .limit(1)
        ).first()
        if previous is not None and previous.sha256 == snapshot.sha256:
            return StoredList(
                _info(previous), True, SnapshotDiff((), (), (), len(snapshot.entries))
            )
        before = None
        if previous is not None:
            old = [entry for entry, _ in version_entries(session, previous.id)]
            before = ListSnapshot(
                ListFormat(previous.list_format),
                previous.file_name,
                previous.sha256,
                tuple(old),
                previous.list_date,
            )
        diff = diff_snapshots(before, snapshot)
        counts = snapshot.counts
        row = ScreeningListVersionRow(
            source=source,
            list_format=snapshot.fmt.value,
            file_name=snapshot.file_name,
            sha256=snapshot.sha256,
            list_date=snapshot.list_date,
            user_name=current_user(),
            counts_json=json.dumps(counts, sort_keys=True),
            entry_count=len(snapshot.entries),
            previous_id=previous.id if previous is not None else None,
            diff_json=json.dumps(_diff_counts(diff)),
        )
        session.add(row)
        session.flush()
        hashes = {entry.key: content_hash(entry) for entry in snapshot.entries}
        total = len(snapshot.entries)
        chunk = repositories.BULK_CHUNK // 4
        for start in range(0, total, chunk):
            if cancel is not None:
                cancel.raise_if_cancelled()
            part = snapshot.entries[start : start + chunk]
            repositories.bulk_insert(
                session,
                ScreeningListEntryRow.__table__,  # type: ignore[arg-type]
                (entry_record(e, row.id, hashes[e.key]) for e in part),
            )
            if progress is not None:
                progress(min(start + chunk, total), total)
        session.flush()
        session.refresh(row)
        info = _info(row)
    remember(snapshot.fmt.value, LoadedList(snapshot.sha256, snapshot.entries, hashes))
    return StoredList(info, False, diff)


def _diff_counts(diff: SnapshotDiff) -> dict[str, int]:
    return {
        "added": len(diff.added),
        "removed": len(diff.removed),
        "changed": len(diff.changed),
        "unchanged": diff.unchanged,
    }


def _info(row: ScreeningListVersionRow) -> ListVersionInfo:
    return ListVersionInfo(
        id=row.id,
        source=row.source,
        list_format=row.list_format,
        file_name=row.file_name,
        sha256=row.sha256,
        list_date=row.list_date,
        imported_at=row.imported_at,
        user_name=row.user_name,
        counts=json.loads(row.counts_json),
        entry_count=row.entry_count,
        previous_id=row.previous_id,
        diff=json.loads(row.diff_json),
    )


def has_list(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(ScreeningListVersionRow.id).limit(1)) is not None


def ensure_reference_list(
    db: Database, progress: Progress | None = None, cancel: CancelToken | None = None
) -> StoredList | None:
    """Import the shipped list when the database holds no list at all, so screening works
    offline from the first start; otherwise one indexed query and nothing else."""
    if has_list(db):
        return None
    return store_list(db, _shipped_snapshot(), progress, cancel)


@functools.cache
def _shipped_snapshot() -> ListSnapshot:
    """The shipped list, read once per process: it is part of the install and never changes,
    and reading it costs seconds that every new database (and test) would otherwise repeat."""
    return read_list_file(resource(*SHIPPED_LIST), ListFormat.CSL_CSV)


def list_versions(db: Database) -> list[ListVersionInfo]:
    """Every imported version, newest first."""
    with db.read() as session:
        rows = session.scalars(
            select(ScreeningListVersionRow).order_by(desc(ScreeningListVersionRow.id))
        )
        return [_info(row) for row in rows]
