"""Licence value and quantity limits: obligations are counted against a licence in a defined
order and those that no longer fit are not covered by it, with the reason on the hit.

Every evaluation here goes through ``both`` (the compiled and the reference evaluator must
give the identical frame); the admission loop itself is tested on plain draws first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench.rules.compiled import evaluate
from workbench.rules.facts import facts_frame, licences_frame, listings_frame
from workbench.rules.limits import Draw, join_notes, refusals
from workbench.rules.packs import ActiveRule
from workbench.rules.reference import evaluate_reference

from .factories import active, both, facts, row, rule

CN = {"kind": "country", "in": ["CN"]}
ON_FILE = {"licences_on_file": True}
AS_OF = dt.date(2024, 7, 1)
END = dt.date(2025, 12, 31)


def _draw(obligation: int, day: int, value: float, **fields: Any) -> Draw:
    base: dict[str, Any] = {
        "licence_id": 1,
        "obligation_id": obligation,
        "day": dt.date(2024, 6, day),
        "value": value,
        "currency": "USD",
        "machine_id": 100 + obligation,
        "number": "D1",
        "value_limit": None,
        "limit_currency": None,
        "quantity_limit": None,
    }
    base.update(fields)
    return Draw(**base)


def test_draws_are_counted_by_day_then_obligation_id_and_a_misfit_leaves_room() -> None:
    limit = {"value_limit": 1_500_000.0, "limit_currency": "USD"}
    draws = [
        _draw(3, 2, 400_000.0, **limit),
        _draw(1, 1, 1_000_000.0, **limit),
        _draw(2, 1, 1_000_000.0, **limit),  # same day as 1: obligation id decides
        _draw(4, 3, 100_000.0, **limit),
    ]
    refused = refusals(draws)
    # 1 (1.0M) fits; 2 (1.0M) does not; 3 (0.4M) fits in the 0.5M left; 4 (0.1M) then fits too.
    assert set(refused) == {(1, 2)}
    assert refused[(1, 2)] == (
        "D1: value limit USD 1,500,000.00 used up by earlier obligations "
        "(USD 1,000,000.00 drawn, this one needs USD 1,000,000.00)"
    )
    alone = refusals([_draw(1, 1, 2_000_000.0, value_limit=1e6, limit_currency="USD")])
    assert alone[(1, 1)] == (
        "D1: value limit USD 1,000,000.00 is less than this obligation needs (USD 2,000,000.00)"
    )


def test_an_exact_fit_is_admitted_and_a_cent_more_is_not() -> None:
    limit = {"value_limit": 1_000_000.0, "limit_currency": "USD"}
    assert refusals([_draw(1, 1, 600_000.0, **limit), _draw(2, 2, 400_000.0, **limit)]) == {}
    over = [_draw(1, 1, 600_000.0, **limit), _draw(2, 2, 400_000.01, **limit)]
    assert set(refusals(over)) == {(1, 2)}


def test_a_quantity_limit_counts_machines_not_obligations() -> None:
    limit = {"quantity_limit": 1}
    draws = [
        _draw(1, 1, 1.0, machine_id=100, **limit),
        _draw(2, 2, 1.0, machine_id=101, **limit),
        _draw(3, 3, 1.0, machine_id=100, **limit),  # the admitted machine's next service
    ]
    refused = refusals(draws)
    assert set(refused) == {(1, 2)}
    assert "quantity limit of 1 machine(s) reached" in refused[(1, 2)]


def test_another_currency_cannot_be_counted_against_a_value_limit() -> None:
    draws = [_draw(1, 1, 10.0, currency="EUR", value_limit=1e9, limit_currency="USD")]
    assert "without exchange rates" in refusals(draws)[(1, 1)]


def test_each_licence_counts_on_its_own() -> None:
    limit = {"value_limit": 100.0, "limit_currency": "USD"}
    draws = [
        _draw(1, 1, 100.0, **limit),
        _draw(2, 2, 100.0, **limit),
        _draw(2, 2, 100.0, licence_id=2, number="D2", **limit),
    ]
    assert set(refusals(draws)) == {(1, 2)}


def test_notes_join_by_licence_number_each_once() -> None:
    assert join_notes([]) is None
    assert join_notes([("D2", 2, "b"), ("D1", 1, "a"), ("D2", 2, "b")]) == "a; b"


# -- through both evaluators -------------------------------------------------------------


def _licence(**fields: Any) -> dict[str, Any]:
    return {
        "licence_id": 1,
        "jurisdiction": "US",
        "number": "D123456",
        "valid_from": dt.date(2024, 1, 1),
        "valid_to": None,
        **fields,
    }


def _obligation(
    oid: int, start: dt.date, value: float = 1_000_000.0, **fields: Any
) -> dict[str, Any]:
    """An obligation fully affected from its start (the rule is effective 2024-06-01), so its
    value at risk is its whole value."""
    base: dict[str, Any] = {
        "obligation_id": oid,
        "machine_id": 100 + oid,
        "currency": "USD",
        "obligation_start": start,
        "obligation_end": END,
        "obligation_value": value,
    }
    return row(**{**base, **fields})


def _run(
    rows: list[dict[str, Any]], licences: list[dict[str, Any]], rules: int = 1
) -> pl.DataFrame:
    chosen = [active(rule(CN, id=f"r{n + 1}", exceptions=ON_FILE)) for n in range(rules)]
    return both(facts(*rows), chosen, as_of=AS_OF, licences=licences_frame(licences))


def test_a_1m_licence_does_not_license_3m_of_obligations() -> None:
    rows = [
        _obligation(1, dt.date(2024, 7, 1)),
        _obligation(2, dt.date(2024, 8, 1)),
        _obligation(3, dt.date(2024, 6, 1)),  # falls due first
    ]
    hits = _run(rows, [_licence(value_limit=1_000_000.0, limit_currency="USD")])
    by_id = {r["obligation_id"]: r for r in hits.iter_rows(named=True)}
    assert by_id[3]["final_outcome"] == "licensed" and by_id[3]["licence_note"] is None
    for oid in (1, 2):
        hit = by_id[oid]
        assert (hit["final_outcome"], hit["licence_coverage"]) == ("licence_required", "over_limit")
        assert hit["licence_numbers"] is None
        assert hit["licence_note"] == (
            "D123456: value limit USD 1,000,000.00 used up by earlier obligations "
            "(USD 1,000,000.00 drawn, this one needs USD 1,000,000.00)"
        )
        # Not covered: the whole value stays at risk from the first affected day.
        assert hit["value_at_risk"] == pytest.approx(1_000_000.0)
    # Without the limit all three are licensed: the limit is what keeps two open.
    unlimited = _run(rows, [_licence()])
    assert unlimited["final_outcome"].to_list() == ["licensed"] * 3


def test_a_licence_without_limits_is_unchanged_and_notes_stay_empty() -> None:
    hits = _run([_obligation(1, dt.date(2024, 7, 1))], [_licence()])
    assert hits["licence_note"].to_list() == [None]
    assert hits["licence_coverage"].to_list() == ["covered"]


def test_a_licence_ending_early_draws_only_its_own_period() -> None:
    # 2024-06-01..2025-12-31 is 579 days at EUR 1,000 a day; the licence's 214 days to
    # 2024-12-31 draw EUR 214,000, which a limit of exactly that admits.
    ob = _obligation(1, dt.date(2024, 6, 1), 579_000.0)
    short = {"valid_to": dt.date(2024, 12, 31), "limit_currency": "USD"}
    hits = _run([ob], [_licence(value_limit=214_000.0, **short)])
    assert hits["licence_coverage"].to_list() == ["expires_before_end"]
    assert hits["first_affected"].to_list() == [dt.date(2025, 1, 1)]
    hits = _run([ob], [_licence(value_limit=213_999.99, **short)])
    assert hits["licence_coverage"].to_list() == ["over_limit"]
    assert hits["first_affected"].to_list() == [dt.date(2024, 6, 1)]
    assert "less than this obligation needs (USD 214,000.00)" in hits["licence_note"][0]


def test_an_obligation_hit_by_two_rules_draws_once() -> None:
    rows = [_obligation(1, dt.date(2024, 6, 1)), _obligation(2, dt.date(2024, 7, 1))]
    hits = _run(rows, [_licence(value_limit=1_000_000.0, limit_currency="USD")], rules=2)
    outcomes = {
        (r["obligation_id"], r["rule_id"]): r["final_outcome"] for r in hits.iter_rows(named=True)
    }
    assert outcomes == {
        (1, "r1"): "licensed",
        (1, "r2"): "licensed",
        (2, "r1"): "licence_required",
        (2, "r2"): "licence_required",
    }


def test_an_obligation_draws_from_its_earliest_affected_day_over_its_rules() -> None:
    # Obligation 2 (repair) is affected by the early rule from 2024-06-01 and by the late one
    # from 2024-09-01; obligation 1 (parts) only by the late one, from 2024-09-01. Counted
    # from its earliest day, 2 comes first; counted from its latest, the tie would go to 1.
    early = active(rule(CN, id="early", activities=["repair"], exceptions=ON_FILE))
    late = active(rule(CN, id="late", effective=dt.date(2024, 9, 1), exceptions=ON_FILE))
    rows = [
        _obligation(1, dt.date(2024, 7, 1)),
        _obligation(2, dt.date(2024, 6, 1), service_type="repair"),
    ]
    lic = licences_frame([_licence(value_limit=1_000_000.0, limit_currency="USD")])
    hits = both(facts(*rows), [early, late], as_of=AS_OF, licences=lic)
    outcomes = {
        (r["obligation_id"], r["rule_id"]): r["licence_coverage"]
        for r in hits.iter_rows(named=True)
    }
    assert outcomes == {
        (1, "late"): "over_limit",
        (2, "early"): "covered",
        (2, "late"): "covered",
    }


def test_a_quantity_limit_covers_the_first_machines_only() -> None:
    rows = [
        _obligation(1, dt.date(2024, 6, 1), machine_id=100),
        _obligation(2, dt.date(2024, 6, 2), machine_id=101),
        _obligation(3, dt.date(2024, 6, 3), machine_id=100, service_type="repair"),
    ]
    hits = _run(rows, [_licence(quantity_limit=1)])
    assert hits["licence_coverage"].to_list() == ["covered", "over_limit", "covered"]
    assert "quantity limit of 1 machine(s)" in hits["licence_note"][1]


def test_a_refused_licence_leaves_another_licence_to_cover() -> None:
    rows = [_obligation(1, dt.date(2024, 6, 1)), _obligation(2, dt.date(2024, 7, 1))]
    licences = [
        _licence(value_limit=1_000_000.0, limit_currency="USD"),
        _licence(licence_id=2, number="GEN-1", machine_id=102),
    ]
    hits = _run(rows, licences)
    second = hits.row(1, named=True)
    assert (second["licence_coverage"], second["licence_numbers"]) == ("covered", "GEN-1")
    assert second["final_outcome"] == "licensed"
    assert second["licence_note"].startswith("D123456: value limit")


def test_a_prohibited_hit_draws_nothing() -> None:
    r = active(rule(CN, outcome="prohibited", exceptions=ON_FILE))
    rows = [_obligation(1, dt.date(2024, 6, 1)), _obligation(2, dt.date(2024, 7, 1))]
    lic = licences_frame([_licence(value_limit=1.0, limit_currency="USD")])
    hits = both(facts(*rows), [r], as_of=AS_OF, licences=lic)
    assert hits["licence_coverage"].to_list() == ["covered", "covered"]
    assert hits["licence_note"].to_list() == [None, None]


# -- generated: many limited licences, both evaluators identical ------------------------

DAY0 = dt.date(2024, 1, 1)
days = st.integers(0, 900).map(lambda n: DAY0 + dt.timedelta(days=n))


@st.composite
def limited_worlds(
    draw: st.DrawFn,
) -> tuple[pl.DataFrame, pl.DataFrame, list[ActiveRule], dt.date]:
    rows = []
    for oid in range(1, draw(st.integers(1, 8)) + 1):
        start = draw(days)
        rows.append(
            row(
                obligation_id=oid,
                machine_id=draw(st.integers(100, 102)),
                currency=draw(st.sampled_from(["USD", "USD", "EUR"])),
                service_type=draw(st.sampled_from(["spare_parts", "repair"])),
                obligation_start=draw(st.one_of(st.none(), st.just(start))),
                obligation_end=start + dt.timedelta(days=draw(st.integers(0, 700))),
                obligation_value=draw(st.integers(0, 2_000_000)) / 1.0,
            )
        )
    licences = []
    for lid in range(draw(st.integers(1, 3))):
        start = draw(days)
        length = draw(st.one_of(st.none(), st.integers(0, 900)))
        limit = draw(st.one_of(st.none(), st.sampled_from([0.0, 250_000.0, 1_000_000.0])))
        licences.append(
            _licence(
                licence_id=lid,
                number=draw(st.sampled_from(["D1", "D2"])),
                valid_from=start,
                valid_to=None if length is None else start + dt.timedelta(days=length),
                machine_id=draw(st.one_of(st.none(), st.integers(100, 102))),
                value_limit=limit,
                limit_currency=None if limit is None else draw(st.sampled_from(["USD", "EUR"])),
                quantity_limit=draw(st.one_of(st.none(), st.integers(0, 2))),
            )
        )
    outcomes = st.sampled_from(["licence_required", "case_by_case", "notify"])
    rules = [
        active(
            rule(
                CN,
                id=f"r{n}",
                outcome=draw(outcomes),
                effective=draw(days),
                exceptions=ON_FILE,
            )
        )
        for n in range(draw(st.integers(1, 2)))
    ]
    return facts_frame(rows), licences_frame(licences), rules, draw(days)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(limited_worlds())
def test_both_evaluators_count_limits_alike(
    world: tuple[pl.DataFrame, pl.DataFrame, list[ActiveRule], dt.date],
) -> None:
    frame, licences, rules, as_of = world
    fast = evaluate(frame, listings_frame(), licences, rules, as_of).hits
    slow = evaluate_reference(frame, listings_frame(), licences, rules, as_of).hits
    assert fast.drop("value_at_risk").equals(slow.drop("value_at_risk")), (fast, slow)
    cents = (fast["value_at_risk"] - slow["value_at_risk"]).abs()
    assert cents.max() is None or cents.max() < 0.005  # type: ignore[operator]
    if fast["licence_note"].null_count() < fast.height:
        event("a limit refused an obligation")
    if (fast["licence_coverage"] == "over_limit").any():
        event("over limit")
