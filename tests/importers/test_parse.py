"""End to end: real files (LibreOffice-written and openpyxl-written) to records and issues."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.domain.enums import MachineStatus, ProcessType, ServiceType
from workbench.importers import Mapping, RecordKind, Severity, parse_files

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
WriteXlsx = Callable[..., Path]


def _errors(result: object) -> list[str]:
    return [i.text for i in result.errors]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["multi_sheet.xlsx", "multi_sheet.ods"])
def test_libreoffice_multi_sheet_workbook(name: str) -> None:
    result = parse_files([DATA / name])
    kinds = {s.sheet: s.kinds for s in result.sheets}
    assert kinds == {
        "Fabs": (RecordKind.FAB,),
        "Machines": (RecordKind.MACHINE,),
        "Contract lines": (RecordKind.CONTRACT_LINE,),
    }
    fabs_sheet = next(s for s in result.sheets if s.sheet == "Fabs")
    assert fabs_sheet.header_row == 3
    fabs = {f.site_code: f for f in result.fabs}
    assert fabs["SMIC-SN1"].logic_node_nm == 14.0 and fabs["SMIC-SN1"].country == "CN"
    assert fabs["YMTC-WH"].nand_layers == 232
    assert fabs["CXMT-HF"].process_type is ProcessType.DRAM
    assert fabs["SMIC-MO"].country == "MO"
    assert fabs["SKH-WX"].customer_name == "SK하이닉스"
    machines = {m.serial: m for m in result.machines}
    assert set(machines) == {"00123", "1234", "A-7781", "K-0042"}  # 1234 was a number cell
    assert machines["K-0042"].install_date == date(2022, 5, 3)
    assert machines["A-7781"].status is MachineStatus.INSTALLED
    errors = _errors(result)
    assert (
        f"{name}, sheet 'Machines', row 6, column '安装日期' (E): 'not yet' is not a date" in errors
    )
    assert any("'Coffee' is not a service type" in e and "row 6" in e for e in errors)
    line = next(x for x in result.contract_lines if x.serial == "00123")
    assert line.service_types == {
        ServiceType.PREVENTIVE_MAINTENANCE,
        ServiceType.REPAIR,
        ServiceType.SPARE_PARTS,
        ServiceType.SOFTWARE_UPDATES,
    }
    assert line.start_date == date(2020, 1, 1)
    warnings = [i for i in result.issues if i.severity is Severity.WARNING]
    assert any("approximation" in w.message for w in warnings)
    assert result.files[0].sha256 == hashlib.sha256((DATA / name).read_bytes()).hexdigest()


def test_libreoffice_csv_conversion_with_japanese_headings_and_titles() -> None:
    result = parse_files([DATA / "installed_base_ja.xlsx"])
    sheet = result.sheets[0]
    assert sheet.header_row == 3
    assert set(sheet.kinds) == {RecordKind.FAB, RecordKind.MACHINE}
    machines = {m.serial: m for m in result.machines}
    assert machines["A-7781"].install_date == date(2021, 7, 1)
    assert machines["99"].install_date == date(2023, 9, 1)  # dotted: day first
    assert machines["3310"].install_date == date(2023, 9, 1)
    assert "3311" not in machines
    assert sheet.rows_rejected == 1
    assert any("'31/02/2021' is not a date" in e for e in _errors(result))


def test_1904_workbook_reads_date_cells_and_date_numbers_alike() -> None:
    result = parse_files([DATA / "dates_1904.xlsx"])
    assert result.files[0].date1904
    first = next(m for m in result.machines if m.serial == "M-1")
    assert first.install_date == date(2019, 7, 1)
    assert first.ship_date == date(2019, 7, 1)


def test_dutch_semicolon_cp1252_csv() -> None:
    result = parse_files([DATA / "dutch_semicolon_cp1252.csv"])
    info = result.files[0]
    assert (info.encoding, info.delimiter) == ("cp1252", ";")
    names = {c.name for c in result.customers}
    assert "Société Générale Semiconductors" in names and "Müller Halbleiter GmbH" in names
    machines = {m.serial: m for m in result.machines}
    assert machines["0007"].install_date == date(2021, 4, 3)  # 13/04/2022 settles day-first
    assert {f.site_code: f.country for f in result.fabs}["DE-DRS"] == "DE"
    assert any("scientific notation" in i.message for i in result.issues)


def test_japanese_cp932_csv_contract_lines() -> None:
    result = parse_files([DATA / "japanese_cp932.csv"])
    assert result.files[0].encoding == "cp932"
    lines = {x.serial: x for x in result.contract_lines}
    assert lines["00123"].value == Decimal("150000000") and lines["00123"].currency == "JPY"
    assert lines["00123"].end_date == date(2026, 3, 31)
    assert "A-7781" not in lines
    assert any("both yen (JPY) and yuan (CNY)" in e for e in _errors(result))


def test_duplicates_and_conflicts(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx(
        "dups.xlsx",
        {
            "Machines": [
                ["Vendor", "Serial", "Model", "Site code"],
                ["ASML", "001", "NXT:2000i", "S1"],
                ["ASML", "001", "NXT:2000i", "S1"],
                ["ASML", "002", "NXT:2000i", "S1"],
                ["ASML", "002", "NXT:1980Di", "S2"],
                ["TEL", "001", "Tactras", "S1"],
            ],
            "Contracts": [
                ["Contract no", "Customer", "Start date", "End date", "Value", "Currency"],
                ["K1", "SMIC", "2020-01-01", "2025-12-31", 1000, "USD"],
                ["K1", "SMIC", "2020-01-01", "2026-12-31", 1000, "USD"],
                ["K2", "SMIC", "2020-01-01", "2019-12-31", 1000, "USD"],
                ["K3", "SMIC", "2020-01-01", "2021-12-31", "EUR 5", "USD"],
            ],
        },
    )
    result = parse_files([path])
    assert sorted(m.key for m in result.machines) == [
        ("asml", "001"),
        ("asml", "002"),
        ("tel", "001"),
    ]
    texts = [i.text for i in result.issues]
    assert any("row 3" in t and "listed again" in t for t in texts)
    assert any(
        "sheet 'Machines', row 5" in t
        and "appears again with different values" in t
        and "model_code 'NXT:2000i' vs 'NXT:1980Di'" in t
        for t in texts
    )
    assert any("sheet 'Contracts', row 3" in t and "end_date" in t for t in texts)
    assert any("row 4" in t and "ends before it starts" in t for t in texts)
    assert any("row 5" in t and "says EUR but the currency column says USD" in t for t in texts)
    assert [c.number for c in result.contracts] == ["K1"]
    rejected = {(r.sheet, r.row) for r in result.rejected_rows}
    assert ("Machines", 5) in rejected and ("Contracts", 4) in rejected
    row = next(r for r in result.rejected_rows if (r.sheet, r.row) == ("Contracts", 4))
    assert row.headings[0] == "Contract no" and row.values[0] == "K2"


def test_missing_required_value_names_the_column(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx(
        "m.xlsx", {"M": [["Serial", "Model", "Fab"], ["1", None, "B2"], ["2", "X", "B2"]]}
    )
    result = parse_files([path])
    assert [m.serial for m in result.machines] == ["2"]
    issue = result.errors[0]
    assert (issue.row, issue.column_header, issue.column_letter) == (2, "Model", "B")
    assert "model is missing" in issue.message


def test_profile_overrides_detection_and_fab_names_resolve(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx(
        "p.xlsx",
        {
            "Fabs": [["Plant", "Plant name", "Land", "Owner"], ["P1", "Fab One", "CN", "SMIC"]],
            "Tools": [["Tool ID", "Type", "Where"], ["0042", "X", "Fab One"]],
        },
    )
    profile = Mapping(
        sheets={
            "Fabs": {
                "fabs.site_code": "Plant",
                "fabs.name": "Plant name",
                "fabs.country": "Land",
                "fabs.customer_name": "Owner",
            },
            "Tools": {
                "machines.serial": "Tool ID",
                "machines.model_code": "Type",
                "machines.fab_name": "Where",
            },
        }
    )
    result = parse_files([path], profile=profile)
    assert not result.has_errors
    assert result.machines[0].fab_site_code == "P1"
    assert result.sheets[1].mapping.fields["machines.serial"] == "Tool ID"


def test_progress_is_monotonic_and_cancel_stops(write_xlsx: WriteXlsx) -> None:
    rows = [["Serial", "Model", "Site code"]] + [[f"{i:05d}", "X", "S1"] for i in range(25_000)]
    path = write_xlsx("big.xlsx", {"M": rows})
    seen: list[tuple[int, int]] = []
    result = parse_files([path], progress=lambda done, total: seen.append((done, total)))
    assert len(result.machines) == 25_000
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    token = CancelToken()

    def cancel_midway(done: int, total: int) -> None:
        if done > total // 2:
            token.cancel()

    with pytest.raises(Cancelled):
        parse_files([path], progress=cancel_midway, cancel=token)


def test_sheet_without_header_is_skipped_with_a_warning(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx(
        "n.xlsx",
        {"Notes": [["hello"], ["world"]], "M": [["Serial", "Model", "Fab"], ["1", "X", "B"]]},
    )
    result = parse_files([path])
    assert len(result.machines) == 1
    notes = next(s for s in result.sheets if s.sheet == "Notes")
    assert notes.header_row is None
    assert any(i.sheet == "Notes" and i.severity is Severity.WARNING for i in result.issues)
