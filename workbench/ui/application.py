"""Starting the window: the QApplication, the database, the first-start offer, screenshots.

``run_gui`` is the only entry point ``workbench.app`` calls. With ``--screenshot`` the window is
rendered offscreen at a fixed size once the chosen view has its data, written as a PNG, and the
process exits; docs and checks use this, so it must not depend on a display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench import __version__
from workbench.domain.errors import WorkbenchError
from workbench.paths import resource
from workbench.services import database
from workbench.ui import i18n, icons
from workbench.ui.main_window import REMEMBERED_DATABASE, MainWindow

APP_NAME = "Compliance Workbench"
ORGANISATION = "Compliance Workbench"
ORGANISATION_DOMAIN = "compliance-workbench.example"
#: Base name of the Linux desktop entry (installer/linux); lets Wayland and X11 task bars match
#: the running window to its menu entry and icon.
DESKTOP_FILE_NAME = "compliance-workbench"
#: Windows AppUserModelID, the same as the Start-menu shortcut's (installer/windows): without it
#: the taskbar groups the window under the executable, not under the shortcut and its icon.
WINDOWS_APP_ID = "ComplianceWorkbench.Workbench"
#: Longest wait for a view's data before a screenshot is taken anyway.
SCREENSHOT_TIMEOUT_MS = 60_000


def parse_size(text: str) -> tuple[int, int]:
    """``"1440x900"`` -> (1440, 900); a bad value is a user error."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise WorkbenchError(f"Window size '{text}' is not WIDTHxHEIGHT, e.g. 1440x900.") from None
    if not (320 <= width <= 10_000 and 240 <= height <= 10_000):
        raise WorkbenchError(f"Window size '{text}' is out of range (320x240 to 10000x10000).")
    return width, height


def style_sheet() -> str:
    path = resource("styles", "workbench.qss")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def app_icon() -> QIcon:
    """The application icon at every pre-rendered size, falling back to the SVG.

    Task bars and window switchers ask for sizes from 16 to 256 px; PNGs rendered from the SVG
    (``installer/make_icons.py``) serve them without the SVG plugin, which a trimmed bundle or
    an odd platform theme might lack.
    """
    icon = QIcon()
    for png in sorted(resource("icons", "app").glob("app-*.png")):
        icon.addFile(str(png))
    return icon if not icon.isNull() else icons.icon("app")


def _set_windows_app_id() -> None:
    if sys.platform == "win32":
        import ctypes

        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined,unused-ignore]
        shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as under pytest-qt), named for QSettings."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain(ORGANISATION_DOMAIN)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    _set_windows_app_id()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    i18n.install(i18n.chosen_language())
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(app_icon())
    app.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    return app


def _say(message: str) -> None:
    print(f"workbench: error: {message}", file=sys.stderr)


def run_gui(db_url: str | None, screenshot: str | None, view: str, size: str) -> int:
    """Open the window (or render it to ``screenshot``); returns the process exit code."""
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        width, height = parse_size(size)
    except WorkbenchError as exc:
        _say(str(exc))
        return 2
    app = make_application()
    if db_url is None and not screenshot and not os.environ.get("WORKBENCH_DB"):
        remembered = QSettings().value(REMEMBERED_DATABASE)
        db_url = str(remembered) if remembered else None
    try:
        db = database.open_database(db_url)
    except WorkbenchError as exc:
        if screenshot:
            _say(str(exc))
        else:
            QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(db, persist=not screenshot)
    if view not in window.registry.view_keys():
        known = ", ".join(window.registry.view_keys())
        message = f"There is no view '{view}'; choose one of {known}."
        window.close()
        db.dispose()
        if screenshot:
            _say(message)
            return 2
        QMessageBox.warning(None, APP_NAME, message)
        return 2
    if screenshot:
        return _screenshot(window, view, width, height, Path(screenshot))

    window.show()
    # An empty book opens on the dashboard, which offers the first steps (import, the demo
    # book in a file of its own, a team database, a restricted-party list) instead of a
    # modal question that would fill the user's own book with demo data.
    wanted = view if view != "dashboard" else window.last_view()
    window.show_view("dashboard" if database.is_empty(db) else wanted)
    code = app.exec()
    db.dispose()
    return int(code)


def _screenshot(window: MainWindow, view: str, width: int, height: int, target: Path) -> int:
    window.setMinimumSize(320, 240)
    window.resize(width, height)
    window.show()
    shown = window.show_view(view)
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(SCREENSHOT_TIMEOUT_MS)
    info_ready = window.info is not None
    if not shown.is_ready or not info_ready:

        def check(*_args: object) -> None:
            if shown.is_ready and window.info is not None:
                loop.quit()

        shown.ready_changed.connect(check)
        window.info_loaded.connect(check)
        loop.exec()
    # let layouts settle and the first page paint
    for _ in range(5):
        QApplication.processEvents()
    pixmap = window.grab()
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = pixmap.save(str(target), "PNG")
    window.close()
    window.context.db.dispose()
    if not ok:
        _say(f"Could not write the screenshot to {target}.")
        return 1
    return 0
