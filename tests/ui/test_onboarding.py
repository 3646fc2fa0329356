"""An empty book guides a first user; after an import the dashboard names what is unknown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.paths import resource
from workbench.services import importing
from workbench.services.database import open_database
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database
from workbench.ui import onboarding
from workbench.ui.charts import Bar, BarChart
from workbench.ui.main_window import MainWindow
from workbench.ui.views.big_table import BigTableView
from workbench.ui.views.dashboard import DashboardView

from .conftest import WAIT_MS

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'new-book.sqlite3'}")
    yield db
    db.dispose()


@pytest.fixture
def empty_window(empty_db: Database, qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow(empty_db, persist=False)
    win.demo_book_path = tmp_path / "data" / "demo.sqlite3"
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def dashboard_of(window: MainWindow, qtbot: QtBot) -> DashboardView:
    view = window.show_view("dashboard")
    assert isinstance(view, DashboardView)
    qtbot.waitUntil(lambda: view.is_ready and view.status is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.info is not None, timeout=WAIT_MS)
    return view


def test_the_dashboard_of_an_empty_book_offers_the_first_steps(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = dashboard_of(empty_window, qtbot)
    assert view.start.isVisible()
    assert not view.figures.isVisible()  # no six zero cards, no empty axes
    assert list(view.start.buttons) == [
        onboarding.ACTION_IMPORT,
        onboarding.ACTION_DEMO,
        onboarding.ACTION_TEAM,
        onboarding.ACTION_LIST,
    ]
    assert view.start.buttons[onboarding.ACTION_IMPORT].text() == "Import installed base…"
    assert not empty_window.empty_banner.isVisible()  # the dashboard guides by itself
    empty_window.resize(1440, 900)
    qtbot.wait(50)
    empty_window.grab().save(str(tmp_path / "empty-dashboard.png"))


def test_the_import_button_opens_the_import_wizard(empty_window: MainWindow, qtbot: QtBot) -> None:
    view = dashboard_of(empty_window, qtbot)
    qtbot.mouseClick(view.start.buttons[onboarding.ACTION_IMPORT], _left())
    wizard = empty_window.import_wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible, timeout=WAIT_MS)
    wizard.reject()


def test_every_other_view_of_an_empty_book_says_what_it_needs(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    dashboard_of(empty_window, qtbot)
    seen: set[str] = set()
    for key in empty_window.registry.view_keys():
        if key == "dashboard":
            continue
        empty_window.show_view(key)
        banner = empty_window.empty_banner
        assert banner.isVisible(), key
        text = banner.text.text()
        assert text and text != onboarding.view_needs("no-such-view"), key
        seen.add(text)
        assert set(banner.buttons) == {
            onboarding.ACTION_IMPORT,
            onboarding.ACTION_DEMO,
            onboarding.ACTION_TEAM,
            onboarding.ACTION_LIST,
        }
    assert len(seen) == len(empty_window.registry.view_keys()) - 1  # one sentence per view
    empty_window.show_view("dashboard")
    assert not empty_window.empty_banner.isVisible()


def test_open_the_demo_book_leaves_the_empty_book_empty(
    empty_window: MainWindow, empty_db: Database, qtbot: QtBot
) -> None:
    from workbench.services.database import is_empty

    view = dashboard_of(empty_window, qtbot)
    qtbot.mouseClick(view.start.buttons[onboarding.ACTION_DEMO], _left())
    with qtbot.waitSignal(empty_window.demo_job.succeeded, timeout=60_000):
        pass
    assert empty_window.db.display_url.endswith("demo.sqlite3")
    assert empty_window.demo_book_path.is_file()
    assert is_empty(empty_db)  # the user's own book is untouched
    qtbot.waitUntil(lambda: view.status is not None and not view.status.is_empty, timeout=WAIT_MS)
    assert view.figures.isVisible() and not view.start.isVisible()
    assert not empty_window.empty_banner.isVisible()


def test_the_team_and_list_buttons_reach_their_dialogs(
    empty_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(empty_window, "choose_database_url", lambda: asked.append("url"))
    view = dashboard_of(empty_window, qtbot)
    qtbot.mouseClick(view.start.buttons[onboarding.ACTION_TEAM], _left())
    screening = empty_window.view("screening")
    monkeypatch.setattr(screening, "choose_list_file", lambda: asked.append("list"))
    qtbot.mouseClick(view.start.buttons[onboarding.ACTION_LIST], _left())
    assert asked == ["url", "list"]
    assert empty_window.current_key == "screening"


def test_after_the_first_import_the_dashboard_lists_what_is_unknown(
    empty_window: MainWindow, empty_db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    view = dashboard_of(empty_window, qtbot)
    example = Path(resource("examples", "installed_base_export.csv"))
    assert importing.run_import(empty_db, [example], ImportOptions(commit=True)).committed
    empty_window.reload_current()
    qtbot.waitUntil(lambda: view.status is not None and not view.status.is_empty, timeout=WAIT_MS)
    assert view.follow_up.isVisible() and not view.start.isVisible()
    assert "installed_base_export.csv" in view.follow_up.came_in.text()
    actions = [action for action, _text in view.follow_up.questions]
    # the example states no HQ country and nothing was screened yet
    assert onboarding.ACTION_CUSTOMERS in actions
    assert onboarding.ACTION_SCREENING in actions
    status = view.status
    assert status is not None
    texts = " | ".join(text for _a, text in view.follow_up.questions)
    assert f"{status.parties_not_screened} customer or fab names not screened" in texts
    empty_window.resize(1440, 900)
    qtbot.wait(50)
    empty_window.grab().save(str(tmp_path / "after-import.png"))
    qtbot.mouseClick(view.follow_up.buttons[onboarding.ACTION_SCREENING], _left())
    assert empty_window.current_key == "screening"
    qtbot.mouseClick(view.follow_up.buttons[onboarding.ACTION_CUSTOMERS], _left())
    assert empty_window.current_key == "customers"


def test_unknown_models_link_filters_the_installed_base(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    dashboard_of(empty_window, qtbot)
    empty_window.do_request(onboarding.ACTION_UNKNOWN_MODELS)
    view = empty_window.view("installed-base")
    assert isinstance(view, BigTableView)
    assert empty_window.current_key == "installed-base"
    assert view.header.filters() == {"category": "unknown"}


def test_a_chart_without_data_says_so_instead_of_an_empty_axis(qtbot: QtBot) -> None:
    chart = BarChart("machines")
    qtbot.addWidget(chart)
    chart.empty_text = "No machines yet"
    chart.set_bars([Bar("Advanced node", 0), Bar("Not advanced", 0)])
    chart.resize(420, chart.sizeHint().height())
    assert not chart.has_data
    image = chart.grab().toImage()
    # Only the message is drawn: no axis line, no bars (nothing in the accent or grid colour).
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert "#2f6fad" not in colours and "#b8c0ca" not in colours
    assert len(colours) > 1  # the message's text is there
    chart.set_bars([Bar("Advanced node", 3)])
    assert chart.has_data


def _left() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton


def test_the_first_steps_are_reached_by_tab_in_reading_order(
    empty_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = dashboard_of(empty_window, qtbot)
    # the last step opens a file dialog, which would wait for a user
    monkeypatch.setattr(empty_window.view("screening"), "choose_list_file", lambda: None)
    empty_window.activateWindow()
    buttons = list(view.start.buttons.values())
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus, timeout=WAIT_MS)
    order = [buttons[0]]
    for _ in buttons[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == buttons
    # Space on the focused button starts the step, as a mouse click would.
    asked: list[str] = []
    view.start.requested.connect(asked.append)
    qtbot.keyClick(buttons[-1], Qt.Key.Key_Space)
    assert asked == [onboarding.ACTION_LIST]


def test_charts_and_cards_have_accessible_text(window: MainWindow, qtbot: QtBot) -> None:
    view = dashboard_of(window, qtbot)
    assert view.cards["machines"].accessibleName().startswith("Machines: 1,200")
    assert "China" in view.by_country.accessibleDescription()
