"""Import history: every batch, newest first, and for the selected one what it read and wrote.

An auditor asks "where did this record come from?" and "what did Tuesday's import change?";
the batch table answers the second, its detail (files with their SHA-256, sheets, mapping
profile, counts, who and when) and the records whose batch it still is answer the first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelection, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import import_history
from workbench.services.import_history import (
    KIND_LABELS,
    BatchDetail,
    BatchSheet,
    BatchSummary,
)
from workbench.services.overview import Detail
from workbench.ui import icons
from workbench.ui.badges import BadgeDelegate
from workbench.ui.details import DetailPane
from workbench.ui.import_models import BatchesModel, local_time
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

EMPTY_DETAIL = "Select an import batch to see its files, counts and the records it wrote."


class ImportsView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "imports", parent)
        self._generation = 0
        self._detail_generation = 0
        self._selected: int | None = None
        self.detail: BatchDetail | None = None
        self._ready_with_detail = False

        title = QLabel("Import history")
        title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.busy_label = QLabel("")
        self.busy_label.setObjectName("viewBusy")
        self.import_button = QPushButton(icons.icon("import"), "Import Files…")
        self.import_button.setToolTip("Read installed-base spreadsheets into the book")
        self.import_button.clicked.connect(self._import_clicked)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(10)
        bar.addWidget(title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addWidget(self.busy_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(self.import_button)

        self.model = BatchesModel(self)
        self.table = QTableView()
        self.table.setObjectName("batchTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        for column, width in enumerate((58, 128, 240, 90, 98, 58, 70, 70)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the file names
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.details = DetailPane(EMPTY_DETAIL)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("importsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 520])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[BatchSummary]:
            return import_history.list_batches(db)

        self.busy_label.setText("Loading…")
        job = self.context.jobs.submit("import history", work)
        job.succeeded.connect(lambda batches: self._on_batches(generation, batches))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_batches(self, generation: int, batches: list[BatchSummary]) -> None:
        if generation != self._generation:
            return
        keep = self._selected
        self.model.set_batches(batches)
        self.busy_label.setText("")
        noun = "batch" if len(batches) == 1 else "batches"
        self.count_label.setText(f"{len(batches):,} {noun}")
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and batches:
            row = 0
        if row is not None:
            self._ready_with_detail = not self.is_ready  # ready once the detail is on screen
            self.table.selectRow(row)
        else:
            self._show_detail(None)
            self.set_ready(True)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self.busy_label.setText("")
        emit(self.context.message, f"Could not read the import history: {exc}")
        self.set_ready(True)

    def _on_detail_failed(self, generation: int, exc: object) -> None:
        if generation == self._detail_generation:
            emit(self.context.message, f"Could not read the import batch: {exc}")
            self._ready_with_detail = False
            self.set_ready(True)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        batch = self.model.batches[rows[0].row()].id if rows else None
        self._show_detail(batch)

    def _show_detail(self, batch_id: int | None) -> None:
        self._selected = batch_id
        self._detail_generation += 1
        generation = self._detail_generation
        if batch_id is None:
            self.detail = None
            self.details.show_detail(None)
            return
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> BatchDetail:
            return import_history.batch_detail(db, batch_id)

        job = self.context.jobs.submit("import batch", work)
        job.succeeded.connect(lambda detail: self._on_detail(generation, detail))
        job.failed.connect(lambda exc: self._on_detail_failed(generation, exc))

    def _on_detail(self, generation: int, detail: BatchDetail) -> None:
        if generation != self._detail_generation:
            return
        self.detail = detail
        caption = "Records this batch wrote"
        if detail.records_total > len(detail.records):
            caption += f" (first {len(detail.records):,} of {detail.records_total:,})"
        self.details.show_detail(as_detail(detail), caption)
        if self._ready_with_detail:
            self._ready_with_detail = False
            self.set_ready(True)

    @property
    def selected_batch(self) -> int | None:
        return self._selected

    # -- actions --------------------------------------------------------------------------------

    def _import_clicked(self) -> None:
        self.open_wizard()

    def open_wizard(self, paths: list[Path] | None = None) -> None:
        """The window's wizard (so its status bar follows the commit), else one of our own."""
        opener = getattr(self.window(), "open_import", None)
        if callable(opener):
            opener(paths or [])
            return
        from workbench.ui.import_wizard import open_import_wizard

        wizard = open_import_wizard(self.window(), self.context, paths or [])
        wizard.finished.connect(wizard.deleteLater)  # never left to its parent's destruction

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.settings_group()}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"{self.settings_group()}/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)


_COUNTS = ("new", "changed", "unchanged", "rejected")


def _sheet_line(sheet: BatchSheet) -> str:
    where = f"{sheet.file} › {sheet.sheet}" if sheet.sheet else sheet.file
    if not sheet.header_row:
        return f"{where}: skipped, no header row"
    kinds = ", ".join(k.replace("_", " ") for k in sheet.kinds) or "nothing recognised"
    line = f"{where}: {kinds}, {sheet.rows_read:,} rows from row {sheet.header_row + 1}"
    return line + (f", {sheet.rows_rejected:,} rejected" if sheet.rows_rejected else "")


def as_detail(detail: BatchDetail) -> Detail:
    """The batch as the shared details pane shows a record: fields, then its records."""
    summary = detail.summary
    files = "\n".join(
        f"{f.name} ({f.format}, {f.size:,} bytes)" if f.size is not None else f.name
        for f in detail.files
    )
    hashes = "\n".join(f"{f.name}: {f.sha256}" for f in detail.files)
    sheets = "\n".join(_sheet_line(s) for s in detail.sheets)
    counts = "\n".join(
        f"{KIND_LABELS.get(kind, kind)}s: "
        + ", ".join(f"{c[what]:,} {what}" for what in _COUNTS if c.get(what))
        for kind, c in summary.counts.items()
        if any(c.values())
    )
    fields = [
        ("Status", summary.status),
        ("When", local_time(summary.created_at)),
        ("User", summary.user),
        ("Files", files or summary.file_name),
        ("SHA-256", hashes or detail.sha256),
        ("Sheets", sheets or "—"),
        ("Profile", summary.profile or "none (columns detected)"),
        ("Counts", counts or "nothing read"),
    ]
    rows = [[KIND_LABELS.get(r.kind, r.kind), r.key, r.description] for r in detail.records]
    return Detail(
        f"Batch {summary.id} · {summary.file_name}",
        fields,
        ["Record", "Key", "Description"],
        rows,
    )
