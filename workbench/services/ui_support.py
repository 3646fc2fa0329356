"""Reads the window needs beyond browse and overview: table totals, fab machines, node details.

Kept apart from ``overview`` so the window's needs can grow without touching shared read models;
every function opens its own session, so it is safe to call from a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from workbench.domain.entities import Customer, PartyListing
from workbench.services.overview import Detail
from workbench.services.screening_review import open_matches
from workbench.storage import repositories, tables
from workbench.storage.database import Database
from workbench.storage.orm import MachineRow
from workbench.storage.tables import TableSpec

#: Columns of the machine rows shown under a fab in the customer tree.
FAB_MACHINE_COLUMNS = ("serial", "model", "category", "status", "install_date")

_LIST_NAMES = {
    "entity_list": "Entity List",
    "meu": "MEU",
    "uvl": "UVL",
    "sdn": "SDN",
    "cmic": "CMIC",
}


def count_rows(db: Database, spec: TableSpec) -> int:
    """Rows in a big table before any filter, for "n of N" labels."""
    with db.read() as session:
        stmt = select(func.count()).select_from(spec.source)
        return int(session.scalar(stmt) or 0)


def fab_machine_ids(db: Database, fab_id: int) -> list[int]:
    """Every machine of one fab, ordered by serial (the tree lists them lazily in pages)."""
    with db.read() as session:
        stmt = (
            select(MachineRow.id)
            .where(MachineRow.fab_id == fab_id)
            .order_by(MachineRow.serial, MachineRow.id)
        )
        return list(session.scalars(stmt))


def fab_machine_rows(db: Database, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The tree's machine columns for the given ids, keyed by id."""
    spec = tables.MACHINES
    keys = spec.keys
    with db.read() as session:
        values = tables.rows(session, spec, row_ids)
    return {
        rid: {k: v for k, v in zip(keys, row, strict=True) if k in FAB_MACHINE_COLUMNS}
        for rid, row in values.items()
    }


def listing_label(listing: PartyListing) -> str:
    """Short badge text: "Entity List FN5", "MEU"."""
    name = _LIST_NAMES.get(listing.list_code, listing.list_code.replace("_", " ").upper())
    return f"{name} {listing.footnote}" if listing.footnote else name


def listing_status(listing: PartyListing) -> str:
    """What rules read from a listing, in one line: list and footnote, policy, since when."""
    parts = [listing_label(listing)]
    if listing.licence_policy:
        parts.append(listing.licence_policy)
    if listing.since:
        parts.append(f"since {listing.since.isoformat()}")
    if listing.listed_from:
        parts[-1] += f" (listed from {listing.listed_from.isoformat()})"
    if listing.until:
        parts.append(f"until {listing.until.isoformat()}")
    return " · ".join(parts)


def _screening_text(db: Database, kind: str, party_id: int) -> str:
    """The potential matches waiting for a decision, so nobody trusts a clean record that
    simply has not been reviewed yet."""
    pending = open_matches(db, kind, party_id)
    if not pending:
        return "no potential matches waiting for review"
    noun = "match" if len(pending) == 1 else "matches"
    best = "; ".join(
        f"{m.entry_name} ({_LIST_NAMES.get(m.list_code, m.list_code)}, score {m.score})"
        for m in pending[:3]
    )
    more = f"; and {len(pending) - 3} more" if len(pending) > 3 else ""
    return f"{len(pending)} potential {noun} to review in Screening: {best}{more}"


def _listing_lines(listings: Sequence[PartyListing]) -> list[list[str]]:
    return [
        [
            listing_label(p),
            p.licence_policy or "—",
            p.since.isoformat() if p.since else "—",
            p.source or "—",
        ]
        for p in listings
    ]


def customer_detail(db: Database, customer_id: int) -> Detail | None:
    """A customer with its group, names, listings and fabs, for the tree's details pane."""
    with db.read() as session:
        customer = repositories.customer(session, customer_id)
        if customer is None:
            return None
        parent = (
            repositories.customer(session, customer.parent_id)
            if customer.parent_id is not None
            else None
        )
        listings = repositories.listing_flags(session).get(("customer", customer_id), [])
        fabs = [f for f in repositories.fabs(session) if f.customer_id == customer_id]
        machines = repositories.machine_counts_by_fab(session)
        subsidiaries = [
            c.name for c in repositories.customers(session) if c.parent_id == customer_id
        ]
    aliases = ", ".join(a.name for a in customer.aliases) or "—"
    return Detail(
        title=customer.name,
        fields=[
            ("Code", customer.code),
            ("Local name", customer.local_name or "—"),
            ("Aliases", aliases),
            ("HQ country", customer.hq_label),
            ("Group", parent.name if parent else "— (top of group)"),
            ("Subsidiaries", ", ".join(subsidiaries) or "—"),
            ("Listings", "; ".join(listing_label(p) for p in listings) or "none recorded"),
            ("List status", "\n".join(listing_status(p) for p in listings) or "—"),
            ("Screening", _screening_text(db, "customer", customer_id)),
        ],
        table_headers=["Site", "Fab", "Country", "Technology", "Machines"],
        table_rows=[
            [f.site_code, f.name, f.country, f.technology, f"{machines.get(f.id or 0, 0):,}"]
            for f in fabs
        ],
    )


def fab_detail(db: Database, fab_id: int) -> Detail | None:
    """A fab with its technology, advanced-node status and listings."""
    with db.read() as session:
        fab = repositories.fab(session, fab_id)
        if fab is None:
            return None
        owner = repositories.customer(session, fab.customer_id)
        flags = repositories.listing_flags(session)
        machines = repositories.machine_counts_by_fab(session).get(fab_id, 0)
    listings = flags.get(("fab", fab_id), []) + flags.get(("customer", fab.customer_id), [])
    status = {True: "yes", False: "no", None: "unknown (treated as advanced by the US rules)"}
    return Detail(
        title=f"{fab.name} ({fab.site_code})",
        fields=[
            ("Customer", owner.name if owner else "—"),
            ("Location", ", ".join(p for p in (fab.city, fab.region, fab.country) if p)),
            ("Process", fab.process_type.value if fab.process_type else "—"),
            ("Technology", fab.technology),
            ("Wafer size", f"{fab.wafer_size_mm} mm" if fab.wafer_size_mm else "—"),
            ("Advanced node", status[fab.advanced_node]),
            ("Machines", f"{machines:,}"),
            ("List status", "\n".join(listing_status(p) for p in listings) or "none recorded"),
            ("Screening", _screening_text(db, "fab", fab_id)),
        ],
        table_headers=["Listing", "Licence policy", "Since", "Source"] if listings else [],
        table_rows=_listing_lines(listings),
    )


@dataclass(frozen=True)
class GroupTally:
    """Machines of one customer group; ``label`` is short enough for a chart axis."""

    label: str
    name: str
    machines: int


def _short_name(customer: Customer, longest: int = 28) -> str:
    if len(customer.name) <= longest:
        return customer.name
    latin = sorted((a.name for a in customer.aliases if a.script == "latin"), key=len)
    return latin[0] if latin and len(latin[0]) < len(customer.name) else customer.name


def top_customer_groups(db: Database, limit: int = 8) -> list[GroupTally]:
    """Machines per customer group (a subsidiary counts towards its parent), largest first."""
    with db.read() as session:
        customers = repositories.customers(session)
        per_fab = repositories.machine_counts_by_fab(session)
        fabs = repositories.fabs(session)
    parent = {c.id: c.parent_id for c in customers}
    by_id = {c.id: c for c in customers}

    def top(customer_id: int) -> int:
        seen = {customer_id}
        while (up := parent.get(customer_id)) is not None and up not in seen:
            seen.add(up)
            customer_id = up
        return customer_id

    totals: dict[int, int] = {}
    for fab in fabs:
        if fab.id is not None:
            group = top(fab.customer_id)
            totals[group] = totals.get(group, 0) + per_fab.get(fab.id, 0)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], by_id[kv[0]].name))
    return [
        GroupTally(_short_name(by_id[cid]), by_id[cid].name, count)
        for cid, count in ranked[:limit]
        if count
    ]
