"""Reading what an edit form starts from: a record's editable values and version, and the
records a reference field can point at.

Qt-free on purpose: these are plain reads the forms run on a worker thread, kept apart from the
widgets so they can move into ``services`` unchanged (``services.editing`` writes but has no
public read of one record with its version, which a form needs for the concurrency check).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, or_, select

from workbench.services.edit_fields import KINDS, Kind, alias_list
from workbench.storage.database import Database
from workbench.storage.orm import CustomerAliasRow, ObligationRow

_ALIASES: Table = CustomerAliasRow.__table__  # type: ignore[assignment]
_OBLIGATIONS: Table = ObligationRow.__table__  # type: ignore[assignment]

#: How many machines a search for the coverage picker returns at most.
MACHINE_MATCHES = 30

Coverage = tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Record:
    """One record as a form edits it. ``record_id`` is None for a record not yet created.

    ``values`` holds every editable field in stored form (customers add ``aliases``); a
    contract's ``coverage`` is its (machine id, service type) pairs and ``machine_labels`` names
    those machines for the coverage table.
    """

    kind: str
    record_id: int | None
    version: int | None
    values: dict[str, Any]
    coverage: Coverage = ()
    machine_labels: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        spec = KINDS[self.kind]
        if self.record_id is None:
            return f"new {spec.label}"
        return f"{spec.label} {spec.natural_key(self.values)}"


@dataclass(frozen=True, slots=True)
class Choice:
    """A record a reference field can point at, as the user recognises it."""

    id: int
    label: str


def blank(kind_name: str) -> Record:
    """A new record: every field empty (a machine starts installed)."""
    spec = KINDS[kind_name]
    values: dict[str, Any] = dict.fromkeys(spec.checks)
    if kind_name == "machines":
        values["status"] = "installed"
    return Record(kind_name, None, None, values)


def read_record(db: Database, kind_name: str, record_id: int) -> Record | None:
    """The record's editable values and version, or None when it no longer exists."""
    spec = KINDS[kind_name]
    with db.read() as session:
        row = (
            session.execute(select(spec.table).where(spec.table.c.id == record_id))
            .mappings()
            .one_or_none()
        )
        if row is None:
            return None
        values = {name: row[name] for name in spec.checks if name in row}
        coverage: Coverage = ()
        labels: dict[int, str] = {}
        if kind_name == "customers":
            aliases = session.execute(
                select(_ALIASES.c.name, _ALIASES.c.script)
                .where(_ALIASES.c.customer_id == record_id)
                .order_by(_ALIASES.c.id)
            )
            values["aliases"] = alias_list((str(n), str(s)) for n, s in aliases)
        if kind_name == "contracts":
            pairs = session.execute(
                select(_OBLIGATIONS.c.machine_id, _OBLIGATIONS.c.service_type)
                .where(_OBLIGATIONS.c.contract_id == record_id)
                .order_by(_OBLIGATIONS.c.machine_id, _OBLIGATIONS.c.id)
            )
            coverage = tuple((int(m), str(s)) for m, s in pairs)
            labels = _machine_labels(session, {m for m, _ in coverage})
    return Record(kind_name, record_id, int(row["version"]), values, coverage, labels)


def _label(spec: Kind, row: Any) -> str:
    if spec.name == "customers":
        return f"{row.code} · {row.name}"
    if spec.name == "fabs":
        return f"{row.site_code} · {row.name} ({row.country})"
    if spec.name == "equipment_models":
        return f"{row.vendor} {row.model_code}"
    if spec.name == "machines":
        return f"{row.vendor} {row.serial}"
    if spec.name == "contracts":
        return f"{row.number} · {row.title or ''}".rstrip(" ·")
    return f"{row.authority} {row.number}"


_LABEL_COLUMNS = {
    "customers": ("code", "name"),
    "fabs": ("site_code", "name", "country"),
    "equipment_models": ("vendor", "model_code"),
    "machines": ("vendor", "serial"),
    "contracts": ("number", "title"),
    "licences": ("authority", "number"),
}


def choices(db: Database, kind_name: str) -> list[Choice]:
    """Every record of a kind a reference field offers (customers, fabs, models: hundreds)."""
    spec = KINDS[kind_name]
    columns = [spec.table.c[c] for c in _LABEL_COLUMNS[kind_name]]
    with db.read() as session:
        rows = session.execute(select(spec.table.c.id, *columns).order_by(*columns))
        return [Choice(int(r.id), _label(spec, r)) for r in rows]


def find_machines(db: Database, text: str, limit: int = MACHINE_MATCHES) -> list[Choice]:
    """Machines whose serial starts with ``text`` (exact serials first), for the coverage
    picker: an installed base of 100k machines cannot be a drop-down."""
    needle = text.strip()
    if not needle:
        return []
    table = KINDS["machines"].table
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with db.read() as session:
        exact = session.execute(
            select(table.c.id, table.c.vendor, table.c.serial)
            .where(table.c.serial == needle)
            .order_by(table.c.vendor)
        ).all()
        seen = {int(r.id) for r in exact}
        rest = session.execute(
            select(table.c.id, table.c.vendor, table.c.serial)
            .where(
                or_(
                    table.c.serial.like(f"{escaped}%", escape="\\"),
                    table.c.serial.like(f"%{escaped}%", escape="\\"),
                )
            )
            .order_by(table.c.serial, table.c.vendor)
            .limit(limit)
        ).all()
    found = [*exact, *(r for r in rest if int(r.id) not in seen)][:limit]
    return [Choice(int(r.id), f"{r.vendor} {r.serial}") for r in found]


def _machine_labels(session: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    table = KINDS["machines"].table
    out: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        rows = session.execute(
            select(table.c.id, table.c.vendor, table.c.serial).where(table.c.id.in_(chunk))
        )
        out.update({int(r.id): f"{r.vendor} {r.serial}" for r in rows})
    return out


def machine_labels(db: Database, ids: Sequence[int]) -> dict[int, str]:
    with db.read() as session:
        return _machine_labels(session, set(ids))
