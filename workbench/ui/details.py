"""The details pane: one record as labelled fields plus its sub-table (obligations, lines).

Shows ``services.overview.Detail`` values, whatever the record type, so every view gets the
same pane; the text is selectable because users paste serials and contract numbers into mail.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.services.overview import Detail

_Index = QModelIndex | QPersistentModelIndex
_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?( [A-Z]{3})?$")


class TextTableModel(QAbstractTableModel):
    """A small read-only table of strings; figures are right-aligned."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[str]] = []

    def set_table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) + [""] * (len(headers) - len(r)) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if _NUMBER.match(text) else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DetailPane(QFrame):
    """Title, a two-column grid of fields, and an optional sub-table with its row count."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._empty_text = empty_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)

        self.title = QLabel(empty_text)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        #: Fields and sub-table; moved into a "Details" tab once a History tab is attached.
        self._content = QWidget()
        content = QVBoxLayout(self._content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(10)
        layout.addWidget(self._content, 1)
        self.tabs: QTabWidget | None = None

        self._fields_host = QWidget()
        self._grid = QGridLayout(self._fields_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(5)
        self._grid.setColumnStretch(1, 1)
        self._fields_host.setObjectName("detailFields")
        content.addWidget(self._fields_host)

        self.table_caption = QLabel()
        self.table_caption.setObjectName("detailCaption")
        content.addWidget(self.table_caption)
        self.table_model = TextTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("detailTable")
        self.table.setModel(self.table_model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        content.addWidget(self.table, 1)
        self._spacer = QWidget()
        content.addWidget(self._spacer, 1)
        self.show_detail(None)

    def attach_history(self, history: QWidget) -> None:
        """Show ``history`` (a record's audit trail) as a tab beside the details."""
        if self.tabs is not None:
            return
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self._content)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._content, "Details")
        self.tabs.addTab(history, "History")
        layout.addWidget(self.tabs, 1)

    def show_detail(self, detail: Detail | None, caption: str = "") -> None:
        """Show a record, or the empty hint when nothing is selected."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if detail is None:
            self.title.setText(self._empty_text)
            self.title.setProperty("empty", True)
            self._fields_host.hide()
            self.table_model.set_table([], [])
            self.table_caption.hide()
            self.table.hide()
            self._spacer.show()
            self._repolish(self.title)
            return
        self.title.setText(detail.title)
        self.title.setProperty("empty", False)
        self._repolish(self.title)
        for row, (label, value) in enumerate(detail.fields):
            name = QLabel(label)
            name.setObjectName("fieldName")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text = QLabel(value)
            text.setObjectName("fieldValue")
            text.setWordWrap(True)
            # Ignored: long values wrap to the pane's width instead of widening the pane.
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            text.setMinimumWidth(40)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(text, row, 1)
        self._fields_host.show()
        has_table = bool(detail.table_headers)
        self.table_model.set_table(detail.table_headers, detail.table_rows)
        self.table_caption.setVisible(has_table)
        self.table.setVisible(has_table)
        self._spacer.setVisible(not has_table)
        if has_table:
            count = len(detail.table_rows)
            self.table_caption.setText(f"{caption or 'Rows'} · {count:,}")
            self.table.resizeColumnsToContents()
            for column in range(self.table_model.columnCount()):
                width = self.table.columnWidth(column)
                self.table.setColumnWidth(column, min(max(width + 12, 60), 200))

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)
