"""The second corpus of export layouts, each imported into an EMPTY book.

``tests/data/import/heldout`` holds nine exports written without looking at the importer
(Dynamics 365, IFS, Infor EAM, SAP S/4 in English and Japanese, AFAS, a Taiwanese list, a hand
kept China sheet, a German Excel CSV); ``manifest.json`` is the generator's own truth. The
importer was tuned on this corpus after its first run (0 of 9 imported whole), so it is no
longer held out; ``heldout3`` is the corpus nobody tuned on.

What each file needs beyond its rows is what a user gives once: the company whose export it is,
the book's currency where amounts carry none (AFAS), the country of a "China installed base"
sheet that has no country column. Spellings of one customer that only the analyst can tie
together ("TSMC" and "Taiwan Semiconductor Manufacturing Co Ltd") stay apart until answered, so
without answers the book may hold more customers and fabs than the truth, never fewer: fewer
would mean two firms' records merged, which the importer must never do on its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from workbench.services import importing
from workbench.services.database import info
from workbench.services.importing import ImportOptions, ImportOutcome
from workbench.storage.database import Database
from workbench.storage.orm import ContractRow, EquipmentModelRow, FabRow, MachineRow

CORPUS = Path(__file__).resolve().parent.parent / "data" / "import" / "heldout"
MANIFEST: dict[str, Any] = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
FILES: dict[str, dict[str, Any]] = MANIFEST["files"]

#: What a user types for these files, beyond --own-company from the manifest.
GIVEN: dict[str, dict[str, str]] = {
    "afas_installatiebasis_nl.xlsx": {"currency": "EUR"},
    "kla_china_hand_sheet.xlsx": {"country": "CN"},
}

#: The analyst's answers to the plan's questions on the hand-kept sheet: each pair is one firm.
KLA_ANSWERS = {
    "Smic BJ": "SMIC Beijing",
    "ChangXin": "CXMT",
    "CXMT Hefei": "CXMT",
    "Yangtze Memory": "YMTC",
    "NEXCHIP 晶合": "Nexchip",
    "SK Hynix Wuxi": "Hynix WX",
}


def _options(name: str, **extra: Any) -> ImportOptions:
    return ImportOptions(
        commit=True, own_company=FILES[name].get("own_company"), **GIVEN.get(name, {}), **extra
    )


def _refusal(outcome: ImportOutcome) -> str:
    errors = outcome.plan.errors
    return f"{len(errors)} errors; first: {errors[0].text}" if errors else "no error issue"


def _counts(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in ("customers", "fabs", "machines", "contracts")}


@pytest.mark.parametrize("name", sorted(FILES))
def test_export_imports_whole_into_an_empty_book(sqlite_db: Database, name: str) -> None:
    truth = FILES[name]
    outcome = importing.run_import(sqlite_db, [CORPUS / name], _options(name))
    assert outcome.committed and not outcome.plan.rejected_rows, _refusal(outcome)
    book = _counts(sqlite_db)
    assert book["machines"] == truth["machines"]
    assert book["contracts"] == truth["contracts"]
    assert book["customers"] >= truth["customers"]
    assert book["fabs"] >= truth["fabs"]
    with sqlite_db.read() as session:
        for sample in truth["samples"]:
            row = session.execute(
                select(EquipmentModelRow.vendor, FabRow.country)
                .select_from(MachineRow)
                .join(EquipmentModelRow, EquipmentModelRow.id == MachineRow.model_id)
                .join(FabRow, FabRow.id == MachineRow.fab_id)
                .where(MachineRow.serial == sample["serial"])
            ).one()
            assert tuple(row) == (sample["vendor"], sample["country"]), sample


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_same_export_imported_again_changes_nothing(sqlite_db: Database, name: str) -> None:
    importing.run_import(sqlite_db, [CORPUS / name], _options(name))
    before = _counts(sqlite_db)
    again = importing.run_import(sqlite_db, [CORPUS / name], _options(name))
    assert not again.plan.rejected_rows, _refusal(again)
    assert not again.plan.writes_anything
    assert _counts(sqlite_db) == before


def test_answered_questions_make_the_hand_sheet_book_match_the_truth(sqlite_db: Database) -> None:
    name = "kla_china_hand_sheet.xlsx"
    truth = FILES[name]
    outcome = importing.run_import(
        sqlite_db, [CORPUS / name], _options(name, matches=dict(KLA_ANSWERS))
    )
    assert outcome.committed, _refusal(outcome)
    assert _counts(sqlite_db) == {
        k: truth[k] for k in ("customers", "fabs", "machines", "contracts")
    }
    merged = dict(outcome.plan.merged_spellings)
    assert merged["Yangtze Memory"] == "YMTC" and merged["Smic BJ"] == "SMIC Beijing"


def test_a_hand_sheet_without_country_asks_for_one_rather_than_guessing(
    sqlite_db: Database,
) -> None:
    name = "kla_china_hand_sheet.xlsx"
    options = ImportOptions(commit=True, own_company="KLA")
    outcome = importing.run_import(sqlite_db, [CORPUS / name], options)
    assert not outcome.committed
    assert any("--country" in issue.message for issue in outcome.plan.errors)
    assert _counts(sqlite_db)["machines"] == 0


def test_amounts_without_currency_are_refused_until_the_book_has_one(
    sqlite_db: Database, tmp_path: Path
) -> None:
    # The AFAS workbook shows its amounts as euros through the cells' number format; the same
    # workbook with a plain number format says no currency anywhere.
    name = "afas_installatiebasis_nl.xlsx"
    plain = tmp_path / name
    workbook = openpyxl.load_workbook(CORPUS / name)
    for row in workbook.active.iter_rows():
        for cell in row:
            if "€" in cell.number_format:
                cell.number_format = "#,##0.00"
    workbook.save(plain)
    first = importing.run_import(
        sqlite_db, [plain], ImportOptions(commit=True, own_company="ASM International")
    )
    assert not first.committed
    assert any("--currency" in issue.message for issue in first.plan.errors)
    second = importing.run_import(sqlite_db, [plain], _options(name))
    assert second.committed, _refusal(second)
    # Kept in the book: the next export of the same ERP needs no option.
    third = importing.run_import(
        sqlite_db, [plain], ImportOptions(commit=True, own_company="ASM International")
    )
    assert not third.plan.rejected_rows and not third.plan.writes_anything


def test_the_currency_a_number_format_shows_is_the_amounts_currency(sqlite_db: Database) -> None:
    name = "afas_installatiebasis_nl.xlsx"  # amounts formatted [$€-413] #.##0,00
    outcome = importing.run_import(
        sqlite_db, [CORPUS / name], ImportOptions(commit=True, own_company="ASM International")
    )
    assert outcome.committed, _refusal(outcome)
    with sqlite_db.read() as session:
        currencies = set(session.scalars(select(ContractRow.currency)))
    assert currencies == {"EUR"}
