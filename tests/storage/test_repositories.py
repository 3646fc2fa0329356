"""Repositories round-trip domain objects and keep derived columns right."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workbench.domain.entities import Alias, Customer, EquipmentModel, Fab
from workbench.domain.enums import Architecture, EquipmentCategory, ProcessType, Regime
from workbench.storage import repositories
from workbench.storage.database import Database
from workbench.storage.orm import FabRow


def test_customer_with_local_script_aliases_round_trips(db: Database) -> None:
    with db.session() as session:
        parent = repositories.add_customer(session, Customer(None, "SMIC", "SMIC", "CN"))
        child_id = repositories.add_customer(
            session,
            Customer(
                None,
                "SMIC-BJ",
                "SMIC Beijing",
                "CN",
                local_name="中芯北京",
                parent_id=parent,
                aliases=(Alias("中芯北京", "han"), Alias("SMIC BJ")),
            ),
        )
    with db.read() as session:
        child = repositories.customer(session, child_id)
    assert child is not None
    assert child.parent_id == parent
    assert [a.name for a in child.aliases] == ["中芯北京", "SMIC BJ"]
    assert child.aliases[0].script == "han"


def test_fab_stores_derived_advanced_node(db: Database) -> None:
    with db.session() as session:
        cid = repositories.add_customer(session, Customer(None, "C", "C", "CN"))
        fid = repositories.add_fab(
            session,
            Fab(
                None,
                "S1",
                "Fab",
                cid,
                "CN",
                process_type=ProcessType.FOUNDRY,
                logic_node_nm=28,
                architecture=Architecture.FINFET,
            ),
        )
        unknown = repositories.add_fab(
            session, Fab(None, "S2", "Fab 2", cid, "CN", process_type=ProcessType.DRAM)
        )
    with db.read() as session:
        flags = dict(session.execute(select(FabRow.id, FabRow.advanced_node)).all())
        fab = repositories.fab(session, fid)
    assert flags == {fid: True, unknown: None}
    assert fab is not None and fab.architecture is Architecture.FINFET


def test_classifications_per_regime(db: Database) -> None:
    model = EquipmentModel(
        None,
        "ASML",
        "NXT:1980Di",
        EquipmentCategory.DUV_IMMERSION,
        classifications={Regime.US: "3B001.f.1.b.2", Regime.NL: "NL-2024"},
        overlay_nm=2.5,
    )
    with db.session() as session:
        mid = repositories.add_equipment_model(session, model)
    with db.read() as session:
        stored = repositories.equipment_model(session, mid)
    assert stored is not None
    assert stored.classifications == {Regime.US: "3B001.f.1.b.2", Regime.NL: "NL-2024"}


def test_natural_keys_are_unique(db: Database) -> None:
    with db.session() as session:
        repositories.add_customer(session, Customer(None, "C", "C", "CN"))
    with pytest.raises(IntegrityError), db.session() as session:
        repositories.add_customer(session, Customer(None, "C", "Other", "CN"))
    with db.read() as session:
        assert repositories.counts(session)["customers"] == 1


def test_a_listing_row_that_ended_is_history_for_the_badges(db: Database) -> None:
    """Rows carry ``until`` (migration 0011): the SMIC row of 2020 shows on a day it held and
    is gone from the badges once today's text replaced it; both rows stay stored."""
    from datetime import date

    from workbench.storage.orm import PartyListingRow

    with db.session() as session:
        cid = repositories.add_customer(session, Customer(None, "SMIC", "SMIC", "CN"))
        session.add_all(
            [
                PartyListingRow(
                    customer_id=cid,
                    list_code="entity_list",
                    since=date(2020, 12, 18),
                    until=date(2024, 12, 1),
                ),
                PartyListingRow(
                    customer_id=cid,
                    list_code="entity_list",
                    footnote="FN5",
                    since=date(2024, 12, 2),
                ),
            ]
        )
    with db.read() as session:
        stored = repositories.party_listings(session)
        early = repositories.listing_flags(session, on=date(2023, 6, 1))[("customer", cid)]
        late = repositories.listing_flags(session, on=date(2025, 6, 1))[("customer", cid)]
    assert [p.until for p in stored] == [date(2024, 12, 1), None]
    assert len(early) == 2  # the 2024 row also shows: badges do not hide future rows
    assert [p.footnote for p in late] == ["FN5"]
    assert late[0].listed_from == date(2020, 12, 18) and late[0].since == date(2024, 12, 2)
