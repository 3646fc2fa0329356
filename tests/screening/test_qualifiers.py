from __future__ import annotations

from workbench.screening.qualifiers import bracket_qualifiers


def test_places_written_in_brackets_are_qualifiers() -> None:
    spellings = [
        "Semiconductor Manufacturing International (Tianjin) Corporation",
        "Huafeng Test & Control Technology (Tianjin) Co., Ltd.",
        "Tianjin Phytium Information Technology",  # leading: not counted against it
        "AccoTest Technology (Hong Kong) Co., Ltd.",
        "Kilo (Hong Kong) Limited",
        "Guowei Group (Shenzhen) Co., Ltd.",  # used once only
        "Huawei Technologies Co., Ltd. (Huawei)",  # trailing: a short name, not a qualifier
        "Huawei Device Co., Ltd. (Huawei)",
        "Alpha (including its subsidiaries in China) Co.",  # a description, too long
        "Bravo (including its subsidiaries in China) Co.",
    ]
    assert bracket_qualifiers(spellings) == {"tianjin", "hong", "kong"}


def test_a_word_mostly_written_inside_names_is_no_qualifier() -> None:
    """'International' is bracketed twice, but stands inside many more names."""
    inside = [f"{word} International Trading" for word in ("Alpha", "Bravo", "Delta", "Echo")]
    bracketed = ["Kilo (International) Holdings", "Lima (International) Holdings"]
    assert bracket_qualifiers(bracketed) == {"international"}
    assert bracket_qualifiers(bracketed + inside * 5) == frozenset()
