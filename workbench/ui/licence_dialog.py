"""Entering or changing one licence: every register field, checked by the service on save.

The form only reads what was typed into a ``LicenceInput``; every rule (dates, scope records
that must exist, overlapping validity of a number) lives in ``services.licences``, and its
sentence is shown in the dialog, which stays open so the user can correct the field. The save
runs on the writer thread; the dialog closes when it succeeded.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import ServiceType
from workbench.services.licences import (
    AUTHORITIES,
    LICENCE_TYPES,
    Licence,
    LicenceError,
    LicenceInput,
    SaveResult,
    add_licence,
    edit_licence,
    parse_date,
    parse_list,
    parse_money,
)
from workbench.ui.views.base import ViewContext

_SCOPE_HINTS = {
    "customers": "customer codes, comma-separated (empty: any customer)",
    "fabs": "fab site codes (empty: any fab)",
    "machines": "serials, or 'VENDOR SERIAL' (empty: any machine)",
    "model_codes": "model codes or families such as NXT:* (empty: any model)",
    "classifications": "ECCN or annex entries, e.g. 3B001.f (empty: any)",
}


class LicenceDialog(QDialog):
    """Add a licence (``licence`` None) or edit one; ``saved`` holds the result."""

    def __init__(
        self, context: ViewContext, licence: Licence | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.licence = licence
        self.saved: SaveResult | None = None
        self.setWindowTitle(
            "New licence"
            if licence is None
            else f"Licence {licence.spec.authority} {licence.spec.number}"
        )
        self.authority = QComboBox()
        self.authority.setEditable(True)
        self.authority.addItems(AUTHORITIES)
        self.authority.setCurrentText("")
        self.number = QLineEdit()
        self.licence_type = QComboBox()
        self.licence_type.addItems(LICENCE_TYPES)
        self.valid_from = QLineEdit()
        self.valid_from.setPlaceholderText("YYYY-MM-DD")
        self.valid_to = QLineEdit()
        self.valid_to.setPlaceholderText("YYYY-MM-DD (empty: open-ended)")
        self.scope = {name: QLineEdit() for name in _SCOPE_HINTS}
        for name, edit in self.scope.items():
            edit.setPlaceholderText(_SCOPE_HINTS[name])
        self.services = {s.value: QCheckBox(s.value.replace("_", " ")) for s in ServiceType}
        self.value_limit = QLineEdit()
        self.value_limit.setPlaceholderText("e.g. 2500000.00")
        self.currency = QLineEdit()
        self.currency.setPlaceholderText("EUR")
        self.currency.setMaximumWidth(70)
        self.quantity_limit = QLineEdit()
        self.quantity_limit.setPlaceholderText("units")
        self.conditions = QPlainTextEdit()
        self.conditions.setPlaceholderText("Conditions as the licence states them")
        self.conditions.setMaximumHeight(80)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("why, for the audit trail")
        self.problem = QLabel("")
        self.problem.setObjectName("formError")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b42318")

        form = QFormLayout()
        form.addRow("Authority", self.authority)
        form.addRow("Number", self.number)
        form.addRow("Type", self.licence_type)
        dates = QHBoxLayout()
        dates.addWidget(self.valid_from)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.valid_to)
        form.addRow("Valid", dates)
        form.addRow("Customers", self.scope["customers"])
        form.addRow("Fabs", self.scope["fabs"])
        form.addRow("Machines", self.scope["machines"])
        form.addRow("Models", self.scope["model_codes"])
        form.addRow("Classifications", self.scope["classifications"])
        grid = QGridLayout()
        for i, box in enumerate(self.services.values()):
            grid.addWidget(box, i // 3, i % 3)
        services = QWidget()
        services.setLayout(grid)
        services.setToolTip("None ticked: the licence covers every service type")
        form.addRow("Service types", services)
        limits = QHBoxLayout()
        limits.addWidget(self.value_limit)
        limits.addWidget(self.currency)
        limits.addWidget(QLabel("Quantity"))
        limits.addWidget(self.quantity_limit)
        form.addRow("Value limit", limits)
        form.addRow("Conditions", self.conditions)
        form.addRow("Notes", self.notes)
        form.addRow("Comment", self.comment)

        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if licence is not None:
            self._fill(licence.spec)

    def _fill(self, s: LicenceInput) -> None:
        self.authority.setCurrentText(s.authority)
        self.number.setText(s.number)
        self.licence_type.setCurrentText(s.licence_type)
        self.valid_from.setText(s.valid_from.isoformat())
        self.valid_to.setText(s.valid_to.isoformat() if s.valid_to else "")
        values = {
            "customers": s.customers,
            "fabs": s.fabs,
            "machines": s.machines,
            "model_codes": s.model_codes,
            "classifications": s.classifications,
        }
        for name, edit in self.scope.items():
            edit.setText(", ".join(values[name]))
        for value, box in self.services.items():
            box.setChecked(value in s.service_types)
        self.value_limit.setText("" if s.value_limit is None else str(s.value_limit))
        self.currency.setText(s.limit_currency or "")
        self.quantity_limit.setText("" if s.quantity_limit is None else str(s.quantity_limit))
        self.conditions.setPlainText(s.conditions or "")
        self.notes.setPlainText(s.notes or "")

    def spec(self) -> LicenceInput:
        """The licence as typed; raises ``LicenceError`` for text that is not a date/amount."""
        start = self.valid_from.text().strip()
        if not start:
            raise LicenceError("Enter the day the licence is valid from (YYYY-MM-DD).")
        end = self.valid_to.text().strip()
        quantity = self.quantity_limit.text().strip()
        if quantity and not quantity.isdigit():
            raise LicenceError(f"The quantity limit '{quantity}' is not a whole number.")
        amount = self.value_limit.text().strip()
        return LicenceInput(
            authority=self.authority.currentText(),
            number=self.number.text(),
            licence_type=self.licence_type.currentText(),
            valid_from=parse_date(start, "Valid from"),
            valid_to=parse_date(end, "Valid to") if end else None,
            customers=parse_list(self.scope["customers"].text()),
            fabs=parse_list(self.scope["fabs"].text()),
            machines=parse_list(self.scope["machines"].text()),
            model_codes=parse_list(self.scope["model_codes"].text()),
            classifications=parse_list(self.scope["classifications"].text()),
            service_types=tuple(v for v, box in self.services.items() if box.isChecked()),
            value_limit=parse_money(amount, "The value limit") if amount else None,
            limit_currency=self.currency.text() or None,
            quantity_limit=int(quantity) if quantity else None,
            conditions=self.conditions.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        try:
            spec = self.spec()
        except LicenceError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.setText("")
        self.save_button.setEnabled(False)
        db, licence, comment = self.context.db, self.licence, self.comment.text() or None

        def work(_progress: Progress, _cancel: CancelToken) -> SaveResult:
            if licence is None:
                return add_licence(db, spec, comment)
            return edit_licence(db, licence.id, licence.version, spec, comment)

        job = self.context.writer.submit("saving a licence", work)
        job.succeeded.connect(self._on_saved)
        job.failed.connect(self._on_failed)

    def _on_saved(self, result: SaveResult) -> None:
        self.saved = result
        self.accept()

    def _on_failed(self, exc: object) -> None:
        self.save_button.setEnabled(True)
        self.problem.setText(str(exc))
