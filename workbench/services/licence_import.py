"""Licences from a spreadsheet: the register's own sheet, read by the importer's readers.

The file goes through ``importers.readers.read_file`` (the guard, every format the importer
takes); the sheet is the one named like "Licences" (else the only sheet), its header the first
non-empty row. Every bad cell is reported with file, sheet, row and column, and nothing is
written unless every row is good: half a register is worse than none. A row whose authority,
number and valid-from date are in the register updates that licence; any other row adds one.
The whole file is one import batch in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from workbench.domain.errors import WorkbenchError
from workbench.importers.cells import CellValue, RawSheet, column_letter
from workbench.importers.readers import read_file
from workbench.services import audit
from workbench.services.identity import current_user
from workbench.services.licences import (
    LicenceError,
    LicenceInput,
    check_input,
    clean_input,
    insert_in_session,
    parse_list,
    parse_money,
    update_in_session,
    writing,
)
from workbench.storage.database import Database
from workbench.storage.orm import ImportBatchRow, LicenceRow

#: Header texts (lower case, spaces for _ and -) to field names.
HEADERS: dict[str, str] = {
    "authority": "authority",
    "issuing authority": "authority",
    "number": "number",
    "licence number": "number",
    "license number": "number",
    "licence no": "number",
    "type": "licence_type",
    "licence type": "licence_type",
    "valid from": "valid_from",
    "issued": "valid_from",
    "valid to": "valid_to",
    "expires": "valid_to",
    "expiry": "valid_to",
    "customers": "customers",
    "customer": "customers",
    "end user": "customers",
    "fabs": "fabs",
    "fab": "fabs",
    "sites": "fabs",
    "machines": "machines",
    "serials": "machines",
    "models": "model_codes",
    "model families": "model_codes",
    "model codes": "model_codes",
    "service types": "service_types",
    "services": "service_types",
    "classifications": "classifications",
    "eccn": "classifications",
    "eccns": "classifications",
    "annex entries": "classifications",
    "value limit": "value_limit",
    "currency": "limit_currency",
    "quantity limit": "quantity_limit",
    "conditions": "conditions",
    "notes": "notes",
}
REQUIRED = ("authority", "number", "valid_from")
_LISTS = ("customers", "fabs", "machines", "model_codes", "service_types", "classifications")


class LicenceImportError(WorkbenchError):
    """The sheet has problems; ``problems`` lists each with its place."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:20]
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"Nothing was imported; {len(problems)} problem(s):\n" + "\n".join(shown) + more
        )
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    batch_id: int


def _pick_sheet(sheets: list[RawSheet], file_name: str) -> RawSheet:
    named = [s for s in sheets if s.sheet and "licen" in s.sheet.lower()]
    if named:
        return named[0]
    if len(sheets) == 1:
        return sheets[0]
    names = ", ".join(repr(s.sheet) for s in sheets)
    raise LicenceImportError(
        [f"{file_name}: no sheet named 'Licences' among {names}; rename the licences sheet."]
    )


def _header_name(value: CellValue) -> str:
    return " ".join(str(value or "").strip().lower().replace("_", " ").replace("-", " ").split())


def _date(value: CellValue) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10])
    raise ValueError("not a date")


def _text(value: CellValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _convert(name: str, value: CellValue) -> Any:
    """A cell as the field wants it; raises ValueError with the reason."""
    if name in ("valid_from", "valid_to"):
        try:
            return _date(value)
        except ValueError:
            raise ValueError(f"'{_text(value)}' is not a date (YYYY-MM-DD)") from None
    if name in _LISTS:
        return parse_list(_text(value))
    if name == "value_limit":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Decimal(str(value))
        try:
            return parse_money(_text(value), "value limit")
        except LicenceError as exc:
            raise ValueError(str(exc).rstrip(".")) from None
    if name == "quantity_limit":
        text = _text(value)
        if not text.isdigit():
            raise ValueError(f"'{text}' is not a whole number")
        return int(text)
    return _text(value)


def read_licences(path: Path) -> tuple[str, str, list[tuple[int, LicenceInput]]]:
    """(file name, sha256, [(row number, licence)]) from the file; raises
    :class:`LicenceImportError` listing every bad cell."""
    info, sheets = read_file(path)
    sheet = _pick_sheet(sheets, info.name)
    where = f"{info.name}, sheet '{sheet.sheet}'" if sheet.sheet else info.name
    header_at = next(
        (i for i, r in enumerate(sheet.rows) if any(_text(c) for c in r if c is not None)), None
    )
    if header_at is None:
        raise LicenceImportError([f"{where}: the sheet is empty."])
    columns: dict[int, str] = {}
    problems: list[str] = []
    for index, cell in enumerate(sheet.rows[header_at]):
        name = HEADERS.get(_header_name(cell))
        if name is not None:
            if name in columns.values():
                problems.append(
                    f"{where}, row {header_at + 1}, column {column_letter(index)}: "
                    f"a second column for {name.replace('_', ' ')}."
                )
            columns[index] = name
        elif _header_name(cell):
            problems.append(
                f"{where}, row {header_at + 1}, column {column_letter(index)}: unknown "
                f"column '{_text(cell)}' (known: authority, number, type, valid from, valid to, "
                "customers, fabs, machines, models, service types, classifications, value "
                "limit, currency, quantity limit, conditions, notes)."
            )
    missing = [r.replace("_", " ") for r in REQUIRED if r not in columns.values()]
    if missing:
        problems.append(f"{where}, row {header_at + 1}: no column for {', '.join(missing)}.")
    if problems:
        raise LicenceImportError(problems)
    found: list[tuple[int, LicenceInput]] = []
    for offset, cells in enumerate(sheet.rows[header_at + 1 :], start=header_at + 2):
        values: dict[str, Any] = {}
        bad = False
        for index, name in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            try:
                values[name] = _convert(name, cell)
            except ValueError as exc:
                problems.append(f"{where}, row {offset}, column {column_letter(index)}: {exc}.")
                bad = True
        if not values and not bad:
            continue  # a blank line
        absent = [r for r in REQUIRED if r not in values]
        for name in absent:
            index = next(i for i, n in columns.items() if n == name)
            problems.append(
                f"{where}, row {offset}, column {column_letter(index)}: "
                f"{name.replace('_', ' ')} is empty."
            )
        if bad or absent:
            continue
        spec = clean_input(LicenceInput(**values))
        try:
            check_input(spec)
        except LicenceError as exc:
            problems.append(f"{where}, row {offset}: {exc}")
            continue
        found.append((offset, spec))
    if problems:
        raise LicenceImportError(problems)
    return info.name, info.sha256, found


def import_licences(
    db: Database, path: Path, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Add or update the licences of a sheet in one audited transaction, or nothing."""
    file_name, digest, rows = read_licences(path)
    where = file_name
    added = updated = unchanged = 0
    problems: list[str] = []
    with writing(db, "importing licences") as session:
        batch_id = int(
            session.execute(
                insert(ImportBatchRow)
                .values(
                    file_name=file_name,
                    sha256=digest,
                    sheets="licences",
                    profile="licences",
                    counts_json="{}",
                    user_name=current_user(),
                )
                .returning(ImportBatchRow.id)
            ).scalar_one()
        )
        events = []
        seen: set[tuple[str, str, dt.date]] = set()
        for n, (row_number, spec) in enumerate(rows):
            key = (spec.authority, spec.number, spec.valid_from)
            if key in seen:
                problems.append(
                    f"{where}, row {row_number}: licence {spec.authority} "
                    f"{spec.number} from {spec.valid_from} is in the sheet twice."
                )
                continue
            seen.add(key)
            existing = session.execute(
                select(LicenceRow.id).where(
                    func.upper(LicenceRow.authority) == spec.authority,
                    LicenceRow.number == spec.number,
                    LicenceRow.valid_from == spec.valid_from,
                )
            ).scalar_one_or_none()
            try:
                if existing is None:
                    _, event = insert_in_session(session, spec)
                    events.append(event)
                    added += 1
                else:
                    result, changes = update_in_session(session, existing, None, spec)
                    events += changes
                    updated += result.action == "update"
                    unchanged += result.action == "none"
            except LicenceError as exc:
                problems.append(f"{where}, row {row_number}: {exc}")
            if progress is not None:
                progress(n + 1, len(rows))
        if problems:
            raise LicenceImportError(problems)
        counts = {"licences": {"added": added, "updated": updated, "unchanged": unchanged}}
        session.execute(
            ImportBatchRow.__table__.update()  # type: ignore[attr-defined]
            .where(ImportBatchRow.id == batch_id)
            .values(counts_json=json.dumps(counts))
        )
        if events:
            audit.record_many(
                session, events, "import_batch", batch_id, f"licences from {file_name}"
            )
    return ImportResult(added, updated, unchanged, batch_id)
