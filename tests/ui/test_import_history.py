"""The Import History view on a demo book with two committed batches."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.services import importing
from workbench.services.importing import ImportOptions, ImportOutcome
from workbench.storage.database import Database
from workbench.ui.main_window import MainWindow
from workbench.ui.roles import BADGE_ROLE
from workbench.ui.views.imports import ImportsView, as_detail

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.fixture
def imported(demo_db: Database, tmp_path: Path) -> tuple[ImportOutcome, ImportOutcome]:
    customers = tmp_path / "customers.csv"
    with customers.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Customer code", "Customer name", "HQ country"])
        writer.writerows(
            [
                ["SMIC-ZH", "中芯国际", "CN"],
                ["CXMT-ZH", "长鑫存储", "CN"],
                ["YMTC-ZH", "长江存储", "CN"],
                ["SKH-KO", "SK하이닉스", "KR"],
            ]
        )
    files = [customers, DATA / "multi_sheet.xlsx"]
    options = ImportOptions(commit=True, valid_only=True)
    first = importing.run_import(demo_db, files, options)
    second = importing.run_import(demo_db, files, options)
    return first, second


def shown_history(window: MainWindow, qtbot: QtBot) -> ImportsView:
    view = window.show_view("imports")
    assert isinstance(view, ImportsView)
    qtbot.waitUntil(lambda: view.is_ready and view.detail is not None, timeout=WAIT_MS)
    return view


def test_batches_newest_first_and_the_newest_selected(
    window: MainWindow,
    imported: tuple[ImportOutcome, ImportOutcome],
    qtbot: QtBot,
    qtmodeltester: Any,
) -> None:
    first, second = imported
    view = shown_history(window, qtbot)
    qtmodeltester.check(view.model)
    assert [b.id for b in view.model.batches] == [second.batch_id, first.batch_id]
    assert view.count_label.text() == "2 batches"
    assert view.model.text(0, 4) == "unchanged" and view.model.text(1, 4) == "partial"
    status = view.model.index(1, 4).data(BADGE_ROLE)
    assert status.text == "partial"
    assert view.model.text(1, 2) == "customers.csv, multi_sheet.xlsx"
    assert view.model.text(1, 5) == str(sum(c["new"] for c in first.plan.counts().values()))
    assert view.selected_batch == second.batch_id
    assert view.detail is not None and view.detail.records == []  # the re-import wrote nothing


def test_selecting_a_batch_shows_files_hashes_sheets_and_records(
    window: MainWindow, imported: tuple[ImportOutcome, ImportOutcome], qtbot: QtBot
) -> None:
    first, _second = imported
    view = shown_history(window, qtbot)
    view.table.selectRow(1)
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.summary.id == first.batch_id,
        timeout=WAIT_MS,
    )
    pane = view.details
    assert pane.title.text().startswith(f"Batch {first.batch_id} · customers.csv")
    texts = [
        w.text() for w in pane.findChildren(type(pane.title)) if w.objectName() == "fieldValue"
    ]
    joined = "\n".join(texts)
    sha = first.plan.parsed.files[1].sha256
    assert f"multi_sheet.xlsx: {sha}" in joined
    assert "multi_sheet.xlsx › Machines: machines, 5 rows from row 2, 1 rejected" in joined
    assert "multi_sheet.xlsx › Fabs: fabs, 5 rows from row 4\n" in joined
    assert "Machines: 4 new, 1 rejected" in joined
    assert "none (columns detected)" in joined
    records = pane.table_model
    rows = [
        [records.index(r, c).data() for c in range(records.columnCount())]
        for r in range(records.rowCount())
    ]
    assert ["Machine", "00123", "ASML NXT:1980Di at SMIC-SN1"] in rows
    assert any(row[0] == "Customer" and row[1] == "SMIC-ZH" for row in rows)
    assert pane.table_caption.text().startswith("Records this batch wrote · ")


def test_empty_history_says_so(window: MainWindow, qtbot: QtBot) -> None:
    view = window.show_view("imports")
    assert isinstance(view, ImportsView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    assert view.model.rowCount() == 0 and view.count_label.text() == "0 batches"
    assert view.details.title.text().startswith("Select an import batch")


def test_import_button_opens_the_windows_wizard(window: MainWindow, qtbot: QtBot) -> None:
    view = window.show_view("imports")
    assert isinstance(view, ImportsView)
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert window.import_wizard is not None and window.import_wizard.isVisible()


def test_as_detail_of_a_batch_lists_counts_of_kinds_that_moved(
    window: MainWindow, imported: tuple[ImportOutcome, ImportOutcome], qtbot: QtBot
) -> None:
    view = shown_history(window, qtbot)
    view.table.selectRow(1)
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.summary.status == "partial",
        timeout=WAIT_MS,
    )
    assert view.detail is not None
    detail = as_detail(view.detail)
    fields = dict(detail.fields)
    assert fields["Status"] == "partial"
    # no contracts file: the two contracts the lines name are created from them
    assert "Contracts: 2 new" in fields["Counts"]
    assert detail.table_headers == ["Record", "Key", "Description"]
    assert len(detail.table_rows) == view.detail.records_total
