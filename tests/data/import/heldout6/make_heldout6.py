"""Generate the held-out corpus 6 of installed-base exports (deterministic, seeded).

Why: the import team tunes the importer on the corpora it can see; this corpus was written
without reading the importer, so a first import of these files measures how it does on export
layouts nobody tuned it on. Every file is correct data that a real export of the named system
could hold; the mess is the mess of real exports (labels in the user's language, title blocks,
group and total rows, merged cells, sheets that refer to each other by codes, era dates,
two-digit years, local amounts, legacy encodings, one legal entity under several spellings),
never corruption.

Run: python make_heldout6.py  (rewrites every file and manifest.json in this folder; the one
LibreOffice file needs ``soffice`` on the PATH). ``check_heldout6.py`` re-derives the counts
from the written files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
SEED = 6_2026
STAMP = "2026-12-03T09:00:00Z"

# canonical vendor -> (public model names, serial pattern); the canonical name is the manifest's
VENDORS: dict[str, tuple[list[str], str]] = {
    "ASML": (["NXT:2000i", "NXT:1980Di", "XT:1460K", "XT:860M", "YieldStar 380F"], "{n:05d}"),
    "Applied Materials": (
        ["Endura Clover", "Centura Epi", "Producer GT", "Sym3 Y", "VeritySEM 6i"],
        "AM{n:06d}",
    ),
    "Lam Research": (
        ["Kiyo C", "Flex G", "Vector Express", "Striker FE", "Sabre 3D", "ALTUS Max"],
        "LR{n:06d}",
    ),
    "Tokyo Electron": (
        ["Tactras Vigus", "Lithius Pro Z", "CELLESTA-i", "TELINDY Plus", "Episode UL"],
        "TE{n:06d}",
    ),
    "KLA": (["Surfscan SP7XP", "Archer 750", "eDR7380", "SpectraShape 11k"], "KL{n:05d}"),
    "Hitachi High-Tech": (["CG7300", "GT2000", "RS6000"], "HT{n:05d}"),
    "SCREEN": (["SU-3400", "SS-3200"], "SC{n:06d}"),
    "Canon": (["FPA-6300ESW", "FPA-3030i5a"], "CA{n:05d}"),
    "Nikon": (["NSR-S635E", "NSR-S322F"], "NK{n:06d}"),
    "Kokusai Electric": (["TSURUGI-C2", "QUIXACE II", "AdvancedAce II"], "KE{n:06d}"),
    "ASM International": (["A400", "Eagle XP8", "Pulsar XP"], "AS{n:05d}"),
    "Onto Innovation": (["Dragonfly G3", "Atlas V", "IMPULSE+", "JetStep S3500"], "ON{n:05d}"),
}

# legal entity -> {site key: (city, ISO2)}; how each file spells them is set per file
FABS: dict[str, dict[str, tuple[str, str]]] = {
    "intel": {"D1X": ("Hillsboro", "US"), "Fab 42": ("Chandler", "US")},
    "intelie": {"Fab 24": ("Leixlip", "IE")},
    "intelil": {"Fab 28": ("Kiryat Gat", "IL")},
    "micron": {"Boise": ("Boise", "US"), "Fab 6": ("Manassas", "US")},
    "ti": {"RFAB": ("Richardson", "US"), "LFAB": ("Lehi", "US")},
    "gf": {"Fab 8": ("Malta", "US")},
    "skywater": {"Bloomington": ("Bloomington", "US")},
    "wolfspeed": {"Mohawk Valley": ("Marcy", "US")},
    "tsmcaz": {"Fab 21": ("Phoenix", "US")},
    "samsungaus": {"S2": ("Austin", "US")},
    "tower": {"Fab 2": ("Migdal HaEmek", "IL")},
    "ifx": {"Dresden": ("Dresden", "DE")},
    "ifxat": {"Villach": ("Villach", "AT")},
    "bosch": {"Dresden": ("Dresden", "DE"), "Reutlingen": ("Reutlingen", "DE")},
    "gfde": {"Fab 1": ("Dresden", "DE")},
    "xfab": {"Dresden": ("Dresden", "DE")},
    "gfsg": {"Fab 7": ("Singapore", "SG")},
    "micronsg": {"Fab 10": ("Singapore", "SG")},
    "ifxmy": {"Kulim": ("Kulim", "MY")},
    "smicsh": {"S1": ("Shanghai", "CN")},
    "smicbj": {"B2": ("Beijing", "CN")},
    "hhwx": {"Fab 7": ("Wuxi", "CN")},
    "hlmc": {"Fab 5": ("Shanghai", "CN")},
    "ymtc": {"Fab 1": ("Wuhan", "CN")},
    "cxmt": {"Fab 1": ("Hefei", "CN")},
    "kioxia": {"Yokkaichi": ("Yokkaichi", "JP")},
    "kioxiaiw": {"Kitakami": ("Kitakami", "JP")},
    "sony": {"Kumamoto TEC": ("Kikuyo", "JP")},
    "renesas": {"Naka": ("Hitachinaka", "JP")},
    "micronjp": {"Hiroshima": ("Higashihiroshima", "JP")},
    "jasm": {"Fab 1": ("Kikuyo", "JP")},
    "samsung": {"P2": ("Pyeongtaek", "KR"), "S3": ("Hwaseong", "KR")},
    "skhynix": {"M16": ("Icheon", "KR"), "M15": ("Cheongju", "KR")},
    "dbhitek": {"Fab 1": ("Bucheon", "KR")},
    "st": {"Crolles 300": ("Crolles", "FR")},
    "stit": {"Agrate R3": ("Agrate Brianza", "IT")},
    "nxp": {"ICN8": ("Nijmegen", "NL")},
}


class Machine(dict):  # type: ignore[type-arg]
    """One machine row of the truth: a dict with fixed keys (simple and printable)."""


def draw(
    rng: random.Random,
    n: int,
    custs: list[str],
    vendors: list[str],
    contracts_per_customer: int,
    contract_no: Any,
    uncovered: int = 0,
) -> list[Machine]:
    """Draw n machines at fabs of the given customers and group them into contracts.

    ``contract_no(j)`` gives the number of the j-th contract; the last ``uncovered`` machines
    are under no contract (past warranty, no service deal).
    """
    out: list[Machine] = []
    seen: set[str] = set()
    for i in range(n):
        cust = custs[i % len(custs)]
        site = rng.choice(sorted(FABS[cust]))
        city, country = FABS[cust][site]
        vendor = rng.choice(vendors)
        models, pat = VENDORS[vendor]
        while True:
            serial = pat.format(n=rng.randrange(1000, 99_999))
            if serial not in seen:
                seen.add(serial)
                break
        out.append(
            Machine(
                cust=cust,
                site=site,
                city=city,
                country=country,
                vendor=vendor,
                model=rng.choice(models),
                serial=serial,
                install=dt.date(2013, 6, 1) + dt.timedelta(days=rng.randrange(0, 4000)),
                contract=None,
                start=None,
                end=None,
                value=None,
            )
        )
    groups: dict[tuple[str, int], list[Machine]] = {}
    nth: dict[str, int] = {}
    for m in out[: n - uncovered]:
        k = nth[m["cust"]] = nth.get(m["cust"], -1) + 1  # the customer's k-th machine
        groups.setdefault((m["cust"], k % contracts_per_customer), []).append(m)
    for j, (_key, ms) in enumerate(sorted(groups.items())):
        start = dt.date(2023 + j % 3, 1 + (j * 5) % 12, 1)
        end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
        for m in ms:
            m.update(
                contract=contract_no(j), start=start, end=end, value=rng.randrange(80, 990) * 1000
            )
    return out


def truth(
    ms: list[Machine], rows: int, own: str | None, vendor_col: bool, system: str, writer: str
) -> dict[str, Any]:
    """The manifest entry of one file, computed from the machines it was written from."""
    return {
        "rows": rows,
        "machines": len({m["serial"] for m in ms}),
        "customers": len({m["cust"] for m in ms}),
        "fabs": len({(m["cust"], m["site"]) for m in ms}),
        "contracts": len({m["contract"] for m in ms if m["contract"]}),
        "own_company": own,
        "vendor_column": vendor_col,
        "system": system,
        "writer": writer,
        "samples": [
            {
                "serial": m["serial"],
                "vendor": m["vendor"],
                "model": m["model"],
                "country": m["country"],
            }
            for m in ms[:5]
        ],
    }


def save_stable(wb: Workbook, path: Path) -> None:
    """Save with openpyxl, then fix the save-time stamps so a rerun gives identical bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(stable_zip(buf.getvalue()))


def stable_zip(raw: bytes) -> bytes:
    """The same xlsx with fixed zip-entry times and fixed created/modified stamps."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rf"\g<1>{STAMP}\2",
                    data.decode("utf-8"),
                )
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 3, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    return out.getvalue()


def save_via_libreoffice(wb: Workbook, path: Path) -> None:
    """Write with openpyxl, let LibreOffice re-save it as xlsx (its own writer), fix stamps."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / path.name
        wb.save(src)
        out = Path(tmp) / "out"
        out.mkdir()
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(out),
                str(src),
            ],
            check=True,
            capture_output=True,
        )
        path.write_bytes(stable_zip((out / src.name).read_bytes()))


def write_text(
    path: Path, rows: list[list[str]], *, delimiter: str, encoding: str, bom: bool = False
) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def eu_amount(v: float, thousands: str = ".") -> str:
    """1.234.567,00 as a German user's Excel shows it."""
    return f"{v:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", thousands)


MON = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def oracle_date(d: dt.date) -> str:
    """Oracle's default DD-MON-YYYY display."""
    return f"{d.day:02d}-{MON[d.month - 1]}-{d.year}"


def jira_date(d: dt.date) -> str:
    """Jira's default dd/MMM/yy display (two-digit year)."""
    return f"{d.day:02d}/{MON[d.month - 1].title()}/{d.year % 100:02d}"


def reiwa(d: dt.date, style: str) -> str:
    """Japanese era date: 'R6.04.01', '令和6年4月1日' or, before May 2019, '平成30年4月1日'."""
    if d >= dt.date(2019, 5, 1):
        era, short, y = "令和", "R", d.year - 2018
    else:
        era, short, y = "平成", "H", d.year - 1988
    if style == "short":
        return f"{short}{y}.{d.month:02d}.{d.day:02d}"
    return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"


def bold_row(ws: Any, row: int) -> None:
    for c in ws[row]:
        c.font = Font(bold=True)


def spell(variants: dict[str, list[str]], m: Machine, ms: list[Machine]) -> str:
    """The spelling of a row's customer. Where a file has several (duplicate master records),
    each contract is under one of them, alternating over the customer's contracts; machines
    under no contract take the first."""
    names = variants[m["cust"]]
    if not m["contract"]:
        return names[0]
    mine = sorted({x["contract"] for x in ms if x["cust"] == m["cust"] and x["contract"]})
    return names[mine.index(m["contract"]) % len(names)]


# 1 ---------------------------------------------------------------------------------------------
def oracle_ebs(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Oracle E-Business Suite Install Base, Item Instances search results, File > Export.

    Tab-delimited text in the client's Windows code page (cp1252), DD-MON-YYYY dates, amounts
    with the currency code. Lam Research's own installed base: no maker column; the Item is
    Lam's part number, the description its product name. Intel Corporation has two customer
    accounts with two spellings; Intel Ireland is a separate legal entity. The last two
    machines are under no contract.
    """
    name = "oracle_ebs_install_base_instances.tsv"
    ms = draw(
        rng,
        15,
        ["intel", "micron", "ti", "intelie", "gf"],
        ["Lam Research"],
        2,
        lambda j: f"K{60310 + j * 7}",
        uncovered=2,
    )
    party = {
        "intel": ["Intel Corporation", "INTEL CORP"],
        "micron": ["Micron Technology, Inc."],
        "ti": ["Texas Instruments Incorporated"],
        "intelie": ["Intel Ireland Limited"],
        "gf": ["GLOBALFOUNDRIES U.S. Inc."],
    }
    account = {
        "Intel Corporation": "1004",
        "INTEL CORP": "2271",
        "Micron Technology, Inc.": "1019",
        "Texas Instruments Incorporated": "1033",
        "Intel Ireland Limited": "3105",
        "GLOBALFOUNDRIES U.S. Inc.": "1187",
    }
    head = [
        "Instance Number",
        "Item",
        "Item Description",
        "Serial Number",
        "Instance Status",
        "Owner Party Name",
        "Owner Account Number",
        "Install Location",
        "Address",
        "City",
        "State",
        "Country",
        "Installation Date",
        "Contract Number",
        "Contract Start Date",
        "Contract End Date",
        "Contract Line Amount",
    ]
    states = {
        "Hillsboro": "OR",
        "Chandler": "AZ",
        "Boise": "ID",
        "Manassas": "VA",
        "Richardson": "TX",
        "Lehi": "UT",
        "Malta": "NY",
        "Leixlip": "",
    }
    rows = [head]
    for i, m in enumerate(ms):
        p = spell(party, m, ms)
        rows.append(
            [
                str(41_230_000 + i * 17),
                f"853-{rng.randrange(100, 999)}{rng.randrange(100, 999)}-{rng.randrange(1, 9):03d}",
                m["model"],
                m["serial"],
                "Installed",
                p,
                account[p],
                f"{m['site']} - {m['city']}",
                f"{rng.randrange(100, 9999)} {rng.choice(['NE', 'SW', 'E', 'W'])} "
                f"{rng.choice(['Fab', 'Technology', 'Industrial', 'Science'])} Way",
                m["city"],
                states[m["city"]],
                m["country"],
                oracle_date(m["install"]),
                m["contract"] or "",
                oracle_date(m["start"]) if m["contract"] else "",
                oracle_date(m["end"]) if m["contract"] else "",
                f"USD {m['value']:,.2f}" if m["contract"] else "",
            ]
        )
    write_text(HERE / name, rows, delimiter="\t", encoding="cp1252")
    return name, truth(
        ms,
        len(ms),
        "Lam Research",
        False,
        "Oracle E-Business Suite Install Base, item instances (Forms export, tab-delimited)",
        "csv",
    )


# 2 ---------------------------------------------------------------------------------------------
def proalpha_de(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """proALPHA, Serviceobjekte list exported to CSV (German UI).

    cp1252, ';', three title lines and a blank line before the headings, dd.mm.yy dates
    (two-digit years), '1.234.567,00 €' amounts, countries in German; Robert Bosch GmbH under
    two customer numbers (two master records), Infineon Austria is its own legal entity.
    Maker column (Hersteller). Two machines without contract.
    """
    name = "proalpha_serviceobjekte_de.csv"
    ms = draw(
        rng,
        16,
        ["ifx", "bosch", "gfde", "xfab", "ifxat"],
        ["ASML", "Applied Materials", "Lam Research", "KLA", "Tokyo Electron", "Canon"],
        2,
        lambda j: f"WV-{2400 + j}",
        uncovered=2,
    )
    kunde = {
        "ifx": [("10020", "Infineon Technologies Dresden GmbH & Co. KG")],
        "bosch": [("10031", "Robert Bosch GmbH"), ("10388", "Robert Bosch GmbH, Werk Reutlingen")],
        "gfde": [("10045", "GLOBALFOUNDRIES Dresden Module One LLC & Co. KG")],
        "xfab": [("10057", "X-FAB Dresden GmbH & Co. KG")],
        "ifxat": [("20011", "Infineon Technologies Austria AG")],
    }
    land = {"DE": "Deutschland", "AT": "Österreich"}
    hersteller = {
        "Applied Materials": "Applied Materials Inc.",
        "Tokyo Electron": "Tokyo Electron Ltd.",
        "Lam Research": "Lam Research Corp.",
        "KLA": "KLA Corp.",
        "ASML": "ASML",
        "Canon": "Canon Inc.",
    }
    rows: list[list[str]] = [
        ["Serviceobjekte - Liste"],
        ["Firma: 100 Halbleiter-Service Sachsen GmbH", "", "", "Stand: 30.11.26"],
        ["Selektion: Status = aktiv"],
        [],
        [
            "Serviceobjekt",
            "Bezeichnung",
            "Artikel",
            "Hersteller",
            "Seriennummer",
            "Kunde",
            "Kundenname",
            "Standort",
            "PLZ",
            "Ort",
            "Land",
            "Inbetriebnahme",
            "Wartungsvertrag",
            "Vertragsbeginn",
            "Vertragsende",
            "Jahreswert",
        ],
    ]
    plz = {"Dresden": "01109", "Reutlingen": "72762", "Villach": "9500"}
    for i, m in enumerate(ms):
        if m["cust"] == "bosch":
            knr, kname = kunde["bosch"][0 if m["site"] == "Dresden" else 1]
        else:
            knr, kname = kunde[m["cust"]][0]
        d2 = lambda d: d.strftime("%d.%m.%y")  # noqa: E731
        rows.append(
            [
                f"SO-{70100 + i * 3}",
                f"{m['model']} Anlage",
                f"A-{rng.randrange(10000, 99999)}",
                hersteller[m["vendor"]],
                m["serial"],
                knr,
                kname,
                m["site"] if m["site"] not in ("Dresden",) else f"Werk {m['city']}",
                plz[m["city"]],
                m["city"],
                land[m["country"]],
                d2(m["install"]),
                m["contract"] or "",
                d2(m["start"]) if m["contract"] else "",
                d2(m["end"]) if m["contract"] else "",
                f"{eu_amount(m['value'])} €" if m["contract"] else "",
            ]
        )
    write_text(HERE / name, rows, delimiter=";", encoding="cp1252")
    return name, truth(
        ms, len(ms), None, True, "proALPHA Serviceobjekte list (German; cp1252, semicolons)", "csv"
    )


# 3 ---------------------------------------------------------------------------------------------
def d365_field_service(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Dynamics 365 Field Service: four views exported to Excel, put in one workbook.

    Sheets Accounts / Functional Locations / Customer Assets / Agreements, referring to each
    other by account number, functional-location name and agreement number. An agreement
    covers several assets and carries one value for all of them (the header value, on the
    Agreements sheet only). Real date cells (d/m/yyyy format, en-GB user). Two assets under no
    agreement. Manufacturer is a custom column on the assets view.
    """
    name = "d365_field_service_agreements_assets.xlsx"
    ms = draw(
        rng,
        14,
        ["gfsg", "micronsg", "ifxmy", "intelie"],
        ["ASM International", "KLA", "Hitachi High-Tech", "Applied Materials", "Lam Research"],
        1,
        lambda j: f"AGR-{1041 + j:05d}",
        uncovered=2,
    )
    acct = {
        "gfsg": ("SG-0017", "GLOBALFOUNDRIES Singapore Pte. Ltd.", "Singapore", "Singapore"),
        "micronsg": (
            "SG-0023",
            "Micron Semiconductor Asia Operations Pte. Ltd.",
            "Singapore",
            "Singapore",
        ),
        "ifxmy": ("MY-0004", "Infineon Technologies (Kulim) Sdn. Bhd.", "Kulim", "Malaysia"),
        "intelie": ("IE-0002", "Intel Ireland Ltd", "Leixlip", "Ireland"),
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(
        [
            "Account Number",
            "Account Name",
            "Address 1: City",
            "Address 1: Country/Region",
            "Primary Contact",
        ]
    )
    for key in sorted({m["cust"] for m in ms}):
        a = acct[key]
        ws.append(
            [
                a[0],
                a[1],
                a[2],
                a[3],
                rng.choice(["Tan Wei Ming", "Siti Aminah", "Aoife Byrne", "Lim Boon Kiat"]),
            ]
        )
    fl = wb.create_sheet("Functional Locations")
    fl.append(
        [
            "Name",
            "Account",
            "Parent Functional Location",
            "Address 1: City",
            "Address 1: Country/Region",
        ]
    )
    fl_name = {
        k: f"{acct[m['cust']][0]}/{m['site'].upper().replace(' ', '')}"
        for m in ms
        for k in [(m["cust"], m["site"])]
    }
    for (cust, site), n in sorted(fl_name.items(), key=lambda kv: kv[1]):
        city, _country = FABS[cust][site]
        fl.append([n, acct[cust][1], "", city, acct[cust][3]])
    ca = wb.create_sheet("Customer Assets")
    ca.append(
        [
            "Name",
            "Account",
            "Product",
            "Manufacturer",
            "Serial Number",
            "Functional Location",
            "Agreement",
            "Install Date",
            "Status",
        ]
    )
    for i, m in enumerate(ms):
        ca.append(
            [
                f"CA-{88100 + i * 11}",
                acct[m["cust"]][1],
                m["model"],
                m["vendor"],
                m["serial"],
                fl_name[(m["cust"], m["site"])],
                m["contract"] or "",
                m["install"],
                "Active",
            ]
        )
        ca.cell(ca.max_row, 8).number_format = "d/m/yyyy"
    ag = wb.create_sheet("Agreements")
    ag.append(
        [
            "Agreement Number",
            "Service Account",
            "Billing Account",
            "Start Date",
            "End Date",
            "System Status",
            "Price List",
            "Total Amount",
        ]
    )
    by: dict[str, list[Machine]] = {}
    for m in ms:
        if m["contract"]:
            by.setdefault(m["contract"], []).append(m)
    for no, group in sorted(by.items()):
        m = group[0]
        total = sum(x["value"] for x in group)
        ag.append(
            [
                no,
                acct[m["cust"]][1],
                acct[m["cust"]][1],
                m["start"],
                m["end"],
                "Active",
                "Semi Service USD",
                total,
            ]
        )
        for col in (4, 5):
            ag.cell(ag.max_row, col).number_format = "d/m/yyyy"
        ag.cell(ag.max_row, 8).number_format = '"$"#,##0.00'
    for sheet in wb.worksheets:
        bold_row(sheet, 1)
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "Dynamics 365 Field Service: accounts, functional locations, customer assets and "
        "agreements views in one workbook",
        "openpyxl",
    )


# 4 ---------------------------------------------------------------------------------------------
def yonyou_u8(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Yonyou U8+ service module, customer equipment list exported to CSV (Simplified Chinese).

    GB18030, ',', a title line and a line with the report date before the headings, a 合计 row
    at the end; dates as 2024/1/1, amounts '¥1,234,567.00'. SMIC Shanghai has two customer
    records (C0101 in full, C0199 as 中芯国际(上海)), one contract under each; SMIC North
    (Beijing) is its own legal entity; so are Hua Hong Wuxi and HLMC. Makers in Chinese
    (应用材料, 泛林, 东京电子 ...).
    """
    name = "yonyou_u8_kehu_shebei_gb18030.csv"
    ms = draw(
        rng,
        16,
        ["smicsh", "smicbj", "hhwx", "hlmc", "ymtc", "cxmt"],
        ["Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "ASML", "Hitachi High-Tech"],
        2,
        lambda j: f"FW2024-{31 + j:03d}",
    )
    cname = {
        "smicsh": ["中芯国际集成电路制造(上海)有限公司", "中芯国际(上海)"],
        "smicbj": ["中芯北方集成电路制造(北京)有限公司"],
        "hhwx": ["华虹半导体(无锡)有限公司"],
        "hlmc": ["上海华力微电子有限公司"],
        "ymtc": ["长江存储科技有限责任公司"],
        "cxmt": ["长鑫存储技术有限公司"],
    }
    code = {
        "中芯国际集成电路制造(上海)有限公司": "C0101",
        "中芯国际(上海)": "C0199",
        "中芯北方集成电路制造(北京)有限公司": "C0102",
        "华虹半导体(无锡)有限公司": "C0201",
        "上海华力微电子有限公司": "C0202",
        "长江存储科技有限责任公司": "C0301",
        "长鑫存储技术有限公司": "C0401",
    }
    maker = {
        "Applied Materials": "应用材料",
        "Lam Research": "泛林半导体",
        "Tokyo Electron": "东京电子",
        "KLA": "科磊",
        "ASML": "阿斯麦",
        "Hitachi High-Tech": "日立高新",
    }
    city = {"Shanghai": "上海", "Beijing": "北京", "Wuxi": "无锡", "Wuhan": "武汉", "Hefei": "合肥"}
    site = {"S1": "S1厂", "B2": "B2厂", "Fab 7": "华虹七厂", "Fab 5": "华力五厂", "Fab 1": "一期"}
    ymd = lambda d: f"{d.year}/{d.month}/{d.day}"  # noqa: E731
    rows: list[list[str]] = [
        ["客户设备档案列表"],
        ["制表日期：2026/11/30", "", "", "单位：元"],
        [
            "设备编码",
            "设备名称",
            "规格型号",
            "生产厂商",
            "出厂编号",
            "客户编码",
            "客户名称",
            "安装地点",
            "城市",
            "国家",
            "安装日期",
            "服务合同号",
            "合同开始日期",
            "合同结束日期",
            "合同金额",
        ],
    ]
    total = 0
    for i, m in enumerate(ms):
        total += m["value"]
        rows.append(
            [
                f"SB{26000 + i * 7:06d}",
                "半导体设备",
                m["model"],
                maker[m["vendor"]],
                m["serial"],
                code[spell(cname, m, ms)],
                spell(cname, m, ms),
                site[m["site"]],
                city[m["city"]],
                "中国",
                ymd(m["install"]),
                m["contract"],
                ymd(m["start"]),
                ymd(m["end"]),
                f"¥{m['value']:,.2f}",
            ]
        )
    rows.append(["合计", "", "", "", "", "", "", "", "", "", "", "", "", "", f"¥{total:,.2f}"])
    write_text(HERE / name, rows, delimiter=",", encoding="gb18030")
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "Yonyou U8+ customer equipment list (Simplified Chinese; GB18030)",
        "csv",
    )


# 5 ---------------------------------------------------------------------------------------------
def grandit_sjis(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """GRANDIT continuing-contract (継続契約) ledger lines to CSV; Kokusai Electric's own.

    cp932, ',', every field quoted, era dates (契約開始日 as R6.04.01, 設置日 as 令和/平成 in
    full), amounts '￥12,000,000' (full-width yen sign: cp932 has no U+00A5). No maker column.
    Renesas has a second customer record in half-width katakana with (株) (T00399), one of its
    two contracts under each; Kioxia Iwate is its own legal entity.
    Country as 日本 in the 国 column.
    """
    name = "grandit_keizoku_keiyaku_sjis.csv"
    ms = draw(
        rng,
        14,
        ["kioxia", "kioxiaiw", "sony", "renesas", "micronjp", "jasm"],
        ["Kokusai Electric"],
        2,
        lambda j: f"KK-{2024_0100 + j * 3}",
    )
    tok = {
        "kioxia": ["キオクシア株式会社"],
        "kioxiaiw": ["キオクシア岩手株式会社"],
        "sony": ["ソニーセミコンダクタマニュファクチャリング株式会社"],
        "renesas": ["ルネサス エレクトロニクス株式会社", "ﾙﾈｻｽｴﾚｸﾄﾛﾆｸｽ(株)"],
        "micronjp": ["マイクロンメモリ ジャパン株式会社"],
        "jasm": ["Japan Advanced Semiconductor Manufacturing株式会社"],
    }
    code = {
        "キオクシア株式会社": "T00121",
        "キオクシア岩手株式会社": "T00122",
        "ソニーセミコンダクタマニュファクチャリング株式会社": "T00210",
        "ルネサス エレクトロニクス株式会社": "T00305",
        "ﾙﾈｻｽｴﾚｸﾄﾛﾆｸｽ(株)": "T00399",
        "マイクロンメモリ ジャパン株式会社": "T00411",
        "Japan Advanced Semiconductor Manufacturing株式会社": "T00502",
    }
    site = {
        "Yokkaichi": "四日市工場",
        "Kitakami": "北上工場",
        "Kumamoto TEC": "熊本テクノロジーセンター",
        "Naka": "那珂工場",
        "Hiroshima": "広島工場",
        "Fab 1": "熊本第1工場",
    }
    pref = {
        "Yokkaichi": "三重県四日市市",
        "Kitakami": "岩手県北上市",
        "Kikuyo": "熊本県菊池郡菊陽町",
        "Hitachinaka": "茨城県ひたちなか市",
        "Higashihiroshima": "広島県東広島市",
    }
    rows = [
        [
            "契約番号",
            "契約名",
            "得意先コード",
            "得意先名",
            "納入先名",
            "納入先住所",
            "国",
            "品目名",
            "製造番号",
            "設置日",
            "契約開始日",
            "契約終了日",
            "年額",
        ]
    ]
    for m in ms:
        rows.append(
            [
                m["contract"],
                f"{m['model']} 年間保守",
                code[spell(tok, m, ms)],
                spell(tok, m, ms),
                site[m["site"]],
                f"{pref[m['city']]}{rng.randrange(1, 30)}-{rng.randrange(1, 20)}",
                "日本",
                m["model"],
                m["serial"],
                reiwa(m["install"], "long"),
                reiwa(m["start"], "short"),
                reiwa(m["end"], "short"),
                f"￥{m['value']:,}",
            ]
        )
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    (HERE / name).write_bytes(buf.getvalue().encode("cp932"))
    return name, truth(
        ms,
        len(ms),
        "Kokusai Electric",
        False,
        "GRANDIT continuing-contract ledger lines (Japanese; cp932, era dates)",
        "csv",
    )


# 6 ---------------------------------------------------------------------------------------------
def ksystem_ko(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Younglimwon K-System, delivered-equipment status report to Excel; re-saved by LibreOffice.

    Korean headings; a title row, a query-condition row and a blank row; the customer cell merged
    (real merged cells) over its consecutive rows; a 소계 row after each customer and a 합계 row
    at the end; real date cells (yyyy-mm-dd); amounts as numbers formatted '#,##0"원"'. Samsung
    Electronics as 삼성전자(주) and as Samsung Electronics Co., Ltd. (two customer records, one
    block and one contract each). Maker column
    (제조사).
    """
    name = "ksystem_napum_jangbi_lo.xlsx"
    ms = draw(
        rng,
        15,
        ["samsung", "skhynix", "dbhitek"],
        ["ASML", "Lam Research", "Tokyo Electron", "KLA", "Applied Materials"],
        2,
        lambda j: f"SA{24_0300 + j * 5}",
    )
    # the samsung rows split in two blocks under two spellings; blocks are consecutive rows
    ko = {"samsung": "삼성전자(주)", "skhynix": "SK하이닉스(주)", "dbhitek": "DB하이텍(주)"}
    site = {
        "P2": "평택캠퍼스 P2",
        "S3": "화성캠퍼스 S3",
        "M16": "이천 M16",
        "M15": "청주 M15",
        "Fab 1": "부천 Fab1",
    }
    city = {
        "Pyeongtaek": "평택",
        "Hwaseong": "화성",
        "Icheon": "이천",
        "Cheongju": "청주",
        "Bucheon": "부천",
    }
    order = sorted(
        ms,
        key=lambda m: (
            ["samsung", "skhynix", "dbhitek"].index(m["cust"]),
            m["contract"],
            m["serial"],
        ),
    )
    ms[:] = order
    sam = [m for m in ms if m["cust"] == "samsung"]
    first_contract = sam[0]["contract"]
    blocks: list[tuple[str, list[Machine]]] = [
        (ko["samsung"], [m for m in sam if m["contract"] == first_contract]),
        ("Samsung Electronics Co., Ltd.", [m for m in sam if m["contract"] != first_contract]),
        (ko["skhynix"], [m for m in ms if m["cust"] == "skhynix"]),
        (ko["dbhitek"], [m for m in ms if m["cust"] == "dbhitek"]),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "납품장비현황"
    ws.append(["납품 장비 현황"])
    ws.append(["조회기간: 2013-01-01 ~ 2026-11-30", None, None, "사업장: 본사"])
    ws.append([])
    ws.append(
        [
            "거래처명",
            "사업장",
            "지역",
            "국가",
            "제조사",
            "모델명",
            "시리얼번호",
            "설치일자",
            "계약번호",
            "계약시작일",
            "계약종료일",
            "계약금액",
        ]
    )
    bold_row(ws, 4)
    ws["A1"].font = Font(bold=True, size=14)
    grand = 0
    for cname, group in blocks:
        first = ws.max_row + 1
        sub = 0
        for m in group:
            sub += m["value"]
            ws.append(
                [
                    cname,
                    site[m["site"]],
                    city[m["city"]],
                    "대한민국",
                    m["vendor"],
                    m["model"],
                    m["serial"],
                    m["install"],
                    m["contract"],
                    m["start"],
                    m["end"],
                    m["value"],
                ]
            )
            r = ws.max_row
            for col in (8, 10, 11):
                ws.cell(r, col).number_format = "yyyy-mm-dd"
            ws.cell(r, 12).number_format = '#,##0"원"'
        last = ws.max_row
        if last > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=last, end_column=1)
            ws.cell(first, 1).alignment = Alignment(vertical="center")
        ws.append(["소계", None, None, None, None, None, None, None, None, None, None, sub])
        ws.cell(ws.max_row, 12).number_format = '#,##0"원"'
        bold_row(ws, ws.max_row)
        grand += sub
    ws.append(["합계", None, None, None, None, None, None, None, None, None, None, grand])
    ws.cell(ws.max_row, 12).number_format = '#,##0"원"'
    bold_row(ws, ws.max_row)
    save_via_libreoffice(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "Younglimwon K-System delivered-equipment report (Korean; merged cells, subtotals)",
        "LibreOffice",
    )


# 7 ---------------------------------------------------------------------------------------------
def monday_board(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """monday.com board exported to Excel: board name, then per group its name and headings.

    The Timeline column holds the contract period as '2024-01-01 - 2026-12-31'; Numbers column
    the yearly service fee (USD, plain number); Country a text column; a blank row between
    groups. Groups are regions. Maker column. Two machines without contract (blank timeline).
    """
    name = "monday_board_installed_tools.xlsx"
    ms = draw(
        rng,
        15,
        ["tsmcaz", "samsungaus", "intelil", "tower", "wolfspeed"],
        ["Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "ASML", "Nikon"],
        1,
        lambda j: f"SVC-{j + 118}",
        uncovered=2,
    )
    cust = {
        "tsmcaz": "TSMC Arizona Corporation",
        "samsungaus": "Samsung Austin Semiconductor, LLC",
        "intelil": "Intel Electronics Ltd.",
        "tower": "Tower Semiconductor Ltd.",
        "wolfspeed": "Wolfspeed, Inc.",
    }
    country = {"US": "United States", "IL": "Israel"}
    head = [
        "Name",
        "Customer",
        "Fab",
        "City",
        "Country",
        "Manufacturer",
        "Model",
        "Serial #",
        "Installed",
        "Contract",
        "Timeline",
        "Annual fee (USD)",
        "Status",
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Installed Tools"
    ws.append(["Installed Tools - Field Service"])
    ws["A1"].font = Font(bold=True, size=14)
    groups = [
        ("North America", [m for m in ms if m["country"] == "US"]),
        ("Israel", [m for m in ms if m["country"] == "IL"]),
    ]
    for gname, group in groups:
        ws.append([])
        ws.append([gname])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(head)
        bold_row(ws, ws.max_row)
        for m in group:
            tl = f"{m['start'].isoformat()} - {m['end'].isoformat()}" if m["contract"] else ""
            ws.append(
                [
                    f"{m['model']} #{m['serial'][-3:]}",
                    cust[m["cust"]],
                    m["site"],
                    m["city"],
                    country[m["country"]],
                    m["vendor"],
                    m["model"],
                    m["serial"],
                    m["install"].isoformat(),
                    m["contract"] or "",
                    tl,
                    m["value"] or None,
                    "Under contract" if m["contract"] else "No contract",
                ]
            )
    save_stable(wb, HERE / name)
    return name, truth(
        ms, len(ms), None, True, "monday.com board export (Excel, groups)", "openpyxl"
    )


# 8 ---------------------------------------------------------------------------------------------
def jira_assets(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Jira Service Management Assets, object type 'Fab Tool' exported to CSV.

    UTF-8 with BOM, ','; Key, Name, Created, Updated then the object type's attributes;
    references (Customer, Site, Service Contract) written as the referenced object's label;
    dates in Jira's dd/MMM/yy (two-digit years), Created/Updated with time of day; amounts
    '$412,000.00'. Micron written as 'Micron Technology, Inc.' and 'Micron Technology Inc'.
    """
    name = "jira_assets_fab_tools.csv"
    ms = draw(
        rng,
        14,
        ["micron", "skywater", "ti", "gf"],
        ["Applied Materials", "KLA", "Lam Research", "ASM International", "SCREEN"],
        2,
        lambda j: f"CTR-{540 + j}",
    )
    cust = {
        "micron": ["Micron Technology, Inc.", "Micron Technology Inc"],
        "skywater": ["SkyWater Technology Foundry, Inc."],
        "ti": ["Texas Instruments Incorporated"],
        "gf": ["GlobalFoundries U.S. Inc."],
    }
    rows = [
        [
            "Key",
            "Name",
            "Created",
            "Updated",
            "Serial Number",
            "Manufacturer",
            "Model",
            "Customer",
            "Site",
            "City",
            "Country",
            "Install Date",
            "Service Contract",
            "Contract Start",
            "Contract End",
            "Contract Value",
        ]
    ]
    for i, m in enumerate(ms):
        rows.append(
            [
                f"FAB-{311 + i * 2}",
                f"{m['vendor']} {m['model']}",
                f"{jira_date(dt.date(2025, 2, 3) + dt.timedelta(days=i))} 10:{i:02d} AM",
                f"{jira_date(dt.date(2026, 10, 1) + dt.timedelta(days=i))} 4:{i:02d} PM",
                m["serial"],
                m["vendor"],
                m["model"],
                spell(cust, m, ms),
                f"{m['site']} ({m['city']})",
                m["city"],
                "United States",
                jira_date(m["install"]),
                m["contract"],
                jira_date(m["start"]),
                jira_date(m["end"]),
                f"${m['value']:,.2f}",
            ]
        )
    write_text(HERE / name, rows, delimiter=",", encoding="utf-8", bom=True)
    return name, truth(
        ms, len(ms), None, True, "Jira Service Management Assets object export (CSV)", "csv"
    )


# 9 ---------------------------------------------------------------------------------------------
def syteline_units(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Infor CloudSuite Industrial (SyteLine) Units form grid to Excel; Onto Innovation's own.

    One row per unit: Unit (the serial), Item, Description, Customer and Ship To (codes and
    names), Ship Date, and the unit's service contract with its line rate. No maker column.
    Country as the ship-to's country name. m/d/yyyy real date cells, amounts as numbers.
    """
    name = "syteline_units_contracts.xlsx"
    ms = draw(
        rng,
        13,
        ["skywater", "wolfspeed", "gf", "ti"],
        ["Onto Innovation"],
        2,
        lambda j: f"SC{100700 + j * 9}",
        uncovered=1,
    )
    cust = {
        "skywater": ("C000412", "SkyWater Technology Foundry"),
        "wolfspeed": ("C000377", "Wolfspeed Inc"),
        "gf": ("C000105", "GlobalFoundries US Inc"),
        "ti": ("C000090", "Texas Instruments Inc"),
    }
    shipto = {}
    wb = Workbook()
    ws = wb.active
    ws.title = "Units"
    ws.append(
        [
            "Unit",
            "Item",
            "Description",
            "Customer",
            "Name",
            "Ship To",
            "Ship To Name",
            "City",
            "State",
            "Country",
            "Ship Date",
            "Contract",
            "Start Date",
            "End Date",
            "Rate",
        ]
    )
    bold_row(ws, 1)
    state = {"Bloomington": "MN", "Marcy": "NY", "Malta": "NY", "Richardson": "TX", "Lehi": "UT"}
    for m in ms:
        c, n = cust[m["cust"]]
        st = shipto.setdefault(
            (m["cust"], m["site"]), len([k for k in shipto if k[0] == m["cust"]])
        )
        item = {
            "Dragonfly G3": "DF-G3-300",
            "Atlas V": "ATL-V-300",
            "IMPULSE+": "IMP-P-300",
            "JetStep S3500": "JS-S3500",
        }[m["model"]]
        ws.append(
            [
                m["serial"],
                item,
                m["model"],
                c,
                n,
                st,
                f"{n} - {m['site']}",
                m["city"],
                state[m["city"]],
                "United States",
                m["install"],
                m["contract"] or "",
                m["start"],
                m["end"],
                m["value"],
            ]
        )
        r = ws.max_row
        for col in (11, 13, 14):
            ws.cell(r, col).number_format = "m/d/yyyy"
        ws.cell(r, 15).number_format = "#,##0.00"
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        "Onto Innovation",
        False,
        "Infor CloudSuite Industrial (SyteLine) Units grid to Excel",
        "openpyxl",
    )


# 10 --------------------------------------------------------------------------------------------
def airtable_grid(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Airtable grid view downloaded as CSV (European service partner's base).

    UTF-8 without BOM; linked-record fields (Customer, Fab, Contract) as their primary-field
    text; dates M/D/YYYY as Airtable's US date format; currency field '€1,234.00'. STMicro
    France and Italy are two legal entities; NXP Semiconductors Netherlands B.V. once as 'NXP'.
    Maker column.
    """
    name = "airtable_tools_grid.csv"
    ms = draw(
        rng,
        13,
        ["st", "stit", "nxp"],
        ["ASML", "Applied Materials", "Tokyo Electron", "SCREEN", "Canon", "KLA"],
        2,
        lambda j: f"EU-SLA-{17 + j}",
    )
    cust = {
        "st": ["STMicroelectronics (Crolles 2) SAS"],
        "stit": ["STMicroelectronics S.r.l."],
        "nxp": ["NXP Semiconductors Netherlands B.V.", "NXP"],
    }
    country = {"FR": "France", "IT": "Italy", "NL": "Netherlands"}
    mdy = lambda d: f"{d.month}/{d.day}/{d.year}"  # noqa: E731
    rows = [
        [
            "Tool",
            "Serial",
            "OEM",
            "Model",
            "Customer",
            "Fab",
            "Country",
            "Install date",
            "Contract",
            "Contract start",
            "Contract end",
            "Contract value",
            "Notes",
        ]
    ]
    for m in ms:
        rows.append(
            [
                f"{m['model']} / {m['serial']}",
                m["serial"],
                m["vendor"],
                m["model"],
                spell(cust, m, ms),
                f"{m['site']}, {m['city']}",
                country[m["country"]],
                mdy(m["install"]),
                m["contract"],
                mdy(m["start"]),
                mdy(m["end"]),
                f"€{m['value']:,.2f}",
                rng.choice(["", "", "PM quarterly", "Remote diag. via VPN", ""]),
            ]
        )
    write_text(HERE / name, rows, delimiter=",", encoding="utf-8")
    return name, truth(ms, len(ms), None, True, "Airtable grid view CSV download", "csv")


def gen() -> dict[str, Any]:
    rng = random.Random(SEED)
    files: dict[str, Any] = {}
    for make in (
        oracle_ebs,
        proalpha_de,
        d365_field_service,
        yonyou_u8,
        grandit_sjis,
        ksystem_ko,
        monday_board,
        jira_assets,
        syteline_units,
        airtable_grid,
    ):
        name, entry = make(rng)
        files[name] = entry
    return files


def main() -> None:
    files = gen()
    manifest = {
        "held_out": True,
        "about": "Corpus 6: ten installed-base exports in layouts of systems no other corpus "
        "covers, generated by make_heldout6.py without reading the importer; counts are the "
        "generator's truth (customers are legal entities, spelling variants and duplicate "
        "master records count once; fabs are per customer and site; contracts are distinct "
        "contract numbers, machines under no contract add none).",
        "files": files,
    }
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
