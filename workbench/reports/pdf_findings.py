"""The findings of the PDF: customer -> fab -> machine, then each rule and the services it hits.

Findings are the bulk of a large report (10,000 hits are ~250 pages), so layout cost decides
the speed. One reportlab ``LongTable`` of every hit takes 5-30 s at 10,000 rows and grows
faster than the rows; one small ``Table`` per machine lays out in linear time, and plain
string cells cost a fraction of ``Paragraph`` cells, so Paragraphs are used only where text
must wrap (the explanation) or needs the embedded font (other scripts). The explanation lines
that all services of a machine share under one rule are printed once, above those services:
10,000 hits carry ~2,000 distinct explanations, and repeating each per row tripled the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from workbench.domain.cancel import CancelToken
from workbench.reports.fonts import BASE_FONT, BOLD_FONT, markup, needs_unicode_font
from workbench.reports.formatting import count, day, money, words
from workbench.reports.pdf_layout import MUTED, Heading
from workbench.reports.pdf_styles import (
    CELL,
    CELL_BOLD,
    COUNTS,
    H2,
    H3,
    HEADER_FILL,
    MACHINE_FILL,
    OUTCOME_FILLS,
    RULE_FILL,
    SMALL,
    SMALL_MUTED,
    grid_style,
)
from workbench.reports.source import ReportSource

COLUMNS = ("Contract", "Service", "Outcome", "Licence", "First affected", "Value at risk")
WIDTHS = (92.0, 98.0, 92.0, 96.0, 58.0, 75.0)

_ORDER = [
    "customer_name",
    "customer_id",
    "fab_name",
    "fab_id",
    "serial",
    "machine_id",
    "rule_id",
    "contract_number",
    "service_type",
    "obligation_id",
]
_FIELDS = (
    "obligation_id",
    "customer_id",
    "customer_name",
    "fab_id",
    "fab_name",
    "fab_site_code",
    "fab_country",
    "machine_id",
    "serial",
    "vendor",
    "model_code",
    "rule_id",
    "jurisdiction",
    "outcome",
    "final_outcome",
    "contract_number",
    "service_type",
    "licence_coverage",
    "licence_numbers",
    "licence_valid_to",
    "first_affected",
    "value_at_risk",
    "currency",
    "explanation",
)
_F = {name: i for i, name in enumerate(_FIELDS)}
Row = tuple[Any, ...]


@dataclass
class FindingsStory:
    """The findings flowables and the contents entries (key, title, level) they define."""

    flowables: list[Flowable] = field(default_factory=list)
    contents: list[tuple[str, str, int]] = field(default_factory=list)


def cell(text: str, style: Any = CELL) -> str | Paragraph:
    """A plain cell (fast) unless the text needs the embedded font."""
    return Paragraph(markup(text), style) if needs_unicode_font(text) else text


def licence_text(row: Row) -> str:
    coverage = row[_F["licence_coverage"]]
    numbers = row[_F["licence_numbers"]] or ""
    if coverage == "covered":
        return f"covered {numbers}".strip()
    if coverage == "expires_before_end":
        return f"expires {day(row[_F['licence_valid_to']])} {numbers}".strip()
    if coverage == "over_limit":
        return "limit reached"
    return "none"


def split_explanations(rows: list[Row]) -> tuple[list[str], list[list[str]]]:
    """Lines all ``rows`` share (in order), and per row the lines of its own.

    A row's own line that only restates its service type ("service type X covered") is left
    out: the Service column says it.
    """
    per_row = [[ln for ln in (r[_F["explanation"]] or "").split("\n") if ln] for r in rows]
    shared = [ln for ln in per_row[0] if all(ln in other for other in per_row[1:])]
    shared_set = set(shared)
    own = [
        [
            ln
            for ln in lines
            if ln not in shared_set and ln != f"service type {r[_F['service_type']]} covered"
        ]
        for r, lines in zip(rows, per_row, strict=True)
    ]
    return shared, own


def wrapped(text: str, width: float, font: str, size: float, style: Any) -> str | Paragraph:
    """Text broken into lines for a plain cell; a Paragraph only for other scripts.

    Plain multi-line cells are several times cheaper for reportlab than Paragraphs, and the
    findings hold one explanation per machine and rule: thousands in a large report.
    """
    if needs_unicode_font(text):
        return Paragraph(markup(text).replace("\n", "<br/>"), style)
    return "\n".join(
        line for part in text.split("\n") for line in simpleSplit(part, font, size, width)
    )


_SPAN_WIDTH = sum(WIDTHS) - 6
_DETAIL_WIDTH = sum(WIDTHS[1:]) - 6


def machine_table(rows: list[Row], rule_titles: dict[str, str]) -> Table:
    """One machine: a header line, then per rule its explanation and the services it hits."""
    first = rows[0]
    machine = f"{first[_F['serial']]}   {first[_F['vendor']]} {first[_F['model_code']]}"
    data: list[list[Any]] = [[cell(machine, CELL_BOLD), "", "", "", "", ""], list(COLUMNS)]
    style = grid_style(header_rows=2, numeric_from=None)
    style += [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), MACHINE_FILL),
        ("FONT", (0, 0), (-1, 0), BOLD_FONT, 7.5, 9),
        ("BACKGROUND", (0, 1), (-1, 1), HEADER_FILL),
        ("FONT", (0, 1), (-1, 1), BOLD_FONT, 7, 9),
        ("ALIGN", (4, 1), (-1, -1), "RIGHT"),
    ]
    start = 0
    while start < len(rows):
        rule_id = rows[start][_F["rule_id"]]
        end = start
        while end < len(rows) and rows[end][_F["rule_id"]] == rule_id:
            end += 1
        group = rows[start:end]
        shared, own = split_explanations(group)
        head = rows[start]
        title = rule_titles.get(rule_id, "")
        heading = f"{rule_id} ({head[_F['jurisdiction']]}, {words(head[_F['outcome']])})" + (
            f": {title}" if title else ""
        )
        at = len(data)
        data.append([wrapped(heading, _SPAN_WIDTH, BOLD_FONT, 7, CELL_BOLD), "", "", "", "", ""])
        style += [
            ("SPAN", (0, at), (-1, at)),
            ("BACKGROUND", (0, at), (-1, at + 1 if shared else at), RULE_FILL),
            ("FONT", (0, at), (-1, at), BOLD_FONT, 7, 8.5),
            ("LINEBELOW", (0, at), (-1, at), 0, RULE_FILL),
        ]
        if shared:
            at = len(data)
            why = "Why: " + "; ".join(shared)
            data.append([wrapped(why, _SPAN_WIDTH, BASE_FONT, 7, SMALL), "", "", "", "", ""])
            style += [
                ("SPAN", (0, at), (-1, at)),
                ("FONT", (0, at), (-1, at), BASE_FONT, 7, 8.5),
                ("TOPPADDING", (0, at), (-1, at), 0),
            ]
        for row, extra in zip(group, own, strict=True):
            at = len(data)
            outcome = row[_F["final_outcome"]]
            data.append(
                [
                    cell(row[_F["contract_number"]]),
                    cell(words(row[_F["service_type"]])),
                    words(outcome),
                    cell(licence_text(row)),
                    day(row[_F["first_affected"]]),
                    money(row[_F["value_at_risk"]], row[_F["currency"]]),
                ]
            )
            fill = OUTCOME_FILLS.get(outcome)
            if fill is not None:
                style.append(("BACKGROUND", (2, at), (2, at), fill))
            if extra:
                at = len(data)
                detail = "Also: " + "; ".join(extra)
                data.append(
                    ["", wrapped(detail, _DETAIL_WIDTH, BASE_FONT, 7, SMALL_MUTED), "", "", "", ""]
                )
                style += [
                    ("SPAN", (1, at), (-1, at)),
                    ("FONT", (1, at), (-1, at), BASE_FONT, 7, 8.5),
                    ("TEXTCOLOR", (1, at), (-1, at), MUTED),
                ]
        start = end
    table = Table(data, colWidths=WIDTHS, repeatRows=2, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _groups(rows: list[Row], column: str) -> Iterator[list[Row]]:
    index = _F[column]
    start = 0
    while start < len(rows):
        end = start
        key = rows[start][index]
        while end < len(rows) and rows[end][index] == key:
            end += 1
        yield rows[start:end]
        start = end


def findings_story(
    source: ReportSource,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> FindingsStory:
    """Flowables of every hit, grouped customer -> fab -> machine -> rule."""
    story = FindingsStory()
    hits = source.hits
    if hits.height == 0:
        story.flowables.append(Paragraph("No obligation is hit by this scenario.", CELL))
        return story
    rows: list[Row] = list(hits.sort(_ORDER).select(_FIELDS).iter_rows())
    rule_titles = {
        str(r["rule"]["id"]): str(r["rule"].get("title", "")) for r in source.rules if "rule" in r
    }
    done = 0
    for customer_rows in _groups(rows, "customer_id"):
        head = customer_rows[0]
        customer_id = int(head[_F["customer_id"]])
        label = source.customer_label(customer_id, head[_F["customer_name"]])
        key = f"customer-{customer_id}"
        obligations = len({r[_F["obligation_id"]] for r in customer_rows})
        story.contents.append((key, label, 1))
        story.flowables.append(Heading(markup(label), H2, key, label, 1))
        story.flowables.append(
            Paragraph(
                f"{count(len(customer_rows))} hits on {count(obligations)} obligations, "
                f"{count(len({r[_F['machine_id']] for r in customer_rows}))} machines.",
                COUNTS,
            )
        )
        for fab_rows in _groups(customer_rows, "fab_id"):
            fab = fab_rows[0]
            fab_label = (
                f"{fab[_F['fab_name']]} ({fab[_F['fab_site_code']]}, {fab[_F['fab_country']]})"
            )
            story.flowables.append(
                Heading(markup(fab_label), H3, f"fab-{fab[_F['fab_id']]}", fab_label, 2)
            )
            for machine_rows in _groups(fab_rows, "machine_id"):
                table = machine_table(machine_rows, rule_titles)
                done += len(machine_rows)
                table.hits_done = done  # type: ignore[attr-defined]
                story.flowables.append(table)
                story.flowables.append(Spacer(1, 5))
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(done, len(rows))
    return story


def expiring_table(expiring: pl.DataFrame, source: ReportSource) -> Table:
    """Licences that end before the obligation they cover: one line per hit."""
    data: list[list[Any]] = [
        ["Customer", "Fab", "Serial", "Service", "Rule", "Licences", "Valid to", "Obligation end"]
    ]
    for r in expiring.iter_rows(named=True):
        data.append(
            [
                Paragraph(
                    markup(source.customer_label(r["customer_id"], r["customer_name"])), CELL
                ),
                Paragraph(markup(r["fab_name"]), CELL),
                cell(r["serial"]),
                cell(words(r["service_type"])),
                cell(r["rule_id"]),
                Paragraph(markup(r["licence_numbers"] or ""), CELL),
                day(r["licence_valid_to"]),
                day(r["obligation_end"]),
            ]
        )
    table = Table(
        data,
        colWidths=(100, 80, 56, 56, 70, 58, 45, 45),
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(grid_style(header_rows=1)))
    return table
