"""Table models of the import wizard and the import history.

They are small (a sheet's columns, a plan's counts, the rejected rows of a file), so each holds
its rows as strings and answers ``data()`` from memory. Colour carries meaning only: a rejected
cell is red with its message as tooltip, a relocation amber, a required field marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.importers import FIELDS, FIELDS_BY_KEY
from workbench.importers.headers import header_key
from workbench.services.import_history import BatchSummary
from workbench.services.importing import ImportPlan, PlanKind
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.formatting import Badge, Tone
from workbench.ui.import_steps import (
    KIND_LABELS,
    RECORD_LABELS,
    ChangeLine,
    ReadResult,
    RejectedSheet,
    SheetColumns,
    SheetKey,
    is_required,
)
from workbench.ui.roles import BADGE_ROLE
from workbench.ui.signals import emit

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

#: Data role of the mapping model's field column: the list of field keys of that column.
FIELDS_ROLE = int(Qt.ItemDataRole.UserRole) + 20
NOT_IMPORTED = "— not imported"


def field_label(key: str) -> str:
    """ "Machines › Serial number" with a star for a field a record cannot do without."""
    spec = FIELDS_BY_KEY[key]
    label = f"{_kind_label(spec.kind.value)} › {spec.label}"
    return f"{label} *" if is_required(key) else label


def _kind_label(kind: str) -> str:
    for record_kind, label in RECORD_LABELS.items():
        if record_kind.value == kind:
            return label
    return kind


def _brush(tone: Tone, foreground: bool) -> QBrush:
    background, text = TONE_COLOURS[tone]
    return QBrush(QColor(text if foreground else background))


class TextRowsModel(QAbstractTableModel):
    """Read-only rows of strings; subclasses colour cells and right-align figures."""

    numeric_columns: frozenset[int] = frozenset()

    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = list(headers)
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]], headers: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        if headers is not None:
            self._headers = list(headers)
        width = len(self._headers)
        self._rows = [tuple(list(r)[:width]) + ("",) * (width - len(r)) for r in rows]
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def cell_tone(self, row: int, column: int) -> Tone | None:
        """Tone of a cell that means something (rejected, relocated); None for plain."""
        return None

    def cell_tooltip(self, row: int, column: int) -> str | None:
        text = self._rows[row][column]
        return text if len(text) > 30 else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.numeric_columns else _LEFT
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            tone = self.cell_tone(row, column)
            if tone is None:
                return None
            return _brush(tone, role == Qt.ItemDataRole.ForegroundRole)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.numeric_columns else _LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- wizard: sheets ----------------------------------------------------------------------------


class SheetsModel(TextRowsModel):
    """Each sheet read: where its header is, which records it holds, how many rows."""

    numeric_columns = frozenset({2, 4, 5})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("File", "Sheet", "Header row", "Holds", "Rows", "Rejected"), parent)
        self._skipped: set[int] = set()
        self._rejected: set[int] = set()

    def set_read(self, read: ReadResult) -> None:
        rows: list[tuple[str, ...]] = []
        self._skipped.clear()
        self._rejected.clear()
        for number, s in enumerate(read.parsed.sheets):
            holds = ", ".join(RECORD_LABELS[k] for k in s.kinds)
            if s.header_row is None:
                holds = "Skipped: no header row found"
                self._skipped.add(number)
            elif not s.kinds:
                holds = "Nothing recognised"
                self._skipped.add(number)
            if s.rows_rejected:
                self._rejected.add(number)
            rows.append(
                (
                    s.file,
                    s.sheet or "—",
                    str(s.header_row) if s.header_row else "—",
                    holds,
                    f"{s.rows_read:,}",
                    f"{s.rows_rejected:,}",
                )
            )
        self.set_rows(rows)

    def cell_tone(self, row: int, column: int) -> Tone | None:
        if column == 3 and row in self._skipped:
            return Tone.WARNING
        if column == 5 and row in self._rejected:
            return Tone.DANGER
        return None


# -- wizard: mapping ---------------------------------------------------------------------------


class ColumnMappingModel(QAbstractTableModel):
    """One sheet's source columns and the fields each feeds; the field column is editable.

    The analyst's choices are kept per sheet (``choices``), so switching sheets keeps edits.
    A field reads one column: giving it to a column takes it away from any other.
    """

    COLUMN, HEADING, SAMPLES, FIELD, STATE = range(5)
    HEADERS = ("Column", "Heading in the file", "Examples", "Imported as", "Status")
    mapping_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sheet: SheetColumns | None = None
        self.choices: dict[SheetKey, dict[str, str]] = {}
        self.suggested: dict[SheetKey, dict[str, str]] = {}

    def load(
        self, suggested: dict[SheetKey, dict[str, str]], choices: dict[SheetKey, dict[str, str]]
    ) -> None:
        self.beginResetModel()
        self.suggested = {k: dict(v) for k, v in suggested.items()}
        self.choices = {k: dict(v) for k, v in choices.items()}
        self.endResetModel()

    def show_sheet(self, sheet: SheetColumns | None) -> None:
        self.beginResetModel()
        self._sheet = sheet
        if sheet is not None:
            self.choices.setdefault(sheet.key, {})
        self.endResetModel()

    @property
    def sheet(self) -> SheetColumns | None:
        return self._sheet

    def _fields(self) -> dict[str, str]:
        return self.choices[self._sheet.key] if self._sheet is not None else {}

    def fields_of(self, row: int) -> list[str]:
        """Field keys the source column at ``row`` feeds, in catalogue order."""
        if self._sheet is None:
            return []
        heading = header_key(self._sheet.columns[row].heading)
        mapped = {k for k, v in self._fields().items() if header_key(v) == heading}
        return [f.key for f in FIELDS if f.key in mapped]

    def _suggested_of(self, row: int) -> list[str]:
        if self._sheet is None:
            return []
        heading = header_key(self._sheet.columns[row].heading)
        mapped = self.suggested.get(self._sheet.key, {})
        return [f.key for f in FIELDS if header_key(mapped.get(f.key, "\0")) == heading]

    def set_fields(self, row: int, keys: Sequence[str]) -> None:
        """Make the column at ``row`` feed exactly ``keys`` (empty: not imported)."""
        if self._sheet is None or not 0 <= row < len(self._sheet.columns):
            return
        for key in keys:
            if key not in FIELDS_BY_KEY:
                raise ValueError(f"'{key}' is not an importable field")
        fields = self._fields()
        heading = self._sheet.columns[row].heading
        for key in self.fields_of(row):
            del fields[key]
        moved_from = {k: v for k, v in fields.items() if k in keys}
        for key in keys:
            fields[key] = heading
        self._changed(row)
        for old_heading in set(moved_from.values()):
            for other, column in enumerate(self._sheet.columns):
                if header_key(column.heading) == header_key(old_heading):
                    self._changed(other)

    def toggle_field(self, row: int, key: str) -> None:
        current = self.fields_of(row)
        self.set_fields(
            row, [k for k in current if k != key] if key in current else [*current, key]
        )

    def _changed(self, row: int) -> None:
        emit(self.dataChanged, self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        emit(self.mapping_changed)

    # -- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._sheet is None:
            return 0
        return len(self._sheet.columns)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._sheet is None:
            return None
        row, column = index.row(), index.column()
        source = self._sheet.columns[row]
        keys = self.fields_of(row)
        if role == FIELDS_ROLE:
            return keys
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN:
                return source.letter
            if column == self.HEADING:
                return source.heading
            if column == self.SAMPLES:
                return " · ".join(source.samples)
            if column == self.FIELD:
                return ", ".join(field_label(k) for k in keys) or NOT_IMPORTED
            return self._state(row, keys)
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return keys[0] if keys else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FIELD:
                return "Double-click to choose the field; right-click to feed more than one."
            if column == self.SAMPLES and source.samples:
                return "\n".join(source.samples)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FIELD and not keys:
            return QBrush(QColor("#8a94a0"))
        if role == Qt.ItemDataRole.FontRole and column == self.FIELD and keys:
            font = QFont()
            font.setBold(any(is_required(k) for k in keys))
            return font
        if role == BADGE_ROLE and column == self.STATE:
            state = self._state(row, keys)
            tone = {"suggested": Tone.OK, "changed": Tone.WARNING}.get(state, Tone.NEUTRAL)
            return Badge(state, tone) if state else None
        return None

    def _state(self, row: int, keys: list[str]) -> str:
        suggested = self._suggested_of(row)
        if keys and keys == suggested:
            return "suggested"
        if keys != suggested:
            return "changed"
        return ""

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.FIELD:
            return False
        if role == FIELDS_ROLE and isinstance(value, list | tuple):
            self.set_fields(index.row(), [str(v) for v in value])
            return True
        if role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            if value and value not in FIELDS_BY_KEY:
                return False
            self.set_fields(index.row(), [value] if value else [])
            return True
        return False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


# -- wizard: preview ---------------------------------------------------------------------------


class CountsModel(TextRowsModel):
    """New / changed / unchanged / rejected per record kind."""

    numeric_columns = frozenset({1, 2, 3, 4})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Records", "New", "Changed", "Unchanged", "Rejected"), parent)
        self._values: list[tuple[int, ...]] = []

    def set_plan(self, plan: ImportPlan) -> None:
        rows: list[tuple[str, ...]] = []
        self._values = []
        for kind in PlanKind:
            counts = plan.kinds[kind].counts()
            values = (counts["new"], counts["changed"], counts["unchanged"], counts["rejected"])
            if not any(values):
                continue
            self._values.append(values)
            rows.append((KIND_LABELS[kind], *(f"{v:,}" for v in values)))
        self.set_rows(rows)

    def cell_tone(self, row: int, column: int) -> Tone | None:
        if column == 0:
            return None
        value = self._values[row][column - 1]
        if not value:
            return None
        return {1: Tone.OK, 2: Tone.WARNING, 4: Tone.DANGER}.get(column)


class RejectedRowsModel(TextRowsModel):
    """The rejected rows of one source sheet: row number, original cells, what is wrong.

    Cells that caused the rejection are red, with their message as tooltip; the last column
    holds every message of the row, so nothing needs hovering to be read.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._sheet: RejectedSheet | None = None
        self.numeric_columns = frozenset({0})

    def set_sheet(self, sheet: RejectedSheet | None) -> None:
        self._sheet = sheet
        if sheet is None:
            self.set_rows([], [])
            return
        headers = ["Row", *sheet.headings, "Why it was rejected"]
        rows = [
            (str(line.row), *_padded(line.values, len(sheet.headings)), "\n".join(line.messages))
            for line in sheet.lines
        ]
        self.set_rows(rows, headers)

    def is_offending(self, row: int, column: int) -> bool:
        if self._sheet is None:
            return False
        return (column - 1) in self._sheet.lines[row].cell_messages

    def cell_tone(self, row: int, column: int) -> Tone | None:
        return Tone.DANGER if self.is_offending(row, column) else None

    def cell_tooltip(self, row: int, column: int) -> str | None:
        if self._sheet is None:
            return None
        line = self._sheet.lines[row]
        messages = line.cell_messages.get(column - 1)
        if messages:
            return "\n".join(messages)
        if column == self.columnCount() - 1:
            return "\n".join(line.messages)
        return super().cell_tooltip(row, column)


def _padded(values: tuple[str, ...], width: int) -> tuple[str, ...]:
    return values[:width] + ("",) * (width - len(values))


class ChangesModel(TextRowsModel):
    """Changed records field by field (was -> becomes); relocations are amber."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Type", "Record", "Field", "Was", "Becomes", "Source"), parent)
        self._relocations: set[int] = set()

    def set_lines(self, lines: Sequence[ChangeLine]) -> None:
        self._relocations = {i for i, line in enumerate(lines) if line.relocation}
        self.set_rows([(c.kind, c.key, c.field, c.old, c.new, c.source) for c in lines])

    def cell_tone(self, row: int, column: int) -> Tone | None:
        return Tone.WARNING if row in self._relocations and column in (2, 3, 4) else None


class NewRecordsModel(TextRowsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Type", "Record", "Source"), parent)

    def set_lines(self, lines: Sequence[ChangeLine]) -> None:
        self.set_rows([(c.kind, c.key, c.source) for c in lines])


class NearMatchesModel(QAbstractTableModel):
    """The plan's "is X the stored Y?" questions; the analyst ticks the ones that are.

    Unticked is the default: a near match is never merged on its own. A tick names the
    stored customer's code as the answer (the command line's ``--match NAME=CODE``).
    """

    answers_changed = Signal()

    HEADERS = ("Same customer?", "Name in the file", "Resembles", "Code", "Similarity")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matches: list[Any] = []
        self._ticked: set[int] = set()

    def set_matches(self, matches: Sequence[Any], answers: dict[str, str]) -> None:
        self.beginResetModel()
        self._matches = [m for m in matches if m.candidate_code] + [
            m for m in matches if not m.candidate_code
        ]
        self._ticked = {
            i for i, m in enumerate(self._matches) if answers.get(m.name) == m.candidate_code
        }
        self.endResetModel()

    def answers(self) -> dict[str, str]:
        return {
            self._matches[i].name: self._matches[i].candidate_code
            for i in sorted(self._ticked)
            if self._matches[i].candidate_code
        }

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        match, column = self._matches[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            if not match.candidate_code:
                return None
            ticked = index.row() in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if not match.candidate_code:
                    return "both new: fix the file"
                return "yes" if index.row() in self._ticked else "no (a new customer)"
            return (
                None,
                match.name,
                match.candidate,
                match.candidate_code or "new in this file",
                f"{match.score:.0f}",
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == 4 else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return match.question
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if not self._matches[index.row()].candidate_code:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        row = index.row()
        if checked == (row in self._ticked):
            return True
        if checked:
            self._ticked.add(row)
        else:
            self._ticked.discard(row)
        emit(self.dataChanged, index, self.index(row, 0))
        emit(self.answers_changed)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self._matches[index.row()].candidate_code:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


class IssuesModel(TextRowsModel):
    """Every message of the import: errors, warnings (values taken, but look) and notes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Severity", "Where", "Message"), parent)

    def set_issues(self, issues: Sequence[Any]) -> None:
        order = {"error": 0, "warning": 1, "info": 2}
        ranked = sorted(issues, key=lambda i: order.get(i.severity.value, 3))
        rows = []
        for issue in ranked:
            where = [issue.file]
            if issue.sheet:
                where.append(f"sheet '{issue.sheet}'")
            if issue.row is not None:
                where.append(f"row {issue.row}")
            if issue.column_header:
                letter = f" ({issue.column_letter})" if issue.column_letter else ""
                where.append(f"'{issue.column_header}'{letter}")
            rows.append((issue.severity.value, ", ".join(where), issue.message))
        self.set_rows(rows)

    def cell_tone(self, row: int, column: int) -> Tone | None:
        if column != 0:
            return None
        return {"error": Tone.DANGER, "warning": Tone.WARNING}.get(self.text(row, 0))


# -- history -----------------------------------------------------------------------------------

STATUS_TONES = {"committed": Tone.OK, "partial": Tone.WARNING, "unchanged": Tone.NEUTRAL}


def local_time(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class BatchesModel(TextRowsModel):
    """Import batches, newest first, with what each did."""

    numeric_columns = frozenset({0, 5, 6, 7})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            ("Batch", "When", "Files", "User", "Status", "New", "Changed", "Rejected"), parent
        )
        self.batches: list[BatchSummary] = []

    def set_batches(self, batches: Sequence[BatchSummary]) -> None:
        self.batches = list(batches)
        self.set_rows(
            [
                (
                    str(b.id),
                    local_time(b.created_at),
                    b.file_name,
                    b.user,
                    b.status,
                    f"{b.total('new'):,}",
                    f"{b.total('changed'):,}",
                    f"{b.total('rejected'):,}",
                )
                for b in self.batches
            ]
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == BADGE_ROLE and index.isValid() and index.column() == 4:
            status = self.text(index.row(), 4)
            return Badge(status, STATUS_TONES.get(status, Tone.NEUTRAL))
        return super().data(index, role)

    def row_of(self, batch_id: int) -> int | None:
        for row, batch in enumerate(self.batches):
            if batch.id == batch_id:
                return row
        return None
