"""The side-by-side of a match: the customer or fab as the book has it, the list entry as the
list has it, the score and why, and the buttons that decide it.

The spellings that produced the score are highlighted on both sides, because "which of the
twelve aliases matched" is the first thing an analyst checks before trusting a score.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.services.screening_review import MatchView, Side, list_label
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.formatting import Badge, Tone
from workbench.ui.screening_queue import score_badge
from workbench.ui.signals import emit

EMPTY_TEXT = "Select a match to compare the record with the list entry."
_MARK = "#fff1c2"


class Pill(QLabel):
    """A badge as a widget (the table's pills are painted by a delegate instead)."""

    def __init__(self, parent: QWidget | None = None, *, large: bool = False) -> None:
        super().__init__(parent)
        self._large = large
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def set_badge(self, badge: Badge | None) -> None:
        if badge is None:
            self.hide()
            return
        background, foreground = TONE_COLOURS[badge.tone]
        size = "13pt" if self._large else "9pt"
        padding = "3px 12px" if self._large else "2px 9px"
        radius = 13 if self._large else 10
        self.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: {radius}px;"
            f"padding: {padding}; font-size: {size}; font-weight: bold;"
        )
        self.setText(badge.text)
        self.show()


class SideCard(QFrame):
    """One side of the comparison: heading, title, labelled fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        self.heading = QLabel()
        self.heading.setObjectName("compareHeading")
        self.title = QLabel()
        self.title.setObjectName("compareTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        host = QWidget()
        self._grid = QGridLayout(host)
        self._grid.setContentsMargins(0, 2, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(3)
        self._grid.setColumnStretch(1, 1)
        layout.addWidget(host)
        layout.addStretch(1)
        self.values: dict[str, QLabel] = {}

    def show_side(self, side: Side, highlight: str) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.values = {}
        self.heading.setText(side.heading.upper())
        self.title.setText(_marked(side.title, highlight))
        for row, (label, value) in enumerate(side.fields):
            name = QLabel(label)
            name.setObjectName("fieldName")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text = QLabel(_marked(value, highlight))
            text.setObjectName("fieldValue")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            text.setMinimumWidth(40)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(text, row, 1)
            self.values[label] = text


def _marked(text: str, highlight: str) -> str:
    """Rich text of ``text`` (escaped: list data is untrusted) with each line equal to the
    matched spelling shaded."""
    wanted = highlight.strip().casefold()
    lines = []
    for line in text.split("\n"):
        escaped = html.escape(line)
        if wanted and line.strip().casefold() == wanted:
            escaped = f'<span style="background:{_MARK}; font-weight:600">{escaped}</span>'
        lines.append(escaped)
    return "<br>".join(lines)


class ComparePane(QFrame):
    """Shows one :class:`MatchView`; ``confirm_requested``/``dismiss_requested`` carry its id."""

    confirm_requested = Signal(int)
    dismiss_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePane")
        self.match: MatchView | None = None

        self.score = Pill(large=True)
        self.score.setToolTip("Match score, 0 to 100")
        self.status = Pill()
        self.flag = Pill()
        self.headline = QLabel(EMPTY_TEXT)
        self.headline.setObjectName("compareHeadline")
        self.headline.setWordWrap(True)
        self.headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.dismiss_button = QPushButton("Dismiss…")
        self.dismiss_button.setObjectName("secondaryButton")
        self.dismiss_button.setToolTip("Not the same party: record why (Ctrl+D)")
        self.dismiss_button.setShortcut("Ctrl+D")
        self.confirm_button = QPushButton("Confirm match…")
        self.confirm_button.setObjectName("primaryButton")
        self.confirm_button.setToolTip(
            "The party is this list entry: record the listing that rules read (Ctrl+Return)"
        )
        self.confirm_button.setShortcut("Ctrl+Return")
        self.dismiss_button.clicked.connect(self._dismiss)
        self.confirm_button.clicked.connect(self._confirm)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.score)
        top.addWidget(self.status)
        top.addWidget(self.flag)
        top.addSpacing(4)
        top.addWidget(self.headline, 1)
        top.addWidget(self.dismiss_button)
        top.addWidget(self.confirm_button)

        self.explanation = QLabel()
        self.explanation.setObjectName("compareWhy")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.party_card = SideCard()
        self.entry_card = SideCard()
        cards = QWidget()
        cards.setObjectName("compareCards")
        row = QHBoxLayout(cards)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addWidget(self.party_card, 1)
        row.addWidget(self.entry_card, 1)
        self.cards_scroll = QScrollArea()
        self.cards_scroll.setObjectName("compareScroll")
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setWidget(cards)

        self.decision = QLabel()
        self.decision.setObjectName("compareDecision")
        self.decision.setWordWrap(True)
        self.decision.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decision.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.cards_scroll, 1)
        layout.addWidget(self.decision)
        self.show_match(None)

    def show_match(self, match: MatchView | None) -> None:
        self.match = match
        shown = match is not None
        for widget in (
            self.explanation,
            self.cards_scroll,
            self.dismiss_button,
            self.confirm_button,
        ):
            widget.setVisible(shown)
        if match is None:
            self.score.set_badge(None)
            self.status.set_badge(None)
            self.flag.set_badge(None)
            self.decision.hide()
            self.headline.setText(EMPTY_TEXT)
            self.headline.setProperty("empty", True)
            self._repolish(self.headline)
            return
        self.headline.setProperty("empty", False)
        self._repolish(self.headline)
        self.score.set_badge(score_badge(match.score))
        self.status.set_badge(_status_badge(match.status))
        self.flag.set_badge(
            Badge(match.flag.capitalize(), Tone.WARNING if match.flag != "new" else Tone.NEUTRAL)
            if match.flag
            else None
        )
        listed = list_label(match.list_code)
        if match.footnotes:
            listed += " " + ", ".join(match.footnotes)
        raised = f" · raised {match.created_at.date().isoformat()}" if match.created_at else ""
        self.headline.setText(
            f"<b>{match.party_kind.capitalize()}</b> vs <b>{html.escape(listed)}</b> entry"
            f"<span style='color:#6b7683'> · match {match.id}{raised}</span>"
        )
        self.headline.setToolTip(f"List version {match.list_version}")
        self.explanation.setText(f"<b>Why:</b> {html.escape(match.explanation)}")
        self.party_card.show_side(match.party, match.query_name)
        self.entry_card.show_side(match.entry, match.matched_name)
        self.confirm_button.setEnabled(match.status != "confirmed")
        self.dismiss_button.setEnabled(match.status != "dismissed")
        self.decision.setText(_decision_text(match))
        self.decision.setVisible(bool(self.decision.text()))

    def _confirm(self) -> None:
        if self.match is not None and self.confirm_button.isEnabled():
            emit(self.confirm_requested, self.match.id)

    def _dismiss(self) -> None:
        if self.match is not None and self.dismiss_button.isEnabled():
            emit(self.dismiss_requested, self.match.id)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _status_badge(status: str) -> Badge:
    tone = {"potential": Tone.WARNING, "confirmed": Tone.DANGER, "dismissed": Tone.OK}.get(
        status, Tone.NEUTRAL
    )
    return Badge(status.capitalize(), tone)


def _decision_text(match: MatchView) -> str:
    parts: list[str] = []
    if match.status != "potential":
        when = match.decided_at.date().isoformat() if match.decided_at else "an unknown date"
        parts.append(
            f"<b>{html.escape(match.status.capitalize())}</b> by "
            f"{html.escape(match.reviewer or 'unknown')} on {when}: "
            f"“{html.escape(match.reason or '')}”"
        )
    for earlier in reversed(match.history):
        parts.append(
            f"<span style='color:#6b7683'>earlier {html.escape(earlier.status)} by "
            f"{html.escape(earlier.reviewer)} on {html.escape(earlier.decided_at or '?')}: "
            f"“{html.escape(earlier.reason)}”</span>"
        )
    return "<br>".join(parts)
