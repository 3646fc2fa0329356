"""The Licences table: a thin Qt adapter over ``services.licences`` results.

It holds the list the service returned (a register has tens to hundreds of licences, so one
read is the whole table) and the protection the latest run gives each number; it never
queries, sorts in SQL or edits. Rows are coloured by how soon the licence ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from workbench.services.licences import Licence, Protection, limits_text
from workbench.ui.roles import ID_ROLE

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["COLUMNS", "SOON_DAYS", "LicencesModel", "limits_text", "protected_text"]

#: (key, header) of each column, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("authority", "Authority"),
    ("number", "Number"),
    ("type", "Type"),
    ("valid_from", "Valid from"),
    ("valid_to", "Valid to"),
    ("days_left", "Days left"),
    ("scope", "Scope"),
    ("limits", "Limits"),
    ("hits", "Hits covered"),
    ("protected", "Value protected"),
    ("document", "Document"),
)
#: Days before expiry from which a licence shows as "ending soon".
SOON_DAYS = 90
_EXPIRED = QColor("#b42318")
_SOON = QColor("#b54708")


def protected_text(values: Mapping[str, float]) -> str:
    return "; ".join(f"{c} {v:,.0f}" for c, v in sorted(values.items()))


class LicencesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Licence] = []
        self._protection: dict[str, Protection] = {}
        self.today = dt.date.today()

    def set_licences(
        self,
        licences: Sequence[Licence],
        protection: Mapping[str, Protection] | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(licences)
        self._protection = dict(protection or {})
        if today is not None:
            self.today = today
        self.endResetModel()

    def licence(self, row: int) -> Licence | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def licences(self) -> list[Licence]:
        return list(self._rows)

    def row_of(self, licence_id: int) -> int:
        return next((i for i, lic in enumerate(self._rows) if lic.id == licence_id), -1)

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
            return COLUMNS[section][1]
        return None

    def days_left(self, lic: Licence) -> int | None:
        end = lic.spec.valid_to
        return None if end is None else (end - self.today).days

    def text(self, lic: Licence, key: str) -> str:
        s = lic.spec
        cover = self._protection.get(s.number, Protection())
        hits, values = cover.hits, cover.protected
        days = self.days_left(lic)
        texts = {
            "authority": s.authority,
            "number": s.number,
            "type": s.licence_type,
            "valid_from": s.valid_from.isoformat(),
            "valid_to": s.valid_to.isoformat() if s.valid_to else "open-ended",
            "days_left": "" if days is None else ("expired" if days < 0 else str(days)),
            "scope": lic.scope_text,
            "limits": limits_text(lic),
            "hits": str(hits) if hits else "",
            "protected": protected_text(values),
            "document": lic.document_name or "",
        }
        return texts[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(COLUMNS)):
            return None
        lic = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and key == "document" and lic.document_sha256:
                return f"SHA-256 {lic.document_sha256}"
            return self.text(lic, key)
        if role == ID_ROLE:
            return lic.id
        if role == Qt.ItemDataRole.ForegroundRole and key in ("valid_to", "days_left"):
            days = self.days_left(lic)
            if days is not None and days < 0:
                return _EXPIRED
            if days is not None and days <= SOON_DAYS:
                return _SOON
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("days_left", "hits", "protected"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
