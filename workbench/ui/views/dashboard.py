"""The dashboard: the size of the book and where it sits, at a glance.

Counts first (what a manager asks), then the installed base by country and category, how much
of it sits at advanced-node fabs (the set the 2022 US servicing rule turns on), contract
value per currency (never summed across currencies: the book holds no exchange rates), and the
licences ending in the next 90 days with what each covers in the latest run (the renewals to
chase before service stops).
"""

from __future__ import annotations

import datetime as dt
import gettext
from functools import cache

import pycountry
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import licences, onboarding, overview, ui_support
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.charts import Bar, BarChart
from workbench.ui.expiring_model import ExpiringLicencesModel
from workbench.ui.formatting import Tone, format_compact
from workbench.ui.onboarding import ACTION_LICENCES, FollowUpPanel, StartPanel
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

#: Countries shown by name; the rest are summed under "Other".
TOP_COUNTRIES = 10
#: Customer groups shown in the "largest groups" chart.
TOP_GROUPS = 6
#: Days ahead the licences panel looks for licences ending.
EXPIRY_DAYS = 90
#: Rows of that panel shown before it scrolls.
EXPIRY_ROWS = 8


def cards() -> list[tuple[str, str, str]]:
    """(key, caption, note) of the count cards, in the UI language."""
    translate = QCoreApplication.translate
    return [
        (
            "customers",
            translate("Dashboard", "Customers"),
            translate("Dashboard", "legal entities"),
        ),
        ("fabs", translate("Dashboard", "Fabs"), translate("Dashboard", "facilities")),
        ("machines", translate("Dashboard", "Machines"), translate("Dashboard", "installed units")),
        (
            "contracts",
            translate("Dashboard", "Contracts"),
            translate("Dashboard", "service contracts"),
        ),
        (
            "obligations",
            translate("Dashboard", "Obligations"),
            translate("Dashboard", "service lines"),
        ),
        (
            "listed",
            translate("Dashboard", "Listed customers"),
            translate("Dashboard", "on a restricted-party list"),
        ),
    ]


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
def country_name(code: str, language: str = "en") -> str:
    """Common name of an ISO code ("TW" -> "Taiwan") in ``language``, or the code when unknown.

    The names come from pycountry's ISO 3166 catalogues (Debian's iso-codes translations), so
    a German user reads "Niederlande" and a Japanese one "オランダ" without a list of our own.
    """
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = _SHORT_NAMES.get(code) or str(getattr(country, "common_name", None) or country.name)
    if language == "en":
        return english
    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return english
    # The common name where ISO has one: its official name can carry politics the user did
    # not ask for ("Taiwan, Province of China").
    source = str(getattr(country, "common_name", None) or country.name)
    return catalogue.gettext(source)


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
        self.value.setText(QLocale().toString(value))
        self.setAccessibleName(f"{self.caption.text()}: {self.value.text()} {self.note.text()}")


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
        #: Kept for panels whose title or note follow the data.
        self.heading, self.note = heading, note
        body.setAccessibleName(title)
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
            amount = QLabel(QLocale().toString(total, "f", 0))
            amount.setObjectName("currencyAmount")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            short = QLabel(f"≈ {format_compact(total)}")
            short.setObjectName("panelNote")
            self._grid.addWidget(code, row, 0)
            self._grid.addWidget(amount, row, 1)
            self._grid.addWidget(short, row, 2)
            self.rows.append((currency, amount.text()))
        if not values:
            self._grid.addWidget(QLabel(self.tr("No contracts yet")), 0, 0)


class ExpiringList(QWidget):
    """The licences ending soon as a compact table, or one sentence when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ExpiringLicencesModel(self)
        self.table = QTableView()
        self.table.setObjectName("expiringTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel("")
        self.empty.setObjectName("expiringEmpty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

    def set_report(self, report: licences.ExpiringReport) -> None:
        self.model.set_report(report)
        rows = self.model.rowCount()
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        self.empty.setText(
            self.tr("No licence ends in the next %1 days.").replace(
                "%1", QLocale().toString(report.days)
            )
        )
        if rows:
            self.table.resizeColumnsToContents()
            shown = min(rows, EXPIRY_ROWS)
            height = (
                self.table.horizontalHeader().sizeHint().height()
                + sum(self.table.rowHeight(r) for r in range(shown))
                + 2 * self.table.frameWidth()
            )
            self.table.setFixedHeight(height)


def _count_text(value: float) -> str:
    return QLocale().toString(int(value))


_Loaded = tuple[
    overview.Dashboard,
    list[ui_support.GroupTally],
    onboarding.BookStatus,
    licences.ExpiringReport,
]


class DashboardView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "dashboard", parent)
        self.cards = {key: StatCard(title, note) for key, title, note in cards()}
        machines = self.tr("machines")
        self.by_country = BarChart(machines, _count_text)
        self.by_category = BarChart(machines, _count_text)
        self.advanced = BarChart(machines, _count_text)
        self.by_group = BarChart(machines, _count_text)
        for chart in (self.by_country, self.by_category, self.advanced, self.by_group):
            chart.empty_text = self.tr("No machines yet")
        self.currencies = CurrencyList()
        self.expiring = ExpiringList()
        self.expiring.table.doubleClicked.connect(
            lambda _index: emit(self.context.requested, ACTION_LICENCES)
        )
        #: The day the licences panel counts from (None: today); tests and screenshots fix it.
        self.today: dt.date | None = None
        self.start = StartPanel()
        self.start.requested.connect(self.context.requested)
        self.start.hide()
        self.follow_up = FollowUpPanel()
        self.follow_up.requested.connect(self.context.requested)
        self.follow_up.hide()
        #: The book's status as last read (None before the first reload finished).
        self.status: onboarding.BookStatus | None = None

        title = QLabel(self.tr("Dashboard"))
        title.setObjectName("viewTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("viewCount")
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(title)
        heading.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)

        card_row = QHBoxLayout()
        card_row.setSpacing(12)
        for card in self.cards.values():
            card_row.addWidget(card, 1)

        panels = QGridLayout()
        panels.setHorizontalSpacing(14)
        panels.setVerticalSpacing(14)
        panels.addWidget(
            Panel(
                self.tr("Machines by country"),
                self.tr("Where the installed base is, by fab location."),
                self.by_country,
            ),
            0,
            0,
        )
        panels.addWidget(
            Panel(
                self.tr("Largest customer groups"),
                self.tr("Machines per group, subsidiaries included."),
                self.by_group,
            ),
            1,
            0,
        )
        panels.addWidget(
            Panel(
                self.tr("Machines by equipment category"),
                self.tr("Installed units per catalogue category."),
                self.by_category,
            ),
            0,
            1,
            2,
            1,
        )
        panels.addWidget(
            Panel(
                self.tr("Machines at advanced-node fabs"),
                self.tr(
                    "87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, "
                    "NAND ≥ 128 layers. Unknown technology counts as a risk."
                ),
                self.advanced,
            ),
            0,
            2,
        )
        panels.addWidget(
            Panel(
                self.tr("Contract value by currency"),
                self.tr("All service contracts, each in its own currency."),
                self.currencies,
            ),
            1,
            2,
        )
        self.expiring_panel = Panel(
            self.tr("Licences ending in the next %1 days").replace(
                "%1", QLocale().toString(EXPIRY_DAYS)
            ),
            "",
            self.expiring,
        )
        panels.addWidget(self.expiring_panel, 2, 0, 1, 3)
        panels.setColumnStretch(0, 4)
        panels.setColumnStretch(1, 5)
        panels.setColumnStretch(2, 4)

        #: Cards and charts: hidden while the book is empty (six zero cards guide nobody).
        self.figures = QWidget()
        figures = QVBoxLayout(self.figures)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.setSpacing(14)
        figures.addWidget(self.follow_up)
        figures.addLayout(card_row)
        figures.addLayout(panels, 1)

        body = QWidget()
        body.setObjectName("dashboardBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(14)
        layout.addLayout(heading)
        layout.addWidget(self.start)
        layout.addWidget(self.figures, 1)
        layout.addStretch(0)  # takes the spare height instead of the figures on an empty book
        self._body_layout = layout

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

        today = self.today or dt.date.today()

        def work(_progress: Progress, _cancel: CancelToken) -> _Loaded:
            return (
                overview.dashboard(db),
                ui_support.top_customer_groups(db, TOP_GROUPS),
                onboarding.book_status(db),
                licences.expiring(db, today, EXPIRY_DAYS),
            )

        job = self.context.jobs.submit("dashboard", work)
        job.succeeded.connect(self._show)
        job.failed.connect(
            lambda exc: emit(self.context.message, self.tr("Dashboard: %1").replace("%1", str(exc)))
        )

    def _show(self, result: _Loaded) -> None:
        data, groups, status, ending = result
        self.status = status
        self.start.setVisible(status.is_empty)
        self.figures.setVisible(not status.is_empty)
        self._body_layout.setStretch(2, 0 if status.is_empty else 1)
        self._body_layout.setStretch(3, 1 if status.is_empty else 0)
        self.follow_up.setVisible(not status.is_empty and status.open_questions > 0)
        self.follow_up.set_status(status)
        locale = QLocale()
        language = locale.name().split("_")[0]
        machines = self.tr("%1: %2 machines")
        self.by_group.set_bars(
            [
                Bar(
                    g.label,
                    g.machines,
                    tooltip=machines.replace("%1", g.name).replace(
                        "%2", locale.toString(g.machines)
                    ),
                )
                for g in groups
            ]
        )
        counts = dict(data.counts)
        counts["listed"] = data.listed_customers
        for key, card in self.cards.items():
            card.set_value(counts.get(key, 0))
        self.subtitle.setText(
            "" if status.is_empty else self.tr("the whole book in the open database")
        )

        countries = sorted(data.by_country, key=lambda t: -t.machines)
        bars = [
            Bar(
                country_name(t.label, language),
                t.machines,
                tooltip=machines.replace(
                    "%1", f"{country_name(t.label, language)} ({t.label})"
                ).replace("%2", locale.toString(t.machines)),
            )
            for t in countries[:TOP_COUNTRIES]
        ]
        rest = sum(t.machines for t in countries[TOP_COUNTRIES:])
        if rest:
            bars.append(Bar(self.tr("Other"), rest, colour="#9aa6b4"))
        self.by_country.set_bars(bars)
        self.by_category.set_bars(
            [
                Bar(category_label(t.label), t.machines)
                for t in sorted(data.by_category, key=lambda t: -t.machines)
            ]
        )
        self.advanced.set_bars(
            [
                Bar(
                    self.tr("Advanced node"),
                    data.advanced_node.get("advanced", 0),
                    TONE_COLOURS[Tone.DANGER][1],
                ),
                Bar(self.tr("Technology unknown"), data.advanced_node.get("unknown", 0), "#c98a12"),
                Bar(
                    self.tr("Not advanced"),
                    data.advanced_node.get("not advanced", 0),
                    TONE_COLOURS[Tone.OK][1],
                ),
            ]
        )
        self.currencies.set_values(data.value_by_currency)
        self.expiring.set_report(ending)
        run = ending.run
        self.expiring_panel.note.setText(
            self.tr(
                "What each covers in the latest run (run %1, %2, as of %3): the value it keeps "
                "from risk, and the value at risk once it ends. Double-click to open Licences."
            )
            .replace("%1", QLocale().toString(run.id))
            .replace("%2", run.scenario_id)
            .replace("%3", run.as_of.isoformat())
            if run is not None
            else self.tr(
                "No evaluation run yet: evaluate a scenario to see what these licences cover."
            )
        )
        self.set_ready(True)


#: The equipment categories' labels, for lupdate: the domain names them in English and the
#: dashboard translates them (context "EquipmentCategory").
CATEGORY_LABELS = (
    QT_TRANSLATE_NOOP("EquipmentCategory", "EUV lithography"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "DUV immersion lithography"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "DUV dry ArF lithography"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "KrF lithography"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "i-line lithography"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Resist coater/developer"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Etch (conductor)"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Etch (dielectric)"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Atomic layer deposition"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Chemical vapour deposition"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Physical vapour deposition"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Epitaxy"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Chemical mechanical planarisation"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Wafer clean"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Anneal"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Ion implantation"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Metrology"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Inspection"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Test"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Other"),
    QT_TRANSLATE_NOOP("EquipmentCategory", "Category unknown"),
)


def category_label(english: str) -> str:
    """An equipment category's label (as the service gives it, in English) in the UI language."""
    return QCoreApplication.translate("EquipmentCategory", english)
