"""The dashboard's table of licences ending soon: a thin Qt adapter over
``services.licences.expiring``.

It holds the report the service returned (a handful of licences) and formats it: amounts per
currency with the UI locale (never summed across currencies), the days left in red within
30 days, and a renewal already in the register said instead of an exposure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from workbench.services.licences import Expiring, ExpiringReport
from workbench.ui.roles import ID_ROLE

_Index = QModelIndex | QPersistentModelIndex
_CONTEXT = "ExpiringLicences"

#: (key, header) of each column; headers are translated when shown.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("licence", str(QT_TRANSLATE_NOOP("ExpiringLicences", "Licence"))),
    ("ends", str(QT_TRANSLATE_NOOP("ExpiringLicences", "Ends"))),
    ("days_left", str(QT_TRANSLATE_NOOP("ExpiringLicences", "Days left"))),
    ("obligations", str(QT_TRANSLATE_NOOP("ExpiringLicences", "Obligations"))),
    ("protected", str(QT_TRANSLATE_NOOP("ExpiringLicences", "Value protected"))),
    ("exposed", str(QT_TRANSLATE_NOOP("ExpiringLicences", "At risk after expiry"))),
)
#: Days left from which the count shows in red: one month to renew.
URGENT_DAYS = 30
_URGENT = QColor("#b42318")
_SOON = QColor("#b54708")
_MUTED = QColor("#6b7683")
_NUMERIC = frozenset({"days_left", "obligations", "protected", "exposed"})


def _tr(text: str) -> str:
    """A header marked with QT_TRANSLATE_NOOP, translated when shown."""
    return QCoreApplication.translate(_CONTEXT, text)


def amounts_text(values: Mapping[str, float]) -> str:
    """Amounts per currency, rounded to whole units in the UI locale: "USD 1,234; EUR 50"."""
    locale = QLocale()
    return "; ".join(
        f"{currency} {locale.toString(float(value), 'f', 0)}"
        for currency, value in sorted(values.items())
    )


class ExpiringLicencesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Expiring] = []
        self.report: ExpiringReport | None = None

    def set_report(self, report: ExpiringReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self._rows = list(report.licences) if report is not None else []
        self.endResetModel()

    def entry(self, row: int) -> Expiring | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _tr(COLUMNS[section][1])
        return None

    def text(self, entry: Expiring, key: str) -> str:
        spec = entry.licence.spec
        locale = QLocale()
        if key == "licence":
            return f"{spec.authority} {spec.number}"
        if key == "ends":
            end = spec.valid_to
            return "" if end is None else end.isoformat()
        if key == "days_left":
            return locale.toString(entry.days_left)
        if key == "obligations":
            return locale.toString(entry.protection.obligations)
        if key == "protected":
            return amounts_text(entry.value_protected) or "—"
        if entry.renewed_from is not None:
            text = QCoreApplication.translate("ExpiringLicences", "renewed from %1")
            return text.replace("%1", entry.renewed_from.isoformat())
        return amounts_text(entry.value_exposed) or "—"

    def tooltip(self, entry: Expiring, key: str) -> str:
        if key == "licence":
            return entry.licence.scope_text
        if key == "protected":
            return QCoreApplication.translate(
                "ExpiringLicences",
                "Value at risk of the obligations this licence covers to their end in the "
                "latest run: what would be at risk without it.",
            )
        if key == "exposed":
            return QCoreApplication.translate(
                "ExpiringLicences",
                "Value at risk, from the day after it ends, of the obligations whose licence "
                "cover ends with it (already counted as at risk in the latest run).",
            )
        return self.text(entry, key)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(COLUMNS)):
            return None
        entry = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(entry, key)
        if role == ID_ROLE:
            return entry.licence.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "days_left":
                return _URGENT if entry.days_left <= URGENT_DAYS else _SOON
            if key == "exposed" and entry.renewed_from is not None:
                return _MUTED
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
