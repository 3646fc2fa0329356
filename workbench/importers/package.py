"""Finding a workbook's parts the way the Open Packaging Conventions say: by relationships.

``xl/workbook.xml`` is only where Excel happens to put the workbook. The package's
``_rels/.rels`` names the main part (``officeDocument``), and the main part's own relationships
name its worksheets. Minimal packages put ``workbook.xml`` at the root, some writers store
member names with backslashes, and ``.xlsb`` has ``xl/workbook.bin``; calamine reads all of
them, so the guard must find the same parts to check them. The relationship files are small
XML read with defusedxml (their prologues were already checked by the guard).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from workbench.importers.errors import CorruptFileError, EmptyFileError, WrongFileTypeError

#: Relationship and workbook parts bigger than this are not what a spreadsheet writer makes.
MAX_RELS_BYTES = 8 * 1024 * 1024
MAX_WORKBOOK_XML_BYTES = 32 * 1024 * 1024

_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_TABLE = "/table"
#: A table part is a few hundred bytes per column.
MAX_TABLE_XML_BYTES = 1024 * 1024
_FIRST_ROW = re.compile(r"^\$?[A-Za-z]{1,3}\$?(\d{1,7})")


def part_name(member: str) -> str:
    """A zip member's part name: '/'-separated, without a leading '/'."""
    return member.replace("\\", "/").lstrip("/")


@dataclass(frozen=True, slots=True)
class SheetPart:
    name: str  # as the workbook names it (the part name when the workbook is binary)
    part: str


@dataclass(frozen=True, slots=True)
class Package:
    workbook: str
    sheets: tuple[SheetPart, ...]
    date1904: bool


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, file_name: str) -> bytes:
    if info.file_size > limit:
        raise CorruptFileError(
            file_name,
            f"part '{info.filename}' is {info.file_size / 2**20:.0f} MB, far more than a "
            "workbook needs; the file was not opened.",
        )
    with archive.open(info) as member:
        return member.read(limit + 1)


def relationships(
    archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], source: str, file_name: str
) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of each internal relationship of ``source`` ('' = package).

    Targets are relative to the source part's folder unless they start with '/'.
    """
    folder, base = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    info = parts.get(rels) or _case_insensitive(parts, rels)
    if info is None:
        return []
    try:
        root = ElementTree.fromstring(read_part(archive, info, MAX_RELS_BYTES, file_name))
    except ElementTree.ParseError as exc:
        raise CorruptFileError(
            file_name, f"part '{info.filename}' is not readable XML ({exc})."
        ) from exc
    out: list[tuple[str, str, str]] = []
    for rel in root:
        if not str(rel.tag).endswith("Relationship") or rel.get("TargetMode") == "External":
            continue
        raw = rel.get("Target", "").replace("\\", "/")
        joined = raw if raw.startswith("/") else posixpath.join(folder, raw)
        out.append((rel.get("Id", ""), rel.get("Type", ""), posixpath.normpath(joined).lstrip("/")))
    return out


def _case_insensitive(parts: dict[str, zipfile.ZipInfo], name: str) -> zipfile.ZipInfo | None:
    lowered = name.lower()
    return next((info for part, info in parts.items() if part.lower() == lowered), None)


def resolve_part(parts: dict[str, zipfile.ZipInfo], name: str) -> str | None:
    if name in parts:
        return name
    info = _case_insensitive(parts, name)
    return part_name(info.filename) if info is not None else None


def locate_parts(
    file_name: str, archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]
) -> Package:
    """The workbook part and its worksheets; raises ImportFileError for a package without them."""
    if resolve_part(parts, "[Content_Types].xml") is None:
        raise WrongFileTypeError(
            file_name, "the file is a zip archive but not an Office Open XML workbook."
        )
    workbook: str | None = None
    for _, typ, target in relationships(archive, parts, "", file_name):
        if typ.endswith(_OFFICE_DOCUMENT):
            workbook = resolve_part(parts, target)
            break
    if workbook is None:
        workbook = resolve_part(parts, "xl/workbook.xml") or resolve_part(parts, "xl/workbook.bin")
    if workbook is None:
        raise WrongFileTypeError(
            file_name,
            "the file is an Office document but not an Excel workbook (no workbook part).",
        )
    ids = {
        rid: target
        for rid, typ, target in relationships(archive, parts, workbook, file_name)
        if typ.endswith(_WORKSHEET)
    }
    date1904 = False
    names: dict[str, str] = {}
    if workbook.lower().endswith(".xml"):
        text = read_part(archive, parts[workbook], MAX_WORKBOOK_XML_BYTES, file_name)
        date1904, names = _workbook_facts(file_name, text)
    sheets: list[SheetPart] = []
    for rid, target in ids.items():
        found = resolve_part(parts, target)
        label = names.get(rid, target)
        if found is None:
            raise CorruptFileError(
                file_name,
                f"the workbook lists sheet '{label}' in part '{target}', which is missing; "
                "the file is damaged.",
            )
        sheets.append(SheetPart(label, found))
    if not sheets:
        raise EmptyFileError(file_name, "the workbook has no worksheets.")
    return Package(workbook, tuple(sheets), date1904)


_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_R_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _workbook_facts(file_name: str, data: bytes) -> tuple[bool, dict[str, str]]:
    """date1904 and relationship id -> sheet name, from workbook.xml."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise CorruptFileError(
            file_name, f"the workbook part is not readable XML ({exc})."
        ) from exc
    date1904 = False
    names: dict[str, str] = {}
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag == "workbookPr":
            date1904 = element.get("date1904", "").lower() in ("1", "true")
        elif tag == "sheet":
            rid = element.get(f"{{{_R_NS}}}id") or element.get(f"{{{_R_NS_STRICT}}}id") or ""
            names[rid] = element.get("name", rid)
    return date1904, names


def table_headers(path: Path) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Sheet name -> (0-based header row, column names) of the one Excel Table on that sheet.

    An Excel Table (ListObject) says where its headings are: its part's ``ref`` ("A4:M19")
    starts at the header row, whatever title block stands above it. Read from the package as
    the guard reads it (calamine's own table loading panics on packages it reads otherwise).
    A sheet with two tables has no one header row; a table without a header row, or a
    package whose tables cannot be read, gives no hint, and detection finds the header.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {part_name(info.filename): info for info in archive.infolist()}
            package = locate_parts(path.name, archive, parts)
            found: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
            for sheet in package.sheets:
                for _, typ, target in relationships(archive, parts, sheet.part, path.name):
                    table = resolve_part(parts, target) if typ.endswith(_TABLE) else None
                    if table is None:
                        continue
                    data = read_part(archive, parts[table], MAX_TABLE_XML_BYTES, path.name)
                    header = _table_header(data)
                    if header is not None:
                        found.setdefault(sheet.name, []).append(header)
    except (zipfile.BadZipFile, OSError, ValueError, ElementTree.ParseError, CorruptFileError,
            EmptyFileError, WrongFileTypeError):  # fmt: skip
        return {}
    return {sheet: tables[0] for sheet, tables in found.items() if len(tables) == 1}


def _table_header(data: bytes) -> tuple[int, tuple[str, ...]] | None:
    root = ElementTree.fromstring(data)
    if root.get("headerRowCount", "1") == "0":
        return None
    match = _FIRST_ROW.match(root.get("ref", ""))
    if match is None or int(match.group(1)) < 1:
        return None
    columns = tuple(
        element.get("name", "")
        for element in root.iter()
        if str(element.tag).rsplit("}", 1)[-1] == "tableColumn"
    )
    return int(match.group(1)) - 1, columns
