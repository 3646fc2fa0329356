"""The main window: sidebar of registered views, menus, toolbar and a status bar that always
says which database is open and how big it is.

Views are created when first shown, so opening the window costs one view, not all of them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QLocale, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.services import database, demo
from workbench.services.database import DatabaseInfo
from workbench.services.editing import EditResult
from workbench.services.roles import RoleInfo
from workbench.storage.database import Database
from workbench.ui import i18n, icons, onboarding
from workbench.ui.edit_actions import EditController
from workbench.ui.jobs import JobRunner
from workbench.ui.progress import run_with_progress
from workbench.ui.signals import emit
from workbench.ui.views import (
    ViewContext,
    ViewRegistry,
    WorkbenchView,
    default_registry,
    section_title,
)

if TYPE_CHECKING:
    from workbench.ui.import_wizard import ImportWizard

APP_TITLE = "Compliance Workbench"
_KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Table names of the status-bar counts, in reading order.
STATUS_COUNTS = ("customers", "fabs", "machines", "contracts", "obligations")


def role_name(role: str) -> str:
    """A role (viewer, analyst, approver) as the UI language names it."""
    names = {
        "viewer": QCoreApplication.translate("Roles", "viewer"),
        "analyst": QCoreApplication.translate("Roles", "analyst"),
        "approver": QCoreApplication.translate("Roles", "approver"),
    }
    return names.get(role, role)


#: QSettings key of the database the user last opened in the window.
REMEMBERED_DATABASE = "database/url"


class MainWindow(QMainWindow):
    """Holds the database in use; every view reads it through its ``ViewContext``."""

    view_changed = Signal(str)
    info_loaded = Signal(object)  # DatabaseInfo

    def __init__(
        self, db: Database, registry: ViewRegistry | None = None, *, persist: bool = True
    ) -> None:
        super().__init__()
        #: False for screenshots: the default layout, and the user's saved layout untouched.
        self.persist = persist
        self.setObjectName("mainWindow")
        self.registry = registry or default_registry()
        self.jobs = JobRunner(self)
        self.writer = JobRunner(self, serial=True)
        self.context = ViewContext(db, self.jobs, self.writer)
        self.context.message.connect(self._show_message)
        self.context.requested.connect(self.do_request)
        #: The demo book "Open the demo book" opens; tests point it at a temporary file.
        self.demo_book_path = demo.demo_book_path()
        self.views: dict[str, WorkbenchView] = {}
        self.info: DatabaseInfo | None = None

        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(icons.icon("app"))
        self.setMinimumSize(QSize(980, 620))
        self.editing = EditController(self, self.context, self._current_widget)
        self.editing.records_changed.connect(self._on_records_changed)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_body()
        self._build_status_bar()
        self.setAcceptDrops(True)  # files dropped on the window open the import wizard
        self.import_wizard: ImportWizard | None = None
        self._restore_window()
        self._refresh_info()
        self.editing.refresh()

    # -- construction -------------------------------------------------------------------------

    def status_counts(self) -> list[tuple[str, str]]:
        """(table, "%1 customers") of the status-bar counts, in the UI language."""
        return [
            ("customers", self.tr("%1 customers")),
            ("fabs", self.tr("%1 fabs")),
            ("machines", self.tr("%1 machines")),
            ("contracts", self.tr("%1 contracts")),
            ("obligations", self.tr("%1 obligations")),
        ]

    def _build_actions(self) -> None:
        self.open_action = QAction(icons.icon("open"), self.tr("&Open Database…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip(self.tr("Open another SQLite database file"))
        self.open_action.triggered.connect(self.choose_database)
        self.open_url_action = QAction(self.tr("Open Database &URL…"), self)
        self.open_url_action.setStatusTip(self.tr("Connect to a PostgreSQL server by URL"))
        self.open_url_action.triggered.connect(self.choose_database_url)
        self.import_action = QAction(icons.icon("import"), self.tr("&Import…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip(
            self.tr("Read installed-base spreadsheets into this database")
        )
        self.import_action.triggered.connect(self.choose_import)
        self.backup_action = QAction(icons.icon("backup"), self.tr("&Back Up…"), self)
        self.backup_action.setStatusTip(
            self.tr("Write a consistent copy of the database to a file")
        )
        self.backup_action.triggered.connect(self.choose_backup)
        self.demo_action = QAction(self.tr("Load &Demo Book…"), self)
        self.demo_action.setStatusTip(self.tr("Fill this empty database with the demo book"))
        self.demo_action.triggered.connect(self.load_demo_book)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.reload_action = QAction(icons.icon("refresh"), self.tr("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.setStatusTip(self.tr("Read the current view again from the database"))
        self.reload_action.triggered.connect(self.reload_current)
        self.about_action = QAction(
            icons.icon("about"), self.tr("&About %1").replace("%1", APP_TITLE), self
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        self.view_actions: dict[str, QAction] = {}
        self._view_group = QActionGroup(self)
        self._view_group.setExclusive(True)
        for number, entry in enumerate(self.registry.entries(), start=1):
            action = QAction(icons.icon(entry.icon), entry.title, self)
            action.setCheckable(True)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setStatusTip(entry.tooltip)
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_view(key))
            self._view_group.addAction(action)
            self.view_actions[entry.key] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_url_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.editing.fill_menu(bar.addMenu(self.tr("&Edit")))
        view_menu = bar.addMenu(self.tr("&View"))
        section = None
        for entry in self.registry.entries():
            if section is not None and entry.section != section:
                view_menu.addSeparator()
            section = entry.section
            view_menu.addAction(self.view_actions[entry.key])
        view_menu.addSeparator()
        view_menu.addAction(self.reload_action)
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        saved = str(QSettings().value(i18n.LANGUAGE_KEY, i18n.SYSTEM) or i18n.SYSTEM)
        choices = [(i18n.SYSTEM, self.tr("System language")), *i18n.LANGUAGES.items()]
        for code, name in choices:
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.backup_action)
        toolbar.addSeparator()
        toolbar.addAction(self.editing.new_action)
        toolbar.addAction(self.editing.edit_action)
        toolbar.addAction(self.editing.undo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.reload_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_body(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setFixedWidth(212)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        section = None
        for entry in self.registry.entries():
            if entry.section != section:
                section = entry.section
                caption = QListWidgetItem(section_title(section).upper())
                caption.setFlags(Qt.ItemFlag.NoItemFlags)
                caption.setData(_KEY_ROLE, None)
                caption.setSizeHint(QSize(200, 34))
                self.sidebar.addItem(caption)
            item = QListWidgetItem(icons.icon(entry.icon), entry.title)
            item.setData(_KEY_ROLE, entry.key)
            item.setToolTip(entry.tooltip)
            item.setSizeHint(QSize(200, 36))
            self.sidebar.addItem(item)
        self.sidebar.currentItemChanged.connect(self._on_sidebar)

        self.stack = QStackedWidget()
        self.stack.setObjectName("viewStack")
        #: Above every view but the dashboard while the book is empty: what it needs, first steps.
        self.empty_banner = onboarding.EmptyViewBanner()
        self.empty_banner.requested.connect(self.do_request)
        self.empty_banner.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.empty_banner)
        right_layout.addWidget(self.stack, 1)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        divider = QFrame()
        divider.setObjectName("sidebarDivider")
        divider.setFrameShape(QFrame.Shape.VLine)
        layout.addWidget(divider)
        layout.addWidget(right, 1)
        self.setCentralWidget(body)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        self.busy_label = QLabel("")
        self.busy_label.setObjectName("statusBusy")
        self.db_label = QLabel("")
        self.db_label.setObjectName("statusDatabase")
        self.counts_label = QLabel("")
        self.counts_label.setObjectName("statusCounts")
        self.role_label = QLabel("")
        self.role_label.setObjectName("statusRole")
        self.editing.role_changed.connect(self._on_role)
        status.addPermanentWidget(self.busy_label)
        status.addPermanentWidget(self.role_label)
        status.addPermanentWidget(self.counts_label)
        status.addPermanentWidget(self.db_label)
        self.jobs.busy_changed.connect(self._on_busy)
        self.writer.busy_changed.connect(self._on_busy)
        self._update_db_label()

    # -- views --------------------------------------------------------------------------------

    def view(self, key: str) -> WorkbenchView:
        """The view named ``key``, created (and its layout restored) on first use."""
        existing = self.views.get(key)
        if existing is not None:
            return existing
        entry = self.registry.get(key)
        created = entry.factory(self.context)
        set_actions = getattr(created, "set_edit_actions", None)
        if callable(set_actions):
            set_actions(self.editing.view_actions(created))
        if self.persist:
            created.restore_state(QSettings())
        self.views[key] = created
        self.stack.addWidget(created)
        return created

    def show_view(self, key: str) -> WorkbenchView:
        shown = self.view(key)
        self.stack.setCurrentWidget(shown)
        self.view_actions[key].setChecked(True)
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(_KEY_ROLE) == key and self.sidebar.currentRow() != row:
                self.sidebar.setCurrentRow(row)
        shown.activate()
        self._update_empty_banner()
        emit(self.view_changed, key)
        return shown

    def _current_widget(self) -> QWidget | None:
        return self.stack.currentWidget()

    @property
    def current_key(self) -> str | None:
        widget = self.stack.currentWidget()
        return widget.key if isinstance(widget, WorkbenchView) else None

    def _on_sidebar(self, current: QListWidgetItem | None, _previous: Any) -> None:
        key = current.data(_KEY_ROLE) if current is not None else None
        if isinstance(key, str) and key != self.current_key:
            self.show_view(key)

    def reload_current(self) -> None:
        widget = self.stack.currentWidget()
        if isinstance(widget, WorkbenchView):
            widget.reload()
        self._refresh_info()

    # -- database -----------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        return self.context.db

    def _update_db_label(self) -> None:
        backend = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
            self.db.backend, self.db.backend
        )
        location = self.db.display_url
        if self.db.backend == "sqlite":
            location = location.removeprefix("sqlite:///") or location
        self.db_label.setText(f"{backend} · {location}")
        self.db_label.setToolTip(self.tr("Database in use: %1").replace("%1", self.db.display_url))
        self.backup_action.setEnabled(self.db.backend == "sqlite")

    def _refresh_info(self) -> None:
        db = self.db

        def work(_progress: Progress, _cancel: CancelToken) -> DatabaseInfo:
            return database.info(db)

        job = self.jobs.submit("database info", work)
        job.succeeded.connect(self._on_info)

    def _on_info(self, info: DatabaseInfo) -> None:
        self.info = info
        locale = QLocale()
        parts = [
            label.replace("%1", locale.toString(info.counts.get(key, 0)))
            for key, label in self.status_counts()
        ]
        self.counts_label.setText("  ·  ".join(parts))
        self.demo_action.setEnabled(info.counts.get("customers", 0) == 0)
        self._update_empty_banner()
        emit(self.info_loaded, info)

    def set_database(self, db: Database) -> None:
        """Switch every view to another database; the old one is closed."""
        old = self.context.db
        self.jobs.wait()
        self.writer.wait()
        self.context.set_database(db)
        if old is not db:
            old.dispose()
        self._update_db_label()
        self._refresh_info()

    def open_database(self, url: str) -> bool:
        """Open ``url`` (file path or SQLAlchemy URL); a failure is one sentence in a box."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = database.open_database(url)
        except WorkbenchError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Cannot open database"), str(exc))
            return False
        QApplication.restoreOverrideCursor()
        self.set_database(db)
        if self.persist:
            # The next start opens this database too (a team's shared server, say), unless
            # --db or WORKBENCH_DB says otherwise.
            QSettings().setValue(REMEMBERED_DATABASE, database.rememberable_url(db.url))
        self._show_message(self.tr("Opened %1").replace("%1", db.display_url))
        return True

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(Path.home()),
            self.tr("Workbench databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if path:
            self.open_database(path)

    def choose_database_url(self) -> None:
        url, ok = QInputDialog.getText(
            self,
            self.tr("Open database URL"),
            self.tr("SQLAlchemy URL, e.g. postgresql://user@host/workbench:"),
        )
        if ok and url.strip():
            self.open_database(url.strip())

    def choose_backup(self) -> None:
        suggested = Path.home() / f"workbench-backup-{date.today().isoformat()}.sqlite3"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up database"),
            str(suggested),
            self.tr("SQLite database (*.sqlite3)"),
        )
        if path:
            self.back_up(Path(path))

    def back_up(self, target: Path) -> None:
        db = self.db

        def work(_progress: Progress, _cancel: CancelToken) -> Path:
            return database.backup(db, target)

        job = self.writer.submit("backup", work)
        job.succeeded.connect(
            lambda written: self._show_message(
                self.tr("Backup written to %1").replace("%1", str(written))
            )
        )
        job.failed.connect(lambda exc: self._report_failure(self.tr("Backup failed"), exc))

    def load_demo_book(self) -> None:
        """Fill an empty database with the demo book, with progress and cancel."""
        db = self.db

        def work(progress: Progress, cancel: CancelToken) -> demo.DemoResult:
            return demo.load_demo(db, progress=progress, cancel=cancel)

        job, _dialog = run_with_progress(
            self,
            self.writer,
            self.tr("Loading demo book"),
            self.tr("Writing customers, fabs, machines and contracts…"),
            work,
        )
        job.succeeded.connect(self._on_demo_loaded)
        job.failed.connect(lambda exc: self._report_failure(self.tr("Demo book not loaded"), exc))
        job.cancelled.connect(
            lambda: self._show_message(self.tr("Demo book cancelled; the database is unchanged."))
        )
        self.demo_job = job

    def _on_demo_loaded(self, result: demo.DemoResult) -> None:
        locale = QLocale()
        self._show_message(
            self.tr("Demo book loaded: %1 machines, %2 contracts.")
            .replace("%1", locale.toString(result.machines))
            .replace("%2", locale.toString(result.contracts))
        )
        emit(self.context.database_changed)
        self._refresh_info()

    def _report_failure(self, title: str, exc: object) -> None:
        if isinstance(exc, WorkbenchError):
            QMessageBox.warning(self, title, str(exc))
        else:
            QMessageBox.critical(
                self, title, self.tr("%1: %2").replace("%1", title).replace("%2", str(exc))
            )

    # -- editing ------------------------------------------------------------------------------

    def _on_records_changed(self, results: list[EditResult]) -> None:
        """Every open view shows the effect of a saved edit (only the rows it touched)."""
        for created in self.views.values():
            changed = getattr(created, "records_changed", None)
            if callable(changed):
                changed(results)
        self._refresh_info()

    def _on_role(self, info: RoleInfo) -> None:
        role = role_name(info.role)
        self.role_label.setText(f"{info.user} · {role}")
        tip = (
            self.tr("You work as %1, %2 in this book (%3). You can read but not change it.")
            if info.role == "viewer"
            else self.tr("You work as %1, %2 in this book (%3).")
        )
        self.role_label.setToolTip(
            tip.replace("%1", info.user).replace("%2", role).replace("%3", info.source)
        )

    # -- misc ---------------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_busy(self, _count: int) -> None:
        busy = self.jobs.active + self.writer.active
        self.busy_label.setText(self.tr("Working…") if busy else "")

    # -- language -----------------------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        """Remember the language; the window speaks it from its next start (menus, views and
        their cached texts are built once, so switching live would leave half of it behind)."""
        i18n.save_language(language)
        shown = i18n.chosen_language()
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("Compliance Workbench will speak %1 when you next open it.").replace(
                "%1", i18n.LANGUAGES[shown]
            ),
        )

    # -- first steps --------------------------------------------------------------------------

    @property
    def book_is_empty(self) -> bool:
        """True once the counts say the book holds no installed base (False until they came)."""
        info = self.info
        return info is not None and not any(
            info.counts.get(key, 0) for key in ("customers", "fabs", "machines")
        )

    def _update_empty_banner(self) -> None:
        key = self.current_key
        show = self.book_is_empty and key is not None and key != "dashboard"
        if show and key is not None:
            self.empty_banner.set_view(key)
        self.empty_banner.setVisible(show)

    def do_request(self, action: str) -> None:
        """Carry out a step a guide offered (``onboarding.ACTION_*``)."""
        if action == onboarding.ACTION_IMPORT:
            self.open_import()
        elif action == onboarding.ACTION_DEMO:
            self.open_demo_book()
        elif action == onboarding.ACTION_TEAM:
            self.choose_database_url()
        elif action == onboarding.ACTION_LIST:
            screening = self.show_view("screening")
            choose = getattr(screening, "choose_list_file", None)
            if callable(choose):
                choose()
        elif action == onboarding.ACTION_CUSTOMERS:
            self.show_view("customers")
        elif action == onboarding.ACTION_SCREENING:
            self.show_view("screening")
        elif action == onboarding.ACTION_HISTORY:
            self.show_view("imports")
        elif action == onboarding.ACTION_LICENCES:
            self.show_view("licences")
        elif action == onboarding.ACTION_UNKNOWN_MODELS:
            machines = self.show_view("installed-base")
            header = getattr(machines, "header", None)
            if header is not None:
                header.set_filter("category", "unknown", immediate=True)
        else:
            raise ValueError(f"No such first step: {action!r}")

    def open_demo_book(self) -> bool:
        """Open the demo book (a file of its own beside the user's book), filling it the first
        time; the book that was open stays as it was."""
        path = self.demo_book_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self.open_database(str(path)):
            return False
        if database.is_empty(self.db):
            self.load_demo_book()
        return True

    # -- import ---------------------------------------------------------------------------------

    def open_import(self, paths: list[Path] | None = None) -> None:
        """The import wizard, with ``paths`` on its first page; files dropped while it is open
        join it. Imported on demand: the wizard is not on the start-up path."""
        from workbench.ui.import_wizard import open_import_wizard

        previous = self.import_wizard
        if previous is not None and previous.isVisible():
            previous.add_files(paths or [])
            previous.activateWindow()
            return
        self._drop_import_wizard()  # finished or cancelled: start afresh
        self.import_wizard = open_import_wizard(self, self.context, paths or [])
        self.import_wizard.committed.connect(self._on_imported)

    def choose_import(self) -> None:
        self.open_import()

    def _drop_import_wizard(self) -> None:
        """Delete the wizard now, before its parent: a QWizard destroyed as a child of a closing
        window crashes PySide6 later (seen with 6.x on Python 3.11), so it never is."""
        wizard, self.import_wizard = self.import_wizard, None
        if wizard is not None:
            wizard.reject()
            shiboken6.delete(wizard)

    def _on_imported(self, batch_id: int) -> None:
        self._show_message(self.tr("Import batch %1 committed.").replace("%1", str(batch_id)))
        self._refresh_info()

    @staticmethod
    def _dropped_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        data = event.mimeData()
        if not data.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.open_import(paths)

    def show_about(self) -> None:
        """The About dialog, window-modal; imported on demand to keep it off the start-up path."""
        from workbench.ui.about import AboutDialog

        previous = getattr(self, "about_dialog", None)
        if previous is not None:  # the database may have changed since: build it afresh
            previous.close()
            previous.deleteLater()
        self.about_dialog = AboutDialog(self, self.db.display_url)
        self.about_dialog.open()

    # -- persistence --------------------------------------------------------------------------

    def _restore_window(self) -> None:
        if not self.persist:
            self.resize(1440, 900)
            return
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def last_view(self) -> str:
        key = QSettings().value("window/view", "dashboard")
        return key if isinstance(key, str) and key in self.registry.view_keys() else "dashboard"

    def save_settings(self) -> None:
        if not self.persist:
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        if self.current_key:
            settings.setValue("window/view", self.current_key)
        for created in self.views.values():
            created.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._drop_import_wizard()
        self.editing.drop_dialogs()
        self.save_settings()
        self.jobs.shutdown()
        self.writer.shutdown()
        super().closeEvent(event)
