"""Small widgets the import wizard's pages share: an inline job strip and the field chooser.

A wizard page that runs a job shows its progress in place (a bar, what is happening, a Cancel
button) rather than in a second modal dialog over the wizard, and shows a failure as one
sentence in red where the analyst is looking.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workbench.importers import FIELDS
from workbench.importers.records import RecordKind
from workbench.ui.import_models import NOT_IMPORTED, field_label
from workbench.ui.import_steps import RECORD_LABELS
from workbench.ui.jobs import Job
from workbench.ui.signals import emit

_Index = QModelIndex | QPersistentModelIndex

_TONE_STYLES = {
    "error": "color: #a4262c; font-weight: bold;",
    "warning": "color: #8a5a00;",
    "ok": "color: #1e6b34;",
    "info": "color: #4a5360;",
}


def set_tone(label: QLabel, text: str, tone: str = "info") -> None:
    """Show ``text`` in the colour of its meaning; an empty text hides the label."""
    label.setText(text)
    label.setStyleSheet(_TONE_STYLES.get(tone, ""))
    label.setVisible(bool(text))


class JobStrip(QWidget):
    """Progress of the page's running job, its Cancel button and the outcome sentence."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobStrip")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.bar.setMinimumWidth(220)
        self.label = QLabel()
        self.label.setObjectName("jobMessage")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._on_cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._job: Job[Any] | None = None
        self.idle("")

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, job: Job[Any], text: str) -> None:
        self._job = job
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        set_tone(self.label, text)
        job.progressed.connect(self._on_progress)
        job.finished.connect(self._on_finished)

    def idle(self, text: str, tone: str = "info") -> None:
        self._job = None
        self.bar.hide()
        self.cancel_button.hide()
        set_tone(self.label, text, tone)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        set_tone(self.label, "Cancelling… nothing is kept from an unfinished step.", "warning")
        self.cancel()
        emit(self.cancel_requested)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _on_finished(self) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        self._job = None


def field_choices() -> list[tuple[str, str]]:
    """(label, field key) for the drop-down, grouped by record kind; "" is "not imported"."""
    out: list[tuple[str, str]] = [(NOT_IMPORTED, "")]
    for kind in RecordKind:
        out.extend((field_label(f.key), f.key) for f in FIELDS if f.kind is kind)
    return out


class FieldDelegate(QStyledItemDelegate):
    """A drop-down of every importable field, grouped by record kind, required ones starred."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("fieldChooser")
        kind: RecordKind | None = None
        for label, key in field_choices():
            spec_kind = next((f.kind for f in FIELDS if f.key == key), None)
            if spec_kind is not None and spec_kind is not kind:
                kind = spec_kind
                combo.insertSeparator(combo.count())
                combo.addItem(RECORD_LABELS[kind].upper(), None)
                items = combo.model()
                if isinstance(items, QStandardItemModel):  # a caption, not a choice
                    items.item(combo.count() - 1).setEnabled(False)
            combo.addItem(label, key)
        combo.setMaxVisibleItems(24)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """The cell, with the arrow of a drop-down so it reads as something to choose."""
        super().paint(painter, option, index)
        rect = option.rect  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(QColor("#6b7683"))
        painter.drawText(
            rect.adjusted(0, 0, -8, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            "▾",
        )
        painter.restore()

    def _commit(self, combo: QComboBox) -> None:
        emit(self.commitData, combo)
        emit(self.closeEditor, combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            current = index.data(Qt.ItemDataRole.EditRole) or ""
            found = editor.findData(current)
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            key = editor.currentData()
            if isinstance(key, str):
                model.setData(index, key, Qt.ItemDataRole.EditRole)
