"""Loading the evaluators' input frames (``workbench.rules.facts``) from the database.

The million-row obligation table is read narrow (seven columns, dates as ISO text, values as
floats) and joined to machines and contracts in polars, instead of fetching one wide SQL join:
the per-row Python work of a wide join dominated loading in measurements on SQLite. The three
reads share one connection (``read_frames``: ADBC on PostgreSQL, where it took the large demo
book's load from 3.4 s to 2.0 s). What remains of the memory is the denormalised frame itself,
~16 bytes per text value (a polars string view) and 8 per number: ~480 MB at 950k obligations.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from sqlalchemy import Float, String, cast, select

from workbench.domain.cancel import CancelToken, Progress
from workbench.rules.facts import (
    EXTENSION_FACTS,
    FACTS_SCHEMA,
    LICENCES_SCHEMA,
    LISTINGS_SCHEMA,
    conform,
    conform_facts,
)
from workbench.storage.database import Database
from workbench.storage.frames import gather_by_key, parse_dates, read_frames
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceRow,
    MachineRow,
    ObligationRow,
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


_TEXT_DATES = ("obligation_start", "obligation_end", "ship_date", "install_date", "contract_signed")


def _iso(column: Any) -> Any:
    return cast(column, String)


def _query(stmt: Any, names: list[str]) -> tuple[Any, dict[str, pl.DataType]]:
    # Dates arrive as ISO text (parsed column-wise afterwards); the rest as the facts say.
    return stmt, {n: pl.String() if n in _TEXT_DATES else FACTS_SCHEMA[n] for n in names}


def _dated(frame: pl.DataFrame) -> pl.DataFrame:
    return parse_dates(frame, [n for n in frame.columns if n in _TEXT_DATES])


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
    ob = ObligationRow
    m, md, f = MachineRow, EquipmentModelRow, FabRow
    c, cu = ContractRow, CustomerRow
    if progress:
        progress(0, 3)
    obligations, machines, contracts = read_frames(
        db.engine,
        [
            _query(
                select(
                    ob.id,
                    ob.contract_id,
                    ob.machine_id,
                    ob.service_type,
                    _iso(ob.start_date),
                    _iso(ob.end_date),
                    cast(ob.value, Float),
                    ob.coverage_assumed,
                ).order_by(ob.id),
                [
                    "obligation_id",
                    "contract_id",
                    "machine_id",
                    "service_type",
                    "obligation_start",
                    "obligation_end",
                    "obligation_value",
                    "coverage_assumed",
                ],
            ),
            _query(
                select(
                    m.id,
                    m.serial,
                    m.vendor,
                    md.model_code,
                    md.category,
                    md.class_us,
                    md.class_eu,
                    md.class_nl,
                    md.class_jp,
                    md.class_kr,
                    md.overlay_nm,
                    md.wavelength_nm,
                    md.numerical_aperture,
                    f.id,
                    f.site_code,
                    f.name,
                    f.country,
                    f.process_type,
                    f.logic_node_nm,
                    f.architecture,
                    f.dram_half_pitch_nm,
                    f.nand_layers,
                    f.advanced_node,
                    _iso(m.ship_date),
                    _iso(m.install_date),
                    m.status,
                )
                .join(md, m.model_id == md.id)
                .join(f, m.fab_id == f.id),
                [
                    "machine_id",
                    "serial",
                    "vendor",
                    "model_code",
                    "category",
                    "class_us",
                    "class_eu",
                    "class_nl",
                    "class_jp",
                    "class_kr",
                    "overlay_nm",
                    "wavelength_nm",
                    "numerical_aperture",
                    "fab_id",
                    "fab_site_code",
                    "fab_name",
                    "fab_country",
                    "process_type",
                    "logic_node_nm",
                    "architecture",
                    "dram_half_pitch_nm",
                    "nand_layers",
                    "advanced_node",
                    "ship_date",
                    "install_date",
                    "machine_status",
                ],
            ),
            _query(
                select(
                    c.id,
                    c.number,
                    _iso(c.signed_date),
                    c.currency,
                    cu.id,
                    cu.parent_id,
                    cu.name,
                    cu.hq_country,
                    cu.hq_country_basis,
                ).join(cu, c.customer_id == cu.id),
                [
                    "contract_id",
                    "contract_number",
                    "contract_signed",
                    "currency",
                    "customer_id",
                    "parent_customer_id",
                    "customer_name",
                    "customer_hq_country",
                    "customer_hq_basis",
                ],
            ),
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
        }
        for customer_id, fab_id, customer_name, fab_name, list_code, footnote, policy, since in rows
    ]
    frame = pl.DataFrame(records, schema=LISTINGS_SCHEMA, orient="row")
    return conform(frame, LISTINGS_SCHEMA, "listings")


def jurisdiction_of(authority: str) -> str:
    """The jurisdiction of a licence's issuing authority (unknown names are kept as written)."""
    key = authority.strip().upper()
    return AUTHORITY_JURISDICTION.get(key, key)


def load_licences(db: Database) -> pl.DataFrame:
    """Licences held (``LICENCES_SCHEMA``); an empty service list means every service."""
    lic = LicenceRow
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
            ).order_by(lic.id)
        ).all()
    records = [
        {
            "licence_id": lid,
            "jurisdiction": jurisdiction_of(authority),
            "number": number,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "customer_id": customer_id,
            "fab_id": fab_id,
            "machine_id": machine_id,
            "service_types": [s for s in (services or "").split(",") if s],
        }
        for (
            lid,
            authority,
            number,
            valid_from,
            valid_to,
            customer_id,
            fab_id,
            machine_id,
            services,
        ) in rows
    ]
    frame = pl.DataFrame(records, schema=LICENCES_SCHEMA, orient="row")
    return conform(frame, LICENCES_SCHEMA, "licences")
