"""This matcher, rapidfuzz, rigour and nomenklatura side by side on the evaluation set.

Run:  python -m bench.bench_screening_quality [--split tune|holdout|all] [--nomenklatura-limit N]

Every matcher sees the same cases (tests/data/screening/evaluation_set.csv) and the same
shipped list, and is judged alike: the right entry must be the best candidate at or above
the matcher's threshold; a negative must raise nothing.

- ``index``: ScreeningIndex at DEFAULT_THRESHOLD (set on the tune split).
- ``rapidfuzz``: brute force, token_set_ratio over every list spelling, default_process.
- ``rigour+rapidfuzz``: the same after OpenSanctions' rigour normalises both sides
  (organisation types removed, every script to ASCII by rigour's transliteration).
- ``nomenklatura``: OpenSanctions' logic-v2 matcher (the one behind yente) scoring the
  candidates that the index and rigour+rapidfuzz find (the union of both), since it
  compares pairs and has no index of its own. Its list entities carry the shipped Chinese
  names as aliases, the same data the index gets.

The thresholds of the other matchers are picked as the best on the tune split (most right,
at most 3 % of negatives alerting), so they are not handicapped by a threshold of ours.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.screening import DEFAULT_THRESHOLD, ScreeningIndex  # noqa: E402
from workbench.screening.local_names import shipped_local_names  # noqa: E402
from workbench.screening.quality import LabelledPair, read_labelled_pairs  # noqa: E402
from workbench.screening.reader import read_shipped_list  # noqa: E402
from workbench.screening.variants import entry_spellings  # noqa: E402

EVALUATION = ROOT / "tests" / "data" / "screening" / "evaluation_set.csv"
MAX_NEGATIVE_ALERTS = 0.03

#: (best entry name or None, its score 0..100) for one case.
Guess = tuple[str | None, float]


def judge(pairs: Sequence[LabelledPair], guesses: Sequence[Guess], threshold: float) -> dict:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, (name, score) in zip(pairs, guesses, strict=True):
        flagged = name is not None and score >= threshold
        category = pair.category if pair.expected else "negative (share alerting)"
        rows[category][0] += 1
        if pair.expected:
            rows[category][1] += int(flagged and name in pair.expected)
        else:
            rows[category][1] += int(flagged)
    listed = [r for c, r in rows.items() if not c.startswith("negative")]
    right = sum(r[1] for r in listed) / max(1, sum(r[0] for r in listed))
    negatives = rows.get("negative (share alerting)", [0, 0])
    alerting = negatives[1] / negatives[0] if negatives[0] else 0.0
    worst = min((r[1] / r[0] for r in listed if r[0]), default=0.0)
    return {"rows": dict(rows), "right": right, "alerting": alerting, "worst": worst}


def best_threshold(
    pairs: Sequence[LabelledPair], guesses: Sequence[Guess], grid: Sequence[float]
) -> float:
    """The threshold with most listed names right while at most 3 % of negatives alert."""
    scored = [(judge(pairs, guesses, t), t) for t in grid]
    allowed = [(r["right"], t) for r, t in scored if r["alerting"] <= MAX_NEGATIVE_ALERTS]
    if not allowed:
        return max(grid)
    return max(allowed)[1]


def index_guesses(index: ScreeningIndex, pairs: Sequence[LabelledPair]) -> list[Guess]:
    out: list[Guess] = []
    for pair in pairs:
        found = index.query(pair.query, country=pair.country, limit=1)
        out.append((found[0].entry.name, found[0].score) if found else (None, 0.0))
    return out


def brute_guesses(
    pairs: Sequence[LabelledPair], choices: list[str], owners: list[str], prepare: Callable
) -> list[Guess]:
    processed = [prepare(c) for c in choices]
    out: list[Guess] = []
    for pair in pairs:
        hit = process.extractOne(prepare(pair.query), processed, scorer=fuzz.token_set_ratio)
        out.append((owners[hit[2]], hit[1]) if hit else (None, 0.0))
    return out


def rigour_prepare() -> Callable[[str], str]:
    from rigour.names import remove_org_types
    from rigour.text import ascii_text

    def prepare(text: str) -> str:
        return utils.default_process(ascii_text(remove_org_types(text)))

    return prepare


def nomenklatura_guesses(
    pairs: Sequence[LabelledPair],
    entries: Sequence,
    candidates: list[set[int]],
) -> list[Guess]:
    from followthemoney import model
    from nomenklatura.matching import LogicV2, ScoringConfig

    config = ScoringConfig.defaults()
    local_names = shipped_local_names()
    made: dict[int, object] = {}

    def listed(number: int) -> object:
        if number not in made:
            entry = entries[number]
            proxy = model.make_entity("Organization")
            proxy.id = f"list-{number}"
            proxy.add("name", entry.name)
            for alias in entry.aliases:
                proxy.add("alias", alias)
            for local in local_names.get(entry.name.casefold(), ()):  # same data as ours
                proxy.add("alias", local)
            for country in entry.countries:
                proxy.add("country", country.lower())
            made[number] = proxy
        return made[number]

    out: list[Guess] = []
    for position, (pair, numbers) in enumerate(zip(pairs, candidates, strict=True)):
        query = model.make_entity("Organization")
        query.id = f"query-{position}"  # unique: nomenklatura caches by entity id
        query.add("name", pair.query)
        if pair.country:
            query.add("country", pair.country.lower())
        best: Guess = (None, 0.0)
        for number in sorted(numbers):
            score = LogicV2.compare(query, listed(number), config).score * 100
            if score > best[1]:
                best = (entries[number].name, score)
        out.append(best)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=["tune", "holdout", "all"])
    parser.add_argument("--no-nomenklatura", action="store_true")
    args = parser.parse_args()

    entries = read_shipped_list().entries
    index = ScreeningIndex.build(entries)
    every = read_labelled_pairs(EVALUATION)
    tune = [p for p in every if p.split == "tune"]
    shown = every if args.split == "all" else [p for p in every if p.split == args.split]
    print(f"evaluation set: {len(every)} cases ({len(tune)} tune); showing {args.split}")

    choices, owners, owner_numbers = [], [], []
    for number, entry in enumerate(entries):
        if (entry.entity_type or "").casefold() in ("vessel", "aircraft"):
            continue
        for _, text in entry_spellings(entry):
            choices.append(text)
            owners.append(entry.name)
            owner_numbers.append(number)

    results: dict[str, tuple[float, list[Guess], list[Guess], float]] = {}
    grid = list(range(50, 101, 2))

    start = time.perf_counter()
    ours_tune, ours_shown = index_guesses(index, tune), index_guesses(index, shown)
    results["index"] = (DEFAULT_THRESHOLD, ours_tune, ours_shown, time.perf_counter() - start)

    for label, prepare in (
        ("rapidfuzz", utils.default_process),
        ("rigour+rapidfuzz", rigour_prepare()),
    ):
        start = time.perf_counter()
        on_tune = brute_guesses(tune, choices, owners, prepare)
        on_shown = brute_guesses(shown, choices, owners, prepare)
        elapsed = time.perf_counter() - start
        results[label] = (best_threshold(tune, on_tune, grid), on_tune, on_shown, elapsed)

    if not args.no_nomenklatura:
        number_of = {}
        for number, entry in enumerate(entries):
            number_of.setdefault(entry.name, number)
        prepare = rigour_prepare()
        processed = [prepare(c) for c in choices]

        def candidates(pairs: Sequence[LabelledPair]) -> list[set[int]]:
            out = []
            for pair in pairs:
                found = {
                    number_of[c.entry.name]
                    for c in index.query(pair.query, country=pair.country, limit=25)
                }
                for hit in process.extract(
                    prepare(pair.query), processed, scorer=fuzz.token_set_ratio, limit=10
                ):
                    found.add(owner_numbers[hit[2]])
                out.append(found)
            return out

        start = time.perf_counter()
        on_tune = nomenklatura_guesses(tune, entries, candidates(tune))
        on_shown = nomenklatura_guesses(shown, entries, candidates(shown))
        elapsed = time.perf_counter() - start
        results["nomenklatura logic-v2"] = (
            best_threshold(tune, on_tune, grid),
            on_tune,
            on_shown,
            elapsed,
        )

    judged = {label: judge(shown, r[2], r[0]) for label, r in results.items()}
    categories = sorted({c for j in judged.values() for c in j["rows"]}, key=_order)
    labels = list(results)
    print()
    print(f"{'how the name was written':40s}" + "".join(f"{x:>22s}" for x in labels))
    for category in categories:
        cells = []
        for label in labels:
            total, right = judged[label]["rows"].get(category, [0, 0])
            cells.append(f"{(right / total if total else 0):>16.1%} {total:>4d}")
        print(f"{category:40s}" + "".join(f"{c:>22s}" for c in cells))
    print(f"{'listed names raised right':40s}" + "".join(
        f"{judged[x]['right']:>22.1%}" for x in labels))  # fmt: skip
    print(f"{'worst row':40s}" + "".join(f"{judged[x]['worst']:>22.1%}" for x in labels))
    print(f"{'threshold (best on tune for others)':40s}" + "".join(
        f"{results[x][0]:>22.0f}" for x in labels))  # fmt: skip
    print(f"{'seconds (tune + shown)':40s}" + "".join(
        f"{results[x][3]:>22.1f}" for x in labels))  # fmt: skip


def _order(category: str) -> tuple[int, str]:
    return (1 if category.startswith("negative") else 0, category)


if __name__ == "__main__":
    main()
