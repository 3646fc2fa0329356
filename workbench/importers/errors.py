"""Typed failures for files that cannot be read at all.

A file-level failure stops the whole import before anything is parsed, so the CLI can print
one sentence and exit 1, and the wizard can show the same sentence beside the file name.
Row-level problems are never exceptions: they become
:class:`~workbench.importers.records.ImportIssue`.
"""

from __future__ import annotations


def one_line(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x07``).

    Reasons quote names taken from the file (part names, sheet names), which a damaged or
    hostile file can fill with line breaks or terminal escapes; the analyst's message and the
    log line stay one readable line whatever the file holds.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class ImportFileError(Exception):
    """A file the importer refuses to read; ``str()`` is the sentence shown to the analyst."""

    def __init__(self, file_name: str, reason: str) -> None:
        self.file_name = one_line(file_name)
        self.reason = one_line(reason)
        super().__init__(f"{self.file_name}: {self.reason}")

    def __reduce__(self) -> tuple[type[ImportFileError], tuple[str, str]]:
        # Pickled by the isolated reader's child process; the default would call
        # ``cls(message)`` and fail on the two-argument constructor.
        return (type(self), (self.file_name, self.reason))


class UnsupportedFileTypeError(ImportFileError):
    """The extension is not one the importer reads."""


class WrongFileTypeError(ImportFileError):
    """The bytes do not match the extension (a renamed file, or a file saved in another format)."""


class EncryptedWorkbookError(ImportFileError):
    """The workbook is password-protected, so its cells cannot be read without the password."""


class EmptyFileError(ImportFileError):
    """Zero bytes, or a workbook without a single non-empty cell."""


class ZipBombError(ImportFileError):
    """The archive would inflate far beyond any real installed-base export."""


class XmlBombError(ImportFileError):
    """An XML part declares a DOCTYPE or entities, the vector of entity-expansion attacks."""


class FileTooLargeError(ImportFileError):
    """The file on disk exceeds the size the importer is prepared to read."""


class CorruptFileError(ImportFileError):
    """The container is damaged: a truncated zip, an unreadable sheet, undecodable text."""


class SheetTooLargeError(ImportFileError):
    """A sheet reaches far beyond its data (a stray cell at XFD1048576), or beyond any export.

    Refused before the reader builds the sheet, which would otherwise ask for the whole
    rectangle from A1 to that cell in memory.
    """
