"""Precision and recall of the matcher on a labelled set of names.

A threshold is only meaningful with its error rates next to it, so the tests and the
benchmark measure both on the same labelled pairs: true matches written the way vendors write
them, and hard non-matches that share words with listed parties. A name that rightly matches
one entry can still wrongly match others (the parent SMIC is not its Beijing subsidiary), so a
row may also name entries that must stay below the threshold for it: each is one more hard
non-match.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from workbench.screening.entries import ListFormatError
from workbench.screening.index import DEFAULT_THRESHOLD, ScreeningIndex

LABELLED_COLUMNS = ("query_name", "country", "expected", "note")
#: Optional column: entries that must not be flagged for the name, "|" between them.
REJECTED_COLUMN = "rejected"
#: Optional columns of the evaluation set: the way the name was written, and whether the
#: matcher was tuned on the case ("tune") or never looked at it ("holdout").
CATEGORY_COLUMN = "category"
SPLIT_COLUMN = "split"
#: How far down the candidates a rejected entry is looked for: as many as screening keeps.
REJECTED_DEPTH = 20


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """A name as a vendor writes it, and the list entry names it should match (none: no match)."""

    query: str
    country: str | None
    expected: tuple[str, ...]
    note: str
    rejected: tuple[str, ...] = ()
    category: str = ""
    split: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    pair: LabelledPair
    predicted: str | None  # name of the best entry at or above the threshold
    score: int | None  # its score, or the best score below the threshold
    correct: bool
    rejected_flagged: tuple[str, ...] = ()  # rejected entries at or above the threshold


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
    """The labelled set ``query_name,country,expected,note[,rejected]``.

    "|" separates alternatives in ``expected`` and entries in ``rejected``.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in LABELLED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ListFormatError(path, "missing column(s) " + ", ".join(missing), row=1)
        pairs = []
        for row in reader:
            pairs.append(
                LabelledPair(
                    row["query_name"],
                    row["country"].strip() or None,
                    _names(row["expected"]),
                    row["note"],
                    _names(row.get(REJECTED_COLUMN) or ""),
                    (row.get(CATEGORY_COLUMN) or "").strip(),
                    (row.get(SPLIT_COLUMN) or "").strip(),
                )
            )
    return pairs


def _names(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name.strip() for name in cell.split("|") if name.strip()))


def evaluate(
    index: ScreeningIndex, pairs: list[LabelledPair], threshold: int = DEFAULT_THRESHOLD
) -> QualityReport:
    """Score each pair by the top candidate: flagged when at or above the threshold.

    A listed name counts as found only when the top candidate is one of its expected entries;
    a wrong entry on top is both a false positive and a false negative. Each rejected entry
    of a pair is a hard non-match of its own: a false positive when any of the name's
    candidates for it reaches the threshold, else a true negative.
    """
    tp = fp = fn = tn = 0
    outcomes: list[Outcome] = []
    for pair in pairs:
        candidates = index.query(pair.query, country=pair.country, limit=REJECTED_DEPTH)
        rejected_flagged = tuple(
            dict.fromkeys(
                c.entry.name
                for c in candidates
                if c.entry.name in pair.rejected and c.score >= threshold
            )
        )
        fp += len(rejected_flagged)
        tn += len(pair.rejected) - len(rejected_flagged)
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
        outcomes.append(
            Outcome(
                pair,
                predicted,
                top.score if top else None,
                correct and not rejected_flagged,
                rejected_flagged,
            )
        )
    return QualityReport(threshold, tp, fp, fn, tn, tuple(outcomes))


@dataclass(frozen=True, slots=True)
class CategoryFigure:
    """How one way of writing names fared: listed names raised right, or negatives alerting."""

    category: str
    cases: int
    right: int  # listed: the right entry on top at or above the threshold; negative: no alert
    listed: bool

    @property
    def rate(self) -> float:
        """Share raised right (listed names) or share alerting (negatives)."""
        if not self.cases:
            return 0.0
        return self.right / self.cases if self.listed else 1 - self.right / self.cases


def by_category(report: QualityReport) -> list[CategoryFigure]:
    """Figures per category, in the order categories first appear; negatives last."""
    totals: dict[tuple[str, bool], list[int]] = {}
    for outcome in report.outcomes:
        listed = bool(outcome.pair.expected)
        figure = totals.setdefault((outcome.pair.category or "uncategorised", listed), [0, 0])
        figure[0] += 1
        if listed:
            figure[1] += int(outcome.predicted in outcome.pair.expected)
        else:
            figure[1] += int(outcome.predicted is None)
    figures = [CategoryFigure(c, n, r, listed) for (c, listed), (n, r) in totals.items()]
    return sorted(figures, key=lambda f: not f.listed)


def recall_of_listed(report: QualityReport) -> float:
    """Share of listed names whose right entry is raised (top candidate, at the threshold)."""
    listed = [o for o in report.outcomes if o.pair.expected]
    right = sum(1 for o in listed if o.predicted in o.pair.expected)
    return right / len(listed) if listed else 1.0


def negative_alert_rate(report: QualityReport) -> float:
    """Share of names that are not listed for which screening raises any alert."""
    negatives = [o for o in report.outcomes if not o.pair.expected]
    alerts = sum(1 for o in negatives if o.predicted is not None)
    return alerts / len(negatives) if negatives else 0.0
