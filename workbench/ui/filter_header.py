"""A table header with a filter box under every column, the way spreadsheet users expect.

The boxes are children of the header and follow its sections when they are resized, moved,
hidden or scrolled, so column layout (saved with ``saveState``) and filters never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QWidget

from workbench.services.browse import ColumnKind, TableSpec
from workbench.ui.signals import emit

#: Milliseconds of quiet typing before a filter is applied (one SQL query per pause).
DEBOUNCE_MS = 300

_HINTS = {
    ColumnKind.TEXT: "filter…",
    ColumnKind.DATE: "yyyy-mm…",
    ColumnKind.MONEY: "filter…",
    ColumnKind.INT: "filter…",
    ColumnKind.FLOAT: "filter…",
    ColumnKind.BOOL: "yes/no/?",
}

_PADDING = 4


class FilterHeader(QHeaderView):
    """Horizontal header with one ``QLineEdit`` per section; emits ``filters_changed``."""

    filters_changed = Signal(dict)  # {column key: text}

    def __init__(self, spec: TableSpec, parent: QWidget | None = None) -> None:
        self._editors: list[QLineEdit] = []
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setSectionsMovable(True)
        self.setSortIndicatorShown(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setStretchLastSection(True)
        self._keys = [c.key for c in spec.columns]
        for column in spec.columns:
            editor = QLineEdit(self)
            editor.setObjectName("columnFilter")
            editor.setPlaceholderText(_HINTS[column.kind])
            editor.setClearButtonEnabled(True)
            editor.setToolTip(f"Show rows whose {column.label} {_verb(column.kind)}")
            editor.textChanged.connect(self._schedule)
            self._editors.append(editor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.sectionResized.connect(self._place_editors)
        self.sectionMoved.connect(self._place_editors)
        self.sectionCountChanged.connect(self._place_editors)

    # -- filters --------------------------------------------------------------------------

    def filters(self) -> dict[str, str]:
        return {
            key: editor.text().strip()
            for key, editor in zip(self._keys, self._editors, strict=True)
            if editor.text().strip()
        }

    def set_filter(self, key: str, text: str, *, immediate: bool = False) -> None:
        self._editors[self._keys.index(key)].setText(text)
        if immediate:
            self._timer.stop()
            self._emit()

    def clear_filters(self) -> None:
        for editor in self._editors:
            editor.blockSignals(True)
            editor.clear()
            editor.blockSignals(False)
        self._timer.stop()
        self._emit()

    def editor(self, key: str) -> QLineEdit:
        return self._editors[self._keys.index(key)]

    def _schedule(self) -> None:
        self._timer.start()

    def _emit(self) -> None:
        emit(self.filters_changed, self.filters())

    # -- geometry -------------------------------------------------------------------------

    def _editor_height(self) -> int:
        return self._editors[0].sizeHint().height() if self._editors else 0

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        if self._editors:
            size.setHeight(size.height() + self._editor_height() + _PADDING)
        return size

    def updateGeometries(self) -> None:
        extra = self._editor_height() + _PADDING if self._editors else 0
        self.setViewportMargins(0, 0, 0, extra)
        super().updateGeometries()
        self._place_editors()

    def place_editors(self) -> None:
        """Re-align the boxes; the owning view calls this when it scrolls horizontally."""
        self._place_editors()

    def _place_editors(self, *_args: object) -> None:
        height = self._editor_height()
        top = self.viewport().height() + _PADDING // 2
        for logical, editor in enumerate(self._editors):
            if logical >= self.count() or self.isSectionHidden(logical):
                editor.hide()
                continue
            x = self.sectionViewportPosition(logical)
            editor.setGeometry(x + 1, top, max(self.sectionSize(logical) - 2, 8), height)
            editor.show()


def _verb(kind: ColumnKind) -> str:
    if kind is ColumnKind.BOOL:
        return "is yes, no or unknown"
    if kind is ColumnKind.DATE:
        return "starts with or contains the text (YYYY, YYYY-MM, YYYY-MM-DD)"
    return "contains the text"
