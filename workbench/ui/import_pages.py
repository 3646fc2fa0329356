"""The pages of the import wizard: files, sheets, columns, preview, summary.

Every page that needs data runs a job and moves on when it arrives: "Next" on the files page
reads the files, opening the preview plans the import, "Import" commits it on the window's
serial writer. A page's state lives in the shared :class:`ImportState`, so going back and
forth never reads or plans twice for the same choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.importers import (
    FIELDS,
    FIELDS_BY_KEY,
    SUPPORTED_EXTENSIONS,
    ImportFileError,
    Mapping,
)
from workbench.importers.headers import header_key
from workbench.importers.records import RecordKind
from workbench.services import import_history, importing
from workbench.services.importing import ImportOutcome
from workbench.ui import icons
from workbench.ui.badges import BadgeDelegate
from workbench.ui.import_models import (
    ChangesModel,
    ColumnMappingModel,
    CountsModel,
    IssuesModel,
    NearMatchesModel,
    NewRecordsModel,
    RejectedRowsModel,
    SheetsModel,
    field_label,
)
from workbench.ui.import_steps import (
    RECORD_LABELS,
    MappingError,
    PreviewResult,
    ReadResult,
    SheetKey,
    apply_profile,
    make_preview,
    mapping_for,
    plan_notes,
    read_files,
    required_status,
)
from workbench.ui.import_widgets import FieldDelegate, JobStrip, set_tone
from workbench.ui.jobs import Job
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext

AUTOMATIC = "Detect the columns automatically"
FILE_FILTER = f"Spreadsheets ({' '.join('*' + e for e in SUPPORTED_EXTENSIONS)});;All files (*)"


@dataclass
class ImportState:
    """What the analyst chose and what the jobs found, shared by the pages."""

    paths: list[Path] = field(default_factory=list)
    vendor: str | None = None
    read_profile: str | None = None  # the profile the files were read with
    read: ReadResult | None = None
    read_for: tuple[Any, ...] | None = None
    choices: dict[SheetKey, dict[str, str]] = field(default_factory=dict)
    #: The profile the current choices came from, recorded on the batch; None once edited.
    profile: str | None = None
    preview: PreviewResult | None = None
    preview_for: tuple[Any, ...] | None = None
    outcome: ImportOutcome | None = None
    #: The analyst's answers to the plan's "is X the stored Y?" (name -> customer code).
    matches: dict[str, str] = field(default_factory=dict)
    #: The book's own company as typed here (None: as the book says).
    own_company: str | None = None
    #: The book's currency as typed here (ISO 4217; None: as the book says).
    currency: str | None = None
    #: The country of fabs the files name without one (ISO alpha-2), this import only.
    country: str | None = None

    def mapping(self) -> Mapping | None:
        """The mapping to read with again, or None when the first read already used it."""
        assert self.read is not None
        detected = {k: _folded(v) for k, v in self.read.detected().items() if v}
        chosen = {k: _folded(v) for k, v in self.choices.items() if v}
        if chosen == detected:
            return None
        return mapping_for(self.read.sheets, self.choices, self.read.detected(), self.read.mapping)


def _folded(fields: dict[str, str]) -> dict[str, str]:
    return {k: header_key(v) for k, v in fields.items()}


def _where(key: SheetKey) -> str:
    file, sheet = key
    return f"{file} › {sheet}" if sheet else file


def _describe(exc: object) -> str:
    """The one sentence a failed step shows."""
    if isinstance(exc, ImportFileError | WorkbenchError):
        return str(exc)
    return f"The step failed unexpectedly: {exc}"


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setItemDelegate(BadgeDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _fit(view: QTableView, cap: int = 260) -> None:
    view.resizeColumnsToContents()
    model = view.model()
    for column in range(model.columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column) + 14, cap))


STEPS = 5


class _Page(QWizardPage):
    step = 0

    def __init__(self, state: ImportState, context: ViewContext, title: str, sub: str) -> None:
        super().__init__()
        self.state = state
        self.context = context
        self.setTitle(
            f"{title} <span style='color:#8a94a0; font-weight:normal'>"
            f"· step {self.step} of {STEPS}</span>"
        )
        self.setSubTitle(sub)
        self.strip = JobStrip()
        self.strip.cancel_requested.connect(self._recheck)

    def _started(self) -> None:
        emit(self.completeChanged)

    def _recheck(self) -> None:
        """A job ended or was cancelled: Next/Import may be allowed again."""
        emit(self.completeChanged)

    def _advance(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()


# -- 1. files ----------------------------------------------------------------------------------


class FilesPage(_Page):
    """Which files to read, the vendor for files without a vendor column, and how to map."""

    step = 1

    def __init__(self, state: ImportState, context: ViewContext) -> None:
        super().__init__(
            state,
            context,
            "Choose the files",
            "Installed-base spreadsheets as your ERP or service system exports them "
            "(.xlsx, .xlsm, .xls, .ods, .csv, .txt). Several files are read as one import, "
            "for example fabs, machines and contracts. Nothing is written before the preview.",
        )
        self.setAcceptDrops(True)
        self.files = QListWidget()
        self.files.setObjectName("importFiles")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMinimumHeight(150)
        add = QPushButton(icons.icon("open"), "Add Files…")
        add.clicked.connect(self.choose_files)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(buttons)
        hint = QLabel("You can also drop files here or on the main window.")
        hint.setStyleSheet("color: #6b7683;")

        self.vendor = QLineEdit()
        self.vendor.setPlaceholderText("e.g. ASML — only for files without a vendor column")
        self.profile = QComboBox()
        self.profile.addItem(AUTOMATIC, None)
        form = QFormLayout()
        form.addRow("Vendor:", self.vendor)
        form.addRow("Columns:", self.profile)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.strip)
        self._job: Job[Any] | None = None

    def initializePage(self) -> None:
        if self.files.count() == 0:
            self.add_paths(self.state.paths)
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[str]:
            return importing.profile_names(db)

        job = self.context.jobs.submit("import profiles", work)
        job.succeeded.connect(self._on_profiles)
        self._profiles_job = job

    def _on_profiles(self, names: list[str]) -> None:
        current = self.profile.currentData()
        self.profile.clear()
        self.profile.addItem(AUTOMATIC, None)
        for name in names:
            self.profile.addItem(f"Profile: {name}", name)
        found = self.profile.findData(current)
        self.profile.setCurrentIndex(max(found, 0))

    def paths(self) -> list[Path]:
        return [
            Path(self.files.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.files.count())
        ]

    def add_paths(self, paths: list[Path]) -> None:
        known = {str(p) for p in self.paths()}
        for path in paths:
            if str(path) in known:
                continue
            known.add(str(path))
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)
        emit(self.completeChanged)

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, "Choose files to import", str(Path.home()), FILE_FILTER
        )
        self.add_paths([Path(p) for p in chosen])

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        emit(self.completeChanged)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_paths(paths)
        event.acceptProposedAction()

    def isComplete(self) -> bool:
        return self.files.count() > 0 and not self.strip.running

    def _signature(self) -> tuple[Any, ...]:
        return (tuple(str(p) for p in self.paths()), self.profile.currentData())

    def validatePage(self) -> bool:
        self.state.vendor = self.vendor.text().strip() or None
        if self.state.read is not None and self.state.read_for == self._signature():
            return True
        if self.strip.running:
            return False
        self._start_read()
        return False

    def _start_read(self) -> None:
        paths = self.paths()
        profile_name = self.profile.currentData()
        signature = self._signature()
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> ReadResult:
            mapping = importing.load_profile(db, profile_name) if profile_name else None
            return read_files(paths, mapping, progress, cancel)

        job = self.context.jobs.submit("import: read files", work)
        noun = "file" if len(paths) == 1 else "files"
        self.strip.start(job, f"Reading {len(paths)} {noun}…")
        job.succeeded.connect(lambda result: self._on_read(result, signature, profile_name))
        job.failed.connect(lambda exc: self.strip.idle(_describe(exc), "error"))
        job.cancelled.connect(lambda: self.strip.idle("Reading cancelled.", "warning"))
        job.finished.connect(self._recheck)
        self._job = job
        self._started()

    def _on_read(self, result: ReadResult, signature: tuple[Any, ...], profile: str | None) -> None:
        self.state.paths = list(result.paths)
        self.state.read = result
        self.state.read_for = signature
        self.state.read_profile = profile
        self.state.profile = profile
        self.state.choices = {k: dict(v) for k, v in result.detected().items()}
        self.state.preview = None
        self.state.preview_for = None
        self.strip.idle("")
        self._advance()


# -- 2. sheets ---------------------------------------------------------------------------------


class SheetsPage(_Page):
    step = 2

    def __init__(self, state: ImportState, context: ViewContext) -> None:
        super().__init__(
            state,
            context,
            "Sheets and what they hold",
            "Each sheet's header row and the records recognised from its headings. "
            "Title rows above the header are skipped. Check the columns on the next page.",
        )
        self.model = SheetsModel(self)
        self.table = _table(self.model, "importSheets")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)

    def initializePage(self) -> None:
        read = self.state.read
        assert read is not None
        self.model.set_read(read)
        _fit(self.table, 320)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        used = [s for s in read.parsed.sheets if s.kinds]
        files = len(read.parsed.files)
        self.setSubTitle(
            f"{len(read.parsed.sheets)} sheets in {files} {'file' if files == 1 else 'files'}, "
            f"{len(used)} with records. Title rows above a header are skipped; check the "
            "columns on the next page."
        )
        notes = [
            f"{_where((i.file, i.sheet))}: {i.message}"
            for i in read.parsed.issues
            if i.row is None and i.column_header is None
        ]
        if not any(s.columns for s in read.sheets):
            notes.insert(0, "No header row was found in any sheet: nothing can be imported.")
        set_tone(self.notes, "\n".join(notes), "warning")

    def isComplete(self) -> bool:
        read = self.state.read
        return read is not None and any(s.columns for s in read.sheets)


# -- 3. columns --------------------------------------------------------------------------------


class MappingPage(_Page):
    """Per sheet, each source column and the field it feeds; suggestions come from the read."""

    step = 3

    def __init__(self, state: ImportState, context: ViewContext) -> None:
        super().__init__(
            state,
            context,
            "Columns",
            "Suggested from the headings. Double-click a field to change it; fields marked * "
            "are required for their records. Save the mapping as a profile to reuse it.",
        )
        self.sheets = QListWidget()
        self.sheets.setObjectName("mappingSheets")
        self.sheets.setMinimumWidth(220)
        self.sheets.setMaximumWidth(300)
        self.sheets.setIconSize(QSize(16, 16))
        self.sheets.setSpacing(2)
        self.sheets.currentRowChanged.connect(self._show_sheet)
        self.model = ColumnMappingModel(self)
        self.model.mapping_changed.connect(self._on_edited)
        self.table = _table(self.model, "mappingTable")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(ColumnMappingModel.FIELD, FieldDelegate(self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.requirements = QLabel()
        self.requirements.setWordWrap(True)
        self.requirements.setTextFormat(Qt.TextFormat.RichText)
        self.unmapped = QLabel()
        self.unmapped.setWordWrap(True)
        self.unmapped.setStyleSheet("color: #6b7683;")
        self.problem = QLabel()
        self.problem.setWordWrap(True)

        self.profiles = QComboBox()
        self.profiles.setMinimumWidth(180)
        self.apply_button = QPushButton("Apply Profile")
        self.apply_button.clicked.connect(self.apply_selected_profile)
        self.save_button = QPushButton("Save as Profile…")
        self.save_button.clicked.connect(self.ask_profile_name)
        reset = QPushButton("Reset to Suggestions")
        reset.clicked.connect(self.reset)
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Profile:"))
        tools.addWidget(self.profiles)
        tools.addWidget(self.apply_button)
        tools.addStretch(1)
        tools.addWidget(reset)
        tools.addWidget(self.save_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.requirements)
        right_layout.addWidget(self.unmapped)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sheets)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        layout.addLayout(tools)
        layout.addWidget(self.strip)

    def initializePage(self) -> None:
        read = self.state.read
        assert read is not None
        self.model.load(read.detected(), self.state.choices)
        self.sheets.clear()
        for sheet in read.sheets:
            if not sheet.columns:
                continue
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, sheet.key)
            self.sheets.addItem(item)
        self._label_sheets()
        self.sheets.setCurrentRow(0)
        self._load_profile_names()
        self._refresh()

    def _load_profile_names(self) -> None:
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> list[str]:
            return importing.profile_names(db)

        job = self.context.jobs.submit("import profiles", work)
        job.succeeded.connect(self._on_profile_names)
        self._names_job = job

    def _on_profile_names(self, names: list[str]) -> None:
        self.profiles.clear()
        for name in names:
            self.profiles.addItem(name, name)
        if not names:
            self.profiles.setPlaceholderText("No saved profiles yet")
        self.profiles.setEnabled(bool(names))
        self.apply_button.setEnabled(bool(names))
        if self.state.profile:
            self.profiles.setCurrentIndex(max(self.profiles.findData(self.state.profile), 0))

    def _label_sheets(self) -> None:
        """Each sheet as its name and what its mapping reads, updated as columns change."""
        for row in range(self.sheets.count()):
            item = self.sheets.item(row)
            key = tuple(item.data(Qt.ItemDataRole.UserRole))
            fields = self.state.choices.get(key, {})  # type: ignore[call-overload]
            sheet = self._sheet_columns(key)
            kinds = sorted(
                {FIELDS_BY_KEY[f].kind for f in fields}, key=lambda k: list(RecordKind).index(k)
            )
            ok = all(good for _k, _n, good in required_status(fields)) and bool(fields)
            what = ", ".join(RECORD_LABELS[k] for k in kinds) or "nothing mapped"
            used = len({header_key(h) for h in fields.values()})
            item.setText(f"{_where(key)}\n{what} · {used} of {len(sheet.columns)} columns")
            item.setIcon(icons.icon("import") if ok else QIcon())
            item.setForeground(QColor("#17202a" if ok else "#a4262c"))

    def _sheet_columns(self, key: SheetKey) -> Any:
        assert self.state.read is not None
        return next(s for s in self.state.read.sheets if s.key == key)

    def _show_sheet(self, row: int) -> None:
        item = self.sheets.item(row) if row >= 0 else None
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.model.show_sheet(self._sheet_columns(tuple(key)) if key else None)
        _fit(self.table, 300)
        self._refresh()

    def _on_edited(self) -> None:
        self.state.choices = {k: dict(v) for k, v in self.model.choices.items()}
        self.state.profile = None
        self._label_sheets()
        self._refresh()

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        row = index.row()
        current = set(self.model.fields_of(row))
        menu = QMenu(self)
        clear = menu.addAction("Not Imported")
        clear.triggered.connect(lambda: self.model.set_fields(row, []))
        menu.addSeparator()
        for kind in RecordKind:
            sub = menu.addMenu(f"Also Import as {RECORD_LABELS[kind]}")
            for spec in (f for f in FIELDS if f.kind is kind):
                action = QAction(field_label(spec.key), sub)
                action.setCheckable(True)
                action.setChecked(spec.key in current)
                action.triggered.connect(
                    lambda _c=False, key=spec.key: self.model.toggle_field(row, key)
                )
                sub.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _refresh(self) -> None:
        sheet = self.model.sheet
        lines: list[str] = []
        if sheet is not None:
            fields = self.state.choices.get(sheet.key, {})
            for kind, needs, ok in required_status(fields):
                mark = (
                    "<span style='color:#1e6b34'>✓</span>"
                    if ok
                    else ("<span style='color:#a4262c'>✗ missing</span>")
                )
                lines.append(f"{kind}: {needs} {mark}")
            if not fields:
                lines.append(
                    "<span style='color:#8a5a00'>No column of this sheet is mapped.</span>"
                )
            unmapped = [
                f"{c.letter} '{c.heading}'"
                for row, c in enumerate(sheet.columns)
                if not self.model.fields_of(row)
            ]
            self.unmapped.setText("Not imported: " + ", ".join(unmapped) if unmapped else "")
            self.unmapped.setVisible(bool(unmapped))
        self.requirements.setText("Required — " + " · ".join(lines) if lines else "")
        set_tone(self.problem, self._problem() or "", "error")
        emit(self.completeChanged)

    def _problem(self) -> str | None:
        read = self.state.read
        if read is None:
            return None
        for sheet in read.sheets:
            if not sheet.columns:
                continue
            missing = [
                f"{kind} needs {needs}"
                for kind, needs, ok in required_status(self.state.choices.get(sheet.key, {}))
                if not ok
            ]
            if missing:
                return f"{_where(sheet.key)}: " + "; ".join(missing) + "."
        try:
            self.state.mapping()
        except MappingError as exc:
            return str(exc)
        return None

    def isComplete(self) -> bool:
        return self._problem() is None and not self.strip.running

    def reset(self) -> None:
        read = self.state.read
        assert read is not None
        key = self.model.sheet.key if self.model.sheet is not None else None
        self.state.choices = {k: dict(v) for k, v in read.detected().items()}
        self.state.profile = self.state.read_profile
        self.model.load(read.detected(), self.state.choices)
        if key is not None:
            self.model.show_sheet(self._sheet_columns(key))
        self._label_sheets()
        self._refresh()

    # -- profiles ------------------------------------------------------------------------------

    def apply_selected_profile(self) -> None:
        name = self.profiles.currentData()
        if not isinstance(name, str):
            return
        self.apply_profile(name)

    def apply_profile(self, name: str) -> None:
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> Mapping:
            return importing.load_profile(db, name)

        job = self.context.jobs.submit("import: load profile", work)
        self.strip.start(job, f"Loading profile '{name}'…")
        job.succeeded.connect(lambda mapping: self._on_profile(name, mapping))
        job.failed.connect(lambda exc: self.strip.idle(_describe(exc), "error"))
        job.finished.connect(self._recheck)
        self._profile_job = job

    def _on_profile(self, name: str, mapping: Mapping) -> None:
        read = self.state.read
        assert read is not None
        key = self.model.sheet.key if self.model.sheet is not None else None
        self.state.choices = apply_profile(read.sheets, mapping)
        self.model.load(read.detected(), self.state.choices)
        if key is not None:
            self.model.show_sheet(self._sheet_columns(key))
        self.state.profile = name
        self.strip.idle(f"Profile '{name}' applied to the columns it names.", "ok")
        self._label_sheets()
        self._refresh()

    def ask_profile_name(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            "Save as profile",
            "Name of the profile (an existing one is replaced):",
            text=self.state.profile or "",
        )
        if ok and name.strip():
            self.save_profile(name.strip())

    def save_profile(self, name: str) -> None:
        try:
            read = self.state.read
            assert read is not None
            mapping = mapping_for(read.sheets, self.state.choices, read.detected(), read.mapping)
        except MappingError as exc:
            self.strip.idle(str(exc), "error")
            return
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> str:
            import_history.store_profile(db, name, mapping)
            return name

        job = self.context.writer.submit("import: save profile", work)
        self.strip.start(job, f"Saving profile '{name}'…")
        job.succeeded.connect(self._on_saved)
        job.failed.connect(lambda exc: self.strip.idle(_describe(exc), "error"))
        job.finished.connect(self._recheck)
        self._save_job = job

    def _on_saved(self, name: str) -> None:
        self.state.profile = name
        self.strip.idle(f"Saved as profile '{name}'.", "ok")
        self._load_profile_names()


# -- 4. preview --------------------------------------------------------------------------------


class PreviewPage(_Page):
    """What a commit would do now; the commit runs from here, all or nothing by default."""

    committed = Signal(int)  # the batch id

    step = 4

    def __init__(self, state: ImportState, context: ViewContext) -> None:
        super().__init__(
            state,
            context,
            "Preview",
            "What the import would write, checked against the database. Nothing has been "
            "written yet.",
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.verdict = QLabel()
        self.verdict.setObjectName("previewVerdict")
        self.verdict.setWordWrap(True)
        self.counts = CountsModel(self)
        self.counts_table = _table(self.counts, "previewCounts")
        self.counts_table.horizontalHeader().setStretchLastSection(False)
        self.counts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.rejected = RejectedRowsModel(self)
        self.rejected_table = _table(self.rejected, "rejectedRows")
        self.rejected_table.selectionModel().currentRowChanged.connect(self._show_row_messages)
        self.row_messages = QLabel()
        self.row_messages.setObjectName("rejectedRowMessages")
        self.row_messages.setWordWrap(True)
        self.row_messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejected_sheet = QComboBox()
        self.rejected_sheet.currentIndexChanged.connect(self._show_rejected)
        rejected_tab = QWidget()
        rejected_layout = QVBoxLayout(rejected_tab)
        rejected_layout.setContentsMargins(6, 8, 6, 6)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Source:"))
        pick.addWidget(self.rejected_sheet, 1)
        rejected_layout.addLayout(pick)
        rejected_layout.addWidget(self.rejected_table, 1)
        rejected_layout.addWidget(self.row_messages)

        self.changes = ChangesModel(self)
        self.relocations = ChangesModel(self)
        self.new_records = NewRecordsModel(self)
        self.issues = IssuesModel(self)
        self.near_matches = NearMatchesModel(self)
        self.near_matches.answers_changed.connect(self._on_answers)
        names_tab = QWidget()
        names_layout = QVBoxLayout(names_tab)
        names_layout.setContentsMargins(6, 8, 6, 6)
        names_hint = QLabel(
            "These names in the file resemble customers already in the book but are not "
            "spelled the same way. Tick the ones that are the same customer; the others are "
            "created as new customers. Nothing is merged unless you tick it."
        )
        names_hint.setWordWrap(True)
        names_layout.addWidget(names_hint)
        self.near_table = _table(self.near_matches, "nearMatches")
        names_layout.addWidget(self.near_table, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(rejected_tab, "Rejected rows")
        self.tabs.addTab(_table(self.changes, "changedRecords"), "Changed")
        self.tabs.addTab(_table(self.relocations, "relocations"), "Relocations")
        self.tabs.addTab(_table(self.new_records, "newRecords"), "New")
        self.tabs.addTab(_table(self.issues, "allMessages"), "All messages")
        self.tabs.addTab(names_tab, "Names to decide")
        self.notes = QLabel()
        self.notes.setObjectName("previewNotes")
        self.notes.setWordWrap(True)
        self.own_company = QLineEdit()
        self.own_company.setObjectName("ownCompany")
        self.own_company.setPlaceholderText("e.g. the company whose export this is")
        self.own_company.setToolTip(
            "The vendor of machines whose model neither the book nor the equipment catalogue "
            "knows (an export of your own installed base has no vendor column). Kept in the "
            "book for every later import."
        )
        self.own_company.editingFinished.connect(self._on_own_company)
        self.currency = QLineEdit()
        self.currency.setObjectName("bookCurrency")
        self.currency.setPlaceholderText("e.g. EUR")
        self.currency.setMaximumWidth(80)
        self.currency.setToolTip(
            "The currency of amounts the files write without one (an ERP exporting in its "
            "company currency). Kept in the book for every later import."
        )
        self.currency.editingFinished.connect(self._on_currency)
        self.country = QLineEdit()
        self.country.setObjectName("fabCountry")
        self.country.setPlaceholderText("e.g. CN")
        self.country.setMaximumWidth(120)
        self.country.setToolTip(
            "The country of the fabs the files name without one, such as a hand-kept "
            "'China installed base' sheet with no country column. This import only."
        )
        self.country.editingFinished.connect(self._on_country)

        self.valid_only = QCheckBox("Commit the valid rows only")
        self.valid_only.toggled.connect(self._on_valid_only)
        self.valid_only_warning = QLabel()
        self.valid_only_warning.setWordWrap(True)
        self.save_button = QPushButton("Save Rejected Rows…")
        self.save_button.clicked.connect(self.choose_errors_file)
        options = QHBoxLayout()
        options.addWidget(self.valid_only)
        options.addStretch(1)
        options.addWidget(QLabel("Our company:"))
        options.addWidget(self.own_company)
        options.addWidget(QLabel("Currency:"))
        options.addWidget(self.currency)
        options.addWidget(QLabel("Fab country:"))
        options.addWidget(self.country)
        options.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.counts_table)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(options)
        layout.addWidget(self.valid_only_warning)
        layout.addWidget(self.strip)
        self._job: Job[Any] | None = None
        self._commit_job: Job[Any] | None = None

    # -- preview -------------------------------------------------------------------------------

    def initializePage(self) -> None:
        try:
            mapping = self.state.mapping()
        except MappingError as exc:  # the columns page does not let this through
            self.strip.idle(str(exc), "error")
            return
        matches, own = dict(self.state.matches), self.state.own_company
        currency, country = self.state.currency, self.state.country
        signature = self._signature(mapping)
        if self.state.preview is not None and self.state.preview_for == signature:
            self._show(self.state.preview)
            return
        self._clear()
        read, vendor, db = self.state.read, self.state.vendor, self.context.db
        assert read is not None

        def work(progress: Progress, cancel: CancelToken) -> PreviewResult:
            return make_preview(
                db,
                read,
                mapping,
                vendor,
                progress,
                cancel,
                matches=matches,
                own_company=own,
                currency=currency,
                country=country,
            )

        job = self.context.jobs.submit("import: preview", work)
        self.strip.start(job, "Checking every row against the database…")
        job.succeeded.connect(lambda result: self._on_preview(result, signature))
        job.failed.connect(lambda exc: self.strip.idle(_describe(exc), "error"))
        job.cancelled.connect(
            lambda: self.strip.idle("Preview cancelled; go back or press Retry.", "warning")
        )
        job.finished.connect(self._recheck)
        self._job = job
        self._started()

    def cleanupPage(self) -> None:
        self.strip.cancel()

    def _clear(self) -> None:
        self.verdict.setText("")
        self.counts.set_rows([])
        self.rejected_sheet.clear()
        self.rejected.set_sheet(None)
        for model in (self.changes, self.relocations):
            model.set_lines([])
        self.new_records.set_lines([])
        self.issues.set_issues([])
        self.notes.setText("")
        self.save_button.setEnabled(False)

    def _on_answers(self) -> None:
        """A tick or untick: plan again with the answers (and keep them for the commit)."""
        self.state.matches = self.near_matches.answers()
        if not self.strip.running:
            self.initializePage()

    def _on_own_company(self) -> None:
        typed = self.own_company.text().strip() or None
        if typed == self.state.own_company:
            return
        self.state.own_company = typed
        if not self.strip.running:
            self.initializePage()

    def _on_currency(self) -> None:
        typed = self.currency.text().strip()
        code = importing.currency_of(typed) if typed else None
        if typed and code is None:
            self.strip.idle(f"'{typed}' is not a currency code (e.g. EUR, USD, JPY).", "error")
            return
        self.currency.setText(code or "")
        if code != self.state.currency:
            self.state.currency = code
            if not self.strip.running:
                self.initializePage()

    def _on_country(self) -> None:
        typed = self.country.text().strip()
        code = importing.country_of(typed) if typed else None
        if typed and code is None:
            self.strip.idle(f"'{typed}' is not a country name or ISO code.", "error")
            return
        self.country.setText(code or "")
        if code != self.state.country:
            self.state.country = code
            if not self.strip.running:
                self.initializePage()

    def _signature(self, mapping: Mapping | None) -> tuple[Any, ...]:
        """Everything a preview depends on: a preview made for another one is stale."""
        return (
            repr(mapping),
            self.state.vendor,
            self.state.read_for,
            tuple(sorted(self.state.matches.items())),
            self.state.own_company,
            self.state.currency,
            self.state.country,
        )

    def _on_preview(self, result: PreviewResult, signature: tuple[Any, ...]) -> None:
        self.state.preview = result
        self.state.preview_for = signature
        self.strip.idle("")
        self._show(result)
        try:
            current = self._signature(self.state.mapping())
        except MappingError:
            return
        wizard = self.wizard()
        if current != signature and wizard is not None and wizard.currentPage() is self:
            # An answer, our company, currency or country changed while this preview ran:
            # it was made without them, so plan again (the strip shows the new run).
            self.initializePage()

    def _show(self, result: PreviewResult) -> None:
        plan = result.plan
        self.counts.set_plan(plan)
        header = self.counts_table.horizontalHeader().height()
        rows = self.counts_table.verticalHeader().length()
        self.counts_table.setFixedHeight(header + rows + 4)
        self.rejected_sheet.blockSignals(True)
        self.rejected_sheet.clear()
        for sheet in result.rejected:
            noun = "row" if len(sheet.lines) == 1 else "rows"
            self.rejected_sheet.addItem(f"{sheet.title} — {len(sheet.lines)} {noun}")
        self.rejected_sheet.blockSignals(False)
        self._show_rejected(0 if result.rejected else -1)
        self.changes.set_lines(result.changed)
        self.relocations.set_lines(result.relocations)
        self.new_records.set_lines(result.new)
        self.issues.set_issues(result.issues)
        self.near_matches.set_matches(plan.near_matches, self.state.matches)
        if self.near_matches.rowCount():
            _fit(self.near_table, 360)
        self.notes.setText(plan_notes(plan))
        self.notes.setVisible(bool(self.notes.text()))
        rejected_rows = sum(len(s.lines) for s in result.rejected)
        self.tabs.setTabText(0, f"Rejected rows ({rejected_rows:,})")
        self.tabs.setTabText(1, f"Changed ({len(result.changed):,})")
        self.tabs.setTabText(2, f"Relocations ({len(result.relocations):,})")
        new_total = sum(k.new_total for k in plan.kinds.values())
        self.tabs.setTabText(3, f"New ({new_total:,})")
        self.tabs.setTabText(4, f"All messages ({len(result.issues):,})")
        self.tabs.setTabText(5, f"Names to decide ({self.near_matches.rowCount():,})")
        for index, model in enumerate(
            (self.changes, self.relocations, self.new_records, self.issues)
        ):
            if model.rowCount():
                table = self.tabs.widget(index + 1)
                if isinstance(table, QTableView):
                    _fit(table)
        self.tabs.setCurrentIndex(0 if rejected_rows else (1 if result.changed else 3))
        self.save_button.setEnabled(bool(plan.rejected_rows))
        self.valid_only.setEnabled(plan.has_errors)
        if not plan.has_errors:
            self.valid_only.setChecked(False)
        self._update_verdict()

    def _show_rejected(self, index: int) -> None:
        preview = self.state.preview
        sheet = preview.rejected[index] if preview and 0 <= index < len(preview.rejected) else None
        self.rejected.set_sheet(sheet)
        if sheet is not None:
            _fit(self.rejected_table, 220)
            self._show_row_messages(self.rejected.index(0, 0), QModelIndex())
        else:
            set_tone(self.row_messages, "")

    def _show_row_messages(self, current: QModelIndex, _previous: QModelIndex) -> None:
        preview = self.state.preview
        index = self.rejected_sheet.currentIndex()
        if preview is None or not current.isValid() or not 0 <= index < len(preview.rejected):
            set_tone(self.row_messages, "")
            return
        line = preview.rejected[index].lines[current.row()]
        text = f"Row {line.row}: " + "  •  ".join(line.messages)
        set_tone(self.row_messages, text, "error")

    def _on_valid_only(self, _checked: bool) -> None:
        self._update_verdict()
        emit(self.completeChanged)

    def _update_verdict(self) -> None:
        preview = self.state.preview
        if preview is None:
            return
        plan = preview.plan
        rejected = sum(len(s.lines) for s in preview.rejected)
        new = sum(k.new_total for k in plan.kinds.values())
        changed = sum(len(k.changed) for k in plan.kinds.values())
        if not plan.has_errors:
            if plan.writes_anything:
                text = f"Ready to import: {new:,} new and {changed:,} changed records."
            else:
                text = "Everything in these files is already in the database; nothing to write."
            set_tone(self.verdict, text, "ok")
        else:
            set_tone(
                self.verdict,
                f"{rejected:,} rows were rejected. Nothing is written while rows are rejected: "
                "fix them in the file (Save Rejected Rows… gives you a workbook to fix), or "
                "commit the valid rows only.",
                "error",
            )
        if self.valid_only.isChecked():
            set_tone(
                self.valid_only_warning,
                f"⚠ The {rejected:,} rejected rows will not be imported and the batch is "
                f"recorded as partial: {new:,} new and {changed:,} changed records are "
                "written without them. Save the rejected rows to fix and import them later.",
                "warning",
            )
        else:
            set_tone(self.valid_only_warning, "")

    def isComplete(self) -> bool:
        preview = self.state.preview
        if preview is None or self.strip.running:
            return False
        return not preview.plan.has_errors or self.valid_only.isChecked()

    # -- commit --------------------------------------------------------------------------------

    def validatePage(self) -> bool:
        if self.state.outcome is not None:
            return True
        if not self.strip.running:
            self.start_commit()
        return False

    def start_commit(self) -> None:
        preview = self.state.preview
        assert preview is not None
        parsed, db = preview.read.parsed, self.context.db
        vendor, valid_only = self.state.vendor, self.valid_only.isChecked()
        profile = self.state.profile
        matches, own = dict(self.state.matches), self.state.own_company
        currency, country = self.state.currency, self.state.country

        def work(progress: Progress, cancel: CancelToken) -> ImportOutcome:
            return importing.commit(
                db,
                parsed,
                vendor=vendor,
                valid_only=valid_only,
                profile=profile,
                progress=progress,
                cancel=cancel,
                matches=matches,
                own_company=own,
                currency=currency,
                country=country,
            )

        job = self.context.writer.submit("import: commit", work)
        self.strip.start(job, "Writing to the database in one transaction…")
        job.succeeded.connect(self._on_committed)
        job.failed.connect(
            lambda exc: self.strip.idle(_describe(exc) + " Nothing was written.", "error")
        )
        job.cancelled.connect(
            lambda: self.strip.idle("Import cancelled; nothing was written.", "warning")
        )
        job.finished.connect(self._recheck)
        self._commit_job = job
        self._started()

    def _on_committed(self, outcome: ImportOutcome) -> None:
        if outcome.refused:
            # The book changed since the preview and rows are now rejected: show the new plan.
            self.strip.idle(
                "The database changed since the preview and rows are now rejected; nothing "
                "was written. Check the preview again.",
                "error",
            )
            self.state.preview = None
            self.state.preview_for = None
            self.initializePage()
            return
        self.state.outcome = outcome
        self.strip.idle("")
        emit(self.context.database_changed)
        emit(self.committed, outcome.batch_id or 0)
        self._advance()

    # -- errors workbook -----------------------------------------------------------------------

    def choose_errors_file(self) -> None:
        choose_errors_file(self, self.state, self.context, self.strip)


def choose_errors_file(
    page: QWidget, state: ImportState, context: ViewContext, strip: JobStrip
) -> None:
    first = state.paths[0] if state.paths else Path.home() / "import.xlsx"
    suggested = first.with_name(f"{first.stem}-rejected.xlsx")
    path, _ = QFileDialog.getSaveFileName(
        page, "Save rejected rows", str(suggested), "Excel workbook (*.xlsx)"
    )
    if path:
        save_errors(state, context, strip, Path(path))


def save_errors(
    state: ImportState, context: ViewContext, strip: JobStrip, target: Path
) -> Job[int]:
    """Write the rejected rows (original cells plus reasons) off the GUI thread."""
    plan = state.outcome.plan if state.outcome is not None else None
    if plan is None and state.preview is not None:
        plan = state.preview.plan
    assert plan is not None
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")

    def work(_progress: Progress, _cancel: CancelToken) -> int:
        return importing.write_errors(target, plan)

    job = context.jobs.submit("import: save rejected rows", work)
    strip.start(job, f"Writing {target.name}…")
    job.succeeded.connect(
        lambda count: strip.idle(f"Saved {count:,} rejected rows to {target}.", "ok")
    )
    job.failed.connect(lambda exc: strip.idle(f"Could not save {target.name}: {exc}", "error"))
    return job


# -- 5. summary --------------------------------------------------------------------------------


class SummaryPage(_Page):
    step = 5

    def __init__(self, state: ImportState, context: ViewContext) -> None:
        super().__init__(state, context, "Import finished", "")
        self.headline = QLabel()
        self.headline.setObjectName("summaryHeadline")
        self.headline.setWordWrap(True)
        self.counts = CountsModel(self)
        self.counts_table = _table(self.counts, "summaryCounts")
        self.counts_table.horizontalHeader().setStretchLastSection(False)
        self.counts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton("Save Rejected Rows…")
        self.save_button.clicked.connect(
            lambda: choose_errors_file(self, self.state, self.context, self.strip)
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.counts_table)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.strip)

    def initializePage(self) -> None:
        outcome = self.state.outcome
        assert outcome is not None
        plan = outcome.plan
        self.counts.set_plan(plan)
        header = self.counts_table.horizontalHeader().height()
        self.counts_table.setFixedHeight(header + self.counts_table.verticalHeader().length() + 4)
        status = (
            "partial" if plan.has_errors else ("committed" if plan.writes_anything else "unchanged")
        )
        self.setSubTitle(f"Import batch {outcome.batch_id} was recorded ({status}).")
        set_tone(
            self.headline,
            f"{outcome.rows_written:,} rows written to the database."
            if outcome.rows_written
            else "Nothing needed writing: the database already held all of it.",
            "ok",
        )
        rejected = len(plan.rejected_rows)
        if rejected:
            set_tone(
                self.note,
                f"{rejected:,} rejected rows were left out. Save them, fix them and import the "
                "saved workbook again: it is read like the original.",
                "warning",
            )
        else:
            set_tone(self.note, "Every row was imported. The import history lists this batch.")
        self.save_button.setEnabled(bool(rejected))
