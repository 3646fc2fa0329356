"""The audit trail as a service: history, filters and exports for auditors."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workbench.services import audit, demo, editing
from workbench.storage.database import Database


def test_export_filters_and_neutralises_formulas(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    demo.load_demo(db, 60)
    made = editing.create(
        db, "customers", {"code": "Z9", "name": '=HYPERLINK("x")', "hq_country": "NL"}
    )
    editing.update(db, "customers", made.record_id, 1, {"name": "Zeta"}, "@ typo fixed")
    out = tmp_path / "trail.csv"
    rows = audit.export(db, out, audit.AuditFilter(cause_kind="manual_edit", table="customers"))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert rows == 2 == len(table) - 1
    update = table[2]
    assert update[7:10] == ["name", '\'=HYPERLINK("x")', "Zeta"]
    assert update[12] == "'@ typo fixed"
    book = tmp_path / "trail.xlsx"
    assert audit.export(db, book, audit.AuditFilter(user="ann")) > 2
    workbook = load_workbook(book, read_only=True)
    try:  # a read-only workbook holds its file open until closed
        sheet = workbook.active
        assert sheet is not None
        values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    finally:
        workbook.close()
    assert '=HYPERLINK("x")' in values  # kept as text, not a formula
    future = audit.AuditFilter(since=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    assert audit.export(db, tmp_path / "none.csv", future) == 0


def test_export_refuses_other_formats(db: Database, tmp_path: Path) -> None:
    with pytest.raises(audit.ExportError, match=r"\.xlsx or \.csv"):
        audit.export(db, tmp_path / "trail.pdf")


def test_history_includes_packed_import_entries(db: Database) -> None:
    with db.session() as session:
        audit.record_many(
            session,
            [audit.AuditEvent("insert", "machines", i, f"V/{i}") for i in range(1, 4)],
            "import_batch",
            42,
        )
        audit.record_many(
            session,
            [audit.AuditEvent("update", "machines", 2, "V/2", "status", "installed", "relocated")],
            "import_batch",
            43,
        )
    found = audit.history(db, "machines", 2)
    assert [(e.action, e.cause_id) for e in found] == [("insert", "42"), ("update", "43")]
    assert audit.verify(db).ok
