"""Small parsers for the cells of list files, shared by every reader."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening.entries import ListFormatError

_ISO2 = re.compile(r"^[A-Z]{2}$")
_LEADING_AND = re.compile(r"^(?:and|&)\s+", re.I)


class CellError(ValueError):
    """A cell could not be read; the reader adds file, row and column."""


def text(value: object) -> str | None:
    """A stripped string, or None for empty and missing cells."""
    if value is None:
        return None
    result = str(value).strip()
    return result or None


def split_multi(value: str | None, separator: str = ";") -> tuple[str, ...]:
    """Split a multi-valued cell, dropping empties and the "and" the Entity List puts last."""
    if not value:
        return ()
    parts = (_LEADING_AND.sub("", part.strip()) for part in value.split(separator))
    return tuple(dict.fromkeys(part for part in parts if part))


def country_code(value: str | None) -> str | None:
    """An ISO 3166 alpha-2 code when the value is one (any case), else None."""
    if not value:
        return None
    candidate = value.strip().upper()
    return candidate if _ISO2.match(candidate) else None


def address_country(address: str) -> str | None:
    """The country of a CSL address cell ("street, city, state, postal, CC" or just "CC")."""
    return country_code(address.rsplit(",", 1)[-1])


def iso_date(value: str | None) -> date | None:
    """A date written YYYY-MM-DD (a time part after it is ignored), or None when empty."""
    if not value:
        return None
    head = value.strip()[:10]
    try:
        return date.fromisoformat(head)
    except ValueError:
        raise CellError(f"'{value.strip()}' is not a date in the form YYYY-MM-DD") from None


def unique(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Values in first-seen order without repeats."""
    return tuple(dict.fromkeys(values))


def decode_utf8(path: Path, data: bytes) -> str:
    """The file's text; a byte-order mark (Excel writes one) is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ListFormatError(
            path, f"is not UTF-8 text (bad byte at offset {error.start})"
        ) from None


def checkpoint(
    cancel: CancelToken | None, progress: Progress | None, done: int, total: int
) -> None:
    """Stop if asked to, then report progress: called between chunks of rows."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    if progress is not None:
        progress(done, total)
