"""``workbench audit``, ``roles``, ``undo`` and ``db restore`` as a user runs them."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from workbench.app import main
from workbench.services import editing
from workbench.services.database import open_database


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    address = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    db = open_database(address)
    made = editing.create(db, "customers", {"code": "C1", "name": "One", "hq_country": "NL"})
    editing.update(db, "customers", made.record_id, 1, {"name": "Uno"}, "renamed")
    db.dispose()
    return address


def test_verify_passes_then_names_the_broken_entry(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url, "audit", "verify"]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "book.sqlite3") as conn:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET user_name = 'mallory' WHERE seq = 2")
    assert main(["--db", url, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith("workbench: the audit trail is broken at entry 2") and err.count("\n") == 1
    )
    assert main(["--db", url, "audit", "verify", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["broken_at"] == 2


def test_export_with_filters_and_history(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "trail.csv"
    assert main(["--db", url, "audit", "export", str(out), "--cause", "manual_edit",
                 "--table", "customers", "--since", "2000-01-01"]) == 0  # fmt: skip
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Action"], r["Field"], r["New value"]) for r in rows] == [
        ("insert", "", rows[0]["New value"]),
        ("update", "name", "Uno"),
    ]
    assert main(["--db", url, "audit", "export", str(tmp_path / "x.txt")]) == 1
    capsys.readouterr()
    assert main(["--db", url, "audit", "history", "customers", "1", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [h["action"] for h in history] == ["insert", "update"]
    assert history[1]["comment"] == "renamed"


def test_roles_undo_and_restore(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url, "roles", "set", "ben", "viewer"]) == 0
    assert capsys.readouterr().out == "ben is now viewer.\n"
    assert main(["--db", url, "roles", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["you"]["role"] == "approver"
    assert {"user": "ben", "role": "viewer", "source": "setting"} in shown["assigned"]
    backup = tmp_path / "copy.sqlite3"
    assert main(["--db", url, "db", "backup", str(backup)]) == 0
    assert main(["--db", url, "undo"]) == 0
    assert "Undid edit" in capsys.readouterr().out
    assert main(["--db", url, "db", "restore", str(backup)]) == 0
    assert capsys.readouterr().out.startswith("Restored ")
    assert main(["--db", url, "audit", "history", "customers", "1", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2  # the undo is gone with the restore
    assert main(["--db", url, "db", "restore", str(tmp_path / "nothing.sqlite3")]) == 1
    assert "There is no backup file" in capsys.readouterr().err
