"""The rule editor: a form for the metadata, the predicate builder for the scope, and the YAML
the two produce, checked live inside the pack the rule will be saved in.

The YAML is the truth: the form and the builder write into it, and an edit of the YAML (for
what the form does not cover: grandfathering, licence exceptions, facts) reloads the form.
Every message names its line in the YAML tab, as ``workbench rules validate`` does for files.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import yaml
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import Outcome, RuleStatus
from workbench.rules.model import ACTIVITIES, Rule, RulePack
from workbench.rules.packs import ActiveRule
from workbench.rules.validation import ValidationMessage
from workbench.services import rule_editing, whatif
from workbench.services.catalogue import Catalogue
from workbench.services.rule_editing import DraftCheck
from workbench.services.rule_text import activity_label, outcome_label, status_label
from workbench.ui.formatting import format_money
from workbench.ui.predicate_builder import PredicateBuilder
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext

CHECK_DELAY_MS = 250
DATE_FIELDS = ("announced", "published", "effective", "compliance")
#: Key order of a rule in YAML (the dates go after the first seven), as the shipped packs have it.
FIELD_ORDER = ("id", "version", "title", "jurisdiction", "status", "citation", "source_url",
               "scope", "activities", "outcome", "exceptions", "notes", "facts")  # fmt: skip
JURISDICTIONS = ("US", "NL", "JP", "KR", "EU", "DE", "GB", "TW", "CN")


def message_text(message: ValidationMessage) -> str:
    where = f"line {message.line}, column {message.column}" if message.line else "in the pack"
    location = f" (at {message.location})" if message.location else ""
    return f"{where} · {message.severity}: {message.message}{location}"


def _date_value(text: str) -> dt.date | str | None:
    """A date when the text is one; the text itself otherwise, so validation names the line."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def whatif_text(result: whatif.WhatIf) -> str:
    """One paragraph: the draft's hits and value at risk, and what changed from the saved rule."""
    after = result.after

    def money(values: dict[str, float]) -> str:
        return ", ".join(format_money(v, cur) for cur, v in values.items()) or "nothing"

    text = (
        f"What-if as of {result.as_of.isoformat()}: {after.hits:,} hits on "
        f"{after.obligations:,} obligations, {after.machines:,} machines; value at risk "
        f"{money(after.value_at_risk)}."
    )
    if result.before is not None:
        text += (
            f" Against the saved rule: {result.new:,} new, {result.gone:,} gone, "
            f"{result.changed:,} changed (was {result.before.hits:,} hits, "
            f"{money(result.before.value_at_risk)})."
        )
    return text + f" ({result.seconds:.2f} s; nothing is stored until a scenario is run.)"


class RuleEditorDialog(QDialog):
    """Edit ``rule`` (or a copy) and save it to ``target``; ``saved`` carries the stored pack.

    While the draft is valid, its effect on the book is shown below it: the editor reads the
    facts once in the background and re-evaluates only the draft after each change
    (``services.whatif``); ``whatif_shown`` carries each result shown.
    """

    saved = Signal(object)
    checked = Signal(object)
    whatif_shown = Signal(object)

    def __init__(
        self,
        context: ViewContext,
        packs: list[RulePack],
        catalogue: Catalogue,
        rule: Rule,
        *,
        source_pack: str,
        target: str,
        replaces: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.packs = packs
        self.target = target
        self.replaces = replaces
        self.source_pack = source_pack
        self.check: DraftCheck | None = None
        self._data: dict[str, Any] = rule_editing.model_data(rule)
        self._loading = False
        self.setWindowTitle(f"Edit rule {rule.id}" if replaces else f"New rule {rule.id}")
        self.resize(1080, 760)

        # -- metadata form
        self.rule_id = QLineEdit()
        self.version = QSpinBox()
        self.version.setRange(1, 10_000)
        self.title_edit = QLineEdit()
        self.jurisdiction = QComboBox()
        self.jurisdiction.setEditable(True)
        self.jurisdiction.addItems(JURISDICTIONS)
        self.status = QComboBox()
        for status in RuleStatus:
            self.status.addItem(status_label(status.value), status.value)
        self.outcome = QComboBox()
        for outcome in Outcome:
            self.outcome.addItem(outcome_label(outcome.value), outcome.value)
        self.citation = QLineEdit()
        self.source_url = QLineEdit()
        self.source_url.setPlaceholderText("https://…")
        self.dates = {name: QLineEdit() for name in DATE_FIELDS}
        for edit in self.dates.values():
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setMaximumWidth(130)
        self.activities = QListWidget()
        self.activities.setObjectName("activityList")
        for slug in ACTIVITIES:
            item = QListWidgetItem(activity_label(slug))
            item.setData(Qt.ItemDataRole.UserRole, slug)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.activities.addItem(item)
        self.licences_on_file = QCheckBox("A valid licence on file turns a hit into “licensed”")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Reading of the text; mark unconfirmed facts [S] or [U].")
        self.facts_note = QLabel("")
        self.facts_note.setObjectName("panelNote")
        self.facts_note.setWordWrap(True)

        form_page = QWidget()
        grid = QGridLayout(form_page)
        left = QFormLayout()
        left.addRow("Id", self.rule_id)
        left.addRow("Version", self.version)
        left.addRow("Title", self.title_edit)
        left.addRow("Jurisdiction", self.jurisdiction)
        left.addRow("Status", self.status)
        left.addRow("Outcome", self.outcome)
        left.addRow("Citation", self.citation)
        left.addRow("Source link", self.source_url)
        for name, edit in self.dates.items():
            left.addRow(name.capitalize(), edit)
        right = QFormLayout()
        right.addRow("Activities", self.activities)
        right.addRow("", self.licences_on_file)
        right.addRow("Notes", self.notes)
        right.addRow("Facts", self.facts_note)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        # -- scope and YAML
        self.builder = PredicateBuilder(catalogue)
        pack = next((p for p in packs if p.pack == source_pack), None)
        self.builder.model_sets = sorted(pack.model_sets) if pack else []
        self.yaml_edit = QPlainTextEdit()
        self.yaml_edit.setObjectName("yamlEditor")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.yaml_edit.setFont(mono)
        self.yaml_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.tabs = QTabWidget()
        self.tabs.addTab(form_page, "Rule")
        self.tabs.addTab(self.builder, "Conditions")
        self.tabs.addTab(self.yaml_edit, "YAML")

        # -- checks and buttons
        self.target_note = QLabel(self._target_text())
        self.target_note.setObjectName("panelNote")
        self.target_note.setWordWrap(True)
        self.messages = QListWidget()
        self.messages.setObjectName("validationMessages")
        self.messages.setMaximumHeight(130)
        self.messages.itemActivated.connect(self._go_to_message)
        self.messages.itemClicked.connect(self._go_to_message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.error_label = QLabel("")
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.whatif_note = QLabel("What-if: reading the book…")
        self.whatif_note.setObjectName("whatIfNote")
        self.whatif_note.setWordWrap(True)
        self.whatif: whatif.Session | None = None
        self.last_whatif: whatif.WhatIf | None = None
        self._whatif_generation = 0

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.target_note)
        layout.addWidget(self.messages)
        layout.addWidget(self.whatif_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.apply_yaml)

        self._load_form()
        self._write_yaml()
        self._connect_form()
        self._read_book()

    # -- form <-> data <-> YAML -----------------------------------------------------------------

    def _target_text(self) -> str:
        base = next((p for p in self.packs if p.pack == self.target), None)
        version = (base.version + 1) if base else 1
        if self.target == rule_editing.USER_PACK:
            return f"Saves to your pack “{self.target}” as its version {version}."
        return (
            f"Saves to pack “{self.target}” as its version {version}, stored in the database; "
            "it then replaces the shipped file of that pack."
        )

    def _connect_form(self) -> None:
        for widget in (self.rule_id, self.title_edit, self.citation, self.source_url,
                       *self.dates.values()):  # fmt: skip
            widget.textChanged.connect(self._form_changed)
        self.version.valueChanged.connect(self._form_changed)
        self.jurisdiction.currentTextChanged.connect(self._form_changed)
        self.status.currentIndexChanged.connect(self._form_changed)
        self.outcome.currentIndexChanged.connect(self._form_changed)
        self.activities.itemChanged.connect(self._form_changed)
        self.licences_on_file.toggled.connect(self._form_changed)
        self.notes.textChanged.connect(self._form_changed)
        self.builder.changed.connect(self._form_changed)
        self.yaml_edit.textChanged.connect(self._yaml_changed)

    def _load_form(self) -> None:
        data = self._data
        self._loading = True
        try:
            self.rule_id.setText(str(data.get("id", "")))
            version = data.get("version", 1)
            self.version.setValue(version if isinstance(version, int) else 1)
            self.title_edit.setText(str(data.get("title", "")))
            self.jurisdiction.setCurrentText(str(data.get("jurisdiction", "")))
            self.status.setCurrentIndex(max(self.status.findData(str(data.get("status"))), 0))
            self.outcome.setCurrentIndex(max(self.outcome.findData(str(data.get("outcome"))), 0))
            self.citation.setText(str(data.get("citation", "")))
            self.source_url.setText(str(data.get("source_url", "")))
            for name, edit in self.dates.items():
                value = data.get(name)
                edit.setText(value.isoformat() if isinstance(value, dt.date) else str(value or ""))
            chosen = {str(a) for a in data.get("activities") or []}
            for row in range(self.activities.count()):
                item = self.activities.item(row)
                slug = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(
                    Qt.CheckState.Checked if slug in chosen else Qt.CheckState.Unchecked
                )
            exceptions = data.get("exceptions") or {}
            self.licences_on_file.setChecked(
                bool(exceptions.get("licences_on_file")) if isinstance(exceptions, dict) else False
            )
            self.notes.setPlainText(str(data.get("notes", "")))
            facts = data.get("facts") or []
            unconfirmed = [f for f in facts if isinstance(f, dict) and f.get("confidence") != "C"]
            self.facts_note.setText(
                f"{len(facts)} fact(s), {len(unconfirmed)} not confirmed by a primary source "
                "([S]/[U]). Facts, grandfathering and licence exceptions are edited in the YAML "
                "tab."
            )
            scope = data.get("scope")
            self.builder.set_scope(scope if isinstance(scope, dict) else None)
        finally:
            self._loading = False

    def _form_data(self) -> dict[str, Any]:
        data = copy.deepcopy(self._data)
        data["id"] = self.rule_id.text().strip()
        data["version"] = self.version.value()
        data["title"] = self.title_edit.text().strip()
        data["jurisdiction"] = self.jurisdiction.currentText().strip()
        data["status"] = self.status.currentData()
        data["citation"] = self.citation.text().strip()
        data["source_url"] = self.source_url.text().strip()
        for name, edit in self.dates.items():
            value = _date_value(edit.text())
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        scope = self.builder.scope()
        if scope is None:
            data.pop("scope", None)
        else:
            data["scope"] = scope
        data["activities"] = [
            str(self.activities.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.activities.count())
            if self.activities.item(r).checkState() == Qt.CheckState.Checked
        ]
        data["outcome"] = self.outcome.currentData()
        exceptions = data.get("exceptions")
        exceptions = dict(exceptions) if isinstance(exceptions, dict) else {}
        if self.licences_on_file.isChecked():
            exceptions["licences_on_file"] = True
        else:
            exceptions.pop("licences_on_file", None)
        if exceptions:
            data["exceptions"] = exceptions
        else:
            data.pop("exceptions", None)
        notes = self.notes.toPlainText().strip()
        if notes:
            data["notes"] = notes
        else:
            data.pop("notes", None)
        order = [*FIELD_ORDER[:7], *DATE_FIELDS, *FIELD_ORDER[7:]]
        return {k: data[k] for k in order if k in data} | {
            k: v for k, v in data.items() if k not in order
        }

    def _form_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._data = self._form_data()
        self._write_yaml()

    def _write_yaml(self) -> None:
        self.yaml_edit.blockSignals(True)
        self.yaml_edit.setPlainText(rule_editing.to_yaml(self._data))
        self.yaml_edit.blockSignals(False)
        self.run_check()

    def _yaml_changed(self) -> None:
        self._timer.start()

    def apply_yaml(self) -> DraftCheck:
        """The user typed YAML: keep it, reload the form when it parses to a mapping, check."""
        try:
            parsed = yaml.safe_load(self.yaml_edit.toPlainText())
        except yaml.YAMLError:
            parsed = None
        if isinstance(parsed, dict):
            self._data = parsed
            self._load_form()
        return self.run_check()

    # -- checking and saving --------------------------------------------------------------------

    def yaml_text(self) -> str:
        return self.yaml_edit.toPlainText()

    def run_check(self) -> DraftCheck:
        """Validate the YAML now (the editor calls this after a short pause in typing)."""
        self._timer.stop()
        check = rule_editing.check_draft(
            self.packs,
            self.yaml_text(),
            target=self.target,
            replaces=self.replaces,
            source_pack=self.source_pack,
        )
        self.check = check
        self.messages.clear()
        for message in check.messages:
            item = QListWidgetItem(message_text(message))
            item.setData(Qt.ItemDataRole.UserRole, message.line)
            item.setForeground(Qt.GlobalColor.darkRed if message.severity == "error"
                               else Qt.GlobalColor.darkYellow)  # fmt: skip
            self.messages.addItem(item)
        if not check.messages:
            self.messages.addItem(QListWidgetItem("No problems: the rule is valid in its pack."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(check.ok)
        emit(self.checked, check)
        self._start_whatif(check)
        return check

    # -- what-if --------------------------------------------------------------------------------

    def _read_book(self) -> None:
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> whatif.Session:
            return whatif.Session(whatif.load_book(db, progress=progress, cancel=cancel))

        job = self.context.jobs.submit("read the book for what-if", work)
        job.succeeded.connect(self._on_book)
        job.failed.connect(self._on_whatif_failed)
        self.book_job = job

    def _on_book(self, session: whatif.Session) -> None:
        self.whatif = session
        if self.check is not None:
            self._start_whatif(self.check)

    def _saved_rule(self, as_of: dt.date) -> ActiveRule | None:
        """The rule the draft replaces, as saved (None for a new rule or a copy)."""
        pack = next((p for p in self.packs if p.pack == self.target), None)
        rule = next((r for r in pack.rules if r.id == self.replaces), None) if pack else None
        return whatif.active_rule(pack, rule, as_of) if pack and rule else None

    def _start_whatif(self, check: DraftCheck) -> None:
        """Evaluate the valid draft alone in the background; a newer draft wins."""
        session = self.whatif
        if session is None or not check.ok or check.pack is None or check.rule is None:
            return
        self._whatif_generation += 1
        generation = self._whatif_generation
        draft = whatif.active_rule(check.pack, check.rule, session.book.as_of)
        saved = self._saved_rule(session.book.as_of)

        def work(_progress: Progress, _cancel: CancelToken) -> whatif.WhatIf:
            return session.what_if(draft, saved)

        job = self.context.jobs.submit("what-if", work)
        job.succeeded.connect(lambda result: self._on_whatif(generation, result))
        job.failed.connect(self._on_whatif_failed)
        self.whatif_job = job

    def _on_whatif(self, generation: int, result: whatif.WhatIf) -> None:
        if generation != self._whatif_generation:
            return  # a later draft is being evaluated
        self.last_whatif = result
        self.whatif_note.setText(whatif_text(result))
        emit(self.whatif_shown, result)

    def _on_whatif_failed(self, exc: object) -> None:
        self.whatif_note.setText(f"What-if unavailable: {exc}")

    def _go_to_message(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(line, int) or line < 1:
            return
        self.tabs.setCurrentWidget(self.yaml_edit)
        block = self.yaml_edit.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        self.yaml_edit.setTextCursor(cursor)
        self.yaml_edit.setFocus()

    def save(self) -> None:
        check = self.run_check()
        if not check.ok:
            self.error_label.setText("Correct the errors listed above before saving.")
            return
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> RulePack:
            return rule_editing.save_draft(db, check)

        self.buttons.setEnabled(False)
        job = self.context.writer.submit("save rule", work)
        job.succeeded.connect(self._on_saved)
        job.failed.connect(self._on_save_failed)
        self.save_job = job

    def _on_saved(self, pack: RulePack) -> None:
        emit(self.saved, pack)
        self.accept()

    def _on_save_failed(self, exc: object) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(str(exc))
