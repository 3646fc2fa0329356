from __future__ import annotations

from pathlib import Path

import pytest

from workbench.screening import DEFAULT_THRESHOLD, ListEntry, ListFormatError, ScreeningIndex
from workbench.screening.quality import (
    LabelledPair,
    by_category,
    evaluate,
    negative_alert_rate,
    read_labelled_pairs,
    recall_of_listed,
)

LABELLED = Path(__file__).resolve().parent.parent / "data" / "screening" / "labelled_pairs.csv"


def test_labelled_set_is_large_and_balanced() -> None:
    pairs = read_labelled_pairs(LABELLED)
    assert len(pairs) >= 80
    assert sum(1 for p in pairs if p.expected) >= 40
    assert sum(1 for p in pairs if not p.expected) >= 30
    assert sum(len(p.rejected) for p in pairs) >= 30


def test_demo_book_false_matches_are_labelled() -> None:
    """The pairs an analyst found absurd in the demo book stay in the set as non-matches."""
    rejected = {(p.query, name) for p in read_labelled_pairs(LABELLED) for name in p.rejected}
    assert ("Huali", "HANA BANKING CORPORATION LTD") in rejected
    assert ("Jinhua", "HONG, Jinhua") in rejected
    assert (
        "Semiconductor Manufacturing International (Tianjin) Corporation",
        "Guowei Group (Shenzhen) Co., Ltd.",
    ) in rejected


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


def test_rejected_entries_are_hard_non_matches_of_their_own() -> None:
    acme = ListEntry(key="1", source="entity_list", name="Acme Semiconductor Holdings")
    twin = ListEntry(key="2", source="sdn", name="Acme Semiconductor Holdings Ltd")
    zenith = ListEntry(key="3", source="entity_list", name="Zenith Photonics")
    index = ScreeningIndex.build([acme, twin, zenith])
    pairs = [
        LabelledPair(acme.name, None, (acme.name,), "", (twin.name,)),
        LabelledPair(zenith.name, None, (zenith.name,), "", (twin.name, "Not In The Index")),
    ]
    report = evaluate(index, pairs, threshold=80)
    assert (report.true_positives, report.false_negatives) == (2, 0)
    assert (report.false_positives, report.true_negatives) == (1, 2)
    assert [(o.pair.query, o.predicted, o.rejected_flagged) for o in report.failures] == [
        (acme.name, acme.name, (twin.name,))
    ]


def test_rejected_column_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("query_name,country,expected,note\nSMIC,CN,A|B,short\n", encoding="utf-8")
    assert read_labelled_pairs(path) == [LabelledPair("SMIC", "CN", ("A", "B"), "short")]
    path.write_text(
        "query_name,country,expected,note,rejected\nHuali,,,bank,X| Y |X\n", encoding="utf-8"
    )
    assert read_labelled_pairs(path) == [LabelledPair("Huali", None, (), "bank", ("X", "Y"))]


def test_labelled_file_needs_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("name,country\nA,CN\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="missing column"):
        read_labelled_pairs(path)


EVALUATION = LABELLED.parent / "evaluation_set.csv"
#: The figures the README states; the test fails below them. Held-out cases were never
#: looked at while the matcher was tuned, so their floor sits a little lower.
FLOORS = {
    "tune": {"recall": 0.98, "negatives": 0.015, "row": 0.95},
    "holdout": {"recall": 0.97, "negatives": 0.03, "row": 0.90},
}


def test_evaluation_set_is_large_split_and_categorised() -> None:
    pairs = read_labelled_pairs(EVALUATION)
    assert len(pairs) >= 600
    assert {p.split for p in pairs} == {"tune", "holdout"}
    holdout = [p for p in pairs if p.split == "holdout"]
    assert len(holdout) >= 300
    categories = {p.category for p in pairs}
    assert {"Chinese characters", "pinyin", "acronym", "one typo", "two typos"} <= categories
    assert {"old romanisation or split syllables", "negative"} <= categories
    assert sum(1 for p in pairs if not p.expected) >= 200
    # the old labelled set is not part of it; only names anyone writes alike ("SMIC
    # Beijing", "YMTC", "KLA Corporation", initials such as "TSMC" or "CETC 38") are in both
    old = {p.query for p in read_labelled_pairs(LABELLED)}
    assert len(old & {p.query for p in pairs}) <= 20


@pytest.mark.slow
@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_evaluation_set_figures(shipped_index: ScreeningIndex, split: str) -> None:
    pairs = [p for p in read_labelled_pairs(EVALUATION) if p.split == split]
    report = evaluate(shipped_index, pairs, DEFAULT_THRESHOLD)
    floors = FLOORS[split]
    failures = [(o.pair.query, o.predicted, o.score) for o in report.failures]
    assert recall_of_listed(report) >= floors["recall"], failures
    assert negative_alert_rate(report) <= floors["negatives"], failures
    for figure in by_category(report):
        if figure.listed:
            assert figure.rate >= floors["row"], (figure, failures)


def test_by_category_counts_listed_and_negatives_apart() -> None:
    index = ScreeningIndex.build(
        [ListEntry(key="1", source="entity_list", name="Yangtze Memory Technologies Co., Ltd.")],
        local_names={},
    )
    pairs = [
        LabelledPair(
            "Yangtze Memory Technologies",
            None,
            ("Yangtze Memory Technologies Co., Ltd.",),
            "",
            (),
            "typo",
        ),
        LabelledPair(
            "Zenith Photonics", None, ("Yangtze Memory Technologies Co., Ltd.",), "", (), "typo"
        ),
        LabelledPair("Yangtze Memory Technologies Ltd", None, (), "", (), "negative"),
        LabelledPair("Acme Tools", None, (), "", (), "negative"),
    ]
    report = evaluate(index, pairs, threshold=80)
    figures = {(f.category, f.listed): f for f in by_category(report)}
    assert (figures["typo", True].cases, figures["typo", True].right) == (2, 1)
    assert figures["typo", True].rate == pytest.approx(0.5)
    assert figures["negative", False].rate == pytest.approx(0.5)  # half the negatives alert
    assert recall_of_listed(report) == pytest.approx(0.5)
    assert negative_alert_rate(report) == pytest.approx(0.5)
