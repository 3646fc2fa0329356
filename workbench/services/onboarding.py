"""Where a book stands for a new user: is anything in it yet, and what is still unknown.

The dashboard of an empty book offers the first steps; after the first import it names what
came in and what the rules will read as a doubt until someone fills it in (an HQ country
nobody stated or one inferred from the fabs, equipment models whose category is unknown, and
names not screened against the restricted-party lists). The counts are cheap aggregate queries
so the dashboard can ask on every reload, also on a book of a million machines.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from workbench.services.import_history import BatchSummary, list_batches
from workbench.services.screening import NOT_SCREENED, POTENTIAL
from workbench.storage.database import Database
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    MachineRow,
    ScreeningListVersionRow,
    ScreeningMatchRow,
    ScreeningRunRow,
)

#: ``EquipmentCategory.UNKNOWN``'s stored value (kept here as text: the query compares text).
UNKNOWN_CATEGORY = "unknown"


@dataclass(frozen=True)
class BookStatus:
    """What the book holds and which of its gaps a first user should close first."""

    customers: int
    fabs: int
    machines: int
    contracts: int
    #: Restricted-party list versions imported (the shipped reference list counts once loaded).
    list_versions: int
    screening_runs: int
    #: The newest import batch, or None when nothing was ever imported (a demo book, say).
    last_import: BatchSummary | None
    customers_without_hq: int
    customers_hq_inferred: int
    models_category_unknown: int
    machines_category_unknown: int
    #: Customers and fabs no screening run has seen as they read now (added or changed since
    #: the newest run, or every one when there was none), plus those the last run could not
    #: screen (names only in a script the matcher cannot compare) that nobody has checked.
    parties_not_screened: int

    @property
    def is_empty(self) -> bool:
        """No installed base yet: the views have nothing to show but the first steps."""
        return self.machines == 0 and self.customers == 0

    @property
    def open_questions(self) -> int:
        """How many gaps the dashboard lists (0: nothing to chase)."""
        return (
            self.customers_without_hq
            + self.customers_hq_inferred
            + self.models_category_unknown
            + self.parties_not_screened
        )


def book_status(db: Database) -> BookStatus:
    """Counts of the book and of its unknowns (and the newest import batch)."""
    batches = list_batches(db)
    with db.read() as session:
        customers = _count(session, select(func.count(CustomerRow.id)))
        fabs = _count(session, select(func.count(FabRow.id)))
        status = BookStatus(
            customers=customers,
            fabs=fabs,
            machines=_count(session, select(func.count(MachineRow.id))),
            contracts=_count(session, select(func.count(ContractRow.id))),
            list_versions=_count(session, select(func.count(ScreeningListVersionRow.id))),
            screening_runs=_count(session, select(func.count(ScreeningRunRow.id))),
            last_import=batches[0] if batches else None,
            customers_without_hq=_count(
                session, select(func.count(CustomerRow.id)).where(CustomerRow.hq_country.is_(None))
            ),
            customers_hq_inferred=_count(
                session,
                select(func.count(CustomerRow.id)).where(
                    and_(
                        CustomerRow.hq_country.is_not(None),
                        CustomerRow.hq_country_basis == "inferred",
                    )
                ),
            ),
            models_category_unknown=_count(
                session,
                select(func.count(EquipmentModelRow.id)).where(
                    EquipmentModelRow.category == UNKNOWN_CATEGORY
                ),
            ),
            machines_category_unknown=_count(
                session,
                select(func.count(MachineRow.id))
                .join(EquipmentModelRow, MachineRow.model_id == EquipmentModelRow.id)
                .where(EquipmentModelRow.category == UNKNOWN_CATEGORY),
            ),
            parties_not_screened=_not_screened(session, customers + fabs),
        )
    return status


def _count(session: Session, statement: object) -> int:
    return int(session.scalar(statement) or 0)  # type: ignore[call-overload]


def _not_screened(session: Session, parties: int) -> int:
    last_run = session.scalar(select(func.max(ScreeningRunRow.started_at)))
    if last_run is None:
        return parties
    newest = select(func.max(ScreeningRunRow.started_at)).scalar_subquery()
    changed = _count(
        session, select(func.count(CustomerRow.id)).where(CustomerRow.updated_at > newest)
    ) + _count(session, select(func.count(FabRow.id)).where(FabRow.updated_at > newest))
    unscreenable = _count(
        session,
        select(func.count()).select_from(
            select(ScreeningMatchRow.party_kind, ScreeningMatchRow.party_id)
            .where(
                and_(
                    ScreeningMatchRow.entry_key == NOT_SCREENED,
                    ScreeningMatchRow.status == POTENTIAL,
                )
            )
            .distinct()
            .subquery()
        ),
    )
    return min(changed + unscreenable, parties)
