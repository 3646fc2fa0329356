"""One entry point from a path to raw sheets, with the guard always in front of the parsers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.cancel import CancelToken
from workbench.importers.cells import RawSheet
from workbench.importers.guard import FileFormat, check_file
from workbench.importers.textfile import read_text
from workbench.importers.workbook import read_workbook


@dataclass(frozen=True, slots=True)
class FileInfo:
    """What an import batch records about a source file."""

    name: str
    path: Path
    format: FileFormat
    size: int
    sha256: str
    encoding: str | None = None  # text files only
    delimiter: str | None = None  # text files only
    date1904: bool = False


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def read_file(path: Path, cancel: CancelToken | None = None) -> tuple[FileInfo, list[RawSheet]]:
    """Check, hash and read one file; raises an ImportFileError subclass for unreadable files."""
    checked = check_file(path)
    digest = sha256_of(path)
    if checked.format is FileFormat.CSV:
        sheet, layout = read_text(checked, cancel)
        info = FileInfo(
            path.name, path, checked.format, checked.size, digest, layout.encoding, layout.delimiter
        )
        return info, [sheet]
    sheets = read_workbook(checked, cancel)
    info = FileInfo(
        path.name, path, checked.format, checked.size, digest, date1904=checked.date1904
    )
    return info, sheets
