from __future__ import annotations

import pytest

from workbench.screening.sources import known_source_code, source_code


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("Entity List (EL) - Bureau of Industry and Security", "entity_list"),
        ("Military End User (MEU) List - Bureau of Industry and Security", "meu"),
        ("Unverified List (UVL) - Bureau of Industry and Security", "uvl"),
        ("Specially Designated Nationals (SDN) - Treasury Department", "sdn"),
        (
            "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)"
            " - Treasury Department",
            "cmic",
        ),
        ("Denied Persons List (DPL) - Bureau of Industry and Security", "dpl"),
        ("Nonproliferation Sanctions (ISN) - State Department", "isn"),
        ("ITAR Debarred (DTC) - State Department", "dtc"),
        ("Sectoral Sanctions Identifications List (SSI) - Treasury Department", "ssi"),
        ("Foreign Sanctions Evaders (FSE) - Treasury Department", "fse"),
        ("Palestinian Legislative Council List (PLC) - Treasury Department", "plc"),
        ("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department", "ns_mbs"),
        ("Capta List (CAP) - Treasury Department", "cap"),
        ("EL", "entity_list"),
        ("us_ofac_sdn", "sdn"),
        ("US BIS Entity List", "entity_list"),
    ],
)
def test_known_lists_get_their_code(source: str, code: str) -> None:
    assert source_code(source) == code


def test_unknown_list_keeps_a_stable_slug() -> None:
    assert known_source_code("EU Financial Sanctions Files (FSF)") is None
    assert source_code("EU Financial Sanctions Files (FSF)") == "eu_financial_sanctions_files_fsf"
    assert source_code("  ") == "unknown"
