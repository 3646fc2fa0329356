"""The summary of a run: counts, value at risk per currency, and where and when it falls.

Values are never summed across currencies (the book holds no exchange rates), so the charts
show one measure at a time: value at risk in one currency, or affected obligations in all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.services.impact import RunSummary
from workbench.services.rule_text import outcome_label
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.charts import Bar, BarChart
from workbench.ui.formatting import Tone, format_compact
from workbench.ui.outcomes import OUTCOME_TONES, outcome_rank
from workbench.ui.signals import emit
from workbench.ui.views.dashboard import CurrencyList, Panel, StatCard, country_name

OBLIGATIONS = "obligations"
TOP = 10
_OTHER = "#9aa6b4"
_JURISDICTIONS = {"US": "United States", "NL": "Netherlands", "JP": "Japan", "KR": "Korea"}


def measure_of(frame: pl.DataFrame, measure: str) -> pl.DataFrame:
    """Per key: the chosen measure as ``value`` (value at risk in a currency, or obligations
    summed over currencies, which counts each obligation once since it has one currency)."""
    if frame.height == 0:
        return pl.DataFrame(
            schema={"key": pl.String(), "label": pl.String(), "value": pl.Float64()}
        )
    if measure == OBLIGATIONS:
        picked = frame.group_by("key").agg(
            pl.col("label").first(), pl.col("obligations").sum().cast(pl.Float64).alias("value")
        )
    else:
        picked = frame.filter(pl.col("currency") == measure).select(
            "key", "label", pl.col("value_at_risk").alias("value")
        )
    return picked.sort(["value", "key"], descending=[True, False])


def top_bars(
    frame: pl.DataFrame, measure: str, name: Callable[[dict[str, Any]], str] | None = None
) -> list[Bar]:
    """The largest ``TOP`` keys as bars, the rest summed as "Other"."""
    rows = measure_of(frame, measure).rows(named=True)
    bars = []
    for row in rows[:TOP]:
        label = name(row) if name is not None else str(row["label"])
        bars.append(Bar(label, float(row["value"])))
    rest = sum(float(r["value"]) for r in rows[TOP:])
    if rest:
        bars.append(Bar(f"Other ({len(rows) - TOP})", rest, _OTHER))
    return bars


class ImpactSummary(QWidget):
    """Cards and charts of one run; ``measure_changed`` tells tests the charts were redrawn."""

    measure_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: RunSummary | None = None
        self.cards = {
            "hits": StatCard("Hits", "obligation × rule"),
            "obligations": StatCard("Obligations", "service lines affected"),
            "machines": StatCard("Machines", "tools concerned"),
            "customers": StatCard("Customers", "legal entities"),
            "evaluated": StatCard("Evaluated", "obligations read"),
        }
        self.measure = QComboBox()
        self.measure.setObjectName("measureChoice")
        self.measure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.measure.setMinimumContentsLength(28)
        self.measure.currentIndexChanged.connect(self._redraw)

        fmt = self._value_text
        self.by_outcome = BarChart("", fmt)
        self.by_jurisdiction = BarChart("", fmt)
        self.by_country = BarChart("", fmt)
        self.by_customer = BarChart("", fmt)
        self.by_quarter = BarChart("", fmt)
        self.currencies = CurrencyList()

        cards = QHBoxLayout()
        cards.setSpacing(12)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        choose = QHBoxLayout()
        choose.setSpacing(8)
        caption = QLabel("Charts show")
        caption.setObjectName("panelNote")
        choose.addWidget(caption)
        choose.addWidget(self.measure)
        choose.addStretch(1)
        self.note = QLabel("")
        self.note.setObjectName("panelNote")
        choose.addWidget(self.note)

        self.outcome_panel = Panel(
            "By outcome after licences",
            "Each obligation once, under every outcome it meets.",
            self.by_outcome,
        )
        self.jurisdiction_panel = Panel(
            "By jurisdiction", "The government whose rule applies.", self.by_jurisdiction
        )
        self.country_panel = Panel("By fab country", "Where the tools are.", self.by_country)
        self.customer_panel = Panel(
            "Largest customers", "Legal entity holding the contract.", self.by_customer
        )
        self.quarter_panel = Panel(
            "When obligations are first affected",
            "By calendar quarter of the earliest first-affected date.",
            self.by_quarter,
        )
        self.currency_panel = Panel(
            "Value at risk by currency",
            "Remaining contract value, pro rata, each obligation counted once.",
            self.currencies,
        )

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        grid.addWidget(self.currency_panel, 0, 0)
        grid.addWidget(self.country_panel, 1, 0)
        grid.addWidget(self.jurisdiction_panel, 2, 0)
        grid.addWidget(self.outcome_panel, 0, 1)
        grid.addWidget(self.customer_panel, 1, 1, 2, 1)
        grid.addWidget(self.quarter_panel, 0, 2, 3, 1)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 6)
        grid.setColumnStretch(2, 4)
        grid.setRowStretch(3, 1)

        body = QWidget()
        body.setObjectName("dashboardBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 4, 4, 8)
        layout.setSpacing(12)
        layout.addLayout(cards)
        layout.addLayout(choose)
        layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _value_text(self, value: float) -> str:
        if self.current_measure == OBLIGATIONS:
            return f"{value:,.0f}"
        return format_compact(value)

    @property
    def current_measure(self) -> str:
        return str(self.measure.currentData() or OBLIGATIONS)

    def show_summary(self, summary: RunSummary, evaluated: int) -> None:
        self.summary = summary
        values = {
            "hits": summary.hits,
            "obligations": summary.obligations,
            "machines": summary.machines,
            "customers": summary.customers,
            "evaluated": evaluated,
        }
        for key, card in self.cards.items():
            card.set_value(values[key])
        self.currencies.set_values(summary.value_at_risk)
        previous = self.current_measure
        self.measure.blockSignals(True)
        self.measure.clear()
        for currency in summary.currencies:
            self.measure.addItem(f"Value at risk in {currency}", currency)
        self.measure.addItem("Affected obligations (all currencies)", OBLIGATIONS)
        index = self.measure.findData(previous)
        self.measure.setCurrentIndex(index if index >= 0 and previous != OBLIGATIONS else 0)
        self.measure.blockSignals(False)
        self._redraw()

    def _redraw(self, *_args: object) -> None:
        summary = self.summary
        if summary is None:
            return
        measure = self.current_measure
        self.note.setText(
            "Obligations in other currencies are not in the value charts."
            if measure != OBLIGATIONS and len(summary.currencies) > 1
            else ""
        )
        outcome_rows = measure_of(summary.by_final_outcome, measure).rows(named=True)
        outcome_rows.sort(key=lambda r: outcome_rank(str(r["key"])))
        self.by_outcome.set_bars(
            [
                Bar(
                    outcome_label(str(r["key"])),
                    float(r["value"]),
                    TONE_COLOURS[OUTCOME_TONES.get(str(r["key"]), Tone.NEUTRAL)][1],
                )
                for r in outcome_rows
            ]
        )
        self.by_jurisdiction.set_bars(
            top_bars(
                summary.by_jurisdiction,
                measure,
                lambda r: _JURISDICTIONS.get(str(r["key"]), str(r["key"])),
            )
        )
        self.by_country.set_bars(
            top_bars(summary.by_country, measure, lambda r: country_name(str(r["key"])))
        )
        self.by_customer.set_bars(top_bars(summary.by_customer, measure))
        quarters = summary.by_quarter
        if measure == OBLIGATIONS:
            per_quarter = quarters.group_by("quarter", maintain_order=True).agg(
                pl.col("obligations").sum().cast(pl.Float64).alias("value")
            )
        else:
            per_quarter = quarters.filter(pl.col("currency") == measure).select(
                "quarter", pl.col("value_at_risk").alias("value")
            )
        self.by_quarter.set_bars([Bar(str(q), float(v)) for q, v in per_quarter.iter_rows()])
        emit(self.measure_changed, measure)
