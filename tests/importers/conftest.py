"""Helpers for importer tests: workbooks written with openpyxl in the test's tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "import"

WriteXlsx = Callable[..., Path]


@pytest.fixture
def write_xlsx(tmp_path: Path) -> WriteXlsx:
    """Write sheets (name -> rows) to an .xlsx and return its path."""

    def write(
        name: str, sheets: dict[str, Sequence[Sequence[object]]], epoch1904: bool = False
    ) -> Path:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        if epoch1904:
            wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(list(row))
        path = tmp_path / name
        wb.save(path)
        return path

    return write
