"""Licences: the register of licences held, what each protects, and what ends soon.

The table lists every licence with its scope, limits and document; the hits and value it
protects come from the newest stored run, so an analyst sees which licence an expiry would
expose before it happens. A banner counts the licences ending within 90 days. Adding, editing,
importing a sheet and attaching the issued document all go through ``services.licences``.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services.licence_import import ImportResult, import_licences
from workbench.services.licences import (
    Licence,
    Protection,
    attach_document,
    latest_protection,
    list_licences,
)
from workbench.ui.licence_dialog import LicenceDialog
from workbench.ui.licences_model import (
    COLUMNS,
    SOON_DAYS,
    LicencesModel,
    limits_text,
    protected_text,
)
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

#: The "Show" filter: label and the test a licence passes.
FILTERS = ("All licences", "Valid today", f"Ending within {SOON_DAYS} days", "Expired")

_WIDTHS = {"authority": 80, "number": 170, "type": 85, "valid_from": 95, "valid_to": 95,
           "days_left": 75, "scope": 300, "limits": 150, "hits": 95, "protected": 200}  # fmt: skip

_Loaded = tuple[list[Licence], dict[str, Protection]]


class LicencesView(WorkbenchView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "licences", parent)
        self._generation = 0
        self._all: list[Licence] = []
        self._protection: dict[str, Protection] = {}
        self.today = dt.date.today()
        self.dialog: LicenceDialog | None = None
        self.model = LicencesModel(self)

        title = QLabel("Licences")
        title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.show_filter = QComboBox()
        self.show_filter.addItems(FILTERS)
        self.show_filter.currentIndexChanged.connect(self._apply_filter)
        self.add_button = QPushButton("Add licence…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit)
        self.import_button = QPushButton("Import sheet…")
        self.import_button.setToolTip(
            "Add or update licences from a spreadsheet with a 'Licences' sheet"
        )
        self.import_button.clicked.connect(self.choose_import)
        self.attach_button = QPushButton("Attach document…")
        self.attach_button.setToolTip("Store the issued licence in the book, with its SHA-256")
        self.attach_button.clicked.connect(self.choose_document)
        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(QLabel("Show"))
        bar.addWidget(self.show_filter)
        for button in (self.add_button, self.edit_button, self.import_button, self.attach_button):
            bar.addWidget(button)

        self.banner = QLabel("")
        self.banner.setObjectName("licenceBanner")
        self.banner.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        keys = [k for k, _ in COLUMNS]
        for key, width in _WIDTHS.items():
            self.table.setColumnWidth(keys.index(key), width)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setHtml("<p>Select a licence to see its scope, conditions and document.</p>")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._on_selection()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation, db = self._generation, self.context.db
        self.count_label.setText("Loading…")

        def work(_progress: Progress, _cancel: CancelToken) -> _Loaded:
            return list_licences(db), latest_protection(db)

        job = self.context.jobs.submit("licences", work)
        job.succeeded.connect(lambda loaded: self._on_loaded(generation, loaded))
        job.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_loaded(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation:
            return
        self._all, self._protection = loaded
        self._apply_filter()
        self._update_banner()
        self.set_ready(True)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation == self._generation:
            self.count_label.setText("")
            emit(self.context.message, f"Could not read the licences: {exc}")
            self.set_ready(True)

    def _passes(self, lic: Licence) -> bool:
        choice = self.show_filter.currentIndex()
        end = lic.spec.valid_to
        if choice == 1:
            return lic.valid_on(self.today)
        if choice == 2:
            return (
                lic.valid_on(self.today)
                and end is not None
                and ((end - self.today).days <= SOON_DAYS)
            )
        if choice == 3:
            return end is not None and end < self.today
        return True

    def _apply_filter(self) -> None:
        selected = self.current()
        shown = [lic for lic in self._all if self._passes(lic)]
        self.model.set_licences(shown, self._protection, self.today)
        total = len(self._all)
        self.count_label.setText(
            f"{total} licence{'s' if total != 1 else ''}"
            + (f", {len(shown)} shown" if len(shown) != total else "")
        )
        if selected is not None:
            self.select(selected.id)
        self._on_selection()

    def _update_banner(self) -> None:
        soon = [
            lic
            for lic in self._all
            if lic.valid_on(self.today)
            and lic.spec.valid_to is not None
            and (lic.spec.valid_to - self.today).days <= SOON_DAYS
        ]
        if not soon:
            self.banner.setText(f"No licence ends in the next {SOON_DAYS} days.")
            return
        value: dict[str, float] = {}
        hits = 0
        for lic in soon:
            cover = self._protection.get(lic.spec.number, Protection())
            hits += cover.hits
            for currency, amount in cover.protected.items():
                value[currency] = value.get(currency, 0.0) + amount
        protected = protected_text(value) or "no value in the latest run"
        self.banner.setText(
            f"{len(soon)} licence{'s end' if len(soon) != 1 else ' ends'} within {SOON_DAYS} days, "
            f"covering {hits} hit{'s' if hits != 1 else ''} of the latest run ({protected})."
        )

    # -- selection and detail ----------------------------------------------------------------

    def current(self) -> Licence | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.licence(rows[0].row()) if rows else None

    def select(self, licence_id: int) -> None:
        row = self.model.row_of(licence_id)
        if row >= 0:
            self.table.selectRow(row)

    def _on_selection(self, *_args: QItemSelection) -> None:
        lic = self.current()
        self.edit_button.setEnabled(lic is not None)
        self.attach_button.setEnabled(lic is not None)
        if lic is None:
            return
        self.detail.setHtml(self.detail_html(lic))

    def detail_html(self, lic: Licence) -> str:
        s = lic.spec
        cover = self._protection.get(s.number, Protection())
        hits, values = cover.hits, cover.protected
        rows = [
            ("Authority", f"{s.authority} ({lic.jurisdiction})"),
            ("Type", s.licence_type),
            ("Valid", f"{s.valid_from} to {s.valid_to or 'open-ended'}"),
            ("Customers", ", ".join(s.customers) or "any"),
            ("Fabs", ", ".join(s.fabs) or "any"),
            ("Machines", ", ".join(s.machines) or "any"),
            ("Models", ", ".join(s.model_codes) or "any"),
            ("Classifications", ", ".join(s.classifications) or "any"),
            ("Service types", ", ".join(s.service_types) or "every service type"),
            ("Limits", limits_text(lic) or "none stated"),
            ("Conditions", s.conditions or "none stated"),
            (
                "Latest run",
                f"covers {hits} hit(s), {protected_text(values)}" if hits else "covers no hits",
            ),
            (
                "Document",
                f"{lic.document_name} (SHA-256 {lic.document_sha256})"
                if lic.document_name
                else "not attached",
            ),
        ]
        body = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>" for k, v in rows
        )
        return f"<h3>{escape(s.authority)} {escape(s.number)}</h3><table>{body}</table>"

    # -- actions -----------------------------------------------------------------------------

    def add(self) -> LicenceDialog:
        return self._open_dialog(None)

    def edit(self) -> LicenceDialog | None:
        lic = self.current()
        return None if lic is None else self._open_dialog(lic)

    def _open_dialog(self, lic: Licence | None) -> LicenceDialog:
        dialog = LicenceDialog(self.context, lic, self)
        dialog.accepted.connect(lambda: self._after_save(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _after_save(self, dialog: LicenceDialog) -> None:
        if dialog.saved is not None:
            self.status.setText(
                "Licence saved." if dialog.saved.action != "none" else "Nothing changed."
            )
        self.reload()

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import licences", "", "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)"
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        db = self.context.db
        self.status.setText(f"Importing {path.name}…")

        def work(_progress: Progress, _cancel: CancelToken) -> ImportResult:
            return import_licences(db, path)

        job = self.context.writer.submit("importing licences", work)
        job.succeeded.connect(lambda result: self._on_imported(path, result))
        job.failed.connect(lambda exc: self.status.setText(str(exc)))

    def _on_imported(self, path: Path, result: ImportResult) -> None:
        self.status.setText(
            f"Imported {path.name}: {result.added} added, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
        self.reload()

    def choose_document(self) -> None:
        if self.current() is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, "Attach the licence document", "")
        if name:
            self.attach_file(Path(name))

    def attach_file(self, path: Path) -> None:
        lic = self.current()
        if lic is None:
            return
        db, licence_id = self.context.db, lic.id

        def work(_progress: Progress, _cancel: CancelToken) -> str:
            return attach_document(db, licence_id, path)

        job = self.context.writer.submit("attaching a licence document", work)
        job.succeeded.connect(lambda digest: self._on_attached(path, digest))
        job.failed.connect(lambda exc: self.status.setText(str(exc)))

    def _on_attached(self, path: Path, digest: str) -> None:
        self.status.setText(f"Stored {path.name} (SHA-256 {digest}).")
        self.reload()
