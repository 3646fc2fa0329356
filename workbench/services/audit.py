"""The audit trail as use cases: record changes, check the chain, read a record's history, export.

Recording happens inside the caller's transaction (the change and its entries commit together)
and must be the caller's last write, after its data writes (see ``storage.audit_log``).

For the importer, after writing a batch and in the same session, with
``cause_kind="import_batch"`` and ``cause_id=batch_id``: :func:`record_inserts` per table with
the inserted ids and natural keys (packed into one entry per 50,000 rows), then
:func:`record_many` with one ``AuditEvent("update", table, id, key, field, old, new)`` per
changed field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.reports.cells import EXPORT_FORMATS
from workbench.services.identity import current_user
from workbench.storage import audit_log
from workbench.storage.audit_log import (
    CAUSE_KINDS,
    Appended,
    AuditEntry,
    AuditEvent,
    AuditFilter,
    Cause,
    ChainCheck,
)
from workbench.storage.database import Database

__all__ = [
    "CAUSE_KINDS",
    "Appended",
    "AuditEntry",
    "AuditEvent",
    "AuditFilter",
    "ChainCheck",
    "ExportError",
    "export",
    "history",
    "recent",
    "record_inserts",
    "record_many",
    "verify",
]

EXPORT_HEADERS = (
    "Seq",
    "Time (UTC)",
    "User",
    "Action",
    "Table",
    "Record id",
    "Record",
    "Field",
    "Old value",
    "New value",
    "Cause",
    "Cause id",
    "Comment",
    "Undoes",
    "Hash",
)
_EXPORT_KINDS = (
    "int",
    "text",
    "text",
    "text",
    "text",
    "int",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
)


class ExportError(WorkbenchError):
    """The audit trail cannot be exported as asked."""


def record_many(
    session: Session,
    events: Iterable[AuditEvent | Sequence[Any] | Mapping[str, Any]],
    cause_kind: str,
    cause_id: str | int | None = None,
    comment: str | None = None,
    *,
    user: str | None = None,
    reverts: str | None = None,
) -> Appended:
    """Append ``events`` (by the current user unless ``user`` is given) to the trail."""
    cause = Cause(cause_kind, None if cause_id is None else str(cause_id), comment or None, reverts)
    return audit_log.record_many(session, events, user=user or current_user(), cause=cause)


def record_inserts(
    session: Session,
    table: str,
    ids: Sequence[int | None],
    keys: Sequence[str | None],
    cause_kind: str,
    cause_id: str | int | None = None,
    comment: str | None = None,
    *,
    user: str | None = None,
) -> Appended:
    """The bulk form for an import's inserts: ids and natural keys as two parallel lists."""
    cause = Cause(cause_kind, None if cause_id is None else str(cause_id), comment or None)
    return audit_log.record_inserts(
        session, table, ids, keys, user=user or current_user(), cause=cause
    )


def verify(
    db: Database, progress: Progress | None = None, cancel: CancelToken | None = None
) -> ChainCheck:
    """Check the whole chain; the result names the first broken link, if any."""
    with db.read() as session:
        return audit_log.verify(session, progress, cancel)


def history(db: Database, table: str, record_id: int) -> list[AuditEntry]:
    """Every entry about one record, oldest first (a packed import entry included)."""
    with db.read() as session:
        return list(audit_log.entries(session, AuditFilter(table=table, record_id=record_id)))


def recent(db: Database, flt: AuditFilter | None = None, limit: int = 200) -> list[AuditEntry]:
    """The newest entries matching ``flt``, newest first (for the Audit view)."""
    with db.read() as session:
        return list(audit_log.entries(session, flt, newest_first=True, limit=limit))


def _shown(value: str | None) -> str | None:
    """A stored JSON value as a person reads it: text without quotes, the rest as JSON."""
    if value is None:
        return None
    decoded = json.loads(value)
    return decoded if isinstance(decoded, str) else value


def _export_rows(entries: Iterable[AuditEntry]) -> Iterator[tuple[Any, ...]]:
    """One row per entry; a packed insert entry becomes one row per record it lists."""
    for e in entries:
        at = e.at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        tail = (e.cause_kind, e.cause_id, e.comment, e.reverts, e.hash)
        if e.packed:
            for record_id, key in e.records():
                yield (e.seq, at, e.user_name, e.action, e.table_name, record_id, key,
                       None, None, None, *tail)  # fmt: skip
            continue
        yield (
            e.seq,
            at,
            e.user_name,
            e.action,
            e.table_name,
            e.record_id,
            e.natural_key,
            e.field,
            _shown(e.old_value),
            _shown(e.new_value),
            *tail,
        )


def export(
    db: Database,
    path: Path,
    flt: AuditFilter | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the entries matching ``flt`` to .xlsx or .csv for auditors; returns rows written.

    Formula-like text is neutralised by the shared table writer (a user could have typed
    ``=HYPERLINK(...)`` into any field that is recorded here).
    """
    if path.suffix.lower() not in EXPORT_FORMATS:
        raise ExportError(f"Export the audit trail to .xlsx or .csv, not '{path.name}'.")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name.")
    if not path.parent.exists():
        raise ExportError(f"The folder {path.parent} does not exist.")
    from workbench.reports.table_export import write_table

    with db.read() as session:
        total = audit_log.count(session, flt)
        try:
            return write_table(
                path,
                list(EXPORT_HEADERS),
                list(_EXPORT_KINDS),  # type: ignore[arg-type]
                _export_rows(audit_log.entries(session, flt)),
                total=total,
                title="Audit trail",
                progress=progress,
                cancel=cancel,
            )
        except OSError as exc:
            raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
