"""Drafting a licence application from the Impact view's selected hit, and exporting it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from workbench.services import applications, evaluation
from workbench.storage.orm import RunHitRow, RunObligationRow
from workbench.ui.application_dialog import ApplicationDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.views.impact import ImpactView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def test_draft_from_the_selected_hit_and_export(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    db = window.db
    run_id = evaluation.evaluate_scenario(db, "in-force", dt.date(2025, 6, 1)).run_id
    view = window.show_view("impact")
    assert isinstance(view, ImpactView)
    view.ask_to_open = False
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    view.hits._select(None)
    assert not view.apply_button.isEnabled()
    with db.read() as session:
        hit_id = session.scalar(
            select(RunHitRow.id)
            .join(
                RunObligationRow,
                (RunObligationRow.run_id == RunHitRow.run_id)
                & (RunObligationRow.obligation_id == RunHitRow.obligation_id),
            )
            .where(
                RunHitRow.run_id == run_id,
                RunHitRow.final_outcome == "licence_required",
                RunObligationRow.obligation_end >= dt.date(2025, 6, 1),
            )
            .order_by(RunHitRow.id)
            .limit(1)
        )
    assert hit_id is not None
    view.hits._select(hit_id)
    assert view.apply_button.isEnabled()
    view.draft_application()
    qtbot.waitUntil(lambda: view.findChild(ApplicationDialog) is not None, timeout=WAIT_MS)
    dialog = view.findChild(ApplicationDialog)
    assert isinstance(dialog, ApplicationDialog)
    assert dialog.key.run_id == run_id and dialog.all_of_rule.isChecked()
    dialog.end_use.setPlainText("Maintenance of installed tools")
    dialog.draft()
    qtbot.waitUntil(lambda: bool(dialog.drafted), timeout=WAIT_MS)
    [app] = dialog.drafted
    assert f"Drafted application #{app.id}" in dialog.outcome.text()
    assert applications.get_application(db, app.id).end_use == "Maintenance of installed tools"
    dialog.export_to(tmp_path / "annex.xlsx", "xlsx")
    qtbot.waitUntil(lambda: "Wrote annex.xlsx" in dialog.outcome.text(), timeout=WAIT_MS)
    sheet = openpyxl.load_workbook(tmp_path / "annex.xlsx")["Annex"]
    assert sheet.max_row == app.items + 1
    dialog.only_this.setChecked(True)
    dialog.draft()
    qtbot.waitUntil(lambda: len(dialog.drafted) == 1 and dialog.drafted[0].id != app.id,
                    timeout=WAIT_MS)  # fmt: skip
    assert dialog.drafted[0].items == 1
    dialog.grab().save(str(tmp_path / "dialog.png"))
    dialog.close()
    window.writer.wait()
    window.jobs.wait()
