"""The licence register: validation with clear sentences, scope by code, audit, import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from workbench.services import audit, editing
from workbench.services.facts_loader import load_licences
from workbench.services.licence_import import LicenceImportError, import_licences
from workbench.services.licences import (
    LicenceError,
    LicenceInput,
    StaleLicenceError,
    add_licence,
    attach_document,
    document,
    edit_licence,
    expiring,
    get_licence,
    list_licences,
)
from workbench.storage.database import Database


@pytest.fixture
def book(db: Database) -> dict[str, Any]:
    """Two customers with a fab each, one model, three machines."""
    ids: dict[str, Any] = {}
    for code in ("SMIC", "HHGrace"):
        ids[code] = editing.create(
            db, "customers", {"code": code, "name": code, "hq_country": "CN"}
        ).record_id
    for site, owner in (("SN1", "SMIC"), ("HH-WX7", "HHGrace")):
        ids[site] = editing.create(
            db,
            "fabs",
            {"site_code": site, "name": site, "customer_id": ids[owner], "country": "CN"},
        ).record_id
    model = editing.create(
        db,
        "equipment_models",
        {"vendor": "ASML", "model_code": "NXT:1980Di", "category": "duv_immersion"},
    ).record_id
    for serial, site in (("001", "SN1"), ("002", "SN1"), ("003", "HH-WX7")):
        ids[serial] = editing.create(
            db,
            "machines",
            {"vendor": "ASML", "serial": serial, "model_id": model, "fab_id": ids[site]},
        ).record_id
    return ids


def _spec(**changes: Any) -> LicenceInput:
    base = LicenceInput(
        authority="nl-cdiu ",
        number="NL-EXP-2025-001",
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2026, 6, 30),
        licence_type="national",
        customers=("SMIC",),
        fabs=("SN1",),
        machines=("001", "ASML 002"),
        model_codes=("NXT:*",),
        service_types=("spare_parts", "software_updates"),
        classifications=("3B001.f",),
        value_limit=Decimal("2500000.00"),
        limit_currency="eur",
        quantity_limit=10,
        conditions="No re-export; end-use statement on file.",
    )
    return LicenceInput(**{**base.__dict__, **changes})


def test_a_licence_is_stored_with_its_scope_by_code_and_audited(
    db: Database, book: dict[str, Any]
) -> None:
    saved = add_licence(db, _spec(), comment="from the CDIU letter")
    lic = get_licence(db, saved.licence_id)
    assert lic.spec.authority == "NL-CDIU" and lic.jurisdiction == "NL"
    assert lic.spec.machines == ("ASML 001", "ASML 002")
    assert lic.spec.limit_currency == "EUR" and lic.spec.quantity_limit == 10
    assert "fabs SN1" in lic.scope_text and "models NXT:*" in lic.scope_text
    entries = audit.history(db, "licences", saved.licence_id)
    assert [e.action for e in entries] == ["insert"]
    assert entries[0].comment == "from the CDIU letter"
    frame = load_licences(db)
    assert frame.height == 2  # one row per machine named
    assert set(frame["machine_id"].to_list()) == {book["001"], book["002"]}
    assert frame["model_codes"][0].to_list() == ["NXT:*"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_to": dt.date(2024, 12, 31)}, "expires .2024-12-31. before it is valid"),
        ({"customers": ("SMIC", "TSMC")}, "customer 'TSMC'"),
        ({"fabs": ("SN9",)}, "fab 'SN9'"),
        ({"machines": ("999",)}, "machine '999'"),
        ({"model_codes": ("XT:*",)}, "model family 'XT:\\*'"),
        ({"service_types": ("repair", "sightseeing")}, "'sightseeing' is not a service type"),
        ({"licence_type": "eternal"}, "not a licence type"),
        ({"limit_currency": None}, "needs its currency"),
        ({"authority": " "}, "issuing authority"),
    ],
)
def test_bad_licences_are_refused_with_a_sentence(
    db: Database, book: dict[str, Any], changes: dict[str, Any], message: str
) -> None:
    before = audit.verify(db).entries
    with pytest.raises(LicenceError, match=message):
        add_licence(db, _spec(**changes))
    assert list_licences(db) == [] and audit.verify(db).entries == before


def test_same_number_may_be_renewed_but_never_overlap(db: Database, book: dict[str, Any]) -> None:
    add_licence(db, _spec())
    with pytest.raises(LicenceError, match="overlaps it"):
        add_licence(db, _spec(valid_from=dt.date(2026, 6, 30), valid_to=None))
    with pytest.raises(LicenceError, match="NL-CDIU NL-EXP-2025-001 is already in the register"):
        add_licence(db, _spec(authority="NL", valid_from=dt.date(2025, 6, 1)))
    renewal = add_licence(db, _spec(valid_from=dt.date(2026, 7, 1), valid_to=None))
    assert len(list_licences(db)) == 2
    with pytest.raises(LicenceError, match="overlaps it"):
        edit_licence(db, renewal.licence_id, 1, _spec(valid_from=dt.date(2026, 1, 1)))


def test_edit_records_each_changed_field_and_refuses_a_stale_version(
    db: Database, book: dict[str, Any]
) -> None:
    saved = add_licence(db, _spec())
    same = edit_licence(db, saved.licence_id, 1, _spec(machines=("ASML 002", "001")))
    assert same.action == "none"
    changed = edit_licence(
        db, saved.licence_id, 1, _spec(valid_to=dt.date(2027, 6, 30), fabs=("SN1", "HH-WX7"))
    )
    assert changed.version == 2 and set(changed.changed) == {"valid_to", "fabs"}
    fields = {e.field for e in audit.history(db, "licences", saved.licence_id)[1:]}
    assert fields == {"valid_to", "fabs"}
    assert set(load_licences(db)["fab_id"].to_list()) == {book["SN1"], book["HH-WX7"]}
    with pytest.raises(StaleLicenceError, match="changed by someone else"):
        edit_licence(db, saved.licence_id, 1, _spec(notes="late"))


def test_the_licence_document_is_stored_with_its_hash(
    db: Database, book: dict[str, Any], tmp_path: Path
) -> None:
    saved = add_licence(db, _spec())
    pdf = tmp_path / "licence.pdf"
    pdf.write_bytes(b"%PDF-1.4 issued licence")
    digest = attach_document(db, saved.licence_id, pdf)
    lic = get_licence(db, saved.licence_id)
    assert lic.document_name == "licence.pdf" and lic.document_sha256 == digest
    assert document(db, saved.licence_id) == ("licence.pdf", b"%PDF-1.4 issued licence")
    assert audit.recent(db)[0].table_name == "licence_documents"


def test_expiring_lists_licences_ending_within_the_horizon(
    db: Database, book: dict[str, Any]
) -> None:
    add_licence(db, _spec())
    add_licence(db, _spec(number="LATER", valid_to=dt.date(2027, 1, 1)))
    add_licence(db, _spec(number="GONE", valid_to=dt.date(2026, 4, 30)))
    add_licence(db, _spec(number="EDGE", valid_to=dt.date(2026, 7, 30)))
    report = expiring(db, dt.date(2026, 5, 1), 90)
    assert report.run is None
    assert [(e.licence.spec.number, e.days_left, e.renewed_from) for e in report.licences] == [
        ("NL-EXP-2025-001", 60, None),
        ("EDGE", 90, None),
    ]
    assert report.licences[0].value_protected == {} and report.licences[0].protection.hits == 0
    # A renewal under the same number from the day after: the licence is shown as renewed.
    add_licence(db, _spec(valid_from=dt.date(2026, 7, 1), valid_to=dt.date(2028, 6, 30)))
    first = expiring(db, dt.date(2026, 5, 1), 90).licences[0]
    assert (first.licence.spec.number, first.renewed_from) == (
        "NL-EXP-2025-001",
        dt.date(2026, 7, 1),
    )
    with pytest.raises(LicenceError, match="zero or more days"):
        expiring(db, dt.date(2026, 5, 1), -1)


def _sheet(path: Path, rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Licences"
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


HEADER = ["Authority", "Licence number", "Type", "Valid from", "Valid to", "Customers", "Fabs",
          "Service types", "Value limit", "Currency", "Conditions"]  # fmt: skip


def test_import_adds_then_updates_and_is_one_audited_batch(
    db: Database, book: dict[str, Any], tmp_path: Path
) -> None:
    rows = [
        HEADER,
        ["BIS", "D1234567", "individual", dt.datetime(2025, 1, 10), "2026-12-31", "HHGrace",
         "HH-WX7", "repair; preventive_maintenance", 1500000, "USD", "US persons only"],
        [],
        ["NL-CDIU", "NL-EXP-9", "national", "2025-03-01", None, "SMIC", "SN1", None, None, None,
         None],
    ]  # fmt: skip
    result = import_licences(db, _sheet(tmp_path / "licences.xlsx", rows))
    assert (result.added, result.updated) == (2, 0)
    bis = next(lic for lic in list_licences(db) if lic.spec.authority == "BIS")
    assert bis.spec.service_types == ("repair", "preventive_maintenance")
    assert bis.spec.value_limit == Decimal("1500000.00") and bis.spec.valid_to == dt.date(
        2026, 12, 31
    )
    rows[1][4] = "2027-12-31"
    again = import_licences(db, _sheet(tmp_path / "licences2.xlsx", rows))
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    causes = {(e.cause_kind, e.cause_id) for e in audit.history(db, "licences", bis.id)}
    assert causes == {("import_batch", str(result.batch_id)), ("import_batch", str(again.batch_id))}


def test_import_reports_every_bad_cell_by_row_and_column_and_writes_nothing(
    db: Database, book: dict[str, Any], tmp_path: Path
) -> None:
    rows = [
        HEADER,
        ["BIS", "D1", "individual", "10/01/2025", None, None, None, None, None, None, None],
        ["BIS", None, "individual", "2025-01-01", "2024-01-01", None, None, None, None, None,
         None],
        ["BIS", "D3", "individual", "2025-01-01", None, "NOBODY", None, None, "lots", None, None],
    ]  # fmt: skip
    with pytest.raises(LicenceImportError) as caught:
        import_licences(db, _sheet(tmp_path / "bad.xlsx", rows))
    text = str(caught.value)
    assert "bad.xlsx, sheet 'Licences', row 2, column D: '10/01/2025' is not a date" in text
    assert "row 3, column B: number is empty" in text
    assert "row 4, column I: value limit 'lots' is not an amount" in text
    assert list_licences(db) == []
    rows = [HEADER, ["BIS", "D3", "individual", "2025-01-01", None, "NOBODY", None, None, None,
                     None, None]]  # fmt: skip
    with pytest.raises(
        LicenceImportError, match=r"row 2: Licence BIS D3: the scope names .*NOBODY"
    ):
        import_licences(db, _sheet(tmp_path / "bad2.xlsx", rows))
    assert list_licences(db) == []


def test_import_refuses_unknown_columns_by_place(db: Database, tmp_path: Path) -> None:
    rows = [["Authority", "Number", "Valid from", "Colour"], ["BIS", "D1", "2025-01-01", "red"]]
    with pytest.raises(LicenceImportError, match="row 1, column D: unknown column 'Colour'"):
        import_licences(db, _sheet(tmp_path / "cols.xlsx", rows))
