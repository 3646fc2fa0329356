"""The workbook, read back by openpyxl and converted by LibreOffice headless."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_fixtures import BOLD_NAME, CJK_LOCAL, FORMULA_NAME, make_hits

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.reports.identify import identify
from workbench.reports.source import ReportSource
from workbench.reports.xlsx_report import FINDINGS, write_xlsx

Tool = Callable[..., subprocess.CompletedProcess[str]]
HEADERS = [header for _f, header, _k, _w in FINDINGS]


@pytest.fixture
def workbook_path(source: ReportSource, tmp_path: Path) -> Path:
    path = tmp_path / "report.xlsx"
    assert write_xlsx(source, path) == 6
    return path


def test_sheets_table_panes_and_formats(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    assert wb.sheetnames == ["Summary", "Findings", "By customer", "By rule", "Rules", "Run"]
    ws = wb["Findings"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 7
    table = ws.tables["Findings"]
    assert table.ref == f"A1:{ws.cell(1, len(HEADERS)).column_letter}7"
    assert [c.name for c in table.tableColumns] == HEADERS
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    first = ws.cell(2, col["First affected"])
    assert isinstance(first.value, dt.datetime) and first.number_format == "yyyy-mm-dd"
    money = ws.cell(2, col["Value at risk"])
    assert money.value == 1000 and money.number_format == "#,##0.00"
    assert ws.column_dimensions["A"].width > 20
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert any('="prohibited"' in r.formula[0] for r in rules)
    assert wb.properties.keywords is not None and "workbench-run=7" in wb.properties.keywords


def test_hostile_text_round_trips_literally_and_is_never_a_formula(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    ws = wb["Findings"]
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    customers = {ws.cell(r, col["Customer"]).value for r in range(2, ws.max_row + 1)}
    assert {BOLD_NAME, FORMULA_NAME} <= customers
    assert CJK_LOCAL in {ws.cell(r, col["Local name"]).value for r in range(2, 8)}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} became a formula"
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                assert cell.quotePrefix, f"{cell.coordinate} is not marked as text"
    serials = {ws.cell(r, col["Serial"]).value for r in range(2, 8)}
    assert {"-0042", "@007"} <= serials


def test_summary_and_group_sheets_hold_the_figures(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    summary = wb["Summary"]
    values = [c.value for row in summary.iter_rows() for c in row]
    assert 1500.0 in values and 2_000_000.0 in values
    assert len(summary._charts) == 1  # openpyxl keeps charts privately
    by_customer = wb["By customer"]
    names = [r[0].value for r in by_customer.iter_rows(min_row=2)]
    assert BOLD_NAME in names
    rules = wb["Rules"]
    facts = [r[17].value for r in rules.iter_rows(min_row=2)]
    assert any("[U] Exact item numbers" in (f or "") for f in facts)
    run = {r[0].value: r[1].value for r in wb["Run"].iter_rows(min_row=2)}
    assert run["Data fingerprint"] == "b" * 64
    found = identify(workbook_path)
    assert found is not None and found.run_id == 7


def test_libreoffice_opens_it_without_running_a_formula(
    workbook_path: Path, run_tool: Tool, tmp_path: Path
) -> None:
    out_dir = tmp_path / "csv"
    # Sheet 2 (Findings) as UTF-8 CSV: filter options are separator, quote, charset, first
    # line, cell format, language, quoted text, detect numbers, formulas, ..., sheet number.
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"
    result = run_tool(
        "soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
        "--convert-to", csv_filter, "--outdir", str(out_dir), str(workbook_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    produced = list(out_dir.glob("*.csv"))
    assert produced, result.stdout + result.stderr
    with produced[0].open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS
    customers = {r[0] for r in rows[1:]}
    assert FORMULA_NAME in customers, "the formula text must come back as typed, not run"
    assert BOLD_NAME in customers
    assert "click" not in customers
    assert {"-0042", "@007"} <= {r[HEADERS.index("Serial")] for r in rows[1:]}


def test_empty_run_writes_header_and_filter(source: ReportSource, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(ReportSource(source.run, source.rules, make_hits([]), {}), path) == 0
    ws = load_workbook(path)["Findings"]
    assert ws.max_row == 1 and ws.auto_filter.ref is not None


def test_cancelling_leaves_no_file(source: ReportSource, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_xlsx(source, tmp_path / "x.xlsx", cancel=token)
    assert list(tmp_path.iterdir()) == []
