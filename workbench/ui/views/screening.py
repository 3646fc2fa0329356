"""Screening: the review queue of potential matches, the side-by-side that decides each one,
the list versions screened against, and an ad-hoc name check.

Every write (a decision, a list import, a screening run, loading the shipped list) goes through
the window's serial writer; afterwards the view announces that the data changed, so Customers
and Fabs, the dashboard and later the rules see the new listings without a manual reload.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.services import screening, screening_review
from workbench.services.screening import DecisionResult, ImportResult, ScreenResult
from workbench.services.screening_lists import ListVersionInfo
from workbench.services.screening_review import MatchView
from workbench.ui import icons
from workbench.ui.decision_dialog import DecisionDialog
from workbench.ui.jobs import Job
from workbench.ui.progress import run_with_progress
from workbench.ui.screening_compare import ComparePane
from workbench.ui.screening_query import NameCheck
from workbench.ui.screening_queue import MatchQueue
from workbench.ui.screening_versions import ListVersions, version_summary
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

#: Asks for a decision's reason; returns None when the user cancels (tests substitute it).
ReasonProvider = Callable[[MatchView, bool, QWidget], str | None]

LIST_FILTER = "Restricted-party lists (*.csv *.json);;All files (*)"
REVIEW_TAB, VERSIONS_TAB, CHECK_TAB = range(3)

_STYLE = """
QToolButton#segment {
    background: #ffffff; border: 1px solid #cfd6de; padding: 5px 14px; color: #2b333d;
    border-radius: 0px; margin-left: -1px;
}
QToolButton#segment[position="first"] {
    border-top-left-radius: 6px; border-bottom-left-radius: 6px; margin-left: 0px;
}
QToolButton#segment[position="last"] {
    border-top-right-radius: 6px; border-bottom-right-radius: 6px;
}
QToolButton#segment:hover { background: #edf2f8; }
QToolButton#segment:checked {
    background: #dbe7f5; color: #143a60; font-weight: bold; border-color: #a9c1dc;
}
QLabel#queueCount { color: #6b7683; }
QPushButton#primaryButton, QPushButton#secondaryButton {
    border-radius: 6px; padding: 6px 14px; font-weight: bold;
}
QPushButton#primaryButton { background: #1f4f82; color: #ffffff; border: 1px solid #1a446f; }
QPushButton#primaryButton:hover { background: #245b95; }
QPushButton#primaryButton:disabled {
    background: #c9d3de; color: #f4f6f9; border-color: #c9d3de;
}
QPushButton#secondaryButton { background: #ffffff; color: #1f4f82; border: 1px solid #b7c6d8; }
QPushButton#secondaryButton:hover { background: #edf2f8; }
QPushButton#secondaryButton:disabled { color: #a9b2bc; border-color: #dde2e8; }
QLabel#listBanner { color: #4a5360; }
QFrame#noticeBar {
    background: #eaf2fb; border: 1px solid #c5d8ee; border-radius: 6px;
}
QFrame#noticeBar[tone="warning"] { background: #fdf1d8; border-color: #efd9a6; }
QLabel#noticeText { color: #1d3c5e; }
QFrame#noticeBar[tone="warning"] QLabel#noticeText { color: #6b4700; }
QFrame#comparePane, QWidget#detailPane {
    background: #ffffff; border: 1px solid #dde2e8; border-radius: 6px;
}
QScrollArea#compareScroll, QWidget#compareCards { background: #ffffff; }
QFrame#compareCard {
    background: #fbfcfd; border: 1px solid #e3e7ec; border-radius: 6px;
}
QLabel#compareHeading { color: #7d8895; font-size: 8pt; font-weight: bold; }
QLabel#compareTitle { color: #17202a; font-size: 11pt; font-weight: bold; }
QLabel#compareHeadline { color: #17202a; font-size: 11pt; }
QLabel#compareHeadline[empty="true"] { color: #7d8895; font-size: 10pt; }
QLabel#compareWhy {
    color: #2b333d; background: #f6f8fb; border-radius: 5px; padding: 6px 9px;
}
QLabel#compareDecision { color: #2b333d; padding-top: 2px; }
QTabWidget#screeningTabs::pane { border: none; padding-top: 6px; }
QTabBar::tab {
    background: transparent; padding: 6px 14px; margin-right: 4px; color: #4a5360;
    border-bottom: 2px solid transparent;
}
QTabBar::tab:selected { color: #143a60; font-weight: bold; border-bottom: 2px solid #2f6fad; }
QTabBar::tab:hover:!selected { color: #17202a; border-bottom: 2px solid #cfd6de; }
"""


class NoticeBar(QFrame):
    """A dismissable line above the tabs: what a job did, or what to do first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.action = QPushButton()
        self.action.setObjectName("secondaryButton")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setObjectName("flatButton")
        self.close_button.setToolTip("Hide this message")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(10)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._handler: Callable[[], None] | None = None
        self.action.clicked.connect(self._on_action)
        self.hide()

    def say(
        self,
        text: str,
        *,
        tone: str = "info",
        action: str = "",
        handler: Callable[[], None] | None = None,
        closable: bool = True,
    ) -> None:
        self.text.setText(text)
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.action.setEnabled(True)
        self._handler = handler
        self.close_button.setVisible(closable)
        self.show()

    def _on_action(self) -> None:
        if self._handler is not None:
            self._handler()


class ScreeningView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "screening", parent)
        self.setStyleSheet(_STYLE)
        self.reason_provider: ReasonProvider = DecisionDialog.ask
        self.versions: list[ListVersionInfo] | None = None
        self._detail_generation = 0
        self._versions_generation = 0
        self._advance = False
        self._queue_loaded = False
        self.write_job: Job[Any] | None = None

        title = QLabel("Screening")
        title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.busy_label = QLabel("")
        self.busy_label.setObjectName("viewBusy")
        self.screen_button = QPushButton(icons.icon("refresh"), "Screen now")
        self.screen_button.setObjectName("secondaryButton")
        self.screen_button.setToolTip(
            "Screen every customer and fab against the newest version of each list"
        )
        self.screen_button.clicked.connect(self.screen_now)
        self.import_button = QPushButton("Import list…")
        self.import_button.setObjectName("primaryButton")
        self.import_button.setToolTip(
            "Import a Consolidated Screening List (CSV or JSON) or an OpenSanctions CSV as a "
            "new list version, then screen the book against it"
        )
        self.import_button.clicked.connect(self.choose_list_file)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(10)
        bar.addWidget(title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addWidget(self.busy_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(self.screen_button)
        bar.addWidget(self.import_button)

        self.list_banner = QLabel("")
        self.list_banner.setObjectName("listBanner")
        self.notice = NoticeBar()

        self.queue = MatchQueue(context)
        self.queue.current_changed.connect(self._show_match)
        self.queue.loaded.connect(self._on_queue_loaded)
        self.compare = ComparePane()
        self.compare.confirm_requested.connect(lambda mid: self.ask_decision(mid, True))
        self.compare.dismiss_requested.connect(lambda mid: self.ask_decision(mid, False))
        self.review_splitter = QSplitter(Qt.Orientation.Vertical)
        self.review_splitter.setObjectName("reviewSplitter")
        self.review_splitter.addWidget(self.queue)
        self.review_splitter.addWidget(self.compare)
        self.review_splitter.setStretchFactor(0, 1)
        self.review_splitter.setStretchFactor(1, 1)
        self.review_splitter.setSizes([290, 410])
        self.review_splitter.setChildrenCollapsible(False)

        self.list_versions = ListVersions()
        self.name_check = NameCheck(context)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("screeningTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.review_splitter, "Review queue")
        self.tabs.addTab(self.list_versions, "List versions")
        self.tabs.addTab(self.name_check, "Name check")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.list_banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._load_versions()
        self.queue.reload(advance=self._advance)
        self._advance = False

    def _load_versions(self) -> None:
        self._versions_generation += 1
        generation = self._versions_generation
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[ListVersionInfo]:
            return screening.list_versions(db)

        job = self.context.jobs.submit("screening list versions", work)
        job.succeeded.connect(lambda versions: self._on_versions(generation, versions))
        job.failed.connect(
            lambda exc: emit(self.context.message, f"Could not read the list versions: {exc}")
        )

    def _on_versions(self, generation: int, versions: list[ListVersionInfo]) -> None:
        if generation != self._versions_generation:
            return
        self.versions = versions
        self.list_versions.set_versions(versions)
        newest: dict[str, ListVersionInfo] = {}
        for info in versions:  # newest first
            newest.setdefault(info.source, info)
        if newest:
            self.list_banner.setText(
                "Screening against: " + "; ".join(version_summary(v) for v in newest.values())
            )
            if self.notice.property("offer"):
                self.notice.setProperty("offer", False)
                self.notice.hide()
        else:
            self.list_banner.setText("No restricted-party list in this database yet.")
            self.offer_reference_list()
        self.screen_button.setEnabled(True)
        self._check_ready()

    def offer_reference_list(self) -> None:
        """Without any list nothing can be screened: offer the list shipped with the app."""
        self.notice.setProperty("offer", True)
        self.notice.say(
            "This database holds no restricted-party list. Load the Consolidated Screening "
            "List shipped with the application (works offline) and screen the book against it?",
            tone="warning",
            action="Load reference list",
            handler=self._start_reference_load,
            closable=True,
        )

    def _start_reference_load(self) -> None:
        self.load_reference_list()

    def _on_queue_loaded(self) -> None:
        self._queue_loaded = True
        pending = self.queue.counts.get("potential", 0)
        self.count_label.setText(
            f"{pending:,} potential match{'es' if pending != 1 else ''} to review"
        )
        self._check_ready()

    def _check_ready(self) -> None:
        if self._queue_loaded and self.versions is not None:
            self.set_ready(True)

    def _on_database_changed(self) -> None:
        self._queue_loaded = False
        self.versions = None
        super()._on_database_changed()

    # -- the side-by-side -------------------------------------------------------------------

    def _show_match(self, match_id: int | None) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        if match_id is None:
            self.compare.show_match(None)
            return
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> MatchView | None:
            return screening_review.match_view(db, match_id)

        job = self.context.jobs.submit("screening match", work)
        job.succeeded.connect(lambda match: self._on_match(generation, match))

    def _on_match(self, generation: int, match: MatchView | None) -> None:
        if generation == self._detail_generation:
            self.compare.show_match(match)

    # -- decisions --------------------------------------------------------------------------

    def ask_decision(self, match_id: int, confirm: bool) -> None:
        match = self.compare.match
        if match is None or match.id != match_id:
            return
        reason = self.reason_provider(match, confirm, self)
        if reason:
            self.decide(match_id, confirm, reason)

    def decide(self, match_id: int, confirm: bool, reason: str) -> Job[DecisionResult]:
        """Record the decision on the writer; the queue moves on to the next match."""
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> DecisionResult:
            return screening.decide(db, match_id, confirm, reason)

        self.compare.confirm_button.setEnabled(False)
        self.compare.dismiss_button.setEnabled(False)
        self.busy_label.setText("Saving decision…")
        job = self.context.writer.submit("screening decision", work)
        job.succeeded.connect(self._on_decided)
        job.failed.connect(lambda exc: self._on_write_failed("Decision not recorded", exc))
        self.write_job = job
        return job

    def _on_decided(self, result: DecisionResult) -> None:
        self.busy_label.setText("")
        parts = [f"Match {result.match_id} {result.status}"]
        if result.listings_written:
            parts.append(f"{result.listings_written} listing(s) recorded")
        if result.listings_removed:
            parts.append(f"{result.listings_removed} listing(s) removed")
        if result.suggestions:
            parts.append(f"{len(result.suggestions)} subsidiary suggestion(s) raised")
        if result.suggestions_withdrawn:
            parts.append(f"{result.suggestions_withdrawn} suggestion(s) withdrawn")
        emit(self.context.message, "; ".join(parts) + ".")
        self._data_changed(advance=True)

    def _data_changed(self, *, advance: bool = False) -> None:
        """Every view that shows listings or matches reads again (this one included)."""
        self._advance = advance
        emit(self.context.database_changed)

    def _on_write_failed(self, title: str, exc: object) -> None:
        self.busy_label.setText("")
        if self.compare.match is not None:
            self.compare.show_match(self.compare.match)
        message = str(exc) if isinstance(exc, WorkbenchError) else f"{title}: {exc}"
        self.notice.say(f"{title}. {message}", tone="warning")
        emit(self.context.message, message)

    # -- lists and screening runs -----------------------------------------------------------

    def choose_list_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import restricted-party list", str(Path.home()), LIST_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Job[ImportResult]:
        """Import ``path`` as a new list version and screen the book, with progress."""
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> ImportResult:
            return screening.import_list(db, path, progress=progress, cancel=cancel)

        job, _dialog = run_with_progress(
            self,
            self.context.writer,
            "Importing list",
            f"Reading {path.name}, storing it as a list version and screening the book…",
            work,
        )
        job.succeeded.connect(self._on_imported)
        job.failed.connect(lambda exc: self._on_write_failed("List not imported", exc))
        job.cancelled.connect(
            lambda: self.notice.say("Import cancelled; no list version was added.")
        )
        self.write_job = job
        return job

    def _on_imported(self, result: ImportResult) -> None:
        version = result.version
        if result.already_imported:
            self.notice.say(
                f"{version.file_name} is already the newest list version ({version.id}); "
                "nothing was imported."
            )
            return
        diff = result.diff
        text = (
            f"List version {version.id} imported: {len(diff.added):,} added, "
            f"{len(diff.removed):,} removed, {len(diff.changed):,} changed entries."
        )
        if result.screening is not None:
            text += " " + _screen_text(result.screening)
        self.notice.say(text)
        self._data_changed()

    def screen_now(self) -> Job[ScreenResult]:
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> ScreenResult:
            return screening.screen(db, progress=progress, cancel=cancel)

        job, _dialog = run_with_progress(
            self,
            self.context.writer,
            "Screening",
            "Screening every customer and fab against the current lists…",
            work,
        )
        job.succeeded.connect(self._on_screened)
        job.failed.connect(lambda exc: self._on_write_failed("Screening failed", exc))
        job.cancelled.connect(lambda: self.notice.say("Screening cancelled; nothing changed."))
        self.write_job = job
        return job

    def _on_screened(self, result: ScreenResult) -> None:
        self.notice.say(_screen_text(result))
        self._data_changed()

    def load_reference_list(self) -> Job[ScreenResult | None]:
        """Store the shipped list as the first version, then screen the book against it."""
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> ScreenResult | None:
            screening.ensure_reference_list(db, progress=_half(progress, 0), cancel=cancel)
            if not screening_review.has_parties(db):
                return None
            return screening.screen(db, progress=_half(progress, 1), cancel=cancel)

        self.notice.action.setEnabled(False)
        job, _dialog = run_with_progress(
            self,
            self.context.writer,
            "Loading reference list",
            "Storing the shipped Consolidated Screening List and screening the book…",
            work,
        )
        job.succeeded.connect(self._on_reference_loaded)
        job.failed.connect(lambda exc: self._on_write_failed("Reference list not loaded", exc))
        job.cancelled.connect(self.offer_reference_list)
        self.write_job = job
        return job

    def _on_reference_loaded(self, result: ScreenResult | None) -> None:
        self.notice.setProperty("offer", False)
        text = "Reference list loaded."
        if result is not None:
            text += " " + _screen_text(result)
        self.notice.say(text)
        self._data_changed()

    # -- layout -----------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        group = self.settings_group()
        settings.setValue(f"{group}/header", self.queue.save_header())
        settings.setValue(f"{group}/splitter", self.review_splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        group = self.settings_group()
        header = settings.value(f"{group}/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.queue.restore_header(header)
        splitter = settings.value(f"{group}/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.review_splitter.restoreState(splitter)


def _screen_text(result: ScreenResult) -> str:
    return (
        f"Screened {result.parties:,} customers and fabs: {result.new:,} new and "
        f"{result.reraised:,} re-raised potential matches, {result.unchanged:,} unchanged, "
        f"{result.dropped:,} dropped."
    )


def _half(progress: Progress, part: int) -> Progress:
    """Report one of two steps as its half of a 0..100 whole."""

    def report(done: int, total: int) -> None:
        share = 50 * done // total if total else 50
        progress(50 * part + share, 100)

    return report
