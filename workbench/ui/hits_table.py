"""The hits of one run: a big SQL-backed table with column filters and search, or the same
hits grouped by customer, fab or rule as an aggregated table.

Grouping is a switch to a small table of totals (computed once per run with polars) rather
than a tree over the big table: a group's totals read at a glance, and a double-click on a group
shows its hits in the big table, filtered, where every column filter still works.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import browse, impact
from workbench.ui import icons
from workbench.ui.filter_header import DEBOUNCE_MS
from workbench.ui.formatting import format_money
from workbench.ui.frame_model import FrameColumn, FrameTableModel
from workbench.ui.id_table_view import id_table_view
from workbench.ui.jobs import Job
from workbench.ui.outcomes import coverage_badge, coverage_text, outcome_badge
from workbench.ui.roles import BADGE_ROLE
from workbench.ui.signals import emit
from workbench.ui.table_model import IdTableModel
from workbench.ui.views.base import ViewContext

GROUPINGS = (
    ("", "No grouping"),
    ("customer", "Group by customer"),
    ("fab", "Group by fab"),
    ("rule", "Group by rule"),
)
_OUTCOME_KEYS = frozenset({"outcome", "final_outcome"})


class HitsTableModel(IdTableModel):
    """The id-list model with outcomes and licence coverage drawn as coloured badges."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (BADGE_ROLE, Qt.ItemDataRole.DisplayRole):
            key = self.spec.columns[index.column()].key
            if key in _OUTCOME_KEYS or key == "licence_coverage":
                values = self.row_values(index.row())
                value = values[index.column()] if values is not None else None
                if role == BADGE_ROLE:
                    return outcome_badge(value) if key in _OUTCOME_KEYS else coverage_badge(value)
                if key == "licence_coverage":
                    return coverage_text(value)
                badge = outcome_badge(value)
                return badge.text if badge else ""
        return super().data(index, role)


def group_columns(by: str, currencies: Sequence[str]) -> list[FrameColumn]:
    label = {"customer": "Customer", "fab": "Fab", "rule": "Rule"}[by]
    detail = {"customer": "Fab countries", "fab": "Customer · country", "rule": "Juris. · outcome"}
    columns = [
        FrameColumn("label", label),
        FrameColumn("detail", detail[by]),
        FrameColumn("hits", "Hits", browse.ColumnKind.INT),
        FrameColumn("obligations", "Obligations", browse.ColumnKind.INT),
        FrameColumn("machines", "Machines", browse.ColumnKind.INT),
    ]
    columns += [
        FrameColumn(
            c,
            f"Value at risk {c}",
            browse.ColumnKind.MONEY,
            text=lambda v: format_money(round(float(v or 0.0))).removesuffix(".00"),
        )
        for c in currencies
    ]
    return columns


class HitsBrowser(QWidget):
    """Table of one run's hits; ``hit_selected`` carries the hit id (or None)."""

    hit_selected = Signal(object)
    ids_loaded = Signal(int)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = browse.spec("hits")
        self.run_id: int | None = None
        self._generation = 0
        self._pending: Job[Any] | None = None
        self._total: int | None = None
        self._selected: int | None = None
        self._groups: dict[str, pl.DataFrame] = {}
        self.query = browse.Query(sort=self.spec.default_sort)

        self.model = HitsTableModel(self.spec, self._fetch, parent=self)
        self.model.sort_requested.connect(self._on_sort)

        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.grouping = QComboBox()
        self.grouping.setObjectName("groupingChoice")
        for key, text in GROUPINGS:
            self.grouping.addItem(text, key)
        self.grouping.currentIndexChanged.connect(self._on_grouping)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search customer, fab, serial, model, contract, rule…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(300)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self.search.textChanged.connect(self._search_timer.start)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setObjectName("flatButton")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_filters)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(8)
        bar.addWidget(self.grouping)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.addStretch(1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.search)

        self.table, self.header = id_table_view(self.spec, self.model)
        self.table.setColumnWidth(self.model.column_of("outcome"), 170)
        self.table.setColumnWidth(self.model.column_of("final_outcome"), 170)
        self.table.setColumnWidth(self.model.column_of("licence_coverage"), 150)
        self.header.setSortIndicator(
            self.model.column_of(self.spec.default_sort), Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)
        self.header.filters_changed.connect(lambda _f: self._apply_query())
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.group_model = FrameTableModel(group_columns("customer", []), self)
        self.group_table = QTableView()
        self.group_table.setObjectName("groupTable")
        self.group_table.setModel(self.group_model)
        self.group_table.setSortingEnabled(True)
        self.group_table.setAlternatingRowColors(True)
        self.group_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.group_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.group_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.group_table.verticalHeader().hide()
        self.group_table.verticalHeader().setDefaultSectionSize(26)
        self.group_table.horizontalHeader().setStretchLastSection(True)
        self.group_table.setToolTip("Double-click a group to see its hits")
        self.group_table.doubleClicked.connect(self._open_group)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.group_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

    # -- data -----------------------------------------------------------------------------------

    def _fetch(self, row_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        return browse.fetch_rows(self.context.db, self.spec, row_ids)

    def set_run(self, run_id: int | None, groups: dict[str, pl.DataFrame]) -> None:
        """Show another run; filters and search stay, so the same question is asked of it."""
        self.run_id = run_id
        self._groups = groups
        self._total = None
        self._selected = None
        self.model.set_fetcher(self._fetch)
        self._show_groups()
        self._requery()

    def _scoped(self, query: browse.Query) -> browse.Query:
        return browse.Query(
            search=query.search,
            filters=query.filters,
            sort=query.sort,
            descending=query.descending,
            scope={"run_id": self.run_id if self.run_id is not None else -1},
        )

    def _apply_query(self) -> None:
        self.query = browse.Query(
            search=self.search.text().strip(),
            filters=self.header.filters(),
            sort=self.query.sort,
            descending=self.query.descending,
        )
        self._requery()

    def _on_sort(self, key: str, descending: bool) -> None:
        self.query = browse.Query(
            search=self.query.search, filters=self.query.filters, sort=key, descending=descending
        )
        self._requery()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.header.clear_filters()

    def filter_to(self, key: str, text: str) -> None:
        """Show only hits whose ``key`` column contains ``text`` (from a group or a chart)."""
        self.grouping.setCurrentIndex(0)
        self.header.set_filter(key, text, immediate=True)

    def _requery(self) -> None:
        self._generation += 1
        generation = self._generation
        if self._pending is not None:
            self._pending.cancel()
        db, spec = self.context.db, self.spec
        query = self._scoped(self.query)
        need_total = self._total is None
        total_query = self._scoped(browse.Query())

        def work(_progress: Progress, cancel: CancelToken) -> tuple[list[int], int | None]:
            ids = browse.find_ids(db, spec, query)
            cancel.raise_if_cancelled()
            total = None
            if need_total:
                total = (
                    len(ids)
                    if query == total_query
                    else len(browse.find_ids(db, spec, total_query))
                )
            return ids, total

        job = self.context.jobs.submit("hits: ids", work)
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
        keep = self._selected
        self.model.set_ids(ids, query)
        self.clear_button.setEnabled(bool(query.search or query.filters))
        self._update_count()
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and ids:
            row = 0
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._select(None)
        emit(self.ids_loaded, len(ids))

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation == self._generation:
            self._pending = None
            emit(self.context.message, f"Could not read the hits: {exc}")

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self._total
        noun = "hit" if (total or shown) == 1 else "hits"
        if total is not None and shown != total:
            self.count_label.setText(f"{shown:,} of {total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} {noun}")

    # -- selection ------------------------------------------------------------------------------

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._select(self.model.id_at(rows[0].row()) if rows else None)

    def _select(self, hit_id: int | None) -> None:
        if hit_id != self._selected or hit_id is None:
            self._selected = hit_id
            emit(self.hit_selected, hit_id)

    @property
    def selected_hit(self) -> int | None:
        return self._selected

    # -- grouping -------------------------------------------------------------------------------

    @property
    def grouped_by(self) -> str:
        return str(self.grouping.currentData() or "")

    def _on_grouping(self, _index: int) -> None:
        self._show_groups()

    def _show_groups(self) -> None:
        by = self.grouped_by
        if not by:
            self.stack.setCurrentWidget(self.table)
            self._update_count()
            return
        frame = self._groups.get(by, pl.DataFrame())
        currencies = [c for c in frame.columns if c not in impact.GROUP_SCHEMA_BASE]
        self.group_model.set_columns(group_columns(by, currencies))
        self.group_model.set_frame(frame)
        widths = {"label": 260, "detail": 170}
        for column, spec in enumerate(self.group_model.columns):
            self.group_table.setColumnWidth(column, widths.get(spec.key, 120))
        self.stack.setCurrentWidget(self.group_table)
        noun = {"customer": "customers", "fab": "fabs", "rule": "rules"}[by]
        self.count_label.setText(f"{frame.height:,} {noun}")

    def _open_group(self, index: QModelIndex) -> None:
        row = self.group_model.row_dict(index.row())
        if row is not None:
            key, text = impact.group_filter(self.grouped_by, row)  # type: ignore[arg-type]
            self.filter_to(key, text)
