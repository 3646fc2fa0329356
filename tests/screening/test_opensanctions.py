from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbench.screening import ListFormat, ListFormatError, read_list

HEADER = (
    "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,"
    "program_ids,dataset,first_seen,last_seen,last_change\n"
)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "targets.simple.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_rows_become_entries_with_local_script_aliases(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "NK-smic,Company,Semiconductor Manufacturing International Corporation,"
        '"中芯国际集成电路制造有限公司;SMIC",,cn;ky,"18 Zhangjiang Road, Shanghai",,'
        '"Entity List - Bureau of Industry and Security - FN5; Presumption of denial",,,'
        "US-BIS-EL,us_trade_csl;us_bis_entity,2020-12-22,2026-07-01,2026-06-01\n"
        "Q1,Person,Jane Roe,,1970,us,,,,,,,wd_peps,2021-01-01,2026-07-01,2026-06-01\n",
    )
    snapshot = read_list(path)  # told apart from the CSL by its header
    assert snapshot.fmt is ListFormat.OPENSANCTIONS_CSV
    smic, person = snapshot.entries
    assert smic.source == "entity_list"
    assert smic.aliases == ("中芯国际集成电路制造有限公司", "SMIC")
    assert smic.countries == ("CN", "KY")
    assert smic.footnotes == ("FN5",)
    assert smic.policy_category is not None
    assert smic.start_date == date(2020, 12, 22)
    assert smic.programs == ("US-BIS-EL",)
    assert person.source == "wd_peps"
    assert person.entity_type == "Person"


def test_bad_country_code_is_rejected_with_place(tmp_path: Path) -> None:
    path = _write(tmp_path, "e1,Company,Acme,,,china,,,,,,,ds,,,\n")
    with pytest.raises(ListFormatError) as caught:
        read_list(path, ListFormat.OPENSANCTIONS_CSV)
    assert str(caught.value) == (
        "targets.simple.csv, row 2, column 'countries': 'china' is not a two-letter country code"
    )


def test_missing_id_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, ",Company,Acme,,,cn,,,,,,,ds,,,\n")
    with pytest.raises(ListFormatError, match=r"row 2, column 'id'"):
        read_list(path, ListFormat.OPENSANCTIONS_CSV)


def test_csl_file_read_as_opensanctions_is_rejected(sample_csv: Path) -> None:
    with pytest.raises(ListFormatError, match="is not an OpenSanctions simple CSV"):
        read_list(sample_csv, ListFormat.OPENSANCTIONS_CSV)
