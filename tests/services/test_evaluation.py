"""Evaluating scenarios on a real database and reading the stored runs back."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from workbench.rules.packs import RuleBook, load_shipped_packs
from workbench.services import demo, evaluation, runs
from workbench.services.facts_loader import load_facts
from workbench.storage.database import Database


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.load_demo(db, 400, seed=3)
    return db


def test_facts_cover_every_obligation(demo_db: Database) -> None:
    facts = load_facts(demo_db)
    book = demo.generate(400, seed=3)
    assert facts.height == len(book.obligations)
    assert facts["obligation_id"].is_unique().all()
    assert facts["obligation_start"].dtype == pl.Date
    assert facts.filter(pl.col("advanced_node").is_null()).height > 0


def test_stored_run_reads_back_identically(demo_db: Database) -> None:
    result = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    stored = runs.run_hits(demo_db, result.run_id)
    assert stored.height == result.hits > 0
    info = runs.run_info(demo_db, result.run_id)
    assert info.hit_count == result.hits
    assert len(info.rule_hash) == 64 and len(info.data_fingerprint) == 64
    assert info.rules and all("rule" in r for r in info.rules)
    assert stored["explanation"].str.len_chars().min() > 0  # type: ignore[operator]
    again = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    assert runs.compare_runs(demo_db, result.run_id, again.run_id).diff.unchanged
    assert runs.run_info(demo_db, again.run_id).data_fingerprint == info.data_fingerprint


def test_in_force_differs_by_what_took_force_between(demo_db: Database) -> None:
    early = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2024, 6, 1))
    late = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    diff = runs.compare_runs(demo_db, early.run_id, late.run_id).diff
    book = RuleBook.of(load_shipped_packs())
    took_force = {
        rule.id
        for _pack, rule in book.entries()
        if rule.effective and dt.date(2024, 6, 1) < rule.effective <= dt.date(2025, 6, 1)
    }
    assert diff.gone.height == 0
    assert set(diff.new["rule_id"].unique()) <= took_force
    assert diff.new.height > 0


def test_value_at_risk_counts_each_obligation_once(demo_db: Database) -> None:
    result = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    hits = runs.run_hits(demo_db, result.run_id)
    per_obligation = hits.group_by("obligation_id", "currency").agg(pl.col("value_at_risk").max())
    for currency, value in result.summary["value_at_risk"].items():
        expected = per_obligation.filter(pl.col("currency") == currency)["value_at_risk"].sum()
        assert value == pytest.approx(expected, abs=0.01)


def test_unknown_run_is_a_user_error(demo_db: Database) -> None:
    with pytest.raises(runs.RunError, match="no evaluation run 999"):
        runs.run_info(demo_db, 999)
