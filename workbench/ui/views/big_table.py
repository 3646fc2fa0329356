"""A big-table view (installed base, contracts, later obligations and hits): search, column
filters, SQL sorting, a row count and a details pane, all driven by one ``TableSpec``.

Every change of search, filter or sort re-queries the id list on a worker thread; answers to
superseded queries are dropped (a generation number), so fast typing never shows stale rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelection, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import browse, ui_support
from workbench.services.editing import EditResult
from workbench.services.overview import Detail
from workbench.storage.database import Database
from workbench.ui import icons
from workbench.ui.details import DetailPane
from workbench.ui.filter_header import DEBOUNCE_MS
from workbench.ui.history_tab import HistoryTab
from workbench.ui.id_table_view import id_table_view, show_column_menu
from workbench.ui.jobs import Job
from workbench.ui.signals import emit
from workbench.ui.table_model import IdTableModel
from workbench.ui.views.base import ViewContext, WorkbenchView

DetailReader = Callable[[Database, int], Detail | None]


class BigTableView(WorkbenchView):
    """Table of ``spec`` rows with a details pane for the selected row."""

    def __init__(
        self,
        context: ViewContext,
        key: str,
        table: str,
        *,
        title: str,
        nouns: tuple[str, str],
        detail: DetailReader,
        detail_caption: str,
        empty_detail: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, key, parent)
        self.spec = browse.spec(table)
        self._nouns = nouns
        self._detail_reader = detail
        self._detail_caption = detail_caption
        self._generation = 0
        self._detail_generation = 0
        self._total: int | None = None
        self._pending: Job[Any] | None = None
        self._selected_id: int | None = None
        self._restoring = False
        self._layout_restored = False
        self._first_load = True
        self.query = browse.Query(sort=self.spec.default_sort)

        self.model = IdTableModel(self.spec, self._fetch_rows, parent=self)
        self.model.sort_requested.connect(self._on_sort_requested)

        # header bar: title, count, search
        self.title = QLabel(title)
        self.title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.busy_label = QLabel("")
        self.busy_label.setObjectName("viewBusy")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_search_hint(self.spec))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(320)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self.search.textChanged.connect(self._search_timer.start)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setObjectName("flatButton")
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.setEnabled(False)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(10)
        bar.addWidget(self.title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addWidget(self.busy_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.search)

        # the table
        self.table, self.header = id_table_view(self.spec, self.model)
        self.header.setSortIndicator(
            self.model.column_of(self.spec.default_sort), Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)
        self.header.filters_changed.connect(self._on_filters_changed)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._header_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.details = DetailPane(empty_detail)
        self.history = HistoryTab(context)
        self.details.attach_history(self.history)
        self.edit_actions: list[QAction] = []
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("tableSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 440])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # -- loading ----------------------------------------------------------------------------

    def _fetch_rows(self, row_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        return browse.fetch_rows(self.context.db, self.spec, row_ids)

    def reload(self) -> None:
        """Re-read everything (another database, or F5 after an import)."""
        self._total = None
        self.model.set_fetcher(self._fetch_rows)
        self._requery()

    def _current_query(self) -> browse.Query:
        return browse.Query(
            search=self.search.text().strip(),
            filters=self.header.filters(),
            sort=self.query.sort,
            descending=self.query.descending,
        )

    def _apply_query(self) -> None:
        self.query = self._current_query()
        self._requery()

    def _on_filters_changed(self, _filters: dict[str, str]) -> None:
        self._apply_query()

    def _on_sort_requested(self, key: str, descending: bool) -> None:
        if self._restoring:
            return
        self.query = browse.Query(
            search=self.query.search,
            filters=self.query.filters,
            sort=key,
            descending=descending,
        )
        self._requery()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.header.clear_filters()

    def _requery(self) -> None:
        self._generation += 1
        generation = self._generation
        if self._pending is not None:
            self._pending.cancel()
        db, spec, query = self.context.db, self.spec, self.query
        need_total = self._total is None

        def work(_progress: Progress, cancel: CancelToken) -> tuple[list[int], int | None]:
            total = ui_support.count_rows(db, spec) if need_total else None
            cancel.raise_if_cancelled()
            return browse.find_ids(db, spec, query), total

        self.busy_label.setText("Loading…" if need_total else "Updating…")
        job = self.context.jobs.submit(f"{spec.name}: ids", work)
        job.succeeded.connect(lambda result: self._on_ids(generation, query, result))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))
        self._pending = job

    def _on_ids(
        self, generation: int, query: browse.Query, result: tuple[list[int], int | None]
    ) -> None:
        if generation != self._generation:
            return
        self._pending = None
        ids, total = result
        if total is not None:
            self._total = total
        keep = self._selected_id
        self.model.set_ids(ids, query)
        self.busy_label.setText("")
        self._update_count()
        self.clear_button.setEnabled(bool(query.search or query.filters))
        row = self.model.row_of(keep) if keep is not None else None
        if self._first_load and ids:
            self._first_load = False
            if not self._layout_restored:
                self.fit_columns()
            row = 0
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
            )
        else:
            self._show_detail_for(None)
        self.set_ready(True)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self.busy_label.setText("")
        emit(self.context.message, f"Could not read {self._nouns[1]}: {exc}")
        self.set_ready(True)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        singular, plural = self._nouns
        noun = singular if (self._total or shown) == 1 else plural
        if self._total is not None and shown != self._total:
            self.count_label.setText(f"{shown:,} of {self._total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} {noun}")

    # -- details ----------------------------------------------------------------------------

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row_id = self.model.id_at(rows[0].row()) if rows else None
        if row_id != self._selected_id or row_id is None:
            self._show_detail_for(row_id)

    def _show_detail_for(self, row_id: int | None) -> None:
        self._selected_id = row_id
        self._detail_generation += 1
        generation = self._detail_generation
        self.history.show_record(self.spec.name, row_id)
        if row_id is None:
            self.details.show_detail(None)
            return
        db, reader = self.context.db, self._detail_reader

        def work(_progress: Progress, _cancel: CancelToken) -> Detail | None:
            return reader(db, row_id)

        job = self.context.jobs.submit(f"{self.spec.name}: detail", work)
        job.succeeded.connect(lambda detail: self._on_detail(generation, detail))

    def _on_detail(self, generation: int, detail: Detail | None) -> None:
        if generation == self._detail_generation:
            self.details.show_detail(detail, self._detail_caption)

    @property
    def selected_id(self) -> int | None:
        return self._selected_id

    # -- editing ----------------------------------------------------------------------------

    @property
    def new_kinds(self) -> tuple[str, ...]:
        """What New creates here: a record of the table shown."""
        return (self.spec.name,)

    def edit_target(self) -> tuple[str, int] | None:
        return (self.spec.name, self._selected_id) if self._selected_id is not None else None

    def set_edit_actions(self, actions: Sequence[QAction]) -> None:
        self.edit_actions = list(actions)

    def _table_menu(self, position: QPoint) -> None:
        if not self.edit_actions:
            return
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addActions(self.edit_actions)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _column_sources(self, keys: Sequence[str]) -> set[tuple[str, str] | None]:
        """The (table, column) each of ``keys`` shows; None for a computed column."""
        out: set[tuple[str, str] | None] = set()
        for key in keys:
            expr = self.spec.column(key).expr
            table = getattr(getattr(expr, "table", None), "name", None)
            name = getattr(expr, "name", None)
            out.add((table, name) if isinstance(table, str) and isinstance(name, str) else None)
        return out

    def records_changed(self, results: Sequence[EditResult]) -> None:
        """Show the effect of saved edits: repaint only the rows they touched, and re-query
        the id list only when rows came or went or a sorted/filtered/searched value changed."""
        touched = {pair for r in results for pair in r.touched}
        if not touched:
            return
        own = self.spec.name
        tables = {t for t, _ in touched}
        query = self.query
        keys = [query.sort] if query.sort else []
        keys += [k for k, v in query.filters.items() if v]
        if query.search:
            keys += [c.key for c in self.spec.columns if c.searchable]
        queried = self._column_sources(keys)
        fields = {(r.table, c.field) for r in results for c in r.changes}
        structural = any(r.action not in ("update", "none") for r in results) and own in tables
        shown = {s[0] for s in self._column_sources(self.spec.keys) if s is not None}
        if structural or bool(fields & queried) or (None in queried and tables & shown):
            self._total = None if structural else self._total
            self._requery()
        elif tables & (shown - {own}):
            self.model.refresh_ids(None)  # a joined record: any row may show it
        else:
            self.model.refresh_ids(i for t, i in touched if t == own)
        if self._selected_id is not None and (
            (own, self._selected_id) in touched or tables & (shown - {own})
        ):
            self._show_detail_for(self._selected_id)  # the history tab re-reads with it
        else:
            self.history.touched(touched)

    # -- columns ----------------------------------------------------------------------------

    def _header_menu(self, position: QPoint) -> None:
        show_column_menu(self, self.spec, self.header, position, self.reset_columns)

    def fit_columns(self, cap: int = 320) -> None:
        """Widen columns to their header and the first page of rows (never all rows: a
        full ``resizeColumnsToContents`` would fetch every page)."""
        metrics = self.table.fontMetrics()
        bold = self.header.font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        sample = min(self.model.rowCount(), 200)
        for column, spec_column in enumerate(self.spec.columns):
            widest = header_metrics.horizontalAdvance(spec_column.label) + 30
            for row in range(sample):
                text = self.model.data(self.model.index(row, column))
                if isinstance(text, str):
                    widest = max(widest, metrics.horizontalAdvance(text) + 18)
            self.table.setColumnWidth(column, min(max(widest, 48), cap))
        self.header.place_editors()

    def reset_columns(self) -> None:
        for index, column in enumerate(self.spec.columns):
            self.header.setSectionHidden(index, False)
            self.header.moveSection(self.header.visualIndex(index), index)
            self.table.setColumnWidth(index, column.width)
        self.header.place_editors()

    def save_state(self, settings: QSettings) -> None:
        group = self.settings_group()
        settings.setValue(f"{group}/header", self.header.saveState())
        settings.setValue(f"{group}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        group = self.settings_group()
        header = settings.value(f"{group}/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self._layout_restored = True
            self._restoring = True
            try:
                self.header.restoreState(header)
            finally:
                self._restoring = False
            column = self.header.sortIndicatorSection()
            if 0 <= column < len(self.spec.columns):
                self.query = browse.Query(
                    sort=self.spec.columns[column].key,
                    descending=self.header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
                )
        splitter = settings.value(f"{group}/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self.header.place_editors()


def _search_hint(spec: browse.TableSpec) -> str:
    labels = [c.label.lower() for c in spec.columns if c.searchable][:4]
    return "Search " + ", ".join(labels) + "…"
