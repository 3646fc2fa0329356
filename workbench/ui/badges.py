"""Status badges (advanced node, restricted-party listings) painted as small rounded pills.

A pill reads faster than a word in a column of words, and colour carries the meaning (red: a
control applies; amber: unknown, which rules treat as a risk; green: clear).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workbench.ui.formatting import Badge, Tone
from workbench.ui.roles import BADGE_ROLE

#: (background, text) per tone; muted so a page of badges does not shout.
TONE_COLOURS: dict[Tone, tuple[str, str]] = {
    Tone.DANGER: ("#fbe4e4", "#a4262c"),
    Tone.WARNING: ("#fdf1d8", "#8a5a00"),
    Tone.OK: ("#e3f3e6", "#1e6b34"),
    Tone.NEUTRAL: ("#eceef1", "#4a5360"),
}

_PAD_X = 7
_GAP = 4


def _badges(value: object) -> list[Badge]:
    if isinstance(value, Badge):
        return [value]
    if isinstance(value, list):
        return [b for b in value if isinstance(b, Badge)]
    return []


def paint_badges(
    painter: QPainter, rect: QRect, badges: list[Badge], metrics: QFontMetrics
) -> None:
    """Draw pills left to right inside ``rect``, vertically centred; stops when out of room."""
    height = metrics.height() + 2
    top = rect.top() + (rect.height() - height) // 2
    x = rect.left() + 4
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for badge in badges:
        width = metrics.horizontalAdvance(badge.text) + 2 * _PAD_X
        if x + width > rect.right() and x > rect.left() + 4:
            break
        background, foreground = TONE_COLOURS[badge.tone]
        pill = QRect(x, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), badge.text)
        x += width + _GAP
    painter.restore()


class BadgeDelegate(QStyledItemDelegate):
    """Paints ``BADGE_ROLE`` pills where a model provides them, plain text elsewhere."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        badges = _badges(index.data(BADGE_ROLE))
        if not badges:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        small = QFontMetrics(opt.font)  # type: ignore[attr-defined]
        paint_badges(painter, opt.rect, badges, small)  # type: ignore[attr-defined]

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        badges = _badges(index.data(BADGE_ROLE))
        if badges:
            metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
            width = sum(metrics.horizontalAdvance(b.text) + 2 * _PAD_X + _GAP for b in badges)
            size.setWidth(max(size.width(), width + 8))
        return size


def badge_palette_colour(tone: Tone) -> QColor:
    """The text colour of a tone, for icons and chart bars that echo the badges."""
    return QColor(TONE_COLOURS[tone][1])
