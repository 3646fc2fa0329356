"""One entry point from a path to raw sheets, with the guard always in front of the parsers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.cancel import CancelToken
from workbench.importers.cells import RawSheet
from workbench.importers.guard import FileFormat, check_file
from workbench.importers.isolated import read_isolated
from workbench.importers.textfile import read_text
from workbench.importers.workbook import read_workbook_sheets

#: Formats whose sheets the guard cannot bound before the native reader builds them: read in a
#: child process (see :mod:`workbench.importers.isolated`).
ISOLATED_FORMATS = frozenset({FileFormat.XLSB, FileFormat.ODS})


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
    #: Things the reader did not import and says so (a hidden sheet), as sentences.
    notices: tuple[str, ...] = ()


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
    if checked.format in ISOLATED_FORMATS:
        sheets, notices = read_isolated(checked, cancel)
    else:
        sheets, notices = read_workbook_sheets(checked, cancel)
    info = FileInfo(
        path.name,
        path,
        checked.format,
        checked.size,
        digest,
        date1904=checked.date1904,
        notices=tuple(notices),
    )
    return info, sheets
