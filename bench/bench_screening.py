"""Screening 10,000 customer names against the shipped list: index vs brute-force rapidfuzz.

Run:  python bench/bench_screening.py [--names 10000] [--brute-sample 200] [--seed 7] [--rounds 10]

The index looks candidates up by rare words and scores only those; brute force scores every
name against every list spelling with rapidfuzz ``process.cdist`` (token_set_ratio, one
worker, like the index). Brute force runs on a sample of the names and is extrapolated
linearly: it is one C++ loop over all pairs, so its cost is proportional to the pairs.
Both are also measured for precision and recall on the labelled set, brute force at the
threshold that suits it best.

The two are timed in alternating rounds (a share of the names by the index, a share of the
sample by brute force, and again), so that a machine shared with other work slows both
alike; the ratio is given on processor time (what each consumed, whatever else ran) and on
wall-clock time.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.screening import DEFAULT_THRESHOLD, ListEntry, ScreeningIndex  # noqa: E402
from workbench.screening.quality import (  # noqa: E402
    LabelledPair,
    evaluate,
    read_labelled_pairs,
)
from workbench.screening.reader import read_shipped_list  # noqa: E402
from workbench.screening.variants import entry_spellings  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "screening" / "labelled_pairs.csv"

_CITIES = [
    "Shanghai",
    "Beijing",
    "Wuxi",
    "Hefei",
    "Dresden",
    "Austin",
    "Hsinchu",
    "Kumamoto",
    "Eindhoven",
    "Singapore",
    "Pyeongtaek",
    "Chandler",
    "Malta",
    "Leixlip",
    "Kiryat Gat",
]
_STEMS = [
    "Aster",
    "Brightway",
    "Coreline",
    "Dynasil",
    "Everon",
    "Fabrix",
    "Gloria",
    "Helion",
    "Innotek",
    "Jadestone",
    "Kronos",
    "Lumina",
    "Microfab",
    "Nanoquest",
    "Optima",
    "Pristine",
    "Quantix",
    "Rivertek",
    "Silicon Valley",
    "Tera",
    "Unimax",
    "Vertex",
    "Wavefront",
    "Xenon",
    "Yotta",
    "Zenith",
]
_TRADES = [
    "Semiconductor",
    "Electronics",
    "Wafer Services",
    "Precision Parts",
    "Vacuum Systems",
    "Photonics",
    "Materials",
    "Memory",
    "Foundry",
    "Microelectronics",
    "Technology",
]
_FORMS = ["Co., Ltd.", "GmbH", "Inc.", "Corp.", "B.V.", "K.K.", "Pte. Ltd.", "LLC", ""]
_SHORT = {"Technology": "Tech", "Technologies": "Tech", "International": "Intl",
          "Manufacturing": "Mfg", "Corporation": "Corp", "Company": "Co",
          "Limited": "Ltd"}  # fmt: skip


def perturb(name: str, rng: random.Random) -> str:
    """A vendor's spelling of a listed name: abbreviated, reordered, retyped, or extended."""
    words = name.replace(",", "").split()
    kind = rng.randrange(6)
    if kind == 0:
        words = [_SHORT.get(w, w) for w in words]
    elif kind == 1 and len(words) > 1:
        rng.shuffle(words)
    elif kind == 2:
        words = [w for w in words if w.rstrip(".") not in ("Co", "Ltd", "Inc", "Corp", "LLC")]
    elif kind == 3:
        long_words = [i for i, w in enumerate(words) if len(w) > 6]
        if long_words:
            i = rng.choice(long_words)
            w = words[i]
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]  # swapped letters
    elif kind == 4:
        words.append(rng.choice(_CITIES))
    else:
        words = [w.upper() for w in words]
    return " ".join(words)


def invented(rng: random.Random) -> str:
    """A customer not on any list, made of the same kind of words listed firms use."""
    parts = [rng.choice(_CITIES) if rng.random() < 0.4 else "", rng.choice(_STEMS),
             rng.choice(_TRADES), rng.choice(_FORMS)]  # fmt: skip
    return " ".join(p for p in parts if p)


def names_to_screen(entries: tuple[ListEntry, ...], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    firms = [e for e in entries if e.entity_type not in ("Individual", "Vessel", "Aircraft")]
    half = count // 2
    listed = [perturb(rng.choice(firms).name, rng) for _ in range(half)]
    return listed + [invented(rng) for _ in range(count - half)]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--brute-sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=10, help="alternating timing rounds")
    args = parser.parse_args()

    start = time.perf_counter()
    snapshot = read_shipped_list()
    read_s = time.perf_counter() - start
    print(f"read shipped list: {len(snapshot.entries):,} entries in {read_s:.2f} s")

    start = time.perf_counter()
    index = ScreeningIndex.build(snapshot.entries)
    build_s = time.perf_counter() - start
    tracemalloc.start()
    ScreeningIndex.build(snapshot.entries)
    _, build_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"build index: {build_s:.2f} s; {build_peak / 2**20:.0f} MB allocated at peak "
        "(tracemalloc, second build)"
    )

    names = names_to_screen(snapshot.entries, args.names, args.seed)
    choices = [text for entry in snapshot.entries for _, text in entry_spellings(entry)]
    processed = [utils.default_process(c) for c in choices]
    sample = names[: args.brute_sample // 2] + names[-(args.brute_sample // 2) :]
    prepared = [utils.default_process(n) for n in sample]
    half = len(names) // 2
    flags = [False] * len(names)  # by position: the first half are the listed names
    index_wall = index_cpu = brute_wall = brute_cpu = 0.0
    for round_number in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for position in range(round_number, len(names), args.rounds):
            candidates = index.query(names[position], limit=5)
            flags[position] = bool(candidates) and candidates[0].score >= DEFAULT_THRESHOLD
        index_wall += time.perf_counter() - wall
        index_cpu += time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        process.cdist(
            prepared[round_number :: args.rounds],
            processed,
            scorer=fuzz.token_set_ratio,
            dtype="uint8",
            workers=1,
        )
        brute_wall += time.perf_counter() - wall
        brute_cpu += time.process_time() - cpu
    listed_flags, invented_flags = sum(flags[:half]), sum(flags[half:])
    print(
        f"index: {len(names):,} names in {index_wall:.2f} s wall, {index_cpu:.2f} s processor "
        f"({index_cpu / len(names) * 1000:.2f} ms/name); at threshold {DEFAULT_THRESHOLD} "
        f"flagged {listed_flags:,} of {half:,} perturbed listed names and "
        f"{invented_flags:,} of {len(names) - half:,} invented names"
    )
    scale = len(names) / len(sample)
    print(
        f"brute force: {len(sample)} names x {len(choices):,} spellings in {brute_wall:.2f} s "
        f"wall, {brute_cpu:.2f} s processor -> {brute_cpu * scale:.1f} s processor for "
        f"{len(names):,} names (extrapolated linearly)"
    )
    print(
        f"ratio brute force / index: {brute_cpu * scale / index_cpu:.1f}x processor time, "
        f"{brute_wall * scale / index_wall:.1f}x wall-clock ({args.rounds} alternating rounds)"
    )
    print(f"peak resident memory of this process: {rss_mb():.0f} MB")

    pairs = read_labelled_pairs(LABELLED)
    report = evaluate(index, pairs)
    print(
        f"labelled set ({len(pairs)} names), index at {report.threshold}: "
        f"precision {report.precision:.3f}, recall {report.recall:.3f} "
        f"(tp {report.true_positives}, fp {report.false_positives}, "
        f"fn {report.false_negatives}, tn {report.true_negatives})"
    )
    for failure in report.failures:
        print(f"  miss: {failure.pair.query!r} -> {failure.predicted!r} ({failure.score})")
    brute_quality(pairs, snapshot.entries, processed)


def brute_quality(
    pairs: list[LabelledPair], entries: tuple[ListEntry, ...], processed: list[str]
) -> None:
    """Brute-force token_set_ratio, top-1, on the labelled set at several thresholds."""
    owner = [entry.name for entry in entries for _ in entry_spellings(entry)]
    best = []
    for pair in pairs:
        hit = process.extractOne(
            utils.default_process(pair.query), processed, scorer=fuzz.token_set_ratio
        )
        best.append((owner[hit[2]], hit[1]) if hit else (None, 0.0))
    for threshold in (80, 85, 90, 95, 100):
        tp = fp = fn = 0
        for pair, (name, score) in zip(pairs, best, strict=True):
            flagged = score >= threshold
            if pair.expected:
                if flagged and name in pair.expected:
                    tp += 1
                else:
                    fn += 1
                    fp += int(flagged)
            elif flagged:
                fp += 1
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"labelled set, brute-force token_set_ratio at {threshold}: "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )


if __name__ == "__main__":
    main()
