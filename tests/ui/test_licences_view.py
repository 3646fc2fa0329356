"""The Licences view: the register on screen, the dialog's refusals, import and documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from workbench.services.licences import LicenceInput, Protection, add_licence, list_licences
from workbench.storage.database import Database
from workbench.ui.licences_model import COLUMNS, LicencesModel
from workbench.ui.main_window import MainWindow
from workbench.ui.views.licences import LicencesView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def _open(window: MainWindow, qtbot: QtBot) -> LicencesView:
    view = window.show_view("licences")
    assert isinstance(view, LicencesView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    return view


def test_model_passes_the_model_tester(demo_db: Database, qtmodeltester: object) -> None:
    model = LicencesModel()
    model.set_licences(list_licences(demo_db), {"VEU-C-0012": Protection(4, 3, {"USD": 1234.5})})
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 6 and model.columnCount() == len(COLUMNS)
    row = next(i for i in range(6) if model.licence(i).spec.number == "VEU-C-0012")  # type: ignore[union-attr]
    hits = model.index(row, [k for k, _ in COLUMNS].index("protected")).data()
    assert hits == "USD 1,234"


def test_view_lists_the_register_filters_and_shows_a_licence(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = _open(window, qtbot)
    view.today = dt.date(2025, 10, 15)
    view.show_filter.setCurrentIndex(0)
    view._on_loaded(view._generation, (view._all, view._protection))
    assert view.model.rowCount() == 6
    # The three VEU authorisations end on 30 Dec 2025 (90 FR 42321), with one other licence.
    assert "4 licences end within 90 days" in view.banner.text()
    view.show_filter.setCurrentIndex(3)  # expired
    assert [lic.spec.number for lic in view.model.licences] == ["D1234567"]
    view.show_filter.setCurrentIndex(0)
    view.select(view.model.licences[0].id)
    assert "Service types" in view.detail.toHtml()
    view.resize(1300, 700)
    view.grab().save(str(tmp_path / "licences.png"))
    assert (tmp_path / "licences.png").stat().st_size > 0


def test_dialog_refuses_with_the_services_sentence_then_saves(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    dialog = view.add()
    dialog.authority.setCurrentText("NL-CDIU")
    dialog.number.setText("NL-EXP-2025-1")
    dialog.valid_from.setText("2025-02-01")
    dialog.valid_to.setText("2025-01-01")
    dialog.save()
    qtbot.waitUntil(lambda: "before it is valid" in dialog.problem.text(), timeout=WAIT_MS)
    dialog.valid_to.setText("2027-01-31")
    dialog.scope["fabs"].setText("CN-CXMT-HF1, NOWHERE")
    dialog.save()
    qtbot.waitUntil(lambda: "fab 'NOWHERE'" in dialog.problem.text(), timeout=WAIT_MS)
    dialog.scope["fabs"].setText("CN-CXMT-HF1")
    dialog.services["spare_parts"].setChecked(True)
    dialog.value_limit.setText("abc")
    dialog.save()
    assert "is not an amount" in dialog.problem.text()
    dialog.value_limit.setText("500000")
    dialog.currency.setText("eur")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.save()
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=WAIT_MS)
    saved = next(lic for lic in view.model.licences if lic.spec.number == "NL-EXP-2025-1")
    assert saved.spec.service_types == ("spare_parts",) and saved.spec.limit_currency == "EUR"
    view.select(saved.id)
    edit = view.edit()
    assert edit is not None and edit.scope["fabs"].text() == "CN-CXMT-HF1"
    edit.valid_to.setText("2027-06-30")
    with qtbot.waitSignal(edit.accepted, timeout=WAIT_MS):
        edit.save()
    qtbot.waitUntil(
        lambda: any(lic.spec.valid_to == dt.date(2027, 6, 30) for lic in view.model.licences),
        timeout=WAIT_MS,
    )


def test_import_and_attach_from_the_view(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    view = _open(window, qtbot)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Licences"
    ws.append(["Authority", "Number", "Valid from", "Valid to", "Fabs"])
    ws.append(["METI", "JP-2025-1", "2025-04-01", "2026-03-31", "CN-CXMT-HF1"])
    wb.save(tmp_path / "lic.xlsx")
    view.import_file(tmp_path / "lic.xlsx")
    qtbot.waitUntil(lambda: "1 added" in view.status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=WAIT_MS)
    view.select(next(lic.id for lic in view.model.licences if lic.spec.number == "JP-2025-1"))
    doc = tmp_path / "jp.pdf"
    doc.write_bytes(b"%PDF METI")
    view.attach_file(doc)
    qtbot.waitUntil(lambda: "SHA-256" in view.status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: any(lic.document_name == "jp.pdf" for lic in view.model.licences),
        timeout=WAIT_MS,
    )


def test_a_licence_added_elsewhere_shows_after_reload(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot)
    add_licence(window.db, LicenceInput("BIS", "D777", dt.date(2025, 1, 1)))
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=WAIT_MS)
