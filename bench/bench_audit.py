"""What the audit trail costs: hand edits per second, and a 100,000-row insert.

``audit-edits``: 300 single-field edits through ``editing.update`` (one transaction each:
write lock, role check, version check, update, audit append) against the same edits with the
audit append patched out. ``audit-insert-100k``: 100,000 machines inserted as an import commit
writes them (``upsert.insert_rows``), with and without reading their ids back and recording one
audit event per row through ``record_inserts`` (packed into two entries); both commit. The goal
for the insert is an overhead under 20%.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench.harness import CACHE, Case, Variant
from workbench.services import audit, editing
from workbench.services.database import open_database
from workbench.services.demo import load_demo
from workbench.storage import upsert
from workbench.storage.database import Database
from workbench.storage.orm import MachineRow

EDITS = 300
ROWS = 100_000
_TEMPLATE = CACHE / "audit-template.sqlite3"
_COLUMNS = (
    "vendor",
    "serial",
    "model_id",
    "fab_id",
    "status",
    "install_date",
    "batch_id",
    "version",
)


@dataclass
class Context:
    db: Database
    machines: list[tuple[int, int]]


def _fresh(name: str) -> Database:
    if not _TEMPLATE.exists():
        _TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
        db = open_database(f"sqlite:///{_TEMPLATE}")
        load_demo(db, 200, seed=3)
        db.dispose()
    target = CACHE / "scratch" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(_TEMPLATE, target)
    return open_database(f"sqlite:///{target}")


def _setup_edits() -> Context:
    db = _fresh("audit-edits.sqlite3")
    with db.read() as session:
        rows = session.query(MachineRow.id, MachineRow.version).order_by(MachineRow.id).limit(50)
        machines = [(int(i), int(v)) for i, v in rows]
    return Context(db, machines)


def _edit(context: Context) -> None:
    versions = dict(context.machines)
    ids = list(versions)
    for n in range(EDITS):
        machine_id = ids[n % len(ids)]
        result = editing.update(
            context.db,
            "machines",
            machine_id,
            versions[machine_id],
            {"shipped_under_licence": f"L-{n:05d}"},
        )
        versions[machine_id] = result.version or 0


def edits_with_audit(context: Context) -> None:
    _edit(context)


def edits_without_audit(context: Context) -> None:
    def no_audit(*_args: Any, **_kwargs: Any) -> None:
        return None

    audit.record_many = no_audit  # type: ignore[assignment]
    _edit(context)


def _setup_insert() -> Context:
    return Context(_fresh("audit-insert.sqlite3"), [])


def _rows() -> list[tuple[Any, ...]]:
    return [
        ("BenchVendor", f"B{n:08d}", 1 + n % 20, 1 + n % 40, "installed", date(2020, 1, 1), None, 1)
        for n in range(ROWS)
    ]


def insert_with_audit(context: Context) -> None:
    """The import's path: insert, read the new ids back by natural key, record them."""
    table = MachineRow.__table__
    rows = _rows()
    with context.db.session() as session:
        upsert.insert_rows(session, table, _COLUMNS, rows)  # type: ignore[arg-type]
        ids = upsert.key_ids(
            session,
            table,  # type: ignore[arg-type]
            ("vendor", "serial"),
            [table.c.vendor == "BenchVendor"],  # type: ignore[attr-defined]
        )
        keys = [(r[0], r[1]) for r in rows]
        audit.record_inserts(
            session,
            "machines",
            [ids[k] for k in keys],
            [f"{v}/{s}" for v, s in keys],
            "import_batch",
            1,
            user="bench",
        )


def insert_with_audit_keys_only(context: Context) -> None:
    """When the import already knows the ids (or records natural keys only)."""
    rows = _rows()
    with context.db.session() as session:
        upsert.insert_rows(session, MachineRow.__table__, _COLUMNS, rows)  # type: ignore[arg-type]
        audit.record_inserts(
            session,
            "machines",
            [None] * len(rows),
            [f"{r[0]}/{r[1]}" for r in rows],
            "import_batch",
            1,
            user="bench",
        )


def insert_without_audit(context: Context) -> None:
    rows = _rows()
    with context.db.session() as session:
        upsert.insert_rows(session, MachineRow.__table__, _COLUMNS, rows)  # type: ignore[arg-type]


CASES = [
    Case(
        name="audit-edits",
        description=f"{EDITS} single-field machine edits, one transaction each (SQLite)",
        setup=_setup_edits,
        candidate=Variant("editing.update with audit", edits_with_audit, repeats=3),
        baselines=(Variant("same edits, audit patched out", edits_without_audit, repeats=3),),
    ),
    Case(
        name="audit-insert-100k",
        description=f"insert {ROWS:,} machines in one transaction, with/without record_many",
        setup=_setup_insert,
        candidate=Variant("insert + ids + record_inserts", insert_with_audit, repeats=3),
        baselines=(
            Variant("insert + record_inserts, keys only", insert_with_audit_keys_only, repeats=3),
            Variant("insert only", insert_without_audit, repeats=3),
        ),
    ),
]
