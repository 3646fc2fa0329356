"""How numbers, dates and slugs read in both reports."""

from __future__ import annotations

import datetime as dt

#: ISO 4217 currencies without minor units that the book may hold; others show two decimals.
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "CLP", "ISK", "VND", "TWD_CASH"})


def decimals(currency: str) -> int:
    return 0 if currency in ZERO_DECIMAL_CURRENCIES else 2


def money(value: float, currency: str, with_code: bool = True) -> str:
    """Thousands separators and the currency's usual decimals, e.g. ``1,234.50 EUR``."""
    text = f"{value:,.{decimals(currency)}f}"
    return f"{text} {currency}" if with_code else text


def count(value: int) -> str:
    return f"{value:,}"


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def words(slug: str | None) -> str:
    """``presumption_of_denial`` -> ``presumption of denial``."""
    return (slug or "").replace("_", " ")


def excel_money_format(currency: str) -> str:
    return "#,##0" if decimals(currency) == 0 else "#,##0.00"
