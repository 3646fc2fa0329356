"""The ``owned_by`` predicate (BIS Affiliates rule, 90 FR 47201): aggregation across several
listed owners and along chains, through holders that are or are not themselves covered, with
dated shares and listings; the compiled evaluator against the reference, and its explanation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rules.factories import active, facts, row, rule
from workbench.rules.compiled import evaluate
from workbench.rules.facts import licences_frame, listings_frame, ownership_frame
from workbench.rules.reference import evaluate_reference

DAY = dt.date(2026, 12, 1)
SMIC, HUAWEI, Y, Z, X = 1, 2, 3, 4, 500
NAMES = {SMIC: "SMIC", HUAWEI: "Huawei", Y: "Y Holdings", Z: "Z Capital", X: "X Semi"}


def _listings(*ids: int, since: dt.date | None = None) -> pl.DataFrame:
    return listings_frame(
        {"customer_id": i, "party_name": NAMES.get(i), "list_code": "entity_list", "since": since}
        for i in ids
    )


def _shares(
    *edges: tuple[int, int, float] | tuple[int, int, float, dt.date | None],
) -> pl.DataFrame:
    return ownership_frame(
        {
            "parent_id": e[0],
            "child_id": e[1],
            "parent_name": NAMES.get(e[0]),
            "child_name": NAMES.get(e[1]),
            "share_pct": e[2],
            "as_of": e[3] if len(e) > 3 else None,  # type: ignore[misc]
            "source": "test register",
        }
        for e in edges
    )


def _run(
    listings: pl.DataFrame,
    ownership: pl.DataFrame,
    day: dt.date = DAY,
    min_pct: float = 50.0,
) -> tuple[pl.DataFrame, list[str]]:
    """Hits of both evaluators (asserted equal) and the compiled explanation of the first."""
    r = active(rule({"kind": "owned_by", "min_pct": min_pct}, effective=dt.date(2025, 9, 29)))
    data = facts(row(customer_id=X, customer_name="X Semi", obligation_end=dt.date(2027, 6, 30)))
    fast = evaluate(data, listings, licences_frame(), [r], day, ownership=ownership)
    slow = evaluate_reference(data, listings, licences_frame(), [r], day, ownership=ownership)
    assert fast.hits.equals(slow.hits)
    if not fast.hits.height:
        return fast.hits, []
    return fast.hits, fast.explanations_for(fast.hits)["matched"][0].to_list()


def test_two_listed_owners_at_30_and_25_percent_aggregate_to_55() -> None:
    hits, why = _run(_listings(SMIC, HUAWEI), _shares((SMIC, X, 30.0), (HUAWEI, X, 25.0)))
    assert hits.height == 1
    assert why[0] == (
        "customer X Semi owned 50 % or more: 55 % by parties on entity_list: "
        "SMIC holds 30 %; Huawei holds 25 %"
    )


def test_one_listed_owner_at_30_percent_is_not_enough() -> None:
    hits, _ = _run(_listings(SMIC), _shares((SMIC, X, 30.0), (HUAWEI, X, 25.0)))
    assert hits.height == 0


def test_a_chain_through_a_covered_holder_is_explained_with_the_chain() -> None:
    hits, why = _run(_listings(SMIC), _shares((SMIC, Y, 100.0), (Y, X, 51.0)))
    assert hits.height == 1
    assert why[0].endswith("51 % by parties on entity_list: SMIC holds 51 % via Y Holdings")


def test_a_two_step_chain_names_every_holder_in_order() -> None:
    edges = ((SMIC, Z, 60.0), (Z, Y, 50.0), (Y, X, 75.0))
    hits, why = _run(_listings(SMIC), _shares(*edges))
    assert hits.height == 1
    assert why[0].endswith("SMIC holds 75 % via Z Capital → Y Holdings")


def test_a_holder_owned_below_the_limit_passes_nothing_through() -> None:
    # SMIC holds 40 % of Y: Y is not covered, so its 100 % of X does not count (no multiplying).
    hits, _ = _run(_listings(SMIC), _shares((SMIC, Y, 40.0), (Y, X, 100.0)))
    assert hits.height == 0


def test_a_direct_listed_share_and_a_covered_holder_aggregate() -> None:
    edges = ((SMIC, X, 20.0), (HUAWEI, Y, 50.0), (Y, X, 30.0))
    hits, why = _run(_listings(SMIC, HUAWEI), _shares(*edges))
    assert hits.height == 1
    assert why[0].endswith(
        "50 % by parties on entity_list: Huawei holds 30 % via Y Holdings; SMIC holds 20 %"
    )


def test_a_cycle_does_not_hold_itself_up() -> None:
    # Y and X own each other; SMIC holds 30 % of Y. Neither reaches 50 % from listed holders.
    hits, _ = _run(_listings(SMIC), _shares((SMIC, Y, 30.0), (Y, X, 60.0), (X, Y, 60.0)))
    assert hits.height == 0


def test_shares_and_listings_dated_after_the_as_of_day_do_not_count() -> None:
    listing_later = _listings(SMIC, since=dt.date(2027, 1, 1))
    assert _run(listing_later, _shares((SMIC, X, 60.0)))[0].height == 0
    sold = _shares((SMIC, X, 60.0, dt.date(2025, 1, 1)), (SMIC, X, 10.0, dt.date(2026, 6, 1)))
    assert _run(_listings(SMIC), sold, day=dt.date(2026, 5, 31))[0].height == 1
    assert _run(_listings(SMIC), sold, day=dt.date(2026, 6, 1))[0].height == 0


def test_the_limit_is_inclusive_and_configurable() -> None:
    assert _run(_listings(SMIC), _shares((SMIC, X, 50.0)))[0].height == 1
    assert _run(_listings(SMIC), _shares((SMIC, X, 49.99)))[0].height == 0
    assert _run(_listings(SMIC), _shares((SMIC, X, 25.0)), min_pct=25.0)[0].height == 1


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[int], list[tuple[int, int, float, dt.date | None]]]:
    nodes = [1, 2, 3, 4, X]
    listed = draw(st.lists(st.sampled_from(nodes), max_size=3, unique=True))
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=9, unique=True)
    )
    edges = [
        (
            p,
            c,
            draw(st.sampled_from([10.0, 25.0, 30.0, 49.0, 50.0, 51.0, 100.0])),
            draw(st.sampled_from([None, dt.date(2025, 1, 1), dt.date(2027, 1, 1)])),
        )
        for p, c in pairs
    ]
    return listed, edges


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_compiled_equals_reference_on_random_ownership_graphs(
    graph: tuple[list[int], list[tuple[int, int, float, dt.date | None]]],
) -> None:
    listed, edges = graph
    r = active(rule({"kind": "owned_by"}, effective=dt.date(2025, 9, 29)))
    rows: list[dict[str, Any]] = [
        row(obligation_id=n, customer_id=c, obligation_end=dt.date(2027, 6, 30))
        for n, c in enumerate([1, 2, 3, 4, X], start=1)
    ]
    data = facts(*rows)
    listings, ownership = _listings(*listed), _shares(*edges)
    fast = evaluate(data, listings, licences_frame(), [r], DAY, ownership=ownership)
    slow = evaluate_reference(data, listings, licences_frame(), [r], DAY, ownership=ownership)
    assert fast.hits.equals(slow.hits)
    # Every hit explains itself with the parties that hold it.
    if fast.hits.height:
        for lines in fast.explanations_for(fast.hits)["matched"].to_list():
            assert "by parties on entity_list: " in lines[0]


@pytest.mark.parametrize("ownership", [None, ownership_frame()])
def test_no_ownership_data_means_no_hit(ownership: pl.DataFrame | None) -> None:
    r = active(rule({"kind": "owned_by"}))
    data = facts()
    hits = evaluate(data, _listings(SMIC), licences_frame(), [r], DAY, ownership=ownership).hits
    assert hits.height == 0
