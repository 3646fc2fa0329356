"""The result of normalising one cell: a value, or a reason it was refused, or both.

Normalisers never raise for bad data: a spreadsheet with 100k rows and 300 bad cells must
produce 300 messages, not one exception. The same outcome object is shared by every cell with
the same raw value (see the memoising column parsers), so keeping it tiny matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the value is refused; a required field with an error rejects the row
    WARNING = "warning"  # the value was taken, but the analyst should look at it
    INFO = "info"  # context: ignored columns, skipped sheets


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a value was refused or doubted, phrased for a compliance analyst."""

    message: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class Outcome:
    """``value`` is None for a blank cell and for a refused one (then ``problem`` is an error)."""

    value: object
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None or self.problem.severity is not Severity.ERROR


BLANK = Outcome(None)


def fail(message: str) -> Outcome:
    return Outcome(None, Problem(message))


def warn(value: object, message: str) -> Outcome:
    return Outcome(value, Problem(message, Severity.WARNING))
