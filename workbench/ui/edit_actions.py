"""New, Edit, Delete and Undo for the whole window, and the current user's role.

The window owns one :class:`EditController`. It finds what to act on by asking the current view
(a view that edits records offers ``new_kinds``, ``edit_target()`` and ``records_changed()``),
opens the dialogs, runs deletes and undos on the serial ``writer``, and announces every saved
edit through ``records_changed`` so each open view repaints just the rows the edit touched.
Write actions are disabled for a viewer; the service refuses them anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.services import edit_records, editing, roles
from workbench.services.edit_fields import KINDS
from workbench.services.edit_records import Choice, Record
from workbench.services.editing import ConcurrentEditError, EditResult, UndoableEdit
from workbench.services.roles import RoleInfo
from workbench.ui.edit_dialog import DeleteDialog, EditDialog
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext


@runtime_checkable
class EditableView(Protocol):
    """What a view offers the edit actions."""

    @property
    def new_kinds(self) -> tuple[str, ...]: ...

    def edit_target(self) -> tuple[str, int] | None: ...

    def records_changed(self, results: list[EditResult]) -> None: ...


def undo_text(edit: UndoableEdit | None) -> str:
    """The Undo action's text: what it would undo, by the record's name."""
    if edit is None or not edit.records:
        return QCoreApplication.translate("EditController", "&Undo")
    # the edited record itself, not the obligations that went with it
    table, _record_id, key = next((r for r in edit.records if r[0] in KINDS), edit.records[0])
    spec = KINDS.get(table)
    noun = spec.label if spec else table.replace("_", " ")
    others = sum(1 for r in edit.records if r[0] in KINDS) - 1
    more = (
        QCoreApplication.translate("EditController", " (+%1 more)").replace("%1", str(others))
        if others > 0
        else ""
    )
    name = key or ""
    if len(name) > 32:
        name = name[:31] + "…"
    text = QCoreApplication.translate("EditController", "&Undo Edit of %1 %2")
    return text.replace("%1", noun).replace("%2", name).rstrip() + more


class EditController(QObject):
    records_changed = Signal(object)  # list[EditResult]
    role_changed = Signal(object)  # RoleInfo

    def __init__(
        self, window: QWidget, context: ViewContext, current_view: Callable[[], QWidget | None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self._current_view = current_view
        self.role: RoleInfo | None = None
        self.undo_edit: UndoableEdit | None = None
        self.dialog: EditDialog | None = None
        self.delete_dialog: DeleteDialog | None = None
        self.message_box: QMessageBox | None = None

        self.new_action = QAction(self.tr("&New…"), window)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setStatusTip(self.tr("Create a record of the kind the current view lists"))
        self.new_action.triggered.connect(lambda _checked=False: self.new_record())
        self.edit_action = QAction(self.tr("&Edit…"), window)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.setStatusTip(self.tr("Edit the selected record"))
        self.edit_action.triggered.connect(lambda _checked=False: self.edit_record())
        self.delete_action = QAction(self.tr("&Delete…"), window)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setStatusTip(self.tr("Delete the selected record (undo brings it back)"))
        self.delete_action.triggered.connect(lambda _checked=False: self.delete_record())
        self.undo_action = QAction(self.tr("&Undo"), window)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setStatusTip(self.tr("Undo your last edit, as a new audited edit"))
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        self.new_kind_actions: dict[str, QAction] = {}
        for kind, spec in KINDS.items():
            action = QAction(f"New {spec.label.title()}…", window)
            action.triggered.connect(lambda _c=False, k=kind: self.new_record(k))
            self.new_kind_actions[kind] = action
        self.other_actions: list[QAction] = []
        for kind in ("equipment_models", "licences"):
            action = QAction(f"Edit {KINDS[kind].label.title()}…", window)
            action.triggered.connect(lambda _c=False, k=kind: self.choose_and_edit(k))
            self.other_actions.append(action)
        self._write_actions = [
            self.new_action,
            self.edit_action,
            self.delete_action,
            *self.new_kind_actions.values(),
            *self.other_actions,
        ]
        self.context.database_changed.connect(self.refresh)

    # -- menus ------------------------------------------------------------------------------

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        new_menu = menu.addMenu(self.tr("New &Record"))
        new_menu.addActions(list(self.new_kind_actions.values()))
        menu.addActions(self.other_actions)

    def view_actions(self, view: QWidget) -> list[QAction]:
        """A view's context menu: New for each kind it lists, Edit, Delete."""
        kinds: Sequence[str] = getattr(view, "new_kinds", ())
        return [*(self.new_kind_actions[k] for k in kinds), self.edit_action, self.delete_action]

    # -- role and undo ----------------------------------------------------------------------

    @property
    def can_write(self) -> bool:
        return self.role is not None and self.role.role != roles.VIEWER

    def refresh(self) -> None:
        """Read the role and the newest undoable edit again (start, another database)."""
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> tuple[RoleInfo, UndoableEdit | None]:
            found = editing.undoable(db, 1)
            return roles.current_role(db), (found[0] if found else None)

        job = self.context.jobs.submit("role and undo", work)
        job.succeeded.connect(self._on_refreshed)
        job.failed.connect(lambda exc: emit(self.context.message, f"Cannot read your role: {exc}"))

    def _on_refreshed(self, result: tuple[RoleInfo, UndoableEdit | None]) -> None:
        self.role, self.undo_edit = result
        for action in self._write_actions:
            action.setEnabled(self.can_write)
            if not self.can_write:
                action.setToolTip(f"Your role ({self.role.role}) only reads this book")
        self.undo_action.setEnabled(self.can_write and self.undo_edit is not None)
        self.undo_action.setText(undo_text(self.undo_edit))
        emit(self.role_changed, self.role)

    # -- opening dialogs --------------------------------------------------------------------

    def _view(self) -> Any:
        return self._current_view()

    def _say(self, text: str) -> None:
        emit(self.context.message, text)

    def _open(self, dialog: EditDialog) -> EditDialog:
        self.drop_dialogs()
        dialog.saved.connect(self._on_saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_record(self, kind: str | None = None) -> EditDialog | None:
        view = self._view()
        if kind is None:
            kinds = view.new_kinds if isinstance(view, EditableView) else ()
            if not kinds:
                self._say("This view lists no records to create; use Edit > New Record.")
                return None
            kind = kinds[0]
        preset_of = getattr(view, "new_preset", None)
        preset = preset_of(kind) if callable(preset_of) else {}
        return self._open(EditDialog(self.context, kind, None, preset=preset, parent=self.window))

    def edit_record(
        self, kind: str | None = None, record_id: int | None = None
    ) -> EditDialog | None:
        if kind is None or record_id is None:
            view = self._view()
            target = view.edit_target() if isinstance(view, EditableView) else None
            if target is None:
                self._say("Select a record to edit first.")
                return None
            kind, record_id = target
        return self._open(EditDialog(self.context, kind, record_id, parent=self.window))

    def choose_and_edit(self, kind: str) -> None:
        """Pick a record of a kind no view lists (models, licences) by name, then edit it."""
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[Choice]:
            return edit_records.choices(db, kind)

        job = self.context.jobs.submit(f"{kind}: choices", work)
        job.succeeded.connect(lambda found: self._on_choices(kind, found))

    def _on_choices(self, kind: str, found: list[Choice]) -> None:
        label = KINDS[kind].label
        if not found:
            self._say(f"There is no {label} yet; use Edit > New Record.")
            return
        picked, ok = QInputDialog.getItem(
            self.window, f"Edit {label}", f"Which {label}?", [c.label for c in found], 0, False
        )
        if ok:
            chosen = next(c for c in found if c.label == picked)
            self.edit_record(kind, chosen.id)

    # -- delete -----------------------------------------------------------------------------

    def delete_record(self) -> None:
        view = self._view()
        target = view.edit_target() if isinstance(view, EditableView) else None
        if target is None:
            self._say("Select a record to delete first.")
            return
        kind, record_id = target
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> Record | None:
            return edit_records.read_record(db, kind, record_id)

        job = self.context.jobs.submit(f"{kind}: read for delete", work)
        job.succeeded.connect(self._confirm_delete)

    def _confirm_delete(self, record: Record | None) -> None:
        if record is None:
            self._say("The record no longer exists.")
            return
        self.drop_dialogs()
        self.delete_dialog = DeleteDialog(record, self.window)
        self.delete_dialog.confirmed.connect(lambda comment: self._delete(record, comment))
        self.delete_dialog.open()

    def _delete(self, record: Record, comment: str) -> None:
        db = self.context.db
        assert record.record_id is not None and record.version is not None
        record_id, version = record.record_id, record.version

        def work(_progress: Progress, _cancel: CancelToken) -> list[EditResult]:
            return [editing.delete_record(db, record.kind, record_id, version, comment or None)]

        job = self.context.writer.submit(f"{record.kind}: delete", work)
        job.succeeded.connect(self._on_saved)
        job.succeeded.connect(lambda _r: self._say(f"Deleted {record.label}."))
        job.failed.connect(lambda exc: self._report("Not deleted", exc))

    # -- undo -------------------------------------------------------------------------------

    def undo(self) -> None:
        db = self.context.db
        self.undo_action.setEnabled(False)

        def work(_progress: Progress, _cancel: CancelToken) -> list[EditResult]:
            return editing.undo_last(db, 1)

        described = self.undo_action.text().replace("&", "")
        job = self.context.writer.submit("undo", work)
        job.succeeded.connect(self._on_saved)
        job.succeeded.connect(lambda _r: self._say(f"{described}: done."))
        job.failed.connect(lambda exc: self._report("Cannot undo", exc))
        job.failed.connect(lambda _exc: self.refresh())

    # -- results ----------------------------------------------------------------------------

    def _on_saved(self, results: list[EditResult]) -> None:
        emit(self.records_changed, results)
        self.refresh()

    def _report(self, title: str, exc: object) -> None:
        if isinstance(exc, ConcurrentEditError | WorkbenchError):
            text = str(exc)
        else:
            text = f"{title}: {exc}"
        self._say(text)
        if self.message_box is not None:
            self.message_box.deleteLater()
        self.message_box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.window)
        self.message_box.open()

    def drop_dialogs(self) -> None:
        """Delete open dialogs now, before the window: PySide6 crashed on dialogs left to the
        garbage collector after their parent went."""
        for name in ("dialog", "delete_dialog", "message_box"):
            dialog = getattr(self, name)
            setattr(self, name, None)
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.hide()
                shiboken6.delete(dialog)
