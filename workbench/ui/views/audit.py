"""Audit: the whole trail as a table, filtered by table, record, user, dates and cause; the
chain check; and the export an auditor asks for.

The trail only grows (an import of 100k rows adds a few packed entries, a day of editing
hundreds), so entries are read newest first a page at a time as the user scrolls, never all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import audit
from workbench.services.audit import AuditEntry, AuditFilter, ChainCheck
from workbench.services.edit_fields import KINDS
from workbench.ui.filter_header import DEBOUNCE_MS
from workbench.ui.history_tab import CAUSE_LABELS, AuditEntriesModel, entries_table
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

#: Entries read per page as the user scrolls.
PAGE = 500
#: Tables offered in the filter (others can be typed: the combo is editable).
TABLES = (
    *KINDS,
    "obligations",
    "party_listings",
    "screening_matches",
    "rule_packs",
    "scenarios",
    "evaluation_runs",
    "report_signoffs",
    "user_roles",
)
_EARLIEST = QDate(2000, 1, 1)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AuditView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "audit", parent)
        self._generation = 0
        self.flt = AuditFilter()
        self.model = AuditEntriesModel(parent=self)
        self.model.more_wanted.connect(self._load_more)

        title = QLabel("Audit trail")
        title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.chain_label = QLabel("")
        self.chain_label.setObjectName("viewBusy")
        self.verify_button = QPushButton("Verify chain")
        self.verify_button.setToolTip("Recompute every entry's hash and name the first broken link")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Write the entries matching the filter to .xlsx or .csv")
        self.export_button.clicked.connect(self.choose_export)
        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(self.chain_label)
        bar.addWidget(self.verify_button)
        bar.addWidget(self.export_button)

        self.table_filter = QComboBox()
        self.table_filter.setEditable(True)
        self.table_filter.addItem("")
        self.table_filter.addItems(TABLES)
        line = self.table_filter.lineEdit()
        if line is not None:
            line.setPlaceholderText("any table")
        self.record_filter = QLineEdit()
        self.record_filter.setPlaceholderText("record id")
        self.record_filter.setMaximumWidth(100)
        self.user_filter = QLineEdit()
        self.user_filter.setPlaceholderText("user")
        self.user_filter.setMaximumWidth(140)
        self.since_filter = self._date_edit()
        self.until_filter = self._date_edit()
        self.cause_filter = QComboBox()
        self.cause_filter.addItem("any cause", None)
        for kind in audit.CAUSE_KINDS:
            self.cause_filter.addItem(CAUSE_LABELS.get(kind, kind), kind)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setObjectName("flatButton")
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for label, widget in (
            ("Table", self.table_filter),
            ("Record", self.record_filter),
            ("User", self.user_filter),
            ("From", self.since_filter),
            ("To", self.until_filter),
            ("Cause", self.cause_filter),
        ):
            caption = QLabel(label)
            caption.setObjectName("fieldName")
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)
        self.message = QLabel("")
        self.message.setObjectName("fieldError")
        self.message.setStyleSheet("color: #b42318;")
        self.message.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.table_filter.currentTextChanged.connect(self._timer.start)
        self.record_filter.textChanged.connect(self._timer.start)
        self.user_filter.textChanged.connect(self._timer.start)
        self.since_filter.dateChanged.connect(self._timer.start)
        self.until_filter.dateChanged.connect(self._timer.start)
        self.cause_filter.currentIndexChanged.connect(self._timer.start)

        self.table = entries_table(self.model)
        self.table.setObjectName("bigTable")
        for key, width in (("seq", 60), ("at", 140), ("user", 90), ("action", 60),
                           ("table", 110), ("record", 170), ("field", 110), ("old", 170),
                           ("new", 170), ("cause", 120)):  # fmt: skip
            self.table.setColumnWidth(self.model.column_of(key), width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_EARLIEST)
        edit.setSpecialValueText("any")
        edit.setDate(_EARLIEST)
        return edit

    # -- filter -----------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter | None:
        """The filter the fields describe, or None (with a message) when one is malformed."""
        record_text = self.record_filter.text().strip()
        record_id: int | None = None
        if record_text:
            if not record_text.isdigit():
                self._say(f"'{record_text}' is not a record id (a whole number).")
                return None
            record_id = int(record_text)
        since = self._day(self.since_filter)
        until = self._day(self.until_filter)
        if since and until and until < since:
            self._say("The 'To' date is before the 'From' date.")
            return None
        self._say("")
        return AuditFilter(
            since=since,
            until=until + dt.timedelta(days=1) if until else None,
            user=self.user_filter.text().strip() or None,
            table=self.table_filter.currentText().strip() or None,
            record_id=record_id,
            cause_kind=self.cause_filter.currentData(),
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @staticmethod
    def _day(edit: QDateEdit) -> dt.datetime | None:
        if edit.date() == edit.minimumDate():
            return None
        day = edit.date().toPython()
        assert isinstance(day, dt.date)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    def set_filter(
        self,
        *,
        table: str = "",
        record_id: int | None = None,
        user: str = "",
        cause: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> None:
        """Set every filter field at once and apply (the History tab's "show in Audit")."""
        self.table_filter.setCurrentText(table)
        self.record_filter.setText("" if record_id is None else str(record_id))
        self.user_filter.setText(user)
        self.cause_filter.setCurrentIndex(max(0, self.cause_filter.findData(cause)))
        self.since_filter.setDate(_qdate(since) if since else _EARLIEST)
        self.until_filter.setDate(_qdate(until) if until else _EARLIEST)
        self._timer.stop()
        self.apply_filter()

    def clear_filters(self) -> None:
        self.set_filter()

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self.flt = flt
        self.reload()

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation, flt, db = self._generation, self.flt, self.context.db
        self.count_label.setText("Loading…")

        def work(_progress: Progress, _cancel: CancelToken) -> list[AuditEntry]:
            return audit.recent(db, flt, limit=PAGE + 1)

        job = self.context.jobs.submit("audit trail", work)
        job.succeeded.connect(lambda found: self._on_first(generation, found))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_first(self, generation: int, found: list[AuditEntry]) -> None:
        if generation != self._generation:
            return
        self.model.set_entries(found[:PAGE], has_more=len(found) > PAGE)
        self._update_count()
        self.set_ready(True)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation == self._generation:
            self.count_label.setText("")
            emit(self.context.message, f"Could not read the audit trail: {exc}")
            self.set_ready(True)

    def _load_more(self) -> None:
        """The next page, newest first: the entries older than the oldest shown."""
        generation, flt, db = self._generation, self.flt, self.context.db
        loaded = self.model.rowCount()

        def work(_progress: Progress, _cancel: CancelToken) -> list[AuditEntry]:
            return audit.recent(db, flt, limit=loaded + PAGE + 1)[loaded:]

        job = self.context.jobs.submit("audit trail: more", work)
        job.succeeded.connect(lambda found: self._on_more(generation, found))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_more(self, generation: int, found: list[AuditEntry]) -> None:
        if generation != self._generation:
            return
        self.model.append(found[:PAGE], has_more=len(found) > PAGE)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        more = " (scroll for more)" if self.model.has_more else ""
        self.count_label.setText(f"{shown:,} entries{more}")

    def records_changed(self, _results: object) -> None:
        """New entries were appended: show them if the view has been opened."""
        if self._loaded_once:
            self.reload()

    # -- verify and export ------------------------------------------------------------------

    def verify(self) -> None:
        db = self.context.db
        self.verify_button.setEnabled(False)
        self.chain_label.setText("Checking the chain…")
        self.chain_label.setProperty("tone", "")

        def work(progress: Progress, cancel: CancelToken) -> ChainCheck:
            return audit.verify(db, progress, cancel)

        job = self.context.jobs.submit("audit verify", work)
        job.progressed.connect(
            lambda done, total: self.chain_label.setText(f"Checking the chain… {done:,}/{total:,}")
        )
        job.succeeded.connect(self._on_verified)
        job.failed.connect(self._on_verify_failed)
        self.verify_job = job

    def _on_verified(self, check: ChainCheck) -> None:
        self.verify_button.setEnabled(True)
        if check.ok:
            self.chain_label.setText(f"✔ Chain intact · {check.entries:,} entries")
            self.chain_label.setStyleSheet("color: #1a7f37; font-weight: 600;")
        else:
            self.chain_label.setText(f"✘ Broken at entry #{check.broken_seq}: {check.problem}")
            self.chain_label.setStyleSheet("color: #b42318; font-weight: 600;")
        self.chain_label.setToolTip(self.chain_label.text())
        self.last_check = check

    def _on_verify_failed(self, exc: object) -> None:
        self.verify_button.setEnabled(True)
        self.chain_label.setText(f"Could not check the chain: {exc}")

    def choose_export(self) -> None:
        suggested = Path.home() / f"audit-trail-{dt.date.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export audit trail", str(suggested), "Excel workbook (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export(Path(path))

    def export(self, target: Path) -> None:
        db, flt = self.context.db, self.flt
        self.export_button.setEnabled(False)

        def work(progress: Progress, cancel: CancelToken) -> int:
            return audit.export(db, target, flt, progress, cancel)

        job = self.context.jobs.submit("audit export", work)
        job.succeeded.connect(lambda rows: self._on_exported(target, rows))
        job.failed.connect(self._on_export_failed)
        self.export_job = job

    def _on_exported(self, target: Path, rows: int) -> None:
        self.export_button.setEnabled(True)
        emit(self.context.message, f"Wrote {rows:,} audit rows to {target}")

    def _on_export_failed(self, exc: object) -> None:
        self.export_button.setEnabled(True)
        self._say(f"Export failed: {exc}")
