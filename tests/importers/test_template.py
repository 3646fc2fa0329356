"""The import template lists every field the importer reads and imports as it is."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from workbench.importers import FIELDS, parse_files
from workbench.importers.headers import concept_of
from workbench.importers.template import FLAT_HEADINGS, write_template


def test_every_field_is_listed_with_headings_the_importer_recognises(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["Columns"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    assert [r[2] for r in rows] == [f.key for f in FIELDS]
    for record, _label, _key, _required, headings in rows:
        assert record and headings
        # every listed heading is read back as the field's concept
        assert all(concept_of(h) is not None for h in str(headings).split("; ")[:5])
    assert all(concept_of(h) is not None for h in FLAT_HEADINGS)


def test_the_example_rows_read_as_machines_fabs_contracts_and_lines(tmp_path: Path) -> None:
    parsed = parse_files([write_template(tmp_path / "template.xlsx")])
    assert not [i for i in parsed.issues if i.severity.value == "error"]
    assert {m.serial for m in parsed.machines} == {"000123", "A-77", "M-4800"}
    assert {f.name for f in parsed.fabs} == {"Fab B2", "Line 1", "Fab 10"}
    assert {c.number for c in parsed.contracts} == {"C-1001", "C-2001"}
