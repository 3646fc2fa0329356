"""Installed Base and Contracts views: sort and filter re-query ids exactly as SQL says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.services import browse, overview
from workbench.ui.main_window import MainWindow
from workbench.ui.views.big_table import BigTableView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def _open(window: MainWindow, qtbot: QtBot, key: str) -> BigTableView:
    view = window.show_view(key)
    assert isinstance(view, BigTableView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    return view


def _wait_for(view: BigTableView, qtbot: QtBot, expected: list[int]) -> None:
    qtbot.waitUntil(lambda: list(view.model.ids) == expected, timeout=WAIT_MS)


def test_installed_base_opens_with_all_machines(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "installed-base")
    expected = browse.find_ids(window.db, "machines")
    assert list(view.model.ids) == expected
    assert view.count_label.text() == f"{len(expected):,} machines"
    # the first visible cell is real data, fetched through the page cache
    assert view.model.data(view.model.index(0, 0)) not in (None, "", "—")


def test_header_click_sorts_in_sql(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "installed-base")
    column = view.model.column_of("install_date")
    view.header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    expected = browse.find_ids(
        window.db, "machines", browse.Query(sort="install_date", descending=True)
    )
    _wait_for(view, qtbot, expected)
    assert view.model.query.sort == "install_date"
    dates = [view.model.row_values(r)[column] for r in range(50)]  # type: ignore[index]
    assert dates == sorted(dates, reverse=True)


def test_column_filter_and_search_requery(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "installed-base")
    total = view.model.rowCount()
    view.header.set_filter("country", "CN", immediate=True)
    expected = browse.find_ids(window.db, "machines", browse.Query(filters={"country": "CN"}))
    _wait_for(view, qtbot, expected)
    assert 0 < len(expected) < total
    assert view.count_label.text() == f"{len(expected):,} of {total:,} machines"
    assert view.clear_button.isEnabled()

    view.search.setText("nxt")  # debounced; the wait covers the pause
    both = browse.Query(search="nxt", filters={"country": "CN"})
    expected = browse.find_ids(window.db, "machines", both)
    _wait_for(view, qtbot, expected)
    assert 0 < len(expected) < total

    view.clear_filters()
    _wait_for(view, qtbot, browse.find_ids(window.db, "machines"))
    assert view.count_label.text() == f"{total:,} machines"


def test_details_pane_follows_the_selection(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "installed-base")
    serial_column = view.model.column_of("serial")
    for row in (5, 42):
        serial = view.model.data(view.model.index(row, serial_column))
        view.table.selectRow(row)
        qtbot.waitUntil(
            lambda s=serial: f"serial {s}" in view.details.title.text(), timeout=WAIT_MS
        )
        machine_id = view.model.id_at(row)
        assert view.selected_id == machine_id
        expected = overview.machine_detail(window.db, machine_id or 0)
        assert expected is not None
        assert view.details.table_model.rowCount() == len(expected.table_rows)


def test_selection_survives_a_resort(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "installed-base")
    view.table.selectRow(10)
    chosen = view.model.id_at(10)
    view.header.setSortIndicator(view.model.column_of("fab"), Qt.SortOrder.AscendingOrder)
    expected = browse.find_ids(window.db, "machines", browse.Query(sort="fab"))
    _wait_for(view, qtbot, expected)
    rows = view.table.selectionModel().selectedRows()
    assert [view.model.id_at(i.row()) for i in rows] == [chosen]


def test_contracts_view_sorts_by_value(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "contracts")
    assert list(view.model.ids) == browse.find_ids(window.db, "contracts")
    view.header.setSortIndicator(view.model.column_of("value"), Qt.SortOrder.DescendingOrder)
    expected = browse.find_ids(window.db, "contracts", browse.Query(sort="value", descending=True))
    _wait_for(view, qtbot, expected)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.details.title.text().startswith("Contract "), timeout=WAIT_MS)
    assert view.details.table_caption.text().startswith("Covered machines")


def test_hidden_column_hides_its_filter_box(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot, "installed-base")
    column = view.model.column_of("vendor")
    assert view.header.editor("vendor").isVisible()
    view.header.setSectionHidden(column, True)
    qtbot.waitUntil(lambda: not view.header.editor("vendor").isVisible(), timeout=WAIT_MS)
    view.reset_columns()
    qtbot.waitUntil(lambda: view.header.editor("vendor").isVisible(), timeout=WAIT_MS)
