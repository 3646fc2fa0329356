"""The audit PDF of an evaluation run (reportlab platypus), built in one layout pass.

Sections: cover, contents, executive summary with charts, findings (customer -> fab -> machine),
licence coverage, the rules as evaluated, method and provenance, sign-off. Every text that
comes from the database goes through :func:`workbench.reports.fonts.markup`, so names are
printed literally and in any script.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.reports import figures as fig
from workbench.reports.fonts import markup
from workbench.reports.formatting import count, day, money, words
from workbench.reports.pdf_appendix import method_story, rules_story, signoff_story
from workbench.reports.pdf_charts import MAX_BARS, horizontal_bars, vertical_bars
from workbench.reports.pdf_findings import expiring_table, findings_story
from workbench.reports.pdf_layout import (
    MARKING_RED,
    ContentsLine,
    Heading,
    ReportCanvas,
    ReportDocTemplate,
)
from workbench.reports.pdf_styles import (
    BODY,
    CELL,
    CONTENTS_0,
    CONTENTS_1,
    H1,
    H3,
    MONO,
    SMALL_MUTED,
    SUBTITLE,
    TITLE,
    grid_style,
)
from workbench.reports.source import ReportSource

TITLE_TEXT = "Export-control impact report"
CONTENT_WIDTH = A4[0] - 2 * 18 * mm
Contents = list[tuple[str, str, int]]


def _section(title: str, key: str, contents: Contents) -> list[Flowable]:
    contents.append((key, title, 0))
    return [PageBreak(), Heading(markup(title), H1, key, title, 0)]


def _cover(source: ReportSource) -> list[Flowable]:
    run = source.run
    facts = [
        ("Scenario", f"{run.scenario_title} ({run.scenario_id})"),
        ("As of", run.as_of.isoformat()),
        (
            "Evaluation run",
            f"{run.run_id}, created {run.created_at:%Y-%m-%d %H:%M} UTC by {run.created_by}",
        ),
        ("Report generated", f"{run.generated_at:%Y-%m-%d %H:%M} UTC by {run.generated_by}"),
        ("Application version", f"{run.report_version} (run made with {run.app_version})"),
        ("Obligations evaluated", count(run.obligations_evaluated)),
        ("Hits", count(source.hits.height)),
        ("Country groups", run.country_groups),
        ("Data fingerprint", run.data_fingerprint),
        ("Rule-version hash", run.rule_hash),
    ]
    rows = [
        [
            Paragraph(label, SMALL_MUTED),
            Paragraph(
                markup(value), MONO if label in ("Data fingerprint", "Rule-version hash") else BODY
            ),
        ]
        for label, value in facts
    ]
    table = Table(rows, colWidths=(110, CONTENT_WIDTH - 110), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#c9d1db"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    marking = Table(
        [[Paragraph(f"<b>{markup(run.marking)}</b>", BODY)]],
        colWidths=(CONTENT_WIDTH,),
    )
    marking.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, MARKING_RED),
                ("TEXTCOLOR", (0, 0), (-1, -1), MARKING_RED),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [
        Spacer(1, 30 * mm),
        Paragraph(TITLE_TEXT, TITLE),
        Spacer(1, 4 * mm),
        Paragraph(markup(run.scenario_title), SUBTITLE),
        Paragraph(f"Service obligations hit as of {run.as_of.isoformat()}", SUBTITLE),
        Spacer(1, 12 * mm),
        table,
        Spacer(1, 14 * mm),
        marking,
        Spacer(1, 4 * mm),
        Paragraph(
            "This report is generated from a stored, immutable evaluation run. Its figures can "
            "be reproduced from the run; the data fingerprint and rule-version hash identify "
            "exactly what was evaluated.",
            SMALL_MUTED,
        ),
    ]


def _group_table(
    title: str, rows: Sequence[fig.GroupRow], currencies: list[str], key_width: float = 150
) -> Table:
    header = [title, "Hits", "Obligations", *currencies]
    data: list[list[Any]] = [header]
    for row in rows:
        label: Any = (
            Paragraph(markup(row.label), CELL)
            if len(row.label) > 28 or not row.label.isascii()
            else row.label
        )
        data.append(
            [
                label,
                count(row.hits),
                count(row.obligations),
                *(
                    money(row.values[c], c, with_code=False) if c in row.values else ""
                    for c in currencies
                ),
            ]
        )
    rest = CONTENT_WIDTH - key_width - 45 - 55
    widths = [key_width, 45, 55, *([rest / max(len(currencies), 1)] * len(currencies))]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(header_rows=1, numeric_from=1)))
    return table


def _summary(source: ReportSource, figures: fig.Figures) -> list[Flowable]:
    run = source.run
    out: list[Flowable] = []
    if figures.hits == 0:
        return [
            Paragraph(
                f"No obligation of the {count(run.obligations_evaluated)} evaluated "
                f"is hit by this scenario as of {run.as_of.isoformat()}.",
                BODY,
            )
        ]
    out.append(
        Paragraph(
            f"As of <b>{run.as_of.isoformat()}</b>, the scenario hits "
            f"<b>{count(figures.obligations)}</b> of {count(run.obligations_evaluated)} service "
            f"obligations ({count(figures.hits)} hits: an obligation can be hit by several "
            f"rules), on <b>{count(figures.machines)}</b> machines at {count(figures.fabs)} "
            f"fabs of {count(figures.customers)} customers.",
            BODY,
        )
    )
    out.append(Spacer(1, 6))
    value_rows: list[list[Any]] = [["Currency", "Value at risk", "Obligations"]]
    totals = fig.distinct_value(source.hits).sort("currency")
    for currency, value, obligations in totals.iter_rows():
        value_rows.append([currency, money(value, currency, with_code=False), count(obligations)])
    value_table = Table(value_rows, colWidths=(70, 120, 70), hAlign="LEFT")
    value_table.setStyle(TableStyle(grid_style(header_rows=1, numeric_from=1)))
    out += [
        Paragraph(
            "Value at risk (remaining contract value, per currency, never added across currencies)",
            H3,
        ),
        value_table,
    ]
    charts_width = CONTENT_WIDTH
    out.append(Spacer(1, 8))
    countries = vertical_bars(
        "Affected obligations by country",
        [(r.label, r.obligations) for r in figures.by_country],
        charts_width / 2 - 6,
        150,
    )
    quarters = vertical_bars(
        "Affected obligations by quarter first affected",
        figures.by_quarter[-24:],
        charts_width / 2 - 6,
        150,
    )
    charts = Table([[countries, quarters]], colWidths=(charts_width / 2, charts_width / 2))
    charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out.append(charts)
    out.append(Spacer(1, 6))
    out.append(
        horizontal_bars(
            "Hits by rule"
            + (f" (the {MAX_BARS} most frequent)" if len(figures.by_rule) > MAX_BARS else ""),
            [(r.label, r.hits) for r in figures.by_rule],
            charts_width,
        )
    )
    currencies = figures.currencies
    for title, rows, label in (
        ("By outcome after licences", figures.by_outcome, "Outcome"),
        ("By jurisdiction", figures.by_jurisdiction, "Jurisdiction"),
        ("By destination country", figures.by_country, "Country"),
        ("By customer", figures.by_customer, "Customer"),
    ):
        shown = [
            fig.GroupRow(
                r.key,
                words(r.label) if label == "Outcome" else r.label,
                r.hits,
                r.obligations,
                r.values,
            )
            for r in rows
        ]
        out.append(CondPageBreak(60 * mm))
        out.append(Paragraph(title, H3))
        out.append(_group_table(label, shown, currencies, 200 if label == "Customer" else 150))
    return out


def _licences(source: ReportSource, figures: fig.Figures) -> list[Flowable]:
    coverage = dict(figures.by_coverage)
    out: list[Flowable] = [
        Paragraph(
            f"{count(coverage.get('covered', 0))} hits are covered by a licence valid until "
            f"the obligation ends; {count(coverage.get('expires_before_end', 0))} by a licence "
            f"that ends earlier; {count(coverage.get('none', 0))} by none"
            + (
                f"; {count(coverage['over_limit'])} would be, but the licence's value or "
                "quantity limit is used by earlier obligations (see the workbook's "
                "'Licence not counted' column)."
                if coverage.get("over_limit")
                else "."
            ),
            BODY,
        ),
        Spacer(1, 6),
    ]
    held = fig.licences_held(source.hits)
    if held.height:
        rows: list[list[Any]] = [["Licences", "Valid to", "Hits", "Obligations"]]
        for numbers, valid_to, hits, obligations in held.iter_rows():
            rows.append(
                [
                    Paragraph(markup(numbers), CELL),
                    day(valid_to) or "open-ended",
                    count(hits),
                    count(obligations),
                ]
            )
        table = Table(rows, colWidths=(240, 80, 60, 70), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(grid_style(header_rows=1, numeric_from=2)))
        out += [Paragraph("Licences honoured in this run", H3), table, Spacer(1, 6)]
    expiring = fig.expiring_licences(source.hits)
    if expiring.height == 0:
        out.append(Paragraph("No licence ends before an obligation it covers.", BODY))
    else:
        out.append(
            Paragraph(
                f"Findings: {count(expiring.height)} hits whose licence ends "
                "before the obligation (renew or plan the gap)",
                H3,
            )
        )
        out.append(expiring_table(expiring, source))
    return out + _register_tables(source)


def _register_tables(source: ReportSource) -> list[Flowable]:
    """The register behind the run: licences relied on with scope and expiry, and the
    licence applications of its customers (open ones, grants, denials with reasons)."""
    out: list[Flowable] = []
    if source.licences:
        rows: list[list[Any]] = [["Licence", "Type", "Valid", "Scope", "Limits"]]
        for lic in source.licences:
            rows.append(
                [
                    Paragraph(markup(f"{lic.authority} {lic.number}"), CELL),
                    lic.licence_type,
                    Paragraph(
                        markup(f"{day(lic.valid_from)} to {day(lic.valid_to) or 'open'}"), CELL
                    ),
                    Paragraph(markup(lic.scope), CELL),
                    Paragraph(markup(lic.limits or "—"), CELL),
                ]
            )
        table = Table(rows, colWidths=(110, 55, 90, 200, 70), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(grid_style(header_rows=1)))
        out += [
            Paragraph("Licences relied on: scope and expiry (register at report time)", H3),
            table,
            Spacer(1, 6),
        ]
    if source.applications:
        rows = [["Application", "End user", "Status", "Submitted", "Decided", "Note"]]
        for app in source.applications:
            ref = f", ref. {app.reference}" if app.reference else ""
            rows.append(
                [
                    Paragraph(markup(f"#{app.application_id} {app.authority}{ref}"), CELL),
                    Paragraph(markup(app.end_user), CELL),
                    app.status.replace("_", " "),
                    day(app.submitted_on) or "—",
                    day(app.decided_on) or "—",
                    Paragraph(markup(app.note or ""), CELL),
                ]
            )
        table = Table(rows, colWidths=(95, 110, 70, 60, 60, 130), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(grid_style(header_rows=1)))
        out += [Paragraph("Licence applications and denials", H3), table, Spacer(1, 6)]
    return out


def _contents(contents: Contents) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph("Contents", H1),
        Paragraph(
            "Entries are links; the document outline (bookmarks) also lists every fab.", SMALL_MUTED
        ),
        Spacer(1, 4),
    ]
    for key, title, level in contents:
        style = CONTENTS_0 if level == 0 else CONTENTS_1
        out.append(ContentsLine(key, markup(title), style, indent=0 if level == 0 else 12))
    return out


def write_pdf(
    source: ReportSource,
    path: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the audit PDF of ``source`` to ``path``; returns the number of pages.

    The file appears only when complete (written beside it, then renamed), so a cancelled or
    failed build never leaves a truncated report that someone could sign.
    """
    report = progress or (lambda _d, _t: None)
    total = max(source.hits.height, 1)
    figures = fig.compute(
        source.hits,
        {str(k): source.customer_label(k, n) for k, n in _customer_names(source).items()},
    )
    contents: Contents = []
    body: list[Flowable] = [NextPageTemplate("body")]
    body += _section("Executive summary", "summary", contents)
    body += _summary(source, figures)
    body += _section("Findings", "findings", contents)
    findings = findings_story(source, lambda d, t: report(int(20 * d / max(t, 1)), 100), cancel)
    contents += findings.contents
    body += [
        Paragraph(
            "Grouped by customer, fab and machine. Under each machine, every rule that hits it "
            "with the reason (the predicates that matched, with the values found), then each "
            "service obligation it hits. Outcome is after licences.",
            SMALL_MUTED,
        ),
        Spacer(1, 4),
        *findings.flowables,
    ]
    body += _section("Licence coverage", "licences", contents)
    body += _licences(source, figures)
    body += _section("Appendix: rules as evaluated", "rules", contents)
    body += rules_story(source)
    body += _section("Method and data provenance", "method", contents)
    body += method_story(source.run, source.hits.height)
    body += _section("Sign-off", "signoff", contents)
    body += signoff_story()
    story: list[Flowable] = [*_cover(source), PageBreak(), *_contents(contents), *body]

    run = source.run
    partial = path.with_name(path.name + ".partial")
    doc = ReportDocTemplate(
        str(partial),
        header=f"{TITLE_TEXT} - run {run.run_id} - {run.scenario_id} as of {run.as_of}",
        footer=f"Generated {run.generated_at:%Y-%m-%d %H:%M} UTC by {run.generated_by}",
        marking=run.marking,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=f"{TITLE_TEXT}: {run.scenario_title} as of {run.as_of}",
        author=run.generated_by,
        subject=f"Evaluation run {run.run_id} of scenario {run.scenario_id}",
        keywords=[run.marker, f"rules={run.rule_hash}"],
        creator=f"Compliance Workbench {run.report_version}",
        invariant=0,
    )
    doc.afterFlowable = _progress_hook(report, total, cancel)  # type: ignore[method-assign]
    try:
        doc.build(story, canvasmaker=ReportCanvas)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    report(100, 100)
    return int(doc.page)


def _progress_hook(report: Progress, total: int, cancel: CancelToken | None) -> Any:
    def after(flowable: Flowable) -> None:
        done = getattr(flowable, "hits_done", None)
        if done is not None:
            report(20 + int(80 * done / total), 100)
            if cancel is not None:
                cancel.raise_if_cancelled()

    return after


def _customer_names(source: ReportSource) -> dict[int, str]:
    if source.hits.height == 0:
        return {}
    pairs = source.hits.select("customer_id", "customer_name").unique()
    return {int(k): str(n) for k, n in pairs.iter_rows()}
