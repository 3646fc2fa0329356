"""Read and write access to the book, returning domain objects, ids and aggregates.

Repositories take a session and never commit: the calling service owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, func, insert, or_, select
from sqlalchemy.orm import Session, selectinload

from workbench.domain.entities import (
    Contract,
    Customer,
    EquipmentModel,
    Fab,
    Licence,
    Machine,
    Obligation,
    PartyListing,
)
from workbench.storage import convert
from workbench.storage.orm import (
    AuditEventRow,
    Base,
    ContractRow,
    CustomerAliasRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    ImportBatchRow,
    LicenceApplicationItemRow,
    LicenceApplicationRow,
    LicenceRow,
    MachineRow,
    ObligationRow,
    PartyListingRow,
    RunContractRow,
    RunHitRow,
    RunObligationRow,
)

BULK_CHUNK = 20_000

#: Tables counted by ``db info``, in the order a person reads them.
COUNTED: dict[str, type[Base]] = {
    "customers": CustomerRow,
    "fabs": FabRow,
    "equipment_models": EquipmentModelRow,
    "machines": MachineRow,
    "contracts": ContractRow,
    "obligations": ObligationRow,
    "licences": LicenceRow,
    "party_listings": PartyListingRow,
    "import_batches": ImportBatchRow,
}


def counts(session: Session) -> dict[str, int]:
    """Number of rows of every table of the book."""
    return {
        name: int(session.scalar(select(func.count()).select_from(row.__table__)) or 0)
        for name, row in COUNTED.items()
    }


def bulk_insert(session: Session, table: Table, records: Iterable[Mapping[str, Any]]) -> int:
    """Insert plain dicts in chunks with Core executemany (the ORM costs ~7x more per row)."""
    total = 0
    chunk: list[Mapping[str, Any]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= BULK_CHUNK:
            session.execute(insert(table), chunk)
            total += len(chunk)
            chunk = []
    if chunk:
        session.execute(insert(table), chunk)
        total += len(chunk)
    return total


def customers(session: Session) -> list[Customer]:
    stmt = select(CustomerRow).options(selectinload(CustomerRow.aliases)).order_by(CustomerRow.name)
    return [convert.customer(r) for r in session.scalars(stmt)]


def customer(session: Session, customer_id: int) -> Customer | None:
    row = session.get(CustomerRow, customer_id, options=[selectinload(CustomerRow.aliases)])
    return convert.customer(row) if row else None


def fabs(session: Session) -> list[Fab]:
    return [convert.fab(r) for r in session.scalars(select(FabRow).order_by(FabRow.site_code))]


def fab(session: Session, fab_id: int) -> Fab | None:
    row = session.get(FabRow, fab_id)
    return convert.fab(row) if row else None


def equipment_models(session: Session) -> list[EquipmentModel]:
    stmt = select(EquipmentModelRow).order_by(
        EquipmentModelRow.vendor, EquipmentModelRow.model_code
    )
    return [convert.equipment_model(r) for r in session.scalars(stmt)]


def equipment_model(session: Session, model_id: int) -> EquipmentModel | None:
    row = session.get(EquipmentModelRow, model_id)
    return convert.equipment_model(row) if row else None


def machine(session: Session, machine_id: int) -> Machine | None:
    row = session.get(MachineRow, machine_id)
    return convert.machine(row) if row else None


def contract(session: Session, contract_id: int) -> Contract | None:
    row = session.get(ContractRow, contract_id)
    return convert.contract(row) if row else None


def obligations_of_contract(session: Session, contract_id: int) -> list[Obligation]:
    stmt = select(ObligationRow).where(ObligationRow.contract_id == contract_id)
    return [convert.obligation(r) for r in session.scalars(stmt.order_by(ObligationRow.id))]


def obligations_of_machine(session: Session, machine_id: int) -> list[Obligation]:
    stmt = select(ObligationRow).where(ObligationRow.machine_id == machine_id)
    return [convert.obligation(r) for r in session.scalars(stmt.order_by(ObligationRow.id))]


def licences(session: Session) -> list[Licence]:
    return [convert.licence(r) for r in session.scalars(select(LicenceRow).order_by(LicenceRow.id))]


def party_listings(session: Session) -> list[PartyListing]:
    stmt = select(PartyListingRow).order_by(PartyListingRow.id)
    return [convert.party_listing(r) for r in session.scalars(stmt)]


def add_customer(session: Session, entity: Customer) -> int:
    row = CustomerRow(
        code=entity.code,
        name=entity.name,
        local_name=entity.local_name,
        hq_country=entity.hq_country,
        parent_id=entity.parent_id,
        aliases=[CustomerAliasRow(name=a.name, script=a.script) for a in entity.aliases],
    )
    session.add(row)
    session.flush()
    return row.id


def add_fab(session: Session, entity: Fab) -> int:
    row = FabRow(**convert.fab_columns(entity))
    session.add(row)
    session.flush()
    return row.id


def add_equipment_model(session: Session, entity: EquipmentModel) -> int:
    row = EquipmentModelRow(**convert.equipment_model_columns(entity))
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class Tally:
    """A label and the number of machines behind it, for dashboard charts."""

    label: str
    machines: int


def machines_by_country(session: Session) -> list[Tally]:
    stmt = (
        select(FabRow.country, func.count(MachineRow.id))
        .join(MachineRow, MachineRow.fab_id == FabRow.id)
        .group_by(FabRow.country)
        .order_by(func.count(MachineRow.id).desc())
    )
    return [Tally(str(c), int(n)) for c, n in session.execute(stmt)]


def machines_by_category(session: Session) -> list[Tally]:
    stmt = (
        select(EquipmentModelRow.category, func.count(MachineRow.id))
        .join(MachineRow, MachineRow.model_id == EquipmentModelRow.id)
        .group_by(EquipmentModelRow.category)
        .order_by(func.count(MachineRow.id).desc())
    )
    return [Tally(str(c), int(n)) for c, n in session.execute(stmt)]


def machines_by_advanced_node(session: Session) -> dict[bool | None, int]:
    stmt = (
        select(FabRow.advanced_node, func.count(MachineRow.id))
        .join(MachineRow, MachineRow.fab_id == FabRow.id)
        .group_by(FabRow.advanced_node)
    )
    return {flag: int(n) for flag, n in session.execute(stmt)}


def contract_value_by_currency(session: Session) -> dict[str, float]:
    stmt = select(ContractRow.currency, func.sum(ContractRow.value)).group_by(ContractRow.currency)
    return {str(cur): float(total or 0) for cur, total in session.execute(stmt)}


def machine_counts_by_fab(session: Session) -> dict[int, int]:
    stmt = select(MachineRow.fab_id, func.count(MachineRow.id)).group_by(MachineRow.fab_id)
    return {int(f): int(n) for f, n in session.execute(stmt)}


def machine_ids_of_fab(session: Session, fab_id: int, limit: int = 1000) -> Sequence[int]:
    stmt = select(MachineRow.id).where(MachineRow.fab_id == fab_id).order_by(MachineRow.serial)
    return list(session.scalars(stmt.limit(limit)))


def _with_listed_from(listing: PartyListing, rows: Sequence[PartyListing]) -> PartyListing:
    """``listing`` with ``listed_from`` set when earlier rows of the same party and list run
    into it without a gap (SMIC: the 2020 row ends the day before today's text)."""
    if listing.since is None:
        return listing
    start = listing.since
    moved = True
    while moved:
        moved = False
        for r in rows:
            same = (r.customer_id, r.fab_id, r.list_code) == (
                listing.customer_id,
                listing.fab_id,
                listing.list_code,
            )
            if (
                same
                and r.since is not None
                and r.since < start
                and r.until is not None
                and r.until >= start - timedelta(days=1)
            ):
                start, moved = r.since, True
    return replace(listing, listed_from=start) if start != listing.since else listing


def listing_flags(
    session: Session, on: date | None = None
) -> dict[tuple[str, int], list[PartyListing]]:
    """Listings that hold on ``on`` (default today), keyed by ('customer', id) or ('fab', id),
    for tree badges: a row whose text was replaced (``until`` before the day) is history."""
    day = on or date.today()
    out: dict[tuple[str, int], list[PartyListing]] = {}
    everything = party_listings(session)
    for row in everything:
        if row.until is not None and row.until < day:
            continue
        listing = _with_listed_from(row, everything)
        if listing.customer_id is not None:
            out.setdefault(("customer", listing.customer_id), []).append(listing)
        if listing.fab_id is not None:
            out.setdefault(("fab", listing.fab_id), []).append(listing)
    return out


@dataclass(frozen=True)
class DenialRecord:
    """One obligation of a licence application the authority denied, for citing on hits."""

    obligation_id: int
    rule_id: str
    application_id: int
    authority: str
    decided_on: date | None
    reference: str | None
    note: str | None


def run_audit_positions(session: Session, run_ids: Sequence[int]) -> dict[int, int]:
    """The audit trail position (``seq``) at which each run was stored; a run stored before
    runs were audited has none."""
    event = AuditEventRow
    rows = session.execute(
        select(event.record_id, func.min(event.seq))
        .where(
            event.table_name == "evaluation_runs",
            event.action == "insert",
            event.record_id.in_(list(run_ids)),
        )
        .group_by(event.record_id)
    ).all()
    return {int(run_id): int(seq) for run_id, seq in rows if run_id is not None}


def denials_recorded_between(session: Session, after: int, upto: int) -> list[DenialRecord]:
    """The obligations of applications marked denied at audit positions in (after, upto]:
    the trail orders every commit, so "between two runs" needs no clock."""
    event, app, item = AuditEventRow, LicenceApplicationRow, LicenceApplicationItemRow
    denied = (
        select(event.record_id)
        .where(
            event.table_name == "licence_applications",
            event.field == "status",
            event.new_value == '"denied"',
            event.seq > after,
            event.seq <= upto,
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            item.obligation_id,
            item.rule_id,
            app.id,
            app.authority,
            app.decided_on,
            app.reference,
            app.decision_note,
        )
        .join(app, app.id == item.application_id)
        .where(app.id.in_(denied), app.status == "denied", item.obligation_id.is_not(None))
        .order_by(app.id, item.id)
    ).all()
    return [
        DenialRecord(int(oid), rule, app_id, authority, day, reference, note)
        for oid, rule, app_id, authority, day, reference, note in rows
        if oid is not None
    ]


def licences_granted_on_applications(session: Session) -> dict[str, int]:
    """Licence number -> the application it was granted on (the latest, for a renewal)."""
    app = LicenceApplicationRow
    rows = session.execute(
        select(LicenceRow.number, app.id)
        .join(app, app.licence_id == LicenceRow.id)
        .where(app.status == "granted")
        .order_by(app.id)
    ).all()
    return {str(number): int(app_id) for number, app_id in rows}


@dataclass(frozen=True)
class LicenceCover:
    """One obligation's hits citing one ``licence_numbers`` text in a run, by outcome and
    covered-until day: the value is the largest value at risk among them."""

    licence_numbers: str
    obligation_id: int
    final_outcome: str
    licence_valid_to: date | None
    currency: str
    value_at_risk: float
    hits: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _cites(column: Any, number: str) -> Any:
    """``column`` (a ", "-joined ``licence_numbers``) names ``number`` as one of its entries."""
    n = _escape_like(number)
    return or_(
        column == number,
        column.like(f"{n}, %", escape="\\"),
        column.like(f"%, {n}", escape="\\"),
        column.like(f"%, {n}, %", escape="\\"),
    )


def licence_cover(
    session: Session, run_id: int, numbers: Sequence[str] | None = None
) -> list[LicenceCover]:
    """Hits of a run that a licence covers (to the obligation's end or until it expires),
    grouped per obligation -- only those citing ``numbers`` when given -- so a caller counts
    each obligation once without reading the run's other hits."""
    hit, ob, contract = RunHitRow, RunObligationRow, RunContractRow
    stmt = (
        select(
            hit.licence_numbers,
            hit.obligation_id,
            hit.final_outcome,
            hit.licence_valid_to,
            contract.currency,
            func.max(hit.value_at_risk),
            func.count(),
        )
        .join(ob, (ob.run_id == hit.run_id) & (ob.obligation_id == hit.obligation_id))
        .join(contract, (contract.run_id == ob.run_id) & (contract.contract_id == ob.contract_id))
        .where(
            hit.run_id == run_id,
            hit.licence_numbers.is_not(None),
            hit.licence_coverage.in_(("covered", "expires_before_end")),
        )
        .group_by(
            hit.licence_numbers,
            hit.obligation_id,
            hit.final_outcome,
            hit.licence_valid_to,
            contract.currency,
        )
    )
    if numbers is not None:
        if not numbers:
            return []
        stmt = stmt.where(or_(*(_cites(hit.licence_numbers, n) for n in numbers)))
    return [
        LicenceCover(str(n), int(o), str(f), v, str(c), float(value or 0.0), int(count))
        for n, o, f, v, c, value, count in session.execute(stmt)
    ]


def licences_ending_between(session: Session, first: date, last: date) -> list[int]:
    """Ids of licences valid on ``first`` whose validity ends between ``first`` and ``last``
    (both included), soonest first."""
    rows = session.scalars(
        select(LicenceRow.id)
        .where(
            LicenceRow.valid_from <= first,
            LicenceRow.valid_to.is_not(None),
            LicenceRow.valid_to >= first,
            LicenceRow.valid_to <= last,
        )
        .order_by(LicenceRow.valid_to, LicenceRow.number, LicenceRow.id)
    )
    return [int(i) for i in rows]


def licences_numbered(
    session: Session, numbers: Sequence[str]
) -> list[tuple[int, str, str, date, date | None]]:
    """(id, authority, number, valid from, valid to) of every licence with one of ``numbers``
    (a renewal keeps the number)."""
    if not numbers:
        return []
    rows = session.execute(
        select(
            LicenceRow.id,
            LicenceRow.authority,
            LicenceRow.number,
            LicenceRow.valid_from,
            LicenceRow.valid_to,
        ).where(LicenceRow.number.in_(list(numbers)))
    ).all()
    return [(int(i), a, n, f, t) for i, a, n, f, t in rows]
