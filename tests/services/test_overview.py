"""Dashboard figures, the customer tree and record details agree with the book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.services import browse, overview
from workbench.services.database import info, open_database
from workbench.storage.database import Database


@pytest.fixture
def demo_db(demo_sqlite: Path, tmp_path: Path) -> Database:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite, copy)
    return open_database(f"sqlite:///{copy}")


def test_dashboard_totals_add_up(demo_db: Database) -> None:
    board = overview.dashboard(demo_db)
    machines = info(demo_db).counts["machines"]
    assert sum(t.machines for t in board.by_country) == machines
    assert sum(t.machines for t in board.by_category) == machines
    assert sum(board.advanced_node.values()) == machines
    assert board.by_country[0].label == "CN"
    assert board.listed_customers >= 5


def test_tree_nests_subsidiaries_under_groups(demo_db: Database) -> None:
    roots = overview.customer_tree(demo_db)
    smic = next(n for n in roots if n.customer.code == "SMIC")
    assert {c.customer.code for c in smic.children} >= {"SMIC-BJ", "SMNC", "SMSC"}
    assert smic.listings and smic.listings[0].footnote == "FN5"
    total = sum(n.machine_count for n in roots)
    assert total == info(demo_db).counts["machines"]


def test_machine_and_contract_details(demo_db: Database) -> None:
    machine_id = browse.find_ids(demo_db, "machines")[0]
    detail = overview.machine_detail(demo_db, machine_id)
    assert detail is not None
    labels = dict(detail.fields)
    assert labels["Advanced node"] in {"yes", "no", "unknown"}
    contract_id = browse.find_ids(demo_db, "contracts")[0]
    contract = overview.contract_detail(demo_db, contract_id)
    assert contract is not None and contract.table_rows
    assert overview.machine_detail(demo_db, 10**9) is None
