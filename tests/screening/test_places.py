from __future__ import annotations

import pytest

from workbench.screening.places import country_code


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("cn", "CN"),
        ("China", "CN"),
        ("P.R. China", "CN"),
        ("No. 18 Zhangjiang Road, Pudong, Shanghai 201203, China", "CN"),
        ("15 Huanghe Road, Binhai New Area, Tianjin 300457", "CN"),  # no country: the city
        ("上海市浦东新区张江路18号", "CN"),
        ("Hsinchu Science Park, Hsinchu 300", "TW"),
        ("Room 5, 8 Queen's Road Central, Hong Kong", "HK"),
        ("De Run 6501, 5504 DR Veldhoven, Netherlands", "NL"),
        ("1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA", "US"),
        ("Republic of Korea", "KR"),
        ("Germany", "DE"),
    ],
)
def test_country_read_from_codes_names_and_addresses(value: str, expected: str) -> None:
    assert country_code(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "see contract", "Building 7, 2nd floor"])
def test_a_field_without_a_country_is_no_evidence(value: str | None) -> None:
    assert country_code(value) is None
