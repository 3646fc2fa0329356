"""Type and table styles of the PDF report, in one place so every section looks the same."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from workbench.reports.fonts import BASE_FONT, BOLD_FONT, MONO_FONT
from workbench.reports.pdf_layout import INK, MUTED, RULE

ACCENT = HexColor("#1d4e89")
HEADER_FILL = HexColor("#e8eef5")
MACHINE_FILL = HexColor("#f1f4f8")
RULE_FILL = HexColor("#fbfbfc")

#: Fill of the outcome cell, by final outcome (most severe darkest).
OUTCOME_FILLS = {
    "prohibited": HexColor("#f8d4d4"),
    "presumption_of_denial": HexColor("#fbe3cf"),
    "licence_required": HexColor("#fdf1c7"),
    "case_by_case": HexColor("#e9ecf2"),
    "notify": HexColor("#dfeaf7"),
    "licensed": HexColor("#d9f0df"),
}

BODY = ParagraphStyle("body", fontName=BASE_FONT, fontSize=9, leading=12, textColor=INK)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5)
SMALL_MUTED = ParagraphStyle("small-muted", parent=SMALL, textColor=MUTED)
COUNTS = ParagraphStyle("counts", parent=SMALL_MUTED, keepWithNext=1, spaceAfter=2)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=7.5, leading=9)
CELL_RIGHT = ParagraphStyle("cell-right", parent=CELL, alignment=TA_RIGHT)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=BOLD_FONT)
MONO = ParagraphStyle("mono", parent=BODY, fontName=MONO_FONT, fontSize=8, leading=10)
H1 = ParagraphStyle(
    "h1",
    parent=BODY,
    fontName=BOLD_FONT,
    fontSize=16,
    leading=20,
    spaceAfter=8,
    textColor=ACCENT,
    keepWithNext=1,
)
H2 = ParagraphStyle(
    "h2",
    parent=BODY,
    fontName=BOLD_FONT,
    fontSize=12,
    leading=15,
    spaceBefore=10,
    spaceAfter=4,
    textColor=ACCENT,
    keepWithNext=1,
)
H3 = ParagraphStyle(
    "h3",
    parent=BODY,
    fontName=BOLD_FONT,
    fontSize=9.5,
    leading=12,
    spaceBefore=8,
    spaceAfter=3,
    keepWithNext=1,
)
TITLE = ParagraphStyle(
    "title", parent=BODY, fontName=BOLD_FONT, fontSize=24, leading=29, textColor=ACCENT
)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=13, leading=17, textColor=INK)
CONTENTS_0 = ParagraphStyle("toc0", parent=BODY, fontName=BOLD_FONT, fontSize=9.5, leading=13)
CONTENTS_1 = ParagraphStyle("toc1", parent=BODY, fontSize=8.5, leading=11)


def grid_style(header_rows: int = 1, numeric_from: int | None = None) -> list[Any]:
    """Commands of a plain data table: shaded header, hairlines, numbers aligned right."""
    commands: list[Any] = [
        ("FONT", (0, 0), (-1, -1), BASE_FONT, 7.5, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD_FONT, 7.5, 9),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    return commands
