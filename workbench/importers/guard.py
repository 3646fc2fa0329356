"""Checks that run on a file's bytes before any parser touches it.

Calamine and the csv module trust their input; an analyst's inbox does not deserve that trust.
Everything here reads bounded amounts of data (the zip central directory, the first kilobytes of
each XML part, a bounded scan of an OLE2 container), so a hostile file is refused in
milliseconds and with constant memory, whatever it would inflate to.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from workbench.importers.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedWorkbookError,
    FileTooLargeError,
    UnsupportedFileTypeError,
    WrongFileTypeError,
    XmlBombError,
    ZipBombError,
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
#: Bytes of each XML part inspected for a DOCTYPE: it must come before the root element.
XML_PROLOGUE_BYTES = 16 * 1024

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")
_OLE_ENCRYPTION_NAMES = (
    "EncryptionInfo".encode("utf-16-le"),
    "EncryptedPackage".encode("utf-16-le"),
)
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class FileFormat(StrEnum):
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"

    @property
    def is_workbook(self) -> bool:
        return self is not FileFormat.CSV


_EXTENSIONS = {
    ".xlsx": FileFormat.XLSX,
    ".xlsm": FileFormat.XLSM,
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
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_zip_sizes(name, infos)
            names = {info.filename for info in infos}
            if any(info.flag_bits & 0x1 for info in infos):
                raise EncryptedWorkbookError(name, "the archive's parts are encrypted.")
            if fmt is FileFormat.ODS:
                _check_ods_layout(name, archive, names)
            else:
                _check_ooxml_layout(name, names)
            date1904 = False
            for info in infos:
                if _is_xml_member(info.filename):
                    prologue = _read_prologue(archive, info)
                    _check_xml_prologue(name, info.filename, prologue)
                    if info.filename == "xl/workbook.xml":
                        date1904 = _workbook_date1904(archive, info)
            return date1904
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(
            name, f"the workbook is damaged and cannot be opened ({exc})."
        ) from exc


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


def _check_ooxml_layout(name: str, names: set[str]) -> None:
    if "[Content_Types].xml" not in names:
        raise WrongFileTypeError(
            name, "the file is a zip archive but not an Office Open XML workbook."
        )
    if "xl/workbook.xml" not in names:
        raise WrongFileTypeError(
            name, "the file is an Office document but not an Excel workbook (no xl/workbook.xml)."
        )
    if not any(n.startswith("xl/worksheets/") for n in names):
        raise EmptyFileError(name, "the workbook has no worksheets.")


def _check_ods_layout(name: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    if mimetype != _ODS_MIMETYPE or "content.xml" not in names:
        raise WrongFileTypeError(
            name, "the file is a zip archive but not an OpenDocument spreadsheet."
        )


def _is_xml_member(filename: str) -> bool:
    return filename.lower().endswith((".xml", ".rels", ".vml"))


def _read_prologue(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as member:
        return member.read(XML_PROLOGUE_BYTES)


def _check_xml_prologue(name: str, member: str, prologue: bytes) -> None:
    text = prologue
    if prologue.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = prologue.decode("utf-16", errors="ignore").encode("utf-8")
    if _DOCTYPE.search(text):
        raise XmlBombError(
            name,
            f"part '{member}' declares a DOCTYPE or entities, which spreadsheets never need and "
            "entity-expansion attacks use; the file was not opened.",
        )


def _workbook_date1904(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as member:
        return bool(_DATE1904.search(member.read(256 * 1024)))
