"""The benchmark runner: named cases, each variant timed in fresh child processes.

Every measurement runs in its own process so that peak memory (``ru_maxrss``) belongs to that
variant alone and caches of one variant cannot flatter another. Only the measured function is
timed; setup (building a cached dataset, opening files) is not.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE = Path(__file__).resolve().parent / ".cache"

Setup = Callable[[], Any]
Measured = Callable[[Any], Any]


@dataclass(frozen=True)
class Variant:
    name: str
    run: Measured
    repeats: int = 3


@dataclass(frozen=True)
class Case:
    """A named comparison: the candidate first, then its baselines."""

    name: str
    description: str
    setup: Setup
    candidate: Variant
    baselines: tuple[Variant, ...] = field(default_factory=tuple)

    @property
    def variants(self) -> tuple[Variant, ...]:
        return (self.candidate, *self.baselines)


def discover() -> dict[str, Case]:
    """Every ``CASES`` list of the ``bench/bench_*.py`` modules, by case name."""
    found: dict[str, Case] = {}
    for module_info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not module_info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        for case in getattr(module, "CASES", []):
            found[case.name] = case
    return found


def measure_in_this_process(case_name: str, variant_name: str) -> dict[str, float]:
    """Run one variant once (called in the child process) and report seconds and peak RSS."""
    case = discover()[case_name]
    variant = next(v for v in case.variants if v.name == variant_name)
    context = case.setup()
    baseline_rss = _peak_rss_mb()
    start = time.perf_counter()
    reported = variant.run(context)
    seconds = time.perf_counter() - start
    # A variant that runs its work in a process of its own reports that process's peak.
    peak = reported["peak_mb"] if isinstance(reported, dict) and "peak_mb" in reported else None
    return {
        "seconds": seconds,
        "peak_mb": peak if peak is not None else _peak_rss_mb(),
        "setup_peak_mb": baseline_rss,
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(case: Case, variant: Variant) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--child", case.name, variant.name],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{case.name}/{variant.name} failed:\n{out.stderr}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@dataclass
class Row:
    case: str
    variant: str
    median_s: float
    runs: int
    peak_mb: float
    ratio: float | None


def run_case(case: Case, repeats: int | None = None) -> list[Row]:
    case.setup()  # build caches once, outside any measurement
    rows: list[Row] = []
    for variant in case.variants:
        samples = [_measure(case, variant) for _ in range(repeats or variant.repeats)]
        rows.append(
            Row(
                case.name,
                variant.name,
                statistics.median(s["seconds"] for s in samples),
                len(samples),
                max(s["peak_mb"] for s in samples),
                None,
            )
        )
    candidate = rows[0].median_s
    for row in rows[1:]:
        row.ratio = row.median_s / candidate if candidate else None
    return rows


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'case':<28} {'variant':<34} {'median s':>9} {'runs':>4} {'peak MB':>8} {'x slower':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = f"{row.ratio:.1f}x" if row.ratio is not None else "(cand.)"
        print(
            f"{row.case:<28} {row.variant:<34} {row.median_s:>9.3f} {row.runs:>4} "
            f"{row.peak_mb:>8.0f} {ratio:>9}"
        )
