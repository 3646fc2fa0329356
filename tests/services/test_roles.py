"""Roles: the first user of a SQLite book approves, later ones analyse, viewers only read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.services import audit, demo, editing, evaluation, reporting, roles
from workbench.storage.database import Database


def _as(monkeypatch: pytest.MonkeyPatch, user: str) -> None:
    monkeypatch.setenv("WORKBENCH_USER", user)


def test_first_writer_becomes_approver_and_later_users_analysts(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as(monkeypatch, "ann")
    assert roles.current_role(sqlite_db).source == "first user"
    editing.create(sqlite_db, "customers", {"code": "C", "name": "C", "hq_country": "NL"})
    assert roles.current_role(sqlite_db) == roles.RoleInfo("ann", "approver", "setting")
    _as(monkeypatch, "ben")
    assert roles.current_role(sqlite_db).role == "analyst"
    with pytest.raises(roles.RoleError, match=r"ben is a analyst.*setting roles"):
        roles.set_role(sqlite_db, "cat", "viewer")
    _as(monkeypatch, "ann")
    roles.set_role(sqlite_db, "cat", "viewer")
    assert [(r.user, r.role) for r in roles.assigned(sqlite_db)] == [
        ("ann", "approver"),
        ("cat", "viewer"),
    ]
    logged = audit.recent(sqlite_db, audit.AuditFilter(table="user_roles"))
    assert [(e.natural_key, e.new) for e in reversed(logged)] == [
        ("ann", {"role": "approver"}),
        ("cat", "viewer"),
    ]
    assert audit.verify(sqlite_db).ok


def test_a_viewer_cannot_write(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _as(monkeypatch, "ann")
    made = editing.create(sqlite_db, "customers", {"code": "C", "name": "C", "hq_country": "NL"})
    roles.set_role(sqlite_db, "vic", "viewer")
    _as(monkeypatch, "vic")
    with pytest.raises(roles.RoleError, match=r"vic is a viewer.*needs the analyst role"):
        editing.update(sqlite_db, "customers", made.record_id, 1, {"name": "D"})
    with pytest.raises(roles.RoleError, match="viewer"):
        roles.set_role(sqlite_db, "vic", "approver")


def test_only_an_approver_approves_a_report(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _as(monkeypatch, "ann")
    demo.load_demo(sqlite_db, 120, seed=3)
    run_id = evaluation.evaluate_scenario(sqlite_db, "in-force", dt.date(2025, 6, 1)).run_id
    written = reporting.write_report(sqlite_db, run_id, tmp_path / "run.xlsx", "xlsx")
    reporting.record_signoff(sqlite_db, run_id, written.path, "prepared")
    roles.set_role(sqlite_db, "ben", "analyst")
    _as(monkeypatch, "ben")
    reporting.record_signoff(sqlite_db, run_id, written.path, "reviewed")
    with pytest.raises(roles.RoleError, match="needs the approver role"):
        reporting.record_signoff(sqlite_db, run_id, written.path, "approved")
    _as(monkeypatch, "ann")
    reporting.record_signoff(sqlite_db, run_id, written.path, "approved")
    signed = list(audit.recent(sqlite_db, audit.AuditFilter(cause_kind="sign_off")))
    assert [e.new["role"] for e in reversed(signed)] == ["prepared", "reviewed", "approved"]


@pytest.mark.postgres
def test_on_postgresql_the_database_owner_is_approver(db: Database) -> None:
    if db.backend != "postgresql":
        pytest.skip("PostgreSQL roles")
    info = roles.current_role(db)
    assert info.role == "approver" and info.source in {"database owner", "database role"}


def test_grant_sql_names_every_role() -> None:
    sql = roles.grant_sql()
    assert all(name in sql for name in roles.PG_ROLES.values())
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON audit_events" in sql
