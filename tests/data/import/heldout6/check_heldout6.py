"""Re-derive corpus 6's counts from the written files and compare them with manifest.json.

A separate reading: it opens each file as a user would (its encoding, delimiter, title rows,
group and total rows, merged cells, sheets joined by codes), never the generator's data, and
maps each customer spelling to its legal entity with the table below (written by hand from the
files). Run: python check_heldout6.py  (prints one line per file, exits 1 on a mismatch).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent

# spelling as written -> legal entity (duplicate master records and variants map to one)
ENTITY = {
    "Intel Corporation": "Intel Corporation",
    "INTEL CORP": "Intel Corporation",
    "Intel Ireland Limited": "Intel Ireland",
    "Intel Ireland Ltd": "Intel Ireland",
    "Micron Technology, Inc.": "Micron Technology",
    "Micron Technology Inc": "Micron Technology",
    "Texas Instruments Incorporated": "Texas Instruments",
    "Texas Instruments Inc": "Texas Instruments",
    "GLOBALFOUNDRIES U.S. Inc.": "GlobalFoundries U.S.",
    "GlobalFoundries U.S. Inc.": "GlobalFoundries U.S.",
    "GlobalFoundries US Inc": "GlobalFoundries U.S.",
    "SkyWater Technology Foundry, Inc.": "SkyWater",
    "SkyWater Technology Foundry": "SkyWater",
    "Wolfspeed, Inc.": "Wolfspeed",
    "Wolfspeed Inc": "Wolfspeed",
    "Robert Bosch GmbH": "Robert Bosch GmbH",
    "Robert Bosch GmbH, Werk Reutlingen": "Robert Bosch GmbH",
    "中芯国际集成电路制造(上海)有限公司": "SMIC Shanghai",
    "中芯国际(上海)": "SMIC Shanghai",
    "ルネサス エレクトロニクス株式会社": "Renesas",
    "ﾙﾈｻｽｴﾚｸﾄﾛﾆｸｽ(株)": "Renesas",
    "삼성전자(주)": "Samsung Electronics",
    "Samsung Electronics Co., Ltd.": "Samsung Electronics",
    "NXP Semiconductors Netherlands B.V.": "NXP Netherlands",
    "NXP": "NXP Netherlands",
}


def entity(name: str) -> str:
    return ENTITY.get(name, name)


def text_rows(name: str, encoding: str, delimiter: str) -> list[list[str]]:
    raw = (HERE / name).read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(raw), delimiter=delimiter))


def table(rows: list[list[str]], heading_first: str) -> list[dict[str, str]]:
    """Rows under the first row whose first cell is heading_first, as dicts."""
    start = next(i for i, r in enumerate(rows) if r and r[0] == heading_first)
    head = rows[start]
    return [dict(zip(head, r, strict=False)) for r in rows[start + 1 :] if r and any(r)]


def counts(recs: list[tuple[str, str, str, str]]) -> dict[str, int]:
    """recs: (serial, customer as written, site as written, contract or '')."""
    return {
        "rows": len(recs),
        "machines": len({r[0] for r in recs}),
        "customers": len({entity(r[1]) for r in recs}),
        "fabs": len({(entity(r[1]), r[2]) for r in recs}),
        "contracts": len({r[3] for r in recs if r[3]}),
    }


def oracle() -> list[tuple[str, str, str, str]]:
    rows = table(
        text_rows("oracle_ebs_install_base_instances.tsv", "cp1252", "\t"), "Instance Number"
    )
    return [
        (r["Serial Number"], r["Owner Party Name"], r["Install Location"], r["Contract Number"])
        for r in rows
    ]


def proalpha() -> list[tuple[str, str, str, str]]:
    rows = table(text_rows("proalpha_serviceobjekte_de.csv", "cp1252", ";"), "Serviceobjekt")
    return [
        (r["Seriennummer"], r["Kundenname"], r["Standort"] + "|" + r["Ort"], r["Wartungsvertrag"])
        for r in rows
    ]


def d365() -> list[tuple[str, str, str, str]]:
    wb = load_workbook(HERE / "d365_field_service_agreements_assets.xlsx")
    fl = {r[0]: r for r in wb["Functional Locations"].iter_rows(min_row=2, values_only=True)}
    ags = {r[0]: r for r in wb["Agreements"].iter_rows(min_row=2, values_only=True)}
    out = []
    for r in wb["Customer Assets"].iter_rows(min_row=2, values_only=True):
        assert r[5] in fl and (not r[6] or r[6] in ags)
        out.append((r[4], r[1], r[5], r[6] or ""))
    return out


def yonyou() -> list[tuple[str, str, str, str]]:
    rows = table(text_rows("yonyou_u8_kehu_shebei_gb18030.csv", "gb18030", ","), "设备编码")
    return [
        (r["出厂编号"], r["客户名称"], r["安装地点"], r["服务合同号"])
        for r in rows
        if r["设备编码"] != "合计"
    ]


def grandit() -> list[tuple[str, str, str, str]]:
    rows = table(text_rows("grandit_keizoku_keiyaku_sjis.csv", "cp932", ","), "契約番号")
    return [(r["製造番号"], r["得意先名"], r["納入先名"], r["契約番号"]) for r in rows]


def ksystem() -> list[tuple[str, str, str, str]]:
    ws = load_workbook(HERE / "ksystem_napum_jangbi_lo.xlsx").active
    merged = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col).value
        for row in range(rng.min_row, rng.max_row + 1):
            merged[(row, rng.min_col)] = top
    out = []
    for row in range(5, ws.max_row + 1):
        cust = merged.get((row, 1), ws.cell(row, 1).value)
        serial = ws.cell(row, 7).value
        if cust in ("소계", "합계") or not serial:
            continue
        out.append((str(serial), cust, ws.cell(row, 2).value, ws.cell(row, 9).value or ""))
    return out


def monday() -> list[tuple[str, str, str, str]]:
    ws = load_workbook(HERE / "monday_board_installed_tools.xlsx").active
    out = []
    for r in ws.iter_rows(values_only=True):
        if r[0] in (None, "Name") or r[7] is None:  # blank, heading, board or group title
            continue
        out.append((str(r[7]), r[1], r[2], r[9] or ""))
    return out


def jira() -> list[tuple[str, str, str, str]]:
    rows = table(text_rows("jira_assets_fab_tools.csv", "utf-8-sig", ","), "Key")
    return [(r["Serial Number"], r["Customer"], r["Site"], r["Service Contract"]) for r in rows]


def syteline() -> list[tuple[str, str, str, str]]:
    ws = load_workbook(HERE / "syteline_units_contracts.xlsx").active
    return [
        (str(r[0]), r[4], f"{r[3]}/{r[5]}", r[11] or "")
        for r in ws.iter_rows(min_row=2, values_only=True)
    ]


def airtable() -> list[tuple[str, str, str, str]]:
    rows = table(text_rows("airtable_tools_grid.csv", "utf-8", ","), "Tool")
    return [(r["Serial"], r["Customer"], r["Fab"], r["Contract"]) for r in rows]


READERS = {
    "oracle_ebs_install_base_instances.tsv": oracle,
    "proalpha_serviceobjekte_de.csv": proalpha,
    "d365_field_service_agreements_assets.xlsx": d365,
    "yonyou_u8_kehu_shebei_gb18030.csv": yonyou,
    "grandit_keizoku_keiyaku_sjis.csv": grandit,
    "ksystem_napum_jangbi_lo.xlsx": ksystem,
    "monday_board_installed_tools.xlsx": monday,
    "jira_assets_fab_tools.csv": jira,
    "syteline_units_contracts.xlsx": syteline,
    "airtable_tools_grid.csv": airtable,
}


def main() -> int:
    files = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))["files"]
    bad = 0
    for name, truth in files.items():
        recs = READERS[name]()
        got = counts(recs)
        want = {k: truth[k] for k in got}
        serials = {r[0] for r in recs}
        missing = [s["serial"] for s in truth["samples"] if s["serial"] not in serials]
        ok = got == want and not missing
        bad += not ok
        print(
            f"{name}: {'agrees' if ok else 'DIFFERS'} {got}"
            + (f" want {want}" if not ok else "")
            + (f" samples missing {missing}" if missing else "")
        )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
