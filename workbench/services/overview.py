"""Read models for the dashboard, the customer tree and record details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from workbench.domain.entities import Customer, Fab, PartyListing
from workbench.domain.enums import EquipmentCategory, ServiceType
from workbench.storage import repositories
from workbench.storage.database import Database
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    MachineRow,
    ObligationRow,
)
from workbench.storage.repositories import Tally


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]
    by_country: list[Tally]
    by_category: list[Tally]
    advanced_node: dict[str, int]
    value_by_currency: dict[str, float]
    listed_customers: int


def dashboard(db: Database) -> Dashboard:
    with db.read() as session:
        by_category = [
            Tally(_category_label(t.label), t.machines)
            for t in repositories.machines_by_category(session)
        ]
        flags = repositories.machines_by_advanced_node(session)
        return Dashboard(
            counts=repositories.counts(session),
            by_country=repositories.machines_by_country(session),
            by_category=by_category,
            advanced_node={
                "advanced": flags.get(True, 0),
                "not advanced": flags.get(False, 0),
                "unknown": flags.get(None, 0),
            },
            value_by_currency=repositories.contract_value_by_currency(session),
            listed_customers=len(
                {
                    p.customer_id
                    for p in repositories.party_listings(session)
                    if p.customer_id is not None
                }
            ),
        )


def _category_label(slug: str) -> str:
    try:
        return EquipmentCategory(slug).label
    except ValueError:
        return slug


@dataclass
class FabNode:
    fab: Fab
    machines: int
    listings: list[PartyListing] = field(default_factory=list)


@dataclass
class CustomerNode:
    customer: Customer
    listings: list[PartyListing] = field(default_factory=list)
    fabs: list[FabNode] = field(default_factory=list)
    children: list[CustomerNode] = field(default_factory=list)

    @property
    def machine_count(self) -> int:
        return sum(f.machines for f in self.fabs) + sum(c.machine_count for c in self.children)


def customer_tree(db: Database) -> list[CustomerNode]:
    """Groups (customers without a parent) with their subsidiaries, fabs and machine counts."""
    with db.read() as session:
        customers = repositories.customers(session)
        fabs = repositories.fabs(session)
        machines = repositories.machine_counts_by_fab(session)
        listings = repositories.listing_flags(session)
    nodes = {
        c.id: CustomerNode(c, listings.get(("customer", c.id or 0), []))
        for c in customers
        if c.id is not None
    }
    for fab in fabs:
        if fab.id is not None and fab.customer_id in nodes:
            nodes[fab.customer_id].fabs.append(
                FabNode(fab, machines.get(fab.id, 0), listings.get(("fab", fab.id), []))
            )
    roots: list[CustomerNode] = []
    for node in nodes.values():
        parent = node.customer.parent_id
        if parent is not None and parent in nodes:
            nodes[parent].children.append(node)
        else:
            roots.append(node)
    return sorted(roots, key=lambda n: n.customer.name.lower())


@dataclass(frozen=True)
class Detail:
    """A record as labelled fields plus an optional sub-table, for a details pane."""

    title: str
    fields: list[tuple[str, str]]
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[list[str]] = field(default_factory=list)


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def machine_detail(db: Database, machine_id: int) -> Detail | None:
    with db.read() as session:
        row = session.execute(
            select(MachineRow, EquipmentModelRow, FabRow, CustomerRow)
            .join(EquipmentModelRow, MachineRow.model_id == EquipmentModelRow.id)
            .join(FabRow, MachineRow.fab_id == FabRow.id)
            .join(CustomerRow, FabRow.customer_id == CustomerRow.id)
            .where(MachineRow.id == machine_id)
        ).first()
        if row is None:
            return None
        machine, model, fab_row, customer = row
        fab = repositories.fab(session, fab_row.id)
        assert fab is not None
        obligations = session.execute(
            select(
                ContractRow.number,
                ObligationRow.service_type,
                ObligationRow.start_date,
                ObligationRow.end_date,
                ObligationRow.value,
                ContractRow.currency,
            )
            .join(ContractRow, ObligationRow.contract_id == ContractRow.id)
            .where(ObligationRow.machine_id == machine_id)
            .order_by(ObligationRow.start_date, ContractRow.number)
        ).all()
    classes = ", ".join(
        f"{regime} {code}"
        for regime, code in (
            ("US", model.class_us),
            ("EU", model.class_eu),
            ("NL", model.class_nl),
            ("JP", model.class_jp),
            ("KR", model.class_kr),
        )
        if code
    )
    return Detail(
        title=f"{machine.vendor} {model.model_code} · serial {machine.serial}",
        fields=[
            ("Model", f"{model.name or model.model_code} ({_category_label(model.category)})"),
            ("Classification", classes or "—"),
            ("Fab", f"{fab.name} ({fab.site_code}), {fab.city}, {fab.country}"),
            ("Technology", fab.technology),
            ("Advanced node", {True: "yes", False: "no", None: "unknown"}[fab.advanced_node]),
            (
                "Customer",
                customer.name + (f" / {customer.local_name}" if customer.local_name else ""),
            ),
            ("Status", machine.status),
            ("Shipped", _fmt(machine.ship_date)),
            ("Installed", _fmt(machine.install_date)),
            ("Shipped under licence", _fmt(machine.shipped_under_licence)),
        ],
        table_headers=["Contract", "Service", "From", "To", "Value"],
        table_rows=[
            [number, _service_label(service), _fmt(start), _fmt(end), f"{value:,.2f} {cur}"]
            for number, service, start, end, value, cur in obligations
        ],
    )


def _service_label(slug: str) -> str:
    try:
        return ServiceType(slug).label
    except ValueError:
        return slug


def contract_detail(db: Database, contract_id: int) -> Detail | None:
    with db.read() as session:
        contract = repositories.contract(session, contract_id)
        if contract is None:
            return None
        customer = repositories.customer(session, contract.customer_id)
        lines = session.execute(
            select(
                MachineRow.serial,
                EquipmentModelRow.model_code,
                FabRow.name,
                func.count(ObligationRow.id),
                func.sum(ObligationRow.value),
            )
            .join(MachineRow, ObligationRow.machine_id == MachineRow.id)
            .join(EquipmentModelRow, MachineRow.model_id == EquipmentModelRow.id)
            .join(FabRow, MachineRow.fab_id == FabRow.id)
            .where(ObligationRow.contract_id == contract_id)
            .group_by(MachineRow.serial, EquipmentModelRow.model_code, FabRow.name)
            .order_by(MachineRow.serial)
        ).all()
        services = session.scalars(
            select(ObligationRow.service_type)
            .where(ObligationRow.contract_id == contract_id)
            .distinct()
        ).all()
    return Detail(
        title=f"Contract {contract.number}",
        fields=[
            ("Customer", customer.name if customer else "—"),
            ("Title", _fmt(contract.title)),
            ("Signed", _fmt(contract.signed_date)),
            ("Term", f"{contract.start_date} to {contract.end_date}"),
            ("Value", f"{contract.value:,.2f} {contract.currency}"),
            ("Renewal", _fmt(contract.renewal)),
            ("Services", ", ".join(sorted(_service_label(s) for s in services)) or "—"),
        ],
        table_headers=["Serial", "Model", "Fab", "Obligations", "Value"],
        table_rows=[
            [serial, model, fab, str(n), f"{total:,.2f} {contract.currency}"]
            for serial, model, fab, n, total in lines
        ],
    )
