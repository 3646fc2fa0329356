"""Big-table id queries: sorting and filtering happen in SQL and agree with Python."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.services import browse
from workbench.services.database import open_database
from workbench.storage.database import Database
from workbench.storage.tables import Query


@pytest.fixture
def demo_db(demo_sqlite: Path, tmp_path: Path) -> Database:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite, copy)
    return open_database(f"sqlite:///{copy}")


def test_sort_by_install_date_matches_python(demo_db: Database) -> None:
    ids = browse.find_ids(demo_db, "machines", Query(sort="install_date"))
    rows = browse.fetch_rows(demo_db, "machines", ids)
    col = browse.spec("machines").keys.index("install_date")
    dates = [rows[i][col] for i in ids]
    assert dates == sorted(dates)
    desc = browse.find_ids(demo_db, "machines", Query(sort="install_date", descending=True))
    assert [rows[i][col] for i in desc] == sorted(dates, reverse=True)


def test_search_and_filters_narrow_the_ids(demo_db: Database) -> None:
    everything = browse.find_ids(demo_db, "machines")
    smic = browse.find_ids(demo_db, "machines", Query(search="smic beijing"))
    cn_euv = browse.find_ids(
        demo_db, "machines", Query(filters={"country": "CN", "category": "euv"})
    )
    assert 0 < len(smic) < len(everything)
    assert cn_euv == []  # EUV scanners were never shipped to China
    rows = browse.fetch_rows(demo_db, "machines", smic)
    fab_col = browse.spec("machines").keys.index("fab")
    assert all("SMIC Beijing" in rows[i][fab_col] for i in smic)


def test_like_wildcards_in_user_text_are_literal(demo_db: Database) -> None:
    assert browse.find_ids(demo_db, "machines", Query(search="%")) == []
    assert browse.find_ids(demo_db, "machines", Query(search="_")) == []


def test_boolean_filter_knows_unknown(demo_db: Database) -> None:
    unknown = browse.records(demo_db, "fabs", Query(filters={"advanced_node": "unknown"}))
    assert unknown and all(r["advanced_node"] is None for r in unknown)
    yes = browse.records(demo_db, "fabs", Query(filters={"advanced_node": "yes"}))
    assert yes and all(r["advanced_node"] is True for r in yes)


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no table 'widgets'"):
        browse.spec("widgets")
