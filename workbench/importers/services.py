"""Service coverage text to the service-type slugs rules are written against.

A coverage cell lists services the way the contract team writes them: "PM; Repair; Spare Parts;
SW Updates", "Full service", "保守・部品", "Onderhoud + Reserveonderdelen". Each listed item must
be known: an unknown word is refused by name, because a service silently dropped is an
obligation a rule would never see.

"Full service" (and its translations) is read as all nine service types. That over-covers
contracts that exclude upgrades or training, which for export screening is the safe direction;
list the services explicitly where it matters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from workbench.domain.enums import ServiceType
from workbench.importers.cells import CellValue, display
from workbench.importers.outcome import BLANK, Outcome, fail, warn

S = ServiceType
ALL_SERVICES = frozenset(ServiceType)

_WORDS: dict[ServiceType, tuple[str, ...]] = {
    S.PREVENTIVE_MAINTENANCE: (
        "inspektion",
        "inspection",
        "inspections",
        "wartung und inspektion",
        "点検",
        "pm",
        "preventive maintenance",
        "preventative maintenance",
        "preventive",
        "maintenance",
        "scheduled maintenance",
        "periodic maintenance",
        "onderhoud",
        "preventief onderhoud",
        "wartung",
        "vorbeugende wartung",
        "instandhaltung",
        "保守",
        "予防保全",
        "定期保守",
        "定期点検",
        "メンテナンス",
        "预防性维护",
        "预防维护",
        "维护",
        "保养",
        "定期保养",
        "預防性維護",
        "維護",
        "예방정비",
        "예방보전",
        "정기점검",
        "유지보수",
        "정비",
    ),
    S.REPAIR: (
        "repair",
        "repairs",
        "corrective repair",
        "corrective maintenance",
        "cm",
        "break fix",
        "breakfix",
        "break/fix",
        "reparatie",
        "reparaties",
        "correctief onderhoud",
        "reparatur",
        "instandsetzung",
        "修理",
        "故障修理",
        "事後保全",
        "维修",
        "修理服务",
        "故障维修",
        "維修",
        "수리",
        "고장수리",
    ),
    S.SPARE_PARTS: (
        "parts only",
        "parts supply",
        "spare parts supply",
        "부품공급",
        "부품 공급",
        "부품",
        "备件供应",
        "备件",
        "备品备件",
        "零部件供应",
        "備品供應",
        "備件",
        "spare parts",
        "spares",
        "parts",
        "spare part supply",
        "replacement parts",
        "reserveonderdelen",
        "onderdelen",
        "ersatzteile",
        "ersatzteil",
        "部品",
        "交換部品",
        "スペアパーツ",
        "部品供給",
        "备件",
        "备品备件",
        "零部件",
        "配件",
        "備品",
        "備件",
        "부품",
        "예비부품",
        "스페어파츠",
    ),
    S.CONSUMABLES: (
        "consumables",
        "consumable",
        "consumable parts",
        "verbruiksartikelen",
        "verbrauchsmaterial",
        "消耗品",
        "耗材",
        "消耗件",
        "소모품",
    ),
    S.SOFTWARE_UPDATES: (
        "sw updates",
        "sw update",
        "software updates",
        "software update",
        "software",
        "firmware",
        "firmware updates",
        "sw/fw updates",
        "sw fw updates",
        "software/firmware updates",
        "software and firmware updates",
        "sw",
        "fw",
        "softwareupdates",
        "software-updates",
        "ソフトウェア更新",
        "ソフト更新",
        "ソフトウェアアップデート",
        "软件更新",
        "软件升级",
        "固件更新",
        "軟體更新",
        "소프트웨어업데이트",
        "sw업데이트",
        "소프트웨어",
    ),
    S.UPGRADES: (
        "upgrades",
        "upgrade",
        "field upgrades",
        "retrofit",
        "retrofits",
        "field upgrade",
        "upgrades/retrofits",
        "modification",
        "modifications",
        "nachrüstung",
        "改造",
        "アップグレード",
        "升级",
        "改造升级",
        "升級",
        "업그레이드",
        "개조",
    ),
    S.REMOTE_SUPPORT: (
        "remote support",
        "remote diagnostics",
        "remote",
        "remote service",
        "helpdesk",
        "hotline",
        "ondersteuning op afstand",
        "fernwartung",
        "ferndiagnose",
        "リモート診断",
        "リモートサポート",
        "远程诊断",
        "远程支持",
        "遠端支援",
        "원격지원",
        "원격진단",
    ),
    S.ONSITE_SUPPORT: (
        "labor",
        "labour",
        "labor only",
        "labour only",
        "arbeitszeit",
        "arbeitsleistung",
        "technician labor",
        "field labor",
        "onsite support",
        "on-site support",
        "on site support",
        "onsite",
        "on-site",
        "onsite engineer",
        "on-site engineer",
        "resident engineer",
        "field service engineer",
        "fse",
        "engineer support",
        "technicus ter plaatse",
        "vor-ort-service",
        "vor ort service",
        "常駐",
        "常駐エンジニア",
        "オンサイトサポート",
        "现场支持",
        "驻厂工程师",
        "現場支援",
        "현장지원",
        "상주엔지니어",
    ),
    S.TRAINING: (
        "training",
        "trainings",
        "opleiding",
        "schulung",
        "トレーニング",
        "教育",
        "研修",
        "培训",
        "培訓",
        "교육",
        "트레이닝",
    ),
}
_ALL_WORDS = (
    "full service agreement",
    "full service contract",
    "full maintenance",
    "vollwartung",
    "vollwartungsvertrag",
    "full-service-vertrag",
    "totaal onderhoud",
    "全面维护",
    "全保",
    "フルメンテナンス",
    "풀 서비스",
    "full service",
    "full-service",
    "all",
    "all services",
    "full coverage",
    "comprehensive",
    "total care",
    "volledige service",
    "full onderhoud",
    "vollservice",
    "komplettservice",
    "フルサービス",
    "全面服务",
    "全包服务",
    "全方位服务",
    "풀서비스",
    "전체서비스",
)
_SEPARATORS = re.compile(r"[;,\n|+&、，；・/]| and | und | en | 및 | 和 | 及 ", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).casefold().strip(" .-:")
    return _SPACES.sub(" ", s)


def _build_index() -> dict[str, frozenset[ServiceType]]:
    index: dict[str, frozenset[ServiceType]] = {}
    for service, words in _WORDS.items():
        for word in words:
            index[_key(word)] = frozenset({service})
    for word in _ALL_WORDS:
        index[_key(word)] = ALL_SERVICES
    return index


_INDEX = _build_index()


@lru_cache(maxsize=8192)
def parse_services_text(text: str) -> frozenset[ServiceType] | str:
    """The service types a coverage text names, or the reason (naming the unknown words)."""
    whole = _key(text)
    if not whole:
        return "it names no service"
    if whole in _INDEX:
        return _INDEX[whole]
    found: set[ServiceType] = set()
    unknown: list[str] = []
    for part in _SEPARATORS.split(f" {unicodedata.normalize('NFKC', text)} "):
        key = _key(part)
        if not key:
            continue
        hit = _INDEX.get(key) or _INDEX.get(key.replace(" ", ""))
        if hit is None:
            unknown.append(part.strip())
        else:
            found |= hit
    if unknown:
        words = ", ".join(f"'{w}'" for w in unknown)
        verb = "is not a service type" if len(unknown) == 1 else "are not service types"
        return f"{words} {verb} the importer knows"
    return frozenset(found)


#: Names of service levels (Oracle coverage templates, ServiceMax SLA tiers): they say how
#: much, not which services, so every service type is taken as covered, marked as assumed.
SERVICE_LEVELS = frozenset(
    {
        "gold", "silver", "bronze", "platinum", "diamond", "basic", "standard", "premium",
        "premier", "enhanced", "essential", "essentials", "advanced", "elite", "plus",
        "gold plus", "silver plus", "level 1", "level 2", "level 3", "tier 1", "tier 2",
        "tier 3", "24x7", "8x5", "9x5",
    }
)  # fmt: skip


def parse_services(value: CellValue) -> Outcome:
    """The service types a cell names; a service level (Gold, Silver) covers all, assumed.

    The empty set is the planner's "no services named": every service type, with the
    obligations marked as assumed coverage, so a hit says the coverage was not stated.
    """
    if value is None:
        return BLANK
    if not isinstance(value, str):
        return fail(f"'{display(value)}' is not a list of services")
    if _key(value) in SERVICE_LEVELS:
        return warn(
            frozenset(),
            f"'{value}' names a service level, not the services it covers: every service "
            "type is taken as covered, marked as assumed",
        )
    result = parse_services_text(value)
    if isinstance(result, str):
        return fail(f"'{value}': {result}")
    return Outcome(result)
