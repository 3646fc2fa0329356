"""What the database already holds, loaded once per import into dictionaries by natural key.

Resolving 100k rows one query at a time would cost 100k round trips; instead each table's keys
and comparable columns are read in one statement and every lookup is a dictionary hit. Keys are
case-folded (``smic-sn1`` and ``SMIC-SN1`` are one fab) except serial numbers, where case and
leading zeros are part of the identity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ClauseElement

from workbench.storage.orm import (
    ContractRow,
    CustomerAliasRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    MachineRow,
    ObligationRow,
)

_ID_CHUNK = 500
_FETCH_CHUNK = 50_000
_MACHINE_DATE_COLUMNS = (6, 7)  # ship_date, install_date in the select below
_MACHINE_SHARED_COLUMNS = (1, 5)  # vendor, status


@dataclass(frozen=True, slots=True)
class StoredCustomer:
    id: int
    code: str
    name: str
    local_name: str | None
    hq_country: str | None
    parent_id: int | None
    version: int
    hq_country_basis: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFab:
    id: int
    site_code: str
    name: str
    customer_id: int
    country: str
    region: str | None
    city: str | None
    address: str | None
    process_type: str | None
    logic_node_nm: float | None
    architecture: str | None
    dram_half_pitch_nm: float | None
    nand_layers: int | None
    wafer_size_mm: int | None
    version: int


@dataclass(frozen=True, slots=True)
class StoredModel:
    id: int
    vendor: str
    model_code: str
    category: str
    version: int


class StoredMachine(NamedTuple):
    """A named tuple, not a dataclass like its siblings: a book holds a million of these, and
    a tuple is made from a database row in C."""

    id: int
    vendor: str
    serial: str
    model_id: int
    fab_id: int
    status: str
    ship_date: date | None
    install_date: date | None
    licence: str | None
    version: int


@dataclass(frozen=True, slots=True)
class StoredContract:
    id: int
    number: str
    customer_id: int
    title: str | None
    signed_date: date | None
    start_date: date | None
    end_date: date
    value: Decimal
    currency: str
    renewal: str | None
    version: int


@dataclass(frozen=True, slots=True)
class StoredObligation:
    id: int
    start_date: date | None
    end_date: date
    value: Decimal
    coverage_assumed: bool = False


@dataclass
class BookSnapshot:
    """The stored book as the import sees it; built by :func:`load_snapshot` or by hand in tests."""

    customers: dict[int, StoredCustomer] = field(default_factory=dict)
    aliases: dict[int, list[str]] = field(default_factory=dict)  # customer id -> alias names
    fabs: dict[int, StoredFab] = field(default_factory=dict)
    models: dict[int, StoredModel] = field(default_factory=dict)
    machines: dict[tuple[str, str], StoredMachine] = field(default_factory=dict)
    contracts: dict[str, StoredContract] = field(default_factory=dict)
    #: (contract id, machine id, service type) -> obligation, for the contracts the file names.
    obligations: dict[tuple[int, int, str], StoredObligation] = field(default_factory=dict)
    customer_by_code: dict[str, StoredCustomer] = field(init=False, default_factory=dict)
    customer_ids_by_name: dict[str, set[int]] = field(init=False, default_factory=dict)
    fab_by_code: dict[str, StoredFab] = field(init=False, default_factory=dict)
    fab_ids_by_name: dict[str, set[int]] = field(init=False, default_factory=dict)
    model_by_key: dict[tuple[str, str], StoredModel] = field(init=False, default_factory=dict)
    _by_serial: dict[str, list[StoredMachine]] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Build the lookup indexes; call again after filling the dictionaries by hand."""
        self.customer_by_code = {c.code.casefold(): c for c in self.customers.values()}
        names: dict[str, set[int]] = {}
        for customer in self.customers.values():
            spellings = [customer.name, customer.local_name, *self.aliases.get(customer.id, [])]
            for spelling in spellings:
                if spelling:
                    names.setdefault(spelling.casefold(), set()).add(customer.id)
        self.customer_ids_by_name = names
        self.fab_by_code = {f.site_code.casefold(): f for f in self.fabs.values()}
        fab_names: dict[str, set[int]] = {}
        for fab in self.fabs.values():
            fab_names.setdefault(fab.name.casefold(), set()).add(fab.id)
        self.fab_ids_by_name = fab_names
        self.model_by_key = {
            (m.vendor.casefold(), m.model_code.casefold()): m for m in self.models.values()
        }
        self._by_serial = None

    @property
    def machines_by_serial(self) -> dict[str, list[StoredMachine]]:
        """Stored machines by serial, for rows without a vendor; built on first use only."""
        if self._by_serial is None:
            serials: dict[str, list[StoredMachine]] = {}
            for machine in self.machines.values():
                serials.setdefault(machine.serial, []).append(machine)
            self._by_serial = serials
        return self._by_serial


def _load_machines(
    conn: Connection, stmt: ClauseElement, machines: dict[tuple[str, str], StoredMachine]
) -> None:
    """All machines, read from the driver's cursor a chunk at a time.

    The one table of an import's size: SQLAlchemy's per-row result handling and its per-value
    date conversion cost more than the query. The raw rows are transposed per chunk and each
    date column is converted once per distinct value (SQLite hands dates over as ISO text,
    PostgreSQL as dates).
    """
    sql = str(stmt.compile(dialect=conn.dialect))
    shared: dict[Any, Any] = {}
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while chunk := cursor.fetchmany(_FETCH_CHUNK):
            columns: list[Sequence[Any]] = list(zip(*chunk, strict=True))
            for index in _MACHINE_DATE_COLUMNS:
                column = columns[index]
                table = {v: _as_date(v) for v in set(column)}
                columns[index] = list(map(table.__getitem__, column))
            for index in _MACHINE_SHARED_COLUMNS:
                # The driver makes a new string per row; a vendor or status repeated on a
                # million rows is kept once.
                column = columns[index]
                canonical = {v: shared.setdefault(v, v) for v in set(column)}
                columns[index] = list(map(canonical.__getitem__, column))
            folded = {v: v.casefold() for v in set(columns[1])}
            keys = zip(map(folded.__getitem__, columns[1]), columns[2], strict=True)
            stored = map(StoredMachine._make, zip(*columns, strict=True))
            machines.update(zip(keys, stored, strict=True))
    finally:
        cursor.close()


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def load_snapshot(session: Session, contract_numbers: Iterable[str] = ()) -> BookSnapshot:
    """Read the book's keys and the columns an import compares, in one statement per table.

    Obligations are read only for the contracts named in ``contract_numbers`` (case-folded):
    a book can hold millions of them and an import touches the few its contract lines name.
    """
    snap = BookSnapshot()
    # Core execution on the session's connection: the same transaction, without the ORM's
    # per-row result handling (a third of the load time at 100k machines).
    conn = session.connection()
    row: Any  # each table's rows, unpacked into its Stored* record in column order
    c = CustomerRow
    for row in conn.execute(
        select(
            c.id,
            c.code,
            c.name,
            c.local_name,
            c.hq_country,
            c.parent_id,
            c.version,
            c.hq_country_basis,
        )
    ):
        snap.customers[row[0]] = StoredCustomer(*row)
    for customer_id, name in conn.execute(
        select(CustomerAliasRow.customer_id, CustomerAliasRow.name)
    ):
        snap.aliases.setdefault(customer_id, []).append(name)
    f = FabRow
    for row in conn.execute(
        select(
            f.id,
            f.site_code,
            f.name,
            f.customer_id,
            f.country,
            f.region,
            f.city,
            f.address,
            f.process_type,
            f.logic_node_nm,
            f.architecture,
            f.dram_half_pitch_nm,
            f.nand_layers,
            f.wafer_size_mm,
            f.version,
        )
    ):
        snap.fabs[row[0]] = StoredFab(*row)
    e = EquipmentModelRow
    for row in conn.execute(select(e.id, e.vendor, e.model_code, e.category, e.version)):
        snap.models[row[0]] = StoredModel(*row)
    m = MachineRow
    stmt = select(
        m.id,
        m.vendor,
        m.serial,
        m.model_id,
        m.fab_id,
        m.status,
        m.ship_date,
        m.install_date,
        m.shipped_under_licence,
        m.version,
    )
    _load_machines(conn, stmt, snap.machines)
    k = ContractRow
    for row in conn.execute(
        select(
            k.id,
            k.number,
            k.customer_id,
            k.title,
            k.signed_date,
            k.start_date,
            k.end_date,
            k.value,
            k.currency,
            k.renewal,
            k.version,
        )
    ):
        snap.contracts[row[1].casefold()] = StoredContract(*row)
    folded = {n.casefold() for n in contract_numbers}
    wanted = sorted(snap.contracts[n].id for n in folded if n in snap.contracts)
    o = ObligationRow
    for start in range(0, len(wanted), _ID_CHUNK):
        ids = wanted[start : start + _ID_CHUNK]
        for row in conn.execute(
            select(
                o.id,
                o.contract_id,
                o.machine_id,
                o.service_type,
                o.start_date,
                o.end_date,
                o.value,
                o.coverage_assumed,
            ).where(o.contract_id.in_(ids))
        ):
            snap.obligations[(row[1], row[2], row[3])] = StoredObligation(
                row[0], row[4], row[5], row[6], bool(row[7])
            )
    snap.reindex()
    return snap
