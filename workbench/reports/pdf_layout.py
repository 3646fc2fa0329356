"""Page furniture of the PDF report: running header and footer, outline, table of contents.

reportlab's usual "page X of Y" and table of contents need ``multiBuild``, which lays the whole
document out two or three times; at 10,000 hits that triples the cost. Instead both are drawn
as PDF form XObjects that pages reference before they exist: every footer draws the form
``pagecount`` and every contents line the form of its section's page, and :meth:`ReportCanvas.save`
defines those forms once the last page is known. One layout pass, exact numbers.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from workbench.reports.fonts import BASE_FONT, BOLD_FONT

INK = HexColor("#1f2a37")
MUTED = HexColor("#5b6675")
RULE = HexColor("#c9d1db")
MARKING_RED = HexColor("#9b1c1c")

PAGE_COUNT_FORM = "pagecount"


def _page_form(key: str) -> str:
    return f"page-{key}"


class ReportCanvas(Canvas):
    """A canvas that fills in page numbers known only at the end (see module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.destination_pages: dict[str, int] = {}
        self.referenced_pages: set[str] = set()

    def save(self) -> None:
        pages = self.getPageNumber() - 1
        self._number_form(PAGE_COUNT_FORM, str(pages), right=False)
        for key in sorted(self.referenced_pages):
            self._number_form(_page_form(key), str(self.destination_pages.get(key, "")), True)
        super().save()

    def _number_form(self, name: str, text: str, right: bool) -> None:
        self.beginForm(name, lowerx=-60, lowery=-4, upperx=60, uppery=12)
        self.setFont(BASE_FONT, 8)
        self.setFillColor(INK)
        if right:
            self.drawRightString(0, 0, text)
        else:
            self.drawString(0, 0, text)
        self.endForm()


class Heading(Paragraph):
    """A heading that becomes a bookmark, an outline entry and a contents destination."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, title: str, level: int) -> None:
        super().__init__(text, style)
        self.key = key
        self.title = title
        self.level = level

    def draw(self) -> None:
        super().draw()
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.height + self.style.spaceBefore)
        canvas.addOutlineEntry(self.title, self.key, self.level, closed=self.level > 0)
        if isinstance(canvas, ReportCanvas):
            canvas.destination_pages[self.key] = canvas.getPageNumber()


class ContentsLine(Flowable):
    """One line of the table of contents: a link to a heading and its page number."""

    def __init__(self, key: str, text: str, style: ParagraphStyle, indent: float) -> None:
        super().__init__()
        self.key = key
        self.indent = indent
        self.paragraph = Paragraph(text, style)
        self.number_width = 14 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _w, h = self.paragraph.wrap(avail_width - self.indent - self.number_width, avail_height)
        self.height = h + 2
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.paragraph.drawOn(canvas, self.indent, 2)
        canvas.saveState()
        canvas.translate(self.width, 2 + self.height - 11)
        canvas.doForm(_page_form(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
        if isinstance(canvas, ReportCanvas):
            canvas.referenced_pages.add(self.key)


class ReportDocTemplate(BaseDocTemplate):
    """A4 portrait; the cover and the body pages share the marking header and footer."""

    def __init__(self, filename: str, header: str, footer: str, marking: str, **kw: Any) -> None:
        super().__init__(filename, **kw)
        self.header_text = header
        self.footer_text = footer
        self.marking = marking
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="body", showBoundary=0
        )
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame], onPage=self._furniture),
                PageTemplate(id="body", frames=[frame], onPage=self._furniture),
            ]
        )

    def _furniture(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        canvas.saveState()
        top = height - 12 * mm
        canvas.setFillColor(MARKING_RED)
        canvas.setFont(BOLD_FONT, 7.5)
        canvas.drawCentredString(width / 2, top + 4, self.marking)
        canvas.setFillColor(MUTED)
        canvas.setFont(BASE_FONT, 7.5)
        canvas.drawString(left, top - 7, self.header_text)
        _rule(canvas, left, right, top - 10)
        bottom = 10 * mm
        _rule(canvas, left, right, bottom + 10)
        canvas.drawString(left, bottom, self.footer_text)
        label = f"Page {canvas.getPageNumber()} of "
        canvas.setFillColor(INK)
        canvas.setFont(BASE_FONT, 8)
        x = right - stringWidth(label + "0000", BASE_FONT, 8)
        canvas.drawString(x, bottom, label)
        canvas.translate(x + stringWidth(label, BASE_FONT, 8), bottom)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(MARKING_RED)
        canvas.setFont(BOLD_FONT, 7.5)
        canvas.drawCentredString(width / 2, bottom - 10, self.marking)
        canvas.restoreState()


def _rule(canvas: Canvas, x1: float, x2: float, y: float, color: Color = RULE) -> None:
    canvas.setStrokeColor(color)
    canvas.setLineWidth(0.5)
    canvas.line(x1, y, x2, y)
