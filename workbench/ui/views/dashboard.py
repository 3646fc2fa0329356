"""The dashboard: the size of the book and where it sits, at a glance.

Counts first (what a manager asks), then the installed base by country and category, how much
of it sits at advanced-node fabs (the set the 2022 US servicing rule turns on), and contract
value per currency (never summed across currencies: the book holds no exchange rates).
"""

from __future__ import annotations

from functools import cache

import pycountry
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import overview, ui_support
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.charts import Bar, BarChart
from workbench.ui.formatting import Tone, format_compact
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

#: Countries shown by name; the rest are summed under "Other".
TOP_COUNTRIES = 10
#: Customer groups shown in the "largest groups" chart.
TOP_GROUPS = 6

CARDS = (
    ("customers", "Customers", "legal entities"),
    ("fabs", "Fabs", "facilities"),
    ("machines", "Machines", "installed units"),
    ("contracts", "Contracts", "service contracts"),
    ("obligations", "Obligations", "service lines"),
    ("listed", "Listed customers", "on a restricted-party list"),
)


#: Names people use where the ISO name reads oddly in a chart.
_SHORT_NAMES = {
    "RU": "Russia",
    "MO": "Macau",
    "IR": "Iran",
    "KP": "North Korea",
    "SY": "Syria",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "HK": "Hong Kong",
}


@cache
def country_name(code: str) -> str:
    """Common English name of an ISO code ("TW" -> "Taiwan"), or the code when unknown."""
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


class StatCard(QFrame):
    def __init__(self, title: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.caption = QLabel(title)
        self.caption.setObjectName("statCaption")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        self.note = QLabel(note)
        self.note.setObjectName("statNote")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set_value(self, value: int) -> None:
        self.value.setText(f"{value:,}")


class Panel(QFrame):
    """A titled white panel holding one chart or figure list."""

    def __init__(self, title: str, subtitle: str, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(4)
        heading = QLabel(title)
        heading.setObjectName("panelTitle")
        note = QLabel(subtitle)
        note.setObjectName("panelNote")
        note.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addWidget(body)
        layout.addStretch(1)


class CurrencyList(QWidget):
    """Contract value per currency as aligned figures (amounts in different currencies)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(18)
        self._grid.setVerticalSpacing(8)
        self._grid.setColumnStretch(2, 1)
        self.rows: list[tuple[str, str]] = []

    def set_values(self, values: dict[str, float]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        for row, (currency, total) in enumerate(sorted(values.items())):
            code = QLabel(currency)
            code.setObjectName("currencyCode")
            amount = QLabel(f"{total:,.0f}")
            amount.setObjectName("currencyAmount")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            short = QLabel(f"≈ {format_compact(total)}")
            short.setObjectName("panelNote")
            self._grid.addWidget(code, row, 0)
            self._grid.addWidget(amount, row, 1)
            self._grid.addWidget(short, row, 2)
            self.rows.append((currency, amount.text()))
        if not values:
            self._grid.addWidget(QLabel("No contracts yet"), 0, 0)


class DashboardView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "dashboard", parent)
        self.cards = {key: StatCard(title, note) for key, title, note in CARDS}
        self.by_country = BarChart("machines", lambda v: f"{v:,.0f}")
        self.by_category = BarChart("machines", lambda v: f"{v:,.0f}")
        self.advanced = BarChart("machines", lambda v: f"{v:,.0f}")
        self.by_group = BarChart("machines", lambda v: f"{v:,.0f}")
        self.currencies = CurrencyList()

        title = QLabel("Dashboard")
        title.setObjectName("viewTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("viewCount")
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(title)
        heading.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)

        cards = QHBoxLayout()
        cards.setSpacing(12)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        panels = QGridLayout()
        panels.setHorizontalSpacing(14)
        panels.setVerticalSpacing(14)
        panels.addWidget(
            Panel(
                "Machines by country",
                "Where the installed base is, by fab location.",
                self.by_country,
            ),
            0,
            0,
        )
        panels.addWidget(
            Panel(
                "Largest customer groups",
                "Machines per group, subsidiaries included.",
                self.by_group,
            ),
            1,
            0,
        )
        panels.addWidget(
            Panel(
                "Machines by equipment category",
                "Installed units per catalogue category.",
                self.by_category,
            ),
            0,
            1,
            2,
            1,
        )
        panels.addWidget(
            Panel(
                "Machines at advanced-node fabs",
                "87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, "
                "NAND ≥ 128 layers. Unknown technology counts as a risk.",
                self.advanced,
            ),
            0,
            2,
        )
        panels.addWidget(
            Panel(
                "Contract value by currency",
                "All service contracts, each in its own currency.",
                self.currencies,
            ),
            1,
            2,
        )
        panels.setColumnStretch(0, 4)
        panels.setColumnStretch(1, 5)
        panels.setColumnStretch(2, 4)

        body = QWidget()
        body.setObjectName("dashboardBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(14)
        layout.addLayout(heading)
        layout.addLayout(cards)
        layout.addLayout(panels, 1)

        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def reload(self) -> None:
        db = self.context.db

        def work(
            _progress: Progress, _cancel: CancelToken
        ) -> tuple[overview.Dashboard, list[ui_support.GroupTally]]:
            return overview.dashboard(db), ui_support.top_customer_groups(db, TOP_GROUPS)

        job = self.context.jobs.submit("dashboard", work)
        job.succeeded.connect(self._show)
        job.failed.connect(lambda exc: emit(self.context.message, f"Dashboard: {exc}"))

    def _show(self, result: tuple[overview.Dashboard, list[ui_support.GroupTally]]) -> None:
        data, groups = result
        self.by_group.set_bars(
            [Bar(g.label, g.machines, tooltip=f"{g.name}: {g.machines:,} machines") for g in groups]
        )
        counts = dict(data.counts)
        counts["listed"] = data.listed_customers
        for key, card in self.cards.items():
            card.set_value(counts.get(key, 0))
        self.subtitle.setText("the whole book in the open database")

        countries = sorted(data.by_country, key=lambda t: -t.machines)
        bars = [
            Bar(
                f"{country_name(t.label)}",
                t.machines,
                tooltip=f"{country_name(t.label)} ({t.label}): {t.machines:,} machines",
            )
            for t in countries[:TOP_COUNTRIES]
        ]
        rest = sum(t.machines for t in countries[TOP_COUNTRIES:])
        if rest:
            bars.append(Bar("Other", rest, colour="#9aa6b4"))
        self.by_country.set_bars(bars)
        self.by_category.set_bars(
            [Bar(t.label, t.machines) for t in sorted(data.by_category, key=lambda t: -t.machines)]
        )
        self.advanced.set_bars(
            [
                Bar(
                    "Advanced node",
                    data.advanced_node.get("advanced", 0),
                    TONE_COLOURS[Tone.DANGER][1],
                ),
                Bar("Technology unknown", data.advanced_node.get("unknown", 0), "#c98a12"),
                Bar(
                    "Not advanced",
                    data.advanced_node.get("not advanced", 0),
                    TONE_COLOURS[Tone.OK][1],
                ),
            ]
        )
        self.currencies.set_values(data.value_by_currency)
        self.set_ready(True)
