"""Generate the held-out corpus 4 of installed-base exports (deterministic, seeded).

Why: the import team tunes the importer on the corpora it can see; this corpus was written
without reading the importer or the other corpora, so a first import of these files measures
how the importer does on layouts nobody tuned it on. Every file is correct data that a real
export or a real person could produce; the mess is the mess of real systems (labels, date and
number conventions, title blocks, spelling variants of one legal entity), never corruption.

Run: python make_heldout4.py  (rewrites every file and manifest.json in this folder).
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
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table, TableStyleInfo

HERE = Path(__file__).resolve().parent
SEED = 4_2026

# canonical vendor -> (models, serial pattern)
VENDORS: dict[str, tuple[list[str], str]] = {
    "ASML": (["NXT:2000i", "NXT:1980Di", "XT:1460K", "NXT:870", "YieldStar 1375F"], "{n:05d}"),
    "Applied Materials": (
        ["Endura", "Centura", "Producer GT", "Sym3", "VeritySEM 6i"],
        "EN{n:06d}",
    ),
    "Lam Research": (["Kiyo", "Flex", "Vector", "Striker", "Sabre 3D"], "L{n:07d}"),
    "TEL": (
        ["Tactras", "Lithius Pro Z", "CLEAN TRACK ACT 12", "Trias", "Telindy Plus"],
        "T{n:06d}",
    ),
    "KLA": (["Surfscan SP7", "2930", "Archer 750", "eDR7380", "SpectraShape 11k"], "KS{n:05d}"),
    "SCREEN": (["SU-3200", "SS-3300", "DT-3000"], "S{n:06d}"),
    "Hitachi High-Tech": (["CG6300", "CG7300", "GT2000", "RS6000"], "HH{n:05d}"),
    "ASM International": (["Eagle XP8", "A412", "Pulsar XP", "EmerALD XP"], "ASM-{n:05d}"),
    "Kokusai Electric": (["TSURUGI-C2", "QUIXACE II", "AdvancedAce 300"], "KE{n:06d}"),
    "Canon": (["FPA-6300ES6a", "FPA-5550iZ2"], "C{n:05d}"),
    "Nikon": (["NSR-S635E", "NSR-S322F", "NSR-S220D"], "N{n:06d}"),
    "Advantest": (["V93000", "T2000", "T5503HS2"], "AV{n:06d}"),
    "Onto Innovation": (["Dragonfly G3", "Atlas V", "Iris II"], "ON{n:05d}"),
    "Veeco": (["Propel", "K475i", "Nexus IBD"], "V{n:06d}"),
    "Axcelis": (["Purion H", "Purion XE", "Purion M"], "AX{n:05d}"),
    # makers nobody's catalogue knows; the name is as the files write it
    "Nordtek Vakuum GmbH": (["NVT-300", "NVT-450R"], "NV{n:04d}"),
    "Kaori Plasma Co.": (["KP-8", "KP-12e"], "KP{n:05d}"),
}

# legal entity id -> (spelling variants, {fab: (city, ISO2)})
CUSTOMERS: dict[str, tuple[list[str], dict[str, tuple[str, str]]]] = {
    "smic": (
        ["Semiconductor Manufacturing International (Beijing) Corporation", "SMIC Beijing"],
        {"SMIC B2": ("Beijing", "CN")},
    ),
    "huahong": (
        [
            "Shanghai Huahong Grace Semiconductor Manufacturing Corporation",
            "Shanghai Huahong Grace Semiconductor Manufacturing Corp.",
        ],
        {"Fab 7": ("Wuxi", "CN"), "Zhangjiang Fab 1": ("Shanghai", "CN")},
    ),
    "cxmt": (["ChangXin Memory Technologies, Inc."], {"CXMT Fab 1": ("Hefei", "CN")}),
    "tsmc": (
        ["Taiwan Semiconductor Manufacturing Company, Ltd.", "TSMC"],
        {"Fab 12A": ("Hsinchu", "TW"), "Fab 18": ("Tainan", "TW")},
    ),
    "umc": (
        ["United Microelectronics Corporation", "United Microelectronics Corp."],
        {"Fab 12A": ("Tainan", "TW")},
    ),
    "samsung": (
        ["Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD"],
        {"Pyeongtaek P2": ("Pyeongtaek", "KR"), "Hwaseong S3": ("Hwaseong", "KR")},
    ),
    "skhynix": (
        ["SK hynix Inc.", "SK Hynix Inc"],
        {"M16": ("Icheon", "KR"), "M15": ("Cheongju", "KR")},
    ),
    "kioxia": (
        ["Kioxia Corporation", "KIOXIA Corporation"],
        {"Yokkaichi Fab 7": ("Yokkaichi", "JP"), "Kitakami Fab K1": ("Kitakami", "JP")},
    ),
    "sony": (["Sony Semiconductor Manufacturing Corporation"], {"Kumamoto TEC": ("Kikuyo", "JP")}),
    "micron": (
        ["Micron Technology, Inc.", "Micron Technology Inc"],
        {"Fab 6": ("Manassas", "US"), "Boise R&D": ("Boise", "US")},
    ),
    "micronsg": (
        ["Micron Semiconductor Asia Operations Pte. Ltd."],
        {"Fab 10N": ("Singapore", "SG")},
    ),
    "intel": (["Intel Corporation"], {"D1X": ("Hillsboro", "US"), "Fab 42": ("Chandler", "US")}),
    "intelie": (["Intel Ireland Limited", "Intel Ireland Ltd"], {"Fab 34": ("Leixlip", "IE")}),
    "gf": (["GlobalFoundries U.S. Inc.", "GLOBALFOUNDRIES U.S. INC."], {"Fab 8": ("Malta", "US")}),
    "gfde": (["GlobalFoundries Dresden Module One LLC & Co. KG"], {"Fab 1": ("Dresden", "DE")}),
    "ifx": (
        ["Infineon Technologies Dresden GmbH & Co. KG", "Infineon Technologies Dresden GmbH"],
        {"Dresden 300": ("Dresden", "DE")},
    ),
    "nxp": (
        ["NXP Semiconductors Netherlands B.V.", "NXP Semiconductors Netherlands BV"],
        {"ICN8": ("Nijmegen", "NL")},
    ),
    "st": (
        ["STMicroelectronics (Crolles 2) SAS", "STMicroelectronics Crolles 2 SAS"],
        {"Crolles 300": ("Crolles", "FR")},
    ),
    "stit": (
        ["STMicroelectronics S.r.l."],
        {"Agrate R3": ("Agrate Brianza", "IT"), "Catania M5": ("Catania", "IT")},
    ),
    "tower": (["Tower Semiconductor Ltd."], {"Fab 2": ("Migdal HaEmek", "IL")}),
    "xfab": (
        ["X-FAB Sarawak Sdn. Bhd.", "X-FAB Sarawak Sdn Bhd"],
        {"Kuching Fab": ("Kuching", "MY")},
    ),
    "lfoundry": (["LFoundry S.r.l."], {"Avezzano": ("Avezzano", "IT")}),
}

SERVICES_EN = ["Preventive maintenance", "Spare parts", "Software updates", "On-site support"]


class Machine(dict):  # type: ignore[type-arg]
    """One machine row of the truth: dict with fixed keys (simple and printable)."""


def pick_machines(
    rng: random.Random,
    n: int,
    custs: list[str],
    vendors: list[str],
    serial_base: int,
    contracts_per: int,
    currency: str,
    contract_prefix: str,
) -> list[Machine]:
    """Draw n machines at fabs of the given customers, grouped into contracts per customer."""
    out: list[Machine] = []
    contracts: dict[str, list[Machine]] = {}
    for i in range(n):
        cid = custs[i % len(custs)]
        names, fabs = CUSTOMERS[cid]
        fab = rng.choice(sorted(fabs))
        city, country = fabs[fab]
        vendor = rng.choice(vendors)
        models, pat = VENDORS[vendor]
        inst = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(0, 3600))
        m = Machine(
            cust=cid,
            name=rng.choice(names),
            fab=fab,
            city=city,
            country=country,
            vendor=vendor,
            model=rng.choice(models),
            serial=pat.format(n=serial_base + rng.randrange(1, 99_000) * 7 + i),
            install=inst,
        )
        k = f"{cid}-{i % contracts_per}"
        contracts.setdefault(k, []).append(m)
        out.append(m)
    for j, (_k, ms) in enumerate(sorted(contracts.items())):
        start = dt.date(2023 + j % 3, 1 + (j * 5) % 12, 1)
        end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
        number = f"{contract_prefix}{1000 + j * 17}"
        for m in ms:
            m.update(
                contract=number,
                start=start,
                end=end,
                currency=currency,
                value=rng.randrange(40, 900) * 1000,
            )
    return out


def truth(
    ms: list[Machine],
    rows: int,
    own: str | None,
    vendor_col: bool,
    system: str,
    writer: str,
    with_contracts: bool = True,
) -> dict[str, Any]:
    """The manifest entry of one file, computed from the machines it was written from."""
    return {
        "rows": rows,
        "machines": len({m["serial"] for m in ms}),
        "customers": len({m["cust"] for m in ms}),
        "fabs": len({(m["cust"], m["fab"]) for m in ms}),
        "contracts": len({m["contract"] for m in ms}) if with_contracts else 0,
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


STAMP = "2026-11-30T09:00:00Z"


def save_stable(wb: Workbook, path: Path) -> None:
    """Save with openpyxl, then fix the save-time stamps so a rerun gives identical bytes.

    openpyxl writes the current time into docProps/core.xml and into every zip entry; a held-out
    corpus is only checkable if regenerating it reproduces the committed files exactly.
    """
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
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rf"\g<1>{STAMP}\2",
                    text,
                )
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 30, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    return out.getvalue()


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    newline: str = "\r\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def fr_num(v: float) -> str:
    """French number: narrow no-break thousands separator as Sage writes it [U], decimal comma."""
    s = f"{v:,.2f}".replace(",", "\u202f").replace(".", ",")
    return s


def us_money(v: int) -> str:
    """How a US service manager writes values in a sheet: $1.2M, $850K."""
    if v >= 1_000_000:
        return f"${v / 1_000_000:.1f}M"
    return f"${v // 1000}K"


FW = str.maketrans("0123456789", "０１２３４５６７８９")


def reiwa(d: dt.date, full_width: bool) -> str:
    """Japanese era date; 平成 before 1 May 2019, 令和 after (元年 for year 1)."""
    if d >= dt.date(2019, 5, 1):
        era, y = "令和", d.year - 2018
    else:
        era, y = "平成", d.year - 1988
    ys = "元" if y == 1 else str(y)
    s = f"{era}{ys}年{d.month}月{d.day}日"
    return s.translate(FW) if full_width else s


def gen() -> dict[str, Any]:
    rng = random.Random(SEED)
    files: dict[str, Any] = {}

    # 1 Dynamics GP Field Service, SmartList "Service Equipment" to CSV; own export of Axcelis
    ms = pick_machines(
        rng, 14, ["micron", "intel", "gf", "tower", "intelie"], ["Axcelis"], 1000, 2, "USD", "SVC"
    )
    hdr = [
        "Customer Number",
        "Customer Name",
        "Address Code",
        "City",
        "Country",
        "Item Number",
        "Item Description",
        "Serial Number",
        "Install Date",
        "Status",
        "Contract Number",
        "Contract Start Date",
        "Contract End Date",
        "Contract Amount",
        "Currency ID",
    ]
    rows = []
    for m in ms:
        cust_no = (m["cust"].upper() + "0001")[:8]
        rows.append(
            [
                cust_no,
                m["name"],
                m["fab"].upper().replace(" ", "")[:15],
                m["city"],
                {"US": "USA", "IE": "Ireland", "IL": "Israel"}[m["country"]],
                m["model"].upper().replace(" ", "-"),
                m["model"],
                m["serial"],
                m["install"].strftime("%-m/%-d/%Y"),
                "Active",
                m["contract"],
                m["start"].strftime("%-m/%-d/%Y"),
                m["end"].strftime("%-m/%-d/%Y"),
                f"${m['value']:,.2f}",
                "Z-US$",
            ]
        )
    write_csv(HERE / "gp_field_service_equipment.csv", hdr, rows)
    files["gp_field_service_equipment.csv"] = truth(
        ms,
        len(rows),
        "Axcelis",
        False,
        "Microsoft Dynamics GP Field Service (SmartList export)",
        "csv",
    )

    # 2 Sage X3 parc installé, French, UTF-8 BOM, semicolons, decimal comma; has a vendor column
    ms = pick_machines(
        rng,
        16,
        ["st", "stit", "lfoundry", "ifx", "intelie"],
        ["Lam Research", "Applied Materials", "Veeco", "Nordtek Vakuum GmbH"],
        2000,
        2,
        "EUR",
        "CT-FR-",
    )
    hdr = [
        "N° machine",
        "Client",
        "Raison sociale",
        "Site d'installation",
        "Ville",
        "Pays",
        "Fabricant",
        "Article",
        "N° de série",
        "Date mise en service",
        "N° contrat",
        "Début contrat",
        "Fin contrat",
        "Montant annuel HT",
        "Devise",
    ]
    pays = {"FR": "France", "IT": "Italie", "DE": "Allemagne", "IE": "Irlande"}
    rows = []
    for i, m in enumerate(ms):
        rows.append(
            [
                f"MAC{i + 1:06d}",
                f"C{hash_code(m['cust'])}",
                m["name"],
                m["fab"],
                m["city"],
                pays[m["country"]],
                m["vendor"],
                m["model"],
                m["serial"],
                m["install"].strftime("%d/%m/%Y"),
                m["contract"],
                m["start"].strftime("%d/%m/%Y"),
                m["end"].strftime("%d/%m/%Y"),
                fr_num(m["value"]),
                m["currency"],
            ]
        )
    write_csv(HERE / "sage_x3_parc_installe_fr.csv", hdr, rows, delimiter=";", encoding="utf-8-sig")
    files["sage_x3_parc_installe_fr.csv"] = truth(
        ms, len(rows), None, True, "Sage X3 parc installé (French, UTF-8 BOM, semicolons)", "csv"
    )

    # 3 NetSuite saved search CSV export, own export of Onto Innovation (no vendor column)
    ms = pick_machines(
        rng,
        15,
        ["tsmc", "umc", "micronsg", "samsung", "intel"],
        ["Onto Innovation"],
        3000,
        2,
        "USD",
        "SO-SVC-",
    )
    hdr = [
        "Internal ID",
        "Name",
        "Customer",
        "Item",
        "Serial/Lot Number",
        "Ship To City",
        "Ship To Country",
        "Install Date",
        "Service Contract",
        "Contract Start Date",
        "Contract End Date",
        "Amount (Foreign Currency)",
        "Currency",
    ]
    cn = {"TW": "Taiwan", "SG": "Singapore", "KR": "Korea, Republic of", "US": "United States"}
    rows = []
    for i, m in enumerate(ms):
        rows.append(
            [
                str(48211 + i * 3),
                f"{m['model']} - {m['serial']}",
                m["name"],
                m["model"],
                m["serial"],
                m["city"],
                cn[m["country"]],
                m["install"].strftime("%-m/%-d/%Y"),
                m["contract"],
                m["start"].strftime("%-m/%-d/%Y"),
                m["end"].strftime("%-m/%-d/%Y"),
                f"{m['value']:.2f}",
                "US Dollar",
            ]
        )
    # NetSuite's ship-to carries the site in an address label; add it as the column it exports [U]
    hdr.insert(5, "Ship To Addressee")
    for r, m in zip(rows, ms, strict=True):
        r.insert(5, m["fab"])
    write_csv(HERE / "netsuite_saved_search.csv", hdr, rows)
    files["netsuite_saved_search.csv"] = truth(
        ms, len(rows), "Onto Innovation", False, "NetSuite saved search (CSV export)", "csv"
    )

    # 4 Acumatica Field Services equipment (Excel export via openpyxl), vendor column
    ms = pick_machines(
        rng,
        14,
        ["micron", "gf", "intel", "tower"],
        ["KLA", "Applied Materials", "Axcelis", "Kaori Plasma Co.", "ASML"],
        4000,
        1,
        "USD",
        "CON",
    )
    hdr = [
        "Equipment ID",
        "Description",
        "Status",
        "Customer",
        "Customer Name",
        "Location",
        "City",
        "Country",
        "Manufacturer",
        "Manufacturer Model",
        "Serial Nbr.",
        "Installation Date",
        "Service Contract ID",
        "Contract Start Date",
        "Expiration Date",
        "Contract Amount",
        "Currency",
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Equipment"
    ws.append(hdr)
    for i, m in enumerate(ms):
        ws.append(
            [
                f"EQ{i + 1:06d}",
                f"{m['vendor']} {m['model']}",
                "Active",
                f"C{hash_code(m['cust'])}",
                m["name"],
                m["fab"],
                m["city"],
                m["country"],
                m["vendor"].upper() if m["vendor"] == "KLA" else m["vendor"],
                m["model"],
                m["serial"],
                m["install"],
                m["contract"],
                m["start"],
                m["end"],
                m["value"],
                "USD",
            ]
        )
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for idx in (11, 13, 14):
            row[idx].number_format = "m/d/yyyy"
        row[15].number_format = "#,##0.00"
    save_stable(wb, HERE / "acumatica_fs_equipment.xlsx")
    files["acumatica_fs_equipment.xlsx"] = truth(
        ms, len(ms), None, True, "Acumatica Field Services equipment (Excel export)", "openpyxl"
    )

    # 5 Kingdee K/3 Cloud (金蝶云星空) 设备台账, Simplified Chinese, title rows, vendor column
    ms = pick_machines(
        rng,
        18,
        ["smic", "huahong", "cxmt"],
        ["ASML", "Lam Research", "TEL", "KLA", "Hitachi High-Tech", "Kaori Plasma Co."],
        5000,
        2,
        "CNY",
        "FW",
    )
    cn_vendor = {
        "ASML": "阿斯麦(ASML)",
        "Lam Research": "泛林(Lam Research)",
        "TEL": "东京电子",
        "KLA": "科磊(KLA)",
        "Hitachi High-Tech": "日立高新",
        "Kaori Plasma Co.": "Kaori Plasma Co.",
    }
    city_cn = {"Beijing": "北京", "Wuxi": "无锡", "Shanghai": "上海", "Hefei": "合肥"}
    cust_cn = {
        "smic": "中芯国际集成电路制造(北京)有限公司",
        "huahong": "上海华虹宏力半导体制造有限公司",
        "cxmt": "长鑫存储技术有限公司",
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "设备台账"
    ws.append(["设备台账(服务合同)"])
    ws.append([f"导出日期:2026-11-30  组织:上海服务中心  共{len(ms)}条"])
    hdr = [
        "设备编码",
        "设备名称",
        "规格型号",
        "序列号",
        "制造商",
        "客户编码",
        "客户名称",
        "使用工厂",
        "所在城市",
        "国家/地区",
        "安装日期",
        "服务合同号",
        "合同开始日期",
        "合同结束日期",
        "年服务费",
        "币别",
    ]
    ws.append(hdr)
    for i, m in enumerate(ms):
        ws.append(
            [
                f"SB{2026000 + i}",
                "半导体设备",
                m["model"],
                m["serial"],
                cn_vendor[m["vendor"]],
                f"KH{hash_code(m['cust'])}",
                cust_cn[m["cust"]],
                m["fab"],
                city_cn[m["city"]],
                "中国",
                m["install"].strftime("%Y/%m/%d"),
                m["contract"],
                m["start"].strftime("%Y/%m/%d"),
                m["end"].strftime("%Y/%m/%d"),
                m["value"],
                "人民币",
            ]
        )
    ws["A1"].font = Font(bold=True, size=14)
    save_stable(wb, HERE / "kingdee_shebei_taizhang_zh.xlsx")
    files["kingdee_shebei_taizhang_zh.xlsx"] = truth(
        ms,
        len(ms),
        None,
        True,
        "Kingdee K/3 Cloud 设备台账 (Simplified Chinese, title rows)",
        "openpyxl",
    )

    # 6 Douzone (더존) iCUBE ERP, Korean; Advantest Korea's own; two lines per machine
    ms = pick_machines(rng, 10, ["samsung", "skhynix"], ["Advantest"], 6000, 2, "KRW", "SA-")
    for m in ms:
        m["value"] = m["value"] * 1000  # KRW
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    hdr = [
        "거래처코드",
        "거래처명",
        "사업장",
        "소재지",
        "국가",
        "품번",
        "품명",
        "규격",
        "시리얼번호",
        "설치일자",
        "계약번호",
        "계약시작일",
        "계약종료일",
        "서비스구분",
        "연간금액",
        "통화",
    ]
    ws.append(hdr)
    city_ko = {
        "Pyeongtaek": "경기도 평택시",
        "Hwaseong": "경기도 화성시",
        "Icheon": "경기도 이천시",
        "Cheongju": "충청북도 청주시",
    }
    cust_ko = {"samsung": "삼성전자(주)", "skhynix": "에스케이하이닉스(주)"}
    nrows = 0
    for m in ms:
        for svc, share in (("예방정비", 0.6), ("부품공급", 0.4)):
            ws.append(
                [
                    f"00{hash_code(m['cust'])}",
                    cust_ko[m["cust"]],
                    m["fab"],
                    city_ko[m["city"]],
                    "대한민국",
                    f"ATE-{m['model']}",
                    "반도체 테스트 장비",
                    m["model"],
                    m["serial"],
                    m["install"].strftime("%Y.%m.%d"),
                    m["contract"],
                    m["start"].strftime("%Y.%m.%d"),
                    m["end"].strftime("%Y.%m.%d"),
                    svc,
                    int(m["value"] * share),
                    "KRW",
                ]
            )
            nrows += 1
    save_stable(wb, HERE / "douzone_icube_ko.xlsx")
    files["douzone_icube_ko.xlsx"] = truth(
        ms,
        nrows,
        "Advantest",
        False,
        "Douzone iCUBE ERP (Korean, one line per service type)",
        "openpyxl",
    )

    # 7 Japanese hand sheet: era dates, full-width digits, title block; Kokusai Electric's own
    ms = pick_machines(
        rng, 12, ["kioxia", "sony", "micronsg", "xfab"], ["Kokusai Electric"], 7000, 1, "JPY", "KM-"
    )
    for m in ms:
        m["value"] = m["value"] * 100
    wb = Workbook()
    ws = wb.active
    ws.title = "納入装置一覧"
    ws.append(["納入装置・保守契約一覧表"])
    ws.append(["作成:", "保守サービス部 山田", "", "作成日:", reiwa(dt.date(2026, 11, 28), True)])
    ws.append([])
    hdr = [
        "No.",
        "客先名",
        "工場名",
        "所在地",
        "国",
        "装置型式",
        "製造番号",
        "納入日",
        "保守契約番号",
        "契約開始",
        "契約終了",
        "年間保守料(円)",
        "備考",
    ]
    ws.append(hdr)
    cust_ja = {
        "kioxia": "キオクシア株式会社",
        "sony": "ソニーセミコンダクタマニュファクチャリング株式会社",
        "micronsg": "Micron Semiconductor Asia Operations Pte. Ltd.",
        "xfab": "X-FAB Sarawak Sdn. Bhd.",
    }
    city_ja = {
        "Yokkaichi": "三重県四日市市",
        "Kitakami": "岩手県北上市",
        "Kikuyo": "熊本県菊池郡菊陽町",
        "Singapore": "シンガポール",
        "Kuching": "マレーシア サラワク州クチン",
    }
    country_ja = {"JP": "日本", "SG": "シンガポール", "MY": "マレーシア"}
    for i, m in enumerate(ms):
        ws.append(
            [
                str(i + 1).translate(FW),
                cust_ja[m["cust"]],
                m["fab"],
                city_ja[m["city"]],
                country_ja[m["country"]],
                m["model"],
                m["serial"],
                reiwa(m["install"], i % 2 == 0),
                m["contract"],
                reiwa(m["start"], True),
                reiwa(m["end"], True),
                f"{m['value']:,}".translate(FW),
                "海外拠点" if m["country"] != "JP" else "",
            ]
        )
    ws["A1"].font = Font(bold=True, size=16)
    save_stable(wb, HERE / "jp_hand_sheet_era_dates.xlsx")
    files["jp_hand_sheet_era_dates.xlsx"] = truth(
        ms,
        len(ms),
        "Kokusai Electric",
        False,
        "Japanese hand sheet (era dates, full-width digits, title block)",
        "openpyxl",
    )

    # 8 Italian field-service sheet, data in an Excel Table (ListObject) under a title block
    ms = pick_machines(
        rng,
        15,
        ["stit", "lfoundry", "st", "tower", "gfde"],
        ["ASM International", "SCREEN", "Canon", "Veeco", "Nordtek Vakuum GmbH"],
        8000,
        2,
        "EUR",
        "CS/",
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "Parco installato"
    ws["A1"] = "Parco macchine installato e contratti di assistenza"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Aggiornato al 30/11/2026 - Service Italia"
    hdr = [
        "Cliente",
        "Stabilimento",
        "Città",
        "Nazione",
        "Costruttore",
        "Modello",
        "Matricola",
        "Data installazione",
        "N. contratto",
        "Inizio contratto",
        "Fine contratto",
        "Canone annuo",
        "Valuta",
    ]
    naz = {"IT": "Italia", "FR": "Francia", "IL": "Israele", "DE": "Germania"}
    for j, h in enumerate(hdr):
        ws.cell(row=4, column=j + 1, value=h)
    for i, m in enumerate(ms):
        vals = [
            m["name"],
            m["fab"],
            m["city"],
            naz[m["country"]],
            m["vendor"],
            m["model"],
            m["serial"],
            m["install"],
            m["contract"],
            m["start"],
            m["end"],
            m["value"],
            "EUR",
        ]
        for j, v in enumerate(vals):
            c = ws.cell(row=5 + i, column=j + 1, value=v)
            if isinstance(v, dt.date):
                c.number_format = "dd/mm/yyyy"
            if j == 11:
                c.number_format = "#,##0.00 [$€-410]"
    ref = f"A4:M{4 + len(ms)}"
    t = Table(displayName="ParcoInstallato", ref=ref)
    t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(t)
    save_stable(wb, HERE / "it_parco_installato_table.xlsx")
    files["it_parco_installato_table.xlsx"] = truth(
        ms,
        len(ms),
        None,
        True,
        "Italian field-service workbook (Excel Table under a title block)",
        "openpyxl",
    )

    # 9 US service manager's Google Sheets CSV export: MM/DD/YYYY, $1.2M values, state column
    ms = pick_machines(
        rng,
        16,
        ["intel", "micron", "gf", "intelie", "tower"],
        ["Applied Materials", "Lam Research", "KLA", "TEL", "Onto Innovation", "Nikon"],
        9000,
        2,
        "USD",
        "",
    )
    hdr = [
        "Customer",
        "Fab",
        "City",
        "State",
        "Country",
        "OEM",
        "Tool",
        "Serial #",
        "Install Date",
        "Contract #",
        "Start",
        "End",
        "Annual Value",
        "Notes",
    ]
    st = {"Hillsboro": "OR", "Chandler": "AZ", "Manassas": "VA", "Boise": "ID", "Malta": "NY"}
    ctry = {"US": "USA", "IE": "Ireland", "IL": "Israel"}
    oem = {
        "Applied Materials": "AMAT",
        "Lam Research": "Lam",
        "KLA": "KLA",
        "TEL": "TEL",
        "Onto Innovation": "Onto",
        "Nikon": "Nikon",
    }
    rows = []
    for i, m in enumerate(ms):
        m["contract"] = f"SA-{m['contract']}"
        rows.append(
            [
                m["name"],
                m["fab"],
                m["city"],
                st.get(m["city"], ""),
                ctry[m["country"]],
                oem[m["vendor"]],
                m["model"],
                m["serial"],
                m["install"].strftime("%m/%d/%Y"),
                m["contract"],
                m["start"].strftime("%m/%d/%Y"),
                m["end"].strftime("%m/%d/%Y"),
                us_money(m["value"] * 2),
                "renewal pending" if i % 5 == 0 else "",
            ]
        )
        m["value"] = m["value"] * 2
    write_csv(HERE / "us_service_gsheets.csv", hdr, rows, newline="\n")
    files["us_service_gsheets.csv"] = truth(
        ms,
        len(rows),
        None,
        True,
        "Google Sheets CSV export of a US service manager's tracker",
        "csv",
    )

    # 10 SAP ByDesign registered products, written by LibreOffice; ASM International's own
    ms = pick_machines(
        rng,
        14,
        ["nxp", "gfde", "ifx", "micronsg", "xfab"],
        ["ASM International"],
        10000,
        1,
        "EUR",
        "",
    )
    hdr = [
        "Registered Product ID",
        "Description",
        "Product ID",
        "Product Description",
        "Serial ID",
        "Customer ID",
        "Customer",
        "Installation Point",
        "City",
        "Country/Region",
        "Installed On",
        "Contract",
        "Valid From",
        "Valid To",
        "Net Value",
        "Currency",
    ]
    ctry_en = {"NL": "Netherlands", "DE": "Germany", "SG": "Singapore", "MY": "Malaysia"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Registered Products"
    ws.append(hdr)
    renum: dict[str, str] = {}
    for m in ms:  # numeric contract ids as ByDesign numbers them [U]; one id per contract
        m["contract"] = renum.setdefault(m["contract"], str(5100000 + len(renum) * 3))
    for i, m in enumerate(ms):
        ws.append(
            [
                str(200000 + i),
                f"{m['model']} {m['serial']}",
                m["model"].upper().replace(" ", "_"),
                m["model"],
                m["serial"],
                str(1000 + hash_code(m["cust"])),
                m["name"],
                m["fab"],
                m["city"],
                ctry_en[m["country"]],
                m["install"],
                m["contract"],
                m["start"],
                m["end"],
                m["value"],
                "EUR",
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for idx in (10, 12, 13):
            row[idx].number_format = "dd.mm.yyyy"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bydesign_registered_products.xlsx"
        wb.save(src)
        out = Path(tmp) / "out"
        out.mkdir()
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(out),
                str(src),
            ],
            check=True,
            capture_output=True,
        )
        (HERE / "bydesign_registered_products_lo.xlsx").write_bytes(
            stable_zip((out / src.name).read_bytes())
        )
    files["bydesign_registered_products_lo.xlsx"] = truth(
        ms,
        len(ms),
        "ASM International",
        False,
        "SAP Business ByDesign registered products (re-saved by LibreOffice)",
        "LibreOffice",
    )

    return files


def hash_code(s: str) -> int:
    """A stable small customer number (Python's hash() is salted per process)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(s)) % 9000 + 1000


def main() -> None:
    files = gen()
    manifest = {
        "held_out": True,
        "about": "Corpus 4: ten installed-base exports in layouts not used by the other corpora, "
        "generated by make_heldout4.py without reading the importer; counts are the "
        "generator's truth (customers are legal entities, spelling variants count once; "
        "fabs are per customer and site).",
        "files": files,
    }
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
