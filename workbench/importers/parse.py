"""The whole reading half of an import: files in, one :class:`ParsedImport` out.

Nothing here touches the database. The storage half takes the ParsedImport, compares it with
what is stored and commits; so everything it needs to show a preview and record a batch
(hashes, per-sheet mappings and counts, every rejected row with its reasons and original
cells) is in the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.cancel import CancelToken, Progress
from workbench.importers.cells import CellValue, RawSheet, column_letter
from workbench.importers.collector import collector_paused
from workbench.importers.dedupe import NameLink, SameName, dedupe, resolve_fab_names
from workbench.importers.layout import Mapping, SheetLayout, detect_layout
from workbench.importers.master_records import NameKey, unify_customer_numbers
from workbench.importers.outcome import Severity
from workbench.importers.readers import FileInfo, read_file
from workbench.importers.records import (
    ContractLineRecord,
    ContractRecord,
    CustomerRecord,
    FabRecord,
    ImportIssue,
    MachineRecord,
    Record,
    RecordKind,
)
from workbench.importers.sheet import read_sheet

_STEPS_PER_FILE = 1000
_READ_SHARE = 300  # of the steps per file: reading; the rest is normalising the rows


@dataclass(frozen=True, slots=True)
class SheetSummary:
    file: str
    sheet: str | None  # None for CSV/text files
    header_row: int | None  # 1-based; None when no header row was found (sheet skipped)
    kinds: tuple[RecordKind, ...]
    mapping: Mapping
    rows_read: int
    rows_rejected: int
    records: dict[RecordKind, int]
    #: Every heading of the header row: (column letter, heading, field keys it feeds); no
    #: field keys means the column is not imported, which the analyst must be told.
    columns: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def ignored(self) -> list[tuple[str, str]]:
        return [(letter, heading) for letter, heading, keys in self.columns if not keys]


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A source row that produced an error: enough to write it back out with its reasons."""

    file: str
    sheet: str | None
    row: int
    headings: tuple[str | None, ...]
    values: tuple[CellValue, ...]
    reasons: tuple[str, ...]


@dataclass
class ParsedImport:
    files: list[FileInfo] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    customers: list[CustomerRecord] = field(default_factory=list)
    fabs: list[FabRecord] = field(default_factory=list)
    machines: list[MachineRecord] = field(default_factory=list)
    contracts: list[ContractRecord] = field(default_factory=list)
    contract_lines: list[ContractLineRecord] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    #: Customer spellings the file ties together (rows of one contract naming each).
    name_links: list[NameLink] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)

    def records(self, kind: RecordKind) -> Sequence[Record]:
        lists: dict[RecordKind, Sequence[Record]] = {
            RecordKind.CUSTOMER: self.customers,
            RecordKind.FAB: self.fabs,
            RecordKind.MACHINE: self.machines,
            RecordKind.CONTRACT: self.contracts,
            RecordKind.CONTRACT_LINE: self.contract_lines,
        }
        return lists[kind]

    def counts(self) -> dict[str, int]:
        return {kind.value: len(self.records(kind)) for kind in RecordKind}


def parse_files(
    paths: Iterable[str | Path],
    profile: Mapping | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    same_name: SameName | None = None,
    name_key: NameKey | None = None,
) -> ParsedImport:
    """Read, understand, normalise and validate files; raises ImportFileError for a bad file.

    ``profile`` replaces header detection for every sheet it has a mapping for (see
    :class:`Mapping`). Row-level problems never raise: they are in ``result.issues``.
    ``same_name`` tells when two spellings of a customer are one ("Corp." and "Corporation"):
    rows of one fab or contract that spell its customer both ways then do not contradict.
    ``name_key`` (the key behind ``same_name``) finds customer numbers that are duplicate
    master records of one customer (see :mod:`workbench.importers.master_records`).
    """
    with collector_paused():
        return _parse_files(paths, profile, progress, cancel, same_name, name_key)


def _parse_files(
    paths: Iterable[str | Path],
    profile: Mapping | None,
    progress: Progress | None,
    cancel: CancelToken | None,
    same_name: SameName | None = None,
    name_key: NameKey | None = None,
) -> ParsedImport:
    path_list = [Path(p) for p in paths]
    total = _STEPS_PER_FILE * len(path_list)
    result = ParsedImport()
    collected: dict[RecordKind, list[Record]] = {kind: [] for kind in RecordKind}
    single_kind_sheets: set[tuple[str, str | None]] = set()
    rejected: dict[tuple[str, str | None, int], RejectedRow] = {}

    for file_index, path in enumerate(path_list):
        base = file_index * _STEPS_PER_FILE
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(base, total)
        info, raw_sheets = read_file(path, cancel)
        result.files.append(info)
        result.issues.extend(
            ImportIssue(info.name, None, None, None, None, None, notice, Severity.WARNING)
            for notice in info.notices
        )
        if progress is not None:
            progress(base + _READ_SHARE, total)
        weights = [max(len(s.rows), 1) for s in raw_sheets]
        done_rows = 0
        while raw_sheets:
            # Taken off the list, so each sheet's cells are freed once its records exist.
            raw = raw_sheets.pop(0)
            weight = weights[len(weights) - len(raw_sheets) - 1]
            if cancel is not None:
                cancel.raise_if_cancelled()

            sheet_progress = _SheetProgress(
                progress, base + _READ_SHARE, done_rows, sum(weights), total
            )
            _parse_sheet(
                raw,
                profile,
                result,
                collected,
                single_kind_sheets,
                rejected,
                cancel,
                sheet_progress,
            )
            del raw
            done_rows += weight
        if progress is not None:
            progress(base + _STEPS_PER_FILE, total)

    if name_key is not None:
        result.issues.extend(unify_customer_numbers(collected, name_key))
    for kind in RecordKind:
        deduped = dedupe(kind, collected[kind], single_kind_sheets, same_name)
        result.issues.extend(deduped.issues)
        result.name_links.extend(deduped.links)
        for key, reasons in deduped.rejected.items():
            _add_rejection(rejected, key, reasons, None)
        collected[kind] = deduped.records
    result.customers = [r for r in collected[RecordKind.CUSTOMER] if isinstance(r, CustomerRecord)]
    result.fabs = [r for r in collected[RecordKind.FAB] if isinstance(r, FabRecord)]
    result.machines = resolve_fab_names(
        [r for r in collected[RecordKind.MACHINE] if isinstance(r, MachineRecord)], result.fabs
    )
    result.contracts = [r for r in collected[RecordKind.CONTRACT] if isinstance(r, ContractRecord)]
    result.contract_lines = [
        r for r in collected[RecordKind.CONTRACT_LINE] if isinstance(r, ContractLineRecord)
    ]
    result.rejected_rows = sorted(rejected.values(), key=lambda r: (r.file, r.sheet or "", r.row))
    return result


@dataclass(frozen=True, slots=True)
class _SheetProgress:
    """Scales one sheet's (rows done, rows) into the file's share of the overall step count."""

    progress: Progress | None
    start: int
    rows_before: int
    rows_in_file: int
    total: int

    def __call__(self, done: int, _sheet_total: int) -> None:
        if self.progress is not None:
            span = _STEPS_PER_FILE - _READ_SHARE
            share = span * min(self.rows_before + done, self.rows_in_file) // self.rows_in_file
            self.progress(self.start + share, self.total)


def _add_rejection(
    rejected: dict[tuple[str, str | None, int], RejectedRow],
    key: tuple[str, str | None, int],
    reasons: list[str],
    row: tuple[tuple[str | None, ...], tuple[CellValue, ...]] | None,
) -> None:
    existing = rejected.get(key)
    if existing is None:
        headings, values = row if row is not None else ((), ())
        rejected[key] = RejectedRow(key[0], key[1], key[2], headings, values, tuple(reasons))
    else:
        rejected[key] = RejectedRow(
            existing.file,
            existing.sheet,
            existing.row,
            existing.headings,
            existing.values,
            existing.reasons + tuple(reasons),
        )


def _parse_sheet(
    raw: RawSheet,
    profile: Mapping | None,
    result: ParsedImport,
    collected: dict[RecordKind, list[Record]],
    single_kind_sheets: set[tuple[str, str | None]],
    rejected: dict[tuple[str, str | None, int], RejectedRow],
    cancel: CancelToken | None,
    progress: Progress,
) -> None:
    sheet_profile = profile.for_sheet(raw.sheet) if profile is not None else None
    layout = detect_layout(raw.rows, sheet_profile or None, raw.table_header)
    if layout is None:
        result.issues.append(
            ImportIssue(
                raw.file_name,
                raw.sheet,
                None,
                None,
                None,
                None,
                "no header row was found in the first rows, so the sheet was skipped",
                Severity.WARNING,
            )
        )
        result.sheets.append(SheetSummary(raw.file_name, raw.sheet, None, (), Mapping(), 0, 0, {}))
        return
    for problem in layout.problems:
        letter = column_letter(problem.column) if problem.column is not None else None
        heading = layout.headings[problem.column] if problem.column is not None else None
        result.issues.append(
            ImportIssue(
                raw.file_name,
                raw.sheet,
                None,
                heading,
                letter,
                None,
                problem.message,
                Severity.ERROR if problem.is_error else Severity.INFO,
            )
        )
    if len(layout.kinds) == 1:
        single_kind_sheets.add((raw.file_name, raw.sheet))
    sheet = read_sheet(raw, layout, cancel, progress)
    result.issues.extend(sheet.issues)
    for kind, records in sheet.records.items():
        collected[kind].extend(records)
    for number, reasons in sheet.rejected_rows.items():
        values = tuple(sheet.row_values.get(number, ()))
        _add_rejection(
            rejected, (raw.file_name, raw.sheet, number), reasons, (layout.headings, values)
        )
    result.sheets.append(
        SheetSummary(
            raw.file_name,
            raw.sheet,
            layout.header_row,
            layout.kinds,
            (sheet.layout or layout).mapping,
            sheet.rows_read,
            len(sheet.rejected_rows),
            {kind: len(records) for kind, records in sheet.records.items()},
            _columns(sheet.layout or layout),
        )
    )


def _columns(layout: SheetLayout) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    feeds: dict[int, list[str]] = {}
    for key, index in layout.columns.items():
        feeds.setdefault(index, []).append(key)
    return tuple(
        (column_letter(i), heading, tuple(feeds.get(i, ())))
        for i, heading in enumerate(layout.headings)
        if heading is not None
    )
