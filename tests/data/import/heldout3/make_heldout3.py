"""Regenerate the held-out installed-base corpus ``heldout3`` and its ``manifest.json``.

Why this exists: the importer is tuned on the layouts its team has seen. These files imitate
exports of systems and people the team has *not* tuned on (see README.md for the source of
each layout), so that a run over them measures how the importer does on unseen files.

Everything is generated here from seeded random choices: no third-party data is copied.
Customer and vendor names are public company names; serial numbers, dates, contract numbers
and values are invented. Run from any directory::

    python make_heldout3.py            # writes the files next to this script

Two files are written by LibreOffice (``soffice --headless --convert-to``), which must be
on PATH. Zip timestamps and document-property dates are pinned so that a rerun gives the
same data; LibreOffice's own XML may still differ between LibreOffice versions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2026, 11, 30, 9, 0, 0)
FIXED_ISO = "2026-11-30T09:00:00Z"
EXPORT_DAY = dt.date(2026, 11, 30)

# ---------------------------------------------------------------------------------------------
# Domain pools (public company and product names; everything else is invented)
# ---------------------------------------------------------------------------------------------

MODELS: dict[str, list[str]] = {
    "ASML": ["NXT:2000i", "NXT:1980Di", "NXT:1470", "XT:860M", "XT:400L", "YieldStar 380G"],
    "Applied Materials": [
        "Endura Clover",
        "Centura Epi",
        "Producer GT",
        "Sym3 Y",
        "Olympia",
        "VeritySEM 6i",
    ],
    "Lam Research": ["Kiyo FX", "Flex G", "Vector Strata", "Striker FE", "Sabre 3D", "ALTUS Max"],
    "Tokyo Electron": [
        "Tactras Vigus",
        "CELLESTA-i",
        "LITHIUS Pro Z",
        "TELINDY PLUS",
        "Episode UL",
    ],
    "KLA": ["Surfscan SP7", "Archer 750", "eDR7380", "SpectraShape 11k", "29xx Broadband"],
    "SCREEN": ["SU-3300", "SS-3200", "FC-3100", "DT-3000", "LA-3100"],
    "Hitachi High-Tech": ["CG7300", "CG6300", "GT2000", "LS9300AD"],
    "ASM International": ["A412 Plus", "Eagle XP8", "Pulsar XP", "Epsilon 2000", "Intrepid ESA"],
    "Kokusai Electric": ["TSURUGI-C2", "AdvancedAce II", "QUIXACE ULTIMATE"],
    "Canon": ["FPA-6300ES6a", "FPA-5550iZ2", "FPA-3030i5a"],
    "Nikon": ["NSR-S635E", "NSR-S322F", "NSR-S220D"],
    "Advantest": ["V93000", "T2000", "T5833", "E3650"],
    "AIXTRON": ["AIX G5+ C", "AIX 2800G4-TM", "G10-SiC", "G10-GaN", "AIX R6"],
    "SUSS MicroTec": ["MA/BA Gen5", "ACS200 Gen3", "XBS300", "LithoPack300"],
    # small or invented vendors whose models no catalogue knows
    "PSK": ["SUPRA Vplus", "GENEVA XP"],
    "Wonik IPS": ["NOA-300", "MAHA-SP"],
    "Nordvakuum": ["NV-450 Anneal", "NV-220 Bake"],
    "HelioMetrix": ["HM-8 Inspect", "HM-12 Overlay"],
}


@dataclass(frozen=True)
class Fab:
    """One site of a customer, as the generator knows it (the truth, in English)."""

    key: str
    customer: str  # customer key
    name: str
    city: str
    country: str  # ISO 3166 alpha-2


@dataclass(frozen=True)
class Customer:
    key: str
    name: str  # canonical legal name
    hq: str


CUSTOMERS = {
    c.key: c
    for c in [
        Customer(
            "smic_sh", "Semiconductor Manufacturing International (Shanghai) Corporation", "CN"
        ),
        Customer("smic_bj", "Semiconductor Manufacturing North China (Beijing) Corporation", "CN"),
        Customer("hhgrace", "Shanghai Huahong Grace Semiconductor Manufacturing Corporation", "CN"),
        Customer("hh_wuxi", "Hua Hong Semiconductor (Wuxi) Limited", "CN"),
        Customer("ymtc", "Yangtze Memory Technologies Co., Ltd.", "CN"),
        Customer("cxmt", "ChangXin Memory Technologies, Inc.", "CN"),
        Customer("nexchip", "Nexchip Semiconductor Corporation", "CN"),
        Customer("tsmc", "Taiwan Semiconductor Manufacturing Company Limited", "TW"),
        Customer("umc", "United Microelectronics Corporation", "TW"),
        Customer("psmc", "Powerchip Semiconductor Manufacturing Corporation", "TW"),
        Customer("jasm", "Japan Advanced Semiconductor Manufacturing, Inc.", "JP"),
        Customer("samsung", "Samsung Electronics Co., Ltd.", "KR"),
        Customer("sas", "Samsung Austin Semiconductor, LLC", "US"),
        Customer("skhynix", "SK hynix Inc.", "KR"),
        Customer("skh_cn", "SK hynix Semiconductor (China) Ltd.", "CN"),
        Customer("dbhitek", "DB HiTek Co., Ltd.", "KR"),
        Customer("micron", "Micron Technology, Inc.", "US"),
        Customer("micron_sg", "Micron Semiconductor Asia Operations Pte. Ltd.", "SG"),
        Customer("intel_ie", "Intel Ireland Limited", "IE"),
        Customer("ti", "Texas Instruments Incorporated", "US"),
        Customer("kioxia", "Kioxia Corporation", "JP"),
        Customer("renesas", "Renesas Electronics Corporation", "JP"),
        Customer("sony", "Sony Semiconductor Manufacturing Corporation", "JP"),
        Customer("infineon", "Infineon Technologies AG", "DE"),
        Customer("infineon_dd", "Infineon Technologies Dresden GmbH & Co. OHG", "DE"),
        Customer("gf", "GlobalFoundries Inc.", "US"),
        Customer("gf_dd", "GLOBALFOUNDRIES Dresden Module One LLC & Co. KG", "DE"),
        Customer("gf_sg", "GLOBALFOUNDRIES Singapore Pte. Ltd.", "SG"),
        Customer("bosch", "Robert Bosch GmbH", "DE"),
        Customer("nxp", "NXP Semiconductors Netherlands B.V.", "NL"),
        Customer("xfab_dd", "X-FAB Dresden GmbH & Co. KG", "DE"),
        Customer("xfab_tx", "X-FAB Texas, Inc.", "US"),
        Customer("umc_sg", "UMC Singapore Branch", "SG"),
        Customer("sanan", "Xiamen San'an Integrated Circuit Co., Ltd.", "CN"),
        Customer("wolfspeed", "Wolfspeed, Inc.", "US"),
    ]
}

FABS = {
    f.key: f
    for f in [
        Fab("smic_sh8", "smic_sh", "SMIC Shanghai Fab 8", "Shanghai", "CN"),
        Fab("smic_b2", "smic_bj", "SMIC Beijing Fab B2", "Beijing", "CN"),
        Fab("hh_f1", "hhgrace", "HHGrace Fab 1 Zhangjiang", "Shanghai", "CN"),
        Fab("hh_f7", "hh_wuxi", "Hua Hong Fab 7", "Wuxi", "CN"),
        Fab("ymtc_wh", "ymtc", "YMTC Wuhan Fab 1", "Wuhan", "CN"),
        Fab("cxmt_hf", "cxmt", "CXMT Hefei Fab 1", "Hefei", "CN"),
        Fab("nexchip_hf", "nexchip", "Nexchip N2", "Hefei", "CN"),
        Fab("tsmc_12a", "tsmc", "Fab 12A", "Hsinchu", "TW"),
        Fab("tsmc_14", "tsmc", "Fab 14", "Tainan", "TW"),
        Fab("tsmc_15", "tsmc", "Fab 15", "Taichung", "TW"),
        Fab("umc_12a", "umc", "Fab 12A", "Tainan", "TW"),
        Fab("psmc_p3", "psmc", "P3", "Hsinchu", "TW"),
        Fab("jasm_k", "jasm", "JASM Kumamoto Fab 1", "Kikuyo", "JP"),
        Fab("ss_hw", "samsung", "Hwaseong Line 16", "Hwaseong", "KR"),
        Fab("ss_pt", "samsung", "Pyeongtaek P2", "Pyeongtaek", "KR"),
        Fab("sas_austin", "sas", "Austin S2", "Austin", "US"),
        Fab("skh_m16", "skhynix", "M16", "Icheon", "KR"),
        Fab("skh_m15", "skhynix", "M15", "Cheongju", "KR"),
        Fab("skh_c2", "skh_cn", "C2", "Wuxi", "CN"),
        Fab("db_fab2", "dbhitek", "Fab 2", "Eumseong", "KR"),
        Fab("mu_boise", "micron", "Boise Fab 4", "Boise", "US"),
        Fab("mu_manassas", "micron", "Manassas Fab 6", "Manassas", "US"),
        Fab("mu_sg", "micron_sg", "Fab 10N", "Singapore", "SG"),
        Fab("intel_f24", "intel_ie", "Fab 24", "Leixlip", "IE"),
        Fab("ti_rfab", "ti", "RFAB", "Richardson", "US"),
        Fab("kx_yk", "kioxia", "Yokkaichi Fab 7", "Yokkaichi", "JP"),
        Fab("kx_kt", "kioxia", "Kitakami K1", "Kitakami", "JP"),
        Fab("rn_naka", "renesas", "Naka Factory", "Hitachinaka", "JP"),
        Fab("sony_k", "sony", "Kumamoto Technology Center", "Kikuyo", "JP"),
        Fab("ifx_rgb", "infineon", "Regensburg", "Regensburg", "DE"),
        Fab("ifx_dd", "infineon_dd", "Dresden 300", "Dresden", "DE"),
        Fab("gf_malta", "gf", "Fab 8", "Malta", "US"),
        Fab("gf_dd1", "gf_dd", "Fab 1", "Dresden", "DE"),
        Fab("gf_sg7", "gf_sg", "Fab 7", "Singapore", "SG"),
        Fab("bosch_rt", "bosch", "Wafer Fab Reutlingen", "Reutlingen", "DE"),
        Fab("bosch_dd", "bosch", "Wafer Fab Dresden", "Dresden", "DE"),
        Fab("nxp_nij", "nxp", "ICN8 Nijmegen", "Nijmegen", "NL"),
        Fab("xfab_dd", "xfab_dd", "X-FAB Dresden", "Dresden", "DE"),
        Fab("xfab_lbk", "xfab_tx", "X-FAB Lubbock", "Lubbock", "US"),
        Fab("umc_12i", "umc_sg", "Fab 12i", "Singapore", "SG"),
        Fab("sanan_xm", "sanan", "San'an Xiamen SiC", "Xiamen", "CN"),
        Fab("wolf_mv", "wolfspeed", "Mohawk Valley Fab", "Marcy", "US"),
    ]
}

SERVICE_TYPES = [
    "preventive maintenance",
    "corrective repair",
    "spare parts",
    "software updates",
    "remote diagnostics",
    "on-site engineer support",
    "training",
]


@dataclass
class Line:
    contract: str
    service: str
    start: dt.date
    end: dt.date
    value: float
    currency: str


@dataclass
class Machine:
    serial: str
    vendor: str
    model: str
    fab: Fab
    install: dt.date
    lines: list[Line] = field(default_factory=list)

    @property
    def customer(self) -> Customer:
        return CUSTOMERS[self.fab.customer]


# ---------------------------------------------------------------------------------------------
# Generation helpers
# ---------------------------------------------------------------------------------------------


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def make_serial(rng: random.Random, vendor: str) -> str:
    """Serial numbers in the shape each vendor's plates look like (invented values)."""
    n = rng.randrange(1000, 99999)
    if vendor == "ASML":
        return f"{rng.choice(['M', 'J'])}{n:05d}"
    if vendor == "Applied Materials":
        return f"EP{n:06d}"
    if vendor == "Lam Research":
        return f"{rng.randrange(10, 99)}-{n:05d}-{rng.randrange(10, 99)}"
    if vendor == "Tokyo Electron":
        return f"T{rng.randrange(100, 999)}{n:05d}"
    if vendor in ("SCREEN", "Kokusai Electric", "Canon", "Nikon", "Hitachi High-Tech"):
        return f"{n:07d}"  # leading zeros matter
    if vendor == "Advantest":
        return f"AD{rng.randrange(1, 9)}{n:05d}"
    if vendor == "AIXTRON":
        return f"AX-{rng.randrange(2015, 2026)}-{n % 1000:03d}"
    if vendor == "SUSS MicroTec":
        return f"{n:06d}"
    return f"{vendor[:2].upper()}{n:06d}"


def make_machines(
    rng: random.Random, fabs: list[str], vendors: list[str], n: int, used: set[str]
) -> list[Machine]:
    out: list[Machine] = []
    while len(out) < n:
        vendor = rng.choice(vendors)
        serial = make_serial(rng, vendor)
        if serial in used:
            continue
        used.add(serial)
        out.append(
            Machine(
                serial=serial,
                vendor=vendor,
                model=rng.choice(MODELS[vendor]),
                fab=FABS[rng.choice(fabs)],
                install=rand_date(rng, dt.date(2014, 1, 1), dt.date(2025, 10, 31)),
            )
        )
    return out


def add_contracts(
    rng: random.Random,
    machines: list[Machine],
    prefix: str,
    currency_of: dict[str, str],
    services: list[str],
    max_lines: int = 3,
    coverage: float = 1.0,
) -> None:
    """One contract per customer (two for big customers); 1..max_lines service lines per machine."""
    by_cust: dict[str, list[Machine]] = {}
    for m in machines:
        by_cust.setdefault(m.fab.customer, []).append(m)
    seq = rng.randrange(1000, 5000)
    for ckey in sorted(by_cust):
        group = by_cust[ckey]
        n_contracts = 2 if len(group) >= 6 else 1
        numbers = []
        for _ in range(n_contracts):
            seq += rng.randrange(1, 40)
            start = dt.date(rng.choice([2024, 2025, 2026]), rng.choice([1, 4, 7, 10]), 1)
            end = dt.date(start.year + rng.choice([1, 2, 3]), start.month, 1) - dt.timedelta(days=1)
            numbers.append((f"{prefix}{seq}", start, end))
        for i, m in enumerate(group):
            if rng.random() > coverage:
                continue
            number, start, end = numbers[i % n_contracts]
            cur = currency_of.get(m.fab.country, "USD")
            k = rng.randint(1, max_lines)
            for service in rng.sample(services, k):
                base = rng.randrange(20, 400) * 1000
                if cur in ("JPY", "KRW"):
                    base *= 100 if cur == "JPY" else 1000
                if cur == "CNY":
                    base *= 7
                value = round(
                    base + rng.randrange(0, 100) * (10 if cur in ("JPY", "KRW") else 1.25), 2
                )
                m.lines.append(Line(number, service, start, end, value, cur))


def truth(
    machines: list[Machine],
    rows: int,
    own: str | None,
    system: str,
    writer: str,
    rng: random.Random,
    customers: int | None = None,
    vendor_column: bool | None = None,
) -> dict[str, Any]:
    contracts = {ln.contract for m in machines for ln in m.lines}
    sample = rng.sample(machines, min(5, len(machines)))
    return {
        "rows": rows,
        "machines": len(machines),
        "customers": customers
        if customers is not None
        else len({m.fab.customer for m in machines}),
        "fabs": len({m.fab.key for m in machines}),
        "contracts": len(contracts),
        "own_company": own,
        # does the file name each machine's vendor? (if not, import with --own-company)
        "vendor_column": vendor_column if vendor_column is not None else own is None,
        "system": system,
        "writer": writer,
        "samples": [
            {"serial": m.serial, "vendor": m.vendor, "model": m.model, "country": m.fab.country}
            for m in sample
        ],
    }


def pin_zip(path: Path) -> None:
    """Rewrite a zip container with fixed entry times and pinned document dates (reproducible)."""
    with zipfile.ZipFile(path) as src:
        entries = [(i, src.read(i.filename)) for i in src.infolist()]
    date_re = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?")
    with zipfile.ZipFile(path, "w") as dst:
        for info, raw in entries:
            data = raw
            if info.filename in ("docProps/core.xml", "meta.xml"):
                data = date_re.sub(FIXED_ISO.encode(), data)
                data = re.sub(rb"<meta:editing-duration>[^<]*</meta:editing-duration>", b"", data)
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            dst.writestr(new, data)


def save_wb(wb: Workbook, path: Path) -> None:
    wb.properties.creator = "generated"
    wb.properties.created = dt.datetime(2026, 11, 30, 9, 0, 0)
    wb.properties.modified = dt.datetime(2026, 11, 30, 9, 0, 0)
    wb.save(path)
    pin_zip(path)


def libreoffice_convert(src: Path, fmt: str, dest: Path) -> None:
    """Let LibreOffice Calc write ``dest`` (so the bytes are LibreOffice's, not openpyxl's)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write " + dest.name)
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                out,
                str(src),
            ],
            check=True,
            capture_output=True,
        )
        produced = next(Path(out).iterdir())
        shutil.move(str(produced), dest)
    pin_zip(dest)


def write_csv(
    path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",", crlf: bool = True
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


# ---------------------------------------------------------------------------------------------
# The files
# ---------------------------------------------------------------------------------------------


def f_maximo(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """IBM Maximo MIF flat file of the MXASSET object structure, from a fab operator's Maximo.

    Maximo keeps manufacturers as company codes, the model as the rotating item number, sites
    as site IDs; the first line names the interface, the second holds attribute names.
    """
    name = "maximo_mxasset_flatfile.csv"
    vendors = ["ASML", "Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "HelioMetrix"]
    fabs = ["gf_malta", "gf_dd1", "gf_sg7"]
    machines = make_machines(rng, fabs, vendors, 24, used)
    company = {
        "ASML": "ASML",
        "Applied Materials": "AMAT",
        "Lam Research": "LAM",
        "Tokyo Electron": "TEL",
        "KLA": "KLA",
        "HelioMetrix": "HELIOMTX",
    }
    site = {"gf_malta": "F8MALTA", "gf_dd1": "F1DRESDEN", "gf_sg7": "F7SING"}
    org = {"gf_malta": "GFUS", "gf_dd1": "GFEU", "gf_sg7": "GFAP"}
    area = {
        "ASML": "LITH",
        "Applied Materials": "DEPO",
        "Lam Research": "ETCH",
        "Tokyo Electron": "TRAK",
        "KLA": "METR",
        "HelioMetrix": "METR",
    }
    rows = [
        ["MXASSETInterface", "AddChange", "EN"],
        [
            "ASSETNUM",
            "SITEID",
            "ORGID",
            "DESCRIPTION",
            "STATUS",
            "LOCATION",
            "SERIALNUM",
            "MANUFACTURER",
            "ITEMNUM",
            "INSTALLDATE",
            "ASSETTYPE",
            "PRIORITY",
        ],
    ]
    for i, m in enumerate(machines):
        rows.append(
            [
                f"{site[m.fab.key][:2]}{100000 + i * 7}",
                site[m.fab.key],
                org[m.fab.key],
                f"{m.model} {area[m.vendor].title()} tool",
                rng.choice(["OPERATING", "OPERATING", "OPERATING", "NOT READY"]),
                f"{site[m.fab.key][:2]}-CR-{area[m.vendor]}-{rng.randrange(1, 40):02d}",
                m.serial,
                company[m.vendor],
                m.model.upper().replace(" ", "-"),
                m.install.strftime("%Y-%m-%d")
                + "T00:00:00"
                + {"gf_malta": "-05:00", "gf_dd1": "+01:00", "gf_sg7": "+08:00"}[m.fab.key],
                "PRODUCTION",
                str(rng.randint(1, 3)),
            ]
        )
    write_csv(HERE / name, rows, "utf-8", crlf=False)
    return name, truth(
        machines,
        len(machines),
        None,
        "IBM Maximo Manage, MIF flat-file export of MXASSET (fab operator's own Maximo)",
        "csv",
        rng,
    )


def f_servicenow(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """ServiceNow CSM/FSM install base items, list view 'Export > CSV' (field names as header,
    dot-walked columns for the asset's serial and the location's country)."""
    name = "servicenow_install_base_items.csv"
    fabs = ["tsmc_12a", "tsmc_14", "mu_boise", "kx_yk", "skh_m16", "intel_f24", "ti_rfab"]
    machines = make_machines(rng, fabs, ["Advantest"], 22, used)
    acct = {
        "tsmc": ["Taiwan Semiconductor Manufacturing Co., Ltd.", "TSMC"],
        "micron": ["Micron Technology, Inc.", "Micron Technology Inc"],
        "kioxia": ["Kioxia Corporation", "KIOXIA Corporation"],
        "skhynix": ["SK hynix Inc.", "SK Hynix Inc"],
        "intel_ie": ["Intel Ireland Limited", "Intel Ireland Ltd."],
        "ti": ["Texas Instruments Incorporated", "Texas Instruments Inc."],
    }
    country = {
        "TW": "Taiwan",
        "US": "United States",
        "JP": "Japan",
        "KR": "Korea, Republic of",
        "IE": "Ireland",
    }
    rows = [
        [
            "number",
            "name",
            "account",
            "product",
            "product.manufacturer",
            "asset.serial_number",
            "location",
            "location.city",
            "location.country",
            "install_date",
            "state",
            "active",
        ]
    ]
    for i, m in enumerate(machines):
        # "TSMC" is an acronym, not a legal-form variant: it is the same customer all the same
        names = acct[m.fab.customer]
        account = names[0] if rng.random() < 0.7 else names[1]
        rows.append(
            [
                f"IB{20000 + i * 13:07d}",
                f"{m.model} - {m.serial}",
                account,
                f"Advantest {m.model}",
                "Advantest Corporation",
                m.serial,
                f"{m.customer.name.split(',')[0]} - {m.fab.name}",
                m.fab.city,
                country[m.fab.country],
                m.install.strftime("%Y-%m-%d")
                + " "
                + f"{rng.randrange(0, 24):02d}:{rng.choice(['00', '30'])}:00",
                "In use",
                "true",
            ]
        )
    write_csv(HERE / name, rows, "utf-8", crlf=True)
    return name, truth(
        machines,
        len(machines),
        "Advantest Corporation",
        "ServiceNow CSM / Field Service Management, install base items "
        "(sn_install_base_item) list export",
        "csv",
        rng,
        vendor_column=True,
    )


def f_oracle_ja(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """Oracle Fusion Service 'installed base assets' search exported to Excel, Japanese UI."""
    name = "oracle_fusion_ib_assets_ja.xlsx"
    fabs = ["kx_yk", "kx_kt", "sony_k", "rn_naka", "jasm_k", "tsmc_15", "smic_sh8"]
    machines = make_machines(rng, fabs, ["SCREEN"], 26, used)
    cust = {
        "kioxia": ["キオクシア株式会社", "キオクシア㈱"],
        "sony": ["ソニーセミコンダクタマニュファクチャリング株式会社"],
        "renesas": ["ルネサス エレクトロニクス株式会社", "ルネサスエレクトロニクス株式会社"],
        "jasm": ["JASM株式会社"],
        "tsmc": ["台湾積体電路製造股份有限公司"],
        "smic_sh": ["中芯国際集成電路製造(上海)有限公司"],
    }
    country = {"JP": "日本", "TW": "台湾", "CN": "中国"}
    pref = {
        "Yokkaichi": "三重県四日市市",
        "Kitakami": "岩手県北上市",
        "Kikuyo": "熊本県菊池郡菊陽町",
        "Hitachinaka": "茨城県ひたちなか市",
        "Taichung": "台中市",
        "Shanghai": "上海市",
    }
    desc = {
        "SU-3300": "枚葉洗浄装置",
        "SS-3200": "スクラバー",
        "FC-3100": "バッチ式洗浄装置",
        "DT-3000": "コータ/デベロッパ",
        "LA-3100": "レーザーアニール装置",
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "アセット"
    header = [
        "アセット番号",
        "品目",
        "品目摘要",
        "シリアル番号",
        "顧客",
        "顧客番号",
        "設置先",
        "国",
        "設置日",
        "ステータス",
    ]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for i, m in enumerate(machines):
        names = cust[m.fab.customer]
        ws.append(
            [
                f"AS{300100 + i}",
                m.model,
                desc[m.model],
                m.serial,
                rng.choice(names),
                f"{10000 + sorted(cust).index(m.fab.customer) * 37}",
                f"{pref[m.fab.city]} {m.fab.name}",
                country[m.fab.country],
                m.install.strftime(
                    "%Y/%m/%d"
                ),  # Oracle ADF table export: dates as text in the user's format
                rng.choice(["稼働中", "稼働中", "稼働中", "保守中"]),
            ]
        )
    save_wb(wb, HERE / name)
    return name, truth(
        machines,
        len(machines),
        "SCREEN Semiconductor Solutions Co., Ltd.",
        "Oracle Fusion Cloud Service, Installed Base Assets search exported to Excel (Japanese UI)",
        "openpyxl",
        rng,
    )


KO_SERVICE = {
    "preventive maintenance": "예방 정비",
    "spare parts": "부품 공급",
    "remote diagnostics": "원격 진단",
    "corrective repair": "수리",
    "software updates": "소프트웨어 업데이트",
    "on-site engineer support": "현장 엔지니어 지원",
    "training": "교육",
}


def f_salesforce_ko(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """Salesforce Field Service report 'contract line items with assets', exported as a
    formatted report (xlsx) by a Korean-locale user: report title block, grand total row."""
    name = "salesforce_fs_contract_lines_ko.xlsx"
    fabs = ["ss_hw", "ss_pt", "sas_austin", "skh_m16", "skh_m15", "skh_c2", "db_fab2"]
    machines = make_machines(rng, fabs, ["Lam Research"], 14, used)
    add_contracts(
        rng,
        machines,
        "0000",
        {"KR": "KRW", "US": "USD", "CN": "USD"},
        ["preventive maintenance", "spare parts", "remote diagnostics", "on-site engineer support"],
        3,
    )
    acct = {
        "samsung": ["삼성전자(주)", "삼성전자 주식회사"],
        "sas": ["Samsung Austin Semiconductor, LLC"],
        "skhynix": ["SK하이닉스(주)", "에스케이하이닉스 주식회사"],
        "skh_cn": ["SK hynix Semiconductor (China) Ltd."],
        "dbhitek": ["DB하이텍(주)"],
    }
    country = {"KR": "대한민국", "US": "미국", "CN": "중국"}
    wb = Workbook()
    ws = wb.active
    ws.title = "보고서"
    ws.append(["계약 품목 및 자산 - 램리서치코리아 서비스"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"생성 날짜: {EXPORT_DAY.year}. {EXPORT_DAY.month}. {EXPORT_DAY.day}. 오전 9:00"])
    ws.append(["필터링 기준: 서비스 계약: 상태 같음 활성"])
    ws.append([])
    header = [
        "계약 번호",
        "거래처 이름",
        "자산 이름",
        "일련 번호",
        "제품",
        "위치",
        "국가",
        "설치 날짜",
        "품목 설명",
        "시작 날짜",
        "종료 날짜",
        "총 가격",
    ]
    ws.append(header)
    for c in ws[5]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDDDDD")
    n = 0
    totals: dict[str, float] = {}

    def kdate(d: dt.date) -> str:
        return f"{d.year}. {d.month}. {d.day}."

    for m in machines:
        aname = rng.choice(acct[m.fab.customer])
        for ln in m.lines:
            money = (
                f"{ln.currency} {ln.value:,.0f}"
                if ln.currency == "KRW"
                else f"{ln.currency} {ln.value:,.2f}"
            )
            totals[ln.currency] = totals.get(ln.currency, 0) + ln.value
            ws.append(
                [
                    ln.contract,
                    aname,
                    f"{m.model} #{m.serial}",
                    m.serial,
                    m.model,
                    f"{m.fab.city} {m.fab.name}",
                    country[m.fab.country],
                    kdate(m.install),
                    KO_SERVICE[ln.service],
                    kdate(ln.start),
                    kdate(ln.end),
                    money,
                ]
            )
            n += 1
    ws.append([])
    ws.append(
        ["합계"] + [""] * 10 + [" / ".join(f"{c} {v:,.2f}" for c, v in sorted(totals.items()))]
    )
    ws.append([f"레코드 수: {n}"])
    ws.append(["Confidential Information - Do Not Distribute"])
    ws.append(["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."])
    save_wb(wb, HERE / name)
    return name, truth(
        machines,
        n,
        "Lam Research Corporation",
        "Salesforce Field Service, contract line items with assets, "
        "formatted report export (Korean locale)",
        "openpyxl",
        rng,
    )


DE_SERVICE = {
    "preventive maintenance": "Vorbeugende Wartung",
    "corrective repair": "Reparatur",
    "spare parts": "Ersatzteile",
    "software updates": "Software-Updates",
    "remote diagnostics": "Ferndiagnose",
    "on-site engineer support": "Vor-Ort-Support",
    "training": "Schulung",
}


def f_servicemax_de(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """ServiceMax installed products list exported from Salesforce by a German-locale user
    ("Details only", ISO-8859-1, comma-separated, dates and amounts in German format)."""
    name = "servicemax_installierte_produkte_de.csv"
    fabs = ["ifx_rgb", "bosch_rt", "sanan_xm", "wolf_mv", "xfab_dd", "psmc_p3", "ss_pt"]
    machines = make_machines(rng, fabs, ["AIXTRON"], 20, used)
    add_contracts(
        rng,
        machines,
        "SC-",
        {"DE": "EUR", "US": "USD", "CN": "EUR", "TW": "USD", "KR": "USD"},
        ["preventive maintenance"],
        1,
        coverage=0.8,
    )
    acct = {
        "infineon": [
            "Infineon Technologies AG",
            "INFINEON TECHNOLOGIES AG",
            "Infineon Technologies AG ",
        ],
        "bosch": ["Robert Bosch GmbH", "Robert Bosch GmbH "],
        "sanan": ["Xiamen San'an Integrated Circuit Co., Ltd."],
        "wolfspeed": ["Wolfspeed, Inc.", "Wolfspeed Inc"],
        "xfab_dd": ["X-FAB Dresden GmbH & Co. KG"],
        "psmc": ["Powerchip Semiconductor Manufacturing Corp."],
        "samsung": ["Samsung Electronics Co., Ltd."],
    }
    land = {
        "DE": "Deutschland",
        "US": "Vereinigte Staaten von Amerika",
        "CN": "VR China",
        "TW": "Taiwan",
        "KR": "Südkorea",
    }

    def de_num(v: float) -> str:
        return f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")

    rows = [
        [
            "Installiertes Produkt-ID",
            "Account",
            "Standort",
            "Standort: Ort",
            "Standort: Land",
            "Produkt",
            "Serien-/Chargennummer",
            "Installationsdatum",
            "Status",
            "Servicevertrag",
            "Servicevertrag Startdatum",
            "Servicevertrag Enddatum",
            "Vertragswert (Jahr)",
        ]
    ]
    for i, m in enumerate(machines):
        ln = m.lines[0] if m.lines else None
        rows.append(
            [
                f"IP-{8000 + i * 3:06d}",
                rng.choice(acct[m.fab.customer]),
                m.fab.name,
                m.fab.city,
                land[m.fab.country],
                m.model,
                m.serial,
                m.install.strftime("%d.%m.%Y"),
                "Installiert",
                ln.contract if ln else "",
                ln.start.strftime("%d.%m.%Y") if ln else "",
                ln.end.strftime("%d.%m.%Y") if ln else "",
                f"{ln.currency} {de_num(ln.value)}" if ln else "",
            ]
        )
    write_csv(HERE / name, rows, "iso-8859-1", crlf=True)
    return name, truth(
        machines,
        len(machines),
        "AIXTRON SE",
        "ServiceMax (on Salesforce) installed products, report export "
        "'Details only' CSV (German locale)",
        "csv",
        rng,
    )


def f_sap_iq09(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """SAP ECC CS transaction IQ09 (display serial numbers) ALV list exported with
    'Tabellenkalkulation' (xlsx), German logon language."""
    name = "sap_iq09_serialnummern_de.xlsx"
    fabs = ["gf_dd1", "bosch_dd", "xfab_dd", "hh_f7", "tsmc_14", "ifx_dd", "nxp_nij"]
    machines = make_machines(rng, fabs, ["SUSS MicroTec"], 25, used)
    matnr = {
        "MA/BA Gen5": ("1000231", "MA/BA Gen5 Mask Aligner 200mm"),
        "ACS200 Gen3": ("1000412", "ACS200 Gen3 Coat/Develop Cluster"),
        "XBS300": ("1000577", "XBS300 Wafer Bonder 300mm"),
        "LithoPack300": ("1000603", "LithoPack300 Coater/Aligner"),
    }
    cust_no = {
        k: str(100200 + i * 17) for i, k in enumerate(sorted({FABS[f].customer for f in fabs}))
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    header = [
        "Material",
        "Serialnummer",
        "Materialkurztext",
        "Equipment",
        "Kunde",
        "Name 1",
        "Ort",
        "Land",
        "Auslieferungsdatum",
        "Anlaufdatum",
        "Systemstatus",
    ]
    ws.append(header)
    for i, m in enumerate(machines):
        mat, text = matnr[m.model]
        shipped = m.install - dt.timedelta(days=rng.randrange(20, 90))
        ws.append(
            [
                mat,
                m.serial,
                text,
                str(10004711 + i * 3),
                cust_no[m.fab.customer],
                m.customer.name.upper() if rng.random() < 0.2 else m.customer.name,
                m.fab.city,
                m.fab.country,
                shipped,
                m.install,
                "EKUN",
            ]
        )
        r = ws.max_row
        ws.cell(r, 9).number_format = "DD.MM.YYYY"
        ws.cell(r, 10).number_format = "DD.MM.YYYY"
        ws.cell(r, 2).number_format = "@"
    save_wb(wb, HERE / name)
    return name, truth(
        machines,
        len(machines),
        "SUSS MicroTec SE",
        "SAP ECC Customer Service, IQ09 serial number list (ALV) exported to spreadsheet, German",
        "openpyxl",
        rng,
    )


def f_odoo(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """Odoo Maintenance (maintenance.equipment) list 'Export' to xlsx with field labels and
    a related column 'Company/Country'; a multi-company Odoo of a foundry group."""
    name = "odoo_maintenance_equipment.xlsx"
    fabs = ["xfab_dd", "xfab_lbk"]
    vendors = [
        "ASML",
        "Canon",
        "Nikon",
        "Applied Materials",
        "Lam Research",
        "Tokyo Electron",
        "Nordvakuum",
    ]
    machines = make_machines(rng, fabs, vendors, 21, used)
    partner = {
        "ASML": "ASML Netherlands B.V.",
        "Canon": "Canon Europa N.V.",
        "Nikon": "Nikon Precision Europe GmbH",
        "Applied Materials": "Applied Materials GmbH",
        "Lam Research": "Lam Research GmbH",
        "Tokyo Electron": "Tokyo Electron Europe Limited",
        "Nordvakuum": "Nordvakuum AB",
    }
    partner_us = {
        "ASML": "ASML US, LLC",
        "Canon": "Canon U.S.A., Inc.",
        "Nikon": "Nikon Precision Inc.",
        "Applied Materials": "Applied Materials, Inc.",
        "Lam Research": "Lam Research Corporation",
        "Tokyo Electron": "Tokyo Electron U.S. Holdings, Inc.",
        "Nordvakuum": "Nordvakuum AB",
    }
    category = {
        "ASML": "Lithography",
        "Canon": "Lithography",
        "Nikon": "Lithography",
        "Applied Materials": "Deposition",
        "Lam Research": "Etch",
        "Tokyo Electron": "Track",
        "Nordvakuum": "Thermal",
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(
        [
            "Equipment Name",
            "Equipment Category",
            "Company",
            "Company/Country",
            "Vendor",
            "Vendor Reference",
            "Model",
            "Serial Number",
            "Location",
            "Effective Date",
            "Warranty Expiration Date",
            "Cost",
        ]
    )
    for c in ws[1]:
        c.font = Font(bold=True)
    for m in machines:
        dd = m.fab.key == "xfab_dd"
        ws.append(
            [
                f"{category[m.vendor][:4].upper()}-{m.model}",
                category[m.vendor],
                m.customer.name,
                "Germany" if dd else "United States",
                (partner if dd else partner_us)[m.vendor],
                f"PO-{rng.randrange(4500000, 4599999)}",
                m.model,
                m.serial,
                ("Reinraum " if dd else "Cleanroom ")
                + rng.choice(["A", "B", "C"])
                + f"/{rng.randrange(1, 30)}",
                m.install,
                m.install + dt.timedelta(days=365),
                float(rng.randrange(150, 9000) * 1000),
            ]
        )
        r = ws.max_row
        ws.cell(r, 10).number_format = "yyyy-mm-dd"
        ws.cell(r, 11).number_format = "yyyy-mm-dd"
        ws.cell(r, 12).number_format = "#,##0.00"
    save_wb(wb, HERE / name)
    return name, truth(
        machines,
        len(machines),
        None,
        "Odoo 17 Maintenance, maintenance.equipment list export (xlsx), multi-company",
        "openpyxl",
        rng,
    )


ZH_SERVICE = {
    "preventive maintenance": "预防性维护",
    "corrective repair": "故障维修",
    "spare parts": "备件供应",
    "software updates": "软件升级",
    "remote diagnostics": "远程诊断",
    "on-site engineer support": "驻厂工程师",
    "training": "培训",
}


def f_cn_distributor(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """A Chinese distributor's installed-base and service list, saved from Excel as CSV in
    GB18030: a title line, full-width punctuation in some names, a totals row."""
    name = "distributor_installed_base_zh_gb18030.csv"
    fabs = ["smic_sh8", "smic_b2", "hh_f1", "hh_f7", "ymtc_wh", "cxmt_hf", "nexchip_hf"]
    vendors = ["Hitachi High-Tech", "Kokusai Electric", "Canon", "PSK"]
    machines = make_machines(rng, fabs, vendors, 18, used)
    add_contracts(
        rng,
        machines,
        "HT-FW-",
        {"CN": "CNY"},
        ["preventive maintenance", "spare parts", "on-site engineer support"],
        2,
    )
    cname = {
        "smic_sh": ["中芯国际集成电路制造（上海）有限公司", "中芯国际集成电路制造(上海)有限公司"],
        "smic_bj": ["中芯北方集成电路制造（北京）有限公司"],
        "hhgrace": ["上海华虹宏力半导体制造有限公司"],
        "hh_wuxi": ["华虹半导体（无锡）有限公司"],
        "ymtc": ["长江存储科技有限责任公司"],
        "cxmt": ["长鑫存储技术有限公司"],
        "nexchip": ["合肥晶合集成电路股份有限公司"],
    }
    city = {"Shanghai": "上海", "Beijing": "北京", "Wuxi": "无锡", "Wuhan": "武汉", "Hefei": "合肥"}
    vname = {
        "Hitachi High-Tech": "日立高新技术",
        "Kokusai Electric": "国际电气（KOKUSAI）",
        "Canon": "佳能 Canon",
        "PSK": "PSK",
    }
    rows: list[list[str]] = [["设备装机及服务合同清单（截至2026年11月30日）"] + [""] * 13]
    rows.append(
        [
            "序号",
            "客户名称",
            "厂区",
            "城市",
            "国家/地区",
            "设备厂商",
            "设备型号",
            "机台序列号",
            "装机日期",
            "服务合同号",
            "服务类型",
            "合同期限",
            "年服务费（含税）",
            "币种",
        ]
    )
    n = 0
    total = 0.0
    for m in machines:
        cn = rng.choice(cname[m.fab.customer])
        inst = f"{m.install.year}年{m.install.month}月{m.install.day}日"
        for ln in m.lines or [None]:
            n += 1
            if ln is not None:
                total += ln.value
            rows.append(
                [
                    str(n),
                    cn,
                    m.fab.name,
                    city[m.fab.city],
                    "中国",
                    vname[m.vendor],
                    m.model,
                    m.serial,
                    inst,
                    ln.contract if ln else "",
                    ZH_SERVICE[ln.service] if ln else "",
                    f"{ln.start:%Y/%m/%d}-{ln.end:%Y/%m/%d}" if ln else "",
                    f"¥{ln.value:,.2f}" if ln else "",
                    "人民币" if ln else "",
                ]
            )
    rows.append(["合计", "", "", "", "", "", "", "", "", "", "", "", f"¥{total:,.2f}", "人民币"])
    write_csv(HERE / name, rows, "gb18030", crlf=True)
    return name, truth(
        machines,
        n,
        None,
        "Distributor's own Excel list saved as CSV (GB18030), Simplified Chinese",
        "csv",
        rng,
    )


def f_kr_purchasing(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """A Korean memory maker's purchasing system: equipment maintenance contracts, exported
    to xlsx with a title row; suppliers are the vendors' Korean subsidiaries."""
    name = "kr_fab_purchasing_maintenance.xlsx"
    fabs = ["skh_m16", "skh_m15", "skh_c2"]
    vendors = [
        "ASML",
        "Applied Materials",
        "Tokyo Electron",
        "KLA",
        "ASM International",
        "Kokusai Electric",
        "PSK",
        "Wonik IPS",
    ]
    machines = make_machines(rng, fabs, vendors, 20, used)
    add_contracts(
        rng,
        machines,
        "PO-MA-",
        {"KR": "KRW", "CN": "USD"},
        ["preventive maintenance", "spare parts", "on-site engineer support"],
        2,
    )
    supplier = {
        "ASML": ["ASML코리아(유)", "ASML Korea Co., Ltd."],
        "Applied Materials": ["어플라이드머티어리얼즈코리아(유)"],
        "Tokyo Electron": ["도쿄일렉트론코리아(주)", "도쿄엘렉트론코리아 주식회사"],
        "KLA": ["케이엘에이코리아(유)"],
        "ASM International": ["에이에스엠코리아(주)"],
        "Kokusai Electric": ["국제엘렉트릭코리아(주)"],
        "PSK": ["피에스케이(주)"],
        "Wonik IPS": ["(주)원익아이피에스"],
    }
    svc = {
        "preventive maintenance": "예방정비",
        "spare parts": "부품공급",
        "on-site engineer support": "기술지원(상주)",
    }
    site = {"skh_m16": "이천 M16", "skh_m15": "청주 M15", "skh_c2": "우시 C2"}
    legal = {"skhynix": "SK하이닉스(주)", "skh_cn": "SK hynix Semiconductor (China) Ltd."}
    wb = Workbook()
    ws = wb.active
    ws.title = "유지보수계약"
    ws.append(["설비 유지보수 계약 현황 (기준일: 2026-11-30)"])
    ws.merge_cells("A1:P1")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(
        [
            "번호",
            "법인",
            "사업장",
            "국가",
            "계약번호",
            "공급사",
            "설비명",
            "모델",
            "S/N",
            "설치완료일",
            "계약시작일",
            "계약종료일",
            "서비스구분",
            "연간금액",
            "통화",
            "비고",
        ]
    )
    for c in ws[3]:
        c.font = Font(bold=True)
    n = 0
    for m in machines:
        for ln in m.lines:
            n += 1
            ws.append(
                [
                    n,
                    legal[m.fab.customer],
                    site[m.fab.key],
                    "한국" if m.fab.country == "KR" else "중국",
                    ln.contract,
                    rng.choice(supplier[m.vendor]),
                    f"{m.vendor.split()[0]} {m.model}",
                    m.model,
                    m.serial,
                    m.install.strftime("%Y.%m.%d"),
                    ln.start.strftime("%Y.%m.%d"),
                    ln.end.strftime("%Y.%m.%d"),
                    svc[ln.service],
                    ln.value,
                    ln.currency,
                    "",
                ]
            )
            ws.cell(ws.max_row, 14).number_format = "#,##0"
    save_wb(wb, HERE / name)
    return name, truth(
        machines,
        n,
        None,
        "Korean fab's purchasing (maintenance contract) system, xlsx export",
        "openpyxl",
        rng,
    )


NL_SERVICE = {
    "preventive maintenance": "Preventief onderhoud",
    "corrective repair": "Reparatie",
    "spare parts": "Onderdelen",
    "software updates": "Software-updates",
    "remote diagnostics": "Diagnose op afstand",
    "on-site engineer support": "Resident engineer",
    "training": "Training",
}


def f_nl_planner(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """A Dutch service planner's own sheet (kept in LibreOffice Calc): title block, two-row
    header with merged group cells, one row per machine and service, Excel dates, a totals row."""
    name = "nl_serviceplanner_libreoffice.xlsx"
    fabs = ["nxp_nij", "ifx_dd", "gf_dd1", "intel_f24", "bosch_dd", "mu_manassas"]
    machines = make_machines(rng, fabs, ["ASM International"], 15, used)
    add_contracts(
        rng,
        machines,
        "ASM-SC-",
        {"NL": "EUR", "DE": "EUR", "IE": "EUR", "US": "USD"},
        ["preventive maintenance", "corrective repair", "spare parts", "software updates"],
        3,
    )
    klant = {
        "nxp": ["NXP Semiconductors Netherlands B.V.", "NXP Semiconductors Netherlands BV"],
        "infineon_dd": ["Infineon Technologies Dresden GmbH & Co. OHG"],
        "gf_dd": [
            "GLOBALFOUNDRIES Dresden Module One LLC & Co. KG",
            "GlobalFoundries Dresden Module One LLC & Co. KG",
        ],
        "intel_ie": ["Intel Ireland Limited", "Intel Ireland Ltd"],
        "bosch": ["Robert Bosch GmbH"],
        "micron": ["Micron Technology, Inc.", "Micron Technology Inc."],
    }
    land = {"NL": "Nederland", "DE": "Duitsland", "IE": "Ierland", "US": "Verenigde Staten"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Contracten 2026"
    ws["A1"] = "ASM International N.V. - Field Service Europa"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Overzicht servicecontracten per machine"
    ws["A3"] = "Peildatum:"
    ws["B3"] = EXPORT_DAY
    ws["B3"].number_format = "DD-MM-YYYY"
    ws["A4"] = "Opgesteld door: planning Almere"
    ws.append([])
    hdr_top = 6
    groups = [("Klant", 1, 4), ("Machine", 5, 7), ("Contract", 8, 12)]
    for label, c1, c2 in groups:
        ws.cell(hdr_top, c1, label).font = Font(bold=True)
        ws.cell(hdr_top, c1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=hdr_top, start_column=c1, end_row=hdr_top, end_column=c2)
    sub = [
        "Naam",
        "Fab",
        "Plaats",
        "Land",
        "Serienr.",
        "Type",
        "Geïnstalleerd",
        "Contractnr.",
        "Dienst",
        "Ingang",
        "Einde",
        "Jaarbedrag",
    ]
    for j, s in enumerate(sub, start=1):
        ws.cell(hdr_top + 1, j, s).font = Font(bold=True)
    r = hdr_top + 2
    first = r
    n = 0
    for m in sorted(machines, key=lambda m: (m.fab.customer, m.serial)):
        for ln in m.lines:
            vals = [
                rng.choice(klant[m.fab.customer]),
                m.fab.name,
                m.fab.city,
                land[m.fab.country],
                m.serial,
                m.model,
                m.install,
                ln.contract,
                NL_SERVICE[ln.service],
                ln.start,
                ln.end,
                ln.value,
            ]
            for j, v in enumerate(vals, start=1):
                c = ws.cell(r, j, v)
                if isinstance(v, dt.date):
                    c.number_format = "DD-MM-YYYY"
            ws.cell(r, 12).number_format = (
                "[$€-413] #,##0.00" if ln.currency == "EUR" else "[$$-409]#,##0.00"
            )
            r += 1
            n += 1
    last = r - 1
    r += 1
    ws.cell(r, 1, "Totaal (EUR-contracten)").font = Font(bold=True)
    ws.cell(
        r, 12, f'=SUMIF(D{first}:D{last},"<>Verenigde Staten",L{first}:L{last})'
    ).number_format = "[$€-413] #,##0.00"
    ws.cell(r + 1, 1, "Totaal (USD-contracten)").font = Font(bold=True)
    ws.cell(
        r + 1, 12, f'=SUMIF(D{first}:D{last},"Verenigde Staten",L{first}:L{last})'
    ).number_format = "[$$-409]#,##0.00"
    for col, width in zip(
        "ABCDEFGHIJKL", [44, 22, 12, 16, 12, 14, 13, 13, 22, 12, 12, 16], strict=True
    ):
        ws.column_dimensions[col].width = width
    wb.properties.creator = "planning Almere"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "planner.xlsx"
        wb.save(src)
        libreoffice_convert(src, "xlsx:Calc MS Excel 2007 XML", HERE / name)
    return name, truth(
        machines,
        n,
        "ASM International N.V.",
        "Dutch service planner's hand-kept sheet, saved by LibreOffice Calc as xlsx",
        "LibreOffice",
        rng,
    )


def f_multisheet_ods(rng: random.Random, used: set[str]) -> tuple[str, dict[str, Any]]:
    """A service hub's workbook in LibreOffice (.ods): Sites, Tools and Contract lines on
    separate sheets, referring to each other by name (customer by name, site by name, tool by
    serial)."""
    name = "sg_service_hub_multisheet.ods"
    fabs = ["mu_sg", "gf_sg7", "umc_12i", "intel_f24", "tsmc_12a", "cxmt_hf"]
    vendors = [
        "Kokusai Electric",
        "Tokyo Electron",
        "Hitachi High-Tech",
        "Canon",
        "Nikon",
        "HelioMetrix",
    ]
    machines = make_machines(rng, fabs, vendors, 18, used)
    add_contracts(
        rng,
        machines,
        "SGH-",
        {"SG": "SGD", "IE": "EUR", "TW": "USD", "CN": "USD"},
        ["preventive maintenance", "spare parts", "remote diagnostics", "training"],
        3,
        coverage=0.9,
    )
    oem = {
        "Kokusai Electric": "KOKUSAI ELECTRIC",
        "Tokyo Electron": "Tokyo Electron (TEL)",
        "Hitachi High-Tech": "Hitachi High-Tech",
        "Canon": "Canon",
        "Nikon": "Nikon",
        "HelioMetrix": "HelioMetrix",
    }
    cust = {
        "micron_sg": "Micron Semiconductor Asia Operations Pte Ltd",
        "gf_sg": "GLOBALFOUNDRIES Singapore Pte. Ltd.",
        "umc_sg": "UMC Singapore Branch",
        "intel_ie": "Intel Ireland Limited",
        "tsmc": "Taiwan Semiconductor Manufacturing Co., Ltd.",
        "cxmt": "ChangXin Memory Technologies, Inc.",
    }
    country = {"SG": "Singapore", "IE": "Ireland", "TW": "Taiwan", "CN": "China"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Sites"
    ws.append(["Site", "Customer", "City", "Country"])
    used_fabs = sorted({m.fab.key for m in machines})
    site_name = {
        k: f"{FABS[k].name} {FABS[k].city}" if FABS[k].city not in FABS[k].name else FABS[k].name
        for k in used_fabs
    }
    for k in used_fabs:
        f = FABS[k]
        ws.append([site_name[k], cust[f.customer], f.city, country[f.country]])
    wt = wb.create_sheet("Tools")
    wt.append(["Serial No.", "Tool", "OEM", "Site", "Installed"])
    for m in machines:
        wt.append([m.serial, m.model, oem[m.vendor], site_name[m.fab.key], m.install])
        wt.cell(wt.max_row, 5).number_format = "YYYY-MM-DD"
    wl = wb.create_sheet("Contract lines")
    wl.append(["Contract", "Serial No.", "Service", "From", "To", "Annual fee", "Curr."])
    nl = 0
    for m in machines:
        for ln in m.lines:
            wl.append(
                [
                    ln.contract,
                    m.serial,
                    ln.service.capitalize(),
                    ln.start,
                    ln.end,
                    ln.value,
                    ln.currency,
                ]
            )
            wl.cell(wl.max_row, 4).number_format = "YYYY-MM-DD"
            wl.cell(wl.max_row, 5).number_format = "YYYY-MM-DD"
            wl.cell(wl.max_row, 6).number_format = "#,##0.00"
            nl += 1
    rows = len(used_fabs) + len(machines) + nl
    wb.properties.creator = "service hub Singapore"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "hub.xlsx"
        wb.save(src)
        libreoffice_convert(src, "ods", HERE / name)
    return name, truth(
        machines,
        rows,
        None,
        "Service hub's three-sheet workbook (sites / tools / contract lines) "
        "kept in LibreOffice Calc (.ods)",
        "LibreOffice",
        rng,
    )


BUILDERS = [
    f_maximo,
    f_servicenow,
    f_oracle_ja,
    f_salesforce_ko,
    f_servicemax_de,
    f_sap_iq09,
    f_odoo,
    f_cn_distributor,
    f_kr_purchasing,
    f_nl_planner,
    f_multisheet_ods,
]


def main() -> None:
    used: set[str] = set()
    files: dict[str, Any] = {}
    for i, build in enumerate(BUILDERS):
        rng = random.Random(30_000 + i)
        fname, info = build(rng, used)
        files[fname] = info
    manifest = {
        "held_out": True,
        "about": (
            "Held-out installed-base exports generated by make_heldout3.py (seeded). Counts are the"
            " generator's truth: 'rows' are data rows (no title, header, blank, total or footer "
            "rows; for a multi-sheet workbook the sum over its sheets), 'customers' are legal "
            "entities (spelling and legal-form variants of one name are one customer; a subsidiary "
            "that is a separate legal entity is a separate customer), 'fabs' are distinct sites, "
            "'contracts' distinct contract numbers. 'own_company' is the vendor whose export it is "
            "(pass it as --own-company where the file has no vendor column), null where the file "
            "names the vendor of each machine; 'vendor_column' says whether the file names each "
            "machine's vendor (if not, import it with --own-company OWN_COMPANY). 'country' in "
            "samples is the fab's ISO 3166 alpha-2 "
            "code."
        ),
        "files": files,
    }
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
