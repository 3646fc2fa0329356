"""The screening review queue: matches by status, sorted by score, with search and column filters.

The queue is a big table like the installed base (ids re-queried in SQL on every change, rows
fetched a page at a time), scoped to one status. Analysts work down it top to bottom, so after
a decision the row that took the decided one's place is selected, not the first row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening import DEFAULT_THRESHOLD
from workbench.services import browse, screening_review
from workbench.ui import icons
from workbench.ui.filter_header import DEBOUNCE_MS
from workbench.ui.formatting import Badge, Tone
from workbench.ui.id_table_view import id_table_view, show_column_menu
from workbench.ui.jobs import Job
from workbench.ui.roles import BADGE_ROLE, RAW_ROLE
from workbench.ui.signals import emit
from workbench.ui.table_model import IdTableModel
from workbench.ui.views.base import ViewContext

#: Status buttons above the queue: (status scope, label).
STATUSES = (
    ("potential", "To review"),
    ("confirmed", "Confirmed"),
    ("dismissed", "Dismissed"),
    ("all", "All"),
)

#: Columns shown when no saved layout exists; the rest are one right-click away.
HIDDEN_BY_DEFAULT = frozenset(
    {
        "party_kind",
        "query_name",
        "matched_name",
        "explanation",
        "reason",
        "created_at",
        "entry_key",
        "list_version_id",
    }
)

_STATUS_BADGES = {
    "potential": Badge("Potential", Tone.WARNING),
    "confirmed": Badge("Confirmed", Tone.DANGER),
    "dismissed": Badge("Dismissed", Tone.OK),
}
_FLAG_BADGES = {
    "new": Badge("New", Tone.NEUTRAL),
    "entry changed": Badge("Entry changed", Tone.WARNING),
    "parent confirmed": Badge("Parent confirmed", Tone.WARNING),
}

_Index = QModelIndex | QPersistentModelIndex


def score_badge(score: int, threshold: int = DEFAULT_THRESHOLD) -> Badge:
    """Near-certain matches read red, reviewable ones amber, the rest grey."""
    if score >= 95:
        tone = Tone.DANGER
    elif score >= threshold:
        tone = Tone.WARNING
    else:
        tone = Tone.NEUTRAL
    return Badge(str(score), tone)


class MatchTableModel(IdTableModel):
    """The matches table with list names spelled out and status, flag and score as badges."""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.spec.columns[index.column()].key
        if role == Qt.ItemDataRole.DecorationRole and key == "party":
            kind = self.data(self.index(index.row(), self.column_of("party_kind")), RAW_ROLE)
            return icons.icon("fab" if kind == "fab" else "customer") if kind else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, BADGE_ROLE):
            return super().data(index, role)
        if key not in ("status", "flag", "score", "list", "party_kind"):
            return super().data(index, role)
        value = super().data(index, RAW_ROLE)
        if role == BADGE_ROLE:
            if key == "status":
                return _STATUS_BADGES.get(str(value))
            if key == "flag":
                return _FLAG_BADGES.get(str(value))
            if key == "score" and value is not None:
                return score_badge(int(value))
            return None
        if value is None:
            return super().data(index, role)
        if key == "list":
            return screening_review.list_label(str(value))
        if key == "party_kind":
            return str(value).capitalize()
        if key == "status":
            return str(value).capitalize()
        if key == "flag":
            return str(value).capitalize()
        return super().data(index, role)


class MatchQueue(QWidget):
    """Status buttons, search, and the table; says which match is selected."""

    #: The selected match id, or None.
    current_changed = Signal(object)
    #: Ids and counts arrived (after a reload, a filter or a status change).
    loaded = Signal()

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = browse.spec("matches")
        self.status = "potential"
        self.counts: dict[str, int] = {}
        self.query = browse.Query(sort="score", descending=True, scope={"status": self.status})
        self._generation = 0
        self._pending: Job[Any] | None = None
        self._selected_id: int | None = None
        self._fallback_row: int | None = 0
        self._restoring = False

        self.model = MatchTableModel(self.spec, self._fetch_rows, parent=self)
        self.model.sort_requested.connect(self._on_sort_requested)

        self.status_buttons: dict[str, QToolButton] = {}
        self._status_group = QButtonGroup(self)
        self._status_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(0)
        for position, (status, _label) in enumerate(STATUSES):
            button = QToolButton()
            button.setCheckable(True)
            button.setObjectName("segment")
            button.setProperty("position", _position(position, len(STATUSES)))
            button.setChecked(status == self.status)
            button.clicked.connect(lambda _checked=False, s=status: self.set_status(s))
            self._status_group.addButton(button)
            self.status_buttons[status] = button
            bar.addWidget(button)
        self._update_status_labels()
        bar.addSpacing(14)
        self.count_label = QLabel("")
        self.count_label.setObjectName("queueCount")
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setObjectName("flatButton")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_filters)
        bar.addWidget(self.clear_button)
        bar.addSpacing(8)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search customer, fab, list entry, reviewer…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(300)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self.search.textChanged.connect(self._search_timer.start)
        bar.addWidget(self.search)

        self.table, self.header = id_table_view(self.spec, self.model)
        # long legal names differ at the end ("… (Beijing) Corporation"): keep both ends
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.reset_columns()
        self.header.setSortIndicator(self.model.column_of("score"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.header.filters_changed.connect(lambda _filters: self._apply_query())
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._header_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    # -- querying ---------------------------------------------------------------------------

    def _fetch_rows(self, row_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        return browse.fetch_rows(self.context.db, self.spec, row_ids)

    def set_status(self, status: str) -> None:
        """Show another status; the first row of it is selected."""
        if status not in self.status_buttons:
            raise ValueError(f"'{status}' is not a queue status")
        self.status_buttons[status].setChecked(True)
        if status == self.status:
            return
        self.status = status
        self._selected_id = None
        self._fallback_row = 0
        self._apply_query()

    def _current_query(self) -> browse.Query:
        scope = {} if self.status == "all" else {"status": self.status}
        return browse.Query(
            search=self.search.text().strip(),
            filters=self.header.filters(),
            sort=self.query.sort,
            descending=self.query.descending,
            scope=scope,
        )

    def _apply_query(self) -> None:
        self.query = self._current_query()
        self.reload()

    def _on_sort_requested(self, key: str, descending: bool) -> None:
        if self._restoring:
            return
        self.query = browse.Query(
            search=self.query.search,
            filters=self.query.filters,
            sort=key,
            descending=descending,
            scope=self.query.scope,
        )
        self.reload()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.header.clear_filters()

    def reload(self, *, advance: bool = False) -> None:
        """Re-read ids and counts. ``advance``: the selected match was just decided, so select
        whichever row takes its place if it leaves this status."""
        if advance:
            rows = self.table.selectionModel().selectedRows()
            self._fallback_row = rows[0].row() if rows else 0
        self._generation += 1
        generation = self._generation
        if self._pending is not None:
            self._pending.cancel()
        db, spec, query = self.context.db, self.spec, self.query

        def work(_progress: Progress, cancel: CancelToken) -> tuple[list[int], dict[str, int]]:
            counts = screening_review.status_counts(db)
            cancel.raise_if_cancelled()
            return browse.find_ids(db, spec, query), counts

        job = self.context.jobs.submit("screening queue", work)
        job.succeeded.connect(lambda result: self._on_ids(generation, query, result))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))
        self._pending = job

    def _on_ids(
        self, generation: int, query: browse.Query, result: tuple[list[int], dict[str, int]]
    ) -> None:
        if generation != self._generation:
            return
        self._pending = None
        ids, counts = result
        self.counts = counts
        keep, fallback = self._selected_id, self._fallback_row
        self.model.set_ids(ids, query)
        self._update_status_labels()
        self._update_count()
        self.clear_button.setEnabled(bool(query.search or query.filters))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and ids and fallback is not None:
            row = min(fallback, len(ids) - 1)
        self._fallback_row = None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._set_selected(None)
        emit(self.loaded)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation == self._generation:
            self._pending = None
            emit(self.context.message, f"Could not read the screening queue: {exc}")
            emit(self.loaded)

    def _update_status_labels(self) -> None:
        for status, label in STATUSES:
            count = self.counts.get(status)
            text = label if count is None else f"{label}  {count:,}"
            self.status_buttons[status].setText(text)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = self.counts.get(self.status, shown)
        noun = "match" if total == 1 else "matches"
        if shown != total:
            self.count_label.setText(f"{shown:,} of {total:,} {noun} shown")
        else:
            self.count_label.setText(f"{shown:,} {noun}")

    # -- selection --------------------------------------------------------------------------

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._set_selected(self.model.id_at(rows[0].row()) if rows else None)

    def _set_selected(self, match_id: int | None) -> None:
        if match_id != self._selected_id or match_id is None:
            self._selected_id = match_id
            emit(self.current_changed, match_id)

    @property
    def selected_id(self) -> int | None:
        return self._selected_id

    def select_id(self, match_id: int) -> bool:
        row = self.model.row_of(match_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    # -- columns ----------------------------------------------------------------------------

    def _header_menu(self, position: QPoint) -> None:
        show_column_menu(self, self.spec, self.header, position, self.reset_columns)

    def reset_columns(self) -> None:
        """Score first (the queue's order), the review-only columns hidden."""
        for index, column in enumerate(self.spec.columns):
            self.header.moveSection(self.header.visualIndex(index), index)
            self.header.setSectionHidden(index, column.key in HIDDEN_BY_DEFAULT)
            self.table.setColumnWidth(index, _WIDTHS.get(column.key, column.width))
        for position, key in enumerate(_ORDER):
            self.header.moveSection(self.header.visualIndex(self.model.column_of(key)), position)
        self.header.place_editors()

    def save_header(self) -> QByteArray:
        return self.header.saveState()

    def restore_header(self, state: QByteArray) -> None:
        self._restoring = True
        try:
            self.header.restoreState(state)
        finally:
            self._restoring = False
        column = self.header.sortIndicatorSection()
        if 0 <= column < len(self.spec.columns):
            self.query = browse.Query(
                sort=self.spec.columns[column].key,
                descending=self.header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
                scope=self.query.scope,
            )
        self.header.place_editors()


#: Visual order: the score the queue is sorted by first, long policy texts last.
_ORDER = ("score", "party", "country", "entry", "list", "footnotes", "flag", "status")

#: Widths that fit the demo book's values without wasting the table's width.
_WIDTHS = {
    "score": 72,
    "party": 300,
    "party_kind": 78,
    "country": 66,
    "entry": 300,
    "list": 110,
    "footnotes": 80,
    "licence_policy": 240,
    "flag": 110,
    "status": 96,
}


def _position(index: int, count: int) -> str:
    if index == 0:
        return "first"
    return "last" if index == count - 1 else "middle"
