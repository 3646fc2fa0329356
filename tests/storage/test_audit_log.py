"""The hash-chained audit trail on SQLite and PostgreSQL: appending, packing, checking, guards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from workbench.storage import audit_log
from workbench.storage.audit_log import AuditEvent, AuditFilter, Cause
from workbench.storage.database import Database

EDIT = Cause("manual_edit", "e1", "typo")


def _append(db: Database, events: list[AuditEvent], cause: Cause = EDIT) -> audit_log.Appended:
    with db.session() as session:
        return audit_log.record_many(session, events, user="alice", cause=cause)


def _tamper(db: Database, sql: str) -> None:
    """Change the trail behind the application's back, as a table owner could."""
    with db.engine.begin() as conn:
        if db.backend == "sqlite":
            conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
            conn.execute(text(sql))
        else:
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"))
            conn.execute(text(sql))


def test_entries_chain_and_verify(db: Database) -> None:
    first = _append(
        db,
        [
            AuditEvent("update", "customers", 1, "C1", "name", "Old", "New"),
            AuditEvent("insert", "contracts", 7, "K7", new={"value": Decimal("1.50")}),
        ],
    )
    second = _append(db, [("update", "contracts", 7, "K7", "end_date", dt.date(2030, 1, 1), None)])
    assert (first.first_seq, first.last_seq, second.first_seq) == (1, 2, 3)
    with db.read() as session:
        check = audit_log.verify(session)
        stored = list(audit_log.entries(session))
    assert check.ok and check.entries == 3 and check.head_seq == 3
    assert stored[0].prev_hash == audit_log.GENESIS
    assert [e.prev_hash for e in stored[1:]] == [e.hash for e in stored[:-1]]
    assert stored[1].new == {"value": "1.50"}
    assert stored[2].old == "2030-01-01" and stored[2].new is None
    assert stored[0].at.tzinfo is not None and stored[0].comment == "typo"


def test_inserts_without_values_are_packed_into_one_entry(db: Database) -> None:
    events = [AuditEvent("insert", "machines", 100 + i, f"ASML/{i:05d}") for i in range(5)]
    events.append(AuditEvent("insert", "fabs", 3, "F3"))
    appended = _append(db, events, Cause("import_batch", "12"))
    assert appended.events == 6 and appended.entries == 2
    with db.read() as session:
        found = list(audit_log.entries(session, AuditFilter(table="machines", record_id=103)))
        assert not list(audit_log.entries(session, AuditFilter(table="machines", record_id=99)))
        assert audit_log.verify(session).ok
    assert len(found) == 1 and found[0].packed
    assert found[0].records()[3] == (103, "ASML/00003")
    assert (found[0].record_id, found[0].record_id_to) == (100, 104)


def test_an_altered_entry_is_named(db: Database) -> None:
    for n in range(4):
        _append(db, [AuditEvent("update", "fabs", n, f"F{n}", "name", "a", "b")])
    _tamper(db, "UPDATE audit_events SET new_value = '\"c\"' WHERE seq = 3")
    with db.read() as session:
        check = audit_log.verify(session)
    assert not check.ok and check.broken_seq == 3 and "altered" in (check.problem or "")


def test_removed_entries_are_found_in_the_middle_and_at_the_end(db: Database) -> None:
    for n in range(4):
        _append(db, [AuditEvent("update", "fabs", n, f"F{n}", "name", "a", "b")])
    _tamper(db, "DELETE FROM audit_events WHERE seq = 4")
    with db.read() as session:
        check = audit_log.verify(session)
    assert check.broken_seq == 4 and "removed" in (check.problem or "")
    _tamper(db, "DELETE FROM audit_events WHERE seq = 2")
    with db.read() as session:
        check = audit_log.verify(session)
    assert check.broken_seq == 2 and "missing" in (check.problem or "")


def test_the_trail_refuses_updates_and_deletes(db: Database) -> None:
    _append(db, [AuditEvent("update", "fabs", 1, "F1", "name", "a", "b")])
    for sql in (
        "UPDATE audit_events SET user_name = 'mallory'",
        "DELETE FROM audit_events",
        "UPDATE audit_chain_head SET seq = 0",
    ):
        with (
            pytest.raises(DBAPIError, match=r"append-only|only moves forward"),
            db.engine.begin() as conn,
        ):
            conn.execute(text(sql))
    with db.read() as session:
        assert audit_log.verify(session).ok


def test_a_rolled_back_change_leaves_no_entry(db: Database) -> None:
    def fail_after_recording() -> None:
        with db.session() as session:
            audit_log.record_many(
                session, [AuditEvent("delete", "fabs", 1, "F1")], user="bob", cause=EDIT
            )
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        fail_after_recording()
    with db.read() as session:
        assert audit_log.count(session) == 0 and audit_log.head(session)[0] == 0


def test_unknown_cause_and_action_are_refused(db: Database) -> None:
    with pytest.raises(audit_log.AuditError, match="not a cause"):
        _append(db, [AuditEvent("update", "fabs", 1)], Cause("whim"))
    with pytest.raises(audit_log.AuditError, match="not an audit action"):
        _append(db, [AuditEvent("upsert", "fabs", 1)])


_text = st.text(max_size=12)
_fields = st.tuples(
    st.integers(1, 10**9),
    st.datetimes(timezones=st.just(dt.UTC)),
    _text,
    st.sampled_from(audit_log.ACTIONS),
    _text,
    st.none() | st.integers(),
    st.none() | st.integers(),
    st.none() | _text,
    st.none() | _text,
    st.none() | _text,
    st.none() | _text,
    st.sampled_from(audit_log.CAUSE_KINDS),
    st.none() | _text,
    st.none() | _text,
    st.none() | _text,
    _text,
)


@given(_fields, _fields)
def test_different_entries_hash_differently(a: tuple[object, ...], b: tuple[object, ...]) -> None:
    """The canonical form is unambiguous: no two different entries share a serialisation."""
    same_instant = audit_log.timestamp_text(a[1]) == audit_log.timestamp_text(b[1])  # type: ignore[arg-type]
    same = a[:1] + a[2:] == b[:1] + b[2:] and same_instant
    assert (audit_log.entry_hash(a) == audit_log.entry_hash(b)) == same


def test_record_inserts_packs_per_limit(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_log, "PACK_LIMIT", 3)
    with db.session() as session:
        appended = audit_log.record_inserts(
            session, "machines", [5, 6, 7, 8], ["a", "b", "c", "d"], user="u", cause=EDIT
        )
        with pytest.raises(audit_log.AuditError, match="3 ids but 2 natural keys"):
            audit_log.record_inserts(
                session, "machines", [1, 2, 3], ["a", "b"], user="u", cause=EDIT
            )
    assert appended.events == 4 and appended.entries == 2
    with db.read() as session:
        found = list(audit_log.entries(session, AuditFilter(record_id=8)))
        assert audit_log.verify(session).ok
    assert [e.records() for e in found] == [[(8, "d")]]
