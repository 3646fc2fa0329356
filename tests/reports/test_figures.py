"""Summary figures: currencies never mixed, each obligation once per group."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import make_hits

from workbench.reports import figures as fig


def test_an_obligation_hit_by_two_rules_counts_once_with_its_largest_value() -> None:
    totals = {
        cur: value
        for cur, value, _n in fig.distinct_value(make_hits()).sort("currency").iter_rows()
    }
    # obligation 1: 1000 and 800 (two rules) -> 1000; obligation 2: 500
    assert totals["USD"] == 1500.0
    assert totals["JPY"] == 2_000_000.0
    assert totals["EUR"] == 1234.5 + 42.0


def test_groups_keep_currencies_apart_and_sort_outcomes_by_severity() -> None:
    figures = fig.compute(make_hits())
    assert figures.hits == 6
    assert figures.obligations == 5
    assert figures.currencies == ["EUR", "JPY", "USD"]
    assert [r.key for r in figures.by_outcome] == ["prohibited", "licence_required", "licensed"]
    by_country = {r.key: r for r in figures.by_country}
    assert by_country["CN"].values == {"USD": 1500.0, "EUR": 1234.5}
    assert by_country["CN"].obligations == 3
    assert figures.by_quarter[0] == ("2023-Q3", 1)


def test_expiring_licences_are_findings() -> None:
    expiring = fig.expiring_licences(make_hits())
    assert expiring["serial"].to_list() == ["-0042"]


def test_an_empty_run_has_empty_figures() -> None:
    figures = fig.compute(make_hits([]))
    assert figures.hits == 0
    assert figures.value_at_risk == {}
    assert figures.by_customer == []


_hit = st.tuples(
    st.integers(1, 6),  # obligation
    st.sampled_from(["r1", "r2", "r3"]),
    st.sampled_from(["CN", "KR"]),
    st.floats(0, 1e6, allow_nan=False),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_hit, min_size=1, max_size=30, unique_by=lambda h: (h[0], h[1])))
def test_group_totals_add_up_to_the_run_total_per_currency(
    raw: list[tuple[int, str, str, float]],
) -> None:
    # An obligation has one country and currency; a group by country partitions obligations.
    country = {ob: c for ob, _r, c, _v in raw}
    rows = [
        (ob, rule, 1, "C", 1, "F", country[ob], "S", "repair", "notify", "notify",
         dt.date(2024, 1, 1), value, "USD" if ob % 2 else "EUR", "none")
        for ob, rule, _c, value in raw
    ]  # fmt: skip
    hits = make_hits(rows)
    total = {c: v for c, v, _n in fig.distinct_value(hits).iter_rows()}
    for currency, value in total.items():
        grouped = sum(r.values.get(currency, 0.0) for r in fig.group_rows(hits, "fab_country"))
        assert abs(grouped - value) <= 1e-6 * max(1.0, value)
    per_obligation = hits.group_by("obligation_id").agg(pl.col("value_at_risk").max())
    assert abs(sum(total.values()) - per_obligation["value_at_risk"].sum()) <= 1e-3
