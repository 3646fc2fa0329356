"""Small closed vocabularies: machine status, equipment category, plain text and serials.

Serial numbers are text. A serial typed into Excel as a number arrives as the float 1234.0
and is restored to "1234"; a serial stored as text keeps every character, leading zeros
included. Text that looks like Excel's scientific notation ("1.23E+05") means the zeros and
digits are already gone in the source, which only the analyst can repair, so it is flagged.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from workbench.domain.enums import EquipmentCategory, MachineStatus
from workbench.importers.cells import CellValue, display
from workbench.importers.money import currency_code
from workbench.importers.outcome import BLANK, Outcome, fail, warn

_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)
MAX_TEXT_LENGTH = 400

_STATUS_WORDS: dict[str, MachineStatus] = {}
for _state, _words in {
    MachineStatus.INSTALLED: (
        "registered",
        "installed",
        "in use",
        "active",
        "operational",
        "in production",
        "running",
        "production",
        "geïnstalleerd",
        "in gebruik",
        "actief",
        "installiert",
        "in betrieb",
        "aktiv",
        "稼働中",
        "稼働",
        "設置済",
        "設置済み",
        "已安装",
        "运行中",
        "使用中",
        "在用",
        "설치",
        "설치완료",
        "가동중",
        "가동",
        "운영중",
    ),
    MachineStatus.RELOCATED: (
        "relocated",
        "moved",
        "transferred",
        "verplaatst",
        "verlagert",
        "umgezogen",
        "移設",
        "移設済",
        "移设",
        "搬迁",
        "迁移",
        "이전",
        "이설",
    ),
    MachineStatus.DECOMMISSIONED: (
        "obsolete",
        "expired",
        "inactive",
        "end of life",
        "decommissioned",
        "scrapped",
        "removed",
        "deinstalled",
        "de-installed",
        "retired",
        "out of service",
        "sold",
        "buiten gebruik",
        "gesloopt",
        "außer betrieb",
        "ausser betrieb",
        "verschrottet",
        "stillgelegt",
        "廃棄",
        "撤去",
        "廃却",
        "报废",
        "拆除",
        "停用",
        "폐기",
        "철거",
        "불용",
    ),
}.items():
    for _word in _words:
        _STATUS_WORDS[_word] = _state

_CATEGORY_WORDS: dict[str, EquipmentCategory] = {
    "euv": EquipmentCategory.EUV_LITHO,
    "euv lithography": EquipmentCategory.EUV_LITHO,
    "duv immersion": EquipmentCategory.DUV_IMMERSION,
    "immersion": EquipmentCategory.DUV_IMMERSION,
    "arfi": EquipmentCategory.DUV_IMMERSION,
    "arf immersion": EquipmentCategory.DUV_IMMERSION,
    "duv dry": EquipmentCategory.DUV_DRY_ARF,
    "arf dry": EquipmentCategory.DUV_DRY_ARF,
    "arf": EquipmentCategory.DUV_DRY_ARF,
    "krf": EquipmentCategory.KRF_LITHO,
    "i-line": EquipmentCategory.ILINE_LITHO,
    "iline": EquipmentCategory.ILINE_LITHO,
    "conductor etch": EquipmentCategory.ETCH_CONDUCTOR,
    "etch conductor": EquipmentCategory.ETCH_CONDUCTOR,
    "dielectric etch": EquipmentCategory.ETCH_DIELECTRIC,
    "etch dielectric": EquipmentCategory.ETCH_DIELECTRIC,
    "ald": EquipmentCategory.ALD,
    "cvd": EquipmentCategory.CVD,
    "pecvd": EquipmentCategory.CVD,
    "lpcvd": EquipmentCategory.CVD,
    "pvd": EquipmentCategory.PVD,
    "sputter": EquipmentCategory.PVD,
    "epi": EquipmentCategory.EPITAXY,
    "epitaxy": EquipmentCategory.EPITAXY,
    "cmp": EquipmentCategory.CMP,
    "clean": EquipmentCategory.CLEAN,
    "wet clean": EquipmentCategory.CLEAN,
    "cleaning": EquipmentCategory.CLEAN,
    "anneal": EquipmentCategory.ANNEAL,
    "rtp": EquipmentCategory.ANNEAL,
    "implant": EquipmentCategory.IMPLANT,
    "ion implant": EquipmentCategory.IMPLANT,
    "implantation": EquipmentCategory.IMPLANT,
    "metrology": EquipmentCategory.METROLOGY,
    "inspection": EquipmentCategory.INSPECTION,
    "test": EquipmentCategory.TEST,
    "other": EquipmentCategory.OTHER,
}
for _category in EquipmentCategory:
    _CATEGORY_WORDS[_category.value] = _category
    _CATEGORY_WORDS[_category.label.casefold()] = _category


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("_", " ").split())


@lru_cache(maxsize=1024)
def _status(text: str) -> MachineStatus | None:
    return _STATUS_WORDS.get(_key(text))


def parse_status(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    found = _status(display(value))
    if found is None:
        # A status is no key: a word the book has none for (Salesforce's "Purchased",
        # "Shipped") keeps the machine, installed, and the analyst is told.
        return warn(
            MachineStatus.INSTALLED,
            f"'{display(value)}' is not a status the book has (installed, relocated or "
            "decommissioned): the machine is taken as installed",
        )
    return Outcome(found)


def parse_category(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    found = _CATEGORY_WORDS.get(_key(display(value)))
    if found is None:
        # Systems fill "Equipment Type" with their own codes (Infor's 'A' for asset): refusing
        # the machine for it would lose a machine over a column that is only a hint. The
        # category then comes from the catalogue, or stays "unknown", a doubt rules see.
        return warn(
            None,
            f"'{display(value)}' is not an equipment category the importer knows; the "
            "model's category is taken from the equipment catalogue, or left unknown",
        )
    return Outcome(found)


def parse_serial(value: CellValue) -> Outcome:
    """A serial number as text; numbers lose only the '.0' Excel added, never leading zeros."""
    if type(value) is not str:  # every value of a key column: the common case goes first
        if value is None:
            return BLANK
        if isinstance(value, bool | date):
            return fail(f"'{display(value)}' is not a serial number")
        if isinstance(value, float):
            if not value.is_integer():
                return fail(f"'{display(value)}' is a decimal number, not a serial number")
            return Outcome(str(int(value)))
        if isinstance(value, int):
            return Outcome(str(value))
    text = str(value).strip()
    if not text:
        return BLANK
    if len(text) > MAX_TEXT_LENGTH:
        return fail(f"the serial number is {len(text)} characters long")
    if ("e" in text or "E" in text) and _SCIENTIFIC.match(text):
        return warn(
            text,
            f"'{text}' looks like a number Excel turned into scientific notation; "
            "check the serial in the source system",
        )
    return Outcome(text)


def parse_text(value: CellValue) -> Outcome:
    """Free text (names, codes), trimmed; a number cell keeps its digits: 1234.0 -> '1234'."""
    if value is None:
        return BLANK
    text = " ".join(display(value).split())
    if not text:
        return BLANK
    if len(text) > MAX_TEXT_LENGTH:
        return fail(f"the text is {len(text)} characters long (limit {MAX_TEXT_LENGTH})")
    return Outcome(text)


def parse_currency_cell(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    code = currency_code(display(value))
    if code is None:
        return fail(f"'{display(value)}' is not a currency code (e.g. USD, EUR, JPY, CNY, KRW)")
    return Outcome(code)
