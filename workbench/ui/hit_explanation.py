"""The explanation of one hit: which rule, every condition that matched with the actual value,
from when, how much, and whether a licence covers it.

Rendered as simple HTML in a text browser so the citation's source link is clickable and the
whole text can be selected and pasted into an e-mail to legal.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from workbench.services.impact import HitDetail
from workbench.services.rule_text import activity_label, outcome_label
from workbench.ui.formatting import Tone, format_money
from workbench.ui.outcomes import COVERAGE, OUTCOME_TONES, pill_html

_pill = pill_html


def _row(label: str, value: str) -> str:
    return (
        f'<tr><td style="color:#6b7683; padding:2px 12px 2px 0;" valign="top">{escape(label)}'
        f'</td><td style="padding:2px 0;">{value}</td></tr>'
    )


def explanation_html(detail: HitDetail) -> str:
    """The pane's text; plain HTML so tests read exactly what the user reads."""
    outcome = _pill(outcome_label(detail.outcome), OUTCOME_TONES.get(detail.outcome, Tone.NEUTRAL))
    final = _pill(
        outcome_label(detail.final_outcome), OUTCOME_TONES.get(detail.final_outcome, Tone.NEUTRAL)
    )
    coverage_text, coverage_tone = COVERAGE.get(
        detail.licence_coverage, (detail.licence_coverage, Tone.NEUTRAL)
    )
    parts = [
        f'<p style="font-size:12pt; font-weight:bold; margin:0 0 4px 0;">'
        f"{escape(detail.rule_title)}</p>",
        f'<p style="color:#4a5360; margin:0 0 2px 0;">{escape(detail.citation)}</p>',
    ]
    if detail.source_url:
        url = escape(detail.source_url, quote=True)
        parts.append(f'<p style="margin:0 0 8px 0;"><a href="{url}">Source</a> · '
                     f"{escape(detail.jurisdiction)} · rule {escape(detail.rule_id)} "
                     f"v{detail.rule_version} in pack {escape(detail.pack)}</p>")  # fmt: skip
    parts.append(f"<p>{outcome} &rarr; after licences {final}</p>")
    parts.append('<p style="font-weight:bold; margin:10px 0 2px 0;">Why it matched</p><ul>')
    parts += [f"<li>{escape(line)}</li>" for line in detail.matched] or ["<li>—</li>"]
    parts.append("</ul>")
    value = format_money(detail.value_at_risk, detail.currency)
    licence = _pill(coverage_text, coverage_tone)
    if detail.licence_numbers:
        licence += f" {escape(detail.licence_numbers)}"
    if detail.licence_valid_to:
        licence += f", valid to {detail.licence_valid_to.isoformat()}"
    rows = [
        _row("First affected", detail.first_affected.isoformat()),
        _row("Value at risk", f"<b>{escape(value)}</b>"),
        _row("Licence", licence),
        *([_row("Not counted", escape(detail.licence_note))] if detail.licence_note else []),
        _row("Machine", escape(f"{detail.vendor} {detail.model_code}, serial {detail.serial}")),
        _row("Fab", escape(f"{detail.fab_name} ({detail.fab_site_code}, {detail.fab_country})")),
        _row("Customer", escape(detail.customer_name)),
        _row("Contract", escape(detail.contract_number)),
        _row("Service", escape(activity_label(detail.service_type))),
        _row(
            "Obligation",
            f"{detail.obligation_start.isoformat() if detail.obligation_start else 'start unknown'}"
            f" to {detail.obligation_end.isoformat()}",
        ),
    ]
    if detail.applications:
        rows.append(_row("Applications", "<br>".join(escape(a) for a in detail.applications)))
    parts.append('<table cellspacing="0">' + "".join(rows) + "</table>")
    if detail.unconfirmed:
        parts.append(
            '<p style="font-weight:bold; color:#8a5a00; margin:10px 0 2px 0;">'
            "The rule rests on facts not confirmed by a primary source</p><ul>"
        )
        parts += [f'<li style="color:#8a5a00;">{escape(line)}</li>' for line in detail.unconfirmed]
        parts.append("</ul>")
    return "".join(parts)


class HitExplanationPane(QFrame):
    """Shows :func:`explanation_html` of the selected hit, or a hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        caption = QLabel("Explanation")
        caption.setObjectName("panelTitle")
        layout.addWidget(caption)
        self.browser = QTextBrowser()
        self.browser.setObjectName("explanation")
        self.browser.setOpenExternalLinks(True)
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.browser, 1)
        self.detail: HitDetail | None = None
        self.show_detail(None)

    def show_detail(self, detail: HitDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.browser.setHtml(
                '<p style="color:#7d8895;">Select a hit to see the rule, every condition '
                "that matched with its actual value, the value at risk and licence coverage.</p>"
            )
            return
        self.browser.setHtml(explanation_html(detail))

    def text(self) -> str:
        return self.browser.toPlainText()
