"""The conflict dialog: someone saved the record after you opened it.

Both values of every field you changed stand side by side, with who saved theirs and when, so
the choice is an informed one: take theirs (the form reloads) or keep editing (your values stay
and the next save is made against their version, knowingly). Nothing is ever overwritten
without this dialog in between.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.services.edit_fields import KINDS, same
from workbench.services.editing import ConcurrentEditError
from workbench.ui.signals import emit

RELOAD, KEEP = "reload", "keep"

#: How a value is shown: (field name, value) -> text.
Describe = Callable[[str, Any], str]


def plain(_name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return (
            ", ".join(
                v.get("name", str(v))
                if isinstance(v, dict)
                else " ".join(map(str, v))
                if isinstance(v, list | tuple)
                else str(v)
                for v in value
            )
            or "—"
        )
    return str(value)


def when_text(at: dt.datetime | None) -> str:
    if at is None:
        return "an unknown time"
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC)
    return f"{at:%Y-%m-%d %H:%M} UTC"


class ConflictDialog(QDialog):
    """Yours and theirs, field by field; ``resolved`` says RELOAD or KEEP."""

    resolved = Signal(str)

    def __init__(
        self,
        error: ConcurrentEditError,
        label: Callable[[str], str],
        describe: Describe = plain,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.choice: str | None = None
        self.setWindowTitle("Changed by someone else")
        self.setMinimumWidth(620)
        spec = KINDS.get(error.table)
        noun = spec.label if spec else error.table
        who = html.escape(error.changed_by or "another user")
        when = when_text(error.changed_at)
        deleted = error.current_version is None
        if deleted:
            headline = (
                f"<b>This {noun} was deleted by {who} at {when}</b> after you opened it. "
                "Your change was not saved."
            )
        else:
            headline = (
                f"<b>{who} saved this {noun} at {when}</b>, after you opened it "
                f"(version {error.current_version}; you read version {error.read_version}). "
                "Your change was not saved."
            )
        self.headline = QLabel(headline)
        self.headline.setWordWrap(True)

        names = list(error.yours)
        self.table = QTableWidget(len(names), 3)
        self.table.setObjectName("conflictTable")
        theirs_by = error.changed_by or "?"
        self.table.setHorizontalHeaderLabels(["Field", "Yours", f"Theirs ({theirs_by})"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        bold = QFont()
        bold.setBold(True)
        for row, name in enumerate(names):
            yours = error.yours[name]
            theirs = error.theirs.get(name) if not deleted else None
            differs = deleted or not same(yours, theirs)
            cells = [
                label(name),
                describe(name, yours),
                "(deleted)" if deleted else describe(name, theirs),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if differs:
                    item.setFont(bold)
                    if column:
                        item.setBackground(QBrush(QColor("#fff4e5")))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

        explain = QLabel(
            "Reload theirs: the form shows the record as it is now; type your change again "
            "if it still applies.\nKeep editing: your values stay in the form; saving again "
            "replaces theirs."
            if not deleted
            else "Close the form: the record no longer exists."
        )
        explain.setObjectName("panelNote")
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.reload_button = QPushButton("Close form" if deleted else "Reload theirs")
        self.keep_button = QPushButton("Keep editing")
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if not deleted:
            self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(KEEP))
        self.rejected.connect(lambda: self._choose(KEEP if not deleted else RELOAD))

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(explain)
        layout.addWidget(self.buttons)

    def _choose(self, choice: str) -> None:
        if self.choice is not None:
            return
        self.choice = choice
        emit(self.resolved, choice)
        self.done(QDialog.DialogCode.Accepted if choice == RELOAD else QDialog.DialogCode.Rejected)

    def row_texts(self) -> list[tuple[str, str, str]]:
        """(field, yours, theirs) as shown, for tests and screen readers."""
        out = []
        for row in range(self.table.rowCount()):
            texts = [item.text() if (item := self.table.item(row, c)) else "" for c in range(3)]
            out.append((texts[0], texts[1], texts[2]))
        return out
