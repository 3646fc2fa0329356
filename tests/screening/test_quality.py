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
