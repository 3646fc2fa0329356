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

from sqlalchemy import delete, func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from workbench.domain.enums import ServiceType
from workbench.domain.errors import WorkbenchError
from workbench.services import audit, roles, runs
from workbench.services.facts_loader import jurisdiction_of
from workbench.services.identity import current_user
from workbench.storage import audit_log, repositories
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

#: Outcomes a licence can lift (``rules.model.LICENSABLE_OUTCOMES``): only their hits are at
#: risk when a licence ends.
_LICENSABLE = ("licence_required", "presumption_of_denial", "case_by_case")


@dataclass(frozen=True)
class Protection:
    """What one licence number covers in a run.

    ``hits`` counts its licensed hits; ``obligations`` the obligations of every hit it covers
    (to the end, or until it expires); ``protected`` is the value at risk of its licensed
    hits per currency -- what would be at risk without it --; ``exposed`` maps a covered-until
    day to the value at risk per currency from the day after it (hits whose cover ends that
    day). Each obligation counts once in a figure, with its largest value among its hits.
    """

    hits: int = 0
    obligations: int = 0
    protected: Mapping[str, float] = field(default_factory=dict)
    exposed: Mapping[dt.date, Mapping[str, float]] = field(default_factory=dict)

    def exposed_on(self, day: dt.date | None) -> dict[str, float]:
        """Value at risk once a licence ending on ``day`` has ended (nothing when open)."""
        return dict(self.exposed.get(day, {})) if day is not None else {}


def protection_in_run(
    db: Database, run_id: int, numbers: Sequence[str] | None = None
) -> dict[str, Protection]:
    """Per licence number (only ``numbers`` when given), what it covers in the run."""
    with db.read() as session:
        rows = repositories.licence_cover(session, run_id, numbers)
    wanted = None if numbers is None else set(numbers)
    hits: dict[str, int] = {}
    every: dict[str, set[int]] = {}
    protected: dict[str, dict[tuple[int, str], float]] = {}
    exposed: dict[str, dict[tuple[dt.date, int, str], float]] = {}
    for row in rows:
        for number in row.licence_numbers.split(", "):
            if wanted is not None and number not in wanted:
                continue
            every.setdefault(number, set()).add(row.obligation_id)
            key = (row.obligation_id, row.currency)
            if row.final_outcome == "licensed":
                hits[number] = hits.get(number, 0) + row.hits
                values = protected.setdefault(number, {})
                values[key] = max(values.get(key, 0.0), row.value_at_risk)
            elif row.final_outcome in _LICENSABLE and row.licence_valid_to is not None:
                ends = exposed.setdefault(number, {})
                at = (row.licence_valid_to, *key)
                ends[at] = max(ends.get(at, 0.0), row.value_at_risk)
    out = {}
    for number, obligations in every.items():
        by_currency: dict[str, float] = {}
        for (_oid, currency), value in protected.get(number, {}).items():
            by_currency[currency] = by_currency.get(currency, 0.0) + value
        by_day: dict[dt.date, dict[str, float]] = {}
        for (day, _oid, currency), value in exposed.get(number, {}).items():
            per = by_day.setdefault(day, {})
            per[currency] = per.get(currency, 0.0) + value
        out[number] = Protection(hits.get(number, 0), len(obligations), by_currency, by_day)
    return out


def latest_protection(db: Database, numbers: Sequence[str] | None = None) -> dict[str, Protection]:
    """``protection_in_run`` of the newest stored run ({} without runs)."""
    listed = runs.list_runs(db)
    return protection_in_run(db, listed[0].id, numbers) if listed else {}


@dataclass(frozen=True)
class Expiring:
    """A licence ending within the horizon, and what relies on it in the latest run.

    ``renewed_from`` is the start of a licence of the same authority and number that takes
    over without a gap (the day after, or earlier); the cover then runs on and nothing is
    exposed by this one's end."""

    licence: Licence
    days_left: int
    protection: Protection
    renewed_from: dt.date | None = None

    @property
    def value_protected(self) -> dict[str, float]:
        return dict(self.protection.protected)

    @property
    def value_exposed(self) -> dict[str, float]:
        """Value at risk from the day after it ends, of the hits whose cover ends with it."""
        return self.protection.exposed_on(self.licence.spec.valid_to)


@dataclass(frozen=True)
class ExpiringReport:
    """Licences ending within ``days`` of ``as_of``, soonest first, read against ``run``
    (the newest stored run, None when there is none)."""

    as_of: dt.date
    days: int
    run: runs.RunInfo | None
    licences: list[Expiring]


def _renewals(db: Database, ending: Sequence[Licence]) -> dict[int, dt.date]:
    """Licence id -> start of the licence of the same number and jurisdiction that continues
    it without a gap."""
    with db.read() as session:
        others = repositories.licences_numbered(session, [lic.spec.number for lic in ending])
    out: dict[int, dt.date] = {}
    for lic in ending:
        end = lic.spec.valid_to
        if end is None:
            continue
        starts = [
            start
            for other_id, authority, number, start, stop in others
            if other_id != lic.id
            and number == lic.spec.number
            and jurisdiction_of(authority) == lic.jurisdiction
            and lic.spec.valid_from < start <= end + dt.timedelta(days=1)
            and (stop is None or stop > end)
        ]
        if starts:
            out[lic.id] = min(starts)
    return out


def expiring(db: Database, as_of: dt.date, days: int = 90) -> ExpiringReport:
    """Licences valid on ``as_of`` that end within ``days``, soonest first, each with what it
    covers in the newest stored run (found in SQL: only the hits citing these licences are
    read) and whether a renewal under its number continues it."""
    if days < 0:
        raise LicenceError(f"The horizon must be zero or more days, not {days}.")
    with db.read() as session:
        ids = repositories.licences_ending_between(session, as_of, as_of + dt.timedelta(days=days))
    found = list_licences(db, ids) if ids else []
    order = {lid: n for n, lid in enumerate(ids)}
    found.sort(key=lambda lic: order[lic.id])
    listed = runs.list_runs(db)
    run = listed[0] if listed else None
    numbers = sorted({lic.spec.number for lic in found})
    cover = protection_in_run(db, run.id, numbers) if run is not None and numbers else {}
    renewed = _renewals(db, found)
    return ExpiringReport(
        as_of,
        days,
        run,
        [
            Expiring(
                lic,
                (lic.spec.valid_to - as_of).days if lic.spec.valid_to else 0,
                cover.get(lic.spec.number, Protection()),
                renewed.get(lic.id),
            )
            for lic in found
        ],
    )
