"""A record's history (the History tab of every details pane) and the model the Audit view
shares: one row per audit entry, values shown as a person reads them.

The trail stores values as JSON text; an insert or delete carries the whole record, which is
summarised in its cell and given in full in the tooltip. A packed entry (one import of many
rows) reads "created by import batch N".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import audit
from workbench.services.audit import AuditEntry
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext

_Index = QModelIndex | QPersistentModelIndex

CAUSE_LABELS = {
    "import_batch": "import batch",
    "evaluation_run": "evaluation run",
    "manual_edit": "manual edit",
    "rule_edit": "rule edit",
    "screening_decision": "screening decision",
    "sign_off": "sign-off",
    "cli": "command line",
    "migration": "migration",
}

#: (key, header) of every column the model can show.
ALL_COLUMNS = {
    "seq": "#",
    "at": "When (UTC)",
    "user": "Who",
    "action": "Action",
    "table": "Table",
    "record": "Record",
    "field": "Field",
    "old": "Old value",
    "new": "New value",
    "cause": "Cause",
    "comment": "Comment",
}
HISTORY_COLUMNS = ("at", "user", "field", "old", "new", "cause", "comment")
AUDIT_COLUMNS = tuple(ALL_COLUMNS)


def _value_text(raw: str | None) -> str:
    if raw is None:
        return ""
    value = json.loads(raw)
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        shown = ", ".join(
            f"{k}={v}" for k, v in value.items() if v not in (None, "", []) and k != "id"
        )
        return shown
    if isinstance(value, list):
        return "; ".join(
            " ".join(str(x) for x in v)
            if isinstance(v, list)
            else (v.get("name", str(v)) if isinstance(v, dict) else str(v))
            for v in value
        )
    return json.dumps(value, ensure_ascii=False)


def cause_text(entry: AuditEntry) -> str:
    label = CAUSE_LABELS.get(entry.cause_kind, entry.cause_kind)
    if entry.reverts:
        return f"undo of edit {entry.reverts}"
    if entry.cause_kind == "import_batch" and entry.cause_id:
        return f"{label} {entry.cause_id}"
    return label


def when_text(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{at:%Y-%m-%d %H:%M:%S}"


def cell_text(entry: AuditEntry, key: str) -> str:
    if key == "seq":
        return str(entry.seq)
    if key == "at":
        return when_text(entry.at)
    if key == "user":
        return entry.user_name
    if key == "action":
        return entry.action
    if key == "table":
        return entry.table_name
    if key == "record":
        if entry.packed:
            return f"{len(entry.records()):,} records"
        return entry.natural_key or ("" if entry.record_id is None else f"id {entry.record_id}")
    if key == "field":
        if entry.field:
            return entry.field.replace("_", " ")
        return {"insert": "(created)", "delete": "(deleted)"}.get(entry.action, "")
    if key == "old":
        return _value_text(entry.old_value)
    if key == "new":
        if entry.packed:
            return ""
        return _value_text(entry.new_value)
    if key == "cause":
        return cause_text(entry)
    return entry.comment or ""


class AuditEntriesModel(QAbstractTableModel):
    """Audit entries as rows; :meth:`append` grows it (the Audit view loads on scroll).

    ``more_wanted`` asks the owner for the next page when Qt scrolls near the end.
    """

    more_wanted = Signal()

    def __init__(self, columns: Sequence[str] = AUDIT_COLUMNS, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._entries: list[AuditEntry] = []
        self.has_more = False
        self.loading = False

    def set_entries(self, entries: Sequence[AuditEntry], has_more: bool = False) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.has_more = has_more
        self.loading = False
        self.endResetModel()

    def append(self, entries: Sequence[AuditEntry], has_more: bool) -> None:
        self.loading = False
        self.has_more = has_more
        if not entries:
            return
        first = len(self._entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self._entries.extend(entries)
        self.endInsertRows()

    def entry(self, row: int) -> AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    @property
    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def column_of(self, key: str) -> int:
        return self._columns.index(key)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = cell_text(entry, key)
            return text if len(text) <= 120 else text[:117] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = cell_text(entry, key)
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if key == "seq" else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return ALL_COLUMNS[self._columns[section]]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self.has_more and not self.loading

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self.loading = True
            emit(self.more_wanted)


def entries_table(model: AuditEntriesModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setObjectName("detailTable")
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class HistoryTab(QWidget):
    """Every audit entry of the selected record, newest first; read only while shown."""

    loaded = Signal()

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = AuditEntriesModel(HISTORY_COLUMNS, self)
        self.caption = QLabel("Select a record to see who changed what.")
        self.caption.setObjectName("detailCaption")
        self.caption.setWordWrap(True)
        self.table = entries_table(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self._record: tuple[str, int] | None = None
        self._stale = False
        self._generation = 0

    @property
    def record(self) -> tuple[str, int] | None:
        return self._record

    def show_record(self, table: str | None, record_id: int | None) -> None:
        """Follow the selection; the trail is read now if the tab is visible, else when shown."""
        self._record = (table, record_id) if table and record_id is not None else None
        self._generation += 1
        self.model.set_entries([])
        if self._record is None:
            self.caption.setText("Select a record to see who changed what.")
            self._stale = False
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self._record is None:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        db = self.context.db
        table, record_id = self._record
        self.caption.setText("Reading the audit trail…")

        def work(_progress: Progress, _cancel: CancelToken) -> list[AuditEntry]:
            return list(reversed(audit.history(db, table, record_id)))

        job = self.context.jobs.submit(f"history of {table} {record_id}", work)
        job.succeeded.connect(lambda found: self._on_history(generation, found))
        job.failed.connect(lambda exc: self.caption.setText(f"Cannot read the history: {exc}"))

    def _on_history(self, generation: int, entries: list[AuditEntry]) -> None:
        if generation != self._generation:
            return
        self.model.set_entries(entries)
        if entries:
            users = sorted({e.user_name for e in entries})
            self.caption.setText(f"{len(entries):,} change(s) by {', '.join(users)} · newest first")
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                width = self.table.columnWidth(column)
                self.table.setColumnWidth(column, min(max(width + 10, 60), 220))
        else:
            self.caption.setText("No change recorded for this record.")
        emit(self.loaded)

    def touched(self, pairs: set[tuple[str, int]]) -> None:
        """An edit wrote these rows; re-read if one of them is the record shown."""
        if self._record is not None and self._record in pairs:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
