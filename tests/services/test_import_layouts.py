"""The held-out corpus of real export layouts, each imported into an EMPTY book.

Each file in ``tests/data/import/layouts`` imitates what one real system exports (SAP PM/CS in
English and German, Salesforce Field Service, ServiceMax, Oracle Install Base, Japanese, Korean
and Chinese lists, a German cp1252 semicolon CSV, LibreOffice files). ``manifest.json`` says
what a careful human expects in the book afterwards; it comes from the generator's own records,
not from the importer, so these tests measure the importer instead of echoing it. The importer
must not be tuned on this corpus without saying so (see the corpus README).

The whole module is expected to fail until the importer rebuild of issue 12 lands; the marker
is module-level only, so removing one line makes every assertion below binding.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from workbench.services import importing
from workbench.services.database import info
from workbench.services.importing import ImportOptions, ImportOutcome
from workbench.storage.database import Database
from workbench.storage.orm import ContractRow, FabRow, MachineRow

LAYOUTS = Path(__file__).resolve().parent.parent / "data" / "import" / "layouts"
MANIFEST: dict[str, Any] = json.loads((LAYOUTS / "manifest.json").read_text(encoding="utf-8"))
FILES: list[dict[str, Any]] = MANIFEST["files"]
COUNTED = ("customers", "fabs", "machines", "contracts")


@pytest.fixture
def empty_book(sqlite_db: Database) -> Database:
    """A migrated SQLite book with nothing in it: the first import a new user makes."""
    return sqlite_db


def _commit(db: Database, path: Path) -> ImportOutcome:
    return importing.run_import(db, [path], ImportOptions(commit=True))


def _refusal(outcome: ImportOutcome) -> str:
    """The first error sentence and how many there were, for the assertion message."""
    errors = outcome.plan.errors
    if not errors:
        return f"{len(outcome.plan.rejected_rows)} rows rejected without an error issue"
    return f"{len(errors)} errors; first: {errors[0].text}"


def _unread(outcome: ImportOutcome) -> str:
    """Why a sheet gave no records: the importer's sheet-level note (it names the columns)."""
    notes = [i.text for i in outcome.plan.all_issues if i.row is None and i.column_header is None]
    return notes[0] if notes else "no sheet-level note"


def _book(db: Database) -> dict[str, int]:
    counts = info(db).counts
    return {name: counts[name] for name in COUNTED}


def test_the_manifest_covers_every_file_in_the_corpus() -> None:
    on_disk = {p.name for p in LAYOUTS.iterdir() if p.suffix in {".xlsx", ".ods", ".csv"}}
    assert on_disk == {f["file"] for f in FILES}


@pytest.mark.parametrize("expected", FILES, ids=[f["file"] for f in FILES])
def test_layout_imports_into_an_empty_book_as_a_reader_expects(
    empty_book: Database, expected: dict[str, Any]
) -> None:
    path = LAYOUTS / expected["file"]
    outcome = _commit(empty_book, path)
    assert outcome.committed, _refusal(outcome)
    assert not outcome.plan.rejected_rows, _refusal(outcome)
    sheets = outcome.plan.parsed.sheets
    assert all(s.kinds for s in sheets), _unread(outcome)
    assert sum(s.rows_read for s in sheets) == expected["rows"]

    assert _book(empty_book) == {name: expected[name] for name in COUNTED}

    with empty_book.read() as session:
        for sample in expected["fab_countries"]:
            found = session.execute(
                select(FabRow.country)
                .join(MachineRow, MachineRow.fab_id == FabRow.id)
                .where(MachineRow.serial == sample["serial"])
            ).all()
            assert [row.country for row in found] == [sample["country"]], sample
        for sample in expected["machine_vendors"]:
            vendors = session.scalars(
                select(MachineRow.vendor).where(MachineRow.serial == sample["serial"])
            ).all()
            assert sorted(vendors) == sample["vendors_with_this_serial"], sample
            if len(vendors) == 1:
                installed = session.scalar(
                    select(MachineRow.install_date).where(MachineRow.serial == sample["serial"])
                )
                assert installed == date.fromisoformat(sample["install_date"]), sample
        for sample in expected["contract_samples"]:
            contract = session.scalar(
                select(ContractRow).where(ContractRow.number == sample["number"])
            )
            assert contract is not None, sample
            assert contract.end_date == date.fromisoformat(sample["end_date"]), sample
            assert contract.currency == sample["currency"], sample


@pytest.mark.parametrize("expected", FILES, ids=[f["file"] for f in FILES])
def test_importing_the_same_layout_again_changes_nothing(
    empty_book: Database, expected: dict[str, Any]
) -> None:
    path = LAYOUTS / expected["file"]
    first = _commit(empty_book, path)
    assert first.committed, _refusal(first)
    assert all(s.kinds for s in first.plan.parsed.sheets), _unread(first)
    before = _book(empty_book)

    again = _commit(empty_book, path)

    assert again.committed, _refusal(again)
    assert not again.plan.writes_anything
    assert _book(empty_book) == before
