"""Customers and Fabs: the group structure with each fab's technology and listing status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelection, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import overview, ui_support
from workbench.services.editing import EditResult
from workbench.services.overview import CustomerNode, Detail
from workbench.ui import icons
from workbench.ui.badges import BadgeDelegate
from workbench.ui.customer_tree import COLUMNS, CustomerTreeModel
from workbench.ui.details import DetailPane
from workbench.ui.filter_header import DEBOUNCE_MS
from workbench.ui.history_tab import HistoryTab
from workbench.ui.roles import ID_ROLE, KIND_ROLE
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

_WIDTHS = (270, 74, 126, 126, 78, 240)
#: Tree node kinds and the record kinds they edit.
_KINDS = {"customer": "customers", "fab": "fabs", "machine": "machines"}
#: Tables whose edits change what the tree shows.
_SHOWN_TABLES = frozenset({"customers", "fabs", "machines", "equipment_models"})


class CustomersView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "customers", parent)
        self._detail_generation = 0
        self.model = CustomerTreeModel(self._machine_ids, self._machine_rows, self)

        title = QLabel("Customers and fabs")
        title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Filter customer, fab, site code, city or country…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(320)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._timer.start)
        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(self.search)

        self.tree = QTreeView()
        self.tree.setObjectName("customerTree")
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(BadgeDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionsMovable(True)
        for column, width in enumerate(_WIDTHS[: len(COLUMNS)]):
            self.tree.setColumnWidth(column, width)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)

        self.details = DetailPane("Select a customer, fab or machine to see its details.")
        self.history = HistoryTab(context)
        self.details.attach_history(self.history)
        self.edit_actions: list[QAction] = []
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self._selected: tuple[str, int] | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("treeSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1060, 400])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    def _machine_ids(self, fab_id: int) -> list[int]:
        return ui_support.fab_machine_ids(self.context.db, fab_id)

    def _machine_rows(self, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return ui_support.fab_machine_rows(self.context.db, row_ids)

    def reload(self) -> None:
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[CustomerNode]:
            return overview.customer_tree(db)

        job = self.context.jobs.submit("customer tree", work)
        job.succeeded.connect(self._show)
        job.failed.connect(lambda exc: emit(self.context.message, f"Customers: {exc}"))

    def _show(self, roots: list[CustomerNode]) -> None:
        self.model.set_sources(self._machine_ids, self._machine_rows)
        self.model.set_tree(roots)
        customers = sum(_count_customers(r) for r in roots)
        fabs = sum(_count_fabs(r) for r in roots)
        groups = sum(1 for r in roots if r.children)
        self.count_label.setText(f"{customers:,} customers · {groups:,} groups · {fabs:,} fabs")
        self._expand_groups()
        self.details.show_detail(None)
        if self.model.rowCount() and not self.tree.selectionModel().hasSelection():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self.set_ready(True)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.search.text())
        if self.search.text().strip():
            self.tree.expandToDepth(1)
        else:
            self._expand_groups()

    def _expand_groups(self) -> None:
        """Open each group one level so subsidiaries and fabs show without clicking."""
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if self.model.rowCount(index) <= 12:
                self.tree.expand(index)

    # -- details ----------------------------------------------------------------------------

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.tree.selectionModel().selectedRows()
        if not rows:
            self._request_detail(None, None)
            return
        index = rows[0]
        self._request_detail(index.data(KIND_ROLE), index.data(ID_ROLE))

    def _request_detail(self, kind: str | None, record_id: int | None) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        table = _KINDS.get(kind or "")
        self._selected = (table, record_id) if table and record_id is not None else None
        self.history.show_record(table, record_id)
        if kind is None or record_id is None:
            self.details.show_detail(None)
            return
        db = self.context.db
        readers = {
            "customer": ui_support.customer_detail,
            "fab": ui_support.fab_detail,
            "machine": overview.machine_detail,
        }
        reader = readers[kind]
        captions = {
            "customer": "Fabs",
            "fab": "Restricted-party listings",
            "machine": "Service obligations",
        }

        def work(_progress: Progress, _cancel: CancelToken) -> Detail | None:
            return reader(db, record_id)

        job = self.context.jobs.submit(f"{kind} detail", work)
        job.succeeded.connect(lambda detail: self._on_detail(generation, detail, captions[kind]))

    def _on_detail(self, generation: int, detail: Detail | None, caption: str) -> None:
        if generation == self._detail_generation:
            self.details.show_detail(detail, caption)

    # -- editing ----------------------------------------------------------------------------

    @property
    def new_kinds(self) -> tuple[str, ...]:
        return ("customers", "fabs")

    def edit_target(self) -> tuple[str, int] | None:
        return self._selected

    def new_preset(self, kind: str) -> dict[str, Any]:
        """A new fab belongs to the selected customer; a new customer joins its group."""
        if self._selected is None or self._selected[0] != "customers":
            return {}
        return {"customer_id" if kind == "fabs" else "parent_id": self._selected[1]}

    def set_edit_actions(self, actions: list[QAction]) -> None:
        self.edit_actions = list(actions)

    def _tree_menu(self, position: QPoint) -> None:
        if not self.edit_actions:
            return
        index = self.tree.indexAt(position)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(self.edit_actions)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def records_changed(self, results: list[EditResult]) -> None:
        """The tree is a few hundred nodes: an edit of what it shows rebuilds it."""
        touched = {pair for r in results for pair in r.touched}
        if {t for t, _ in touched} & _SHOWN_TABLES:
            self.reload()
        self.history.touched(touched)

    # -- layout -----------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.settings_group()}/header", self.tree.header().saveState())
        settings.setValue(f"{self.settings_group()}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value(f"{self.settings_group()}/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.tree.header().restoreState(header)
        splitter = settings.value(f"{self.settings_group()}/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)


def _count_customers(node: CustomerNode) -> int:
    return 1 + sum(_count_customers(c) for c in node.children)


def _count_fabs(node: CustomerNode) -> int:
    return len(node.fabs) + sum(_count_fabs(c) for c in node.children)
