"""Readers for the U.S. Consolidated Screening List: trade.gov's CSV and JSON downloads.

Both layouts carry the same fields; the CSV flattens lists into "; "-joined cells and each
address into "street, city, state, postal, CC", the JSON keeps them as arrays and objects.
Both go through :func:`_entry` so an entry reads the same from either file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening.cells import (
    CellError,
    address_country,
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
from workbench.screening.sources import source_code

#: The 29 columns of trade.gov's consolidated.csv, in their published order.
CSL_COLUMNS: tuple[str, ...] = (
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)

_CHECK_EVERY = 2000


def read_csl_csv(
    path: Path, data: bytes, progress: Progress | None, cancel: CancelToken | None
) -> list[ListEntry]:
    """Entries of a consolidated.csv file, given its bytes (already hashed by the caller)."""
    content = decode_utf8(path, data)
    rows = list(csv.reader(io.StringIO(content, newline="")))
    if not rows:
        raise ListFormatError(path, "the file is empty", row=1)
    header = [name.strip() for name in rows[0]]
    missing = [name for name in CSL_COLUMNS if name not in header]
    if missing:
        raise ListFormatError(
            path,
            "is not a Consolidated Screening List CSV: missing column(s) " + ", ".join(missing),
            row=1,
        )
    at = {name: header.index(name) for name in CSL_COLUMNS}
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
        addresses = split_multi(row[at["addresses"]])
        cells: dict[str, Any] = {name: row[index] for name, index in at.items()}
        cells["addresses"] = addresses
        cells["address_countries"] = tuple(
            code for code in (address_country(a) for a in addresses) if code
        )
        for name in ("programs", "alt_names", "citizenships", "nationalities"):
            cells[name] = split_multi(row[at[name]])
        entries.append(_entry(path, number, cells))
    checkpoint(cancel, progress, total, total)
    return entries


def read_csl_json(
    path: Path, data: bytes, progress: Progress | None, cancel: CancelToken | None
) -> list[ListEntry]:
    """Entries of a consolidated.json file (``{"results": [...]}`` or a bare array)."""
    try:
        document = json.loads(decode_utf8(path, data))
    except json.JSONDecodeError as error:
        raise ListFormatError(
            path, f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    results = document.get("results") if isinstance(document, dict) else document
    if not isinstance(results, list):
        raise ListFormatError(path, 'has no "results" array of entries')
    total = len(results)
    entries: list[ListEntry] = []
    for number, item in enumerate(results, start=1):
        if number % _CHECK_EVERY == 0:
            checkpoint(cancel, progress, number, total)
        if not isinstance(item, dict):
            raise ListFormatError(path, "is not an object", row=number)
        cells: dict[str, Any] = dict(item)
        cells["_id"] = item.get("id", item.get("_id"))
        addresses, countries = _json_addresses(path, number, item.get("addresses"))
        cells["addresses"] = addresses
        cells["address_countries"] = countries + tuple(
            code for code in [country_code(_string(item.get("country")))] if code
        )
        for name in ("programs", "alt_names", "citizenships", "nationalities"):
            cells[name] = _json_strings(path, number, name, item.get(name))
        entries.append(_entry(path, number, cells))
    checkpoint(cancel, progress, total, total)
    return entries


def _entry(path: Path, number: int, cells: Mapping[str, Any]) -> ListEntry:
    """One entry from the cells of either layout; multi-valued cells already split."""
    name = text(_string(cells.get("name")))
    if name is None:
        raise ListFormatError(path, "the name is empty", row=number, column="name")
    source_name = text(_string(cells.get("source")))
    if source_name is None:
        raise ListFormatError(path, "the source list is empty", row=number, column="source")
    try:
        start = iso_date(text(_string(cells.get("start_date"))))
    except CellError as error:
        raise ListFormatError(path, str(error), row=number, column="start_date") from None
    requirement = text(_string(cells.get("license_requirement")))
    policy = text(_string(cells.get("license_policy")))
    remarks = text(_string(cells.get("remarks")))
    notice = text(_string(cells.get("federal_register_notice")))
    entity_number = text(_string(cells.get("entity_number")))
    key = text(_string(cells.get("_id"))) or f"{source_name}|{entity_number or ''}|{name}"
    nationals = tuple(cells.get("citizenships", ())) + tuple(cells.get("nationalities", ()))
    countries = tuple(cells.get("address_countries", ())) + tuple(
        code for code in (country_code(n) for n in nationals) if code
    )
    return ListEntry(
        key=key,
        source=source_code(source_name),
        name=name,
        aliases=tuple(a for a in cells.get("alt_names", ()) if a != name),
        countries=unique(countries),
        addresses=tuple(cells.get("addresses", ())),
        programs=tuple(cells.get("programs", ())),
        entity_type=text(_string(cells.get("type"))),
        source_name=source_name,
        entity_number=entity_number,
        federal_register_notice=notice,
        start_date=start,
        licence_requirement=requirement,
        licence_policy=policy,
        footnotes=parse_footnotes(requirement, policy, remarks, notice),
        policy_category=policy_category(policy),
        remarks=remarks,
    )


def _json_addresses(
    path: Path, number: int, value: object
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if value is None:
        return (), ()
    if not isinstance(value, list):
        raise ListFormatError(
            path, "must be an array of address objects", row=number, column="addresses"
        )
    lines: list[str] = []
    countries: list[str] = []
    for item in value:
        if isinstance(item, str):
            lines.append(item)
            code = address_country(item)
        elif isinstance(item, dict):
            parts = [
                _string(item.get(part)).strip()
                for part in ("address", "city", "state", "postal_code", "country")
            ]
            lines.append(", ".join(part for part in parts if part))
            code = country_code(_string(item.get("country")))
        else:
            raise ListFormatError(path, "must hold address objects", row=number, column="addresses")
        if code:
            countries.append(code)
    return tuple(line for line in lines if line), tuple(countries)


def _json_strings(path: Path, number: int, column: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return split_multi(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return unique([v.strip() for v in value if v.strip()])
    raise ListFormatError(path, "must be an array of strings", row=number, column=column)


def _string(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Sequence):
        return "; ".join(str(v) for v in value)
    return str(value)
