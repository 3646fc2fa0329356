from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest

from workbench.importers import workbook
from workbench.importers.guard import check_file
from workbench.importers.workbook import read_workbook

WriteXlsx = Callable[..., Path]


def test_a_sheet_starting_at_c3_keeps_its_row_numbers_and_column_letters(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tools"
    sheet["C3"] = "Serial"
    sheet["D3"] = "Install time"
    sheet["C4"] = "00123"
    sheet["D4"] = time(13, 30)
    sheet["E5"] = 7
    path = tmp_path / "offset.xlsx"
    book.save(path)
    [raw] = read_workbook(check_file(path))
    assert raw.rows[:2] == [[], []]
    assert raw.rows[2] == [None, None, "Serial", "Install time"]
    assert raw.rows[3] == [None, None, "00123", "13:30:00"]
    assert raw.rows[4] == [None, None, None, None, 7.0]


def test_rows_read_across_chunks_keep_their_order_and_types(
    write_xlsx: WriteXlsx, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "CHUNK_ROWS", 4)
    rows: list[list[object]] = [["Serial", "Vendor", "Installed", "Note"]]
    rows += [[f"S{i:02d}", "Lam", date(2020, 1, i + 1), "" if i % 2 else "x"] for i in range(10)]
    path = write_xlsx("chunks.xlsx", {"Tools": rows})
    [raw] = read_workbook(check_file(path))
    assert len(raw.rows) == 11
    assert raw.rows[1] == ["S00", "Lam", date(2020, 1, 1), "x"]
    assert raw.rows[2] == ["S01", "Lam", date(2020, 1, 2)]
    assert raw.rows[10] == ["S09", "Lam", date(2020, 1, 10)]
    assert len({id(row[1]) for row in raw.rows[1:]}) == 1
