"""The review side of screening: one match as a side-by-side, queue counts, open matches.

A small hand-made book screened against the 12-row CSL sample, on each backend.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.services import screening, screening_review
from workbench.storage.database import Database
from workbench.storage.orm import CustomerAliasRow, CustomerRow, FabRow, ScreeningMatchRow

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "csl_sample_consolidated.csv"
CETC = "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)"


@pytest.fixture
def book(db: Database) -> dict[str, int]:
    """CETC 13 as a vendor writes it (with a local-script alias and a parent), and a fab that
    carries a listed name, screened against the sample."""
    with db.session() as session:
        group = CustomerRow(code="CETC", name="CETC Group <Holdings>", hq_country="CN")
        session.add(group)
        session.flush()
        cetc = CustomerRow(
            code="CETC13",
            name="CETC 13th Research Institute",
            local_name="中国电子科技集团公司第十三研究所",
            hq_country="CN",
            parent_id=group.id,
        )
        session.add(cetc)
        session.flush()
        session.add(CustomerAliasRow(customer_id=cetc.id, name="Hebei Semiconductor Research"))
        fab = FabRow(
            site_code="AM-1",
            name="Atlas Sanatgaran",
            customer_id=group.id,
            country="AM",
            city="Yerevan",
        )
        session.add(fab)
        session.flush()
        ids = {"group": group.id, "cetc": cetc.id, "fab": fab.id}
    screening.import_list(db, SAMPLE)
    return ids


def _match_of(db: Database, kind: str, party_id: int) -> int:
    with db.read() as session:
        found = session.scalars(
            select(ScreeningMatchRow.id)
            .where(ScreeningMatchRow.party_kind == kind, ScreeningMatchRow.party_id == party_id)
            .order_by(ScreeningMatchRow.score.desc(), ScreeningMatchRow.id)
        ).first()
    assert found is not None, f"{kind} {party_id} was not matched"
    return found


def test_a_customer_match_shows_both_sides(db: Database, book: dict[str, int]) -> None:
    match_id = _match_of(db, "customer", book["cetc"])
    view = screening_review.match_view(db, match_id)
    assert view is not None
    assert (view.status, view.party_kind, view.party_id) == ("potential", "customer", book["cetc"])
    assert view.flag == "new"
    assert view.history == []
    party = dict(view.party.fields)
    assert view.party.title == "CETC 13th Research Institute"
    assert party["Local name"] == "中国电子科技集团公司第十三研究所"
    assert "Hebei Semiconductor Research" in party["Aliases"].split("\n")
    assert party["Country"] == "CN (headquarters)"
    assert party["Group"] == "CETC Group <Holdings>"
    assert party["Listed"] == "—"
    entry = dict(view.entry.fields)
    assert view.entry.title == CETC
    assert entry["List"].startswith("Entity List")
    assert entry["Countries"] == "CN"
    assert entry["Federal Register"] != "—"
    assert entry["Licence policy"] != "—"
    assert view.list_version.startswith("1 · csl_sample_consolidated.csv")
    assert view.score >= screening.DEFAULT_THRESHOLD
    # the local name is screened too: through the shipped Chinese name it may match best
    names = (view.party.title, party["Local name"], *party["Aliases"].split("\n"))
    assert view.query_name in names


def test_a_fab_match_names_owner_and_place(db: Database, book: dict[str, int]) -> None:
    view = screening_review.match_view(db, _match_of(db, "fab", book["fab"]))
    assert view is not None
    party = dict(view.party.fields)
    assert view.party.heading == "Fab record"
    assert party["Site code"] == "AM-1"
    assert party["Country"] == "AM (Yerevan)"
    assert party["Owner"] == "CETC Group <Holdings>"
    assert "Local name" not in party


def test_confirming_shows_the_listing_and_keeps_history(db: Database, book: dict[str, int]) -> None:
    match_id = _match_of(db, "customer", book["cetc"])
    pending = screening_review.open_matches(db, "customer", book["cetc"])
    assert pending[0].id == match_id
    screening.decide(db, match_id, True, "Same institute.", reviewer="ana")
    view = screening_review.match_view(db, match_id)
    assert view is not None and view.status == "confirmed" and view.reviewer == "ana"
    listed = dict(view.party.fields)["Listed"]
    assert listed.startswith("Entity List")
    assert "since " in listed
    assert match_id not in [
        m.id for m in screening_review.open_matches(db, "customer", book["cetc"])
    ]

    screening.decide(db, match_id, False, "Wrong institute after all.", reviewer="ben")
    again = screening_review.match_view(db, match_id)
    assert again is not None and again.status == "dismissed"
    assert [(d.status, d.reviewer, d.reason) for d in again.history] == [
        ("confirmed", "ana", "Same institute.")
    ]
    assert dict(again.party.fields)["Listed"] == "—"


def test_status_counts_agree_with_the_queue(db: Database, book: dict[str, int]) -> None:
    counts = screening_review.status_counts(db)
    assert counts["potential"] == len(screening.matches(db, "potential")) > 0
    assert counts["confirmed"] == counts["dismissed"] == 0
    first = screening.matches(db)[0]["id"]
    screening.decide(db, first, False, "Not them.")
    counts = screening_review.status_counts(db)
    assert counts["dismissed"] == 1
    assert counts["all"] == len(screening.matches(db, "all"))
    assert counts["all"] == counts["potential"] + counts["confirmed"] + counts["dismissed"]


def test_open_matches_are_best_first(db: Database, book: dict[str, int]) -> None:
    for kind, party in (("customer", book["cetc"]), ("fab", book["fab"])):
        found = screening_review.open_matches(db, kind, party)
        assert found
        assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert screening_review.open_matches(db, "customer", 999_999) == []


def test_missing_match_and_empty_book(db: Database) -> None:
    assert screening_review.match_view(db, 999_999) is None
    assert not screening_review.has_parties(db)
    assert screening_review.status_counts(db) == {
        "potential": 0,
        "confirmed": 0,
        "dismissed": 0,
        "all": 0,
    }


def test_list_labels() -> None:
    assert screening_review.list_label("entity_list") == "Entity List"
    assert screening_review.list_label("uvl") == "Unverified List"
    assert screening_review.list_label("new_list") == "NEW LIST"
