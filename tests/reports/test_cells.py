"""Formula-like text is neutralised; XML-illegal characters never break a workbook."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.reports.cells import FORMULA_STARTS, clean_text, csv_text, is_formula_like


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_recognised(text: str) -> None:
    assert is_formula_like(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["SMIC", "a=b", " =x", "中芯", ""])
def test_plain_text_is_left_alone(text: str) -> None:
    assert not is_formula_like(text)
    assert csv_text(text) == text


@given(st.text())
def test_csv_text_never_starts_like_a_formula_and_keeps_the_text(text: str) -> None:
    out = csv_text(text)
    assert not out.startswith(FORMULA_STARTS)
    assert out.removeprefix("'") == text or out == text


def test_control_characters_become_a_replacement_mark() -> None:
    assert clean_text("a\x00b\x1fc\td\ne") == "a\ufffdb\ufffdc\td\ne"
