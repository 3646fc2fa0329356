"""The one table widget every big table shares: read-only rows over an ``IdTableModel``
with a filter header, so Installed Base, Contracts, hits and the review queue look and
behave alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTableView, QWidget

from workbench.storage.tables import TableSpec
from workbench.ui.badges import BadgeDelegate
from workbench.ui.filter_header import FilterHeader
from workbench.ui.table_model import IdTableModel


def id_table_view(spec: TableSpec, model: IdTableModel) -> tuple[QTableView, FilterHeader]:
    """A table showing ``model`` with a per-column filter header, sized from ``spec``.

    Sorting is left off: each caller sets its sort indicator first and then enables it, so
    the first sort the view asks for is the one the caller chose.
    """
    table = QTableView()
    table.setObjectName("bigTable")
    header = FilterHeader(spec, table)
    table.setHorizontalHeader(header)
    table.setModel(model)
    table.setItemDelegate(BadgeDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.verticalHeader().setMinimumSectionSize(20)
    for index, column in enumerate(spec.columns):
        table.setColumnWidth(index, column.width)
    table.horizontalScrollBar().valueChanged.connect(header.place_editors)
    return table, header


def show_column_menu(
    parent: QWidget,
    spec: TableSpec,
    header: FilterHeader,
    position: QPoint,
    reset: Callable[[], None],
) -> None:
    """The header's context menu: a check per column to show or hide it, and a reset."""
    menu = QMenu(parent)
    for index, column in enumerate(spec.columns):
        action = QAction(column.label, menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(index))
        action.toggled.connect(lambda visible, i=index: header.setSectionHidden(i, not visible))
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction("Reset columns", reset)
    menu.exec(header.mapToGlobal(position))
