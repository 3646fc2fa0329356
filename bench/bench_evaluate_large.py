"""Evaluating each shipped scenario on the large demo book, end to end, against the reference.

One case per scenario (``evaluate-large-<scenario>``), as of 2025-06-01, on a fresh copy of the
large demo book (100k machines, ~950k obligations):

- candidate: ``evaluation.evaluate_scenario``: read the facts, evaluate, explain, summarise,
  fingerprint and store the run in one transaction;
- ``reference, 1/10 sample``: read the same facts, then ``reference.evaluate_reference`` on
  every tenth obligation (the plain loop takes ~3.5 minutes per scenario at full size here);
- ``read facts only``: the reading part of the baseline, to extrapolate it.

``evaluate-large-core-in-force`` times the evaluation proper, with the facts read in setup:
``compiled.evaluate`` and the explanation texts against the reference on the same sample.

``python -m bench evaluate-large-in-force`` prints the raw table (the sample baseline is then a
lower bound). ``python -m bench.bench_evaluate_large`` runs the cases and also prints the
reference extrapolated to the whole book (read + 10 x (sample run - read)) and the ratios to
it; ``--verify`` checks instead that each stored run reads back as the compiled evaluator's
hits and that, on the sampled obligations, they equal the reference's hits exactly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from functools import partial
from typing import Any

import polars as pl

from bench.datasets import fresh_copy, large_demo_sqlite
from bench.harness import Case, Row, Variant, print_table, run_case

AS_OF = dt.date(2025, 6, 1)
SAMPLE_EVERY = 10
SCENARIOS = (
    "in-force",
    "proposal-2024-servicing-ban",
    "proposal-2024-trailing-edge",
    "proposal-2024-parts-to-listed",
    "proposal-2024-korea",
)
CANDIDATE = "evaluate_scenario (end to end)"
SAMPLED = f"reference, 1/{SAMPLE_EVERY} sample"
READ = "read facts only"


@dataclass(frozen=True)
class Context:
    db: Any
    scenario: str


def _setup(scenario: str) -> Context:
    from workbench.services.database import open_database

    path = fresh_copy(large_demo_sqlite(), f"evaluate-large-{scenario}.sqlite3")
    return Context(open_database(f"sqlite:///{path}"), scenario)


def _inputs(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, list[Any]]:
    from workbench.rules.packs import select_rules
    from workbench.services import rulebook
    from workbench.services.facts_loader import load_facts, load_licences, load_listings

    rules = select_rules(rulebook.scenario(ctx.db, ctx.scenario), rulebook.rule_book(ctx.db), AS_OF)
    return load_facts(ctx.db), load_listings(ctx.db), load_licences(ctx.db), rules


@dataclass(frozen=True)
class Loaded:
    facts: pl.DataFrame
    listings: pl.DataFrame
    licences: pl.DataFrame
    rules: list[Any]


def _setup_loaded(scenario: str) -> Loaded:
    return Loaded(*_inputs(_setup(scenario)))


def candidate(ctx: Context) -> None:
    from workbench.services.evaluation import evaluate_scenario

    evaluate_scenario(ctx.db, ctx.scenario, AS_OF)


def reference_sample(ctx: Context) -> None:
    from workbench.rules.reference import evaluate_reference

    facts, listings, licences, rules = _inputs(ctx)
    evaluate_reference(facts.gather_every(SAMPLE_EVERY), listings, licences, rules, AS_OF)


def read_only(ctx: Context) -> None:
    _inputs(ctx)


def core_compiled(data: Loaded) -> None:
    from workbench.rules import compiled
    from workbench.services.evaluation import explained_hits

    explained_hits(compiled.evaluate(data.facts, data.listings, data.licences, data.rules, AS_OF))


def core_reference(data: Loaded) -> None:
    from workbench.rules.reference import evaluate_reference

    sample = data.facts.gather_every(SAMPLE_EVERY)
    evaluate_reference(sample, data.listings, data.licences, data.rules, AS_OF)


CASES = [
    Case(
        name=f"evaluate-large-{scenario}",
        description=f"{scenario} as of {AS_OF} on 100k machines / ~950k obligations, end to end",
        setup=partial(_setup, scenario),
        candidate=Variant(CANDIDATE, candidate, repeats=3),
        baselines=(Variant(SAMPLED, reference_sample, repeats=1), Variant(READ, read_only, 1)),
    )
    for scenario in SCENARIOS
]
CASES.append(
    Case(
        name="evaluate-large-core-in-force",
        description=f"in-force as of {AS_OF}, facts already read: evaluate and explain only",
        setup=partial(_setup_loaded, "in-force"),
        candidate=Variant("compiled evaluate + explanations", core_compiled, repeats=3),
        baselines=(Variant(SAMPLED, core_reference, repeats=1),),
    )
)


def extrapolated(rows: list[Row]) -> list[Row]:
    """Each case's candidate and the reference extrapolated from the sample to the whole book."""
    out: list[Row] = []
    by_case: dict[str, dict[str, Row]] = {}
    for row in rows:
        by_case.setdefault(row.case, {})[row.variant] = row
    for case, variants in by_case.items():
        cand, sample = next(iter(variants.values())), variants[SAMPLED]
        read = variants[READ].median_s if READ in variants else 0.0
        full = read + SAMPLE_EVERY * (sample.median_s - read)
        out.append(cand)
        out.append(
            Row(
                case,
                "reference (extrapolated)",
                full,
                sample.runs,
                sample.peak_mb,
                full / cand.median_s,
            )
        )
    return out


def verify(scenario: str) -> bool:
    """The stored run equals the compiled hits; on the sample, exactly the reference's hits."""
    from workbench.rules import compiled
    from workbench.rules.reference import evaluate_reference
    from workbench.services import runs
    from workbench.services.evaluation import evaluate_scenario

    ctx = _setup(scenario)
    result = evaluate_scenario(ctx.db, scenario, AS_OF)
    stored = runs.run_hits(ctx.db, result.run_id)
    facts, listings, licences, rules = _inputs(ctx)
    fast = compiled.evaluate(facts, listings, licences, rules, AS_OF).hits
    sample = facts.gather_every(SAMPLE_EVERY)
    slow = evaluate_reference(sample, listings, licences, rules, AS_OF).hits
    mine = stored.drop("explanation").filter(
        pl.col("obligation_id").is_in(sample["obligation_id"].implode())
    )
    same_store = stored.drop("explanation").equals(fast)
    same_reference = mine.equals(slow)
    explained = bool(stored.select((pl.col("explanation").str.len_chars() > 0).all()).item())
    print(
        f"{scenario}: {stored.height} hits stored, equal to compiled: {same_store}; "
        f"{slow.height} hits on the 1/{SAMPLE_EVERY} sample, equal to reference: "
        f"{same_reference}; every hit explained: {explained}"
    )
    ctx.db.dispose()
    return same_store and same_reference and explained


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_evaluate_large")
    parser.add_argument("scenarios", nargs="*", default=[*SCENARIOS, "core-in-force"])
    parser.add_argument("--repeats", type=int, help="override every variant's repeats")
    parser.add_argument("--verify", action="store_true", help="check hits instead of timing")
    args = parser.parse_args()
    if args.verify:
        checked = [
            verify(s) for s in args.scenarios if s in SCENARIOS
        ]  # every scenario, even after a failure
        return 0 if all(checked) else 1
    cases = {c.name: c for c in CASES}
    rows: list[Row] = []
    for scenario in args.scenarios:
        print(f"running {scenario} ...", file=sys.stderr, flush=True)
        rows.extend(run_case(cases[f"evaluate-large-{scenario}"], args.repeats))
    print_table(rows)
    print(f"\nreference extrapolated: read + {SAMPLE_EVERY} x (sample run - read)\n")
    print_table(extrapolated(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
