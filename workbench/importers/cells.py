"""The neutral shape every reader produces: a sheet as rows of typed cell values.

A cell is ``str | int | float | bool | date | datetime | None``. The Python type *is* the
numeric-ness flag: a number typed into Excel arrives as ``float``/``int``, text arrives as
``str`` even when it looks like a number. That is what lets a serial typed as the number 1234
come back as "1234" while the text "00123" keeps its zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

CellValue = str | int | float | bool | date | datetime | None


@dataclass(frozen=True, slots=True)
class RawSheet:
    """One sheet (or one CSV file) as read.

    ``rows[i]`` is spreadsheet row ``i + 1`` as the user sees it; leading blank rows are kept
    as empty lists so row numbers in messages match what Excel shows.
    """

    file_name: str
    sheet: str | None
    rows: list[list[CellValue]]
    #: Numbers in date columns are serials counted from 1904-01-01 (old Mac Excel).
    date1904: bool = False
    #: 0-based row of the headings of the one Excel Table (ListObject) on the sheet: the
    #: workbook itself says where the header is, whatever title block stands above it.
    table_header: int | None = None
    #: 0-based column -> the currency its cells' number format shows ("€ #,##0"): a hint for
    #: amounts written as plain numbers (see ``importers.number_formats``).
    column_currencies: dict[int, str] | None = None


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    if index < 0:
        raise ValueError("column index must be >= 0")
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def clean_cell(value: object) -> CellValue:
    """Map reader output onto CellValue: empty text is None; times and durations become text."""
    if value is None or value == "":
        return None
    if isinstance(value, str | bool | int | float | date):
        return value
    if isinstance(value, time | timedelta):
        return str(value)
    return str(value)


def is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: CellValue) -> str:
    """The cell as an analyst would recognise it in a message."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
