"""What a successful read produces: normalised records that remember where they came from.

These are not domain entities: they carry natural keys and references by code or name
(``fab_site_code``, ``customer_name``), not database ids, because resolving those against the
database is the storage half's job. Every record keeps its :class:`SourceRef` so any later
finding (a relocation, a conflict with the database) can point the analyst at the exact row.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter

from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    ProcessType,
    ServiceType,
)
from workbench.importers.outcome import Severity


class RecordKind(StrEnum):
    CUSTOMER = "customers"
    FAB = "fabs"
    MACHINE = "machines"
    CONTRACT = "contracts"
    CONTRACT_LINE = "contract_lines"

    @property
    def singular(self) -> str:
        return _SINGULAR[self]


_SINGULAR = {
    RecordKind.CUSTOMER: "customer",
    RecordKind.FAB: "fab",
    RecordKind.MACHINE: "machine",
    RecordKind.CONTRACT: "contract",
    RecordKind.CONTRACT_LINE: "contract line",
}


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from; ``row`` is the 1-based row number the spreadsheet shows."""

    file: str
    sheet: str | None
    row: int

    def __str__(self) -> str:
        where = f"{self.file}, sheet '{self.sheet}'" if self.sheet else self.file
        return f"{where}, row {self.row}"


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One problem found while reading, phrased for the analyst who must fix the source file.

    ``row`` is None for sheet-level issues (no header found, a required column missing);
    ``column_header``/``column_letter`` are None for row-level issues not tied to one cell
    (a duplicate key spanning several columns still names its key column).
    """

    file: str
    sheet: str | None
    row: int | None
    column_header: str | None
    column_letter: str | None
    value: str | None
    message: str
    severity: Severity = Severity.ERROR
    kind: RecordKind | None = None

    @property
    def text(self) -> str:
        """The full sentence: "a.xlsx, sheet 'Tools', row 17, column 'Install date' (F): ..."."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column_header is not None:
            letter = f" ({self.column_letter})" if self.column_letter else ""
            parts.append(f"column '{self.column_header}'{letter}")
        return f"{', '.join(parts)}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column_header,
            "column_letter": self.column_letter,
            "value": self.value,
            "message": self.message,
            "severity": self.severity.value,
            "kind": self.kind.value if self.kind else None,
        }


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    source: SourceRef
    name: str
    code: str | None = None
    local_name: str | None = None
    hq_country: str | None = None
    parent: str | None = None  # parent customer, by code or name as the file wrote it

    @property
    def key(self) -> str:
        return (self.code or self.name).casefold()


def fab_place(name: str | None, city: str | None) -> str:
    """What places a fab that has no site code: its name and city, or whichever is given.

    Both count when both are given: a service system that names its own service site
    ("KE-TOY") for fabs in Yokkaichi and in Kitakami describes two fabs, not one that moved.
    """
    if name and city:
        return f"{name}\x1f{city}"
    return name or city or ""


@dataclass(frozen=True, slots=True)
class FabRecord:
    """``site_code`` is None when the export names the fab only (name or city, country and
    customer): the planner then finds it by that identity or gives it a generated code."""

    source: SourceRef
    site_code: str | None
    country: str
    name: str | None = None
    customer_code: str | None = None
    customer_name: str | None = None
    city: str | None = None
    region: str | None = None
    address: str | None = None
    process_type: ProcessType | None = None
    logic_node_nm: float | None = None
    architecture: Architecture | None = None
    dram_half_pitch_nm: float | None = None
    nand_layers: int | None = None
    wafer_size_mm: int | None = None

    @property
    def key(self) -> str:
        if self.site_code:
            return self.site_code.casefold()
        place = fab_place(self.name, self.city).casefold()
        customer = (self.customer_code or self.customer_name or "").casefold()
        return f"{customer}\x1f{place}\x1f{self.country}"


@dataclass(frozen=True, slots=True)
class MachineRecord:
    """``vendor`` is None when the export has no vendor column (a vendor's own installed base).

    A machine names its fab by site code, or by name; on a flat export also by the city,
    country and customer of its row (``fab_city``, ``fab_country``, ``customer_*``), the
    identity a fab without a site code has.
    """

    source: SourceRef
    serial: str
    model_code: str
    vendor: str | None = None
    category: EquipmentCategory | None = None
    fab_site_code: str | None = None
    fab_name: str | None = None
    ship_date: date | None = None
    install_date: date | None = None
    status: MachineStatus | None = None
    licence: str | None = None
    fab_city: str | None = None
    fab_country: str | None = None
    customer_code: str | None = None
    customer_name: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return ((self.vendor or "").casefold(), self.serial)


@dataclass(frozen=True, slots=True)
class ContractRecord:
    """Dates, value and currency None mean the file does not say: a contract named on its
    lines takes them from the lines (value: their sum); a start nobody states stays unknown."""

    source: SourceRef
    number: str
    start_date: date | None = None
    end_date: date | None = None
    value: Decimal | None = None
    currency: str | None = None
    customer_code: str | None = None
    customer_name: str | None = None
    signed_date: date | None = None
    renewal: str | None = None
    title: str | None = None

    @property
    def key(self) -> str:
        return self.number.casefold()


@dataclass(frozen=True, slots=True)
class ContractLineRecord:
    """One machine covered by one contract; dates and value None mean 'as the contract'.

    An empty ``service_types`` means the file names no services: the line is taken to cover
    every service type, and the obligations say that the coverage is assumed.
    """

    source: SourceRef
    contract_number: str
    serial: str
    service_types: frozenset[ServiceType] = frozenset()
    vendor: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    value: Decimal | None = None
    currency: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.contract_number.casefold(), (self.vendor or "").casefold(), self.serial)


Record = CustomerRecord | FabRecord | MachineRecord | ContractRecord | ContractLineRecord

RECORD_TYPES: dict[RecordKind, type] = {
    RecordKind.CUSTOMER: CustomerRecord,
    RecordKind.FAB: FabRecord,
    RecordKind.MACHINE: MachineRecord,
    RecordKind.CONTRACT: ContractRecord,
    RecordKind.CONTRACT_LINE: ContractLineRecord,
}


_VALUE_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls) if f.name != "source") for cls in RECORD_TYPES.values()
}
_VALUE_GETTERS = {cls: attrgetter(*names) for cls, names in _VALUE_NAMES.items()}


def record_values(record: Record) -> dict[str, object]:
    """The record's fields without its source: what two rows must agree on to be one record."""
    names = _VALUE_NAMES[type(record)]
    return dict(zip(names, value_tuple(record), strict=True))


def value_tuple(record: Record) -> tuple[object, ...]:
    """Like :func:`record_values` as a tuple; cheap enough to call on every row."""
    values: tuple[object, ...] = _VALUE_GETTERS[type(record)](record)
    return values
