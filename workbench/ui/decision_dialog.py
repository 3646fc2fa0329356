"""Asking for the reason of a screening decision: no reason, no decision.

The reason goes into the audit trail and is what an auditor reads a year later, so the dialog
says what the decision will do and offers the usual wordings as a start, never as the answer.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.services.screening_review import MatchView, list_label

CONFIRM_REASONS = (
    "Same legal entity: name and address agree with the list entry.",
    "Same entity: the list names it under this alias.",
    "Subsidiary named in the parent's list entry.",
)
DISMISS_REASONS = (
    "Different entity: only common words agree.",
    "Different entity: country and address do not agree.",
    "Different entity: registration details differ.",
)


class DecisionDialog(QDialog):
    """Confirm or dismiss one match; OK is enabled once a reason is written."""

    def __init__(self, match: MatchView, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm = confirm
        verb = "Confirm" if confirm else "Dismiss"
        self.setWindowTitle(f"{verb} match")
        self.setMinimumWidth(520)
        listed = list_label(match.list_code)
        if match.footnotes:
            listed += " " + ", ".join(match.footnotes)
        if confirm:
            effect = (
                f"<b>{html.escape(match.party.title)}</b> will be recorded as listed on the "
                f"{html.escape(listed)} as <b>{html.escape(match.entry.title)}</b>. Rules read "
                "this listing; subsidiaries of a customer get a flagged suggestion to review."
            )
        else:
            effect = (
                f"<b>{html.escape(match.party.title)}</b> is not "
                f"<b>{html.escape(match.entry.title)}</b> ({html.escape(listed)}). The match is "
                "raised again only if the list entry changes."
            )
        summary = QLabel(effect)
        summary.setWordWrap(True)
        self.templates = QComboBox()
        self.templates.addItem("Start from a usual reason…")
        self.templates.addItems(CONFIRM_REASONS if confirm else DISMISS_REASONS)
        self.templates.activated.connect(self._use_template)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why: the evidence you checked (required)")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(90)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(verb)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._on_text)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(summary)
        layout.addWidget(QLabel("Reason"))
        layout.addWidget(self.templates)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def _use_template(self, index: int) -> None:
        if index > 0:
            self.reason.setPlainText(self.templates.itemText(index))
            self.reason.setFocus()

    def _on_text(self) -> None:
        self.ok_button.setEnabled(bool(self.text()))

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    @classmethod
    def ask(cls, match: MatchView, confirm: bool, parent: QWidget | None = None) -> str | None:
        """The reason typed, or None when the user cancelled."""
        dialog = cls(match, confirm, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.text() if accepted and dialog.text() else None
