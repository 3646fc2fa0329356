"""The figures both reports print, computed once from the hit frame.

Value at risk is never summed across currencies, and an obligation hit by several rules counts
once per group with its largest value at risk (its earliest first-affected date), the same
semantics as ``services.evaluation.distinct_value``: summing hits would count an obligation's
value once per rule that hits it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

#: ``licence_coverage`` of a hit whose licence ends before its obligation (rules.hits).
EXPIRES_BEFORE_END = "expires_before_end"

#: Group tables are sorted by this, most severe first; unknown outcomes sort last.
OUTCOME_ORDER = (
    "prohibited",
    "presumption_of_denial",
    "licence_required",
    "case_by_case",
    "notify",
    "licensed",
)


@dataclass(frozen=True)
class GroupRow:
    key: str
    label: str
    hits: int
    obligations: int
    values: dict[str, float]


@dataclass(frozen=True)
class Figures:
    hits: int
    obligations: int
    machines: int
    fabs: int
    customers: int
    currencies: list[str]
    value_at_risk: dict[str, float]
    by_outcome: list[GroupRow]
    by_jurisdiction: list[GroupRow]
    by_country: list[GroupRow]
    by_customer: list[GroupRow]
    by_rule: list[GroupRow]
    by_quarter: list[tuple[str, int]]
    by_coverage: list[tuple[str, int]]


def distinct_value(hits: pl.DataFrame, *keys: str) -> pl.DataFrame:
    """Value at risk and obligations per ``keys`` and currency, each obligation counted once."""
    per_obligation = hits.group_by(*keys, "obligation_id", "currency").agg(
        pl.col("value_at_risk").max()
    )
    return per_obligation.group_by(*keys, "currency").agg(
        pl.col("value_at_risk").sum(), pl.len().alias("obligations")
    )


def group_rows(
    hits: pl.DataFrame, key: str, labels: dict[str, str] | None = None
) -> list[GroupRow]:
    """Hits, distinct obligations and value per currency for each value of ``key``.

    Sorted by outcome severity for outcome columns, else by the number of obligations (most
    affected first) and then the key, so the order is stable between runs.
    """
    if hits.height == 0:
        return []
    keyed = hits.with_columns(pl.col(key).cast(pl.String).fill_null("").alias("_key"))
    counts = keyed.group_by("_key").agg(
        pl.len().alias("hits"), pl.col("obligation_id").n_unique().alias("obligations")
    )
    values: dict[str, dict[str, float]] = {}
    for group, currency, value, _n in distinct_value(keyed, "_key").iter_rows():
        values.setdefault(group, {})[currency] = float(value)
    rows = [
        GroupRow(
            key=group,
            label=(labels or {}).get(group, group),
            hits=n_hits,
            obligations=n_obligations,
            values=values.get(group, {}),
        )
        for group, n_hits, n_obligations in counts.iter_rows()
    ]
    if key in ("outcome", "final_outcome"):
        rank = {name: i for i, name in enumerate(OUTCOME_ORDER)}
        rows.sort(key=lambda r: (rank.get(r.key, len(rank)), r.key))
    else:
        rows.sort(key=lambda r: (-r.obligations, r.key))
    return rows


def quarter_counts(hits: pl.DataFrame) -> list[tuple[str, int]]:
    """Affected obligations by the quarter in which each is first affected (by any rule)."""
    if hits.height == 0:
        return []
    first = hits.group_by("obligation_id").agg(pl.col("first_affected").min())
    quarters = (
        first.with_columns(
            (
                pl.col("first_affected").dt.year().cast(pl.String)
                + "-Q"
                + pl.col("first_affected").dt.quarter().cast(pl.String)
            ).alias("quarter")
        )
        .group_by("quarter")
        .agg(pl.len())
        .sort("quarter")
    )
    return [(q, int(n)) for q, n in quarters.iter_rows()]


def compute(hits: pl.DataFrame, customer_labels: dict[str, str] | None = None) -> Figures:
    """All summary figures of a run; ``customer_labels`` maps customer ids (as text) to labels."""
    empty = hits.height == 0
    totals = distinct_value(hits).sort("currency") if not empty else None
    value_at_risk = (
        {cur: float(v) for cur, v, _n in totals.iter_rows()} if totals is not None else {}
    )
    coverage = (
        hits.group_by("licence_coverage").agg(pl.len()).sort("licence_coverage").iter_rows()
        if not empty
        else iter(())
    )
    return Figures(
        hits=hits.height,
        obligations=0 if empty else hits["obligation_id"].n_unique(),
        machines=0 if empty else hits["machine_id"].n_unique(),
        fabs=0 if empty else hits["fab_id"].n_unique(),
        customers=0 if empty else hits["customer_id"].n_unique(),
        currencies=sorted(value_at_risk),
        value_at_risk=value_at_risk,
        by_outcome=group_rows(hits, "final_outcome"),
        by_jurisdiction=group_rows(hits, "jurisdiction"),
        by_country=group_rows(hits, "fab_country"),
        by_customer=group_rows(hits, "customer_id", customer_labels),
        by_rule=group_rows(hits, "rule_id"),
        by_quarter=quarter_counts(hits),
        by_coverage=[(str(k), int(n)) for k, n in coverage],
    )


def expiring_licences(hits: pl.DataFrame) -> pl.DataFrame:
    """Hits whose honoured licence ends before the obligation does: each one is a finding."""
    return hits.filter(pl.col("licence_coverage") == EXPIRES_BEFORE_END).sort(
        "licence_valid_to", "customer_name", "serial", "service_type", "rule_id", nulls_last=True
    )


def licences_held(hits: pl.DataFrame) -> pl.DataFrame:
    """Licence numbers honoured by hits, their latest expiry, hits and obligations covered."""
    return (
        hits.filter(pl.col("licence_numbers").is_not_null() & (pl.col("licence_numbers") != ""))
        .group_by("licence_numbers")
        .agg(
            pl.col("licence_valid_to").max(),
            pl.len().alias("hits"),
            pl.col("obligation_id").n_unique().alias("obligations"),
        )
        .sort("licence_valid_to", "licence_numbers", nulls_last=True)
    )
