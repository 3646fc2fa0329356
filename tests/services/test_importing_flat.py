"""A real export into an EMPTY book: one flat sheet, one row per machine, names only.

The first thing a new user does. Each row is a join of customer, fab, machine, contract and
contract line; nothing in the file is a code the book knows, there is no vendor column (it is
the vendor's own export) and no services column. Every row must import, the same export
imported again must change nothing, and what the file does not say must stay unknown.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from workbench.services import book_settings, importing
from workbench.services.database import info
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    MachineRow,
    ObligationRow,
)

HEADER = [
    "Customer Name",
    "Site",
    "City",
    "Country",
    "Serial Number",
    "Model",
    "Install Date",
    "Contract Number",
    "Contract End",
    "Annual Value",
    "Currency",
]
ROWS = [
    ["SMIC Beijing", "Fab B2", "Beijing", "China", "000123", "NXT:1980Di", "2019-05-01",
     "C-1001", "2027-12-31", "1,200,000", "USD"],
    ["SMIC Beijing Corp.", "Fab B2", "Beijing", "VR China", "000124", "NXT:2000i", "2020-06-01",
     "C-1001", "2027-12-31", "1,500,000", "USD"],
    ["Samsung Electronics Co. Ltd", "Xi'an Line 1", "Xi'an", "China", "A-77", "Kiyo",
     "2018-03-03", "C-2001", "2026-06-30", "300000", "USD"],
    ["SAMSUNG ELECTRONICS CO., LTD.", "Pyeongtaek P2", "Pyeongtaek", "Südkorea", "A-78", "Flex",
     "2021-03-03", "C-2002", "2028-06-30", "250000", "USD"],
    ["Infineon Technologies AG", "Dresden 300", "Dresden", "Deutschland", "X-1",
     "Prototype 9000", "2022-01-01", "C-3001", "2029-01-01", "10000", "EUR"],
]  # fmt: skip
TABLES = ("customers", "fabs", "equipment_models", "machines", "contracts", "obligations")


def _counts(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in TABLES}


@pytest.fixture
def flat_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ib_export.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def test_flat_export_imports_whole_into_an_empty_book(db: Database, flat_csv: Path) -> None:
    assert _counts(db) == dict.fromkeys(TABLES, 0)
    options = ImportOptions(commit=True, own_company="Acme Tools")
    done = importing.run_import(db, [flat_csv], options)
    assert done.committed, [i.text for i in done.plan.errors]
    assert not done.plan.errors and not done.plan.rejected_rows
    assert _counts(db) == {
        "customers": 3,  # SMIC's and Samsung's spellings are one customer each
        "fabs": 4,
        "equipment_models": 5,
        "machines": 5,
        "contracts": 4,
        "obligations": 5 * 9,  # no services column: every service type, assumed
    }
    plan = done.plan
    referenced = [c.key for c in plan.kinds[importing.PlanKind.CUSTOMERS].new if c.referenced]
    assert len(referenced) == 3
    assert ("SMIC Beijing Corp.", "SMIC Beijing") in plan.merged_spellings
    assert plan.unknowns["contract lines naming no services (all services assumed)"] == 5
    assert plan.unknowns["contracts with start date unknown"] == 4

    with db.read() as session:
        customers = {c.name: c for c in session.scalars(select(CustomerRow))}
        # One country for all its fabs: inferred and stored as such. Fabs in CN and KR: unknown.
        smic = customers["SMIC Beijing"]
        assert (smic.hq_country, smic.hq_country_basis) == ("CN", "inferred")
        samsung = customers["Samsung Electronics Co. Ltd"]
        assert (samsung.hq_country, samsung.hq_country_basis) == (None, None)
        fabs = {f.name: f for f in session.scalars(select(FabRow))}
        assert fabs["Pyeongtaek P2"].country == "KR" and fabs["Fab B2"].country == "CN"
        assert fabs["Fab B2"].customer_id == smic.id
        machines = {m.serial: m for m in session.scalars(select(MachineRow))}
        assert machines["000123"].vendor == "ASML"  # from the equipment catalogue
        assert machines["A-77"].vendor == "Lam Research"
        assert machines["X-1"].vendor == "Acme Tools"  # nobody knows the model: own company
        models = {m.model_code: m for m in session.scalars(select(EquipmentModelRow))}
        assert models["NXT:2000i"].category == "duv_immersion"
        assert models["Prototype 9000"].category == "unknown"
        contract = session.scalar(select(ContractRow).where(ContractRow.number == "C-1001"))
        assert contract is not None
        # Two rows with different values: each is its machine's line, the contract their sum.
        assert Decimal(contract.value) == Decimal("2700000.00")
        assert contract.start_date is None and contract.end_date.isoformat() == "2027-12-31"
        assert contract.customer_id == smic.id
        obligations = session.scalars(
            select(ObligationRow).where(ObligationRow.contract_id == contract.id)
        ).all()
        assert {o.coverage_assumed for o in obligations} == {True}
        assert sum(Decimal(o.value) for o in obligations) == Decimal("2700000.00")
    assert book_settings.own_company(db) == "Acme Tools"

    before = _counts(db)
    again = importing.run_import(db, [flat_csv], ImportOptions(commit=True))
    assert again.committed and again.rows_written == 0
    for kind, kind_plan in again.plan.kinds.items():
        assert not kind_plan.new and not kind_plan.changed, kind
    assert _counts(db) == before


def test_without_own_company_a_model_nobody_knows_is_the_only_rejection(
    db: Database, flat_csv: Path
) -> None:
    plan = importing.run_import(db, [flat_csv], ImportOptions()).plan
    rows = {r.row for r in plan.rejected_rows}
    assert rows == {6}  # the Prototype 9000 row: no vendor column, catalogue and book silent
    assert any("set the book's own company" in i.message for i in plan.errors)
    assert _counts(db) == dict.fromkeys(TABLES, 0)  # a dry run writes nothing


def test_german_workbook_written_by_openpyxl(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "Anlagen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Installierte Basis"
    ws.append(["Export vom 01.12.2026"])  # a title row above the header, as ERPs print
    ws.append([])
    rows = [
        ["Kunde", "Standort", "Stadt", "Land", "Seriennummer", "Modell", "Inbetriebnahme",
         "Vertragsnummer", "Vertragsende", "Jahreswert", "Währung"],
        ["Hua Hong Semiconductor (Wuxi) Ltd", "Fab 7", "Wuxi", "Volksrepublik China",
         "0004711", "NXT:1470", "14.03.2022", "V-77", "31.12.2028", "80.000,00", "EUR"],
        ["Hua Hong Semiconductor (Wuxi) Limited", "Fab 7", "Wuxi", "VR China",
         "0004712", "XT:1460K", "01.04.2022", "V-77", "31.12.2028", "60.000,00", "EUR"],
        ["Micron Technology Inc", "Fab 10", "Singapur", "Singapur",
         "0004800", "NXT:2000i", "02.05.2023", "V-80", "30.06.2027", "200.000,00", "EUR"],
    ]  # fmt: skip
    for values in rows:
        ws.append(values)
    wb.save(path)
    done = importing.run_import(db, [path], ImportOptions(commit=True))
    assert done.committed, [i.text for i in done.plan.errors]
    assert _counts(db)["machines"] == 3 and _counts(db)["customers"] == 2
    with db.read() as session:
        serials = {m.serial for m in session.scalars(select(MachineRow))}
        assert serials == {"0004711", "0004712", "0004800"}  # leading zeros kept
        countries = {f.name: f.country for f in session.scalars(select(FabRow))}
        assert countries == {"Fab 7": "CN", "Fab 10": "SG"}
        v77 = session.scalar(select(ContractRow).where(ContractRow.number == "V-77"))
        assert v77 is not None and Decimal(v77.value) == Decimal("140000.00")
        assert v77.currency == "EUR" and v77.end_date.isoformat() == "2028-12-31"


def test_lines_sheet_creates_the_contracts_it_names(db: Database, tmp_path: Path) -> None:
    machines = tmp_path / "machines.csv"
    machines.write_text(
        "Serial,Model,Fab,City,Country,Customer\n"
        "S-1,NXT:1980Di,Fab 8,Shanghai,CN,SMIC Shanghai\n"
        "S-2,Kiyo,Fab 8,Shanghai,CN,SMIC Shanghai\n",
        encoding="utf-8",
    )
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "Contract,Serial,Services,Start date,End date,Value,Currency\n"
        "K-9,S-1,PM;Spare parts,2024-01-01,2026-12-31,1000,USD\n"
        "K-9,S-2,Repair,2025-01-01,2027-06-30,500,USD\n",
        encoding="utf-8",
    )
    done = importing.run_import(db, [machines, lines], ImportOptions(commit=True))
    assert done.committed, [i.text for i in done.plan.errors]
    created = [c for c in done.plan.kinds[importing.PlanKind.CONTRACTS].new if c.referenced]
    assert [c.key for c in created] == ["K-9"]
    with db.read() as session:
        k9 = session.scalar(select(ContractRow).where(ContractRow.number == "K-9"))
        assert k9 is not None
        assert (k9.start_date.isoformat(), k9.end_date.isoformat()) == ("2024-01-01", "2027-06-30")  # type: ignore[union-attr]
        assert Decimal(k9.value) == Decimal("1500.00") and k9.currency == "USD"
        customer = session.get(CustomerRow, k9.customer_id)
        assert customer is not None and customer.name == "SMIC Shanghai"
        services = set(session.scalars(select(ObligationRow.service_type)))
        assert services == {"preventive_maintenance", "spare_parts", "repair"}
        assert set(session.scalars(select(ObligationRow.coverage_assumed))) == {False}


def test_a_near_match_is_asked_and_merged_only_when_answered(db: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(
        "Customer,Fab,Country,Serial,Model\n"
        "Semiconductor Manufacturing International Corp,SN1,CN,M-1,NXT:2000i\n",
        encoding="utf-8",
    )
    assert importing.run_import(db, [first], ImportOptions(commit=True)).committed
    with db.read() as session:
        stored = session.scalars(select(CustomerRow)).one()
    second = tmp_path / "second.csv"
    second.write_text(
        "Customer,Fab,Country,Serial,Model\n"
        "Semiconductor Manufacturing Internatonal Corp,SN1,CN,M-2,NXT:2000i\n",
        encoding="utf-8",
    )
    plan = importing.run_import(db, [second], ImportOptions()).plan
    assert [(m.name, m.candidate_code) for m in plan.near_matches] == [
        ("Semiconductor Manufacturing Internatonal Corp", stored.code)
    ]
    assert plan.counts()["customers"]["new"] == 1  # not merged on its own
    answer = {"Semiconductor Manufacturing Internatonal Corp": stored.code}
    done = importing.run_import(db, [second], ImportOptions(commit=True, matches=answer))
    assert done.committed and done.plan.counts()["customers"]["new"] == 0
    with db.read() as session:
        assert [c.id for c in session.scalars(select(CustomerRow))] == [stored.id]
        fabs = session.scalars(select(FabRow)).all()
        assert len(fabs) == 1  # the same fab of the same customer: found, not created again
        assert {m.fab_id for m in session.scalars(select(MachineRow))} == {fabs[0].id}


def test_a_fab_named_without_code_finds_the_stored_fab(db: Database, tmp_path: Path) -> None:
    fabs = tmp_path / "fabs.csv"
    fabs.write_text(
        "Site code,Fab name,Country,Customer code,Customer,HQ country\n"
        "YMTC-W1,YMTC Wuhan Fab 1,CN,YMTC,Yangtze Memory Technologies Co Ltd,CN\n",
        encoding="utf-8",
    )
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "Customer code,Customer,HQ country\nYMTC,Yangtze Memory Technologies Co Ltd,CN\n",
        encoding="utf-8",
    )
    assert importing.run_import(db, [customers, fabs], ImportOptions(commit=True)).committed
    export = tmp_path / "export.csv"
    export.write_text(
        "Account Name,Location,Country,Serial Number,Product\n"
        '"YANGTZE MEMORY TECHNOLOGIES CO., LTD.",YMTC Wuhan Fab 1,China,Y-1,NXT:1980Di\n',
        encoding="utf-8",
    )
    done = importing.run_import(db, [export], ImportOptions(commit=True))
    assert done.committed, [i.text for i in done.plan.errors]
    assert done.plan.counts()["fabs"]["new"] == 0 and done.plan.counts()["customers"]["new"] == 0
    with db.read() as session:
        machine = session.scalars(select(MachineRow)).one()
        fab = session.get(FabRow, machine.fab_id)
        assert fab is not None and fab.site_code == "YMTC-W1"
