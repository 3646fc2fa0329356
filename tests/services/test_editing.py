"""Editing by hand on SQLite and PostgreSQL: validation, versions, coverage, audit and undo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select, text

from workbench.services import audit, editing
from workbench.services.editing import ConcurrentEditError, EditError
from workbench.storage.database import Database
from workbench.storage.orm import ContractRow, ObligationRow
from workbench.storage.upsert import ConcurrentEditError as ImportConflict


@pytest.fixture
def book(db: Database) -> dict[str, Any]:
    """A customer, a fab, a model, two machines and a contract created through the service."""
    customer = editing.create(
        db, "customers", {"code": "SMIC", "name": "SMIC", "hq_country": "China"}
    )
    fab = editing.create(
        db,
        "fabs",
        {
            "site_code": "SN1",
            "name": "SMIC SN1",
            "customer_id": customer.record_id,
            "country": "CN",
            "process_type": "logic",
            "logic_node_nm": 28,
            "architecture": "planar",
        },
    )
    model = editing.create(
        db,
        "equipment_models",
        {
            "vendor": "ASML",
            "model_code": "NXT:1980Di",
            "category": "duv_immersion",
            "classifications": {"US": "3B993.f.1", "NL": "2024-09"},
        },
    )
    machines = [
        editing.create(
            db,
            "machines",
            {
                "vendor": "ASML",
                "serial": f"00{n}",
                "model_id": model.record_id,
                "fab_id": fab.record_id,
            },
        )
        for n in range(2)
    ]
    contract = editing.create(
        db,
        "contracts",
        {
            "number": "K-1",
            "customer_id": customer.record_id,
            "start_date": "2024-01-01",
            "end_date": dt.date(2026, 12, 31),
            "value": "1000",
            "currency": "eur",
        },
    )
    return {
        "customer": customer.record_id,
        "fab": fab.record_id,
        "model": model.record_id,
        "machines": [m.record_id for m in machines],
        "contract": contract.record_id,
    }


def _obligations(db: Database, contract_id: int) -> dict[tuple[int, str], Decimal]:
    with db.read() as session:
        rows = session.execute(
            select(ObligationRow.machine_id, ObligationRow.service_type, ObligationRow.value).where(
                ObligationRow.contract_id == contract_id
            )
        )
        return {(m, s): Decimal(str(v)).quantize(Decimal("0.01")) for m, s, v in rows}


def test_created_records_are_normalised_and_audited(db: Database, book: dict[str, Any]) -> None:
    with db.read() as session:
        hq, currency = session.execute(
            text("SELECT c.hq_country, k.currency FROM customers c, contracts k")
        ).one()
    assert (hq, currency) == ("CN", "EUR")
    entries = audit.history(db, "machines", book["machines"][0])
    assert [e.action for e in entries] == ["insert"] and entries[0].cause_kind == "manual_edit"
    assert entries[0].new["serial"] == "000" and entries[0].natural_key == "ASML/000"
    assert audit.verify(db).ok


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        ("customers", {"code": "X", "name": "X", "hq_country": "Atlantis"}, "not a country"),
        ("customers", {"code": "X", "name": " ", "hq_country": "NL"}, "Name cannot be empty"),
        ("customers", {"code": "SMIC", "name": "X", "hq_country": "NL"}, "already a customer"),
        ("machines", {"vendor": "ASML", "serial": 7, "model_id": 1, "fab_id": 1}, "serial"),
        ("machines", {"vendor": "ASML", "serial": "9", "model_id": 999, "fab_id": 1}, "no equip"),
        (
            "contracts",
            {
                "number": "K-2",
                "customer_id": 1,
                "start_date": "2025-02-30",
                "end_date": "2026-01-01",
                "value": 1,
                "currency": "EUR",
            },
            "not a date",
        ),
        (
            "contracts",
            {
                "number": "K-2",
                "customer_id": 1,
                "start_date": "2026-01-01",
                "end_date": "2025-01-01",
                "value": 1,
                "currency": "EUR",
            },
            "before it",
        ),
        (
            "contracts",
            {
                "number": "K-2",
                "customer_id": 1,
                "start_date": "2026-01-01",
                "end_date": "2027-01-01",
                "value": 1,
                "currency": "XYZ",
            },
            "currency",
        ),
        (
            "fabs",
            {
                "site_code": "F",
                "name": "F",
                "customer_id": 1,
                "country": "CN",
                "process_type": "analog",
            },
            "not a process type",
        ),
        (
            "licences",
            {
                "authority": "BIS",
                "number": "L1",
                "valid_from": "2024-01-01",
                "service_types": ["repair", "sightseeing"],
            },
            "not a service type",
        ),
        (
            "fabs",
            {"site_code": "F", "name": "F", "customer_id": 1, "country": "CN", "version": 9},
            "kept by the application",
        ),
    ],
)
def test_invalid_values_are_refused_with_a_sentence(
    db: Database, book: dict[str, Any], kind: str, values: dict[str, Any], message: str
) -> None:
    before = audit.verify(db).entries
    with pytest.raises(EditError, match=message):
        editing.create(db, kind, values)
    assert audit.verify(db).entries == before


def test_a_stale_version_gets_both_values_and_nothing_is_written(
    db: Database, book: dict[str, Any]
) -> None:
    first = editing.update(db, "customers", book["customer"], 1, {"name": "SMIC Ltd"}, "legal name")
    assert first.version == 2 and first.changes[0].old == "SMIC"
    with pytest.raises(ConcurrentEditError) as conflict:
        editing.update(db, "customers", book["customer"], 1, {"name": "SMIC Group"})
    error = conflict.value
    assert isinstance(error, ImportConflict)
    assert error.yours == {"name": "SMIC Group"} and error.theirs == {"name": "SMIC Ltd"}
    assert (error.read_version, error.current_version) == (1, 2)
    assert error.changed_by and "SMIC Ltd" in str(error) and "SMIC Group" in str(error)
    entries = audit.history(db, "customers", book["customer"])
    assert [(e.field, e.comment) for e in entries[1:]] == [("name", "legal name")]


def test_an_unchanged_update_writes_nothing(db: Database, book: dict[str, Any]) -> None:
    result = editing.update(db, "customers", book["customer"], 1, {"hq_country": "cn"})
    assert result.action == "none" and result.version == 1 and result.edit_id is None


def test_fab_technology_rederives_advanced_node(db: Database, book: dict[str, Any]) -> None:
    result = editing.update(db, "fabs", book["fab"], 1, {"architecture": "finfet"})
    assert {c.field: c.new for c in result.changes} == {
        "architecture": "finfet",
        "advanced_node": True,
    }


def test_customer_group_and_aliases(db: Database, book: dict[str, Any]) -> None:
    child = editing.create(
        db,
        "customers",
        {
            "code": "SMIC-BJ",
            "name": "SMIC Beijing",
            "hq_country": "CN",
            "parent_id": book["customer"],
            "aliases": ["中芯北方", ("SMNC", "latin"), "smnc"],
        },
    )
    assert [a["name"] for a in child.changes[-1].new] == ["中芯北方", "SMNC"]
    with pytest.raises(EditError, match="own group member"):
        editing.update(db, "customers", book["customer"], 1, {"parent_id": child.record_id})
    with pytest.raises(EditError, match="1 group member"):
        editing.delete_record(db, "customers", book["customer"], 1)


def test_relocation_and_decommissioning(db: Database, book: dict[str, Any]) -> None:
    other = editing.create(
        db,
        "fabs",
        {"site_code": "B2", "name": "SMIC B2", "customer_id": book["customer"], "country": "CN"},
    )
    moved = editing.relocate_machine(db, book["machines"][0], 1, other.record_id, "moved")
    assert {c.field for c in moved.changes} == {"fab_id", "status"}
    retired = editing.decommission_machine(db, book["machines"][0], moved.version or 0)
    assert retired.changes[0].new == "decommissioned"


def test_coverage_splits_the_value_and_follows_value_and_dates(
    db: Database, book: dict[str, Any]
) -> None:
    m1, m2 = book["machines"]
    covered = editing.set_coverage(
        db, book["contract"], 1, [(m1, "repair"), (m1, "spare_parts"), (m2, "repair")]
    )
    assert _obligations(db, book["contract"]) == {
        (m1, "repair"): Decimal("250.00"),
        (m1, "spare_parts"): Decimal("250.00"),
        (m2, "repair"): Decimal("500.00"),
    }
    changed = editing.update(
        db,
        "contracts",
        book["contract"],
        covered.version or 0,
        {"value": "100.01", "end_date": "2027-06-30"},
    )
    values = _obligations(db, book["contract"])
    assert sum(values.values()) == Decimal("100.01")
    assert values[(m1, "repair")] == Decimal("25.01")
    assert len(changed.touched) == 4
    fewer = editing.change_coverage(
        db, book["contract"], changed.version or 0, remove=[(m1, "spare_parts")]
    )
    assert _obligations(db, book["contract"])[(m2, "repair")] == Decimal("50.00")
    with pytest.raises(EditError, match="still used by 1 contract obligation"):
        editing.delete_record(db, "machines", m1, 1)
    with pytest.raises(EditError, match="not a service type"):
        editing.change_coverage(db, book["contract"], fewer.version or 0, add=[(m1, "lunch")])
    assert audit.verify(db).ok


def test_fields_and_coverage_commit_together_or_not_at_all(
    db: Database, book: dict[str, Any]
) -> None:
    m1, m2 = book["machines"]
    both = editing.update(
        db,
        "contracts",
        book["contract"],
        1,
        {"value": "300.00"},
        coverage=[(m1, "repair"), (m2, "repair")],
    )
    assert both.version == 2
    assert {c.field for c in both.changes} == {"value", "coverage"}
    assert _obligations(db, book["contract"]) == {
        (m1, "repair"): Decimal("150.00"),
        (m2, "repair"): Decimal("150.00"),
    }
    with pytest.raises(EditError, match="not a service type"):
        editing.update(
            db, "contracts", book["contract"], 2, {"value": "999.00"}, coverage=[(m1, "lunch")]
        )
    with db.read() as session:
        version, value = session.execute(
            select(ContractRow.version, ContractRow.value).where(ContractRow.id == book["contract"])
        ).one()
    assert (version, value) == (2, Decimal("300.00"))
    assert audit.verify(db).ok


def test_undo_restores_updates_deletes_and_coverage(db: Database, book: dict[str, Any]) -> None:
    m1, m2 = book["machines"]
    covered = editing.set_coverage(db, book["contract"], 1, [(m1, "repair"), (m2, "training")])
    before = _obligations(db, book["contract"])
    gone = editing.delete_record(db, "contracts", book["contract"], covered.version or 0)
    assert ("obligations", next(iter(gone.touched))[1]) in gone.touched
    assert _obligations(db, book["contract"]) == {}
    undone = editing.undo_last(db)
    assert undone[0].reverts == gone.edit_id
    assert _obligations(db, book["contract"]) == before
    editing.update(db, "customers", book["customer"], 1, {"name": "Renamed"})
    editing.undo_last(db, 2)  # the rename, then the contract's coverage
    assert _obligations(db, book["contract"]) == {}
    with db.read() as session:
        name = session.scalar(text("SELECT name FROM customers WHERE code = 'SMIC'"))
    assert name == "SMIC"
    assert audit.verify(db).ok


def test_undo_is_refused_when_the_record_changed_since(
    db: Database, book: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "alice")
    editing.update(db, "customers", book["customer"], 1, {"name": "Alice's name"})
    monkeypatch.setenv("WORKBENCH_USER", "bob")
    editing.update(db, "customers", book["customer"], 2, {"local_name": "中芯国际"})
    monkeypatch.setenv("WORKBENCH_USER", "alice")
    with pytest.raises(EditError, match="changed since by bob"):
        editing.undo_last(db)
    assert editing.undoable(db)[0].records[0][:2] == ("customers", book["customer"])


def test_us_person_and_subject_to_ear_facts_are_recorded_by_hand(
    db: Database, book: dict[str, Any]
) -> None:
    """Issue 20: 744.6 reads who performs the service, the subject-to-EAR rules read a model's
    US origin, content and direct-product status; each is yes, no or unrecorded, and reaches
    the evaluators' facts."""
    from workbench.services.facts_loader import load_facts

    with db.read() as session:
        version = session.get(ContractRow, book["contract"]).version
    editing.update(
        db,
        "contracts",
        book["contract"],
        version,
        {"us_person_service": "no"},
        coverage=[(book["machines"][0], "repair")],
    )
    editing.update(
        db,
        "equipment_models",
        book["model"],
        1,
        {"us_origin": False, "us_content_pct": "12.5", "us_direct_product": "yes"},
    )
    with pytest.raises(EditError, match="percentage"):
        editing.update(db, "equipment_models", book["model"], 2, {"us_content_pct": 130})
    with pytest.raises(EditError, match="yes, no or unknown"):
        editing.update(db, "contracts", book["contract"], version + 1, {"us_person_service": "?"})
    facts = load_facts(db)
    assert set(facts["us_person"].to_list()) == {False}
    assert facts.select("us_origin", "us_content_pct", "us_direct_product").unique().rows() == [
        (False, 12.5, True)
    ]
    editing.update(db, "contracts", book["contract"], version + 1, {"us_person_service": ""})
    assert load_facts(db)["us_person"].null_count() == load_facts(db).height
