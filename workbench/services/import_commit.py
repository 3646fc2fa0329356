"""Executing a plan: the batch row, then each table's inserts and updates, parents first.

Everything happens in the caller's session, i.e. one transaction: a failure, a cancel or a
killed process leaves the database as it was. New rows get ids only when inserted, so rows
that refer to them (a machine at a fab the same file creates) carry a :class:`NewRef` in the
plan, replaced here by the id read back after the parent table was written.

Several people may import at once (team mode). Imports queue one behind another before they
plan (:func:`lock_for_import`), so overlapping files merge instead of colliding; what an edit
committed in the meantime is caught by the version checks and the keys, and reaches the user
as one sentence (:func:`clear_failure`), never as a driver traceback.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Iterable, Iterator
from decimal import Decimal
from itertools import islice, repeat
from operator import add, itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, text, update
from sqlalchemy.engine.interfaces import DBAPIModule
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.services import audit
from workbench.services.import_model import Change, ImportPlan, NewRef, PlanKind
from workbench.services.import_plan import INSERT_COLUMNS, UPDATE_COLUMNS, split_evenly
from workbench.storage import audit_log, upsert
from workbench.storage.audit_log import AuditEvent
from workbench.storage.database import DatabaseError
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    ImportBatchRow,
    MachineRow,
    ObligationRow,
)

TABLES: dict[PlanKind, Table] = {
    PlanKind.CUSTOMERS: CustomerRow.__table__,  # type: ignore[dict-item]
    PlanKind.FABS: FabRow.__table__,  # type: ignore[dict-item]
    PlanKind.MODELS: EquipmentModelRow.__table__,  # type: ignore[dict-item]
    PlanKind.MACHINES: MachineRow.__table__,  # type: ignore[dict-item]
    PlanKind.CONTRACTS: ContractRow.__table__,  # type: ignore[dict-item]
    PlanKind.OBLIGATIONS: ObligationRow.__table__,  # type: ignore[dict-item]
}
#: Natural-key columns per table, and how the plan folds them into a NewRef key.
_KEY_COLUMNS: dict[PlanKind, tuple[str, ...]] = {
    PlanKind.CUSTOMERS: ("code",),
    PlanKind.FABS: ("site_code",),
    PlanKind.MODELS: ("vendor", "model_code"),
    PlanKind.MACHINES: ("vendor", "serial"),
    PlanKind.CONTRACTS: ("number",),
}
_VERSIONED = frozenset(PlanKind) - {PlanKind.OBLIGATIONS}
#: Columns that may refer to a row inserted by the same import.
_REF_COLUMNS = frozenset(
    {"parent_id", "customer_id", "model_id", "fab_id", "contract_id", "machine_id"}
)


#: Key of the PostgreSQL advisory lock that queues imports ("wbim").
IMPORT_LOCK_KEY = 0x7762696D
CONFLICT = (
    "Another import or edit changed the same records at the same time; nothing was written. "
    "Run the import again."
)
BUSY = (
    "The database stayed busy with another import or edit; nothing was written. "
    "Run the import again."
)
#: Unique and foreign-key violations: what a concurrent writer causes (PostgreSQL SQLSTATE
#: codes and SQLite extended result names).
_CLASH_CODES = frozenset(
    {
        "23505",
        "23503",
        "SQLITE_CONSTRAINT_UNIQUE",
        "SQLITE_CONSTRAINT_PRIMARYKEY",
        "SQLITE_CONSTRAINT_FOREIGNKEY",
    }
)
#: Serialization failure, deadlock (PostgreSQL); both are resolved by running again.
_RETRY_CODES = frozenset({"40001", "40P01"})
_BUSY_CODES = frozenset({"55P03", "SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED"})


class ImportConflictError(upsert.ConcurrentEditError):
    """A concurrent import or edit made this import's plan stale; nothing was written."""


def lock_for_import(session: Session) -> None:
    """Queue this import behind any other one, before its plan reads the book.

    Two imports of overlapping files would otherwise both plan to insert the same new records,
    and the later commit would die on a unique key. Queued, the later one plans against what
    the earlier one wrote and merges into it. On PostgreSQL a transaction-scoped advisory lock
    queues imports only: editors keep working, and an edit that clashes with an import is
    caught by the version checks and keys. On SQLite, which has one writer at a time anyway,
    the database write lock is taken now, as an edit takes it, because reads before the first
    write could see a state another writer is about to change.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})
    else:
        audit_log.lock_for_write(session)


def clear_failure(exc: BaseException, dbapi: DBAPIModule) -> WorkbenchError | None:
    """The one sentence a database failure of a commit means to the user, or None (a bug).

    Bulk writes go through the driver itself (PostgreSQL COPY), so its errors may arrive
    unwrapped by SQLAlchemy; both forms are recognised, by the driver's own error classes.
    """
    if isinstance(exc, WorkbenchError):
        return None
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, dbapi.Error):
        return None
    code = getattr(original, "sqlstate", None) or getattr(original, "sqlite_errorname", "")
    message = str(original).strip()
    reason = message.splitlines()[0] if message else type(original).__name__
    if code in _CLASH_CODES or code in _RETRY_CODES:
        return ImportConflictError(CONFLICT)
    if code in _BUSY_CODES or "database is locked" in message:
        return ImportConflictError(BUSY)
    if isinstance(original, dbapi.IntegrityError):
        return DatabaseError(f"The database refused the import ({reason}); nothing was written.")
    invalidated = isinstance(exc, DBAPIError) and exc.connection_invalidated
    if isinstance(original, dbapi.OperationalError) or invalidated:
        return DatabaseError(
            f"The database could not complete the import ({reason}); nothing was written. "
            "Check the connection and try again."
        )
    return None


def _fold(kind: PlanKind, key: tuple[Any, ...]) -> Hashable:
    if kind is PlanKind.MACHINES:
        return (str(key[0]).casefold(), key[1])  # serials keep their case
    if kind is PlanKind.MODELS:
        return (str(key[0]).casefold(), str(key[1]).casefold())
    return str(key[0]).casefold()


class _Ids:
    """Ids of the rows this import inserted, read back per table the first time one is needed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.loaded: dict[PlanKind, dict[Hashable, int]] = {}

    def resolve(self, value: Any) -> Any:
        if not isinstance(value, NewRef):
            return value
        ids = self.loaded.get(value.kind)
        if ids is None:
            raw = upsert.key_ids(self.session, TABLES[value.kind], _KEY_COLUMNS[value.kind])
            ids = {_fold(value.kind, key): id_ for key, id_ in raw.items()}
            self.loaded[value.kind] = ids
        return ids[value.key]

    def forget(self, kind: PlanKind) -> None:
        self.loaded.pop(kind, None)


def combined_sha256(plan: ImportPlan) -> str:
    """One file: its SHA-256. Several: the SHA-256 of their 'digest  name' lines, sorted."""
    files = plan.parsed.files
    if len(files) == 1:
        return files[0].sha256
    lines = sorted(f"{f.sha256}  {f.name}" for f in files)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def record_batch(
    session: Session, plan: ImportPlan, profile: str | None, user: str, status: str
) -> int:
    """The batch row every import writes; returns its id for the records it touches."""
    sheets = {
        "files": [
            {"name": f.name, "sha256": f.sha256, "format": f.format.value, "size": f.size}
            for f in plan.parsed.files
        ],
        "sheets": [
            {
                "file": s.file,
                "sheet": s.sheet,
                "header_row": s.header_row,
                "kinds": [k.value for k in s.kinds],
                "rows_read": s.rows_read,
                "rows_rejected": s.rows_rejected,
                "mapping": s.mapping.fields,
            }
            for s in plan.parsed.sheets
        ],
    }
    row = ImportBatchRow(
        file_name=", ".join(f.name for f in plan.parsed.files)[:500],
        sha256=combined_sha256(plan),
        sheets=json.dumps(sheets, ensure_ascii=False),
        profile=profile,
        counts_json=json.dumps(plan.counts()),
        user_name=user,
        status=status,
    )
    session.add(row)
    session.flush()
    return row.id


def write_plan(
    session: Session,
    plan: ImportPlan,
    batch_id: int,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Insert and update every planned row; returns the number of rows written."""
    total = sum(
        insert_rows(kind, writes.inserts) + len(writes.updates)
        for kind, writes in plan.writes.items()
    )
    done = 0

    def written(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)
        if cancel is not None:
            cancel.raise_if_cancelled()

    if progress is not None:
        progress(0, total)
    with upsert.roomy_page_cache(session):
        _write_tables(session, plan, batch_id, written)
    return done


def _write_tables(
    session: Session, plan: ImportPlan, batch_id: int, written: upsert.Written
) -> None:
    ids = _Ids(session)
    for kind in PlanKind:
        writes = plan.writes[kind]
        table = TABLES[kind]
        if writes.inserts and kind is PlanKind.OBLIGATIONS:
            _insert_obligations(session, table, writes.inserts, batch_id, ids, written)
        elif writes.inserts:
            _insert(session, kind, table, writes.inserts, batch_id, ids, written)
            ids.forget(kind)
        if writes.updates:
            columns = UPDATE_COLUMNS[kind]
            rows = [{k: ids.resolve(v) for k, v in row.items()} for row in writes.updates]
            upsert.update_rows(
                session,
                table,
                columns,
                rows,
                versioned=kind in _VERSIONED,
                set_always={"batch_id": batch_id},
                written=written,
            )


def _insert(
    session: Session,
    kind: PlanKind,
    table: Table,
    inserts: list[tuple[Any, ...]],
    batch_id: int,
    ids: _Ids,
    written: upsert.Written,
) -> None:
    columns = INSERT_COLUMNS[kind]
    extra: tuple[Any, ...] = (batch_id, 1) if kind in _VERSIONED else (batch_id,)
    names = [*columns, "batch_id", *(["version"] if kind in _VERSIONED else [])]
    # Only foreign-key columns can hold a NewRef; every other value is written as it is.
    refs = [i for i, column in enumerate(columns) if column in _REF_COLUMNS]
    later_parents: list[tuple[str, NewRef]] = []
    code = columns.index("code") if "code" in columns else -1
    plain = not any(NewRef in set(map(type, map(itemgetter(i), inserts))) for i in refs)
    # A slice at a time, so the rows as written (with batch id and version) never exist for
    # the whole table at once.
    for start in range(0, len(inserts), upsert.WRITE_CHUNK):
        chunk = inserts[start : start + upsert.WRITE_CHUNK]
        rows: list[tuple[Any, ...]]
        if plain:
            rows = list(map(add, chunk, repeat(extra)))  # no row refers to a new row
        else:
            rows = []
            for row in chunk:
                values = list(row)
                for i in refs:
                    value = values[i]
                    if isinstance(value, NewRef) and value.kind is kind:
                        # A new customer whose parent is also new: set once both exist.
                        later_parents.append((row[code], value))
                        value = None
                    values[i] = ids.resolve(value)
                rows.append((*values, *extra))
        upsert.insert_rows(session, table, names, rows, written)
    if later_parents:
        ids.forget(kind)
        stmt = (
            update(table)
            .where(table.c.id == bindparam("v_id"))
            .values(parent_id=bindparam("v_parent"))
        )
        session.execute(
            stmt,
            [
                {
                    "v_id": ids.resolve(NewRef(kind, code_value.casefold())),
                    "v_parent": ids.resolve(parent),
                }
                for code_value, parent in later_parents
            ],
        )


def insert_rows(kind: PlanKind, inserts: list[tuple[Any, ...]]) -> int:
    """Rows the inserts write: an obligation insert is a contract line, a row per service."""
    if kind is PlanKind.OBLIGATIONS:
        return sum(map(len, map(itemgetter(2), inserts)))
    return len(inserts)


def _obligation_rows(
    lines: Iterable[tuple[Any, ...]], ids: _Ids, batch_id: int
) -> Iterator[tuple[Any, ...]]:
    """The obligation rows of planned contract lines, in ``INSERT_COLUMNS`` order + batch id.

    A line carries its value (shared evenly to the cent over its service types, the first
    types taking the leftover cents) or, where some of its types were not written, the
    amount of each type it writes.
    """
    resolve = ids.resolve
    for contract, machine, services, start, end, amounts, assumed in lines:
        contract_id = resolve(contract)
        machine_id = resolve(machine)
        shares = split_evenly(amounts, len(services)) if isinstance(amounts, Decimal) else amounts
        for service, share in zip(services, shares, strict=True):
            yield (contract_id, machine_id, service, start, end, share, assumed, batch_id)


def _insert_obligations(
    session: Session,
    table: Table,
    lines: list[tuple[Any, ...]],
    batch_id: int,
    ids: _Ids,
    written: upsert.Written,
) -> None:
    """Write the lines' obligations a chunk at a time: the rows never exist all at once."""
    names = [*INSERT_COLUMNS[PlanKind.OBLIGATIONS], "batch_id"]
    rows = _obligation_rows(lines, ids, batch_id)
    while chunk := list(islice(rows, upsert.WRITE_CHUNK)):
        upsert.insert_rows(session, table, names, chunk, written)


def _audit_keys(changes: Iterable[Change]) -> Iterator[list[str]]:
    """The natural keys of the created records, a packed entry's worth at a time."""
    keys: list[str] = []
    for change in changes:
        keys.extend(change.keys())
        if len(keys) >= audit_log.PACK_LIMIT:
            yield keys[: audit_log.PACK_LIMIT]
            keys = keys[audit_log.PACK_LIMIT :]
    if keys:
        yield keys


def audit_import(session: Session, plan: ImportPlan, batch_id: int) -> None:
    """Record every record the import created and every field it changed, caused by the batch.

    Inserts are recorded in the packed set-based form (one entry listing the natural keys per
    table); updates field by field with old and new values.
    """
    for kind in PlanKind:
        kind_plan = plan.kinds[kind]
        table = TABLES[kind].name
        for keys in _audit_keys(kind_plan.new):
            audit.record_inserts(session, table, [None] * len(keys), keys, "import_batch", batch_id)
        updates = [
            AuditEvent("update", table, change.record_id, change.key, f.field, f.old, f.new)
            for change in kind_plan.changed
            for f in change.fields
        ]
        if updates:
            audit.record_many(session, updates, "import_batch", batch_id)
