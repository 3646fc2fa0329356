from __future__ import annotations

from workbench.screening import ListEntry
from workbench.screening.variants import entry_spellings


def _spellings(name: str, *aliases: str) -> list[tuple[str, str]]:
    return entry_spellings(ListEntry(key="k", source="entity_list", name=name, aliases=aliases))


def test_trailing_brackets_are_a_short_name() -> None:
    assert _spellings(
        "Semiconductor Manufacturing International Corporation (SMIC)", "SMIC Shanghai"
    ) == [
        ("name", "Semiconductor Manufacturing International Corporation"),
        ("short name", "SMIC"),
        ("alias", "SMIC Shanghai"),
    ]


def test_brackets_inside_the_name_stay() -> None:
    name = "Semiconductor Manufacturing International (Beijing) Corporation"
    assert _spellings(name) == [("name", name)]


def test_affiliate_and_subordinate_are_named_alone() -> None:
    assert _spellings(
        "Huawei Technologies Co., Ltd. (Huawei). "
        "Affiliated Entity: Huawei Marine Networks Co., Ltd."
    ) == [("name", "Huawei Marine Networks Co., Ltd.")]
    assert _spellings(
        "China Electronics Technology Group Corporation 13th Research Institute (CETC 13). "
        "Subordinate Institution - Tonghui Electronics"
    ) == [("name", "Tonghui Electronics")]


def test_successor_clause_is_dropped_and_repeats_removed() -> None:
    assert _spellings(
        "Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof",
        "SINOBRIGHT IMPORT AND EXPORT COMPANY",
    ) == [("name", "Sinobright Import and Export Company")]
