from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from workbench.services import browse
from workbench.storage.database import Database
from workbench.ui.main_window import MainWindow
from workbench.ui.views.big_table import BigTableView
from workbench.ui.views.dashboard import DashboardView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def test_every_registered_view_shows_data(window: MainWindow, qtbot: QtBot) -> None:
    keys = window.registry.view_keys()
    assert keys[:4] == ["dashboard", "customers", "installed-base", "contracts"]
    assert {"restrictions", "impact"} <= set(keys)
    for key in keys:
        view = window.show_view(key)
        qtbot.waitUntil(lambda v=view: v.is_ready, timeout=WAIT_MS)
        assert window.current_key == key
        assert window.view_actions[key].isChecked()
        assert window.sidebar.currentItem().text() == window.registry.get(key).title
    dashboard = window.view("dashboard")
    assert isinstance(dashboard, DashboardView)
    assert dashboard.cards["machines"].value.text() == "1,200"
    assert len(dashboard.by_country.bars) > 5
    assert sum(b.value for b in dashboard.advanced.bars) == 1200
    assert {c for c, _ in dashboard.currencies.rows} >= {"EUR", "USD"}


def test_sidebar_click_switches_view(window: MainWindow, qtbot: QtBot) -> None:
    for row in range(window.sidebar.count()):
        item = window.sidebar.item(row)
        if item.text() == "Contracts":
            window.sidebar.setCurrentRow(row)
    assert window.current_key == "contracts"


def test_status_bar_names_database_and_counts(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.info is not None, timeout=WAIT_MS)
    assert window.db_label.text().startswith("SQLite · ")
    assert window.db_label.text().endswith("demo.sqlite3")
    assert "1,200 machines" in window.counts_label.text()
    assert "customers" in window.counts_label.text()
    assert window.backup_action.isEnabled()
    assert not window.demo_action.isEnabled()  # the book is not empty


def test_layout_persists_across_restart(demo_db: Database, qtbot: QtBot) -> None:
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    first.resize(990, 640)  # the offscreen screen is 800x800: keep the height on it
    view = first.show_view("installed-base")
    assert isinstance(view, BigTableView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    fab = view.model.column_of("fab")
    vendor = view.model.column_of("vendor")
    view.table.setColumnWidth(fab, 333)
    view.header.setSectionHidden(vendor, True)
    view.header.moveSection(view.header.visualIndex(fab), 0)
    view.splitter.setSizes([500, 700])  # far from the default 960:440
    sizes = view.splitter.sizes()
    first.close()
    assert QSettings().value("window/view") == "installed-base"

    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    assert second.last_view() == "installed-base"
    assert abs(second.height() - 640) <= 5  # restoreGeometry may nudge by the frame
    again = second.show_view("installed-base")
    assert isinstance(again, BigTableView)
    assert again.table.columnWidth(fab) == 333
    assert again.header.isSectionHidden(vendor)
    assert again.header.visualIndex(fab) == 0
    restored = again.splitter.sizes()
    # absolute sizes follow the window; the proportion is what was saved
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02
    second.close()


def test_saved_sort_is_used_after_restart(demo_db: Database, qtbot: QtBot) -> None:
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    view = first.show_view("contracts")
    assert isinstance(view, BigTableView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    view.header.setSortIndicator(view.model.column_of("end"), Qt.SortOrder.DescendingOrder)
    expected = browse.find_ids(demo_db, "contracts", browse.Query(sort="end", descending=True))
    qtbot.waitUntil(lambda: list(view.model.ids) == expected, timeout=WAIT_MS)
    first.close()

    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    again = second.show_view("contracts")
    assert isinstance(again, BigTableView)
    qtbot.waitUntil(lambda: again.is_ready, timeout=WAIT_MS)
    assert list(again.model.ids) == expected
    second.close()


def test_screenshot_windows_leave_saved_layout_alone(demo_db: Database, qtbot: QtBot) -> None:
    QSettings().setValue("window/view", "contracts")
    shot = MainWindow(demo_db, persist=False)
    qtbot.addWidget(shot)
    shot.show()
    shot.show_view("dashboard")
    shot.close()
    assert QSettings().value("window/view") == "contracts"


def test_backup_writes_a_copy(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    window.back_up(target)
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    from workbench.services.database import info, open_database

    copy = open_database(f"sqlite:///{target}", upgrade=False)
    try:
        assert info(copy).counts["machines"] == 1200
    finally:
        copy.dispose()


def test_opening_another_database_reloads_views(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = window.show_view("installed-base")
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    empty = tmp_path / "empty.sqlite3"
    assert window.open_database(str(empty))
    assert isinstance(view, BigTableView)
    qtbot.waitUntil(lambda: view.is_ready and view.model.rowCount() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.info is not None and window.info.counts["machines"] == 0, timeout=WAIT_MS
    )
    assert window.db_label.text().endswith("empty.sqlite3")
    assert window.demo_action.isEnabled()


def test_demo_book_loads_off_the_gui_thread(tmp_path: Path, qtbot: QtBot) -> None:
    from workbench.services.database import open_database

    db = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    view = win.show_view("dashboard")
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    win.load_demo_book()
    with qtbot.waitSignal(win.demo_job.succeeded, timeout=60_000):
        pass
    assert isinstance(view, DashboardView)
    qtbot.waitUntil(lambda: view.cards["machines"].value.text() == "1,200", timeout=WAIT_MS)
    win.close()
    db.dispose()


def test_cancelled_demo_book_leaves_database_empty(tmp_path: Path, qtbot: QtBot) -> None:
    from workbench.services.database import is_empty, open_database

    db = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.load_demo_book()
    with qtbot.waitSignal(win.demo_job.cancelled, timeout=60_000):
        win.demo_job.cancel()
    assert is_empty(db)
    win.close()
    db.dispose()


def test_the_opened_database_is_remembered_without_its_password(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from workbench.services.database import rememberable_url
    from workbench.ui.main_window import REMEMBERED_DATABASE

    other = tmp_path / "team.sqlite3"
    assert window.open_database(str(other))
    assert str(QSettings().value(REMEMBERED_DATABASE)).endswith("team.sqlite3")
    assert rememberable_url("postgresql://ann:secret@db.example/book") == (
        "postgresql://ann@db.example/book"
    )
