from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.importers.dates import (
    Ambiguous,
    _parse_mixed_column,
    excel_serial_to_date,
    parse_date_column,
    parse_date_text,
)
from workbench.importers.outcome import Severity

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-07-01", date(2023, 7, 1)),
        ("2019/07/01", date(2019, 7, 1)),
        ("01.09.2023", date(2023, 9, 1)),
        ("1 Sep 2023", date(2023, 9, 1)),
        ("2023年7月1日", date(2023, 7, 1)),
        ("2023.7.1", date(2023, 7, 1)),
        ("2023. 7. 1.", date(2023, 7, 1)),
        ("2023년 7월 1일", date(2023, 7, 1)),
        ("01-SEP-23", date(2023, 9, 1)),
        ("Sep 1, 2023", date(2023, 9, 1)),
        ("1. März 2023", date(2023, 3, 1)),
        ("1 mei 2023", date(2023, 5, 1)),
        ("20230701", date(2023, 7, 1)),
        ("2023-07-01 00:00:00", date(2023, 7, 1)),
        ("２０２３－０７－０１", date(2023, 7, 1)),
        ("13/04/2023", date(2023, 4, 13)),
        ("04/13/2023", date(2023, 4, 13)),
    ],
)
def test_text_formats(text: str, expected: date) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2021", "not yet", "2023-13-01", "01/09/123", "32 Jan 2020", "02/30/19"]
)
def test_not_dates(text: str) -> None:
    assert isinstance(parse_date_text(text), str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/28/19", date(2019, 1, 28)),  # JD Edwards' MM/DD/YY
        ("15.03.99", date(1999, 3, 15)),  # a German dd.mm.yy: tools of the nineties
        ("31-12-69", date(2069, 12, 31)),  # a contract running long
        ("01/01/70", date(1970, 1, 1)),
    ],
)
def test_two_digit_years_are_read_in_the_window_tools_and_contracts_live_in(
    text: str, expected: date
) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 juillet 2021", date(2021, 7, 24)),
        ("3. März 2020", date(2020, 3, 3)),
        ("12 gennaio 2022", date(2022, 1, 12)),
        ("31 dic 2026", date(2026, 12, 31)),
        ("7 lipca 2019", date(2019, 7, 7)),
        ("1 mrt 2024", date(2024, 3, 1)),
    ],
)
def test_month_names_of_the_exporting_languages(text: str, expected: date) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R7.11.01", date(2025, 11, 1)),
        ("H26.4.29", date(2014, 4, 29)),
        ("S63.1.7", date(1988, 1, 7)),
    ],
)
def test_japanese_eras_abbreviated_by_their_initial(text: str, expected: date) -> None:
    assert parse_date_text(text) == expected


def test_a_two_digit_year_leaves_day_and_month_order_as_open_as_four_digits_do() -> None:
    found = parse_date_text("01/09/23")
    assert isinstance(found, Ambiguous)
    assert {found.day_first, found.month_first} == {date(2023, 9, 1), date(2023, 1, 9)}


def test_excel_serials_in_both_systems() -> None:
    assert excel_serial_to_date(45000) == date(2023, 3, 15)
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    assert excel_serial_to_date(60) is None  # Lotus's 29 Feb 1900
    assert excel_serial_to_date(45000 - 1462, date1904=True) == date(2023, 3, 15)


@given(dates)
def test_serial_round_trip_1900_and_1904(d: date) -> None:
    serial_1900 = (d - date(1899, 12, 30)).days
    assert excel_serial_to_date(serial_1900) == d
    assert excel_serial_to_date(serial_1900 - 1462, date1904=True) == d


@given(
    dates,
    st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d %b %Y", "%Y年%m月%d日", "%Y%m%d"]),
)
def test_unambiguous_formats_round_trip(d: date, fmt: str) -> None:
    assert parse_date_text(d.strftime(fmt)) == d


@given(dates)
def test_slash_dates_are_never_guessed(d: date) -> None:
    result = parse_date_text(d.strftime("%d/%m/%Y"))
    if d.day > 12 or d.day == d.month:
        assert result == d
    else:
        assert isinstance(result, Ambiguous)
        assert result.day_first == d


def test_column_order_settled_by_an_unambiguous_row() -> None:
    out = parse_date_column(["03/04/2023", "13/04/2023", None])
    assert [o.value for o in out] == [date(2023, 4, 3), date(2023, 4, 13), None]
    out = parse_date_column(["03/04/2023", "04/13/2023"])
    assert out[0].value == date(2023, 3, 4)


def test_column_without_evidence_reports_ambiguous_rows() -> None:
    out = parse_date_column(["03/04/2023", "05/06/2023", "2023-01-01"])
    assert out[0].problem is not None
    assert "could be 3 April 2023 or 4 March 2023" in out[0].problem.message
    assert out[2].value == date(2023, 1, 1)


def test_column_with_both_orders_refuses_the_ambiguous_rows() -> None:
    out = parse_date_column(["13/04/2023", "04/13/2023", "03/04/2023"])
    assert out[0].ok and out[1].ok
    assert out[2].problem is not None and "both day-first and month-first" in out[2].problem.message


def test_cells_of_other_types() -> None:
    out = parse_date_column([datetime(2020, 1, 2, 13, 0), 45000.0, 45000, True, "45000"])
    assert out[0].value == date(2020, 1, 2)
    assert out[1].value == out[2].value == date(2023, 3, 15)
    assert out[3].problem is not None
    assert out[4].value == date(2023, 3, 15)
    assert out[4].problem is not None and out[4].problem.severity is Severity.WARNING


def test_numbers_use_the_workbook_date_system() -> None:
    assert parse_date_column([43646], date1904=True)[0].value == date(2023, 7, 1)


_DATE_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["03/04/2023", "13/04/2023", "04/13/2023", "2023-07-01", "01.09.2023"]),
    st.sampled_from(["1 Sep 2023", "45000", "not a date", "31/02/2023", "", "Dec 2021"]),
    st.dates(min_value=date(1890, 1, 1), max_value=date(2250, 1, 1)),
    st.integers(0, 80_000),
    st.floats(min_value=0, max_value=80_000, allow_nan=False),
    st.booleans(),
)


@given(st.lists(_DATE_CELLS, max_size=30))
def test_a_column_reads_the_same_on_the_fast_and_the_mixed_path(values: list[Any]) -> None:
    """The distinct-value path and the cell-by-cell path agree on every column."""
    fast = parse_date_column(values)
    slow = _parse_mixed_column(values, False)
    assert [(o.value, o.problem) for o in fast] == [(o.value, o.problem) for o in slow]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Dec 2021", date(2021, 12, 1), date(2021, 12, 31)),
        ("September 2028", date(2028, 9, 1), date(2028, 9, 30)),
        ("2021年3月", date(2021, 3, 1), date(2021, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("03/2021", date(2021, 3, 1), date(2021, 3, 31)),
        ("Mär 2023", date(2023, 3, 1), date(2023, 3, 31)),
    ],
)
def test_a_month_without_a_day_is_its_first_day_or_for_a_period_end_its_last(
    text: str, first: date, last: date
) -> None:
    start = parse_date_column([text])[0]
    end = parse_date_column([text], period_end=True)[0]
    assert (start.value, end.value) == (first, last)
    assert start.problem is not None and "names a month" in start.problem.message
    assert start.ok and end.ok


@pytest.mark.parametrize("text", ["13/2021", "Mayday 2020", "Dec 1899"])
def test_month_only_texts_that_are_no_month_are_refused(text: str) -> None:
    assert not parse_date_column([text])[0].ok


def test_a_column_without_evidence_takes_the_order_its_sheet_proves() -> None:
    from workbench.importers.dates import Order, date_orders

    assert date_orders(["7/16/2015", "3/4/2020"]) == {Order.MONTH_FIRST}
    starts = parse_date_column(["7/1/2023", "1/1/2024"], sheet_order=Order.MONTH_FIRST)
    assert [o.value for o in starts] == [date(2023, 7, 1), date(2024, 1, 1)]
    assert starts[0].problem is not None and "other date columns" in starts[0].problem.message
    assert not parse_date_column(["7/1/2023"])[0].ok  # alone it stays ambiguous
    own = parse_date_column(["7/1/2023", "13/1/2023"], sheet_order=Order.MONTH_FIRST)
    assert own[0].value == date(2023, 1, 7)  # the column's own evidence wins


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和元年１２月３１日", date(2019, 12, 31)),  # the first year of an era is 元年
        ("令和5年4月1日", date(2023, 4, 1)),
        ("平成30年3月31日", date(2018, 3, 31)),
        ("昭和64年1月7日", date(1989, 1, 7)),
    ],
)
def test_japanese_era_dates(text: str, expected: date) -> None:
    outcome = parse_date_column([text])[0]
    assert outcome.value == expected and outcome.problem is None
