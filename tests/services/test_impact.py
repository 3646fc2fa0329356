"""Impact read models: summaries count each obligation once, quarters keep the time scale,
comparisons agree with ``runs.compare_runs``; rule drafts validate inside their pack."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.rules.hits import HIT_SCHEMA
from workbench.rules.packs import load_shipped_packs
from workbench.services import (
    catalogue,
    demo,
    evaluation,
    impact,
    rule_editing,
    rule_text,
    rulebook,
    runs,
)
from workbench.storage.database import Database


def _hits(rows: list[dict[str, object]]) -> pl.DataFrame:
    base = dict.fromkeys(HIT_SCHEMA)
    return pl.DataFrame([{**base, **r} for r in rows], schema=HIT_SCHEMA)


def _hit(ob: int, rule: str, day: dt.date, value: float, **extra: object) -> dict[str, object]:
    return {
        "obligation_id": ob,
        "rule_id": rule,
        "first_affected": day,
        "value_at_risk": value,
        "currency": extra.get("currency", "EUR"),
        "customer_id": extra.get("customer_id", 1),
        "customer_name": extra.get("customer_name", "SMIC"),
        "fab_id": extra.get("fab_id", 1),
        "fab_name": extra.get("fab_name", "Fab 1"),
        "fab_country": extra.get("fab_country", "CN"),
        "machine_id": ob,
        "jurisdiction": extra.get("jurisdiction", "US"),
        "outcome": "licence_required",
        "final_outcome": extra.get("final_outcome", "licence_required"),
    }


def test_breakdown_counts_an_obligation_once_per_group() -> None:
    hits = _hits(
        [
            _hit(1, "a", dt.date(2024, 1, 5), 100.0),
            _hit(1, "b", dt.date(2024, 6, 1), 60.0),
            _hit(2, "a", dt.date(2024, 2, 1), 10.0, customer_id=2, customer_name="YMTC"),
        ]
    )
    table = impact.breakdown(hits, "customer")
    smic = table.filter(pl.col("label") == "SMIC").row(0, named=True)
    assert (smic["hits"], smic["obligations"], smic["value_at_risk"]) == (2, 1, 100.0)
    assert table["label"].to_list() == ["SMIC", "YMTC"]  # largest value first


def test_by_quarter_fills_gaps_and_uses_the_earliest_date() -> None:
    hits = _hits(
        [
            _hit(1, "a", dt.date(2024, 1, 5), 100.0),
            _hit(1, "b", dt.date(2024, 12, 1), 60.0),
            _hit(2, "a", dt.date(2024, 11, 1), 10.0),
        ]
    )
    quarters = impact.by_quarter(hits)
    assert quarters["quarter"].to_list() == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"]
    assert quarters["obligations"].to_list() == [1, 0, 0, 1]
    assert quarters["value_at_risk"].to_list() == [100.0, 0.0, 0.0, 10.0]


def test_quarter_labels_cross_years() -> None:
    assert impact.quarter_labels(dt.date(2023, 11, 30), dt.date(2024, 2, 1)) == [
        "2023 Q4",
        "2024 Q1",
    ]


_hit_rows = st.lists(
    st.tuples(
        st.integers(1, 12),
        st.sampled_from(["r1", "r2", "r3"]),
        st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31)),
        st.floats(0, 1e6, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda t: (t[0], t[1]),
)


@settings(max_examples=60, deadline=None)
@given(_hit_rows)
def test_quarters_and_groups_add_up_to_the_distinct_totals(
    rows: list[tuple[int, str, dt.date, float]],
) -> None:
    currency = {ob: "EUR" if ob % 2 else "USD" for ob, *_ in rows}
    hits = _hits(
        [
            _hit(
                ob,
                rule,
                day,
                value,
                currency=currency[ob],
                customer_id=ob % 3,
                customer_name=f"C{ob % 3}",
            )
            for ob, rule, day, value in rows
        ]
    )
    summary = impact.summarise(hits)
    quarters = summary.by_quarter
    assert quarters["obligations"].sum() == summary.obligations
    for cur, total in summary.value_at_risk.items():
        in_quarters = quarters.filter(pl.col("currency") == cur)["value_at_risk"].sum()
        assert in_quarters == pytest.approx(total)
        groups = impact.grouped(hits, "customer")
        assert groups[cur].sum() == pytest.approx(total)
    assert summary.by_customer["obligations"].sum() == summary.obligations


@pytest.fixture
def run_db(sqlite_db: Database) -> Database:
    demo.load_demo(sqlite_db, 300, seed=5)
    return sqlite_db


def test_compare_agrees_with_runs_compare_runs(run_db: Database) -> None:
    a = evaluation.evaluate_scenario(run_db, "in-force", dt.date(2024, 6, 1)).run_id
    b = evaluation.evaluate_scenario(
        run_db, "proposal-2024-servicing-ban", dt.date(2025, 6, 1)
    ).run_id
    ours = impact.compare(run_db, a, b)
    theirs = runs.compare_runs(run_db, a, b)
    assert ours.counts == {
        "new": theirs.diff.new.height,
        "gone": theirs.diff.gone.height,
        "changed": theirs.diff.changed.height,
        "licence": theirs.licence_changes.height,
    }
    assert ours.counts["new"] > 0
    assert ours.changed.height == theirs.diff.changed.height
    assert ours.changed["serial"].null_count() == 0
    assert ours.result.by_customer.equals(theirs.by_customer)
    history = impact.run_history(run_db)
    assert history["run"].to_list() == [b, a]
    assert impact.latest_run_id(run_db) == b


def test_load_run_and_hit_detail(run_db: Database) -> None:
    run = evaluation.evaluate_scenario(run_db, "in-force", dt.date(2025, 6, 1))
    loaded = impact.load_run(run_db, run.run_id)
    assert loaded.summary.hits == run.hits
    assert loaded.summary.obligations == run.summary["obligations"]
    assert loaded.summary.value_at_risk == pytest.approx(run.summary["value_at_risk"])
    assert set(loaded.groups) == {"customer", "fab", "rule"}
    assert loaded.groups["rule"]["hits"].sum() == run.hits

    hits = runs.run_hits(run_db, run.run_id)
    first = hits.row(0, named=True)
    with run_db.read() as session:
        from sqlalchemy import select

        from workbench.storage.orm import RunHitRow, RunRuleRow

        hit_id = session.scalar(
            select(RunHitRow.id)
            .join(
                RunRuleRow,
                (RunRuleRow.run_id == RunHitRow.run_id)
                & (RunRuleRow.number == RunHitRow.rule_number),
            )
            .where(
                RunHitRow.run_id == run.run_id,
                RunHitRow.obligation_id == first["obligation_id"],
                RunRuleRow.rule_id == first["rule_id"],
            )
        )
    assert hit_id is not None
    detail = impact.hit_detail(run_db, hit_id)
    assert detail is not None
    assert detail.rule_id == first["rule_id"]
    assert detail.matched == first["explanation"].split("\n")
    assert detail.serial == first["serial"]
    assert detail.citation and detail.rule_title != detail.rule_id
    assert impact.hit_detail(run_db, 10**9) is None


def test_catalogue_offers_the_book_values(run_db: Database) -> None:
    found = catalogue.catalogue(run_db)
    assert "CN" in found.countries
    assert found.models and found.vendors
    assert "D:5" in found.country_groups
    assert any(code.startswith("3B") for code in found.classifications["US"])
    assert sum(n for _c, n in found.categories) > 0


# --- rule drafts --------------------------------------------------------------------------------

PACKS = load_shipped_packs()


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.pack)
def test_every_shipped_rule_round_trips_through_the_editor(pack) -> None:  # type: ignore[no-untyped-def]
    for rule in pack.rules:
        check = rule_editing.check_draft(
            PACKS, rule_editing.rule_yaml(rule), target=pack.pack, replaces=rule.id,
            source_pack=pack.pack,
        )  # fmt: skip
        assert check.ok, [str(m) for m in check.messages]
        assert check.rule == rule
        assert check.pack is not None and check.pack.version == pack.version + 1


def test_draft_errors_point_at_draft_lines() -> None:
    pack = next(p for p in PACKS if p.pack == "nl-2024-09")
    text = rule_editing.rule_yaml(pack.rules[0]).replace(
        "outcome: licence_required", "outcome: banned"
    )
    check = rule_editing.check_draft(
        PACKS, text, target=pack.pack, replaces=pack.rules[0].id, source_pack=pack.pack
    )
    assert not check.ok
    line = text.split("\n").index("outcome: banned") + 1
    assert [(m.line, m.column, m.location) for m in check.errors] == [(line, 10, "outcome")]


def test_copy_goes_to_the_user_pack_with_its_model_sets(sqlite_db: Database) -> None:
    pack = next(p for p in PACKS if p.pack == "nl-2024-09")
    rule = pack.rules[0]
    same_id = rule_editing.check_draft(
        PACKS,
        rule_editing.rule_yaml(rule),
        target="user-rules",
        replaces=None,
        source_pack=pack.pack,
    )
    assert not same_id.ok and "already used" in same_id.errors[0].message
    taken = {r.id for p in PACKS for r in p.rules}
    copied = rule_editing.copy_of(rule, taken)
    assert copied.id == f"{rule.id}-copy" and copied.status == "proposed"
    check = rule_editing.check_draft(
        PACKS,
        rule_editing.rule_yaml(copied),
        target="user-rules",
        replaces=None,
        source_pack=pack.pack,
    )
    assert check.ok and check.pack is not None
    assert set(check.pack.model_sets) == {"nl_annex_2024"}
    rule_editing.save_draft(sqlite_db, check)
    stored = {p.pack.pack: p for p in rulebook.packs(sqlite_db)}
    assert stored["user-rules"].origin == "database"
    assert [r.id for r in stored["user-rules"].pack.rules] == [copied.id]

    # a second copy lands in the same pack, whose version goes up
    packs = [p.pack for p in rulebook.packs(sqlite_db)]
    second = rule_editing.copy_of(rule, {r.id for p in packs for r in p.rules})
    again = rule_editing.check_draft(
        packs,
        rule_editing.rule_yaml(second),
        target="user-rules",
        replaces=None,
        source_pack=pack.pack,
    )
    assert again.ok and again.pack is not None and again.pack.version == 2
    assert [r.id for r in again.pack.rules] == [copied.id, f"{rule.id}-copy-2"]


def test_scope_reads_as_sentences() -> None:
    pack = next(p for p in PACKS if p.pack == "nl-2024-09")
    lines = rule_text.describe_scope(pack.rules[0].scope, pack)
    assert [(line.depth, line.group) for line in lines] == [
        (0, True), (1, False), (1, True), (2, False), (2, False),
    ]  # fmt: skip
    assert lines[1].text.startswith("Model is on the list 'NL annex 2024-09")
    assert lines[3].text == "Fab country is CN"
    assert lines[4].text == "Customer HQ country is CN"
    assert rule_text.outcome_label("presumption_of_denial") == "Presumption of denial"
