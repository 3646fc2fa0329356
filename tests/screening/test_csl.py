from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from workbench.screening import ListFormat, ListFormatError, PolicyCategory, read_list
from workbench.screening.csl import CSL_COLUMNS


def test_sample_csv_reads_every_row_with_its_fields(sample_csv: Path) -> None:
    snapshot = read_list(sample_csv, ListFormat.CSL_CSV)
    assert len(snapshot.entries) == 13  # ORIGIN.md says 12; the file holds 13 data rows
    by_name = {e.name: e for e in snapshot.entries}
    cetc = by_name[
        "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)"
    ]
    assert cetc.source == "entity_list"
    assert cetc.countries == ("CN",)
    assert cetc.footnotes == ("FN3",)
    assert cetc.policy_category is PolicyCategory.POLICY_OF_DENIAL
    assert cetc.start_date == date(2018, 8, 1)
    assert cetc.federal_register_notice == "83 FR 37423; 87 FR 77505"
    # the last alias is written "and CETC Research Institute 13": the "and" is not part of it
    assert cetc.aliases[-1] == "CETC Research Institute 13"
    assert "HSRI" in cetc.aliases
    rim = by_name["RIM, Ryong Nam"]
    assert rim.source == "sdn"
    assert rim.countries == ("CN", "KP")
    assert rim.entity_type == "Individual"
    assert rim.key == "52291"
    tnk = by_name["TNK Trading International S.A."]
    assert tnk.programs == ("VENEZUELA-EO13850", "UKRAINE-EO13662")
    assert tnk.addresses == ("place du Lac 2, Geneve, 1204, CH",)
    assert tnk.countries == ("CH",)
    assert snapshot.counts["total"] == 13
    assert snapshot.counts["ssi"] == 3


def _write_csv(
    tmp_path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = CSL_COLUMNS
) -> Path:
    import csv

    path = tmp_path / "consolidated.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def _row(**cells: str) -> dict[str, str]:
    base = {
        "_id": "x1",
        "source": "Entity List (EL) - Bureau of Industry and Security",
        "name": "Acme",
    }
    base.update(cells)
    return base


def test_bad_date_names_file_row_and_column(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, [_row(), _row(_id="x2", start_date="31/07/2026")])
    with pytest.raises(ListFormatError) as caught:
        read_list(path, ListFormat.CSL_CSV)
    assert str(caught.value) == (
        "consolidated.csv, row 3, column 'start_date': "
        "'31/07/2026' is not a date in the form YYYY-MM-DD"
    )


def test_empty_name_is_rejected(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, [_row(name="  ")])
    with pytest.raises(ListFormatError, match=r"row 2, column 'name': the name is empty"):
        read_list(path, ListFormat.CSL_CSV)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    columns = tuple(c for c in CSL_COLUMNS if c not in ("alt_names", "license_policy"))
    path = _write_csv(tmp_path, [_row()], columns)
    with pytest.raises(
        ListFormatError, match=r"row 1: .*missing column\(s\) license_policy, alt_names"
    ):
        read_list(path, ListFormat.CSL_CSV)


def test_row_with_wrong_cell_count_is_rejected(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, [_row()])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('"x9","Entity List (EL)","","","","Short row"\n')
    with pytest.raises(ListFormatError, match=r"row 3: has 6 cells where the header has 29"):
        read_list(path, ListFormat.CSL_CSV)


def test_not_utf8_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(",".join(CSL_COLUMNS).encode() + b'\n"x","EL","","","","Caf\xe9"\n')
    with pytest.raises(ListFormatError, match="is not UTF-8"):
        read_list(path, ListFormat.CSL_CSV)


# consolidated.json as trade.gov publishes it: arrays for names and programs, address objects
_JSON = {
    "results": [
        {
            "id": "52dc2ed9",
            "source": "Entity List (EL) - Bureau of Industry and Security",
            "name": "Semiconductor Manufacturing International Corporation (SMIC)",
            "alt_names": ["SMIC Shanghai", "Semiconductor Mfg International Corp."],
            "addresses": [
                {"address": "18 Zhangjiang Road", "city": "Shanghai", "state": None,
                 "postal_code": "201203", "country": "CN"}
            ],
            "federal_register_notice": "85 FR 83420; 89 FR 96837",
            "start_date": "2020-12-22",
            "license_requirement": "For all items subject to the EAR (See §§734.4(a)(9), "
                                   "734.9(e)(3), and 744.11 of the EAR)5",
            "license_policy": "Presumption of denial for all items ...",
            "programs": [],
            "type": None,
        },
        {
            "id": "906",
            "source": "Specially Designated Nationals (SDN) - Treasury Department",
            "name": "HAVIN BANK LIMITED",
            "alt_names": None,
            "addresses": [{"city": "London", "country": "GB", "address": "189 Marsh Wall",
                           "state": None, "postal_code": "E14 9SH"}],
            "programs": ["CUBA"],
            "entity_number": 906,
            "type": "Entity",
            "federal_register_notice": None,
        },
        {
            "id": "2446250b",
            "source": "Nonproliferation Sanctions (ISN) - State Department",
            "name": "SPC Supachoke ",
            "country": "TH",
            "alt_names": ["Super Trade"],
            "programs": ["Chemical and Biological Weapons Act"],
        },
    ]
}  # fmt: skip


def test_json_reads_the_published_layout(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.json"
    path.write_text(json.dumps(_JSON), encoding="utf-8")
    snapshot = read_list(path)  # format told by the suffix
    assert snapshot.fmt is ListFormat.CSL_JSON
    smic, bank, spc = snapshot.entries
    assert smic.key == "52dc2ed9"
    assert smic.footnotes == ("FN5",)
    assert smic.policy_category is PolicyCategory.PRESUMPTION_OF_DENIAL
    assert smic.addresses == ("18 Zhangjiang Road, Shanghai, 201203, CN",)
    assert smic.countries == ("CN",)
    assert smic.aliases == ("SMIC Shanghai", "Semiconductor Mfg International Corp.")
    assert bank.programs == ("CUBA",)
    assert bank.entity_number == "906"
    assert bank.countries == ("GB",)
    assert spc.name == "SPC Supachoke"
    assert spc.countries == ("TH",)
    assert spc.source == "isn"


def test_json_and_csv_agree_on_an_entry(tmp_path: Path, sample_csv: Path) -> None:
    from_csv = next(
        e for e in read_list(sample_csv).entries if e.name == "TNK Trading International S.A."
    )
    item = {
        "id": from_csv.key,
        "source": from_csv.source_name,
        "entity_number": from_csv.entity_number,
        "type": "Entity",
        "programs": list(from_csv.programs),
        "name": from_csv.name,
        "addresses": [{"address": "place du Lac 2", "city": "Geneve", "state": "",
                       "postal_code": "1204", "country": "CH"}],
        "remarks": from_csv.remarks,
    }  # fmt: skip
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"results": [item]}), encoding="utf-8")
    (from_json,) = read_list(path, "csl-json").entries
    assert from_json == from_csv


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"total": 0}', 'has no "results" array'),
        ('{"results": [3]}', "row 1: is not an object"),
        ('{"results": [{"id": "1", "source": "EL", "name": "A", "alt_names": 5}]}',
         "row 1, column 'alt_names': must be an array of strings"),
        ('{"results": [{"id": "1", "source": "EL", "name": "A", "addresses": "CN"}]}',
         "row 1, column 'addresses': must be an array"),
        ('{"results": [{"id": "1", "source": "EL", "name": ""}]}', "row 1, column 'name'"),
    ],
)  # fmt: skip
def test_bad_json_is_rejected_with_place(tmp_path: Path, document: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(ListFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_list(path)
