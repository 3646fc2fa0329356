"""Generate the held-out corpus 5 of installed-base exports (deterministic, seeded).

Why: the import team tunes the importer on the corpora it can see; this corpus was written
without reading the importer, so a first import of these files measures how it does on export
layouts nobody tuned it on. Every file is correct data that a real export of the named system
could hold; the mess is the mess of real exports (labels in the user's language, title blocks,
grouping and total rows, merged cells, two-row headings, local dates and amounts, legacy
encodings, one legal entity under several spellings), never corruption.

Run: python make_heldout5.py  (rewrites every file and manifest.json in this folder; the two
LibreOffice files need ``soffice`` on the PATH).
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
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
SEED = 5_2026
STAMP = "2026-11-30T09:00:00Z"

# canonical vendor -> (models, serial pattern); the canonical name is the manifest's
VENDORS: dict[str, tuple[list[str], str]] = {
    "ASML": (["NXT:2050i", "NXT:1980Fi", "XT:1060K", "XT:400M", "YieldStar 385"], "{n:05d}"),
    "Applied Materials": (
        [
            "Endura Clover",
            "Centura Epi",
            "Producer Selectra",
            "Reflexion LK Prime",
            "Vantage Radiance",
        ],
        "AM{n:06d}",
    ),
    "Lam Research": (
        ["Kiyo C", "Flex G", "Vector Express", "Striker FE", "Coronus HP"],
        "LR{n:06d}",
    ),
    "Tokyo Electron": (
        ["Tactras Vigus", "Lithius Pro V", "CELLESTA-i", "Trias e+", "NT333"],
        "TE{n:06d}",
    ),
    "KLA": (
        ["Surfscan SP7XP", "29xx Broadband", "Archer 750", "eDR7380", "SpectraFilm F1"],
        "KL{n:05d}",
    ),
    "SCREEN": (["SU-3400", "SS-3200", "FC-3100"], "SC{n:06d}"),
    "Hitachi High-Tech": (["CG7300", "GT2000", "RS6000", "VR-120"], "HT{n:05d}"),
    "ASM International": (
        ["Eagle XP8", "A412 Plus", "Pulsar XP", "Intrepid ESA", "A400"],
        "AS{n:05d}",
    ),
    "Kokusai Electric": (["TSURUGI-C2", "QUIXACE II", "AdvancedAce 300"], "KE{n:06d}"),
    "Canon": (["FPA-6300ESW", "FPA-5550iX"], "CA{n:05d}"),
    "Nikon": (["NSR-S636E", "NSR-S210D"], "NK{n:06d}"),
    "Veeco": (["Propel HVM", "Lumina AsP", "K475i", "WaferStorm"], "VE{n:05d}"),
}

# legal entity -> {fab key: (city, ISO2)}; the spellings each file uses are set per file
FABS: dict[str, dict[str, tuple[str, str]]] = {
    "st": {"Crolles 300": ("Crolles", "FR")},
    "stit": {"Agrate R3": ("Agrate Brianza", "IT"), "Catania M5": ("Catania", "IT")},
    "lfoundry": {"Avezzano": ("Avezzano", "IT")},
    "micron": {"Boise": ("Boise", "US"), "Fab 6": ("Manassas", "US")},
    "gf": {"Fab 8": ("Malta", "US")},
    "intel": {"Fab 42": ("Chandler", "US"), "D1X": ("Hillsboro", "US")},
    "wolfspeed": {"Mohawk Valley": ("Marcy", "US"), "Durham": ("Durham", "US")},
    "skywater": {"Bloomington": ("Bloomington", "US")},
    "smic": {
        "SN1": ("Shanghai", "CN"),
        "B2": ("Beijing", "CN"),
        "Shenzhen Fab": ("Shenzhen", "CN"),
    },
    "huahong": {"Fab 7": ("Wuxi", "CN"), "Fab 1": ("Shanghai", "CN")},
    "nexchip": {"N1": ("Hefei", "CN")},
    "samsung": {"P2": ("Pyeongtaek", "KR"), "S3": ("Hwaseong", "KR"), "Line 6": ("Yongin", "KR")},
    "skhynix": {"M16": ("Icheon", "KR"), "M15": ("Cheongju", "KR")},
    "dbhitek": {"Fab 1": ("Bucheon", "KR"), "Fab 2": ("Eumseong", "KR")},
    "tower": {"Fab 2": ("Migdal HaEmek", "IL")},
    "intelil": {"Fab 28": ("Kiryat Gat", "IL")},
    "gfsg": {"Fab 7": ("Singapore", "SG")},
    "ifx": {"Dresden 300": ("Dresden", "DE")},
    "tsmc": {
        "Fab 12A": ("Hsinchu", "TW"),
        "Fab 15": ("Taichung", "TW"),
        "Fab 18": ("Tainan", "TW"),
    },
    "umc": {"Fab 12A": ("Tainan", "TW")},
    "psmc": {"P3": ("Hsinchu", "TW")},
    "vis": {"Fab 1": ("Hsinchu", "TW")},
    "gfde": {"Module One": ("Dresden", "DE")},
    "bosch": {"Dresden": ("Dresden", "DE")},
    "ifxat": {"Villach": ("Villach", "AT")},
    "intelie": {"Fab 34": ("Leixlip", "IE")},
    "kioxia": {"Yokkaichi": ("Yokkaichi", "JP"), "Kitakami": ("Kitakami", "JP")},
    "sony": {"Kumamoto TEC": ("Kikuyo", "JP")},
    "renesas": {"Naka": ("Hitachinaka", "JP")},
    "micronjp": {"Hiroshima": ("Higashihiroshima", "JP")},
    "jasm": {"Fab 1": ("Kikuyo", "JP")},
    "nxp": {"ICN8": ("Nijmegen", "NL")},
    "nexperia": {"Nijmegen": ("Nijmegen", "NL")},
    "boschrt": {"Reutlingen": ("Reutlingen", "DE")},
    "xfab": {"Dresden": ("Dresden", "DE")},
    "ti": {"RFAB": ("Richardson", "US"), "LFAB": ("Lehi", "US")},
    "micronsg": {"Fab 10": ("Singapore", "SG")},
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

    ``contract_no(j)`` gives the number of the j-th contract; ``uncovered`` machines (the last
    ones drawn) are under no contract, as equipment past its warranty with no service deal is.
    """
    out: list[Machine] = []
    seen: set[str] = set()
    for i in range(n):
        cust = custs[i % len(custs)]
        fab = rng.choice(sorted(FABS[cust]))
        city, country = FABS[cust][fab]
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
                fab=fab,
                city=city,
                country=country,
                vendor=vendor,
                model=rng.choice(models),
                serial=serial,
                install=dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(0, 3900)),
                contract=None,
            )
        )
    groups: dict[tuple[str, int], list[Machine]] = {}
    for i, m in enumerate(out[: n - uncovered]):
        groups.setdefault((m["cust"], i % contracts_per_customer), []).append(m)
    for j, (_key, ms) in enumerate(sorted(groups.items())):
        start = dt.date(2023 + j % 3, 1 + (j * 5) % 12, 1)
        end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
        for m in ms:
            m.update(
                contract=contract_no(j), start=start, end=end, value=rng.randrange(60, 990) * 1000
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
        "fabs": len({(m["cust"], m["fab"]) for m in ms}),
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
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 30, 9, 0, 0))
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


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str, encoding: str) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def eu_amount(v: float, thousands: str = ".") -> str:
    """1.234.567,00 (Spanish, German) or 1 234 567,00 (Polish) as the user's Excel shows it."""
    return f"{v:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", thousands)


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def zoho_date(d: dt.date) -> str:
    """Zoho's default display date, "Jul 20, 2023" (spelled out here, not locale-dependent)."""
    return f"{MONTHS[d.month - 1]} {d.day:02d}, {d.year}"


def bold_row(ws: Any, row: int) -> None:
    for c in ws[row]:
        c.font = Font(bold=True)


# 1 ---------------------------------------------------------------------------------------------
def sap_b1_es(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """SAP Business One, Servicio > Tarjeta de equipo de cliente, list saved from Spanish Excel.

    Two serial columns as B1 has them (manufSN is the machine's, internalSN the dealer's own
    number); the fab is only the card's service address; cp1252, semicolons, 1.234,00 €.
    """
    ms = draw(
        rng,
        16,
        ["st", "stit", "lfoundry", "gfde"],
        ["Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "ASM International"],
        2,
        lambda j: str(41 + j * 3),
        uncovered=2,
    )
    names = {
        "st": ["STMicroelectronics (Crolles 2) SAS", "STMICROELECTRONICS CROLLES 2 SAS"],
        "stit": ["STMicroelectronics S.r.l."],
        "lfoundry": ["LFoundry S.r.l.", "LFOUNDRY SRL"],
        "gfde": ["GlobalFoundries Dresden Module One LLC & Co. KG"],
    }
    codes = {"st": "C00112", "stit": "C00118", "lfoundry": "C00131", "gfde": "C00140"}
    street = {
        "Crolles 300": ("850 rue Jean Monnet", "38920"),
        "Agrate R3": ("Via Camillo Olivetti 2", "20864"),
        "Catania M5": ("Stradale Primosole 50", "95121"),
        "Avezzano": ("Via Pacinotti 7", "67051"),
        "Module One": ("Wilschdorfer Landstraße 101", "01109"),
    }
    pais = {"FR": "Francia", "IT": "Italia", "DE": "Alemania"}
    fabricante = {"Tokyo Electron": "Tokyo Electron Ltd.", "KLA": "KLA Corporation"}
    hdr = [
        "Nº tarjeta equipo",
        "Nº serie fabricante",
        "Número de serie",
        "Número de artículo",
        "Descripción del artículo",
        "Fabricante",
        "Código de cliente",
        "Nombre de cliente",
        "Calle",
        "Código postal",
        "Ciudad",
        "País",
        "Estado",
        "Contrato de servicio",
        "Fecha de inicio",
        "Fecha de finalización",
        "Importe anual",
    ]
    rows = [hdr]
    for i, m in enumerate(ms):
        st, zipc = street[m["fab"]]
        covered = m["contract"] is not None
        rows.append(
            [
                str(1200 + i * 7),
                m["serial"],
                f"EQ-{2400 + i:05d}",
                "EQ-" + re.sub(r"[^A-Z0-9]", "", m["model"].upper())[:10],
                m["model"],
                fabricante.get(m["vendor"], m["vendor"]),
                codes[m["cust"]],
                rng.choice(names[m["cust"]]),
                st,
                zipc,
                m["city"],
                pais[m["country"]],
                "Activo",
                m["contract"] or "",
                m["start"].strftime("%d/%m/%Y") if covered else "",
                m["end"].strftime("%d/%m/%Y") if covered else "",
                eu_amount(m["value"]) + " €" if covered else "",
            ]
        )
    name = "sap_b1_tarjetas_equipo_es.csv"
    write_csv(HERE / name, rows, delimiter=";", encoding="cp1252")
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "SAP Business One customer equipment cards (Spanish UI; cp1252, semicolons)",
        "csv",
    )


# 2 ---------------------------------------------------------------------------------------------
def epicor_baq(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Epicor Kinetic BAQ export of field-service contract lines: Table_Field column names.

    Veeco's own export (no maker column); GlobalFoundries is in the customer master twice
    (two CustIDs, two spellings of one legal entity), as long-lived ERPs have it.
    """
    ms = draw(
        rng,
        15,
        ["micron", "gf", "intel", "wolfspeed", "skywater"],
        ["Veeco"],
        2,
        lambda j: 2100 + j * 11,
    )
    cust = {
        "micron": [("MICRON01", "Micron Technology, Inc.")],
        "gf": [("GLOBALF", "GlobalFoundries U.S. Inc."), ("GFMALTA", "GLOBALFOUNDRIES U.S. INC.")],
        "intel": [("INTEL", "Intel Corporation")],
        "wolfspeed": [("WOLFSPD", "Wolfspeed, Inc.")],
        "skywater": [("SKYWATER", "SkyWater Technology Foundry, Inc.")],
    }
    state = {
        "Boise": "ID",
        "Manassas": "VA",
        "Malta": "NY",
        "Chandler": "AZ",
        "Hillsboro": "OR",
        "Marcy": "NY",
        "Durham": "NC",
        "Bloomington": "MN",
    }
    hdr = [
        "Customer_CustID",
        "Customer_Name",
        "ShipTo_ShipToNum",
        "ShipTo_Name",
        "ShipTo_City",
        "ShipTo_State",
        "ShipTo_Country",
        "FSContDt_PartNum",
        "Part_PartDescription",
        "FSContDt_SerialNumber",
        "SerialNo_ShipDate",
        "FSContHd_ContractNum",
        "FSContHd_ContractCode",
        "FSContHd_ActiveDate",
        "FSContHd_ExpireDate",
        "FSContDt_LineAmount",
        "Currency_CurrencyCode",
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Results"
    ws.append(hdr)
    seen: dict[str, int] = {}
    for m in ms:
        k = seen[m["cust"]] = seen.get(m["cust"], -1) + 1  # duplicate masters alternate
        cid, cname = cust[m["cust"]][k % len(cust[m["cust"]])]
        ws.append(
            [
                cid,
                cname,
                re.sub(r"\W", "", m["fab"].upper())[:8],
                f"{cname.split(',')[0]} {m['fab']}",
                m["city"],
                state[m["city"]],
                "USA",
                "VE-" + re.sub(r"\W", "", m["model"].upper()),
                m["model"],
                m["serial"],
                m["install"],
                m["contract"],
                "PM-GOLD" if m["contract"] % 2 else "PM-SILVER",
                m["start"],
                m["end"],
                m["value"],
                "USD",
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for idx in (10, 13, 14):
            row[idx].number_format = "m/d/yyyy"
        row[15].number_format = '"$"#,##0.00'
    name = "epicor_kinetic_baq_fscontract.xlsx"
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        "Veeco",
        False,
        "Epicor Kinetic BAQ export (field-service contracts)",
        "openpyxl",
    )


# 3 ---------------------------------------------------------------------------------------------
def zoho_fsm(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Zoho FSM Assets module export (CSV, UTF-8 with BOM) of a China third-party service firm.

    FSM assets carry no contract, only warranty dates: 0 contracts. "Serial Number" and
    "Manufacturer" are custom fields; "Asset Number" is the firm's own number.
    """
    ms = draw(
        rng,
        14,
        ["smic", "huahong", "nexchip"],
        ["ASML", "Lam Research", "Tokyo Electron", "KLA", "Applied Materials", "SCREEN"],
        1,
        lambda j: None,
        uncovered=14,
    )
    company = {
        "smic": ["SMIC", "Semiconductor Manufacturing International Corp."],
        "huahong": ["Shanghai Huahong Grace Semiconductor Manufacturing Corporation", "HHGrace"],
        "nexchip": ["Nexchip Semiconductor Corporation", "Nexchip Semiconductor Corp."],
    }
    addr = {
        ("smic", "SN1"): ("SMIC SN1", "18 Zhangjiang Road, Pudong New Area", "Shanghai", "201203"),
        ("smic", "B2"): ("SMIC B2", "18 Wenchang Avenue, BDA", "Beijing", "100176"),
        ("smic", "Shenzhen Fab"): (
            "SMIC Shenzhen",
            "18 Gaoxin 1st Road, Pingshan",
            "Guangdong",
            "518118",
        ),
        ("huahong", "Fab 7"): (
            "Hua Hong Fab 7",
            "30 Xinzhou Road, Xinwu District",
            "Jiangsu",
            "214028",
        ),
        ("huahong", "Fab 1"): (
            "Hua Hong Fab 1",
            "1399 Zuchongzhi Road, Pudong",
            "Shanghai",
            "201203",
        ),
        ("nexchip", "N1"): ("Nexchip N1", "88 Xitai Road, Hefei High-tech Zone", "Anhui", "230012"),
    }
    maker = {
        "Tokyo Electron": "TEL",
        "KLA": "KLA Corporation",
        "SCREEN": "SCREEN Semiconductor Solutions",
    }
    hdr = [
        "Asset Name",
        "Asset Number",
        "Product",
        "Manufacturer",
        "Serial Number",
        "Company",
        "Contact",
        "Address Name",
        "Street 1",
        "City",
        "State",
        "Country",
        "Zip Code",
        "Ordered Date",
        "Installation Date",
        "Warranty Expiration",
        "Price",
        "Currency",
        "Status",
        "Owner",
    ]
    rows = [hdr]
    for i, m in enumerate(ms):
        an, street, state, zipc = addr[(m["cust"], m["fab"])]
        product = (
            f"{m['vendor']} {m['model']}"
            if m["vendor"] != "Tokyo Electron"
            else f"TEL {m['model']}"
        )
        rows.append(
            [
                f"{product} | {m['serial']}",
                f"{102400 + i * 13}",
                product,
                maker.get(m["vendor"], m["vendor"]),
                m["serial"],
                rng.choice(company[m["cust"]]),
                rng.choice(["Wang Lei", "Li Na", "Zhang Wei", "Chen Jing"]),
                an,
                street,
                m["city"],
                state,
                "China",
                zipc,
                zoho_date(m["install"] - dt.timedelta(days=120)),
                zoho_date(m["install"]),
                zoho_date(m["install"] + dt.timedelta(days=730)),
                f"{rng.randrange(300, 9000) * 10_000:,.2f}",
                "CNY",
                "Active",
                "Zhou Min",
            ]
        )
    name = "zoho_fsm_assets_cn.csv"
    write_csv(HERE / name, rows, delimiter=",", encoding="utf-8-sig")
    return name, truth(ms, len(ms), None, True, "Zoho FSM Assets export (UTF-8 BOM CSV)", "csv")


# 4 ---------------------------------------------------------------------------------------------
def hubspot_ko(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """HubSpot custom-object export (language KO_KR, XLSX) of a Korean service organisation.

    Custom object "설치 장비" with its associated company and deal (the deal is the service
    contract); Korean dates "2023. 7. 20." and amounts "₩1,250,000,000" as text.
    """
    ms = draw(
        rng,
        15,
        ["samsung", "skhynix", "dbhitek"],
        ["ASML", "Lam Research", "Applied Materials", "Tokyo Electron", "KLA", "Kokusai Electric"],
        2,
        lambda j: j,
    )
    company = {
        "samsung": ["삼성전자", "Samsung Electronics Co., Ltd."],
        "skhynix": ["SK하이닉스", "SK hynix Inc."],
        "dbhitek": ["DB하이텍"],
    }
    addr = {
        "Pyeongtaek": "경기도 평택시 고덕면 삼성로 114",
        "Hwaseong": "경기도 화성시 삼성전자로 1",
        "Yongin": "경기도 용인시 기흥구 삼성로 1",
        "Icheon": "경기도 이천시 부발읍 경충대로 2091",
        "Cheongju": "충청북도 청주시 흥덕구 대신로 215",
        "Bucheon": "경기도 부천시 원미구 수도로 90",
        "Eumseong": "충청북도 음성군 감곡면 음성로 2650",
    }
    maker = {
        "Lam Research": "램리서치",
        "Applied Materials": "어플라이드 머티어리얼즈",
        "Tokyo Electron": "도쿄일렉트론",
        "Kokusai Electric": "고쿠사이 일렉트릭",
    }
    deal_cust = {"samsung": "삼성전자", "skhynix": "SK하이닉스", "dbhitek": "DB하이텍"}
    deals: dict[int, str] = {}
    for m in ms:
        j = m["contract"]
        deals.setdefault(
            j,
            f"{deal_cust[m['cust']]} 유지보수 계약 {m['start'].year}-{m['end'].year}"
            f" (SVC-KR-{310 + j * 7})",
        )
        m["contract"] = deals[j]
    hdr = [
        "레코드 ID",
        "장비 이름",
        "시리얼 번호",
        "제조사",
        "모델",
        "설치일",
        "팹",
        "팹 주소",
        "국가",
        "연간 계약 금액",
        "통화",
        "연결된 회사",
        "연결된 거래",
        "레코드 소유자",
        "생성 날짜",
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "설치 장비"
    ws.append(hdr)
    for i, m in enumerate(ms):
        d = m["install"]
        ws.append(
            [
                18_900_000_000 + i * 1_031,
                f"{m['fab']} {m['model']}",
                m["serial"],
                maker.get(m["vendor"], m["vendor"]),
                m["model"],
                f"{d.year}. {d.month}. {d.day}.",
                m["fab"],
                addr[m["city"]],
                "대한민국",
                f"₩{m['value'] * 1000:,}",
                "KRW",
                rng.choice(company[m["cust"]]),
                m["contract"],
                rng.choice(["김민준", "이서연", "박지훈"]),
                "2026. 11. 28. 오후 3:12",
            ]
        )
    bold_row(ws, 1)
    name = "hubspot_installed_equipment_ko.xlsx"
    save_stable(wb, HERE / name)
    return name, truth(
        ms, len(ms), None, True, "HubSpot custom-object export, language KO_KR (XLSX)", "openpyxl"
    )


# 5 ---------------------------------------------------------------------------------------------
def infor_ln(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Infor LN Service, Serialized Items (tscfg2100m000) to Excel, re-saved by LibreOffice.

    KLA's own export; LN items carry a blank 9-character project segment (leading spaces),
    business partners are codes plus a name, countries are LN's three-letter codes, the fab is
    the installation group.
    """
    ms = draw(
        rng,
        13,
        ["tower", "intelil", "gfsg", "ifx"],
        ["KLA"],
        1,
        lambda j: f"SC{4510 + j * 3:07d}",
        uncovered=1,
    )
    bp = {
        "tower": ("ISR000017", "Tower Semiconductor Ltd."),
        "intelil": ("ISR000023", "Intel Electronics Ltd."),
        "gfsg": ("SGP000004", "GLOBALFOUNDRIES Singapore Pte. Ltd."),
        "ifx": ("DEU000112", "Infineon Technologies Dresden GmbH & Co. KG"),
    }
    cc3 = {"IL": "ISR", "SG": "SGP", "DE": "DEU"}
    hdr = [
        "Item",
        "Serial Number",
        "Description",
        "Status",
        "Sold-to Business Partner",
        "Name",
        "Installation Group",
        "Installation Group Description",
        "City",
        "Country",
        "Installation Date",
        "Service Contract",
        "Effective Date",
        "Expiry Date",
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Serialized Items"
    ws.append(hdr)
    for m in ms:
        code, nm = bp[m["cust"]]
        ig = f"IG-{m['cust'][:3].upper()}-{re.sub(r'[^A-Z0-9]', '', m['fab'].upper())}"
        covered = m["contract"] is not None
        ws.append(
            [
                " " * 9 + "KLA-" + re.sub(r"[^A-Z0-9]", "", m["model"].upper())[:12],
                m["serial"],
                m["model"],
                "Active",
                code,
                nm,
                ig,
                f"{nm.split(' ')[0]} {m['fab']} {m['city']}",
                m["city"],
                cc3[m["country"]],
                m["install"],
                m["contract"] or "",
                m["start"] if covered else None,
                m["end"] if covered else None,
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for idx in (10, 12, 13):
            row[idx].number_format = "dd-mm-yyyy"
    bold_row(ws, 1)
    name = "infor_ln_serialized_items_lo.xlsx"
    save_via_libreoffice(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        "KLA",
        False,
        "Infor LN Serialized Items (tscfg2100m000) to Excel, re-saved by LibreOffice",
        "LibreOffice",
    )


# 6 ---------------------------------------------------------------------------------------------
def salesforce_grouped_zh_tw(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Salesforce summary report exported "formatted" (XLSX) in Traditional Chinese, grouped by
    account: report title block, the account only on the first row of its group, a subtotal row
    per group and a grand-total row. Lam Research's own report (no maker column).
    """
    ms = draw(
        rng,
        16,
        ["tsmc", "umc", "psmc", "vis"],
        ["Lam Research"],
        2,
        lambda j: f"SC-TW-{1200 + j * 17:05d}",
    )
    account = {
        "tsmc": ["台灣積體電路製造股份有限公司", "TSMC"],
        "umc": ["聯華電子股份有限公司"],
        "psmc": ["力晶積成電子製造股份有限公司"],
        "vis": ["世界先進積體電路股份有限公司"],
    }
    city_zh = {"Hsinchu": "新竹市", "Taichung": "台中市", "Tainan": "台南市"}
    for m in ms:
        m["account"] = rng.choice(account[m["cust"]])
        m["value"] = m["value"] * 30  # TWD
    ms.sort(key=lambda m: (m["account"], m["serial"]))
    wb = Workbook()
    ws = wb.active
    ws.title = "報表"
    ws.append(["資產與服務合約明細 (依客戶分組)"])
    ws.append(["Lam Research Taiwan 客戶支援部"])
    ws.append(["篩選條件: 資產狀態 等於 已安裝"])
    ws.append([])
    hdr = [
        "客戶名稱",
        "資產名稱",
        "序號",
        "產品",
        "安裝日期",
        "廠區",
        "城市",
        "國家/地區",
        "服務合約編號",
        "合約開始日",
        "合約結束日",
        "年度金額",
    ]
    ws.append(hdr)
    header_row = ws.max_row
    grey = PatternFill("solid", fgColor="DDDDDD")
    total = 0
    groups: dict[str, list[Machine]] = {}
    for m in ms:
        groups.setdefault(m["account"], []).append(m)
    for acct, group in groups.items():
        for k, m in enumerate(group):
            ws.append(
                [
                    acct if k == 0 else None,
                    f"{m['model']} - {m['serial']}",
                    m["serial"],
                    m["model"],
                    m["install"],
                    m["fab"],
                    city_zh[m["city"]],
                    "台灣",
                    m["contract"],
                    m["start"],
                    m["end"],
                    m["value"],
                ]
            )
            r = ws.max_row
            for c in (5, 10, 11):
                ws.cell(row=r, column=c).number_format = "yyyy/m/d"
            ws.cell(row=r, column=12).number_format = '"NT$"#,##0'
        sub = sum(m["value"] for m in group)
        total += sub
        ws.append(
            [
                "小計",
                f"{len(group)} 筆記錄",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                sub,
            ]
        )
        r = ws.max_row
        ws.cell(row=r, column=12).number_format = '"NT$"#,##0'
        for c in ws[r]:
            c.font = Font(bold=True)
            c.fill = grey
    ws.append(
        ["總計", f"{len(ms)} 筆記錄", None, None, None, None, None, None, None, None, None, total]
    )
    r = ws.max_row
    ws.cell(row=r, column=12).number_format = '"NT$"#,##0'
    bold_row(ws, r)
    ws.append([])
    ws.append(["機密資訊 - 僅供內部使用"])
    ws["A1"].font = Font(bold=True, size=14)
    bold_row(ws, header_row)
    name = "salesforce_report_grouped_zh_tw.xlsx"
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        "Lam Research",
        False,
        "Salesforce summary report, formatted XLSX export, Traditional Chinese, grouped by account",
        "openpyxl",
    )


# 7 ---------------------------------------------------------------------------------------------
def comarch_pl(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Comarch ERP Optima, module Serwis, list of customer devices exported to a spreadsheet by a
    Polish service partner and re-saved by LibreOffice: title rows, the contractor merged over
    its consecutive rows, dd.mm.yyyy dates and "125 000,00" amounts as text, a total row.
    """
    ms = draw(
        rng,
        16,
        ["ifx", "gfde", "bosch", "ifxat", "intelie"],
        ["ASML", "Applied Materials", "Lam Research", "Tokyo Electron", "Canon", "Nikon", "SCREEN"],
        2,
        lambda j: f"US/{2023 + j % 3}/{17 + j * 4:03d}",
        uncovered=1,
    )
    kontrahent = {
        "ifx": [
            "Infineon Technologies Dresden GmbH & Co. KG",
            "INFINEON TECHNOLOGIES DRESDEN GMBH & CO. KG",
        ],
        "gfde": ["GlobalFoundries Dresden Module One LLC & Co. KG"],
        "bosch": ["Robert Bosch Semiconductor Manufacturing Dresden GmbH"],
        "ifxat": ["Infineon Technologies Austria AG"],
        "intelie": ["Intel Ireland Limited", "Intel Ireland Ltd."],
    }
    kraj = {"DE": "Niemcy", "AT": "Austria", "IE": "Irlandia"}
    miejsce = {
        "Dresden 300": "Königsbrücker Straße 180",
        "Module One": "Wilschdorfer Landstraße 101",
        "Dresden": "Robert-Bosch-Straße 1",
        "Villach": "Siemensstraße 2",
        "Fab 34": "Collinstown Industrial Park",
    }
    for m in ms:
        m["name"] = rng.choice(kontrahent[m["cust"]])
    ms.sort(key=lambda m: (m["name"], m["install"]))
    wb = Workbook()
    ws = wb.active
    ws.title = "Urządzenia"
    ws.append(["Comarch ERP Optima - Serwis"])
    ws.append(["Lista urządzeń klientów (stan na 30.11.2026)"])
    ws.append([])
    hdr = [
        "Lp.",
        "Kod urządzenia",
        "Producent",
        "Model",
        "Numer seryjny",
        "Kontrahent",
        "Miejsce instalacji",
        "Adres",
        "Miasto",
        "Kraj",
        "Data instalacji",
        "Nr umowy serwisowej",
        "Umowa od",
        "Umowa do",
        "Wartość netto",
        "Waluta",
    ]
    ws.append(hdr)
    first = ws.max_row + 1
    total = 0
    for i, m in enumerate(ms):
        covered = m["contract"] is not None
        total += m["value"] if covered else 0
        ws.append(
            [
                i + 1,
                f"URZ/{m['install'].year}/{i + 101:04d}",
                m["vendor"],
                m["model"],
                m["serial"],
                m["name"],
                m["fab"],
                miejsce[m["fab"]],
                m["city"],
                kraj[m["country"]],
                m["install"].strftime("%d.%m.%Y"),
                m["contract"] or "",
                m["start"].strftime("%d.%m.%Y") if covered else "",
                m["end"].strftime("%d.%m.%Y") if covered else "",
                eu_amount(m["value"], "\u00a0") if covered else "",
                "EUR" if covered else "",
            ]
        )
    last = ws.max_row
    # the contractor merged over each run of equal consecutive names (the list's grouping)
    r = first
    while r <= last:
        end = r
        while (
            end + 1 <= last
            and ws.cell(row=end + 1, column=6).value == ws.cell(row=r, column=6).value
        ):
            end += 1
        if end > r:
            for rr in range(r + 1, end + 1):
                ws.cell(row=rr, column=6).value = None
            ws.merge_cells(start_row=r, start_column=6, end_row=end, end_column=6)
            ws.cell(row=r, column=6).alignment = Alignment(vertical="top")
        r = end + 1
    ws.append([])
    ws.append(
        [
            None,
            "Razem:",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            eu_amount(total, "\u00a0"),
            "EUR",
        ]
    )
    bold_row(ws, ws.max_row)
    ws["A1"].font = Font(bold=True, size=13)
    bold_row(ws, first - 1)
    name = "comarch_optima_urzadzenia_pl_lo.xlsx"
    save_via_libreoffice(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        None,
        True,
        "Comarch ERP Optima Serwis device list (Polish), re-saved by LibreOffice",
        "LibreOffice",
    )


# 8 ---------------------------------------------------------------------------------------------
def kintone_sjis(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """kintone app "納入装置・保守契約" written to file as Shift-JIS CSV: one record per service
    contract with a table (サブテーブル) of machines, so a record spans several rows and
    「レコードの開始行」 marks its first one with "*". Tokyo Electron's own app (no maker
    column); no country column, the prefecture says Japan.
    """
    ms = draw(
        rng,
        14,
        ["kioxia", "sony", "renesas", "micronjp", "jasm"],
        ["Tokyo Electron"],
        2,
        lambda j: f"TEL-MA-{2300 + j * 9}",
    )
    kunde = {
        "kioxia": ["キオクシア株式会社", "ｷｵｸｼｱ(株)"],
        "sony": ["ソニーセミコンダクタマニュファクチャリング株式会社"],
        "renesas": ["ルネサス エレクトロニクス株式会社"],
        "micronjp": ["マイクロンメモリ ジャパン株式会社"],
        "jasm": ["Japan Advanced Semiconductor Manufacturing株式会社", "JASM"],
    }
    kojo = {
        "Yokkaichi": "四日市工場",
        "Kitakami": "北上工場",
        "Kumamoto TEC": "熊本テクノロジーセンター",
        "Naka": "那珂工場",
        "Hiroshima": "広島工場",
        "Fab 1": "熊本第1工場",
    }
    jusho = {
        "Yokkaichi": "三重県四日市市山之一色町800",
        "Kitakami": "岩手県北上市北工業団地6-6",
        "Kikuyo": "熊本県菊池郡菊陽町原水",
        "Hitachinaka": "茨城県ひたちなか市高場751",
        "Higashihiroshima": "広島県東広島市吉川工業団地7-10",
    }
    records: dict[str, list[Machine]] = {}
    for m in ms:
        records.setdefault(m["contract"], []).append(m)
    hdr = [
        "レコードの開始行",
        "レコード番号",
        "契約番号",
        "顧客名",
        "契約開始日",
        "契約終了日",
        "年間保守料",
        "備考",
        "工場名",
        "所在地",
        "装置型式",
        "製造番号",
        "納入日",
    ]
    rows = [hdr]
    ordered: list[Machine] = []
    for rec_no, (contract, group) in enumerate(sorted(records.items()), start=1):
        name = rng.choice(kunde[group[0]["cust"]])
        fee = sum(m["value"] for m in group) * 100  # JPY per year for the whole contract
        for k, m in enumerate(group):
            ordered.append(m)
            rows.append(
                [
                    "*" if k == 0 else "",
                    str(rec_no),
                    contract,
                    name,
                    m["start"].isoformat(),
                    m["end"].isoformat(),
                    str(fee),
                    "更新交渉中" if rec_no % 4 == 0 else "",
                    kojo[m["fab"]],
                    jusho[m["city"]],
                    m["model"],
                    m["serial"],
                    m["install"].isoformat(),
                ]
            )
    name = "kintone_nounyu_kiki_sjis.csv"
    write_csv(HERE / name, rows, delimiter=",", encoding="cp932")
    return name, truth(
        ordered,
        len(ordered),
        "Tokyo Electron",
        False,
        "kintone app records with a table, file export as Shift-JIS CSV",
        "csv",
    )


# 9 ---------------------------------------------------------------------------------------------
def business_central_nl(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Dynamics 365 Business Central, Serviceartikelen (service items) opened in Excel, Dutch
    captions; ASM International's own list. NXP is in the customer list twice (K00012 and
    K00147), one legal entity under two spellings; Nexperia sits in the same city as NXP.
    """
    ms = draw(
        rng,
        15,
        ["nxp", "nexperia", "boschrt", "xfab", "ifx"],
        ["ASM International"],
        1,
        lambda j: f"SC{100045 + j * 12}",
        uncovered=2,
    )
    klant = {
        "nxp": [
            ("K00012", "NXP Semiconductors Netherlands B.V."),
            ("K00147", "NXP Semiconductors Netherlands BV"),
        ],
        "nexperia": [("K00031", "Nexperia B.V.")],
        "boschrt": [("K00210", "Robert Bosch GmbH")],
        "xfab": [("K00233", "X-FAB Dresden GmbH & Co. KG")],
        "ifx": [("K00240", "Infineon Technologies Dresden GmbH & Co. KG")],
    }
    ship_name = {
        "nxp": "NXP ICN8 Nijmegen",
        "nexperia": "Nexperia Nijmegen Front-End",
        "boschrt": "Bosch Waferfab Reutlingen",
        "xfab": "X-FAB Dresden Fab",
        "ifx": "Infineon Dresden 300mm",
    }
    hdr = [
        "Nr.",
        "Omschrijving",
        "Artikelnr.",
        "Serienr.",
        "Status",
        "Klantnr.",
        "Naam",
        "Verzendadrescode",
        "Verzendnaam",
        "Plaats",
        "Land-/regiocode",
        "Installatiedatum",
        "Garantie-einddatum (onderdelen)",
        "Servicecontractnr.",
        "Startdatum",
        "Vervaldatum contract",
        "Regelbedrag",
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Serviceartikelen"
    ws.append(hdr)
    for i, m in enumerate(ms):
        no, nm = rng.choice(klant[m["cust"]])
        covered = m["contract"] is not None
        ws.append(
            [
                f"SA{10040 + i}",
                f"{m['model']} reactor",
                "ASM-" + re.sub(r"[^A-Z0-9]", "", m["model"].upper()),
                m["serial"],
                "Geïnstalleerd",
                no,
                nm,
                re.sub(r"[^A-Z0-9]", "", m["fab"].upper())[:10],
                ship_name[m["cust"]],
                m["city"],
                m["country"],
                m["install"],
                m["install"] + dt.timedelta(days=730),
                m["contract"] or "",
                m["start"] if covered else None,
                m["end"] if covered else None,
                m["value"] if covered else None,
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for idx in (11, 12, 14, 15):
            row[idx].number_format = "dd-mm-yyyy"
        row[16].number_format = '"€" #,##0.00'
    bold_row(ws, 1)
    name = "bc_serviceartikelen_nl.xlsx"
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        "ASM International",
        False,
        "Business Central service items, Dutch captions (Open in Excel)",
        "openpyxl",
    )


# 10 --------------------------------------------------------------------------------------------
def jde_two_row_headings(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """JD Edwards EnterpriseOne equipment master grid exported to Excel: column titles on two
    rows as the JDE data dictionary holds them, MM/DD/YY dates and amounts as text, the country
    blank for domestic (US) addresses. Applied Materials' own export.
    """
    ms = draw(
        rng,
        15,
        ["micron", "ti", "gf", "micronsg"],
        ["Applied Materials"],
        2,
        lambda j: str(40218 + j * 5),
    )
    cust = {
        "micron": [(4242, "MICRON TECHNOLOGY INC"), (4247, "Micron Technology, Inc.")],
        "ti": [(4310, "TEXAS INSTRUMENTS INC")],
        "gf": [(4388, "GLOBALFOUNDRIES US INC")],
        "micronsg": [(7105, "MICRON SEMICONDUCTOR ASIA OPERATIONS PTE LTD")],
    }
    st = {
        "Boise": "ID",
        "Manassas": "VA",
        "Richardson": "TX",
        "Lehi": "UT",
        "Malta": "NY",
        "Singapore": "",
    }
    site_name = {
        ("micron", "Boise"): "MICRON BOISE CAMPUS",
        ("micron", "Fab 6"): "MICRON FAB 6 MANASSAS",
        ("ti", "RFAB"): "TI RFAB",
        ("ti", "LFAB"): "TI LFAB",
        ("gf", "Fab 8"): "GF FAB 8 MALTA",
        ("micronsg", "Fab 10"): "MSAO FAB 10N",
    }
    titles = [
        ("Equipment", "Number"),
        ("Serial", "Number"),
        ("Product", "Model"),
        ("Description", ""),
        ("Customer", "Number"),
        ("Customer", "Name"),
        ("Site", "Number"),
        ("Site", "Name"),
        ("City", ""),
        ("St", ""),
        ("Ctry", ""),
        ("Install", "Date"),
        ("Contract", "Number"),
        ("Contract", "Start Date"),
        ("Contract", "End Date"),
        ("Contract", "Amount"),
        ("Cur", "Cod"),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Work With Equipment"
    ws.append([a for a, _ in titles])
    ws.append([b for _, b in titles])
    sites: dict[tuple[str, str], int] = {}  # a site (ship-to address number) is one per fab
    for i, m in enumerate(ms):
        no, nm = rng.choice(cust[m["cust"]])
        site_no = sites.setdefault((m["cust"], m["fab"]), 60010 + len(sites) * 4)
        ws.append(
            [
                str(300150 + i * 3),
                m["serial"],
                m["model"].upper(),
                f"{m['model']} SYSTEM",
                str(no),
                nm,
                str(site_no),
                site_name[(m["cust"], m["fab"])],
                m["city"].upper(),
                st[m["city"]],
                "" if m["country"] == "US" else m["country"],
                m["install"].strftime("%m/%d/%y"),
                m["contract"],
                m["start"].strftime("%m/%d/%y"),
                m["end"].strftime("%m/%d/%y"),
                f"{m['value']:,.2f}",
                "USD",
            ]
        )
    bold_row(ws, 1)
    bold_row(ws, 2)
    name = "jde_equipment_master_two_row_headings.xlsx"
    save_stable(wb, HERE / name)
    return name, truth(
        ms,
        len(ms),
        "Applied Materials",
        False,
        "JD Edwards EnterpriseOne equipment master grid to Excel (two-row column titles)",
        "openpyxl",
    )


def gen() -> dict[str, Any]:
    rng = random.Random(SEED)
    files: dict[str, Any] = {}
    for make in (
        sap_b1_es,
        epicor_baq,
        zoho_fsm,
        hubspot_ko,
        infor_ln,
        salesforce_grouped_zh_tw,
        comarch_pl,
        kintone_sjis,
        business_central_nl,
        jde_two_row_headings,
    ):
        name, entry = make(rng)
        files[name] = entry
    return files


def main() -> None:
    files = gen()
    manifest = {
        "held_out": True,
        "about": "Corpus 5: ten installed-base exports in layouts of systems no other corpus "
        "covers, generated by make_heldout5.py without reading the importer; counts are the "
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
