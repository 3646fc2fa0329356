"""The rejected-rows workbook: original cells, reasons, formula-safe, and ready to re-import."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from workbench.importers import parse_files
from workbench.services import importing
from workbench.services.demo import load_demo
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
HOSTILE = ["=1+1", "+41 22 000", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def _hostile_csv(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Serial No.", "Vendor", "Model", "Site code", "Install date"])
        for index, text in enumerate(HOSTILE):
            writer.writerow([f"H-{index}", "ASML", "NXT:2000i", text, "2021-03-04"])
    return path


def test_rejected_rows_keep_their_cells_and_reasons_and_stay_literal(
    sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db, 10)
    plan = importing.run_import(sqlite_db, [_hostile_csv(tmp_path)], ImportOptions()).plan
    assert len(plan.rejected_rows) == len(HOSTILE)
    out = tmp_path / "errors.xlsx"
    assert importing.write_errors(out, plan) == len(HOSTILE)

    book = openpyxl.load_workbook(out)
    ws = book["hostile"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Serial No.",
        "Vendor",
        "Model",
        "Site code",
        "Install date",
        "Reasons",
        "Source file",
        "Source sheet",
        "Source row",
    )
    # XML stores a bare carriage return as a line break: the only change on the way out.
    # the carriage return comes back as itself or as the line break Excel stores it as
    # (openpyxl versions differ); either way the cell stays literal text
    cells = [r[3] for r in rows[1:]]
    assert cells[:-1] == HOSTILE[:-1] and cells[-1] in ("\nCR", "\rCR")
    assert rows[1][8] == 2 and rows[1][6] == "hostile.csv"
    assert "fab '=1+1' is neither in the file nor in the database" in str(rows[1][5])
    for cell in ws["D"][1:]:
        assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula

    # Fixing the site code and importing the errors workbook itself works.
    for cell in ws["D"][1:]:
        cell.value = "CN-SMIC-SN1"
    fixed = tmp_path / "fixed.xlsx"
    book.save(fixed)
    again = importing.run_import(sqlite_db, [fixed], ImportOptions(commit=True))
    assert again.committed, [i.text for i in again.plan.errors]
    assert again.plan.counts()["machines"]["new"] == len(HOSTILE)


def test_errors_workbook_from_libreoffice_fixture_keeps_original_types(
    sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db, 10)
    plan = importing.run_import(sqlite_db, [DATA / "installed_base_ja.xlsx"], ImportOptions()).plan
    out = tmp_path / "errors.xlsx"
    importing.write_errors(out, plan)
    ws = openpyxl.load_workbook(out)["installed_base_ja"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["シリアル番号", "装置型式", "メーカー"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    # The one rejected row: a date that does not exist. The numeric serial stays a number,
    # the text stays text, and the source row is the original's (its header is on row 3).
    assert list(rows) == [3311]
    assert rows[3311][7] == "31/02/2021"
    assert rows[3311][11] == 9
    reparsed = parse_files([out])  # the corrected workbook is read back the same way
    assert reparsed.machines == []
    assert any("'31/02/2021' is not a date" in i.text for i in reparsed.issues)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converting_the_errors_workbook_to_csv_evaluates_no_formula(
    sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db, 10)
    plan = importing.run_import(sqlite_db, [_hostile_csv(tmp_path)], ImportOptions()).plan
    out = tmp_path / "errors.xlsx"
    importing.write_errors(out, plan)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path / "csv"),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (tmp_path / "csv" / "errors.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    site_codes = [r[3] for r in rows[1:]]
    assert site_codes[:4] == ["=1+1", "+41 22 000", "-2+3", "@SUM(A1)"]
    assert "2" not in site_codes and "1" not in site_codes  # =1+1 and -2+3 were not computed
