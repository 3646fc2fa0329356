"""Evaluating a scenario as of a date, and storing the run immutably.

A run keeps the rules exactly as evaluated (JSON), their hash, the fingerprint of the data
read, the country-group version and every hit with the identifying facts copied, so a reviewer
can reproduce it and a later edit of the book never changes a signed report.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import polars as pl
from sqlalchemy import Connection

from workbench import __version__
from workbench.domain.cancel import CancelToken, Progress
from workbench.rules import compiled
from workbench.rules.fingerprint import CURRENT_SCHEME, data_fingerprint, rules_fingerprint
from workbench.rules.hits import HIT_KEY, Evaluation
from workbench.rules.packs import ActiveRule, select_rules
from workbench.services import audit, roles, rulebook
from workbench.services.facts_loader import (
    load_facts,
    load_licences,
    load_listings,
    load_ownership,
)
from workbench.services.identity import current_user
from workbench.storage.audit_log import AuditEvent
from workbench.storage.database import Database
from workbench.storage.frames import append_frame
from workbench.storage.orm import (
    EvaluationRunRow,
    RunContractRow,
    RunExplanationRow,
    RunHitRow,
    RunMachineRow,
    RunObligationRow,
    RunRuleRow,
)

#: How a run's hits are stored: each rule, machine, contract and obligation once per run, and
#: per hit only what differs between the hits of a rule (``store_hits``).
RULE_COLUMNS = ["rule_id", "rule_version", "pack", "jurisdiction", "outcome"]
MACHINE_COLUMNS = [
    "machine_id",
    "serial",
    "vendor",
    "model_code",
    "fab_id",
    "fab_site_code",
    "fab_name",
    "fab_country",
]
CONTRACT_COLUMNS = ["contract_id", "contract_number", "currency", "customer_id", "customer_name"]
OBLIGATION_COLUMNS = [
    "obligation_id",
    "machine_id",
    "contract_id",
    "service_type",
    "obligation_start",
    "obligation_end",
]
HIT_ONLY_COLUMNS = [
    "obligation_id",
    "rule_number",
    "final_outcome",
    "first_affected",
    "value_at_risk",
    "licence_coverage",
    "licence_numbers",
    "licence_valid_to",
    "licence_note",
]


@dataclass(frozen=True)
class RunResult:
    run_id: int
    scenario_id: str
    as_of: dt.date
    obligations: int
    hits: int
    seconds: float
    summary: dict[str, Any]


def rules_as_json(rules: list[ActiveRule]) -> str:
    """The rules exactly as evaluated, so a stored run shows and reproduces them."""
    return json.dumps(
        [
            {
                "pack": r.pack,
                "effective": r.effective.isoformat(),
                "rule": r.rule.model_dump(mode="json", by_alias=True),
                "model_sets": {k: sorted(map(list, v)) for k, v in sorted(r.model_sets.items())},
                "model_set_titles": dict(r.model_set_titles),
            }
            for r in rules
        ],
        ensure_ascii=False,
    )


def distinct_value(hits: pl.DataFrame, *keys: str) -> pl.DataFrame:
    """Value at risk per ``keys`` and currency, counting each obligation once.

    One obligation is often hit by several rules; summing hits would count its value once per
    rule. Within a group the obligation's largest value at risk (its earliest first affected
    date) is taken.
    """
    per_obligation = hits.group_by(*keys, "obligation_id", "currency").agg(
        pl.col("value_at_risk").max()
    )
    return per_obligation.group_by(*keys, "currency").agg(
        pl.col("value_at_risk").sum(), pl.len().alias("obligations")
    )


def summarise(hits: pl.DataFrame) -> dict[str, Any]:
    """Totals a run list and a report header show: counts and value at risk per currency."""

    def by(column: str) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        counts = dict(hits.group_by(column).agg(pl.len()).iter_rows())
        values = distinct_value(hits, column).sort(column, "currency")
        for key, currency, value, _obligations in values.iter_rows():
            entry = out.setdefault(str(key), {"hits": counts[key]})
            entry[currency] = round(float(value), 2)
        return out

    totals = distinct_value(hits).sort("currency")
    return {
        "hits": hits.height,
        "obligations": hits["obligation_id"].n_unique() if hits.height else 0,
        "machines": hits["machine_id"].n_unique() if hits.height else 0,
        "customers": hits["customer_id"].n_unique() if hits.height else 0,
        "value_at_risk": {cur: round(float(v), 2) for cur, v, _n in totals.iter_rows()},
        "by_final_outcome": by("final_outcome"),
        "by_jurisdiction": by("jurisdiction"),
    }


def hits_with_explanations(evaluation: Evaluation) -> pl.DataFrame:
    """Hits joined with their matched-predicate texts, one newline-separated text per hit."""
    numbered, texts = explained_hits(evaluation)
    return (
        numbered.join(texts, on="explanation_number", how="left", maintain_order="left")
        .drop("explanation_number")
        .with_columns(pl.col("explanation").fill_null(""))
    )


def explained_hits(evaluation: Evaluation) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(hits with ``explanation_number``, the distinct ``explanation`` texts by number).

    A run stores each distinct text once; numbering them straight from the evaluator avoids
    building (and holding) one text per hit, which cost most of a large run's memory.
    """
    if isinstance(evaluation, compiled.CompiledEvaluation):
        numbers, texts = evaluation.explanation_numbers(evaluation.hits)
        return evaluation.hits.with_columns(numbers), texts
    per_hit = evaluation.explanations.select(
        *HIT_KEY, pl.col("matched").list.join("\n").alias("explanation")
    )
    hits = evaluation.hits.join(per_hit, on=list(HIT_KEY), how="left", maintain_order="left")
    hits = hits.with_columns(pl.col("explanation").fill_null(""))
    texts = (
        hits.select("explanation")
        .unique(maintain_order=True)
        .with_row_index("explanation_number", offset=1)
        .with_columns(pl.col("explanation_number").cast(pl.Int64))
    )
    numbered = hits.join(texts, on="explanation", how="left", maintain_order="left")
    return numbered.drop("explanation"), texts


def rule_table(rules: list[ActiveRule]) -> pl.DataFrame:
    """The run's rules numbered in rule-id order (the evaluator's order), ``RULE_COLUMNS``."""
    ordered = sorted(rules, key=lambda r: r.rule.id)
    return pl.DataFrame(
        {
            "number": pl.Series(range(len(ordered)), dtype=pl.Int64),
            "rule_id": [r.rule.id for r in ordered],
            "rule_version": pl.Series([r.rule.version for r in ordered], dtype=pl.Int64),
            "pack": [r.pack for r in ordered],
            "jurisdiction": [r.rule.jurisdiction for r in ordered],
            "outcome": [r.rule.outcome.value for r in ordered],
        },
        schema={
            "number": pl.Int64(),
            "rule_id": pl.String(),
            "rule_version": pl.Int64(),
            "pack": pl.String(),
            "jurisdiction": pl.String(),
            "outcome": pl.String(),
        },
    )


def store_hits(
    conn: Connection,
    run_id: int,
    rules: pl.DataFrame,
    hits: pl.DataFrame,
    texts: pl.DataFrame,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write a run compactly in ``conn``'s transaction: what hits share once, then the hits.

    ``rules`` is :func:`rule_table`; ``hits`` carry ``explanation_number`` into ``texts`` (see
    :func:`explained_hits`). A hit row holds the obligation, the rule's number, the outcome
    after licences, first affected date, value at risk, licence columns and the explanation's
    number: ~900k of them write in a fraction of the time the repeated text columns took.
    """
    run = pl.lit(run_id, dtype=pl.Int64).alias("run_id")
    number = pl.col("rule_id").replace_strict(rules["rule_id"], rules["number"])
    tables: list[tuple[Any, pl.DataFrame]] = [
        (RunRuleRow.__table__, rules.select(run, "number", *RULE_COLUMNS)),
        (
            RunExplanationRow.__table__,
            texts.select(
                run,
                pl.col("explanation_number").alias("number"),
                pl.col("explanation").alias("text"),
            ),
        ),
        (
            RunMachineRow.__table__,
            hits.filter(pl.col("machine_id").is_first_distinct()).select(run, *MACHINE_COLUMNS),
        ),
        (
            RunContractRow.__table__,
            hits.filter(pl.col("contract_id").is_first_distinct()).select(run, *CONTRACT_COLUMNS),
        ),
        (
            RunObligationRow.__table__,
            hits.filter(pl.col("obligation_id").is_first_distinct()).select(
                run, *OBLIGATION_COLUMNS
            ),
        ),
        (
            RunHitRow.__table__,
            hits.select(
                run,
                *(number.alias(c) if c == "rule_number" else pl.col(c) for c in HIT_ONLY_COLUMNS),
                "explanation_number",
            ),
        ),
    ]
    total = sum(frame.height for _t, frame in tables)
    done = 0
    for table, frame in tables:
        if cancel:
            cancel.raise_if_cancelled()
        append_frame(conn, table, frame)
        done += frame.height
        if progress:
            progress(done, total)


def evaluate_scenario(
    db: Database,
    scenario_id: str,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> RunResult:
    """Evaluate a scenario against the whole book and store the run."""
    started = time.perf_counter()
    chosen = rulebook.scenario(db, scenario_id)
    day = as_of or chosen.as_of or dt.date.today()
    rules = select_rules(chosen, rulebook.rule_book(db), day)
    report = progress or (lambda _d, _t: None)
    report(0, 100)
    facts = load_facts(db, cancel=cancel)
    listings = load_listings(db)
    licences = load_licences(db)
    ownership = load_ownership(db)
    report(30, 100)

    def rule_progress(done: int, total: int) -> None:
        report(30 + int(40 * done / max(total, 1)), 100)

    evaluation = compiled.evaluate(
        facts,
        listings,
        licences,
        rules,
        day,
        progress=rule_progress,
        cancel=cancel,
        categorical=True,
        ownership=ownership,
    )
    hits, texts = explained_hits(evaluation)
    obligations, country_groups = facts.height, evaluation.country_groups
    del evaluation  # its encoded copy of the facts is not needed for storing
    report(75, 100)
    if cancel:
        cancel.raise_if_cancelled()
    # The fingerprint and the summary are polars and hashlib work that releases the GIL, and
    # SQLite releases it while it inserts each row: computing them in a second thread while
    # the hits are written overlaps the two on a second core. The run row is completed with
    # their values in the same transaction, so no reader ever sees it without them.
    with ThreadPoolExecutor(max_workers=1) as pool, db.session() as session:
        roles.require_write(session, "storing an evaluation run")
        fingerprint = pool.submit(
            data_fingerprint, facts, listings, licences, CURRENT_SCHEME, ownership
        )
        totals = pool.submit(summarise, hits)
        del facts  # freed as soon as the fingerprint is done
        run = EvaluationRunRow(
            scenario_id=chosen.id,
            scenario_title=chosen.title,
            as_of=day,
            user_name=current_user(),
            app_version=__version__,
            rules_json=rules_as_json(rules),
            rule_hash=rules_fingerprint(rules),
            data_fingerprint="",
            fingerprint_scheme=CURRENT_SCHEME,
            country_groups=country_groups,
            obligations_evaluated=obligations,
            hit_count=hits.height,
            duration_seconds=0.0,
            summary_json="{}",
        )
        session.add(run)
        session.flush()
        run_id = run.id
        store_hits(
            session.connection(),
            run_id,
            rule_table(rules),
            hits,
            texts,
            progress=lambda done, total: report(75 + int(24 * done / max(total, 1)), 100),
            cancel=cancel,
        )
        summary = totals.result()
        run.data_fingerprint = fingerprint.result()
        run.summary_json = json.dumps(summary, ensure_ascii=False)
        run.duration_seconds = round(time.perf_counter() - started, 3)
        # Last in the transaction: appending to the audit trail locks the chain head.
        audit.record_many(
            session,
            [
                AuditEvent(
                    "insert",
                    EvaluationRunRow.__tablename__,
                    run_id,
                    f"{chosen.id} as of {day.isoformat()}",
                    None,
                    None,
                    {
                        "hits": hits.height,
                        "rule_hash": run.rule_hash,
                        "data_fingerprint": run.data_fingerprint,
                    },
                )
            ],
            "evaluation_run",
            run_id,
        )
    report(100, 100)
    return RunResult(
        run_id=run_id,
        scenario_id=chosen.id,
        as_of=day,
        obligations=obligations,
        hits=hits.height,
        seconds=time.perf_counter() - started,
        summary=summary,
    )
