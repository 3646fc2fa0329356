"""Evaluating scenarios on a real database and reading the stored runs back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from workbench.rules import compiled
from workbench.rules.packs import RuleBook, load_shipped_packs, select_rules
from workbench.services import demo, evaluation, rulebook, runs
from workbench.services.facts_loader import load_facts, load_licences, load_listings
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


def test_facts_carry_what_the_packs_read(demo_db: Database) -> None:
    """Wafer size, the US-person flag and the subject-to-EAR facts reach the evaluators, each
    from its own row; listings carry their own dates."""
    facts = load_facts(demo_db)
    book = demo.generate(400, seed=3)
    fabs = {f["id"]: f for f in book.fabs}
    contracts = {c["id"]: c for c in book.contracts}
    models = {m["id"]: m for m in book.models}
    machines = {m["id"]: m for m in book.machines}
    for r in facts.head(200).iter_rows(named=True):
        machine = machines[r["machine_id"]]
        assert r["wafer_size_mm"] == fabs[machine["fab_id"]]["wafer_size_mm"]
        assert r["us_person"] == contracts[r["contract_id"]]["us_person_service"]
        model = models[machine["model_id"]]
        assert (r["us_origin"], r["us_content_pct"], r["us_direct_product"]) == (
            model["us_origin"],
            model["us_content_pct"],
            model["us_direct_product"],
        )
    assert set(facts["us_person"].unique().to_list()) == {True, False, None}
    listings = load_listings(demo_db)
    assert listings["since"].null_count() == 0
    assert dt.date(2025, 9, 12) in listings["since"].to_list()


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
    listings = load_listings(demo_db)
    # Hits go only where a listing row ended in between: the SMIC rows' 2020 policy (denial
    # only for 10 nm and below) gave way to today's text on 2 Dec 2024.
    ended = listings.filter(pl.col("until").is_between(dt.date(2024, 6, 1), dt.date(2025, 5, 31)))
    assert ended.height
    assert set(diff.gone["rule_id"].to_list()) <= {
        "us-el-policy-10nm-denial",
        "us-el-policy-10nm-other",
    }
    # New hits come from rules that took force, or from parties listed (or whose row's text
    # changed) in between, each from its own date: PXW, SwaySure, Wuhan Xinxin and the SMIC
    # rows' new text in Dec 2024; a subsidiary is reached through its listed parent.
    listed_between = set(
        listings.filter(pl.col("since").is_between(dt.date(2024, 6, 2), dt.date(2025, 6, 1)))[
            "customer_id"
        ].to_list()
    )
    assert listed_between
    facts = load_facts(demo_db).select("obligation_id", "parent_customer_id")
    by_party = diff.new.filter(~pl.col("rule_id").is_in(list(took_force))).join(
        facts, on="obligation_id", how="left"
    )
    reached = by_party.filter(
        pl.col("customer_id").is_in(list(listed_between))
        | pl.col("parent_customer_id").is_in(list(listed_between))
    )
    assert reached.height == by_party.height
    assert (by_party["first_affected"] >= dt.date(2024, 12, 2)).all()
    assert diff.new.height > by_party.height > 0


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


def test_stored_run_equals_the_evaluation_with_its_texts(demo_db: Database) -> None:
    day = dt.date(2025, 6, 1)
    result = evaluation.evaluate_scenario(demo_db, "proposal-2024-servicing-ban", day)
    rules = select_rules(
        rulebook.scenario(demo_db, "proposal-2024-servicing-ban"), rulebook.rule_book(demo_db), day
    )
    fresh = compiled.evaluate(
        load_facts(demo_db), load_listings(demo_db), load_licences(demo_db), rules, day
    )
    expected = evaluation.hits_with_explanations(fresh)
    assert runs.run_hits(demo_db, result.run_id).equals(expected)
    # Each distinct text is stored once, and numbered in the order of its first hit.
    numbered, texts = evaluation.explained_hits(fresh)
    assert texts.height == expected["explanation"].n_unique() < expected.height
    first_use = numbered["explanation_number"].unique(maintain_order=True).to_list()
    assert first_use == texts["explanation_number"].to_list()


def test_explained_hits_of_an_evaluator_without_numbers(demo_db: Database) -> None:
    from workbench.rules.reference import evaluate_reference

    day = dt.date(2025, 6, 1)
    rules = select_rules(rulebook.scenario(demo_db, "in-force"), rulebook.rule_book(demo_db), day)
    plain = evaluate_reference(
        load_facts(demo_db), load_listings(demo_db), load_licences(demo_db), rules, day
    )
    numbered, texts = evaluation.explained_hits(plain)
    assert numbered.drop("explanation_number").equals(plain.hits)
    assert texts["explanation"].to_list() == [""]  # the reference explains nothing
    assert numbered["explanation_number"].unique().to_list() == [1]


def test_loaded_facts_are_sorted_by_obligation(demo_db: Database) -> None:
    facts = load_facts(demo_db)
    assert facts["obligation_id"].flags["SORTED_ASC"]
    assert facts["obligation_id"].to_list() == sorted(facts["obligation_id"].to_list())


def test_user_scenario_with_dates_round_trips(demo_db: Database) -> None:
    from workbench.rules.model import Scenario
    from workbench.services import rulebook

    mine = Scenario(
        id="my-servicing-ban",
        title="In force plus the servicing ban from 2026",
        in_force=True,
        rules=["proposal-2024-servicing-ban-nl"],
        assumed_effective=dt.date(2026, 1, 1),
        as_of=dt.date(2026, 6, 30),
    )
    rulebook.save_scenario(demo_db, mine)
    assert rulebook.scenario(demo_db, "my-servicing-ban") == mine
    result = evaluation.evaluate_scenario(demo_db, "my-servicing-ban")
    assert result.as_of == dt.date(2026, 6, 30)


def _counts(db: Database) -> list[int]:
    from sqlalchemy import func, select

    from workbench.storage.orm import (
        EvaluationRunRow,
        RunContractRow,
        RunExplanationRow,
        RunHitRow,
        RunMachineRow,
        RunObligationRow,
        RunRuleRow,
    )

    tables = (
        EvaluationRunRow,
        RunRuleRow,
        RunExplanationRow,
        RunMachineRow,
        RunContractRow,
        RunObligationRow,
        RunHitRow,
    )
    with db.read() as session:
        return [session.execute(select(func.count()).select_from(t)).scalar_one() for t in tables]


def test_a_run_that_fails_while_storing_leaves_nothing(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.storage.frames import append_frame

    written: list[str] = []

    def append_then_fail(conn: Any, table: Any, frame: pl.DataFrame) -> int:
        if table.name == "run_hits":
            raise RuntimeError("disk full")
        written.append(table.name)
        return append_frame(conn, table, frame)

    monkeypatch.setattr("workbench.services.evaluation.append_frame", append_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    written_then_rolled_back = [
        "run_rules",
        "run_explanations",
        "run_machines",
        "run_contracts",
        "run_obligations",
    ]
    assert written == written_then_rolled_back
    assert _counts(demo_db) == [0] * 7


def test_a_cancelled_run_stores_nothing(demo_db: Database) -> None:
    from workbench.domain.cancel import Cancelled, CancelToken

    token = CancelToken()
    seen: list[int] = []

    def cancel_late(done: int, total: int) -> None:
        seen.append(done)
        if done >= 70:  # the evaluation is done; cancel before anything is stored
            token.cancel()

    with pytest.raises(Cancelled):
        evaluation.evaluate_scenario(
            demo_db, "in-force", dt.date(2025, 6, 1), progress=cancel_late, cancel=token
        )
    assert _counts(demo_db) == [0] * 7


def test_stored_run_is_in_the_audit_trail(demo_db: Database) -> None:
    from workbench.services import audit
    from workbench.storage.audit_log import AuditFilter

    result = evaluation.evaluate_scenario(demo_db, "in-force", dt.date(2025, 6, 1))
    [entry] = audit.recent(demo_db, AuditFilter(cause_kind="evaluation_run"))
    assert entry.record_id == result.run_id
    assert entry.table_name == "evaluation_runs"
    assert audit.verify(demo_db).ok
