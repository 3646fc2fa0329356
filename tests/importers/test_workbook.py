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


def _table_book(path: Path, tables: list[tuple[str, str]]) -> Path:
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Parco installato"
    sheet.append(["Parco macchine installato"])
    sheet.append(["Aggiornato al 30/11/2026"])
    sheet.append([])
    sheet.append(["Cliente", "Matricola", "Nota"])
    sheet.append(["ACME", "S-1", "x"])
    sheet.append([])
    sheet.append(["Cliente", "Matricola", "Nota"])
    sheet.append(["ACME", "S-2", "y"])
    for name, ref in tables:
        sheet.add_table(Table(displayName=name, ref=ref))
    book.save(path)
    return path


def test_the_header_row_of_an_excel_table_is_read_from_the_workbook(tmp_path: Path) -> None:
    path = _table_book(tmp_path / "table.xlsx", [("ParcoInstallato", "A4:C5")])
    [raw] = read_workbook(check_file(path))
    assert raw.table_header == 3  # row 4, under the two-line title


def test_a_sheet_with_two_tables_has_no_one_header_row(tmp_path: Path) -> None:
    path = _table_book(tmp_path / "tables.xlsx", [("First", "A4:C5"), ("Second", "A7:C8")])
    [raw] = read_workbook(check_file(path))
    assert raw.table_header is None


def test_a_sheet_without_a_table_has_no_table_header(write_xlsx: WriteXlsx) -> None:
    [raw] = read_workbook(check_file(write_xlsx("plain.xlsx", {"S": [["Serial"], ["1"]]})))
    assert raw.table_header is None
