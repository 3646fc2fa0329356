"""A stored in-force run end to end against a columnar read of its facts, on both backends.

Issue 16's goal: ``workbench evaluate`` on the large demo book (100k machines, ~950k
obligations), start-up included, in at most twice the time of reading the same facts as
columns, peak RSS at most 900 MB; a single-rule what-if under 1 s.

- ``evaluate-e2e-sqlite``: candidate ``workbench --db FILE evaluate --scenario in-force
  --as-of 2025-06-01`` in a new process on a fresh copy of the large demo book (its own peak
  RSS, from ``wait4``); baseline: one SQL query joining obligation, machine, model, fab,
  contract and customer, fetched through ADBC into Arrow and handed to polars.
- ``evaluate-e2e-postgres``: the same on PostgreSQL, when ``WORKBENCH_BENCH_PG`` names a
  database (e.g. ``postgresql://workbench:workbench@127.0.0.1:5432/evalspeed_large``); it is
  filled with the large demo book the first time. Every candidate run adds a stored run.
- ``whatif-large``: one rule (the busiest of in-force, ~210k hits) re-evaluated against facts
  already in memory and compared with the saved rule, as the rule editor does after a change;
  baseline: the whole in-force scenario evaluated and explained on the same facts.

The "x slower" column is baseline / candidate: at least 0.5 meets the 2x goal.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.datasets import fresh_copy, large_demo_sqlite
from bench.harness import Case, Variant

AS_OF = dt.date(2025, 6, 1)
PG_ENV = "WORKBENCH_BENCH_PG"
BUSIEST = "us-el-listed-party"

#: The facts of every obligation in one query, as a columnar reader would fetch them.
COLUMNAR_QUERY = """
SELECT o.id, o.contract_id, o.machine_id, o.service_type, o.start_date, o.end_date, o.value,
       m.serial, m.vendor, md.model_code, md.category, md.class_us, md.class_eu, md.class_nl,
       md.class_jp, md.class_kr, md.overlay_nm, md.wavelength_nm, md.numerical_aperture,
       f.id AS fab_id, f.site_code, f.name AS fab_name, f.country, f.process_type,
       f.logic_node_nm, f.architecture, f.dram_half_pitch_nm, f.nand_layers, f.advanced_node,
       m.ship_date, m.install_date, m.status, c.number, c.signed_date, c.currency,
       cu.id AS customer_id, cu.parent_id, cu.name AS customer_name, cu.hq_country
FROM obligations o
JOIN machines m ON o.machine_id = m.id
JOIN equipment_models md ON m.model_id = md.id
JOIN fabs f ON m.fab_id = f.id
JOIN contracts c ON o.contract_id = c.id
JOIN customers cu ON c.customer_id = cu.id
"""


@dataclass(frozen=True)
class Target:
    url: str
    backend: str


def _sqlite_target() -> Target:
    # Migrated once here, so neither variant pays for the schema upgrade.
    from workbench.services.database import open_database

    path = fresh_copy(large_demo_sqlite(), "evaluate-e2e.sqlite3")
    open_database(f"sqlite:///{path}").dispose()
    return Target(f"sqlite:///{path}", "sqlite")


def _pg_target() -> Target:
    url = os.environ.get(PG_ENV, "")
    if not url:
        raise RuntimeError(f"set {PG_ENV} to a PostgreSQL database URL for this case")
    from sqlalchemy import func, select

    from workbench.services.database import open_database
    from workbench.services.demo import load_demo
    from workbench.storage.orm import ObligationRow

    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            filled = conn.execute(select(func.count()).select_from(ObligationRow)).scalar_one()
        if not filled:
            load_demo(db, "large")
    finally:
        db.dispose()
    return Target(url, "postgresql")


def evaluate_cli(target: Target) -> dict[str, float]:
    """``workbench evaluate`` in a new process; its own peak RSS (MB) from ``wait4``."""
    command = [
        sys.executable,
        "-m",
        "workbench.app",
        "--db",
        target.url,
        "evaluate",
        "--scenario",
        "in-force",
        "--as-of",
        AS_OF.isoformat(),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"workbench evaluate failed ({status}): {process.stderr.read()!r}")  # type: ignore[union-attr]
    return {"peak_mb": usage.ru_maxrss / 1024}


def columnar_read(target: Target) -> None:
    """The facts in one query through ADBC into Arrow, then a polars frame."""
    import polars as pl

    if target.backend == "sqlite":
        import adbc_driver_sqlite.dbapi  # type: ignore[import-untyped]

        connection: Any = adbc_driver_sqlite.dbapi.connect(target.url.removeprefix("sqlite:///"))
        options = {"adbc.sqlite.query.batch_rows": "2000000"}  # type each column from all rows
    else:
        import adbc_driver_postgresql.dbapi  # type: ignore[import-untyped]

        connection = adbc_driver_postgresql.dbapi.connect(target.url)
        options = {}
    with connection:
        cursor = connection.cursor()
        if options:
            cursor.adbc_statement.set_options(**options)
        cursor.execute(COLUMNAR_QUERY)
        frame = pl.from_arrow(cursor.fetch_arrow_table())
        cursor.close()
    assert isinstance(frame, pl.DataFrame) and frame.height > 0


@dataclass(frozen=True)
class WhatIfContext:
    session: Any
    draft: Any
    saved: Any
    rules: list[Any]


def _whatif_setup() -> WhatIfContext:
    from workbench.rules.packs import select_rules
    from workbench.services import rulebook, whatif
    from workbench.services.database import open_database

    db = open_database(f"sqlite:///{large_demo_sqlite()}")
    session = whatif.Session(whatif.load_book(db, AS_OF))
    pack, rule = rulebook.rule_book(db).find(BUSIEST)
    saved = whatif.active_rule(pack, rule, AS_OF)
    draft = whatif.active_rule(pack, rule.model_copy(update={"version": rule.version + 1}), AS_OF)
    session.what_if(saved, saved)  # the saved rule's hits, kept as the editor keeps them
    rules = select_rules(rulebook.scenario(db, "in-force"), rulebook.rule_book(db), AS_OF)
    db.dispose()
    return WhatIfContext(session, draft, saved, rules)


def whatif_one_rule(ctx: WhatIfContext) -> None:
    result = ctx.session.what_if(ctx.draft, ctx.saved)
    assert result.after.hits > 0


def whole_scenario(ctx: WhatIfContext) -> None:
    from workbench.rules import compiled
    from workbench.services.evaluation import explained_hits

    book = ctx.session.book
    explained_hits(
        compiled.evaluate(book.facts, book.listings, book.licences, ctx.rules, book.as_of)
    )


CASES = [
    Case(
        name="evaluate-e2e-sqlite",
        description="workbench evaluate in-force (start-up included) vs a columnar read, SQLite",
        setup=_sqlite_target,
        candidate=Variant("workbench evaluate (new process)", evaluate_cli, repeats=3),
        baselines=(Variant("columnar read (ADBC, one query)", columnar_read, repeats=3),),
    ),
    Case(
        name="evaluate-e2e-postgres",
        description=f"the same on PostgreSQL (database from {PG_ENV})",
        setup=_pg_target,
        candidate=Variant("workbench evaluate (new process)", evaluate_cli, repeats=3),
        baselines=(Variant("columnar read (ADBC, one query)", columnar_read, repeats=3),),
    ),
    Case(
        name="whatif-large",
        description=f"one rule ({BUSIEST}) re-evaluated on facts in memory vs the whole scenario",
        setup=_whatif_setup,
        candidate=Variant("what-if of one draft rule", whatif_one_rule, repeats=5),
        baselines=(Variant("whole in-force scenario, in memory", whole_scenario, repeats=3),),
    ),
]


def _main() -> int:
    from bench.harness import print_table, run_case

    rows = []
    for case in CASES:
        if case.name == "evaluate-e2e-postgres" and not os.environ.get(PG_ENV):
            print(f"skipping {case.name}: {PG_ENV} is not set", file=sys.stderr)
            continue
        rows.extend(run_case(case))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(_main())
