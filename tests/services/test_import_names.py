"""Name variants are one customer; near matches are asked about; generated codes are stable."""

from __future__ import annotations

import pytest

from workbench.services.import_names import (
    MAX_CODE,
    generated_code,
    name_key,
    near_matches,
    same_customer_name,
    unique_code,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD"),
        ("SMIC Beijing Corp.", "SMIC Beijing Corporation"),
        ("Infineon Technologies AG", "infineon technologies"),
        ("Hua Hong  Semiconductor Ltd", "Hua Hong Semiconductor Limited"),
        ("ＴＳＭＣ", "TSMC"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert same_customer_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SMIC Beijing", "SMIC Shanghai"),  # another branch
        ("Tianjin University", "Tianjin University of Technology"),
        ("SK hynix", "SK Siltron"),
    ],
)
def test_different_organisations_do_not(a: str, b: str) -> None:
    assert not same_customer_name(a, b)


def test_a_name_of_legal_words_only_keeps_a_key() -> None:
    assert name_key("Co., Ltd.") != ""


def test_generated_codes_are_readable_stable_and_bounded() -> None:
    code = generated_code(["SMIC Beijing Corp.", "Fab B2", "CN"])
    assert code == generated_code(["SMIC BEIJING CORPORATION", "fab b2", "CN"])
    assert code.startswith("SMIC-BEIJING-FAB-B2")
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike"
    long = generated_code([words, "november oscar papa"])
    other = generated_code([words, "november oscar quebec"])
    assert len(long) <= MAX_CODE and len(other) <= MAX_CODE and long != other
    assert generated_code(["中芯国际集成电路制造(北京)有限公司"]).startswith("中芯国际")


def test_unique_code_suffixes_a_taken_code() -> None:
    taken = {"smic"}
    assert unique_code("SMIC", taken) == "SMIC-2"
    assert unique_code("SMIC", taken) == "SMIC-3"
    assert unique_code("YMTC", taken) == "YMTC"


def test_near_matches_ask_and_never_pair_a_name_with_itself() -> None:
    known = {name_key("Semiconductor Manufacturing International Corp"): ("SMIC", "SMIC")}
    found = near_matches(
        ["Semiconductor Manufacturing Internatonal Corp", "Totally Different Fab Ltd"], known
    )
    assert [(m.name, m.candidate_code) for m in found] == [
        ("Semiconductor Manufacturing Internatonal Corp", "SMIC")
    ]
    assert "is 'Semiconductor Manufacturing Internatonal Corp' the stored" in found[0].question
    assert near_matches(["SMIC"], {name_key("SMIC"): ("SMIC", "SMIC")}) == []
