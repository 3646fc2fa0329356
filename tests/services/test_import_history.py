"""Import history on a real database: batches newest first, their files, sheets and records."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from workbench.importers import Mapping
from workbench.services import import_history, importing
from workbench.services.demo import load_demo
from workbench.services.import_history import HistoryError
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def import_files(tmp_path: Path) -> list[Path]:
    customers = write_csv(
        tmp_path / "customers.csv",
        ["Customer code", "Customer name", "HQ country"],
        [
            ["SMIC-ZH", "中芯国际", "CN"],
            ["CXMT-ZH", "长鑫存储", "CN"],
            ["YMTC-ZH", "长江存储", "CN"],
            ["SKH-KO", "SK하이닉스", "KR"],
        ],
    )
    contracts = write_csv(
        tmp_path / "contracts.csv",
        ["Contract number", "Customer code", "Start date", "End date", "Contract value"],
        [
            ["C-2020-001", "SMIC-ZH", "2020-01-01", "2025-12-31", "EUR 1,000,000.00"],
            ["C-2021-007", "SKH-KO", "2021-07-01", "2026-06-30", "USD 300,000.01"],
        ],
    )
    return [customers, contracts, DATA / "multi_sheet.xlsx"]


@pytest.fixture
def demo_db(db: Database) -> Database:
    load_demo(db, 60)
    return db


def test_batches_newest_first_with_files_sheets_and_records(
    demo_db: Database, tmp_path: Path
) -> None:
    assert import_history.list_batches(demo_db) == []
    files = import_files(tmp_path)
    first = importing.run_import(demo_db, files, ImportOptions(commit=True, valid_only=True))
    again = importing.run_import(demo_db, files, ImportOptions(commit=True, valid_only=True))
    assert first.batch_id is not None and again.batch_id is not None

    batches = import_history.list_batches(demo_db)
    assert [b.id for b in batches] == [again.batch_id, first.batch_id]
    newest, oldest = batches
    assert oldest.status == "partial" and newest.status == "unchanged"
    assert oldest.file_name == "customers.csv, contracts.csv, multi_sheet.xlsx"
    assert oldest.total("new") == sum(plan.new_total for plan in first.plan.kinds.values())
    assert oldest.total("rejected") > 0 and newest.total("new") == 0
    assert oldest.created_at.tzinfo is not None
    assert abs(oldest.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)

    detail = import_history.batch_detail(demo_db, first.batch_id)
    assert [f.name for f in detail.files] == [p.name for p in files]
    for info, path in zip(detail.files, files, strict=True):
        assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert info.size == path.stat().st_size
    machines_sheet = next(s for s in detail.sheets if s.sheet == "Machines")
    assert machines_sheet.kinds == ("machines",) and machines_sheet.header_row == 1
    assert machines_sheet.mapping["machines.serial"] == "序列号"
    assert detail.record_counts["machines"] == 4 and detail.record_counts["customers"] == 4
    assert detail.record_counts["obligations"] == 17
    assert detail.records_total == len(detail.records) == sum(detail.record_counts.values())
    keys = {(r.kind, r.key) for r in detail.records}
    assert ("machines", "00123") in keys and ("contracts", "C-2020-001") in keys
    machine = next(r for r in detail.records if r.key == "00123")
    assert machine.description == "ASML NXT:1980Di at SMIC-SN1"

    # the re-import changed nothing, so every record still names the first batch
    unchanged = import_history.batch_detail(demo_db, again.batch_id)
    assert unchanged.records == [] and unchanged.records_total == 0


def test_record_list_is_capped_but_counted(demo_db: Database, tmp_path: Path) -> None:
    outcome = importing.run_import(
        demo_db, import_files(tmp_path), ImportOptions(commit=True, valid_only=True)
    )
    assert outcome.batch_id is not None
    detail = import_history.batch_detail(demo_db, outcome.batch_id, limit=5)
    assert len(detail.records) == 5
    assert detail.records_total > 5
    assert [r.kind for r in detail.records] == ["customers"] * 4 + ["fabs"]  # write order


def test_missing_batch_is_one_sentence(demo_db: Database) -> None:
    with pytest.raises(HistoryError, match="Import batch 999 is not in this database"):
        import_history.batch_detail(demo_db, 999)


def test_store_profile_round_trips_and_replaces(sqlite_db: Database) -> None:
    first = Mapping({"machines.serial": "S/N", "machines.model_code": "Model"})
    import_history.store_profile(sqlite_db, "  ERP export ", first)
    assert importing.profile_names(sqlite_db) == ["ERP export"]
    assert importing.load_profile(sqlite_db, "ERP export") == first
    second = Mapping({}, {"Machines": {"machines.serial": "序列号"}})
    import_history.store_profile(sqlite_db, "ERP export", second)
    assert importing.load_profile(sqlite_db, "ERP export") == second
    with pytest.raises(importing.ProfileError):
        import_history.store_profile(sqlite_db, "   ", first)
