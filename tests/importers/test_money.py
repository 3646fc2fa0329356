from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.importers.money import Money, parse_money, parse_money_text


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("USD 1,200,000.00", "1200000.00", "USD"),
        ("1.200.000,00 EUR", "1200000.00", "EUR"),
        ("€ 2.500", "2500", "EUR"),
        ("1 200 000,00", "1200000.00", None),
        ("150,000,000円", "150000000", "JPY"),
        ("JPY 150,000,000", "150000000", "JPY"),
        ("US$ 5,000", "5000", "USD"),
        ("RMB 3,000", "3000", "CNY"),
        ("12,50", "12.50", None),
        ("1'250'000.50 CHF", "1250000.50", "CHF"),
    ],
)
def test_accepted(text: str, amount: str, currency: str | None) -> None:
    assert parse_money_text(text) == Money(Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "amount", "currency", "word"),
    [
        ("440k", "440000", None, "k"),
        ("1,993k", "1993000", None, "k"),
        ("USD 2.2M", "2200000", "USD", "M"),
        ("€ 2.5m", "2500000", "EUR", "m"),
        ("3k USD", "3000", "USD", "k"),
        ("1,5 Mio. €", "1500000", "EUR", "Mio"),
        ("3億円", "300000000", "JPY", "億"),
        ("300万元", "3000000", "CNY", "万"),
        ("1.25 bn", "1250000000", None, "bn"),
    ],
)
def test_abbreviated_amounts_are_scaled(
    text: str, amount: str, currency: str | None, word: str
) -> None:
    assert parse_money_text(text) == Money(Decimal(amount), currency, word)


def test_an_abbreviated_amount_is_taken_with_a_warning_naming_what_was_read() -> None:
    outcome = parse_money("USD 2.2M")
    assert outcome.ok and outcome.problem is not None
    assert "read as 2,200,000" in outcome.problem.message
    assert parse_money("2,200,000 USD").problem is None


def test_a_word_that_only_begins_like_a_multiplier_is_no_multiplier() -> None:
    assert isinstance(parse_money_text("12 monthly"), str)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("¥150,000,000", "both yen"),
        ("-5", "negative"),
        ("(100)", "negative"),
        ("XYZ 100", "not a currency"),
        ("1,20,0", "well-formed"),
        ("about 100", "not a currency"),
    ],
)
def test_refused_with_a_reason(text: str, reason: str) -> None:
    result = parse_money_text(text)
    assert isinstance(result, str)
    assert reason in result


def test_number_cells() -> None:
    assert parse_money(1200000.0).value == Money(Decimal("1200000.0"), None)
    assert parse_money(12.34).value == Money(Decimal("12.34"), None)
    assert not parse_money(-1.0).ok
    assert not parse_money(float("nan")).ok


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)


@given(amounts, st.sampled_from([(",", "."), (".", ","), (" ", ","), ("'", ".")]))
def test_grouped_amounts_round_trip(amount: Decimal, separators: tuple[str, str]) -> None:
    thousands, decimal_mark = separators
    whole, frac = f"{amount:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = f"{thousands.join(groups)}{decimal_mark}{frac}"
    assert parse_money_text(f"EUR {text}") == Money(amount, "EUR")


@pytest.mark.parametrize(
    ("text", "code"),
    [("US Dollar", "USD"), ("Yuan Renminbi", "CNY"), ("New Taiwan Dollar", "TWD"), ("Euro", "EUR")],
)
def test_currency_names_as_erps_print_them(text: str, code: str) -> None:
    from workbench.importers.money import currency_code

    assert currency_code(text) == code
    assert parse_money_text(f"1,200.00 {text}") == Money(Decimal("1200.00"), code)
