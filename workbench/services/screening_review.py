"""Reads behind the screening review: one match as a side-by-side, queue counts, open matches.

An analyst decides a match by comparing what the book says about the party with what the list
says about the entry, so both sides are read in one session and handed over as plain text
fields; the window only lays them out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.entities import PartyListing
from workbench.screening import ListEntry
from workbench.services.screening import CONFIRMED, DISMISSED, POTENTIAL
from workbench.services.screening_store import entry_at
from workbench.storage import repositories
from workbench.storage.database import Database
from workbench.storage.orm import (
    CustomerRow,
    FabRow,
    ScreeningListEntryRow,
    ScreeningListVersionRow,
    ScreeningMatchRow,
    ScreeningRunRow,
)

__all__ = [
    "Decision",
    "MatchView",
    "OpenMatch",
    "Side",
    "has_parties",
    "list_label",
    "match_view",
    "open_matches",
    "status_counts",
]

_LIST_NAMES = {
    "entity_list": "Entity List",
    "meu": "MEU List",
    "uvl": "Unverified List",
    "sdn": "SDN List",
    "cmic": "CMIC List",
    "dpl": "Denied Persons List",
    "isn": "Nonproliferation Sanctions",
    "ssi": "Sectoral Sanctions",
    "fse": "Foreign Sanctions Evaders",
    "plc": "Palestinian Legislative Council",
    "cap": "CAPTA List",
    "dtc": "ITAR Debarred",
}

EMPTY = "—"


def list_label(code: str) -> str:
    """The name analysts use for a list code: ``entity_list`` -> "Entity List"."""
    return _LIST_NAMES.get(code, code.replace("_", " ").upper())


@dataclass(frozen=True)
class Side:
    """One column of the side-by-side: a heading and labelled values (``—`` when absent)."""

    heading: str
    title: str
    fields: list[tuple[str, str]]


@dataclass(frozen=True)
class Decision:
    """An earlier decision on the same match, kept when it was changed."""

    status: str
    reviewer: str
    reason: str
    decided_at: str


@dataclass(frozen=True)
class MatchView:
    """Everything the review pane shows for one match."""

    id: int
    status: str
    score: int
    explanation: str
    query_name: str
    matched_name: str
    flag: str
    party_kind: str
    party_id: int
    party: Side
    entry: Side
    list_code: str
    footnotes: tuple[str, ...]
    reviewer: str | None
    reason: str | None
    decided_at: dt.datetime | None
    created_at: dt.datetime | None = None
    list_version: str = ""
    history: list[Decision] = field(default_factory=list)


@dataclass(frozen=True)
class OpenMatch:
    """A potential match of one party, for the Customers and Fabs details pane."""

    id: int
    entry_name: str
    list_code: str
    score: int


def _text(value: Any) -> str:
    if value is None or value in ("", ()):
        return EMPTY
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _lines(values: tuple[str, ...] | list[str]) -> str:
    return "\n".join(values) if values else EMPTY


def _listing_text(listing: PartyListing) -> str:
    parts = [list_label(listing.list_code)]
    if listing.footnote:
        parts[0] += f" {listing.footnote}"
    if listing.licence_policy:
        parts.append(listing.licence_policy)
    if listing.since:
        parts.append(f"since {listing.since.isoformat()}")
    return " · ".join(parts)


def _party_side(session: Session, kind: str, party_id: int) -> Side:
    flags = repositories.listing_flags(session)
    if kind == "customer":
        customer = repositories.customer(session, party_id)
        if customer is None:
            return Side("Customer record", f"customer {party_id} (deleted)", [])
        parent = (
            repositories.customer(session, customer.parent_id)
            if customer.parent_id is not None
            else None
        )
        listings = flags.get(("customer", party_id), [])
        return Side(
            "Customer record",
            customer.name,
            [
                ("Code", customer.code),
                ("Local name", _text(customer.local_name)),
                ("Aliases", _lines([a.name for a in customer.aliases])),
                ("Country", f"{customer.hq_country} (headquarters)"),
                ("Group", parent.name if parent else "— (top of group)"),
                ("Listed", _lines([_listing_text(p) for p in listings])),
            ],
        )
    fab = repositories.fab(session, party_id)
    if fab is None:
        return Side("Fab record", f"fab {party_id} (deleted)", [])
    owner = repositories.customer(session, fab.customer_id)
    group = (
        repositories.customer(session, owner.parent_id)
        if owner is not None and owner.parent_id is not None
        else None
    )
    listings = flags.get(("fab", party_id), [])
    place = ", ".join(p for p in (fab.city, fab.region) if p)
    return Side(
        "Fab record",
        fab.name,
        [
            ("Site code", fab.site_code),
            ("Country", f"{fab.country} ({place})" if place else fab.country),
            ("Owner", owner.name if owner else EMPTY),
            ("Group", group.name if group else (owner.name if owner else EMPTY)),
            ("Listed", _lines([_listing_text(p) for p in listings])),
        ],
    )


def _entry_side(entry: ListEntry | None, version: str) -> Side:
    if entry is None:
        return Side("List entry", "entry missing from its list version", [])
    listed = entry.source_name or list_label(entry.source)
    return Side(
        "List entry",
        entry.name,
        [
            ("Aliases", _lines(entry.aliases)),
            ("Countries", ", ".join(entry.countries) or EMPTY),
            ("Addresses", _lines(entry.addresses)),
            ("List", listed),
            ("Footnotes", ", ".join(entry.footnotes) or EMPTY),
            ("Licence requirement", _text(entry.licence_requirement)),
            ("Licence policy", _text(entry.licence_policy)),
            ("Federal Register", _notice(entry)),
            ("List version", version),
        ],
    )


def _notice(entry: ListEntry) -> str:
    """The notice that listed the entry, with its date: "89 FR 96790 · 2024-12-02"."""
    parts = [p for p in (entry.federal_register_notice, _date(entry.start_date)) if p]
    return " · ".join(parts) or EMPTY


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _flag(session: Session, row: ScreeningMatchRow) -> str:
    if row.suggested_by_id is not None:
        return "parent confirmed"
    if row.supersedes_id is not None:
        return "entry changed"
    latest = session.scalar(select(func.max(ScreeningRunRow.id)))
    return "new" if row.run_id is not None and row.run_id == latest else ""


def _history(text: str) -> list[Decision]:
    out: list[Decision] = []
    for item in json.loads(text or "[]"):
        out.append(
            Decision(
                status=str(item.get("status") or ""),
                reviewer=str(item.get("reviewer") or "unknown"),
                reason=str(item.get("reason") or ""),
                decided_at=str(item.get("decided_at") or "")[:10],
            )
        )
    return out


def match_view(db: Database, match_id: int) -> MatchView | None:
    """One match with its party record and list entry, or None when it does not exist."""
    with db.read() as session:
        row = session.get(ScreeningMatchRow, match_id)
        if row is None:
            return None
        entry = entry_at(session, row.list_version_id, row.entry_key)
        version = session.get(ScreeningListVersionRow, row.list_version_id)
        version_text = (
            f"{row.list_version_id} · {version.file_name}"
            + (f" of {version.list_date.isoformat()}" if version.list_date else "")
            if version is not None
            else str(row.list_version_id)
        )
        return MatchView(
            id=row.id,
            status=row.status,
            score=row.score,
            explanation=row.explanation,
            query_name=row.query_name,
            matched_name=row.matched_name,
            flag=_flag(session, row),
            party_kind=row.party_kind,
            party_id=row.party_id,
            party=_party_side(session, row.party_kind, row.party_id),
            entry=_entry_side(entry, version_text),
            list_version=version_text,
            list_code=row.list_code,
            footnotes=entry.footnotes if entry is not None else (),
            reviewer=row.reviewer,
            reason=row.reason,
            decided_at=row.decided_at,
            created_at=row.created_at,
            history=_history(row.history_json),
        )


def has_parties(db: Database) -> bool:
    """Whether the book holds anything to screen (a fresh database may hold only lists)."""
    with db.read() as session:
        return (
            session.scalar(select(CustomerRow.id).limit(1)) is not None
            or session.scalar(select(FabRow.id).limit(1)) is not None
        )


def status_counts(db: Database) -> dict[str, int]:
    """Matches per status, and ``all``: the numbers on the queue's status buttons."""
    with db.read() as session:
        found: dict[str, int] = {
            str(status): int(count)
            for status, count in session.execute(
                select(ScreeningMatchRow.status, func.count()).group_by(ScreeningMatchRow.status)
            ).all()
        }
    counts = {status: found.get(status, 0) for status in (POTENTIAL, CONFIRMED, DISMISSED)}
    counts["all"] = sum(found.values())
    return counts


def open_matches(db: Database, kind: str, party_id: int) -> list[OpenMatch]:
    """A customer's or fab's matches still waiting for a decision, best score first."""
    with db.read() as session:
        rows = session.execute(
            select(
                ScreeningMatchRow.id,
                ScreeningListEntryRow.name,
                ScreeningMatchRow.list_code,
                ScreeningMatchRow.score,
            )
            .join(
                ScreeningListEntryRow,
                (ScreeningListEntryRow.version_id == ScreeningMatchRow.list_version_id)
                & (ScreeningListEntryRow.entry_key == ScreeningMatchRow.entry_key),
            )
            .where(
                ScreeningMatchRow.party_kind == kind,
                ScreeningMatchRow.party_id == party_id,
                ScreeningMatchRow.status == POTENTIAL,
            )
            .order_by(ScreeningMatchRow.score.desc(), ScreeningMatchRow.id)
        ).all()
    return [OpenMatch(mid, name, code, score) for mid, name, code, score in rows]
