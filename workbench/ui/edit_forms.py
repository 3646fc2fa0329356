"""The form of each editable record kind: which fields, which widget, and the checks behind them.

Every field is checked with ``services.edit_fields`` -- the same checks the service applies on
save, which are the importer's -- so the message a user sees next to a field while typing is the
one the save would give, and nothing is saved that the form showed as wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    ProcessType,
    ServiceType,
)
from workbench.domain.errors import WorkbenchError
from workbench.domain.technology import advanced_node
from workbench.services.edit_fields import KINDS, SCRIPTS, canonical, same
from workbench.services.edit_records import Choice, Record
from workbench.ui.formatting import format_flag
from workbench.ui.signals import emit

TEXT, LONG, CHOICE, REFERENCE, MACHINE, ALIASES, SERVICES = (
    "text",
    "long",
    "choice",
    "reference",
    "machine",
    "aliases",
    "services",
)


@dataclass(frozen=True)
class FieldDef:
    name: str
    label: str
    widget: str = TEXT
    options: tuple[tuple[str, str], ...] = ()
    #: The kind a reference field points at.
    reference: str | None = None
    hint: str = ""


def _options(values: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((v.value, getattr(v, "label", v.value.replace("_", " "))) for v in values)


_DATE = "YYYY-MM-DD"
#: A yes/no fact; "—" leaves it unrecorded, which the rules count as a doubt.
_YES_NO = (("true", "yes"), ("false", "no"))
FORMS: dict[str, tuple[FieldDef, ...]] = {
    "customers": (
        FieldDef("code", "Code", hint="as in the ERP, e.g. SMIC-BJ"),
        FieldDef("name", "Name"),
        FieldDef("local_name", "Local name", hint="name in local script, e.g. 中芯国际"),
        FieldDef("hq_country", "HQ country", hint="ISO code or name"),
        FieldDef("parent_id", "Group (parent)", REFERENCE, reference="customers"),
        FieldDef("aliases", "Aliases", ALIASES),
    ),
    "fabs": (
        FieldDef("site_code", "Site code"),
        FieldDef("name", "Name"),
        FieldDef("customer_id", "Customer", REFERENCE, reference="customers"),
        FieldDef("country", "Country", hint="ISO code or name"),
        FieldDef("region", "Region"),
        FieldDef("city", "City"),
        FieldDef("address", "Address", LONG),
        FieldDef("process_type", "Process", CHOICE, _options(ProcessType)),
        FieldDef("logic_node_nm", "Logic node (nm)", hint="e.g. 14"),
        FieldDef("architecture", "Architecture", CHOICE, _options(Architecture)),
        FieldDef("dram_half_pitch_nm", "DRAM half-pitch (nm)"),
        FieldDef("nand_layers", "NAND layers"),
        FieldDef("wafer_size_mm", "Wafer size (mm)", hint="300 or 200"),
    ),
    "equipment_models": (
        FieldDef("vendor", "Vendor"),
        FieldDef("model_code", "Model code", hint="e.g. NXT:1980Di"),
        FieldDef("name", "Name"),
        FieldDef("category", "Category", CHOICE, _options(EquipmentCategory)),
        FieldDef("class_us", "US (ECCN)", hint="e.g. 3B001.f.1.b"),
        FieldDef("class_eu", "EU dual-use"),
        FieldDef("class_nl", "NL national annex"),
        FieldDef("class_jp", "JP (METI)"),
        FieldDef("class_kr", "KR"),
        FieldDef("wavelength_nm", "Wavelength (nm)"),
        FieldDef("numerical_aperture", "Numerical aperture"),
        FieldDef("overlay_nm", "Overlay (nm)"),
        FieldDef("throughput_wph", "Throughput (wafers/h)"),
        FieldDef("us_origin", "US-origin (made in the US)", CHOICE, _YES_NO),
        FieldDef("us_content_pct", "US-origin content (%)", hint="de minimis: 0 to 100"),
        FieldDef("us_direct_product", "US direct product (FDP)", CHOICE, _YES_NO),
    ),
    "machines": (
        FieldDef("vendor", "Vendor"),
        FieldDef("serial", "Serial", hint="text: leading zeros matter"),
        FieldDef("model_id", "Model", REFERENCE, reference="equipment_models"),
        FieldDef("fab_id", "Fab", REFERENCE, reference="fabs"),
        FieldDef("status", "Status", CHOICE, _options(MachineStatus)),
        FieldDef("ship_date", "Shipped", hint=_DATE),
        FieldDef("install_date", "Installed", hint=_DATE),
        FieldDef("shipped_under_licence", "Shipped under licence"),
    ),
    "contracts": (
        FieldDef("number", "Number"),
        FieldDef("customer_id", "Customer", REFERENCE, reference="customers"),
        FieldDef("title", "Title"),
        FieldDef("signed_date", "Signed", hint=_DATE),
        FieldDef("start_date", "Start", hint=_DATE),
        FieldDef("end_date", "End", hint=_DATE),
        FieldDef("value", "Value", hint="e.g. 1250000.00"),
        FieldDef("currency", "Currency", hint="ISO code, e.g. EUR"),
        FieldDef("renewal", "Renewal terms"),
        FieldDef("us_person_service", "US persons perform the service", CHOICE, _YES_NO),
    ),
    "licences": (
        FieldDef("authority", "Authority", hint="e.g. BIS, NL-CDIU, METI"),
        FieldDef("number", "Number"),
        FieldDef("valid_from", "Valid from", hint=_DATE),
        FieldDef("valid_to", "Valid to", hint=_DATE),
        FieldDef("customer_id", "Customer", REFERENCE, reference="customers"),
        FieldDef("fab_id", "Fab", REFERENCE, reference="fabs"),
        FieldDef("machine_id", "Machine", MACHINE),
        FieldDef("service_types", "Service types", SERVICES),
        FieldDef("notes", "Notes", LONG),
    ),
}


def references(kind_name: str) -> list[str]:
    """The kinds a form's reference fields list, loaded once per dialog."""
    return sorted({f.reference for f in FORMS[kind_name] if f.reference})


def check_field(kind_name: str, name: str, raw: Any) -> tuple[Any, str | None]:
    """``raw`` as stored, or the message ``edit_fields`` gives for it (and required fields)."""
    spec = KINDS[kind_name]
    empty = raw is None or (isinstance(raw, str) and not raw.strip())
    if empty and name in spec.required:
        label = next((f.label for f in FORMS[kind_name] if f.name == name), name)
        return None, f"{label} is required."
    if empty and name in ("value", "currency"):
        return None, None
    try:
        return spec.checks[name](name, raw), None
    except WorkbenchError as exc:
        return None, str(exc)


# -- field editors -----------------------------------------------------------------------------


class MachinePicker(QWidget):
    """Find a machine by serial: the installed base is too big for a drop-down.

    ``search_requested`` asks the owner to look the text up off the GUI thread; the owner hands
    the matches to :meth:`show_matches`; ``picked`` says which machine the user chose.
    """

    search_requested = Signal(str)
    picked = Signal(int, str)

    def __init__(self, button_text: str = "Find", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = QLineEdit()
        self.input.setPlaceholderText("Serial number…")
        self.input.returnPressed.connect(self._search)
        self.button = QPushButton(button_text)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._search)
        self.note = QLabel("")
        self.note.setObjectName("fieldHint")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.button)
        row.addWidget(self.note)
        self.menu: QMenu | None = None

    def _search(self) -> None:
        text = self.input.text().strip()
        if text:
            self.note.setText("Searching…")
            emit(self.search_requested, text)

    def show_matches(self, text: str, matches: Sequence[Choice]) -> None:
        """One exact serial is taken at once; several are offered in a menu."""
        self.note.setText("")
        exact = [m for m in matches if m.label.split(" ", 1)[-1] == text]
        if len(exact) == 1 or len(matches) == 1:
            chosen = exact[0] if len(exact) == 1 else matches[0]
            emit(self.picked, chosen.id, chosen.label)
            return
        if not matches:
            self.note.setText(f"No machine with serial '{text}'.")
            return
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = QMenu(self)
        for match in matches:
            action = self.menu.addAction(match.label)
            action.triggered.connect(lambda _c=False, m=match: emit(self.picked, m.id, m.label))
        self.menu.popup(self.input.mapToGlobal(self.input.rect().bottomLeft()))


class AliasEditor(QWidget):
    """Names a customer is also known by, each with its script (for screening)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Alias", "Script"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(130)
        self.table.itemChanged.connect(lambda _item: emit(self.changed))
        add = QPushButton("Add alias")
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self.add_alias("", "latin", edit=True))
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_alias(self, name: str, script: str, *, edit: bool = False) -> None:
        row = self.table.rowCount()
        with QSignalBlocker(self.table):
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox()
        combo.addItems(SCRIPTS)
        combo.setCurrentText(script if script in SCRIPTS else "other")
        combo.currentTextChanged.connect(lambda _t: emit(self.changed))
        self.table.setCellWidget(row, 1, combo)
        item = self.table.item(row, 0)
        if edit and item is not None:
            self.table.editItem(item)
        emit(self.changed)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            emit(self.changed)

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
        for alias in value or ():
            self.add_alias(alias["name"], alias["script"])

    def value(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            combo = self.table.cellWidget(row, 1)
            name = item.text().strip() if item is not None else ""
            script = combo.currentText() if isinstance(combo, QComboBox) else "latin"
            if name:
                out.append({"name": name, "script": script})
        return out


class ServiceList(QListWidget):
    """The service types as checkable items, in the vocabulary's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for service in ServiceType:
            item = QListWidgetItem(service.label)
            item.setData(Qt.ItemDataRole.UserRole, service.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(150)

    def set_value(self, value: Any) -> None:
        wanted = set(value.split(",") if isinstance(value, str) else value or ())
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def value(self) -> list[str]:
        return [
            str(self.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.count())
            if self.item(r).checkState() == Qt.CheckState.Checked
        ]


#: Column headers of the coverage table: nine full labels would not fit a dialog.
_SHORT = {
    ServiceType.PREVENTIVE_MAINTENANCE: "PM",
    ServiceType.REPAIR: "Repair",
    ServiceType.SPARE_PARTS: "Parts",
    ServiceType.CONSUMABLES: "Consumables",
    ServiceType.SOFTWARE_UPDATES: "Software",
    ServiceType.UPGRADES: "Upgrades",
    ServiceType.REMOTE_SUPPORT: "Remote",
    ServiceType.ONSITE_SUPPORT: "On-site",
    ServiceType.TRAINING: "Training",
}


class CoverageEditor(QWidget):
    """A contract's coverage: one row per machine, one checkable column per service type."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        services = list(ServiceType)
        self._services = [s.value for s in services]
        self.table = QTableWidget(0, 1 + len(services))
        self.table.setHorizontalHeaderLabels(["Machine", *(_SHORT[s] for s in services)])
        for column, service in enumerate(services, start=1):
            header = self.table.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(service.label)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(lambda _item: emit(self.changed))
        self.picker = MachinePicker("Add machine")
        self.picker.picked.connect(self.add_machine)
        remove = QPushButton("Remove machine")
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove)
        bar = QHBoxLayout()
        bar.addWidget(self.picker, 1)
        bar.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def _row_of(self, machine_id: int) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == machine_id:
                return row
        return None

    def add_machine(self, machine_id: int, label: str, services: Iterable[str] = ()) -> None:
        """Add a machine row; a new machine starts with every service type ticked."""
        existing = self._row_of(machine_id)
        if existing is not None:
            self.table.selectRow(existing)
            return
        ticked = set(services) if services else set(self._services)
        with QSignalBlocker(self.table):
            row = self.table.rowCount()
            self.table.insertRow(row)
            head = QTableWidgetItem(label)
            head.setData(Qt.ItemDataRole.UserRole, machine_id)
            self.table.setItem(row, 0, head)
            for column, service in enumerate(self._services, start=1):
                cell = QTableWidgetItem()
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                cell.setCheckState(
                    Qt.CheckState.Checked if service in ticked else Qt.CheckState.Unchecked
                )
                self.table.setItem(row, column, cell)
        emit(self.changed)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            emit(self.changed)

    def set_coverage(self, coverage: Iterable[tuple[int, str]], labels: Mapping[int, str]) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
        by_machine: dict[int, list[str]] = {}
        for machine_id, service in coverage:
            by_machine.setdefault(machine_id, []).append(service)
        for machine_id, services in by_machine.items():
            self.add_machine(machine_id, labels.get(machine_id, f"machine {machine_id}"), services)

    def coverage(self) -> set[tuple[int, str]]:
        out: set[tuple[int, str]] = set()
        for row in range(self.table.rowCount()):
            head = self.table.item(row, 0)
            if head is None:
                continue
            machine_id = int(head.data(Qt.ItemDataRole.UserRole))
            for column, service in enumerate(self._services, start=1):
                cell = self.table.item(row, column)
                if cell is not None and cell.checkState() == Qt.CheckState.Checked:
                    out.add((machine_id, service))
        return out


class _Field:
    """One field's editor plus the label under it that shows its check's message."""

    def __init__(self, definition: FieldDef, on_change: Any) -> None:
        self.definition = definition
        self.machine_label = ""
        self.machine_id: int | None = None
        kind = definition.widget
        self.editor: QWidget
        if kind == TEXT:
            line = QLineEdit()
            line.setPlaceholderText(definition.hint)
            line.textChanged.connect(on_change)
            self.editor = line
        elif kind == LONG:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMaximumHeight(70)
            text.textChanged.connect(on_change)
            self.editor = text
        elif kind in (CHOICE, REFERENCE):
            combo = QComboBox()
            combo.addItem("—", None)
            for value, label in definition.options:
                combo.addItem(label, value)
            if kind == REFERENCE:
                combo.setEditable(True)
                combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                completer = combo.completer()
                assert completer is not None  # an editable combo has one
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.currentIndexChanged.connect(on_change)
            self.editor = combo
        elif kind == MACHINE:
            picker = MachinePicker("Find")
            picker.picked.connect(self._picked)
            picker.picked.connect(on_change)
            clear = QPushButton("Clear")
            clear.setAutoDefault(False)
            clear.clicked.connect(lambda: self._picked(None, ""))
            clear.clicked.connect(on_change)
            self.picker = picker
            self.chosen = QLabel("—")
            host = QWidget()
            row = QHBoxLayout(host)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.chosen)
            row.addWidget(picker, 1)
            row.addWidget(clear)
            self.editor = host
        elif kind == ALIASES:
            aliases = AliasEditor()
            aliases.changed.connect(on_change)
            self.editor = aliases
        else:
            services = ServiceList()
            services.itemChanged.connect(on_change)
            self.editor = services
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.host = QWidget()
        column = QVBoxLayout(self.host)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.editor)
        column.addWidget(self.error)

    def _picked(self, machine_id: int | None, label: str) -> None:
        self.machine_id = machine_id
        self.chosen.setText(label or "—")

    def set_choices(self, choices: Sequence[Choice]) -> None:
        combo = self.editor
        assert isinstance(combo, QComboBox)
        current = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem("—", None)
            for choice in choices:
                combo.addItem(choice.label, choice.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def raw(self) -> Any:
        editor = self.editor
        if isinstance(editor, QLineEdit):
            return editor.text().strip() or None
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip() or None
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, AliasEditor):
            return editor.value()
        if isinstance(editor, ServiceList):
            return editor.value()
        return self.machine_id

    def set_raw(self, value: Any, machine_labels: Mapping[int, str]) -> None:
        editor = self.editor
        if isinstance(editor, QLineEdit):
            editor.setText("" if value is None else _text_of(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        elif isinstance(editor, QComboBox):
            if isinstance(value, bool):  # a yes/no fact is offered as "true" / "false"
                value = "true" if value else "false"
            index = editor.findData(value)
            if index < 0 and value is not None:  # a record the list does not hold (yet)
                editor.addItem(f"id {value}", value)
                index = editor.count() - 1
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, AliasEditor | ServiceList):
            editor.set_value(value)
        else:
            self._picked(value, machine_labels.get(value, f"machine {value}") if value else "")

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


def _text_of(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class RecordForm(QWidget):
    """The fields of one record kind, checked as the user types; a fab shows its derived
    advanced-node status live, a contract its coverage."""

    edited = Signal()

    def __init__(self, kind_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind_name
        self.fields: dict[str, _Field] = {}
        self._touched: set[str] = set()
        self._loading = False
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for definition in FORMS[kind_name]:
            field = _Field(definition, lambda *_a, n=definition.name: self._on_change(n))
            self.fields[definition.name] = field
            label = QLabel(definition.label)
            label.setObjectName("fieldName")
            form.addRow(label, field.host)
        self.advanced_label: QLabel | None = None
        if kind_name == "fabs":
            self.advanced_label = QLabel("")
            self.advanced_label.setObjectName("derivedValue")
            form.addRow(QLabel("Advanced node"), self.advanced_label)
        self.coverage: CoverageEditor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        if kind_name == "contracts":
            self.coverage = CoverageEditor()
            self.coverage.changed.connect(self._emit_edited)
            caption = QLabel("Coverage: machines and service types")
            caption.setObjectName("detailCaption")
            layout.addWidget(caption)
            layout.addWidget(self.coverage, 1)
        self._update_derived()

    # -- values -----------------------------------------------------------------------------

    def load(self, record: Record) -> None:
        """Fill the form from ``record`` (a new one, a stored one, or theirs after a conflict)."""
        self._loading = True
        try:
            for name, field in self.fields.items():
                field.set_raw(record.values.get(name), record.machine_labels)
                field.show_error(None)
            if self.coverage is not None:
                self.coverage.set_coverage(record.coverage, record.machine_labels)
        finally:
            self._loading = False
        self._touched.clear()
        self._update_derived()

    def set_choices(self, kind_name: str, choices: Sequence[Choice]) -> None:
        for field in self.fields.values():
            if field.definition.reference == kind_name:
                field.set_choices(choices)

    def raw_values(self) -> dict[str, Any]:
        return {name: field.raw() for name, field in self.fields.items()}

    def check(self, names: Iterable[str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
        """Stored values and messages of ``names`` (default: all); shows each message."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name in names if names is not None else self.fields:
            field = self.fields[name]
            value, message = check_field(self.kind, name, field.raw())
            field.show_error(message)
            if message:
                errors[name] = message
            else:
                values[name] = value
        return values, errors

    def changes(self, original: Record) -> dict[str, Any]:
        """The checked values that differ from ``original`` (all non-empty ones when new)."""
        values, _errors = self.check()
        out: dict[str, Any] = {}
        for name, value in values.items():
            before = original.values.get(name)
            if original.record_id is None:
                if value not in (None, "", []):
                    out[name] = value
            elif name == "aliases":
                if canonical(value) != canonical(before or []):
                    out[name] = value
            elif not same(before, value) and not (before in (None, "") and value in (None, "")):
                out[name] = value
        return out

    def coverage_pairs(self) -> set[tuple[int, str]]:
        return self.coverage.coverage() if self.coverage is not None else set()

    # -- reacting ---------------------------------------------------------------------------

    def _on_change(self, name: str) -> None:
        if self._loading:
            return
        self._touched.add(name)
        self.check([name])
        if self.kind == "machines" and name == "fab_id":
            self._relocation_status()
        self._update_derived()
        self._emit_edited()

    def _emit_edited(self) -> None:
        if not self._loading:
            emit(self.edited)

    def _relocation_status(self) -> None:
        """Moving an installed machine to another fab marks it relocated, as the service's
        relocation does; the user can still pick another status."""
        status = self.fields["status"].editor
        if isinstance(status, QComboBox) and status.currentData() == MachineStatus.INSTALLED:
            status.setCurrentIndex(status.findData(MachineStatus.RELOCATED.value))

    def _update_derived(self) -> None:
        if self.advanced_label is None:
            return
        values = {n: check_field("fabs", n, self.fields[n].raw())[0] for n in self.fields}
        process = values.get("process_type")
        architecture = values.get("architecture")
        flag = advanced_node(
            ProcessType(process) if process else None,
            values.get("logic_node_nm"),
            Architecture(architecture) if architecture else None,
            values.get("dram_half_pitch_nm"),
            values.get("nand_layers"),
        )
        reason = {
            True: "meets the 87 FR 62186 test",
            False: "below the 87 FR 62186 thresholds",
            None: "technology unknown: rules treat it as possibly advanced",
        }[flag]
        self.advanced_label.setText(f"{format_flag(flag)} · {reason}")
        self.advanced_label.setProperty("flag", str(flag).lower())


def field_label(kind_name: str, name: str) -> str:
    """A field's label as the form shows it (for the conflict dialog)."""
    for definition in FORMS.get(kind_name, ()):
        if definition.name == name:
            return definition.label
    return name.replace("_", " ").capitalize()


__all__ = [
    "FORMS",
    "AliasEditor",
    "CoverageEditor",
    "FieldDef",
    "MachinePicker",
    "RecordForm",
    "ServiceList",
    "check_field",
    "field_label",
    "references",
]
