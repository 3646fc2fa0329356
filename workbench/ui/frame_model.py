"""A read-only table model over a small polars frame (aggregates, comparisons, run lists).

Aggregated tables have hundreds of rows, not millions, so they sort in memory with polars on
a header click; the big hit list keeps using the id-list model that sorts in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.services.browse import ColumnKind
from workbench.ui import formatting
from workbench.ui.formatting import Badge
from workbench.ui.roles import BADGE_ROLE, RAW_ROLE

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class FrameColumn:
    key: str
    label: str
    kind: ColumnKind = ColumnKind.TEXT
    #: Display text of a value; default: ``formatting.format_value``.
    text: Callable[[Any], str] | None = None
    #: A badge instead of text (outcomes, coverage).
    badge: Callable[[Any], Badge | None] | None = None
    tooltip: str = ""


class FrameTableModel(QAbstractTableModel):
    """Shows ``columns`` of a frame; ``set_frame`` replaces the rows."""

    def __init__(self, columns: Sequence[FrameColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._frame = pl.DataFrame()
        self._rows: list[tuple[Any, ...]] = []
        self._sort: tuple[int, bool] | None = None

    @property
    def columns(self) -> list[FrameColumn]:
        return list(self._columns)

    @property
    def frame(self) -> pl.DataFrame:
        return self._frame

    def set_columns(self, columns: Sequence[FrameColumn]) -> None:
        """New columns (e.g. one per currency of the run shown); rows are kept if they fit."""
        self.beginResetModel()
        self._columns = list(columns)
        self._sort = None
        self._refresh_rows()
        self.endResetModel()

    def set_frame(self, frame: pl.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self._refresh_rows()
        self.endResetModel()

    def _refresh_rows(self) -> None:
        keys = [c.key for c in self._columns]
        if self._frame.height and all(k in self._frame.columns for k in keys):
            self._rows = self._frame.select(keys).rows()
        else:
            self._rows = []

    def row_dict(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < self._frame.height or not self._rows:
            return None
        return self._frame.row(row, named=True)

    def column_of(self, key: str) -> int:
        return [c.key for c in self._columns].index(key)

    # -- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if formatting.is_numeric(column.kind)
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == BADGE_ROLE:
            return column.badge(value) if column.badge else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.text is not None:
                return column.text(value)
            return formatting.format_value(value, column.kind, column.key)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if formatting.is_numeric(column.kind)
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        # A reset, not a layout change: selections of aggregate rows need not survive a sort.
        self.beginResetModel()
        self._sort = (column, descending)
        self._apply_sort(column, descending)
        self._refresh_rows()
        self.endResetModel()

    def _apply_sort(self, column: int, descending: bool) -> None:
        key = self._columns[column].key
        if self._frame.height and key in self._frame.columns:
            self._frame = self._frame.sort(key, descending=descending, nulls_last=True)
