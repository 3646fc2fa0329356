"""Migrations build the schema the ORM describes, both ways, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from workbench.storage import migrate
from workbench.storage.database import Database
from workbench.storage.orm import Base


def test_schema_matches_the_orm(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(db: Database) -> None:
    migrate.downgrade(db.engine, "base")
    assert migrate.current_revision(db.engine) is None
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision()


def test_constraint_names_follow_the_convention(db: Database) -> None:
    inspector = inspect(db.engine)
    uniques = {u["name"] for u in inspector.get_unique_constraints("machines")}
    assert "uq_machines_vendor_serial" in uniques
    fks = {fk["name"] for fk in inspector.get_foreign_keys("machines")}
    assert "fk_machines_fab_id_fabs" in fks


def test_stored_runs_survive_the_compact_run_migration_both_ways(db: Database) -> None:
    """0008 moves existing runs into the compact tables and back, every hit read back equal."""
    import datetime as dt

    from workbench.services import demo, evaluation, runs

    demo.load_demo(db, 120, seed=5)
    run = evaluation.evaluate_scenario(db, "in-force", dt.date(2025, 6, 1))
    before = runs.run_hits(db, run.run_id)
    assert before.height > 0
    migrate.downgrade(db.engine, "0007_packs_subject_facts")
    columns = {c["name"] for c in inspect(db.engine).get_columns("run_hits")}
    assert {"rule_id", "jurisdiction", "outcome"} <= columns
    assert "rule_number" not in columns
    migrate.upgrade(db.engine)
    assert runs.run_hits(db, run.run_id).equals(before)
