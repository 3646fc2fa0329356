"""The one model behind every big table: a sorted, filtered id list plus an LRU page cache.

Qt asks for cells of the rows it paints; the model maps a row to its id and, on a miss, fetches
the whole page of ids around it in one query. Sorting and filtering never happen here: the
owner re-queries the id list in SQL (off the GUI thread) and hands it over with
:meth:`IdTableModel.set_ids`. A ``QSortFilterProxyModel`` would call ``data()`` tens of millions
of times to sort a large table (measured ~10 s at 100k rows, ~120 s at 1M).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from workbench.services.browse import ColumnKind, Query, TableSpec
from workbench.ui import formatting
from workbench.ui.roles import BADGE_ROLE, ID_ROLE, RAW_ROLE
from workbench.ui.signals import emit

#: Fetches the cell values of the given ids, keyed by id, in ``spec.columns`` order.
RowFetcher = Callable[[Sequence[int]], dict[int, tuple[Any, ...]]]

PAGE_SIZE = 200
CACHED_PAGES = 64

_Index = QModelIndex | QPersistentModelIndex


class IdTableModel(QAbstractTableModel):
    """A read-only table over ``spec``; ``sort_requested`` asks the owner for a new id list."""

    sort_requested = Signal(str, bool)  # column key, descending

    def __init__(
        self,
        spec: TableSpec,
        fetch: RowFetcher,
        *,
        page_size: int = PAGE_SIZE,
        cached_pages: int = CACHED_PAGES,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._fetch = fetch
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, tuple[Any, ...]]] = OrderedDict()
        self._kinds = [c.kind for c in spec.columns]
        self._keys = [c.key for c in spec.columns]
        self.query = Query(sort=spec.default_sort)
        self.page_fetches = 0

    # -- what the owner calls -------------------------------------------------------------

    def set_ids(self, ids: Sequence[int], query: Query | None = None) -> None:
        """Show a new id list (after a sort, a filter or a reload); cached pages are dropped."""
        self.beginResetModel()
        self._ids = ids if isinstance(ids, array) else array("q", ids)
        self._pages.clear()
        if query is not None:
            self.query = query
        self.endResetModel()

    def set_fetcher(self, fetch: RowFetcher) -> None:
        """Point at another database; the owner reloads the ids next."""
        self._fetch = fetch
        self.set_ids([])

    def refresh_ids(self, row_ids: Iterable[int] | None = None) -> list[int]:
        """Rows of ``row_ids`` changed in the database: drop the cached pages holding them and
        repaint just those rows; the id list (order and filter) stays. ``None`` means any row
        may show changed values (an edit of a joined record): every page is dropped and the
        whole table repainted, still without re-querying ids. Returns the rows refreshed."""
        if row_ids is None:
            self._pages.clear()
            if self._ids:
                emit(
                    self.dataChanged,
                    self.index(0, 0),
                    self.index(len(self._ids) - 1, len(self._keys) - 1),
                )
            return list(range(len(self._ids)))
        wanted = set(row_ids)
        rows: list[int] = []
        if not wanted:
            return rows
        for number in list(self._pages):
            if wanted.intersection(self._pages[number]):
                del self._pages[number]
        rows = sorted(row for row_id in wanted if (row := self.row_of(row_id)) is not None)
        last = len(self._keys) - 1
        for row in rows:
            emit(self.dataChanged, self.index(row, 0), self.index(row, last))
        return rows

    @property
    def ids(self) -> array[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int | None:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def column_of(self, key: str) -> int:
        return self._keys.index(key)

    def row_values(self, row: int) -> tuple[Any, ...] | None:
        row_id = self.id_at(row)
        if row_id is None:
            return None
        return self._page_of(row).get(row_id)

    # -- the page cache -------------------------------------------------------------------

    def _page_of(self, row: int) -> dict[int, tuple[Any, ...]]:
        number = row // self._page_size
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * self._page_size
        page_ids = self._ids[start : start + self._page_size]
        page = self._fetch(page_ids.tolist())
        self.page_fetches += 1
        self._pages[number] = page
        while len(self._pages) > self._cached_pages:
            self._pages.popitem(last=False)
        return page

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == ID_ROLE:
            return self.id_at(row)
        kind = self._kinds[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if formatting.is_numeric(kind)
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            RAW_ROLE,
            BADGE_ROLE,
        ):
            return None
        values = self.row_values(row)
        if values is None:
            return None
        value = values[column]
        key = self._keys[column]
        if role == RAW_ROLE:
            return value
        if role == BADGE_ROLE:
            return formatting.cell_badge(key, value)
        text = formatting.format_value(value, kind, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if kind is ColumnKind.TEXT and len(text) > 24 else None
        return text

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._keys):
            return None
        column = self.spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if formatting.is_numeric(column.kind)
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.label}: click to sort, type below to filter"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: ask the owner to re-query ids in SQL; rows stay until they arrive."""
        if not 0 <= column < len(self._keys):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = self._keys[column]
        if key == self.query.sort and descending == self.query.descending:
            return
        emit(self.sort_requested, key, descending)
