"""Register exports: .csv that Excel reads as UTF-8, .xlsx tables, formulas neutralised."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.reports.table_export import write_table

HEADERS = ["Serial", "Customer", "Shipped", "Value", "Advanced"]
KINDS = ["text", "text", "date", "money", "bool"]
ROWS = [
    ("000123", "=cmd|' /C calc'!A0", dt.date(2020, 1, 2), Decimal("1234.50"), True),
    ("-7", "中芯国际 <b>x</b>", None, Decimal("0"), None),
]


def test_csv_has_a_bom_and_neutralised_formulas(tmp_path: Path) -> None:
    path = tmp_path / "machines.csv"
    assert write_table(path, HEADERS, KINDS, ROWS) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(HEADERS)
    assert lines[1] == "000123,'=cmd|' /C calc'!A0,2020-01-02,1234.50,yes"
    assert lines[2] == "'-7,中芯国际 <b>x</b>,,0,"


def test_xlsx_keeps_text_literal_and_types_values(tmp_path: Path) -> None:
    path = tmp_path / "machines.xlsx"
    seen: list[tuple[int, int]] = []
    write_table(
        path,
        HEADERS,
        KINDS,
        ROWS,
        total=2,
        title="Installed base",
        progress=lambda d, t: seen.append((d, t)),
    )
    ws = load_workbook(path)["Installed base"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws["A2"].value == "000123"
    assert ws["B2"].value == "=cmd|' /C calc'!A0" and ws["B2"].data_type == "s"
    assert ws["B2"].quotePrefix
    assert ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["D2"].value == 1234.5
    assert ws["E2"].value is True
    assert ws.tables["Export"].ref == "A1:E3"
    assert seen[-1] == (2, 2)


def test_unknown_format_and_cancel(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        write_table(tmp_path / "x.ods", HEADERS, KINDS, ROWS)
    token = CancelToken()
    token.cancel()
    many = [ROWS[0]] * 5000
    with pytest.raises(Cancelled):
        write_table(tmp_path / "x.xlsx", HEADERS, KINDS, many, cancel=token)
    with pytest.raises(Cancelled):
        write_table(tmp_path / "x.csv", HEADERS, KINDS, many, cancel=token)
    assert list(tmp_path.iterdir()) == []
