"""Reads behind the window: totals, a fab's machines, node details, group rankings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.domain.entities import Customer, PartyListing
from workbench.services import browse, overview, screening, ui_support
from workbench.services.database import info, open_database
from workbench.storage import repositories
from workbench.storage.database import Database


@pytest.fixture
def book(demo_sqlite: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite, copy)
    db = open_database(f"sqlite:///{copy}")
    yield db
    db.dispose()


def _fab(db: Database, name: str) -> overview.FabNode:
    stack = list(overview.customer_tree(db))
    while stack:
        node = stack.pop()
        for fab in node.fabs:
            if fab.fab.name == name:
                return fab
        stack.extend(node.children)
    raise AssertionError(name)


def test_count_rows_matches_table_counts(book: Database) -> None:
    counts = info(book).counts
    assert ui_support.count_rows(book, browse.spec("machines")) == counts["machines"]
    assert ui_support.count_rows(book, browse.spec("contracts")) == counts["contracts"]


def test_fab_machines_are_exactly_that_fabs_machines(book: Database) -> None:
    fab = _fab(book, "SMIC SN1 Shanghai")
    ids = ui_support.fab_machine_ids(book, fab.fab.id or 0)
    assert len(ids) == fab.machines > 0
    rows = ui_support.fab_machine_rows(book, ids)
    assert set(rows) == set(ids)
    assert {r["serial"] for r in rows.values()} == {
        r["serial"] for r in browse.records(book, "machines") if r["fab"] == "SMIC SN1 Shanghai"
    }
    serials = [rows[i]["serial"] for i in ids]
    assert serials == sorted(serials)
    assert set(next(iter(rows.values()))) == set(ui_support.FAB_MACHINE_COLUMNS)


def test_customer_and_fab_details(book: Database) -> None:
    tree = overview.customer_tree(book)
    smic = next(n for n in tree if n.customer.code == "SMIC")
    detail = ui_support.customer_detail(book, smic.customer.id or 0)
    assert detail is not None
    fields = dict(detail.fields)
    assert fields["Listings"] == "Entity List FN5"
    assert fields["Group"].startswith("—")
    assert (
        "Semiconductor Manufacturing International (Shanghai) Corporation"
        in (fields["Subsidiaries"])
    )
    fab = _fab(book, "CXMT Hefei Fab 2")
    fab_detail = ui_support.fab_detail(book, fab.fab.id or 0)
    assert fab_detail is not None
    assert dict(fab_detail.fields)["Advanced node"].startswith("unknown")
    assert ui_support.customer_detail(book, 999_999) is None
    assert ui_support.fab_detail(book, 999_999) is None


def test_groups_add_subsidiaries_to_their_parent(book: Database) -> None:
    groups = ui_support.top_customer_groups(book, limit=100)
    assert sum(g.machines for g in groups) == info(book).counts["machines"]
    assert [g.machines for g in groups] == sorted((g.machines for g in groups), reverse=True)
    smic = next(g for g in groups if g.name.startswith("Semiconductor Manufacturing Intern"))
    assert smic.label == "SMIC"
    tree = overview.customer_tree(book)
    root = next(n for n in tree if n.customer.code == "SMIC")
    assert smic.machines == root.machine_count


def test_listing_labels() -> None:
    assert ui_support.listing_label(PartyListing(None, "entity_list", footnote="FN4")) == (
        "Entity List FN4"
    )
    assert ui_support.listing_label(PartyListing(None, "meu")) == "MEU"
    assert ui_support.listing_label(PartyListing(None, "new_list")) == "NEW LIST"


def test_details_show_list_status_and_open_matches(sqlite_db: Database) -> None:
    sample = Path(__file__).resolve().parent.parent / "data" / "csl_sample_consolidated.csv"
    with sqlite_db.session() as session:
        cetc = repositories.add_customer(
            session, Customer(None, "CETC13", "CETC 13th Research Institute", "CN")
        )
    screening.import_list(sqlite_db, sample)
    detail = ui_support.customer_detail(sqlite_db, cetc)
    assert detail is not None
    fields = dict(detail.fields)
    assert fields["List status"] == "—"
    assert fields["Screening"].startswith("1 potential match to review in Screening: ")
    assert "CETC 13" in fields["Screening"]

    match = screening.matches(sqlite_db)[0]["id"]
    screening.decide(sqlite_db, match, True, "Same institute.")
    fields = dict((ui_support.customer_detail(sqlite_db, cetc) or detail).fields)
    assert fields["Screening"] == "no potential matches waiting for review"
    status = fields["List status"]
    assert status.startswith("Entity List FN3 · Policy of denial")
    assert status.endswith(" · since 2018-08-01")
