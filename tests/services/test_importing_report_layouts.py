"""Report-shaped exports into an EMPTY book: stacked headings, merged and grouped customers,
duplicate master records, currencies in number formats, Table_Field headings.

Each workbook is written here in the shape a real system gives it (JD Edwards' two-row column
titles and blank domestic countries, a Polish ERP's merged customer cells, a Salesforce summary
report's groups and subtotals, an ERP with one customer under two numbers, Business Central's
euro-formatted amounts, Epicor's BAQ headings), with invented rows. Every row must import, and
what the importer inferred must be said.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
from sqlalchemy import select

from workbench.services import importing
from workbench.services.database import info
from workbench.services.importing import ImportOptions, ImportOutcome
from workbench.storage.database import Database
from workbench.storage.orm import ContractRow, CustomerRow, FabRow, MachineRow

COUNTED = ("customers", "fabs", "machines", "contracts")


def _counts(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in COUNTED}


def _import_whole(db: Database, path: Path, own_company: str | None = None) -> ImportOutcome:
    done = importing.run_import(db, [path], ImportOptions(commit=True, own_company=own_company))
    assert done.committed, [i.text for i in done.plan.errors]
    assert not done.plan.rejected_rows
    again = importing.run_import(db, [path], ImportOptions(commit=True, own_company=own_company))
    assert again.committed and not again.plan.writes_anything
    return done


def _messages(outcome: ImportOutcome) -> list[str]:
    return [i.message for i in outcome.plan.parsed.issues] + list(
        outcome.plan.parsed.files[0].notices
    )


def _book(path: Path, title: str, rows: list[list[object]]) -> tuple[openpyxl.Workbook, Path]:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book, path


def _fab_countries(db: Database) -> dict[str, str | None]:
    with db.read() as session:
        rows = session.execute(
            select(MachineRow.serial, FabRow.country).join(FabRow, MachineRow.fab_id == FabRow.id)
        )
        return {str(serial): country for serial, country in rows}


def test_two_row_titles_blank_domestic_countries_and_two_digit_years(
    db: Database, tmp_path: Path
) -> None:
    """JD Edwards' equipment grid: "Serial" over "Number", MM/DD/YY text dates, the country
    left blank for US sites (the state says it), amounts as text."""
    book, path = _book(
        tmp_path / "jde.xlsx",
        "Work With Equipment",
        [
            ["Serial", "Product", "Customer", "Customer", "Site", "Site", "City", "St", "Ctry",
             "Install", "Contract", "Contract", "Contract", "Contract", "Cur"],
            ["Number", "Model", "Number", "Name", "Number", "Name", None, None, None, "Date",
             "Number", "Start Date", "End Date", "Amount", "Cod"],
            ["AM-1", "CENTURA EPI", "4247", "Micron Technology, Inc.", "60010", "FAB 6",
             "MANASSAS", "VA", None, "01/28/19", "40223", "06/01/24", "05/31/27", "514,000.00",
             "USD"],
            ["AM-2", "CENTURA EPI", "7105", "Micron Semiconductor Asia Operations Pte Ltd",
             "60022", "FAB 10N", "SINGAPORE", None, "SG", "12/28/19", "40228", "11/01/25",
             "10/31/28", "240,000.00", "USD"],
        ],
    )  # fmt: skip
    book.save(path)
    done = _import_whole(db, path, own_company="Applied Materials")
    assert _counts(db) == {"customers": 2, "fabs": 2, "machines": 2, "contracts": 2}
    assert _fab_countries(db) == {"AM-1": "US", "AM-2": "SG"}
    messages = _messages(done)
    assert any("written over rows 1 and 2" in m for m in messages), messages
    assert any("name a US state in 'St'" in m for m in messages), messages
    with db.read() as session:
        machine = session.scalar(select(MachineRow).where(MachineRow.serial == "AM-1"))
        assert machine is not None and machine.install_date == dt.date(2019, 1, 28)
        contract = session.scalar(select(ContractRow).where(ContractRow.number == "40223"))
        assert contract is not None and contract.end_date == dt.date(2027, 5, 31)


def test_merged_customer_cells_and_a_grouped_report(db: Database, tmp_path: Path) -> None:
    """A customer merged over its machines' rows, and a summary report whose account stands
    on a group's first row only, closed by subtotal rows and a grand total."""
    book, merged = _book(
        tmp_path / "urzadzenia.xlsx",
        "Urządzenia",
        [
            ["Lista urządzeń klientów"],
            [],
            ["Producent", "Model", "Numer seryjny", "Kontrahent", "Miasto", "Kraj",
             "Nr umowy serwisowej", "Umowa od", "Umowa do", "Wartość netto", "Waluta"],
            ["Nikon", "NSR-S636E", "NK-1", "Infineon Technologies Dresden GmbH & Co. KG",
             "Dresden", "Niemcy", "US/1", "01.04.2023", "31.03.2026", "389 000,00", "EUR"],
            ["Nikon", "NSR-S636E", "NK-2", None, "Dresden", "Niemcy", "US/1", "01.04.2023",
             "31.03.2026", "120 000,00", "EUR"],
            ["Tokyo Electron", "NT333", "TE-1", "Tower Semiconductor Ltd.", "Migdal HaEmek",
             "Izrael", "US/2", "01.11.2025", "31.10.2028", "584 000,00", "EUR"],
        ],
    )  # fmt: skip
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("D4:D5")
    book.save(merged)
    done = _import_whole(db, merged, own_company=None)
    assert _counts(db) == {"customers": 2, "fabs": 2, "machines": 3, "contracts": 2}
    assert _fab_countries(db) == {"NK-1": "DE", "NK-2": "DE", "TE-1": "IL"}
    assert any("merged down over several rows" in m for m in _messages(done))

    book, grouped = _book(
        tmp_path / "report.xlsx",
        "報表",
        [
            ["資產與服務合約明細 (依客戶分組)"],
            [],
            ["客戶名稱", "序號", "產品", "廠區", "城市", "國家/地區", "服務合約編號",
             "合約開始日", "合約結束日", "年度金額"],
            ["UMC", "LR-1", "Striker FE", "Fab 12A", "新竹市", "台灣", "SC-1",
             dt.datetime(2024, 6, 1), dt.datetime(2027, 5, 31), 6720000],
            [None, "LR-2", "Vector Express", "Fab 12A", "新竹市", "台灣", "SC-1",
             dt.datetime(2024, 6, 1), dt.datetime(2027, 5, 31), 8850000],
            ["小計", "2 筆記錄", None, None, None, None, None, None, None, 15570000],
            ["Vanguard International Semiconductor", "LR-3", "Kiyo", "Fab 3", "新竹市", "台灣",
             "SC-2", dt.datetime(2025, 1, 1), dt.datetime(2027, 12, 31), 1000000],
            ["小計", "1 筆記錄", None, None, None, None, None, None, None, 1000000],
            ["總計", "3 筆記錄", None, None, None, None, None, None, None, 16570000],
        ],
    )  # fmt: skip
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=4, min_col=10, max_col=10):
        for cell in row:
            cell.number_format = '"NT$"#,##0'
    book.save(grouped)
    done = _import_whole(db, grouped, own_company="Lam Research")
    messages = _messages(done)
    assert any("grouped report: 1 subtotal row(s)" in m for m in messages), messages
    with db.read() as session:
        lr2 = session.execute(
            select(CustomerRow.name)
            .join(FabRow, FabRow.customer_id == CustomerRow.id)
            .join(MachineRow, MachineRow.fab_id == FabRow.id)
            .where(MachineRow.serial == "LR-2")
        ).scalar_one()
        assert lr2 == "UMC"
        sc1 = session.scalar(select(ContractRow).where(ContractRow.number == "SC-1"))
        assert sc1 is not None and sc1.currency == "TWD"
        assert Decimal(sc1.value) == Decimal(15570000)


def test_one_customer_under_two_numbers_is_one_customer(db: Database, tmp_path: Path) -> None:
    """Duplicate master records: one fab, at one ship-to code, under two customer numbers
    whose names differ in case and legal-form spelling; Business Central's euro format."""
    book, path = _book(
        tmp_path / "serviceartikelen.xlsx",
        "Serviceartikelen",
        [
            ["Serienr.", "Artikelnr.", "Klantnr.", "Naam", "Verzendadrescode", "Verzendnaam",
             "Plaats", "Land-/regiocode", "Servicecontractnr.", "Startdatum",
             "Vervaldatum contract", "Regelbedrag"],
            ["AS-1", "ASM-EAGLEXP8", "K00147", "NXP Semiconductors Netherlands BV", "ICN8",
             "NXP ICN8 Nijmegen", "Nijmegen", "NL", "SC1", dt.datetime(2023, 4, 1),
             dt.datetime(2026, 3, 31), 841000],
            ["AS-2", "ASM-EAGLEXP8", "K00012", "NXP SEMICONDUCTORS NETHERLANDS B.V.", "ICN8",
             "NXP ICN8 NIJMEGEN", "Nijmegen", "NL", "SC1", dt.datetime(2023, 4, 1),
             dt.datetime(2026, 3, 31), 416000],
            ["AS-3", "ASM-A412PLUS", "K00031", "Nexperia B.V.", "NIJMEGEN", "Nexperia Nijmegen",
             "Nijmegen", "NL", "SC2", dt.datetime(2025, 11, 1), dt.datetime(2028, 10, 31),
             641000],
        ],
    )  # fmt: skip
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2, min_col=12, max_col=12):
        for cell in row:
            cell.number_format = "[$€-413] #,##0.00"
    book.save(path)
    done = _import_whole(db, path, own_company="ASM International")
    assert _counts(db) == {"customers": 2, "fabs": 2, "machines": 3, "contracts": 2}
    with db.read() as session:
        codes = {c.code: c.name for c in session.scalars(select(CustomerRow))}
        assert codes == {
            "K00147": "NXP Semiconductors Netherlands BV",
            "K00031": "Nexperia B.V.",
        }
        sc1 = session.scalar(select(ContractRow).where(ContractRow.number == "SC1"))
        assert sc1 is not None and sc1.currency == "EUR"
    merged = [m for m in _messages(done) if "two master records of one customer" in m]
    assert len(merged) == 1 and "'K00147'" in merged[0] and "'K00012'" in merged[0]


def test_names_that_differ_beyond_spelling_stay_two_customers(db: Database, tmp_path: Path) -> None:
    book, path = _book(
        tmp_path / "two.xlsx",
        "Data",
        [
            ["Customer No.", "Customer Name", "Serial Number", "Model", "Vendor", "City",
             "Country"],
            ["C1", "Samsung Electronics Co., Ltd.", "S-1", "Kiyo", "Lam Research", "Pyeongtaek",
             "KR"],
            ["C2", "Samsung Austin Semiconductor LLC", "S-2", "Kiyo", "Lam Research", "Austin",
             "US"],
        ],
    )  # fmt: skip
    book.save(path)
    done = _import_whole(db, path)
    assert _counts(db)["customers"] == 2
    assert not any("master records" in m for m in _messages(done))


def test_table_field_headings_of_a_query_export(db: Database, tmp_path: Path) -> None:
    """Epicor's BAQ export writes every column as Table_Field in camel case."""
    book, path = _book(
        tmp_path / "baq.xlsx",
        "Results",
        [
            ["Customer_CustID", "Customer_Name", "ShipTo_ShipToNum", "ShipTo_Name",
             "ShipTo_City", "ShipTo_Country", "FSContDt_PartNum", "FSContDt_SerialNumber",
             "FSContHd_ContractNum", "FSContHd_ActiveDate", "FSContHd_ExpireDate",
             "FSContDt_LineAmount", "Currency_CurrencyCode"],
            ["MICRON01", "Micron Technology, Inc.", "BOISE", "Micron Boise", "Boise", "USA",
             "WaferStorm", "VE-1", 2144, dt.datetime(2024, 9, 1), dt.datetime(2027, 8, 31),
             551000, "USD"],
        ],
    )  # fmt: skip
    book.save(path)
    _import_whole(db, path, own_company="Veeco")
    assert _counts(db) == {"customers": 1, "fabs": 1, "machines": 1, "contracts": 1}
    with db.read() as session:
        contract = session.scalar(select(ContractRow))
        assert contract is not None and contract.end_date == dt.date(2027, 8, 31)
        assert contract.currency == "USD"


def test_a_period_in_one_column_and_yen_or_yuan_by_the_rows_country(
    db: Database, tmp_path: Path
) -> None:
    """monday.com's timeline ("2023-04-01 - 2026-03-31") and a distributor's sheet writing
    '¥' for yuan on Chinese rows and for yen on Japanese ones."""
    book, path = _book(
        tmp_path / "board.xlsx",
        "Installed Tools",
        [
            ["Customer", "Fab", "City", "Country", "Manufacturer", "Model", "Serial #",
             "Contract", "Timeline", "Annual fee"],
            ["Hua Hong Semiconductor (Wuxi) Limited", "Fab 7", "Wuxi", "China", "Lam Research",
             "Kiyo", "LR-1", "SVC-1", "2023-04-01 - 2026-03-31", "¥506,000.00"],
            ["Kioxia Corporation", "Kitakami", "Kitakami", "Japan", "Lam Research", "Kiyo",
             "LR-2", "SVC-2", "2024/06/01～2027/05/31", "￥274,000"],
        ],
    )  # fmt: skip
    book.save(path)
    done = _import_whole(db, path, own_company="Lam Research")
    with db.read() as session:
        found = {
            c.number: (c.start_date, c.end_date, c.currency)
            for c in session.scalars(select(ContractRow))
        }
    assert found == {
        "SVC-1": (dt.date(2023, 4, 1), dt.date(2026, 3, 31), "CNY"),
        "SVC-2": (dt.date(2024, 6, 1), dt.date(2027, 5, 31), "JPY"),
    }
    assert any("read by their row's country" in m for m in _messages(done))


def test_yen_sign_without_a_country_is_still_refused(db: Database, tmp_path: Path) -> None:
    book, path = _book(
        tmp_path / "sign.xlsx",
        "Data",
        [
            ["Customer", "Fab", "Serial", "Model", "Vendor", "Contract", "Start", "End",
             "Value"],
            ["Kioxia", "Kitakami", "LR-9", "Kiyo", "Lam Research", "C-9", "2024-01-01",
             "2026-12-31", "¥1,000"],
        ],
    )  # fmt: skip
    book.save(path)
    done = importing.run_import(db, [path], ImportOptions(commit=True, country="JP"))
    assert not done.committed
    assert any("both yen (JPY) and yuan (CNY)" in e.text for e in done.plan.errors)


def test_a_contract_named_on_one_sheet_and_described_on_another(
    db: Database, tmp_path: Path
) -> None:
    """Dynamics 365 Field Service: the assets name their agreement, the agreements sheet
    gives its dates and value; a site's street written two ways is one site."""
    book = openpyxl.Workbook()
    assets = book.active
    assert assets is not None
    assets.title = "Customer Assets"
    for row in [
        [
            "Account Number",
            "Account",
            "Serial Number",
            "Product",
            "Manufacturer",
            "Site Code",
            "Site",
            "City",
            "Country",
            "Address",
            "Agreement",
        ],
        [
            "SG-1",
            "GLOBALFOUNDRIES Singapore Pte. Ltd.",
            "KL-1",
            "Surfscan SP7XP",
            "KLA",
            "F7",
            "Fab 7",
            "Singapore",
            "SG",
            "60 Woodlands Industrial Park D St 2",
            "AGR-1",
        ],
        [
            "SG-1",
            "GLOBALFOUNDRIES Singapore Pte. Ltd.",
            "KL-2",
            "eDR7380",
            "KLA",
            "F7",
            "Fab 7",
            "Singapore",
            "SG",
            "60 Woodlands Ind. Park D Street 2",
            "AGR-1",
        ],
    ]:
        assets.append(row)
    agreements = book.create_sheet("Agreements")
    for row in [
        [
            "Agreement Number",
            "Service Account",
            "Start Date",
            "End Date",
            "Total Amount",
            "Currency",
        ],
        [
            "AGR-1",
            "GLOBALFOUNDRIES Singapore Pte. Ltd.",
            dt.datetime(2023, 1, 1),
            dt.datetime(2025, 12, 31),
            2462000,
            "USD",
        ],
    ]:
        agreements.append(row)
    path = tmp_path / "d365.xlsx"
    book.save(path)
    done = _import_whole(db, path)
    assert _counts(db) == {"customers": 1, "fabs": 1, "machines": 2, "contracts": 1}
    with db.read() as session:
        contract = session.scalar(select(ContractRow))
        assert contract is not None and contract.end_date == dt.date(2025, 12, 31)
        assert Decimal(contract.value) == Decimal(2462000) and contract.currency == "USD"
        fab = session.scalar(select(FabRow))
        assert fab is not None and fab.address == "60 Woodlands Industrial Park D St 2"
    assert any("kept with the first address" in m for m in _messages(done))
