"""The rejected rows as a workbook the analyst can fix and import again.

One worksheet per source sheet, its header row the source's headings, so the fixed workbook is
recognised exactly like the original; each row keeps its original cells (numbers stay
numbers, dates stay dates) and gains the reasons and where it came from. Text that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) is stored as a
string with the quote-prefix flag: the cell shows and re-imports the same text, and neither
Excel nor LibreOffice evaluates it, even when converting the workbook to CSV.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from workbench.importers import ParsedImport, RejectedRow
from workbench.importers.cells import CellValue, display
from workbench.importers.readers import read_file
from workbench.reports.cells import clean_text, is_formula_like

EXTRA_HEADINGS = ("Reasons", "Source file", "Source sheet", "Source row")
MAX_CELL_TEXT = 32_767
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")


def with_original_cells(rows: Sequence[RejectedRow], parsed: ParsedImport) -> list[RejectedRow]:
    """Rows rejected after reading (references, conflicts) get their cells from the source file.

    The reading half keeps the cells of the rows it rejects itself; rows rejected while
    resolving against the database are read again here, once per file, only when asked for.
    """
    missing = {r.file for r in rows if not r.values}
    if not missing:
        return list(rows)
    header_rows = {(s.file, s.sheet): s.header_row for s in parsed.sheets}
    cells: dict[tuple[str, str | None], tuple[tuple[str | None, ...], list[list[CellValue]]]] = {}
    for info in parsed.files:
        if info.name not in missing:
            continue
        _, sheets = read_file(info.path)
        for raw in sheets:
            header = header_rows.get((raw.file_name, raw.sheet))
            if header is None or header > len(raw.rows):
                continue
            headings = tuple(display(v) or None for v in raw.rows[header - 1])
            cells[(raw.file_name, raw.sheet)] = (headings, raw.rows)
    out: list[RejectedRow] = []
    for row in rows:
        found = cells.get((row.file, row.sheet))
        if row.values or found is None or row.row > len(found[1]):
            out.append(row)
            continue
        headings, sheet_rows = found
        out.append(replace(row, headings=headings, values=tuple(sheet_rows[row.row - 1])))
    return out


def write_rejected_rows(path: Path, rows: Iterable[RejectedRow]) -> int:
    """Write the rows to ``path`` (.xlsx); returns how many were written."""
    groups: dict[tuple[str, str | None], list[RejectedRow]] = {}
    for row in rows:
        groups.setdefault((row.file, row.sheet), []).append(row)
    book = Workbook(write_only=True)
    titles: set[str] = set()
    bold = Font(bold=True)
    count = 0
    for (file, sheet), members in groups.items():
        ws = book.create_sheet(_title(sheet or Path(file).stem, titles))
        width = max([len(r.headings) for r in members] + [len(r.values) for r in members] + [0])
        headings = next((r.headings for r in members if r.headings), ())
        header: list[Any] = []
        for index in range(width):
            text = headings[index] if index < len(headings) else None
            header.append(_header_cell(ws, text or "", bold))
        header.extend(_header_cell(ws, text, bold) for text in EXTRA_HEADINGS)
        ws.append(header)
        for member in members:
            values = list(member.values) + [None] * (width - len(member.values))
            out = [_cell(ws, v) for v in values]
            out.extend(
                [
                    _cell(ws, "\n".join(member.reasons)),
                    _cell(ws, member.file),
                    _cell(ws, member.sheet),
                    member.row,
                ]
            )
            ws.append(out)
            count += 1
    if not groups:
        ws = book.create_sheet("Rejected rows")
        ws.append([_header_cell(ws, text, bold) for text in EXTRA_HEADINGS])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return count


def _title(name: str, used: set[str]) -> str:
    base = _SHEET_TITLE_BAD.sub("_", name).strip("'") or "Rejected"
    base = base[:31]
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.casefold())
    return title


def _header_cell(ws: WriteOnlyWorksheet, text: str, font: Font) -> Any:
    cell = _text_cell(ws, text)
    cell.font = font
    return cell


def _text_cell(ws: WriteOnlyWorksheet, text: str) -> Any:
    text = clean_text(text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "\u2026"
    cell = WriteOnlyCell(ws)
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def _cell(ws: WriteOnlyWorksheet, value: CellValue) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return _text_cell(ws, value)
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(ws)
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
