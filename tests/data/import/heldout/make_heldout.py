"""Write the second held-out corpus of installed-base exports, and its manifest.

Held out: these files were written from the exporting systems' documentation and from how
people fill spreadsheets, without reading the importer, its heading synonyms or the first
layout corpus, so that the import figure measured on them is not one the importer was tuned to.

Run from anywhere: ``python tests/data/import/heldout/make_heldout.py``. The content is
deterministic (one seeded ``random.Random`` per file); openpyxl files are also byte-stable
(zip timestamps and document dates are pinned). Files marked ``writer: libreoffice`` are
re-saved by ``soffice --headless --convert-to xlsx``, whose bytes carry LibreOffice's own
timestamps, so only their content is stable.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
PINNED = datetime(2025, 10, 1, 8, 30, 0)


# -- the truth each file describes ----------------------------------------------------------


@dataclass(frozen=True)
class Fab:
    """One site as the truth knows it; ``names`` are the ways the file's people write it."""

    customer: str  # canonical customer key (one legal entity)
    key: str  # canonical fab key
    names: tuple[str, ...]  # spellings of the customer in this file
    site: str  # fab name as the file writes it
    city: str
    country: str  # ISO 3166-1 alpha-2


@dataclass
class Machine:
    serial: str
    vendor: str
    model: str
    fab: Fab
    installed: date
    contract: str | None
    start: date | None
    end: date | None
    amount: float | None
    extra: dict[str, Any] = field(default_factory=dict)


def build(
    rng: random.Random,
    fabs: Sequence[Fab],
    vendor_models: Sequence[tuple[str, str]],
    n: int,
    serial: Callable[[random.Random, int], str],
    contract_prefix: str,
    amount_range: tuple[int, int],
    with_contract: float = 1.0,
    contract_per: str = "fab",
) -> list[Machine]:
    """``n`` machines over the fabs; one contract per fab (or per customer) over a few years."""
    machines: list[Machine] = []
    contracts: dict[str, tuple[str, date, date]] = {}
    seen: set[str] = set()
    for i in range(n):
        fab = fabs[i % len(fabs)] if i < len(fabs) else rng.choice(fabs)
        vendor, model = rng.choice(vendor_models)
        s = serial(rng, i)
        while s in seen:
            s = serial(rng, i + 1000)
        seen.add(s)
        installed = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 365 * 10))
        ckey = fab.key if contract_per == "fab" else fab.customer
        number: str | None = None
        start = end = None
        amount: float | None = None
        if rng.random() < with_contract:
            if ckey not in contracts:
                y = rng.randrange(2019, 2025)
                st = date(y, rng.choice([1, 4, 7, 10]), 1)
                contracts[ckey] = (
                    f"{contract_prefix}{y}{len(contracts) + 1:04d}",
                    st,
                    date(st.year + rng.choice([3, 5]), st.month, 1) - timedelta(days=1),
                )
            number, start, end = contracts[ckey]
            lo, hi = amount_range
            amount = float(rng.randrange(lo, hi) // 1000 * 1000)
        machines.append(Machine(s, vendor, model, fab, installed, number, start, end, amount))
    return machines


def manifest_entry(name: str, machines: Sequence[Machine], **more: Any) -> dict[str, Any]:
    """What a correct import of the file yields, from the truth (never from the file)."""
    rng = random.Random(name)
    picks = rng.sample(list(machines), min(5, len(machines)))
    return {
        "rows": len(machines),
        "machines": len({(m.vendor, m.serial) for m in machines}),
        "customers": len({m.fab.customer for m in machines}),
        "fabs": len({m.fab.key for m in machines}),
        "contracts": len({m.contract for m in machines if m.contract}),
        "samples": [
            {"serial": m.serial, "country": m.fab.country, "vendor": m.vendor, "model": m.model}
            for m in sorted(picks, key=lambda m: m.serial)
        ],
        **more,
    }


# -- writers -----------------------------------------------------------------------------------


def pin_workbook(wb: Workbook) -> None:
    wb.properties.creator = "heldout"
    wb.properties.created = PINNED
    wb.properties.modified = PINNED
    wb.properties.lastModifiedBy = None


def stable_zip(path: Path) -> None:
    """Rewrite an xlsx with fixed member timestamps and document dates (byte-stable output)."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    stamp = PINNED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for filename, raw in members:
            data = raw
            if filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp.encode() + rb"\g<3>",
                    data,
                )
            info = zipfile.ZipInfo(filename, date_time=PINNED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


def save_openpyxl(wb: Workbook, path: Path) -> None:
    pin_workbook(wb)
    wb.save(path)
    stable_zip(path)


def save_libreoffice(wb: Workbook, path: Path) -> None:
    """Save with openpyxl, then let LibreOffice Calc load and re-save it as its own xlsx."""
    pin_workbook(wb)
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / "in" / path.name
        source.parent.mkdir()
        wb.save(source)
        profile = (tmpdir / "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(tmpdir / "out"),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(tmpdir / "out" / path.name, path)


def simple_sheet(
    ws: Any, header: Sequence[str], rows: Sequence[Sequence[Any]], formats: dict[int, str]
) -> None:
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
    for col, fmt in formats.items():
        for r in range(2, len(rows) + 2):
            ws.cell(row=r, column=col).number_format = fmt
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(h) + 4))


# -- reference data ----------------------------------------------------------------------------

ASML = [
    ("ASML", m)
    for m in (
        "TWINSCAN NXT:2000i",
        "TWINSCAN NXT:1980Di",
        "TWINSCAN NXT:2050i",
        "TWINSCAN NXT:1470",
        "TWINSCAN XT:1460K",
        "TWINSCAN XT:860M",
        "TWINSCAN NXE:3400C",
        "TWINSCAN NXE:3600D",
        "YieldStar 385",
    )
]
ASML_MATERIAL = {m: f"{4022000 + 137 * i:d}" for i, (_, m) in enumerate(ASML)}
TEL = [
    ("TEL", m)
    for m in (
        "Tactras Vigus",
        "CLEAN TRACK LITHIUS Pro Z",
        "CLEAN TRACK ACT 12",
        "TELINDY PLUS",
        "Trias e+ EX-II",
        "CELLESTA-i",
        "NT333",
        "Episode UL",
    )
]
KOKUSAI = [("Kokusai", m) for m in ("TSURUGI-C2", "QUIXACE ULTIMATE", "AdvancedAce-300", "MARORA")]
ASM = [
    ("ASM International", m)
    for m in ("Eagle XP8", "Pulsar XP", "EmerALD XP", "Intrepid ES", "A412 PLUS", "Dragon XP8")
]
LAM = [
    ("Lam Research", m)
    for m in (
        "2300 Kiyo FX",
        "2300 Flex GX",
        "2300 Versys Metal",
        "VECTOR Express",
        "ALTUS Max ICEFill",
        "Striker Oxide",
        "SABRE 3D",
        "Coronus HP",
        "Syndion GP",
    )
]
AMAT = [
    ("Applied Materials", m)
    for m in (
        "Centura Sym3 Y",
        "Endura Clover PVD",
        "Producer GT",
        "Producer Selectra",
        "Reflexion LK Prime",
        "Vantage Radiance Plus",
        "Olympia ALD",
        "VeritySEM 6i",
        "PROVision 3E",
        "SEMVision G7",
    )
]
KLA = [
    ("KLA", m)
    for m in (
        "Surfscan SP7",
        "Surfscan SP5XP",
        "2950",
        "2935",
        "Archer 750",
        "eDR7380",
        "SpectraShape 11k",
        "Puma 9980",
        "Voyager 1035",
    )
]
NIKON = [("Nikon", m) for m in ("NSR-S635E", "NSR-S631E", "NSR-S322F", "NSR-SF155", "NSR-S210D")]
CANON = [("Canon", m) for m in ("FPA-6300ES6a", "FPA-6300ESW", "FPA-5550iZ2", "FPA-3030i5+")]
SCREEN = [("SCREEN", m) for m in ("SU-3200", "SS-3200", "DT-3000", "FC-3100", "SU-3300")]
HHT = [
    ("Hitachi High-Tech", m) for m in ("CG7300", "CG6300", "CG5000", "RS6000", "LS9300AD", "GT2000")
]


def digits(prefix: str, width: int) -> Callable[[random.Random, int], str]:
    def make(rng: random.Random, i: int) -> str:
        return f"{prefix}{rng.randrange(0, 10**width):0{width}d}"

    return make


def pick(rng: random.Random, names: Sequence[str]) -> str:
    """How a name is written on one row: the first spelling mostly, the others sometimes."""
    if len(names) == 1 or rng.random() < 0.6:
        return names[0]
    return rng.choice(names[1:])


# -- 1. Microsoft Dynamics 365 Field Service: Customer Assets ---------------------------------


def d365(out: Path) -> dict[str, Any]:
    """Lam Research's own export of the "Active Customer Assets" view (Export to Excel).

    D365 puts three hidden "(Do Not Modify)" columns first (row id, checksum, modified on),
    names the sheet after the view, and adds a hidden sheet ``hiddenSheet``. Lookups to other
    tables show as "Column (Related table)". Serial Number, Installation Date and Service
    Agreement are custom columns, as vendors add them.
    """
    rng = random.Random(365)
    samsung = ("Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD", "Samsung Electronics")
    hynix = ("SK hynix Inc.", "SK Hynix Inc", "SK hynix")
    fabs = [
        Fab("samsung", "samsung-p3", samsung, "Pyeongtaek P3", "Pyeongtaek", "KR"),
        Fab("samsung", "samsung-s3", samsung, "Hwaseong S3", "Hwaseong", "KR"),
        Fab(
            "samsung-xian",
            "samsung-x2",
            ("Samsung (China) Semiconductor Co., Ltd.",),
            "Xi'an X2",
            "Xi'an",
            "CN",
        ),
        Fab("skhynix", "skh-m16", hynix, "Icheon M16", "Icheon", "KR"),
        Fab("skhynix", "skh-m15", hynix, "Cheongju M15", "Cheongju", "KR"),
        Fab(
            "skh-wuxi", "skh-c2", ("SK hynix Semiconductor (China) Ltd.",), "Wuxi C2", "Wuxi", "CN"
        ),
        Fab(
            "micron",
            "micron-boise",
            ("Micron Technology, Inc.", "Micron Technology Inc."),
            "Boise ID1",
            "Boise",
            "US",
        ),
        Fab(
            "micron-jp",
            "micron-hiroshima",
            ("Micron Memory Japan, K.K.",),
            "Hiroshima Fab 15",
            "Higashihiroshima",
            "JP",
        ),
        Fab("intel", "intel-d1x", ("Intel Corporation", "INTEL CORP"), "D1X", "Hillsboro", "US"),
        Fab(
            "ymtc",
            "ymtc-wuhan",
            ("Yangtze Memory Technologies Co., Ltd.",),
            "Wuhan Fab 1",
            "Wuhan",
            "CN",
        ),
        Fab(
            "cxmt",
            "cxmt-hefei",
            ("ChangXin Memory Technologies, Inc.",),
            "Hefei Fab 1",
            "Hefei",
            "CN",
        ),
        Fab("tsmc-az", "tsmc-f21", ("TSMC Arizona Corporation",), "Fab 21", "Phoenix", "US"),
    ]
    machines = build(rng, fabs, LAM, 96, digits("LRC-", 7), "AGR-", (150_000, 900_000))
    header = [
        "(Do Not Modify) Customer Asset",
        "(Do Not Modify) Row Checksum",
        "(Do Not Modify) Modified On",
        "Name",
        "Account",
        "Functional Location",
        "City (Functional Location)",
        "Country/Region (Functional Location)",
        "Product",
        "Serial Number",
        "Asset Category",
        "Installation Date",
        "Service Agreement",
        "Start Date (Service Agreement)",
        "End Date (Service Agreement)",
        "Status Reason",
    ]
    country_name = {"KR": "South Korea", "CN": "China", "US": "United States", "JP": "Japan"}
    rows = []
    for i, m in enumerate(machines):
        a, b, c = rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16)
        guid = f"{a:08x}-{b:04x}-ef11-{c:04x}-{rng.getrandbits(48):012x}"
        checksum = (
            "".join(
                rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                for _ in range(22)
            )
            + "=="
        )
        modified = datetime(2025, 9, 1, 7, 0) + timedelta(minutes=37 * i)
        rows.append(
            [
                guid,
                checksum,
                modified,
                f"{m.model} - {m.serial}",
                pick(rng, m.fab.names),
                f"{m.fab.names[0].split(' (')[0].split(',')[0]} {m.fab.site}",
                m.fab.city,
                country_name[m.fab.country],
                m.model,
                m.serial,
                "Process Module" if "Metal" not in m.model else "Etch System",
                m.installed,
                m.contract,
                m.start,
                m.end,
                "Active",
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Active Customer Assets"
    simple_sheet(
        ws, header, rows, {3: "m/d/yyyy h:mm AM/PM", 12: "m/d/yyyy", 14: "m/d/yyyy", 15: "m/d/yyyy"}
    )
    for col in "ABC":
        ws.column_dimensions[col].hidden = True
    hidden = wb.create_sheet("hiddenSheet")
    hidden["A1"] = "msdyn_customerasset:Yfx3tPZ1qK7Wn2fQx5b0Jw=="
    hidden["B1"] = "Active"
    hidden["C1"] = "Inactive"
    hidden.sheet_state = "hidden"
    save_openpyxl(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="Microsoft Dynamics 365 Field Service, Customer Assets view, Export to Excel",
        writer="openpyxl",
        own_company="Lam Research",
        values="none (agreements carry no value in this view)",
    )


# -- 2. IFS Applications 10: Equipment Object / Serial Object list ----------------------------


def ifs(out: Path) -> dict[str, Any]:
    """Kokusai Electric's serial objects with customer and service contract (IFS Apps 10)."""
    rng = random.Random(10)
    fabs = [
        Fab("kioxia", "kioxia-y7", ("Kioxia Corporation",), "Yokkaichi Fab7", "Yokkaichi", "JP"),
        Fab("kioxia", "kioxia-k1", ("Kioxia Corporation",), "Kitakami K1", "Kitakami", "JP"),
        Fab(
            "micron-jp",
            "micron-hiroshima",
            ("Micron Memory Japan, K.K.",),
            "Hiroshima",
            "Higashihiroshima",
            "JP",
        ),
        Fab(
            "samsung",
            "samsung-p2",
            ("Samsung Electronics Co., Ltd.",),
            "Pyeongtaek P2",
            "Pyeongtaek",
            "KR",
        ),
        Fab("skhynix", "skh-m16", ("SK hynix Inc.",), "Icheon M16", "Icheon", "KR"),
        Fab(
            "ymtc", "ymtc-wuhan", ("Yangtze Memory Technologies Co., Ltd.",), "Wuhan", "Wuhan", "CN"
        ),
        Fab("cxmt", "cxmt-hefei", ("ChangXin Memory Technologies, Inc.",), "Hefei", "Hefei", "CN"),
        Fab(
            "smic-bj",
            "smic-b2",
            ("Semiconductor Manufacturing International (Beijing) Corporation",),
            "Beijing B2",
            "Beijing",
            "CN",
        ),
        Fab(
            "huahong-wx",
            "huahong-fab7",
            ("Hua Hong Semiconductor (Wuxi) Limited",),
            "Wuxi Fab 7",
            "Wuxi",
            "CN",
        ),
        Fab(
            "winbond",
            "winbond-ctsp",
            ("Winbond Electronics Corporation",),
            "Taichung Fab",
            "Taichung",
            "TW",
        ),
    ]
    machines = build(rng, fabs, KOKUSAI, 64, digits("KE", 6), "SC-", (20_000_000, 90_000_000))
    cust_no = {}
    header = [
        "Object ID",
        "Description",
        "Site",
        "Part No",
        "Serial No",
        "Customer No",
        "Customer Name",
        "Address ID",
        "City",
        "Country",
        "Operational Status",
        "Installation Date",
        "Contract ID",
        "Line No",
        "Valid From",
        "Valid To",
        "Line Amount",
        "Currency",
    ]
    rows = []
    for i, m in enumerate(machines):
        cust_no.setdefault(m.fab.customer, f"{1000 + 17 * len(cust_no)}")
        rows.append(
            [
                f"{m.fab.key.upper().replace('-', '_')}_{i + 1:03d}",
                f"{m.model} {m.serial}",
                "KE-TOY",
                m.model.replace(" ", "-").upper(),
                m.serial,
                cust_no[m.fab.customer],
                m.fab.names[0],
                m.fab.site.upper().replace(" ", "_"),
                m.fab.city,
                m.fab.country,
                "In Operation",
                m.installed.strftime("%Y-%m-%d"),
                m.contract,
                (i % 9) + 1,
                m.start.strftime("%Y-%m-%d") if m.start else None,
                m.end.strftime("%Y-%m-%d") if m.end else None,
                m.amount,
                "JPY",
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Serial Objects"
    simple_sheet(ws, header, rows, {17: "#,##0"})
    save_libreoffice(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="IFS Applications 10, Serial Objects overview with service contract lines",
        writer="libreoffice",
        own_company="Kokusai",
        values="line amount per machine, JPY; dates as ISO text",
    )


# -- 3. Infor EAM (HxGN EAM): asset list of a multi-vendor service company --------------------


def infor(out: Path) -> dict[str, Any]:
    """A third-party service company's Infor EAM asset grid: many vendors, so a Manufacturer."""
    rng = random.Random(42)
    fabs = [
        Fab(
            "huahong-sh",
            "huahong-fab1",
            ("Shanghai Huahong Grace Semiconductor Manufacturing Corporation", "HUAHONG GRACE"),
            "Fab 1 Jinqiao",
            "Shanghai",
            "CN",
        ),
        Fab(
            "smic-tj",
            "smic-tj",
            ("Semiconductor Manufacturing International (Tianjin) Corporation", "SMIC Tianjin"),
            "Tianjin Fab 7",
            "Tianjin",
            "CN",
        ),
        Fab(
            "crmicro",
            "crmicro-wx",
            ("CR Micro (Wuxi)", "China Resources Microelectronics Ltd."),
            "Wuxi 8-inch",
            "Wuxi",
            "CN",
        ),
        Fab(
            "silan",
            "silan-hz",
            ("Hangzhou Silan Integrated Circuit Co., Ltd.",),
            "Hangzhou 8-inch",
            "Hangzhou",
            "CN",
        ),
        Fab(
            "gf-sg",
            "gf-fab7",
            ("GLOBALFOUNDRIES Singapore Pte. Ltd.", "GlobalFoundries Singapore"),
            "Fab 7",
            "Singapore",
            "SG",
        ),
        Fab(
            "skywater",
            "skywater-mn",
            ("SkyWater Technology Foundry, Inc.",),
            "Bloomington Fab",
            "Bloomington",
            "US",
        ),
        Fab("tower", "tower-f2", ("Tower Semiconductor Ltd.",), "Fab 2", "Migdal HaEmek", "IL"),
        Fab("xfab-my", "xfab-kuching", ("X-FAB Sarawak Sdn. Bhd.",), "Kuching", "Kuching", "MY"),
    ]
    models = NIKON + CANON + SCREEN + TEL[:3]
    machines = build(
        rng, fabs, models, 48, digits("", 5), "SA-", (40_000, 250_000), with_contract=0.85
    )
    header = [
        "Equipment",
        "Description",
        "Organization",
        "Equipment Type",
        "Status",
        "Department",
        "Class",
        "Manufacturer",
        "Model",
        "Serial Number",
        "Customer",
        "Location",
        "Location Description",
        "Country",
        "Commission Date",
        "Service Agreement",
        "Agreement Start",
        "Agreement Expiry",
        "Annual Value (USD)",
    ]
    rows = []
    for i, m in enumerate(machines):
        rows.append(
            [
                f"EQ-{20000 + i}",
                f"{m.vendor} {m.model}".upper(),
                "SVC-APAC",
                "A",
                "I",
                "FIELD",
                "LITHO" if m.vendor in ("Nikon", "Canon") else "TRACK",
                m.vendor.upper() if rng.random() < 0.5 else m.vendor,
                m.model,
                m.serial,
                pick(rng, m.fab.names),
                m.fab.key.upper(),
                f"{m.fab.site}, {m.fab.city}",
                m.fab.country,
                m.installed,
                m.contract,
                m.start,
                m.end,
                m.amount,
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Equipment"
    simple_sheet(
        ws, header, rows, {15: "dd-mmm-yyyy", 17: "dd-mmm-yyyy", 18: "dd-mmm-yyyy", 19: "#,##0.00"}
    )
    save_openpyxl(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="Infor EAM (HxGN EAM) Equipment list, grid export",
        writer="openpyxl",
        own_company=None,
        values="annual value per machine in USD; 15% of machines without agreement",
    )


# -- 4. SAP S/4HANA Fiori "Maintain Equipment" / Find Technical Object export ---------------


def sap_s4(out: Path) -> dict[str, Any]:
    """ASML's equipment list exported from the Fiori app (Export to Spreadsheet)."""
    rng = random.Random(4)
    fabs = [
        Fab(
            "tsmc",
            "tsmc-f18",
            ("Taiwan Semiconductor Manufacturing Co., Ltd.",),
            "Fab 18",
            "Tainan",
            "TW",
        ),
        Fab(
            "tsmc",
            "tsmc-f15",
            ("Taiwan Semiconductor Manufacturing Co., Ltd.",),
            "Fab 15",
            "Taichung",
            "TW",
        ),
        Fab("tsmc-nj", "tsmc-nj", ("TSMC (Nanjing) Company Limited",), "Fab 16", "Nanjing", "CN"),
        Fab(
            "samsung",
            "samsung-p2",
            ("Samsung Electronics Co., Ltd.",),
            "Pyeongtaek P2",
            "Pyeongtaek",
            "KR",
        ),
        Fab(
            "skh-wuxi", "skh-c2", ("SK hynix Semiconductor (China) Ltd.",), "Wuxi C2", "Wuxi", "CN"
        ),
        Fab(
            "smic-sh",
            "smic-sn1",
            ("Semiconductor Manufacturing South China Corporation",),
            "SN1",
            "Shanghai",
            "CN",
        ),
        Fab(
            "smic-bj",
            "smic-b2",
            ("Semiconductor Manufacturing International (Beijing) Corporation",),
            "B2",
            "Beijing",
            "CN",
        ),
        Fab(
            "smic-sz",
            "smic-sz",
            ("Semiconductor Manufacturing International (Shenzhen) Corporation",),
            "Shenzhen Fab 16",
            "Shenzhen",
            "CN",
        ),
        Fab(
            "huahong-wx",
            "huahong-fab7",
            ("Hua Hong Semiconductor (Wuxi) Limited",),
            "Fab 7",
            "Wuxi",
            "CN",
        ),
        Fab("cxmt", "cxmt-hefei", ("ChangXin Memory Technologies, Inc.",), "Fab 1", "Hefei", "CN"),
        Fab("intel-ie", "intel-f34", ("Intel Ireland Limited",), "Fab 34", "Leixlip", "IE"),
        Fab(
            "gf-de",
            "gf-dd1",
            ("GLOBALFOUNDRIES Dresden Module One LLC & Co. KG",),
            "Fab 1",
            "Dresden",
            "DE",
        ),
        Fab("micron", "micron-boise", ("Micron Technology, Inc.",), "ID1", "Boise", "US"),
    ]

    def serial(rng: random.Random, i: int) -> str:
        return f"{rng.randrange(100, 9999):04d}"  # leading zeros are part of the serial

    machines = build(
        rng, fabs, ASML, 110, serial, "4100", (900_000, 4_000_000), contract_per="customer"
    )
    cust_no: dict[str, str] = {}
    header = [
        "Equipment",
        "Description",
        "Technical Object Type",
        "Material",
        "Material Description",
        "Serial Number",
        "Manufacturer",
        "Manufacturer Part Number",
        "Maintenance Plant",
        "Functional Location",
        "Functional Location Description",
        "Customer",
        "Customer Name",
        "City",
        "Country/Region Key",
        "Start-up Date",
        "Service Contract",
        "Contract Start",
        "Contract End",
        "Net Value",
        "Currency",
        "User Status",
    ]
    rows = []
    for i, m in enumerate(machines):
        cust_no.setdefault(m.fab.customer, f"{1000123 + 311 * len(cust_no)}")
        code = m.model.split()[-1]
        rows.append(
            [
                f"{10004711 + i}",
                f"{code} {m.fab.names[0][:18]}",
                "LITHO" if "YieldStar" not in m.model else "METROLOGY",
                ASML_MATERIAL[m.model],
                m.model,
                m.serial,
                "",  # own equipment: the manufacturer field is left empty
                "",
                "NL10",
                f"{m.fab.country}-{m.fab.city[:3].upper()}-{m.fab.key.upper()}",
                f"{m.fab.names[0].split(' (')[0]} {m.fab.site}",
                cust_no[m.fab.customer],
                m.fab.names[0],
                m.fab.city,
                m.fab.country,
                m.installed,
                m.contract,
                m.start,
                m.end,
                m.amount,
                "EUR",
                "INST",
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    simple_sheet(
        ws, header, rows, {16: "yyyy-mm-dd", 18: "yyyy-mm-dd", 19: "yyyy-mm-dd", 20: "#,##0.00"}
    )
    for r in range(2, len(rows) + 2):
        for c in (1, 4, 6, 12):
            ws.cell(row=r, column=c).number_format = "@"
    save_openpyxl(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="SAP S/4HANA, Fiori Maintain Equipment (IE03 fields), Export to Spreadsheet",
        writer="openpyxl",
        own_company="ASML",
        values="net value per equipment line in EUR; serials are text with leading zeros",
    )


# -- 5. Dutch ERP (AFAS Profit / Exact Globe) export ------------------------------------------


def dutch(out: Path) -> dict[str, Any]:
    """ASM International's service contracts per machine from a Dutch ERP (Excel export)."""
    rng = random.Random(31)
    tsmc = (
        "Taiwan Semiconductor Manufacturing Company Ltd.",
        "TSMC",
        "Taiwan Semiconductor Manufacturing Co Ltd",
    )
    fabs = [
        Fab("tsmc", "tsmc-f12", tsmc, "Fab 12", "Hsinchu", "TW"),
        Fab("tsmc", "tsmc-f18", tsmc, "Fab 18", "Tainan", "TW"),
        Fab(
            "samsung",
            "samsung-s3",
            ("Samsung Electronics Co., Ltd.", "Samsung Electronics Co Ltd"),
            "Hwaseong S3",
            "Hwaseong",
            "KR",
        ),
        Fab("intel", "intel-d1x", ("Intel Corporation",), "D1X", "Hillsboro", "US"),
        Fab("intel-ie", "intel-f34", ("Intel Ireland Ltd",), "Fab 34", "Leixlip", "IE"),
        Fab(
            "smic-sh",
            "smic-sn1",
            ("SMIC South", "Semiconductor Manufacturing South China Corp."),
            "SN1",
            "Shanghai",
            "CN",
        ),
        Fab("nexchip", "nexchip-n2", ("Nexchip Semiconductor Corporation",), "N2", "Hefei", "CN"),
        Fab(
            "infineon",
            "ifx-dd",
            ("Infineon Technologies Dresden GmbH & Co. OHG",),
            "Dresden",
            "Dresden",
            "DE",
        ),
        Fab(
            "st-fr",
            "st-crolles",
            ("STMicroelectronics (Crolles 2) SAS",),
            "Crolles 300",
            "Crolles",
            "FR",
        ),
        Fab(
            "micron-sg",
            "micron-f10",
            ("Micron Semiconductor Asia Operations Pte. Ltd.",),
            "Fab 10",
            "Singapore",
            "SG",
        ),
    ]
    machines = build(rng, fabs, ASM, 72, digits("", 6), "SC", (60_000, 400_000))
    land = {
        "TW": "Taiwan",
        "KR": "Zuid-Korea",
        "US": "Verenigde Staten",
        "IE": "Ierland",
        "CN": "China",
        "DE": "Duitsland",
        "FR": "Frankrijk",
        "SG": "Singapore",
    }
    header = [
        "Klant",
        "Vestiging",
        "Plaats",
        "Land",
        "Serienummer",
        "Type",
        "Installatiedatum",
        "Contract",
        "Ingangsdatum",
        "Einddatum",
        "Jaarbedrag",
    ]
    rows = []
    for m in machines:
        rows.append(
            [
                pick(rng, m.fab.names),
                m.fab.site,
                m.fab.city,
                land[m.fab.country],
                m.serial,
                m.model,
                m.installed,
                m.contract,
                m.start,
                m.end,
                m.amount,
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Installed base"
    simple_sheet(
        ws,
        header,
        rows,
        {7: "dd-mm-yyyy", 9: "dd-mm-yyyy", 10: "dd-mm-yyyy", 11: "[$€-413] #.##0,00"},
    )
    save_libreoffice(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="Dutch ERP (AFAS Profit / Exact Globe style), Excel export, Dutch headings",
        writer="libreoffice",
        own_company="ASM International",
        values="Jaarbedrag per machine, euro number format; Land in Dutch",
    )


# -- 6. Japanese SAP (ECC/S4 in Japanese logon language) ---------------------------------------


def japanese(out: Path) -> dict[str, Any]:
    """TEL's equipment with sold-to party and service contract, SAP GUI list, Japanese labels."""
    rng = random.Random(81)
    fabs = [
        Fab(
            "kioxia",
            "kioxia-y7",
            ("キオクシア株式会社", "キオクシア（株）"),
            "四日市工場 第7製造棟",
            "三重県四日市市",
            "JP",
        ),
        Fab(
            "kioxia",
            "kioxia-k1",
            ("キオクシア株式会社", "キオクシア（株）"),
            "北上工場 K1",
            "岩手県北上市",
            "JP",
        ),
        Fab(
            "jasm",
            "jasm-kumamoto",
            ("Japan Advanced Semiconductor Manufacturing株式会社", "JASM"),
            "熊本第一工場",
            "熊本県菊陽町",
            "JP",
        ),
        Fab(
            "sony",
            "sony-kumamoto",
            ("ソニーセミコンダクタマニュファクチャリング株式会社",),
            "熊本テクノロジーセンター",
            "熊本県菊陽町",
            "JP",
        ),
        Fab(
            "renesas",
            "renesas-naka",
            ("ルネサス エレクトロニクス株式会社", "ルネサスエレクトロニクス(株)"),
            "那珂工場",
            "茨城県ひたちなか市",
            "JP",
        ),
        Fab("tsmc", "tsmc-f18", ("台湾積体電路製造股份有限公司",), "Fab 18", "台南市", "TW"),
        Fab(
            "smic-bj",
            "smic-b2",
            ("中芯北方集成電路製造（北京）有限公司",),
            "北京B2",
            "北京市",
            "CN",
        ),
        Fab("ymtc", "ymtc-wuhan", ("長江存儲科技有限責任公司",), "武漢工場", "武漢市", "CN"),
        Fab("samsung", "samsung-p3", ("サムスン電子株式会社",), "平沢P3", "平沢市", "KR"),
    ]

    def serial(rng: random.Random, i: int) -> str:
        return f"T{rng.choice('ABCDEFGH')}{rng.randrange(1, 99999):05d}"

    machines = build(rng, fabs, TEL, 58, serial, "40", (8_000_000, 60_000_000))
    header = [
        "設備",
        "設備テキスト",
        "品目",
        "品目テキスト",
        "製造番号",
        "得意先",
        "得意先名称",
        "機能場所テキスト",
        "所在地",
        "国コード",
        "稼動開始日",
        "契約番号",
        "契約開始日",
        "契約終了日",
        "正味価額",
        "通貨",
    ]
    cust_no: dict[str, str] = {}
    rows = []
    for i, m in enumerate(machines):
        cust_no.setdefault(m.fab.customer, f"{300100 + 7 * len(cust_no)}")
        rows.append(
            [
                f"{20000000 + i}",
                m.model,
                f"TEL-{[mm for _, mm in TEL].index(m.model) + 101:04d}",
                m.model,
                m.serial,
                cust_no[m.fab.customer],
                pick(rng, m.fab.names),
                m.fab.site,
                m.fab.city,
                m.fab.country,
                m.installed.strftime("%Y/%m/%d"),
                m.contract,
                m.start.strftime("%Y/%m/%d") if m.start else "",
                m.end.strftime("%Y/%m/%d") if m.end else "",
                f"{int(m.amount or 0):,}",
                "JPY",
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "設備一覧"
    simple_sheet(ws, header, rows, {})
    save_openpyxl(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="SAP (Japanese logon language) equipment list (IH08) with contract, to Excel",
        writer="openpyxl",
        own_company="TEL",
        values="正味価額 as text with thousands commas, JPY; dates as yyyy/mm/dd text",
    )


# -- 7. Traditional Chinese (Taiwan) ----------------------------------------------------------


def taiwan(out: Path) -> dict[str, Any]:
    """Applied Materials Taiwan's field-service list from a Taiwanese ERP, Traditional Chinese."""
    rng = random.Random(886)
    tsmc = ("台灣積體電路製造股份有限公司", "台積電", "台積公司")
    umc = ("聯華電子股份有限公司", "聯電")
    fabs = [
        Fab("tsmc", "tsmc-f12", tsmc, "十二廠", "新竹市", "TW"),
        Fab("tsmc", "tsmc-f15", tsmc, "十五廠", "台中市", "TW"),
        Fab("tsmc", "tsmc-f18", tsmc, "十八廠", "台南市", "TW"),
        Fab("tsmc-nj", "tsmc-nj", ("台積電(南京)有限公司",), "南京廠", "南京市", "CN"),
        Fab("umc", "umc-12a", umc, "12A廠", "台南市", "TW"),
        Fab("usc", "umc-12x", ("聯芯集成電路製造(廈門)有限公司",), "12X廠", "廈門市", "CN"),
        Fab(
            "psmc",
            "psmc-tongluo",
            ("力晶積成電子製造股份有限公司", "力積電"),
            "銅鑼廠",
            "苗栗縣",
            "TW",
        ),
        Fab("nanya", "nanya-f3a", ("南亞科技股份有限公司", "南亞科"), "3A廠", "新北市", "TW"),
        Fab("winbond", "winbond-kh", ("華邦電子股份有限公司",), "高雄廠", "高雄市", "TW"),
        Fab("macronix", "mxic-f5", ("旺宏電子股份有限公司",), "五廠", "新竹市", "TW"),
        Fab("micron-tw", "micron-a3", ("台灣美光記憶體股份有限公司",), "A3廠", "台中市", "TW"),
    ]
    machines = build(rng, fabs, AMAT, 88, digits("A", 7), "TWSA-", (3_000_000, 25_000_000))
    country = {"TW": "台灣", "CN": "中國大陸"}
    header = [
        "客戶名稱",
        "廠區",
        "縣市",
        "國家",
        "機台序號",
        "機型",
        "裝機日期",
        "合約編號",
        "合約起日",
        "合約迄日",
        "合約金額",
        "幣別",
        "備註",
    ]
    notes = ["", "", "", "", "PM每季", "含零件", "", "待續約", "遠端支援"]
    rows = []
    for m in machines:
        rows.append(
            [
                pick(rng, m.fab.names),
                m.fab.site,
                m.fab.city,
                country[m.fab.country],
                m.serial,
                m.model,
                m.installed.strftime("%Y/%m/%d"),
                m.contract,
                m.start.strftime("%Y/%m/%d") if m.start else None,
                m.end.strftime("%Y/%m/%d") if m.end else None,
                m.amount,
                "TWD",
                rng.choice(notes) or None,
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "裝機清單"
    simple_sheet(ws, header, rows, {11: "#,##0"})
    save_openpyxl(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="Taiwanese ERP (Digiwin style) field-service list, Traditional Chinese headings",
        writer="openpyxl",
        own_company="Applied Materials",
        values="合約金額 per machine in TWD; dates as yyyy/mm/dd text; 國家 in Chinese",
    )


# -- 8. A sales engineer's own Excel sheet -----------------------------------------------------


def hand_sheet(out: Path) -> dict[str, Any]:
    """KLA China installed base as one sales engineer keeps it by hand."""
    rng = random.Random(7)
    smic_bj = ("SMIC Beijing", "Smic BJ", "S.M.I.C. Beijing", "SMIC北京")
    fabs = [
        Fab("smic-bj", "smic-b2", smic_bj, "B2", "Beijing", "CN"),
        Fab("smic-bj", "smic-b3", smic_bj, "B3", "Beijing", "CN"),
        Fab(
            "smic-sh", "smic-sn1", ("SMIC SH", "SMIC Shanghai", "smic sn"), "SN1", "Shanghai", "CN"
        ),
        Fab(
            "huahong-wx",
            "huahong-fab7",
            ("Hua Hong Wuxi", "HuaHong", "HHGrace Wuxi"),
            "Fab7",
            "Wuxi",
            "CN",
        ),
        Fab("cxmt", "cxmt-hefei", ("CXMT", "ChangXin", "CXMT Hefei"), "Fab1", "Hefei", "CN"),
        Fab("ymtc", "ymtc-wuhan", ("YMTC", "Yangtze Memory"), "Fab1", "Wuhan", "CN"),
        Fab("nexchip", "nexchip-n2", ("Nexchip", "NEXCHIP 晶合"), "N2", "Hefei", "CN"),
        Fab("skh-wuxi", "skh-c2", ("SK Hynix Wuxi", "Hynix WX"), "C2", "Wuxi", "CN"),
    ]
    machines = build(
        rng,
        fabs,
        KLA,
        54,
        digits("", 6),
        "CN-SVC-",
        (80_000, 2_500_000),
        with_contract=0.8,
        contract_per="customer",
    )
    # A machine without a contract number gets no value either: it is not under contract.
    for m in machines:
        if m.contract is None:
            m.amount = None
    wb = Workbook()
    ws = wb.active
    ws.title = "IB China"
    ws["A1"] = "KLA China installed base & service contracts - status Sep 2025 (Wang Lei)"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:J1")
    ws["A2"] = "internal only - please do not forward"
    ws["A2"].font = Font(italic=True, color="FF0000")
    header = [
        "Customer",
        "Fab",
        "City",
        "Tool",
        "S/N",
        "Installed",
        "Contract #",
        "Expiry",
        "Value",
        "Notes",
    ]
    ws.append([])
    ws.append(header)
    head_row = ws.max_row
    for cell in ws[head_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(horizontal="center")
    notes = [
        "",
        "",
        "",
        "relocated from B1",
        "upgrade quote sent",
        "EOL 2026?",
        "check EL status w/ legal",
        "PM only",
        "",
        "customer wants SP7 upgrade",
    ]

    def typed_date(d: date) -> Any:
        r = rng.random()
        if r < 0.45:
            return d  # a real date cell
        if r < 0.6:
            return d.strftime("%d/%m/%Y")
        if r < 0.7:
            return d.strftime("%Y.%m.%d").replace(".0", ".")
        if r < 0.85:
            return d.strftime("%b %Y")  # month only: the engineer did not know the day
        return d.strftime("%Y-%m-%d")

    def typed_value(v: float | None) -> Any:
        if v is None:
            return None
        r = rng.random()
        if r < 0.5:
            return v
        if r < 0.65 and v >= 1_000_000:
            return f"USD {v / 1_000_000:.1f}M"
        if r < 0.8:
            return f"{v / 1000:,.0f}k"
        if r < 0.9:
            return f"${v:,.0f}"
        return f"{v:,.0f} USD"

    by_customer: dict[str, list[Machine]] = {}
    for m in machines:
        by_customer.setdefault(m.fab.customer, []).append(m)
    for group in by_customer.values():
        for m in group:
            v = typed_value(m.amount)
            ws.append(
                [
                    pick(rng, m.fab.names),
                    m.fab.site,
                    m.fab.city,
                    m.model,
                    m.serial,
                    typed_date(m.installed),
                    m.contract,
                    typed_date(m.end) if m.end else None,
                    v,
                    rng.choice(notes) or None,
                ]
            )
            row = ws.max_row
            if isinstance(v, float):
                ws.cell(row=row, column=9).number_format = '"$"#,##0'
            if isinstance(ws.cell(row=row, column=6).value, date):
                ws.cell(row=row, column=6).number_format = "yyyy-mm-dd"
            if isinstance(ws.cell(row=row, column=8).value, date):
                ws.cell(row=row, column=8).number_format = "dd-mmm-yy"
        ws.append([])  # a blank row between customers
    ws.append([])
    ws.append(
        [
            "TOTAL",
            None,
            None,
            f"=COUNTA(D{head_row + 1}:D{ws.max_row})",
            None,
            None,
            None,
            None,
            f"=SUM(I{head_row + 1}:I{ws.max_row - 1})",
            "numeric cells only",
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.cell(row=ws.max_row, column=9).number_format = '"$"#,##0'
    for col, width in zip("ABCDEFGHIJ", (20, 6, 10, 18, 10, 12, 14, 12, 14, 28), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    save_libreoffice(wb, out)
    return manifest_entry(
        out.name,
        machines,
        system="hand-kept Excel sheet of a sales engineer (title, blank rows, totals row)",
        writer="libreoffice",
        own_company="KLA",
        header_row=head_row,
        values="Value typed as numbers, 'USD 1.2M', '850k', '$1,200,000', '1,200,000 USD'; "
        "20% of tools without contract",
    )


# -- 9. CSV from Excel on a German Windows machine ------------------------------------------


def german_csv(out: Path) -> dict[str, Any]:
    """Hitachi High-Tech Europe (Krefeld) service list, saved by Excel (DE) as CSV (;)."""
    rng = random.Random(49)
    fabs = [
        Fab(
            "infineon",
            "ifx-dd",
            ("Infineon Technologies Dresden GmbH & Co. OHG", "Infineon Dresden"),
            "Fab Dresden",
            "Dresden",
            "DE",
        ),
        Fab(
            "infineon-at",
            "ifx-villach",
            ("Infineon Technologies Austria AG",),
            "Villach 300",
            "Villach",
            "AT",
        ),
        Fab(
            "gf-de",
            "gf-dd1",
            ("GLOBALFOUNDRIES Dresden Module One LLC & Co. KG", "Globalfoundries Dresden"),
            "Fab 1",
            "Dresden",
            "DE",
        ),
        Fab("bosch", "bosch-dd", ("Robert Bosch GmbH",), "Waferfab Dresden", "Dresden", "DE"),
        Fab("bosch", "bosch-rt", ("Robert Bosch GmbH",), "Waferfab Reutlingen", "Reutlingen", "DE"),
        Fab(
            "xfab", "xfab-erfurt", ("X-FAB Semiconductor Foundries GmbH",), "Erfurt", "Erfurt", "DE"
        ),
        Fab(
            "esmc",
            "esmc-dd",
            ("ESMC European Semiconductor Manufacturing Company GmbH",),
            "Dresden",
            "Dresden",
            "DE",
        ),
        Fab(
            "st-fr",
            "st-crolles",
            ("STMicroelectronics (Crolles 2) SAS",),
            "Crolles 300",
            "Crolles",
            "FR",
        ),
        Fab("intel-ie", "intel-f34", ("Intel Ireland Ltd.",), "Fab 34", "Leixlip", "IE"),
        Fab(
            "nxp",
            "nxp-nijmegen",
            ("NXP Semiconductors Netherlands B.V.",),
            "ICN8",
            "Nijmegen",
            "NL",
        ),
    ]
    machines = build(rng, fabs, HHT, 42, digits("", 4), "HTE-", (30_000, 180_000))
    land = {
        "DE": "Deutschland",
        "AT": "Österreich",
        "FR": "Frankreich",
        "IE": "Irland",
        "NL": "Niederlande",
    }
    header = [
        "Kunde",
        "Standort",
        "Ort",
        "Land",
        "Seriennummer",
        "Modell",
        "Installationsdatum",
        "Vertragsnummer",
        "Vertragsbeginn",
        "Vertragsende",
        "Jahreswert (EUR)",
        "Bemerkung",
    ]

    def de(d: date | None) -> str:
        return d.strftime("%d.%m.%Y") if d else ""

    def money(v: float | None) -> str:
        if v is None:
            return ""
        return f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")

    remarks = [
        "",
        "",
        "",
        "Wartung vierteljährlich",
        "Ersatzteile inkl.",
        "Verlängerung geprüft",
        "Fernwartung",
    ]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for m in machines:
        writer.writerow(
            [
                pick(rng, m.fab.names),
                m.fab.site,
                m.fab.city,
                land[m.fab.country],
                m.serial,
                m.model,
                de(m.installed),
                m.contract,
                de(m.start),
                de(m.end),
                money(m.amount),
                rng.choice(remarks),
            ]
        )
    out.write_bytes(buf.getvalue().encode("cp1252"))
    return manifest_entry(
        out.name,
        machines,
        system="Excel (German Windows) 'CSV (Trennzeichen-getrennt)': ';', cp1252, CRLF",
        writer="python csv as Excel DE saves it",
        own_company="Hitachi High-Tech",
        values="Jahreswert as 125.000,00; dates dd.mm.yyyy; Land in German; umlauts in cp1252",
    )


FILES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "d365_customer_assets.xlsx": d365,
    "ifs_serial_objects.xlsx": ifs,
    "infor_eam_equipment.xlsx": infor,
    "sap_s4_maintain_equipment.xlsx": sap_s4,
    "afas_installatiebasis_nl.xlsx": dutch,
    "sap_setsubi_ja.xlsx": japanese,
    "taiwan_zh_hant.xlsx": taiwan,
    "kla_china_hand_sheet.xlsx": hand_sheet,
    "hht_europe_excel_de.csv": german_csv,
}


def canonical(name: str) -> str:
    """Used only to self-check the truth: a name with case, punctuation and forms removed."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "", text)


def main() -> None:
    manifest: dict[str, Any] = {
        "held_out": True,
        "about": "Second held-out corpus (issue 12); see README.md. Counts are from the "
        "generator's truth, not read back from the files.",
        "files": {},
    }
    for name, make in FILES.items():
        entry = make(HERE / name)
        manifest["files"][name] = entry
        print(
            f"{name}: {entry['rows']} rows, {entry['machines']} machines, "
            f"{entry['customers']} customers, {entry['fabs']} fabs, {entry['contracts']} contracts"
        )
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
