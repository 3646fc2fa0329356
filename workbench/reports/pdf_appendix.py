"""The closing sections of the PDF: every rule as evaluated, method and provenance, sign-off."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from workbench.reports.fonts import markup
from workbench.reports.formatting import count, words
from workbench.reports.pdf_layout import RULE, Heading
from workbench.reports.pdf_styles import BODY, H3, MONO, SMALL, SMALL_MUTED, grid_style
from workbench.reports.source import ReportRun, ReportSource

CONFIDENCE = {"C": "", "S": "[S] ", "U": "[U] "}
RULE_HEADING = ParagraphStyle("rule-heading", parent=H3, keepWithNext=0)
_DATES = ("announced", "published", "effective", "compliance")


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "{" + ", ".join(_value(v) for v in value) + "}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def scope_lines(node: dict[str, Any], depth: int = 0) -> list[tuple[int, str]]:
    """The scope tree as indented lines: ``all of`` / ``any of`` / ``not`` and predicates."""
    for key, label in (("all", "all of"), ("any", "any of")):
        if key in node:
            out = [(depth, label)]
            for item in node[key]:
                out += scope_lines(item, depth + 1)
            return out
    if "not" in node:
        return [(depth, "not"), *scope_lines(node["not"], depth + 1)]
    kind = str(node.get("kind", "?"))
    details = ", ".join(f"{k} {_value(v)}" for k, v in node.items() if k != "kind")
    return [(depth, f"{words(kind)}: {details}" if details else words(kind))]


def model_sets_used(node: dict[str, Any]) -> set[str]:
    """Names of the pack's model sets that a scope refers to."""
    found: set[str] = set()
    for key in ("all", "any"):
        for item in node.get(key, []):
            found |= model_sets_used(item)
    if "not" in node:
        found |= model_sets_used(node["not"])
    if node.get("kind") == "model_set" and "set" in node:
        found.add(str(node["set"]))
    return found


def rule_block(record: dict[str, Any], number: int) -> list[Flowable]:
    rule: dict[str, Any] = record.get("rule", {})
    rule_id = str(rule.get("id", "?"))
    title = f"{rule_id} v{rule.get('version', '?')}: {rule.get('title', '')}"
    unconfirmed = any(f.get("confidence") != "C" for f in rule.get("facts", []))
    flag = " [unconfirmed facts]" if unconfirmed else ""
    heading = Heading(markup(title) + flag, RULE_HEADING, f"rule-{number}", title, 1)
    dates = ", ".join(f"{d} {rule[d]}" for d in _DATES if rule.get(d)) or "none stated"
    exceptions = rule.get("exceptions", {}) or {}
    grandfathering = "; ".join(
        f"{g.get('basis')} before {g.get('before')}"
        + (f" until {g.get('until')}" if g.get("until") else "")
        for g in exceptions.get("grandfathering", [])
    )
    facts_rows = [
        f"{CONFIDENCE.get(str(f.get('confidence')), '[?] ')}{f.get('text', '')}"
        + (f" (source: {f['source']})" if f.get("source") else "")
        for f in rule.get("facts", [])
    ]
    fields: list[tuple[str, str]] = [
        ("Jurisdiction / status", f"{rule.get('jurisdiction', '')} / {words(rule.get('status'))}"),
        ("Outcome", words(rule.get("outcome"))),
        ("Citation", str(rule.get("citation", ""))),
        ("Source", str(rule.get("source_url", ""))),
        ("Dates", dates),
        ("Effective in this run", str(record.get("effective", ""))),
        ("Pack", str(record.get("pack", ""))),
        ("Activities", ", ".join(words(a) for a in rule.get("activities", []))),
        ("Grandfathering", grandfathering or "none"),
        (
            "Licences",
            ", ".join(
                [*exceptions.get("licence_exceptions", [])]
                + (["licences on file honoured"] if exceptions.get("licences_on_file") else [])
            )
            or "none honoured",
        ),
    ]
    data: list[list[Any]] = [
        [Paragraph(label, SMALL_MUTED), Paragraph(markup(text), SMALL)] for label, text in fields
    ]
    scope = "<br/>".join(
        "&nbsp;" * (4 * depth) + markup(text) for depth, text in scope_lines(rule.get("scope", {}))
    )
    data.append([Paragraph("Scope", SMALL_MUTED), Paragraph(scope, SMALL)])
    sets = record.get("model_sets", {}) or {}
    titles = record.get("model_set_titles", {}) or {}
    used = model_sets_used(rule.get("scope", {}))
    for name, models in sets.items():
        if name not in used:
            continue
        listed = ", ".join(f"{v} {c}" for v, c in models)
        label = f"{name}" + (f" ({titles[name]})" if titles.get(name) else "")
        data.append(
            [Paragraph("Model set", SMALL_MUTED), Paragraph(markup(f"{label}: {listed}"), SMALL)]
        )
    if rule.get("notes"):
        notes = markup(str(rule["notes"]).strip()).replace("\n", "<br/>")
        data.append([Paragraph("Notes", SMALL_MUTED), Paragraph(notes, SMALL)])
    if facts_rows:
        facts = "<br/>".join(markup(t) for t in facts_rows)
        data.append([Paragraph("Facts", SMALL_MUTED), Paragraph(facts, SMALL)])
    table = Table(data, colWidths=(95, 415), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    # A rule's table may split across pages; the break keeps a heading off a page's last lines.
    return [CondPageBreak(45 * mm), heading, table, Spacer(1, 6)]


def rules_story(source: ReportSource) -> list[Flowable]:
    flowables: list[Flowable] = [
        Paragraph(
            "Every rule of the scenario exactly as it was evaluated (stored with the run). "
            "Facts marked [S] rest on one secondary source, [U] are unconfirmed; rules resting "
            "on such facts are flagged in their heading.",
            BODY,
        ),
        Spacer(1, 4),
    ]
    for number, record in enumerate(source.rules, 1):
        flowables += rule_block(record, number)
    return flowables


def method_story(run: ReportRun, hit_count: int) -> list[Flowable]:
    items = [
        ("Scenario", f"{run.scenario_title} ({run.scenario_id})"),
        ("Evaluated as of", run.as_of.isoformat()),
        (
            "Evaluation run",
            f"{run.run_id}, created {run.created_at:%Y-%m-%d %H:%M} UTC by "
            f"{run.created_by} with version {run.app_version}",
        ),
        ("Obligations evaluated", count(run.obligations_evaluated)),
        ("Hits", count(hit_count)),
        ("Country groups", run.country_groups),
        ("Data fingerprint", run.data_fingerprint),
        ("Rule-version hash", run.rule_hash),
        (
            "Report generated",
            f"{run.generated_at:%Y-%m-%d %H:%M} UTC by {run.generated_by} with "
            f"version {run.report_version}",
        ),
    ]
    method = [
        "Each service obligation (one service type owed for one machine under one contract over "
        "a period) is evaluated against every rule of the scenario in effect on the as-of date. "
        "A rule hits an obligation when its scope matches the obligation's facts (destination, "
        "fab technology, restricted-party listings, equipment classification and model, dates) "
        "and its activities cover the service type. The explanation of each finding lists the "
        "predicates that matched with the values found.",
        "<b>First affected</b> is the later of the rule's effective date and the obligation's "
        "start, moved past any grandfathering period. <b>Value at risk</b> is the obligation's "
        "value pro rata from that date to the obligation's end, in the contract currency. "
        "Totals never add different currencies; an obligation hit by several rules counts once "
        "in each total, with its largest value at risk.",
        "<b>After licences</b>: a hit whose rule honours a licence (or licence exception) valid "
        "for the obligation, with a licensable outcome, is reported as licensed; a licence that "
        "ends before the obligation is a finding of its own (section Licence coverage).",
        "<b>Reproducing this report</b>: the run stores the rules as evaluated (their hash is "
        "above) and a fingerprint of every fact it read. Re-evaluating the same scenario on "
        "the same data gives the same fingerprint and the same hits; a different fingerprint "
        "means the book changed since.",
    ]
    rows = [
        [
            Paragraph(label, SMALL_MUTED),
            Paragraph(
                markup(value),
                MONO if "hash" in label.lower() or "fingerprint" in label.lower() else SMALL,
            ),
        ]
        for label, value in items
    ]
    table = Table(rows, colWidths=(110, 400), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ]
        )
    )
    return [*(Paragraph(p, BODY) for p in method), Spacer(1, 6), table]


def signoff_story() -> list[Flowable]:
    rows: list[list[Any]] = [["Role", "Name", "Date", "Signature"]]
    rows += [[role, "", "", ""] for role in ("Prepared by", "Reviewed by", "Approved by")]
    table = Table(rows, colWidths=(90, 170, 80, 170), rowHeights=(14, 34, 34, 34), hAlign="LEFT")
    table.setStyle(
        TableStyle([*grid_style(header_rows=1), ("GRID", (0, 0), (-1, -1), 0.5, "#8a94a3")])
    )
    note = Paragraph(
        "Sign-offs are also recorded in Compliance Workbench with the SHA-256 of this file "
        "(<font face='Courier'>workbench report signoff</font>); a changed file no longer "
        "matches its recorded sign-offs.",
        SMALL_MUTED,
    )
    return [KeepTogether([table, Spacer(1, 6), note])]
