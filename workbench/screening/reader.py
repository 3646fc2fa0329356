"""One entry point for every list file: :func:`read_list`.

It hashes the bytes it parses (the SHA-256 identifies the list version), picks the reader for
the format, and makes keys unique: trade.gov gives some Entity List parties one ``_id`` for
several rows that differ only in Federal Register citation or address, and a version diff
needs one key per row.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from workbench.domain.cancel import CancelToken, Progress
from workbench.paths import resource
from workbench.screening.csl import read_csl_csv, read_csl_json
from workbench.screening.entries import ListEntry, ListFormat, ListFormatError, ListSnapshot
from workbench.screening.opensanctions import read_opensanctions_csv

#: Where the list shipped for offline screening sits under ``resources/``.
SHIPPED_LIST: tuple[str, ...] = ("reference", "csl_reconstructed_2026-07-31.csv")

_Reader = Callable[[Path, bytes, Progress | None, CancelToken | None], list[ListEntry]]
_READERS: dict[ListFormat, _Reader] = {
    ListFormat.CSL_CSV: read_csl_csv,
    ListFormat.CSL_JSON: read_csl_json,
    ListFormat.OPENSANCTIONS_CSV: read_opensanctions_csv,
}
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def read_list(
    path: Path | str,
    fmt: ListFormat | str | None = None,
    *,
    list_date: date | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ListSnapshot:
    """Read one list file into a snapshot; raise :class:`ListFormatError` on bad input.

    ``fmt`` may be omitted: ``.json`` is the CSL JSON, a CSV is told apart by its header.
    ``list_date`` defaults to a YYYY-MM-DD date in the file name, if there is one.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ListFormatError(path, f"cannot be read ({error.strerror or error})") from None
    chosen = _format(path, data, fmt)
    entries = _unique_keys(_READERS[chosen](path, data, progress, cancel))
    return ListSnapshot(
        fmt=chosen,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        entries=tuple(entries),
        list_date=list_date if list_date is not None else _date_in_name(path.name),
    )


def read_shipped_list(
    *, progress: Progress | None = None, cancel: CancelToken | None = None
) -> ListSnapshot:
    """The Consolidated Screening List shipped with the application, for offline screening."""
    return read_list(resource(*SHIPPED_LIST), ListFormat.CSL_CSV, progress=progress, cancel=cancel)


def _format(path: Path, data: bytes, fmt: ListFormat | str | None) -> ListFormat:
    if fmt is not None:
        try:
            return ListFormat(fmt)
        except ValueError:
            known = ", ".join(f.value for f in ListFormat)
            raise ListFormatError(path, f"unknown list format '{fmt}' (known: {known})") from None
    if path.suffix.casefold() == ".json":
        return ListFormat.CSL_JSON
    first_line = data[:2000].decode("utf-8-sig", errors="replace").splitlines()[:1]
    header = first_line[0].replace('"', "").casefold() if first_line else ""
    if header.startswith("id,schema,"):
        return ListFormat.OPENSANCTIONS_CSV
    if header.startswith("_id,"):
        return ListFormat.CSL_CSV
    raise ListFormatError(
        path, "is neither a Consolidated Screening List nor an OpenSanctions file", row=1
    )


def _unique_keys(entries: list[ListEntry]) -> list[ListEntry]:
    """Suffix repeated keys with a digest of the row, stable under reordering of the file."""
    counts = Counter(entry.key for entry in entries)
    if all(count == 1 for count in counts.values()):
        return entries
    seen: Counter[str] = Counter()
    result: list[ListEntry] = []
    for entry in entries:
        if counts[entry.key] == 1:
            result.append(entry)
            continue
        digest = hashlib.sha1(repr(replace(entry, key="")).encode(), usedforsecurity=False)
        key = f"{entry.key}#{digest.hexdigest()[:10]}"
        seen[key] += 1
        if seen[key] > 1:  # an exact repeat of a row: only its position tells it apart
            key = f"{key}.{seen[key]}"
        result.append(replace(entry, key=key))
    return result


def _date_in_name(name: str) -> date | None:
    match = _DATE_IN_NAME.search(name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None
