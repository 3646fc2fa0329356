"""Generate the held-out corpus 7 of installed-base exports (deterministic, seeded).

Why: the import team tunes the importer on the corpora it can see; this corpus was written
without reading the importer, so a first import of these files measures how it does on export
layouts nobody tuned it on. Every file is correct data that a real export of the named system
could hold; the mess is the mess of real exports (labels in the user's language, title blocks,
subtotal and total rows, merged cells, sheets that refer to each other by codes, ROC (Minguo)
years, two-digit years, month names, local amounts and currencies, legacy encodings, UTF-16
"Unicode text", one legal entity under several spellings), never corruption.

Run: python make_heldout7.py  (rewrites every file and manifest.json in this folder; the one
LibreOffice file needs ``soffice`` on the PATH). ``check_heldout7.py`` re-derives the counts
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
SEED = 7_2026
STAMP = "2026-12-03T09:00:00Z"

# canonical vendor -> (public model names, serial pattern); the canonical name is the manifest's
VENDORS: dict[str, tuple[list[str], str]] = {
    "ASML": (["NXT:2000i", "NXT:1980Di", "XT:1460K", "XT:860M", "YieldStar 380F"], "{n:05d}"),
    "Applied Materials": (
        ["Endura Clover", "Centura Epi", "Producer GT", "Sym3 Y", "VeritySEM 6i"],
        "AM{n:06d}",
    ),
    "Lam Research": (["Kiyo C", "Flex G", "Vector Express", "Striker FE", "Sabre 3D"], "LR{n:06d}"),
    "Tokyo Electron": (
        ["Tactras Vigus", "Lithius Pro Z", "CELLESTA-i", "TELINDY Plus"],
        "TE{n:06d}",
    ),
    "KLA": (["Surfscan SP7XP", "Archer 750", "eDR7380", "SpectraShape 11k"], "KL{n:05d}"),
    "Hitachi High-Tech": (["CG7300", "GT2000", "RS6000"], "HT{n:05d}"),
    "SCREEN": (["SU-3200", "SU-3400", "SS-3200", "FC-3100"], "SC{n:06d}"),
    "ASM International": (["A400", "Eagle XP8", "Pulsar XP"], "AS{n:05d}"),
    "Axcelis": (["Purion H", "Purion XE", "Purion M", "Purion EXE"], "AX{n:05d}"),
}

# legal entity -> {site key: (city, ISO2, street)}: one address per site, drawn by hand
FABS: dict[str, dict[str, tuple[str, str, str]]] = {
    # Taiwan (Digiwin)
    "tsmc": {
        "Fab 12A": ("新竹市", "TW", "新竹科學園區研新七路18號"),
        "Fab 14": ("台南市", "TW", "南部科學園區南科北路9號"),
        "Fab 15": ("台中市", "TW", "中部科學園區科雅西路27號"),
    },
    "umc": {"Fab 12A": ("台南市", "TW", "南部科學園區南科二路33號")},
    "vis": {"Fab 3": ("新竹市", "TW", "新竹科學園區園區三路61號")},
    "winbond": {"Taichung": ("台中市", "TW", "中部科學園區科雅一路14號")},
    "psmc": {"Tongluo": ("苗栗縣", "TW", "銅鑼鄉銅科南路2號")},
    # Japan (OBIC7)
    "kioxia": {"Yokkaichi": ("四日市市", "JP", "山之一色町8-1")},
    "kioxiaiw": {"Kitakami": ("北上市", "JP", "北工業団地5-3")},
    "sony": {"Kumamoto TEC": ("菊池郡菊陽町", "JP", "原水4000-7")},
    "renesas": {"Naka": ("ひたちなか市", "JP", "堀口751-12")},
    "micronjp": {"Hiroshima": ("東広島市", "JP", "吉川工業団地7-10")},
    # Benelux / DE / AT (Exact Online)
    "nxp": {"ICN8": ("Nijmegen", "NL", "Gerstweg 14")},
    "nexperia": {"Hamburg": ("Hamburg", "DE", "Stresemannallee 101")},
    "imec": {"Leuven": ("Leuven", "BE", "Kapeldreef 90")},
    "ams": {"Premstaetten": ("Premstätten", "AT", "Tobelbader Straße 48")},
    # Germany / Austria (abas)
    "ifx": {"Dresden": ("Dresden", "DE", "Königsbrücker Straße 212")},
    "ifxat": {"Villach": ("Villach", "AT", "Siemensstraße 7")},
    "gfde": {"Fab 1": ("Dresden", "DE", "Wilschdorfer Landstraße 103")},
    "xfab": {"Dresden": ("Dresden", "DE", "Grenzstraße 31")},
    "bosch": {
        "Dresden": ("Dresden", "DE", "Zur Wetterwarte 60"),
        "Reutlingen": ("Reutlingen", "DE", "Tübinger Straße 140"),
    },
    # Korea (MES ledger)
    "samsung": {
        "P2": ("평택시", "KR", "고덕면 삼성로 117"),
        "S3": ("화성시", "KR", "삼성전자로 21"),
    },
    "skhynix": {
        "M16": ("이천시", "KR", "부발읍 경충대로 2041"),
        "M15": ("청주시", "KR", "흥덕구 대신로 15"),
    },
    "dbhitek": {"Fab 1": ("부천시", "KR", "수도로 92")},
    # USA (SAP FSM)
    "intel": {
        "D1X": ("Hillsboro", "US", "2600 NE Evergreen Pkwy"),
        "Fab 42": ("Chandler", "US", "4410 S Dobson Rd"),
    },
    "micron": {
        "Boise": ("Boise", "US", "8200 S Federal Way"),
        "Fab 6": ("Manassas", "US", "9700 Godwin Dr"),
    },
    "ti": {
        "RFAB": ("Richardson", "US", "300 W Renner Rd"),
        "LFAB": ("Lehi", "US", "3100 N Ashton Blvd"),
    },
    "tsmcaz": {"Fab 21": ("Phoenix", "US", "5088 W Innovation Cir")},
    "gf": {"Fab 8": ("Malta", "US", "420 Stonebreak Rd")},
    # Israel / Singapore / Malaysia (C4C)
    "intelil": {"Fab 28": ("Kiryat Gat", "IL", "Sderot HaTa'asiya 12")},
    "tower": {"Fab 2": ("Migdal HaEmek", "IL", "Ramat Gavriel Ind. Zone 20")},
    "gfsg": {"Fab 7": ("Singapore", "SG", "60 Woodlands Industrial Park D St 2")},
    "micronsg": {"Fab 10": ("Singapore", "SG", "1 North Coast Dr")},
    "ifxmy": {"Kulim": ("Kulim", "MY", "Lot 10, Kulim Hi-Tech Park")},
    # Singapore / Malaysia hand sheet
    "umcsg": {"Fab 12i": ("Singapore", "SG", "3 Pasir Ris Dr 12")},
    "ssmc": {"Pasir Ris": ("Singapore", "SG", "70 Pasir Ris Dr 1")},
    "xfabmy": {"Kuching": ("Kuching", "MY", "1 Silicon Dr, Sama Jaya")},
    # France / Italy (Notion)
    "st": {
        "Crolles 300": ("Crolles", "FR", "850 rue Jean Monnet"),
        "Rousset": ("Rousset", "FR", "190 avenue Coq"),
    },
    "stit": {"Agrate R3": ("Agrate Brianza", "IT", "Via Olivetti 2")},
    "soitec": {"Bernin 2": ("Bernin", "FR", "Parc technologique des Fontaines")},
    "xfabfr": {"Corbeil": ("Corbeil-Essonnes", "FR", "224 boulevard John Kennedy")},
    # ERPNext (Axcelis)
    "onsemicz": {"Roznov": ("Rožnov pod Radhoštěm", "CZ", "1. máje 2230")},
    "wolfspeed": {
        "Mohawk Valley": ("Marcy", "US", "5546 Edic Rd"),
        "Durham": ("Durham", "US", "4600 Silicon Dr"),
    },
    "microchip": {"Gresham": ("Gresham", "US", "21015 SE Stark St")},
}


class Machine(dict):  # type: ignore[type-arg]
    """One machine row of the truth: a dict with fixed keys."""


def item_no(prefix: str, model: str) -> str:
    """One item / article number per model (stable, not random)."""
    return f"{prefix}{sum(ord(c) * (i + 1) for i, c in enumerate(model)) % 90000 + 10000}"


def draw(
    rng: random.Random,
    n: int,
    custs: list[str],
    vendors: list[str],
    per_contract: int,
    contract_no: Any,
    uncovered: int = 0,
) -> list[Machine]:
    """Draw n machines at fabs of the given customers and group them into contracts of about
    ``per_contract`` machines of one customer; the last ``uncovered`` machines are under none."""
    out: list[Machine] = []
    seen: set[str] = set()
    for i in range(n):
        cust = custs[i % len(custs)]
        site = sorted(FABS[cust])[(i // len(custs)) % len(FABS[cust])]
        city, country, street = FABS[cust][site]
        vendor = rng.choice(vendors)
        models, pat = VENDORS[vendor]
        while True:
            serial = pat.format(n=rng.randrange(10000, 99_999))
            if serial not in seen:
                seen.add(serial)
                break
        out.append(
            Machine(
                cust=cust,
                site=site,
                city=city,
                country=country,
                street=street,
                vendor=vendor,
                model=rng.choice(models),
                serial=serial,
                install=dt.date(2014, 3, 1) + dt.timedelta(days=rng.randrange(0, 3600)),
                contract=None,
                start=None,
                end=None,
                value=None,
            )
        )
    covered = out[: n - uncovered]
    j = 0
    for cust in custs:
        mine = [m for m in covered if m["cust"] == cust]
        for k in range(0, len(mine), per_contract):
            start = dt.date(2023 + j % 3, 1 + (j * 5) % 12, 1)
            end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
            for m in mine[k : k + per_contract]:
                m.update(
                    contract=contract_no(j),
                    start=start,
                    end=end,
                    value=rng.randrange(60, 990) * 1000,
                )
            j += 1
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


def spell(variants: dict[str, list[str]], m: Machine, ms: list[Machine]) -> Any:
    """The spelling (or master record) of a row's customer: where a file has several, each
    contract is under one of them, alternating over the customer's contracts; machines under no
    contract take the first."""
    names = variants[m["cust"]]
    if not m["contract"]:
        return names[0]
    mine = sorted({x["contract"] for x in ms if x["cust"] == m["cust"] and x["contract"]})
    return names[mine.index(m["contract"]) % len(names)]


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
                data = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rf"\g<1>{STAMP}\2",
                    data.decode("utf-8"),
                ).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 3, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    return out.getvalue()


def save_stable(wb: Workbook, path: Path) -> None:
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(stable_zip(buf.getvalue()))


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
    path: Path,
    rows: list[list[str]],
    *,
    delimiter: str,
    encoding: str,
    bom: bytes = b"",
    quoting: int = csv.QUOTE_MINIMAL,
    eol: str = "\r\n",
) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=eol, quoting=quoting).writerows(rows)
    path.write_bytes(bom + buf.getvalue().encode(encoding))


def grouped(v: float, thousands: str, decimal: str, places: int = 2) -> str:
    s = f"{v:,.{places}f}"
    return s.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def roc(d: dt.date) -> str:
    """Taiwan ROC (Minguo) date as Digiwin prints it: 113/05/01."""
    return f"{d.year - 1911:03d}/{d.month:02d}/{d.day:02d}"


MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def bold_row(ws: Any, row: int) -> None:
    for c in ws[row]:
        c.font = Font(bold=True)


# 1 ---------------------------------------------------------------------------------------------
def digiwin_tw(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Digiwin Workflow ERP GP, customer equipment warranty list (客戶設備保固明細表), Big5."""
    name = "digiwin_workflow_kehu_shebei_big5.csv"
    custs = ["tsmc", "umc", "vis", "winbond", "psmc"]
    ms = draw(
        rng,
        16,
        custs,
        ["Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "ASML"],
        2,
        lambda j: f"SC11{3 + j % 2}{j + 1:04d}",
        uncovered=2,
    )
    rec = {  # (customer code, short name, full name)
        "tsmc": [
            ("C001", "台積電", "台灣積體電路製造股份有限公司"),
            ("C087", "台積公司", "台灣積體電路製造(股)公司"),
        ],
        "umc": [("C002", "聯電", "聯華電子股份有限公司")],
        "vis": [("C015", "世界先進", "世界先進積體電路股份有限公司")],
        "winbond": [("C021", "華邦電", "華邦電子股份有限公司")],
        "psmc": [("C033", "力積電", "力晶積成電子製造股份有限公司")],
    }
    brand = {
        "Applied Materials": "應用材料",
        "Lam Research": "科林研發",
        "Tokyo Electron": "東京威力科創",
        "KLA": "科磊",
        "ASML": "艾司摩爾",
    }
    site = {
        "Fab 12A": "十二廠",
        "Fab 14": "十四廠",
        "Fab 15": "十五廠",
        "Fab 3": "三廠",
        "Taichung": "中科廠",
        "Tongluo": "銅鑼廠",
    }
    rows: list[list[str]] = [
        ["精密科技股份有限公司", "", "", "", "", "", "客戶設備保固明細表"],
        ["列印日期:115/12/03", "", "", "", "", "", "頁次:1"],
        ["客戶代號:C001~C999", "", "", "", "", "", "幣別:NTD"],
        [],
        [
            "客戶代號",
            "客戶簡稱",
            "客戶全名",
            "廠區",
            "裝機地址",
            "國別",
            "品號",
            "品名",
            "規格",
            "廠牌",
            "序號",
            "裝機日期",
            "合約單號",
            "合約起日",
            "合約迄日",
            "年度金額",
        ],
    ]
    total = 0
    body = 0
    for cust in custs:
        mine = [m for m in ms if m["cust"] == cust]
        mine.sort(key=lambda m: (spell(rec, m, ms)[0], m["serial"]))
        sub = 0
        for m in mine:
            code, short, full = spell(rec, m, ms)
            m["value"] = m["value"] and m["value"] * 30  # NTD
            rows.append(
                [
                    code,
                    short,
                    full,
                    f"{site[m['site']]}({m['site']})",
                    m["city"] + m["street"],
                    "台灣",
                    item_no("9-", m["model"]),
                    "半導體設備",
                    m["model"],
                    brand[m["vendor"]],
                    m["serial"],
                    roc(m["install"]),
                    m["contract"] or "",
                    roc(m["start"]) if m["start"] else "",
                    roc(m["end"]) if m["end"] else "",
                    f"NT${m['value']:,}" if m["value"] else "",
                ]
            )
            body += 1
            sub += m["value"] or 0
        rows.append(["", "", "", "", "", "", "", "", "", "", "", "", "", "", "小計", f"NT${sub:,}"])
        total += sub
    rows.append(["", "", "", "", "", "", "", "", "", "", "", "", "", "", "合計", f"NT${total:,}"])
    write_text(HERE / name, rows, delimiter=",", encoding="cp950")
    ms_sorted = [
        m
        for c in custs
        for m in sorted(
            (x for x in ms if x["cust"] == c), key=lambda m: (spell(rec, m, ms)[0], m["serial"])
        )
    ]
    return name, truth(
        ms_sorted,
        body,
        None,
        True,
        "Digiwin Workflow ERP GP customer equipment warranty list (Traditional Chinese, Big5)",
        "csv",
    )


# 2 ---------------------------------------------------------------------------------------------
def obic7_ja(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """OBIC7 maintenance-contract ledger CSV (保守契約台帳), SCREEN's own, Shift_JIS."""
    name = "obic7_hoshu_keiyaku_sjis.csv"
    custs = ["kioxia", "kioxiaiw", "sony", "renesas", "micronjp"]
    ms = draw(rng, 14, custs, ["SCREEN"], 2, lambda j: f"HK-24{j + 101:04d}", uncovered=2)
    names = {
        "kioxia": ["キオクシア株式会社"],
        "kioxiaiw": ["キオクシア岩手株式会社"],
        "sony": [
            "ソニーセミコンダクタマニュファクチャリング株式会社",
            "ソニーセミコンダクタマニュファクチャリング(株)",
        ],
        "renesas": ["ルネサス エレクトロニクス株式会社"],
        "micronjp": ["マイクロンメモリ ジャパン株式会社"],
    }
    codes = {
        "キオクシア株式会社": "100120",
        "キオクシア岩手株式会社": "100121",
        "ソニーセミコンダクタマニュファクチャリング株式会社": "100305",
        "ソニーセミコンダクタマニュファクチャリング(株)": "100377",
        "ルネサス エレクトロニクス株式会社": "100410",
        "マイクロンメモリ ジャパン株式会社": "100512",
    }
    site = {
        "Yokkaichi": "四日市工場",
        "Kitakami": "北上工場",
        "Kumamoto TEC": "熊本テクノロジーセンター",
        "Naka": "那珂工場",
        "Hiroshima": "広島工場",
    }
    pref = {
        "Yokkaichi": "三重県",
        "Kitakami": "岩手県",
        "Kumamoto TEC": "熊本県",
        "Naka": "茨城県",
        "Hiroshima": "広島県",
    }
    rows: list[list[str]] = [
        ["保守契約台帳"],
        ["出力日時", "2026/12/03 09:00"],
        ["部門", "サービス本部 国内営業部"],
        [],
        [
            "得意先コード",
            "得意先名",
            "設置場所",
            "設置場所住所",
            "国名",
            "品目コード",
            "品目名",
            "製造番号",
            "設置日",
            "契約番号",
            "契約開始日",
            "契約終了日",
            "年間保守料(円)",
            "担当者",
        ],
    ]
    for m in ms:
        cname = spell(names, m, ms)
        rows.append(
            [
                codes[cname],
                cname,
                site[m["site"]],
                pref[m["site"]] + m["city"] + m["street"],
                "日本",
                item_no("SC-", m["model"]),
                m["model"],
                m["serial"],
                f"{m['install'].year}/{m['install'].month}/{m['install'].day}",
                m["contract"] or "",
                m["start"].strftime("%Y/%m/%d") if m["start"] else "",
                m["end"].strftime("%Y/%m/%d") if m["end"] else "",
                f"{m['value'] * 150:,}" if m["value"] else "",
                rng.choice(["佐藤", "鈴木", "高橋", "田中"]),
            ]
        )
    write_text(HERE / name, rows, delimiter=",", encoding="cp932", quoting=csv.QUOTE_ALL)
    return name, truth(
        ms,
        len(ms),
        "SCREEN",
        False,
        "OBIC7 maintenance-contract ledger (保守契約台帳) CSV, SCREEN's own (cp932)",
        "csv",
    )


# 3 ---------------------------------------------------------------------------------------------
def exact_online_nl(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Exact Online serial-number overview with service contract, Dutch UI, CSV export."""
    name = "exact_online_serienummers_nl.csv"
    custs = ["nxp", "nexperia", "imec", "ams"]
    ms = draw(
        rng,
        15,
        custs,
        ["ASML", "ASM International", "Applied Materials", "KLA"],
        2,
        lambda j: f"SC-{2024 + j % 2}-{j + 31:03d}",
        uncovered=2,
    )
    rel = {
        "nxp": [
            ("100045", "NXP Semiconductors Netherlands B.V."),
            ("100212", "NXP Semiconductors Netherlands BV"),
        ],
        "nexperia": [("100078", "Nexperia Germany GmbH")],
        "imec": [("100103", "imec vzw")],
        "ams": [("100150", "ams-OSRAM AG")],
    }
    land = {"NL": "Nederland", "DE": "Duitsland", "BE": "België", "AT": "Oostenrijk"}
    rows: list[list[str]] = [
        [
            "Serienummer",
            "Artikelcode",
            "Omschrijving",
            "Fabrikant",
            "Relatiecode",
            "Relatie",
            "Afleveradres",
            "Plaats",
            "Land",
            "Locatie",
            "Leverdatum",
            "Contractnummer",
            "Startdatum",
            "Einddatum",
            "Jaarbedrag",
        ]
    ]
    for m in ms:
        code, rname = spell(rel, m, ms)
        rows.append(
            [
                m["serial"],
                item_no("ART", m["model"]),
                m["model"],
                m["vendor"],
                code,
                rname,
                m["street"],
                m["city"],
                land[m["country"]],
                m["site"],
                m["install"].strftime("%d-%m-%Y"),
                m["contract"] or "",
                m["start"].strftime("%d-%m-%Y") if m["start"] else "",
                m["end"].strftime("%d-%m-%Y") if m["end"] else "",
                f"€ {grouped(m['value'], '.', ',')}" if m["value"] else "",
            ]
        )
    write_text(HERE / name, rows, delimiter=";", encoding="cp1252")
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "Exact Online serial numbers with service contracts (Dutch; cp1252, semicolons)",
        "csv",
    )


# 4 ---------------------------------------------------------------------------------------------
def abas_de(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """abas ERP service products (Serviceprodukte) and customers in one workbook, German."""
    name = "abas_erp_serviceprodukte_de.xlsx"
    custs = ["ifx", "ifxat", "gfde", "xfab", "bosch"]
    ms = draw(
        rng,
        15,
        custs,
        ["Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "ASML"],
        2,
        lambda j: f"WV{j + 2401:05d}",
        uncovered=2,
    )
    kunden = {
        "ifx": [("70011", "INFINEON-DD", "Infineon Technologies Dresden GmbH & Co. KG")],
        "ifxat": [("70012", "INFINEON-VI", "Infineon Technologies Austria AG")],
        "gfde": [("70020", "GF-DD", "GLOBALFOUNDRIES Dresden Module One LLC & Co. KG")],
        "xfab": [("70031", "XFAB-DD", "X-FAB Dresden GmbH & Co. KG")],
        "bosch": [
            ("70040", "BOSCH", "Robert Bosch GmbH"),
            ("70057", "BOSCH-RT", "Robert Bosch GmbH"),
        ],
    }

    # Bosch has two master records (70040, 70057) with the same name; each contract is under one
    def krec(m: Machine) -> tuple[str, str, str]:
        return spell(kunden, m, ms)

    wb = Workbook()
    ws = wb.active
    ws.title = "Serviceprodukte"
    ws["A1"] = "Serviceprodukte mit Wartungsverträgen"
    ws.merge_cells("A1:L1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Mandant 1 · Auswertung vom 03.12.2026"
    ws.merge_cells("A2:L2")
    head = [
        "Seriennummer",
        "Artikel",
        "Bezeichnung",
        "Hersteller",
        "Kunde",
        "Standort",
        "Ort",
        "Lieferdatum",
        "Wartungsvertrag",
        "Vertragsbeginn",
        "Vertragsende",
        "Jahresbetrag EUR",
    ]
    ws.append([])
    ws.append(head)
    bold_row(ws, 4)
    for m in ms:
        ws.append(
            [
                m["serial"],
                item_no("A", m["model"]),
                m["model"],
                m["vendor"],
                int(krec(m)[0]),
                f"Werk {m['site']}",
                m["city"],
                m["install"],
                m["contract"],
                m["start"],
                m["end"],
                m["value"],
            ]
        )
        r = ws.max_row
        for col in ("H", "J", "K"):
            ws[f"{col}{r}"].number_format = "DD.MM.YYYY"
        ws[f"L{r}"].number_format = "#,##0.00"
    kw = wb.create_sheet("Kunden")
    kw.append(["Nummer", "Suchwort", "Name", "Straße", "Ort", "Land"])
    bold_row(kw, 1)
    land = {"DE": "Deutschland", "AT": "Österreich"}
    done: set[str] = set()
    for m in ms:
        nr, such, nm = krec(m)
        if nr in done:
            continue
        done.add(nr)
        f = FABS[m["cust"]][sorted(FABS[m["cust"]])[0]]  # the record's postal (head-office) address
        kw.append([int(nr), such, nm, f[2], f[0], land[f[1]]])
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "abas ERP Serviceprodukte and Kunden, two sheets joined by Kundennummer (German)",
        "openpyxl",
    )


# 5 ---------------------------------------------------------------------------------------------
def korean_mes_lo(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Korean MES-style equipment ledger (설비대장) of a vendor's Korean service office, xlsx
    re-saved by LibreOffice."""
    name = "mes_seolbi_daejang_ko_lo.xlsx"
    custs = ["samsung", "skhynix", "dbhitek"]
    ms = draw(
        rng,
        14,
        custs,
        ["Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "ASML"],
        3,
        lambda j: f"MA-{24 + j % 2}-{j + 7:03d}",
        uncovered=1,
    )
    names = {
        "samsung": ["삼성전자(주)"],
        "skhynix": ["SK하이닉스(주)", "에스케이하이닉스 주식회사"],
        "dbhitek": ["DB하이텍(주)"],
    }
    maker = {
        "Applied Materials": "어플라이드 머티어리얼즈",
        "Lam Research": "램리서치",
        "Tokyo Electron": "도쿄일렉트론",
        "KLA": "케이엘에이",
        "ASML": "에이에스엠엘",
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "설비대장"
    ws["A1"] = "고객사 설비대장 (유지보수 계약 포함)"
    ws.merge_cells("A1:M1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "기준일자: 2026-12-01    작성: 서비스기술팀"
    ws.merge_cells("A2:M2")
    ws.append([])
    ws.append(
        [
            "고객사",
            "사업장",
            "주소",
            "국가",
            "라인",
            "설비번호",
            "제작사",
            "모델명",
            "장비 S/N",
            "반입일",
            "유지보수계약번호",
            "계약기간 시작",
            "계약기간 종료",
            "연간금액",
        ]
    )
    bold_row(ws, 4)
    order: list[Machine] = []
    for cust in custs:
        mine = sorted(
            (m for m in ms if m["cust"] == cust),
            key=lambda m: (spell(names, m, ms), m["site"], m["serial"]),
        )
        blocks: dict[str, list[Machine]] = {}
        for m in mine:
            blocks.setdefault(spell(names, m, ms), []).append(m)
        for cname, block in blocks.items():
            first = ws.max_row + 1
            for i, m in enumerate(block):
                ws.append(
                    [
                        cname if i == 0 else None,
                        m["site"],
                        m["city"] + " " + m["street"],
                        "대한민국",
                        f"{m['site']}-L{rng.randrange(1, 9)}",
                        f"EQ{rng.randrange(100000, 999999)}",
                        maker[m["vendor"]],
                        m["model"],
                        m["serial"],
                        m["install"],
                        m["contract"],
                        m["start"],
                        m["end"],
                        m["value"] and m["value"] * 1300,
                    ]
                )
                r = ws.max_row
                for col in ("J", "L", "M"):
                    ws[f"{col}{r}"].number_format = "YYYY.MM.DD"
                ws[f"N{r}"].number_format = '"₩"#,##0'
                order.append(m)
            if len(block) > 1:
                ws.merge_cells(f"A{first}:A{ws.max_row}")
                ws[f"A{first}"].alignment = Alignment(vertical="center")
    save_via_libreoffice(wb, HERE / name)
    return name, truth(
        order,
        len(order),
        None,
        True,
        "Korean MES-style equipment ledger (설비대장), merged customer cells; LibreOffice re-save",
        "LibreOffice",
    )


# 6 ---------------------------------------------------------------------------------------------
def sap_fsm(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """SAP Field Service Management (Coresystems) equipment list exported to CSV."""
    name = "sap_fsm_equipment_export.csv"
    custs = ["intel", "micron", "ti", "tsmcaz", "gf"]
    ms = draw(
        rng,
        15,
        custs,
        ["Lam Research", "Applied Materials", "KLA", "Hitachi High-Tech"],
        2,
        lambda j: f"SC-{j + 4100}",
        uncovered=2,
    )
    bp = {
        "intel": [("BP-1001", "Intel Corporation")],
        "micron": [("BP-1002", "Micron Technology, Inc.")],
        "ti": [
            ("BP-1003", "Texas Instruments Incorporated"),
            ("BP-1147", "Texas Instruments Inc."),
        ],
        "tsmcaz": [("BP-1010", "TSMC Arizona Corporation")],
        "gf": [("BP-1004", "GlobalFoundries U.S. Inc.")],
    }
    rows: list[list[str]] = [
        [
            "Code",
            "Name",
            "Serial Number",
            "Manufacturer",
            "Business Partner Code",
            "Business Partner",
            "Address Name",
            "Street",
            "City",
            "Country",
            "Installation Date",
            "Status",
            "Service Contract",
            "Contract Valid From",
            "Contract Valid To",
            "Contract Line Value",
            "Currency",
        ]
    ]
    for i, m in enumerate(ms):
        code, bpn = spell(bp, m, ms)
        rows.append(
            [
                f"EQ-{i + 30001}",
                m["model"],
                m["serial"],
                m["vendor"],
                code,
                bpn,
                m["site"],
                m["street"],
                m["city"],
                m["country"],
                m["install"].isoformat(),
                "ACTIVE",
                m["contract"] or "",
                m["start"].isoformat() if m["start"] else "",
                m["end"].isoformat() if m["end"] else "",
                f"{m['value']:.2f}" if m["value"] else "",
                "USD" if m["value"] else "",
            ]
        )
    write_text(HERE / name, rows, delimiter=",", encoding="utf-8", eol="\n")
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "SAP Field Service Management equipment list with service-contract columns (CSV, UTF-8)",
        "csv",
    )


# 7 ---------------------------------------------------------------------------------------------
def sap_c4c(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """SAP Service Cloud (C4C) registered products, accounts and service contracts, one workbook;
    the contract's Net Value is a header value for all its covered registered products."""
    name = "sap_c4c_registered_products.xlsx"
    custs = ["intelil", "tower", "gfsg", "micronsg", "ifxmy"]
    ms = draw(
        rng,
        15,
        custs,
        ["Applied Materials", "Tokyo Electron", "KLA", "ASML", "Lam Research"],
        3,
        lambda j: str(8000120 + j * 7),
        uncovered=2,
    )
    acc = {
        "intelil": [("1000210", "Intel Electronics Ltd.")],
        "tower": [("1000233", "Tower Semiconductor Ltd.")],
        "gfsg": [("1000301", "GLOBALFOUNDRIES Singapore Pte. Ltd.")],
        "micronsg": [
            ("1000318", "Micron Semiconductor Asia Operations Pte. Ltd."),
            ("1000355", "Micron Semiconductor Asia Operations Pte Ltd"),
        ],
        "ifxmy": [("1000402", "Infineon Technologies (Kulim) Sdn. Bhd.")],
    }
    cname = {"IL": "Israel", "SG": "Singapore", "MY": "Malaysia"}
    wb = Workbook()
    rp = wb.active
    rp.title = "Registered Products"
    rp.append(
        [
            "Serial ID",
            "Product ID",
            "Product Description",
            "Manufacturer",
            "Account ID",
            "Account",
            "Installation Point",
            "Installed On",
            "Status",
            "Contract ID",
        ]
    )
    bold_row(rp, 1)
    for m in ms:
        aid, _ = spell(acc, m, ms)
        rp.append(
            [
                m["serial"],
                item_no("P-", m["model"]),
                m["model"],
                m["vendor"],
                aid,
                spell(acc, m, ms)[1],
                f"{m['site']}, {m['city']}",
                m["install"],
                "Active",
                m["contract"],
            ]
        )
        rp[f"H{rp.max_row}"].number_format = "m/d/yyyy"
    ac = wb.create_sheet("Accounts")
    ac.append(["Account ID", "Name", "Street", "City", "Country/Region"])
    bold_row(ac, 1)
    seen: set[str] = set()
    for m in ms:
        for aid, an in acc[m["cust"]]:
            if aid not in seen:
                seen.add(aid)
                f = FABS[m["cust"]][sorted(FABS[m["cust"]])[0]]
                ac.append([aid, an, f[2], f[0], cname[f[1]]])
    sc = wb.create_sheet("Service Contracts")
    sc.append(
        [
            "Contract ID",
            "Description",
            "Account ID",
            "Start Date",
            "End Date",
            "Net Value",
            "Currency",
        ]
    )
    bold_row(sc, 1)
    for c in sorted({m["contract"] for m in ms if m["contract"]}):
        cov = [m for m in ms if m["contract"] == c]
        aid = spell(acc, cov[0], ms)[0]
        sc.append(
            [
                c,
                f"Full service {cov[0]['site']}",
                aid,
                cov[0]["start"],
                cov[0]["end"],
                sum(m["value"] for m in cov),
                "USD",
            ]
        )
        for col in ("D", "E"):
            sc[f"{col}{sc.max_row}"].number_format = "m/d/yyyy"
        sc[f"F{sc.max_row}"].number_format = "#,##0.00"
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "SAP Service Cloud (C4C) registered products, accounts and service contracts (three sheets)",  # noqa: E501
        "openpyxl",
    )


# 8 ---------------------------------------------------------------------------------------------
def notion_fr(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Notion database exported as CSV, French workspace of a service partner."""
    name = "notion_parc_equipements_fr.csv"
    custs = ["st", "stit", "soitec", "xfabfr"]
    ms = draw(
        rng,
        14,
        custs,
        ["Applied Materials", "Lam Research", "ASM International", "Tokyo Electron", "KLA"],
        2,
        lambda j: f"CT-{j + 201}",
        uncovered=2,
    )
    pages = {
        "st": ["STMicroelectronics (Crolles 2) SAS", "ST Microelectronics Crolles"],
        "stit": ["STMicroelectronics S.r.l."],
        "soitec": ["Soitec SA"],
        "xfabfr": ["X-FAB France SAS"],
    }
    pid = {p: f"{abs(hash_str(p)) % 16**32:032x}" for ps in pages.values() for p in ps}
    pays = {"FR": "France", "IT": "Italie"}
    nb = "\u202f"

    def fr_date(d: dt.date) -> str:
        return f"{d.day} {MOIS[d.month - 1]} {d.year}"

    rows: list[list[str]] = [
        [
            "Équipement",
            "Numéro de série",
            "Fabricant",
            "Client",
            "Site",
            "Adresse",
            "Pays",
            "Date d'installation",
            "Contrat",
            "Période du contrat",
            "Montant annuel",
            "Statut",
        ]
    ]
    for m in ms:
        p = spell(pages, m, ms)
        link = f"{p} (https://www.notion.so/{re.sub(r'[^A-Za-z0-9]+', '-', p).strip('-')}-{pid[p]})"
        rows.append(
            [
                m["model"],
                m["serial"],
                m["vendor"],
                link,
                f"{m['site']} ({m['city']})",
                m["street"],
                pays[m["country"]],
                fr_date(m["install"]),
                m["contract"] or "",
                f"{fr_date(m['start'])} → {fr_date(m['end'])}" if m["start"] else "",
                f"{grouped(m['value'], nb, ',')}{nb}€" if m["value"] else "",
                "Sous contrat" if m["contract"] else "Hors contrat",
            ]
        )
    write_text(HERE / name, rows, delimiter=",", encoding="utf-8", bom=b"\xef\xbb\xbf", eol="\n")
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "Notion database export to CSV (French workspace; relation as page title with link)",
        "csv",
    )


def hash_str(s: str) -> int:
    """A stable string hash (Python's hash() is salted per process)."""
    h = 1469598103934665603
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 1099511628211) % 2**64
    return h * 2**64 + (h * 31 % 2**64)


# 9 ---------------------------------------------------------------------------------------------
def sea_hand_sheet(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A service office's hand-kept Singapore/Malaysia installed-base sheet, saved from Excel as
    'Unicode Text' (UTF-16 LE with BOM, tab-separated)."""
    name = "sea_installed_base_unicode.txt"
    custs = ["gfsg", "umcsg", "ssmc", "ifxmy", "xfabmy"]
    ms = draw(
        rng,
        15,
        custs,
        ["Tokyo Electron", "KLA", "Applied Materials", "Hitachi High-Tech", "ASML"],
        2,
        lambda j: f"SEA/{24 + j % 2}/{j + 11:03d}",
        uncovered=2,
    )
    names = {
        "gfsg": ["GLOBALFOUNDRIES Singapore Pte. Ltd.", "GF Singapore"],
        "umcsg": ["UMC Singapore (Fab 12i)"],
        "ssmc": ["SSMC - Systems on Silicon Manufacturing Co. Pte. Ltd."],
        "ifxmy": ["Infineon Technologies (Kulim) Sdn Bhd"],
        "xfabmy": ["X-FAB Sarawak Sdn. Bhd."],
    }
    cur = {"SG": "S$", "MY": "RM"}
    cty = {"SG": "Singapore", "MY": "Malaysia"}

    def d2(d: dt.date) -> str:
        return f"{d.day:02d}-{MON[d.month - 1]}-{d.year % 100:02d}"

    rows: list[list[str]] = [
        ["SEA INSTALLED BASE - SERVICE CONTRACTS"],
        ["Updated 15-Nov-26 by J. Tan (SG office)"],
        [],
        [
            "No.",
            "Customer",
            "Fab",
            "Address",
            "Country",
            "OEM",
            "Tool / Model",
            "S/N",
            "Install Date",
            "Svc Contract",
            "Start",
            "End",
            "Contract Value / yr",
            "Remarks",
        ],
    ]
    no = 0
    order: list[Machine] = []
    for cust in custs:
        mine = [m for m in ms if m["cust"] == cust]
        sub = 0
        for m in mine:
            no += 1
            v = m["value"]
            rows.append(
                [
                    str(no),
                    spell(names, m, ms),
                    m["site"],
                    m["street"],
                    cty[m["country"]],
                    m["vendor"],
                    m["model"],
                    m["serial"],
                    d2(m["install"]),
                    m["contract"] or "-",
                    d2(m["start"]) if m["start"] else "",
                    d2(m["end"]) if m["end"] else "",
                    f"{cur[m['country']]} {v:,}" if v else "",
                    "" if v else "no contract (T&M)",
                ]
            )
            sub += v or 0
            order.append(m)
        rows.append(
            [
                "",
                f"Subtotal {names[cust][0]}",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                f"{cur[mine[0]['country']]} {sub:,}",
                "",
            ]
        )
    write_text(HERE / name, rows, delimiter="\t", encoding="utf-16-le", bom=b"\xff\xfe")
    return name, truth(
        order,
        len(order),
        None,
        True,
        "Hand-kept Singapore/Malaysia installed-base sheet saved as Excel Unicode Text (UTF-16, tabs)",  # noqa: E501
        "csv",
    )


# 10 --------------------------------------------------------------------------------------------
def erpnext_axcelis(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """ERPNext Serial No list view exported (Report view > Export, CSV); Axcelis' own."""
    name = "erpnext_serial_no_report.csv"
    custs = ["onsemicz", "wolfspeed", "microchip", "ifxat"]
    ms = draw(rng, 13, custs, ["Axcelis"], 2, lambda j: f"MAT-MVS-2024-{j + 41:05d}", uncovered=1)
    cu = {
        "onsemicz": [("CUST-00003", "ON Semiconductor Czech Republic, s.r.o.")],
        "wolfspeed": [("CUST-00008", "Wolfspeed, Inc.")],
        "microchip": [
            ("CUST-00012", "Microchip Technology Inc."),
            ("CUST-00047", "Microchip Technology Incorporated"),
        ],
        "ifxat": [("CUST-00021", "Infineon Technologies Austria AG")],
    }
    cty = {"CZ": "Czech Republic", "US": "United States", "AT": "Austria"}
    rows: list[list[str]] = [
        [
            "ID",
            "Item Code",
            "Item Name",
            "Status",
            "Customer",
            "Customer Name",
            "Site",
            "Site Address",
            "Country",
            "Delivery Date",
            "Warranty Expiry Date",
            "AMC Expiry Date",
            "Maintenance Status",
            "Maintenance Schedule",
            "AMC Start Date",
            "Annual AMC Value",
        ]
    ]
    for m in ms:
        cid, cn = spell(cu, m, ms)
        rows.append(
            [
                m["serial"],
                item_no("PUR-", m["model"]),
                m["model"],
                "Delivered",
                cid,
                cn,
                m["site"],
                f"{m['street']}, {m['city']}",
                cty[m["country"]],
                m["install"].strftime("%d-%m-%Y"),
                (m["install"] + dt.timedelta(days=730)).strftime("%d-%m-%Y"),
                m["end"].strftime("%d-%m-%Y") if m["end"] else "",
                "Under AMC" if m["contract"] else "Out of AMC",
                m["contract"] or "",
                m["start"].strftime("%d-%m-%Y") if m["start"] else "",
                f"$ {m['value']:,.2f}" if m["value"] else "",
            ]
        )
    write_text(
        HERE / name, rows, delimiter=",", encoding="utf-8", quoting=csv.QUOTE_NONNUMERIC, eol="\n"
    )
    return name, truth(
        ms,
        len(ms),
        "Axcelis",
        False,
        "ERPNext Serial No report view export (CSV, UTF-8), Axcelis' own; AMC = service contract",
        "csv",
    )


def gen() -> dict[str, Any]:
    rng = random.Random(SEED)
    files: dict[str, Any] = {}
    for make in (
        digiwin_tw,
        obic7_ja,
        exact_online_nl,
        abas_de,
        korean_mes_lo,
        sap_fsm,
        sap_c4c,
        notion_fr,
        sea_hand_sheet,
        erpnext_axcelis,
    ):
        name, entry = make(rng)
        files[name] = entry
    return files


def main() -> None:
    files = gen()
    manifest = {
        "held_out": True,
        "about": "Corpus 7: ten installed-base exports in layouts of systems no other corpus "
        "covers, generated by make_heldout7.py without reading the importer; counts are the "
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
