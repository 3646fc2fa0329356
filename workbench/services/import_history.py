"""Import history: the batches earlier imports recorded, and the records each one wrote.

Every commit records a batch row (also one that changed nothing), and every record it created
or changed carries that batch's id until a later import changes it again. So "the records of
a batch" are the rows whose ``batch_id`` is still that batch: what this import is the last
word on. The app's history view and the import wizard read through here; the wizard also
saves the mapping an analyst reviewed as a named profile here, because the window never holds
a session of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select

from workbench.domain.errors import WorkbenchError
from workbench.importers import Mapping
from workbench.services.identity import current_user
from workbench.services.importing import save_profile
from workbench.storage.database import Database
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    ImportBatchRow,
    MachineRow,
    ObligationRow,
)

#: Record kinds in the order an import writes them, with the label the history shows.
KIND_LABELS: dict[str, str] = {
    "customers": "Customer",
    "fabs": "Fab",
    "equipment_models": "Equipment model",
    "machines": "Machine",
    "contracts": "Contract",
    "obligations": "Obligation",
}
#: Rows of one batch listed at most; a 100k-row import still opens instantly.
RECORD_LIMIT = 2_000


class HistoryError(WorkbenchError):
    """A batch does not exist (any more) in the open database."""


@dataclass(frozen=True)
class BatchSummary:
    """One line of the history table."""

    id: int
    created_at: dt.datetime
    file_name: str
    user: str
    status: str  # committed | partial | unchanged
    profile: str | None
    counts: dict[str, dict[str, int]]

    def total(self, what: str) -> int:
        """Sum of one count (new, changed, unchanged, rejected) over every record kind."""
        return sum(kind.get(what, 0) for kind in self.counts.values())


@dataclass(frozen=True)
class BatchFile:
    name: str
    sha256: str
    format: str
    size: int | None


@dataclass(frozen=True)
class BatchSheet:
    file: str
    sheet: str | None
    header_row: int | None
    kinds: tuple[str, ...]
    rows_read: int
    rows_rejected: int
    mapping: dict[str, str]


@dataclass(frozen=True)
class BatchRecord:
    kind: str  # a key of KIND_LABELS
    key: str  # the natural key: serial, contract number, site code, ...
    description: str


@dataclass(frozen=True)
class BatchDetail:
    summary: BatchSummary
    sha256: str  # over all files of the batch
    files: list[BatchFile]
    sheets: list[BatchSheet]
    records: list[BatchRecord]
    #: Records per kind whose batch is this one; may exceed ``len(records)``.
    record_counts: dict[str, int] = field(default_factory=dict)

    @property
    def records_total(self) -> int:
        return sum(self.record_counts.values())


def list_batches(db: Database) -> list[BatchSummary]:
    """Every batch, newest first."""
    with db.read() as session:
        rows = session.scalars(
            select(ImportBatchRow).order_by(
                ImportBatchRow.created_at.desc(), ImportBatchRow.id.desc()
            )
        ).all()
        return [_summary(row) for row in rows]


def batch_detail(db: Database, batch_id: int, limit: int = RECORD_LIMIT) -> BatchDetail:
    """The batch with its files, sheets and (up to ``limit``) records; raises HistoryError."""
    with db.read() as session:
        row = session.get(ImportBatchRow, batch_id)
        if row is None:
            raise HistoryError(f"Import batch {batch_id} is not in this database.")
        summary = _summary(row)
        files, sheets = _files_and_sheets(row.sheets)
        counts: dict[str, int] = {}
        records: list[BatchRecord] = []
        for kind, query in _record_queries(batch_id).items():
            table = _TABLES[kind]
            count = session.scalar(
                select(func.count()).select_from(table).where(table.batch_id == batch_id)
            )
            counts[kind] = int(count or 0)
            room = limit - len(records)
            if counts[kind] and room > 0:
                for values in session.execute(query.limit(room)):
                    records.append(_record(kind, tuple(values)))
        return BatchDetail(summary, row.sha256, files, sheets, records, counts)


def store_profile(db: Database, name: str, mapping: Mapping) -> None:
    """Save (or replace) the named profile in its own transaction; raises ProfileError."""
    with db.session() as session:
        save_profile(session, name.strip(), mapping, current_user())


# -- internals ---------------------------------------------------------------------------------

_TABLES: dict[str, Any] = {
    "customers": CustomerRow,
    "fabs": FabRow,
    "equipment_models": EquipmentModelRow,
    "machines": MachineRow,
    "contracts": ContractRow,
    "obligations": ObligationRow,
}


def _record_queries(batch_id: int) -> dict[str, Select[*tuple[Any, ...]]]:
    """Per kind: key and describing columns of the batch's rows, in a stable order."""
    return {
        "customers": select(CustomerRow.code, CustomerRow.name, CustomerRow.hq_country)
        .where(CustomerRow.batch_id == batch_id)
        .order_by(CustomerRow.code),
        "fabs": select(FabRow.site_code, FabRow.name, FabRow.country)
        .where(FabRow.batch_id == batch_id)
        .order_by(FabRow.site_code),
        "equipment_models": select(
            EquipmentModelRow.model_code, EquipmentModelRow.vendor, EquipmentModelRow.category
        )
        .where(EquipmentModelRow.batch_id == batch_id)
        .order_by(EquipmentModelRow.vendor, EquipmentModelRow.model_code),
        "machines": select(
            MachineRow.serial, MachineRow.vendor, EquipmentModelRow.model_code, FabRow.site_code
        )
        .join(EquipmentModelRow, EquipmentModelRow.id == MachineRow.model_id)
        .join(FabRow, FabRow.id == MachineRow.fab_id)
        .where(MachineRow.batch_id == batch_id)
        .order_by(MachineRow.vendor, MachineRow.serial),
        "contracts": select(ContractRow.number, CustomerRow.name, ContractRow.end_date)
        .join(CustomerRow, CustomerRow.id == ContractRow.customer_id)
        .where(ContractRow.batch_id == batch_id)
        .order_by(ContractRow.number),
        "obligations": select(ContractRow.number, MachineRow.serial, ObligationRow.service_type)
        .join(ContractRow, ContractRow.id == ObligationRow.contract_id)
        .join(MachineRow, MachineRow.id == ObligationRow.machine_id)
        .where(ObligationRow.batch_id == batch_id)
        .order_by(ContractRow.number, MachineRow.serial, ObligationRow.service_type),
    }


def _record(kind: str, values: tuple[Any, ...]) -> BatchRecord:
    if kind == "customers":
        code, name, country = values
        return BatchRecord(kind, str(code), f"{name} · HQ {country}")
    if kind == "fabs":
        site, name, country = values
        return BatchRecord(kind, str(site), f"{name} · {country}")
    if kind == "equipment_models":
        model, vendor, category = values
        return BatchRecord(kind, str(model), f"{vendor} · {category}")
    if kind == "machines":
        serial, vendor, model, site = values
        return BatchRecord(kind, str(serial), f"{vendor} {model} at {site}")
    if kind == "contracts":
        number, customer, end = values
        return BatchRecord(kind, str(number), f"{customer} · until {end.isoformat()}")
    number, serial, service = values
    return BatchRecord(kind, f"{number} / {serial}", str(service))


def _summary(row: ImportBatchRow) -> BatchSummary:
    return BatchSummary(
        id=row.id,
        created_at=_as_utc(row.created_at),
        file_name=row.file_name,
        user=row.user_name,
        status=row.status,
        profile=row.profile,
        counts=_counts(row.counts_json),
    )


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back the server's UTC timestamp without a zone; PostgreSQL with one."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _counts(text: str) -> dict[str, dict[str, int]]:
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    out: dict[str, dict[str, int]] = {}
    for kind, counts in raw.items():
        if isinstance(counts, dict):
            out[str(kind)] = {str(k): int(v) for k, v in counts.items() if isinstance(v, int)}
    return out


def _files_and_sheets(text: str | None) -> tuple[list[BatchFile], list[BatchSheet]]:
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return [], []
    if not isinstance(raw, dict):
        return [], []
    files = [
        BatchFile(
            str(f.get("name", "")),
            str(f.get("sha256", "")),
            str(f.get("format", "")),
            f.get("size") if isinstance(f.get("size"), int) else None,
        )
        for f in raw.get("files", [])
        if isinstance(f, dict)
    ]
    sheets = [
        BatchSheet(
            str(s.get("file", "")),
            s.get("sheet") if isinstance(s.get("sheet"), str) else None,
            s.get("header_row") if isinstance(s.get("header_row"), int) else None,
            tuple(str(k) for k in s.get("kinds", [])),
            int(s.get("rows_read", 0)),
            int(s.get("rows_rejected", 0)),
            {str(k): str(v) for k, v in (s.get("mapping") or {}).items()},
        )
        for s in raw.get("sheets", [])
        if isinstance(s, dict)
    ]
    return files, sheets
