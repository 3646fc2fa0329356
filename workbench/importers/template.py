"""An import template: the columns the importer understands, as a workbook to fill in.

A first-time user asks "what should my file look like?". The answer is a flat sheet (one row
per machine, as the service systems export it) with example rows, and a sheet listing every
column the importer reads with the headings it recognises in each language, generated from
the same field and synonym tables the importer uses, so the two cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from workbench.importers.fields import FIELDS, REQUIRED
from workbench.importers.headers import SYNONYMS

#: The flat export's columns, in the order exports usually have them, and example rows.
FLAT_HEADINGS = (
    "Customer Name",
    "Site",
    "City",
    "Country",
    "Serial Number",
    "Model",
    "Install Date",
    "Contract Number",
    "Contract End",
    "Annual Value",
    "Currency",
    "Coverage",
)
EXAMPLE_ROWS = (
    ("SMIC Beijing", "Fab B2", "Beijing", "China", "000123", "NXT:1980Di", "2019-05-01",
     "C-1001", "2027-12-31", 1_200_000, "USD", "PM; Repair; Spare parts"),
    ("Samsung Electronics Co., Ltd.", "Line 1", "Xi'an", "China", "A-77", "Kiyo",
     "2018-03-03", "C-2001", "2026-06-30", 300_000, "USD", "Full service"),
    ("Micron Technology Inc", "Fab 10", "Singapore", "Singapore", "M-4800", "Surfscan SP7",
     "2023-05-02", None, None, None, None, None),
)  # fmt: skip
_HEADER = Font(bold=True, color="FFFFFF")
_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _required(kind: object, name: str) -> bool:
    return any(name in group and len(group) == 1 for group in REQUIRED[kind])  # type: ignore[index]


def write_template(path: Path) -> Path:
    """Write the template workbook to ``path`` (.xlsx) and return it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Installed base"
    sheet.append(list(FLAT_HEADINGS))
    for row in EXAMPLE_ROWS:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font, cell.fill = _HEADER, _FILL
    for column, width in zip(
        "ABCDEFGHIJKL", (30, 12, 14, 12, 14, 14, 13, 15, 13, 13, 9, 24), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"

    columns = book.create_sheet("Columns")
    columns.append(["Record", "Field", "Key", "Required", "Headings recognised (any language)"])
    for spec in FIELDS:
        words = SYNONYMS.get(spec.concept, ())
        columns.append(
            [
                spec.kind.value,
                spec.label,
                spec.key,
                "yes" if _required(spec.kind, spec.name) else "",
                "; ".join(words),
            ]
        )
    for cell in columns[1]:
        cell.font, cell.fill = _HEADER, _FILL
    for column, width in zip("ABCDE", (16, 22, 28, 10, 110), strict=True):
        columns.column_dimensions[column].width = width
    for row in columns.iter_rows(min_row=2):
        row[4].alignment = _WRAP
    columns.freeze_panes = "A2"

    notes = book.create_sheet("Read me")
    for line in (
        "One row per machine. Customers and fabs may be named by name only: the import "
        "creates the ones the book lacks and says so in the dry run.",
        "No vendor column is needed for a vendor's own export: the equipment catalogue "
        "knows the makers of the common models; answer 'our company' for the rest.",
        "Blank means 'not stated': the stored value is kept, and what nobody states stays "
        "unknown (HQ country, contract start, services), flagged in every result.",
        "Run 'workbench import FILE' for a dry run; add --commit to write.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
