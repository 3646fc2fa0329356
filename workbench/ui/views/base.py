"""What every view in the sidebar shares: the database in use, the job runners, readiness.

Views never hold a session: they read through services with ``context.db`` inside jobs, and
reload when ``context.database_changed`` says the user opened another database.
"""

from __future__ import annotations

from abc import abstractmethod

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from workbench.storage.database import Database
from workbench.ui.jobs import JobRunner
from workbench.ui.signals import emit


class ViewContext(QObject):
    """Shared by the main window and its views; owns nothing but references."""

    database_changed = Signal()
    #: A view reports a user-facing problem (one sentence) for the status bar.
    message = Signal(str)
    #: A view asks the main window for a step it cannot take itself (open the import wizard,
    #: another database, another view): one of the ``ACTION_*`` keys of ``ui.onboarding``.
    requested = Signal(str)

    def __init__(self, db: Database, jobs: JobRunner, writer: JobRunner) -> None:
        super().__init__()
        self._db = db
        self.jobs = jobs
        self.writer = writer

    @property
    def db(self) -> Database:
        return self._db

    def set_database(self, db: Database) -> None:
        self._db = db
        emit(self.database_changed)


class WorkbenchView(QWidget):
    """Base of the sidebar's views. ``ready`` is true once the first data is on screen.

    Subclasses implement :meth:`reload`; they call :meth:`set_ready` when their data arrived,
    which is what ``--screenshot`` and the tests wait for.
    """

    ready_changed = Signal(bool)

    def __init__(self, context: ViewContext, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.key = key
        self._ready = False
        self._loaded_once = False
        context.database_changed.connect(self._on_database_changed)

    @property
    def is_ready(self) -> bool:
        return self._ready

    def set_ready(self, ready: bool) -> None:
        if ready != self._ready:
            self._ready = ready
            emit(self.ready_changed, ready)

    def activate(self) -> None:
        """Called each time the view is shown; loads data the first time only."""
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()

    @abstractmethod
    def reload(self) -> None:
        """Fetch the view's data (off the GUI thread) and show it; every view defines it.

        Qt's metaclass cannot be combined with ABCMeta, so this is not enforced at
        instantiation; tests/ui/test_main_window.py shows every registered view with data.
        """

    def _on_database_changed(self) -> None:
        self.set_ready(False)
        if self._loaded_once:
            self.reload()

    def settings_group(self) -> str:
        return f"views/{self.key}"

    def save_state(self, settings: QSettings) -> None:
        """Persist splitters and column layout; views without layout keep the default."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what :meth:`save_state` wrote."""
