"""Create, copy or edit a scenario: its name, whether it starts from the rules in force, the
packs and rules it adds, and the dates it assumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import ValidationError
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.rules.model import Rule, RulePack, Scenario
from workbench.services import rulebook
from workbench.services.rule_text import status_label
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext


class OptionalDate(QWidget):
    """A date that may be left unset (a checkbox turns it on)."""

    def __init__(self, label: str, value: dt.date | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        day = value or dt.date.today()
        self.edit.setDate(QDate(day.year, day.month, day.day))
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def value(self) -> dt.date | None:
        if not self.enabled.isChecked():
            return None
        q = self.edit.date()
        return dt.date(q.year(), q.month(), q.day())

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def _checklist(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    return widget


def _check_item(widget: QListWidget, key: str, text: str, checked: bool) -> None:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, key)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    widget.addItem(item)


def _checked(widget: QListWidget) -> list[str]:
    return [
        str(widget.item(r).data(Qt.ItemDataRole.UserRole))
        for r in range(widget.count())
        if widget.item(r).checkState() == Qt.CheckState.Checked
    ]


class ScenarioDialog(QDialog):
    """Build a scenario; Save stores it with ``rulebook.save_scenario`` on the writer."""

    saved = Signal(object)  # Scenario

    def __init__(
        self,
        context: ViewContext,
        packs: Sequence[RulePack],
        base: Scenario | None,
        *,
        editing: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Edit scenario" if editing else "New scenario")
        self.resize(860, 640)
        start = base or Scenario(id="my-scenario", title="My scenario", in_force=True)

        self.scenario_id = QLineEdit(start.id)
        self.scenario_id.setReadOnly(editing)
        self.title_edit = QLineEdit(start.title)
        self.description = QPlainTextEdit(start.description)
        self.description.setMaximumHeight(70)
        self.in_force = QCheckBox("Start from every rule in force on the as-of date")
        self.in_force.setChecked(start.in_force)
        self.assumed = OptionalDate("Assume added rules take effect on", start.assumed_effective)
        self.as_of = OptionalDate("Evaluate as of", start.as_of)

        self.packs = _checklist("scenarioPacks")
        for pack in packs:
            _check_item(
                self.packs, pack.pack, f"{pack.title}  ({pack.pack})", pack.pack in start.packs
            )
        self.rules = _checklist("scenarioRules")
        self.rule_filter = QLineEdit()
        self.rule_filter.setPlaceholderText("Filter rules…")
        self.rule_filter.textChanged.connect(self._filter_rules)
        for pack in packs:
            for rule in pack.rules:
                _check_item(self.rules, rule.id, self._rule_text(rule), rule.id in start.rules)

        form = QFormLayout()
        form.addRow("Id", self.scenario_id)
        form.addRow("Title", self.title_edit)
        form.addRow("Description", self.description)
        form.addRow("", self.in_force)
        form.addRow("", self.assumed)
        form.addRow("", self.as_of)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("Add whole packs (whatever their status)"))
        left.addWidget(self.packs, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Add single rules (whatever their status)"))
        right.addWidget(self.rule_filter)
        right.addWidget(self.rules, 1)
        lists.addLayout(left, 2)
        lists.addLayout(right, 3)

        self.error_label = QLabel("")
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @staticmethod
    def _rule_text(rule: Rule) -> str:
        return f"{rule.id} · {rule.jurisdiction} · {status_label(rule.status)} · {rule.title}"

    def _filter_rules(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.rules.count()):
            item = self.rules.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def check_rule(self, rule_id: str, checked: bool = True) -> None:
        for row in range(self.rules.count()):
            item = self.rules.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == rule_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def scenario(self) -> Scenario:
        """The scenario the form describes; raises ``ValidationError`` when it is not valid."""
        return Scenario.model_validate(
            {
                "id": self.scenario_id.text().strip(),
                "title": self.title_edit.text().strip(),
                "description": self.description.toPlainText().strip(),
                "in_force": self.in_force.isChecked(),
                "packs": _checked(self.packs),
                "rules": _checked(self.rules),
                "assumed_effective": self.assumed.value(),
                "as_of": self.as_of.value(),
            }
        )

    def save(self) -> None:
        try:
            chosen = self.scenario()
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            self.error_label.setText(f"{where}: {first['msg']}")
            return
        if not (chosen.in_force or chosen.packs or chosen.rules):
            self.error_label.setText("A scenario needs the rules in force, a pack or a rule.")
            return
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> Scenario:
            rulebook.save_scenario(db, chosen)
            return chosen

        self.buttons.setEnabled(False)
        job = self.context.writer.submit("save scenario", work)
        job.succeeded.connect(self._on_saved)
        job.failed.connect(self._on_failed)
        self.save_job = job

    def _on_saved(self, chosen: Scenario) -> None:
        emit(self.saved, chosen)
        self.accept()

    def _on_failed(self, exc: object) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(str(exc))
