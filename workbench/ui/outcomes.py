"""How outcomes and licence coverage read and colour on screen, as badges and as HTML.

Red for what stops the service (prohibited, presumption of denial), amber for what needs an
application (licence required, case-by-case, a licence that expires early), green for what a
licence already covers; the same colours as the advanced-node badges.
"""

from __future__ import annotations

from html import escape
from typing import Any

from workbench.services.rule_text import outcome_label
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.formatting import Badge, Tone

OUTCOME_TONES = {
    "prohibited": Tone.DANGER,
    "presumption_of_denial": Tone.DANGER,
    "licence_required": Tone.WARNING,
    "case_by_case": Tone.WARNING,
    "notify": Tone.NEUTRAL,
    "licensed": Tone.OK,
}
COVERAGE = {
    "covered": ("Licence covers", Tone.OK),
    "expires_before_end": ("Licence expires early", Tone.WARNING),
    "none": ("No licence", Tone.NEUTRAL),
    "over_limit": ("Licence limit reached", Tone.WARNING),
}
#: Severity order of final outcomes, worst first (charts and tables list them this way).
OUTCOME_ORDER = (
    "prohibited",
    "presumption_of_denial",
    "licence_required",
    "case_by_case",
    "notify",
    "licensed",
)


def outcome_badge(value: Any) -> Badge | None:
    if not isinstance(value, str) or not value:
        return None
    return Badge(outcome_label(value), OUTCOME_TONES.get(value, Tone.NEUTRAL))


def coverage_text(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return COVERAGE.get(value, (value, Tone.NEUTRAL))[0]


def coverage_badge(value: Any) -> Badge | None:
    if not isinstance(value, str) or not value:
        return None
    text, tone = COVERAGE.get(value, (value, Tone.NEUTRAL))
    return Badge(text, tone)


def outcome_rank(value: str) -> int:
    return OUTCOME_ORDER.index(value) if value in OUTCOME_ORDER else len(OUTCOME_ORDER)


def pill_html(text: str, tone: Tone) -> str:
    """A badge inside rich text (explanations, rule texts): the colours of ``BadgeDelegate``."""
    background, foreground = TONE_COLOURS[tone]
    return (
        f'<span style="background:{background}; color:{foreground};">'
        f"&nbsp;{escape(text)}&nbsp;</span>"
    )
