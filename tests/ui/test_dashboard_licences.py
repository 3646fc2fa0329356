"""The dashboard's licences ending in the next 90 days, with what each covers in the latest run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.services import evaluation, licences
from workbench.storage.database import Database
from workbench.ui.expiring_model import COLUMNS, ExpiringLicencesModel
from workbench.ui.main_window import MainWindow
from workbench.ui.roles import ID_ROLE
from workbench.ui.views.dashboard import DashboardView

from .conftest import WAIT_MS

#: The three VEU authorisations end on 30 Dec 2025, the Dutch CXMT licence on 31 Dec.
DAY = dt.date(2025, 12, 1)


def _column(key: str) -> int:
    return [k for k, _ in COLUMNS].index(key)


def test_model_passes_the_model_tester(demo_db: Database, qtmodeltester: object) -> None:
    evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    report = licences.expiring(demo_db, DAY, 90)
    model = ExpiringLicencesModel()
    model.set_report(report)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 4 and model.columnCount() == len(COLUMNS)
    first = report.licences[0]
    assert model.index(0, _column("licence")).data() == (
        f"{first.licence.spec.authority} {first.licence.spec.number}"
    )
    assert model.index(0, _column("days_left")).data() == "29"
    assert model.index(0, _column("licence")).data(ID_ROLE) == first.licence.id
    protected = model.index(0, _column("protected")).data()
    for currency, value in first.value_protected.items():
        assert f"{currency} {value:,.0f}" in protected
    assert model.index(0, _column("days_left")).data(Qt.ItemDataRole.ForegroundRole) is not None
    model.set_report(None)
    assert model.rowCount() == 0


def _dashboard(window: MainWindow, qtbot: QtBot, day: dt.date) -> DashboardView:
    view = window.show_view("dashboard")
    assert isinstance(view, DashboardView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    view.today = day
    view.set_ready(False)
    view.reload()
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    return view


def test_the_dashboard_lists_licences_ending_with_the_value_they_cover(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = _dashboard(window, qtbot, DAY)
    panel = view.expiring_panel
    assert panel.heading.text() == "Licences ending in the next 90 days"
    assert "No evaluation run yet" in panel.note.text()
    assert view.expiring.model.rowCount() == 4
    assert view.expiring.model.index(0, _column("protected")).data() == "—"

    run = evaluation.evaluate_scenario(window.db, "in-force", dt.date(2025, 6, 1)).run_id
    view.set_ready(False)
    view.reload()
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    assert f"(run {run}, in-force, as of 2025-06-01)" in panel.note.text()
    report = view.expiring.model.report
    assert report is not None and report.run is not None and report.run.id == run
    texts = [
        view.expiring.model.index(r, _column("exposed")).data()
        for r in range(view.expiring.model.rowCount())
    ]
    assert all(t and t != "—" for t in texts), texts
    assert view.expiring.table.isVisibleTo(view) and not view.expiring.empty.isVisibleTo(view)
    with qtbot.waitSignal(view.context.requested, timeout=WAIT_MS) as asked:
        view.expiring.table.doubleClicked.emit(view.expiring.model.index(0, 0))
    assert asked.args == ["show-licences"]
    window.resize(1440, 1000)
    panel.grab().save(str(tmp_path / "expiring.png"))
    assert (tmp_path / "expiring.png").stat().st_size > 0


def test_with_nothing_ending_the_panel_says_so(window: MainWindow, qtbot: QtBot) -> None:
    view = _dashboard(window, qtbot, dt.date(2030, 1, 1))
    assert view.expiring.model.rowCount() == 0
    assert not view.expiring.table.isVisibleTo(view)
    assert view.expiring.empty.isVisibleTo(view)
    assert view.expiring.empty.text() == "No licence ends in the next 90 days."
