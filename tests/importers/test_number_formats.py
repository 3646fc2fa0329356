"""The currency a cell's number format shows, and the workbook columns that show one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from workbench.importers.number_formats import column_currencies, format_currency


@pytest.mark.parametrize(
    ("code", "currency"),
    [
        ('"€" #,##0.00', "EUR"),
        ("[$€-413] #,##0.00", "EUR"),
        ('"NT$"#,##0', "TWD"),
        ("[$¥-804]#,##0", "CNY"),  # the locale tells yuan
        ("[$¥-411]#,##0", "JPY"),  # from yen
        ("[$USD] #,##0", "USD"),
        ("$#,##0.00_);($#,##0.00)", "USD"),
        ("[$₩-412]#,##0", "KRW"),
        ("¥#,##0", None),  # yen or yuan: the format does not say
        ("#,##0.00", None),
        ("yyyy-mm-dd", None),
        ('0.00" kg"', None),
    ],
)
def test_format_currency(code: str, currency: str | None) -> None:
    assert format_currency(code) == currency


def test_columns_whose_cells_show_one_currency(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Lines"
    sheet.append(["Serial", "Amount", "Mixed", "Plain"])
    for n in range(3):
        sheet.append([f"S{n}", 1000 * n, 5, 7])
    for row in range(2, 5):
        sheet.cell(row, 2).number_format = '"€" #,##0.00'
        sheet.cell(row, 3).number_format = '"€" #,##0' if row == 2 else '"NT$"#,##0'
    path = tmp_path / "formats.xlsx"
    book.save(path)
    assert column_currencies(path) == {"Lines": {1: "EUR"}}


def test_an_unreadable_package_gives_no_hints(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert column_currencies(path) == {}
