"""Write the held-out corpus of installed-base exports and its manifest (see README.md).

Each file imitates the column layout one real system exports (SAP PM/CS, Salesforce Field
Service, ServiceMax, Oracle Install Base, Japanese/Korean/Chinese service systems, a German
semicolon CSV, LibreOffice files). The rows come from one seeded random generator over a
fixed world of real customers, fabs and model codes, so the files and the manifest are the same
on every run. The manifest is computed here from the generator's own records (what a careful
human reading the file would expect), never by running the importer.

Run from anywhere: ``python tests/data/import/layouts/make_layouts.py``. LibreOffice
(``soffice``) must be installed for the three files LibreOffice writes; ``--check`` rebuilds
everything in a temporary folder and only reports whether the committed text files and the
manifest still match.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = 20261203
#: Written into the xlsx document properties instead of "now", so openpyxl's output is stable.
FIXED_TIME = datetime(2026, 12, 1, 8, 0, 0)

# -- the world ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    key: str
    name: str  # legal name in Latin script
    local: dict[str, str] = field(default_factory=dict)  # language -> name in local script


@dataclass(frozen=True)
class Fab:
    key: str
    customer: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    city: str
    local: dict[str, str] = field(default_factory=dict)  # language -> fab name


CUSTOMERS = {
    c.key: c
    for c in [
        Customer(
            "smic_sh",
            "Semiconductor Manufacturing International (Shanghai) Corporation",
            {"zh": "中芯国际集成电路制造（上海）有限公司"},
        ),
        Customer(
            "smic_bj",
            "Semiconductor Manufacturing North China (Beijing) Corporation",
            {"zh": "中芯北方集成电路制造（北京）有限公司"},
        ),
        Customer(
            "smic_sz",
            "Semiconductor Manufacturing International (Shenzhen) Corporation",
            {"zh": "中芯国际集成电路制造（深圳）有限公司"},
        ),
        Customer(
            "smic_tj",
            "Semiconductor Manufacturing International (Tianjin) Corporation",
            {"zh": "中芯国际集成电路制造（天津）有限公司"},
        ),
        Customer(
            "huahong_wx",
            "Hua Hong Semiconductor (Wuxi) Limited",
            {"zh": "华虹半导体（无锡）有限公司"},
        ),
        Customer(
            "hlmc", "Shanghai Huali Microelectronics Corporation", {"zh": "上海华力微电子有限公司"}
        ),
        Customer("cxmt", "ChangXin Memory Technologies, Inc.", {"zh": "长鑫存储技术有限公司"}),
        Customer(
            "ymtc", "Yangtze Memory Technologies Co., Ltd.", {"zh": "长江存储科技有限责任公司"}
        ),
        Customer(
            "nexchip", "Nexchip Semiconductor Corporation", {"zh": "合肥晶合集成电路股份有限公司"}
        ),
        Customer(
            "tsmc",
            "Taiwan Semiconductor Manufacturing Co., Ltd.",
            {"ja": "台湾積体電路製造股份有限公司"},
        ),
        Customer("tsmc_nj", "TSMC (Nanjing) Company Limited", {"zh": "台积电（南京）有限公司"}),
        Customer("tsmc_az", "TSMC Arizona Corporation"),
        Customer(
            "jasm",
            "Japan Advanced Semiconductor Manufacturing, Inc.",
            {"ja": "ジャパンアドバンストセミコンダクターマニュファクチャリング株式会社"},
        ),
        Customer("esmc", "European Semiconductor Manufacturing Company GmbH"),
        Customer(
            "samsung",
            "Samsung Electronics Co., Ltd.",
            {"ko": "삼성전자 주식회사", "ja": "サムスン電子株式会社"},
        ),
        Customer(
            "samsung_cn",
            "Samsung (China) Semiconductor Co., Ltd.",
            {"zh": "三星（中国）半导体有限公司", "ko": "삼성중국반도체 유한회사"},
        ),
        Customer("samsung_us", "Samsung Austin Semiconductor, LLC"),
        Customer("skhynix", "SK hynix Inc.", {"ko": "SK하이닉스 주식회사"}),
        Customer(
            "skhynix_wx",
            "SK hynix Semiconductor (China) Ltd.",
            {"zh": "SK海力士半导体（中国）有限公司", "ko": "SK하이닉스반도체(중국) 유한회사"},
        ),
        Customer(
            "skhynix_dl",
            "SK hynix Semiconductor (Dalian) Co., Ltd.",
            {"zh": "SK海力士半导体（大连）有限公司"},
        ),
        Customer("dbhitek", "DB HiTek Co., Ltd.", {"ko": "DB하이텍 주식회사"}),
        Customer("micron", "Micron Technology, Inc."),
        Customer("micron_tw", "Micron Technology Taiwan, Inc."),
        Customer(
            "micron_jp", "Micron Memory Japan, K.K.", {"ja": "マイクロンメモリジャパン株式会社"}
        ),
        Customer("micron_sg", "Micron Semiconductor Asia Operations Pte. Ltd."),
        Customer("intel", "Intel Corporation"),
        Customer("infineon", "Infineon Technologies Dresden GmbH & Co. KG"),
        Customer("gf_us", "GlobalFoundries U.S. Inc."),
        Customer("gf_de", "GLOBALFOUNDRIES Dresden Module One LLC & Co. KG"),
        Customer("gf_sg", "GLOBALFOUNDRIES Singapore Pte. Ltd."),
        Customer("kioxia", "Kioxia Corporation", {"ja": "キオクシア株式会社"}),
        Customer(
            "sony",
            "Sony Semiconductor Manufacturing Corporation",
            {"ja": "ソニーセミコンダクタマニュファクチャリング株式会社"},
        ),
        Customer("umc_sg", "UMC Singapore Pte. Ltd."),
        Customer("psmc", "Powerchip Semiconductor Manufacturing Corporation"),
        Customer("bosch", "Robert Bosch GmbH"),
        Customer("xfab", "X-FAB Dresden GmbH & Co. KG"),
    ]
}

FABS = {
    f.key: f
    for f in [
        Fab("smic_sn1", "smic_sh", "SMIC SN1", "CN", "Shanghai", {"zh": "中芯南方SN1"}),
        Fab("smic_s1", "smic_sh", "SMIC S1 Fab 8", "CN", "Shanghai", {"zh": "中芯上海S1 8号厂"}),
        Fab("smic_b2", "smic_bj", "SMIC B2", "CN", "Beijing", {"zh": "中芯北京B2"}),
        Fab("smic_sz", "smic_sz", "SMIC Shenzhen Fab 16", "CN", "Shenzhen", {"zh": "中芯深圳16厂"}),
        Fab("smic_tj", "smic_tj", "SMIC Tianjin T1", "CN", "Tianjin", {"zh": "中芯天津T1"}),
        Fab("hh_fab7", "huahong_wx", "Hua Hong Fab 7", "CN", "Wuxi", {"zh": "华虹无锡七厂"}),
        Fab("hlmc_fab6", "hlmc", "HLMC Fab 6", "CN", "Shanghai", {"zh": "华力六厂"}),
        Fab("cxmt_fab1", "cxmt", "CXMT Hefei Fab 1", "CN", "Hefei", {"zh": "长鑫合肥一厂"}),
        Fab("ymtc_fab1", "ymtc", "YMTC Wuhan Fab 1", "CN", "Wuhan", {"zh": "长江存储武汉一期"}),
        Fab("ymtc_fab2", "ymtc", "YMTC Wuhan Fab 2", "CN", "Wuhan", {"zh": "长江存储武汉二期"}),
        Fab("nexchip_n2", "nexchip", "Nexchip N2", "CN", "Hefei", {"zh": "晶合N2厂"}),
        Fab("tsmc_f12a", "tsmc", "TSMC Fab 12A", "TW", "Hsinchu"),
        Fab("tsmc_f15b", "tsmc", "TSMC Fab 15B", "TW", "Taichung"),
        Fab("tsmc_f18", "tsmc", "TSMC Fab 18", "TW", "Tainan"),
        Fab(
            "tsmc_f16", "tsmc_nj", "TSMC Nanjing Fab 16", "CN", "Nanjing", {"zh": "台积电南京16厂"}
        ),
        Fab("tsmc_f21", "tsmc_az", "TSMC Arizona Fab 21", "US", "Phoenix"),
        Fab("jasm_f23", "jasm", "JASM Kumamoto Fab 23", "JP", "Kikuyo", {"ja": "JASM熊本第1工場"}),
        Fab("esmc_dd", "esmc", "ESMC Dresden", "DE", "Dresden"),
        Fab("sec_p1", "samsung", "Pyeongtaek P1", "KR", "Pyeongtaek", {"ko": "평택 P1"}),
        Fab("sec_s3", "samsung", "Hwaseong S3", "KR", "Hwaseong", {"ko": "화성 S3"}),
        Fab(
            "sec_xa",
            "samsung_cn",
            "Samsung Xi'an X1",
            "CN",
            "Xi'an",
            {"ko": "시안 X1", "zh": "三星西安X1"},
        ),
        Fab("sec_austin", "samsung_us", "Samsung Austin S2", "US", "Austin"),
        Fab("skh_m16", "skhynix", "Icheon M16", "KR", "Icheon", {"ko": "이천 M16"}),
        Fab("skh_m15", "skhynix", "Cheongju M15", "KR", "Cheongju", {"ko": "청주 M15"}),
        Fab("skh_c2", "skhynix_wx", "Wuxi C2", "CN", "Wuxi", {"ko": "우시 C2", "zh": "无锡C2厂"}),
        Fab("skh_dl", "skhynix_dl", "Dalian Fab 68", "CN", "Dalian", {"zh": "大连68厂"}),
        Fab("db_fab1", "dbhitek", "Bucheon Fab 1", "KR", "Bucheon", {"ko": "부천 1공장"}),
        Fab("mu_manassas", "micron", "Micron Manassas Fab 6", "US", "Manassas"),
        Fab("mu_taichung", "micron_tw", "Micron Taichung A3", "TW", "Taichung"),
        Fab(
            "mu_hiroshima",
            "micron_jp",
            "Hiroshima Fab 15",
            "JP",
            "Higashihiroshima",
            {"ja": "広島工場"},
        ),
        Fab("mu_sg", "micron_sg", "Micron Singapore Fab 10N", "SG", "Singapore"),
        Fab("intel_f42", "intel", "Intel Fab 42", "US", "Chandler"),
        Fab("intel_d1x", "intel", "Intel D1X", "US", "Hillsboro"),
        Fab("ifx_dd", "infineon", "Infineon Dresden Fab", "DE", "Dresden"),
        Fab("gf_malta", "gf_us", "GF Fab 8 Malta", "US", "Malta"),
        Fab("gf_dd", "gf_de", "GF Fab 1 Dresden", "DE", "Dresden"),
        Fab("gf_sg7", "gf_sg", "GF Fab 7 Woodlands", "SG", "Singapore"),
        Fab(
            "kx_y7", "kioxia", "Yokkaichi Fab 7", "JP", "Yokkaichi", {"ja": "四日市工場 第7製造棟"}
        ),
        Fab("kx_k1", "kioxia", "Kitakami K1", "JP", "Kitakami", {"ja": "北上工場 K1棟"}),
        Fab(
            "sony_kumamoto",
            "sony",
            "Sony Kumamoto TEC",
            "JP",
            "Kikuyo",
            {"ja": "熊本テクノロジーセンター"},
        ),
        Fab("umc_12i", "umc_sg", "UMC Fab 12i", "SG", "Singapore"),
        Fab("psmc_p3", "psmc", "PSMC P3 Hsinchu", "TW", "Hsinchu"),
        Fab("bosch_dd", "bosch", "Bosch Wafer Fab Dresden", "DE", "Dresden"),
        Fab("xfab_dd", "xfab", "X-FAB Dresden", "DE", "Dresden"),
    ]
}

#: Canonical vendor names as the product's catalogue spells them.
ASML, AMAT, LAM, TEL, KLA = "ASML", "Applied Materials", "Lam Research", "TEL", "KLA"
SCREEN, HITACHI, KOKUSAI = "SCREEN", "Hitachi High-Tech", "Kokusai"

#: Real model codes per vendor, written the way that vendor's own documents write them.
MODELS = {
    ASML: [
        "NXT:1980Di",
        "NXT:2000i",
        "NXT:2050i",
        "NXT:1470",
        "XT:1460K",
        "XT:860M",
        "XT:400L",
        "NXT:870",
        "YieldStar 385",
    ],
    AMAT: [
        "Endura",
        "Centris Sym3",
        "Producer GT",
        "Centura Epi",
        "Reflexion LK Prime",
        "VIISta 900XP",
        "Vantage Radiance Plus",
        "PROVision 3E",
        "Olympia",
    ],
    LAM: ["Kiyo", "Flex", "Akara", "Striker", "ALTUS", "VECTOR", "SABRE 3D", "Syndion"],
    TEL: [
        "CLEAN TRACK LITHIUS Pro Z",
        "Tactras Vigus",
        "TELINDY PLUS",
        "Trias e+",
        "NT333",
        "CELLESTA-i",
    ],
    KLA: ["Surfscan SP7", "Surfscan SP5xp", "2950", "Archer 750", "eDR7380", "SpectraShape 11k"],
    SCREEN: ["SU-3200", "FC-3100", "LA-3100"],
    HITACHI: ["CG7300", "CV7300"],
    KOKUSAI: ["TSURUGI-C2", "QUIXACE II"],
}

SERIAL_DIGITS = {ASML: 5, AMAT: 8, LAM: 6, TEL: 6, KLA: 7, SCREEN: 5, HITACHI: 6, KOKUSAI: 6}

# -- how people and systems write names --------------------------------------------------------

LEGAL_FORMS = [
    ("Co., Ltd.", ["Co., Ltd.", "Co.,Ltd.", "Co. Ltd", "CO., LTD.", "Company Limited"]),
    ("Company Limited", ["Company Limited", "Co., Ltd.", "Co Ltd"]),
    ("Corporation", ["Corporation", "Corp.", "Corp", "CORPORATION"]),
    ("Inc.", ["Inc.", "Inc", ", Inc.", "Incorporated"]),
    ("Pte. Ltd.", ["Pte. Ltd.", "Pte Ltd", "PTE. LTD."]),
    ("Limited", ["Limited", "Ltd.", "Ltd"]),
    ("Ltd.", ["Ltd.", "Ltd", "Limited"]),
    ("GmbH & Co. KG", ["GmbH & Co. KG", "GmbH & Co.KG", "GmbH &  Co. KG"]),
    ("GmbH", ["GmbH", "GMBH"]),
    ("LLC", ["LLC", "L.L.C."]),
    ("K.K.", ["K.K.", "KK"]),
]


def latin_variant(name: str, rng: random.Random) -> str:
    """The name as somebody typed it: other legal form, case, spacing or punctuation.

    Every variant differs from the legal name only in those respects, so a careful reader
    (and the manifest) counts them as one customer.
    """
    out = name
    for form, choices in LEGAL_FORMS:
        if out.endswith(form):
            stem = out[: -len(form)].rstrip(" ,")
            sep = ", " if out[: -len(form)].endswith(", ") else " "
            choice = rng.choice(choices)
            out = stem + (choice if choice.startswith(",") else sep + choice)
            break
    roll = rng.random()
    if roll < 0.2:
        out = out.upper()
    elif roll < 0.35:
        out = out.replace(" ", "  ", 1)
    elif roll < 0.5:
        out = out + " "
    elif roll < 0.6:
        out = out.replace(",", "").replace(".", "")
    return out


def ko_variant(name: str, rng: random.Random) -> str:
    """Korean legal forms as typed: 주식회사 / (주) / ㈜, before or after the name."""
    if not name.endswith(" 주식회사"):
        return name + rng.choice(["", " "])
    stem = name[: -len(" 주식회사")]
    return rng.choice(
        [name, f"{stem}(주)", f"{stem}㈜", f"(주){stem}", f"{stem} (주)", f"주식회사 {stem}"]
    )


def ja_variant(name: str, rng: random.Random) -> str:
    """Japanese legal forms as typed: 株式会社 / (株) / （株）, ideographic spaces."""
    if not name.endswith("株式会社"):
        return name
    stem = name[: -len("株式会社")]
    return rng.choice([name, f"{stem}(株)", f"{stem}（株）", f"{stem}\u3000株式会社", name])


def zh_variant(name: str, rng: random.Random) -> str:
    """Chinese names as typed: full-width or ASCII parentheses, stray spaces."""
    roll = rng.random()
    if roll < 0.35:
        return name.replace("（", "(").replace("）", ")")
    if roll < 0.45:
        return name + " "
    return name


def normalised(name: str) -> str:
    """What the manifest merges on; only used to assert that variants stay one customer."""
    text = unicodedata.normalize("NFKC", name).casefold()
    for form in ["주식회사", "(주)", "株式会社", "(株)"]:
        text = text.replace(form, "")
    for form in [
        "company limited",
        "co., ltd.",
        "co.,ltd.",
        "co. ltd",
        "co ltd",
        "corporation",
        "corp.",
        "corp",
        "incorporated",
        "inc.",
        "inc",
        "pte. ltd.",
        "pte ltd",
        "limited",
        "ltd.",
        "ltd",
        "l.l.c.",
        "llc",
        "k.k.",
        "kk",
    ]:
        if text.rstrip(" ,.").endswith(form.rstrip(".")):
            text = text.rstrip(" ,.")[: -len(form.rstrip("."))]
            break
    return "".join(ch for ch in text if ch.isalnum())


# -- the records a file is written from --------------------------------------------------------


@dataclass
class Contract:
    number: str
    start: date
    end: date
    value: Decimal
    currency: str
    service: str


@dataclass
class Record:
    customer: str
    customer_written: str
    fab: str
    fab_written: str
    country_written: str
    vendor: str
    vendor_written: str
    model: str
    serial: str
    install: date
    contract: Contract | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Spec:
    """One file's world: which fabs, vendors and writing conventions."""

    name: str
    rows: int
    fabs: list[str]
    vendors: list[str]
    country: Callable[[Fab, random.Random], str]
    customer_name: Callable[[Customer, random.Random], str]
    fab_name: Callable[[Fab], str] = lambda f: f.name
    vendor_name: Callable[[str, random.Random], str] = lambda v, _r: v
    contracts: bool = False
    currency: Callable[[Fab, random.Random], str] = lambda _f, _r: "USD"
    services: Sequence[str] = ("Full Service",)
    contract_number: Callable[[int, random.Random], str] = lambda n, _r: f"SC-{n:06d}"


def _serial(vendor: str, rng: random.Random, used: set[tuple[str, str]]) -> str:
    digits = SERIAL_DIGITS[vendor]
    while True:
        # Small numbers on purpose: many serials start with zeros, which must survive.
        number = rng.randrange(10 ** (digits - 2), 10 ** (digits - 1) * 3)
        prefix = {SCREEN: "S", HITACHI: "H"}.get(vendor, "")
        serial = f"{prefix}{number:0{digits}d}"
        if (vendor, serial) not in used:
            used.add((vendor, serial))
            return serial


def _amount(currency: str, rng: random.Random) -> Decimal:
    usd = rng.randrange(180, 2_600) * 1_000
    rate = {"USD": 1, "EUR": Decimal("0.92"), "JPY": 150, "CNY": Decimal("7.2"), "KRW": 1_380}[
        currency
    ]
    step = {"JPY": 100_000, "KRW": 1_000_000}.get(currency, 1_000)
    return (Decimal(usd) * Decimal(rate) / step).quantize(Decimal(1)) * step


def build_records(spec: Spec, rng: random.Random) -> list[Record]:
    used: set[tuple[str, str]] = set()
    machines: list[Record] = []
    # About one row in twelve is a second contract line for a machine already listed, so the
    # files with contracts have more rows than machines, as a join of machine and line does.
    with_contracts = spec.contracts
    n_machines = spec.rows - (spec.rows // 12 if with_contracts else 0)
    for _ in range(n_machines):
        fab = FABS[rng.choice(spec.fabs)]
        customer = CUSTOMERS[fab.customer]
        vendor = rng.choice(spec.vendors)
        install = date(2012, 1, 1) + timedelta(days=rng.randrange(0, 365 * 13))
        machines.append(
            Record(
                customer=customer.key,
                customer_written=spec.customer_name(customer, rng),
                fab=fab.key,
                fab_written=spec.fab_name(fab),
                country_written=spec.country(fab, rng),
                vendor=vendor,
                vendor_written=spec.vendor_name(vendor, rng),
                model=rng.choice(MODELS[vendor]),
                serial=_serial(vendor, rng, used),
                install=install,
            )
        )
    rows = list(machines)
    if with_contracts:
        _attach_contracts(spec, rows, rng)
        extra_lines = spec.rows - len(rows)
        covered = [r for r in rows if r.contract is not None]
        for original in rng.sample(covered, extra_lines):
            second = Record(**{**original.__dict__, "extra": dict(original.extra)})
            second.customer_written = spec.customer_name(CUSTOMERS[original.customer], rng)
            second.country_written = spec.country(FABS[original.fab], rng)
            second.contract = _new_contract(spec, rng, original, len(_numbers(rows)) + 1)
            rows.insert(rows.index(original) + 1, second)
    return rows


def _numbers(rows: list[Record]) -> set[str]:
    return {r.contract.number for r in rows if r.contract is not None}


def _new_contract(spec: Spec, rng: random.Random, row: Record, seq: int) -> Contract:
    start = max(row.install, date(2019, 1, 1)) + timedelta(days=rng.randrange(0, 400))
    start = start.replace(day=1)
    years = rng.choice([1, 2, 3, 5])
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    currency = spec.currency(FABS[row.fab], rng)
    return Contract(
        number=spec.contract_number(seq, rng),
        start=start,
        end=end,
        value=_amount(currency, rng),
        currency=currency,
        service=rng.choice(list(spec.services)),
    )


def _attach_contracts(spec: Spec, rows: list[Record], rng: random.Random) -> None:
    """Group each customer's machines into contracts of one to six machines; some have none."""
    by_customer: dict[str, list[Record]] = {}
    for row in rows:
        by_customer.setdefault(row.customer, []).append(row)
    seq = 0
    for customer in sorted(by_customer):
        pending = [r for r in by_customer[customer] if rng.random() > 0.15]
        while pending:
            size = min(len(pending), rng.randint(1, 6))
            chunk, pending = pending[:size], pending[size:]
            seq += 1
            contract = _new_contract(spec, rng, chunk[0], seq)
            for row in chunk:
                row.contract = contract


# -- manifest ----------------------------------------------------------------------------------


def expectations(rows: list[Record], rng: random.Random) -> dict[str, Any]:
    """What a careful human expects after importing the file into an empty book."""
    for key in {r.customer for r in rows}:
        spellings = {normalised(r.customer_written) for r in rows if r.customer == key}
        assert len(spellings) == 1, (key, spellings)  # a variant would look like a new customer
    merged = {normalised(r.customer_written) for r in rows}
    assert len(merged) == len({r.customer for r in rows}), merged  # two customers look alike
    assert len({r.fab_written for r in rows}) == len({r.fab for r in rows})
    vendors_of: dict[str, set[str]] = {}
    for row in rows:
        vendors_of.setdefault(row.serial, set()).add(row.vendor)
    countries: list[dict[str, Any]] = []
    seen_spelling: set[str] = set()
    for index, row in enumerate(rows, start=1):
        # One sample per way the file writes a country; a serial two makers share is left to
        # the vendor samples, since the serial alone does not name one machine.
        if row.country_written in seen_spelling or len(vendors_of[row.serial]) > 1:
            continue
        if len(countries) < 8:
            seen_spelling.add(row.country_written)
            countries.append(
                {
                    "data_row": index,
                    "serial": row.serial,
                    "fab": row.fab_written,
                    "country_as_written": row.country_written,
                    "country": FABS[row.fab].country,
                }
            )
    vendors: list[dict[str, Any]] = []
    seen_vendor: set[tuple[str, str, str]] = set()
    for index, row in enumerate(rows, start=1):
        # A file without a vendor column gets one sample per model: the model is the only clue.
        key = (row.vendor, row.vendor_written, "" if row.vendor_written else row.model)
        shared = len(vendors_of[row.serial]) > 1
        if (key not in seen_vendor and len(vendors) < 12) or shared:
            seen_vendor.add(key)
            vendors.append(
                {
                    "data_row": index,
                    "serial": row.serial,
                    "model_as_written": row.extra.get("model_as_written", row.model),
                    "vendor_as_written": row.vendor_written or None,
                    "vendor": row.vendor,
                    "vendors_with_this_serial": sorted(vendors_of[row.serial]),
                    "install_date": row.install.isoformat(),
                }
            )
    contracts: list[dict[str, Any]] = []
    for index, row in enumerate(rows, start=1):
        c = row.contract
        taken = {s["number"] for s in contracts}
        if c is not None and c.number not in taken and len(contracts) < 6:
            contracts.append(
                {
                    "data_row": index,
                    "number": c.number,
                    "customer": CUSTOMERS[row.customer].name,
                    "end_date": c.end.isoformat(),
                    "currency": c.currency,
                    "annual_value": str(c.value),
                }
            )
    return {
        "rows": len(rows),
        "machines": len({(r.vendor, r.serial) for r in rows}),
        "customers": len({r.customer for r in rows}),
        "fabs": len({r.fab for r in rows}),
        "contracts": len(_numbers(rows)),
        "fab_countries": countries,
        "machine_vendors": vendors,
        "contract_samples": contracts,
    }


# -- writers -----------------------------------------------------------------------------------


def _xlsx(
    path: Path,
    sheet: str,
    top: list[list[Any]],
    header: list[str],
    body: list[list[Any]],
    formats: dict[int, str],
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for line in top:
        ws.append(line)
    ws.append(header)
    for line in body:
        ws.append(line)
    first = len(top) + 2
    for col, fmt in formats.items():
        for r in range(first, first + len(body)):
            ws.cell(row=r, column=col).number_format = fmt
    for col in range(1, len(header) + 1):
        letter = ws.cell(row=len(top) + 1, column=col).column_letter
        ws.column_dimensions[letter].width = max(10, min(40, len(str(header[col - 1])) + 6))
    wb.properties.creator = "SAP" if "sap" in path.name else "Export"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    _repack(buffer.getvalue(), path)


def _repack(data: bytes, path: Path) -> None:
    """Rewrite the zip with fixed entry times, so an unchanged workbook is the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the time of saving, whatever was set.
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    content,
                )
            target.writestr(fixed, content)


def _csv_text(lines: list[list[Any]], delimiter: str = ",", crlf: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\r\n" if crlf else "\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writerows(lines)
    return buffer.getvalue()


def _libreoffice(source: Path, text: str, target: Path, infilter: str) -> None:
    """Write the CSV source and have LibreOffice convert it, unless nothing changed.

    LibreOffice stamps its files with the time of conversion, so converting an unchanged source
    again would only churn the committed binary.
    """
    data = text.encode("utf-8")
    if target.exists() and source.exists() and source.read_bytes() == data:
        return
    source.write_bytes(data)
    with tempfile.TemporaryDirectory() as tmp:
        produced = _soffice(source, target.suffix.lstrip("."), Path(tmp), infilter)
        shutil.copyfile(produced, target)


def _soffice(source: Path, target_ext: str, out_dir: Path, infilter: str | None) -> Path:
    """Convert with LibreOffice headless, in a private profile so parallel runs do not clash."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target_ext, "--outdir", str(out_dir), str(source)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    produced = out_dir / f"{source.stem}.{target_ext}"
    if not produced.exists():
        sys.exit(f"LibreOffice did not write {produced.name}")
    return produced


def _us(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def _de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _oracle(d: date) -> str:
    return d.strftime("%d-%b-%Y").upper()


def _money_en(value: Decimal) -> str:
    return f"{value:,.2f}"


def _money_de(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


# -- the files ---------------------------------------------------------------------------------


@dataclass
class Built:
    file: str
    meta: dict[str, Any]
    rows: list[Record]


SAP_DESCRIPTION = {
    ASML: "LITHO SCANNER",
    AMAT: "PROCESS TOOL",
    LAM: "ETCH/DEP TOOL",
    TEL: "TRACK/ETCH TOOL",
    KLA: "INSPECTION TOOL",
    SCREEN: "WET CLEAN TOOL",
    HITACHI: "CD-SEM",
    KOKUSAI: "FURNACE",
}
SAP_MANUFACTURER_EN = {
    ASML: ["ASML Netherlands B.V."],
    AMAT: ["Applied Materials, Inc."],
    LAM: ["Lam Research Corp."],
    TEL: ["Tokyo Electron Ltd."],
    KLA: ["KLA Corporation"],
    SCREEN: ["SCREEN Semiconductor Solutions Co., Ltd."],
    HITACHI: ["Hitachi High-Tech Corporation"],
    KOKUSAI: ["KOKUSAI ELECTRIC CORPORATION"],
}
SAP_MANUFACTURER_DE = {
    ASML: ["ASML Netherlands B.V.", "ASML"],
    AMAT: ["Applied Materials GmbH", "AMAT"],
    LAM: ["Lam Research GmbH"],
    TEL: ["Tokyo Electron Europe Ltd.", "TEL"],
    KLA: ["KLA-Tencor GmbH", "KLA Corporation"],
    SCREEN: ["SCREEN SPE Germany GmbH"],
    HITACHI: ["Hitachi High-Tech Europe GmbH"],
    KOKUSAI: ["Kokusai Semiconductor Europe GmbH"],
}
COUNTRY_SAP_EN = {
    "CN": "China",
    "TW": "Taiwan",
    "KR": "South Korea",
    "US": "USA",
    "DE": "Germany",
    "SG": "Singapore",
    "JP": "Japan",
}
COUNTRY_SAP_DE = {
    "CN": "China",
    "TW": "Taiwan",
    "KR": "Südkorea",
    "US": "USA",
    "DE": "Deutschland",
    "SG": "Singapur",
    "JP": "Japan",
}


def _sold_to(customer: str) -> str:
    return f"{100_100 + sorted(CUSTOMERS).index(customer) * 7}"


def _floc(fab: Fab) -> str:
    # One functional location per fab building: country, city, then the fab's own short code.
    return f"{fab.country}-{fab.city[:3].upper()}-{fab.key.replace('_', '').upper()}"


def _sap_rows(rows: list[Record], rng: random.Random) -> list[list[Any]]:
    body = []
    for n, r in enumerate(rows):
        fab = FABS[r.fab]
        body.append(
            [
                f"{10_004_000 + n * 3:d}",
                f"{SAP_DESCRIPTION[r.vendor]} {r.model.upper()}"[:40],
                r.vendor_written,
                r.model,
                r.serial,
                _floc(fab),
                r.fab_written,
                _sold_to(r.customer),
                r.customer_written,
                r.country_written,
                fab.city,
                r.install,
                str(r.install.year - rng.choice([0, 0, 1])),
            ]
        )
    return body


def build_sap_en(out: Path, rng: random.Random) -> Built:
    """SAP PM/CS equipment list (IH08 ALV), exported to xlsx (written by openpyxl)."""
    fabs = [
        "smic_sn1",
        "smic_b2",
        "tsmc_f12a",
        "tsmc_f18",
        "sec_p1",
        "skh_m16",
        "intel_d1x",
        "mu_sg",
        "gf_malta",
        "ifx_dd",
        "kx_y7",
        "hh_fab7",
    ]
    spec = Spec(
        "sap_ih08_equipment_en.xlsx",
        120,
        fabs,
        [ASML, AMAT, LAM, TEL, KLA, HITACHI],
        country=lambda f, _r: f.country,
        customer_name=lambda c, _r: c.name,
        vendor_name=lambda v, r: r.choice(SAP_MANUFACTURER_EN[v]),
    )
    rows = build_records(spec, rng)
    # Two makers happen to use the same serial: two machines, not one.
    lam = next(r for r in rows if r.vendor == LAM)
    tel = next(r for r in rows if r.vendor == TEL)
    tel.serial = lam.serial
    header = [
        "Equipment",
        "Description",
        "Manufacturer",
        "Model number",
        "ManufSerialNo.",
        "Functional location",
        "FunctLocDescrip.",
        "Sold-to party",
        "Name 1",
        "Country",
        "City",
        "Start-up date",
        "Constr. yr",
    ]
    _xlsx(out / spec.name, "Sheet1", [], header, _sap_rows(rows, rng), {12: "MM/DD/YYYY"})
    return Built(
        spec.name,
        {
            "layout": "SAP PM/CS equipment list (IH08), English",
            "writer": "openpyxl",
            "sheet": "Sheet1",
            "header_row": 1,
            "vendor_column": "Manufacturer",
            "language": "en",
        },
        rows,
    )


def build_sap_de(out: Path, rng: random.Random) -> Built:
    """SAP PM/CS Equipmentliste (IH08) with German headings, exported to xlsx by openpyxl."""
    fabs = [
        "smic_sz",
        "smic_tj",
        "cxmt_fab1",
        "ymtc_fab1",
        "gf_dd",
        "esmc_dd",
        "bosch_dd",
        "xfab_dd",
        "tsmc_f15b",
        "skh_c2",
        "sec_xa",
        "skh_m16",
        "mu_sg",
    ]
    spec = Spec(
        "sap_ih08_equipment_de.xlsx",
        80,
        fabs,
        [ASML, AMAT, LAM, TEL, KLA, SCREEN],
        country=lambda f, _r: COUNTRY_SAP_DE[f.country],
        customer_name=lambda c, _r: c.name,
        vendor_name=lambda v, r: r.choice(SAP_MANUFACTURER_DE[v]),
    )
    rows = build_records(spec, rng)
    header = [
        "Equipment",
        "Bezeichnung",
        "Hersteller",
        "Typbezeichnung",
        "Herst.-Serialnr.",
        "Techn. Platz",
        "Bezeichnung TP",
        "Auftraggeber",
        "Name",
        "Land",
        "Ort",
        "Inbetriebnahme",
        "Baujahr",
    ]
    _xlsx(out / spec.name, "Tabelle1", [], header, _sap_rows(rows, rng), {12: "DD.MM.YYYY"})
    return Built(
        spec.name,
        {
            "layout": "SAP PM/CS Equipmentliste (IH08), Deutsch",
            "writer": "openpyxl",
            "sheet": "Tabelle1",
            "header_row": 1,
            "vendor_column": "Hersteller",
            "language": "de",
        },
        rows,
    )


def build_sap_lo(out: Path, src: Path, rng: random.Random) -> Built:
    """SAP list saved as a text file, opened and saved as xlsx by LibreOffice (its internals)."""
    fabs = [
        "tsmc_f21",
        "sec_austin",
        "mu_manassas",
        "intel_f42",
        "psmc_p3",
        "umc_12i",
        "gf_sg7",
        "skh_m15",
        "sec_s3",
        "mu_taichung",
    ]
    spec = Spec(
        "sap_ie05_equipment_en_libreoffice.xlsx",
        60,
        fabs,
        [ASML, AMAT, LAM, KLA, KOKUSAI],
        country=lambda f, _r: COUNTRY_SAP_EN[f.country],
        customer_name=lambda c, _r: c.name,
        vendor_name=lambda v, r: r.choice(SAP_MANUFACTURER_EN[v]),
    )
    rows = build_records(spec, rng)
    header = [
        "Equipment",
        "Description",
        "Manufacturer",
        "Model number",
        "ManufSerialNo.",
        "Functional location",
        "FunctLocDescrip.",
        "Sold-to party",
        "Name 1",
        "Country",
        "City",
        "Start-up date",
        "Constr. yr",
    ]
    body = _sap_rows(rows, rng)
    for line in body:
        line[11] = _de(line[11])
    top = [["Change Equipment: Equipment List"], ["Report date 01.12.2026  Plant 1000"], []]
    # Columns 1, 5 and 8 as text keep the leading zeros; column 12 read day-first.
    _libreoffice(
        src / "sap_ie05_equipment_en_libreoffice.csv",
        _csv_text([*top, header, *body]),
        out / spec.name,
        "CSV:44,34,76,1,1/2/5/2/8/2/12/4",
    )
    return Built(
        spec.name,
        {
            "layout": "SAP PM equipment list (IE05) saved as text, converted",
            "writer": "LibreOffice Calc (from src/*.csv)",
            "sheet": "sap_ie05_equipment_en_libreoffice"[:31],
            "header_row": 4,
            "vendor_column": "Manufacturer",
            "language": "en",
        },
        rows,
    )


SF_COUNTRY = {
    "CN": ["China"],
    "TW": ["Taiwan"],
    "KR": ["Korea, Republic of"],
    "US": ["United States", "USA", "US"],
    "SG": ["Singapore"],
    "JP": ["Japan"],
    "DE": ["Germany"],
}


def build_salesforce(out: Path, rng: random.Random) -> Built:
    """Salesforce Field Service asset report, 'Export Details' as CSV UTF-8 with BOM (KLA)."""
    fabs = [
        "smic_sn1",
        "smic_b2",
        "hh_fab7",
        "cxmt_fab1",
        "ymtc_fab2",
        "tsmc_f12a",
        "tsmc_f18",
        "tsmc_f21",
        "sec_p1",
        "skh_m16",
        "mu_manassas",
        "intel_d1x",
        "gf_malta",
        "mu_sg",
    ]
    spec = Spec(
        "salesforce_fsl_assets.csv",
        150,
        fabs,
        [KLA],
        # Duplicate accounts are typical of a CRM: the same company typed twice.
        country=lambda f, r: r.choice(SF_COUNTRY[f.country]),
        customer_name=lambda c, r: c.name if r.random() < 0.7 else latin_variant(c.name, r),
        vendor_name=lambda _v, _r: "",
    )
    rows = build_records(spec, rng)
    header = [
        "Asset Name",
        "Account Name",
        "Serial Number",
        "Product",
        "Install Date",
        "Location",
        "Country",
        "Status",
        "Asset Owner",
    ]
    owners = ["Jennifer Park", "Mike Chen", "Laura Becker", "Raj Patel"]
    lines: list[list[Any]] = [header]
    for r in rows:
        status = "Installed" if rng.random() < 0.9 else "Registered"
        lines.append(
            [
                f"{r.model} - {r.serial}",
                r.customer_written,
                r.serial,
                r.model,
                _us(r.install),
                r.fab_written,
                r.country_written,
                status,
                rng.choice(owners),
            ]
        )
    footer = [
        [],
        ["Confidential Information - Do Not Distribute"],
        ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
        [],
        ["Generated By:  Jennifer Park  12/1/2026 8:14 AM"],
        ["KLA Corporation"],
    ]
    text = _csv_text([*lines, *footer])
    (out / spec.name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return Built(
        spec.name,
        {
            "layout": "Salesforce Field Service Asset report export",
            "writer": "csv, UTF-8 with BOM, CRLF, report footer",
            "header_row": 1,
            "vendor_column": None,
            "file_vendor": KLA,
            "language": "en",
        },
        rows,
    )


SVMX_COUNTRY = {
    "CN": "China",
    "TW": "Taiwan",
    "KR": "Korea, Republic of",
    "US": "United States",
    "SG": "Singapore",
    "JP": "Japan",
    "DE": "Germany",
}


def build_servicemax(out: Path, rng: random.Random) -> Built:
    """ServiceMax installed products with their service contracts (Lam Research), xlsx."""
    fabs = [
        "smic_sn1",
        "smic_s1",
        "hlmc_fab6",
        "ymtc_fab1",
        "ymtc_fab2",
        "skh_c2",
        "sec_xa",
        "tsmc_f15b",
        "sec_s3",
        "skh_m15",
        "kx_k1",
        "intel_f42",
        "gf_dd",
    ]
    spec = Spec(
        "servicemax_installed_products.xlsx",
        90,
        fabs,
        [LAM],
        country=lambda f, _r: SVMX_COUNTRY[f.country],
        customer_name=lambda c, r: c.name if r.random() < 0.8 else latin_variant(c.name, r),
        vendor_name=lambda _v, _r: "",
        contracts=True,
        currency=lambda f, _r: {"JP": "JPY", "DE": "EUR"}.get(f.country, "USD"),
        services=("Full Service Agreement", "Parts Only", "PM + Labor", "Remote Support"),
        contract_number=lambda n, _r: f"SC-{2_000_400 + n * 13:08d}",
    )
    rows = build_records(spec, rng)
    header = [
        "Installed Product ID",
        "Account",
        "Site",
        "Country",
        "Serial/Lot Number",
        "Product",
        "Date Installed",
        "Status",
        "Service Contract",
        "Contract Start Date",
        "Contract End Date",
        "SLA Terms",
        "Annual Value Currency",
        "Annual Value",
    ]
    body = []
    ip_ids: dict[str, str] = {}
    for r in rows:
        ip = ip_ids.setdefault(r.serial, f"IP-{len(ip_ids) + 104_200:07d}")
        c = r.contract
        body.append(
            [
                ip,
                r.customer_written,
                r.fab_written,
                r.country_written,
                r.serial,
                r.model,
                r.install,
                "Installed",
                c.number if c else None,
                c.start if c else None,
                c.end if c else None,
                c.service if c else None,
                c.currency if c else None,
                float(c.value) if c else None,
            ]
        )
    _xlsx(
        out / spec.name,
        "Installed Products",
        [],
        header,
        body,
        {7: "M/D/YYYY", 10: "M/D/YYYY", 11: "M/D/YYYY", 14: "#,##0.00"},
    )
    return Built(
        spec.name,
        {
            "layout": "ServiceMax SVMXC__Installed_Product__c with contract",
            "writer": "openpyxl",
            "sheet": "Installed Products",
            "header_row": 1,
            "vendor_column": None,
            "file_vendor": LAM,
            "language": "en",
        },
        rows,
    )


ORACLE_COUNTRY = {
    "CN": "China",
    "TW": "Taiwan",
    "KR": "Korea, Republic of",
    "US": "United States",
    "SG": "Singapore",
    "JP": "Japan",
    "DE": "Germany",
}
ORACLE_ITEM = {
    "Endura": ("ENDURA-2-300", "Endura PVD platform, 300mm"),
    "Centris Sym3": ("CENTRIS-SYM3-300", "Centris Sym3 conductor etch system"),
    "Producer GT": ("PRODUCER-GT-300", "Producer GT PECVD system"),
    "Centura Epi": ("CENTURA-EPI-300", "Centura Epi RP system"),
    "Reflexion LK Prime": ("REFLEXION-LK-PRIME", "Reflexion LK Prime CMP system"),
    "VIISta 900XP": ("VIISTA-900XP", "VIISta 900XP medium-current implanter"),
    "Vantage Radiance Plus": ("VANTAGE-RADIANCE-PLUS", "Vantage Radiance Plus RTP system"),
    "PROVision 3E": ("PROVISION-3E", "PROVision 3E e-beam metrology system"),
    "Olympia": ("OLYMPIA-ALD-300", "Olympia ALD system"),
}


def build_oracle(out: Path, rng: random.Random) -> Built:
    """Oracle Install Base item instance report (Applied Materials), CSV with a title block."""
    fabs = [
        "smic_sn1",
        "smic_b2",
        "smic_sz",
        "nexchip_n2",
        "cxmt_fab1",
        "tsmc_f16",
        "tsmc_f12a",
        "sec_p1",
        "skh_m16",
        "mu_taichung",
        "intel_f42",
        "ifx_dd",
        "mu_hiroshima",
    ]
    spec = Spec(
        "oracle_install_base_instances.csv",
        70,
        fabs,
        [AMAT],
        country=lambda f, _r: ORACLE_COUNTRY[f.country],
        customer_name=lambda c, _r: c.name.upper(),
        vendor_name=lambda _v, _r: "",
        contracts=True,
        currency=lambda _f, _r: "USD",
        services=("Gold", "Silver", "Bronze"),
        contract_number=lambda n, _r: f"{40_118_000 + n * 7}",
    )
    rows = build_records(spec, rng)
    for r in rows:
        r.extra["model_as_written"] = ORACLE_ITEM[r.model][0]
    header = [
        "Instance Number",
        "Item",
        "Item Description",
        "Serial Number",
        "Owner Party Name",
        "Owner Account Number",
        "Install Location",
        "Country",
        "Install Date",
        "Instance Status",
        "Contract Number",
        "Coverage",
        "Contract End Date",
        "Contract Amount",
    ]
    top = [
        ["Applied Materials, Inc."],
        ["Installed Base Item Instances by Customer"],
        ["Run Date: 01-DEC-2026 06:12:44", "", "Page: 1"],
        ["Parameters: Instance Status = ALL; Item Type = TOOL; Operating Unit = AMAT US OU"],
        [],
    ]
    lines: list[list[Any]] = [*top, header]
    instances: dict[str, int] = {}
    for r in rows:
        instance = instances.setdefault(r.serial, 8_810_000 + len(instances) * 11)
        item, description = ORACLE_ITEM[r.model]
        c = r.contract
        lines.append(
            [
                instance,
                item,
                description,
                r.serial,
                r.customer_written,
                f"{2_000 + sorted(CUSTOMERS).index(r.customer)}",
                f"{r.fab_written}, {FABS[r.fab].city}",
                r.country_written,
                _oracle(r.install),
                "INSTALLED",
                c.number if c else "",
                c.service if c else "",
                _oracle(c.end) if c else "",
                f"USD {_money_en(c.value)}" if c else "",
            ]
        )
    lines += [[], ["*** End of Report ***"]]
    (out / spec.name).write_text(_csv_text(lines), encoding="utf-8", newline="")
    return Built(
        spec.name,
        {
            "layout": "Oracle Install Base (CSI) item instance report",
            "writer": "csv, UTF-8, title block, DD-MON-YYYY dates",
            "header_row": 6,
            "vendor_column": None,
            "file_vendor": AMAT,
            "language": "en",
        },
        rows,
    )


JA_COUNTRY = {
    "CN": "中国",
    "TW": "台湾",
    "KR": "韓国",
    "US": "米国",
    "JP": "日本",
    "SG": "シンガポール",
    "DE": "ドイツ",
}


def build_japanese(out: Path, rng: random.Random) -> Built:
    """A Japanese maker's installed-base list (TEL), xlsx with a title above the header."""
    fabs = [
        "kx_y7",
        "kx_k1",
        "sony_kumamoto",
        "jasm_f23",
        "mu_hiroshima",
        "tsmc_f12a",
        "tsmc_f18",
        "sec_p1",
        "smic_sn1",
        "cxmt_fab1",
        "skh_dl",
        "intel_f42",
    ]
    spec = Spec(
        "tel_installed_base_ja.xlsx",
        60,
        fabs,
        [TEL],
        country=lambda f, _r: JA_COUNTRY[f.country],
        customer_name=lambda c, r: (
            ja_variant(c.local["ja"], r) if "ja" in c.local else latin_variant(c.name, r)
        ),
        fab_name=lambda f: f.local.get("ja", f.name),
        vendor_name=lambda _v, _r: "",
        contracts=True,
        currency=lambda f, _r: "JPY" if f.country == "JP" else "USD",
        services=("フルサービス", "部品供給", "予防保全", "保守・部品"),
        contract_number=lambda n, _r: f"TK-{24_000 + n * 3}",
    )
    rows = build_records(spec, rng)
    header = [
        "顧客名",
        "工場/サイト",
        "国",
        "装置型式",
        "製造番号",
        "設置日",
        "契約番号",
        "契約種別",
        "契約終了日",
        "年間契約金額",
        "通貨",
    ]
    body = []
    for r in rows:
        c = r.contract
        body.append(
            [
                r.customer_written,
                r.fab_written,
                r.country_written,
                r.model,
                r.serial,
                r.install,
                c.number if c else None,
                c.service if c else None,
                c.end if c else None,
                int(c.value) if c else None,
                c.currency if c else None,
            ]
        )
    top = [["設置装置一覧（2026年11月末現在）"], []]
    _xlsx(
        out / spec.name,
        "設置一覧",
        top,
        header,
        body,
        {6: "yyyy/mm/dd", 9: "yyyy/mm/dd", 10: "#,##0"},
    )
    return Built(
        spec.name,
        {
            "layout": "Japanese service system installed-base list",
            "writer": "openpyxl",
            "sheet": "設置一覧",
            "header_row": 3,
            "vendor_column": None,
            "file_vendor": TEL,
            "language": "ja",
        },
        rows,
    )


KO_COUNTRY = {
    "CN": ["중국"],
    "TW": ["대만"],
    "KR": ["대한민국", "한국"],
    "US": ["미국"],
    "JP": ["일본"],
    "SG": ["싱가포르"],
    "DE": ["독일"],
}
KO_VENDOR = {
    ASML: ["ASML", "에이에스엠엘"],
    AMAT: ["어플라이드 머티어리얼즈", "AMAT"],
    LAM: ["램리서치", "Lam Research"],
    TEL: ["도쿄일렉트론", "TEL"],
    KLA: ["KLA"],
}


def build_korean(out: Path, rng: random.Random) -> Built:
    """A Korean service company's multi-maker list (제조사 column), xlsx, text dates."""
    fabs = ["sec_p1", "sec_s3", "skh_m16", "skh_m15", "db_fab1", "sec_xa", "skh_c2"]
    spec = Spec(
        "installed_base_ko.xlsx",
        50,
        fabs,
        [ASML, AMAT, LAM, TEL, KLA],
        country=lambda f, r: r.choice(KO_COUNTRY[f.country]),
        customer_name=lambda c, r: ko_variant(c.local.get("ko", c.name), r),
        fab_name=lambda f: f.local.get("ko", f.name),
        vendor_name=lambda v, r: r.choice(KO_VENDOR[v]),
        contracts=True,
        currency=lambda f, _r: "KRW" if f.country == "KR" else "USD",
        services=("정기점검", "부품공급", "풀서비스"),
        contract_number=lambda n, _r: f"KS-2024-{n * 5:04d}",
    )
    rows = build_records(spec, rng)
    header = [
        "고객사",
        "사이트",
        "국가",
        "제조사",
        "모델",
        "시리얼 번호",
        "설치일",
        "계약번호",
        "서비스 범위",
        "계약종료일",
        "연간 계약금액",
        "통화",
    ]
    body = []
    for r in rows:
        c = r.contract
        body.append(
            [
                r.customer_written,
                r.fab_written,
                r.country_written,
                r.vendor_written,
                r.model,
                r.serial,
                r.install.strftime("%Y.%m.%d"),
                c.number if c else None,
                c.service if c else None,
                c.end.strftime("%Y.%m.%d") if c else None,
                int(c.value) if c else None,
                c.currency if c else None,
            ]
        )
    _xlsx(
        out / spec.name,
        "Sheet1",
        [["장비 설치 현황 (2026.11.30 기준)"]],
        header,
        body,
        {11: "#,##0"},
    )
    return Built(
        spec.name,
        {
            "layout": "Korean service company installed-base list",
            "writer": "openpyxl",
            "sheet": "Sheet1",
            "header_row": 2,
            "vendor_column": "제조사",
            "language": "ko",
        },
        rows,
    )


ZH_COUNTRY = ["中国", "中国大陆", "中华人民共和国"]


def build_chinese(out: Path, rng: random.Random) -> Built:
    """ASML China's service list in Chinese: no maker column, CN fabs only, xlsx."""
    fabs = [
        "smic_sn1",
        "smic_s1",
        "smic_b2",
        "smic_sz",
        "smic_tj",
        "hh_fab7",
        "hlmc_fab6",
        "cxmt_fab1",
        "ymtc_fab1",
        "nexchip_n2",
        "tsmc_f16",
        "sec_xa",
        "skh_c2",
        "skh_dl",
    ]
    spec = Spec(
        "asml_china_installed_base_zh.xlsx",
        70,
        fabs,
        [ASML],
        country=lambda _f, r: r.choice(ZH_COUNTRY),
        customer_name=lambda c, r: zh_variant(c.local["zh"], r),
        fab_name=lambda f: f.local.get("zh", f.name),
        vendor_name=lambda _v, _r: "",
        contracts=True,
        currency=lambda _f, r: r.choice(["EUR", "EUR", "CNY", "USD"]),
        services=("全面服务", "备件供应", "预防性维护", "软件升级"),
        contract_number=lambda n, _r: f"CN-SA-{2023 + n % 3}-{n * 11:05d}",
    )
    rows = build_records(spec, rng)
    header = [
        "客户名称",
        "工厂",
        "国家",
        "设备型号",
        "序列号",
        "安装日期",
        "合同编号",
        "服务类型",
        "合同开始日期",
        "合同结束日期",
        "年度合同金额",
        "币种",
    ]
    body = []
    for r in rows:
        c = r.contract
        body.append(
            [
                r.customer_written,
                r.fab_written,
                r.country_written,
                r.model,
                r.serial,
                r.install.isoformat(),
                c.number if c else None,
                c.service if c else None,
                f"{c.start.year}年{c.start.month}月{c.start.day}日" if c else None,
                f"{c.end.year}年{c.end.month}月{c.end.day}日" if c else None,
                _money_en(c.value) if c else None,
                c.currency if c else None,
            ]
        )
    _xlsx(out / spec.name, "Sheet1", [], header, body, {})
    return Built(
        spec.name,
        {
            "layout": "Chinese service list (ASML China)",
            "writer": "openpyxl",
            "sheet": "Sheet1",
            "header_row": 1,
            "vendor_column": None,
            "file_vendor": ASML,
            "language": "zh",
        },
        rows,
    )


DE_COUNTRY = {
    "CN": ["VR China", "Volksrepublik China", "China"],
    "TW": ["Taiwan"],
    "KR": ["Südkorea", "Südkorea", "Korea, Republik"],
    "US": ["USA", "Vereinigte Staaten"],
    "DE": ["Deutschland"],
    "SG": ["Singapur"],
    "JP": ["Japan"],
}
DE_VENDOR = {
    ASML: ["ASML", "ASML Netherlands B.V."],
    AMAT: ["Applied Materials"],
    KLA: ["KLA-Tencor", "KLA"],
    SCREEN: ["SCREEN"],
    TEL: ["Tokyo Electron"],
}


def build_german_csv(out: Path, rng: random.Random) -> Built:
    """A flat German list as Excel (DE) saves CSV: ';', decimal commas, Windows-1252, CRLF."""
    fabs = [
        "ifx_dd",
        "gf_dd",
        "bosch_dd",
        "xfab_dd",
        "esmc_dd",
        "smic_b2",
        "hh_fab7",
        "sec_s3",
        "tsmc_f15b",
        "intel_d1x",
        "mu_sg",
    ]
    spec = Spec(
        "installierte_basis_de_semikolon_cp1252.csv",
        40,
        fabs,
        [ASML, AMAT, KLA, SCREEN, TEL],
        country=lambda f, r: r.choice(DE_COUNTRY[f.country]),
        customer_name=lambda c, r: latin_variant(c.name, r),
        vendor_name=lambda v, r: r.choice(DE_VENDOR[v]),
        contracts=True,
        currency=lambda _f, r: r.choice(["EUR", "EUR", "USD"]),
        services=("Vollwartung", "Ersatzteile", "Inspektion", "Software-Updates"),
        contract_number=lambda n, _r: f"WV-{n * 4 + 1_100}",
    )
    rows = build_records(spec, rng)
    header = [
        "Kunde",
        "Werk",
        "Land",
        "Hersteller",
        "Anlagentyp",
        "Seriennummer",
        "Inbetriebnahme",
        "Vertragsnr.",
        "Leistungsumfang",
        "Vertragsbeginn",
        "Vertragsende",
        "Jahreswert",
        "Währung",
    ]
    lines: list[list[Any]] = [["Installierte Basis – Stand 30.11.2026"], header]
    for r in rows:
        c = r.contract
        lines.append(
            [
                r.customer_written,
                r.fab_written,
                r.country_written,
                r.vendor_written,
                r.model,
                r.serial,
                _de(r.install),
                c.number if c else "",
                c.service if c else "",
                _de(c.start) if c else "",
                _de(c.end) if c else "",
                _money_de(c.value) if c else "",
                c.currency if c else "",
            ]
        )
    text = _csv_text(lines, delimiter=";")
    (out / spec.name).write_bytes(text.encode("cp1252"))
    return Built(
        spec.name,
        {
            "layout": "German flat CSV (Excel DE)",
            "writer": "csv, ';', cp1252, CRLF, title row",
            "header_row": 2,
            "vendor_column": "Hersteller",
            "language": "de",
        },
        rows,
    )


ODS_COUNTRY = {
    "CN": ["China", "CN", "PRC"],
    "TW": ["Taiwan, Province of China", "Taiwan"],
    "KR": ["Korea, Republic of", "South Korea"],
    "US": ["USA"],
    "SG": ["Singapore"],
    "JP": ["Japan"],
    "DE": ["Germany"],
}
ODS_VENDOR = {
    ASML: ["ASML"],
    LAM: ["Lam", "LAM RESEARCH"],
    TEL: ["TEL", "Tokyo Electron"],
    KLA: ["KLA"],
    HITACHI: ["Hitachi High-Tech", "HHT"],
}


def build_ods(out: Path, src: Path, rng: random.Random) -> Built:
    """A hand-kept service spreadsheet saved by LibreOffice as .ods (OEM column, contracts)."""
    fabs = [
        "smic_sn1",
        "ymtc_fab2",
        "cxmt_fab1",
        "tsmc_f12a",
        "psmc_p3",
        "sec_p1",
        "skh_m16",
        "mu_sg",
        "umc_12i",
        "kx_y7",
        "gf_malta",
    ]
    spec = Spec(
        "service_spreadsheet_libreoffice.ods",
        30,
        fabs,
        [ASML, LAM, TEL, KLA, HITACHI],
        country=lambda f, r: r.choice(ODS_COUNTRY[f.country]),
        customer_name=lambda c, r: latin_variant(c.name, r),
        vendor_name=lambda v, r: r.choice(ODS_VENDOR[v]),
        contracts=True,
        currency=lambda _f, r: r.choice(["USD", "EUR"]),
        services=("PM", "Spare Parts", "SW updates", "Full service"),
        contract_number=lambda n, _r: f"SA-{2025}-{n:03d}",
    )
    rows = build_records(spec, rng)
    header = [
        "Customer",
        "Fab",
        "Country",
        "OEM",
        "Tool type",
        "S/N",
        "Installed",
        "Contract #",
        "Coverage",
        "Start",
        "End",
        "Annual value",
        "Curr.",
    ]
    lines: list[list[Any]] = [["Field service – installed tools (shared sheet)"], header]
    for r in rows:
        c = r.contract
        lines.append(
            [
                r.customer_written,
                r.fab_written,
                r.country_written,
                r.vendor_written,
                r.model,
                r.serial,
                r.install.strftime("%d/%m/%Y"),
                c.number if c else "",
                c.service if c else "",
                c.start.strftime("%d/%m/%Y") if c else "",
                c.end.strftime("%d/%m/%Y") if c else "",
                f"{c.value:.2f}" if c else "",
                c.currency if c else "",
            ]
        )
    # S/N as text; the three date columns day-first; the amount as a number (US decimal point).
    _libreoffice(
        src / "service_spreadsheet_libreoffice.csv",
        _csv_text(lines),
        out / spec.name,
        "CSV:44,34,76,1,6/2/7/4/8/2/10/4/11/4/12/1",
    )
    return Built(
        spec.name,
        {
            "layout": "Hand-kept service spreadsheet",
            "writer": "LibreOffice Calc (from src/*.csv)",
            "sheet": "service_spreadsheet_libreoffice",
            "header_row": 2,
            "vendor_column": "OEM",
            "language": "en",
        },
        rows,
    )


BUILDERS: list[Callable[..., Built]] = [
    build_sap_en,
    build_sap_de,
    build_sap_lo,
    build_salesforce,
    build_servicemax,
    build_oracle,
    build_japanese,
    build_korean,
    build_chinese,
    build_german_csv,
    build_ods,
]


def build_all(out: Path) -> dict[str, Any]:
    src = out / "src"
    src.mkdir(parents=True, exist_ok=True)
    files = []
    for index, builder in enumerate(BUILDERS):
        # One generator per file, seeded from the corpus seed and the file's place, so changing
        # one file's rows leaves the others as they are.
        rng = random.Random(SEED * 100 + index)
        if builder in (build_sap_lo, build_ods):
            built = builder(out, src, rng)
        else:
            built = builder(out, rng)
        expected = expectations(built.rows, rng)
        files.append({"file": built.file, **built.meta, **expected})
    return {
        "about": "Held-out evaluation corpus; see README.md. Counts are what a careful human "
        "expects in an EMPTY book after importing the one file; derived from the generator's "
        "records by make_layouts.py, not from the importer.",
        "seed": SEED,
        "counting": {
            "rows": "data rows under the header (no title, blank or footer lines)",
            "machines": "distinct (vendor, serial)",
            "customers": "distinct legal entities; spellings that differ only in case, "
            "spacing, punctuation or legal form (Co., Ltd. / Corp. / (주) / 株式会社) are one",
            "fabs": "distinct sites (fab buildings) named in the file",
            "contracts": "distinct contract numbers",
        },
        "files": files,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild in a temporary folder and compare text files and manifest",
    )
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            manifest = build_all(Path(tmp))
            # Everything but the two files LibreOffice stamps with its conversion time; their
            # CSV sources in src/ are compared instead.
            names = [
                f["file"] for f in manifest["files"] if not f["writer"].startswith("LibreOffice")
            ]
            names += [str(p.relative_to(tmp)) for p in sorted((Path(tmp) / "src").iterdir())]
            stale = [n for n in names if (Path(tmp) / n).read_bytes() != (HERE / n).read_bytes()]
        committed = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
        if committed != manifest:
            stale.append("manifest.json")
        print("stale: " + ", ".join(stale) if stale else "corpus is up to date")
        return 1 if stale else 0
    manifest = build_all(args.out)
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(manifest['files'])} files and manifest.json to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
