from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.screening import DEFAULT_THRESHOLD, ListEntry, ScreeningIndex
from workbench.screening.normalize import ABBREVIATIONS, LEGAL_FORMS


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
    # Without the shipped Chinese names: these tests are about the list's own spellings.
    return ScreeningIndex.build([SMIC, SMIC_BJ, NEDAYEH, YMTC, *FILLER], local_names={})


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


# -- causes of the demo book's false potential matches (issue 6) ---------------------------

SMIC_TJ = _entry(
    "tj", "Semiconductor Manufacturing International (Tianjin) Corporation", "SMIC Tianjin"
)
SMIC_SZ = _entry(
    "sz", "Semiconductor Manufacturing International (Shenzhen) Corporation", "SMIC Shenzhen"
)
SMIT = _entry("smit", "Guowei Group (Shenzhen) Co., Ltd.", "Guowei Group", "SMIT Group")
HUALI_BANK = ListEntry(
    key="hana",
    source="sdn",
    name="HANA BANKING CORPORATION LTD",
    aliases=("HUALI BANK", "HWARYO BANK"),
    countries=("KP", "CN"),
    entity_type="Entity",
)
HONG = ListEntry(
    key="hong", source="sdn", name="HONG, Jinhua", countries=("CN",), entity_type="Individual"
)
JINHUA = _entry("jhicc", "Fujian Jinhua Integrated Circuit Company, Ltd.", "JHICC")
JHICCS = _entry("jhiccs", "JHICCS Electronics Co., Ltd.")
# filler in which places, "group", "bank" and "electronics" are words as common as in the
# real list, and places are written in brackets as the list writes them
FILLER_GROUP = [
    _entry(f"g{i}", f"{word} ({city}) {trade} Co., Ltd.")
    for i, (word, city, trade) in enumerate(
        [
            ("Kilo", "Beijing", "Group"),
            ("Lima", "Shenzhen", "Electronics"),
            ("Mike", "Tianjin", "Bank"),
            ("November", "Shanghai", "Group"),
            ("Oscar", "Beijing", "Electronics"),
            ("Papa", "Shenzhen", "Bank"),
            ("Quebec", "Wuhan", "Group"),
            ("Romeo", "Hefei", "Electronics"),
        ]
    )
]


@pytest.fixture(scope="module")
def group_index() -> ScreeningIndex:
    return ScreeningIndex.build(
        [
            SMIC,
            SMIC_BJ,
            SMIC_TJ,
            SMIC_SZ,
            SMIT,
            HUALI_BANK,
            HONG,
            JINHUA,
            JHICCS,
            YMTC,
            *FILLER_GROUP,
        ]
    )


def _score_of(
    index: ScreeningIndex, entry: ListEntry, name: str, country: str | None = None
) -> int:
    """The score of one entry for the name, 0 when it is not among the candidates."""
    found = [c for c in index.query(name, country=country, limit=25) if c.entry is entry]
    return found[0].score if found else 0


def test_a_person_is_no_match_for_a_firm_on_a_shared_given_name(
    group_index: ScreeningIndex,
) -> None:
    """'Jinhua' (Fujian Jinhua's short name) shares one word with the person HONG, Jinhua."""
    assert _score_of(group_index, HONG, "Jinhua", country="CN") < DEFAULT_THRESHOLD
    best = group_index.query("Fujian Jinhua Integrated Circuit", aliases=["Jinhua"])
    assert best[0].entry is JINHUA
    assert HONG not in [c.entry for c in best if c.score >= DEFAULT_THRESHOLD]
    # a firm named after the whole person is still raised, below an exact firm match
    named = [c for c in group_index.query("Hong Jinhua Trading", country="CN") if c.entry is HONG]
    assert named and DEFAULT_THRESHOLD <= named[0].score < 100
    assert "list entry is a person, whole name shared" in named[0].explanation


def test_one_word_alias_is_not_a_longer_list_name(group_index: ScreeningIndex) -> None:
    """The alias 'Huali' is one word of the bank's alias 'HUALI BANK': the rest is missing."""
    assert _score_of(group_index, HUALI_BANK, "Huali", country="CN") < DEFAULT_THRESHOLD
    assert _score_of(group_index, HUALI_BANK, "Huali Bank", country="CN") == 100
    # the other way round, the customer's extra word is its site and costs less
    site = group_index.query("SMIC Shenzhen Fab 2", country="CN")[0]
    assert site.entry is SMIC_SZ and site.score >= DEFAULT_THRESHOLD


def test_parent_is_not_its_subsidiary_nor_a_sibling(group_index: ScreeningIndex) -> None:
    parent = "Semiconductor Manufacturing International Corporation"
    for subsidiary in (SMIC_BJ, SMIC_TJ, SMIC_SZ):
        assert _score_of(group_index, subsidiary, parent, country="CN") < DEFAULT_THRESHOLD
    beijing = "Semiconductor Manufacturing International (Beijing) Corporation"
    assert _score_of(group_index, SMIC_SZ, beijing, country="CN") < DEFAULT_THRESHOLD
    # the subsidiary's name holds the parent's whole name: that is raised for review
    assert _score_of(group_index, SMIC, beijing, country="CN") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "name",
    [
        "Semiconductor Manufacturing International (Tianjin) Corporation",
        "Semiconductor Manufacturing International Tianjin Corp",  # place without brackets
        "SMIC Tianjin",
    ],
)
def test_a_place_is_no_letter_of_an_acronym(group_index: ScreeningIndex, name: str) -> None:
    """SMIC Tianjin's initials are SMIC, so the list's 'SMIT Group' is another firm."""
    assert _score_of(group_index, SMIT, name, country="CN") < DEFAULT_THRESHOLD
    assert group_index.query(name, country="CN")[0].entry is SMIC_TJ


def test_acronym_expands_to_its_own_words_only(group_index: ScreeningIndex) -> None:
    """'SMIC' stands for three words; the Beijing subsidiary's 'Beijing' stays unmatched."""
    best = group_index.query("SMIC", country="CN")
    assert best[0].entry is SMIC
    assert _score_of(group_index, SMIC_BJ, "SMIC", country="CN") < DEFAULT_THRESHOLD


def test_initials_are_compared_letter_for_letter(group_index: ScreeningIndex) -> None:
    """'JHICC' is within one letter of 'JHICCS', but initials are not words: no fuzzy match."""
    assert _score_of(group_index, JHICCS, "JHICC Electronics", country="CN") < DEFAULT_THRESHOLD
    assert _score_of(group_index, JHICCS, "JHICCS Electronics", country="CN") >= DEFAULT_THRESHOLD
    # a name written all in capitals has no telling initials: its misspelt words still count
    shouted = group_index.query("YANGTSE MEMORY TECHNOLOGIES S. A.", country="CN")[0]
    assert shouted.entry is YMTC and shouted.score >= DEFAULT_THRESHOLD


def test_a_list_entry_without_country_weighs_less() -> None:
    stateless = ListEntry(key="n", source="isn", name="Nedayeh Micron Electronics")
    index = ScreeningIndex.build([stateless, NEDAYEH, *FILLER])
    unknown = _score_of(index, stateless, "Nedayeh Micron")
    missing = [c for c in index.query("Nedayeh Micron", country="IR") if c.entry is stateless]
    agrees = _score_of(index, NEDAYEH, "Nedayeh Micron", country="IR")
    assert agrees > unknown > missing[0].score
    assert "list gives no country" in missing[0].explanation


_rare_word = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=5, max_size=9).filter(
    lambda w: w not in LEGAL_FORMS and w not in ABBREVIATIONS
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_rare_word, min_size=1, max_size=4, unique=True), _rare_word)
def test_a_word_only_the_list_has_costs_more_than_one_only_the_name_has(
    words: list[str], extra: str
) -> None:
    everything = [*words, extra]
    assume(extra not in words)
    assume(all(fuzz.ratio(a, b) < 80 for a in everything for b in everything if a != b))
    longer_list = ScreeningIndex.build([_entry("l", " ".join(everything)), *FILLER])
    longer_name = ScreeningIndex.build([_entry("l", " ".join(words)), *FILLER])
    list_has_more = longer_list.query(" ".join(words))[0].score
    name_has_more = longer_name.query(" ".join(everything))[0].score
    assert list_has_more < name_has_more
    assert list_has_more < DEFAULT_THRESHOLD


HEU = _entry("heu", "Harbin Engineering University")
HEAVY = _entry("hea", "Hubei Eastern Utilities Trading Co., Ltd.", countries=("RU",))
TJU = _entry("tju", "Tianjin University")
SUZHOU = _entry("szu", "Suzhou Ultranano Optics Co., Ltd.", "Suzhou Ultranano")
ASE = _entry("ase", "Asre Sanat Eshragh Company", "ASE Co.", countries=("IR",))
CASIC = _entry("casic", "China Aerospace Science and Industry Corporation Limited")
CASIC_3 = _entry("casic3", "China Aerospace Science and Industry Corporation (CASIC) 3rd Academy")
CSSC = _entry("cssc", "China State Shipbuilding Corporation Limited")
CSSC_709 = _entry(
    "cssc709", "China State Shipbuilding Corporation, Limited (CSSC) 709th Research Institute"
)
CAST_502 = _entry("cast502", "China Academy of Space Technology 502 Research Institute")
CHANGJI = _entry("cetx", "Changji Esquel Textile Co. Ltd")


@pytest.fixture(scope="module")
def initials_index() -> ScreeningIndex:
    return ScreeningIndex.build(
        [HEU, HEAVY, TJU, SUZHOU, ASE, CASIC, CASIC_3, CSSC, CSSC_709, CAST_502, CHANGJI,
         *FILLER],
        local_names={},
    )  # fmt: skip


def test_three_letter_initials_need_the_country(initials_index: ScreeningIndex) -> None:
    """HEU is Harbin Engineering University, but three letters alone are weak evidence."""
    with_country = initials_index.query("HEU", country="CN")[0]
    assert with_country.entry is HEU and with_country.score >= DEFAULT_THRESHOLD
    assert "acronym 'HEU'" in with_country.explanation
    assert initials_index.query("HEU")[0].score < DEFAULT_THRESHOLD
    # the same letters written in lower case are a word, not initials
    assert not [c for c in initials_index.query("Heu", country="CN") if c.entry is HEU]
    # a place and the initials together: no country needed
    assert initials_index.query("HEU Harbin")[0].entry is HEU


def test_a_university_goes_by_its_place_syllables(initials_index: ScreeningIndex) -> None:
    best = initials_index.query("TJU", country="CN")[0]
    assert best.entry is TJU and best.score >= DEFAULT_THRESHOLD
    # a firm of a place and one word does not: "Suzhou Ultranano" is no SZU
    assert all(c.entry is not SUZHOU for c in initials_index.query("SZU", country="CN"))


def test_a_three_letter_alias_is_the_name_it_says(initials_index: ScreeningIndex) -> None:
    """Written as the list writes it, a name of three letters is no weaker than any other."""
    assert initials_index.query("ASE", country="IR")[0].score == 100
    assert initials_index.query("ASE Co.")[0].score == 100


def test_initials_written_beside_their_words_cost_nothing(
    initials_index: ScreeningIndex,
) -> None:
    best = initials_index.query("Harbin Engineering University (HEU)")[0]
    assert best.entry is HEU and best.score == 100


def test_bracketed_acronym_says_what_its_words_say(initials_index: ScreeningIndex) -> None:
    best = initials_index.query("CASIC 3rd Academy", country="CN")
    assert best[0].entry is CASIC_3 and best[0].score == 100
    assert best[1].entry is CASIC  # the parent comes next
    spelt = initials_index.query(
        "China Aerospace Science and Industry Corporation 3rd Academy", country="CN"
    )[0]
    assert spelt.entry is CASIC_3 and spelt.score == 100


def test_initials_and_number_name_a_numbered_unit(initials_index: ScreeningIndex) -> None:
    """CSSC 709 is CSSC's 709th Research Institute; the parent is not the unit."""
    found = initials_index.query("CSSC 709", country="CN")
    assert found[0].entry is CSSC_709 and found[0].score >= DEFAULT_THRESHOLD
    parent = next(c for c in found if c.entry is CSSC)
    assert parent.score < DEFAULT_THRESHOLD
    # the initials of the words before a number: CAST, its institute 502
    cast = initials_index.query("CAST 502", country="CN")[0]
    assert cast.entry is CAST_502 and cast.score >= DEFAULT_THRESHOLD
    # a firm that merely has the initials does not contain the numbered unit
    assert all(
        c.score < DEFAULT_THRESHOLD
        for c in initials_index.query("CSSC 702 Trading", country="CN")
        if c.entry is CSSC
    )


def test_a_name_with_its_own_bracketed_acronym(initials_index: ScreeningIndex) -> None:
    """The customer's name may write the acronym in brackets too, before or after a unit."""
    unit = "China Aerospace Science and Industry Corporation (CASIC) 3rd Academy"
    assert initials_index.query(unit, country="CN")[0].entry is CASIC_3
    longer = initials_index.query(unit + " 31 Research Institute", country="CN")[0]
    assert longer.entry is CASIC_3  # the unit's unit: its parent academy is the listed one
    assert initials_index.query("China State Shipbuilding Corporation (CSSC)")[0].entry is CSSC


def test_a_bracketed_acronym_alone_does_not_vouch_for_the_words(
    initials_index: ScreeningIndex,
) -> None:
    """Initials equal to a list alias are not the alias' party when the words differ."""
    found = initials_index.query("Advanced Semiconductor Engineering (ASE)", country="IR")
    assert all(c.score < DEFAULT_THRESHOLD for c in found if c.entry is ASE)
    # nor does the parent's acronym alone make the unit
    assert initials_index.query("CASIC", country="CN")[0].entry is not CASIC_3


def test_initials_of_several_parties_need_the_country() -> None:
    """ASML are the initials of three listed ship managers: none is meant by ASML alone."""
    managers = [
        _entry("m1", "Almanac Ship Management LLC", countries=("AE",)),
        _entry("m2", "Atlantic Ship Management LLC", countries=("AE",)),
        _entry("m3", "Aayat Ship Management Ltd", countries=("IN",)),
    ]
    index = ScreeningIndex.build([*managers, *FILLER], local_names={})
    alone = index.query("ASML")[0]
    assert alone.score < DEFAULT_THRESHOLD
    assert "initials shared by 3 listed parties" in alone.explanation
    with_country = index.query("ASML", country="AE")[0]
    assert with_country.entry in managers[:2] and with_country.score >= DEFAULT_THRESHOLD
    # one party alone with those initials is meant, country or not
    single = ScreeningIndex.build([managers[0], *FILLER], local_names={})
    assert single.query("ASML")[0].score >= DEFAULT_THRESHOLD


def test_a_three_letter_name_in_another_country_is_another_party(
    initials_index: ScreeningIndex,
) -> None:
    assert initials_index.query("ASE", country="TW")[0].score < DEFAULT_THRESHOLD
    longer = initials_index.query("Asre Sanat Eshragh", country="TW")[0]
    assert longer.entry is ASE and longer.score >= DEFAULT_THRESHOLD  # a full name is more


@pytest.mark.parametrize(
    ("name", "expected"),
    [("NSCC Jinan", "Jinan"), ("NWPU", "Northwestern Polytechnical")],
)
def test_compound_initials_find_the_listed_party(
    shipped_index: ScreeningIndex, name: str, expected: str
) -> None:
    best = shipped_index.query(name, country="CN")[0]
    assert best.score >= DEFAULT_THRESHOLD
    assert expected in best.entry.name


def test_a_unit_number_is_no_typo_and_may_be_run_into_its_initials(
    shipped_index: ScreeningIndex,
) -> None:
    # "cetc48" once scored 98 against CETC's institute No. 28 (one character apart)
    for name in ("cetc48", "CETC48", "CETC 48"):
        best = shipped_index.query(name, country="CN")[0]
        assert "48th" in best.entry.name, (name, best.entry.name)
        assert best.score >= DEFAULT_THRESHOLD
