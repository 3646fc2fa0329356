"""The Audit view: the trail newest first, its filters, the chain check and the export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from workbench.services import audit, editing
from workbench.services.audit import AuditFilter
from workbench.services.edit_records import read_record
from workbench.storage.database import Database
from workbench.ui.history_tab import AUDIT_COLUMNS, AuditEntriesModel
from workbench.ui.main_window import MainWindow
from workbench.ui.views.audit import AuditView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def _edit_titles(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two users each retitle a contract; returns the contract ids."""
    ids = []
    for user, contract_id in (("ann", 1), ("bob", 2)):
        monkeypatch.setenv("WORKBENCH_USER", user)
        record = read_record(db, "contracts", contract_id)
        assert record is not None and record.version is not None
        editing.update(db, "contracts", contract_id, record.version, {"title": f"by {user}"})
        ids.append(contract_id)
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    return ids


def _open(window: MainWindow, qtbot: QtBot) -> AuditView:
    view = window.show_view("audit")
    assert isinstance(view, AuditView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    return view


def test_model_passes_the_model_tester(
    demo_db: Database, qtmodeltester: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_titles(demo_db, monkeypatch)
    model = AuditEntriesModel(AUDIT_COLUMNS)
    entries = audit.recent(demo_db, None, limit=50)
    model.set_entries(entries[:20], has_more=True)
    model.append(entries[20:], has_more=False)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(entries)


def test_view_lists_newest_first_and_filters(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_titles(window.db, monkeypatch)
    view = _open(window, qtbot)
    model = view.model
    newest = model.entry(0)
    assert newest is not None and newest.user_name == "bob" and newest.table_name == "contracts"
    seqs = [e.seq for e in model.entries]
    assert seqs == sorted(seqs, reverse=True)

    view.user_filter.setText("ann")
    qtbot.waitUntil(
        lambda: model.rowCount() > 0 and all(e.user_name == "ann" for e in model.entries),
        timeout=WAIT_MS,
    )
    view.set_filter(table="contracts", record_id=2)
    qtbot.waitUntil(
        lambda: (
            [e.natural_key for e in model.entries][:1] != []
            and all(e.record_id == 2 for e in model.entries)
        ),
        timeout=WAIT_MS,
    )
    assert model.data(model.index(0, model.column_of("new"))) == "by bob"
    assert model.data(model.index(0, model.column_of("cause"))) == "manual edit"

    view.set_filter(cause="import_batch")
    qtbot.waitUntil(lambda: view.flt.cause_kind == "import_batch", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: all(e.cause_kind == "import_batch" for e in model.entries), timeout=WAIT_MS
    )

    view.record_filter.setText("two")
    view.apply_filter()
    assert "not a record id" in view.message.text()


def test_verify_names_the_first_broken_link(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_titles(window.db, monkeypatch)
    view = _open(window, qtbot)
    view.verify()
    qtbot.waitUntil(lambda: view.verify_button.isEnabled() and "Chain" in view.chain_label.text(),
                    timeout=WAIT_MS)  # fmt: skip
    assert view.chain_label.text().startswith("✔ Chain intact")

    newest = audit.recent(window.db, AuditFilter(user="ann"), limit=1)[0]
    with window.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
        conn.execute(
            text("UPDATE audit_events SET new_value = '\"forged\"' WHERE seq = :s"),
            {"s": newest.seq},
        )
    view.verify()
    qtbot.waitUntil(lambda: "Broken" in view.chain_label.text(), timeout=WAIT_MS)
    assert f"#{newest.seq}" in view.chain_label.text()


def test_export_writes_the_filtered_trail(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_titles(window.db, monkeypatch)
    view = _open(window, qtbot)
    view.set_filter(user="bob")
    qtbot.waitUntil(lambda: view.flt.user == "bob", timeout=WAIT_MS)
    target = tmp_path / "trail.csv"
    view.export(target)
    qtbot.waitUntil(view.export_button.isEnabled, timeout=WAIT_MS)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["User"] for r in rows} == {"bob"}
    assert any(r["New value"] == "by bob" for r in rows)


def test_an_edit_in_the_window_appears_in_the_open_audit_view(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    view = _open(window, qtbot)
    before = view.model.rowCount()
    window.show_view("contracts")
    qtbot.waitUntil(lambda: window.editing.can_write, timeout=WAIT_MS)
    dialog = window.editing.edit_record("contracts", 3)
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    dialog.form.fields["title"].editor.setText("Seen in the audit view")  # type: ignore[attr-defined]
    dialog.save()
    qtbot.waitUntil(lambda: view.model.rowCount() > before, timeout=WAIT_MS)
    newest = view.model.entry(0)
    assert newest is not None and newest.new == "Seen in the audit view"
