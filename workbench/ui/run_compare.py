"""Two runs side by side: what is new, gone or changed, and value at risk A versus B.

The two runs can be one scenario on two dates (what took force in between) or two scenarios
on one date (what the proposal adds); the comparison is the same, keyed by (obligation, rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import impact, runs
from workbench.services.browse import ColumnKind
from workbench.services.rule_text import activity_label, outcome_label
from workbench.ui.badges import BadgeDelegate
from workbench.ui.formatting import format_money
from workbench.ui.frame_model import FrameColumn, FrameTableModel
from workbench.ui.outcomes import coverage_text, outcome_badge
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext
from workbench.ui.views.dashboard import StatCard, country_name


def _money(value: Any) -> str:
    return format_money(float(value or 0.0))


def _signed(value: Any) -> str:
    amount = float(value or 0.0)
    return ("+" if amount > 0.004 else "") + format_money(amount)


def _outcome(value: Any) -> str:
    return outcome_label(value) if isinstance(value, str) else "—"


IDENTITY_COLUMNS = [
    FrameColumn("customer_name", "Customer"),
    FrameColumn("fab_name", "Fab"),
    FrameColumn("serial", "Serial"),
    FrameColumn("contract_number", "Contract"),
    FrameColumn("service_type", "Service", text=lambda v: activity_label(str(v))),
    FrameColumn("rule_id", "Rule"),
]
CHANGED_COLUMNS = [
    *IDENTITY_COLUMNS,
    FrameColumn("final_outcome_a", "Outcome A", text=_outcome, badge=outcome_badge),
    FrameColumn("final_outcome_b", "Outcome B", text=_outcome, badge=outcome_badge),
    FrameColumn("first_affected_a", "From A", ColumnKind.DATE),
    FrameColumn("first_affected_b", "From B", ColumnKind.DATE),
    FrameColumn("value_at_risk_a", "Value A", ColumnKind.MONEY, text=_money),
    FrameColumn("value_at_risk_b", "Value B", ColumnKind.MONEY, text=_money),
    FrameColumn("currency", "Cur."),
    FrameColumn("licence_coverage_a", "Licence A", text=coverage_text),
    FrameColumn("licence_coverage_b", "Licence B", text=coverage_text),
]
#: Why a hit's licence position moved (``rules.diff.LICENCE_CAUSES``), as the table says it.
CAUSE_TEXT = {
    "granted": "Licence granted",
    "expired": "Licence expired",
    "limit": "Licence limit",
    "denied": "Application denied",
    "changed": "Licence changed",
}
LICENCE_COLUMNS = [
    *IDENTITY_COLUMNS,
    FrameColumn("cause", "Cause", text=lambda v: CAUSE_TEXT.get(str(v), str(v))),
    FrameColumn("licences", "Licence"),
    FrameColumn("final_outcome_a", "Outcome A", text=_outcome, badge=outcome_badge),
    FrameColumn("final_outcome_b", "Outcome B", text=_outcome, badge=outcome_badge),
    FrameColumn("value_at_risk_a", "Value A", ColumnKind.MONEY, text=_money),
    FrameColumn("value_at_risk_b", "Value B", ColumnKind.MONEY, text=_money),
    FrameColumn("currency", "Cur."),
    FrameColumn("detail", "Why"),
]
HIT_COLUMNS = [
    *IDENTITY_COLUMNS,
    FrameColumn("final_outcome", "Outcome", text=_outcome, badge=outcome_badge),
    FrameColumn("first_affected", "From", ColumnKind.DATE),
    FrameColumn("value_at_risk", "Value at risk", ColumnKind.MONEY, text=_money),
    FrameColumn("currency", "Cur."),
]
_VALUE_COLUMNS = [
    FrameColumn("currency", "Cur."),
    FrameColumn("value_a", "Run A", ColumnKind.MONEY, text=_money),
    FrameColumn("value_b", "Run B", ColumnKind.MONEY, text=_money),
    FrameColumn("delta", "B − A", ColumnKind.MONEY, text=_signed),
]
VALUE_COLUMNS = {
    "customer": [FrameColumn("customer_name", "Customer"), *_VALUE_COLUMNS],
    "country": [
        FrameColumn("fab_country", "Country", text=lambda v: f"{country_name(str(v))} ({v})"),
        *_VALUE_COLUMNS,
    ],
    "rule": [
        FrameColumn("rule_id", "Rule"),
        FrameColumn("jurisdiction", "Juris."),
        *_VALUE_COLUMNS,
    ],
}
SHOW = (
    ("changed", "Changed hits"),
    ("new", "New hits (only in B)"),
    ("gone", "Gone hits (only in A)"),
    ("licence", "Changed by licences (granted, expired, limit, denied)"),
)


def _table(name: str, model: FrameTableModel) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(BadgeDelegate(table))
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RunComparePanel(QWidget):
    """Pick run A and run B, compare; ``compared`` fires with the ``impact.Comparison``."""

    compared = Signal(object)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.comparison: impact.Comparison | None = None
        self._generation = 0

        self.run_a = QComboBox()
        self.run_a.setObjectName("runA")
        self.run_b = QComboBox()
        self.run_b.setObjectName("runB")
        for combo in (self.run_a, self.run_b):
            combo.setMinimumWidth(330)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setObjectName("primaryButton")
        self.compare_button.clicked.connect(self.compare_selected)
        self.swap_button = QPushButton("Swap")
        self.swap_button.clicked.connect(self._swap)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        for text, widget in (("Run A", self.run_a), ("Run B", self.run_b)):
            label = QLabel(text)
            label.setObjectName("fieldName")
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.swap_button)
        controls.addWidget(self.compare_button)
        controls.addStretch(1)
        self.busy = QLabel("")
        self.busy.setObjectName("viewBusy")
        controls.addWidget(self.busy)

        self.cards = {
            "new": StatCard("New hits", "only in run B"),
            "gone": StatCard("Gone hits", "only in run A"),
            "changed": StatCard("Changed hits", "outcome, date, value or licence"),
            "licence": StatCard("Licence changes", "granted, expired, limit, denied"),
        }
        cards = QHBoxLayout()
        cards.setSpacing(12)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.show_choice = QComboBox()
        self.show_choice.setObjectName("diffChoice")
        for key, text in SHOW:
            self.show_choice.addItem(text, key)
        self.show_choice.currentIndexChanged.connect(self._show_hits)
        self.hits_model = FrameTableModel(CHANGED_COLUMNS, self)
        self.hits_table = _table("diffTable", self.hits_model)

        self.value_choice = QComboBox()
        self.value_choice.setObjectName("valueChoice")
        for key, text in (
            ("customer", "by customer"),
            ("country", "by country"),
            ("rule", "by rule"),
        ):
            self.value_choice.addItem(f"Value at risk {text}", key)
        self.value_choice.currentIndexChanged.connect(self._show_values)
        self.value_model = FrameTableModel(VALUE_COLUMNS["customer"], self)
        self.value_table = _table("valueTable", self.value_model)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.show_choice, 0, Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(self.hits_table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.value_choice, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.value_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.heading = QLabel("Choose two runs and press Compare.")
        self.heading.setObjectName("panelNote")
        self.heading.setWordWrap(True)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(controls)
        layout.addWidget(self.heading)
        layout.addLayout(cards)
        layout.addWidget(self.splitter, 1)

    # -- runs -----------------------------------------------------------------------------------

    def set_runs(self, listed: Sequence[runs.RunInfo]) -> None:
        """Offer these runs; by default A is the one before B (B the newest)."""
        keep_a, keep_b = self.run_a.currentData(), self.run_b.currentData()
        for combo in (self.run_a, self.run_b):
            combo.blockSignals(True)
            combo.clear()
            for info in listed:
                combo.addItem(run_caption(info), info.id)
            combo.blockSignals(False)
        self._choose(self.run_b, keep_b, 0)
        self._choose(self.run_a, keep_a, 1 if len(listed) > 1 else 0)
        self.compare_button.setEnabled(len(listed) >= 2)

    @staticmethod
    def _choose(combo: QComboBox, run_id: object, fallback: int) -> None:
        index = combo.findData(run_id) if run_id is not None else -1
        combo.setCurrentIndex(index if index >= 0 else fallback)

    def choose(self, run_a: int, run_b: int) -> None:
        self._choose(self.run_a, run_a, 0)
        self._choose(self.run_b, run_b, 0)

    def _swap(self) -> None:
        a, b = self.run_a.currentData(), self.run_b.currentData()
        self.choose(b, a)

    def compare_selected(self) -> None:
        a, b = self.run_a.currentData(), self.run_b.currentData()
        if isinstance(a, int) and isinstance(b, int):
            self.compare(a, b)

    def compare(self, run_a: int, run_b: int) -> None:
        self._generation += 1
        generation = self._generation
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> impact.Comparison:
            return impact.compare(db, run_a, run_b)

        self.busy.setText("Comparing…")
        job = self.context.jobs.submit("compare runs", work)
        job.succeeded.connect(lambda result: self._on_compared(generation, result))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation == self._generation:
            self.busy.setText("")
            emit(self.context.message, f"Could not compare the runs: {exc}")

    def _on_compared(self, generation: int, comparison: impact.Comparison) -> None:
        if generation != self._generation:
            return
        self.busy.setText("")
        self.comparison = comparison
        a, b = comparison.result.a, comparison.result.b
        self.heading.setText(f"A: {run_caption(a)}    →    B: {run_caption(b)}")
        counts = comparison.counts
        for key, value in counts.items():
            self.cards[key].set_value(value)
        # open on the first kind of difference there is (changed, else new, else gone)
        first = next((key for key, _text in SHOW if counts[key]), "changed")
        self.show_choice.blockSignals(True)
        self.show_choice.setCurrentIndex(self.show_choice.findData(first))
        self.show_choice.blockSignals(False)
        self._show_hits()
        self._show_values()
        emit(self.compared, comparison)

    def _show_hits(self, *_args: object) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        key = str(self.show_choice.currentData())
        frame: pl.DataFrame
        if key == "changed":
            self.hits_model.set_columns(CHANGED_COLUMNS)
            frame = comparison.changed
        elif key == "licence":
            self.hits_model.set_columns(LICENCE_COLUMNS)
            frame = comparison.licence_changes
        else:
            self.hits_model.set_columns(HIT_COLUMNS)
            diff = comparison.result.diff
            frame = diff.new if key == "new" else diff.gone
        self.hits_model.set_frame(frame)
        for column, spec in enumerate(self.hits_model.columns):
            width = {"customer_name": 200, "fab_name": 170, "service_type": 150,
                     "detail": 420}.get(spec.key, 110)  # fmt: skip
            self.hits_table.setColumnWidth(column, width)

    def _show_values(self, *_args: object) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        key = str(self.value_choice.currentData())
        frames = {
            "customer": comparison.result.by_customer,
            "country": comparison.result.by_country,
            "rule": comparison.result.by_rule,
        }
        self.value_model.set_columns(VALUE_COLUMNS[key])
        self.value_model.set_frame(frames[key])
        for column, spec in enumerate(self.value_model.columns):
            width = {"currency": 46, "jurisdiction": 50}.get(spec.key, 128)
            self.value_table.setColumnWidth(column, 190 if column == 0 else width)


def run_caption(info: runs.RunInfo) -> str:
    return f"Run {info.id} · {info.scenario_id} · as of {info.as_of.isoformat()}"
