"""A horizontal bar chart drawn with QPainter (PySide6-Essentials ships no QtCharts).

Horizontal bars because the labels are long (country names, "Chemical vapour deposition") and
read best left of the bar; a value axis with round ticks and grid lines, the value at each bar's
end, and an optional colour per bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from workbench.ui.formatting import format_compact

ACCENT = "#2f6fad"
GRID = "#e3e7ec"
AXIS_TEXT = "#6b7683"
LABEL_TEXT = "#2b333d"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str | None = None
    tooltip: str = ""


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (1, 2, 2.5 or 5 times a power of ten)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < maximum - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


class BarChart(QWidget):
    """Set bars with :meth:`set_bars`; the widget sizes itself to the number of bars."""

    BAR_HEIGHT = 17
    BAR_GAP = 6

    def __init__(
        self,
        axis_title: str = "",
        value_text: Callable[[float], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self._bars: list[Bar] = []
        self._axis_title = axis_title
        self._value_text = value_text or (lambda v: f"{v:,.0f}")
        #: Said instead of an empty 0..1 axis when there is nothing to draw.
        self.empty_text = self.tr("No data yet")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    @property
    def has_data(self) -> bool:
        """False with no bars or only zero bars: an axis would show nothing but 0..1."""
        return any(b.value for b in self._bars)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = list(bars)
        # A screen reader cannot read a painted chart: the bars are its description.
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {self._value_text(b.value)}" for b in self._bars)
            if self.has_data
            else self.empty_text
        )
        self.setMinimumHeight(self.sizeHint().height())
        self.setMaximumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        if not self.has_data:
            return QSize(420, QFontMetrics(self.font()).height() * 3)
        rows = max(len(self._bars), 1)
        axis = QFontMetrics(self.font()).height() * 2 + 10
        return QSize(420, 8 + rows * (self.BAR_HEIGHT + self.BAR_GAP) + axis)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def _label_width(self, metrics: QFontMetrics) -> int:
        widest = max((metrics.horizontalAdvance(b.label) for b in self._bars), default=40)
        return min(widest + 12, max(int(self.width() * 0.5), 80))

    def bar_at(self, y: float) -> int | None:
        """Index of the bar drawn at height ``y`` (for tooltips)."""
        step = self.BAR_HEIGHT + self.BAR_GAP
        index = int((y - 8) // step)
        return index if 0 <= index < len(self._bars) else None

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            index = self.bar_at(event.pos().y())
            if index is not None:
                bar = self._bars[index]
                QToolTip.showText(
                    event.globalPos(), bar.tooltip or f"{bar.label}: {self._value_text(bar.value)}"
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.has_data:
            painter.setPen(QColor(AXIS_TEXT))
            painter.drawText(
                QRectF(self.rect()),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.empty_text,
            )
            painter.end()
            return
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1, 7))
        small_metrics = QFontMetrics(small)

        label_w = self._label_width(metrics)
        values = [b.value for b in self._bars]
        value_w = max((metrics.horizontalAdvance(self._value_text(v)) for v in values), default=30)
        left = label_w + 8
        right = self.width() - value_w - 14
        top = 8
        step = self.BAR_HEIGHT + self.BAR_GAP
        plot_bottom = top + max(len(self._bars), 1) * step - self.BAR_GAP // 2
        width = max(right - left, 10)
        ticks = nice_ticks(max(values, default=0))
        scale = width / ticks[-1] if ticks[-1] else 0

        # grid and tick labels
        painter.setFont(small)
        for tick in ticks:
            x = left + tick * scale
            painter.setPen(QPen(QColor(GRID), 1))
            painter.drawLine(int(x), top - 2, int(x), int(plot_bottom))
            painter.setPen(QColor(AXIS_TEXT))
            text = format_compact(tick)
            tw = small_metrics.horizontalAdvance(text)
            painter.drawText(int(x - tw / 2), int(plot_bottom + small_metrics.ascent() + 4), text)
        if self._axis_title:
            painter.drawText(
                QRectF(
                    left,
                    plot_bottom + small_metrics.height() + 6,
                    width,
                    small_metrics.height() + 2,
                ),
                int(Qt.AlignmentFlag.AlignHCenter),
                self._axis_title,
            )

        # bars, labels, values
        painter.setFont(font)
        for i, bar in enumerate(self._bars):
            y = top + i * step
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 4)
            painter.setPen(QColor(LABEL_TEXT))
            painter.drawText(
                QRectF(0, y, label_w, self.BAR_HEIGHT),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            length = max(bar.value * scale, 1.5 if bar.value > 0 else 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(bar.colour or ACCENT))
            painter.drawRoundedRect(QRectF(left, y + 1, length, self.BAR_HEIGHT - 2), 2.5, 2.5)
            painter.setPen(QColor(LABEL_TEXT))
            painter.drawText(
                QRectF(left + length + 6, y, value_w + 8, self.BAR_HEIGHT),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self._value_text(bar.value),
            )
        painter.setPen(QPen(QColor("#b8c0ca"), 1))
        painter.drawLine(left, top - 2, left, int(plot_bottom))
        painter.end()
