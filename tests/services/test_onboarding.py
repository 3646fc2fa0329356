"""Where a book stands for a first user: empty, then what the first import left unknown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select, update

from workbench.paths import resource
from workbench.services import importing, onboarding, screening
from workbench.services.demo import load_demo
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database
from workbench.storage.orm import CustomerRow, EquipmentModelRow, FabRow, ScreeningRunRow

EXAMPLE = resource("examples", "installed_base_export.csv")


def test_an_empty_book_is_empty_and_nothing_is_unscreened(db: Database) -> None:
    status = onboarding.book_status(db)
    assert status.is_empty
    assert status.last_import is None
    assert (status.customers, status.machines, status.parties_not_screened) == (0, 0, 0)
    assert status.open_questions == 0


def test_the_first_import_reports_what_came_in_and_what_is_unknown(db: Database) -> None:
    assert importing.run_import(db, [Path(EXAMPLE)], ImportOptions(commit=True)).committed
    status = onboarding.book_status(db)
    assert not status.is_empty
    assert status.last_import is not None
    assert status.last_import.file_name.endswith("installed_base_export.csv")
    with db.read() as session:
        customers = session.execute(
            select(CustomerRow.hq_country, CustomerRow.hq_country_basis)
        ).all()
        categories = session.scalars(select(EquipmentModelRow.category)).all()
        fabs = len(session.scalars(select(FabRow.id)).all())
    assert status.customers == len(customers)
    assert status.customers_without_hq == sum(1 for c, _ in customers if c is None)
    assert status.customers_hq_inferred == sum(
        1 for c, basis in customers if c is not None and basis == "inferred"
    )
    assert status.models_category_unknown == sum(1 for c in categories if c == "unknown")
    # The example names no HQ country: every customer's is unknown or inferred, so the rules
    # read it as a doubt and the dashboard must say so.
    assert status.customers_without_hq + status.customers_hq_inferred == len(customers) > 0
    # Nothing was screened yet: every customer and fab is still to be screened.
    assert status.screening_runs == 0
    assert status.parties_not_screened == len(customers) + fabs
    assert status.open_questions > 0


def test_screening_clears_the_unscreened_count_until_a_name_changes(db: Database) -> None:
    load_demo(db)
    assert onboarding.book_status(db).parties_not_screened > 0
    screening.screen(db)
    after = onboarding.book_status(db)
    assert after.screening_runs == 1
    assert after.list_versions >= 1
    # The demo book's names are all screenable (Latin-letter names or aliases).
    assert after.parties_not_screened == 0
    with db.session() as session:
        first = session.scalars(select(CustomerRow.id).order_by(CustomerRow.id)).first()
        session.execute(
            update(CustomerRow)
            .where(CustomerRow.id == first)
            .values(name="Renamed after screening", updated_at=_after_the_run(db))
        )
    assert onboarding.book_status(db).parties_not_screened == 1


def _after_the_run(db: Database) -> dt.datetime:
    """A timestamp one day after the newest screening run: a change the run has not seen."""
    with db.read() as session:
        started = session.scalar(select(func.max(ScreeningRunRow.started_at)))
    assert started is not None
    return started + dt.timedelta(days=1)
