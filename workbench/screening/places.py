"""The country a party's country field means, even when it holds an address.

Registers put all sorts of things in the country column: "CN", "China", "P.R. China",
"No. 18 Zhangjiang Road, Pudong, Shanghai 201203, China", "上海市". Read literally, anything
but an ISO code contradicts every list entry and costs the score 20 points, which is how a
listed party slips under the threshold. So an address is recognised as an address and its
country taken from its last parts (a country name, or a city this trade deals with); a field
from which no country can be read is no evidence either way.
"""

from __future__ import annotations

import re
from functools import cache

from workbench.screening.scripts import CHINESE_PLACES

#: Names registers use for countries that pycountry does not know by that name.
COUNTRY_ALIASES: dict[str, str] = {
    "china": "CN", "prc": "CN", "p r china": "CN", "pr china": "CN", "p r c": "CN",
    "peoples republic of china": "CN", "people s republic of china": "CN",
    "mainland china": "CN", "中国": "CN", "中华人民共和国": "CN", "中國": "CN",
    "hong kong": "HK", "hongkong": "HK", "hong kong sar": "HK", "hk": "HK", "香港": "HK",
    "macau": "MO", "macao": "MO", "澳门": "MO", "taiwan": "TW", "republic of china": "TW",
    "台湾": "TW", "台灣": "TW", "korea": "KR", "south korea": "KR", "republic of korea": "KR",
    "rok": "KR", "대한민국": "KR", "한국": "KR", "north korea": "KP", "dprk": "KP",
    "japan": "JP", "日本": "JP", "usa": "US", "u s a": "US", "united states": "US",
    "united states of america": "US", "us": "US", "u s": "US", "uk": "GB",
    "united kingdom": "GB", "great britain": "GB", "england": "GB", "russia": "RU",
    "russian federation": "RU", "iran": "IR", "holland": "NL", "the netherlands": "NL",
    "netherlands": "NL", "deutschland": "DE", "germany": "DE", "singapore": "SG",
    "uae": "AE", "vietnam": "VN", "viet nam": "VN",
}  # fmt: skip

#: Cities outside mainland China that addresses in this trade end with.
CITY_COUNTRIES: dict[str, str] = {
    "hsinchu": "TW", "taipei": "TW", "taichung": "TW", "tainan": "TW", "kaohsiung": "TW",
    "seoul": "KR", "suwon": "KR", "icheon": "KR", "pyeongtaek": "KR", "hwaseong": "KR",
    "tokyo": "JP", "osaka": "JP", "kumamoto": "JP", "yokohama": "JP", "kyoto": "JP",
    "eindhoven": "NL", "veldhoven": "NL", "dresden": "DE", "munich": "DE", "berlin": "DE",
    "austin": "US", "phoenix": "US", "boise": "US", "san jose": "US", "santa clara": "US",
    "moscow": "RU", "tehran": "IR", "dubai": "AE", "kowloon": "HK",
}  # fmt: skip

_PARTS = re.compile(r"[,;\n/|]+")
_NOT_LETTERS = re.compile(r"[^\w]+|\d+|_")
_CJK_CITY = re.compile(r"(北京|上海|天津|重庆|深圳|广州|武汉|南京|西安|成都|合肥|无锡|苏州|杭州)")


def country_code(value: str | None) -> str | None:
    """ISO-2 code meant by a country field (a code, a name or an address), else None."""
    if value is None or not value.strip():
        return None
    stripped = value.strip()
    if len(stripped) == 2 and stripped.isascii() and stripped.isalpha():
        return stripped.upper()
    whole = _plain(stripped)
    if whole in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[whole]
    parts = [p for p in (_plain(p) for p in _PARTS.split(stripped)) if p]
    for part in reversed(parts):
        found = _country_of(part)
        if found is not None:
            return found
    if _CJK_CITY.search(stripped):
        return "CN"
    return None


def _plain(text: str) -> str:
    return " ".join(_NOT_LETTERS.sub(" ", text.casefold()).split())


def _country_of(part: str) -> str | None:
    if part in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[part]
    code = _pycountry_names().get(part)
    if code is not None:
        return code
    words = part.split()
    for size in (3, 2, 1):  # "Pudong New Area Shanghai" ends in a city
        for start in range(len(words) - size, -1, -1):
            phrase = " ".join(words[start : start + size])
            if phrase in COUNTRY_ALIASES and size > 1:
                return COUNTRY_ALIASES[phrase]
            if phrase in CITY_COUNTRIES:
                return CITY_COUNTRIES[phrase]
            if phrase in CHINESE_PLACES:
                return "CN"
            code = _pycountry_names().get(phrase)
            if code is not None and size > 1:
                return code
    if words and words[-1] in _pycountry_names():
        return _pycountry_names()[words[-1]]
    return None


@cache
def _pycountry_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names[_plain(name)] = country.alpha_2
    return names
