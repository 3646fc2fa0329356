"""Comparing two hit sets: two runs of one scenario, or two scenarios on the same data.

Analysts ask "what changes if the proposal is enacted?" and "what changed since last
quarter's run?"; both are the same comparison keyed by (obligation, rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from workbench.rules.hits import HIT_KEY
from workbench.rules.limits import NOTE_SEPARATOR

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


#: Why a hit's licence position moved between two runs, in the order they are tested: the
#: first that applies names the row.
LICENCE_CAUSES = ("limit", "granted", "expired", "changed", "denied")

_LICENCE_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "obligation_id": pl.Int64(),
    "rule_id": pl.String(),
    "cause": pl.String(),
    "licences": pl.String(),
    "detail": pl.String(),
    "final_outcome_a": pl.String(),
    "final_outcome_b": pl.String(),
    "licence_coverage_a": pl.String(),
    "licence_coverage_b": pl.String(),
    "first_affected_a": pl.Date(),
    "first_affected_b": pl.Date(),
    "value_at_risk_a": pl.Float64(),
    "value_at_risk_b": pl.Float64(),
}
_LICENCE_FIELDS = (
    "final_outcome",
    "licence_coverage",
    "licence_numbers",
    "licence_valid_to",
    "licence_note",
    "first_affected",
    "value_at_risk",
)


#: Fields a licence change row shows from both runs.
_SHOWN = ("final_outcome", "licence_coverage", "first_affected", "value_at_risk")


def _numbers(text: str | None) -> list[str]:
    return [n for n in (text or "").split(", ") if n]


def _cause(
    r: Mapping[str, Any],
    as_of_b: dt.date,
    denial: str | None,
    granted: Mapping[str, int],
) -> tuple[str, str, str] | None:
    """(cause, licences, detail) of one hit in both runs, or None when nothing about its
    licences changed."""
    a, b = _numbers(r["licence_numbers_a"]), _numbers(r["licence_numbers_b"])
    added = [n for n in b if n not in a]
    dropped = [n for n in a if n not in b]
    note_a, note_b = r["licence_note_a"], r["licence_note_b"]
    until_a, until_b = r["licence_valid_to_a"], r["licence_valid_to_b"]
    moved = (
        r["licence_coverage_a"] != r["licence_coverage_b"]
        or until_a != until_b
        or note_a != note_b
        or added
        or dropped
    )
    if not moved:
        return None if denial is None else ("denied", "", denial)
    if note_a != note_b:
        if note_b is not None:
            return "limit", _first_numbers(note_b), note_b
        names = _first_numbers(note_a)
        return "limit", names, f"The limit of licence {names} no longer refuses it"
    if added:
        cited = [
            f"{n} (granted on application #{granted[n]})" if n in granted else n for n in added
        ]
        return "granted", ", ".join(added), "Now covered by licence " + ", ".join(cited)
    if dropped:
        names = ", ".join(dropped)
        if until_a is not None and until_a < as_of_b:
            return "expired", names, f"Licence {names} ended on {until_a}"
        return "changed", names, f"Licence {names} no longer covers it (changed or removed)"
    names = ", ".join(b or a)
    if not b:
        return "changed", names, "Its licence cover changed"
    if until_b is None or (until_a is not None and until_b > until_a):
        return "granted", names, f"Licence {names} now runs to {until_b or 'no end date'} (renewed)"
    if until_b < as_of_b:
        return "expired", names, f"Licence {names} ended on {until_b}"
    return "changed", names, f"Licence {names} now ends on {until_b} (changed in the register)"


def _first_numbers(note: str) -> str:
    """The licence numbers a ``licence_note`` names (each sentence starts with one)."""
    return ", ".join(part.split(":", 1)[0] for part in note.split(NOTE_SEPARATOR))


def licence_changes(
    a: pl.DataFrame,
    b: pl.DataFrame,
    as_of_b: dt.date,
    denials: Mapping[tuple[int, str], str] | None = None,
    granted: Mapping[str, int] | None = None,
) -> pl.DataFrame:
    """Hits in both runs whose licence position moved from A to B, one row each with its
    cause (``LICENCE_CAUSES``): a licence granted or added (or renewed), one that expired by
    B's date, a limit that refuses (or no longer refuses) it, a licence changed or removed in
    the register, or -- with nothing else changed -- a licence application denied between the
    runs (``denials``: (obligation id, rule id) -> the denial as a sentence). ``granted`` maps
    a licence number to the application it was granted on, to cite it."""
    key = list(HIT_KEY)
    both = a.select(*key, *_LICENCE_FIELDS).join(
        b.select(*key, *_LICENCE_FIELDS), on=key, how="inner", suffix="_b"
    )
    both = both.rename({c: f"{c}_a" for c in _LICENCE_FIELDS})
    denied = denials or {}
    differs = pl.lit(False)
    for c in ("licence_coverage", "licence_numbers", "licence_valid_to", "licence_note"):
        differs = differs | pl.col(f"{c}_a").ne_missing(pl.col(f"{c}_b"))
    if denied:
        wanted = pl.DataFrame(
            [(k[0], k[1]) for k in denied],
            schema={"obligation_id": pl.Int64(), "rule_id": pl.String()},
            orient="row",
        ).with_columns(pl.lit(True).alias("__denied"))
        both = both.join(wanted, on=key, how="left")
        differs = differs | pl.col("__denied").fill_null(False)
    rows = []
    for r in both.filter(differs).sort(key).iter_rows(named=True):
        found = _cause(r, as_of_b, denied.get((r["obligation_id"], r["rule_id"])), granted or {})
        if found is None:
            continue
        cause, licences, detail = found
        rows.append(
            {
                "obligation_id": r["obligation_id"],
                "rule_id": r["rule_id"],
                "cause": cause,
                "licences": licences,
                "detail": detail,
                **{
                    f"{c}_{side}": r[f"{c}_{side}"]
                    for c in (
                        "final_outcome",
                        "licence_coverage",
                        "first_affected",
                        "value_at_risk",
                    )
                    for side in ("a", "b")
                },
            }
        )
    return pl.DataFrame(rows, schema=_LICENCE_CHANGE_SCHEMA, orient="row")
