"""Comparing two hit sets: two runs of one scenario, or two scenarios on the same data.

Analysts ask "what changes if the proposal is enacted?" and "what changed since last
quarter's run?"; both are the same comparison keyed by (obligation, rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

from workbench.rules.hits import HIT_KEY

#: Compared fields; a value counts as changed from one cent on.
COMPARED = ("outcome", "final_outcome", "first_affected", "value_at_risk", "licence_coverage")
CENT = 0.005

Dimension = Literal["customer", "country", "rule"]
_DIMENSION_COLUMNS: dict[str, list[str]] = {
    "customer": ["customer_id", "customer_name"],
    "country": ["fab_country"],
    "rule": ["rule_id", "jurisdiction"],
}


@dataclass(frozen=True, slots=True)
class HitDiff:
    """``new``/``gone``: hits of only B / only A (their rows); ``changed``: one row per hit in
    both whose compared fields differ, with ``<field>_a`` and ``<field>_b`` columns."""

    new: pl.DataFrame
    gone: pl.DataFrame
    changed: pl.DataFrame

    @property
    def unchanged(self) -> bool:
        return not (self.new.height or self.gone.height or self.changed.height)


def diff_hits(a: pl.DataFrame, b: pl.DataFrame) -> HitDiff:
    key = list(HIT_KEY)
    new = b.join(a.select(key), on=key, how="anti").sort(key)
    gone = a.join(b.select(key), on=key, how="anti").sort(key)
    both = a.select(*key, *COMPARED).join(
        b.select(*key, *COMPARED), on=key, how="inner", suffix="_b"
    )
    both = both.rename({c: f"{c}_a" for c in COMPARED})
    differs = pl.lit(False)
    for c in COMPARED:
        if c == "value_at_risk":
            differs = differs | ((pl.col(f"{c}_a") - pl.col(f"{c}_b")).abs() >= CENT)
        else:
            differs = differs | pl.col(f"{c}_a").ne_missing(pl.col(f"{c}_b"))
    return HitDiff(new, gone, both.filter(differs).sort(key))


def value_at_risk_by(hits: pl.DataFrame, dimension: Dimension) -> pl.DataFrame:
    """Value at risk and counts per customer, country or rule, per currency (never summed
    across currencies), largest first."""
    cols = [*_DIMENSION_COLUMNS[dimension], "currency"]
    return (
        hits.group_by(cols)
        .agg(
            pl.col("value_at_risk").sum().alias("value_at_risk"),
            pl.len().alias("hits"),
            pl.col("obligation_id").n_unique().alias("obligations"),
        )
        .sort(["value_at_risk", *cols], descending=[True, *([False] * len(cols))])
    )


def compare_value_at_risk(a: pl.DataFrame, b: pl.DataFrame, dimension: Dimension) -> pl.DataFrame:
    """Per dimension and currency: value at risk in A, in B, and B - A."""
    cols = [*_DIMENSION_COLUMNS[dimension], "currency"]
    left = value_at_risk_by(a, dimension).select(*cols, pl.col("value_at_risk").alias("value_a"))
    right = value_at_risk_by(b, dimension).select(*cols, pl.col("value_at_risk").alias("value_b"))
    out = left.join(right, on=cols, how="full", coalesce=True, nulls_equal=True).with_columns(
        pl.col("value_a").fill_null(0.0), pl.col("value_b").fill_null(0.0)
    )
    return out.with_columns(delta=pl.col("value_b") - pl.col("value_a")).sort(
        ["delta", *cols], descending=[True, *([False] * len(cols))]
    )
