"""A licence application as an annex workbook and a PDF an authority's forms can take.

Both carry the same content: the application's header (authority, end user and its address,
end use, end-user statement, status and reference) and one line per obligation applied for
(machine, model, serial, fab and address, classification, service type, contract, value and
period). The data arrives as plain values (:class:`ApplicationDocument`), so this module knows
nothing of the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from workbench.reports.fonts import BOLD_FONT, markup, register_fonts
from workbench.reports.pdf_styles import BODY, CELL, SMALL_MUTED


@dataclass(frozen=True)
class ApplicationLine:
    serial: str
    vendor: str
    model_code: str
    classification: str | None
    fab_site_code: str
    fab_name: str
    fab_country: str
    fab_address: str | None
    contract_number: str
    service_type: str
    start_date: dt.date | None
    end_date: dt.date
    value: Decimal
    currency: str
    rule_id: str


@dataclass(frozen=True)
class ApplicationDocument:
    application_id: int
    authority: str
    regime: str
    status: str
    end_user: str
    end_user_code: str
    end_user_country: str | None
    end_use: str | None
    end_user_statement: str | None
    reference: str | None
    submitted_on: dt.date | None
    drafted_by: str
    run_id: int | None
    lines: Sequence[ApplicationLine]

    @property
    def totals(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for line in self.lines:
            out[line.currency] = out.get(line.currency, Decimal(0)) + line.value
        return out

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        starts = [ln.start_date for ln in self.lines if ln.start_date is not None]
        ends = [ln.end_date for ln in self.lines]
        return (min(starts) if starts else None, max(ends) if ends else None)


LINE_HEADERS = (
    "No.", "Vendor", "Model", "Serial", "Classification", "Fab site", "Fab", "Country",
    "Fab address", "Contract", "Service type", "From", "To", "Value", "Currency", "Rule",
)  # fmt: skip


def _header_rows(doc: ApplicationDocument) -> list[tuple[str, str]]:
    start, end = doc.period
    totals = "; ".join(f"{c} {v:,.2f}" for c, v in sorted(doc.totals.items()))
    return [
        ("Application", f"#{doc.application_id}"),
        ("Authority", f"{doc.authority} ({doc.regime})"),
        ("Status", doc.status),
        ("Reference", doc.reference or "—"),
        ("Submitted", doc.submitted_on.isoformat() if doc.submitted_on else "—"),
        ("End user", f"{doc.end_user} ({doc.end_user_code})"),
        ("End-user country", doc.end_user_country or "—"),
        ("End use", doc.end_use or "(to be completed)"),
        ("End-user statement", doc.end_user_statement or "(to be completed)"),
        ("Machines", str(len({(ln.vendor, ln.serial) for ln in doc.lines}))),
        ("Service types", ", ".join(sorted({ln.service_type for ln in doc.lines}))),
        ("Period", f"{start or 'unknown'} to {end or 'unknown'}"),
        ("Contract value", totals or "—"),
        ("Drafted by", doc.drafted_by + (f" from run {doc.run_id}" if doc.run_id else "")),
    ]


def _line_values(n: int, ln: ApplicationLine) -> list[object]:
    return [
        n, ln.vendor, ln.model_code, ln.serial, ln.classification or "", ln.fab_site_code,
        ln.fab_name, ln.fab_country, ln.fab_address or "", ln.contract_number, ln.service_type,
        ln.start_date, ln.end_date, float(ln.value), ln.currency, ln.rule_id,
    ]  # fmt: skip


def write_annex_workbook(doc: ApplicationDocument, path: Path) -> None:
    """Sheet "Application" (the header fields) and "Annex" (one row per obligation)."""
    wb = Workbook()
    head = wb.active
    assert head is not None
    head.title = "Application"
    bold = Font(bold=True)
    for label, value in _header_rows(doc):
        head.append([label, value])
        head.cell(head.max_row, 1).font = bold
        head.cell(head.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    head.column_dimensions["A"].width = 22
    head.column_dimensions["B"].width = 90
    annex = wb.create_sheet("Annex")
    annex.append(list(LINE_HEADERS))
    fill = PatternFill("solid", fgColor="E8EEF5")
    for cell in annex[1]:
        cell.font = bold
        cell.fill = fill
    for n, ln in enumerate(doc.lines, 1):
        annex.append(_line_values(n, ln))
        annex.cell(annex.max_row, 12).number_format = "yyyy-mm-dd"
        annex.cell(annex.max_row, 13).number_format = "yyyy-mm-dd"
        annex.cell(annex.max_row, 14).number_format = "#,##0.00"
    widths = (5, 10, 14, 12, 14, 14, 26, 8, 34, 14, 18, 11, 11, 14, 9, 22)
    for i, width in enumerate(widths):
        annex.column_dimensions[annex.cell(1, i + 1).column_letter].width = width
    annex.freeze_panes = "A2"
    wb.save(path)


def write_application_pdf(doc: ApplicationDocument, path: Path) -> None:
    """A landscape A4 PDF: header table, then the annex table of obligations."""
    register_fonts()
    title_style = BODY.clone("app-title", fontName=BOLD_FONT, fontSize=14, leading=18)
    story: list[object] = [
        Paragraph(
            markup(f"Licence application #{doc.application_id} to {doc.authority}"), title_style
        ),
        Paragraph(markup(f"End user: {doc.end_user}. Status: {doc.status}."), SMALL_MUTED),
        Spacer(1, 4 * mm),
    ]
    header = Table(
        [[Paragraph(markup(k), CELL), Paragraph(markup(v), CELL)] for k, v in _header_rows(doc)],
        colWidths=[45 * mm, 215 * mm],
        hAlign="LEFT",
    )
    header.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [header, Spacer(1, 5 * mm), Paragraph("Annex: obligations applied for", BODY)]
    rows: list[list[object]] = [[Paragraph(markup(h), CELL) for h in LINE_HEADERS]]
    for n, ln in enumerate(doc.lines, 1):
        values = _line_values(n, ln)
        values[13] = f"{ln.value:,.2f}"
        rows.append([Paragraph(markup(escape_text(v)), CELL) for v in values])
    widths = [7, 13, 18, 22, 16, 20, 26, 9, 30, 16, 24, 17, 17, 20, 10, 16]
    annex = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    annex.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(annex)
    pdf = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=8 * mm,
        rightMargin=8 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=f"Licence application {doc.application_id}",
    )
    pdf.build(story)  # type: ignore[arg-type]


def escape_text(value: object) -> str:
    """A cell value as text for a PDF paragraph (dates ISO, None empty)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


__all__ = [
    "ApplicationDocument",
    "ApplicationLine",
    "write_annex_workbook",
    "write_application_pdf",
]
