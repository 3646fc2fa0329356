"""More export layouts into an EMPTY book: French, Italian, Chinese, Japanese, NetSuite, ByDesign.

Each file here is written by the test in the layout a real system exports (headings as that
system or that country writes them), with its own invented rows. Every row must import; and a
sheet whose machines cannot be read must reject its rows rather than import its fabs alone.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.worksheet.table import Table
from sqlalchemy import select

from workbench.services import importing
from workbench.services.database import info
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database
from workbench.storage.orm import ContractRow, CustomerRow, FabRow, MachineRow

COUNTED = ("customers", "fabs", "machines", "contracts")


def _counts(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in COUNTED}


def _import_whole(db: Database, path: Path, own_company: str | None = None) -> None:
    done = importing.run_import(db, [path], ImportOptions(commit=True, own_company=own_company))
    assert done.committed, [i.text for i in done.plan.errors]
    assert not done.plan.rejected_rows
    again = importing.run_import(db, [path], ImportOptions(commit=True))
    assert again.committed and not again.plan.writes_anything


def _xlsx(path: Path, title: str, rows: list[list[object]], table: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if table is not None:
        sheet.add_table(Table(displayName="Data", ref=table))
    book.save(path)
    return path


def _fab_countries(db: Database) -> dict[str, str | None]:
    with db.read() as session:
        rows = session.execute(
            select(MachineRow.serial, FabRow.country).join(FabRow, MachineRow.fab_id == FabRow.id)
        )
        return {str(serial): country for serial, country in rows}


def test_french_erp_csv_with_bom_and_semicolons(db: Database, tmp_path: Path) -> None:
    """Sage-style parc installé: UTF-8 BOM, ';', a client code beside the company name,
    French countries, amounts as '125 000,00' with a narrow no-break space."""
    nnbsp = "\u202f"
    path = tmp_path / "parc.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(
            ["N° machine", "Client", "Raison sociale", "Site d'installation", "Ville", "Pays",
             "Fabricant", "Article", "N° de série", "Date mise en service", "N° contrat",
             "Début contrat", "Fin contrat", "Montant annuel HT", "Devise"]
        )  # fmt: skip
        writer.writerows(
            [
                ["M1", "CL101", "Soitec SA", "Bernin 2", "Bernin", "France", "Lam Research",
                 "Kiyo", "LR-1001", "14/03/2019", "CT-7", "01/01/2024", "31/12/2026",
                 f"125{nnbsp}000,00", "EUR"],
                ["M2", "CL101", "Soitec SA", "Bernin 2", "Bernin", "France", "Lam Research",
                 "Kiyo", "LR-1002", "15/03/2019", "CT-7", "01/01/2024", "31/12/2026",
                 f"75{nnbsp}000,00", "EUR"],
                ["M3", "CL202", "X-FAB Dresden GmbH & Co. KG", "Dresden", "Dresden",
                 "Allemagne", "Lam Research", "Kiyo", "LR-2001", "20/06/2020", "CT-9",
                 "01/07/2025", "30/06/2027", f"90{nnbsp}000,00", "EUR"],
            ]
        )  # fmt: skip
    _import_whole(db, path)
    assert _counts(db) == {"customers": 2, "fabs": 2, "machines": 3, "contracts": 2}
    assert _fab_countries(db) == {"LR-1001": "FR", "LR-1002": "FR", "LR-2001": "DE"}
    with db.read() as session:
        names = {c.code: c.name for c in session.scalars(select(CustomerRow))}
        assert names == {"CL101": "Soitec SA", "CL202": "X-FAB Dresden GmbH & Co. KG"}
        ct7 = session.scalar(select(ContractRow).where(ContractRow.number == "CT-7"))
        assert ct7 is not None and Decimal(ct7.value) == Decimal("200000.00")


def test_italian_workbook_with_an_excel_table_under_a_title(db: Database, tmp_path: Path) -> None:
    rows: list[list[object]] = [
            ["Parco macchine installato e contratti di assistenza"],
            ["Aggiornato al 30/11/2026 - Service Italia"],
            [],
            ["Cliente", "Stabilimento", "Città", "Nazione", "Costruttore", "Modello",
             "Matricola", "Data installazione", "N. contratto", "Inizio contratto",
             "Fine contratto", "Canone annuo", "Valuta"],
            ["LFoundry S.r.l.", "Avezzano", "Avezzano", "Italia", "Canon", "FPA-6300ES6a",
             "C-11", "22/01/2020", "CS/1", "01/07/2023", "30/06/2026", 300000, "EUR"],
            ["Soitec SA", "Bernin 2", "Bernin", "Francia", "Canon", "FPA-6300ES6a",
             "C-12", "01/10/2018", "CS/2", "01/04/2023", "31/03/2026", 200000, "EUR"],
    ]  # fmt: skip
    path = _xlsx(tmp_path / "parco.xlsx", "Parco installato", rows, table="A4:M6")
    _import_whole(db, path, own_company="Canon")
    assert _counts(db) == {"customers": 2, "fabs": 2, "machines": 2, "contracts": 2}
    assert _fab_countries(db) == {"C-11": "IT", "C-12": "FR"}


def test_chinese_equipment_ledger_under_two_title_rows(db: Database, tmp_path: Path) -> None:
    """A Kingdee-style 设备台账: 规格型号 is the model, 使用工厂 the fab, 所在城市 the city."""
    rows: list[list[object]] = [
            ["设备台账(服务合同)"],
            ["导出日期:2026-11-30  组织:上海服务中心"],
            ["设备编码", "设备名称", "规格型号", "序列号", "制造商", "客户编码", "客户名称",
             "使用工厂", "所在城市", "国家/地区", "安装日期", "服务合同号", "合同开始日期",
             "合同结束日期", "年服务费", "币别"],
            ["SB1", "半导体设备", "Kiyo", "LK-1", "泛林", "KH1", "长鑫存储技术有限公司",
             "Fab 1", "合肥", "中国", "2019/06/14", "FW1", "2023/01/01", "2025/12/31",
             427000, "人民币"],
            ["SB2", "半导体设备", "Kiyo", "LK-2", "泛林", "KH1", "长鑫存储技术有限公司",
             "Fab 1", "合肥", "中国", "2019/06/15", "FW1", "2023/01/01", "2025/12/31",
             300000, "人民币"],
    ]  # fmt: skip
    path = _xlsx(tmp_path / "taizhang.xlsx", "设备台账", rows)
    _import_whole(db, path, own_company="Lam Research")
    assert _counts(db) == {"customers": 1, "fabs": 1, "machines": 2, "contracts": 1}
    assert _fab_countries(db) == {"LK-1": "CN", "LK-2": "CN"}
    with db.read() as session:
        fw1 = session.scalar(select(ContractRow).where(ContractRow.number == "FW1"))
        assert fw1 is not None and fw1.currency == "CNY"
        assert Decimal(fw1.value) == Decimal("727000.00")


def test_japanese_sheet_names_the_customer_as_kyakusaki(db: Database, tmp_path: Path) -> None:
    """客先名 is the customer; 年間保守料(円) the annual fee, in yen by its heading."""
    rows: list[list[object]] = [
            ["納入装置・保守契約一覧表"],
            ["作成:", "保守サービス部"],
            [],
            ["No.", "客先名", "工場名", "所在地", "国", "装置型式", "製造番号", "納入日",
             "保守契約番号", "契約開始", "契約終了", "年間保守料(円)", "備考"],
            [1, "キオクシア株式会社", "Kitakami K1", "岩手県北上市", "日本", "TSURUGI-C2",
             "KE-1", "2020/05/26", "KM-1", "2023/01/01", "2025/12/31", "６８,０００,０００",
             None],
    ]  # fmt: skip
    path = _xlsx(tmp_path / "nounyu.xlsx", "納入装置一覧", rows)
    _import_whole(db, path, own_company="Kokusai Electric")
    assert _counts(db) == {"customers": 1, "fabs": 1, "machines": 1, "contracts": 1}
    with db.read() as session:
        contract = session.scalar(select(ContractRow))
        assert contract is not None and contract.currency == "JPY"
        assert Decimal(contract.value) == Decimal("68000000.00")
        customer = session.scalar(select(CustomerRow))
        assert customer is not None and customer.name == "キオクシア株式会社"


def test_netsuite_saved_search_with_ship_to_fields(db: Database, tmp_path: Path) -> None:
    """The fab is the ship-to address: Ship To Addressee, Ship To City, Ship To Country."""
    path = tmp_path / "saved_search.csv"
    path.write_text(
        "Internal ID,Name,Customer,Item,Serial/Lot Number,Ship To Addressee,Ship To City,"
        "Ship To Country,Install Date,Service Contract,Contract Start Date,Contract End Date,"
        "Amount (Foreign Currency),Currency\n"
        "1,Atlas V - ON-1,Micron Technology Inc,Atlas V,ON-1,Fab 6,Manassas,United States,"
        "1/13/2016,SO-1,7/1/2023,6/30/2026,306000.00,US Dollar\n"
        "2,Atlas V - ON-2,Micron Technology Inc,Atlas V,ON-2,Fab 6,Manassas,United States,"
        "4/25/2021,SO-1,7/1/2023,6/30/2026,100000.00,US Dollar\n",
        encoding="utf-8",
    )
    _import_whole(db, path, own_company="Onto Innovation")
    assert _counts(db) == {"customers": 1, "fabs": 1, "machines": 2, "contracts": 1}
    with db.read() as session:
        assert session.scalar(select(FabRow.name)) == "Fab 6"
        so1 = session.scalar(select(ContractRow))
        assert so1 is not None and so1.currency == "USD"
        assert Decimal(so1.value) == Decimal("406000.00")


def test_registered_products_with_a_value_per_machine(db: Database, tmp_path: Path) -> None:
    """SAP ByDesign-style: 'Serial ID' and 'Installation Point'; each row's Net Value is its
    machine's line of the contract (the contract their sum), and one customer ID spelt two
    ways is one customer."""
    rows: list[list[object]] = [
            ["Registered Product ID", "Description", "Product Description", "Serial ID",
             "Customer ID", "Customer", "Installation Point", "City", "Country/Region",
             "Installed On", "Contract", "Valid From", "Valid To", "Net Value", "Currency"],
            ["200000", "A412 ASM-1", "A412", "ASM-1", "2669",
             "Infineon Technologies Dresden GmbH", "Dresden 300", "Dresden", "Germany",
             "2020-01-05", "5100006", "2024-06-01", "2027-05-31", 872000, "EUR"],
            ["200001", "Pulsar XP ASM-2", "Pulsar XP", "ASM-2", "2669",
             "Infineon Technologies Dresden GmbH & Co. KG", "Dresden 300", "Dresden",
             "Germany", "2021-02-07", "5100006", "2024-06-01", "2027-05-31", 472000, "EUR"],
    ]  # fmt: skip
    path = _xlsx(tmp_path / "registered_products.xlsx", "Registered Products", rows)
    _import_whole(db, path, own_company="ASM International")
    assert _counts(db) == {"customers": 1, "fabs": 1, "machines": 2, "contracts": 1}
    with db.read() as session:
        contract = session.scalar(select(ContractRow))
        assert contract is not None and Decimal(contract.value) == Decimal("1344000.00")
        assert contract.title is None  # the Description is each machine's, not the contract's


def test_a_sheet_whose_machines_cannot_be_read_rejects_its_rows(
    db: Database, tmp_path: Path
) -> None:
    """Fabs read, machines not (no heading is a serial): the rows are rejected, naming file,
    sheet, row and column, and nothing is written, instead of fabs imported alone."""
    rows: list[list[object]] = [
            ["Customer Name", "Location", "City", "Country", "Manufacturer", "Installation Date",
             "Tool Ref"],
            ["Micron Technology Inc", "Fab 6", "Manassas", "US", "KLA", "2014-06-28", "K-1"],
            ["Intel Corporation", "Fab 42", "Chandler", "US", "KLA", "2015-06-14", "K-2"],
    ]  # fmt: skip
    path = _xlsx(tmp_path / "equipment.xlsx", "Equipment", rows)
    done = importing.run_import(db, [path], ImportOptions(commit=True, own_company="KLA"))
    assert not done.committed
    assert [r.row for r in done.plan.rejected_rows] == [2, 3]
    first = done.plan.errors[0].text
    assert first.startswith("equipment.xlsx, sheet 'Equipment', row 2, column 'Manufacturer' (E)")
    assert "machine is not imported" in first and "serial number" in first
    assert _counts(db) == dict.fromkeys(COUNTED, 0)
