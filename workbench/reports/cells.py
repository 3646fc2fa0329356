"""Spreadsheet cell safety: text that a spreadsheet would run as a formula, and XML-illegal text.

A cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs strip before parsing) is read as a formula by Excel and LibreOffice when a user opens a
CSV file or edits the cell, so a customer named ``=HYPERLINK(...)`` could run on a reviewer's
machine (OWASP "CSV injection"). In ``.xlsx`` we keep the text exactly and store it as a string
with Excel's quote-prefix flag (the stored form of a typed apostrophe); in ``.csv``, which has no
types, we prefix an apostrophe, the form both programs show as literal text.
"""

from __future__ import annotations

import re

#: File types a register can be exported to.
EXPORT_FORMATS = (".xlsx", ".csv")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# XML 1.0 forbids these control characters; openpyxl raises on them, so they are replaced by
# U+FFFD to keep the row and show that something unprintable was there.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def clean_text(text: str) -> str:
    """``text`` with characters XML cannot carry replaced by U+FFFD."""
    return _ILLEGAL_XML.sub("\ufffd", text) if _ILLEGAL_XML.search(text) else text


def csv_text(text: str) -> str:
    """Text as written to a CSV cell: formula-like text gets a leading apostrophe."""
    return "'" + text if is_formula_like(text) else text
