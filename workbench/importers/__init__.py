"""The reading half of the installed-base import: files on disk to validated records.

No database, no Qt. The storage half calls :func:`parse_files` and gets a :class:`ParsedImport`
with per-kind record lists, every issue, per-sheet summaries and each file's SHA-256; it then
diffs against the database and commits. A file that cannot be read safely raises a subclass of
:class:`ImportFileError` whose ``str()`` is the one sentence to show.
"""

from __future__ import annotations

from workbench.importers.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedWorkbookError,
    FileTooLargeError,
    ImportFileError,
    SheetTooLargeError,
    UnsupportedFileTypeError,
    WrongFileTypeError,
    XmlBombError,
    ZipBombError,
)
from workbench.importers.fields import FIELDS, FIELDS_BY_KEY, REQUIRED, FieldSpec
from workbench.importers.guard import SUPPORTED_EXTENSIONS, FileFormat
from workbench.importers.layout import Mapping
from workbench.importers.outcome import Severity
from workbench.importers.parse import ParsedImport, RejectedRow, SheetSummary, parse_files
from workbench.importers.readers import FileInfo
from workbench.importers.records import (
    ContractLineRecord,
    ContractRecord,
    CustomerRecord,
    FabRecord,
    ImportIssue,
    MachineRecord,
    Record,
    RecordKind,
    SourceRef,
)

__all__ = [
    "FIELDS",
    "FIELDS_BY_KEY",
    "REQUIRED",
    "SUPPORTED_EXTENSIONS",
    "ContractLineRecord",
    "ContractRecord",
    "CorruptFileError",
    "CustomerRecord",
    "EmptyFileError",
    "EncryptedWorkbookError",
    "FabRecord",
    "FieldSpec",
    "FileFormat",
    "FileInfo",
    "FileTooLargeError",
    "ImportFileError",
    "ImportIssue",
    "MachineRecord",
    "Mapping",
    "ParsedImport",
    "Record",
    "RecordKind",
    "RejectedRow",
    "Severity",
    "SheetSummary",
    "SheetTooLargeError",
    "SourceRef",
    "UnsupportedFileTypeError",
    "WrongFileTypeError",
    "XmlBombError",
    "ZipBombError",
    "parse_files",
]
