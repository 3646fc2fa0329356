from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.importers import compact
from workbench.importers.cells import CellValue, clean_cell
from workbench.importers.compact import RowCompactor, compact_rows


def reference(row: list[Any], blank_whitespace: bool) -> list[CellValue]:
    """One row the obvious way: what the chunked column-wise code must agree with."""
    out: list[CellValue] = []
    for value in row:
        if isinstance(value, str) and (value == "" or (blank_whitespace and value.isspace())):
            out.append(None)
        else:
            out.append(clean_cell(value))
    while out and out[-1] is None:
        out.pop()
    return out


def test_blank_text_is_none_and_trailing_blanks_are_cut() -> None:
    rows = RowCompactor(blank_whitespace=True).rows([["a", "", " ", ""], ["", "", ""], []])
    assert rows == [["a"], [], []]


def test_a_workbook_keeps_text_of_spaces() -> None:
    rows = RowCompactor(blank_whitespace=False).rows([["a", " ", "b"], ["", "", ""]])
    assert rows == [["a", " ", "b"], []]


def test_typed_cells_keep_their_type() -> None:
    rows = RowCompactor(blank_whitespace=False).rows([[True, 1, 1.0, ""], [0, False, 0.0, "x"]])
    assert rows == [[True, 1, 1.0], [0, False, 0.0, "x"]]
    assert [type(v) for v in rows[0]] == [bool, int, float]
    assert [type(v) for v in rows[1]] == [int, bool, float, str]


def test_times_and_durations_become_text() -> None:
    rows = RowCompactor(blank_whitespace=False).rows(
        [[time(13, 30), timedelta(hours=2), date(2023, 7, 1), datetime(2023, 7, 1, 8)]]
    )
    assert rows == [["13:30:00", "2:00:00", date(2023, 7, 1), datetime(2023, 7, 1, 8)]]


def test_repeated_text_is_one_object_across_chunks() -> None:
    worker = RowCompactor(blank_whitespace=True)
    first = worker.rows([["Lam Research", f"S{i}"] for i in range(100)])
    second = worker.rows([["".join(["Lam ", "Research"]), f"T{i}"] for i in range(100)])
    assert len({id(row[0]) for row in first + second}) == 1


def test_a_key_column_is_not_kept_in_a_table() -> None:
    worker = RowCompactor(blank_whitespace=True)
    worker.rows([[f"S{i}", "x"] for i in range(1000)])
    assert worker.shared[0] is None
    assert worker.shared[1] == {"x": "x"}


def test_has_cells_is_false_for_blank_only_input() -> None:
    worker = RowCompactor(blank_whitespace=True)
    worker.rows([["", " "], [], ["\t"]])
    assert not worker.has_cells
    worker.rows([["", "x"]])
    assert worker.has_cells


cells = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "a", "Lam", "00123"]),
    st.text(max_size=4),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, min_value=-3, max_value=3),
    st.dates(),
    st.times(),
)


@given(
    rows=st.lists(st.lists(cells, max_size=5), max_size=30),
    blank_whitespace=st.booleans(),
)
def test_chunked_compaction_agrees_with_the_row_by_row_reference(
    rows: list[list[Any]], blank_whitespace: bool
) -> None:
    original = [list(row) for row in rows]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compact, "CHUNK_ROWS", 7)
        got = list(compact_rows(rows, blank_whitespace))
    assert got == [reference(row, blank_whitespace) for row in original]
    for left, right in zip(got, (reference(r, blank_whitespace) for r in original), strict=True):
        assert [type(v) for v in left] == [type(v) for v in right]
