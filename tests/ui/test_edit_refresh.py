"""After an edit, open views show its effect: touched rows repainted from the database, the id
list re-queried only when rows came or went or a sorted/filtered value changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.services import browse, editing
from workbench.services.edit_records import read_record
from workbench.storage.database import Database
from workbench.ui.main_window import MainWindow
from workbench.ui.table_model import IdTableModel
from workbench.ui.views.big_table import BigTableView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def analyst(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "ann")


def test_refresh_ids_drops_only_the_pages_holding_them(demo_db: Database) -> None:
    spec = browse.spec("machines")
    asked: list[list[int]] = []

    def fetch(ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        asked.append(list(ids))
        return browse.fetch_rows(demo_db, spec, ids)

    model = IdTableModel(spec, fetch, page_size=100)
    model.set_ids(browse.find_ids(demo_db, spec, browse.Query()))
    model.data(model.index(5, 0))
    model.data(model.index(150, 0))
    assert len(asked) == 2
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _r=(): changed.append((top.row(), bottom.row())))
    target = model.id_at(150)
    assert target is not None
    assert model.refresh_ids([target, 10**9]) == [150]  # an unknown id is ignored
    assert changed == [(150, 150)]
    model.data(model.index(5, 0))  # page 0 kept
    assert len(asked) == 2
    model.data(model.index(150, 0))  # page 1 read again
    assert len(asked) == 3 and target in asked[-1]

    assert model.refresh_ids(None) == list(range(model.rowCount()))
    assert changed[-1] == (0, model.rowCount() - 1)
    model.data(model.index(5, 0))
    assert len(asked) == 4


def _view(window: MainWindow, qtbot: QtBot, key: str) -> BigTableView:
    view = window.show_view(key)
    assert isinstance(view, BigTableView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    return view


def test_a_sorted_column_change_requeries_the_ids(window: MainWindow, qtbot: QtBot) -> None:
    view = _view(window, qtbot, "contracts")
    first = view.model.id_at(0)
    assert first is not None and view.query.sort == "number"
    record = read_record(window.db, "contracts", first)
    assert record is not None and record.version is not None
    result = editing.update(window.db, "contracts", first, record.version, {"number": "ZZZ-LAST"})
    with qtbot.waitSignal(view.model.modelReset, timeout=WAIT_MS):
        view.records_changed([result])
    assert view.model.id_at(view.model.rowCount() - 1) == first


def test_coverage_edit_through_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    view = _view(window, qtbot, "contracts")
    contract_id = view.model.id_at(0)
    assert contract_id is not None
    qtbot.waitUntil(lambda: window.editing.can_write, timeout=WAIT_MS)
    dialog = window.editing.edit_record("contracts", contract_id)
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    coverage = dialog.form.coverage
    assert coverage is not None
    before = coverage.coverage()
    assert before and before == set(dialog.record.coverage)  # type: ignore[union-attr]
    machine_id = next(iter(sorted(before)))[0]
    # untick every service of the first machine but one
    table = coverage.table
    row = next(
        r for r in range(table.rowCount())
        if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == machine_id  # type: ignore[union-attr]
    )  # fmt: skip
    for column in range(2, table.columnCount()):
        table.item(row, column).setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    wanted = coverage.coverage()
    assert wanted != before
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS) as saved:
        dialog.save()
    touched = {pair for result in saved.args[0] for pair in result.touched}
    assert ("contracts", contract_id) in touched
    assert any(table == "obligations" for table, _ in touched)
    stored = read_record(window.db, "contracts", contract_id)
    assert stored is not None and set(stored.coverage) == wanted
    column = view.model.column_of("obligations")
    qtbot.waitUntil(
        lambda: view.model.data(view.model.index(0, column)) == str(len(wanted)), timeout=WAIT_MS
    )


def test_delete_then_undo_brings_the_record_back(window: MainWindow, qtbot: QtBot) -> None:
    view = _view(window, qtbot, "contracts")
    view.table.selectRow(2)
    contract_id = view.model.id_at(2)
    assert contract_id is not None
    qtbot.waitUntil(lambda: view.selected_id == contract_id, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.editing.can_write, timeout=WAIT_MS)
    window.editing.delete_record()
    qtbot.waitUntil(lambda: window.editing.delete_dialog is not None, timeout=WAIT_MS)
    dialog = window.editing.delete_dialog
    assert dialog is not None
    dialog.comment.setText("duplicate of another contract")
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: view.model.row_of(contract_id) is None, timeout=WAIT_MS)
    assert read_record(window.db, "contracts", contract_id) is None

    undo = window.editing.undo_action
    qtbot.waitUntil(lambda: undo.isEnabled() and "contract" in undo.text(), timeout=WAIT_MS)
    undo.trigger()
    qtbot.waitUntil(lambda: view.model.row_of(contract_id) is not None, timeout=WAIT_MS)
    assert read_record(window.db, "contracts", contract_id) is not None


def test_relocating_a_machine_marks_it_relocated(window: MainWindow, qtbot: QtBot) -> None:
    view = _view(window, qtbot, "installed-base")
    machine_id = view.model.id_at(0)
    assert machine_id is not None
    qtbot.waitUntil(lambda: window.editing.can_write, timeout=WAIT_MS)
    dialog = window.editing.edit_record("machines", machine_id)
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    fab = dialog.form.fields["fab_id"].editor
    status = dialog.form.fields["status"].editor
    original = fab.currentData()  # type: ignore[attr-defined]
    other = next(i for i in range(1, fab.count()) if fab.itemData(i) != original)  # type: ignore[attr-defined]
    fab.setCurrentIndex(other)  # type: ignore[attr-defined]
    assert status.currentData() == "relocated"  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS):
        dialog.save()
    column = view.model.column_of("status")
    row = view.model.row_of(machine_id)
    assert row is not None
    qtbot.waitUntil(
        lambda: view.model.data(view.model.index(row, column)) not in (None, "Installed"),
        timeout=WAIT_MS,
    )
    stored = read_record(window.db, "machines", machine_id)
    assert stored is not None and stored.values["status"] == "relocated"
    assert stored.values["fab_id"] != original
