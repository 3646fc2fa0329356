"""The currency a workbook's amount column shows through its cells' number format.

Business Central, Salesforce and Epicor write amounts as plain numbers with a currency format
("€ 841.000,00", "NT$6,720,000"): the cell holds 841000 and the style says euros. The analyst
sees the currency in Excel; calamine hands over the number alone. So, for the Office Open XML
formats, the styles part and the first rows of each sheet are read here (defusedxml, a bounded
number of rows) and a column whose formatted cells all show one currency gets it as a hint,
used only where neither the cell, a currency column nor the heading says the currency.

Only formats that name their currency count: a quoted symbol (``"€" #,##0``), a bracketed
locale currency (``[$€-413]``, ``[$¥-804]`` with the locale telling yuan from yen), or a bare
symbol other than the yen sign. Excel's built-in currency formats (ids 5-8) follow the reading
machine's locale and say nothing reliable, so they give no hint.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from defusedxml import ElementTree

from workbench.importers.errors import CorruptFileError, EmptyFileError, WrongFileTypeError
from workbench.importers.money import currency_code
from workbench.importers.package import (
    locate_parts,
    part_name,
    read_part,
    relationships,
    resolve_part,
)

#: Rows of a sheet scanned for its cells' styles: the amount columns' formats are set for
#: the whole column by the exporting system, so the first rows tell.
SCAN_ROWS = 200
MAX_STYLES_XML_BYTES = 16 * 1024 * 1024
_STYLES = "/styles"
_BRACKET = re.compile(r"\[\$([^\]-]*)(?:-([0-9A-Fa-f]+))?\]")
_QUOTED = re.compile(r'"([^"]*)"')
_ESCAPED = re.compile(r"(?:\\.)+")
_BARE = re.compile(r"(NT\$|US\$|HK\$|S\$|[$€£₩₪])")
#: Locale ids (hex LCID) whose yen-sign currency is the yuan.
_YUAN_LOCALES = frozenset({"804", "1004", "c04", "1404", "0804"})
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def format_currency(code: str) -> str | None:
    """ISO 4217 code a number format's text names, or None when it names none."""
    for symbol, locale in _BRACKET.findall(code):
        if symbol == "¥":
            return "CNY" if locale.lower().lstrip("0") in _YUAN_LOCALES else "JPY"
        if symbol and (found := currency_code(symbol)) is not None:
            return found
    for quoted in _QUOTED.findall(code):
        literal = quoted.strip()
        if literal and (found := currency_code(literal)) is not None:
            return found
    for escaped in _ESCAPED.findall(code):  # #,##0\원: characters written one by one
        literal = escaped.replace("\\", "").strip()
        if literal and (found := currency_code(literal)) is not None:
            return found
    bare = _BARE.search(_QUOTED.sub("", _BRACKET.sub("", code)))
    return currency_code(bare.group(1)) if bare is not None else None


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _style_currencies(data: bytes) -> dict[int, str]:
    """Cell style index (``s``) -> currency, for the styles whose number format names one."""
    root = ElementTree.fromstring(data)
    formats: dict[str, str] = {}
    xfs: list[str] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "numFmt":
            formats[element.get("numFmtId", "")] = element.get("formatCode", "")
        elif tag == "cellXfs":
            xfs = [x.get("numFmtId", "0") for x in element if _local(x.tag) == "xf"]
    out: dict[int, str] = {}
    for index, fmt_id in enumerate(xfs):
        code = formats.get(fmt_id)
        if code and (currency := format_currency(code)) is not None:
            out[index] = currency
    return out


def _sheet_column_currencies(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, styles: dict[int, str]
) -> dict[int, str]:
    seen: dict[int, Counter[str]] = {}
    rows = 0
    with archive.open(info) as member:
        for _event, element in ElementTree.iterparse(member, events=("end",)):
            tag = _local(element.tag)
            if tag == "c":
                style = element.get("s")
                match = _CELL_REF.match(element.get("r", ""))
                if style is not None and match is not None and style.isdigit():
                    column = _column_index(match.group(1))
                    currency = styles.get(int(style))
                    if currency is not None:
                        seen.setdefault(column, Counter())[currency] += 1
            elif tag == "row":
                element.clear()
                rows += 1
                if rows >= SCAN_ROWS:
                    break
    return {column: next(iter(c)) for column, c in seen.items() if len(c) == 1}


def column_currencies(path: Path) -> dict[str, dict[int, str]]:
    """Sheet name -> {0-based column: currency its cells' number format shows}.

    Anything unreadable gives no hints: the cells still import, and a value without a
    currency is still reported as one.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {part_name(info.filename): info for info in archive.infolist()}
            package = locate_parts(path.name, archive, parts)
            styles_part = next(
                (
                    resolve_part(parts, target)
                    for _, typ, target in relationships(archive, parts, package.workbook, path.name)
                    if typ.endswith(_STYLES)
                ),
                None,
            )
            if styles_part is None:
                return {}
            data = read_part(archive, parts[styles_part], MAX_STYLES_XML_BYTES, path.name)
            styles = _style_currencies(data)
            if not styles:
                return {}
            found: dict[str, dict[int, str]] = {}
            for sheet in package.sheets:
                if not sheet.part.lower().endswith(".xml"):
                    continue
                columns = _sheet_column_currencies(archive, parts[sheet.part], styles)
                if columns:
                    found[sheet.name] = columns
            return found
    except (zipfile.BadZipFile, OSError, ValueError, ElementTree.ParseError, CorruptFileError,
            EmptyFileError, WrongFileTypeError):  # fmt: skip
        return {}
