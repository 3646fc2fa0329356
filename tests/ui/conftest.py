"""Qt fixtures: offscreen platform, throwaway QSettings, the demo book, a main window.

The platform is forced before pytest-qt creates the QApplication, so the suite runs the same
on a desktop, in CI and over ssh. Settings go to a per-test INI folder, never the user's.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# The tests read the window's English texts whatever the machine's locale; tests of the
# other languages install them explicitly (tests/ui/test_i18n.py).
os.environ["WORKBENCH_LANGUAGE"] = "en"

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.services.database import open_database
from workbench.storage.database import Database
from workbench.ui.application import make_application
from workbench.ui.main_window import MainWindow

#: The offscreen platform says this for every top-level window it shows; it is the plugin
#: describing itself, not a fault of the window, so only this exact message is tolerated.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"

#: Generous upper bound for a background read; tests wait on signals, never on time.
WAIT_MS = 20_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
            # Every test here needs Qt: CI's UI run selects "-m ui", and the core run has no
            # Qt, so an unmarked test here would run in neither.
            item.add_marker(pytest.mark.ui)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: QApplication) -> Path:
    """QSettings() anywhere in the code writes to this test's own INI folder."""
    folder = tmp_path / "settings"
    folder.mkdir()
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    return folder


@pytest.fixture
def demo_db(demo_sqlite: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the session's small demo book, opened through services."""
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_sqlite, target)
    db = open_database(f"sqlite:///{target}")
    yield db
    db.dispose()


@pytest.fixture
def window(demo_db: Database, qtbot: QtBot) -> Iterator[MainWindow]:
    """A shown main window on the demo book; closed (and its workers joined) afterwards."""
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
