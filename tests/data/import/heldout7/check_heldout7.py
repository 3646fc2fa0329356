"""Re-derive corpus 7's counts from the written files and compare them with manifest.json.

A separate reading: it opens each file as a user would (its encoding, delimiter, title rows,
subtotal and total rows, merged cells, sheets joined by codes), never the generator's data, and
maps each customer spelling to its legal entity with the table below (written by hand from the
files). Run: python check_heldout7.py  (prints one line per file, exits 1 on a mismatch).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent

# spelling as written -> legal entity (duplicate master records and variants map to one)
ENTITY = {
    "台灣積體電路製造(股)公司": "台灣積體電路製造股份有限公司",
    "ソニーセミコンダクタマニュファクチャリング(株)": "ソニーセミコンダクタマニュファクチャリング株式会社",  # noqa: E501
    "NXP Semiconductors Netherlands BV": "NXP Semiconductors Netherlands B.V.",
    "에스케이하이닉스 주식회사": "SK하이닉스(주)",
    "Texas Instruments Inc.": "Texas Instruments Incorporated",
    "Micron Semiconductor Asia Operations Pte Ltd": "Micron Semiconductor Asia Operations Pte. Ltd.",  # noqa: E501
    "ST Microelectronics Crolles": "STMicroelectronics (Crolles 2) SAS",
    "GF Singapore": "GLOBALFOUNDRIES Singapore Pte. Ltd.",
    "Microchip Technology Incorporated": "Microchip Technology Inc.",
}

Rec = tuple[str, str, str, str]  # serial, customer as written, site as written, contract or ''


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


def counts(recs: list[Rec]) -> dict[str, int]:
    return {
        "rows": len(recs),
        "machines": len({r[0] for r in recs}),
        "customers": len({entity(r[1]) for r in recs}),
        "fabs": len({(entity(r[1]), r[2]) for r in recs}),
        "contracts": len({r[3] for r in recs if r[3]}),
    }


def digiwin() -> list[Rec]:
    rows = table(text_rows("digiwin_workflow_kehu_shebei_big5.csv", "cp950", ","), "客戶代號")
    return [(r["序號"], r["客戶全名"], r["廠區"], r["合約單號"]) for r in rows if r["序號"]]


def obic7() -> list[Rec]:
    rows = table(text_rows("obic7_hoshu_keiyaku_sjis.csv", "cp932", ","), "得意先コード")
    return [(r["製造番号"], r["得意先名"], r["設置場所"], r["契約番号"]) for r in rows]


def exact() -> list[Rec]:
    rows = table(text_rows("exact_online_serienummers_nl.csv", "cp1252", ";"), "Serienummer")
    return [(r["Serienummer"], r["Relatie"], r["Locatie"], r["Contractnummer"]) for r in rows]


def abas() -> list[Rec]:
    wb = load_workbook(HERE / "abas_erp_serviceprodukte_de.xlsx")
    kunden = {r[0]: r[2] for r in wb["Kunden"].iter_rows(min_row=2, values_only=True)}
    rows = list(wb["Serviceprodukte"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Seriennummer")
    head = rows[start]
    out = []
    for r in rows[start + 1 :]:
        d = dict(zip(head, r, strict=False))
        if d["Seriennummer"]:
            out.append(
                (d["Seriennummer"], kunden[d["Kunde"]], d["Standort"], d["Wartungsvertrag"] or "")
            )
    return out


def korean() -> list[Rec]:
    wb = load_workbook(HERE / "mes_seolbi_daejang_ko_lo.xlsx")
    ws = wb["설비대장"]
    fill = {}
    for rng in ws.merged_cells.ranges:
        v = ws.cell(rng.min_row, rng.min_col).value
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                fill[(row, col)] = v
    grid = [[fill.get((c.row, c.column), c.value) for c in row] for row in ws.iter_rows()]
    start = next(i for i, r in enumerate(grid) if r[0] == "고객사")
    head = grid[start]
    out = []
    for r in grid[start + 1 :]:
        d = dict(zip(head, r, strict=False))
        if d["장비 S/N"]:
            out.append((str(d["장비 S/N"]), d["고객사"], d["사업장"], d["유지보수계약번호"] or ""))
    return out


def fsm() -> list[Rec]:
    rows = table(text_rows("sap_fsm_equipment_export.csv", "utf-8", ","), "Code")
    return [
        (r["Serial Number"], r["Business Partner"], r["Address Name"], r["Service Contract"])
        for r in rows
    ]


def c4c() -> list[Rec]:
    wb = load_workbook(HERE / "sap_c4c_registered_products.xlsx")
    acc = {r[0]: r[1] for r in wb["Accounts"].iter_rows(min_row=2, values_only=True)}
    ctr = {r[0] for r in wb["Service Contracts"].iter_rows(min_row=2, values_only=True)}
    out = []
    for r in wb["Registered Products"].iter_rows(min_row=2, values_only=True):
        assert r[9] is None or r[9] in ctr, r
        out.append((r[0], acc[r[4]], r[6], r[9] or ""))
    return out


def notion() -> list[Rec]:
    raw = (HERE / "notion_parc_equipements_fr.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = table(list(csv.reader(io.StringIO(raw[3:].decode("utf-8")))), "Équipement")
    return [
        (
            r["Numéro de série"],
            re.sub(r" \(https://www\.notion\.so/[^)]*\)$", "", r["Client"]),
            r["Site"],
            r["Contrat"],
        )
        for r in rows
    ]


def sea() -> list[Rec]:
    raw = (HERE / "sea_installed_base_unicode.txt").read_bytes()
    assert raw.startswith(b"\xff\xfe")
    rows = table(list(csv.reader(io.StringIO(raw.decode("utf-16")), delimiter="\t")), "No.")
    return [
        (
            r["S/N"],
            r["Customer"],
            r["Fab"],
            "" if r["Svc Contract"] in ("", "-") else r["Svc Contract"],
        )
        for r in rows
        if r["No."]
    ]


def erpnext() -> list[Rec]:
    rows = table(text_rows("erpnext_serial_no_report.csv", "utf-8", ","), "ID")
    return [(r["ID"], r["Customer Name"], r["Site"], r["Maintenance Schedule"]) for r in rows]


READERS = {
    "digiwin_workflow_kehu_shebei_big5.csv": digiwin,
    "obic7_hoshu_keiyaku_sjis.csv": obic7,
    "exact_online_serienummers_nl.csv": exact,
    "abas_erp_serviceprodukte_de.xlsx": abas,
    "mes_seolbi_daejang_ko_lo.xlsx": korean,
    "sap_fsm_equipment_export.csv": fsm,
    "sap_c4c_registered_products.xlsx": c4c,
    "notion_parc_equipements_fr.csv": notion,
    "sea_installed_base_unicode.txt": sea,
    "erpnext_serial_no_report.csv": erpnext,
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
