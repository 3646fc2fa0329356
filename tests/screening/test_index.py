from __future__ import annotations

import pytest

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.screening import DEFAULT_THRESHOLD, ListEntry, ScreeningIndex


def _entry(key: str, name: str, *aliases: str, countries: tuple[str, ...] = ("CN",)) -> ListEntry:
    return ListEntry(key=key, source="entity_list", name=name, aliases=aliases, countries=countries)


SMIC = _entry(
    "smic",
    "Semiconductor Manufacturing International Corporation",
    "中芯国际集成电路制造有限公司",
)
SMIC_BJ = _entry(
    "bj", "Semiconductor Manufacturing International (Beijing) Corporation", "SMIC Beijing"
)
NEDAYEH = _entry("ned", "Nedayeh Micron Electronics", countries=("IR",))
YMTC = _entry("ymtc", "Yangtze Memory Technologies Co., Ltd.", "YMTC")
# filler that makes "technology", "electronics" and "shenzhen" common words, as in the real list
FILLER = [
    _entry(f"f{i}", f"Shenzhen {word} Technology Electronics Co., Ltd.")
    for i, word in enumerate(["Alpha", "Bravo", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"])
]


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build([SMIC, SMIC_BJ, NEDAYEH, YMTC, *FILLER])


def test_alias_exact_after_normalisation(index: ScreeningIndex) -> None:
    best = index.query("SMIC Beijing", country="CN")[0]
    assert best.entry is SMIC_BJ
    assert best.score == 100
    assert best.matched_name == "SMIC Beijing"
    assert best.explanation == (
        "name 'SMIC Beijing' vs list alias 'SMIC Beijing': same words after normalisation; "
        "country CN agrees"
    )


def test_local_script_alias_matches_list_alias(index: ScreeningIndex) -> None:
    best = index.query("Zhongxin Guoji", aliases=["中芯国际集成电路制造有限公司"], country="CN")[0]
    assert best.entry is SMIC
    assert best.score >= DEFAULT_THRESHOLD
    assert best.query_name == "中芯国际集成电路制造有限公司"
    assert "alias '中芯国际集成电路制造有限公司'" in best.explanation
    # a shortened Chinese name still comes close through its characters
    close = index.query("中芯国际集成电路制造（北京）有限公司")[0]
    assert close.entry is SMIC
    assert close.score >= 75


def test_acronym_of_significant_words(index: ScreeningIndex) -> None:
    best = index.query("SMIC")[0]
    assert best.entry is SMIC
    assert best.score >= DEFAULT_THRESHOLD
    assert "acronym 'SMIC'" in best.explanation


def test_abbreviations_and_word_order(index: ScreeningIndex) -> None:
    best = index.query("Intl. Semiconductor Mfg Corp (Beijing)")[0]
    assert best.entry is SMIC_BJ
    assert best.score == 100
    assert index.query("Memory Technologies Yangtze")[0].entry is YMTC


def test_rare_words_count_more_than_common_ones(index: ScreeningIndex) -> None:
    # shares "Micron" and "Electronics" with Nedayeh, but not the rare "Nedayeh"
    assert all(
        c.score < DEFAULT_THRESHOLD for c in index.query("Micron Memory Japan", country="JP")
    )
    # shares three common words with every filler entry: still far from any of them
    common = index.query("Shenzhen Technology Electronics Kilo")
    assert common and all(c.score < DEFAULT_THRESHOLD for c in common)


def test_country_is_evidence(index: ScreeningIndex) -> None:
    neutral = index.query("Nedayeh Micron")[0]
    agrees = index.query("Nedayeh Micron", country="IR")[0]
    contradicts = index.query("Nedayeh Micron", country="jp")[0]
    assert agrees.score > neutral.score > contradicts.score
    assert "country JP contradicts list (IR)" in contradicts.explanation


def test_misspelt_word_still_matches(index: ScreeningIndex) -> None:
    best = index.query("Yangtse Memory Technologies")[0]
    assert best.entry is YMTC
    assert best.score >= DEFAULT_THRESHOLD
    assert "'yangtse' ~ 'yangtze'" in best.explanation


def test_limit_order_and_nothing_to_match(index: ScreeningIndex) -> None:
    results = index.query("Shenzhen Alpha Technology Electronics", limit=3)
    assert len(results) == 3
    assert results[0].entry.key == "f0"
    assert [c.score for c in results] == sorted((c.score for c in results), reverse=True)
    assert index.query("") == []
    assert index.query("Co., Ltd.") == []
    assert index.query("Zzyzx Qwerty") == []


def test_build_reports_progress_and_can_be_cancelled() -> None:
    seen: list[tuple[int, int]] = []
    ScreeningIndex.build([SMIC, YMTC], progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2, 2)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        ScreeningIndex.build([SMIC], cancel=token)


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("SMIC Beijing", "CN", "Semiconductor Manufacturing International (Beijing) Corporation"),
        ("Huawei Technologies Co., Ltd.", "CN", "HUAWEI TECHNOLOGIES CO., LTD."),
        ("YMTC", "CN", "Yangtze Memory Technologies Co., Ltd."),
    ],
)
def test_real_names_on_the_shipped_list(
    shipped_index: ScreeningIndex, name: str, country: str, expected: str
) -> None:
    best = shipped_index.query(name, country=country)[0]
    assert best.entry.name == expected
    assert best.score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "name", ["Taiwan Semiconductor Manufacturing", "Micron Memory Japan", "TSMC Nanjing"]
)
def test_hard_non_matches_on_the_shipped_list(shipped_index: ScreeningIndex, name: str) -> None:
    assert all(c.score < DEFAULT_THRESHOLD for c in shipped_index.query(name))


def test_initials_need_capitals_and_a_firm() -> None:
    person = ListEntry(
        key="p", source="sdn", name="TORRES ESPINOZA, Ramon Antonio", entity_type="Individual"
    )
    firm = _entry("t", "Tokyo Electron Research Associates")
    index = ScreeningIndex.build([person, firm, *FILLER])
    found = index.query("TERA")
    assert found[0].entry is firm  # the firm's initials, written in capitals
    assert found[0].score >= DEFAULT_THRESHOLD
    assert person not in [c.entry for c in found]  # a person's initials are no acronym
    assert firm not in [c.entry for c in index.query("Tera")]  # a word, not initials


def test_vessels_and_aircraft_are_not_screened_by_default() -> None:
    vessel = ListEntry(key="v", source="sdn", name="ZENITH", entity_type="Vessel")
    skipped = ScreeningIndex.build([vessel, *FILLER]).query("Zenith Technology")
    assert vessel not in [c.entry for c in skipped]
    kept = ScreeningIndex.build([vessel, *FILLER], skip_types=())
    assert kept.query("Zenith Technology")[0].entry is vessel
