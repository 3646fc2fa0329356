"""The working Excel workbook of an evaluation run (openpyxl, write-only, streamed).

Sheets: Summary (the PDF's figures and a native bar chart), Findings (one row per hit, every
field, as an Excel table with filters, frozen header, formats and colours by outcome), By
customer, By rule, Rules (as evaluated) and Run (metadata and fingerprints).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from workbench.domain.cancel import CancelToken, Progress
from workbench.reports import figures as fig
from workbench.reports.formatting import excel_money_format, words
from workbench.reports.pdf_appendix import scope_lines
from workbench.reports.source import ReportSource
from workbench.reports.xlsx_writer import (
    RowWriter,
    Sheet,
    SheetColumn,
    add_table,
    discard,
    safe_text,
    start_sheet,
    write_rows,
)

#: Findings columns: (hit field, header, kind, width). ``local_name`` is looked up per customer.
FINDINGS: tuple[tuple[str, str, Any, float], ...] = (
    ("customer_name", "Customer", "text", 34),
    ("local_name", "Local name", "text", 22),
    ("fab_name", "Fab", "text", 24),
    ("fab_site_code", "Site", "text", 12),
    ("fab_country", "Country", "text", 8),
    ("serial", "Serial", "text", 14),
    ("vendor", "Vendor", "text", 9),
    ("model_code", "Model", "text", 16),
    ("contract_number", "Contract", "text", 18),
    ("service_type", "Service", "text", 20),
    ("obligation_start", "Obligation start", "date", 11),
    ("obligation_end", "Obligation end", "date", 11),
    ("rule_id", "Rule", "text", 22),
    ("rule_version", "Rule version", "int", 7),
    ("pack", "Pack", "text", 14),
    ("jurisdiction", "Jurisdiction", "text", 8),
    ("outcome", "Outcome", "text", 20),
    ("final_outcome", "After licences", "text", 20),
    ("licence_coverage", "Licence coverage", "text", 16),
    ("licence_numbers", "Licences", "text", 16),
    ("licence_valid_to", "Licence valid to", "date", 11),
    ("licence_note", "Licence not counted", "wrap", 40),
    ("first_affected", "First affected", "date", 11),
    ("value_at_risk", "Value at risk", "money", 15),
    ("currency", "Currency", "text", 8),
    ("explanation", "Explanation", "wrap", 80),
    ("obligation_id", "Obligation id", "int", 10),
    ("machine_id", "Machine id", "int", 9),
    ("fab_id", "Fab id", "int", 7),
    ("customer_id", "Customer id", "int", 9),
    ("contract_id", "Contract id", "int", 9),
)

#: Fill of the "After licences" cell by outcome (Excel's own good/neutral/bad palette).
OUTCOME_FILLS = {
    "prohibited": "FFC7CE",
    "presumption_of_denial": "F8CBAD",
    "licence_required": "FFEB9C",
    "case_by_case": "DDEBF7",
    "notify": "E2EFDA",
    "licensed": "C6EFCE",
}
TITLE_FONT = Font(bold=True, size=14, color="1D4E89")
BOLD = Font(bold=True)
CHUNK = 5_000


def _findings_rows(source: ReportSource) -> Iterator[tuple[Any, ...]]:
    hits = source.hits
    fields = [f for f, *_ in FINDINGS if f != "local_name"]
    local_index = [f for f, *_ in FINDINGS].index("local_name")
    customer_index = fields.index("customer_id")
    local_names = source.local_names
    for chunk in hits.select(fields).iter_slices(CHUNK):
        for row in chunk.iter_rows():
            local = local_names.get(row[customer_index], "")
            yield (*row[:local_index], local, *row[local_index:])


def _title(ws: Sheet, text: str) -> None:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = TITLE_FONT
    ws.append([cell])


def _bold_row(ws: Sheet, values: Sequence[Any]) -> None:
    row = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = BOLD
        row.append(cell)
    ws.append(row)


def _money_cell(ws: Sheet, value: float | None, currency: str) -> Any:
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=round(value, 2))
    cell.number_format = excel_money_format(currency)
    return cell


def _summary_sheet(wb: Workbook, source: ReportSource, figures: fig.Figures) -> None:
    ws: Sheet = wb.create_sheet("Summary")
    run = source.run
    for letter, width in zip("ABCDEFGHI", (34, 10, 12, 18, 18, 18, 18, 18, 18), strict=False):
        ws.column_dimensions[letter].width = width
    row = 0

    def put(values: Sequence[Any]) -> None:
        nonlocal row
        ws.append(list(values))
        row += 1

    _title(ws, "Export-control impact: " + run.scenario_title)
    row += 1
    put([safe_text(ws, run.marking)])
    put(["As of", run.as_of])
    put(["Evaluation run", run.run_id])
    put(["Obligations evaluated", run.obligations_evaluated])
    put(["Hits", figures.hits])
    put(["Obligations hit", figures.obligations])
    put(["Machines", figures.machines])
    put(["Fabs", figures.fabs])
    put(["Customers", figures.customers])
    put([])
    currencies = figures.currencies
    _bold_row(ws, ["Value at risk (never added across currencies)", "Currency", "Obligations"])
    row += 1
    totals = fig.distinct_value(source.hits).sort("currency") if figures.hits else None
    for currency, value, obligations in totals.iter_rows() if totals is not None else ():
        put([_money_cell(ws, value, currency), currency, obligations])
    chart_anchor = row + 2
    country_first = 0
    for title, rows, outcome in (
        ("By outcome after licences", figures.by_outcome, True),
        ("By jurisdiction", figures.by_jurisdiction, False),
        ("By destination country", figures.by_country, False),
    ):
        put([])
        _bold_row(ws, [title, "Hits", "Obligations", *currencies])
        row += 1
        if title == "By destination country":
            country_first = row + 1
        for group in rows:
            label = words(group.label) if outcome else group.label
            put(
                [
                    safe_text(ws, label),
                    group.hits,
                    group.obligations,
                    *(_money_cell(ws, group.values.get(c), c) for c in currencies),
                ]
            )
    if figures.by_country:
        chart = BarChart()
        chart.type = "col"
        chart.title = "Affected obligations by country"
        chart.y_axis.title = "Obligations"
        chart.legend = None
        last = country_first + len(figures.by_country) - 1
        chart.add_data(Reference(ws, min_col=3, min_row=country_first, max_row=last))
        chart.set_categories(Reference(ws, min_col=1, min_row=country_first, max_row=last))
        chart.height, chart.width = 7.5, 16
        ws.add_chart(chart, f"F{chart_anchor}")


def _group_sheet(
    wb: Workbook,
    name: str,
    lead: Sequence[SheetColumn],
    rows: Sequence[tuple[Sequence[Any], fig.GroupRow]],
    currencies: list[str],
) -> None:
    ws: Sheet = wb.create_sheet(name)
    columns = [
        *lead,
        SheetColumn("Hits", "int", 9),
        SheetColumn("Obligations", "int", 11),
        *(SheetColumn(f"Value at risk {c}", "money", 18) for c in currencies),
    ]
    start_sheet(ws, columns)
    n = write_rows(
        ws,
        columns,
        (
            [*lead_values, g.hits, g.obligations, *(g.values.get(c) for c in currencies)]
            for lead_values, g in rows
        ),
    )
    add_table(ws, name.replace(" ", ""), columns, n)


def _rules_sheet(wb: Workbook, source: ReportSource) -> None:
    ws: Sheet = wb.create_sheet("Rules")
    columns = [
        SheetColumn("Rule", width=24),
        SheetColumn("Version", "int", 8),
        SheetColumn("Pack", width=16),
        SheetColumn("Title", "wrap", 40),
        SheetColumn("Jurisdiction", width=8),
        SheetColumn("Status", width=12),
        SheetColumn("Outcome", width=18),
        SheetColumn("Citation", "wrap", 36),
        SheetColumn("Source", width=30),
        SheetColumn("Announced", "date", 11),
        SheetColumn("Published", "date", 11),
        SheetColumn("Effective", "date", 11),
        SheetColumn("Compliance", "date", 11),
        SheetColumn("Effective in run", "date", 11),
        SheetColumn("Activities", "wrap", 26),
        SheetColumn("Scope", "wrap", 50),
        SheetColumn("Notes", "wrap", 50),
        SheetColumn("Facts ([S] secondary, [U] unconfirmed)", "wrap", 60),
        SheetColumn("Unconfirmed facts", width=10),
    ]
    start_sheet(ws, columns)

    def date_of(text: Any) -> Any:
        import datetime as dt

        return dt.date.fromisoformat(str(text)) if text else None

    def records() -> Iterator[list[Any]]:
        for record in source.rules:
            rule = record.get("rule", {})
            facts = rule.get("facts", [])
            yield [
                rule.get("id"),
                rule.get("version"),
                record.get("pack"),
                rule.get("title"),
                rule.get("jurisdiction"),
                words(rule.get("status")),
                words(rule.get("outcome")),
                rule.get("citation"),
                rule.get("source_url"),
                date_of(rule.get("announced")),
                date_of(rule.get("published")),
                date_of(rule.get("effective")),
                date_of(rule.get("compliance")),
                date_of(record.get("effective")),
                ", ".join(rule.get("activities", [])),
                "\n".join("  " * d + t for d, t in scope_lines(rule.get("scope", {}))),
                str(rule.get("notes", "")).strip(),
                "\n".join(
                    ("" if f.get("confidence") == "C" else f"[{f.get('confidence')}] ")
                    + str(f.get("text", ""))
                    for f in facts
                ),
                "yes" if any(f.get("confidence") != "C" for f in facts) else "no",
            ]

    n = write_rows(ws, columns, records())
    add_table(ws, "Rules", columns, n)


def _run_sheet(wb: Workbook, source: ReportSource) -> None:
    ws: Sheet = wb.create_sheet("Run")
    run = source.run
    columns = [SheetColumn("Field", width=26), SheetColumn("Value", width=80)]
    start_sheet(ws, columns)
    writer = RowWriter(ws, columns)
    for label, value in (
        ("Marking", run.marking),
        ("Run", run.run_id),
        ("Scenario", run.scenario_id),
        ("Scenario title", run.scenario_title),
        ("As of", run.as_of.isoformat()),
        ("Run created at", run.created_at.isoformat(timespec="seconds")),
        ("Run created by", run.created_by),
        ("Run app version", run.app_version),
        ("Report generated at", run.generated_at.isoformat(timespec="seconds")),
        ("Report generated by", run.generated_by),
        ("Report app version", run.report_version),
        ("Obligations evaluated", run.obligations_evaluated),
        ("Hits", source.hits.height),
        ("Country groups", run.country_groups),
        ("Data fingerprint", run.data_fingerprint),
        ("Rule-version hash", run.rule_hash),
    ):
        writer.append([label, value])


def _licences_sheet(wb: Workbook, source: ReportSource) -> None:
    """Licences relied on (scope, expiry, limits) and the customers' licence applications."""
    if not source.licences and not source.applications:
        return
    ws: Sheet = wb.create_sheet("Licences")
    columns = [
        SheetColumn("Kind", width=14),
        SheetColumn("Authority", width=12),
        SheetColumn("Number / application", width=24),
        SheetColumn("Type / status", width=16),
        SheetColumn("Valid from / submitted", width=20),
        SheetColumn("Valid to / decided", width=18),
        SheetColumn("Scope / end user", width=60),
        SheetColumn("Limits / note", width=40),
    ]
    start_sheet(ws, columns)
    writer = RowWriter(ws, columns)
    for lic in source.licences:
        writer.append(
            [
                "licence",
                lic.authority,
                lic.number,
                lic.licence_type,
                lic.valid_from.isoformat(),
                lic.valid_to.isoformat() if lic.valid_to else "open-ended",
                lic.scope,
                lic.limits,
            ]
        )
    for app in source.applications:
        writer.append(
            [
                "application",
                app.authority,
                f"#{app.application_id}" + (f" ref. {app.reference}" if app.reference else ""),
                app.status.replace("_", " "),
                app.submitted_on.isoformat() if app.submitted_on else "",
                app.decided_on.isoformat() if app.decided_on else "",
                f"{app.end_user} ({app.items} obligations)",
                app.note or "",
            ]
        )


def _findings_sheet(
    wb: Workbook,
    source: ReportSource,
    progress: Progress,
    cancel: CancelToken | None,
) -> None:
    ws: Sheet = wb.create_sheet("Findings")
    columns = [SheetColumn(header, kind, width) for _f, header, kind, width in FINDINGS]
    start_sheet(ws, columns)
    writer = RowWriter(ws, columns)
    total = max(source.hits.height, 1)
    n = 0
    for values in _findings_rows(source):
        writer.append(values)
        n += 1
        if n % CHUNK == 0:
            progress(10 + int(85 * n / total), 100)
            if cancel is not None:
                cancel.raise_if_cancelled()
    add_table(ws, "Findings", columns, n)
    if n:
        outcome_col = get_column_letter([f for f, *_ in FINDINGS].index("final_outcome") + 1)
        target = f"{outcome_col}2:{outcome_col}{n + 1}"
        for outcome, colour in OUTCOME_FILLS.items():
            ws.conditional_formatting.add(
                target,
                FormulaRule(  # type: ignore[no-untyped-call]
                    formula=[f'${outcome_col}2="{outcome}"'],
                    fill=PatternFill("solid", bgColor=colour),
                ),
            )


def write_xlsx(
    source: ReportSource,
    path: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the workbook of ``source`` to ``path``; returns the number of finding rows.

    Like the PDF, the file appears only when complete.
    """
    report = progress or (lambda _d, _t: None)
    report(0, 100)
    customers = (
        source.hits.select("customer_id", "customer_name").unique().sort("customer_name")
        if source.hits.height
        else pl.DataFrame(schema={"customer_id": pl.Int64, "customer_name": pl.String})
    )
    names = {int(k): str(n) for k, n in customers.iter_rows()}
    figures = fig.compute(source.hits)
    wb = Workbook(write_only=True)
    partial = path.with_name(path.name + ".partial")
    try:
        _fill(wb, source, figures, names, report, cancel)
        wb.save(partial)
        os.replace(partial, path)
    except BaseException:
        discard(wb, partial)
        raise
    finally:
        partial.unlink(missing_ok=True)
    report(100, 100)
    return source.hits.height


def _fill(
    wb: Workbook,
    source: ReportSource,
    figures: fig.Figures,
    names: dict[int, str],
    report: Progress,
    cancel: CancelToken | None,
) -> None:
    run = source.run
    wb.properties.title = f"Export-control impact: {run.scenario_title} as of {run.as_of}"
    wb.properties.subject = f"Evaluation run {run.run_id} of scenario {run.scenario_id}"
    wb.properties.creator = run.generated_by
    wb.properties.keywords = f"{run.marker}, rules={run.rule_hash}"
    wb.properties.description = run.marking
    _summary_sheet(wb, source, figures)
    _licences_sheet(wb, source)
    report(10, 100)
    _findings_sheet(wb, source, report, cancel)
    currencies = figures.currencies
    _group_sheet(
        wb,
        "By customer",
        [SheetColumn("Customer", width=40), SheetColumn("Local name", width=26)],
        [
            ([names.get(int(g.key), g.key), source.local_names.get(int(g.key), "")], g)
            for g in figures.by_customer
        ],
        currencies,
    )
    titles = {str(r.get("rule", {}).get("id")): r.get("rule", {}) for r in source.rules}
    _group_sheet(
        wb,
        "By rule",
        [
            SheetColumn("Rule", width=24),
            SheetColumn("Title", width=50),
            SheetColumn("Jurisdiction", width=8),
            SheetColumn("Outcome", width=18),
        ],
        [
            (
                [
                    g.key,
                    titles.get(g.key, {}).get("title", ""),
                    titles.get(g.key, {}).get("jurisdiction", ""),
                    words(titles.get(g.key, {}).get("outcome", "")),
                ],
                g,
            )
            for g in figures.by_rule
        ],
        currencies,
    )
    _rules_sheet(wb, source)
    _run_sheet(wb, source)
    if cancel is not None:
        cancel.raise_if_cancelled()
