"""The ad-hoc name check: one name and a country against the current lists, before a quote.

Sales asks "can we quote to this company?" long before it is a customer in the book; the
answer is the same matcher the book is screened with, shown with scores and reasons.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening import DEFAULT_THRESHOLD, Candidate
from workbench.services import screening
from workbench.services.screening_review import list_label
from workbench.ui import icons
from workbench.ui.badges import BadgeDelegate
from workbench.ui.formatting import Badge, Tone
from workbench.ui.roles import BADGE_ROLE
from workbench.ui.screening_queue import score_badge
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Score",
    "Potential match",
    "Name on list",
    "List",
    "Countries",
    "Footnotes",
    "Licence policy",
    "Spelling that matched",
)
SCORE, POTENTIAL, NAME, LIST, COUNTRIES, FOOTNOTES, POLICY, MATCHED = range(len(COLUMNS))
_WIDTHS = (64, 118, 330, 110, 90, 80, 260, 260)


class CandidateModel(QAbstractTableModel):
    """Candidates of one check, best first, as :func:`screening.query` returns them."""

    def __init__(self, threshold: int = DEFAULT_THRESHOLD, parent: Any = None) -> None:
        super().__init__(parent)
        self.threshold = threshold
        self._rows: list[Candidate] = []

    def set_candidates(self, candidates: list[Candidate]) -> None:
        self.beginResetModel()
        self._rows = list(candidates)
        self.endResetModel()

    def candidate(self, row: int) -> Candidate | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        candidate = self._rows[index.row()]
        column = index.column()
        potential = candidate.score >= self.threshold
        if role == BADGE_ROLE:
            if column == SCORE:
                return score_badge(candidate.score, self.threshold)
            if column == POTENTIAL:
                return Badge("Yes", Tone.DANGER) if potential else Badge("No", Tone.OK)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return candidate.explanation
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = candidate.entry
        values = {
            SCORE: str(candidate.score),
            POTENTIAL: "Yes" if potential else "No",
            NAME: entry.name,
            LIST: list_label(entry.source),
            COUNTRIES: ", ".join(entry.countries) or "—",
            FOOTNOTES: ", ".join(entry.footnotes) or "—",
            POLICY: entry.licence_policy or "—",
            MATCHED: candidate.matched_name,
        }
        return values[column]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class NameCheck(QWidget):
    """Name and country in, candidates with scores and explanations out."""

    #: A check finished (successfully or not); tests and the status bar wait on it.
    finished = Signal()

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._generation = 0
        self.model = CandidateModel(DEFAULT_THRESHOLD, self)

        self.name = QLineEdit()
        self.name.setObjectName("searchBox")
        self.name.setPlaceholderText("Company name, in any script, e.g. SMIC Beijing or 中芯北方")
        self.name.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.name.setClearButtonEnabled(True)
        self.name.returnPressed.connect(self.check)
        self.country = QLineEdit()
        self.country.setObjectName("searchBox")
        self.country.setPlaceholderText("Country (CN)")
        self.country.setMaxLength(2)
        self.country.setFixedWidth(110)
        self.country.setValidator(QRegularExpressionValidator(r"[A-Za-z]{0,2}", self.country))
        self.country.setToolTip(
            "ISO country code; a country that agrees with the entry raises the score, "
            "one that contradicts it lowers it"
        )
        self.country.returnPressed.connect(self.check)
        self.check_button = QPushButton("Check name")
        self.check_button.setObjectName("primaryButton")
        self.check_button.clicked.connect(self.check)
        form = QHBoxLayout()
        form.setSpacing(8)
        form.addWidget(self.name, 1)
        form.addWidget(self.country)
        form.addWidget(self.check_button)

        self.summary = QLabel(
            f"Candidates scoring {DEFAULT_THRESHOLD} or more would be potential matches in the "
            "review queue. Nothing is recorded."
        )
        self.summary.setObjectName("panelNote")
        self.summary.setWordWrap(True)

        self.table = QTableView()
        self.table.setObjectName("bigTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
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
        for column, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.explanation = QLabel()
        self.explanation.setObjectName("compareWhy")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explanation)

    def check(self) -> None:
        """Look the name up on a worker (the first check of a session builds the index)."""
        name = self.name.text().strip()
        if not name:
            self.summary.setText("Type a name to check.")
            return
        country = self.country.text().strip().upper() or None
        self._generation += 1
        generation = self._generation
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[Candidate]:
            return screening.query(db, name, country)

        self.summary.setText(f"Checking “{name}”…")
        self.check_button.setEnabled(False)
        job = self.context.jobs.submit("screening name check", work)
        job.succeeded.connect(lambda found: self._on_result(generation, name, country, found))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_result(
        self, generation: int, name: str, country: str | None, found: list[Candidate]
    ) -> None:
        if generation != self._generation:
            return
        self.check_button.setEnabled(True)
        self.model.set_candidates(found)
        potential = sum(1 for c in found if c.score >= self.model.threshold)
        where = f" in {country}" if country else ""
        if not found:
            self.summary.setText(f"No list entry resembles “{name}”{where}.")
        else:
            self.summary.setText(
                f"“{name}”{where}: {len(found)} candidates, {potential} at or above the "
                f"threshold of {self.model.threshold}."
            )
        if found:
            self.table.selectRow(0)
        else:
            self.explanation.clear()
        emit(self.finished)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self.check_button.setEnabled(True)
        self.summary.setText(str(exc))
        emit(self.finished)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        candidate = self.model.candidate(rows[0].row()) if rows else None
        if candidate is None:
            self.explanation.clear()
            return
        self.explanation.setText(f"Why {candidate.score}: {candidate.explanation}")
