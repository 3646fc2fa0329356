"""Checks every text cell gets before its field's normaliser: control characters, formulas.

Two things in a cell are never data in an installed-base export, whatever the column:

* Control characters (NUL, the other C0 codes but tab and line breaks, DEL, the C1 codes).
  They come from a file decoded with the wrong encoding, from binary junk pasted into a cell or
  from a deliberately crafted file; stored, a serial "SN-\\x00002" looks like "SN-002" on screen
  but never matches it. The cell is refused, with its row and column named.
* Text that a spreadsheet would run as a formula when the data is exported again (``=cmd|...``,
  ``=HYPERLINK(...)``, ``+SUM(...)``, ``@SUM(...)``: "CSV injection"). The reports neutralise
  such text, but a name like that is almost never a real name, so the import keeps the value
  and warns, once per column and value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from workbench.importers.cells import CellValue
from workbench.importers.outcome import Outcome, Problem, Severity, fail

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: '=' and '@' always start a formula; '+' and '-' only before a letter or '(' (not "+31 20"
#: or "-5").
_FORMULA = re.compile(r"^\s*(?:[=@]|[+-]\s*[A-Za-z(])")

Parser = Callable[[CellValue], Outcome]


def control_problem(text: str) -> str | None:
    """The refusal message for text holding a control character, else None."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    code = ord(match.group())
    return (
        f"the text holds the control character U+{code:04X} at position {match.start() + 1}, "
        "which is not data (a wrong encoding or binary junk); fix the cell in the source"
    )


def looks_like_formula(text: str) -> bool:
    return _FORMULA.match(text) is not None


_FORMULA_WARNING = (
    "the text starts like a spreadsheet formula ({start}...); it is stored as text, "
    "but check that it is really this value"
)


@cache
def checked(parser: Parser) -> Parser:
    """``parser`` with the control-character refusal and the formula warning in front."""

    def check(value: CellValue) -> Outcome:
        if isinstance(value, str):
            message = control_problem(value)
            if message is not None:
                return fail(message)
            outcome = parser(value)
            if outcome.problem is None and outcome.value is not None and looks_like_formula(value):
                start = value.strip()[:12]
                warning = Problem(_FORMULA_WARNING.format(start=start), Severity.WARNING)
                return Outcome(outcome.value, warning)
            return outcome
        return parser(value)

    return check
