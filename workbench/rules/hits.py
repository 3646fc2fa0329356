"""The evaluators' output: one hit per (obligation, rule), and the explanation of each.

Both evaluators return this exact shape, sorted by (obligation_id, rule_id), so they can be
compared frame to frame and so a stored run reads back in the order it was produced.

``HIT_SCHEMA`` columns beyond the identifying facts copied from the obligation:

- ``outcome``: the rule's outcome; ``final_outcome``: after licences, ``licensed`` when the rule
  honours a licence (or licence exception) that is valid for the obligation and the outcome is
  licensable (licence required, presumption of denial, case-by-case).
- ``first_affected``: the later of the effective date and the obligation start, moved past a
  grandfathering period that ends; a hit never starts after its obligation ends.
- ``value_at_risk``: obligation value x days from ``first_affected`` to the end / obligation
  days (both ends inclusive), unrounded in the obligation's ``currency``: round for display.
- ``licence_coverage``: ``covered`` (an honoured licence is valid on the check date and until
  the obligation ends), ``expires_before_end`` (valid on the check date, ends earlier: a
  finding), ``none``. The check date is the as-of date clamped into [first_affected,
  obligation_end], so "covered" speaks about today for running obligations.
  ``over_limit``: no licence covers it because the value or quantity limit of a licence that
  would have covered it is used by earlier obligations (see ``rules.facts``, "Licence limits").
- ``licence_numbers``: the honoured licences found, sorted, ", "-joined; ``licence_valid_to``:
  the latest expiry among them (null when none or open-ended).
- ``licence_note``: why a licence in scope was not counted for the hit (its limit, with the
  figures), "; "-joined by licence number; null when every licence in scope counted.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

HIT_SCHEMA: dict[str, pl.DataType] = {
    "obligation_id": pl.Int64(),
    "rule_id": pl.String(),
    "rule_version": pl.Int64(),
    "pack": pl.String(),
    "jurisdiction": pl.String(),
    "outcome": pl.String(),
    "final_outcome": pl.String(),
    "first_affected": pl.Date(),
    "value_at_risk": pl.Float64(),
    "currency": pl.String(),
    "licence_coverage": pl.String(),
    "licence_numbers": pl.String(),
    "licence_valid_to": pl.Date(),
    "licence_note": pl.String(),
    "serial": pl.String(),
    "machine_id": pl.Int64(),
    "vendor": pl.String(),
    "model_code": pl.String(),
    "fab_id": pl.Int64(),
    "fab_site_code": pl.String(),
    "fab_name": pl.String(),
    "fab_country": pl.String(),
    "customer_id": pl.Int64(),
    "customer_name": pl.String(),
    "contract_id": pl.Int64(),
    "contract_number": pl.String(),
    "service_type": pl.String(),
    "obligation_start": pl.Date(),
    "obligation_end": pl.Date(),
}

#: Columns copied unchanged from the facts frame.
IDENTITY_COLUMNS = (
    "obligation_id",
    "currency",
    "serial",
    "machine_id",
    "vendor",
    "model_code",
    "fab_id",
    "fab_site_code",
    "fab_name",
    "fab_country",
    "customer_id",
    "customer_name",
    "contract_id",
    "contract_number",
    "service_type",
    "obligation_start",
    "obligation_end",
)

EXPLANATION_SCHEMA: dict[str, pl.DataType] = {
    "obligation_id": pl.Int64(),
    "rule_id": pl.String(),
    "matched": pl.List(pl.String()),
}

HIT_KEY = ("obligation_id", "rule_id")
LICENSED = "licensed"
COVERED = "covered"
EXPIRES_BEFORE_END = "expires_before_end"
NO_LICENCE = "none"
OVER_LIMIT = "over_limit"


class Evaluation:
    """Hits of one evaluation, and their explanations where the evaluator provides them.

    ``country_groups`` names the country-group version used. The reference evaluator gives
    no explanations; the compiled one builds them on demand (see ``explanations_for``).
    """

    def __init__(self, hits: pl.DataFrame, as_of: dt.date, country_groups: str) -> None:
        self.hits = hits
        self.as_of = as_of
        self.country_groups = country_groups
        self._all: pl.DataFrame | None = None

    def explanations_for(self, hits: pl.DataFrame) -> pl.DataFrame:
        """EXPLANATION_SCHEMA rows for the given hits (obligation_id, rule_id), in order."""
        return empty_explanations()

    @property
    def explanations(self) -> pl.DataFrame:
        """Explanations of every hit, built on first use (it costs time on big runs)."""
        if self._all is None:
            self._all = self.explanations_for(self.hits)
        return self._all

    def explain(self, obligation_id: int, rule_id: str) -> list[str]:
        """The matched predicates of one hit with their actual values; empty if no such hit."""
        key = pl.DataFrame(
            {"obligation_id": [obligation_id], "rule_id": [rule_id]},
            schema={"obligation_id": pl.Int64(), "rule_id": pl.String()},
        )
        if not self.hits.join(key, on=list(HIT_KEY)).height:
            return []
        rows = self.explanations_for(key)
        return list(rows["matched"][0]) if rows.height else []


def empty_hits() -> pl.DataFrame:
    return pl.DataFrame(schema=HIT_SCHEMA)


def empty_explanations() -> pl.DataFrame:
    return pl.DataFrame(schema=EXPLANATION_SCHEMA)
