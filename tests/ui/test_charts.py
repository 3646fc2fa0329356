from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from workbench.ui.charts import ACCENT, Bar, BarChart, nice_ticks

pytestmark = pytest.mark.ui


@given(st.floats(min_value=0.01, max_value=1e13, allow_nan=False, allow_infinity=False))
def test_ticks_cover_the_maximum_with_even_round_steps(maximum: float) -> None:
    ticks = nice_ticks(maximum)
    assert ticks[0] == 0
    assert ticks[-1] >= maximum * (1 - 1e-9)
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len({round(s / ticks[1], 6) for s in steps}) == 1
    assert 2 <= len(ticks) <= 12


def test_longest_bar_is_drawn_in_the_accent_colour(qtbot: QtBot) -> None:
    chart = BarChart("machines")
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    chart.set_bars([Bar("China", 600), Bar("Taiwan", 150)])
    assert chart.height() == chart.sizeHint().height()
    image = chart.grab().toImage()
    y = chart.BAR_GAP + chart.BAR_HEIGHT // 2 + 2  # middle of the first bar
    row = [QColor(image.pixel(x, y)).name() for x in range(image.width())]
    accent_pixels = row.count(QColor(ACCENT).name())
    second_y = y + chart.BAR_HEIGHT + chart.BAR_GAP
    second = [QColor(image.pixel(x, second_y)).name() for x in range(image.width())]
    # China's bar is four times Taiwan's
    assert accent_pixels > 100
    assert 3.0 < accent_pixels / max(second.count(QColor(ACCENT).name()), 1) < 5.0
    assert chart.bar_at(y) == 0
    assert chart.bar_at(second_y) == 1
