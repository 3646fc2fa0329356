from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.screening.entries import PolicyCategory
from workbench.screening.licensing import parse_footnotes, policy_category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the superscripts as the CSL flattens them, copied from the shipped list
        ("see §§ 734.9(e)1 and 744.11 of the EAR2", ("FN1", "FN2")),
        ("see §§ 734.9(e) 1 and 744.11 of the EAR 2", ("FN1", "FN2")),
        ("(See §734.9(e)1, and §744.11 of the EAR)2.", ("FN1", "FN2")),
        ("(See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)", ("FN3",)),
        ("(See §734.9(g), 3 §746.8(a)(3), and §744.21(b) of the EAR).", ("FN3",)),
        ("(See §§734.9(g)3, 746.8(a)(3), and 744.2l(b) of the EAR)", ("FN3",)),
        ("(See §§ 734.9(e)(2) and 744.11 of the EAR)4", ("FN4",)),
        ("(See §§ 734.9(e)(2) and 744.11 of the EAR) 4", ("FN4",)),
        ("(See §§734.4(a)(9), 734.9(e)(3), and 744.11 of the EAR)5", ("FN5",)),
        # written out by analysts and other publishers
        ("Entity List FN5", ("FN5",)),
        ("fn 4; see footnote 1", ("FN1", "FN4")),
        ("footnotes 4 and 5", ("FN4", "FN5")),
        # no footnote: paragraph numbers and plain citations
        ("For all items subject to the EAR. (See §744.11 of the EAR).", ()),
        ("(See § 744.11 of the EAR). This license requirement may be overcome by License "
         "Exception GOV under § 740.11(b)(2) and (e).", ()),
        ("(See §§ 734.9(g), 746.8(a)(3), and 744.21(b) of the EAR)", ()),
        ("85 FR 83420; 89 FR 96837", ()),
    ],
)  # fmt: skip
def test_footnotes_from_list_text(text: str, expected: tuple[str, ...]) -> None:
    assert parse_footnotes(text) == expected


def test_footnotes_are_collected_over_all_cells_without_repeats() -> None:
    assert parse_footnotes("of the EAR)5", None, "FN5", "footnote 1") == ("FN1", "FN5")


@given(st.integers(min_value=1, max_value=9), st.text(alphabet="abc ;,", max_size=20))
def test_explicit_footnote_is_always_found(number: int, noise: str) -> None:
    assert f"FN{number}" in parse_footnotes(f"{noise} FN{number} {noise}")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("Presumption of denial.", PolicyCategory.PRESUMPTION_OF_DENIAL),
        ("Presumption for denial", PolicyCategory.PRESUMPTION_OF_DENIAL),
        (
            "Presumption of denial for all items to include items described in ECCN 3B001.a.4, "
            ".c, .d, f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994. Case-by-case for items designed "
            "for production of 200mm wafers destined to a 200mm wafer production facility.",
            PolicyCategory.PRESUMPTION_OF_DENIAL,
        ),
        (
            "Policy of denial for all items subject to the EAR apart from food and medicine "
            "designated as EAR99, which will be reviewed on a case-by-case basis.",
            PolicyCategory.POLICY_OF_DENIAL,
        ),
        ("Case-by-case review.", PolicyCategory.CASE_BY_CASE),
        ("casa-by-case review for items necessary", PolicyCategory.CASE_BY_CASE),
        ("Presumption of approval for EAR99 items", PolicyCategory.PRESUMPTION_OF_APPROVAL),
        ("See §§744.11 and 744.23(d) of the EAR", PolicyCategory.SEE_REGULATION),
        ("", None),
        (None, None),
        ("Blocked", None),
    ],
)
def test_policy_category(policy: str | None, expected: PolicyCategory | None) -> None:
    assert policy_category(policy) == expected
