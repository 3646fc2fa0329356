"""Stored evaluation runs: listing, reading back, and comparing two runs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import polars as pl
from sqlalchemy import Float, String, cast, desc, select

from workbench.domain.errors import WorkbenchError
from workbench.rules.diff import HitDiff, compare_value_at_risk, diff_hits, licence_changes
from workbench.rules.hits import HIT_SCHEMA
from workbench.services.evaluation import (
    CONTRACT_COLUMNS,
    HIT_ONLY_COLUMNS,
    MACHINE_COLUMNS,
    OBLIGATION_COLUMNS,
    RULE_COLUMNS,
)
from workbench.storage import repositories
from workbench.storage.database import Database
from workbench.storage.frames import gather_by_key, parse_dates, read_frames
from workbench.storage.orm import (
    EvaluationRunRow,
    RunContractRow,
    RunExplanationRow,
    RunHitRow,
    RunMachineRow,
    RunObligationRow,
    RunRuleRow,
)

_DATE_COLUMNS = ("first_affected", "licence_valid_to", "obligation_start", "obligation_end")


class RunError(WorkbenchError):
    """A run does not exist or cannot be read."""


@dataclass(frozen=True)
class RunInfo:
    id: int
    scenario_id: str
    scenario_title: str
    as_of: dt.date
    created_at: dt.datetime
    user_name: str
    app_version: str
    rule_hash: str
    data_fingerprint: str
    country_groups: str
    obligations_evaluated: int
    hit_count: int
    duration_seconds: float
    summary: dict[str, Any]
    rules: list[dict[str, Any]]

    def as_json(self, with_rules: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "run": self.id,
            "scenario": self.scenario_id,
            "scenario_title": self.scenario_title,
            "as_of": self.as_of.isoformat(),
            "created_at": self.created_at.isoformat(),
            "user": self.user_name,
            "app_version": self.app_version,
            "rule_hash": self.rule_hash,
            "data_fingerprint": self.data_fingerprint,
            "country_groups": self.country_groups,
            "obligations_evaluated": self.obligations_evaluated,
            "hits": self.hit_count,
            "seconds": self.duration_seconds,
            "summary": self.summary,
        }
        if with_rules:
            out["rules"] = self.rules
        return out


def _info(row: EvaluationRunRow, with_rules: bool) -> RunInfo:
    return RunInfo(
        id=row.id,
        scenario_id=row.scenario_id,
        scenario_title=row.scenario_title,
        as_of=row.as_of,
        created_at=row.created_at,
        user_name=row.user_name,
        app_version=row.app_version,
        rule_hash=row.rule_hash,
        data_fingerprint=row.data_fingerprint,
        country_groups=row.country_groups,
        obligations_evaluated=row.obligations_evaluated,
        hit_count=row.hit_count,
        duration_seconds=row.duration_seconds,
        summary=json.loads(row.summary_json or "{}"),
        rules=json.loads(row.rules_json) if with_rules else [],
    )


def list_runs(db: Database) -> list[RunInfo]:
    """Every run, newest first (rules not loaded)."""
    with db.read() as session:
        rows = session.scalars(select(EvaluationRunRow).order_by(desc(EvaluationRunRow.id)))
        return [_info(r, with_rules=False) for r in rows]


def run_info(db: Database, run_id: int) -> RunInfo:
    with db.read() as session:
        row = session.get(EvaluationRunRow, run_id)
        if row is None:
            raise RunError(f"There is no evaluation run {run_id}.")
        return _info(row, with_rules=True)


def _column(row_type: Any, name: str) -> Any:
    attr = getattr(row_type, name)
    if name in _DATE_COLUMNS:
        return cast(attr, String)
    if name == "value_at_risk":
        return cast(attr, Float)
    return attr


def _schema(names: list[str]) -> dict[str, pl.DataType]:
    types = {
        **HIT_SCHEMA,
        "number": pl.Int64(),
        "rule_number": pl.Int64(),
        "explanation_number": pl.Int64(),
    }
    return {n: pl.String() if n in _DATE_COLUMNS else types[n] for n in names}


def _read(row_type: Any, names: list[str], run_id: int) -> tuple[Any, dict[str, pl.DataType]]:
    stmt = select(*(_column(row_type, n) for n in names)).where(row_type.run_id == run_id)
    return stmt, _schema(names)


def run_hits(db: Database, run_id: int) -> pl.DataFrame:
    """A run's hits in ``HIT_SCHEMA`` plus ``explanation``, ordered by (obligation, rule).

    The compact tables (see ``evaluation.store_hits``) are read narrow and the shared parts
    (rule, obligation, machine, contract, explanation text) gathered onto the hits by key.
    """
    run_info(db, run_id)
    hits, rules, obligations, machines, contracts, texts = read_frames(
        db.engine,
        [
            _read(RunHitRow, [*HIT_ONLY_COLUMNS, "explanation_number"], run_id),
            _read(RunRuleRow, ["number", *RULE_COLUMNS], run_id),
            _read(RunObligationRow, OBLIGATION_COLUMNS, run_id),
            _read(RunMachineRow, MACHINE_COLUMNS, run_id),
            _read(RunContractRow, CONTRACT_COLUMNS, run_id),
            (
                select(RunExplanationRow.number, RunExplanationRow.text).where(
                    RunExplanationRow.run_id == run_id
                ),
                {"explanation_number": pl.Int64(), "explanation": pl.String()},
            ),
        ],
    )
    rules = rules.rename({"number": "rule_number"})
    # Sort the narrow hits (the rule number orders as the rule id does), then gather the rest
    # in that order: sorting the joined frame would copy every column a second time.
    hits = hits.sort("obligation_id", "rule_number")
    obligation = gather_by_key(hits["obligation_id"], obligations, "obligation_id")
    frame = pl.concat(
        [
            hits,
            gather_by_key(hits["rule_number"], rules, "rule_number"),
            obligation,
            gather_by_key(obligation["machine_id"], machines, "machine_id"),
            gather_by_key(obligation["contract_id"], contracts, "contract_id"),
            gather_by_key(hits["explanation_number"], texts, "explanation_number"),
        ],
        how="horizontal",
    )
    frame = parse_dates(frame, _DATE_COLUMNS)
    return frame.select(*HIT_SCHEMA, "explanation")


@dataclass(frozen=True)
class RunComparison:
    a: RunInfo
    b: RunInfo
    diff: HitDiff
    by_customer: pl.DataFrame
    by_country: pl.DataFrame
    by_rule: pl.DataFrame
    #: Hits in both runs whose licence position moved, with the cause (``rules.diff``).
    licence_changes: pl.DataFrame

    def as_json(self) -> dict[str, Any]:
        def rows(df: pl.DataFrame) -> list[dict[str, Any]]:
            return [
                {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()}
                for r in df.to_dicts()
            ]

        keep = [
            "obligation_id",
            "rule_id",
            "serial",
            "fab_name",
            "contract_number",
            "service_type",
            "final_outcome",
            "first_affected",
            "value_at_risk",
            "currency",
        ]
        return {
            "a": self.a.id,
            "b": self.b.id,
            "new": rows(self.diff.new.select(keep)),
            "gone": rows(self.diff.gone.select(keep)),
            "changed": rows(self.diff.changed),
            "licence_changes": rows(self.licence_changes),
            "value_at_risk_by_customer": rows(self.by_customer),
            "value_at_risk_by_country": rows(self.by_country),
            "value_at_risk_by_rule": rows(self.by_rule),
        }


def denial_sentence(
    application_id: int,
    authority: str,
    day: dt.date | None,
    reference: str | None,
    note: str | None,
) -> str:
    """A denial as a hit cites it: which application, who denied it, when, and why."""
    ref = f", reference {reference}" if reference else ""
    why = f": {note}" if note else ""
    return f"Licence application #{application_id} denied by {authority} on {day}{ref}{why}"


def denials_between(db: Database, run_a: int, run_b: int) -> dict[tuple[int, str], str]:
    """(obligation id, rule id) -> the denial, for applications denied after the earlier of
    the two runs was stored and no later than the other (by audit trail position; runs stored
    before they were audited have none)."""
    with db.read() as session:
        at = repositories.run_audit_positions(session, [run_a, run_b])
        if run_a not in at or run_b not in at:
            return {}
        low, high = sorted((at[run_a], at[run_b]))
        found = repositories.denials_recorded_between(session, low, high)
    return {
        (d.obligation_id, d.rule_id): denial_sentence(
            d.application_id, d.authority, d.decided_on, d.reference, d.note
        )
        for d in found
    }


def comparison(
    db: Database, a: RunInfo, b: RunInfo, hits_a: pl.DataFrame, hits_b: pl.DataFrame
) -> RunComparison:
    """Two runs' hits compared: new, gone, changed, value at risk by dimension, and the hits
    whose licences changed (granted, expired, limit, denied) between them."""
    with db.read() as session:
        granted = repositories.licences_granted_on_applications(session)
    return RunComparison(
        a=a,
        b=b,
        diff=diff_hits(hits_a, hits_b),
        by_customer=compare_value_at_risk(hits_a, hits_b, "customer"),
        by_country=compare_value_at_risk(hits_a, hits_b, "country"),
        by_rule=compare_value_at_risk(hits_a, hits_b, "rule"),
        licence_changes=licence_changes(
            hits_a, hits_b, b.as_of, denials_between(db, a.id, b.id), granted
        ),
    )


def compare_runs(db: Database, run_a: int, run_b: int) -> RunComparison:
    """New, gone and changed hits from run A to run B, value at risk by dimension, and the
    hits whose licences changed."""
    a, b = run_info(db, run_a), run_info(db, run_b)
    return comparison(db, a, b, run_hits(db, run_a), run_hits(db, run_b))
