"""The demo book on the 2025 rules end to end (stored runs on a real database): the
Affiliates rule's chain and aggregate cases while it is in force and not while suspended, a
run diff across the suspension's end, and the former VEU fabs moving from licensed to licence
required on 31 Dec 2025."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import polars as pl
import pytest

from workbench.services import demo, evaluation, runs
from workbench.services.database import open_database
from workbench.services.facts_loader import load_ownership
from workbench.storage.database import Database

AFFILIATES = "us-affiliates-50pct-entity-list"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('regcur') / 'book.sqlite'}")
    demo.load_demo(db, "small")
    yield db
    db.dispose()


def _run(db: Database, day: dt.date) -> pl.DataFrame:
    result = evaluation.evaluate_scenario(db, "in-force", day)
    return runs.run_hits(db, result.run_id)


def test_ownership_shares_round_trip_on_each_backend(db: Database) -> None:
    demo.load_demo(db, 200, seed=3)
    shares = load_ownership(db)
    book = demo.generate(200, seed=3)
    assert shares.height == len(book.ownership) == 4
    chain = shares.filter(pl.col("child_name").str.starts_with("Hong Kong Pilot Foundry"))
    assert chain.select("parent_name", "share_pct", "as_of").row(0) == (
        "Xinhe Semiconductor Holdings (fictitious demo holding)",
        51.0,
        dt.date(2025, 3, 31),
    )


def test_the_affiliates_rule_hits_the_chain_and_the_aggregate_while_in_force(
    demo_db: Database,
) -> None:
    hits = _run(demo_db, dt.date(2025, 10, 15)).filter(pl.col("rule_id") == AFFILIATES)
    assert hits.height > 0
    firsts = hits.group_by("customer_name").agg(pl.col("explanation").first())
    by_customer = dict(firsts.iter_rows())
    assert set(by_customer) == {
        "Hong Kong Pilot Foundry (fictitious demo customer)",
        "Macau Advanced Semiconductor (fictitious demo customer)",
    }
    chain = by_customer["Hong Kong Pilot Foundry (fictitious demo customer)"]
    assert (
        "51 % by parties on entity_list: Semiconductor Manufacturing International Corporation "
        "holds 51 % via Xinhe Semiconductor Holdings (fictitious demo holding)"
    ) in chain
    aggregate = by_customer["Macau Advanced Semiconductor (fictitious demo customer)"]
    assert "55 % by parties on entity_list: " in aggregate
    assert "holds 30 %" in aggregate and "holds 25 %" in aggregate
    assert set(hits["first_affected"].to_list()) == {dt.date(2025, 9, 29)}


def test_suspended_then_back_a_run_diff_shows_what_comes_back(demo_db: Database) -> None:
    suspended = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2026, 11, 9))
    back = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2026, 11, 10))
    assert AFFILIATES not in set(runs.run_hits(demo_db, suspended.run_id)["rule_id"])
    comparison = runs.compare_runs(demo_db, suspended.run_id, back.run_id)
    new = comparison.diff.new
    assert new.height > 0 and set(new["rule_id"]) == {AFFILIATES}
    assert set(new["first_affected"]) == {dt.date(2026, 11, 10)}


def test_former_veu_fabs_move_from_licensed_to_licence_required(demo_db: Database) -> None:
    fabs = ["Samsung Xi'an", "SK hynix Wuxi C2", "SK hynix Dalian Fab 68"]
    before = _run(demo_db, dt.date(2025, 12, 30)).filter(pl.col("fab_name").is_in(fabs))
    after = _run(demo_db, dt.date(2025, 12, 31)).filter(pl.col("fab_name").is_in(fabs))
    # On 30 Dec the VEU authorisations cover the three fabs, but they end before the
    # obligations do: such hits are affected from the day after the licence ends (issue 17),
    # naming the licence; obligations that end while the VEU holds stay licensed.
    covered = before.filter(pl.col("licence_numbers").fill_null("").str.contains("VEU"))
    assert set(covered["fab_name"]) == set(fabs)
    ending = covered.filter(pl.col("licence_coverage") == "expires_before_end")
    assert ending.height and set(ending["first_affected"]) == {dt.date(2025, 12, 31)}
    assert not before["rule_id"].str.starts_with("us-veu-revoked").any()
    veu = after.filter(pl.col("rule_id").str.starts_with("us-veu-revoked"))
    assert set(veu["fab_name"]) == set(fabs)
    outcomes = dict(veu.group_by("rule_id").agg(pl.col("final_outcome").unique()).iter_rows())
    assert outcomes == {
        "us-veu-revoked-2025-operations": ["licence_required"],
        "us-veu-revoked-2025-upgrades": ["presumption_of_denial"],
    }
    # Obligations still running on 31 Dec 2025 have no licence any more; only those that ended
    # while the VEU held stay licensed (and the VEU rules do not reach them).
    running = after.filter(pl.col("obligation_id").is_in(veu["obligation_id"].implode()))
    assert running.height > veu.height
    assert "licensed" not in set(running["final_outcome"])
    assert (
        before.filter(
            pl.col("obligation_id").is_in(veu["obligation_id"].implode())
            & (pl.col("licence_coverage") == "expires_before_end")
        ).height
        > 0
    )
