"""Checks that run on a file's bytes before any parser touches it.

Calamine and the csv module trust their input; an analyst's inbox does not deserve that trust.
Everything here reads the file as a stream with constant memory (the zip central directory,
each part's prologue, each worksheet's cell references, a chunked scan of an OLE2 container),
so a hostile file is refused before a parser allocates anything for it, whatever it would
inflate to. The parts are found through the package's relationships, as a reader finds them
(:mod:`workbench.importers.package`), and every part is checked, whatever its name.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from workbench.importers.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedWorkbookError,
    FileTooLargeError,
    SheetTooLargeError,
    UnsupportedFileTypeError,
    WrongFileTypeError,
    XmlBombError,
    ZipBombError,
)
from workbench.importers.package import locate_parts, part_name
from workbench.importers.xmlscan import (
    Prologue,
    PrologueRefusedError,
    UsedRange,
    check_prologue,
    raw_chunks,
    scan_used_range,
    scan_used_range_counted,
)

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Largest workbook accepted on disk. A 1M-row export is ~60 MB as xlsx.
MAX_WORKBOOK_BYTES = 256 * 1024 * 1024
#: Largest text file accepted on disk. 1M rows x 15 columns of CSV is ~150 MB.
MAX_TEXT_BYTES = 1024 * 1024 * 1024
#: Sum of the uncompressed sizes of all zip members (what the readers would inflate).
MAX_UNCOMPRESSED_BYTES = 1536 * 1024 * 1024
#: Highest compression ratio accepted for a member bigger than RATIO_FLOOR_BYTES. Real sheet XML
#: compresses 5-30x; bombs compress 1000x and more.
MAX_COMPRESSION_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000
#: Cells from A1 to a sheet's farthest filled cell that calamine may be asked to build. It
#: holds a dense range at ~32 bytes a cell (plus the Python rows made from it): 1M rows x 20
#: columns is ~640 MB there, the most a real export needs; one value at XFD1048576 asks for
#: 17 billion cells and aborts the process.
MAX_SHEET_CELLS = 20_000_000
#: A range this big (15 columns x ~130k rows) that is mostly empty is a stray cell far from the
#: data: refused with a sentence that names it, rather than read as 2M empty cells.
SPARSE_FLOOR_CELLS = 2_000_000
SPARSE_RATIO = 50
_OLE_ENCRYPTION_NAMES = (
    "EncryptionInfo".encode("utf-16-le"),
    "EncryptedPackage".encode("utf-16-le"),
)
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class FileFormat(StrEnum):
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLSB = "xlsb"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"

    @property
    def is_workbook(self) -> bool:
        return self is not FileFormat.CSV


_EXTENSIONS = {
    ".xlsx": FileFormat.XLSX,
    ".xlsm": FileFormat.XLSM,
    ".xlsb": FileFormat.XLSB,
    ".xls": FileFormat.XLS,
    ".ods": FileFormat.ODS,
    ".csv": FileFormat.CSV,
    ".txt": FileFormat.CSV,
    ".tsv": FileFormat.CSV,
}

SUPPORTED_EXTENSIONS = tuple(sorted(_EXTENSIONS))


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """What the guard learnt about a file it let through."""

    path: Path
    format: FileFormat
    size: int
    #: The workbook counts dates from 1904 (old Mac Excel): numeric serials must use that epoch.
    date1904: bool = False


def check_file(path: Path) -> CheckedFile:
    """Refuse anything that is not a readable, harmless file of the kind its extension promises."""
    name = path.name
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFileTypeError(
            name,
            f"files ending in '{path.suffix or '(none)'}' cannot be imported; "
            f"use one of {', '.join(SUPPORTED_EXTENSIONS)}.",
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptFileError(name, f"the file cannot be opened ({exc.strerror}).") from exc
    if size == 0:
        raise EmptyFileError(name, "the file is empty (0 bytes).")
    limit = MAX_TEXT_BYTES if fmt is FileFormat.CSV else MAX_WORKBOOK_BYTES
    if size > limit:
        raise FileTooLargeError(
            name, f"the file is {size / 2**20:.0f} MB; the limit is {limit // 2**20} MB."
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if fmt is FileFormat.CSV:
        _check_text(name, head)
        return CheckedFile(path, fmt, size)
    if fmt is FileFormat.XLS:
        if not head.startswith(OLE2_MAGIC):
            raise WrongFileTypeError(name, _describe_mismatch(head, "an Excel 97-2003 workbook"))
        _check_ole_not_encrypted(path)
        return CheckedFile(path, fmt, size)
    if head.startswith(OLE2_MAGIC):
        _check_ole_not_encrypted(path)
        raise WrongFileTypeError(
            name,
            "the file is an Excel 97-2003 (.xls) workbook saved under an "
            f"'{path.suffix}' name; rename it to .xls or save it again as .xlsx.",
        )
    if head.startswith(EMPTY_ZIP_MAGIC):
        raise EmptyFileError(name, "the workbook is an empty zip archive with no sheets.")
    if not head.startswith(ZIP_MAGIC):
        expected = "an OpenDocument spreadsheet" if fmt is FileFormat.ODS else "an Excel workbook"
        raise WrongFileTypeError(name, _describe_mismatch(head, expected))
    date1904 = _check_zip(path, fmt)
    return CheckedFile(path, fmt, size, date1904)


def _describe_mismatch(head: bytes, expected: str) -> str:
    what = "its contents are not"
    if head.startswith(b"%PDF"):
        what = "it is a PDF document, not"
    elif head.startswith(ZIP_MAGIC):
        what = "it is a zip archive of another kind, not"
    elif head.startswith(OLE2_MAGIC):
        what = "it is an old Office (OLE2) file, not"
    elif head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        what = "it is an XML or HTML document, not"
    elif _looks_textual(head):
        what = "it is a plain text file, not"
    return f"the name says spreadsheet but {what} {expected}."


def _looks_textual(head: bytes) -> bool:
    return bool(head) and b"\x00" not in head and all(b >= 9 for b in head)


def _check_text(name: str, head: bytes) -> None:
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        raise WrongFileTypeError(
            name, "the name says text but the file is a zip archive (perhaps an .xlsx renamed)."
        )
    if head.startswith(OLE2_MAGIC):
        raise WrongFileTypeError(
            name, "the name says text but the file is an Office (OLE2) file (perhaps an .xls)."
        )
    if head.startswith(b"%PDF"):
        raise WrongFileTypeError(name, "the name says text but the file is a PDF document.")


def _check_ole_not_encrypted(path: Path) -> None:
    """An encrypted OOXML workbook is an OLE2 container holding EncryptionInfo/EncryptedPackage.

    The stream names sit in the container's directory as UTF-16LE; the file is already bounded
    by MAX_WORKBOOK_BYTES, and the scan reads it in 1 MB chunks with an overlap.
    """
    overlap = max(len(n) for n in _OLE_ENCRYPTION_NAMES)
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            window = tail + chunk
            if any(n in window for n in _OLE_ENCRYPTION_NAMES):
                raise EncryptedWorkbookError(
                    path.name,
                    "the workbook is password-protected; open it in Excel, remove the password "
                    "(File > Info > Protect Workbook) and save it again.",
                )
            tail = window[-overlap:]


def _check_zip(path: Path, fmt: FileFormat) -> bool:
    """Whether a zip-based workbook that passed every check counts dates from 1904."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_zip_sizes(name, infos)
            if any(info.flag_bits & 0x1 for info in infos):
                raise EncryptedWorkbookError(name, "the archive's parts are encrypted.")
            parts = _part_index(name, infos)
            prologues: dict[str, Prologue] = {}
            for part, info in parts.items():
                try:
                    prologues[part] = check_prologue(archive, info)
                except PrologueRefusedError as exc:
                    raise XmlBombError(
                        name, f"part '{info.filename}' {exc}; the file was not opened."
                    ) from exc
            if fmt is FileFormat.ODS:
                _check_ods_layout(name, archive, parts)
                return False
            package = locate_parts(name, archive, parts)
            _check_readable_encodings(name, package.workbook, prologues)
            for sheet in package.sheets:
                if sheet.part.endswith(".xml"):
                    _check_used_range(name, archive, parts[sheet.part], sheet.name)
            return package.date1904
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(
            name, f"the workbook is damaged and cannot be opened ({exc})."
        ) from exc
    except (zlib.error, EOFError) as exc:
        raise CorruptFileError(
            name, f"the workbook is damaged and cannot be opened ({exc or 'truncated part'})."
        ) from exc


def _part_index(name: str, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """Members by part name ('/'-separated, no leading '/'), refusing ambiguous duplicates.

    Some writers store ``xl\\workbook.xml``; readers treat it as ``xl/workbook.xml``. Two
    members with one part name (part names are case-insensitive) would let the checks look at
    one and the reader read the other.
    """
    parts: dict[str, zipfile.ZipInfo] = {}
    seen: dict[str, str] = {}
    for info in infos:
        if info.is_dir():
            continue
        part = part_name(info.filename)
        key = part.lower()
        if key in seen:
            raise CorruptFileError(
                name,
                f"the workbook holds two parts named '{seen[key]}'; a damaged or tampered file "
                "is not read, because which one a reader uses is not defined.",
            )
        seen[key] = part
        parts[part] = info
    return parts


def _check_used_range(
    name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str
) -> None:
    used = scan_used_range(raw_chunks(archive, info))
    if used is None or _too_large(used):
        # The fast bound is unsure or says no: place every cell exactly before refusing.
        used = scan_used_range_counted(raw_chunks(archive, info))
    if used.area > MAX_SHEET_CELLS:
        far = used.last_row_cell if used.rows >= used.columns else used.last_column_cell
        raise SheetTooLargeError(
            name,
            f"sheet '{sheet}' reaches cell {far} ({used.rows:,} rows x {used.columns:,} "
            f"columns, limit {MAX_SHEET_CELLS:,} cells) with {used.cells:,} filled; delete the "
            "rows and columns beyond the data (or the stray cell there) and save again.",
        )
    if _sparse(used):
        far = used.last_row_cell if used.rows >= used.columns else used.last_column_cell
        raise SheetTooLargeError(
            name,
            f"sheet '{sheet}' has {used.cells:,} filled cells spread up to cell {far} "
            f"({used.rows:,} rows x {used.columns:,} columns); a stray value far from the "
            "data is the usual cause: delete it and save again.",
        )


def _sparse(used: UsedRange) -> bool:
    return used.area > SPARSE_FLOOR_CELLS and used.cells * SPARSE_RATIO < used.area


def _too_large(used: UsedRange) -> bool:
    return used.area > MAX_SHEET_CELLS or _sparse(used)


def _check_readable_encodings(name: str, workbook: str, prologues: dict[str, Prologue]) -> None:
    """Calamine's XML parser reads UTF-8 only: a UTF-16 workbook part would fail deep inside it
    with a bare part name ("cannot be read (sst)"), so say what is wrong instead."""
    folder = workbook.rsplit("/", 1)[0] + "/" if "/" in workbook else ""
    for part, prologue in prologues.items():
        encoding = prologue.encoding or ""
        wide = encoding.startswith(("utf-16", "utf-32"))
        if wide and prologue.is_xml and part.startswith(folder) and part.endswith(".xml"):
            raise CorruptFileError(
                name,
                f"part '{part}' is written in {encoding.upper()}, which the workbook "
                "reader does not support; open the file in Excel and save it again as .xlsx.",
            )


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as member:
        return member.read(4)


def _check_zip_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if not infos:
        raise EmptyFileError(name, "the workbook is an empty archive with no sheets.")
    if len(infos) > MAX_MEMBERS:
        raise ZipBombError(
            name,
            f"the workbook holds {len(infos)} parts (limit {MAX_MEMBERS}); "
            "it is not a normal spreadsheet and was not opened.",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise ZipBombError(
                    name,
                    f"part '{info.filename}' would inflate {ratio:.0f}-fold to "
                    f"{info.file_size / 2**20:.0f} MB (limit {MAX_COMPRESSION_RATIO}-fold); "
                    "the file looks like a zip bomb and was not opened.",
                )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ZipBombError(
            name,
            f"the workbook would inflate to {total / 2**20:.0f} MB "
            f"(limit {MAX_UNCOMPRESSED_BYTES // 2**20} MB); it was not opened.",
        )


def _check_ods_layout(
    name: str, archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]
) -> None:
    mimetype = b""
    if "mimetype" in parts:
        with archive.open(parts["mimetype"]) as member:
            mimetype = member.read(256).strip()
    if mimetype != _ODS_MIMETYPE or "content.xml" not in parts:
        raise WrongFileTypeError(
            name, "the file is a zip archive but not an OpenDocument spreadsheet."
        )
