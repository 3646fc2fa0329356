"""Editing the book by hand: create, update, delete, relocate, cover, undo -- each one audited.

Every update and delete takes the ``version`` the user read. If the row has changed since, the
edit is refused with a :class:`ConcurrentEditError` that carries both the user's values and the
stored ones, so the form can show them side by side: an edit is never silently overwritten.
Each edit is one transaction: the change, the version bump and its audit entries (cause
``manual_edit``, with the user's comment) commit together or not at all.

Undo re-applies the old values of the current user's newest edit as a new, audited edit (its
entries name the edit they revert) and is refused when any record it touched changed since.

Contract coverage: obligations are (machine, service type) pairs of a contract. Changing the
coverage or the value re-splits the contract value as the importer does for lines without a
value of their own: equally per machine, then equally per service type, to the cent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Table,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy import update as sql_update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from workbench.domain.enums import MachineStatus, ServiceType
from workbench.domain.technology import advanced_node
from workbench.services import audit, roles
from workbench.services.edit_fields import (
    KINDS,
    REFERENCES,
    EditError,
    Kind,
    alias_list,
    canonical,
    decode,
    kind,
    normalise,
    same,
)
from workbench.services.identity import current_user
from workbench.services.import_plan import split_evenly
from workbench.storage import audit_log
from workbench.storage.audit_log import AuditEntry, AuditEvent, AuditFilter
from workbench.storage.database import Database, DatabaseError
from workbench.storage.orm import CustomerAliasRow, ObligationRow
from workbench.storage.upsert import ConcurrentEditError as _ImportConflict

__all__ = [
    "ConcurrentEditError",
    "EditError",
    "EditResult",
    "FieldChange",
    "change_coverage",
    "create",
    "decommission_machine",
    "delete_record",
    "relocate_machine",
    "set_coverage",
    "undo_last",
    "undoable",
    "update",
]

_ALIASES: Table = CustomerAliasRow.__table__  # type: ignore[assignment]
_OBLIGATIONS: Table = ObligationRow.__table__  # type: ignore[assignment]
_SERVICE_ORDER = {s.value: i for i, s in enumerate(ServiceType)}
#: Columns an undo of a delete puts back as they were (timestamps start afresh).
_NOT_RESTORED = frozenset({"created_at", "updated_at"})


class ConcurrentEditError(_ImportConflict):
    """The record changed (or was deleted) after the user read it; nothing was written.

    ``yours`` holds the values the user tried to write, ``theirs`` the values stored now for
    the same fields (empty when the record is gone).
    """

    def __init__(
        self,
        message: str,
        *,
        table: str,
        record_id: int,
        read_version: int,
        current_version: int | None,
        yours: dict[str, Any],
        theirs: dict[str, Any],
        changed_by: str | None,
        changed_at: dt.datetime | None,
    ) -> None:
        super().__init__(message)
        self.table = table
        self.record_id = record_id
        self.read_version = read_version
        self.current_version = current_version
        self.yours = yours
        self.theirs = theirs
        self.changed_by = changed_by
        self.changed_at = changed_at


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class EditResult:
    """What one edit did. ``touched`` lists every (table, id) it wrote, for views to refresh."""

    table: str
    record_id: int
    action: str  # insert | update | delete | none
    version: int | None
    changes: tuple[FieldChange, ...]
    edit_id: str | None
    touched: tuple[tuple[str, int], ...] = ()
    reverts: str | None = None


@dataclass
class _Edit:
    """The events and touched rows one transaction collects before its audit append."""

    edit_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    events: list[AuditEvent] = field(default_factory=list)
    touched: list[tuple[str, int]] = field(default_factory=list)

    def touch(self, table: str, record_id: int) -> None:
        if (table, record_id) not in self.touched:
            self.touched.append((table, record_id))


# -- the transaction -------------------------------------------------------------------------


@contextmanager
def _editing(db: Database, action: str) -> Iterator[Session]:
    """One edit transaction: write lock (SQLite), role check, clear errors for lost servers."""
    try:
        with db.session() as session:
            audit_log.lock_for_write(session)
            roles.require_write(session, action)
            yield session
    except IntegrityError as exc:
        raise EditError(
            f"The database refused the change ({_reason(exc)}); nothing was saved."
        ) from exc
    except (OperationalError, DBAPIError) as exc:
        if isinstance(exc, DBAPIError) and not (
            exc.connection_invalidated or isinstance(exc, OperationalError)
        ):
            raise
        raise DatabaseError(
            f"The database could not complete the change ({_reason(exc)}); nothing was "
            "saved. Check the connection and try again."
        ) from exc


def _reason(exc: DBAPIError) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _commit_audit(session: Session, edit: _Edit, comment: str | None, reverts: str | None) -> None:
    if edit.events:
        audit.record_many(
            session, edit.events, "manual_edit", edit.edit_id, comment, reverts=reverts
        )


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount or 0)


# -- reading ---------------------------------------------------------------------------------


def _row(session: Session, spec: Kind, record_id: int, lock: bool = True) -> dict[str, Any] | None:
    stmt = select(spec.table).where(spec.table.c.id == record_id)
    if lock:
        stmt = stmt.with_for_update()
    found = session.execute(stmt).mappings().one_or_none()
    if found is None:
        return None
    values = dict(found)
    if spec.name == "customers":
        values["aliases"] = _aliases_of(session, record_id)
    return values


def _aliases_of(session: Session, customer_id: int) -> list[dict[str, str]]:
    rows = session.execute(
        select(_ALIASES.c.name, _ALIASES.c.script)
        .where(_ALIASES.c.customer_id == customer_id)
        .order_by(_ALIASES.c.id)
    )
    return alias_list((str(n), str(s)) for n, s in rows)


def _record_values(spec: Kind, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as an insert/delete event carries it: every column but the timestamps."""
    return {k: v for k, v in row.items() if k not in _NOT_RESTORED}


def _last_change(session: Session, table: str, record_id: int) -> AuditEntry | None:
    found = list(
        audit_log.entries(
            session, AuditFilter(table=table, record_id=record_id), newest_first=True, limit=1
        )
    )
    return found[0] if found else None


def _conflict(
    session: Session,
    spec: Kind,
    record_id: int,
    read_version: int,
    yours: Mapping[str, Any],
    current: Mapping[str, Any] | None,
) -> ConcurrentEditError:
    last = _last_change(session, spec.name, record_id)
    who = last.user_name if last else None
    when = last.at if last else None
    by = f" by {who} at {when:%Y-%m-%d %H:%M} UTC" if who and when else ""
    if current is None:
        message = (
            f"This {spec.label} was deleted{by} after you opened it; your change was not saved."
        )
        return ConcurrentEditError(
            message,
            table=spec.name,
            record_id=record_id,
            read_version=read_version,
            current_version=None,
            yours=dict(yours),
            theirs={},
            changed_by=who,
            changed_at=when,
        )
    theirs = {name: current.get(name) for name in yours}
    differing = [n for n in yours if not same(yours[n], theirs[n])]
    detail = "; ".join(
        f"{n.replace('_', ' ')} is now {theirs[n]!r} (yours: {yours[n]!r})" for n in differing[:3]
    )
    message = (
        f"{spec.label.capitalize()} {spec.natural_key(current)} was changed{by} after you "
        f"opened it (version {current['version']}, you read version {read_version})"
        + (f": {detail}" if detail else "")
        + ". Nothing was saved; reload it and apply your change again."
    )
    return ConcurrentEditError(
        message,
        table=spec.name,
        record_id=record_id,
        read_version=read_version,
        current_version=int(current["version"]),
        yours=dict(yours),
        theirs=theirs,
        changed_by=who,
        changed_at=when,
    )


def _locked_current(
    session: Session, spec: Kind, record_id: int, version: int, yours: Mapping[str, Any]
) -> dict[str, Any]:
    current = _row(session, spec, record_id)
    if current is None:
        if _last_change(session, spec.name, record_id) is None:
            raise EditError(f"There is no {spec.label} with id {record_id}.")
        raise _conflict(session, spec, record_id, version, yours, None)
    if int(current["version"]) != version:
        raise _conflict(session, spec, record_id, version, yours, current)
    return current


# -- checks across records -------------------------------------------------------------------


def _check_references(session: Session, values: Mapping[str, Any]) -> None:
    for column, target in REFERENCES.items():
        ref = values.get(column)
        if ref is None:
            continue
        table = KINDS[target].table
        if session.scalar(select(table.c.id).where(table.c.id == ref)) is None:
            raise EditError(f"There is no {KINDS[target].label} with id {ref} ({column}).")


def _check_unique(
    session: Session, spec: Kind, values: Mapping[str, Any], record_id: int | None
) -> None:
    key = {c: values[c] for c in spec.key}
    if any(v is None for v in key.values()):
        return
    stmt = select(spec.table.c.id)
    for column, value in key.items():
        stmt = stmt.where(spec.table.c[column] == value)
    other = session.scalar(stmt.limit(1))
    if other is not None and other != record_id:
        shown = " ".join(str(v) for v in key.values())
        raise EditError(f"There is already a {spec.label} {shown} (id {other}).")


def _check_rules(
    session: Session, spec: Kind, values: Mapping[str, Any], record_id: int | None
) -> None:
    """Rules across fields of one record, and the group tree."""
    if spec.name == "contracts" and values["start_date"] > values["end_date"]:
        raise EditError(
            f"The contract ends ({values['end_date']}) before it starts ({values['start_date']})."
        )
    if (
        spec.name == "licences"
        and values.get("valid_to")
        and values["valid_from"] > values["valid_to"]
    ):
        raise EditError(
            f"The licence expires ({values['valid_to']}) before it is valid "
            f"({values['valid_from']})."
        )
    if spec.name == "customers" and values.get("parent_id") is not None and record_id is not None:
        parent: int | None = values["parent_id"]
        seen: set[int] = set()
        table = spec.table
        while parent is not None and parent not in seen:
            if parent == record_id:
                raise EditError(
                    f"Customer {values['code']} cannot belong to its own group member."
                    if values["parent_id"] != record_id
                    else f"Customer {values['code']} cannot be its own parent."
                )
            seen.add(parent)
            parent = session.scalar(select(table.c.parent_id).where(table.c.id == parent))


def _derived(spec: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """Columns computed from others: a fab's advanced-node flag."""
    if spec.name != "fabs":
        return {}
    from workbench.domain.enums import Architecture, ProcessType

    process = values.get("process_type")
    architecture = values.get("architecture")
    return {
        "advanced_node": advanced_node(
            ProcessType(process) if process else None,
            values.get("logic_node_nm"),
            Architecture(architecture) if architecture else None,
            values.get("dram_half_pitch_nm"),
            values.get("nand_layers"),
        )
    }


def _check_all(
    session: Session, spec: Kind, merged: Mapping[str, Any], record_id: int | None
) -> None:
    _check_references(session, merged)
    _check_unique(session, spec, merged, record_id)
    _check_rules(session, spec, merged, record_id)


# -- create / update / delete ----------------------------------------------------------------


def create(
    db: Database, kind_name: str, values: Mapping[str, Any], comment: str | None = None
) -> EditResult:
    """Create a record of ``kind_name`` (customers, fabs, equipment_models, machines, contracts,
    licences) from field values; a machine's status defaults to installed."""
    spec = kind(kind_name)
    given = dict(values)
    if spec.name == "machines":
        given.setdefault("status", MachineStatus.INSTALLED.value)
    checked = normalise(spec, given)
    missing = [f for f in spec.required if checked.get(f) is None]
    if missing:
        raise EditError(
            f"A new {spec.label} needs {', '.join(m.replace('_', ' ') for m in missing)}."
        )
    with _editing(db, f"creating a {spec.label}") as session:
        _check_all(session, spec, checked, None)
        edit = _Edit()
        record_id = _insert(session, spec, checked, edit, None)
        _commit_audit(session, edit, comment, None)
    return EditResult(
        spec.name,
        record_id,
        "insert",
        1,
        tuple(FieldChange(k, None, v) for k, v in checked.items() if v is not None),
        edit.edit_id,
        tuple(edit.touched),
    )


def _insert(
    session: Session, spec: Kind, checked: Mapping[str, Any], edit: _Edit, record_id: int | None
) -> int:
    columns = {k: v for k, v in checked.items() if k != "aliases"}
    columns.update(_derived(spec, columns))
    if "version" not in columns:
        columns["version"] = 1
    if record_id is not None:
        columns["id"] = record_id
    new_id = int(
        session.execute(
            insert(spec.table).values(**columns).returning(spec.table.c.id)
        ).scalar_one()
    )
    aliases = checked.get("aliases") or []
    if spec.name == "customers" and aliases:
        session.execute(
            insert(_ALIASES),
            [{"customer_id": new_id, "name": a["name"], "script": a["script"]} for a in aliases],
        )
    record = {"id": new_id, **columns}
    if spec.name == "customers":
        record["aliases"] = list(aliases)
    edit.events.append(
        AuditEvent("insert", spec.name, new_id, spec.natural_key(columns), None, None, record)
    )
    edit.touch(spec.name, new_id)
    return new_id


def update(
    db: Database,
    kind_name: str,
    record_id: int,
    version: int,
    values: Mapping[str, Any],
    comment: str | None = None,
    coverage: Iterable[tuple[int, ServiceType | str]] | None = None,
) -> EditResult:
    """Change fields of a record the user read at ``version``; unchanged fields are ignored.

    For a contract, ``coverage`` (machine id, service type pairs) is applied in the same
    transaction, so a contract's fields and coverage never commit halfway.
    """
    spec = kind(kind_name)
    checked = normalise(spec, values)
    if coverage is not None and spec.name != "contracts":
        raise EditError(f"A {spec.label} has no coverage; only contracts do.")
    with _editing(db, f"editing a {spec.label}") as session:
        asked = checked or ({"coverage": "changed"} if coverage is not None else checked)
        current = _locked_current(session, spec, record_id, version, asked)
        merged = {**current, **checked}
        _check_all(session, spec, merged, record_id)
        edit = _Edit()
        changes = _apply(session, spec, record_id, current, checked, edit)
        if spec.name == "contracts" and changes:
            _follow_contract(session, current, merged, changes, edit)
        if coverage is not None:
            wanted = _coverage_pairs(coverage)
            covered = _cover_within(
                session, spec, record_id, merged, lambda _before: wanted, edit, bump=not changes
            )
            if covered is not None:
                changes.append(covered)
        _commit_audit(session, edit, comment, None)
    return EditResult(
        spec.name,
        record_id,
        "update" if changes else "none",
        version + 1 if changes else version,
        tuple(changes),
        edit.edit_id if changes else None,
        tuple(edit.touched),
    )


def _apply(
    session: Session,
    spec: Kind,
    record_id: int,
    current: Mapping[str, Any],
    checked: Mapping[str, Any],
    edit: _Edit,
    *,
    force_version: bool = False,
) -> list[FieldChange]:
    """Write the fields that differ, bump the version, and queue one event per field."""
    changes = [
        FieldChange(name, current.get(name), value)
        for name, value in checked.items()
        if name != "aliases" and not same(current.get(name), value)
    ]
    if "aliases" in checked and canonical(checked["aliases"]) != canonical(current["aliases"]):
        changes.append(FieldChange("aliases", current["aliases"], checked["aliases"]))
    columns = {c.field: c.new for c in changes if c.field != "aliases"}
    if spec.name == "fabs" and columns:
        derived = _derived(spec, {**current, **columns})["advanced_node"]
        if derived != current.get("advanced_node"):
            columns["advanced_node"] = derived
            changes.append(FieldChange("advanced_node", current.get("advanced_node"), derived))
    if not changes and not force_version:
        return []
    stmt = (
        sql_update(spec.table)
        .where(spec.table.c.id == record_id, spec.table.c.version == current["version"])
        .values(**columns, version=spec.table.c.version + 1, updated_at=func.now())
    )
    if _rowcount(session.execute(stmt)) != 1:  # the row lock makes this a broken database
        raise EditError(f"The {spec.label} could not be updated; reload it and try again.")
    if any(c.field == "aliases" for c in changes):
        session.execute(delete(_ALIASES).where(_ALIASES.c.customer_id == record_id))
        if checked["aliases"]:
            session.execute(
                insert(_ALIASES),
                [{"customer_id": record_id, **a} for a in checked["aliases"]],
            )
    key = spec.natural_key({**current, **columns})
    for change in changes:
        edit.events.append(
            AuditEvent("update", spec.name, record_id, key, change.field, change.old, change.new)
        )
    edit.touch(spec.name, record_id)
    return changes


def delete_record(
    db: Database, kind_name: str, record_id: int, version: int, comment: str | None = None
) -> EditResult:
    """Delete a record the user read at ``version``; refused while other records use it.

    A contract takes its obligations with it (each one audited, so undo brings them back).
    """
    spec = kind(kind_name)
    with _editing(db, f"deleting a {spec.label}") as session:
        current = _locked_current(session, spec, record_id, version, {})
        _check_unused(session, spec, record_id, current)
        edit = _Edit()
        if spec.name == "contracts":
            for row in _obligation_rows(session, record_id):
                _delete_obligation(session, row, current["number"], edit)
        _delete(session, spec, record_id, current, edit)
        _commit_audit(session, edit, comment, None)
    return EditResult(spec.name, record_id, "delete", None, (), edit.edit_id, tuple(edit.touched))


def _check_unused(session: Session, spec: Kind, record_id: int, current: Mapping[str, Any]) -> None:
    uses = []
    for table, column, what in spec.used_by:
        n = int(
            session.scalar(
                select(func.count()).select_from(table).where(table.c[column] == record_id)
            )
            or 0
        )
        if n:
            uses.append(f"{n} {what}")
    if uses:
        raise EditError(
            f"{spec.label.capitalize()} {spec.natural_key(current)} is still used by "
            f"{', '.join(uses)}; change or delete those first"
            + (" (or decommission the machine instead)." if spec.name == "machines" else ".")
        )


def _delete(
    session: Session, spec: Kind, record_id: int, current: Mapping[str, Any], edit: _Edit
) -> None:
    if spec.name == "customers":
        session.execute(delete(_ALIASES).where(_ALIASES.c.customer_id == record_id))
    session.execute(delete(spec.table).where(spec.table.c.id == record_id))
    edit.events.append(
        AuditEvent(
            "delete",
            spec.name,
            record_id,
            spec.natural_key(current),
            None,
            _record_values(spec, current),
            None,
        )
    )
    edit.touch(spec.name, record_id)


# -- machines --------------------------------------------------------------------------------


def relocate_machine(
    db: Database, machine_id: int, version: int, fab_id: int, comment: str | None = None
) -> EditResult:
    """Move a machine to another fab; it is marked relocated (the rules read the new fab)."""
    return update(
        db,
        "machines",
        machine_id,
        version,
        {"fab_id": fab_id, "status": MachineStatus.RELOCATED.value},
        comment,
    )


def decommission_machine(
    db: Database, machine_id: int, version: int, comment: str | None = None
) -> EditResult:
    return update(
        db, "machines", machine_id, version, {"status": MachineStatus.DECOMMISSIONED.value}, comment
    )


# -- contracts and their obligations ---------------------------------------------------------


Coverage = tuple[int, str]


def _obligation_rows(session: Session, contract_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(_OBLIGATIONS)
        .where(_OBLIGATIONS.c.contract_id == contract_id)
        .order_by(_OBLIGATIONS.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def _serials(session: Session, machine_ids: Iterable[int]) -> dict[int, str]:
    table = KINDS["machines"].table
    ids = sorted(set(machine_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(table.c.id, table.c.vendor, table.c.serial).where(table.c.id.in_(ids))
    )
    return {int(i): f"{v}/{s}" for i, v, s in rows}


def _obligation_key(number: str, serial: str, service: str) -> str:
    return f"{number}/{serial}/{service}"


def _delete_obligation(
    session: Session, row: Mapping[str, Any], number: str, edit: _Edit, serial: str | None = None
) -> None:
    serial = serial or _serials(session, [row["machine_id"]]).get(row["machine_id"], "?")
    session.execute(delete(_OBLIGATIONS).where(_OBLIGATIONS.c.id == row["id"]))
    key = _obligation_key(number, serial, row["service_type"])
    edit.events.append(AuditEvent("delete", "obligations", row["id"], key, None, dict(row), None))
    edit.touch("obligations", int(row["id"]))


def _shares(value: Decimal, pairs: Sequence[Coverage]) -> dict[Coverage, Decimal]:
    """The contract value over its obligations: equally per machine, then per service type."""
    by_machine: dict[int, list[str]] = {}
    for machine_id, service in pairs:
        by_machine.setdefault(machine_id, []).append(service)
    machines = sorted(by_machine)
    out: dict[Coverage, Decimal] = {}
    for machine_id, line in zip(machines, split_evenly(value, len(machines)), strict=True):
        services = sorted(by_machine[machine_id], key=_SERVICE_ORDER.__getitem__)
        for service, share in zip(services, split_evenly(line, len(services)), strict=True):
            out[(machine_id, service)] = share
    return out


def _resplit(
    session: Session,
    contract: Mapping[str, Any],
    wanted: set[Coverage],
    edit: _Edit,
) -> tuple[list[Coverage], list[Coverage]]:
    """Make the contract's obligations exactly ``wanted``, valued by :func:`_shares`."""
    rows = _obligation_rows(session, int(contract["id"]))
    existing = {(int(r["machine_id"]), str(r["service_type"])): r for r in rows}
    serials = _serials(session, {m for m, _ in wanted} | {m for m, _ in existing})
    missing = sorted({m for m, _ in wanted} - set(serials))
    if missing:
        raise EditError(f"There is no machine with id {missing[0]}.")
    number = str(contract["number"])
    removed = sorted(set(existing) - wanted)
    added = sorted(wanted - set(existing), key=lambda p: (p[0], _SERVICE_ORDER[p[1]]))
    for pair in removed:
        _delete_obligation(session, existing[pair], number, edit, serials[pair[0]])
    shares = _shares(Decimal(contract["value"]), sorted(wanted))
    for pair in added:
        values = {
            "contract_id": contract["id"],
            "machine_id": pair[0],
            "service_type": pair[1],
            "start_date": contract["start_date"],
            "end_date": contract["end_date"],
            "value": shares[pair],
        }
        new_id = int(
            session.execute(
                insert(_OBLIGATIONS).values(**values).returning(_OBLIGATIONS.c.id)
            ).scalar_one()
        )
        key = _obligation_key(number, serials[pair[0]], pair[1])
        edit.events.append(
            AuditEvent("insert", "obligations", new_id, key, None, None, {"id": new_id, **values})
        )
        edit.touch("obligations", new_id)
    for pair in sorted(set(existing) & wanted):
        row = existing[pair]
        if not same(row["value"], shares[pair]):
            _update_obligation(
                session, row, {"value": shares[pair]}, number, serials[pair[0]], edit
            )
    return added, removed


def _update_obligation(
    session: Session,
    row: Mapping[str, Any],
    values: Mapping[str, Any],
    number: str,
    serial: str,
    edit: _Edit,
) -> None:
    session.execute(sql_update(_OBLIGATIONS).where(_OBLIGATIONS.c.id == row["id"]).values(**values))
    key = _obligation_key(number, serial, row["service_type"])
    for name, value in values.items():
        edit.events.append(
            AuditEvent("update", "obligations", row["id"], key, name, row[name], value)
        )
    edit.touch("obligations", int(row["id"]))


def _follow_contract(
    session: Session,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    changes: Sequence[FieldChange],
    edit: _Edit,
) -> None:
    """Obligations follow a contract's new dates (where they had its dates) and value."""
    changed = {c.field for c in changes}
    rows = _obligation_rows(session, int(old["id"]))
    if not rows:
        return
    serials = _serials(session, (r["machine_id"] for r in rows))
    if changed & {"start_date", "end_date"}:
        for row in rows:
            moved: dict[str, Any] = {
                name: new[name]
                for name in ("start_date", "end_date")
                if name in changed and row[name] == old[name]
            }
            if moved:
                _update_obligation(
                    session, row, moved, str(new["number"]), serials[row["machine_id"]], edit
                )
    if "value" in changed:
        pairs = {(int(r["machine_id"]), str(r["service_type"])) for r in rows}
        _resplit(session, new, pairs, edit)


def _coverage_pairs(coverage: Iterable[tuple[int, ServiceType | str]]) -> set[Coverage]:
    out: set[Coverage] = set()
    for machine_id, service in coverage:
        try:
            out.add((int(machine_id), ServiceType(service).value))
        except ValueError:
            raise EditError(
                f"'{service}' is not a service type; choose "
                f"{', '.join(s.value for s in ServiceType)}."
            ) from None
    return out


def set_coverage(
    db: Database,
    contract_id: int,
    version: int,
    coverage: Iterable[tuple[int, ServiceType | str]],
    comment: str | None = None,
) -> EditResult:
    """Make the contract cover exactly these (machine id, service type) pairs."""
    wanted = _coverage_pairs(coverage)
    return _cover(db, contract_id, version, lambda _current: wanted, comment)


def change_coverage(
    db: Database,
    contract_id: int,
    version: int,
    add: Iterable[tuple[int, ServiceType | str]] = (),
    remove: Iterable[tuple[int, ServiceType | str]] = (),
    comment: str | None = None,
) -> EditResult:
    """Add and remove (machine id, service type) pairs of the contract's coverage."""
    plus, minus = _coverage_pairs(add), _coverage_pairs(remove)
    return _cover(db, contract_id, version, lambda current: (current | plus) - minus, comment)


def _cover(
    db: Database,
    contract_id: int,
    version: int,
    target: Callable[[set[Coverage]], set[Coverage]],
    comment: str | None,
) -> EditResult:
    spec = KINDS["contracts"]
    with _editing(db, "changing a contract's coverage") as session:
        current = _locked_current(session, spec, contract_id, version, {"coverage": "changed"})
        edit = _Edit()
        change = _cover_within(session, spec, contract_id, current, target, edit, bump=True)
        if change is None:
            return EditResult(spec.name, contract_id, "none", version, (), None, ())
        _commit_audit(session, edit, comment, None)
    return EditResult(
        spec.name,
        contract_id,
        "update",
        version + 1,
        (change,),
        edit.edit_id,
        tuple(edit.touched),
    )


def _cover_within(
    session: Session,
    spec: Kind,
    contract_id: int,
    contract: Mapping[str, Any],
    target: Callable[[set[Coverage]], set[Coverage]],
    edit: _Edit,
    *,
    bump: bool,
) -> FieldChange | None:
    """Make the coverage ``target(before)`` inside the caller's transaction; None if unchanged.

    ``bump`` bumps the contract's version; an edit that already changed its fields has.
    """
    before = {
        (int(r["machine_id"]), str(r["service_type"]))
        for r in _obligation_rows(session, contract_id)
    }
    wanted = target(before)
    if wanted == before:
        return None
    _resplit(session, contract, wanted, edit)
    old_list = [list(p) for p in sorted(before)]
    new_list = [list(p) for p in sorted(wanted)]
    if bump:
        session.execute(
            sql_update(spec.table)
            .where(spec.table.c.id == contract_id)
            .values(version=spec.table.c.version + 1, updated_at=func.now())
        )
    edit.events.append(
        AuditEvent(
            "update", spec.name, contract_id, contract["number"], "coverage", old_list, new_list
        )
    )
    edit.touch(spec.name, contract_id)
    return FieldChange("coverage", old_list, new_list)


# -- undo ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UndoableEdit:
    """One of the current user's edits that undo can revert, newest first."""

    edit_id: str
    at: dt.datetime
    comment: str | None
    records: tuple[tuple[str, int | None, str | None], ...]


def _edits_of(session: Session, user: str) -> list[UndoableEdit]:
    """The user's manual edits not yet reverted, newest first (undos themselves excluded)."""
    reverted = audit_log.reverted_ids(session)
    found: dict[str, list[AuditEntry]] = {}
    for entry in audit_log.entries(
        session, AuditFilter(user=user, cause_kind="manual_edit"), newest_first=True
    ):
        if entry.cause_id is None or entry.reverts is not None or entry.cause_id in reverted:
            continue
        found.setdefault(entry.cause_id, []).append(entry)
    out = []
    for edit_id, entries in found.items():
        records = tuple(
            dict.fromkeys((e.table_name, e.record_id, e.natural_key) for e in reversed(entries))
        )
        out.append(UndoableEdit(edit_id, entries[0].at, entries[0].comment, records))
    return out


def undoable(db: Database, limit: int = 20) -> list[UndoableEdit]:
    with db.read() as session:
        return _edits_of(session, current_user())[:limit]


def undo_last(db: Database, count: int = 1, comment: str | None = None) -> list[EditResult]:
    """Undo the current user's ``count`` newest edits, newest first, each in its own edit.

    Stops with an :class:`EditError` at the first edit whose records changed since.
    """
    results: list[EditResult] = []
    for _ in range(count):
        with db.read() as session:
            edits = _edits_of(session, current_user())
        if not edits:
            if results:
                break
            raise EditError("You have no edit left to undo.")
        results.append(_undo(db, edits[0].edit_id, comment))
    return results


def _undo(db: Database, edit_id: str, comment: str | None) -> EditResult:
    with _editing(db, "undoing an edit") as session:
        entries = list(audit_log.entries(session, AuditFilter(cause_id=edit_id)))
        entries = [e for e in entries if e.cause_kind == "manual_edit"]
        last_seq = entries[-1].seq
        reverted = audit_log.reverted_ids(session)
        for table, record_id in dict.fromkeys((e.table_name, e.record_id) for e in entries):
            if record_id is None:
                continue
            # An edit undone since, and its undo, together changed nothing.
            later = [
                e
                for e in audit_log.entries(session, AuditFilter(table=table, record_id=record_id))
                if e.seq > last_seq and e.reverts is None and e.cause_id not in reverted
            ]
            if later:
                raise EditError(
                    f"Cannot undo: {table} {later[0].natural_key or record_id} was changed since "
                    f"by {later[0].user_name} at {later[0].at:%Y-%m-%d %H:%M} UTC."
                )
        edit = _Edit()
        main = entries[0]
        for (table, record_id), group in _grouped_reversed(entries):
            _revert(session, table, record_id, group, edit)
        _commit_audit(session, edit, comment or f"undo of edit {edit_id}", edit_id)
    spec = KINDS.get(main.table_name)
    version = None
    if spec is not None and main.record_id is not None:
        with db.read() as session:
            row = _row(session, spec, main.record_id, lock=False)
            version = int(row["version"]) if row else None
    return EditResult(
        main.table_name,
        int(main.record_id or 0),
        "undo",
        version,
        tuple(FieldChange(e.field or e.action, e.new, e.old) for e in entries),
        edit.edit_id,
        tuple(edit.touched),
        reverts=edit_id,
    )


def _grouped_reversed(
    entries: Sequence[AuditEntry],
) -> list[tuple[tuple[str, int], list[AuditEntry]]]:
    """Entries per record, records in reverse order of their first entry (children first)."""
    groups: dict[tuple[str, int], list[AuditEntry]] = {}
    for e in entries:
        groups.setdefault((e.table_name, int(e.record_id or 0)), []).append(e)
    return list(reversed(groups.items()))


def _revert(
    session: Session, table: str, record_id: int, group: list[AuditEntry], edit: _Edit
) -> None:
    spec = KINDS.get(table)
    actions = {e.action for e in group}
    if "insert" in actions:  # the edit created it: remove it again
        if spec is None:
            row = (
                session.execute(select(_OBLIGATIONS).where(_OBLIGATIONS.c.id == record_id))
                .mappings()
                .one_or_none()
            )
            if row is not None:
                contract_number = group[0].natural_key or ""
                session.execute(delete(_OBLIGATIONS).where(_OBLIGATIONS.c.id == record_id))
                edit.events.append(
                    AuditEvent("delete", table, record_id, contract_number, None, dict(row), None)
                )
                edit.touch(table, record_id)
            return
        current = _row(session, spec, record_id)
        if current is None:
            return
        _check_unused(session, spec, record_id, current)
        _delete(session, spec, record_id, current, edit)
        return
    if "delete" in actions:  # the edit deleted it: put it back as it was
        old = next(e for e in group if e.action == "delete").old or {}
        target = spec.table if spec else _OBLIGATIONS
        values = {
            k: decode(target, k, v) for k, v in old.items() if k in target.c or k == "aliases"
        }
        if spec is None:
            session.execute(insert(_OBLIGATIONS).values(**values))
            edit.events.append(
                AuditEvent("insert", table, record_id, group[0].natural_key, None, None, old)
            )
            edit.touch(table, record_id)
            return
        aliases = values.pop("aliases", None)
        values.pop("id", None)
        checked = {**values, **({"aliases": aliases} if aliases is not None else {})}
        _insert(session, spec, checked, edit, record_id)
        return
    # updates: set each field back to its oldest value in this edit
    olds: dict[str, Any] = {}
    for e in group:
        if e.field is not None:
            olds.setdefault(e.field, e.old)
    if spec is None:
        row = (
            session.execute(select(_OBLIGATIONS).where(_OBLIGATIONS.c.id == record_id))
            .mappings()
            .one()
        )
        values = {k: decode(_OBLIGATIONS, k, v) for k, v in olds.items()}
        session.execute(
            sql_update(_OBLIGATIONS).where(_OBLIGATIONS.c.id == record_id).values(**values)
        )
        for name, value in values.items():
            edit.events.append(
                AuditEvent("update", table, record_id, group[0].natural_key, name, row[name], value)
            )
        edit.touch(table, record_id)
        return
    current = _row(session, spec, record_id)
    if current is None:
        raise EditError(f"Cannot undo: {spec.label} {record_id} no longer exists.")
    for e in group:
        if e.field in current and e.field != "version":
            stored = current[e.field]
            expected = decode(spec.table, e.field, e.new) if e.field != "aliases" else e.new
            if e.field == "aliases":
                if canonical(stored) != canonical(expected):
                    raise EditError(f"Cannot undo: {spec.label} {e.natural_key} changed since.")
            elif not same(stored, expected) and e is _last_for(group, e.field):
                raise EditError(
                    f"Cannot undo: {spec.label} {e.natural_key} changed since "
                    f"({e.field.replace('_', ' ')} is {stored!r})."
                )
    restored = {
        k: (decode(spec.table, k, v) if k != "aliases" else v)
        for k, v in olds.items()
        if k not in {"coverage", "advanced_node"}
    }
    _apply(session, spec, record_id, current, restored, edit, force_version=True)
    if "coverage" in olds:
        new = next(e for e in group if e.field == "coverage").new
        edit.events.append(
            AuditEvent(
                "update", table, record_id, current["number"], "coverage", new, olds["coverage"]
            )
        )
        edit.touch(table, record_id)


def _last_for(group: Sequence[AuditEntry], name: str) -> AuditEntry:
    return [e for e in group if e.field == name][-1]
