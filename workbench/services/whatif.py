"""What-if on one draft rule: re-evaluate only that rule against facts already in memory.

An analyst changing one parameter of a proposed rule wants its effect at once, not after a
full run (reading a million obligations takes seconds). The editor loads the book once
(:func:`load_book`, off the GUI thread); each change then evaluates the draft alone with the
compiled evaluator and compares it with the rule as saved (whose hits are kept after the first
comparison). Nothing is stored: storing a run stays an explicit ``evaluate_scenario``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from workbench.domain.cancel import CancelToken, Progress
from workbench.rules import compiled
from workbench.rules.country_groups import CountryGroups, load_country_groups
from workbench.rules.fingerprint import rules_fingerprint
from workbench.rules.model import Rule, RulePack
from workbench.rules.packs import ActiveRule
from workbench.services.evaluation import distinct_value
from workbench.services.facts_loader import (
    load_facts,
    load_licences,
    load_listings,
    load_ownership,
)
from workbench.storage.database import Database

#: What tells two hits of the same rule on the same obligation apart.
_COMPARED = ["final_outcome", "first_affected", "value_at_risk", "licence_coverage"]


@dataclass(frozen=True)
class Book:
    """The evaluators' input read once, with the date what-ifs are evaluated as of."""

    facts: pl.DataFrame
    listings: pl.DataFrame
    licences: pl.DataFrame
    as_of: dt.date
    groups: CountryGroups
    ownership: pl.DataFrame | None = None


def load_book(
    db: Database,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Book:
    """Read the facts, listings and licences once (seconds on a large book)."""
    day = as_of or dt.date.today()
    facts = load_facts(db, progress=progress, cancel=cancel)
    return Book(
        facts,
        load_listings(db),
        load_licences(db),
        day,
        load_country_groups(day),
        load_ownership(db),
    )


@dataclass(frozen=True)
class RuleImpact:
    """One rule's hits on the book: counts and value at risk per currency."""

    hits: int
    obligations: int
    machines: int
    value_at_risk: dict[str, float]
    by_final_outcome: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WhatIf:
    """The draft against the saved rule (``before`` is None for a new rule)."""

    rule_id: str
    as_of: dt.date
    before: RuleImpact | None
    after: RuleImpact
    new: int
    gone: int
    changed: int
    seconds: float

    def as_json(self) -> dict[str, Any]:
        def impact(i: RuleImpact | None) -> dict[str, Any] | None:
            return (
                None
                if i is None
                else {
                    "hits": i.hits,
                    "obligations": i.obligations,
                    "machines": i.machines,
                    "value_at_risk": i.value_at_risk,
                    "by_final_outcome": i.by_final_outcome,
                }
            )

        return {
            "rule_id": self.rule_id,
            "as_of": self.as_of.isoformat(),
            "before": impact(self.before),
            "after": impact(self.after),
            "new": self.new,
            "gone": self.gone,
            "changed": self.changed,
            "seconds": round(self.seconds, 3),
        }


def active_rule(pack: RulePack, rule: Rule, as_of: dt.date) -> ActiveRule:
    """``rule`` as a what-if evaluates it: with its pack's model sets, from its own effective
    date (else the as-of date, as a scenario does for a rule without one)."""
    return ActiveRule(
        rule=rule,
        pack=pack.pack,
        effective=rule.effective or as_of,
        model_sets={name: ms.keys() for name, ms in pack.model_sets.items()},
        model_set_titles={name: ms.title or name for name, ms in pack.model_sets.items()},
    )


def rule_hits(book: Book, rule: ActiveRule) -> pl.DataFrame:
    """The hits of ``rule`` alone (``HIT_SCHEMA``), as a full run would give them."""
    evaluation = compiled.evaluate(
        book.facts,
        book.listings,
        book.licences,
        [rule],
        book.as_of,
        groups=book.groups,
        ownership=book.ownership,
    )
    return evaluation.hits


def impact_of(hits: pl.DataFrame) -> RuleImpact:
    values = distinct_value(hits).sort("currency")
    outcomes = hits.group_by("final_outcome").agg(pl.len()).sort("final_outcome")
    return RuleImpact(
        hits=hits.height,
        obligations=hits["obligation_id"].n_unique() if hits.height else 0,
        machines=hits["machine_id"].n_unique() if hits.height else 0,
        value_at_risk={cur: round(float(v), 2) for cur, v, _n in values.iter_rows()},
        by_final_outcome={str(k): int(n) for k, n in outcomes.iter_rows()},
    )


def compare(before: pl.DataFrame, after: pl.DataFrame) -> tuple[int, int, int]:
    """(new, gone, changed) obligations from ``before`` to ``after``, hits of one rule each."""
    a = before.select("obligation_id", *_COMPARED)
    b = after.select("obligation_id", *_COMPARED)
    new = b.join(a, on="obligation_id", how="anti").height
    gone = a.join(b, on="obligation_id", how="anti").height
    both = a.join(b, on="obligation_id", how="inner", suffix="_b")
    differs = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_b")) for c in _COMPARED)
    return new, gone, both.filter(differs).height


class Session:
    """What-ifs against one loaded book; keeps the saved rules' hits it has computed."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self._saved: dict[str, pl.DataFrame] = {}

    def what_if(self, draft: ActiveRule, saved: ActiveRule | None = None) -> WhatIf:
        """Evaluate ``draft`` alone and compare it with ``saved`` (the rule it replaces)."""
        started = time.perf_counter()
        after = rule_hits(self.book, draft)
        before: pl.DataFrame | None = None
        if saved is not None:
            key = rules_fingerprint([saved])
            if key not in self._saved:
                self._saved[key] = rule_hits(self.book, saved)
            before = self._saved[key]
        empty = after.clear()
        new, gone, changed = compare(before if before is not None else empty, after)
        return WhatIf(
            rule_id=draft.rule.id,
            as_of=self.book.as_of,
            before=impact_of(before) if before is not None else None,
            after=impact_of(after),
            new=new,
            gone=gone,
            changed=changed,
            seconds=time.perf_counter() - started,
        )
