"""Read models of the Impact screen: a run's summary, grouped hits, one hit explained.

The summary answers the questions management asks of a run (how much, where, from when)
without summing a value twice: one obligation hit by several rules counts once per group, as
in :func:`workbench.services.evaluation.distinct_value`. Everything except the two readers at
the bottom is pure polars over ``runs.run_hits`` frames, so it is testable without a database.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Literal

import polars as pl
from sqlalchemy import select

from workbench.rules.hits import HIT_KEY
from workbench.services import applications, runs
from workbench.services.evaluation import distinct_value
from workbench.storage.database import Database
from workbench.storage.orm import (
    EvaluationRunRow,
    RunContractRow,
    RunExplanationRow,
    RunHitRow,
    RunMachineRow,
    RunObligationRow,
    RunRuleRow,
)

#: Breakdown dimensions: the key column of the hits frame and the column naming it.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "final_outcome": ("final_outcome", "final_outcome"),
    "jurisdiction": ("jurisdiction", "jurisdiction"),
    "country": ("fab_country", "fab_country"),
    "customer": ("customer_id", "customer_name"),
    "fab": ("fab_id", "fab_name"),
    "rule": ("rule_id", "rule_id"),
}
Dimension = Literal["final_outcome", "jurisdiction", "country", "customer", "fab", "rule"]
Grouping = Literal["customer", "fab", "rule"]

BREAKDOWN_SCHEMA: dict[str, pl.DataType] = {
    "key": pl.String(),
    "label": pl.String(),
    "currency": pl.String(),
    "hits": pl.Int64(),
    "obligations": pl.Int64(),
    "value_at_risk": pl.Float64(),
}
QUARTER_SCHEMA: dict[str, pl.DataType] = {
    "quarter": pl.String(),
    "currency": pl.String(),
    "obligations": pl.Int64(),
    "value_at_risk": pl.Float64(),
}


def breakdown(hits: pl.DataFrame, dimension: Dimension) -> pl.DataFrame:
    """Hits, distinct obligations and value at risk per ``dimension`` and currency.

    Rows are ``BREAKDOWN_SCHEMA``; ``hits`` counts every (obligation, rule) pair of the group
    in that currency, ``obligations`` and ``value_at_risk`` count each obligation once.
    Ordered by currency, then value at risk, largest first.
    """
    if hits.height == 0:
        return pl.DataFrame(schema=BREAKDOWN_SCHEMA)
    key, label = DIMENSIONS[dimension]
    keyed = hits.with_columns(
        pl.col(key).cast(pl.String).alias("key"), pl.col(label).cast(pl.String).alias("label")
    )
    counts = keyed.group_by("key", "currency").agg(
        pl.len().cast(pl.Int64).alias("hits"), pl.col("label").first()
    )
    values = distinct_value(keyed, "key")
    out = counts.join(values, on=["key", "currency"], how="left").select(
        "key",
        "label",
        "currency",
        "hits",
        pl.col("obligations").cast(pl.Int64),
        pl.col("value_at_risk").cast(pl.Float64),
    )
    return out.sort(["currency", "value_at_risk", "key"], descending=[False, True, False])


def _quarter_of(column: str) -> pl.Expr:
    date = pl.col(column)
    return (
        date.dt.year().cast(pl.String) + pl.lit(" Q") + date.dt.quarter().cast(pl.String)
    ).alias("quarter")


def by_quarter(hits: pl.DataFrame) -> pl.DataFrame:
    """Obligations first affected in each calendar quarter, and their value at risk.

    An obligation counts once, in the quarter of its earliest first affected date, with its
    largest value at risk (which belongs to that earliest date). Quarters run without gaps
    from the first to the last, so the chart keeps the time scale.
    """
    if hits.height == 0:
        return pl.DataFrame(schema=QUARTER_SCHEMA)
    per_obligation = hits.group_by("obligation_id", "currency").agg(
        pl.col("first_affected").min(), pl.col("value_at_risk").max()
    )
    found = (
        per_obligation.with_columns(_quarter_of("first_affected"))
        .group_by("quarter", "currency")
        .agg(pl.len().cast(pl.Int64).alias("obligations"), pl.col("value_at_risk").sum())
    )
    first, last = per_obligation["first_affected"].min(), per_obligation["first_affected"].max()
    assert isinstance(first, dt.date) and isinstance(last, dt.date)
    quarters = quarter_labels(first, last)
    currencies = sorted(set(found["currency"].to_list()))
    grid = pl.DataFrame(
        {
            "quarter": [q for q in quarters for _ in currencies],
            "currency": [c for _ in quarters for c in currencies],
        },
        schema={"quarter": pl.String(), "currency": pl.String()},
    )
    return (
        grid.join(found, on=["quarter", "currency"], how="left")
        .with_columns(pl.col("obligations").fill_null(0), pl.col("value_at_risk").fill_null(0.0))
        .select(list(QUARTER_SCHEMA))
    )


def quarter_labels(first: dt.date, last: dt.date) -> list[str]:
    """Every quarter from ``first`` to ``last`` inclusive, as "2024 Q3"."""
    out: list[str] = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    end = (last.year, (last.month - 1) // 3 + 1)
    while (year, quarter) <= end:
        out.append(f"{year} Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


@dataclass(frozen=True)
class RunSummary:
    """What the summary tab shows; value figures are per currency, never summed across."""

    hits: int
    obligations: int
    machines: int
    customers: int
    value_at_risk: dict[str, float]
    by_final_outcome: pl.DataFrame
    by_jurisdiction: pl.DataFrame
    by_country: pl.DataFrame
    by_customer: pl.DataFrame
    by_quarter: pl.DataFrame

    @property
    def currencies(self) -> list[str]:
        """Currencies by affected obligations, most first (the default one to chart)."""
        counts = (
            self.by_jurisdiction.group_by("currency")
            .agg(pl.col("obligations").sum())
            .sort(["obligations", "currency"], descending=[True, False])
        )
        return [str(c) for c in counts["currency"].to_list()]


def summarise(hits: pl.DataFrame) -> RunSummary:
    totals = distinct_value(hits).sort("currency") if hits.height else None
    return RunSummary(
        hits=hits.height,
        obligations=hits["obligation_id"].n_unique() if hits.height else 0,
        machines=hits["machine_id"].n_unique() if hits.height else 0,
        customers=hits["customer_id"].n_unique() if hits.height else 0,
        value_at_risk=(
            {str(c): float(v) for c, v, _n in totals.iter_rows()} if totals is not None else {}
        ),
        by_final_outcome=breakdown(hits, "final_outcome"),
        by_jurisdiction=breakdown(hits, "jurisdiction"),
        by_country=breakdown(hits, "country"),
        by_customer=breakdown(hits, "customer"),
        by_quarter=by_quarter(hits),
    )


GROUP_SCHEMA_BASE: dict[str, pl.DataType] = {
    "key": pl.String(),
    "label": pl.String(),
    "detail": pl.String(),
    "hits": pl.Int64(),
    "obligations": pl.Int64(),
    "machines": pl.Int64(),
}


def grouped(hits: pl.DataFrame, by: Grouping) -> pl.DataFrame:
    """One row per customer, fab or rule: counts and one value-at-risk column per currency.

    ``detail`` says where the group is (a customer's countries, a fab's customer, a rule's
    jurisdiction); currency columns are named by their ISO code. Largest groups first.
    """
    key, label = DIMENSIONS[by]
    detail: pl.Expr
    if by == "customer":
        detail = pl.col("fab_country").unique().sort().str.join(", ")
    elif by == "fab":
        detail = pl.col("customer_name").first() + pl.lit(" · ") + pl.col("fab_country").first()
    else:
        detail = pl.col("jurisdiction").first() + pl.lit(" · ") + pl.col("outcome").first()
    if hits.height == 0:
        return pl.DataFrame(schema=GROUP_SCHEMA_BASE)
    keyed = hits.with_columns(pl.col(key).cast(pl.String).alias("key"))
    counts = keyed.group_by("key").agg(
        pl.col(label).cast(pl.String).first().alias("label"),
        detail.alias("detail"),
        pl.len().cast(pl.Int64).alias("hits"),
        pl.col("obligation_id").n_unique().cast(pl.Int64).alias("obligations"),
        pl.col("machine_id").n_unique().cast(pl.Int64).alias("machines"),
    )
    values = (
        distinct_value(keyed, "key")
        .pivot(on="currency", index="key", values="value_at_risk")
        .fill_null(0.0)
    )
    currencies = sorted(c for c in values.columns if c != "key")
    out = counts.join(values, on="key", how="left").select(
        *GROUP_SCHEMA_BASE, *(pl.col(c).fill_null(0.0) for c in currencies)
    )
    return out.sort(["obligations", "hits", "label"], descending=[True, True, False])


def group_filter(by: Grouping, row: dict[str, object]) -> tuple[str, str]:
    """The hits-table column filter that shows one group's hits: (column key, text)."""
    if by == "customer":
        return "customer", str(row["label"])
    if by == "fab":
        return "fab", str(row["label"])
    return "rule_id", str(row["key"])


# --- readers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HitDetail:
    """One hit as the explanation pane shows it: the rule, why it matched, what it costs."""

    hit_id: int
    run_id: int
    rule_id: str
    rule_version: int
    rule_title: str
    citation: str
    source_url: str
    pack: str
    jurisdiction: str
    outcome: str
    final_outcome: str
    matched: list[str]
    first_affected: dt.date
    value_at_risk: float
    currency: str
    licence_coverage: str
    licence_numbers: str
    licence_valid_to: dt.date | None
    #: Why a licence in scope did not count (its value or quantity limit), or None.
    licence_note: str | None
    serial: str
    vendor: str
    model_code: str
    fab_name: str
    fab_site_code: str
    fab_country: str
    customer_name: str
    contract_number: str
    service_type: str
    obligation_start: dt.date | None  # None: the import did not learn it
    obligation_end: dt.date
    unconfirmed: list[str] = field(default_factory=list)
    #: Licence applications that concerned this hit (a denial cited with its reasons).
    applications: list[str] = field(default_factory=list)


def _rule_texts(rules_json: str, rule_id: str) -> dict[str, object]:
    for entry in json.loads(rules_json):
        rule = entry.get("rule", {})
        if rule.get("id") == rule_id:
            return dict(rule)
    return {}


def hit_detail(db: Database, hit_id: int) -> HitDetail | None:
    """A stored hit with its rule as evaluated (from the run, not today's packs)."""
    h, o, e, r = RunHitRow, RunObligationRow, RunExplanationRow, EvaluationRunRow
    ru, m, c = RunRuleRow, RunMachineRow, RunContractRow
    with db.read() as session:
        found = session.execute(
            select(h, ru, o, m, c, e.text, r.rules_json)
            .join(ru, (ru.run_id == h.run_id) & (ru.number == h.rule_number))
            .join(o, (o.run_id == h.run_id) & (o.obligation_id == h.obligation_id))
            .join(m, (m.run_id == h.run_id) & (m.machine_id == o.machine_id))
            .join(c, (c.run_id == h.run_id) & (c.contract_id == o.contract_id))
            .join(r, r.id == h.run_id)
            .outerjoin(e, (e.run_id == h.run_id) & (e.number == h.explanation_number))
            .where(h.id == hit_id)
        ).first()
        if found is None:
            return None
        hit, rr, ob, machine, contract, text, rules_json = found
        rule = _rule_texts(rules_json, rr.rule_id)
        facts = rule.get("facts")
        unconfirmed = [
            f"[{f['confidence']}] {f['text']}"
            for f in (facts if isinstance(facts, list) else [])
            if isinstance(f, dict) and f.get("confidence") in ("S", "U")
        ]
        return HitDetail(
            hit_id=hit.id,
            run_id=hit.run_id,
            rule_id=rr.rule_id,
            rule_version=rr.rule_version,
            rule_title=str(rule.get("title", rr.rule_id)),
            citation=str(rule.get("citation", "")),
            source_url=str(rule.get("source_url", "")),
            pack=rr.pack,
            jurisdiction=rr.jurisdiction,
            outcome=rr.outcome,
            final_outcome=hit.final_outcome,
            matched=[line for line in (text or "").split("\n") if line],
            first_affected=hit.first_affected,
            value_at_risk=float(hit.value_at_risk),
            currency=contract.currency,
            licence_coverage=hit.licence_coverage,
            licence_numbers=hit.licence_numbers or "",
            licence_valid_to=hit.licence_valid_to,
            licence_note=hit.licence_note,
            serial=machine.serial,
            vendor=machine.vendor,
            model_code=machine.model_code,
            fab_name=machine.fab_name,
            fab_site_code=machine.fab_site_code,
            fab_country=machine.fab_country,
            customer_name=contract.customer_name,
            contract_number=contract.contract_number,
            service_type=ob.service_type,
            obligation_start=ob.obligation_start,
            obligation_end=ob.obligation_end,
            unconfirmed=unconfirmed,
            applications=applications.notes_for_hit(session, hit.obligation_id, rr.rule_id),
        )


@dataclass(frozen=True)
class LoadedRun:
    """A run and everything the Impact screen derives from its hits, read in one job."""

    info: runs.RunInfo
    summary: RunSummary
    groups: dict[str, pl.DataFrame]


def load_run(db: Database, run_id: int) -> LoadedRun:
    hits = runs.run_hits(db, run_id)
    return LoadedRun(
        info=runs.run_info(db, run_id),
        summary=summarise(hits),
        groups={by: grouped(hits, by) for by in ("customer", "fab", "rule")},
    )


def latest_run_id(db: Database) -> int | None:
    listed = runs.list_runs(db)
    return listed[0].id if listed else None


#: What identifies a hit on screen, copied from the later run for changed hits.
_IDENTITY = ["customer_name", "fab_name", "fab_country", "serial", "model_code",
             "contract_number", "service_type", "currency"]  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    """Two runs compared (as ``runs.compare_runs``), plus the changed hits with their identity
    so the table can say which machine and contract each change concerns."""

    result: runs.RunComparison
    changed: pl.DataFrame
    #: ``result.licence_changes`` with the same identity columns.
    licence_changes: pl.DataFrame

    @property
    def counts(self) -> dict[str, int]:
        diff = self.result.diff
        return {
            "new": diff.new.height,
            "gone": diff.gone.height,
            "changed": diff.changed.height,
            "licence": self.licence_changes.height,
        }


def compare(db: Database, run_a: int, run_b: int) -> Comparison:
    """Read both runs once and compare them (new, gone, changed; value at risk A/B/delta)."""
    info_a, info_b = runs.run_info(db, run_a), runs.run_info(db, run_b)
    hits_a, hits_b = runs.run_hits(db, run_a), runs.run_hits(db, run_b)
    result = runs.comparison(db, info_a, info_b, hits_a, hits_b)
    diff = result.diff
    identity = hits_b.select(*HIT_KEY, *_IDENTITY)
    changed = diff.changed.join(identity, on=list(HIT_KEY), how="left")
    licences = result.licence_changes.join(identity, on=list(HIT_KEY), how="left")
    return Comparison(result, changed, licences)


def run_history(db: Database) -> pl.DataFrame:
    """Every stored run, newest first, with the figures the history table shows."""
    rows = [
        {
            "run": info.id,
            "scenario": info.scenario_id,
            "title": info.scenario_title,
            "as_of": info.as_of,
            "created": info.created_at.replace(tzinfo=None),
            "user": info.user_name,
            "evaluated": info.obligations_evaluated,
            "hits": info.hit_count,
            "obligations": int(info.summary.get("obligations", 0)),
            "seconds": info.duration_seconds,
        }
        for info in runs.list_runs(db)
    ]
    schema = {
        "run": pl.Int64(),
        "scenario": pl.String(),
        "title": pl.String(),
        "as_of": pl.Date(),
        "created": pl.Datetime(),
        "user": pl.String(),
        "evaluated": pl.Int64(),
        "hits": pl.Int64(),
        "obligations": pl.Int64(),
        "seconds": pl.Float64(),
    }
    return pl.DataFrame(rows, schema=schema)
