from __future__ import annotations

import json

import pytest
import yaml

from workbench.importers.headers import SYNONYMS, Concept, concept_of, header_key
from workbench.importers.layout import Mapping, detect_layout, find_header_row
from workbench.importers.records import RecordKind as K


@pytest.mark.parametrize(
    ("heading", "concept"),
    [
        ("Serial No.", Concept.SERIAL),
        ("S/N", Concept.SERIAL),
        ("シリアル番号", Concept.SERIAL),
        ("Serienummer", Concept.SERIAL),
        ("序列号", Concept.SERIAL),
        ("ＳＥＲＩＡＬ　ＮＯ", Concept.SERIAL),
        ("装置型式", Concept.MODEL_CODE),
        ("설치일", Concept.INSTALL_DATE),
        ("Kunde", Concept.CUSTOMER_NAME),
        ("客户", Concept.CUSTOMER_NAME),
        ("顧客名", Concept.CUSTOMER_NAME),
        ("고객사", Concept.CUSTOMER_NAME),
        ("Fab", Concept.FAB_NAME),
        ("工場", Concept.FAB_NAME),
        ("site code", Concept.SITE_CODE),
        ("Standortcode", Concept.SITE_CODE),
        ("Standort", Concept.FAB_NAME),
        ("Install date (YYYY-MM-DD)", Concept.INSTALL_DATE),
        ("Contract value (USD)", Concept.VALUE),
        ("Vertragsnummer", Concept.CONTRACT_NUMBER),
        ("계약번호", Concept.CONTRACT_NUMBER),
    ],
)
def test_headings_in_six_languages(heading: str, concept: Concept) -> None:
    assert concept_of(heading) is concept


@pytest.mark.parametrize(
    ("heading", "concept"),
    [
        # French (Sage X3 parc installé) and Italian (a field-service workbook).
        ("N° de série", Concept.SERIAL),
        ("Raison sociale", Concept.CUSTOMER_NAME),
        ("Site d'installation", Concept.FAB_NAME),
        ("Ville", Concept.CITY),
        ("Pays", Concept.COUNTRY),
        ("Fabricant", Concept.VENDOR),
        ("Date mise en service", Concept.INSTALL_DATE),
        ("N° contrat", Concept.CONTRACT_NUMBER),
        ("Début contrat", Concept.START_DATE),
        ("Fin contrat", Concept.END_DATE),
        ("Montant annuel HT", Concept.VALUE),
        ("Devise", Concept.CURRENCY),
        ("Matricola", Concept.SERIAL),
        ("Stabilimento", Concept.FAB_NAME),
        ("Città", Concept.CITY),
        ("Nazione", Concept.COUNTRY),
        ("Costruttore", Concept.VENDOR),
        ("Modello", Concept.MODEL_CODE),
        ("Data installazione", Concept.INSTALL_DATE),
        ("N. contratto", Concept.CONTRACT_NUMBER),
        ("Canone annuo", Concept.VALUE),
        # Kingdee K/3 设备台账 and a Japanese hand-kept sheet.
        ("规格型号", Concept.MODEL_CODE),
        ("使用工厂", Concept.FAB_NAME),
        ("所在城市", Concept.CITY),
        ("客户编码", Concept.CUSTOMER_CODE),
        ("客先名", Concept.CUSTOMER_NAME),
        ("年間保守料(円)", Concept.VALUE),
        # NetSuite's ship-to address fields, Acumatica's "Nbr.", SAP ByDesign.
        ("Ship To City", Concept.CITY),
        ("Ship-To Country", Concept.COUNTRY),
        ("Ship To Addressee", Concept.FAB_NAME),
        ("Serial Nbr.", Concept.SERIAL),
        ("Customer Nbr.", Concept.CUSTOMER_CODE),
        ("Contract Num", Concept.CONTRACT_NUMBER),
        ("Manufacturer Model", Concept.MODEL_CODE),
        ("Service Contract ID", Concept.CONTRACT_NUMBER),
        ("Serial ID", Concept.SERIAL),
        ("Installation Point", Concept.FAB_NAME),
        # One-word compounds still find the synonym written with a space.
        ("Contractnr.", Concept.CONTRACT_NUMBER),
        ("Klantnr", Concept.CUSTOMER_CODE),
        # SAP Business One in Spanish, Comarch in Polish, HubSpot in Korean, Salesforce in
        # Traditional Chinese, Business Central in Dutch, Infor LN.
        ("Nº serie fabricante", Concept.SERIAL),
        ("Código de cliente", Concept.CUSTOMER_CODE),
        ("Fecha de finalización", Concept.END_DATE),
        ("Importe anual", Concept.VALUE),
        ("Kontrahent", Concept.CUSTOMER_NAME),
        ("Numer seryjny", Concept.SERIAL),
        ("Umowa do", Concept.END_DATE),
        ("연결된 회사", Concept.CUSTOMER_NAME),
        ("序號", Concept.SERIAL),
        ("合約結束日", Concept.END_DATE),
        ("Land-/regiocode", Concept.COUNTRY),
        ("Verzendadrescode", Concept.SITE_CODE),
        ("Installation Group", Concept.SITE_CODE),
        ("Sold-to Business Partner", Concept.CUSTOMER_CODE),
        # Query tools' Table_Field headings in camel case (Epicor BAQ).
        ("FSContHd_ContractNum", Concept.CONTRACT_NUMBER),
        ("ShipTo_City", Concept.CITY),
        ("Customer_CustID", Concept.CUSTOMER_CODE),
        ("FSContHd_ExpireDate", Concept.END_DATE),
    ],
)
def test_headings_of_more_systems_and_languages(heading: str, concept: Concept) -> None:
    assert concept_of(heading) is concept


def test_a_table_prefix_alone_names_nothing() -> None:
    assert concept_of("FSContHd_ContractCode") is None  # the contract's type, not its number
    assert concept_of("Record_Owner") is None


def test_column_titles_over_two_rows_are_read_together() -> None:
    rows: list[list[object]] = [
        ["Serial", "Customer", "Customer", "Contract", "Contract", "Ctry"],
        ["Number", "Number", "Name", "Start Date", "End Date", None],
        ["A-1", "4247", "Micron", "06/01/24", "05/31/27", "US"],
    ]
    layout = detect_layout(rows)  # type: ignore[arg-type]
    assert layout is not None and layout.header_row == 2
    assert layout.headings[:3] == ("Serial Number", "Customer Number", "Customer Name")
    assert layout.columns["customers.name"] == 2
    assert any("written over rows 1 and 2" in p.message for p in layout.problems)


def test_a_data_row_under_the_headings_is_not_read_as_their_second_line() -> None:
    rows: list[list[object]] = [
        ["Serial", "Model", "Customer", "Country"],
        ["AB", "Kiyo", "Micron", "US"],
    ]
    layout = detect_layout(rows)  # type: ignore[arg-type]
    assert layout is not None and layout.header_row == 1
    assert layout.headings == ("Serial", "Model", "Customer", "Country")


def test_a_number_word_alone_or_inside_a_word_is_not_a_field() -> None:
    assert concept_of("No.") is None  # a row counter
    assert concept_of("Number") is None


def test_synonym_table_has_no_collisions() -> None:
    seen: dict[str, Concept] = {}
    for concept, words in SYNONYMS.items():
        for word in words:
            assert seen.setdefault(header_key(word), concept) is concept, word


def test_header_row_found_below_titles_and_notes() -> None:
    rows: list[list[object]] = [
        ["Installed base export, March 2024"],
        [],
        ["Note: serials are text"],
        ["Serial", "Model", "Site code", "Install date"],
        ["001", "X", "S1", "2020-01-01"],
    ]
    assert find_header_row(rows) == 3  # type: ignore[arg-type]


def test_no_header_row() -> None:
    assert detect_layout([["just", "some"], ["notes", None]]) is None


def test_wide_sheet_yields_several_kinds() -> None:
    layout = detect_layout(
        [
            [
                "Serial No.",
                "Model",
                "Site code",
                "Fab",
                "Country",
                "Customer",
                "Customer code",
                "Contract",
                "Start",
                "End",
                "Value",
                "Services",
            ]
        ]
    )
    assert layout is not None
    assert set(layout.kinds) == {K.CUSTOMER, K.FAB, K.MACHINE, K.CONTRACT, K.CONTRACT_LINE}
    mapping = layout.mapping.fields
    assert mapping["fabs.country"] == "Country"
    assert mapping["machines.fab_site_code"] == mapping["fabs.site_code"] == "Site code"
    assert "contract_lines.start_date" not in mapping  # the contract owns the period here


def test_lines_sheet_takes_the_dates_as_line_dates() -> None:
    layout = detect_layout([["Contract", "S/N", "Coverage", "Start date", "End date"]])
    assert layout is not None and layout.kinds == (K.CONTRACT_LINE,)
    assert layout.mapping.fields["contract_lines.start_date"] == "Start date"


def test_customer_sheet_country_is_hq_country() -> None:
    layout = detect_layout([["Customer code", "Customer", "Country"]])
    assert layout is not None and layout.kinds == (K.CUSTOMER,)
    assert layout.mapping.fields["customers.hq_country"] == "Country"


def test_unrecognised_sheet_says_what_is_missing() -> None:
    layout = detect_layout([["Serial", "Install date", "Remarks"]])
    assert layout is not None and layout.kinds == ()
    assert any("closest is machines" in p.message for p in layout.problems)


def test_a_customer_column_of_codes_beside_one_of_names_is_the_code() -> None:
    # Acumatica's "Customer" is the account ("C3287"), "Customer Name" its name.
    rows: list[list[object]] = [
        ["Customer", "Customer Name", "Location", "City", "Country"],
        ["C3287", "Micron Technology Inc", "Fab 6", "Manassas", "US"],
        ["C1307", "GLOBALFOUNDRIES U.S. INC.", "Fab 8", "Malta", "US"],
        ["C2617", "Intel Corporation", "Fab 42", "Chandler", "US"],
    ]
    layout = detect_layout(rows)  # type: ignore[arg-type]
    assert layout is not None
    assert layout.mapping.fields["fabs.customer_code"] == "Customer"
    assert layout.mapping.fields["fabs.customer_name"] == "Customer Name"
    assert any("holds codes" in p.message for p in layout.problems)


def test_a_customer_column_of_names_stays_the_name_beside_a_second_one() -> None:
    rows: list[list[object]] = [
        ["Customer", "Customer Name", "Location", "City", "Country"],
        ["Micron", "Micron Technology Inc", "Fab 6", "Manassas", "US"],
        ["GF", "GLOBALFOUNDRIES U.S. INC.", "Fab 8", "Malta", "US"],
        ["3M", "3M Company", "Fab 1", "Austin", "US"],
    ]
    layout = detect_layout(rows)  # type: ignore[arg-type]
    assert layout is not None
    assert layout.mapping.fields["fabs.customer_name"] == "Customer"
    assert "fabs.customer_code" not in layout.mapping.fields


def test_machine_columns_without_a_serial_strand_the_machines() -> None:
    layout = detect_layout(
        [["Customer", "Location", "City", "Country", "Manufacturer", "Installation Date", "Tag"]]
    )
    assert layout is not None and layout.kinds == (K.FAB,)
    [stranded] = layout.stranded
    assert stranded.kind is K.MACHINE
    assert stranded.columns == (4, 5)
    assert stranded.missing == "serial number, nor its model"


def test_a_lone_machine_column_or_a_lines_sheet_strands_nothing() -> None:
    fabs = detect_layout([["Customer", "Location", "City", "Country", "Status"]])
    assert fabs is not None and fabs.stranded == ()
    lines = detect_layout([["Contract", "S/N", "Model", "Install date", "Value"]])
    assert lines is not None and lines.kinds == (K.CONTRACT_LINE,) and lines.stranded == ()
    summary = detect_layout([["Vendor", "Model", "Installed"]])  # nothing read, no serial
    assert summary is not None and summary.stranded == ()


def test_a_table_header_row_replaces_the_scan() -> None:
    rows: list[list[object]] = [
        ["Parco installato"],
        [],
        ["Cliente X", "Sito Y", "Matricola", "Nota"],
        ["ACME", "F1", "S-1", "-"],
    ]
    assert detect_layout(rows) is None  # type: ignore[arg-type]  # one known heading
    layout = detect_layout(rows, table_header=2)  # type: ignore[arg-type]
    assert layout is not None and layout.header_row == 3
    assert layout.headings == ("Cliente X", "Sito Y", "Matricola", "Nota")


def test_mapping_round_trips_through_json_and_yaml() -> None:
    mapping = Mapping(
        {"machines.serial": "Tool ID", "machines.model_code": "Type"},
        {"Fabs": {"fabs.site_code": "Plant"}},
    )
    assert Mapping.from_dict(json.loads(json.dumps(mapping.to_dict()))) == mapping
    assert Mapping.from_dict(yaml.safe_load(yaml.safe_dump(mapping.to_dict()))) == mapping


def test_mapping_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="not an importable field"):
        Mapping({"machines.colour": "Colour"})
    with pytest.raises(ValueError, match="map a field name"):
        Mapping.from_dict({"fields": {"machines.serial": 3}})


def test_profile_replaces_detection() -> None:
    rows: list[list[object]] = [["Tool ID", "Type", "Plant", "Serial"], ["7", "X", "P1", "ignored"]]
    profile = {
        "machines.serial": "tool id",
        "machines.model_code": "Type",
        "machines.fab_site_code": "Plant",
    }
    layout = detect_layout(rows, profile)  # type: ignore[arg-type]
    assert layout is not None and layout.kinds == (K.MACHINE,)
    assert layout.columns["machines.serial"] == 0


def test_profile_missing_a_required_field_is_an_error() -> None:
    layout = detect_layout(
        [["Tool ID", "Type"]], {"machines.serial": "Tool ID", "machines.model_code": "Type"}
    )
    assert layout is not None and layout.kinds == ()
    assert any(p.is_error and "fab_site_code or fab_name" in p.message for p in layout.problems)
