from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from workbench.screening.normalize import is_cjk, normalize


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Semiconductor Mfg. Intl. Corp.", ("semiconductor", "manufacturing", "international")),
        ("SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION Co., Ltd",
         ("semiconductor", "manufacturing", "international")),
        ("Huawei Technologies Cooperatief U.A.", ("huawei", "technology", "cooperatief")),
        ("ASML Netherlands B.V.", ("asml", "netherlands")),
        ("TNK Trading International S. A.", ("tnk", "trading", "international")),
        ("Fujian Jinhua IC Co Ltd", ("fujian", "jinhua", "integrated", "circuit")),
        ("Xi'an Huawei", ("xian", "huawei")),
        ("Xi’an Huawei", ("xian", "huawei")),
        ("ＳＭＩＣ　Ｂｅｉｊｉｎｇ", ("smic", "beijing")),  # full-width forms
        ("Semicon Tech GmbH", ("semiconductor", "technology")),
        ("中芯国际集成电路制造有限公司", ("中芯国际集成电路制造",)),
        ("台湾积体电路制造股份有限公司", ("台湾积体电路制造",)),
        ("東京エレクトロン株式会社", ("東京エレクトロン",)),
        ("(株)東京エレクトロン", ("東京エレクトロン",)),
        ("삼성전자 주식회사", ("삼성전자",)),
        ("Limited", ("limited",)),  # only legal-form words: kept rather than emptied
    ],
)  # fmt: skip
def test_tokens(name: str, tokens: tuple[str, ...]) -> None:
    assert normalize(name).tokens == tokens


def test_acronyms_with_and_without_trailing_legal_form() -> None:
    assert "smic" in normalize("Semiconductor Manufacturing International Corporation").acronyms
    assert "ymtc" in normalize("Yangtze Memory Technologies Co., Ltd.").acronyms
    assert "ymt" not in normalize("Yangtze Memory Technologies").acronyms  # too short
    assert not normalize("中芯国际").acronyms


def test_scripts_are_kept_apart() -> None:
    name = normalize("SMIC中芯国际")
    assert name.tokens == ("smic", "中芯国际")
    assert is_cjk("中芯国际") and not is_cjk("smic") and not is_cjk("")


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@given(st.lists(_word, min_size=1, max_size=6), st.randoms())
def test_word_order_and_case_do_not_change_the_token_set(words: list[str], rng: object) -> None:
    shuffled = list(words)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    a = normalize(" ".join(words))
    b = normalize(", ".join(w.upper() for w in shuffled))
    assert set(a.tokens) == set(b.tokens)


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    # single letters left beside a removed legal form ("B AB C") join up the second time
    assume(once.tokens and all(len(t) > 1 for t in once.tokens))
    assert normalize(once.text).tokens == once.tokens


def test_acronyms_leave_out_bracketed_words_and_qualifiers() -> None:
    tianjin = normalize("Semiconductor Manufacturing International (Tianjin) Corporation")
    assert tianjin.acronyms == {"smic"}
    assert tianjin.words_of("smic") == ("semiconductor", "manufacturing", "international")
    places = frozenset({"tianjin", "shanghai"})
    unbracketed = normalize(
        "Semiconductor Manufacturing International Tianjin Corp", qualifiers=places
    )
    assert "smic" in unbracketed.acronyms and "smit" not in unbracketed.acronyms
    # a place that leads the name is part of its acronym
    assert "smee" in normalize("Shanghai Micro Electronics Equipment", qualifiers=places).acronyms
    assert normalize("Yangtze Memory Technologies Co., Ltd.").words_of("ymtc") == (
        "yangtze",
        "memory",
        "technology",
    )
    assert normalize("Yangtze Memory Technologies").words_of("ymtc") == ()


def test_initialisms_are_capitals_amid_other_words() -> None:
    assert normalize("SMIC Tianjin").initialisms == {"smic"}
    assert normalize("SMIC Beijing B2").initialisms == {"smic", "b2"}
    # all in capitals, nothing tells initials from words; a lone "S" of "S.A." changes nothing
    assert normalize("TRANSPORTES AEREOS S.A.").initialisms == frozenset()
    assert normalize("SMIC").initialisms == frozenset()


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("CETC 13th Research Institute", ("cetc", "13", "research", "institute")),
        ("1st Design Bureau", ("1", "design", "bureau")),
        ("Fab 22nd Street", ("fab", "22", "street")),
        ("4th", ("4",)),
    ],
)
def test_ordinals_are_numbers(name: str, tokens: tuple[str, ...]) -> None:
    assert normalize(name).tokens == tokens


def test_three_letter_initials_are_kept_apart() -> None:
    heu = normalize("Harbin Engineering University")
    assert heu.short_acronyms == {"heu"} and "heu" not in heu.acronyms
    assert heu.words_of("heu") == ("harbin", "engineering", "university")
    assert normalize("Yangtze Memory Technologies Co., Ltd.").short_acronyms == {"ymt"}


def test_bracketed_acronym_and_the_words_it_stands_for() -> None:
    casic = normalize("China Aerospace Science and Industry Corporation (CASIC) 3rd Academy")
    assert casic.bracketed_acronyms == (("casic", ("china", "aerospace", "science", "industry")),)
    # letters may skip a word (CASC: no T for Technology), a legal form may end the run
    casc = normalize("China Aerospace Science and Technology Corporation (CASC) 8th Academy")
    assert casc.bracketed_acronyms[0][0] == "casc"
    cssc = normalize("China State Shipbuilding Corporation, Limited (CSSC) 709th Institute")
    assert cssc.bracketed_acronyms == (("cssc", ("china", "state", "shipbuilding")),)
    # a bracketed place is no acronym of anything
    assert not normalize(
        "Semiconductor Manufacturing International (Tianjin) Corp"
    ).bracketed_acronyms


def test_a_number_ends_the_parents_initials() -> None:
    name = normalize("China Academy of Space Technology 502 Research Institute")
    assert "cast" in name.acronyms
    assert name.words_of("cast") == ("china", "academy", "space", "technology")


def test_compound_words_give_the_initials_of_their_parts_too() -> None:
    name = normalize("Northwestern Polytechnical University")
    assert {"nwpu", "npu"} <= name.acronyms | name.short_acronyms
    assert "nscc" in normalize("National Supercomputing Center").acronyms
    # a word that is no known compound keeps its one initial
    assert "nwpu" not in normalize("Northland Polytechnic University").acronyms


def test_initials_run_into_a_number_are_two_words() -> None:
    assert normalize("CETC48").tokens == normalize("CETC 48").tokens
    assert normalize("NXT2000i").tokens == ("nxt2000i",)  # a model code stays whole
