"""The dialog that creates or edits one record, and the one that confirms a delete.

The form is filled off the GUI thread (the record with its version, and the lists its reference
fields offer); saving runs on the window's serial ``writer``, so two saves never race and the
window stays responsive. Only the fields the user changed are sent, with the version read: if
someone saved the record in between, the service refuses and the conflict dialog shows both
values -- never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.services import edit_records, editing
from workbench.services.edit_fields import KINDS
from workbench.services.edit_records import Choice, Record
from workbench.services.editing import ConcurrentEditError, EditResult
from workbench.ui.edit_conflict import KEEP, RELOAD, ConflictDialog, plain
from workbench.ui.edit_forms import FORMS, MACHINE, RecordForm, field_label, references
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext

DIALOG_STYLE = """
QLabel#fieldError { color: #b42318; font-size: 11px; }
QLabel#formBanner { background: #fdecea; color: #7a1c12; border: 1px solid #f5c2bd;
                    border-radius: 4px; padding: 6px 8px; }
QLabel#formBanner[tone="info"] { background: #eef4fb; color: #1d3b5c; border-color: #c9dcf0; }
QLabel#derivedValue { font-weight: 600; }
"""

#: What a save job returns: the edits that committed, and the error that stopped the rest.
SaveOutcome = tuple[list[EditResult], BaseException | None]


class EditDialog(QDialog):
    """Create (``record_id`` None) or edit one record of ``kind``; ``saved`` carries the
    ``EditResult`` list of a save that committed, for views to refresh the rows it touched."""

    saved = Signal(object)
    loaded = Signal()

    def __init__(
        self,
        context: ViewContext,
        kind: str,
        record_id: int | None = None,
        *,
        preset: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.record_id = record_id
        self.record: Record | None = None
        self.conflict: ConflictDialog | None = None
        self._labels: dict[str, dict[int, str]] = {}
        self._preset = dict(preset or {})
        self._saving = False
        spec = KINDS[kind]
        self.setWindowTitle(f"New {spec.label}" if record_id is None else f"Edit {spec.label}")
        self.setObjectName("editDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(860 if kind == "contracts" else 560)

        self.title = QLabel("Loading…")
        self.title.setObjectName("detailTitle")
        self.banner = QLabel("")
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.form = RecordForm(kind)
        self.form.setEnabled(False)
        self.form.edited.connect(self._on_edited)
        for field in self.form.fields.values():
            if field.definition.widget == MACHINE:
                field.picker.search_requested.connect(
                    lambda text, p=field.picker: self._find_machines(text, p.show_matches)
                )
        if self.form.coverage is not None:
            picker = self.form.coverage.picker
            picker.search_requested.connect(
                lambda text: self._find_machines(text, picker.show_matches)
            )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Comment for the audit trail (optional): why the change")
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("Create" if record_id is None else "Save")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel("Comment"))
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)
        self.resize(self.minimumWidth(), 720 if kind in ("fabs", "equipment_models") else 620)
        self._load()

    # -- loading ----------------------------------------------------------------------------

    def _load(self, *, keep_form: bool = False) -> None:
        """Read the record (with its version) and the reference lists off the GUI thread.

        ``keep_form``: only the base the next save compares with and sends its version from
        changes (after "Keep editing"); what the user typed stays.
        """
        db, kind, record_id = self.context.db, self.kind, self.record_id
        wanted = [] if keep_form else references(kind)

        def work(
            _progress: Progress, _cancel: CancelToken
        ) -> tuple[Record | None, dict[str, list[Choice]]]:
            record = (
                edit_records.blank(kind)
                if record_id is None
                else edit_records.read_record(db, kind, record_id)
            )
            return record, {name: edit_records.choices(db, name) for name in wanted}

        job = self.context.jobs.submit(f"{kind}: edit form", work)
        job.succeeded.connect(self._alive(lambda result: self._on_loaded(result, keep_form)))
        job.failed.connect(
            self._alive(lambda exc: self._show_banner(f"Could not read the record: {exc}"))
        )

    def _alive(self, slot: Callable[..., None]) -> Callable[..., None]:
        """``slot``, skipped once the dialog is deleted: a job may finish after the user
        closed the form."""

        def call(*args: Any) -> None:
            if shiboken6.isValid(self):
                slot(*args)

        return call

    def _on_loaded(
        self, result: tuple[Record | None, dict[str, list[Choice]]], keep_form: bool
    ) -> None:
        record, lists = result
        if record is None:
            self._show_banner(
                f"This {KINDS[self.kind].label} no longer exists; someone deleted it."
            )
            self.save_button.setEnabled(False)
            return
        for name, found in lists.items():
            self._labels[name] = {c.id: c.label for c in found}
            self.form.set_choices(name, found)
        self.record = record
        if not keep_form:
            if self._preset and record.record_id is None:
                record = Record(
                    record.kind, None, None, {**record.values, **self._preset}, record.coverage
                )
            self.form.load(record)
        self.title.setText(
            record.label[0].upper()
            + record.label[1:]
            + (f" · version {record.version}" if record.version else "")
        )
        self.form.setEnabled(True)
        self.save_button.setEnabled(True)
        emit(self.loaded)

    def _find_machines(self, text: str, show: Any) -> None:
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[Choice]:
            return edit_records.find_machines(db, text)

        job = self.context.jobs.submit("find machines", work)
        job.succeeded.connect(self._alive(lambda found: show(text, found)))

    # -- saving -----------------------------------------------------------------------------

    def _on_edited(self) -> None:
        if self.banner.property("tone") == "info":
            self.banner.hide()

    def _show_banner(self, text: str, tone: str = "error") -> None:
        self.banner.setText(text)
        self.banner.setProperty("tone", tone)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def save(self) -> None:
        """Check every field, then send what changed to the writer; errors stay in the form."""
        record = self.record
        if record is None or self._saving:
            return
        _values, errors = self.form.check()
        if errors:
            self._show_banner(
                "Correct the fields marked in red: "
                + "; ".join(f"{field_label(self.kind, n)}: {m}" for n, m in errors.items())
            )
            return
        changes = self.form.changes(record)
        coverage = self.form.coverage_pairs()
        coverage_changed = self.kind == "contracts" and coverage != set(record.coverage)
        if record.record_id is not None and not changes and not coverage_changed:
            self._show_banner("Nothing changed.", "info")
            return
        comment = self.comment.text().strip() or None
        db, kind = self.context.db, self.kind

        def work(_progress: Progress, _cancel: CancelToken) -> SaveOutcome:
            results: list[EditResult] = []
            try:
                if record.record_id is None:
                    results.append(editing.create(db, kind, changes, comment))
                    record_id, version = results[-1].record_id, 1
                    if coverage_changed:
                        results.append(
                            editing.set_coverage(db, record_id, version, sorted(coverage), comment)
                        )
                else:
                    # Fields and coverage of an existing contract commit in one transaction.
                    record_id, version = record.record_id, int(record.version or 0)
                    if changes or coverage_changed:
                        results.append(
                            editing.update(
                                db,
                                kind,
                                record_id,
                                version,
                                changes,
                                comment,
                                coverage=sorted(coverage) if coverage_changed else None,
                            )
                        )
            except Exception as exc:  # the edits before it committed: report both
                return results, exc
            return results, None

        self._saving = True
        self.save_button.setEnabled(False)
        self.save_button.setText("Saving…")
        job = self.context.writer.submit(f"{kind}: save", work)
        job.succeeded.connect(self._alive(self._on_saved))
        job.failed.connect(self._alive(lambda exc: self._on_saved(([], exc))))

    def _on_saved(self, outcome: SaveOutcome) -> None:
        self._saving = False
        self.save_button.setText("Create" if self.record_id is None else "Save")
        self.save_button.setEnabled(True)
        results, error = outcome
        if results:
            emit(self.saved, results)
            if self.record_id is None:
                self.record_id = results[0].record_id
        if error is None:
            self.accept()
            return
        if results:  # part committed: later saves start from what is stored now
            self._load(keep_form=True)
        if isinstance(error, ConcurrentEditError):
            self._show_conflict(error)
        elif isinstance(error, WorkbenchError):
            self._show_banner(str(error))
        else:
            self._show_banner(f"The change was not saved: {error}")

    # -- conflicts --------------------------------------------------------------------------

    def describe(self, name: str, value: Any) -> str:
        """A value as the user knows it: references by their label, not their id."""
        reference = next(
            (f.reference for f in FORMS[self.kind] if f.name == name and f.reference), None
        )
        if reference and isinstance(value, int):
            return self._labels.get(reference, {}).get(value, f"id {value}")
        return plain(name, value)

    def _show_conflict(self, error: ConcurrentEditError) -> None:
        self._show_banner(str(error))
        self._drop_conflict()
        self.conflict = ConflictDialog(
            error, lambda name: field_label(self.kind, name), self.describe, self
        )
        self.conflict.resolved.connect(self._on_resolved)
        self.conflict.open()

    def _on_resolved(self, choice: str) -> None:
        error = self.conflict.error if self.conflict is not None else None
        if error is not None and error.current_version is None:
            self.reject()
            return
        if choice == RELOAD:
            self.banner.hide()
            self._load()
        elif choice == KEEP:
            self._show_banner(
                "Your values are kept. Saving now replaces the other user's values.", "info"
            )
            self._load(keep_form=True)

    def _drop_conflict(self) -> None:
        conflict, self.conflict = self.conflict, None
        if conflict is not None:
            conflict.hide()
            conflict.deleteLater()

    def done(self, result: int) -> None:
        self._drop_conflict()
        super().done(result)


class DeleteDialog(QDialog):
    """Confirm deleting one record, with an optional comment for the audit trail."""

    confirmed = Signal(str)

    def __init__(self, record: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(f"Delete {KINDS[record.kind].label}")
        self.setMinimumWidth(480)
        text = f"Delete {record.label}?"
        if record.kind == "contracts":
            text += f" Its {len(record.coverage):,} obligation(s) go with it."
        text += " Edit > Undo brings it back while nobody has changed it since."
        message = QLabel(text)
        message.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Comment for the audit trail (optional)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = QPushButton("Delete")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.accepted.connect(lambda: emit(self.confirmed, self.comment.text().strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.comment)
        layout.addWidget(buttons)


def touched_of(results: Sequence[EditResult]) -> set[tuple[str, int]]:
    """Every (table, id) a list of edits wrote."""
    return {pair for result in results for pair in result.touched}
