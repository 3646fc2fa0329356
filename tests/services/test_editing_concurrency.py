"""Proof under load and faults: concurrent editors, killed writers, a restarted server.

Every test runs on SQLite and PostgreSQL (``db_url``) except the server restart, which needs
``WORKBENCH_TEST_PG_RESTART=1`` and permission to run ``pg_ctlcluster`` (it restarts the whole
server, so it is never run by default).
"""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, text

from workbench.services import audit, editing
from workbench.services.database import open_database
from workbench.storage import audit_log
from workbench.storage.database import Database, DatabaseError

WORKERS = 5
SECONDS = 3.0

_WORKER = textwrap.dedent(
    """
    import json, sys, time
    from workbench.services import editing
    from workbench.services.database import open_database
    from workbench.storage import repositories
    from workbench.storage.database import DatabaseError

    url, contract_id, customer_id, seconds, me = sys.argv[1:6]
    db = open_database(url)
    done = conflicts = 0
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        with db.read() as session:
            contract = repositories.contract(session, int(contract_id))
        version, value = contract.version, contract.value
        try:
            editing.update(db, "contracts", int(contract_id), version,
                           {"value": value + 1}, f"worker {me}")
            done += 1
        except (editing.ConcurrentEditError, DatabaseError):
            conflicts += 1
        # a second record edited by everyone: conflicts are expected, never lost updates
        with db.read() as session:
            version = repositories.customer(session, int(customer_id)).version
        try:
            editing.update(db, "customers", int(customer_id), version, {"name": f"by {me} {done}"})
        except (editing.ConcurrentEditError, DatabaseError):
            conflicts += 1
    db.dispose()
    print(json.dumps({"done": done, "conflicts": conflicts}))
    """
)


def _seed(db: Database) -> tuple[int, int]:
    customer = editing.create(db, "customers", {"code": "C", "name": "C", "hq_country": "CN"})
    contract = editing.create(
        db,
        "contracts",
        {
            "number": "K",
            "customer_id": customer.record_id,
            "start_date": "2024-01-01",
            "end_date": "2030-01-01",
            "value": "0",
            "currency": "USD",
        },
    )
    return customer.record_id, contract.record_id


def _env() -> dict[str, str]:
    return {**os.environ, "WORKBENCH_USER": "worker"}


def test_two_connections_editing_one_record(db_url: str) -> None:
    first, second = open_database(db_url), open_database(db_url)
    try:
        customer_id, _ = _seed(first)
        editing.update(first, "customers", customer_id, 1, {"name": "Alice's"})
        with pytest.raises(editing.ConcurrentEditError) as conflict:
            editing.update(second, "customers", customer_id, 1, {"name": "Bob's"})
        assert conflict.value.yours == {"name": "Bob's"}
        assert conflict.value.theirs == {"name": "Alice's"}
        assert audit.verify(second).ok
    finally:
        first.dispose()
        second.dispose()


def test_five_processes_edit_at_once_and_nothing_is_lost(db: Database, db_url: str) -> None:
    customer_id, contract_id = _seed(db)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WORKER,
                db_url,
                str(contract_id),
                str(customer_id),
                str(SECONDS),
                str(n),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for n in range(WORKERS)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    done = sum(r["done"] for r in results)
    assert done > 0
    with db.read() as session:
        value, version = session.execute(
            text("SELECT value, version FROM contracts WHERE id = :i"), {"i": contract_id}
        ).one()
    assert Decimal(str(value)) == done and version == done + 1  # no lost update
    check = audit.verify(db)
    assert check.ok, check.problem
    value_edits = [e for e in audit.history(db, "contracts", contract_id) if e.field == "value"]
    assert len(value_edits) == done


_KILLED = textwrap.dedent(
    """
    import sys, time
    from workbench.services import editing
    from workbench.services.database import open_database
    from workbench.storage import audit_log

    original = audit_log.record_many

    def stall(*args, **kwargs):
        appended = original(*args, **kwargs)
        print("READY", flush=True)  # data and audit rows written, not committed
        time.sleep(120)
        return appended

    audit_log.record_many = stall
    db = open_database(sys.argv[1])
    editing.update(db, "customers", int(sys.argv[2]), 1, {"name": "half-done"})
    """
)


def test_a_process_killed_in_an_edit_changes_nothing(db: Database, db_url: str) -> None:
    customer_id, _ = _seed(db)
    before = audit.verify(db).entries
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED, db_url, str(customer_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
    ) as child:
        assert child.stdout is not None
        ready = child.stdout.readline().strip()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert ready == "READY"
    with db.read() as session:
        name, version = session.execute(
            text("SELECT name, version FROM customers WHERE id = :i"), {"i": customer_id}
        ).one()
    assert (name, version) == ("C", 1)
    check = audit.verify(db)
    assert check.ok and check.entries == before
    # The dead writer's locks are gone: the next edit goes through.
    assert editing.update(db, "customers", customer_id, 1, {"name": "whole"}).version == 2
    assert audit.verify(db).ok


def _forget_dead_connections() -> None:
    """Empty every other engine's pool in this process (the fixtures' admin engines too).

    Their pooled connections died with the server and they do not ping before use; the
    application's own engine (``pool_pre_ping``) is left alone, as that is what is tested.
    """
    for thing in gc.get_objects():
        if isinstance(thing, Engine) and not thing.pool._pre_ping:
            thing.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_server_restart_under_a_running_edit(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if db.backend != "postgresql" or os.environ.get("WORKBENCH_TEST_PG_RESTART") != "1":
        pytest.skip("restarts the PostgreSQL server: set WORKBENCH_TEST_PG_RESTART=1")
    customer_id, _ = _seed(db)
    original = audit_log.record_many

    def restart_midway(*args: Any, **kwargs: Any) -> audit_log.Appended:
        appended = original(*args, **kwargs)
        subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True, timeout=120)
        _forget_dead_connections()
        return appended

    monkeypatch.setattr(audit_log, "record_many", restart_midway)
    with pytest.raises(DatabaseError, match="nothing was saved"):
        editing.update(db, "customers", customer_id, 1, {"name": "lost with the server"})
    monkeypatch.setattr(audit_log, "record_many", original)
    # Same Database object: the pool notices the dead connections and reconnects.
    assert editing.update(db, "customers", customer_id, 1, {"name": "after restart"}).version == 2
    check = audit.verify(db)
    assert check.ok
    names = [e.new for e in audit.history(db, "customers", customer_id) if e.field == "name"]
    assert names == ["after restart"]
