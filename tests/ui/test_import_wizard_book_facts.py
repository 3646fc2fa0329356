"""What the user tells the wizard once that no export says: the book's currency, a file's
country. Driven on an EMPTY book with exports of the second corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from workbench.services.book_settings import BOOK_CURRENCY, all_settings
from workbench.services.database import info
from workbench.storage.database import Database
from workbench.ui.import_wizard import ImportWizard
from workbench.ui.jobs import JobRunner
from workbench.ui.views.base import ViewContext

from .conftest import WAIT_MS

CORPUS = Path(__file__).resolve().parent.parent / "data" / "import" / "heldout"


@pytest.fixture
def context(sqlite_db: Database, qtbot: QtBot) -> Iterator[ViewContext]:
    jobs, writer = JobRunner(), JobRunner(serial=True)
    yield ViewContext(sqlite_db, jobs, writer)
    jobs.shutdown()
    writer.shutdown()


def _wizard(context: ViewContext, name: str | Path) -> ImportWizard:
    shown = ImportWizard(context, [name if isinstance(name, Path) else CORPUS / name])
    shown.resize(1180, 760)
    shown.show()
    return shown


def _to_preview(wizard: ImportWizard, qtbot: QtBot) -> None:
    wizard.next()  # the files are read before the sheets page shows
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheets_page, timeout=WAIT_MS)
    while wizard.currentPage() is not wizard.preview_page:
        wizard.next()
    _settled(wizard, qtbot)


def _settled(wizard: ImportWizard, qtbot: QtBot) -> None:
    qtbot.waitUntil(
        lambda: wizard.state.preview is not None and not wizard.preview_page.strip.running,
        timeout=WAIT_MS,
    )


def _type(field: object, text: str) -> None:
    field.setText(text)  # type: ignore[attr-defined]
    field.editingFinished.emit()  # type: ignore[attr-defined]


def _without_currency_formats(name: str, folder: Path) -> Path:
    """The corpus workbook with its euro number formats made plain: no currency anywhere."""
    workbook = openpyxl.load_workbook(CORPUS / name)
    for row in workbook.active.iter_rows():
        for cell in row:
            if "€" in cell.number_format:
                cell.number_format = "#,##0.00"
    plain = folder / name
    workbook.save(plain)
    return plain


def test_the_books_currency_typed_once_lets_an_erp_export_in_and_is_kept(
    context: ViewContext, qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = _wizard(context, _without_currency_formats("afas_installatiebasis_nl.xlsx", tmp_path))
    try:
        page = wizard.preview_page
        _to_preview(wizard, qtbot)
        wizard.state.preview = None
        _type(page.own_company, "ASM International")
        _settled(wizard, qtbot)
        assert wizard.state.preview is not None
        assert wizard.state.preview.plan.rejected_rows  # values without a currency
        _type(page.currency, "XQZ")
        assert "not a currency code" in page.strip.label.text()
        assert wizard.state.currency is None
        wizard.state.preview = None
        _type(page.currency, "eur")
        _settled(wizard, qtbot)
        assert page.currency.text() == "EUR" and wizard.state.currency == "EUR"
        assert not wizard.state.preview.plan.rejected_rows
        page.start_commit()
        qtbot.waitUntil(lambda: wizard.state.outcome is not None, timeout=WAIT_MS)
        assert wizard.state.outcome is not None and wizard.state.outcome.committed
    finally:
        wizard.reject()
        shiboken6.delete(wizard)
    assert all_settings(context.db)[BOOK_CURRENCY] == "EUR"
    assert info(context.db).counts["machines"] == 72


def test_a_country_for_a_sheet_that_names_none_creates_its_fabs(
    context: ViewContext, qtbot: QtBot
) -> None:
    wizard = _wizard(context, "kla_china_hand_sheet.xlsx")
    try:
        page = wizard.preview_page
        _to_preview(wizard, qtbot)
        wizard.state.preview = None
        _type(page.own_company, "KLA")
        _settled(wizard, qtbot)
        assert wizard.state.preview is not None
        assert wizard.state.preview.plan.rejected_rows
        wizard.state.preview = None
        _type(page.country, "VR China")
        _settled(wizard, qtbot)
        assert page.country.text() == "CN"
        plan = wizard.state.preview.plan
        assert not plan.rejected_rows
        assert plan.counts()["fabs"]["new"] >= 8
    finally:
        wizard.reject()
        shiboken6.delete(wizard)


def test_a_field_changed_while_a_preview_runs_is_planned_again(
    context: ViewContext, qtbot: QtBot
) -> None:
    wizard = _wizard(context, "kla_china_hand_sheet.xlsx")
    try:
        page = wizard.preview_page
        _to_preview(wizard, qtbot)
        _type(page.own_company, "KLA")  # starts a preview ...
        _type(page.country, "CN")  # ... and this arrives while it runs
        qtbot.waitUntil(
            lambda: (
                wizard.state.preview_for is not None
                and "CN" in wizard.state.preview_for
                and not page.strip.running
            ),
            timeout=WAIT_MS,
        )
        assert wizard.state.preview is not None
        assert not wizard.state.preview.plan.rejected_rows
    finally:
        wizard.reject()
        shiboken6.delete(wizard)
