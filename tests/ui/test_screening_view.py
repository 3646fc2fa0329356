"""Screening view: the review queue, the side-by-side, decisions, list import and name checks.

The demo book is screened against the shipped list once per module (building the matcher
takes seconds); each test works on its own copy of that database.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.services import browse, screening, screening_review
from workbench.services.database import open_database
from workbench.services.screening_review import MatchView
from workbench.storage.database import Database
from workbench.ui.customer_tree import LISTINGS, CustomerTreeModel
from workbench.ui.decision_dialog import DecisionDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.roles import BADGE_ROLE, KIND_ROLE
from workbench.ui.screening_query import CandidateModel
from workbench.ui.screening_queue import MatchTableModel
from workbench.ui.views.customers import CustomersView
from workbench.ui.views.screening import ScreeningView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "csl_sample_consolidated.csv"
#: A party of the demo book whose only evidence is a Treasury list: unlisted until confirmed.
MIKRON = "Joint Stock Company Mikron"
POTENTIAL_QUERY = browse.Query(sort="score", descending=True, scope={"status": "potential"})


@pytest.fixture(scope="module")
def screened_sqlite(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo book with the shipped list loaded and screened once."""
    path = tmp_path_factory.mktemp("screened") / "screened.sqlite3"
    shutil.copyfile(demo_sqlite, path)
    db = open_database(f"sqlite:///{path}")
    screening.screen(db)
    db.dispose()
    return path


def _open_copy(source: Path, tmp_path: Path) -> Database:
    target = tmp_path / "book.sqlite3"
    shutil.copyfile(source, target)
    return open_database(f"sqlite:///{target}")


@pytest.fixture
def screened_db(screened_sqlite: Path, tmp_path: Path) -> Iterator[Database]:
    db = _open_copy(screened_sqlite, tmp_path)
    yield db
    db.dispose()


@pytest.fixture
def screened_window(screened_db: Database, qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow(screened_db, persist=False)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    yield win
    win.close()


def _open(window: MainWindow, qtbot: QtBot) -> ScreeningView:
    view = window.show_view("screening")
    assert isinstance(view, ScreeningView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    return view


def _shown(view: ScreeningView, qtbot: QtBot, match_id: int | None) -> None:
    def arrived() -> bool:
        match = view.compare.match
        return (match.id if match else None) == match_id

    qtbot.waitUntil(arrived, timeout=WAIT_MS)


def _row_of_party(view: ScreeningView, name: str, list_code: str) -> int:
    party, listed = view.queue.model.column_of("party"), view.queue.model.column_of("list")
    for row in range(view.queue.model.rowCount()):
        values = view.queue.model.row_values(row)
        assert values is not None
        if values[party] == name and values[listed] == list_code:
            return row
    raise AssertionError(f"no {list_code} match of {name} in the queue")


def _customer_badges(model: CustomerTreeModel, name: str) -> list[str]:
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        if index.data(KIND_ROLE) == "customer" and index.data() == name:
            badges = index.siblingAtColumn(LISTINGS).data(BADGE_ROLE) or []
            return [b.text for b in badges]
        stack.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
    raise AssertionError(f"customer {name} not in the tree")


# -- models ------------------------------------------------------------------------------------


def test_match_model_passes_model_tester(screened_db: Database, qtmodeltester: ModelTester) -> None:
    spec = browse.spec("matches")
    model = MatchTableModel(spec, lambda ids: browse.fetch_rows(screened_db, spec, ids))
    ids = browse.find_ids(screened_db, spec, POTENTIAL_QUERY)
    model.set_ids(ids)
    qtmodeltester.check(model)
    status = model.index(0, model.column_of("status"))
    assert status.data() == "Potential"
    assert status.data(BADGE_ROLE).text == "Potential"
    score = model.index(0, model.column_of("score")).data(BADGE_ROLE)
    assert int(score.text) == max(r["score"] for r in screening.matches(screened_db))


def test_candidate_model_passes_model_tester(
    screened_db: Database, qtmodeltester: ModelTester
) -> None:
    model = CandidateModel(threshold=80)
    found = screening.query(screened_db, "SMIC Beijing", "CN")
    model.set_candidates(found)
    qtmodeltester.check(model)
    assert model.rowCount() == len(found)
    assert model.index(0, 1).data(BADGE_ROLE).text == ("Yes" if found[0].score >= 80 else "No")


# -- the queue and the side-by-side -------------------------------------------------------------


def test_queue_lists_potential_matches_best_first(
    screened_window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(screened_window, qtbot)
    db = screened_window.db
    expected = browse.find_ids(db, "matches", POTENTIAL_QUERY)
    assert list(view.queue.model.ids) == expected
    counts = screening_review.status_counts(db)
    assert counts["potential"] == len(expected) > 10
    assert view.count_label.text() == f"{len(expected):,} potential matches to review"
    assert view.queue.status_buttons["potential"].text().endswith(f"{len(expected):,}")
    assert view.queue.status_buttons["all"].text().endswith(f"{counts['all']:,}")
    assert view.list_banner.text().startswith("Screening against: Consolidated Screening List")
    _shown(view, qtbot, expected[0])  # the first row is selected and compared


def test_side_by_side_follows_the_selection(screened_window: MainWindow, qtbot: QtBot) -> None:
    view = _open(screened_window, qtbot)
    for row in (3, 11):
        match_id = view.queue.model.id_at(row)
        view.queue.table.selectRow(row)
        _shown(view, qtbot, match_id)
        expected = screening_review.match_view(screened_window.db, match_id or 0)
        assert expected is not None
        assert html.escape(expected.party.title) in view.compare.party_card.title.text()
        assert html.escape(expected.entry.title) in view.compare.entry_card.title.text()
        assert html.escape(expected.explanation) in view.compare.explanation.text()
        assert set(view.compare.entry_card.values) >= {
            "Aliases",
            "Countries",
            "Addresses",
            "List",
            "Footnotes",
            "Licence requirement",
            "Licence policy",
            "Federal Register",
        }
        # the spelling that scored is shaded on the party side
        shaded = [label.text() for label in view.compare.party_card.values.values()] + [
            view.compare.party_card.title.text()
        ]
        assert any("background:" in text for text in shaded)


def test_search_and_column_filter_requery(screened_window: MainWindow, qtbot: QtBot) -> None:
    view = _open(screened_window, qtbot)
    db = screened_window.db
    total = view.queue.model.rowCount()
    view.queue.header.set_filter("list", "sdn", immediate=True)
    query = browse.Query(
        filters={"list": "sdn"}, sort="score", descending=True, scope={"status": "potential"}
    )
    expected = browse.find_ids(db, "matches", query)
    qtbot.waitUntil(lambda: list(view.queue.model.ids) == expected, timeout=WAIT_MS)
    assert 0 < len(expected) < total
    assert view.queue.count_label.text() == f"{len(expected):,} of {total:,} matches shown"
    view.queue.search.setText("mikron")
    both = browse.Query(
        search="mikron",
        filters={"list": "sdn"},
        sort="score",
        descending=True,
        scope={"status": "potential"},
    )
    expected = browse.find_ids(db, "matches", both)
    qtbot.waitUntil(lambda: list(view.queue.model.ids) == expected, timeout=WAIT_MS)
    assert len(expected) >= 1
    view.queue.clear_filters()
    qtbot.waitUntil(lambda: view.queue.model.rowCount() == total, timeout=WAIT_MS)


# -- decisions ----------------------------------------------------------------------------------


def test_confirm_updates_queue_listings_and_customers(
    screened_window: MainWindow, qtbot: QtBot
) -> None:
    customers = screened_window.show_view("customers")
    assert isinstance(customers, CustomersView)
    qtbot.waitUntil(lambda: customers.is_ready, timeout=WAIT_MS)
    assert "SDN" not in _customer_badges(customers.model, MIKRON)

    view = _open(screened_window, qtbot)
    row = _row_of_party(view, MIKRON, "sdn")
    match_id = view.queue.model.id_at(row)
    next_id = view.queue.model.id_at(row + 1)
    view.queue.table.selectRow(row)
    _shown(view, qtbot, match_id)
    asked: list[tuple[MatchView, bool]] = []

    def reason(match: MatchView, confirm: bool, _parent: object) -> str:
        asked.append((match, confirm))
        return "Same entity: the Treasury list names it with its Zelenograd address."

    view.reason_provider = reason
    before = screening_review.status_counts(screened_window.db)
    qtbot.mouseClick(view.compare.confirm_button, Qt.MouseButton.LeftButton)
    assert [(m.id, c) for m, c in asked] == [(match_id, True)]
    qtbot.waitUntil(lambda: view.queue.counts.get("confirmed") == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    assert match_id not in list(view.queue.model.ids)
    assert view.queue.counts["potential"] == before["potential"] - 1
    assert view.queue.status_buttons["confirmed"].text().endswith("1")
    # the row that took the decided one's place is the one now compared
    _shown(view, qtbot, next_id)

    # the listing is recorded and Customers and Fabs shows it without a manual reload
    qtbot.waitUntil(lambda: customers.is_ready, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "SDN" in _customer_badges(customers.model, MIKRON), timeout=WAIT_MS)

    view.queue.set_status("confirmed")
    qtbot.waitUntil(lambda: list(view.queue.model.ids) == [match_id], timeout=WAIT_MS)
    _shown(view, qtbot, match_id)
    assert not view.compare.confirm_button.isEnabled()
    assert view.compare.dismiss_button.isEnabled()
    assert "Zelenograd" in view.compare.decision.text()


def test_dismiss_needs_a_reason(screened_window: MainWindow, qtbot: QtBot) -> None:
    view = _open(screened_window, qtbot)
    match_id = view.queue.model.id_at(0)
    _shown(view, qtbot, match_id)
    view.reason_provider = lambda _match, _confirm, _parent: None  # the user cancelled
    qtbot.mouseClick(view.compare.dismiss_button, Qt.MouseButton.LeftButton)
    assert view.write_job is None
    view.reason_provider = lambda _match, _confirm, _parent: "Different entity."
    qtbot.mouseClick(view.compare.dismiss_button, Qt.MouseButton.LeftButton)
    assert view.write_job is not None
    qtbot.waitUntil(lambda: view.queue.counts.get("dismissed") == 1, timeout=WAIT_MS)
    rows = screening.matches(screened_window.db, "dismissed")
    assert [(r["id"], r["reason"]) for r in rows] == [(match_id, "Different entity.")]


def test_decision_dialog_requires_a_reason(screened_db: Database, qtbot: QtBot) -> None:
    match_id = browse.find_ids(screened_db, "matches", POTENTIAL_QUERY)[0]
    match = screening_review.match_view(screened_db, match_id)
    assert match is not None
    dialog = DecisionDialog(match, confirm=False)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.templates.setCurrentIndex(1)
    dialog.templates.activated.emit(1)
    assert dialog.text() == dialog.templates.itemText(1)
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Dismiss"


# -- lists, screening runs, name checks ---------------------------------------------------------


def test_name_check_shows_candidates_with_explanations(
    screened_window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(screened_window, qtbot)
    check = view.name_check
    check.name.setText("SMIC Beijing")
    check.country.setText("cn")
    with qtbot.waitSignal(check.finished, timeout=WAIT_MS):
        qtbot.mouseClick(check.check_button, Qt.MouseButton.LeftButton)
    expected = screening.query(screened_window.db, "SMIC Beijing", "CN")
    got = [check.model.candidate(r) for r in range(check.model.rowCount())]
    assert [(c.entry.key, c.score) for c in got if c] == [(c.entry.key, c.score) for c in expected]
    assert expected[0].score >= 80
    assert check.explanation.text() == f"Why {expected[0].score}: {expected[0].explanation}"
    assert "at or above the threshold of 80" in check.summary.text()

    check.name.setText("")
    check.check()
    assert check.summary.text() == "Type a name to check."


def test_import_list_shows_the_difference_and_rescreens(
    screened_window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(screened_window, qtbot)
    with qtbot.waitSignal(view.import_file(SAMPLE).finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    versions = screening.list_versions(screened_window.db)
    assert len(versions) == 2
    newest = versions[0]
    text = view.notice.text.text()
    assert text.startswith(f"List version {newest.id} imported: ")
    assert f"{newest.diff['removed']:,} removed" in text
    assert "Screened " in text
    qtbot.waitUntil(lambda: len(view.list_versions.versions) == 2, timeout=WAIT_MS)
    assert view.list_versions.model.rowCount() == 2
    assert view.list_versions.model.index(0, 0).data() == str(newest.id)

    with qtbot.waitSignal(view.import_file(SAMPLE).finished, timeout=60_000):
        pass
    assert "already the newest list version" in view.notice.text.text()


def test_screen_now_reports_the_run(screened_window: MainWindow, qtbot: QtBot) -> None:
    view = _open(screened_window, qtbot)
    with qtbot.waitSignal(view.screen_now().finished, timeout=60_000):
        pass
    assert view.notice.text.text().startswith("Screened ")
    assert "0 new" in view.notice.text.text()


def test_offers_the_reference_list_when_there_is_none(
    demo_db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(demo_db, persist=False)
    qtbot.addWidget(window)
    window.show()
    view = _open(window, qtbot)
    assert view.versions == []
    assert view.notice.isVisible()
    assert view.notice.action.text() == "Load reference list"
    assert view.queue.model.rowCount() == 0
    qtbot.mouseClick(view.notice.action, Qt.MouseButton.LeftButton)
    assert view.write_job is not None
    with qtbot.waitSignal(view.write_job.finished, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: view.is_ready and bool(view.versions), timeout=WAIT_MS)
    assert view.notice.text.text().startswith("Reference list loaded. Screened ")
    assert view.queue.model.rowCount() == screening_review.status_counts(demo_db)["potential"]
    assert view.queue.model.rowCount() > 10
    window.close()
