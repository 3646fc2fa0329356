"""The imported list versions, newest first, with what each changed against the one before.

An auditor asks "which list did you screen against on that day?": each version is a file with
its date, SHA-256 and importer, and the added/removed/changed counts say how much moved.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.services.screening_lists import ListVersionInfo
from workbench.services.screening_review import list_label
from workbench.ui.details import TextTableModel

VERSION_HEADERS = [
    "Version",
    "Source",
    "List date",
    "Entries",
    "Added",
    "Removed",
    "Changed",
    "Imported",
    "By",
    "File",
    "SHA-256",
]
_SOURCES = {"csl": "Consolidated Screening List", "opensanctions": "OpenSanctions"}
_WIDTHS = (64, 200, 90, 80, 70, 76, 76, 130, 90, 250)


def source_label(source: str) -> str:
    return _SOURCES.get(source, source)


def version_row(info: ListVersionInfo) -> list[str]:
    """One version as table cells; the diff of the first version of a source is all "added"."""
    diff = info.diff
    return [
        str(info.id),
        source_label(info.source),
        info.list_date.isoformat() if info.list_date else "—",
        f"{info.entry_count:,}",
        f"{diff.get('added', 0):,}",
        f"{diff.get('removed', 0):,}",
        f"{diff.get('changed', 0):,}",
        info.imported_at.strftime("%Y-%m-%d %H:%M"),
        info.user_name,
        info.file_name,
        info.sha256[:16] + "…",
    ]


def version_summary(info: ListVersionInfo) -> str:
    """The one-line banner of the list in use."""
    date = info.list_date.isoformat() if info.list_date else "undated"
    return (
        f"{source_label(info.source)} of {date} · {info.entry_count:,} entries · "
        f"imported {info.imported_at.strftime('%Y-%m-%d')} by {info.user_name}"
    )


class ListVersions(QWidget):
    """Versions table on the left, entries per list of the selected version on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: list[ListVersionInfo] = []
        self.model = TextTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("bigTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.counts_title = QLabel("Entries by list")
        self.counts_title.setObjectName("panelTitle")
        self.counts_note = QLabel()
        self.counts_note.setObjectName("panelNote")
        self.counts_note.setWordWrap(True)
        self.counts_model = TextTableModel(self)
        self.counts = QTableView()
        self.counts.setObjectName("detailTable")
        self.counts.setModel(self.counts_model)
        self.counts.setAlternatingRowColors(True)
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.verticalHeader().hide()
        self.counts.verticalHeader().setDefaultSectionSize(24)
        self.counts.horizontalHeader().setStretchLastSection(True)
        side = QWidget()
        side.setObjectName("detailPane")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(16, 14, 16, 12)
        side_layout.setSpacing(8)
        side_layout.addWidget(self.counts_title)
        side_layout.addWidget(self.counts_note)
        side_layout.addWidget(self.counts, 1)

        self.empty = QLabel(
            "No list imported yet. Import a Consolidated Screening List (CSV or JSON) or an "
            "OpenSanctions CSV, or load the shipped reference list."
        )
        self.empty.setObjectName("panelNote")
        self.empty.setWordWrap(True)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 320])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.splitter, 1)

    def set_versions(self, versions: list[ListVersionInfo]) -> None:
        self.versions = list(versions)
        self.model.set_table(VERSION_HEADERS, [version_row(v) for v in self.versions])
        for column, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.empty.setVisible(not self.versions)
        if self.versions:
            self.table.selectRow(0)
        else:
            self._show_counts(None)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        self._show_counts(self.versions[row] if 0 <= row < len(self.versions) else None)

    def _show_counts(self, info: ListVersionInfo | None) -> None:
        if info is None:
            self.counts_model.set_table([], [])
            self.counts_note.clear()
            return
        ranked = sorted(info.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        self.counts_model.set_table(
            ["List", "Entries"], [[list_label(code), f"{count:,}"] for code, count in ranked]
        )
        self.counts.setColumnWidth(0, 190)
        previous = (
            f"compared with version {info.previous_id}"
            if info.previous_id
            else "first version of this source"
        )
        self.counts_note.setText(
            f"Version {info.id}, {info.file_name}; {previous}. SHA-256 {info.sha256}"
        )
