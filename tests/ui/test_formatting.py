from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.services.browse import ColumnKind
from workbench.ui import formatting
from workbench.ui.formatting import Tone

pytestmark = pytest.mark.ui


def test_dates_read_as_iso() -> None:
    assert formatting.format_value(date(2023, 9, 1), ColumnKind.DATE) == "2023-09-01"
    assert formatting.format_value(datetime(2023, 9, 1, 13, 5), ColumnKind.DATE) == "2023-09-01"


def test_money_has_separators_and_two_decimals() -> None:
    assert formatting.format_value(Decimal("1234567.5"), ColumnKind.MONEY) == "1,234,567.50"
    assert formatting.format_money(Decimal("12"), "EUR") == "12.00 EUR"


def test_missing_values_show_a_dash() -> None:
    for kind in ColumnKind:
        assert formatting.format_value(None, kind) == formatting.EMPTY


def test_flags_and_slugs_read_as_words() -> None:
    assert formatting.format_value(True, ColumnKind.BOOL) == "Yes"
    assert formatting.format_value(False, ColumnKind.BOOL) == "No"
    assert formatting.format_value("unknown", ColumnKind.TEXT, "advanced_node") == "Unknown"
    assert formatting.format_value("duv_immersion", ColumnKind.TEXT, "category") == (
        "DUV immersion lithography"
    )
    assert formatting.format_value("spare_parts", ColumnKind.TEXT, "service_type") == (
        "Spare parts"
    )
    assert formatting.format_value("decommissioned", ColumnKind.TEXT, "status") == (
        "Decommissioned"
    )
    assert formatting.format_value("not-a-slug", ColumnKind.TEXT, "category") == "not-a-slug"


def test_advanced_node_badge_tones() -> None:
    assert formatting.advanced_node_badge(True).tone is Tone.DANGER
    assert formatting.advanced_node_badge("no").tone is Tone.OK
    assert formatting.advanced_node_badge(None).tone is Tone.WARNING
    assert formatting.advanced_node_badge("unknown").text == "Unknown"
    assert formatting.cell_badge("serial", "000123") is None


def test_compact_figures() -> None:
    assert formatting.format_compact(950) == "950"
    assert formatting.format_compact(68_626_232_317) == "68.6bn"
    assert formatting.format_compact(1_500) == "1.5k"
    assert formatting.format_compact(410_065_351) == "410M"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_money_text_reads_back_as_the_same_amount(amount: Decimal) -> None:
    text = formatting.format_value(amount, ColumnKind.MONEY)
    assert Decimal(text.replace(",", "")) == amount


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_read_back(value: int) -> None:
    assert int(formatting.format_value(value, ColumnKind.INT).replace(",", "")) == value
