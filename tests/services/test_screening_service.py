"""Screening in the database: list versions, screening runs, the review queue and decisions.

Most tests screen a small hand-made book against the 12-row CSL sample, so they are quick on
both backends; the demo book is screened against the full shipped list once per backend.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.screening import ListEntry, PolicyCategory, ScreeningIndex, read_list
from workbench.services import demo, screening
from workbench.services.facts_loader import load_listings
from workbench.services.screening_store import (
    ScreeningError,
    content_hash,
    entry_from_row,
    entry_record,
    version_entries,
)
from workbench.storage import tables
from workbench.storage.database import Database
from workbench.storage.orm import (
    CustomerAliasRow,
    CustomerRow,
    FabRow,
    PartyListingRow,
    ScreeningListEntryRow,
    ScreeningListVersionRow,
    ScreeningMatchRow,
    ScreeningRunRow,
)

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "csl_sample_consolidated.csv"
CETC = "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)"
ATLAS = "Atlas Sanatgaran"


def _customer(
    session: Session, code: str, name: str, country: str, parent: int | None = None
) -> int:
    row = CustomerRow(code=code, name=name, hq_country=country, parent_id=parent)
    session.add(row)
    session.flush()
    return row.id


@pytest.fixture
def book(db: Database) -> dict[str, int]:
    """A few parties named the way a vendor would write the sample's entries, and two that
    resemble nothing on it."""
    with db.session() as session:
        ids = {
            "cetc": _customer(session, "CETC13", "CETC 13th Research Institute", "CN"),
            "rosneft": _customer(session, "RT", "Rosneft Trade Ltd.", "CY"),
            "tsmc": _customer(
                session, "TSMC", "Taiwan Semiconductor Manufacturing Company Limited", "TW"
            ),
        }
        ids["works"] = _customer(session, "CETC13-W", "Blue Harbour Components", "CN", ids["cetc"])
        session.add(CustomerAliasRow(customer_id=ids["cetc"], name="Hebei Semiconductor Research"))
        fab = FabRow(
            site_code="AM-1", name="Atlas Sanatgaran", customer_id=ids["rosneft"], country="AM"
        )
        session.add(fab)
        session.flush()
        ids["atlas_fab"] = fab.id
    return ids


def _modified_sample(target: Path) -> Path:
    """The sample with CETC 13's licence policy changed, Atlas removed and a row added."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or ())
        rows = list(reader)
    out: list[dict[str, str]] = []
    for row in rows:
        if row["name"] == ATLAS:
            continue
        changed = {"license_policy": "Case-by-case review for all items."}
        out.append({**row, **changed} if row["name"] == CETC else row)
    out.append({**rows[1], "_id": "new-row-1", "name": "Zagros Precision Optics"})
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(out)
    return target


def _match(db: Database, kind: str, party_id: int, entry_name: str) -> ScreeningMatchRow:
    with db.read() as session:
        stmt = (
            select(ScreeningMatchRow)
            .join(
                ScreeningListEntryRow,
                (ScreeningListEntryRow.version_id == ScreeningMatchRow.list_version_id)
                & (ScreeningListEntryRow.entry_key == ScreeningMatchRow.entry_key),
            )
            .where(
                ScreeningMatchRow.party_kind == kind,
                ScreeningMatchRow.party_id == party_id,
                ScreeningListEntryRow.name == entry_name,
            )
            .order_by(ScreeningMatchRow.id.desc())
        )
        row = session.scalars(stmt).first()
    assert row is not None, f"no match of {kind} {party_id} with {entry_name}"
    return row


# -- list versions -------------------------------------------------------------------------


def test_importing_the_same_file_twice_is_a_no_op(db: Database) -> None:
    first = screening.import_list(db, SAMPLE)
    assert not first.already_imported
    assert first.version.entry_count == 13 and first.version.source == "csl"
    assert len(first.diff.added) == 13 and first.screening is None  # no parties to screen
    again = screening.import_list(db, SAMPLE, "csl-csv")
    assert again.already_imported and again.version.id == first.version.id
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ScreeningListVersionRow)) == 1
        assert session.scalar(select(func.count()).select_from(ScreeningListEntryRow)) == 13


def test_a_new_version_reports_its_difference(db: Database, tmp_path: Path) -> None:
    first = screening.import_list(db, SAMPLE)
    second = screening.import_list(db, _modified_sample(tmp_path / "csl_2026-08-15.csv"))
    diff = second.diff
    assert [e.name for e in diff.added] == ["Zagros Precision Optics"]
    assert [e.name for e in diff.removed] == [ATLAS]
    assert [c.new.name for c in diff.changed] == [CETC]
    assert "licence_policy" in diff.changed[0].fields
    assert "policy_category" in diff.changed[0].fields
    assert second.version.previous_id == first.version.id
    assert second.version.list_date == dt.date(2026, 8, 15)
    assert second.version.diff == {"added": 1, "removed": 1, "changed": 1, "unchanged": 11}
    versions = screening.list_versions(db)
    assert [v.id for v in versions] == [second.version.id, first.version.id]
    payload = second.as_json()
    assert payload["changed_entries"][0]["fields"] == list(diff.changed[0].fields)


def test_a_rejected_list_file_stores_nothing(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "list.csv"
    bad.write_text("name,country\nACME,CN\n", encoding="utf-8")
    with pytest.raises(ScreeningError, match=r"^list\.csv.*\.$"):
        screening.import_list(db, bad)
    with pytest.raises(ScreeningError, match="cannot be read"):
        screening.import_list(db, tmp_path / "missing.csv")
    assert screening.list_versions(db) == []


def test_entries_read_back_exactly_as_imported(db: Database) -> None:
    result = screening.import_list(db, SAMPLE)
    snapshot = read_list(SAMPLE)
    with db.read() as session:
        stored = version_entries(session, result.version.id)
    assert [entry for entry, _ in stored] == list(snapshot.entries)
    assert [digest for _, digest in stored] == [content_hash(e) for e in snapshot.entries]


_codes = st.lists(st.from_regex(r"[A-Z]{2}", fullmatch=True), max_size=3).map(tuple)
_texts = st.lists(st.text(max_size=30), max_size=3).map(tuple)
_optional = st.none() | st.text(min_size=1, max_size=40)


@given(
    name=st.text(min_size=1, max_size=60),
    aliases=_texts,
    countries=_codes,
    addresses=_texts,
    footnotes=st.lists(st.sampled_from(["FN1", "FN3", "FN4", "FN5"]), unique=True).map(tuple),
    policy=_optional,
    category=st.none() | st.sampled_from(list(PolicyCategory)),
    start=st.none() | st.dates(),
    entity_type=_optional,
)
def test_entry_rows_round_trip(
    name: str,
    aliases: tuple[str, ...],
    countries: tuple[str, ...],
    addresses: tuple[str, ...],
    footnotes: tuple[str, ...],
    policy: str | None,
    category: PolicyCategory | None,
    start: dt.date | None,
    entity_type: str | None,
) -> None:
    entry = ListEntry(
        key="k-1",
        source="entity_list",
        name=name,
        aliases=aliases,
        countries=countries,
        addresses=addresses,
        footnotes=footnotes,
        licence_policy=policy,
        policy_category=category,
        start_date=start,
        entity_type=entity_type,
    )
    record = entry_record(entry, 1, content_hash(entry))
    columns = [c.key for c in ScreeningListEntryRow.__table__.columns][2:]  # no id, version
    assert entry_from_row([record[c] for c in columns]) == entry


def test_content_hash_sees_every_field_but_the_key() -> None:
    entry = ListEntry(key="a", source="entity_list", name="ACME", footnotes=("FN4",))
    assert content_hash(entry) == content_hash(
        ListEntry("b", "entity_list", "ACME", footnotes=("FN4",))
    )
    assert content_hash(entry) != content_hash(
        ListEntry("a", "entity_list", "ACME", footnotes=("FN5",))
    )


# -- screening ------------------------------------------------------------------------------


def test_screening_raises_matches_once(db: Database, book: dict[str, int]) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    first = screening.screen(db)
    assert first.parties == 5 and first.new >= 3 and first.reraised == 0
    cetc = _match(db, "customer", book["cetc"], CETC)
    assert cetc.status == "potential" and cetc.score >= screening.DEFAULT_THRESHOLD
    assert "ROSNEFT TRADE LIMITED" in {m["entry"] for m in screening.matches(db)}
    assert _match(db, "fab", book["atlas_fab"], ATLAS).list_code == "uvl"
    parties = {(m["party_kind"], m["party"]) for m in screening.matches(db, "all")}
    assert ("customer", "Taiwan Semiconductor Manufacturing Company Limited") not in parties
    assert all(m["flag"] == "new" for m in screening.matches(db))
    again = screening.screen(db)
    assert (again.new, again.reraised, again.dropped) == (0, 0, 0)
    assert again.unchanged == first.new
    assert all(m["flag"] == "" for m in screening.matches(db))
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ScreeningRunRow)) == 2


def test_screening_without_a_list_uses_the_shipped_one(db: Database) -> None:
    demo.load_demo(db, 300)
    result = screening.screen(db)
    [version] = screening.list_versions(db)
    assert version.file_name == "csl_reconstructed_2026-07-31.csv" and version.entry_count > 25000
    assert result.versions == (version.id,)
    assert screening.ensure_reference_list(db) is None
    found = {(m["party_kind"], m["party"]) for m in screening.matches(db)}
    customers = {party for kind, party in found if kind == "customer"}
    fabs = {party for kind, party in found if kind == "fab"}
    assert "Semiconductor Manufacturing International Corporation" in customers
    assert "Semiconductor Manufacturing International (Beijing) Corporation" in customers
    assert "Yangtze Memory Technologies Co., Ltd." in customers
    assert "Fujian Jinhua Integrated Circuit Co., Ltd." in customers
    assert "SMIC Beijing B2" in fabs
    assert not any("TSMC" in p or "Taiwan Semiconductor" in p for _, p in found)
    assert not any("Samsung" in p for _, p in found)


def test_screening_reports_progress_and_stops_on_cancel(db: Database, book: dict[str, int]) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        screening.screen(db, cancel=token)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ScreeningMatchRow)) == 0
    seen: list[tuple[int, int]] = []
    screening.screen(db, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


# -- decisions ------------------------------------------------------------------------------


def test_decisions_hold_until_the_entry_changes(
    db: Database, book: dict[str, int], tmp_path: Path
) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    screening.screen(db)
    cetc = _match(db, "customer", book["cetc"], CETC)
    rosneft = _match(db, "customer", book["rosneft"], "ROSNEFT TRADE LIMITED")
    atlas = _match(db, "fab", book["atlas_fab"], ATLAS)
    screening.decide(db, cetc.id, True, "Same institute; Shijiazhuang address", reviewer="ana")
    screening.decide(db, rosneft.id, False, "Our customer is the Cyprus reseller", reviewer="ana")
    assert screening.screen(db).reraised == 0

    result = screening.import_list(db, _modified_sample(tmp_path / "csl_2026-08-15.csv"))
    assert result.screening is not None
    assert result.screening.reraised == 1
    assert result.screening.dropped == 1  # Atlas left the list: its undecided match goes
    reopened = _match(db, "customer", book["cetc"], CETC)
    assert reopened.id != cetc.id and reopened.status == "potential"
    assert reopened.supersedes_id == cetc.id
    assert f"match {cetc.id} was confirmed by ana" in reopened.explanation
    assert "licence_policy" in reopened.explanation
    assert reopened.id in result.screening.raised_ids
    assert _match(db, "customer", book["rosneft"], "ROSNEFT TRADE LIMITED").status == "dismissed"
    with db.read() as session:
        assert session.get(ScreeningMatchRow, atlas.id) is None
        assert session.get(ScreeningMatchRow, cetc.id).status == "confirmed"  # type: ignore[union-attr]
    flags = {m["id"]: m["flag"] for m in screening.matches(db)}
    assert flags[reopened.id] == "entry changed"


def test_confirming_writes_the_listing_rules_read(db: Database, book: dict[str, int]) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    with db.session() as session:  # entered by hand before screening existed
        session.add(
            PartyListingRow(customer_id=book["cetc"], list_code="entity_list", source="manual")
        )
    screening.screen(db)
    cetc = _match(db, "customer", book["cetc"], CETC)
    decision = screening.decide(db, cetc.id, True, "Same institute", reviewer="ana")
    assert (decision.status, decision.listings_written, decision.listings_removed) == (
        "confirmed",
        1,
        1,
    )
    listings = load_listings(db)
    assert listings.height == 1
    row = listings.row(0, named=True)
    assert row["customer_id"] == book["cetc"] and row["fab_id"] is None
    assert (row["list_code"], row["footnote"]) == ("entity_list", "FN3")
    assert row["licence_policy"].startswith("Policy of denial")
    with db.read() as session:
        stored = session.scalars(select(PartyListingRow)).one()
    assert stored.since == dt.date(2018, 8, 1)
    assert stored.source == f"screening match {cetc.id} (list version {cetc.list_version_id})"

    with pytest.raises(ScreeningError, match="already confirmed"):
        screening.decide(db, cetc.id, True, "again")
    dismissed = screening.decide(db, cetc.id, False, "Wrong institute after all", reviewer="bo")
    assert dismissed.listings_removed == 1
    assert load_listings(db).height == 0
    with db.read() as session:
        row_after = session.get(ScreeningMatchRow, cetc.id)
    assert row_after is not None and row_after.reviewer == "bo"
    history = json.loads(row_after.history_json)
    assert [(h["status"], h["reviewer"]) for h in history] == [("confirmed", "ana")]


def test_a_fab_confirmation_lists_the_fab(db: Database, book: dict[str, int]) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    screening.screen(db)
    atlas = _match(db, "fab", book["atlas_fab"], ATLAS)
    assert screening.decide(db, atlas.id, True, "Same plant").listings_written == 1
    row = load_listings(db).row(0, named=True)
    assert (row["fab_id"], row["customer_id"], row["list_code"], row["footnote"]) == (
        book["atlas_fab"],
        None,
        "uvl",
        None,
    )


def test_a_parent_confirmation_is_only_suggested_to_subsidiaries(
    db: Database, book: dict[str, int]
) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    screening.screen(db)
    cetc = _match(db, "customer", book["cetc"], CETC)
    decision = screening.decide(db, cetc.id, True, "Same institute", reviewer="ana")
    [suggestion_id] = decision.suggestions
    with db.read() as session:
        suggestion = session.get(ScreeningMatchRow, suggestion_id)
    assert suggestion is not None
    assert (suggestion.party_id, suggestion.status) == (book["works"], "potential")
    assert suggestion.suggested_by_id == cetc.id
    assert suggestion.explanation.startswith("parent CETC 13th Research Institute confirmed on")
    listed = set(load_listings(db)["customer_id"].to_list())
    assert listed == {book["cetc"]}  # never silently listed
    flags = {m["id"]: m["flag"] for m in screening.matches(db)}
    assert flags[suggestion_id] == "parent confirmed"
    assert screening.screen(db).dropped == 0  # screening keeps suggestions it did not raise
    withdrawn = screening.decide(db, cetc.id, False, "Wrong institute")
    assert withdrawn.suggestions_withdrawn == 1
    with db.read() as session:
        assert session.get(ScreeningMatchRow, suggestion_id) is None


def test_a_decision_needs_a_reason_and_a_match(db: Database, book: dict[str, int]) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    screening.screen(db)
    cetc = _match(db, "customer", book["cetc"], CETC)
    with pytest.raises(ScreeningError, match="needs a reason"):
        screening.decide(db, cetc.id, True, "   ")
    with pytest.raises(ScreeningError, match="no screening match 999"):
        screening.decide(db, 999, False, "no such match")
    assert _match(db, "customer", book["cetc"], CETC).status == "potential"


def test_the_review_queue_filters_by_status(db: Database, book: dict[str, int]) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    screening.screen(db)
    cetc = _match(db, "customer", book["cetc"], CETC)
    screening.decide(db, cetc.id, False, "Different institute")
    spec = tables.SPECS["matches"]
    with db.read() as session:
        dismissed = tables.ids(session, spec, tables.Query(scope={"status": "dismissed"}))
        everything = tables.ids(session, spec, tables.Query())
        searched = tables.ids(session, spec, tables.Query(search="rosneft"))
    assert dismissed == [cetc.id]
    assert set(everything) == {m["id"] for m in screening.matches(db, "all")}
    assert searched and all(
        "ROSNEFT" in m["entry"] for m in screening.matches(db, "all") if m["id"] in searched
    )
    with pytest.raises(ScreeningError, match="not a match status"):
        screening.matches(db, "maybe")


def test_query_checks_one_name(db: Database) -> None:
    screening.import_list(db, SAMPLE, rescreen=False)
    [best, *_] = screening.query(db, "CETC 13", "CN")
    assert best.entry.name == CETC and best.score >= screening.DEFAULT_THRESHOLD
    index = ScreeningIndex.build(read_list(SAMPLE).entries)
    assert screening.query(index, "CETC 13", "CN")[0].entry.key == best.entry.key
    shape = screening.candidate_json(best)
    assert shape["potential_match"] is True and shape["footnotes"] == ["FN3"]
    with pytest.raises(ScreeningError, match="name"):
        screening.query(index, "  ")


def test_a_name_the_matcher_cannot_read_is_not_screened_never_clean(
    db: Database, book: dict[str, int]
) -> None:
    """A name only in Thai script has no candidate; the queue says "not screened" instead."""
    with db.session() as session:
        thai = _customer(session, "TH-1", "บริษัท ไทยเซมิคอนดักเตอร์ จำกัด", "TH")
    screening.import_list(db, SAMPLE, rescreen=False)
    result = screening.screen(db)
    assert result.not_screened == 1 and result.as_json()["not_screened"] == 1
    queue = [m for m in screening.matches(db) if m["party"] == "บริษัท ไทยเซมิคอนดักเตอร์ จำกัด"]
    assert len(queue) == 1
    item = queue[0]
    assert item["entry"] == "(not screened)" and item["list"] == screening.NOT_SCREENED
    assert "Thai script" in item["explanation"] and "alias" in item["explanation"]
    with pytest.raises(ScreeningError, match="no list entry to confirm"):
        screening.decide(db, item["id"], True, "looks listed")
    assert screening.screen(db).not_screened == 1  # still open, not raised twice
    assert len([m for m in screening.matches(db) if m["id"] == item["id"]]) == 1
    decided = screening.decide(db, item["id"], False, "Checked the Thai register by hand")
    assert decided.status == "dismissed"
    with db.session() as session:  # a Latin alias makes the party screenable
        session.add(CustomerAliasRow(customer_id=thai, name="Thai Semiconductor Co., Ltd."))
    again = screening.screen(db)
    assert again.not_screened == 0
    assert [m["status"] for m in screening.matches(db, "all") if m["id"] == item["id"]] == [
        "dismissed"
    ]
