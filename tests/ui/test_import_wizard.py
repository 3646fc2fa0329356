"""The import wizard driven on a copy of the demo book with the LibreOffice-written fixtures."""

from __future__ import annotations

import csv
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from workbench.services import importing
from workbench.services.database import info
from workbench.storage.database import Database
from workbench.storage.orm import ImportBatchRow, MachineRow
from workbench.ui.import_models import FIELDS_ROLE, ColumnMappingModel
from workbench.ui.import_pages import save_errors
from workbench.ui.import_wizard import ImportWizard
from workbench.ui.jobs import JobRunner
from workbench.ui.main_window import MainWindow
from workbench.ui.views.base import ViewContext
from workbench.ui.views.imports import ImportsView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
BOOK = ("customers", "fabs", "machines", "contracts", "obligations")


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """The LibreOffice multi-sheet workbook plus the customers and contracts it refers to."""
    customers = write_csv(
        tmp_path / "customers.csv",
        ["Customer code", "Customer name", "HQ country"],
        [
            ["SMIC-ZH", "中芯国际", "CN"],
            ["CXMT-ZH", "长鑫存储", "CN"],
            ["YMTC-ZH", "长江存储", "CN"],
            ["SKH-KO", "SK하이닉스", "KR"],
        ],
    )
    contracts = write_csv(
        tmp_path / "contracts.csv",
        ["Contract number", "Customer code", "Start date", "End date", "Contract value"],
        [
            ["C-2020-001", "SMIC-ZH", "2020-01-01", "2025-12-31", "EUR 1,000,000.00"],
            ["C-2021-007", "SKH-KO", "2021-07-01", "2026-06-30", "USD 300,000.01"],
        ],
    )
    return [customers, contracts, DATA / "multi_sheet.xlsx"]


@pytest.fixture
def context(demo_db: Database, qtbot: QtBot) -> Iterator[ViewContext]:
    jobs, writer = JobRunner(), JobRunner(serial=True)
    yield ViewContext(demo_db, jobs, writer)
    jobs.shutdown()
    writer.shutdown()


@pytest.fixture
def wizard(context: ViewContext, files: list[Path], qtbot: QtBot) -> Iterator[ImportWizard]:
    shown = ImportWizard(context, files)
    shown.resize(1180, 760)
    shown.show()
    yield shown
    discard(shown)


def discard(wizard: ImportWizard) -> None:
    """Close and delete now, as the main window does (a QWizard left to the garbage collector
    or to its parent's destruction crashes PySide6 later)."""
    wizard.reject()
    shiboken6.delete(wizard)


def book(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in BOOK}


def batches(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ImportBatchRow)) or 0)


def to_sheets(wizard: ImportWizard, qtbot: QtBot) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheets_page, timeout=WAIT_MS)


def to_preview(wizard: ImportWizard, qtbot: QtBot) -> None:
    if wizard.currentPage() is wizard.files_page:
        to_sheets(wizard, qtbot)
    while wizard.currentPage() is not wizard.preview_page:
        wizard.next()
    qtbot.waitUntil(
        lambda: wizard.state.preview is not None and not wizard.preview_page.strip.running,
        timeout=WAIT_MS,
    )


def show_mapping_of(wizard: ImportWizard, sheet: str) -> ColumnMappingModel:
    page = wizard.mapping_page
    for row in range(page.sheets.count()):
        if page.sheets.item(row).data(Qt.ItemDataRole.UserRole)[1] == sheet:
            page.sheets.setCurrentRow(row)
    assert page.model.sheet is not None and page.model.sheet.sheet == sheet
    return page.model


def machines_rejected(wizard: ImportWizard) -> int:
    assert wizard.state.preview is not None
    return wizard.state.preview.plan.counts()["machines"]["rejected"]


def test_pages_show_sheets_mapping_and_preview_and_every_model_is_sound(
    wizard: ImportWizard, qtbot: QtBot, qtmodeltester: Any
) -> None:
    assert not wizard.button(QWizard.WizardButton.NextButton).isHidden()
    assert wizard.files_page.files.count() == 3 and wizard.files_page.isComplete()
    to_sheets(wizard, qtbot)
    sheets = wizard.sheets_page.model
    qtmodeltester.check(sheets)
    rows = {sheets.text(r, 1): sheets.text(r, 3) for r in range(sheets.rowCount())}
    assert rows["Fabs"] == "Fabs" and rows["Machines"] == "Machines"
    assert rows["Contract lines"] == "Contract lines"
    header_rows = {sheets.text(r, 1): sheets.text(r, 2) for r in range(sheets.rowCount())}
    assert header_rows["Fabs"] == "3"  # two title rows skipped

    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    model = show_mapping_of(wizard, "Machines")
    qtmodeltester.check(model)
    headings = [model.data(model.index(r, ColumnMappingModel.HEADING)) for r in range(6)]
    assert headings[0] == "序列号"
    assert model.data(model.index(0, ColumnMappingModel.FIELD), FIELDS_ROLE) == ["machines.serial"]
    assert model.data(model.index(0, ColumnMappingModel.FIELD)) == "Machines › Serial number *"
    assert model.data(model.index(0, ColumnMappingModel.STATE)) == "suggested"
    assert "00123" in model.data(model.index(0, ColumnMappingModel.SAMPLES))
    assert "Machines: Serial number ✓" in wizard.mapping_page.requirements.text().replace(
        "<span style='color:#1e6b34'>", ""
    ).replace("</span>", "")

    to_preview(wizard, qtbot)
    page = wizard.preview_page
    for model_ in (page.counts, page.rejected, page.changes, page.relocations):
        qtmodeltester.check(model_)
    qtmodeltester.check(page.new_records)
    qtmodeltester.check(page.issues)
    qtmodeltester.check(page.near_matches)
    assert wizard.state.preview is not None
    page_plan = wizard.state.preview.plan
    counts = page_plan.counts()
    assert counts["customers"]["new"] == 4 and counts["machines"]["new"] == 4
    assert page.counts.text(0, 0) == "Customers" and page.counts.text(0, 1) == "4"
    # One row per new record, an obligation line once with its service types.
    assert page.new_records.rowCount() == sum(len(k.new) for k in page_plan.kinds.values())
    new_total = sum(c["new"] for c in counts.values())
    assert page.tabs.tabText(3) == f"New ({new_total:,})"
    assert "rows were rejected" in page.verdict.text()


def test_rejected_cells_are_highlighted_with_their_messages(
    wizard: ImportWizard, qtbot: QtBot
) -> None:
    to_preview(wizard, qtbot)
    page = wizard.preview_page
    titles = [page.rejected_sheet.itemText(i) for i in range(page.rejected_sheet.count())]
    machines = next(i for i, t in enumerate(titles) if "› Machines" in t)
    page.rejected_sheet.setCurrentIndex(machines)
    model = page.rejected
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "Row" and headers[-1] == "Why it was rejected"
    date_column = headers.index("安装日期")
    row = next(r for r in range(model.rowCount()) if model.text(r, 0) == "6")
    bad = model.index(row, date_column)
    assert bad.data() == "not yet"
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "'not yet' is not a date" in bad.data(Qt.ItemDataRole.ToolTipRole)
    serial = model.index(row, headers.index("序列号"))
    assert serial.data() == "K-0043"
    assert serial.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "安装日期 (E): 'not yet' is not a date" in model.text(row, len(headers) - 1)
    # The Tactras row is not rejected: its model is created as "category unknown" and the
    # analyst is told so among the messages.
    assert all(model.text(r, 0) != "4" for r in range(model.rowCount()))
    assert any("'TEL Tactras' is a platform" in m for m in messages(wizard))


def test_a_row_rejected_against_the_database_marks_its_reference(
    context: ViewContext, files: list[Path], tmp_path: Path, qtbot: QtBot
) -> None:
    extra = write_csv(
        tmp_path / "extra.csv",
        ["Serial No.", "Vendor", "Model", "Site code"],
        [["Z-1", "ASML", "NXT:2000i", "NO-SUCH-FAB"]],
    )
    shown = ImportWizard(context, [*files, extra])
    shown.resize(1180, 760)
    shown.show()
    try:
        to_preview(shown, qtbot)
        page = shown.preview_page
        titles = [page.rejected_sheet.itemText(i) for i in range(page.rejected_sheet.count())]
        page.rejected_sheet.setCurrentIndex(next(i for i, t in enumerate(titles) if "extra" in t))
        model = page.rejected
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        assert (
            model.index(0, headers.index("Site code")).data(Qt.ItemDataRole.BackgroundRole)
            is not None
        )
        page.rejected_table.selectRow(0)
        assert "fab 'NO-SUCH-FAB' is neither in the file nor in the database" in (
            page.row_messages.text()
        )
    finally:
        discard(shown)


def messages(wizard: ImportWizard) -> list[str]:
    assert wizard.state.preview is not None
    return [i.message for i in wizard.state.preview.issues]


def test_editing_the_mapping_changes_the_preview(wizard: ImportWizard, qtbot: QtBot) -> None:
    to_preview(wizard, qtbot)
    assert "'not yet' is not a date" in messages(wizard)
    wizard.back()
    assert wizard.currentPage() is wizard.mapping_page
    model = show_mapping_of(wizard, "Machines")
    date_row = next(
        r
        for r in range(model.rowCount())
        if model.sheet and model.sheet.columns[r].heading == "安装日期"
    )
    assert model.setData(model.index(date_row, ColumnMappingModel.FIELD), "")
    assert model.data(model.index(date_row, ColumnMappingModel.FIELD)) == "— not imported"
    assert model.data(model.index(date_row, ColumnMappingModel.STATE)) == "changed"
    assert "'安装日期'" in wizard.mapping_page.unmapped.text()
    first = wizard.state.preview
    to_preview(wizard, qtbot)
    assert wizard.state.preview is not first  # read again with the edited mapping
    assert "'not yet' is not a date" not in messages(wizard)
    preview = wizard.state.preview
    assert preview is not None and preview.read.mapping is not None
    assert "machines.install_date" not in preview.read.mapping.sheets["Machines"]
    assert preview.read.mapping.fields == {}  # the CSV files are still read as detected
    # the row refused for its date is no longer refused at all
    assert all(s.sheet != "Machines" for s in preview.rejected)
    counts = preview.plan.counts()["machines"]
    assert counts == {"new": 5, "changed": 0, "unchanged": 0, "rejected": 0}


def test_a_required_field_left_unmapped_blocks_the_preview(
    wizard: ImportWizard, qtbot: QtBot
) -> None:
    to_sheets(wizard, qtbot)
    wizard.next()
    model = show_mapping_of(wizard, "Machines")
    model.set_fields(0, [])  # the serial column
    assert not wizard.mapping_page.isComplete()
    assert "Machines needs Serial number" in wizard.mapping_page.problem.text()
    model.set_fields(0, ["machines.serial"])
    assert wizard.mapping_page.isComplete()


def test_a_field_moves_to_the_column_it_is_given_to(wizard: ImportWizard, qtbot: QtBot) -> None:
    to_sheets(wizard, qtbot)
    wizard.next()
    model = show_mapping_of(wizard, "Machines")
    model.set_fields(5, ["machines.serial"])  # the status column now holds the serial
    assert model.data(model.index(0, ColumnMappingModel.FIELD), FIELDS_ROLE) == []
    model.toggle_field(0, "machines.licence")
    model.toggle_field(0, "contract_lines.serial")
    assert model.data(model.index(0, ColumnMappingModel.FIELD), FIELDS_ROLE) == [
        "machines.licence",
        "contract_lines.serial",
    ]
    model.toggle_field(0, "machines.licence")
    assert model.data(model.index(0, ColumnMappingModel.FIELD), FIELDS_ROLE) == [
        "contract_lines.serial"
    ]
    wizard.mapping_page.reset()
    assert model.data(model.index(0, ColumnMappingModel.FIELD), FIELDS_ROLE) == ["machines.serial"]


def test_profile_saved_from_the_wizard_can_be_applied(
    wizard: ImportWizard, demo_db: Database, qtbot: QtBot
) -> None:
    to_sheets(wizard, qtbot)
    wizard.next()
    page = wizard.mapping_page
    model = show_mapping_of(wizard, "Machines")
    model.set_fields(5, [])  # status not imported
    page.save_profile("Shanghai ERP")
    qtbot.waitUntil(lambda: wizard.state.profile == "Shanghai ERP", timeout=WAIT_MS)
    saved = importing.load_profile(demo_db, "Shanghai ERP")
    assert "machines.status" not in saved.sheets["Machines"]
    assert saved.sheets["Fabs"]["fabs.site_code"] == "Site code"
    page.reset()
    assert model.fields_of(5) == ["machines.status"]
    page.apply_profile("Shanghai ERP")
    qtbot.waitUntil(lambda: not page.strip.running, timeout=WAIT_MS)
    assert model.fields_of(5) == [] and wizard.state.profile == "Shanghai ERP"
    assert "applied" in page.strip.label.text()


def test_all_or_nothing_until_valid_rows_only_is_chosen(wizard: ImportWizard, qtbot: QtBot) -> None:
    to_preview(wizard, qtbot)
    page = wizard.preview_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Import"
    assert not page.isComplete() and not commit.isEnabled()
    assert page.valid_only_warning.isHidden()
    page.valid_only.setChecked(True)
    assert page.isComplete() and commit.isEnabled()
    assert "will not be imported" in page.valid_only_warning.text()
    assert not page.valid_only_warning.isHidden()


def test_commit_writes_a_batch_and_the_history_shows_it(
    window: MainWindow, files: list[Path], demo_db: Database, qtbot: QtBot
) -> None:
    history = window.show_view("imports")
    assert isinstance(history, ImportsView)
    qtbot.waitUntil(lambda: history.is_ready, timeout=WAIT_MS)
    assert history.model.rowCount() == 0
    before = book(demo_db)
    window.open_import(files)
    wizard = window.import_wizard
    assert isinstance(wizard, ImportWizard)
    to_preview(wizard, qtbot)
    wizard.preview_page.valid_only.setChecked(True)
    with qtbot.waitSignal(wizard.committed, timeout=WAIT_MS) as committed:
        wizard.next()
    batch_id = committed.args[0]
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=WAIT_MS)
    assert f"batch {batch_id}" in wizard.summary_page.subTitle()
    assert "rows written" in wizard.summary_page.headline.text()
    assert wizard.summary_page.save_button.isEnabled()
    after = book(demo_db)
    assert after["machines"] == before["machines"] + 4
    assert after["obligations"] == before["obligations"] + 17
    # the open history view reloaded on database_changed and shows the batch, newest first
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=WAIT_MS)
    assert history.model.batches[0].id == batch_id
    assert history.model.text(0, 4) == "partial"
    qtbot.waitUntil(lambda: history.detail is not None, timeout=WAIT_MS)
    assert history.detail is not None and history.detail.summary.id == batch_id
    qtbot.waitUntil(lambda: "1,200" not in window.counts_label.text(), timeout=WAIT_MS)
    assert f"{after['machines']:,} machines" in window.counts_label.text()


def test_cancelling_the_commit_writes_nothing(
    wizard: ImportWizard,
    demo_db: Database,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_commit = importing.commit

    def commit_cancelled_midway(db: Database, parsed: Any, **options: Any) -> Any:
        token, report = options["cancel"], options["progress"]

        def progress(done: int, total: int) -> None:
            if done > 0:
                token.cancel()  # what the Cancel button does, once rows are being written
            report(done, total)

        return real_commit(db, parsed, **{**options, "progress": progress})

    monkeypatch.setattr(importing, "commit", commit_cancelled_midway)
    before, batches_before = book(demo_db), batches(demo_db)
    to_preview(wizard, qtbot)
    wizard.preview_page.valid_only.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.strip.running, timeout=WAIT_MS)
    assert wizard.currentPage() is wizard.preview_page
    assert "nothing was written" in wizard.preview_page.strip.label.text()
    assert wizard.state.outcome is None
    assert book(demo_db) == before and batches(demo_db) == batches_before
    with demo_db.read() as session:
        assert session.scalar(select(MachineRow).where(MachineRow.serial == "00123")) is None


def test_cancel_button_stops_a_queued_commit(
    wizard: ImportWizard, demo_db: Database, qtbot: QtBot
) -> None:
    before = book(demo_db)
    to_preview(wizard, qtbot)
    wizard.preview_page.valid_only.setChecked(True)
    wizard.next()
    assert wizard.preview_page.strip.running
    qtbot.mouseClick(wizard.preview_page.strip.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.preview_page.strip.running, timeout=WAIT_MS)
    text = wizard.preview_page.strip.label.text()
    # the click either beat the writer (cancelled) or came after the last row (committed)
    if wizard.state.outcome is None:
        assert "nothing was written" in text
        assert book(demo_db) == before
    else:
        assert wizard.currentPage() is wizard.summary_page


def _not_a_zip(tmp_path: Path) -> Path:
    path = tmp_path / "installed_base.xlsx"
    path.write_text("Serial;Model\n1;NXT\n", encoding="utf-8")
    return path


def _zip_bomb(tmp_path: Path) -> Path:
    """The LibreOffice workbook with one sheet swapped for 8 MB that packs to a few KB."""
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(DATA / "multi_sheet.xlsx") as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b" " * 8_000_000
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 200_000
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [(_not_a_zip, "installed_base.xlsx: "), (_zip_bomb, "bomb.xlsx: ")],
)
def test_hostile_files_show_the_one_sentence_and_write_nothing(
    context: ViewContext,
    demo_db: Database,
    tmp_path: Path,
    qtbot: QtBot,
    make: Any,
    words: str,
) -> None:
    bad = make(tmp_path)
    before, batches_before = book(demo_db), batches(demo_db)
    wizard = ImportWizard(context, [DATA / "multi_sheet.xlsx", bad])
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.files_page.strip.running, timeout=WAIT_MS)
    label = wizard.files_page.strip.label
    assert wizard.currentPage() is wizard.files_page
    assert label.text().startswith(words) and "Traceback" not in label.text()
    assert label.text().count("\n") == 0
    assert "#a4262c" in label.styleSheet()  # shown in the error colour
    assert book(demo_db) == before and batches(demo_db) == batches_before
    discard(wizard)


def test_save_rejected_rows_writes_the_workbook(
    wizard: ImportWizard, tmp_path: Path, qtbot: QtBot
) -> None:
    to_preview(wizard, qtbot)
    target = tmp_path / "to fix"
    job = save_errors(wizard.state, wizard.context, wizard.preview_page.strip, target)
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
        pass
    written = tmp_path / "to fix.xlsx"
    assert "Saved" in wizard.preview_page.strip.label.text()
    workbook = load_workbook(written, read_only=True)
    assert "Machines" in workbook.sheetnames
    rows = list(workbook["Machines"].iter_rows(values_only=True))
    assert rows[0][0] == "序列号" and "Reasons" in rows[0]
    assert any(row[0] == "K-0043" for row in rows[1:])
    workbook.close()


def drop_files(window: MainWindow, paths: Sequence[Path]) -> bool:
    """Drag ``paths`` over the window and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():  # QDragEnterEvent has only the QPoint constructor
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(300, 300),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_file_menu_and_dropped_files_open_the_wizard(
    window: MainWindow, files: list[Path], qtbot: QtBot
) -> None:
    assert window.import_action.text() == "&Import…"
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.acceptDrops()
    assert drop_files(window, files[:2])
    wizard = window.import_wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert [p.name for p in wizard.files_page.paths()] == ["customers.csv", "contracts.csv"]
    # a second drop while the wizard is open adds to it instead of opening another
    assert drop_files(window, files[2:])
    assert window.import_wizard is wizard
    assert wizard.files_page.files.count() == 3
    wizard.reject()


def test_a_drag_without_files_is_refused(window: MainWindow) -> None:
    assert not drop_files(window, [])
    assert window.import_wizard is None
