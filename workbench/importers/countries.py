"""Country names and codes to ISO 3166-1 alpha-2.

pycountry knows the ISO names and codes in English, and ships the Debian iso-codes
translations of every name (short, official and common) in the languages the exports come in:
German ("Volksrepublik China", "Korea, Republik", "Vereinigte Staaten von Amerika"), Dutch,
French, Japanese, Korean and Chinese (simplified and traditional). Those are read once, so a
maintained source answers rather than a hand list. Exports also say "PRC", "Mainland China",
"Holland", "VR China", "中国大陆" or "한국": the table below covers what the translations do
not. Macau is kept apart from China on purpose: the EAR names
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
        "vr china",
        "v.r. china",
        "v.r.china",
        "rp china",
        "rép. pop. de chine",
        "中国",
        "中国大陆",
        "中国大陸",
        "中國大陸",
        "中国内地",
        "中國內地",
        "中国內地",
        "大陆",
        "大陸",
        "prc (mainland)",
        "china (mainland)",
        "china (prc)",
        "中華人民共和国",
        "中华人民共和国",
        "中國",
        "중국",
        "중화인민공화국",
    ),
    "MO": ("macao", "macau", "macau sar", "macao sar", "澳门", "澳門", "マカオ", "마카오"),
    "HK": (
        "hong kong",
        "hongkong",
        "hong kong sar",
        "hongkong sar",
        "hong kong, china",
        "中國香港",
        "中国香港",
        "香港",
        "홍콩",
    ),
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
        "olanda",
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


#: Locales of pycountry's translations read for names; the exports' languages.
#: The languages exports are written in: the users' (German, Dutch, Japanese, Korean, Chinese)
#: and their subsidiaries' and customers' (Europe, Israel, South-East Asia). A name two
#: countries share across these languages is dropped, not guessed.
TRANSLATION_LOCALES = (
    "de", "nl", "fr", "ja", "ko", "zh_CN", "zh_TW", "zh_HK", "es", "it", "pl", "pt", "pt_BR",
    "sv", "da", "fi", "nb_NO", "cs", "sk", "hu", "ro", "ru", "he", "vi", "th", "ms", "id", "tr",
)  # fmt: skip
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


def _key(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).strip()).casefold()


@lru_cache(maxsize=1)
def translated_names() -> dict[str, str]:
    """Every translated short, official and common name -> alpha-2, ambiguous ones dropped.

    A name two countries share in some language (none today, but translations change) is
    left out rather than guessed. Japanese short names carry a bracketed common form
    ("大韓民国 (韓国)"): both the whole and the parts are taken, but a part only where no
    country has it as its whole name: "Saint-Martin (Francia)" must not make the Italian
    "Francia" ambiguous between France and Saint Martin.
    """
    import gettext
    from pathlib import Path

    locales = Path(pycountry.__file__).parent / "locales"
    whole: dict[str, set[str]] = {}
    parts: dict[str, set[str]] = {}
    for locale in TRANSLATION_LOCALES:
        try:
            catalog = gettext.translation("iso3166-1", str(locales), languages=[locale])
        except OSError:
            continue
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                english = getattr(country, attr, None)
                if not english:
                    continue
                text = catalog.gettext(english)
                code = str(country.alpha_2)
                if text.strip():
                    whole.setdefault(_key(text), set()).add(code)
                inner = _QUALIFIER.search(text)
                if inner:
                    for name in (text[: inner.start()], inner.group().strip()[1:-1]):
                        if name.strip():
                            parts.setdefault(_key(name), set()).add(code)
    found = {**{k: v for k, v in parts.items() if k not in whole}, **whole}
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 for a name or code, or None when it is not a recognisable country."""
    s = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).strip()).casefold()
    if not s:
        return None
    if s in _SYNONYMS:
        return _SYNONYMS[s]
    translated = translated_names().get(s)
    if translated is not None:
        return translated
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
