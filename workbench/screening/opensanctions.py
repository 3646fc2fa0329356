"""Reader for OpenSanctions' "simple" CSV export (targets.simple.csv).

OpenSanctions merges many lists, so one row may sit in several datasets; the entry's source is
the first of them we know as a list (Entity List, SDN, ...), else the first dataset's slug. The
export has no licence columns: the sanctions text is kept as remarks and searched for
footnotes and review policy, which OpenSanctions copies there from the Entity List.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening.cells import (
    CellError,
    checkpoint,
    country_code,
    decode_utf8,
    iso_date,
    split_multi,
    text,
    unique,
)
from workbench.screening.entries import ListEntry, ListFormatError
from workbench.screening.licensing import parse_footnotes, policy_category
from workbench.screening.sources import known_source_code, source_code

OPENSANCTIONS_COLUMNS: tuple[str, ...] = (
    "id",
    "schema",
    "name",
    "aliases",
    "birth_date",
    "countries",
    "addresses",
    "identifiers",
    "sanctions",
    "phones",
    "emails",
    "program_ids",
    "dataset",
    "first_seen",
    "last_seen",
    "last_change",
)
#: Columns without which a file cannot be an OpenSanctions export; older ones lack program_ids.
_REQUIRED = ("id", "schema", "name", "aliases", "countries", "sanctions", "dataset")
_CHECK_EVERY = 2000


def read_opensanctions_csv(
    path: Path, data: bytes, progress: Progress | None, cancel: CancelToken | None
) -> list[ListEntry]:
    """Entries of an OpenSanctions simple CSV file, given its bytes."""
    rows = list(csv.reader(io.StringIO(decode_utf8(path, data), newline="")))
    if not rows:
        raise ListFormatError(path, "the file is empty", row=1)
    header = [name.strip().casefold() for name in rows[0]]
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise ListFormatError(
            path,
            "is not an OpenSanctions simple CSV: missing column(s) " + ", ".join(missing),
            row=1,
        )
    at = {name: header.index(name) for name in OPENSANCTIONS_COLUMNS if name in header}
    width = len(header)
    total = len(rows) - 1
    entries: list[ListEntry] = []
    for number, row in enumerate(rows[1:], start=2):
        if number % _CHECK_EVERY == 0:
            checkpoint(cancel, progress, number - 1, total)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise ListFormatError(
                path, f"has {len(row)} cells where the header has {width}", row=number
            )
        cells = {name: row[index] for name, index in at.items()}
        entries.append(_entry(path, number, cells))
    checkpoint(cancel, progress, total, total)
    return entries


def _entry(path: Path, number: int, cells: dict[str, str]) -> ListEntry:
    key = text(cells["id"])
    if key is None:
        raise ListFormatError(path, "the id is empty", row=number, column="id")
    name = text(cells["name"])
    if name is None:
        raise ListFormatError(path, "the name is empty", row=number, column="name")
    countries: list[str] = []
    for value in split_multi(cells["countries"]):
        code = country_code(value)
        if code is None:
            raise ListFormatError(
                path, f"'{value}' is not a two-letter country code", row=number, column="countries"
            )
        countries.append(code)
    try:
        first_seen = iso_date(text(cells.get("first_seen")))
    except CellError as error:
        raise ListFormatError(path, str(error), row=number, column="first_seen") from None
    sanctions = text(cells["sanctions"])
    datasets = split_multi(cells["dataset"])
    programs = split_multi(cells.get("program_ids"))
    return ListEntry(
        key=key,
        source=_source(datasets, programs, sanctions),
        name=name,
        aliases=tuple(a for a in split_multi(cells["aliases"]) if a != name),
        countries=unique(countries),
        addresses=split_multi(cells.get("addresses")),
        programs=programs,
        entity_type=text(cells["schema"]),
        source_name="; ".join(datasets) or None,
        start_date=first_seen,
        footnotes=parse_footnotes(sanctions),
        policy_category=policy_category(sanctions),
        remarks=sanctions,
    )


def _source(datasets: tuple[str, ...], programs: tuple[str, ...], sanctions: str | None) -> str:
    """The most specific list the row names: sanctions text, then programs, then datasets."""
    for candidate in (*split_multi(sanctions), *programs, *datasets):
        code = known_source_code(candidate)
        if code is not None:
            return code
    return source_code(datasets[0]) if datasets else "opensanctions"
