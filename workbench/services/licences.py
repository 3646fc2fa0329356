"""The licence register: licences held, entered by hand, on the command line or from a sheet.

A licence names its scope the way people write it -- customer codes, fab site codes, machine
serials, model codes or families (``NXT:*``), ECCN or annex entries, service types -- and the
register resolves the records to ids, refusing names the book does not know. One number may
be held again with a new validity (a renewal under the same number), never with overlapping
validity. Every write is one transaction with its audit entries (like ``services.editing``);
the issued document is stored in the book with its SHA-256.

Qt-free: the Licences view, the CLI and the importer all call these functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import delete, func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from workbench.domain.enums import ServiceType
from workbench.domain.errors import WorkbenchError
from workbench.services import audit, roles, runs
from workbench.services.facts_loader import jurisdiction_of
from workbench.services.identity import current_user
from workbench.storage import audit_log
from workbench.storage.audit_log import AuditEvent
from workbench.storage.database import Database
from workbench.storage.orm import (
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceDocumentRow,
    LicenceRow,
    LicenceScopeRow,
    MachineRow,
)

#: Issuing authorities offered in forms (any other name is kept as written).
AUTHORITIES = ("BIS", "NL-CDIU", "METI", "MOTIE", "EU", "BAFA", "ECJU")
LICENCE_TYPES = ("individual", "general", "national")
_CENT = Decimal("0.01")
#: Largest licence document stored in the book.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


class LicenceError(WorkbenchError):
    """A licence cannot be saved as given; the message says what to change."""


class StaleLicenceError(LicenceError):
    """The licence changed since the user read it; nothing was written."""


@dataclass(frozen=True)
class LicenceInput:
    """A licence as a user states it. Scope tuples hold codes and serials, not ids; empty
    means "any". ``machines`` entries are serials, or ``VENDOR SERIAL`` when two vendors
    share a serial."""

    authority: str
    number: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    licence_type: str = "individual"
    customers: tuple[str, ...] = ()
    fabs: tuple[str, ...] = ()
    machines: tuple[str, ...] = ()
    model_codes: tuple[str, ...] = ()
    service_types: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    value_limit: Decimal | None = None
    limit_currency: str | None = None
    quantity_limit: int | None = None
    conditions: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Licence:
    """A licence as the register shows it: its input form, id, version and document."""

    id: int
    version: int
    spec: LicenceInput
    jurisdiction: str
    document_name: str | None = None
    document_sha256: str | None = None
    document_size: int | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.spec.valid_from <= day and (
            self.spec.valid_to is None or day <= self.spec.valid_to
        )

    @property
    def scope_text(self) -> str:
        """The scope in one line, as a reviewer reads it."""
        s = self.spec
        parts = [
            ("customers", s.customers),
            ("fabs", s.fabs),
            ("machines", s.machines),
            ("models", s.model_codes),
            ("classification", s.classifications),
            ("services", s.service_types),
        ]
        text = "; ".join(f"{label} {', '.join(v)}" for label, v in parts if v)
        return text or "any customer, fab, machine and service"


def limits_text(lic: Licence) -> str:
    """Value and quantity limits in one line ("" when the licence states none)."""
    s = lic.spec
    parts = []
    if s.value_limit is not None:
        parts.append(f"{s.limit_currency or ''} {s.value_limit:,.2f}".strip())
    if s.quantity_limit is not None:
        parts.append(f"{s.quantity_limit} units")
    return "; ".join(parts)


@dataclass(frozen=True)
class SaveResult:
    licence_id: int
    version: int
    action: str  # insert | update | none
    changed: tuple[str, ...] = ()


# -- reading ---------------------------------------------------------------------------------


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (text or "").split(",") if s.strip())


def _scope_names(session: Session, ids: Sequence[int]) -> dict[int, LicenceInput]:
    """Per licence id, the scope records named by code (own columns and scope rows)."""
    lic, scope = LicenceRow, LicenceScopeRow
    pairs: dict[int, dict[str, set[int]]] = {}
    for licence_id, customer_id, fab_id, machine_id in session.execute(
        select(lic.id, lic.customer_id, lic.fab_id, lic.machine_id).where(lic.id.in_(ids))
    ):
        pairs[licence_id] = {"c": set(), "f": set(), "m": set()}
        for key, value in (("c", customer_id), ("f", fab_id), ("m", machine_id)):
            if value is not None:
                pairs[licence_id][key].add(value)
    for licence_id, customer_id, fab_id, machine_id in session.execute(
        select(scope.licence_id, scope.customer_id, scope.fab_id, scope.machine_id).where(
            scope.licence_id.in_(ids)
        )
    ):
        for key, value in (("c", customer_id), ("f", fab_id), ("m", machine_id)):
            if value is not None:
                pairs[licence_id][key].add(value)
    wanted_c = {i for p in pairs.values() for i in p["c"]}
    wanted_f = {i for p in pairs.values() for i in p["f"]}
    wanted_m = {i for p in pairs.values() for i in p["m"]}
    codes = dict(
        session.execute(
            select(CustomerRow.id, CustomerRow.code).where(CustomerRow.id.in_(wanted_c))
        ).all()
    )
    sites = dict(
        session.execute(select(FabRow.id, FabRow.site_code).where(FabRow.id.in_(wanted_f))).all()
    )
    serials = {
        i: f"{v} {s}"
        for i, v, s in session.execute(
            select(MachineRow.id, MachineRow.vendor, MachineRow.serial).where(
                MachineRow.id.in_(wanted_m)
            )
        )
    }
    blank = LicenceInput("", "", dt.date.min)
    return {
        lid: replace(
            blank,
            customers=tuple(sorted(codes[i] for i in p["c"])),
            fabs=tuple(sorted(sites[i] for i in p["f"])),
            machines=tuple(sorted(serials[i] for i in p["m"])),
        )
        for lid, p in pairs.items()
    }


def list_licences(db: Database, ids: Sequence[int] | None = None) -> list[Licence]:
    """Every licence (or those of ``ids``), by authority and number, with scope by code."""
    with db.read() as session:
        stmt = select(LicenceRow).order_by(
            LicenceRow.authority, LicenceRow.number, LicenceRow.valid_from
        )
        if ids is not None:
            stmt = stmt.where(LicenceRow.id.in_(list(ids)))
        rows = list(session.scalars(stmt))
        if not rows:
            return []
        found = [r.id for r in rows]
        scope = _scope_names(session, found)
        docs = {
            d.licence_id: d
            for d in session.execute(
                select(
                    LicenceDocumentRow.licence_id,
                    LicenceDocumentRow.file_name,
                    LicenceDocumentRow.sha256,
                    LicenceDocumentRow.size,
                )
                .where(LicenceDocumentRow.licence_id.in_(found))
                .order_by(LicenceDocumentRow.id)
            )
        }
        out = []
        for r in rows:
            names = scope[r.id]
            spec = LicenceInput(
                authority=r.authority,
                number=r.number,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
                licence_type=r.licence_type,
                customers=names.customers,
                fabs=names.fabs,
                machines=names.machines,
                model_codes=_split(r.model_codes),
                service_types=_split(r.service_types),
                classifications=_split(r.classifications),
                value_limit=r.value_limit,
                limit_currency=r.limit_currency,
                quantity_limit=r.quantity_limit,
                conditions=r.conditions,
                notes=r.notes,
            )
            doc = docs.get(r.id)
            out.append(
                Licence(
                    r.id,
                    r.version,
                    spec,
                    jurisdiction_of(r.authority),
                    doc.file_name if doc else None,
                    doc.sha256 if doc else None,
                    doc.size if doc else None,
                )
            )
        return out


def get_licence(db: Database, licence_id: int) -> Licence:
    found = list_licences(db, [licence_id])
    if not found:
        raise LicenceError(f"There is no licence with id {licence_id}.")
    return found[0]


def find_licence(db: Database, authority: str, number: str) -> Licence:
    """The licence of that authority and number (the latest validity when renewed). The
    authority may be written either way ("BIS" or "US", "NL" or "NL-CDIU"), as the overlap
    check reads it."""
    jurisdiction = jurisdiction_of(authority)
    matches = [
        lic
        for lic in list_licences(db)
        if lic.jurisdiction == jurisdiction and lic.spec.number == number.strip()
    ]
    if not matches:
        raise LicenceError(f"There is no licence {authority} {number} in the register.")
    return max(matches, key=lambda lic: lic.spec.valid_from)


def document(db: Database, licence_id: int) -> tuple[str, bytes] | None:
    """The stored licence document (file name, bytes), or None."""
    with db.read() as session:
        row = session.execute(
            select(LicenceDocumentRow.file_name, LicenceDocumentRow.content)
            .where(LicenceDocumentRow.licence_id == licence_id)
            .order_by(LicenceDocumentRow.id.desc())
            .limit(1)
        ).one_or_none()
    return None if row is None else (str(row[0]), bytes(row[1]))


# -- checking --------------------------------------------------------------------------------


def clean_input(spec: LicenceInput) -> LicenceInput:
    """Whitespace trimmed, duplicates dropped, authority in capitals, empty text as None."""

    def tidy(values: Iterable[str]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for v in values:
            text = str(v).strip()
            if text:
                seen.setdefault(text, None)
        return tuple(seen)

    def text(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    return replace(
        spec,
        authority=spec.authority.strip().upper(),
        number=spec.number.strip(),
        licence_type=(spec.licence_type or "individual").strip().lower(),
        customers=tidy(spec.customers),
        fabs=tidy(spec.fabs),
        machines=tidy(spec.machines),
        model_codes=tidy(spec.model_codes),
        service_types=tidy(s.lower() for s in spec.service_types),
        classifications=tidy(spec.classifications),
        limit_currency=(text(spec.limit_currency) or "").upper() or None,
        value_limit=(
            None if spec.value_limit is None else Decimal(spec.value_limit).quantize(_CENT)
        ),
        conditions=text(spec.conditions),
        notes=text(spec.notes),
    )


def check_input(spec: LicenceInput) -> None:
    label = f"Licence {spec.authority or '?'} {spec.number or '?'}"
    if not spec.authority:
        raise LicenceError("A licence needs its issuing authority (e.g. BIS, NL-CDIU, METI).")
    if not spec.number:
        raise LicenceError("A licence needs its number.")
    if len(spec.authority) > 40 or len(spec.number) > 100:
        raise LicenceError(f"{label}: the authority (40) or number (100) is too long.")
    if spec.licence_type not in LICENCE_TYPES:
        raise LicenceError(
            f"{label}: '{spec.licence_type}' is not a licence type ({', '.join(LICENCE_TYPES)})."
        )
    if spec.valid_to is not None and spec.valid_to < spec.valid_from:
        raise LicenceError(
            f"{label}: it expires ({spec.valid_to}) before it is valid ({spec.valid_from}); "
            "are the dates reversed?"
        )
    known = {s.value for s in ServiceType}
    bad = [s for s in spec.service_types if s not in known]
    if bad:
        raise LicenceError(
            f"{label}: {', '.join(repr(b) for b in bad)} is not a service type "
            f"({', '.join(sorted(known))})."
        )
    if spec.value_limit is not None and spec.value_limit < 0:
        raise LicenceError(f"{label}: the value limit cannot be negative.")
    if spec.value_limit is not None and not spec.limit_currency:
        raise LicenceError(f"{label}: a value limit needs its currency (e.g. USD, EUR).")
    if spec.quantity_limit is not None and spec.quantity_limit < 0:
        raise LicenceError(f"{label}: the quantity limit cannot be negative.")


@dataclass
class _Resolved:
    customers: list[int] = field(default_factory=list)
    fabs: list[int] = field(default_factory=list)
    machines: list[int] = field(default_factory=list)


def _resolve(session: Session, spec: LicenceInput) -> _Resolved:
    """Scope codes to ids; names the book does not know are refused, all at once."""
    label = f"Licence {spec.authority} {spec.number}"
    problems: list[str] = []
    out = _Resolved()
    if spec.customers:
        found = dict(
            session.execute(
                select(CustomerRow.code, CustomerRow.id).where(CustomerRow.code.in_(spec.customers))
            ).all()
        )
        problems += [f"customer '{c}'" for c in spec.customers if c not in found]
        out.customers = [found[c] for c in spec.customers if c in found]
    if spec.fabs:
        sites = dict(
            session.execute(
                select(FabRow.site_code, FabRow.id).where(FabRow.site_code.in_(spec.fabs))
            ).all()
        )
        problems += [f"fab '{f}'" for f in spec.fabs if f not in sites]
        out.fabs = [sites[f] for f in spec.fabs if f in sites]
    for entry in spec.machines:
        vendor, _, serial = entry.rpartition(" ")
        stmt = select(MachineRow.id).where(MachineRow.serial == serial)
        if vendor:
            stmt = stmt.where(func.upper(MachineRow.vendor) == vendor.strip().upper())
        ids = list(session.scalars(stmt))
        if not ids:
            problems.append(f"machine '{entry}'")
        elif len(ids) > 1:
            raise LicenceError(
                f"{label}: serial '{entry}' belongs to machines of several vendors; "
                "write it as 'VENDOR SERIAL'."
            )
        else:
            out.machines.append(ids[0])
    if spec.model_codes:
        codes = {c.upper() for c in session.scalars(select(EquipmentModelRow.model_code))}
        for entry in spec.model_codes:
            wanted = entry.upper()
            if wanted.endswith("*"):
                if not any(c.startswith(wanted[:-1]) for c in codes):
                    problems.append(f"model family '{entry}' (no model code starts so)")
            elif wanted not in codes:
                problems.append(f"model '{entry}'")
    if problems:
        raise LicenceError(
            f"{label}: the scope names records the book does not have: {', '.join(problems)}."
        )
    return out


def _check_overlap(session: Session, spec: LicenceInput, licence_id: int | None) -> None:
    far = dt.date.max
    # "NL" and "NL-CDIU" are one authority written two ways: compare jurisdictions.
    stmt = select(
        LicenceRow.id, LicenceRow.authority, LicenceRow.valid_from, LicenceRow.valid_to
    ).where(LicenceRow.number == spec.number)
    jurisdiction = jurisdiction_of(spec.authority)
    for other_id, authority, start, end in session.execute(stmt):
        if other_id == licence_id or jurisdiction_of(authority) != jurisdiction:
            continue
        if start <= (spec.valid_to or far) and spec.valid_from <= (end or far):
            until = end.isoformat() if end else "open-ended"
            raise LicenceError(
                f"Licence {authority} {spec.number} is already in the register valid "
                f"{start} to {until}; the validity {spec.valid_from} to "
                f"{spec.valid_to or 'open-ended'} overlaps it. Edit that licence, or enter "
                "the renewal from the day after it ends."
            )


# -- writing ---------------------------------------------------------------------------------


@contextmanager
def writing(db: Database, action: str) -> Iterator[Session]:
    with db.session() as session:
        audit_log.lock_for_write(session)
        roles.require_write(session, action)
        yield session


def _columns(spec: LicenceInput) -> dict[str, Any]:
    return {
        "authority": spec.authority,
        "number": spec.number,
        "valid_from": spec.valid_from,
        "valid_to": spec.valid_to,
        "licence_type": spec.licence_type,
        "service_types": ",".join(spec.service_types),
        "model_codes": ",".join(spec.model_codes),
        "classifications": ",".join(spec.classifications),
        "value_limit": spec.value_limit,
        "limit_currency": spec.limit_currency,
        "quantity_limit": spec.quantity_limit,
        "conditions": spec.conditions,
        "notes": spec.notes,
    }


def _audited(spec: LicenceInput) -> dict[str, Any]:
    """The licence as its audit entries state it: every field, scope by code."""
    return {f.name: _plain(getattr(spec, f.name)) for f in fields(spec)}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _key(spec: LicenceInput) -> str:
    return f"{spec.authority} {spec.number} from {spec.valid_from}"


def _write_scope(session: Session, licence_id: int, resolved: _Resolved) -> None:
    session.execute(delete(LicenceScopeRow).where(LicenceScopeRow.licence_id == licence_id))
    rows = (
        [{"licence_id": licence_id, "customer_id": i} for i in resolved.customers]
        + [{"licence_id": licence_id, "fab_id": i} for i in resolved.fabs]
        + [{"licence_id": licence_id, "machine_id": i} for i in resolved.machines]
    )
    if rows:
        session.execute(
            insert(LicenceScopeRow),
            [{"customer_id": None, "fab_id": None, "machine_id": None, **r} for r in rows],
        )


def insert_in_session(session: Session, spec: LicenceInput) -> tuple[int, AuditEvent]:
    resolved = _resolve(session, spec)
    _check_overlap(session, spec, None)
    new_id = int(
        session.execute(
            insert(LicenceRow).values(**_columns(spec), version=1).returning(LicenceRow.id)
        ).scalar_one()
    )
    _write_scope(session, new_id, resolved)
    event = AuditEvent("insert", "licences", new_id, _key(spec), None, None, _audited(spec))
    return new_id, event


def _current(session: Session, licence_id: int) -> tuple[int, LicenceInput]:
    row = session.execute(
        select(LicenceRow).where(LicenceRow.id == licence_id).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise LicenceError(f"There is no licence with id {licence_id}; it may have been deleted.")
    names = _scope_names(session, [licence_id])[licence_id]
    return row.version, LicenceInput(
        authority=row.authority,
        number=row.number,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        licence_type=row.licence_type,
        customers=names.customers,
        fabs=names.fabs,
        machines=names.machines,
        model_codes=_split(row.model_codes),
        service_types=_split(row.service_types),
        classifications=_split(row.classifications),
        value_limit=row.value_limit,
        limit_currency=row.limit_currency,
        quantity_limit=row.quantity_limit,
        conditions=row.conditions,
        notes=row.notes,
    )


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return sorted(a) == sorted(b)
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return (a is None and b is None) or (
            a is not None and b is not None and Decimal(a) == Decimal(b)
        )
    return bool(a == b)


def _normalise_machines(session: Session, spec: LicenceInput, resolved: _Resolved) -> LicenceInput:
    """Machines as the register shows them (``VENDOR SERIAL``), so comparing old and new
    scope does not see a change where only the spelling differs."""
    if not resolved.machines:
        return spec
    names = {
        i: f"{v} {s}"
        for i, v, s in session.execute(
            select(MachineRow.id, MachineRow.vendor, MachineRow.serial).where(
                MachineRow.id.in_(resolved.machines)
            )
        )
    }
    return replace(spec, machines=tuple(sorted(names[i] for i in resolved.machines)))


def update_in_session(
    session: Session, licence_id: int, version: int | None, spec: LicenceInput
) -> tuple[SaveResult, list[AuditEvent]]:
    current_version, current = _current(session, licence_id)
    if version is not None and version != current_version:
        raise StaleLicenceError(
            f"Licence {current.authority} {current.number} was changed by someone else since "
            f"you opened it (version {version}, now {current_version}); reload it and redo "
            "your change."
        )
    resolved = _resolve(session, spec)
    spec = _normalise_machines(session, spec, resolved)
    _check_overlap(session, spec, licence_id)
    changed = [
        f.name for f in fields(spec) if not _same(getattr(spec, f.name), getattr(current, f.name))
    ]
    if not changed:
        return SaveResult(licence_id, current_version, "none"), []
    session.execute(
        sql_update(LicenceRow)
        .where(LicenceRow.id == licence_id)
        .values(**_columns(spec), version=current_version + 1, updated_at=func.now())
    )
    if {"customers", "fabs", "machines"} & set(changed):
        session.execute(
            sql_update(LicenceRow)
            .where(LicenceRow.id == licence_id)
            .values(customer_id=None, fab_id=None, machine_id=None)
        )
        _write_scope(session, licence_id, resolved)
    key = _key(spec)
    events = [
        AuditEvent(
            "update",
            "licences",
            licence_id,
            key,
            name,
            _plain(getattr(current, name)),
            _plain(getattr(spec, name)),
        )
        for name in changed
    ]
    return SaveResult(licence_id, current_version + 1, "update", tuple(changed)), events


def add_licence(
    db: Database,
    spec: LicenceInput,
    comment: str | None = None,
    cause: str = "manual_edit",
) -> SaveResult:
    """Enter a licence held; refused with a sentence for bad fields, unknown scope records or
    validity overlapping the same number."""
    spec = clean_input(spec)
    check_input(spec)
    with writing(db, "adding a licence") as session:
        new_id, event = insert_in_session(session, spec)
        audit.record_many(session, [event], cause, None, comment)
    return SaveResult(new_id, 1, "insert")


def edit_licence(
    db: Database,
    licence_id: int,
    version: int | None,
    spec: LicenceInput,
    comment: str | None = None,
    cause: str = "manual_edit",
) -> SaveResult:
    """Change a licence read at ``version`` (None: whatever is stored now, for the CLI)."""
    spec = clean_input(spec)
    check_input(spec)
    with writing(db, "editing a licence") as session:
        result, events = update_in_session(session, licence_id, version, spec)
        if events:
            audit.record_many(session, events, cause, None, comment)
    return result


def attach_document(db: Database, licence_id: int, path: Path, comment: str | None = None) -> str:
    """Store the issued licence document in the book; returns its SHA-256."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise LicenceError(
                f"{path.name} is {size // (1024 * 1024)} MB; licence documents of up to "
                f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB are stored in the book."
            )
        content = path.read_bytes()
    except OSError as exc:
        raise LicenceError(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
    digest = hashlib.sha256(content).hexdigest()
    with writing(db, "attaching a licence document") as session:
        _version, spec = _current(session, licence_id)
        doc_id = int(
            session.execute(
                insert(LicenceDocumentRow)
                .values(
                    licence_id=licence_id,
                    file_name=path.name,
                    sha256=digest,
                    size=len(content),
                    content=content,
                    user_name=current_user(),
                )
                .returning(LicenceDocumentRow.id)
            ).scalar_one()
        )
        event = AuditEvent(
            "insert",
            "licence_documents",
            doc_id,
            f"{_key(spec)}: {path.name}",
            None,
            None,
            {"licence_id": licence_id, "file_name": path.name, "sha256": digest, "size": size},
        )
        audit.record_many(session, [event], "manual_edit", None, comment)
    return digest


# -- parsing what people type ----------------------------------------------------------------


def parse_list(text: str | None) -> tuple[str, ...]:
    """``a, b; c`` or one per line -> ("a", "b", "c")."""
    if not text:
        return ()
    for sep in (";", "\n"):
        text = text.replace(sep, ",")
    return tuple(p.strip() for p in text.split(",") if p.strip())


def parse_date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise LicenceError(f"{what} '{text}' is not a date (YYYY-MM-DD).") from None


def parse_money(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise LicenceError(f"{what} '{text}' is not an amount (e.g. 1250000.00).") from None
    if not value.is_finite():
        raise LicenceError(f"{what} '{text}' is not an amount (e.g. 1250000.00).")
    return value


def with_changes(spec: LicenceInput, changes: Mapping[str, Any]) -> LicenceInput:
    """``spec`` with the given fields replaced (the CLI's ``edit`` options)."""
    return replace(spec, **dict(changes))


# -- what the licences protect ---------------------------------------------------------------


@dataclass(frozen=True)
class Expiring:
    """A licence ending within the horizon, and what relies on it in a run."""

    licence: Licence
    days_left: int
    hits: int
    value_protected: dict[str, float]


def expiring(
    db: Database,
    as_of: dt.date,
    days: int = 90,
    protected: Mapping[str, tuple[int, dict[str, float]]] | None = None,
) -> list[Expiring]:
    """Licences valid on ``as_of`` that end within ``days``, soonest first. ``protected``
    maps a licence number to (hits, value at risk per currency) it covers in a run (see
    ``services.applications.protected_by``)."""
    horizon = as_of + dt.timedelta(days=days)
    out = []
    for lic in list_licences(db):
        end = lic.spec.valid_to
        if end is None or not (as_of <= end <= horizon) or lic.spec.valid_from > as_of:
            continue
        hits, value = (protected or {}).get(lic.spec.number, (0, {}))
        out.append(Expiring(lic, (end - as_of).days, hits, dict(value)))
    return sorted(out, key=lambda e: (e.days_left, e.licence.spec.number))


def protected_by(hits: pl.DataFrame) -> dict[str, tuple[int, dict[str, float]]]:
    """Per licence number, the licensed hits of a run it covers and their value at risk per
    currency: what would be at risk without it. A hit covered by two licences counts for
    both."""
    if not hits.height:
        return {}
    licensed = (
        hits.filter(pl.col("final_outcome") == "licensed")
        .select(
            pl.col("licence_numbers").cast(pl.String).str.split(", ").alias("number"),
            pl.col("currency").cast(pl.String),
            "value_at_risk",
        )
        .explode("number")
        .drop_nulls("number")
    )
    out: dict[str, tuple[int, dict[str, float]]] = {}
    for number, currency, count, value in (
        licensed.group_by("number", "currency")
        .agg(pl.len().alias("n"), pl.col("value_at_risk").sum().alias("v"))
        .sort("number", "currency")
        .iter_rows()
    ):
        hits_so_far, values = out.get(number, (0, {}))
        values[currency] = float(value)
        out[number] = (hits_so_far + int(count), values)
    return out


def latest_protection(db: Database) -> dict[str, tuple[int, dict[str, float]]]:
    """``protected_by`` of the newest stored run ({} without runs)."""
    listed = runs.list_runs(db)
    return protected_by(runs.run_hits(db, listed[0].id)) if listed else {}
