"""Turning one understood sheet into records and issues.

Cells are normalised a column at a time: dates need the whole column to settle day/month
order, and a column of 100k rows usually holds a few hundred distinct strings, so each distinct
value is normalised once and the outcome object is shared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from itertools import repeat, zip_longest
from operator import attrgetter
from typing import Any

import pycountry

from workbench.domain.cancel import CancelToken
from workbench.importers.cells import CellValue, RawSheet, column_letter, display
from workbench.importers.countries import country_code
from workbench.importers.dates import Order, date_orders, parse_date_column
from workbench.importers.fields import CELL_PARSERS, FIELDS_BY_KEY, REQUIRED, FieldSpec, ValueType
from workbench.importers.headers import Concept, bracketed_hint, concept_of
from workbench.importers.layout import SheetLayout, SheetProblem, Stranded
from workbench.importers.money import Money, currency_code
from workbench.importers.outcome import BLANK, Outcome, Severity
from workbench.importers.records import (
    RECORD_TYPES,
    ContractLineRecord,
    ContractRecord,
    FabRecord,
    ImportIssue,
    Record,
    RecordKind,
    SourceRef,
)
from workbench.importers.technology import TechnologyFacts
from workbench.importers.values import checked

#: Columns that end a period: a month-only date there is the month's last day.
_PERIOD_ENDS = frozenset({Concept.END_DATE, Concept.LINE_END})

_CANCEL_EVERY = 10_000
#: Kinds a wide sheet repeats on many rows; machines and lines are always built row by row, so
#: the dedupe step still sees (and can warn about) a machine listed twice.
_REPEATED_KINDS = frozenset({RecordKind.CUSTOMER, RecordKind.FAB, RecordKind.CONTRACT})
#: Kinds whose record is the row's values with nothing derived: built in bulk.
_PLAIN_KINDS = frozenset({RecordKind.MACHINE, RecordKind.CUSTOMER})
_FIELD_NAMES = {
    kind: tuple(f.name for f in fields(RECORD_TYPES[kind]) if f.name != "source")
    for kind in _PLAIN_KINDS
}
_VALUE = attrgetter("value")
_PROBLEM = attrgetter("problem")
_ROW_OF = attrgetter("source.row")
_TECH_FIELDS = (
    "process_type",
    "logic_node_nm",
    "architecture",
    "dram_half_pitch_nm",
    "nand_layers",
    "wafer_size_mm",
)


@dataclass
class SheetResult:
    records: dict[RecordKind, list[Record]] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    rows_read: int = 0
    rejected_rows: dict[int, list[str]] = field(default_factory=dict)  # row number -> reasons
    row_values: dict[int, list[CellValue]] = field(default_factory=dict)  # rejected rows only
    #: The layout the rows were read with (a contract term that varies moves to the lines).
    layout: SheetLayout | None = None


def parse_column(
    values: Sequence[CellValue], parser: Callable[[CellValue], Outcome]
) -> list[Outcome]:
    """Apply a cell normaliser to a column, once per distinct value."""
    return _parse_column(values, parser)[0]


def _parse_column(
    values: Sequence[CellValue], parser: Callable[[CellValue], Outcome]
) -> tuple[list[Outcome], dict[CellValue, Outcome] | None]:
    """The outcomes, and the distinct value -> outcome table when there is one."""
    distinct = set(values)
    if len(distinct) > _UNIQUE_SHARE * len(values) and len(values) > _UNIQUE_MIN_ROWS:
        # A key column (serial numbers): nothing repeats, so a table would only double the
        # memory the outcomes take (a million entries at a million rows).
        del distinct
        return [BLANK if v is None else parser(v) for v in values], None
    table = _table(values, distinct, parser)
    if table is not None:
        return list(map(table.__getitem__, values)), table
    cache: dict[object, Outcome] = {}
    out: list[Outcome] = []
    append = out.append
    for value in values:
        if value is None:
            append(BLANK)
            continue
        key: object = value if type(value) is str else (type(value), value)
        hit = cache.get(key)
        if hit is None:
            hit = parser(value)
            cache[key] = hit
        append(hit)
    return out, None


def distinct_outcomes(
    values: Sequence[CellValue], parser: Callable[[CellValue], Outcome]
) -> dict[CellValue, Outcome] | None:
    """Distinct cell value -> its outcome, or None when equal values differ in type.

    True, 1 and 1.0 are one key in a set but three different cells, so a column holding more
    than one kind of number is left to the caller's typed cache. Otherwise ``set`` and ``map``
    do the per-cell work in C and the parser runs once per distinct value.
    """
    return _table(values, set(values), parser)


def _table(
    values: Sequence[CellValue], distinct: set[CellValue], parser: Callable[[CellValue], Outcome]
) -> dict[CellValue, Outcome] | None:
    # The types of every cell, not of the distinct set: there, 1 has already merged into True.
    if len(set(map(type, values)) & _NUMBER_TYPES) > 1:
        return None
    return {v: BLANK if v is None else parser(v) for v in distinct}


_NUMBER_TYPES = frozenset({bool, int, float})
_UNIQUE_SHARE = 0.5
_UNIQUE_MIN_ROWS = 1000


@dataclass(frozen=True, slots=True)
class _Column:
    spec: FieldSpec
    index: int
    outcomes: list[Outcome]
    raw: Sequence[CellValue]
    #: Distinct raw value -> outcome, when each raw value has one outcome (not for dates,
    #: whose ambiguous rows are settled row by row): questions about the column are then
    #: asked of its few distinct values first.
    table: dict[CellValue, Outcome] | None

    def problem_rows(self) -> Iterable[int]:
        if self.table is not None:
            bad = {v for v, o in self.table.items() if o.problem is not None}
            if not bad:
                return ()
            return [r for r, v in enumerate(self.raw) if v in bad]
        problems = list(map(_PROBLEM, self.outcomes))
        if not any(problems):
            return ()
        return [r for r, p in enumerate(problems) if p is not None]

    def blank_rows(self) -> set[int]:
        """Rows whose value is None (blank or refused)."""
        if self.table is not None:
            blank = {v for v, o in self.table.items() if o.value is None}
            if not blank:
                return set()
            return {r for r, v in enumerate(self.raw) if v in blank}
        values = list(map(_VALUE, self.outcomes))
        if None not in values:
            return set()
        return {r for r, v in enumerate(values) if v is None}


def read_sheet(
    raw: RawSheet,
    layout: SheetLayout,
    cancel: CancelToken | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SheetResult:
    result = SheetResult()
    layout = _terms_that_vary(raw, layout)
    result.layout = layout
    header_index = layout.header_row - 1
    header = raw.rows[header_index]
    rows = raw.rows
    # ``any(row)`` is true for nearly every row and runs in C; only rows of falsy cells (0,
    # False, blanks) need the exact test.
    numbers = [
        number
        for number in range(layout.header_row + 1, len(rows) + 1)
        if (row := rows[number - 1])
        and (any(row) or any(v is not None for v in row))
        and row != header
    ]
    numbers = _without_footer(raw, layout, numbers, result)
    numbers = _without_group_totals(raw, layout, numbers, result)
    _domestic_country(raw, layout, numbers, result)
    _yen_or_yuan(raw, layout, numbers, result)
    data = [rows[number - 1] for number in numbers]
    result.rows_read = len(numbers)

    parsed: dict[
        tuple[int, ValueType, bool | None], tuple[list[Outcome], dict[CellValue, Outcome] | None]
    ] = {}
    raw_columns: dict[int, Sequence[CellValue]] = {}
    columns_by_kind: dict[RecordKind, list[_Column]] = {kind: [] for kind in layout.kinds}
    # One transposition in C gives every column (rows are cut after their last cell, so
    # shorter rows are padded with None).
    transposed: list[Sequence[CellValue]] = list(zip_longest(*data))
    blank_column = [None] * len(data)
    sheet_order = _sheet_date_order(layout, transposed)
    periods = {
        i
        for i, heading in enumerate(layout.headings)
        if heading and concept_of(heading) is Concept.CONTRACT_PERIOD
    }
    for key, index in layout.columns.items():
        spec = FIELDS_BY_KEY[key]
        if spec.kind not in columns_by_kind:
            continue
        part = (spec.concept in _PERIOD_ENDS) if index in periods else None
        if (index, spec.type, part) not in parsed:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if index not in raw_columns:
                raw_columns[index] = transposed[index] if index < len(transposed) else blank_column
            values = raw_columns[index]
            if part is not None:
                values = [period_part(v, end=part) for v in values]
            if spec.type is ValueType.DATE:
                period_end = spec.concept in _PERIOD_ENDS
                parsed[(index, spec.type, part)] = (
                    parse_date_column(values, raw.date1904, period_end, sheet_order),
                    None,
                )
            else:
                parser = checked(CELL_PARSERS[spec.type])
                parsed[(index, spec.type, part)] = _parse_column(values, parser)
        outcomes, table = parsed[(index, spec.type, part)]
        columns_by_kind[spec.kind].append(_Column(spec, index, outcomes, raw_columns[index], table))

    del transposed
    builder = _Builder(raw, layout, numbers, data, result, raw_columns)
    exclusive = _exclusive_columns(columns_by_kind)
    total = len(data) * max(len(columns_by_kind), 1)
    done = 0
    for kind, cols in columns_by_kind.items():
        for r in builder.build_kind(kind, cols, exclusive[kind]):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(done + r, total)
        done += len(data)
    for stranded in layout.stranded:
        builder.reject_stranded(stranded)
    builder.finish()
    if progress is not None:
        progress(total, total)
    return result


#: Between the two dates of a period: " - " (spaced, as ISO dates hold hyphens), a dash,
#: a tilde (Japanese and Korean write 2023/04/01～2026/03/31), or a word.
_PERIOD_SEPARATOR = re.compile(
    r"\s+-\s+|\s*[–—~〜～]\s*|\s+(?:to|until|bis|tot|au|al|a)\s+", re.IGNORECASE
)


def period_part(value: CellValue, end: bool) -> CellValue:
    """The start (or end) date written in a period cell: "2023-04-01 - 2026-03-31".

    A cell that is not two parts around one separator is given whole as the start and
    blank as the end, so that the date reader names it as it stands.
    """
    if not isinstance(value, str):
        return None if end else value
    parts = _PERIOD_SEPARATOR.split(value.strip())
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None if end else value
    return parts[1].strip() if end else parts[0].strip()


_TERMS = ("start_date", "end_date", "value")
_FOOTER_NOTE = 80


def _sheet_date_order(
    layout: SheetLayout, transposed: Sequence[Sequence[CellValue]]
) -> Order | None:
    """The one day/month order the sheet's date columns prove between them, if exactly one."""
    orders: set[Order] = set()
    for key, index in layout.columns.items():
        if FIELDS_BY_KEY[key].type is ValueType.DATE and index < len(transposed):
            orders |= date_orders(transposed[index])
    return next(iter(orders)) if len(orders) == 1 else None


def _without_footer(
    raw: RawSheet, layout: SheetLayout, numbers: list[int], result: SheetResult
) -> list[int]:
    """Report exports end with notes below the data ("Confidential Information - Do Not
    Distribute", "Generated By: ...", "*** End of Report ***"): rows of one cell under a
    header of several. Hand-kept sheets end with a totals row ("TOTAL", "Summe", "合計") that
    sums the value column. Neither are data rows; they are left out, and the analyst is told."""
    if sum(1 for h in layout.headings if h) < 3:
        return numbers
    end = len(numbers)
    while end > 0:
        row = raw.rows[numbers[end - 1] - 1]
        filled = [v for v in row if v is not None and v != ""]
        note = len(filled) == 1 and isinstance(filled[0], str)
        if not note and not (filled and _is_total(filled[0])):
            break
        end -= 1
    if end == len(numbers):
        return numbers
    footer = numbers[end:]
    first = next(v for v in raw.rows[footer[0] - 1] if v is not None and v != "")
    shown = display(first)
    shown = shown if len(shown) <= _FOOTER_NOTE else shown[: _FOOTER_NOTE - 1] + "…"
    result.issues.append(
        ImportIssue(
            raw.file_name,
            raw.sheet,
            footer[0],
            None,
            None,
            shown,
            f"{len(footer)} row(s) below the data are notes or totals (first: '{shown}') and "
            "were not read as data",
            Severity.INFO,
        )
    )
    return numbers[:end]


def _without_group_totals(
    raw: RawSheet, layout: SheetLayout, numbers: list[int], result: SheetResult
) -> list[int]:
    """A grouped report: subtotal rows between the groups left out, the group's key carried down.

    Salesforce summary reports, SAP ALV lists and pivoted Excel sheets group rows by their
    first column ("TSMC"), write the group's value on its first row only, and close each group
    with a subtotal row ("小計 | 2 筆記錄 | ... | 15,570,000"). The subtotal rows are no
    machines; the blank cells of the grouping column below a group's first row hold the
    group's value, as the report shows it. Only a sheet with such subtotal rows inside the
    data is read so: a blank customer cell elsewhere stays a missing customer.
    """
    if sum(1 for h in layout.headings if h) < 3:
        return numbers
    totals: dict[int, int] = {}  # row number -> column of its total word
    for number in numbers:
        row = raw.rows[number - 1]
        first = next(((i, v) for i, v in enumerate(row) if v is not None and v != ""), None)
        if first is not None and _is_total(first[1]):
            totals[number] = first[0]
    if not totals:
        return numbers
    columns = set(totals.values())
    carried = 0
    last: dict[int, CellValue] = {}
    kept: list[int] = []
    for number in numbers:
        if number in totals:
            last = {}
            continue
        row = raw.rows[number - 1]
        for column in columns:
            value = row[column] if column < len(row) else None
            if value is not None and value != "":
                last[column] = value
            elif column in last:
                if len(row) <= column:
                    row.extend([None] * (column + 1 - len(row)))
                row[column] = last[column]
                carried += 1
        kept.append(number)
    first_total = min(totals)
    label = display(next(v for v in raw.rows[first_total - 1] if v is not None and v != ""))
    headings = ", ".join(
        f"'{layout.headings[c]}'" for c in sorted(columns) if c < len(layout.headings)
    )
    result.issues.append(
        ImportIssue(
            raw.file_name,
            raw.sheet,
            first_total,
            None,
            None,
            label,
            f"the sheet is a grouped report: {len(totals)} subtotal row(s) (first: '{label}') "
            f"were not read as data, and the value of {headings or 'the grouping column'} on "
            f"a group's first row was carried down to its {carried} other row(s)",
            Severity.INFO,
        )
    )
    return kept


#: The two-letter codes of the US states, DC and the outlying areas (ISO 3166-2:US), as
#: state columns write them ("VA" of "US-VA").
_US_SUBDIVISIONS = pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
US_STATES = frozenset(str(sub.code).split("-", 1)[1] for sub in _US_SUBDIVISIONS or ())


def _domestic_country(
    raw: RawSheet, layout: SheetLayout, numbers: list[int], result: SheetResult
) -> None:
    """A blank country beside a US state code is the United States.

    US systems (JD Edwards, QuickBooks, many CRMs) leave the country of a domestic address
    blank and write only the state: "MANASSAS | VA | (blank)". The state code says where the
    fab is; the rows are read as US and the analyst is told how many.
    """
    country = layout.columns.get("fabs.country")
    region = layout.columns.get("fabs.region")
    if country is None or region is None:
        return
    filled: list[int] = []
    for number in numbers:
        row = raw.rows[number - 1]
        if country < len(row) and row[country] not in (None, ""):
            continue
        state = row[region] if region < len(row) else None
        if isinstance(state, str) and state.strip() in US_STATES:
            if len(row) <= country:
                row.extend([None] * (country + 1 - len(row)))
            row[country] = "US"
            filled.append(number)
    if filled:
        heading = layout.headings[country] or column_letter(country)
        result.issues.append(
            ImportIssue(
                raw.file_name,
                raw.sheet,
                filled[0],
                heading,
                column_letter(country),
                None,
                f"{len(filled)} row(s) leave '{heading}' blank and name a US state in "
                f"'{layout.headings[region]}' (a domestic address): read as US",
                Severity.INFO,
            )
        )


#: The sign both the yen and the yuan are written with (and its full-width form).
_YEN_SIGNS = ("¥", "￥")
_YEN_COUNTRIES = {"JP": "JPY", "CN": "CNY"}


def _yen_or_yuan(
    raw: RawSheet, layout: SheetLayout, numbers: list[int], result: SheetResult
) -> None:
    """'¥506,000' on a row whose fab is in China is yuan; in Japan, yen.

    The sign alone says neither, so an amount written with it is refused; the row's own
    country decides it where the row has one (Yonyou writes ¥ for yuan, GRANDIT ￥ for yen).
    The cell is read as written with the currency code in front, and the analyst is told.
    """
    country = layout.columns.get("fabs.country", layout.columns.get("machines.fab_country"))
    money = {
        index for key, index in layout.columns.items() if FIELDS_BY_KEY[key].type is ValueType.MONEY
    }
    if country is None or not money:
        return
    read: dict[str, int] = {}
    first: int | None = None
    for number in numbers:
        row = raw.rows[number - 1]
        place = row[country] if country < len(row) else None
        code = country_code(place) if isinstance(place, str) else None
        currency = _YEN_COUNTRIES.get(code or "")
        if currency is None:
            continue
        for index in money:
            value = row[index] if index < len(row) else None
            if isinstance(value, str) and any(sign in value for sign in _YEN_SIGNS):
                text = value
                for sign in _YEN_SIGNS:
                    text = text.replace(sign, "")
                row[index] = f"{currency} {text.strip()}"
                read[currency] = read.get(currency, 0) + 1
                first = number if first is None else first
    if first is not None:
        said = " and ".join(f"{n} as {c}" for c, n in sorted(read.items()))
        result.issues.append(
            ImportIssue(
                raw.file_name,
                raw.sheet,
                first,
                None,
                None,
                None,
                f"amounts written with '¥' were read by their row's country (China: yuan, "
                f"Japan: yen): {said}",
                Severity.INFO,
            )
        )


_TOTAL_WORDS = frozenset(
    {
        "total",
        "totals",
        "grand total",
        "sum",
        "summe",
        "gesamt",
        "gesamtsumme",
        "totaal",
        "som",
        "合計",
        "合计",
        "總計",
        "总计",
        "小計",
        "小计",
        "subtotal",
        "sub-total",
        "sub total",
        "zwischensumme",
        "subtotaal",
        "razem",
        "suma",
        "总和",
        "합계",
        "총계",
    }
)


def _is_total(value: CellValue) -> bool:
    """Whether a row's first cell opens a totals row ("TOTAL", "Summe:", "合計")."""
    if not isinstance(value, str):
        return False
    return " ".join(value.casefold().strip(" :*=").split()) in _TOTAL_WORDS


def _terms_that_vary(raw: RawSheet, layout: SheetLayout) -> SheetLayout:
    """A contract term that differs between rows of one contract is each row's line term.

    The heading said "contract value", but a contract cannot have two values: on a flat
    export with one row per machine it is the machine's share (the contract then takes the
    sum). Moving the column to the lines keeps every row instead of rejecting all but one.
    A "Description" that differs between rows of one contract describes the rows' machines
    (SAP, IFS and Infor put the equipment text there): it is not taken as the contract's title.
    """
    number = layout.columns.get("contracts.number")
    if number is None or "contract_lines.serial" not in layout.columns:
        return layout
    columns = dict(layout.columns)
    problems = list(layout.problems)
    rows = raw.rows[layout.header_row :]
    for name in (*_TERMS, "title"):
        index = columns.get(f"contracts.{name}")
        if index is None or f"contract_lines.{name}" in columns:
            continue
        if not _varies_within_a_contract(rows, number, index):
            continue
        del columns[f"contracts.{name}"]
        if name == "title":
            heading = layout.headings[index] or column_letter(index)
            problems.append(
                SheetProblem(
                    f"column '{heading}' ({column_letter(index)}) differs between rows of one "
                    "contract, so it describes the rows' machines, not the contract: it is not "
                    "imported as the contract's title",
                    index,
                )
            )
        else:
            columns[f"contract_lines.{name}"] = index
    if columns == layout.columns:
        return layout
    return replace(layout, columns=columns, problems=tuple(problems))


def _varies_within_a_contract(rows: Sequence[Sequence[CellValue]], number: int, index: int) -> bool:
    seen: dict[object, object] = {}
    for row in rows:
        if number >= len(row) or row[number] is None:
            continue
        value = row[index] if index < len(row) else None
        if seen.setdefault(row[number], value) != value:
            return True
    return False


def _exclusive_columns(
    columns_by_kind: dict[RecordKind, list[_Column]],
) -> dict[RecordKind, list[int]]:
    """Per kind, the columns no other kind of the sheet reads: blank there means 'no record'."""
    out: dict[RecordKind, list[int]] = {}
    for kind, cols in columns_by_kind.items():
        others = {c.index for k, cs in columns_by_kind.items() if k is not kind for c in cs}
        own = sorted({c.index for c in cols} - others)
        out[kind] = own or sorted({c.index for c in cols})
    return out


class _Builder:
    def __init__(
        self,
        raw: RawSheet,
        layout: SheetLayout,
        numbers: list[int],
        data: list[list[CellValue]],
        result: SheetResult,
        raw_columns: dict[int, Sequence[CellValue]],
    ) -> None:
        self.raw_columns = raw_columns
        self.raw = raw
        self.layout = layout
        self.numbers = numbers
        self.data = data
        self.result = result
        self.reported: set[tuple[int, int]] = set()
        # (row index, column) with an issue
        self.warnings: dict[tuple[int, str], list[Any]] = {}  # (column, message) -> [issue idx, n]
        # The heading's bracketed currency ("Value (USD)") first, then the currency the
        # column's number format shows ("€ #,##0.00").
        formats = raw.column_currencies or {}
        self.currency_hints = {
            index: code
            for key, index in layout.columns.items()
            if FIELDS_BY_KEY[key].type is ValueType.MONEY
            and (
                code := (
                    currency_code(hint)
                    if (hint := bracketed_hint(layout.headings[index] or "")) is not None
                    else None
                )
                or formats.get(index)
            )
            is not None
        }

    def _issue(
        self, r: int, column: int | None, message: str, severity: Severity, kind: RecordKind
    ) -> None:
        heading = (
            self.layout.headings[column]
            if column is not None and column < len(self.layout.headings)
            else None
        )
        raw_row = self.data[r]
        value = display(raw_row[column]) if column is not None and column < len(raw_row) else None
        issue = ImportIssue(
            self.raw.file_name,
            self.raw.sheet,
            self.numbers[r],
            heading if column is not None else None,
            column_letter(column) if column is not None else None,
            value,
            message,
            severity,
            kind,
        )
        if severity is Severity.WARNING and column is not None:
            seen = self.warnings.get((column, message))
            if seen is not None:
                seen[1] += 1
                return
            self.warnings[(column, message)] = [len(self.result.issues), 0]
        self.result.issues.append(issue)
        if severity is Severity.ERROR:
            number = self.numbers[r]
            self.result.rejected_rows.setdefault(number, []).append(issue.text)
            self.result.row_values.setdefault(number, list(raw_row))

    def _error(self, r: int, column: int | None, message: str, kind: RecordKind) -> None:
        self._issue(r, column, message, Severity.ERROR, kind)

    def build_kind(
        self, kind: RecordKind, cols: list[_Column], exclusive: list[int]
    ) -> Iterator[int]:
        """Build this kind's records; yields the row index every few thousand rows.

        The common row (every cell fine, every required field there) takes a short path;
        rows with problems go through :meth:`_check_row`, which writes the issues.
        """
        names = [col.spec.name for col in cols]
        columns = [col.outcomes for col in cols]
        count = len(self.data)
        # Whole-column questions are asked of the distinct values (or in C): Python visits a
        # row only when its column has a blank or a problem at all.
        present = self._present_rows(exclusive, count)
        present = self._with_contract_number(kind, cols, present)
        slow: set[int] = set()
        for col in cols:
            slow.update(col.problem_rows())
        for group in REQUIRED[kind]:
            group_cols = [col for col in cols if col.spec.name in group]
            if not group_cols:
                slow = set(range(count))
                break
            missing: list[set[int]] = []
            for col in group_cols:
                blank = col.blank_rows()
                if not blank:
                    break  # this column is filled on every row: the group is satisfied
                missing.append(blank)
            else:
                slow.update(set.intersection(*missing))
        records = self.result.records.setdefault(kind, [])
        column_of = {c.spec.name: c.index for c in cols}
        if kind in _REPEATED_KINDS:
            # Outcomes are shared per distinct cell value, so rows whose outcomes are the same
            # objects would give the same record: a wide sheet's fab or contract repeated on
            # every machine row. Visit the first of each, plus every row with a problem (those
            # must each be reported). Fed in reverse, the dict keeps each signature's first row.
            signatures = list(zip(*[map(id, outs) for outs in columns], strict=True))
            first = dict(zip(reversed(signatures), range(count - 1, -1, -1), strict=True))
            visit = sorted((set(first.values()) | slow) & present)
        else:
            visit = sorted(present) if len(present) < count else list(range(count))
        if kind in _PLAIN_KINDS:
            yield from self._build_plain(kind, names, visit, slow, cols, columns)
            return
        assemble = self._assemble
        for n, r in enumerate(visit):
            if n % _CANCEL_EVERY == 0:
                yield r
            outcomes = tuple(outs[r] for outs in columns)
            if r in slow and not self._check_row(kind, cols, outcomes, r):
                continue
            row_values = dict(zip(names, [o.value for o in outcomes], strict=True))
            record = assemble(kind, row_values, column_of, r)
            if record is not None:
                records.append(record)

    def _with_contract_number(
        self, kind: RecordKind, cols: list[_Column], present: set[int]
    ) -> set[int]:
        """On a sheet of machines, a row has a contract (or line) only if it names one.

        An installed-base export lists every machine; those without a service contract
        leave the contract number blank but may still fill its other columns (a currency, a
        contract type). Such a row is a machine, not a contract row missing its number: the
        machine is imported and the analyst is told the contract columns were not.
        """
        if kind not in (RecordKind.CONTRACT, RecordKind.CONTRACT_LINE):
            return present
        if RecordKind.MACHINE not in self.layout.kinds:
            return present
        name = "number" if kind is RecordKind.CONTRACT else "contract_number"
        number = next((c for c in cols if c.spec.name == name), None)
        if number is None:
            return present
        values = self.raw_columns[number.index]
        named = {r for r in present if values[r] is not None}
        if kind is RecordKind.CONTRACT:
            for r in sorted(present - named):
                self._issue(
                    r,
                    number.index,
                    "no contract number: the row's contract columns were not imported "
                    "(its machine was)",
                    Severity.WARNING,
                    kind,
                )
        return named

    def _present_rows(self, exclusive: list[int], count: int) -> set[int]:
        """Rows with a cell in any of ``exclusive`` (all rows, cheaply, when one is full)."""
        if any(None not in self.raw_columns[i] for i in exclusive):
            return set(range(count))
        present: set[int] = set()
        for i in exclusive:
            present.update(r for r, v in enumerate(self.raw_columns[i]) if v is not None)
        return present

    def _build_plain(
        self,
        kind: RecordKind,
        names: list[str],
        visit: list[int],
        slow: set[int],
        cols: list[_Column],
        columns: list[list[Outcome]],
    ) -> Iterator[int]:
        """Records whose fields are the cells' values as they are: built positionally, in bulk.

        Rows with a problem are checked one by one; the others are built a slice at a time by
        ``map`` over the value columns in the record's field order.
        """
        record_type = RECORD_TYPES[kind]
        by_name = dict(zip(names, columns, strict=True))
        file, sheet, numbers = self.raw.file_name, self.raw.sheet, self.numbers
        fast = [r for r in visit if r not in slow] if slow else visit
        checked: list[Record] = []
        for r in sorted(slow.intersection(visit)):
            outcomes = tuple(outs[r] for outs in columns)
            if self._check_row(kind, cols, outcomes, r):
                row_values = dict(zip(names, [o.value for o in outcomes], strict=True))
                checked.append(record_type(SourceRef(file, sheet, numbers[r]), **row_values))
        built: list[Record] = []
        whole = len(fast) == len(self.data)
        for start in range(0, len(fast), _CANCEL_EVERY):
            yield fast[start]
            stop = start + _CANCEL_EVERY
            rows = fast[start:stop]
            sources = [SourceRef(file, sheet, numbers[r]) for r in rows]
            field_columns: list[Iterable[object]] = []
            for name in _FIELD_NAMES[kind]:
                outs = by_name.get(name)
                if outs is None:
                    field_columns.append(repeat(None))
                elif whole:
                    field_columns.append(map(_VALUE, outs[start:stop]))
                else:
                    field_columns.append([outs[r].value for r in rows])
            built.extend(map(record_type, sources, *field_columns))
        records = self.result.records.setdefault(kind, [])
        if checked:
            built.extend(checked)
            built.sort(key=_ROW_OF)
        records.extend(built)

    def _check_row(
        self, kind: RecordKind, cols: list[_Column], outcomes: tuple[Outcome, ...], r: int
    ) -> bool:
        """Report the row's problems once per cell; True if the record can still be built."""
        ok = True
        values: dict[str, object] = {}
        for col, outcome in zip(cols, outcomes, strict=True):
            problem = outcome.problem
            if problem is not None:
                if problem.severity is Severity.ERROR:
                    ok = False
                if (r, col.index) not in self.reported:
                    self.reported.add((r, col.index))
                    self._issue(r, col.index, problem.message, problem.severity, kind)
            values[col.spec.name] = outcome.value
        for group in REQUIRED[kind]:
            if any(values.get(name) is not None for name in group):
                continue
            ok = False
            mapped = [c for c in cols if c.spec.name in group]
            if any(not c.outcomes[r].ok for c in mapped):
                continue  # the bad value was already reported
            label = " or ".join(FIELDS_BY_KEY[f"{kind.value}.{n}"].label.lower() for n in group)
            column = mapped[0].index if mapped else None
            self._error(r, column, f"the {label} is missing; a {kind.singular} row needs it", kind)
        return ok

    def _assemble(
        self, kind: RecordKind, values: dict[str, object], column_of: dict[str, int], r: int
    ) -> Record | None:
        source = SourceRef(self.raw.file_name, self.raw.sheet, self.numbers[r])
        if kind is RecordKind.FAB:
            facts = values.pop("technology", None)
            if isinstance(facts, TechnologyFacts):
                for name in _TECH_FIELDS:
                    if values.get(name) is None:
                        values[name] = getattr(facts, name)
            layers = values.get("nand_layers")
            values["nand_layers"] = int(layers) if isinstance(layers, float | int) else None
            values.setdefault("site_code", None)
            return FabRecord(source=source, **values)  # type: ignore[arg-type]
        if kind in (RecordKind.CONTRACT, RecordKind.CONTRACT_LINE):
            money = values.get("value")
            declared = values.get("currency")
            currency: str | None = declared if isinstance(declared, str) else None
            amount: Decimal | None = None
            if isinstance(money, Money):
                amount = money.amount
                hint = self.currency_hints.get(column_of["value"])
                if money.currency and currency and money.currency != currency:
                    self._error(
                        r,
                        column_of["value"],
                        f"the amount says {money.currency} but the currency column says {currency}",
                        kind,
                    )
                    return None
                currency = money.currency or currency or hint
            values["value"] = amount
            values["currency"] = currency
            if kind is RecordKind.CONTRACT:
                # An amount without a currency is the plan's to settle: the book's currency
                # (--currency) applies, or the contract is rejected there, saying so.
                start, end = values.get("start_date"), values.get("end_date")
                if start is not None and end is not None and end < start:  # type: ignore[operator]
                    self._error(
                        r, column_of.get("end_date"), "the contract ends before it starts", kind
                    )
                    return None
                return ContractRecord(source=source, **values)  # type: ignore[arg-type]
            start, end = values.get("start_date"), values.get("end_date")
            if start is not None and end is not None and end < start:  # type: ignore[operator]
                self._error(r, column_of.get("end_date"), "the line ends before it starts", kind)
                return None
            return ContractLineRecord(source=source, **values)  # type: ignore[arg-type]
        record_type = RECORD_TYPES[kind]
        record: Record = record_type(source=source, **values)
        return record

    def reject_stranded(self, stranded: Stranded) -> None:
        """Reject every row that fills a column of a kind the sheet cannot read (see
        :class:`Stranded`): its other records would import and this one vanish unsaid."""
        headings = self.layout.headings
        names = ", ".join(f"'{headings[i]}'" for i in stranded.columns)
        message = (
            f"this row's {stranded.kind.singular} is not imported: the sheet has columns for "
            f"it ({names}) but none the importer reads as its {stranded.missing}; give that "
            "column a heading the importer knows or map it in the column mapping"
        )
        for r, row in enumerate(self.data):
            column = next(
                (i for i in stranded.columns if i < len(row) and row[i] is not None), None
            )
            if column is not None:
                self._error(r, column, message, stranded.kind)

    def finish(self) -> None:
        """Fold repeated warnings into their first occurrence, then order issues by row."""
        for first, extra in self.warnings.values():
            if extra:
                issue = self.result.issues[first]
                self.result.issues[first] = replace(
                    issue,
                    message=f"{issue.message} (and {extra} more row{'s' if extra > 1 else ''} "
                    "with the same value)",
                )
        self.result.issues.sort(
            key=lambda i: (i.row or 0, len(i.column_letter or ""), i.column_letter or "")
        )
