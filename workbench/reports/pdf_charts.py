"""Bar charts of the summary, drawn with reportlab.graphics (vector, no image library)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from workbench.reports.fonts import BASE_FONT, BOLD_FONT
from workbench.reports.pdf_layout import INK, MUTED, RULE
from workbench.reports.pdf_styles import ACCENT

MAX_BARS = 15


def _nice_max(value: int) -> int:
    """An axis maximum a reader can follow: 1, 2 or 5 times a power of ten, above ``value``."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value:
            return int(step * magnitude)
    return 10 * magnitude


def _title(drawing: Drawing, text: str, height: float) -> None:
    drawing.add(String(0, height - 11, text, fontName=BOLD_FONT, fontSize=9, fillColor=INK))


def vertical_bars(
    title: str, items: Sequence[tuple[str, int]], width: float, height: float
) -> Drawing:
    """Counts by category left to right (countries, quarters); the longest tail is cut."""
    shown = list(items)[: MAX_BARS * 2]
    drawing = Drawing(width, height)
    _title(drawing, title, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 30
    chart.width, chart.height = int(width - 44), int(height - 54)
    chart.data = [[n for _k, n in shown] or [0]]
    chart.categoryAxis.categoryNames = [k for k, _n in shown] or [""]
    chart.categoryAxis.labels.fontName = BASE_FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45 if len(shown) > 10 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(shown) > 10 else "n"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max((n for _k, n in shown), default=0))
    chart.valueAxis.valueStep = max(chart.valueAxis.valueMax // 5, 1)
    chart.valueAxis.labels.fontName = BASE_FONT
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = "{:,.0f}".format
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = BASE_FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.fillColor = MUTED
    chart.barLabelFormat = "{:,.0f}".format
    chart.barLabels.nudge = 5
    if len(shown) > 12:
        # Labels of many narrow bars overlap; the axis grid is readable enough.
        chart.barLabelFormat = None
    drawing.add(chart)
    return drawing


def horizontal_bars(
    title: str, items: Sequence[tuple[str, int]], width: float, bar_height: float = 11
) -> Drawing:
    """Counts by a long label (rules), largest first, one bar per line."""
    shown = list(items)[:MAX_BARS]
    label_width = 120
    height = 40 + int(bar_height * max(len(shown), 1))
    drawing = Drawing(width, height)
    _title(drawing, title, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 18
    chart.width, chart.height = int(width - label_width - 40), int(height - 36)
    ordered = list(reversed(shown))
    chart.data = [[n for _k, n in ordered] or [0]]
    chart.categoryAxis.categoryNames = [k for k, _n in ordered] or [""]
    chart.categoryAxis.labels.fontName = BASE_FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max((n for _k, n in shown), default=0))
    chart.valueAxis.valueStep = max(chart.valueAxis.valueMax // 5, 1)
    chart.valueAxis.labels.fontName = BASE_FONT
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = "{:,.0f}".format
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = BASE_FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.fillColor = MUTED
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabelFormat = "{:,.0f}".format
    drawing.add(chart)
    return drawing
