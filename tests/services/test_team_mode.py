"""Team mode under concurrency: imports racing imports and edits, and long reads beside writers.

The children are real processes started together behind a file barrier, so their commits
really overlap. What they may do is bounded (a few seconds of work each); what is asserted is
not timing but the end state: it must equal what the successful operations, applied one after
another in their commit order, would have produced, and the audit chain must verify.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import text
from sqlalchemy.engine import make_url

from workbench.cli import main as cli
from workbench.services import audit, editing, importing
from workbench.services.database import open_database
from workbench.services.importing import ImportOptions
from workbench.storage import repositories
from workbench.storage.audit_log import AuditEntry, AuditFilter
from workbench.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 3.0  # how long the mixed workers keep going
RELEASE_WAIT = 120.0  # upper bound for children to get ready; a guard, not a measurement

HEADER = [
    "Customer code",
    "Customer name",
    "HQ country",
    "Site code",
    "Fab name",
    "Country",
    "Serial No.",
    "Vendor",
    "Model",
    "Equipment category",
    "Contract number",
    "Start date",
    "End date",
    "Contract value",
    "Services",
]


def _row(n: int, contract: str | None = None, value: str = "USD 1000") -> list[str]:
    """Machine ``n`` with its customer, fab and contract; the same ``n`` always reads alike."""
    group = n % 3
    return [
        f"CU{group}",
        f"Customer {group}",
        "CN",
        f"SITE{group}",
        f"Fab {group}",
        "CN",
        f"S{n:04d}",
        "ASML",
        "NXT:2000i",
        "DUV immersion lithography",
        contract or f"K{group}",
        "2024-01-01",
        "2028-12-31",
        value,
        "PM; Repair",
    ]


def _csv(path: Path, rows: Iterable[Sequence[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _xlsx(path: Path, rows: Iterable[Sequence[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "WORKBENCH_USER": "worker", "PYTHONPATH": str(ROOT)}


def _one_sentence(message: str) -> bool:
    return bool(message) and "\n" not in message and "Traceback" not in message


def _start_together(tmp_path: Path, commands: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """Start the children, release them at once when all are ready, return their JSON lines.

    Each child gets two extra arguments: its ready marker and the shared go marker.
    """
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(len(commands))]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", *command[:1], *command[1:], str(mark), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=ROOT,
        )
        for command, mark in zip(commands, ready, strict=True)
    ]
    try:
        deadline = time.monotonic() + RELEASE_WAIT
        while not all(mark.exists() for mark in ready):
            ended = [c for c in children if c.poll() is not None]
            if ended:
                pytest.fail(f"a child ended before the barrier: {ended[0].communicate()[1]}")
            assert time.monotonic() < deadline, "the children never got ready"
            time.sleep(0.01)
        go.touch()
        results = []
        for child in children:
            out, err = child.communicate(timeout=RELEASE_WAIT)
            # Any exception other than a WorkbenchError is a traceback: a failed test.
            assert child.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()


_BARRIER = """
import os, sys, time
def wait_for(go):
    deadline = time.monotonic() + 120
    while not os.path.exists(go):
        if time.monotonic() > deadline:
            sys.exit("never released")
        time.sleep(0.002)
"""

_IMPORTER = _BARRIER + textwrap.dedent(
    """
    import json
    from pathlib import Path
    from workbench.domain.errors import WorkbenchError
    from workbench.importers import parse_files
    from workbench.services import importing
    from workbench.services.database import open_database

    url, *files, ready, go = sys.argv[1:]
    db = open_database(url)
    parsed = parse_files(files)  # before the barrier: the commits, not the reads, race
    Path(ready).touch()
    wait_for(go)
    try:
        outcome = importing.commit(db, parsed)
        result = {"batch": outcome.batch_id, "refused": outcome.refused}
    except WorkbenchError as exc:
        result = {"error": str(exc)}
    db.dispose()
    print(json.dumps(result))
    """
)


# -- what the book holds, by natural keys --------------------------------------------------------

_STATE_QUERIES = {
    "customers": "SELECT code, name, hq_country FROM customers",
    "fabs": "SELECT f.site_code, f.name, c.code, f.country FROM fabs f "
    "JOIN customers c ON c.id = f.customer_id",
    "models": "SELECT vendor, model_code, category FROM equipment_models",
    "machines": "SELECT m.vendor, m.serial, e.model_code, f.site_code, m.status FROM machines m "
    "JOIN equipment_models e ON e.id = m.model_id JOIN fabs f ON f.id = m.fab_id",
    "contracts": "SELECT k.number, c.code, k.start_date, k.end_date, k.value, k.currency "
    "FROM contracts k JOIN customers c ON c.id = k.customer_id",
    "obligations": "SELECT k.number, m.serial, o.service_type, o.start_date, o.end_date, "
    "o.value FROM obligations o JOIN contracts k ON k.id = o.contract_id "
    "JOIN machines m ON m.id = o.machine_id",
}


def _plain(value: Any) -> str:
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    return str(value)


def _state(db: Database) -> dict[str, list[tuple[str, ...]]]:
    with db.read() as session:
        return {
            name: sorted(tuple(map(_plain, row)) for row in session.execute(text(query)))
            for name, query in _STATE_QUERIES.items()
        }


def _duplicates(db: Database) -> list[tuple[Any, ...]]:
    """Natural keys held by more than one row (obligations have no unique index to stop it)."""
    checks = [
        "SELECT 'customers', code FROM customers GROUP BY code HAVING count(*) > 1",
        "SELECT 'fabs', site_code FROM fabs GROUP BY site_code HAVING count(*) > 1",
        "SELECT 'machines', serial FROM machines GROUP BY vendor, serial HAVING count(*) > 1",
        "SELECT 'contracts', number FROM contracts GROUP BY number HAVING count(*) > 1",
        "SELECT 'obligations', contract_id FROM obligations "
        "GROUP BY contract_id, machine_id, service_type HAVING count(*) > 1",
    ]
    with db.read() as session:
        return [tuple(row) for query in checks for row in session.execute(text(query))]


def _reference(
    tmp_path: Path, batches: Sequence[Sequence[Path]]
) -> dict[str, list[tuple[str, ...]]]:
    """The state after importing ``batches`` one after another into a fresh book."""
    reference = open_database(f"sqlite:///{tmp_path / 'reference.sqlite3'}")
    try:
        for files in batches:
            assert importing.run_import(reference, files, ImportOptions(commit=True)).committed
        return _state(reference)
    finally:
        reference.dispose()


# -- 1. imports of overlapping files at once ----------------------------------------------------


def test_overlapping_imports_at_once_end_as_one_import_of_the_union(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    files = [
        _csv(tmp_path / "first.csv", (_row(n) for n in range(0, 60))),
        _xlsx(tmp_path / "second.xlsx", (_row(n) for n in range(30, 90))),
        _csv(tmp_path / "union.csv", (_row(n) for n in range(0, 90))),
        _csv(tmp_path / "first-again.csv", (_row(n) for n in range(0, 60))),
    ]
    results = _start_together(tmp_path, [[_IMPORTER, db_url, str(f)] for f in files])

    failures = [r["error"] for r in results if "error" in r]
    assert all(_one_sentence(m) and "nothing was written" in m for m in failures), failures
    # Imports queue one behind another, so none has to fail: each plans on the one before.
    assert not failures
    assert not any(r["refused"] for r in results)
    order = sorted(range(len(files)), key=lambda i: results[i]["batch"])

    # Replayed in commit order, not as one union file: a contract's value is spread over the
    # lines each file brings, so obligation values depend on the order of partial files.
    state = _state(db)
    assert state == _reference(tmp_path, [[files[i]] for i in order])
    counts = {name: len(rows) for name, rows in state.items()}
    assert counts == {
        "customers": 3,
        "fabs": 3,
        "models": 1,
        "machines": 90,
        "contracts": 3,
        "obligations": 180,
    }
    assert not _duplicates(db)
    check = audit.verify(db)
    assert check.ok, check.problem
    with db.read() as session:
        batches = session.execute(text("SELECT count(*) FROM import_batches")).scalar_one()
    assert batches == len(files)


# -- 2. five processes importing and editing at once --------------------------------------------

SHARED = 20  # machines every import file carries
OWN = 5  # new machines per import, unique to it
CONTRACT = "K-TEAM"
CUSTOMER = "CU0"

_MIXED = _BARRIER + textwrap.dedent(
    """
    import csv, json
    from decimal import Decimal
    from pathlib import Path
    from workbench.domain.errors import WorkbenchError
    from workbench.services import editing, importing
    from workbench.services.database import open_database
    from workbench.services.importing import ImportOptions
    from workbench.storage import repositories

    (url, role, me, seconds, contract_id, customer_id, folder, header, rows, roles,
     ready, go) = sys.argv[1:]
    me, contract_id, customer_id = int(me), int(contract_id), int(customer_id)
    header, shared, roles = json.loads(header), json.loads(rows), json.loads(roles)
    folder = Path(folder)
    db = open_database(url)
    done, failures, values = [], [], []

    def import_once(turn):
        # A contract value no other operation can produce: its cents name this import.
        value = Decimal(5_000_000 + 1000 * turn) + Decimal(me * 50 + turn) / 100
        path = folder / f"import-{me}-{turn}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            own = [[*shared[0][:6], f"I{me}-{turn}-{k}", *shared[0][7:]] for k in range(5)]
            for row in [*shared, *own]:
                writer.writerow([*row[:13], f"USD {value}", row[14]])
        try:
            importing.run_import(db, [path], ImportOptions(commit=True))
        except WorkbenchError as exc:
            failures.append(str(exc))
            return False
        done.append(turn)
        values.append(str(value))
        return True

    def edit_contract(turn):
        with db.read() as session:
            contract = repositories.contract(session, contract_id)
        try:
            editing.update(db, "contracts", contract_id, contract.version,
                           {"value": contract.value + 1}, f"worker {me}")
        except WorkbenchError as exc:
            failures.append(str(exc))
            return False
        done.append(turn)
        return True

    def rename_customer(turn):
        with db.read() as session:
            version = repositories.customer(session, customer_id).version
        try:
            editing.update(db, "customers", customer_id, version, {"name": f"by {me} {turn}"})
        except WorkbenchError as exc:
            failures.append(str(exc))

    def all_marked(prefix, role):
        for n, other in enumerate(roles):
            if other == role:
                wait_for(folder / f"{prefix}-{n}")

    Path(ready).touch()
    wait_for(go)
    # Everyone at once for a bounded time: conflicts and refusals are expected here.
    deadline = time.monotonic() + float(seconds)
    turn = 0
    while time.monotonic() < deadline and turn < 40:
        if role == "import":
            import_once(turn)
        else:
            edit_contract(turn)
            rename_customer(turn)
        turn += 1
    # Then one certain success each, so every kind of write is in the end state: the
    # editors once the importers stopped (racing only each other), then the importers.
    if role == "import":
        (folder / f"looped-{me}").touch()
        all_marked("edited", "edit")
        assert import_once(turn), failures[-1]  # imports queue: nothing can clash now
    else:
        all_marked("looped", "import")
        for _ in range(100):  # someone else's edit is the only reason to lose a round
            if edit_contract(turn):
                break
        else:
            sys.exit("an editor lost 100 rounds in a row")
        (folder / f"edited-{me}").touch()
    db.dispose()
    print(json.dumps({"role": role, "done": done, "failures": failures, "values": values}))
    """
)


def _changes(db: Database, table: str, key: str, record_id: int, field: str) -> list[AuditEntry]:
    """Every change of one field of one record, oldest first, from edits and imports alike.

    Edits name the record by id; an import's updates name it by natural key only.
    """
    entries = audit.recent(db, AuditFilter(table=table), limit=1_000_000)
    mine = [
        e
        for e in entries
        if e.action == "update"
        and e.field == field
        and (e.record_id == record_id or (e.natural_key or "").casefold() == key.casefold())
    ]
    return sorted(mine, key=lambda e: e.seq)


def _assert_unbroken(changes: Sequence[AuditEntry], first: Any, final: Any) -> None:
    """Each change starts from the value the one before left: no write was made blind."""
    seen = first
    for change in changes:
        assert _plain(change.old) == _plain(seen), (change.seq, change.old, seen)
        seen = change.new
    assert _plain(seen) == _plain(final)


def test_five_processes_import_and_edit_at_once_and_nothing_is_lost(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    # All at customer CU0 (every third machine), which owns the contract.
    shared = [_row(3 * n, CONTRACT, "USD 100") for n in range(SHARED)]
    seeded = importing.run_import(
        db, [_csv(tmp_path / "seed.csv", shared)], ImportOptions(commit=True)
    )
    assert seeded.committed
    with db.read() as session:
        contract_id, contract_version = session.execute(
            text("SELECT id, version FROM contracts WHERE number = :n"), {"n": CONTRACT}
        ).one()
        customer_id, customer_name = session.execute(
            text("SELECT id, name FROM customers WHERE code = :c"), {"c": CUSTOMER}
        ).one()
    assert contract_version == 1

    roles = ["import", "import", "edit", "edit", "edit"]
    commands = [
        [
            _MIXED,
            db_url,
            role,
            str(me),
            str(SECONDS),
            str(contract_id),
            str(customer_id),
            str(tmp_path),
            json.dumps(HEADER),
            json.dumps(shared),
            json.dumps(roles),
        ]
        for me, role in enumerate(roles)
    ]
    results = _start_together(tmp_path, commands)

    failures = [m for r in results for m in r["failures"]]
    assert all(_one_sentence(m) for m in failures), failures
    imports = sum(len(r["done"]) for r in results if r["role"] == "import")
    edits = sum(len(r["done"]) for r in results if r["role"] == "edit")
    assert imports >= roles.count("import") and edits >= roles.count("edit")

    with db.read() as session:
        value, version = session.execute(
            text("SELECT value, version FROM contracts WHERE id = :i"), {"i": contract_id}
        ).one()
        customer = repositories.customer(session, customer_id)
        assert customer is not None
        machines = session.execute(text("SELECT count(*) FROM machines")).scalar_one()
        obligations = session.execute(text("SELECT count(*) FROM obligations")).scalar_one()

    # The contract: every successful edit added one, every successful import set its own value,
    # each exactly once, each starting from what the one before left.
    changes = _changes(db, "contracts", CONTRACT, contract_id, "value")
    _assert_unbroken(changes, Decimal(100), value)
    assert version == 1 + len(changes) == 1 + imports + edits
    by_edit = [c for c in changes if c.cause_kind == "manual_edit"]
    assert len(by_edit) == edits
    assert all(Decimal(str(c.new)) == Decimal(str(c.old)) + 1 for c in by_edit)
    imported = sorted(Decimal(str(c.new)) for c in changes if c.cause_kind == "import_batch")
    assert imported == sorted(Decimal(v) for r in results for v in r["values"])

    # The customer: renamed by editors, named back by imports; no rename made blind.
    renames = _changes(db, "customers", CUSTOMER, customer_id, "name")
    _assert_unbroken(renames, customer_name, customer.name)
    assert customer.version == 1 + len(renames)

    # No duplicate, no lost row: the shared machines once, each successful import's own five.
    assert machines == SHARED + OWN * imports
    assert obligations == 2 * machines
    assert not _duplicates(db)
    check = audit.verify(db)
    assert check.ok, check.problem


# -- an edit between an import's plan and its write ---------------------------------------------


@pytest.mark.parametrize("clash", ["new record", "changed record"])
def test_an_edit_between_plan_and_write_fails_the_import_in_one_sentence(
    db: Database,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clash: str,
) -> None:
    if db.backend == "sqlite":
        pytest.skip("on SQLite an import holds the write lock while it plans: no edit fits in")
    seed = _csv(tmp_path / "seed.csv", (_row(n) for n in range(6)))
    assert importing.run_import(db, [seed], ImportOptions(commit=True)).committed
    rows = [_row(n, value="USD 2000") for n in range(6)]
    if clash == "new record":
        new = _row(9, value="USD 2000")
        rows.append([*new[:3], "SITE-NEW", "New fab", *new[5:]])
    path = _csv(tmp_path / "next.csv", rows)
    with db.read() as session:
        contract = session.execute(
            text("SELECT id, version FROM contracts WHERE number = 'K0'")
        ).one()
        customer_id = session.execute(text("SELECT id FROM customers WHERE code = 'CU0'")).one()[0]

    other = open_database(db_url)
    original = importing.build_plan

    def edit_meanwhile(*args: Any, **kwargs: Any) -> importing.ImportPlan:
        plan = original(*args, **kwargs)
        if clash == "new record":
            editing.create(
                other,
                "fabs",
                {
                    "site_code": "SITE-NEW",
                    "name": "Another",
                    "customer_id": customer_id,
                    "country": "TW",
                },
            )
        else:
            editing.update(other, "contracts", contract.id, contract.version, {"value": "1500"})
        return plan

    monkeypatch.setattr(importing, "build_plan", edit_meanwhile)
    try:
        before = _state(db)
        entries = audit.verify(db).entries
        code = cli.main(["--db", db_url, "import", str(path), "--commit"])
    finally:
        other.dispose()
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert _one_sentence(err) and "nothing was written" in err and "import again" in err, err
    # Only the edit landed; the import wrote nothing, not even its batch or audit entries.
    after = _state(db)
    changed = {name for name in after if after[name] != before[name]}
    # (a contract's new value is spread over its obligations by the edit itself)
    assert changed == ({"fabs"} if clash == "new record" else {"contracts", "obligations"})
    check = audit.verify(db)
    assert check.ok, check.problem
    since = [e for e in audit.recent(db, limit=1000) if e.seq > entries]
    assert since and {e.cause_kind for e in since} == {"manual_edit"}
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM import_batches")).scalar_one() == 1


# -- 3. a long read does not block writers ------------------------------------------------------


def _writer_url(db_url: str) -> str:
    """On PostgreSQL, a writer that gives up after 5 s of waiting for a lock instead of hanging.

    A blocked write then fails the test with an error; nothing measures how long it took.
    """
    url = make_url(db_url)
    if url.get_backend_name() != "postgresql":
        return db_url
    return url.update_query_dict({"options": "-c lock_timeout=5000"}).render_as_string(
        hide_password=False
    )


def test_a_long_read_does_not_block_writers(db: Database, db_url: str, tmp_path: Path) -> None:
    seed = _csv(tmp_path / "seed.csv", (_row(n) for n in range(30)))
    assert importing.run_import(db, [seed], ImportOptions(commit=True)).committed
    with db.read() as session:
        machine_id = session.execute(
            text("SELECT id FROM machines WHERE serial = 'S0000'")
        ).scalar_one()
        customer_id = session.execute(
            text("SELECT id FROM customers WHERE code = 'CU1'")
        ).scalar_one()
        customer = repositories.customer(session, customer_id)
    assert customer is not None
    more = _csv(tmp_path / "more.csv", (_row(n, value="USD 3000") for n in range(0, 40)))

    writer = open_database(_writer_url(db_url))
    reader = db.engine.connect()
    try:
        # The reader: a snapshot transaction, a cursor over machines left half read.
        if db.backend == "postgresql":
            reader = reader.execution_options(isolation_level="REPEATABLE READ")
            reader.begin()
        else:
            reader.exec_driver_sql("BEGIN")
        count = "SELECT count(*) FROM machines"
        before = reader.execute(text(count)).scalar_one()
        scan = reader.execution_options(stream_results=True).execute(
            text("SELECT * FROM machines ORDER BY id")
        )
        assert scan.fetchone() is not None

        edited = editing.update(writer, "customers", customer_id, customer.version, {"name": "X"})
        assert edited.version == customer.version + 1
        decommissioned = editing.decommission_machine(writer, machine_id, 1)
        assert decommissioned.version == 2
        outcome = importing.run_import(writer, [more], ImportOptions(commit=True))
        assert outcome.committed and outcome.rows_written > 0

        # Still inside its transaction, the reader sees the book as it began: a true long read.
        assert reader.execute(text(count)).scalar_one() == before == 30
        assert len(scan.fetchall()) == before - 1
        reader.rollback()
        assert reader.execute(text(count)).scalar_one() == 40
    finally:
        reader.close()
        writer.dispose()
    assert _state(db)["machines"][0][4] == "decommissioned"
    check = audit.verify(db)
    assert check.ok, check.problem
