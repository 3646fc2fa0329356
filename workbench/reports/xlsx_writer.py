"""Streaming rows into a write-only openpyxl sheet, safely and without per-cell objects.

openpyxl's write-only mode keeps memory flat (100k x 30 cells in ~100 MB) but builds a styled
cell object for every formatted value. A sheet here declares each column's kind once; rows then
go out as plain values except where a format is needed, which reuses one prepared cell per
column (the writer serialises a cell as soon as it is appended, so reuse is safe). Text that a
spreadsheet would run as a formula is stored as a string with the quote-prefix flag.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from workbench.reports.cells import FORMULA_STARTS, clean_text, is_formula_like

#: A write-only worksheet. openpyxl's stubs omit the attributes it copies from ``Worksheet``
#: (column widths, panes, tables, charts, conditional formats), so it is typed loosely.
Sheet = Any

Kind = Literal["text", "int", "float", "date", "money", "bool", "wrap"]

DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1D4E89")
#: Excel's limit of characters in one cell.
MAX_CELL_TEXT = 32_767
#: Text that needs :func:`safe_text`: a formula-like start or a character XML cannot carry.
_NEEDS_CARE = re.compile(
    "^[" + re.escape("".join(FORMULA_STARTS)) + r"]|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
)


@dataclass(frozen=True)
class SheetColumn:
    header: str
    kind: Kind = "text"
    width: float = 14


def safe_text(ws: Sheet, text: str) -> Any:
    """A text value as written: cleaned, and kept literal if it looks like a formula."""
    text = clean_text(text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "\u2026"
    if not is_formula_like(text):
        return text
    cell = WriteOnlyCell(ws, value=None)
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


class RowWriter:
    """Appends rows to ``ws`` converting each value by its column's kind.

    This runs once per cell of the biggest sheet, so it avoids work: one regular-expression
    search decides whether a text needs care at all, and formatted columns reuse one cell.
    """

    def __init__(self, ws: Sheet, columns: Sequence[SheetColumn]) -> None:
        self.ws = ws
        self._prepared: list[Cell | None] = []
        for column in columns:
            cell: Cell | None = None
            if column.kind == "date":
                cell = _prepared(ws, DATE_FORMAT)
            elif column.kind == "money":
                cell = _prepared(ws, MONEY_FORMAT)
            elif column.kind == "wrap":
                cell = _prepared(ws, "General")
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            self._prepared.append(cell)

    def append(self, values: Sequence[Any]) -> None:
        out: list[Any] = []
        prepared = self._prepared
        for index, value in enumerate(values):
            if value is None:
                out.append(None)
                continue
            if isinstance(value, str):
                if not value:
                    out.append(None)
                    continue
                if _NEEDS_CARE.search(value) or len(value) > MAX_CELL_TEXT:
                    checked = safe_text(self.ws, value)
                    if not isinstance(checked, str):
                        out.append(checked)
                        continue
                    value = checked  # noqa: PLW2901 - the cleaned text replaces the raw one
            elif value.__class__ is dt.datetime:
                value = value.replace(tzinfo=None)  # noqa: PLW2901 - Excel has no time zones
            cell = prepared[index]
            if cell is not None and value.__class__ is not bool:
                cell.value = value
                out.append(cell)
            else:
                out.append(value)
        self.ws.append(out)


def _prepared(ws: Sheet, number_format: str) -> Cell:
    cell = WriteOnlyCell(ws, value=None)
    cell.number_format = number_format
    return cell


def start_sheet(ws: Sheet, columns: Sequence[SheetColumn], freeze: bool = True) -> None:
    """Widths, frozen header and the bold header row (must come before any other row)."""
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    if freeze:
        ws.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=clean_text(column.header))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        header.append(cell)
    ws.append(header)


def add_table(ws: Sheet, name: str, columns: Sequence[SheetColumn], rows: int) -> str:
    """An Excel table (ListObject) over the header and ``rows`` data rows; returns its range.

    With no data row Excel rejects a table, so the header then just gets an autofilter.
    """
    ref = f"A1:{get_column_letter(len(columns))}{rows + 1}"
    if rows == 0:
        ws.auto_filter.ref = ref
        return ref
    table = Table(displayName=name, ref=ref)
    table.tableColumns = [TableColumn(id=i, name=c.header) for i, c in enumerate(columns, 1)]
    table.autoFilter = AutoFilter(ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name="TableStyleLight9", showRowStripes=True, showColumnStripes=False
    )
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns set by hand: they are.
        warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
        ws.add_table(table)
    return ref


def write_rows(ws: Sheet, columns: Sequence[SheetColumn], rows: Iterable[Sequence[Any]]) -> int:
    writer = RowWriter(ws, columns)
    n = 0
    for row in rows:
        writer.append(row)
        n += 1
    return n


def discard(wb: Any, partial: Path) -> None:
    """Close a write-only workbook after a failure or cancel, leaving no temporary files.

    Its sheets stream into temporary files that only ``save`` closes and removes; saving to
    the partial path (deleted by the caller) is the one public way to release them.
    """
    with contextlib.suppress(Exception):
        wb.save(partial)
