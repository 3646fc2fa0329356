"""Country names and codes to ISO 3166-1 alpha-2.

pycountry knows the ISO names and codes; exports also say "PRC", "Mainland China", "Holland",
"中国", "韓国" or "한국". The table below covers what ISO does not, in the six languages the
installed-base exports come in. Macau is kept apart from China on purpose: the EAR names
"Macau or D:5" separately, so conflating MO with CN would change rule outcomes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

from workbench.importers.cells import CellValue, display
from workbench.importers.outcome import BLANK, Outcome, fail, warn

_SYNONYMS: dict[str, str] = {}
for _code, _names in {
    "CN": (
        "prc",
        "p.r.c.",
        "p.r. china",
        "pr china",
        "china",
        "mainland china",
        "china mainland",
        "people's republic of china",
        "peoples republic of china",
        "volksrepubliek china",
        "volksrepublik china",
        "中国",
        "中国大陆",
        "中国大陸",
        "中華人民共和国",
        "中华人民共和国",
        "中國",
        "중국",
        "중화인민공화국",
    ),
    "MO": ("macao", "macau", "macau sar", "macao sar", "澳门", "澳門", "マカオ", "마카오"),
    "HK": ("hong kong", "hongkong", "hong kong sar", "香港", "홍콩"),
    "TW": (
        "taiwan",
        "taiwan, roc",
        "taiwan roc",
        "republic of china",
        "r.o.c.",
        "roc",
        "chinese taipei",
        "台湾",
        "台灣",
        "臺灣",
        "中華民国",
        "中華民國",
        "대만",
        "타이완",
    ),
    "KR": (
        "south korea",
        "korea, republic of",
        "korea, south",
        "korea (south)",
        "republic of korea",
        "rok",
        "s. korea",
        "zuid-korea",
        "südkorea",
        "suedkorea",
        "韓国",
        "大韓民国",
        "韩国",
        "韓國",
        "대한민국",
        "한국",
        "남한",
    ),
    "KP": (
        "north korea",
        "dprk",
        "korea, dem. people's rep.",
        "noord-korea",
        "nordkorea",
        "北朝鮮",
        "朝鲜",
        "북한",
    ),
    "JP": ("japan", "nippon", "日本", "日本国", "일본", "japon"),
    "NL": (
        "netherlands",
        "the netherlands",
        "holland",
        "nederland",
        "niederlande",
        "オランダ",
        "荷兰",
        "荷蘭",
        "네덜란드",
    ),
    "DE": ("germany", "deutschland", "duitsland", "ドイツ", "德国", "德國", "독일"),
    "US": (
        "usa",
        "u.s.a.",
        "u.s.",
        "us",
        "united states",
        "united states of america",
        "america",
        "verenigde staten",
        "vereinigte staaten",
        "アメリカ",
        "米国",
        "アメリカ合衆国",
        "美国",
        "美國",
        "미국",
    ),
    "GB": (
        "uk",
        "u.k.",
        "united kingdom",
        "great britain",
        "britain",
        "england",
        "英国",
        "イギリス",
        "영국",
    ),
    "SG": ("singapore", "シンガポール", "新加坡", "싱가포르"),
    "IE": ("ireland", "ierland", "irland", "アイルランド", "爱尔兰", "아일랜드"),
    "IL": ("israel", "イスラエル", "以色列", "이스라엘"),
    "RU": ("russia", "russian federation", "rusland", "russland", "ロシア", "俄罗斯", "러시아"),
    "VN": ("vietnam", "viet nam", "ベトナム", "越南", "베트남"),
    "MY": ("malaysia", "マレーシア", "马来西亚", "말레이시아"),
    "IN": ("india", "インド", "印度", "인도"),
    "FR": ("france", "frankrijk", "frankreich", "フランス", "法国", "프랑스"),
    "IT": ("italy", "italië", "italien", "イタリア", "意大利", "이탈리아"),
    "TR": ("turkey", "türkiye", "turkije", "türkei"),
    "IR": ("iran", "iran, islamic republic of"),
    "SY": ("syria",),
    "VE": ("venezuela",),
    "BE": ("belgium", "belgië", "belgique", "belgien"),
    "AT": ("austria", "österreich", "oostenrijk"),
    "CH": ("switzerland", "schweiz", "zwitserland", "スイス", "瑞士"),
    "TH": ("thailand", "タイ", "泰国", "태국"),
    "PH": ("philippines", "フィリピン", "菲律宾", "필리핀"),
}.items():
    for _name in _names:
        _SYNONYMS[_name] = _code

_SPACES = re.compile(r"\s+")
#: Names that are real but underspecified; taken with a warning rather than refused.
_LOOSE = {"korea": "KR", "코리아": "KR", "korea rep": "KR"}


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 for a name or code, or None when it is not a recognisable country."""
    s = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).strip()).casefold()
    if not s:
        return None
    if s in _SYNONYMS:
        return _SYNONYMS[s]
    try:
        found = pycountry.countries.lookup(s)
    except LookupError:
        return None
    return str(found.alpha_2)


def parse_country(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    if not isinstance(value, str):
        return fail(f"'{display(value)}' is not a country")
    code = country_code(value)
    if code is not None:
        return Outcome(code)
    loose = _LOOSE.get(_SPACES.sub(" ", unicodedata.normalize("NFKC", value).strip()).casefold())
    if loose is not None:
        return warn(loose, f"'{value}' was taken as South Korea (KR), not North Korea (KP)")
    return fail(f"'{value}' is not a country name or ISO code known to the importer")
