from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from workbench.importers.outcome import BLANK
from workbench.importers.sheet import parse_column
from workbench.importers.vocabulary import parse_serial, parse_text

cells = st.one_of(
    st.none(),
    st.sampled_from(["00123", " 00123 ", "1.5E+10", "", "  ", "A-1"]),
    st.text(max_size=6),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-5, max_value=5),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)),
)


@given(st.lists(cells, max_size=40))
def test_a_column_reads_as_each_cell_alone(values: list[Any]) -> None:
    """Whichever path the column takes (table, typed cache), each cell's outcome is its own."""
    for parser in (parse_serial, parse_text):
        expected = [BLANK if v is None else parser(v) for v in values]
        assert parse_column(values, parser) == expected


def test_a_key_column_of_many_rows_reads_each_cell() -> None:
    values: list[Any] = [f"{i:06d}" for i in range(3000)] + [None, 1234.0, True]
    out = parse_column(values, parse_serial)
    assert out[0].value == "000000"
    assert out[2999].value == "002999"
    assert out[3000] is BLANK
    assert out[3001].value == "1234"
    assert out[3002].problem is not None  # TRUE is not a serial, 1 would be


def test_true_one_and_one_point_zero_stay_apart() -> None:
    out = parse_column([True, 1, 1.0, 1], parse_serial)
    assert out[0].problem is not None
    assert [o.value for o in out[1:]] == ["1", "1", "1"]


def test_contract_dates_all_on_the_first_are_read_in_the_order_the_install_dates_prove() -> None:
    from workbench.importers.cells import RawSheet
    from workbench.importers.layout import detect_layout
    from workbench.importers.records import ContractRecord, RecordKind
    from workbench.importers.sheet import read_sheet

    rows: list[list[Any]] = [
        ["Customer", "Fab", "Country", "Serial", "Model", "Install date", "Contract",
         "Start date", "End date", "Annual value"],
        ["Micron", "Boise", "US", "S1", "NXT:2000i", "7/16/2015", "C-1", "7/1/2023",
         "6/30/2026", "USD 100"],
        ["Micron", "Boise", "US", "S2", "NXT:2000i", "3/4/2020", "C-1", "7/1/2023",
         "6/30/2026", "USD 100"],
    ]  # fmt: skip
    layout = detect_layout(rows)
    assert layout is not None
    result = read_sheet(RawSheet("us.csv", None, rows), layout)
    contracts = [r for r in result.records[RecordKind.CONTRACT] if isinstance(r, ContractRecord)]
    assert {(c.start_date, c.end_date) for c in contracts} == {
        (date(2023, 7, 1), date(2026, 6, 30))
    }
    assert not result.rejected_rows
