"""What-if on one draft rule: the same hits a full run gives, compared with the saved rule."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from workbench.rules.model import AllOf, ClassificationIn, Rule, RulePack
from workbench.rules.packs import ActiveRule, select_rules
from workbench.services import demo, evaluation, rulebook, runs, whatif
from workbench.storage.database import Database

AS_OF = dt.date(2025, 6, 1)


@pytest.fixture
def book_db(sqlite_db: Database) -> Database:
    demo.load_demo(sqlite_db, 300, seed=5)
    return sqlite_db


def _shipped(db: Database, rule_id: str) -> tuple[ActiveRule, tuple[RulePack, Rule]]:
    pack, rule = rulebook.rule_book(db).find(rule_id)
    return whatif.active_rule(pack, rule, AS_OF), (pack, rule)


def test_one_rule_gives_the_hits_of_that_rule_in_a_stored_run(book_db: Database) -> None:
    run = evaluation.evaluate_scenario(book_db, "in-force", AS_OF)
    stored = runs.run_hits(book_db, run.run_id)
    session = whatif.Session(whatif.load_book(book_db, AS_OF))
    chosen = select_rules(
        rulebook.scenario(book_db, "in-force"), rulebook.rule_book(book_db), AS_OF
    )
    busiest = stored.group_by("rule_id").len().sort("len", descending=True)["rule_id"][0]
    rule = next(r for r in chosen if r.rule.id == busiest)
    alone = whatif.rule_hits(session.book, rule)
    expected = stored.filter(pl.col("rule_id") == busiest).drop("explanation")
    assert alone.height > 0
    assert alone.equals(expected)


def test_a_widened_draft_reports_new_hits_and_value_against_the_saved_rule(
    book_db: Database,
) -> None:
    saved, (pack, rule) = _shipped(book_db, "us-3b001-macau-d5")
    session = whatif.Session(whatif.load_book(book_db, AS_OF))
    same = session.what_if(saved, saved)
    assert (same.new, same.gone, same.changed) == (0, 0, 0)
    assert same.before == same.after and same.after.hits > 0

    # The same scope without its destination test: every country is now in scope.
    assert isinstance(rule.scope, AllOf)
    kept = [i for i in rule.scope.items if isinstance(i, ClassificationIn)]
    scope = rule.scope.model_copy(update={"items": kept})
    wider = whatif.active_rule(pack, rule.model_copy(update={"scope": scope}), AS_OF)
    result = session.what_if(wider, saved)
    assert result.before is not None
    assert result.after.hits > result.before.hits
    assert result.new == result.after.obligations - result.before.obligations + result.gone
    assert result.gone == 0
    assert sum(result.after.value_at_risk.values()) > sum(result.before.value_at_risk.values())
    assert result.as_json()["after"]["hits"] == result.after.hits


def test_a_new_rule_has_no_before(book_db: Database) -> None:
    saved, _ = _shipped(book_db, "us-3b001-macau-d5")
    result = whatif.Session(whatif.load_book(book_db, AS_OF)).what_if(saved)
    assert result.before is None
    assert result.new == result.after.obligations and result.gone == 0
