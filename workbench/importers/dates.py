"""Dates as ERP exports write them, and the day-first/month-first question.

"03/04/2023" is 3 April in Rotterdam and March 4 in Austin. The importer never picks one
silently: it looks at the other rows of the same column, where a "13/04/2023" or "04/13/2023"
settles the order for the whole column, and refuses the ambiguous rows when nothing settles it.
Dotted dates ("01.09.2023") are day-first by the German/Dutch convention (DIN 5008) that
produces them; year-first forms (ISO, "2023/07/01", "2023年7月1日") are unambiguous.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from functools import lru_cache

from workbench.importers.cells import CellValue, display
from workbench.importers.outcome import BLANK, Outcome, fail, warn

MIN_YEAR = 1900
MAX_YEAR = 2199

_EPOCH_1900 = date(1899, 12, 30)  # serial 1 = 1900-01-01 once Lotus's 29 Feb 1900 is skipped
_EPOCH_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2_958_465  # 9999-12-31

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]m)?)?"
_YMD = re.compile(
    r"(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})\s*[日일.]?" + _TIME + r"$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DMY = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{2,4})" + _TIME + r"$", re.I)
_DAY_MONTH_NAME = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\.?[\s\-/]*([^\W\d_]{3,})\.?[\s\-/,]*(\d{4}|\d{2})" + _TIME + r"$",
    re.IGNORECASE,
)
_MONTH_NAME_DAY = re.compile(
    r"([^\W\d_]{3,})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME + r"$", re.IGNORECASE
)
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.0+)?$")
#: Japanese era names and the year before each era's first: 令和5年 is 2023.
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "r": 2018, "h": 1988, "s": 1925}
#: Japanese systems abbreviate the era by its initial: R7.11.01 (令和7年11月1日), H26.4.29.
_ERA_SHORT = re.compile(
    r"([rhs])\s*(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\3\s*(\d{1,2})" + _TIME + r"$"
)
_ERA_DATE = re.compile(
    r"(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?" + _TIME + r"$"
)
_MONTH_NAME_YEAR = re.compile(r"([^\W\d_]{3,})\.?[\s\-/,']*(\d{4})$")
_YEAR_MONTH = re.compile(r"(\d{4})\s*(?:[-/.年년]\s*(\d{1,2})\s*[月월]?|年\s*(\d{1,2})\s*月)$")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})$")

#: Languages whose month names exports write ("24 juillet 2021", "3. März 2020", "gen 2022").
MONTH_LOCALES = (
    "en", "de", "nl", "fr", "es", "it", "pt", "pl", "sv", "da", "nb", "fi", "cs", "hu", "ro",
    "tr", "id", "ms",
)  # fmt: skip


def _month_names() -> dict[str, int]:
    """Month name -> number, from the CLDR through Babel: wide and abbreviated, as dates write
    them and standing alone, in :data:`MONTH_LOCALES`, without a trailing dot. A name that
    is one month in one language and another elsewhere is left out, not guessed."""
    from babel.dates import get_month_names

    seen: dict[str, set[int]] = {}
    for locale in MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    key = unicodedata.normalize("NFKC", str(name)).casefold().rstrip(".")
                    seen.setdefault(key, set()).add(int(number))
    # Spellings the CLDR lacks that exports write: German without umlaut, Austrian, "Sept".
    for number, names in enumerate(
        ("jänner janv", "febr", "maerz mär mrz", "", "", "", "", "", "sept", "", "", ""),
        start=1,
    ):
        for name in names.split():
            seen.setdefault(name, set()).add(number)
    return {name: next(iter(months)) for name, months in seen.items() if len(months) == 1}


_MONTHS: dict[str, int] = _month_names()


class Order(Enum):
    """How a numeric d/m/y column is to be read."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A text date that is valid both day-first and month-first."""

    day_first: date
    month_first: date


@dataclass(frozen=True, slots=True)
class MonthOnly:
    """A text that names a month, not a day ("Dec 2021", "2021年3月", "03/2021")."""

    year: int
    month: int

    def day(self, period_end: bool) -> date:
        """The month's first day, or its last for the end of a period (a contract's expiry)."""
        if not period_end:
            return date(self.year, self.month, 1)
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - timedelta(days=1)


_NOT_A_DATE = "it is not a date"

_TextResult = date | Ambiguous | MonthOnly | str  # str: the reason it is not a date


def excel_serial_to_date(serial: float, date1904: bool = False) -> date | None:
    """Excel's day count to a date (fractions are the time of day and are dropped)."""
    if math.isnan(serial) or serial < 1 or serial > _MAX_SERIAL:  # NaN or out of Excel's range
        return None
    days = int(serial)
    if date1904:
        return _EPOCH_1904 + timedelta(days=days)
    if days < 60:
        return _EPOCH_1900 + timedelta(days=days + 1)
    if days == 60:
        return None  # 29 Feb 1900, which never existed
    return _EPOCH_1900 + timedelta(days=days)


def _checked(year: int, month: int, day: int) -> date | str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"the year {year} is out of range"
    try:
        return date(year, month, day)
    except ValueError:
        return "there is no such day in the calendar"


@lru_cache(maxsize=65_536)
def parse_date_text(text: str) -> _TextResult:
    """One text date; :class:`Ambiguous` when it reads both ways, a reason string when invalid."""
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    if m := _ERA_DATE.match(s):
        year = _ERAS[m[1]] + (1 if m[2] == "元" else int(m[2]))
        if m[4] is None:
            return MonthOnly(year, int(m[3])) if 1 <= int(m[3]) <= 12 else "there is no such month"
        return _checked(year, int(m[3]), int(m[4]))
    if m := _ERA_SHORT.match(s):
        return _checked(_ERAS[m[1]] + int(m[2]), int(m[4]), int(m[5]))
    if m := _YMD.match(s):
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(s):
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DMY.match(s):
        return _numeric_dmy(int(m[1]), m[2], int(m[3]), m[4])
    if m := _DAY_MONTH_NAME.match(s):
        return _named(int(m[1]), m[2], m[3])
    if m := _MONTH_NAME_DAY.match(s):
        return _named(int(m[2]), m[1], m[3])
    return _month_only(s)


def _month_only(s: str) -> MonthOnly | str:
    year: int | None = None
    month: int | None = None
    if m := _MONTH_NAME_YEAR.match(s):
        month, year = _MONTHS.get(m[1]), int(m[2])
    elif m := _YEAR_MONTH.match(s):
        year, month = int(m[1]), int(m[2] or m[3])
    elif m := _MONTH_YEAR.match(s):
        month, year = int(m[1]), int(m[2])
    if year is None or month is None:
        return _NOT_A_DATE
    if not 1 <= month <= 12:
        return "there is no such month"
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"the year {year} is out of range"
    return MonthOnly(year, month)


#: Two-digit years below this are 20xx, the others 19xx: chipmaking tools installed since the
#: 1970s, contracts running to the 2060s. Oracle's 01-SEP-23 and JD Edwards' 01/28/19 both
#: write years so; the field after the day and month is the year.
_CENTURY_PIVOT = 70


def _two_digit_year(year: int) -> int:
    return year + (2000 if year < _CENTURY_PIVOT else 1900)


def _year(text: str) -> int | None:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        return _two_digit_year(int(text))
    return None


def _numeric_dmy(first: int, sep: str, second: int, year_text: str) -> _TextResult:
    year = _year(year_text)
    if year is None:
        return "the year is neither two nor four digits; write the year in full"
    if sep == ".":
        return _checked(year, second, first)
    day_first = _checked(year, second, first)
    month_first = _checked(year, first, second)
    if isinstance(day_first, date) and isinstance(month_first, date):
        if day_first == month_first:
            return day_first
        return Ambiguous(day_first, month_first)
    if isinstance(day_first, date):
        return day_first
    if isinstance(month_first, date):
        return month_first
    return day_first  # the reason string


def _named(day: int, month_name: str, year_text: str) -> _TextResult:
    month = _MONTHS.get(month_name.rstrip("."))
    if month is None:
        return f"'{month_name}' is not a month name"
    year = int(year_text)
    if len(year_text) == 2:
        year = _two_digit_year(year)
    return _checked(year, month, day)


def _order_evidence(text: str) -> Order | None:
    """Which order an unambiguous numeric slash/dash date proves (None if it proves nothing)."""
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    m = _NUMERIC_DMY.match(s)
    if m is None or m[2] == "." or _year(m[4]) is None:
        return None
    first, second = int(m[1]), int(m[3])
    if first > 12 >= second:
        return Order.DAY_FIRST
    if second > 12 >= first:
        return Order.MONTH_FIRST
    return None


def _describe(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def date_orders(values: Sequence[CellValue]) -> set[Order]:
    """The day/month orders the column's unambiguous numeric dates prove (usually one)."""
    found: set[Order] = set()
    for value in set(values):
        if isinstance(value, str) and (order := _order_evidence(value)) is not None:
            found.add(order)
            if len(found) == 2:
                break
    return found


def parse_date_column(
    values: Sequence[CellValue],
    date1904: bool = False,
    period_end: bool = False,
    sheet_order: Order | None = None,
) -> list[Outcome]:
    """Normalise a whole column, settling day/month order from its unambiguous rows.

    ``period_end`` says the column ends a period (a contract's end): a cell naming only a
    month ("Dec 2021") is then that month's last day, otherwise its first; both are flagged.
    ``sheet_order`` is the order the sheet's other date columns prove: one system wrote the
    whole file, so a column of contract starts all on the 1st ("7/1/2023") is read as its
    install dates are ("7/16/2015" is month first), with a warning naming the evidence.
    """
    # The types of every cell, not of the distinct set: there, 1 has already merged into True.
    if len(set(map(type, values)) & _NUMBER_TYPES) > 1:
        return _parse_mixed_column(values, date1904, period_end, sheet_order)
    distinct = set(values)
    # Each distinct value is read once and the column is mapped in C; in a clean column no
    # value is ambiguous and no row is looked at again.
    table = {v: BLANK if v is None else _cell(v, date1904, period_end) for v in distinct}
    out = list(map(table.__getitem__, values))
    pending = {v for v, hit in table.items() if isinstance(hit.value, Ambiguous)}
    if pending:
        evidence: dict[Order, int] = {}
        for value, hit in table.items():
            if isinstance(value, str) and hit.problem is None:
                order = _order_evidence(value)
                if order is not None:
                    evidence.setdefault(order, 0)
        rows = [index for index, value in enumerate(values) if value in pending]
        _settle(out, values, rows, evidence, sheet_order)
    return out


_NUMBER_TYPES = frozenset({bool, int, float})


def _parse_mixed_column(
    values: Sequence[CellValue],
    date1904: bool,
    period_end: bool = False,
    sheet_order: Order | None = None,
) -> list[Outcome]:
    """The same for a column mixing kinds of numbers, where True, 1 and 1.0 are equal keys."""
    cache: dict[CellValue, Outcome] = {}
    ambiguous_rows: list[int] = []
    evidence: dict[Order, int] = {}
    out: list[Outcome] = []
    for index, value in enumerate(values):
        if value is None:
            out.append(BLANK)
            continue
        key: CellValue = value
        hit = cache.get(key) if not isinstance(value, bool) else None
        if hit is None:
            hit = _cell(value, date1904, period_end)
            if not isinstance(value, bool):
                cache[key] = hit
        if isinstance(hit.value, Ambiguous):
            ambiguous_rows.append(index)
        elif isinstance(value, str) and hit.problem is None:
            order = _order_evidence(value)
            if order is not None:
                evidence.setdefault(order, index)
        out.append(hit)
    if ambiguous_rows:
        _settle(out, values, ambiguous_rows, evidence, sheet_order)
    return out


def _settle(
    out: list[Outcome],
    values: Sequence[CellValue],
    rows: list[int],
    evidence: dict[Order, int],
    sheet_order: Order | None = None,
) -> None:
    decided = next(iter(evidence)) if len(evidence) == 1 else None
    if decided is None and not evidence and sheet_order is not None:
        for index in rows:
            pending = out[index].value
            assert isinstance(pending, Ambiguous)
            chosen = pending.day_first if sheet_order is Order.DAY_FIRST else pending.month_first
            out[index] = warn(
                chosen,
                f"'{display(values[index])}' read as {chosen.isoformat()}: "
                f"{sheet_order.value}, as the sheet's other date columns show",
            )
        return
    for index in rows:
        pending = out[index].value
        assert isinstance(pending, Ambiguous)
        if decided is Order.DAY_FIRST:
            out[index] = Outcome(pending.day_first)
        elif decided is Order.MONTH_FIRST:
            out[index] = Outcome(pending.month_first)
        else:
            text = display(values[index])
            reading = (
                f"'{text}' could be {_describe(pending.day_first)} or "
                f"{_describe(pending.month_first)}"
            )
            if evidence:
                out[index] = fail(
                    f"{reading}, and this column has both day-first and month-first dates; "
                    "write it as YYYY-MM-DD"
                )
            else:
                out[index] = fail(
                    f"{reading}, and no other row in this column shows whether the day or the "
                    "month comes first; write it as YYYY-MM-DD"
                )


def _cell(value: CellValue, date1904: bool, period_end: bool = False) -> Outcome:
    if isinstance(value, datetime):
        return _in_range(value.date(), value)
    if isinstance(value, date):
        return _in_range(value, value)
    if isinstance(value, bool):
        return fail(f"'{display(value)}' is not a date")
    if isinstance(value, int | float):
        return _number(value, date1904)
    text = str(value).strip()
    if _SERIAL_TEXT.match(text):
        converted = excel_serial_to_date(float(text), date1904)
        if converted is not None:
            return warn(
                converted,
                f"'{text}' was read as an Excel date number ({converted.isoformat()})",
            )
    result = parse_date_text(text)
    if isinstance(result, MonthOnly):
        day = result.day(period_end)
        which = "last" if period_end else "first"
        return warn(
            day, f"'{text}' names a month, not a day: read as {day.isoformat()}, its {which} day"
        )
    if isinstance(result, date | Ambiguous):
        return Outcome(result)
    if result == _NOT_A_DATE:
        return fail(f"'{text}' is not a date")
    return fail(f"'{text}' is not a date: {result}")


def _in_range(d: date, original: CellValue) -> Outcome:
    if MIN_YEAR <= d.year <= MAX_YEAR:
        return Outcome(d)
    return fail(f"'{display(original)}' is not a plausible date (year {d.year})")


def _number(value: float, date1904: bool) -> Outcome:
    if float(value).is_integer() and 19000101 <= value <= 21991231:
        n = int(value)
        result = _checked(n // 10000, n // 100 % 100, n % 100)
        if isinstance(result, date):
            return Outcome(result)
    converted = excel_serial_to_date(float(value), date1904)
    if converted is None or not MIN_YEAR <= converted.year <= MAX_YEAR:
        return fail(f"the number {display(value)} is not a date")
    return Outcome(converted)
