"""The rule editor's scope builder: a tree of all / any / not groups and predicates, and a form
for the selected predicate whose pickers offer the book's real values.

The tree holds plain YAML data (dicts as the pack file has them), so whatever the form cannot
express survives a round trip, and the YAML tab and the tree always say the same thing.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter, ValidationError
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    ProcessType,
    Regime,
)
from workbench.rules.model import PREDICATE_KINDS, Scope
from workbench.services.catalogue import Catalogue
from workbench.services.rule_text import describe_predicate
from workbench.ui.signals import emit
from workbench.ui.views.dashboard import country_name

_NODE = int(Qt.ItemDataRole.UserRole) + 20
GROUPS = ("all", "any", "not")
GROUP_TITLES = {"all": "All of", "any": "Any of", "not": "Not"}
KIND_TITLES = {
    "country": "Country",
    "country_group": "Country group (EAR)",
    "advanced_node": "Advanced-node fab",
    "process_type": "Fab process type",
    "architecture": "Transistor architecture",
    "category": "Equipment category",
    "machine_status": "Machine status",
    "model": "Equipment model",
    "model_set": "Model list of the pack",
    "classification": "Classification code",
    "threshold": "Numeric threshold",
    "listed": "Restricted-party listing",
    "owned_by": "Owned 50 % or more by listed parties (Affiliates rule)",
    "flag": "Yes/no fact (US persons, US origin, US direct product)",
    "subject_to_ear": "Subject to the EAR (origin, de minimis, direct product)",
    "date": "Ship / install / contract date",
    "obligation_overlaps": "Obligation runs on a date",
}
#: A new predicate of each kind, valid as far as possible before the user picks values.
DEFAULTS: dict[str, dict[str, Any]] = {
    "country": {"kind": "country", "in": ["CN"]},
    "country_group": {"kind": "country_group", "in": ["D:5"]},
    "advanced_node": {"kind": "advanced_node"},
    "process_type": {"kind": "process_type", "in": ["logic"]},
    "architecture": {"kind": "architecture", "in": ["finfet"]},
    "category": {"kind": "category", "in": ["duv_immersion"]},
    "machine_status": {"kind": "machine_status", "in": ["installed"]},
    "model": {"kind": "model", "vendor": "ASML", "in": []},
    "model_set": {"kind": "model_set", "set": ""},
    "classification": {"kind": "classification", "regime": "US", "in": [], "match": "prefix"},
    "threshold": {"kind": "threshold", "field": "logic_node_nm", "op": "<=", "value": 16},
    "listed": {"kind": "listed", "lists": ["entity_list"]},
    "owned_by": {"kind": "owned_by", "lists": ["entity_list"], "min_pct": 50.0},
    "flag": {"kind": "flag", "field": "us_person", "unknown_counts": True},
    "subject_to_ear": {"kind": "subject_to_ear"},
    "date": {"kind": "date", "field": "ship_date", "op": "before", "date": "effective"},
    "obligation_overlaps": {"kind": "obligation_overlaps"},
}
_OF = [("fab", "Fab location"), ("customer_hq", "Customer headquarters")]
_THRESHOLDS = [
    ("logic_node_nm", "Fab logic node (nm)"),
    ("dram_half_pitch_nm", "Fab DRAM half-pitch (nm)"),
    ("nand_layers", "Fab NAND layers"),
    ("overlay_nm", "Tool overlay (nm)"),
    ("wavelength_nm", "Tool wavelength (nm)"),
    ("numerical_aperture", "Tool numerical aperture"),
    ("wafer_size_mm", "Fab wafer size (mm)"),
    ("us_content_pct", "Tool US-origin content (%)"),
]
_FLAG_FIELDS = [
    ("us_person", "US persons take part in the service"),
    ("us_origin", "Model is US-origin"),
    ("us_direct_product", "Model is a US direct product"),
]
_OPS = [("<", "<"), ("<=", "≤"), (">", ">"), (">=", "≥")]
_DATE_FIELDS = [
    ("ship_date", "Machine shipped"),
    ("install_date", "Machine installed"),
    ("contract_signed", "Contract signed"),
]
_DATE_OPS = [
    ("before", "before"),
    ("on_or_before", "on or before"),
    ("after", "after"),
    ("on_or_after", "on or after"),
]
_PARTIES = [("customer", "Customer"), ("fab", "Fab"), ("parent", "Parent company")]
_LISTS = [("entity_list", "Entity List"), ("meu", "MEU"), ("uvl", "UVL"), ("sdn", "SDN"),
          ("cmic", "CMIC"), ("meti_end_user_list", "METI End User List")]  # fmt: skip
_FOOTNOTES = [("FN1", "FN1"), ("FN4", "FN4"), ("FN5", "FN5")]

Choices = list[tuple[str, str]]


_SCOPE: TypeAdapter[Any] = TypeAdapter(Scope)


def node_text(node: dict[str, Any]) -> str:
    """The tree's line for a node: the readable sentence once the predicate is complete."""
    for group in GROUPS:
        if group in node:
            return GROUP_TITLES[group]
    try:
        parsed = _SCOPE.validate_python(node)
    except ValidationError:
        return f"{KIND_TITLES.get(str(node.get('kind')), node.get('kind'))}: (incomplete)"
    return describe_predicate(parsed)


class MultiPicker(QWidget):
    """Checkable values (the book's first) plus a box to add a value the book lacks."""

    changed = Signal()

    def __init__(self, choices: Choices, selected: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("valuePicker")
        self.list.setMinimumHeight(150)
        known = {value for value, _label in choices}
        for value, label in [*choices, *((v, v) for v in selected if v not in known)]:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if value in selected else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: emit(self.changed))
        self.extra = QLineEdit()
        self.extra.setPlaceholderText("Add another value and press Enter")
        self.extra.returnPressed.connect(self._add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addWidget(self.extra)

    def values(self) -> list[str]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_checked(self, value: str, checked: bool = True) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        item = QListWidgetItem(value)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _add(self) -> None:
        text = self.extra.text().strip()
        if text:
            self.extra.clear()
            self.set_checked(text)


class PredicateBuilder(QWidget):
    """Scope tree plus the form of the selected node; ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.model_sets: list[str] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("scopeTree")
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.setMinimumWidth(360)

        add = QToolButton()
        add.setText("Add condition")
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(add)
        for kind in PREDICATE_KINDS:
            menu.addAction(KIND_TITLES[kind], self._adder(DEFAULTS[kind]))
        add.setMenu(menu)
        group = QToolButton()
        group.setText("Add group")
        group.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        group_menu = QMenu(group)
        for key in GROUPS:
            group_menu.addAction(GROUP_TITLES[key], self._adder({key: []}))
        group.setMenu(group_menu)
        remove = QToolButton()
        remove.setText("Remove")
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(add)
        buttons.addWidget(group)
        buttons.addWidget(remove)
        buttons.addStretch(1)

        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.tree, 1)

        self.form_host = QWidget()
        self.form_host.setObjectName("predicateForm")
        self._form_layout = QVBoxLayout(self.form_host)
        self._form_layout.setContentsMargins(0, 0, 0, 0)
        self._form_layout.addStretch(1)
        self._form: QWidget | None = None

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(left, 3)
        layout.addWidget(self.form_host, 2)
        self._show_form(None)

    def _adder(self, node: dict[str, Any]) -> Callable[[], None]:
        def add() -> None:
            self.add_node(copy.deepcopy(node))

        return add

    # -- tree <-> data --------------------------------------------------------------------------

    def set_scope(self, scope: dict[str, Any] | None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        if scope:
            self.tree.addTopLevelItem(self._item(scope))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._show_form(first)

    def _item(self, node: dict[str, Any]) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        group = next((g for g in GROUPS if g in node), None)
        if group is None:
            item.setData(0, _NODE, copy.deepcopy(node))
        else:
            item.setData(0, _NODE, {group: None})
            children = node[group]
            for child in children if isinstance(children, list) else [children]:
                if isinstance(child, dict):
                    item.addChild(self._item(child))
        self._label(item)
        return item

    def _label(self, item: QTreeWidgetItem) -> None:
        node = item.data(0, _NODE)
        item.setText(0, node_text(node))
        item.setToolTip(0, item.text(0))
        font = item.font(0)
        font.setBold(any(g in node for g in GROUPS))
        item.setFont(0, font)

    def scope(self) -> dict[str, Any] | None:
        root = self.tree.topLevelItem(0)
        return self._data(root) if root is not None else None

    def _data(self, item: QTreeWidgetItem) -> dict[str, Any]:
        node: dict[str, Any] = item.data(0, _NODE)
        group = next((g for g in GROUPS if g in node), None)
        if group is None:
            return copy.deepcopy(node)
        children = [self._data(child) for child in _children(item)]
        if group == "not":
            if len(children) == 1:
                return {"not": children[0]}
            return {"not": {"all": children} if children else {}}
        return {group: children}

    # -- editing --------------------------------------------------------------------------------

    def add_node(self, node: dict[str, Any]) -> None:
        """Add under the selected group, or next to the selected predicate; a second node at
        the top wraps both in "All of"."""
        new = self._item(node)
        current = self.tree.currentItem()
        if self.tree.topLevelItemCount() == 0:
            self.tree.addTopLevelItem(new)
        elif current is not None and self._is_group(current):
            current.addChild(new)
        elif current is not None and (parent := current.parent()) is not None:
            parent.insertChild(parent.indexOfChild(current) + 1, new)
        else:
            root = self.tree.takeTopLevelItem(0)
            wrapper = self._item({"all": []})
            if root is not None:
                wrapper.addChild(root)
            wrapper.addChild(new)
            self.tree.addTopLevelItem(wrapper)
        self.tree.expandAll()
        self.tree.setCurrentItem(new)
        emit(self.changed)

    def remove_current(self) -> None:
        current = self.tree.currentItem()
        if current is None:
            return
        parent = current.parent()
        if parent is None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(current))
        else:
            parent.removeChild(current)
        emit(self.changed)

    @staticmethod
    def _is_group(item: QTreeWidgetItem) -> bool:
        node = item.data(0, _NODE)
        return any(g in node for g in GROUPS)

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self._show_form(current)

    def _set_field(self, item: QTreeWidgetItem, key: str, value: Any) -> None:
        node = dict(item.data(0, _NODE))
        if value is None or (value == [] and key not in ("in",)):
            node.pop(key, None)
        else:
            node[key] = value
        item.setData(0, _NODE, node)
        self._label(item)
        emit(self.changed)

    # -- the form -------------------------------------------------------------------------------

    def _show_form(self, item: QTreeWidgetItem | None) -> None:
        if self._form is not None:
            # deleteLater runs only at the next event loop pass: take the old form out now.
            self._form.hide()
            self._form_layout.removeWidget(self._form)
            self._form.deleteLater()
        form = QWidget()
        layout = QFormLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel()
        title.setObjectName("panelTitle")
        layout.addRow(title)
        if item is None:
            title.setText("Conditions")
            hint = QLabel("Add a condition or a group. A rule hits an obligation when its "
                          "whole scope holds.")  # fmt: skip
            hint.setWordWrap(True)
            hint.setObjectName("panelNote")
            layout.addRow(hint)
        elif self._is_group(item):
            group = next(g for g in GROUPS if g in item.data(0, _NODE))
            title.setText(GROUP_TITLES[group])
            kind = QComboBox()
            for key in GROUPS:
                kind.addItem(GROUP_TITLES[key], key)
            kind.setCurrentIndex(GROUPS.index(group))
            kind.currentIndexChanged.connect(
                lambda _i: self._regroup(item, str(kind.currentData()))
            )
            layout.addRow("Group", kind)
        else:
            node = item.data(0, _NODE)
            kind_name = str(node.get("kind"))
            title.setText(KIND_TITLES.get(kind_name, kind_name))
            self._fields(layout, item, node)
        self._form = form
        self._form_layout.insertWidget(0, form)

    def _regroup(self, item: QTreeWidgetItem, group: str) -> None:
        item.setData(0, _NODE, {group: None})
        self._label(item)
        emit(self.changed)

    def _choice(
        self,
        layout: QFormLayout,
        item: QTreeWidgetItem,
        label: str,
        key: str,
        choices: Choices,
        current: Any,
        then: Callable[[], None] | None = None,
    ) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"field_{key}")
        for value, text in choices:
            combo.addItem(text, value)
        index = combo.findData(current)
        if index < 0 and current not in (None, ""):
            combo.addItem(str(current), current)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

        def changed(_index: int) -> None:
            self._set_field(item, key, combo.currentData())
            if then is not None:
                then()

        combo.currentIndexChanged.connect(changed)
        layout.addRow(label, combo)
        return combo

    def _multi(
        self,
        layout: QFormLayout,
        item: QTreeWidgetItem,
        label: str,
        key: str,
        choices: Choices,
        current: Any,
    ) -> MultiPicker:
        picker = MultiPicker(choices, [str(v) for v in current or []])
        picker.setObjectName(f"field_{key}")
        picker.changed.connect(lambda: self._set_field(item, key, picker.values()))
        layout.addRow(label, picker)
        return picker

    def _flag(
        self,
        layout: QFormLayout,
        item: QTreeWidgetItem,
        text: str,
        key: str,
        current: Any,
        default: bool = False,
    ) -> None:
        """A checkbox for a boolean field; the model's default is left out of the YAML, the
        other value written, so a default of True can be switched off."""
        box = QCheckBox(text)
        box.setObjectName(f"field_{key}")
        box.setChecked(default if current is None else bool(current))
        box.toggled.connect(lambda on: self._set_field(item, key, None if on == default else on))
        layout.addRow("", box)

    def _when(self, layout: QFormLayout, item: QTreeWidgetItem, current: Any) -> None:
        effective = QCheckBox("The rule's effective date")
        effective.setObjectName("field_effective")
        day = QDateEdit()
        day.setObjectName("field_date")
        day.setCalendarPopup(True)
        day.setDisplayFormat("yyyy-MM-dd")
        if isinstance(current, dt.date):
            day.setDate(QDate(current.year, current.month, current.day))
        else:
            day.setDate(QDate.currentDate())
        effective.setChecked(current in (None, "effective"))
        day.setEnabled(not effective.isChecked())

        def update(*_args: object) -> None:
            day.setEnabled(not effective.isChecked())
            if effective.isChecked():
                self._set_field(item, "date", "effective")
            else:
                q = day.date()
                self._set_field(item, "date", dt.date(q.year(), q.month(), q.day()))

        effective.toggled.connect(update)
        day.dateChanged.connect(update)
        layout.addRow("Date", effective)
        layout.addRow("", day)

    def _fields(self, layout: QFormLayout, item: QTreeWidgetItem, node: dict[str, Any]) -> None:
        kind = node.get("kind")
        cat = self.catalogue
        if kind in ("country", "country_group"):
            self._choice(layout, item, "Whose country", "of", _OF, node.get("of", "fab"))
            if kind == "country":
                choices = [(c, f"{country_name(c)} ({c})") for c in cat.countries]
                self._multi(layout, item, "Countries", "in", choices, node.get("in"))
            else:
                groups = [(g, g) for g in cat.country_groups]
                self._multi(layout, item, "Groups", "in", groups, node.get("in"))
        elif kind == "advanced_node":
            self._flag(layout, item, "Unknown technology counts", "unknown_counts",
                       node.get("unknown_counts"), default=True)  # fmt: skip
        elif kind in ("process_type", "architecture", "machine_status"):
            enum_type = {"process_type": ProcessType, "architecture": Architecture,
                         "machine_status": MachineStatus}[kind]  # fmt: skip
            choices = [(e.value, e.value) for e in enum_type]
            self._multi(layout, item, "Values", "in", choices, node.get("in"))
        elif kind == "category":
            choices = [
                (slug, f"{EquipmentCategory(slug).label} · {n:,} machines" if n else
                 EquipmentCategory(slug).label)
                for slug, n in cat.categories
            ]  # fmt: skip
            self._multi(layout, item, "Categories", "in", choices, node.get("in"))
        elif kind == "model":
            self._model_fields(layout, item, node)
        elif kind == "model_set":
            sets = [(s, s) for s in self.model_sets]
            self._choice(layout, item, "List", "set", sets, node.get("set"))
        elif kind == "classification":
            regime = str(node.get("regime", "US"))
            self._choice(layout, item, "Regime", "regime", [(r.value, r.value) for r in Regime],
                         regime, then=lambda: self._show_form(item))  # fmt: skip
            codes = [(c, c) for c in cat.classifications.get(regime, [])]
            self._multi(layout, item, "Codes", "in", codes, node.get("in"))
            self._choice(layout, item, "Match", "match",
                         [("prefix", "Code or its sub-paragraphs"), ("exact", "Exact code"),
                          ("starts", "Product group (leading text, e.g. 3B)")],
                         node.get("match", "prefix"))  # fmt: skip
        elif kind == "threshold":
            self._choice(layout, item, "Fact", "field", _THRESHOLDS, node.get("field"))
            self._choice(layout, item, "Comparison", "op", _OPS, node.get("op"))
            value = QDoubleSpinBox()
            value.setObjectName("field_value")
            value.setRange(0, 100_000)
            value.setDecimals(2)
            value.setValue(float(node.get("value", 0)))
            value.valueChanged.connect(lambda v: self._set_field(item, "value", float(v)))
            layout.addRow("Limit", value)
            self._flag(layout, item, "Unknown value counts", "unknown_counts",
                       node.get("unknown_counts"))  # fmt: skip
        elif kind == "listed":
            self._multi(layout, item, "Parties", "parties", _PARTIES,
                        node.get("parties", ["customer", "fab", "parent"]))  # fmt: skip
            self._multi(layout, item, "Lists", "lists", _LISTS, node.get("lists", ["entity_list"]))
            self._multi(layout, item, "Footnotes", "footnotes", _FOOTNOTES, node.get("footnotes"))
        elif kind == "owned_by":
            self._multi(layout, item, "Lists", "lists", _LISTS, node.get("lists", ["entity_list"]))
            self._multi(layout, item, "Footnotes", "footnotes", _FOOTNOTES, node.get("footnotes"))
            share = QDoubleSpinBox()
            share.setObjectName("field_min_pct")
            share.setRange(0.1, 100)
            share.setDecimals(1)
            share.setValue(float(node.get("min_pct", 50.0)))
            share.valueChanged.connect(lambda v: self._set_field(item, "min_pct", float(v)))
            layout.addRow("Owned at least (%)", share)
        elif kind == "flag":
            self._choice(layout, item, "Fact", "field", _FLAG_FIELDS, node.get("field"))
            self._flag(layout, item, "Unknown counts", "unknown_counts",
                       node.get("unknown_counts"))  # fmt: skip
        elif kind == "subject_to_ear":
            minimis = QDoubleSpinBox()
            minimis.setObjectName("field_de_minimis_pct")
            minimis.setRange(0, 100)
            minimis.setDecimals(1)
            minimis.setValue(float(node.get("de_minimis_pct", 25.0)))
            minimis.valueChanged.connect(
                lambda v: self._set_field(item, "de_minimis_pct", float(v))
            )
            layout.addRow("De minimis (%)", minimis)
            self._flag(layout, item, "Direct products count (FDP rules)", "direct_product",
                       node.get("direct_product"))  # fmt: skip
            self._flag(layout, item, "Unknown counts", "unknown_counts",
                       node.get("unknown_counts"), default=True)  # fmt: skip
        elif kind == "date":
            self._choice(layout, item, "Fact", "field", _DATE_FIELDS, node.get("field"))
            self._choice(layout, item, "Comparison", "op", _DATE_OPS, node.get("op"))
            self._when(layout, item, node.get("date"))
            self._flag(layout, item, "Unknown date counts", "unknown_counts",
                       node.get("unknown_counts"))  # fmt: skip
        elif kind == "obligation_overlaps":
            self._when(layout, item, node.get("date"))

    def _model_fields(
        self, layout: QFormLayout, item: QTreeWidgetItem, node: dict[str, Any]
    ) -> None:
        vendor = str(node.get("vendor", ""))
        vendors = [(v, v) for v in self.catalogue.vendors]
        self._choice(layout, item, "Vendor", "vendor", vendors, vendor,
                     then=lambda: self._show_form(item))  # fmt: skip
        models = [
            (m.model_code, f"{m.model_code} · {m.machines:,} machines")
            for m in self.catalogue.models_of(vendor)
        ]
        self._multi(layout, item, "Models", "in", models, node.get("in"))


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]
