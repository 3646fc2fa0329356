"""Precision and recall of the matcher on a labelled set of names.

A threshold is only meaningful with its error rates next to it, so the tests and the
benchmark measure both on the same labelled pairs: true matches written the way vendors write
them, and hard non-matches that share words with listed parties.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from workbench.screening.entries import ListFormatError
from workbench.screening.index import DEFAULT_THRESHOLD, ScreeningIndex

LABELLED_COLUMNS = ("query_name", "country", "expected", "note")


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """A name as a vendor writes it, and the list entry names it should match (none: no match)."""

    query: str
    country: str | None
    expected: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Outcome:
    pair: LabelledPair
    predicted: str | None  # name of the best entry at or above the threshold
    score: int | None  # its score, or the best score below the threshold
    correct: bool


@dataclass(frozen=True, slots=True)
class QualityReport:
    threshold: int
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    outcomes: tuple[Outcome, ...]

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        listed = self.true_positives + self.false_negatives
        return self.true_positives / listed if listed else 1.0

    @property
    def failures(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.correct)


def read_labelled_pairs(path: Path) -> list[LabelledPair]:
    """The labelled set ``query_name,country,expected,note``; "|" separates alternatives."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in LABELLED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ListFormatError(path, "missing column(s) " + ", ".join(missing), row=1)
        pairs = []
        for row in reader:
            expected = tuple(e.strip() for e in row["expected"].split("|") if e.strip())
            pairs.append(
                LabelledPair(
                    row["query_name"], row["country"].strip() or None, expected, row["note"]
                )
            )
    return pairs


def evaluate(
    index: ScreeningIndex, pairs: list[LabelledPair], threshold: int = DEFAULT_THRESHOLD
) -> QualityReport:
    """Score each pair by the top candidate: flagged when at or above the threshold.

    A listed name counts as found only when the top candidate is one of its expected entries;
    a wrong entry on top is both a false positive and a false negative.
    """
    tp = fp = fn = tn = 0
    outcomes: list[Outcome] = []
    for pair in pairs:
        candidates = index.query(pair.query, country=pair.country, limit=1)
        top = candidates[0] if candidates else None
        flagged = top is not None and top.score >= threshold
        predicted = top.entry.name if flagged and top is not None else None
        if pair.expected:
            correct = predicted in pair.expected
            if correct:
                tp += 1
            else:
                fn += 1
                if flagged:
                    fp += 1
        else:
            correct = not flagged
            if flagged:
                fp += 1
            else:
                tn += 1
        outcomes.append(Outcome(pair, predicted, top.score if top else None, correct))
    return QualityReport(threshold, tp, fp, fn, tn, tuple(outcomes))
