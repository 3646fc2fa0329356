"""Editing in the window: a contract saved through its dialog updates just its row; a change
saved by someone else in between raises the conflict dialog with both values; undo; the
History tab; a viewer cannot edit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from workbench.services import browse, editing, roles
from workbench.services.edit_records import read_record
from workbench.storage.database import Database
from workbench.ui.edit_conflict import ConflictDialog
from workbench.ui.edit_dialog import EditDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.views.big_table import BigTableView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def analyst(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "ann")


def _contracts(window: MainWindow, qtbot: QtBot, row: int = 3) -> tuple[BigTableView, int]:
    view = window.show_view("contracts")
    assert isinstance(view, BigTableView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    view.table.selectRow(row)
    contract_id = view.model.id_at(row)
    assert contract_id is not None
    qtbot.waitUntil(lambda: view.selected_id == contract_id, timeout=WAIT_MS)
    return view, contract_id


def _open_editor(window: MainWindow, qtbot: QtBot) -> EditDialog:
    qtbot.waitUntil(lambda: window.editing.can_write, timeout=WAIT_MS)
    dialog = window.editing.edit_record()
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    return dialog


def _line(dialog: EditDialog, name: str) -> QLineEdit:
    editor = dialog.form.fields[name].editor
    assert isinstance(editor, QLineEdit)
    return editor


def _cell(view: BigTableView, contract_id: int, key: str) -> Any:
    row = view.model.row_of(contract_id)
    assert row is not None
    return view.model.data(view.model.index(row, view.model.column_of(key)))


def test_saving_a_contract_updates_only_its_row(window: MainWindow, qtbot: QtBot) -> None:
    view, contract_id = _contracts(window, qtbot)
    ids_before = list(view.model.ids)
    resets: list[bool] = []
    changed_rows: set[int] = set()
    view.model.modelReset.connect(lambda: resets.append(True))
    view.model.dataChanged.connect(
        lambda top, bottom, _roles=(): changed_rows.update(range(top.row(), bottom.row() + 1))
    )
    dialog = _open_editor(window, qtbot)
    assert dialog.record is not None and dialog.record.record_id == contract_id
    _line(dialog, "title").setText("Renegotiated PM and parts")
    _line(dialog, "value").setText("123456.78")
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS):
        dialog.save()

    qtbot.waitUntil(
        lambda: _cell(view, contract_id, "title") == "Renegotiated PM and parts", timeout=WAIT_MS
    )
    assert not resets, "the model was reset instead of updating the row"
    assert changed_rows == {view.model.row_of(contract_id)}
    assert list(view.model.ids) == ids_before
    stored = read_record(window.db, "contracts", contract_id)
    assert stored is not None and stored.values["value"] == Decimal("123456.78")
    assert "123,456.78" in str(_cell(view, contract_id, "value"))


def test_invalid_fields_show_the_service_message_and_nothing_is_saved(
    window: MainWindow, qtbot: QtBot
) -> None:
    _view, contract_id = _contracts(window, qtbot)
    before = read_record(window.db, "contracts", contract_id)
    dialog = _open_editor(window, qtbot)
    _line(dialog, "currency").setText("XYZ1")
    _line(dialog, "end_date").setText("31/12/2027")
    error = dialog.form.fields["currency"].error
    assert not error.isHidden() and "not a currency" in error.text()
    assert "YYYY-MM-DD" in dialog.form.fields["end_date"].error.text()
    dialog.save()
    assert "Correct the fields marked in red" in dialog.banner.text()
    assert read_record(window.db, "contracts", contract_id) == before


def test_a_concurrent_change_shows_both_values(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, contract_id = _contracts(window, qtbot)
    dialog = _open_editor(window, qtbot)
    assert dialog.record is not None and dialog.record.version is not None
    # bob saves the same contract while ann's form is open
    monkeypatch.setenv("WORKBENCH_USER", "bob")
    editing.update(
        window.db, "contracts", contract_id, dialog.record.version, {"title": "Bob's title"}
    )
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    _line(dialog, "title").setText("Ann's title")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.conflict is not None, timeout=WAIT_MS)
    conflict = dialog.conflict
    assert isinstance(conflict, ConflictDialog)
    assert conflict.isVisible()
    assert ("Title", "Ann's title", "Bob's title") in conflict.row_texts()
    assert "bob" in conflict.headline.text()
    stored = read_record(window.db, "contracts", contract_id)
    assert stored is not None and stored.values["title"] == "Bob's title"  # nothing overwritten

    # Keep editing: ann's value stays, and the next save is made knowingly against bob's
    conflict.keep_button.click()
    qtbot.waitUntil(
        lambda: dialog.record is not None and dialog.record.values["title"] == "Bob's title",
        timeout=WAIT_MS,
    )
    assert _line(dialog, "title").text() == "Ann's title"
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.save()
    qtbot.waitUntil(lambda: _cell(view, contract_id, "title") == "Ann's title", timeout=WAIT_MS)


def test_reload_theirs_fills_the_form_with_the_stored_values(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _view, contract_id = _contracts(window, qtbot)
    dialog = _open_editor(window, qtbot)
    assert dialog.record is not None and dialog.record.version is not None
    monkeypatch.setenv("WORKBENCH_USER", "bob")
    editing.update(
        window.db, "contracts", contract_id, dialog.record.version, {"renewal": "annual"}
    )
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    _line(dialog, "renewal").setText("none")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.conflict is not None, timeout=WAIT_MS)
    assert dialog.conflict is not None
    dialog.conflict.reload_button.click()
    qtbot.waitUntil(lambda: _line(dialog, "renewal").text() == "annual", timeout=WAIT_MS)
    assert dialog.record is not None and dialog.record.version == 2


def test_undo_names_the_edit_and_reverts_it(window: MainWindow, qtbot: QtBot) -> None:
    view, contract_id = _contracts(window, qtbot)
    number = _cell(view, contract_id, "number")
    old_title = _cell(view, contract_id, "title")
    dialog = _open_editor(window, qtbot)
    _line(dialog, "title").setText("To be undone")
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS):
        dialog.save()
    undo = window.editing.undo_action
    qtbot.waitUntil(lambda: undo.isEnabled() and number in undo.text(), timeout=WAIT_MS)
    assert undo.text().replace("&", "") == f"Undo Edit of contract {number}"
    undo.trigger()
    qtbot.waitUntil(lambda: _cell(view, contract_id, "title") == old_title, timeout=WAIT_MS)
    stored = read_record(window.db, "contracts", contract_id)
    assert stored is not None and stored.values["title"] == old_title


def test_history_tab_lists_who_changed_what(window: MainWindow, qtbot: QtBot) -> None:
    view, contract_id = _contracts(window, qtbot)
    dialog = _open_editor(window, qtbot)
    old_title = _line(dialog, "title").text()
    _line(dialog, "title").setText("Audited title")
    dialog.comment.setText("customer asked for it")
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS):
        dialog.save()
    tabs = view.details.tabs
    assert tabs is not None
    tabs.setCurrentWidget(view.history)
    qtbot.waitUntil(lambda: view.history.model.rowCount() > 0, timeout=WAIT_MS)
    model = view.history.model
    newest = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert newest[1:] == ["ann", "title", old_title, "Audited title", "manual edit",
                          "customer asked for it"]  # fmt: skip
    assert view.history.record == ("contracts", contract_id)


def test_new_fab_shows_advanced_node_live_and_is_created(window: MainWindow, qtbot: QtBot) -> None:
    window.show_view("customers")
    qtbot.waitUntil(lambda: window.editing.can_write, timeout=WAIT_MS)
    dialog = window.editing.new_record("fabs")
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    form = dialog.form
    assert form.advanced_label is not None
    assert form.advanced_label.text().startswith("Unknown")
    _line(dialog, "site_code").setText("TST-F1")
    _line(dialog, "name").setText("Test Fab 1")
    _line(dialog, "country").setText("Atlantis")
    assert "not a country" in form.fields["country"].error.text()
    _line(dialog, "country").setText("China")
    assert form.fields["country"].error.isHidden()
    customer = form.fields["customer_id"].editor
    process = form.fields["process_type"].editor
    architecture = form.fields["architecture"].editor
    assert isinstance(customer, QComboBox) and isinstance(process, QComboBox)
    assert isinstance(architecture, QComboBox)
    customer.setCurrentIndex(1)
    process.setCurrentIndex(process.findData("logic"))
    _line(dialog, "logic_node_nm").setText("28")
    architecture.setCurrentIndex(architecture.findData("planar"))
    assert form.advanced_label.text().startswith("No")
    architecture.setCurrentIndex(architecture.findData("finfet"))
    assert form.advanced_label.text().startswith("Yes")
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS) as saved:
        dialog.save()
    (result,) = saved.args[0]
    stored = read_record(window.db, "fabs", result.record_id)
    assert stored is not None and stored.values["country"] == "CN"
    found = browse.records(window.db, "fabs", browse.Query(search="TST-F1"))
    assert [f["advanced_node"] for f in found] == [True]


def test_viewer_cannot_edit(
    demo_db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    roles.set_role(demo_db, "ann", "approver")
    roles.set_role(demo_db, "vic", "viewer")
    monkeypatch.setenv("WORKBENCH_USER", "vic")
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.editing.role is not None, timeout=WAIT_MS)
        assert win.role_label.text() == "vic · viewer"
        for action in (
            win.editing.new_action,
            win.editing.edit_action,
            win.editing.delete_action,
            win.editing.undo_action,
        ):
            assert not action.isEnabled()
    finally:
        win.close()


def test_who_performs_the_service_is_shown_and_saved_as_yes_no_or_unrecorded(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The contract's US-person flag (15 CFR 744.6 reads it): the demo's stored value is
    shown in the yes/no choice, and choosing "—" stores it as unrecorded."""
    _view, contract_id = _contracts(window, qtbot)
    stored = read_record(window.db, "contracts", contract_id)
    assert stored is not None
    dialog = _open_editor(window, qtbot)
    combo = dialog.form.fields["us_person_service"].editor
    assert isinstance(combo, QComboBox)
    expected = {True: "true", False: "false", None: None}[stored.values["us_person_service"]]
    assert combo.currentData() == expected and combo.count() == 3
    combo.setCurrentIndex(combo.findData("true" if expected != "true" else "false"))
    with qtbot.waitSignal(window.editing.records_changed, timeout=WAIT_MS):
        dialog.save()
    after = read_record(window.db, "contracts", contract_id)
    assert after is not None
    assert after.values["us_person_service"] is (expected != "true")
