from __future__ import annotations

from pathlib import Path

import pytest

from workbench.screening import DEFAULT_THRESHOLD, ListEntry, ListFormatError, ScreeningIndex
from workbench.screening.quality import LabelledPair, evaluate, read_labelled_pairs

LABELLED = Path(__file__).resolve().parent.parent / "data" / "screening" / "labelled_pairs.csv"


def test_labelled_set_is_large_and_balanced() -> None:
    pairs = read_labelled_pairs(LABELLED)
    assert len(pairs) >= 80
    assert sum(1 for p in pairs if p.expected) >= 40
    assert sum(1 for p in pairs if not p.expected) >= 30


@pytest.mark.slow
def test_precision_and_recall_on_the_shipped_list(shipped_index: ScreeningIndex) -> None:
    report = evaluate(shipped_index, read_labelled_pairs(LABELLED), DEFAULT_THRESHOLD)
    failures = [(o.pair.query, o.predicted, o.score) for o in report.failures]
    assert report.precision >= 0.95, failures
    assert report.recall >= 0.95, failures


def test_evaluate_counts_each_kind_of_outcome() -> None:
    index = ScreeningIndex.build(
        [
            ListEntry(key="1", source="entity_list", name="Yangtze Memory Technologies Co., Ltd."),
            ListEntry(key="2", source="entity_list", name="Nedayeh Micron Electronics"),
        ]
    )
    pairs = [
        LabelledPair(
            "Yangtze Memory Technologies", None, ("Yangtze Memory Technologies Co., Ltd.",), ""
        ),
        LabelledPair("Yangtze Memory Technologies", None, ("Nedayeh Micron Electronics",), ""),
        LabelledPair("Micron Memory Japan", None, (), ""),
        LabelledPair("Nedayeh Micron Electronics", None, (), ""),
    ]
    report = evaluate(index, pairs, threshold=80)
    assert (report.true_positives, report.false_positives) == (1, 2)
    assert (report.false_negatives, report.true_negatives) == (1, 1)
    assert report.precision == pytest.approx(1 / 3)
    assert report.recall == pytest.approx(1 / 2)
    assert [o.pair.query for o in report.failures] == [
        "Yangtze Memory Technologies",
        "Nedayeh Micron Electronics",
    ]


def test_labelled_file_needs_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("name,country\nA,CN\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="missing column"):
        read_labelled_pairs(path)
