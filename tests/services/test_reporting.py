"""Reports of stored runs, sign-offs and register exports, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from workbench.services import browse, demo, evaluation, reporting, runs
from workbench.storage.database import Database


@pytest.fixture
def run_id(db: Database) -> int:
    demo.load_demo(db, 300, seed=5)
    return evaluation.evaluate_scenario(db, "in-force", dt.date(2025, 6, 1)).run_id


def test_report_source_carries_the_run_and_local_names(db: Database, run_id: int) -> None:
    source = reporting.report_source(db, run_id, marking="SECRET")
    info = runs.run_info(db, run_id)
    assert source.hits.height == info.hit_count > 0
    assert source.run.data_fingerprint == info.data_fingerprint
    assert source.run.marking == "SECRET"
    assert source.local_names, "the demo book has local-script customer names"
    assert all(cid in set(source.hits["customer_id"]) for cid in source.local_names)
    assert source.run.generated_at.tzinfo is None


def test_workbook_totals_match_the_run(db: Database, run_id: int, tmp_path: Path) -> None:
    written = reporting.write_report(db, run_id, tmp_path / "run.xlsx", "xlsx")
    info = runs.run_info(db, run_id)
    assert written.units == info.hit_count
    assert written.sha256 == reporting.file_sha256(written.path)
    wb = load_workbook(written.path, read_only=True)
    assert sum(1 for _ in wb["Findings"].iter_rows(min_row=2)) == info.hit_count
    summary = {
        row[1]: row[0]
        for row in wb["Summary"].iter_rows(values_only=True)
        if len(row) > 1 and isinstance(row[1], str) and len(row[1]) == 3
    }
    wb.close()  # a read-only workbook holds its file open until closed
    for currency, value in info.summary["value_at_risk"].items():
        assert summary[currency] == pytest.approx(value, abs=0.01)


def test_pdf_of_a_run_and_the_signoff_chain(db: Database, run_id: int, tmp_path: Path) -> None:
    pdf = reporting.write_report(db, run_id, tmp_path / "run.pdf", "pdf")
    assert pdf.units == len(PdfReader(pdf.path).pages) > 3
    with pytest.raises(reporting.ReportingError, match="no 'prepared' sign-off"):
        reporting.record_signoff(db, run_id, pdf.path, "reviewed")
    prepared = reporting.record_signoff(db, run_id, pdf.path, "prepared", "first draft")
    assert prepared.sha256 == pdf.sha256 and prepared.comment == "first draft"
    with pytest.raises(reporting.ReportingError, match="already signed off as prepared"):
        reporting.record_signoff(db, run_id, pdf.path, "prepared")
    with pytest.raises(reporting.ReportingError, match="no 'reviewed' sign-off"):
        reporting.record_signoff(db, run_id, pdf.path, "approved")
    reporting.record_signoff(db, run_id, pdf.path, "reviewed")
    # A changed file is a different file: its approval is refused.
    changed = tmp_path / "changed.pdf"
    shutil.copy(pdf.path, changed)
    with changed.open("ab") as handle:
        handle.write(b"\n% edited\n")
    with pytest.raises(reporting.ReportingError, match="no 'reviewed' sign-off"):
        reporting.record_signoff(db, run_id, changed, "approved")
    approved = reporting.record_signoff(db, run_id, pdf.path, "approved")
    assert [s.role for s in reporting.signoffs(db, run_id)] == ["prepared", "reviewed", "approved"]
    assert approved.as_json()["sha256"] == pdf.sha256


def test_signoff_refuses_files_that_are_not_this_runs_report(
    db: Database, run_id: int, tmp_path: Path
) -> None:
    with pytest.raises(reporting.ReportingError, match="There is no report file"):
        reporting.record_signoff(db, run_id, tmp_path / "missing.pdf", "prepared")
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(reporting.ReportingError, match=r"sign a \.pdf or \.xlsx"):
        reporting.record_signoff(db, run_id, other, "prepared")
    foreign = tmp_path / "foreign.pdf"
    foreign.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(reporting.ReportingError, match="not a report written by"):
        reporting.record_signoff(db, run_id, foreign, "prepared")
    second = evaluation.evaluate_scenario(db, "in-force", dt.date(2024, 1, 1)).run_id
    report = reporting.write_report(db, second, tmp_path / "second.xlsx", "xlsx")
    with pytest.raises(reporting.ReportingError, match=f"report of run {second}, not of run"):
        reporting.record_signoff(db, run_id, report.path, "prepared")
    with pytest.raises(reporting.ReportingError, match="Unknown sign-off role"):
        reporting.record_signoff(db, run_id, report.path, "approver")
    with pytest.raises(runs.RunError):
        reporting.signoffs(db, 999)


def test_report_targets_are_checked(db: Database, run_id: int, tmp_path: Path) -> None:
    with pytest.raises(reporting.ReportingError, match=r"must end in \.pdf"):
        reporting.write_report(db, run_id, tmp_path / "x.txt", "pdf")
    with pytest.raises(reporting.ReportingError, match="does not exist"):
        reporting.write_report(db, run_id, tmp_path / "no" / "x.pdf", "pdf")
    with pytest.raises(runs.RunError):
        reporting.write_report(db, 999, tmp_path / "x.pdf", "pdf")


def test_export_registers_under_a_filter(db: Database, run_id: int, tmp_path: Path) -> None:
    everything = reporting.export_table(db, "machines", None, tmp_path / "all.csv")
    assert everything == 300
    query = browse.Query(search="SMIC")
    expected = len(browse.find_ids(db, "machines", query))
    path = tmp_path / "smic.csv"
    assert reporting.export_table(db, "machines", query, path) == expected > 0
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Serial" and len(rows) == expected + 1
    hits_query = browse.Query(scope={"run_id": run_id})
    hits = reporting.export_table(db, "hits", hits_query, tmp_path / "hits.xlsx")
    assert hits == runs.run_info(db, run_id).hit_count
    with pytest.raises(reporting.ReportingError, match="There is no table"):
        reporting.export_table(db, "nothing", None, tmp_path / "x.csv")
    with pytest.raises(reporting.ReportingError, match=r"\.xlsx or \.csv"):
        reporting.export_table(db, "machines", None, tmp_path / "x.ods")
