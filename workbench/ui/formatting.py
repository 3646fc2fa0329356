"""How cell values read on screen: dates, money, counts, booleans, slugs and status badges.

Plain functions (no Qt) so every table, tree and details pane shows a value the same way and
the rules are testable on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from workbench.domain.enums import EquipmentCategory, MachineStatus, ServiceType
from workbench.services.browse import ColumnKind

EMPTY = "—"

#: Kinds whose values line up on the decimal point.
NUMERIC_KINDS = frozenset({ColumnKind.INT, ColumnKind.FLOAT, ColumnKind.MONEY})


class Tone(StrEnum):
    """Badge colours by meaning, so the palette lives in one place (see ``badges.py``)."""

    DANGER = "danger"
    WARNING = "warning"
    OK = "ok"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Badge:
    text: str
    tone: Tone


def format_value(value: Any, kind: ColumnKind, key: str = "") -> str:
    """The display text of one cell."""
    if value is None or value == "":
        return EMPTY
    if kind is ColumnKind.DATE:
        return _date_text(value)
    if kind is ColumnKind.MONEY:
        return format_money(value)
    if kind is ColumnKind.INT:
        return f"{int(value):,}"
    if kind is ColumnKind.FLOAT:
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"
    if kind is ColumnKind.BOOL:
        return format_flag(_as_flag(value))
    return _slug_text(str(value), key)


def format_money(value: Any, currency: str | None = None) -> str:
    """Two decimals with thousands separators; the currency code, if given, after it."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    text = f"{amount:,.2f}"
    return f"{text} {currency}" if currency else text


def format_compact(value: float) -> str:
    """Short figures for chart axes and dashboard cards: 1.2k, 3.4M, 5.6bn."""
    size = abs(value)
    for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            scaled = value / limit
            return f"{scaled:,.1f}{suffix}" if abs(scaled) < 100 else f"{scaled:,.0f}{suffix}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def format_flag(flag: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Unknown"}[flag]


def _as_flag(value: Any) -> bool | None:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("yes", "true", "1"):
            return True
        if lowered in ("no", "false", "0"):
            return False
        return None
    return bool(value)


def _date_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _slug_text(text: str, key: str) -> str:
    """Slugs stored in the database (categories, statuses, services) read as words."""
    if key == "category":
        try:
            return EquipmentCategory(text).label
        except ValueError:
            return text
    if key == "service_type":
        try:
            return ServiceType(text).label
        except ValueError:
            return text
    if key == "status":
        try:
            return MachineStatus(text).value.capitalize()
        except ValueError:
            return text
    if key == "advanced_node":
        return format_flag(_as_flag(text))
    return text


def is_numeric(kind: ColumnKind) -> bool:
    return kind in NUMERIC_KINDS


def advanced_node_badge(value: Any) -> Badge:
    """Advanced-node status as a badge: unknown counts as a risk because rules treat it so."""
    flag = value if value is None or isinstance(value, bool) else _as_flag(value)
    tone = {True: Tone.DANGER, False: Tone.OK, None: Tone.WARNING}[flag]
    return Badge(format_flag(flag), tone)


def cell_badge(key: str, value: Any) -> Badge | None:
    """Columns drawn as a badge instead of plain text."""
    if key == "advanced_node":
        return advanced_node_badge(value)
    return None
