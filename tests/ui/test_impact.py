"""Impact view: runs a scenario off the GUI thread, shows runs, explains hits, compares runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.services import evaluation, impact, runs
from workbench.storage.database import Database
from workbench.ui.frame_model import FrameColumn, FrameTableModel
from workbench.ui.main_window import MainWindow
from workbench.ui.views.impact import ImpactView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


@pytest.fixture
def run_ids(demo_db: Database) -> tuple[int, int]:
    early = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2024, 6, 1))
    late = evaluation.evaluate_scenario(demo_db, "proposal-2024-servicing-ban", dt.date(2025, 6, 1))
    return early.run_id, late.run_id


@pytest.fixture
def view(window: MainWindow, run_ids: tuple[int, int], qtbot: QtBot) -> Iterator[ImpactView]:
    shown = window.show_view("impact")
    assert isinstance(shown, ImpactView)
    shown.ask_to_open = False
    qtbot.waitUntil(lambda: shown.is_ready, timeout=WAIT_MS)
    yield shown
    window.writer.wait()
    window.jobs.wait()


def test_opens_on_the_latest_run(view: ImpactView, run_ids: tuple[int, int]) -> None:
    latest = run_ids[1]
    assert view.shown_run == latest
    info = runs.run_info(view.context.db, latest)
    assert view.summary.cards["hits"].value.text() == f"{info.hit_count:,}"
    assert view.summary.cards["obligations"].value.text() == f"{info.summary['obligations']:,}"
    assert f"Run {latest}" in view.subtitle.text()
    assert view.hits.model.rowCount() == info.hit_count
    assert view.history_model.rowCount() == 2
    assert view.export_pdf.isEnabled()


def test_charts_follow_the_measure(view: ImpactView, qtbot: QtBot) -> None:
    summary = view.summary
    assert summary.summary is not None
    index = summary.measure.findData("obligations")
    with qtbot.waitSignal(summary.measure_changed, timeout=WAIT_MS):
        summary.measure.setCurrentIndex(index)
    total = sum(bar.value for bar in summary.by_quarter.bars)
    assert total == summary.summary.obligations
    assert sum(bar.value for bar in summary.by_customer.bars) == summary.summary.obligations


def test_models_pass_the_model_tester(view: ImpactView, qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(view.history_model)
    qtmodeltester.check(view.hits.model)
    view.hits.grouping.setCurrentIndex(view.hits.grouping.findData("rule"))
    assert view.hits.group_model.rowCount() > 0
    qtmodeltester.check(view.hits.group_model)
    frame = pl.DataFrame({"a": [3, 1, 2], "b": ["x", "y", None]})
    model = FrameTableModel([FrameColumn("a", "A"), FrameColumn("b", "B")])
    model.set_frame(frame)
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["3", "2", "1"]


def test_run_job_end_to_end(view: ImpactView, qtbot: QtBot) -> None:
    before = len(runs.list_runs(view.context.db))
    progress: list[tuple[int, int]] = []
    job = view.run_scenario("proposal-2024-korea", dt.date(2025, 6, 1))
    job.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(view.run_stored, timeout=WAIT_MS) as stored:
        pass
    new_id = stored.args[0]
    qtbot.waitUntil(lambda: view.shown_run == new_id and view.is_ready, timeout=WAIT_MS)
    assert len(runs.list_runs(view.context.db)) == before + 1
    assert progress and progress[-1] == (100, 100)
    info = runs.run_info(view.context.db, new_id)
    assert info.scenario_id == "proposal-2024-korea"
    qtbot.waitUntil(lambda: view.history_model.rowCount() == before + 1, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: view.summary.cards["hits"].value.text() == f"{info.hit_count:,}", timeout=WAIT_MS
    )


def test_cancel_leaves_no_run(view: ImpactView, qtbot: QtBot) -> None:
    before = [r.id for r in runs.list_runs(view.context.db)]
    job = view.run_scenario("in-force", dt.date(2025, 6, 1))
    job.progressed.connect(lambda _d, _t: job.cancel())
    with qtbot.waitSignal(job.cancelled, timeout=WAIT_MS):
        pass
    view.context.writer.wait()
    assert [r.id for r in runs.list_runs(view.context.db)] == before
    assert view.run_button.isEnabled()


def test_explanation_follows_selection(view: ImpactView, qtbot: QtBot) -> None:
    view.tabs.setCurrentWidget(view.hits_splitter)
    table = view.hits
    for row in (3, 17):
        hit_id = table.model.id_at(row)
        assert hit_id is not None
        table.table.selectRow(row)

        def explained(expected: int = hit_id) -> bool:
            shown = view.explanation.detail
            return shown is not None and shown.hit_id == expected

        qtbot.waitUntil(explained, timeout=WAIT_MS)
        detail = impact.hit_detail(view.context.db, hit_id)
        assert detail is not None
        text = view.explanation.text()
        assert detail.rule_title in text
        assert all(line in text for line in detail.matched)
        assert detail.first_affected.isoformat() in text


def test_filters_search_and_grouping(view: ImpactView, qtbot: QtBot) -> None:
    table = view.hits
    total = table.model.rowCount()
    table.header.set_filter("jurisdiction", "NL", immediate=True)
    qtbot.waitUntil(lambda: 0 < table.model.rowCount() < total, timeout=WAIT_MS)
    column = table.model.column_of("jurisdiction")
    assert {
        table.model.data(table.model.index(r, column)) for r in range(table.model.rowCount())
    } == {"NL"}
    assert "of" in table.count_label.text()
    table.clear_filters()
    qtbot.waitUntil(lambda: table.model.rowCount() == total, timeout=WAIT_MS)

    table.grouping.setCurrentIndex(table.grouping.findData("customer"))
    assert table.stack.currentWidget() is table.group_table
    first = table.group_model.row_dict(0)
    assert first is not None
    table._open_group(table.group_model.index(0, 0))
    qtbot.waitUntil(lambda: table.model.rowCount() == first["hits"], timeout=WAIT_MS)
    assert table.grouped_by == ""


def test_comparison_counts_match_compare_runs(
    view: ImpactView, run_ids: tuple[int, int], qtbot: QtBot
) -> None:
    a, b = run_ids
    panel = view.compare
    panel.choose(a, b)
    with qtbot.waitSignal(panel.compared, timeout=WAIT_MS):
        panel.compare_selected()
    expected = runs.compare_runs(view.context.db, a, b)
    assert panel.cards["new"].value.text() == f"{expected.diff.new.height:,}"
    assert panel.cards["gone"].value.text() == f"{expected.diff.gone.height:,}"
    assert panel.cards["changed"].value.text() == f"{expected.diff.changed.height:,}"
    # the table opens on the first kind of difference there is
    first = next(k for k in ("changed", "new", "gone") if getattr(expected.diff, k).height)
    assert panel.show_choice.currentData() == first
    panel.show_choice.setCurrentIndex(panel.show_choice.findData("changed"))
    assert panel.hits_model.rowCount() == expected.diff.changed.height
    panel.show_choice.setCurrentIndex(panel.show_choice.findData("new"))
    assert panel.hits_model.rowCount() == expected.diff.new.height
    panel.value_choice.setCurrentIndex(panel.value_choice.findData("rule"))
    assert panel.value_model.rowCount() == expected.by_rule.height


def test_export_excel_of_the_shown_run(view: ImpactView, qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "run.xlsx"
    with qtbot.waitSignal(view.report_written, timeout=60_000) as written:
        view.export_report("xlsx", target)
    report = written.args[0]
    assert report.path == target and target.stat().st_size > 0
    assert report.run_id == view.shown_run
