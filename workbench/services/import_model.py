"""The plan of an import: what it would create, change and reject, before anything is written.

The same object is the dry run shown to the analyst (counts, field-by-field changes,
relocations, rejected rows with reasons) and the list of writes the commit executes, so what
is previewed is exactly what is written.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from workbench.importers import ImportIssue, ParsedImport, RejectedRow, Severity, SourceRef


class PlanKind(StrEnum):
    """The tables an import writes, in the order it writes them (parents first)."""

    CUSTOMERS = "customers"
    FABS = "fabs"
    MODELS = "equipment_models"
    MACHINES = "machines"
    CONTRACTS = "contracts"
    OBLIGATIONS = "obligations"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: str
    new: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Change:
    """A record the import creates (``fields`` empty) or changes (old -> new per field)."""

    key: str
    source: SourceRef | None
    fields: tuple[FieldChange, ...] = ()
    #: The stored record's id, for a change (None for a record the import creates).
    record_id: int | None = None
    #: For a new record: the file names it only by reference (a customer named on a fab
    #: row, a contract named on its lines), so the import creates it from those rows.
    referenced: bool = False
    #: For a new contract line: it creates one obligation per service type named here. One
    #: change per line, not per obligation: a line naming no services stands for all nine,
    #: and a million-row export would otherwise hold nine million changes.
    services: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """How many records the change creates or changes."""
        return len(self.services) or 1

    def keys(self) -> list[str]:
        """The natural keys of the records it stands for (an obligation line: one per service)."""
        if not self.services:
            return [self.key]
        return [f"{self.key} / {service}" for service in self.services]

    @property
    def is_relocation(self) -> bool:
        """A machine whose file row puts it at another fab than the database does."""
        return any(f.field == "fab" for f in self.fields)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "source": _source_dict(self.source)}
        if self.fields:
            out["changes"] = [f.to_dict() for f in self.fields]
        if self.referenced:
            out["created_from_references"] = True
        if self.services:
            out["services"] = list(self.services)
        return out


def _source_dict(source: SourceRef | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"file": source.file, "sheet": source.sheet, "row": source.row}


@dataclass
class KindPlan:
    kind: PlanKind
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rejected: int = 0

    @property
    def new_total(self) -> int:
        """Records the kind creates: an obligation line counts once per service it names."""
        return sum(change.size for change in self.new)

    def counts(self) -> dict[str, int]:
        return {
            "new": self.new_total,
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass(frozen=True, slots=True)
class NewRef:
    """A foreign key to a row this same import inserts; its id is known only after the insert."""

    kind: PlanKind
    key: Hashable


@dataclass
class TableWrites:
    """Rows to insert and rows to update.

    An insert is a tuple in the table's ``INSERT_COLUMNS`` order (see
    :mod:`workbench.services.import_plan`); values may be :class:`NewRef`. Tuples, not dicts:
    an import of a million machines holds a million of them. Obligations are the exception:
    an insert is one contract line, ``(contract, machine, service types, start, end, line
    value, coverage assumed)``, which the commit writes as one row per service type with the
    value split evenly to the cent. An update holds ``id``, the
    ``version`` the plan read (for the concurrency check) and every updatable column, so one
    ``executemany`` statement serves all of them; updates are few.
    """

    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportPlan:
    parsed: ParsedImport
    kinds: dict[PlanKind, KindPlan]
    issues: list[ImportIssue]  # found while resolving against the database
    rejected_rows: list[RejectedRow]  # reading and resolving together, one per source row
    writes: dict[PlanKind, TableWrites]
    valid_only: bool = False
    #: "Is X the stored Y?": new names that resemble known ones, never merged on their own.
    near_matches: list[Any] = field(default_factory=list)
    #: (spelling in the file, the customer it was taken as): variants of one name.
    merged_spellings: list[tuple[str, str]] = field(default_factory=list)
    #: What the file does not say, per kind: (what, how many records) such as HQ inferred.
    unknowns: dict[str, int] = field(default_factory=dict)

    @property
    def all_issues(self) -> list[ImportIssue]:
        return [*self.parsed.issues, *self.issues]

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.all_issues if i.severity is Severity.ERROR]

    @property
    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.all_issues)

    @property
    def relocations(self) -> list[Change]:
        return [c for c in self.kinds[PlanKind.MACHINES].changed if c.is_relocation]

    @property
    def writes_anything(self) -> bool:
        return any(w.inserts or w.updates for w in self.writes.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {kind.value: plan.counts() for kind, plan in self.kinds.items()}

    def rejected_per_sheet(self) -> dict[tuple[str, str | None], int]:
        """Rejected source rows per (file, sheet), counted from :attr:`rejected_rows`.

        The per-sheet summary from reading only knows rows rejected while reading; rows the
        plan rejects later (duplicates, unresolved references) must be in the same count, or
        a sheet says "0 rejected" above a list of its rejected rows.
        """
        counts: dict[tuple[str, str | None], int] = {}
        for row in self.rejected_rows:
            counts[(row.file, row.sheet)] = counts.get((row.file, row.sheet), 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable plan (``workbench import --json``)."""
        rejected = self.rejected_per_sheet()
        return {
            "files": [
                {"name": f.name, "sha256": f.sha256, "format": f.format.value}
                for f in self.parsed.files
            ],
            "sheets": [
                {
                    "file": s.file,
                    "sheet": s.sheet,
                    "header_row": s.header_row,
                    "kinds": [k.value for k in s.kinds],
                    "rows_read": s.rows_read,
                    "rows_rejected": rejected.get((s.file, s.sheet), 0),
                }
                for s in self.parsed.sheets
            ],
            "counts": self.counts(),
            "new": {k.value: [c.to_dict() for c in p.new] for k, p in self.kinds.items()},
            "changed": {k.value: [c.to_dict() for c in p.changed] for k, p in self.kinds.items()},
            "relocations": [c.to_dict() for c in self.relocations],
            "created_from_references": {
                k.value: [c.to_dict() for c in p.new if c.referenced]
                for k, p in self.kinds.items()
                if any(c.referenced for c in p.new)
            },
            "near_matches": [m.to_dict() for m in self.near_matches],
            "merged_spellings": [{"spelling": s, "customer": c} for s, c in self.merged_spellings],
            "unknowns": dict(self.unknowns),
            "rejected_rows": [
                {"file": r.file, "sheet": r.sheet, "row": r.row, "reasons": list(r.reasons)}
                for r in self.rejected_rows
            ],
            "issues": [i.to_dict() for i in self.all_issues],
        }


def show(value: object) -> str:
    """A value as the plan prints it: ISO dates, plain numbers, enum slugs, '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
