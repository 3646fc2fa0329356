"""Benchmark: the compiled (polars) evaluator against the plain reference loop.

Generates N synthetic obligation facts (vectorised with numpy) shaped like a vendor's installed
base, then evaluates every shipped scenario with the compiled evaluator on all N rows and with
the reference evaluator on a sample (extrapolated to N, since the loop takes minutes at 1M),
checks both give identical hits on the sample, and prints medians, the ratio and peak memory.

    python bench/bench_evaluate.py [--rows 1000000] [--sample 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.rules.compiled import evaluate
from workbench.rules.facts import FACTS_SCHEMA, licences_frame, listings_frame
from workbench.rules.packs import RuleBook, load_shipped_packs, load_shipped_scenarios, select_rules
from workbench.rules.reference import evaluate_reference

AS_OF = dt.date(2025, 6, 1)
MODELS = [  # vendor, model, category, US class, weight
    ("ASML", "NXT:2100i", "duv_immersion", "3B001.f.1.b.2", 2),
    ("ASML", "NXT:2000i", "duv_immersion", "3B001.f.1.b.2", 3),
    ("ASML", "NXT:1980Di", "duv_immersion", "3B993.f.1", 5),
    ("ASML", "NXT:1970Ci", "duv_immersion", "3B993.f.1", 3),
    ("ASML", "NXT:1470", "duv_dry_arf", "EAR99", 4),
    ("ASML", "XT:1460K", "duv_dry_arf", "EAR99", 4),
    ("ASML", "XT:860M", "krf_litho", "EAR99", 6),
    ("ASML", "XT:400L", "iline_litho", "EAR99", 4),
    ("ASML", "NXE:3600D", "euv_litho", "3B001.f.1.a", 1),
    ("ASML", "YieldStar 385", "metrology", "3B994", 3),
    ("Lam Research", "Kiyo", "etch_conductor", "3B001.c.1.a", 6),
    ("Lam Research", "Flex", "etch_dielectric", "3B993", 6),
    ("Applied Materials", "Endura", "pvd", "3B001.d.2", 5),
    ("Applied Materials", "Producer", "cvd", "3B993", 6),
    ("KLA", "2950", "inspection", "3B993", 3),
    ("TEL", "Tactras Vigus", "etch_dielectric", None, 6),
    ("TEL", "CELLESTA-i", "clean", None, 5),
    ("TEL", "NT333", "ald", None, 4),
    ("SCREEN", "SU-3200", "clean", None, 5),
    ("Kokusai", "TSURUGI-C2", "ald", None, 3),
    ("Nikon", "NSR-S635E", "duv_immersion", None, 2),
    ("Canon", "FPA-6300ES6a", "krf_litho", None, 4),
    ("PSK", "SUPRA Vplus", "clean", None, 3),
]
COUNTRIES = [
    ("CN", 35),
    ("TW", 15),
    ("KR", 12),
    ("US", 10),
    ("JP", 8),
    ("DE", 4),
    ("SG", 4),
    ("IE", 3),
    ("IL", 3),
    ("NL", 2),
    ("MO", 1),
    ("RU", 1),
    ("HK", 1),
    ("MY", 1),
]
SERVICES = [
    "preventive_maintenance",
    "repair",
    "spare_parts",
    "consumables",
    "software_updates",
    "upgrades",
    "remote_support",
    "onsite_support",
    "training",
]
N_FABS, N_CUSTOMERS = 2_000, 400


def _pick(rng: np.random.Generator, n: int, weights: list[int]) -> np.ndarray:
    p = np.array(weights, dtype=float)
    return rng.choice(len(weights), size=n, p=p / p.sum())


def synthetic(n: int, seed: int = 7) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(seed)
    # Fabs: country, technology (some unknown), owner.
    fab_country = np.array([c for c, _ in COUNTRIES])[_pick(rng, N_FABS, [w for _, w in COUNTRIES])]
    process = rng.choice(
        np.array(["logic", "foundry", "dram", "nand", "other", ""]),
        N_FABS,
        p=[0.3, 0.25, 0.15, 0.12, 0.08, 0.10],
    )
    node = rng.choice(np.array([5.0, 7.0, 14.0, 16.0, 28.0, 40.0, 55.0, 90.0, np.nan]), N_FABS)
    fab_customer = rng.integers(1, N_CUSTOMERS + 1, N_FABS)
    hp = rng.choice(np.array([14.0, 17.0, 18.0, 20.0, 25.0, np.nan]), N_FABS)
    layers = rng.choice(np.array([64, 96, 128, 176, 232, -1]), N_FABS)
    fabs = pl.DataFrame(
        {
            "fab_id": np.arange(1, N_FABS + 1),
            "fab_country": fab_country,
            "process_type": process,
            "logic_node_nm": node,
            "fab_customer": fab_customer,
            "dram_half_pitch_nm": hp,
            "nand_layers": layers,
        }
    ).with_columns(
        pl.col("process_type").replace("", None),
        pl.col("logic_node_nm").fill_nan(None),
        pl.col("dram_half_pitch_nm").fill_nan(None),
        pl.col("nand_layers").replace(-1, None),
    )
    p, ln = pl.col("process_type"), pl.col("logic_node_nm")
    fabs = fabs.with_columns(
        advanced_node=pl.when(p.is_in(["logic", "foundry"]))
        .then(ln <= 16)
        .when(p == "dram")
        .then(pl.col("dram_half_pitch_nm") <= 18)
        .when(p == "nand")
        .then(pl.col("nand_layers") >= 128)
        .when(p == "other")
        .then(pl.lit(False))
    )
    model_idx = _pick(rng, n, [m[4] for m in MODELS])
    fab_idx = rng.integers(0, N_FABS, n)
    start = np.datetime64("2021-01-01") + rng.integers(0, 5 * 365, n).astype("timedelta64[D]")
    length = rng.integers(180, 6 * 365, n).astype("timedelta64[D]")
    ship = start - rng.integers(30, 8 * 365, n).astype("timedelta64[D]")
    machines = rng.integers(1, n // 5 + 2, n)
    base = pl.DataFrame(
        {
            "obligation_id": np.arange(1, n + 1),
            "contract_id": rng.integers(1, n // 20 + 2, n),
            "machine_id": machines,
            "serial": np.char.zfill(machines.astype(str), 7),
            "vendor": np.array([m[0] for m in MODELS])[model_idx],
            "model_code": np.array([m[1] for m in MODELS])[model_idx],
            "category": np.array([m[2] for m in MODELS])[model_idx],
            "class_us": np.array([m[3] or "" for m in MODELS])[model_idx],
            "fab_id": fab_idx + 1,
            "service_type": np.array(SERVICES)[rng.integers(0, len(SERVICES), n)],
            "obligation_start": start,
            "obligation_end": start + length,
            "ship_date": ship,
            "install_date": ship + np.timedelta64(60, "D"),
            "contract_signed": start - np.timedelta64(30, "D"),
            "obligation_value": np.round(rng.lognormal(10, 1.2, n), 2),
        }
    ).with_columns(pl.col("class_us").replace("", None))
    facts = base.join(fabs, on="fab_id", how="left").with_columns(
        customer_id=pl.col("fab_customer"),
        parent_customer_id=pl.when(pl.col("fab_customer") % 7 == 0).then(
            pl.col("fab_customer") // 7
        ),
        fab_site_code=pl.format("F{}", pl.col("fab_id")),
        fab_name=pl.format("Fab {}", pl.col("fab_id")),
        customer_name=pl.format("Customer {}", pl.col("fab_customer")),
        customer_hq_country=pl.when(pl.col("fab_customer") % 5 == 0)
        .then(pl.lit("US"))
        .otherwise(pl.col("fab_country")),
        contract_number=pl.format("C-{}", pl.col("contract_id")),
        machine_status=pl.lit("installed"),
        currency=pl.lit("EUR"),
    )
    facts = facts.select(
        [
            pl.col(c).cast(t) if c in facts.columns else pl.lit(None, dtype=t).alias(c)
            for c, t in FACTS_SCHEMA.items()
        ]
    )
    listed = rng.choice(np.arange(1, N_CUSTOMERS + 1), 25, replace=False)
    listings = listings_frame(
        {
            "customer_id": int(c),
            "party_name": f"Customer {c}",
            "list_code": "entity_list",
            "footnote": ["FN5", "FN1", "FN4", None][i % 4],
            "licence_policy": "Presumption of denial" if i % 2 else "Case-by-case review",
        }
        for i, c in enumerate(listed)
    )
    licences = licences_frame(
        {
            "licence_id": i,
            "jurisdiction": ["US", "NL", "JP"][i % 3],
            "number": f"L{i:05d}",
            "valid_from": dt.date(2023, 1, 1),
            "valid_to": dt.date(2024 + i % 4, 12, 31),
            "customer_id": int(rng.integers(1, N_CUSTOMERS + 1)) if i % 2 else None,
            "fab_id": int(rng.integers(1, N_FABS + 1)) if not i % 2 else None,
        }
        for i in range(300)
    )
    return facts, listings, licences


def _time(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    facts, listings, licences = synthetic(args.rows)
    print(f"generated {facts.height:,} obligations in {time.perf_counter() - t0:.2f} s")
    sample = facts.sample(min(args.sample, facts.height), seed=1).sort("obligation_id")
    book = RuleBook.of(load_shipped_packs())
    scenarios = [(sc, select_rules(sc, book, AS_OF)) for sc in load_shipped_scenarios()]
    # All compiled runs first: the reference loop leaves a large Python heap behind that
    # would slow the columnar runs measured after it.
    fast_runs = {}
    for scenario, rules in scenarios:
        fast_runs[scenario.id] = _time(
            lambda r=rules: evaluate(facts, listings, licences, r, AS_OF), args.repeat
        )
    last = fast_runs[scenarios[-1][0].id][1]
    t0 = time.perf_counter()
    explained = last.explanations.height  # type: ignore[attr-defined]
    explain_s = time.perf_counter() - t0
    total_fast = total_slow = 0.0
    print(
        f"{'scenario':32} {'rules':>5} {'hits':>9} {'compiled s':>10} {'ref s (x)':>10} "
        f"{'ref s @N':>9} {'ratio':>7}"
    )
    for scenario, rules in scenarios:
        fast_s, fast = fast_runs[scenario.id]
        slow_s, slow = _time(
            lambda r=rules: evaluate_reference(sample, listings, licences, r, AS_OF), 1
        )
        check = evaluate(sample, listings, licences, rules, AS_OF)
        if not check.hits.equals(slow.hits):  # type: ignore[attr-defined]
            raise SystemExit(f"{scenario.id}: compiled and reference hits differ on the sample")
        slow_at_n = slow_s * facts.height / sample.height
        total_fast += fast_s
        total_slow += slow_at_n
        print(
            f"{scenario.id:32} {len(rules):5d} {fast.hits.height:9,d} {fast_s:10.3f} "  # type: ignore[attr-defined]
            f"{slow_s:10.2f} {slow_at_n:9.1f} {slow_at_n / fast_s:6.0f}x"
        )
    print(
        f"all scenarios: compiled {total_fast:.2f} s, reference (extrapolated to "
        f"{facts.height:,} rows) {total_slow:.0f} s, ratio {total_slow / total_fast:.0f}x"
    )
    print(f"explanation texts for all {explained:,} hits of the last scenario: {explain_s:.2f} s")
    print(f"identical hits on the {sample.height:,}-row sample for every scenario")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
