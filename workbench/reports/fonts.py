"""Fonts of the PDF report: Helvetica for Latin text, an embedded font for every other script.

The PDF base-14 fonts cover only the Windows-1252 characters, so Chinese, Japanese, Korean or
Cyrillic names would print as black boxes. WenQuanYi Zen Hei (shipped in ``resources/fonts``
with its licence) covers all of them; reportlab embeds only the glyphs used. We switch to it
only for runs of text Helvetica cannot show, because embedding-font text costs measurably more
to lay out (DESIGN.md section 8: 11-26 %) and Helvetica reads better for Latin text.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbench.paths import resource

FONT_FILE = ("fonts", "wqy-zenhei.ttc")
UNICODE_FONT = "WQYZenHei"
BASE_FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"
MONO_FONT = "Courier"

_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
#: Runs of characters the base-14 fonts cannot draw.
NOT_BASE = re.compile(f"[^\\x09\\x0a\\x0d\\x20-\\x7e\\xa0-\\xff{_CP1252_EXTRA}]+")


@cache
def register_fonts() -> str:
    """Register the embedded font once per process; returns its reportlab name."""
    pdfmetrics.registerFont(TTFont(UNICODE_FONT, str(resource(*FONT_FILE)), subfontIndex=0))
    return UNICODE_FONT


def needs_unicode_font(text: str) -> bool:
    return not text.isascii() and NOT_BASE.search(text) is not None


def markup(text: str) -> str:
    """``text`` as Paragraph markup: escaped, with other scripts set in the embedded font.

    Text from the database is never markup: ``<b>Bold</b> & Co.`` must print as typed.
    """
    escaped = escape(text)
    if text.isascii():
        return escaped
    font = register_fonts()
    return NOT_BASE.sub(lambda m: f'<font face="{font}">{m.group(0)}</font>', escaped)
