"""Loading the evaluators' input frames (``workbench.rules.facts``) from the database.

The million-row obligation table is read narrow and joined to machines and contracts in
polars (``gather_by_key``), instead of fetching one wide SQL join: the per-row work of a wide
join dominated loading on SQLite. Dates arrive as integer days since 1970 (computed in SQL), so
no date text is built or parsed; text facts become categorical columns (4 bytes a row instead of
a 16-byte string view), which is also what the evaluator tests them as. The three reads share
one connection (``read_frames``: ADBC into Arrow on PostgreSQL, the engine's own driver on
SQLite, see ``storage.frames``).

Each read is a plain list of (SQL expression, fact column) pairs: a new fact is one line there
and one in ``FACTS_SCHEMA``.
"""

from __future__ import annotations

import itertools
from typing import Any

import polars as pl
from sqlalchemy import Float, Integer, cast, func, literal, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from workbench.domain.cancel import CancelToken, Progress
from workbench.rules.facts import (
    EXTENSION_FACTS,
    FACTS_SCHEMA,
    LICENCES_SCHEMA,
    LISTINGS_SCHEMA,
    OWNERSHIP_SCHEMA,
    conform,
    conform_facts,
    conform_licences,
)
from workbench.storage.database import Database
from workbench.storage.frames import gather_by_key, read_frames
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceRow,
    LicenceScopeRow,
    MachineRow,
    ObligationRow,
    OwnershipShareRow,
    PartyListingRow,
)

#: Licence authorities as people write them, to the jurisdiction rules are keyed by.
AUTHORITY_JURISDICTION = {
    "BIS": "US",
    "DOC": "US",
    "OFAC": "US",
    "US": "US",
    "NL": "NL",
    "CDIU": "NL",
    "MINBUZA": "NL",
    "JP": "JP",
    "METI": "JP",
    "KR": "KR",
    "MOTIE": "KR",
    "EU": "EU",
}

ob, m, md, f = ObligationRow, MachineRow, EquipmentModelRow, FabRow
c, cu = ContractRow, CustomerRow

#: (expression, fact column) read from each obligation, in ``id`` order.
OBLIGATION_FACTS: list[tuple[Any, str]] = [
    (ob.id, "obligation_id"),
    (ob.contract_id, "contract_id"),
    (ob.machine_id, "machine_id"),
    (ob.service_type, "service_type"),
    (ob.start_date, "obligation_start"),
    (ob.end_date, "obligation_end"),
    (cast(ob.value, Float), "obligation_value"),
    (ob.coverage_assumed, "coverage_assumed"),
]
#: (expression, fact column) of each machine with its model and fab (``MACHINE_JOIN``).
MACHINE_FACTS: list[tuple[Any, str]] = [
    (m.id, "machine_id"),
    (m.serial, "serial"),
    (m.vendor, "vendor"),
    (md.model_code, "model_code"),
    (md.category, "category"),
    (md.class_us, "class_us"),
    (md.class_eu, "class_eu"),
    (md.class_nl, "class_nl"),
    (md.class_jp, "class_jp"),
    (md.class_kr, "class_kr"),
    (md.overlay_nm, "overlay_nm"),
    (md.wavelength_nm, "wavelength_nm"),
    (md.numerical_aperture, "numerical_aperture"),
    (f.id, "fab_id"),
    (f.site_code, "fab_site_code"),
    (f.name, "fab_name"),
    (f.country, "fab_country"),
    (f.process_type, "process_type"),
    (f.logic_node_nm, "logic_node_nm"),
    (f.architecture, "architecture"),
    (f.dram_half_pitch_nm, "dram_half_pitch_nm"),
    (f.nand_layers, "nand_layers"),
    (f.advanced_node, "advanced_node"),
    (m.ship_date, "ship_date"),
    (m.install_date, "install_date"),
    (m.status, "machine_status"),
]
#: (expression, fact column) of each contract with its customer.
CONTRACT_FACTS: list[tuple[Any, str]] = [
    (c.id, "contract_id"),
    (c.number, "contract_number"),
    (c.signed_date, "contract_signed"),
    (c.currency, "currency"),
    (cu.id, "customer_id"),
    (cu.parent_id, "parent_customer_id"),
    (cu.name, "customer_name"),
    (cu.hq_country, "customer_hq_country"),
    (cu.hq_country_basis, "customer_hq_basis"),
]


def _days(column: Any, dialect: str) -> ColumnElement[int]:
    """A date column as whole days since 1970-01-01 (null stays null), on either backend."""
    if dialect == "postgresql":
        return cast(column - literal("1970-01-01").cast(column.type), Integer)
    # SQLite keeps dates as ISO text: julianday() reads it, 2440587.5 is 1970-01-01.
    return cast(func.julianday(column) - 2440587.5, Integer)


def _query(facts: list[tuple[Any, str]], dialect: str) -> tuple[Any, dict[str, pl.DataType]]:
    """The select and the schema it is read with: dates as integer days, cast afterwards."""
    exprs = [_days(e, dialect) if FACTS_SCHEMA[n] == pl.Date() else e for e, n in facts]
    schema = {n: pl.Int32() if FACTS_SCHEMA[n] == pl.Date() else FACTS_SCHEMA[n] for _e, n in facts}
    return select(*exprs), schema


def _dated(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(n).cast(pl.Date) for n in frame.columns if FACTS_SCHEMA[n] == pl.Date()
    )


def _denormalise(
    obligations: pl.DataFrame, machines: pl.DataFrame, contracts: pl.DataFrame
) -> pl.DataFrame:
    """Obligations with their machine's and contract's columns, as an inner join would.

    Machines and contracts are keyed by their primary keys, so their columns are gathered by
    row position (``gather_by_key``): 0.7 s and +345 MB on the large demo book, where polars'
    hash joins took 1.3-3.1 s and +480-720 MB.
    """
    joined = pl.concat(
        [
            obligations,
            gather_by_key(obligations["machine_id"], machines, "machine_id"),
            gather_by_key(obligations["contract_id"], contracts, "contract_id"),
        ],
        how="horizontal",
    )
    # An obligation without its machine (or contract) row is dropped, as by an inner join.
    # Extension facts are added afterwards by ``add_extension_facts``.
    return joined.drop_nulls(["serial", "contract_number"]).select(
        [c for c in FACTS_SCHEMA if c not in EXTENSION_FACTS]
    )


def load_facts(
    db: Database,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> pl.DataFrame:
    """One row per obligation with every fact a rule may test (``FACTS_SCHEMA``), sorted by
    ``obligation_id`` (flagged sorted, so consumers that sort by it pay nothing)."""
    dialect = db.engine.dialect.name
    obligations_stmt, obligations_schema = _query(OBLIGATION_FACTS, dialect)
    machines_stmt, machines_schema = _query(MACHINE_FACTS, dialect)
    contracts_stmt, contracts_schema = _query(CONTRACT_FACTS, dialect)
    if progress:
        progress(0, 3)
    obligations, machines, contracts = read_frames(
        db.engine,
        [
            (obligations_stmt.order_by(ob.id), obligations_schema),
            (
                machines_stmt.join(md, m.model_id == md.id).join(f, m.fab_id == f.id),
                machines_schema,
            ),
            (contracts_stmt.join(cu, c.customer_id == cu.id), contracts_schema),
        ],
        cancel,
    )
    if progress:
        progress(2, 3)
    facts = _denormalise(_dated(obligations), _dated(machines), _dated(contracts))
    del obligations, machines, contracts
    facts = add_extension_facts(db, facts, cancel)
    if not facts["obligation_id"].is_sorted():
        facts = facts.sort("obligation_id")
    facts = conform_facts(facts).set_sorted("obligation_id")
    if progress:
        progress(3, 3)
    return facts


def add_extension_facts(
    db: Database, facts: pl.DataFrame, cancel: CancelToken | None = None
) -> pl.DataFrame:
    """``facts`` with the extension facts (``rules.facts.EXTENSION_FACTS``) gathered by machine
    and by contract: the fab's wafer size, the model's subject-to-EAR facts, the contract's
    US-person flag. Kept apart from the main read so the facts the packs added stay one
    small, separate query on the (small) machine and contract tables."""
    m, md, f, c = MachineRow, EquipmentModelRow, FabRow, ContractRow
    by_machine, by_contract = read_frames(
        db.engine,
        [
            (
                select(m.id, f.wafer_size_mm, md.us_origin, md.us_content_pct, md.us_direct_product)
                .join(md, m.model_id == md.id)
                .join(f, m.fab_id == f.id),
                {
                    "machine_id": pl.Int64(),
                    "wafer_size_mm": pl.Int64(),
                    "us_origin": pl.Boolean(),
                    "us_content_pct": pl.Float64(),
                    "us_direct_product": pl.Boolean(),
                },
            ),
            (
                select(c.id, c.us_person_service),
                {"contract_id": pl.Int64(), "us_person": pl.Boolean()},
            ),
        ],
        cancel,
    )
    return pl.concat(
        [
            facts.drop([col for col in EXTENSION_FACTS if col in facts.columns]),
            gather_by_key(facts["machine_id"], by_machine, "machine_id"),
            gather_by_key(facts["contract_id"], by_contract, "contract_id"),
        ],
        how="horizontal",
    ).select(list(FACTS_SCHEMA))


def load_listings(db: Database) -> pl.DataFrame:
    """Confirmed restricted-party listings of customers and fabs (``LISTINGS_SCHEMA``)."""
    p = PartyListingRow
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(
                p.customer_id,
                p.fab_id,
                CustomerRow.name,
                FabRow.name,
                p.list_code,
                p.footnote,
                p.licence_policy,
                p.since,
                p.until,
            )
            .outerjoin(CustomerRow, p.customer_id == CustomerRow.id)
            .outerjoin(FabRow, p.fab_id == FabRow.id)
            .order_by(p.id)
        ).all()
    records = [
        {
            "customer_id": customer_id,
            "fab_id": fab_id,
            "party_name": customer_name or fab_name,
            "list_code": list_code,
            "footnote": footnote,
            "licence_policy": policy,
            "since": since,
            "until": until,
        }
        for (
            customer_id,
            fab_id,
            customer_name,
            fab_name,
            list_code,
            footnote,
            policy,
            since,
            until,
        ) in rows
    ]
    frame = pl.DataFrame(records, schema=LISTINGS_SCHEMA, orient="row")
    return conform(frame, LISTINGS_SCHEMA, "listings")


def load_ownership(db: Database) -> pl.DataFrame:
    """Ownership shares between customers, with both names (``OWNERSHIP_SCHEMA``), for the
    Affiliates rule's aggregation; an owner need not be a contract customer of its own."""
    o = OwnershipShareRow
    parent, child = aliased(CustomerRow), aliased(CustomerRow)
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(
                o.parent_customer_id,
                o.child_customer_id,
                parent.name,
                child.name,
                o.share_pct,
                o.as_of,
                o.source,
            )
            .join(parent, o.parent_customer_id == parent.id)
            .join(child, o.child_customer_id == child.id)
            .order_by(o.id)
        ).all()
    frame = pl.DataFrame([tuple(r) for r in rows], schema=OWNERSHIP_SCHEMA, orient="row")
    return conform(frame, OWNERSHIP_SCHEMA, "ownership shares")


def jurisdiction_of(authority: str) -> str:
    """The jurisdiction of a licence's issuing authority (unknown names are kept as written)."""
    key = authority.strip().upper()
    if key in AUTHORITY_JURISDICTION:
        return AUTHORITY_JURISDICTION[key]
    # "NL-CDIU", "Dutch CDIU", "KR MOTIE": a word of the name that is a known authority.
    for word in key.replace("-", " ").replace("/", " ").split():
        if word in AUTHORITY_JURISDICTION:
            return AUTHORITY_JURISDICTION[word]
    return key


def _split(text: str | None) -> list[str]:
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def load_licences(db: Database) -> pl.DataFrame:
    """Licences held (``LICENCES_SCHEMA``); an empty service list means every service.

    A licence's customers, fabs and machines are its own columns plus its ``licence_scope``
    rows; a licence naming several becomes one frame row per (customer, fab, machine)
    combination, each kind that names none staying null ("any").
    """
    lic = LicenceRow
    scope = LicenceScopeRow
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(
                lic.id,
                lic.authority,
                lic.number,
                lic.valid_from,
                lic.valid_to,
                lic.customer_id,
                lic.fab_id,
                lic.machine_id,
                lic.service_types,
                lic.model_codes,
                lic.classifications,
                lic.value_limit,
                lic.limit_currency,
                lic.quantity_limit,
            ).order_by(lic.id)
        ).all()
        named = conn.execute(
            select(scope.licence_id, scope.customer_id, scope.fab_id, scope.machine_id).order_by(
                scope.id
            )
        ).all()
    extra: dict[int, tuple[set[int], set[int], set[int]]] = {}
    for licence_id, customer_id, fab_id, machine_id in named:
        sets = extra.setdefault(licence_id, (set(), set(), set()))
        for found, value in zip(sets, (customer_id, fab_id, machine_id), strict=True):
            if value is not None:
                found.add(value)
    records = []
    for r in rows:
        customers, fabs, machines = extra.get(r.id, (set(), set(), set()))
        per_kind = [
            sorted(found | ({own} if own is not None else set())) or [None]
            for found, own in (
                (customers, r.customer_id),
                (fabs, r.fab_id),
                (machines, r.machine_id),
            )
        ]
        for customer_id, fab_id, machine_id in itertools.product(*per_kind):
            records.append(
                {
                    "licence_id": r.id,
                    "jurisdiction": jurisdiction_of(r.authority),
                    "number": r.number,
                    "valid_from": r.valid_from,
                    "valid_to": r.valid_to,
                    "customer_id": customer_id,
                    "fab_id": fab_id,
                    "machine_id": machine_id,
                    "service_types": _split(r.service_types),
                    "model_codes": _split(r.model_codes),
                    "classifications": _split(r.classifications),
                    "value_limit": None if r.value_limit is None else float(r.value_limit),
                    "limit_currency": r.limit_currency,
                    "quantity_limit": r.quantity_limit,
                }
            )
    frame = pl.DataFrame(records, schema=LICENCES_SCHEMA, orient="row")
    return conform_licences(frame)
