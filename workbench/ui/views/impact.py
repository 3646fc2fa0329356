"""Impact: run a scenario as of a date, read the result, look back at earlier runs, compare.

The screen opens on the latest run, so the question "what does the book look like under the
rules we last evaluated" is answered without a click. Evaluations are writes, so they go
through the window's serial writer with a progress dialog; cancelling stores nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
from PySide6.QtCore import QByteArray, QDate, QModelIndex, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.rules.model import Scenario
from workbench.services import evaluation, impact, reporting, rulebook, runs
from workbench.services.browse import ColumnKind
from workbench.ui.application_dialog import open_for_hit
from workbench.ui.frame_model import FrameColumn, FrameTableModel
from workbench.ui.hit_explanation import HitExplanationPane
from workbench.ui.hits_table import HitsBrowser
from workbench.ui.impact_summary import ImpactSummary
from workbench.ui.jobs import Job
from workbench.ui.progress import run_with_progress
from workbench.ui.run_compare import RunComparePanel, run_caption
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

HISTORY_COLUMNS = [
    FrameColumn("run", "Run", ColumnKind.INT),
    FrameColumn("scenario", "Scenario"),
    FrameColumn("title", "Title"),
    FrameColumn("as_of", "As of", ColumnKind.DATE),
    FrameColumn("created", "Run at", text=lambda v: v.strftime("%Y-%m-%d %H:%M") if v else "—"),
    FrameColumn("user", "By"),
    FrameColumn("evaluated", "Evaluated", ColumnKind.INT),
    FrameColumn("hits", "Hits", ColumnKind.INT),
    FrameColumn("obligations", "Obligations hit", ColumnKind.INT),
    FrameColumn("seconds", "Seconds", ColumnKind.FLOAT, text=lambda v: f"{float(v):.1f}"),
]
REPORT_KINDS = {
    "pdf": ("PDF report", "PDF files (*.pdf)"),
    "xlsx": ("Excel workbook", "Excel workbooks (*.xlsx)"),
}


class ImpactView(WorkbenchView):
    """Summary, hits, history and comparison of evaluation runs."""

    #: The run now on screen (its summary and hits are loaded).
    run_shown = Signal(int)
    #: A run finished and was stored (its id).
    run_stored = Signal(int)
    report_written = Signal(object)  # reporting.ReportFile

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "impact", parent)
        self.shown_run: int | None = None
        self.loaded: impact.LoadedRun | None = None
        self.scenario_list: list[Scenario] = []
        self.run_list: list[runs.RunInfo] = []
        self.run_job: Job[Any] | None = None
        self.report_job: Job[Any] | None = None
        #: Ask whether to open a written report (tests turn this off: no modal boxes).
        self.ask_to_open = True
        self._load_generation = 0
        self._detail_generation = 0

        # heading
        title = QLabel("Impact")
        title.setObjectName("viewTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("viewCount")
        self.busy = QLabel("")
        self.busy.setObjectName("viewBusy")
        self.export_pdf = QPushButton("Export PDF…")
        self.export_pdf.setToolTip("Write the audit report of the run shown")
        self.export_pdf.clicked.connect(lambda: self.choose_report_file("pdf"))
        self.export_xlsx = QPushButton("Export Excel…")
        self.export_xlsx.setToolTip("Write the workbook of the run shown, one row per finding")
        self.export_xlsx.clicked.connect(lambda: self.choose_report_file("xlsx"))
        self.apply_button = QPushButton("Apply for licence…")
        self.apply_button.setToolTip("Draft a licence application from the selected hit")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.draft_application)
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(title)
        heading.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        heading.addWidget(self.apply_button)
        heading.addWidget(self.export_pdf)
        heading.addWidget(self.export_xlsx)

        # run controls
        self.scenario = QComboBox()
        self.scenario.setObjectName("scenarioChoice")
        self.scenario.setMinimumWidth(420)
        self.scenario.currentIndexChanged.connect(self._on_scenario)
        self.as_of = QDateEdit()
        self.as_of.setObjectName("asOfDate")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setDate(QDate.currentDate())
        self.run_button = QPushButton("Run scenario")
        self.run_button.setObjectName("primaryButton")
        self.run_button.setToolTip(
            "Evaluate the scenario against every obligation and store the run"
        )
        self.run_button.clicked.connect(self.run_selected)
        self.run_choice = QComboBox()
        self.run_choice.setObjectName("runChoice")
        self.run_choice.setMinimumWidth(360)
        self.run_choice.activated.connect(self._on_run_chosen)
        controls_box = QFrame()
        controls_box.setObjectName("toolPanel")
        controls = QHBoxLayout(controls_box)
        controls.setContentsMargins(12, 8, 12, 8)
        controls.setSpacing(8)
        for text, widget in (("Scenario", self.scenario), ("As of", self.as_of)):
            label = QLabel(text)
            label.setObjectName("fieldName")
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.run_button)
        controls.addStretch(1)
        shown = QLabel("Showing")
        shown.setObjectName("fieldName")
        controls.addWidget(shown)
        controls.addWidget(self.run_choice)

        # tabs
        self.summary = ImpactSummary()
        self.hits = HitsBrowser(context)
        self.hits.hit_selected.connect(self._on_hit_selected)
        # Ready once the hits of the run are listed too, so a screenshot shows no "Loading".
        self.hits.ids_loaded.connect(lambda _n: self.set_ready(True))
        self.explanation = HitExplanationPane()
        self.hits_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.hits_splitter.addWidget(self.hits)
        self.hits_splitter.addWidget(self.explanation)
        self.hits_splitter.setStretchFactor(0, 3)
        self.hits_splitter.setStretchFactor(1, 1)
        self.hits_splitter.setSizes([900, 380])
        self.hits_splitter.setChildrenCollapsible(False)

        self.history_model = FrameTableModel(HISTORY_COLUMNS, self)
        self.history = QTableView()
        self.history.setObjectName("historyTable")
        self.history.setModel(self.history_model)
        self.history.setSortingEnabled(True)
        self.history.setAlternatingRowColors(True)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.verticalHeader().setDefaultSectionSize(26)
        self.history.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((50, 220, 380, 90, 130, 80, 80, 80, 110)):
            self.history.setColumnWidth(column, width)
        self.history.doubleClicked.connect(self._on_history_open)
        self.history_show = QPushButton("Show run")
        self.history_show.clicked.connect(self._show_history_selection)
        self.history_compare = QPushButton("Compare selected two")
        self.history_compare.setToolTip("Select two runs (Ctrl+click) to compare them")
        self.history_compare.clicked.connect(self._compare_history_selection)
        history_bar = QHBoxLayout()
        history_bar.addWidget(self.history_show)
        history_bar.addWidget(self.history_compare)
        history_bar.addStretch(1)
        history_note = QLabel(
            "Runs are stored as evaluated and never change; double-click one to show it."
        )
        history_note.setObjectName("panelNote")
        history_bar.addWidget(history_note)
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        history_layout.setContentsMargins(0, 4, 0, 0)
        history_layout.addLayout(history_bar)
        history_layout.addWidget(self.history, 1)

        self.compare = RunComparePanel(context)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("impactTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.summary, "Summary")
        self.tabs.addTab(self.hits_splitter, "Hits")
        self.tabs.addTab(history_page, "Run history")
        self.tabs.addTab(self.compare, "Compare runs")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(controls_box)
        layout.addWidget(self.tabs, 1)
        self._set_run_actions(False)

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read scenarios and runs; show the run on screen again, else the latest."""
        db = self.context.db

        def work(
            _progress: Progress, _cancel: CancelToken
        ) -> tuple[list[Scenario], list[runs.RunInfo], pl.DataFrame]:
            return rulebook.scenarios(db), runs.list_runs(db), impact.run_history(db)

        self.busy.setText("Loading…")
        job = self.context.jobs.submit("impact: runs", work)
        job.succeeded.connect(self._on_lists)
        job.failed.connect(self._on_failed)

    def _on_failed(self, exc: object) -> None:
        self.busy.setText("")
        emit(self.context.message, f"Impact: {exc}")
        self.set_ready(True)

    def _on_lists(self, result: tuple[list[Scenario], list[runs.RunInfo], pl.DataFrame]) -> None:
        scenarios, listed, history = result
        self.busy.setText("")
        self._set_scenarios(scenarios)
        self.run_list = listed
        self.run_choice.clear()
        for info in listed:
            self.run_choice.addItem(run_caption(info), info.id)
        self.history_model.set_frame(history)
        self.compare.set_runs(listed)
        known = {info.id for info in listed}
        target = self.shown_run if self.shown_run in known else (listed[0].id if listed else None)
        if target is None:
            self._show_empty()
        else:
            self.show_run(target)

    def _set_scenarios(self, scenarios: list[Scenario]) -> None:
        keep = self.scenario.currentData()
        self.scenario_list = scenarios
        self.scenario.blockSignals(True)
        self.scenario.clear()
        for item in scenarios:
            self.scenario.addItem(f"{item.title}  ({item.id})", item.id)
        index = self.scenario.findData(keep) if keep else -1
        self.scenario.setCurrentIndex(max(index, 0))
        self.scenario.blockSignals(False)
        self._on_scenario()

    def _on_scenario(self, *_args: object) -> None:
        chosen = self.selected_scenario()
        if chosen is not None and chosen.as_of is not None:
            self.as_of.setDate(QDate(chosen.as_of.year, chosen.as_of.month, chosen.as_of.day))

    def selected_scenario(self) -> Scenario | None:
        key = self.scenario.currentData()
        return next((s for s in self.scenario_list if s.id == key), None)

    def _show_empty(self) -> None:
        self.shown_run = None
        self.loaded = None
        self.subtitle.setText("no runs yet: choose a scenario and a date, then Run scenario")
        self._set_run_actions(False)
        self.hits.set_run(None, {})
        self.set_ready(True)

    def _set_run_actions(self, enabled: bool) -> None:
        self.export_pdf.setEnabled(enabled)
        self.export_xlsx.setEnabled(enabled)

    def show_run(self, run_id: int) -> None:
        """Load a stored run's summary and hits (off the GUI thread)."""
        self._load_generation += 1
        generation = self._load_generation
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> impact.LoadedRun:
            return impact.load_run(db, run_id)

        self.busy.setText(f"Loading run {run_id}…")
        job = self.context.jobs.submit(f"impact: run {run_id}", work)
        job.succeeded.connect(lambda loaded: self._on_run_loaded(generation, loaded))
        job.failed.connect(self._on_failed)

    def _on_run_loaded(self, generation: int, loaded: impact.LoadedRun) -> None:
        if generation != self._load_generation:
            return
        info = loaded.info
        self.loaded = loaded
        self.shown_run = info.id
        self.busy.setText("")
        when = info.created_at.strftime("%Y-%m-%d %H:%M")
        self.subtitle.setText(
            f"Run {info.id} · {info.scenario_id} as of {info.as_of.isoformat()} · "
            f"{info.hit_count:,} hits · {info.user_name}, {when}"
        )
        self.subtitle.setToolTip(
            f"{info.scenario_title}\nRules hash {info.rule_hash[:16]}…, data fingerprint "
            f"{info.data_fingerprint[:16]}…, country groups {info.country_groups}, "
            f"app {info.app_version}"
        )
        index = self.run_choice.findData(info.id)
        if index >= 0:
            self.run_choice.setCurrentIndex(index)
        self.summary.show_summary(loaded.summary, info.obligations_evaluated)
        self.hits.set_run(info.id, loaded.groups)
        self._set_run_actions(True)
        emit(self.run_shown, info.id)

    def _on_run_chosen(self, index: int) -> None:
        run_id = self.run_choice.itemData(index)
        if isinstance(run_id, int) and run_id != self.shown_run:
            self.show_run(run_id)

    # -- hits -----------------------------------------------------------------------------------

    def draft_application(self) -> None:
        if self.hits.selected_hit is not None:
            open_for_hit(self.context, self.hits.selected_hit, self)

    def _on_hit_selected(self, hit_id: int | None) -> None:
        self.apply_button.setEnabled(hit_id is not None)
        self._detail_generation += 1
        generation = self._detail_generation
        if hit_id is None:
            self.explanation.show_detail(None)
            return
        db = self.context.db

        def work(_progress: Progress, _cancel: CancelToken) -> impact.HitDetail | None:
            return impact.hit_detail(db, hit_id)

        job = self.context.jobs.submit("impact: hit", work)
        job.succeeded.connect(lambda detail: self._on_detail(generation, detail))

    def _on_detail(self, generation: int, detail: impact.HitDetail | None) -> None:
        if generation == self._detail_generation:
            self.explanation.show_detail(detail)

    # -- history --------------------------------------------------------------------------------

    def _history_runs(self) -> list[int]:
        rows = sorted(i.row() for i in self.history.selectionModel().selectedRows())
        found = [self.history_model.row_dict(r) for r in rows]
        return [int(r["run"]) for r in found if r is not None]

    def _on_history_open(self, index: QModelIndex) -> None:
        row = self.history_model.row_dict(index.row())
        if row is not None:
            self.show_run(int(row["run"]))
            self.tabs.setCurrentWidget(self.summary)

    def _show_history_selection(self) -> None:
        chosen = self._history_runs()
        if chosen:
            self.show_run(chosen[0])
            self.tabs.setCurrentWidget(self.summary)

    def _compare_history_selection(self) -> None:
        chosen = self._history_runs()
        if len(chosen) != 2:
            emit(self.context.message, "Select exactly two runs to compare.")
            return
        older, newer = sorted(chosen)
        self.compare.choose(older, newer)
        self.tabs.setCurrentWidget(self.compare)
        self.compare.compare(older, newer)

    # -- running --------------------------------------------------------------------------------

    def run_selected(self) -> None:
        chosen = self.selected_scenario()
        if chosen is None:
            emit(self.context.message, "Choose a scenario to run.")
            return
        day = self.as_of.date()
        self.run_scenario(chosen.id, dt.date(day.year(), day.month(), day.day()))

    def run_scenario(self, scenario_id: str, as_of: dt.date) -> Job[evaluation.RunResult]:
        """Evaluate on the writer thread with a progress dialog; the new run is then shown."""
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> evaluation.RunResult:
            return evaluation.evaluate_scenario(db, scenario_id, as_of, progress, cancel)

        job, _dialog = run_with_progress(
            self,
            self.context.writer,
            "Evaluating scenario",
            f"Evaluating {scenario_id} as of {as_of.isoformat()} against every obligation…",
            work,
        )
        self.run_button.setEnabled(False)
        job.succeeded.connect(self._on_evaluated)
        job.failed.connect(self._on_run_failed)
        job.cancelled.connect(
            lambda: emit(self.context.message, "Evaluation cancelled; no run was stored.")
        )
        job.finished.connect(lambda: self.run_button.setEnabled(True))
        self.run_job = job
        return job

    def _on_evaluated(self, result: evaluation.RunResult) -> None:
        emit(
            self.context.message,
            f"Run {result.run_id} stored: {result.hits:,} hits in {result.seconds:.1f} s.",
        )
        self.shown_run = result.run_id
        self.tabs.setCurrentWidget(self.summary)
        emit(self.run_stored, result.run_id)
        self.reload()

    def _on_run_failed(self, exc: object) -> None:
        text = str(exc) if isinstance(exc, WorkbenchError) else f"The evaluation failed: {exc}"
        emit(self.context.message, text)
        QMessageBox.warning(self, "Evaluation failed", text)

    # -- reports --------------------------------------------------------------------------------

    def choose_report_file(self, kind: str) -> None:
        if self.shown_run is None:
            return
        label, pattern = REPORT_KINDS[kind]
        suggested = Path.home() / f"impact-run-{self.shown_run}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, f"Export {label}", str(suggested), pattern)
        if path:
            target = Path(path)
            if target.suffix.lower() != f".{kind}":
                target = target.with_name(target.name + f".{kind}")
            self.export_report(kind, target)

    def export_report(self, kind: str, path: Path) -> Job[reporting.ReportFile] | None:
        """Write the shown run's report on the writer thread, with progress and cancel."""
        run_id = self.shown_run
        if run_id is None:
            return None
        db = self.context.db

        def work(progress: Progress, cancel: CancelToken) -> reporting.ReportFile:
            return reporting.write_report(db, run_id, path, kind, progress=progress, cancel=cancel)

        label = REPORT_KINDS[kind][0]
        job, _dialog = run_with_progress(
            self,
            self.context.writer,
            f"Writing {label}",
            f"Writing the {label} of run {run_id}…",
            work,
        )
        job.succeeded.connect(self._on_report)
        job.failed.connect(self._on_run_failed_report)
        job.cancelled.connect(lambda: emit(self.context.message, "Report cancelled."))
        self.report_job = job
        return job

    def _on_report(self, written: reporting.ReportFile) -> None:
        emit(self.context.message, f"Report written to {written.path}")
        emit(self.report_written, written)
        if not self.ask_to_open:
            return
        answer = QMessageBox.question(
            self,
            "Report written",
            f"{written.path.name} is written ({written.size:,} bytes). Open it now?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Open,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))

    def _on_run_failed_report(self, exc: object) -> None:
        text = str(exc) if isinstance(exc, WorkbenchError) else f"The report failed: {exc}"
        emit(self.context.message, text)
        if self.ask_to_open:
            QMessageBox.warning(self, "Report not written", text)

    # -- layout ---------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        group = self.settings_group()
        settings.setValue(f"{group}/hits_splitter", self.hits_splitter.saveState())
        settings.setValue(f"{group}/compare_splitter", self.compare.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        group = self.settings_group()
        for key, splitter in (
            ("hits_splitter", self.hits_splitter),
            ("compare_splitter", self.compare.splitter),
        ):
            state = settings.value(f"{group}/{key}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
