"""Resolving 1M typed model codes against the equipment catalogue: memoised vs not.

An installed-base export repeats a few hundred model spellings over up to a million rows, so
the catalogue memoises each (text, vendor). The baseline is the same lookup without the memo,
timed on a 1/20 sample (its cost per value is constant, so the full run is 20 times that).
"""

from __future__ import annotations

import csv
import random
from typing import Any

from bench.harness import Case, Variant
from workbench.importers.equipment_catalogue import shipped_catalogue
from workbench.paths import resource

ROWS = 1_000_000
SAMPLE = 20


def _spellings() -> list[str]:
    """The demo models and their catalogue spellings as exports write them."""
    with resource("demo", "models.csv").open(encoding="utf-8", newline="") as handle:
        demo = list(csv.DictReader(handle))
    out: list[str] = []
    for row in demo:
        code = row["code"]
        out += [code, code.upper(), code.replace(":", " "), f"{row['vendor']} {code}"]
        out += [f"{code} (refurb)", row["name"], f"{code} X"]
    for entry in shipped_catalogue().entries:
        out += [p for p in entry.patterns if not p.startswith("re:") and not p.endswith("*")]
    out += ["XYZ-9000", "Helios", "unknown tool"]
    return out


def _setup() -> Any:
    rng = random.Random(7)
    spellings = _spellings()
    return [rng.choice(spellings) for _ in range(ROWS)]


def memoised(texts: list[str]) -> None:
    lookup = shipped_catalogue().lookup
    for text in texts:
        lookup(text)


def unmemoised_sample(texts: list[str]) -> None:
    lookup = shipped_catalogue()._lookup
    for text in texts[::SAMPLE]:
        lookup(text)


CASES = [
    Case(
        name="catalogue-lookup-1m",
        description=f"resolve {ROWS:,} typed model codes (~400 spellings) via the catalogue",
        setup=_setup,
        candidate=Variant("lookup_model (memoised)", memoised, repeats=3),
        baselines=(Variant(f"no memo, 1/{SAMPLE} sample", unmemoised_sample, repeats=3),),
    ),
]
