"""Importing into a real database (SQLite and PostgreSQL): resolution, plan, commit, re-import."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.importers import parse_files
from workbench.services import importing
from workbench.services.database import info
from workbench.services.demo import load_demo
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    ImportBatchRow,
    MachineRow,
    ObligationRow,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
BOOK_TABLES = ("customers", "fabs", "equipment_models", "machines", "contracts", "obligations")


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def book_counts(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in BOOK_TABLES}


def customers_csv(tmp_path: Path) -> Path:
    """The customers the LibreOffice multi-sheet workbook's fabs name, as a second file."""
    return write_csv(
        tmp_path / "customers.csv",
        ["Customer code", "Customer name", "HQ country"],
        [
            ["SMIC-ZH", "中芯国际", "CN"],
            ["CXMT-ZH", "长鑫存储", "CN"],
            ["YMTC-ZH", "长江存储", "CN"],
            ["SKH-KO", "SK하이닉스", "KR"],
        ],
    )


def contracts_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "contracts.csv",
        ["Contract number", "Customer code", "Start date", "End date", "Contract value"],
        [
            ["C-2020-001", "SMIC-ZH", "2020-01-01", "2025-12-31", "EUR 1,000,000.00"],
            ["C-2021-007", "SKH-KO", "2021-07-01", "2026-06-30", "USD 300,000.01"],
        ],
    )


@pytest.fixture
def demo_db(db: Database) -> Database:
    load_demo(db, 60)
    return db


def test_libreoffice_workbook_end_to_end_then_reimport_is_a_no_op(
    demo_db: Database, tmp_path: Path
) -> None:
    files = [customers_csv(tmp_path), contracts_csv(tmp_path), DATA / "multi_sheet.xlsx"]
    before = book_counts(demo_db)
    dry = importing.run_import(demo_db, files, ImportOptions())
    assert not dry.ok and book_counts(demo_db) == before  # rejected rows: exit 1, no writes
    counts = dry.plan.counts()
    assert counts["customers"]["new"] == 4 and counts["fabs"]["new"] == 5
    # The file writes "Lam": the catalogue's name is "Lam Research", whose Kiyo the demo book
    # has. Tactras is not in the book; the catalogue knows it as a platform whose process
    # depends on its chambers (created as "category unknown", with a warning). K-0043 had a
    # bad date.
    assert counts["machines"] == {"new": 4, "changed": 0, "unchanged": 0, "rejected": 1}
    assert counts["equipment_models"]["new"] == 1
    unknown = [i.message for i in dry.plan.issues if "category unknown" in i.message]
    assert len(unknown) == 1 and "'TEL Tactras' is a platform" in unknown[0]
    texts = [i.text for i in dry.plan.errors]
    assert texts == [
        "multi_sheet.xlsx, sheet 'Machines', row 6, column '安装日期' (E): 'not yet' is not a date",
        "multi_sheet.xlsx, sheet 'Contract lines', row 6, column '서비스' (C): 'Coffee, Repair': "
        "'Coffee' is not a service type the importer knows",
    ]

    refused = importing.run_import(demo_db, files, ImportOptions(commit=True))
    assert refused.refused and not refused.committed
    assert book_counts(demo_db) == before

    done = importing.run_import(demo_db, files, ImportOptions(commit=True, valid_only=True))
    assert done.committed and done.batch_id is not None
    after = book_counts(demo_db)
    assert after["machines"] == before["machines"] + 4
    assert after["contracts"] == before["contracts"] + 2
    # every line but the one naming 'Coffee' and the one of the machine with a bad date:
    # 4 + 9 service types on C-2020-001 and 4 on C-2021-007
    assert after["obligations"] == before["obligations"] + 17
    with demo_db.read() as session:
        machine = session.execute(
            select(MachineRow, FabRow.site_code)
            .join(FabRow, FabRow.id == MachineRow.fab_id)
            .where(MachineRow.serial == "00123")
        ).one()
        assert machine[1] == "SMIC-SN1" and machine[0].vendor == "ASML"
        assert machine[0].batch_id == done.batch_id and machine[0].version == 1
        fab = session.scalar(select(FabRow).where(FabRow.site_code == "SMIC-SN1"))
        assert fab is not None and fab.advanced_node is True
        contract = session.scalar(select(ContractRow).where(ContractRow.number == "C-2020-001"))
        assert contract is not None
        total = session.scalar(
            select(func.sum(ObligationRow.value)).where(ObligationRow.contract_id == contract.id)
        )
        assert Decimal(total) == Decimal("1000000.00")  # the contract value, split to the cent
        batch = session.get(ImportBatchRow, done.batch_id)
        assert batch is not None and batch.status == "partial"
        assert batch.file_name == "customers.csv, contracts.csv, multi_sheet.xlsx"
        assert json.loads(batch.counts_json)["machines"]["new"] == 4
        assert {f["name"] for f in json.loads(batch.sheets or "{}")["files"]} == {
            "customers.csv",
            "contracts.csv",
            "multi_sheet.xlsx",
        }

    again = importing.run_import(demo_db, files, ImportOptions(commit=True, valid_only=True))
    assert again.rows_written == 0
    for kind, plan in again.plan.kinds.items():
        assert not plan.new and not plan.changed, kind
    assert book_counts(demo_db) == after
    with demo_db.read() as session:
        versions = session.scalars(select(MachineRow.version).where(MachineRow.serial == "00123"))
        assert list(versions) == [1]
        batch = session.get(ImportBatchRow, again.batch_id)
        assert batch is not None and batch.status == "unchanged"


def _demo_machine_and_other_fab(db: Database) -> tuple[MachineRow, FabRow, FabRow]:
    with db.read() as session:
        machine = session.scalars(select(MachineRow).order_by(MachineRow.id)).first()
        assert machine is not None
        here = session.get(FabRow, machine.fab_id)
        there = session.scalars(select(FabRow).where(FabRow.id != machine.fab_id)).first()
        assert here is not None and there is not None
        return machine, here, there


def test_relocation_is_reported_with_both_fabs_and_committed(
    demo_db: Database, tmp_path: Path
) -> None:
    machine, here, there = _demo_machine_and_other_fab(demo_db)
    with demo_db.read() as session:
        model = session.get(EquipmentModelRow, machine.model_id)
        assert model is not None
    path = write_csv(
        tmp_path / "moved.csv",
        ["Serial No.", "Vendor", "Model", "Site code"],
        [[machine.serial, machine.vendor, model.model_code, there.site_code]],
    )
    plan = importing.run_import(demo_db, [path], ImportOptions()).plan
    assert plan.counts()["machines"] == {"new": 0, "changed": 1, "unchanged": 0, "rejected": 0}
    [moved] = plan.relocations
    [change] = moved.fields
    assert change.field == "fab"
    assert change.old == f"{here.name} ({here.site_code})"
    assert change.new == f"{there.name} ({there.site_code})"

    done = importing.run_import(demo_db, [path], ImportOptions(commit=True))
    assert done.committed and done.rows_written == 1
    with demo_db.read() as session:
        stored = session.get(MachineRow, machine.id)
        assert stored is not None
        assert stored.fab_id == there.id and stored.version == machine.version + 1
        assert stored.batch_id == done.batch_id
        assert stored.install_date == machine.install_date  # not in the file: kept
        batch = session.get(ImportBatchRow, done.batch_id)
        assert batch is not None and batch.status == "committed"
    again = importing.run_import(demo_db, [path], ImportOptions(commit=True))
    assert again.rows_written == 0 and again.plan.counts()["machines"]["unchanged"] == 1
    with demo_db.read() as session:
        batch = session.get(ImportBatchRow, again.batch_id)
        assert batch is not None and batch.status == "unchanged"


def test_all_or_nothing_then_valid_only(demo_db: Database, tmp_path: Path) -> None:
    _machine, fab, _ = _demo_machine_and_other_fab(demo_db)
    path = write_csv(
        tmp_path / "new.csv",
        ["Serial No.", "Vendor", "Model", "Equipment category", "Site code"],
        [
            ["N-1", "Acme", "Widget 1", "CMP", fab.site_code],
            ["N-2", "Acme", "Widget 1", "CMP", "NO-SUCH-FAB"],
            ["N-3", "Acme", "Widget 2", "", fab.site_code],
        ],
    )
    before = book_counts(demo_db)
    outcome = importing.run_import(demo_db, [path], ImportOptions(commit=True))
    assert outcome.refused and book_counts(demo_db) == before
    texts = [i.text for i in outcome.plan.errors]
    assert (
        "new.csv, row 3, column 'Site code': fab 'NO-SUCH-FAB' is neither in the file nor in "
        "the database" in texts
    )
    # A model nobody knows is created as "category unknown", with a warning, not rejected.
    warnings = [i.text for i in outcome.plan.issues if i.severity.value == "warning"]
    assert any(
        t.startswith("new.csv, row 4, column 'Model': equipment model 'Acme Widget 2' is neither")
        and "category unknown" in t
        for t in warnings
    )
    done = importing.run_import(demo_db, [path], ImportOptions(commit=True, valid_only=True))
    after = book_counts(demo_db)
    assert after["machines"] == before["machines"] + 2
    assert after["equipment_models"] == before["equipment_models"] + 2
    with demo_db.read() as session:
        models = {
            m.model_code: m
            for m in session.scalars(
                select(EquipmentModelRow).where(EquipmentModelRow.vendor == "Acme")
            )
        }
    assert models["Widget 1"].category == "cmp" and models["Widget 1"].batch_id == done.batch_id
    assert models["Widget 2"].category == "unknown"


def test_vendor_from_option_or_unique_stored_serial(demo_db: Database, tmp_path: Path) -> None:
    machine, _here, there = _demo_machine_and_other_fab(demo_db)
    with demo_db.read() as session:
        model = session.get(EquipmentModelRow, machine.model_id)
        assert model is not None
    path = write_csv(
        tmp_path / "novendor.csv",
        ["Serial No.", "Model", "Site code"],
        [[machine.serial, model.model_code, there.site_code], ["FRESH-1", model.model_code, "X"]],
    )
    plan = importing.run_import(demo_db, [path], ImportOptions()).plan
    assert plan.counts()["machines"]["changed"] == 1  # the stored serial gave the vendor
    # FRESH-1: no stored machine has the serial, but the catalogue knows who makes the model.
    assert [i.message for i in plan.errors] == [
        "fab 'X' is neither in the file nor in the database"
    ]
    unknown = write_csv(
        tmp_path / "unknown.csv",
        ["Serial No.", "Model", "Site code"],
        [["FRESH-2", "Nobody Knows 1", there.site_code]],
    )
    plan = importing.run_import(demo_db, [unknown], ImportOptions()).plan
    assert any(
        "machine 'FRESH-2' has no vendor and no stored machine has that serial" in i.text
        for i in plan.errors
    )
    own = importing.run_import(demo_db, [unknown], ImportOptions(own_company="Acme")).plan
    assert not own.errors and own.counts()["machines"]["new"] == 1
    with_option = importing.run_import(demo_db, [path], ImportOptions(vendor=machine.vendor)).plan
    assert [i.message for i in with_option.errors] == [
        "fab 'X' is neither in the file nor in the database"
    ]


def test_contract_lines_become_obligations_with_split_values(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.read() as session:
        machines = list(session.scalars(select(MachineRow).order_by(MachineRow.id).limit(3)))
        customer = session.scalars(select(CustomerRow).order_by(CustomerRow.id)).first()
        assert customer is not None
    contract = write_csv(
        tmp_path / "contract.csv",
        ["Contract number", "Customer code", "Start date", "End date", "Contract value"],
        [["K-1", customer.code, "2024-01-01", "2026-12-31", "USD 1000"]],
    )
    lines = write_csv(
        tmp_path / "lines.csv",
        ["Contract number", "Serial No.", "Vendor", "Services", "Line start", "Line value"],
        [
            ["K-1", machines[0].serial, machines[0].vendor, "PM; Repair; Spare parts", "", "100"],
            ["K-1", machines[1].serial, machines[1].vendor, "Spare parts", "2025-01-01", ""],
            ["K-1", machines[2].serial, machines[2].vendor, "PM; Repair", "", ""],
        ],
    )
    done = importing.run_import(demo_db, [contract, lines], ImportOptions(commit=True))
    assert done.committed, [i.text for i in done.plan.errors]
    with demo_db.read() as session:
        rows = session.execute(
            select(
                ObligationRow.machine_id,
                ObligationRow.service_type,
                ObligationRow.start_date,
                ObligationRow.value,
            )
            .join(ContractRow, ContractRow.id == ObligationRow.contract_id)
            .where(ContractRow.number == "K-1")
        ).all()
    got = {(m, s): (str(start), Decimal(v)) for m, s, start, v in rows}
    first, second, third = (m.id for m in machines)
    assert got == {
        (first, "preventive_maintenance"): ("2024-01-01", Decimal("33.34")),
        (first, "repair"): ("2024-01-01", Decimal("33.33")),
        (first, "spare_parts"): ("2024-01-01", Decimal("33.33")),
        (second, "spare_parts"): ("2025-01-01", Decimal("450.00")),
        (third, "preventive_maintenance"): ("2024-01-01", Decimal("225.00")),
        (third, "repair"): ("2024-01-01", Decimal("225.00")),
    }
    changed = write_csv(
        tmp_path / "lines2.csv",
        ["Contract number", "Serial No.", "Vendor", "Services", "Line value"],
        [["K-1", machines[0].serial, machines[0].vendor, "PM; Repair; Spare parts", "90"]],
    )
    plan = importing.run_import(demo_db, [changed], ImportOptions()).plan
    obligations = plan.kinds[importing.PlanKind.OBLIGATIONS]
    assert len(obligations.changed) == 3 and not obligations.new
    assert obligations.changed[0].fields[0].old == "33.34"
    assert obligations.changed[0].fields[0].new == "30.00"


def test_lines_of_one_contract_in_two_files_never_exceed_its_value(
    demo_db: Database, tmp_path: Path
) -> None:
    """The second file shares out only what the stored obligations leave of the value."""
    with demo_db.read() as session:
        machines = list(session.scalars(select(MachineRow).order_by(MachineRow.id).limit(2)))
        customer = session.scalars(select(CustomerRow).order_by(CustomerRow.id)).first()
        assert customer is not None
    contract = write_csv(
        tmp_path / "contract.csv",
        ["Contract number", "Customer code", "Start date", "End date", "Contract value"],
        [["K-2", customer.code, "2024-01-01", "2026-12-31", "USD 1000"]],
    )
    header = ["Contract number", "Serial No.", "Vendor", "Services"]
    first = write_csv(
        tmp_path / "first.csv", header, [["K-2", machines[0].serial, machines[0].vendor, "PM"]]
    )
    second = write_csv(
        tmp_path / "second.csv", header, [["K-2", machines[1].serial, machines[1].vendor, "PM"]]
    )
    for files in ([contract, first], [second]):
        done = importing.run_import(demo_db, files, ImportOptions(commit=True))
        assert done.committed, [i.text for i in done.plan.errors]
    with demo_db.read() as session:
        values = session.scalars(
            select(ObligationRow.value)
            .join(ContractRow, ContractRow.id == ObligationRow.contract_id)
            .where(ContractRow.number == "K-2")
        ).all()
    assert sorted(Decimal(v) for v in values) == [Decimal("0.00"), Decimal("1000.00")]


def test_profiles_round_trip_and_unknown_profile(demo_db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv",
        ["Serial No.", "Vendor", "Model", "Site code"],
        [["P-1", "ASML", "NXT:2000i", "nowhere"]],
    )
    importing.run_import(demo_db, [path], ImportOptions(save_profile="erp"))
    assert importing.profile_names(demo_db) == ["erp"]
    mapping = importing.load_profile(demo_db, "erp")
    assert mapping.fields["machines.serial"] == "Serial No."
    parsed = parse_files([path], mapping)
    assert parsed.machines[0].serial == "P-1"
    with pytest.raises(importing.ProfileError, match="no import profile named 'nope'"):
        importing.load_profile(demo_db, "nope")


def test_customer_rules(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.read() as session:
        stored = session.scalars(select(CustomerRow).order_by(CustomerRow.id)).first()
        assert stored is not None
    path = write_csv(
        tmp_path / "customers.csv",
        ["Customer code", "Customer name", "HQ country", "Parent"],
        [
            ["NEW-1", "Brand New Fab Co", "SG", stored.code],
            ["NEW-2", stored.name, "CN", ""],
            ["NEW-3", "No Country Ltd", "", ""],
            ["NEW-4", "Child Of New", "SG", "NEW-1"],
        ],
    )
    plan = importing.run_import(demo_db, [path], ImportOptions()).plan
    messages = [i.message for i in plan.errors]
    assert any("would create a second customer of that name" in m for m in messages)
    # A customer without an HQ country is kept, with the country unknown (not guessed).
    assert not any("NEW-3" in m for m in messages)
    done = importing.run_import(demo_db, [path], ImportOptions(commit=True, valid_only=True))
    assert done.committed
    with demo_db.read() as session:
        rows = {
            c.code: c
            for c in session.scalars(select(CustomerRow).where(CustomerRow.code.like("NEW-%")))
        }
    assert set(rows) == {"NEW-1", "NEW-3", "NEW-4"}
    assert rows["NEW-3"].hq_country is None and rows["NEW-3"].hq_country_basis is None
    assert rows["NEW-1"].hq_country == "SG" and rows["NEW-1"].hq_country_basis == "stated"
    assert rows["NEW-1"].parent_id == stored.id and rows["NEW-4"].parent_id == rows["NEW-1"].id


def test_import_changes_are_in_the_audit_trail(demo_db: Database, tmp_path: Path) -> None:
    """A relocation by import is audited field by field, caused by its batch."""
    from workbench.services import audit
    from workbench.storage.audit_log import AuditFilter

    machine, here, there = _demo_machine_and_other_fab(demo_db)
    with demo_db.read() as session:
        model = session.get(EquipmentModelRow, machine.model_id)
        assert model is not None
    path = write_csv(
        tmp_path / "moved.csv",
        ["Serial No.", "Vendor", "Model", "Site code"],
        [[machine.serial, machine.vendor, model.model_code, there.site_code]],
    )
    done = importing.run_import(demo_db, [path], ImportOptions(commit=True))
    entries = audit.recent(demo_db, AuditFilter(cause_kind="import_batch"))
    assert [(e.action, e.table_name, e.cause_id) for e in entries] == [
        ("update", "machines", str(done.batch_id))
    ]
    assert here.site_code in (entries[0].old_value or "")
    assert there.site_code in (entries[0].new_value or "")
    assert entries[0].record_id == machine.id  # so the machine's History tab shows it
    assert [e.cause_kind for e in audit.history(demo_db, "machines", machine.id)] == [
        "import_batch"
    ]
    assert audit.verify(demo_db).ok
