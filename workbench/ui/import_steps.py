"""The work behind the import wizard's pages, as plain functions a worker thread runs.

Nothing here touches Qt, so every step is testable on its own and runs on the job runners
with the usual progress callback and cancel token. The wizard keeps the results (what was
read, what the analyst mapped, what the preview found) and hands them to the next step.

Column mappings follow :class:`~workbench.importers.Mapping`: a field maps to one heading, a
heading may feed several fields (one "Site code" column names both the fab and the machine's
fab), per-sheet mappings are keyed by sheet name and the mapping of a CSV file is the
mapping's ``fields``. Two sources that share a key therefore share one mapping; the wizard
says so instead of silently importing one of them with the other's columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.cancel import CancelToken, Progress
from workbench.importers import (
    FIELDS_BY_KEY,
    REQUIRED,
    ImportIssue,
    Mapping,
    ParsedImport,
    RecordKind,
    RejectedRow,
    Severity,
)
from workbench.importers.cells import CellValue, column_letter, display
from workbench.importers.headers import header_key
from workbench.importers.readers import read_file
from workbench.services import importing
from workbench.services.import_errors import with_original_cells
from workbench.services.importing import Change, FieldChange, ImportPlan, PlanKind
from workbench.storage.database import Database

SheetKey = tuple[str, str | None]  # (file name, sheet name or None for a CSV file)

#: How many example values the mapping page shows under each heading.
SAMPLES = 3
_SAMPLE_SCAN = 50
_READ_SHARE = 850  # of 1000 progress steps: parsing; the rest is collecting the headings

KIND_LABELS: dict[PlanKind, str] = {
    PlanKind.CUSTOMERS: "Customers",
    PlanKind.FABS: "Fabs",
    PlanKind.MODELS: "Equipment models",
    PlanKind.MACHINES: "Machines",
    PlanKind.CONTRACTS: "Contracts",
    PlanKind.OBLIGATIONS: "Obligations",
}
RECORD_LABELS: dict[RecordKind, str] = {
    RecordKind.CUSTOMER: "Customers",
    RecordKind.FAB: "Fabs",
    RecordKind.MACHINE: "Machines",
    RecordKind.CONTRACT: "Contracts",
    RecordKind.CONTRACT_LINE: "Contract lines",
}


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceColumn:
    index: int  # 0-based
    heading: str
    samples: tuple[str, ...]

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True, slots=True)
class SheetColumns:
    file: str
    sheet: str | None
    header_row: int | None
    columns: tuple[SourceColumn, ...]

    @property
    def key(self) -> SheetKey:
        return (self.file, self.sheet)


@dataclass
class ReadResult:
    paths: list[Path]
    parsed: ParsedImport
    #: Every sheet the files hold, in reading order, with the headings of its header row.
    sheets: list[SheetColumns]
    #: The mapping the files were read with (a profile), or None for detection.
    mapping: Mapping | None = None

    def detected(self) -> dict[SheetKey, dict[str, str]]:
        """Field -> heading per sheet, as the read decided it."""
        return {(s.file, s.sheet): dict(s.mapping.fields) for s in self.parsed.sheets}


def read_files(
    paths: Sequence[Path],
    mapping: Mapping | None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ReadResult:
    """Parse the files and collect each sheet's headings; raises ImportFileError.

    The parser is run first, so a hostile file meets the guard before anything else reads it.
    """
    parsed = importing.read_files(paths, mapping, _scaled(progress, 0, _READ_SHARE), cancel)
    header_rows = {(s.file, s.sheet): s.header_row for s in parsed.sheets}
    sheets: list[SheetColumns] = []
    for number, path in enumerate(paths):
        if cancel is not None:
            cancel.raise_if_cancelled()
        _info, raw_sheets = read_file(Path(path), cancel)
        for raw in raw_sheets:
            header = header_rows.get((raw.file_name, raw.sheet))
            sheets.append(
                SheetColumns(raw.file_name, raw.sheet, header, _columns(raw.rows, header))
            )
        if progress is not None:
            step = (1000 - _READ_SHARE) * (number + 1) // max(len(paths), 1)
            progress(_READ_SHARE + step, 1000)
    return ReadResult(list(paths), parsed, sheets, mapping)


def _columns(rows: list[list[CellValue]], header_row: int | None) -> tuple[SourceColumn, ...]:
    if header_row is None or header_row > len(rows):
        return ()
    headings = rows[header_row - 1]
    below = rows[header_row : header_row + _SAMPLE_SCAN]
    out: list[SourceColumn] = []
    for index, value in enumerate(headings):
        heading = " ".join(value.split()) if isinstance(value, str) else display(value)
        if not heading:
            continue
        samples: list[str] = []
        for row in below:
            if index < len(row) and row[index] is not None:
                text = display(row[index]).strip()
                if text and text not in samples:
                    samples.append(text)
            if len(samples) == SAMPLES:
                break
        out.append(SourceColumn(index, heading, tuple(samples)))
    return tuple(out)


def _scaled(progress: Progress | None, start: int, end: int) -> Progress | None:
    if progress is None:
        return None
    outer = progress

    def report(done: int, total: int) -> None:
        share = done / total if total else 1.0
        outer(start + int((end - start) * share), 1000)

    return report


# -- mapping -----------------------------------------------------------------------------------


def required_status(fields: Iterable[str]) -> list[tuple[str, str, bool]]:
    """Per record kind the fields touch: (kind label, what it needs, whether that is mapped)."""
    by_kind: dict[RecordKind, set[str]] = {}
    for key in fields:
        spec = FIELDS_BY_KEY[key]
        by_kind.setdefault(spec.kind, set()).add(spec.name)
    out: list[tuple[str, str, bool]] = []
    for kind in RecordKind:
        mapped = by_kind.get(kind)
        if not mapped:
            continue
        for group in REQUIRED[kind]:
            labels = " or ".join(FIELDS_BY_KEY[f"{kind.value}.{name}"].label for name in group)
            out.append((RECORD_LABELS[kind], labels, bool(set(group) & mapped)))
    return out


def is_required(field_key: str) -> bool:
    spec = FIELDS_BY_KEY[field_key]
    return any(spec.name in group for group in REQUIRED[spec.kind])


class MappingError(ValueError):
    """The chosen columns cannot be expressed as one import mapping; the text says why."""


def mapping_for(
    sheets: Sequence[SheetColumns],
    chosen: dict[SheetKey, dict[str, str]],
    detected: dict[SheetKey, dict[str, str]] | None = None,
    base: Mapping | None = None,
) -> Mapping:
    """The Mapping that reads every sheet with the columns the analyst chose.

    ``detected`` is what the first read decided and ``base`` the mapping it read with (a
    profile, or None for detection): CSV files whose columns were left as detected keep being
    read that way, so one edited workbook sheet does not force one mapping on every CSV file.
    Raises MappingError (one sentence) when sources that share a key must be mapped alike and
    are not, or when a sheet the read found records on has no column mapped at all (the
    reader would fall back to detection and import the columns the analyst unmapped).
    """
    detected = detected or {}
    named: dict[str, tuple[SheetColumns, dict[str, str]]] = {}
    texts: list[tuple[SheetColumns, dict[str, str]]] = []
    for sheet in sheets:
        if sheet.header_row is None:
            continue
        fields = {k: v for k, v in chosen.get(sheet.key, {}).items() if v}
        if not fields:
            if detected.get(sheet.key):
                raise MappingError(
                    f"{_where(sheet)} has no column mapped; map its required columns or leave "
                    "its file out of this import."
                )
            continue  # nothing was found there and nothing is asked for: leave it be
        if sheet.sheet is None:
            texts.append((sheet, fields))
            continue
        earlier = named.get(sheet.sheet)
        if earlier is not None and _folded(earlier[1]) != _folded(fields):
            raise MappingError(
                f"{_where(earlier[0])} and {_where(sheet)} share one mapping (sheets of one "
                "name do) but were mapped differently; import them one at a time."
            )
        named[sheet.sheet] = (sheet, fields)
    return Mapping(
        _text_fields(texts, detected, base), {n: dict(f) for n, (_s, f) in named.items()}
    )


def _text_fields(
    texts: list[tuple[SheetColumns, dict[str, str]]],
    detected: dict[SheetKey, dict[str, str]],
    base: Mapping | None,
) -> dict[str, str]:
    """The one mapping every CSV file is read with (a Mapping has one for all of them)."""
    edited = [(s, f) for s, f in texts if _folded(f) != _folded(detected.get(s.key, {}))]
    if not edited:
        return dict(base.fields) if base is not None else {}
    first_sheet, first = edited[0]
    for sheet, fields in texts:
        if _folded(fields) != _folded(first):
            raise MappingError(
                f"{first_sheet.file} and {sheet.file} are CSV files, which share one mapping "
                "once their columns are changed; import them one at a time."
            )
    return dict(first)


def _folded(fields: dict[str, str]) -> dict[str, str]:
    return {k: header_key(v) for k, v in fields.items()}


def _where(sheet: SheetColumns) -> str:
    return f"{sheet.file}, sheet '{sheet.sheet}'" if sheet.sheet else sheet.file


def apply_profile(
    sheets: Sequence[SheetColumns], profile: Mapping
) -> dict[SheetKey, dict[str, str]]:
    """The profile's choices for the sheets whose headings carry them (matched as the reader
    matches them), so loading a profile in the wizard means what ``--profile`` means."""
    out: dict[SheetKey, dict[str, str]] = {}
    for sheet in sheets:
        wanted = profile.for_sheet(sheet.sheet)
        headings = {header_key(c.heading): c.heading for c in sheet.columns}
        out[sheet.key] = {
            key: headings[header_key(text)]
            for key, text in wanted.items()
            if header_key(text) in headings
        }
    return out


# -- preview -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RejectedLine:
    row: int
    values: tuple[str, ...]
    #: Column index -> what is wrong with that cell.
    cell_messages: dict[int, tuple[str, ...]]
    messages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RejectedSheet:
    file: str
    sheet: str | None
    headings: tuple[str, ...]
    lines: tuple[RejectedLine, ...]

    @property
    def title(self) -> str:
        return f"{self.file} › {self.sheet}" if self.sheet else self.file


@dataclass(frozen=True, slots=True)
class ChangeLine:
    kind: str
    key: str
    field: str  # empty for a new record
    old: str
    new: str
    source: str
    relocation: bool = False


@dataclass
class PreviewResult:
    read: ReadResult
    plan: ImportPlan
    rejected: list[RejectedSheet]
    new: list[ChangeLine]
    changed: list[ChangeLine]
    relocations: list[ChangeLine]
    issues: list[ImportIssue] = field(default_factory=list)


def make_preview(
    db: Database,
    read: ReadResult,
    mapping: Mapping | None,
    vendor: str | None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    *,
    matches: dict[str, str] | None = None,
    own_company: str | None = None,
    currency: str | None = None,
    country: str | None = None,
) -> PreviewResult:
    """Read again when the mapping changed, plan against the database, shape it for display."""
    if mapping is not None:
        parsed = importing.read_files(read.paths, mapping, _scaled(progress, 0, 700), cancel)
        read = ReadResult(read.paths, parsed, read.sheets, mapping)
    plan = importing.preview(
        db,
        read.parsed,
        vendor=vendor,
        cancel=cancel,
        matches=matches,
        own_company=own_company,
        currency=currency,
        country=country,
    )
    if progress is not None:
        progress(850, 1000)
    if cancel is not None:
        cancel.raise_if_cancelled()
    rows = with_original_cells(plan.rejected_rows, read.parsed)
    order = {sheet.key: number for number, sheet in enumerate(read.sheets)}
    rejected = sorted(
        rejected_sheets(rows, plan.all_issues),
        key=lambda r: order.get((r.file, r.sheet), len(order)),
    )
    result = PreviewResult(
        read,
        plan,
        rejected,
        [_line(kind, c) for kind, p in plan.kinds.items() for c in p.new],
        [_line(kind, c, f) for kind, p in plan.kinds.items() for c in p.changed for f in c.fields],
        [_line(PlanKind.MACHINES, c, f) for c in plan.relocations for f in c.fields],
        plan.all_issues,
    )
    if progress is not None:
        progress(1000, 1000)
    return result


def _line(kind: PlanKind, change: Change, fc: FieldChange | None = None) -> ChangeLine:
    source = str(change.source) if change.source is not None else ""
    if fc is None and change.services:
        # A contract line's obligations: one line naming its service types, not one per type.
        services = ", ".join(change.services)
        return ChangeLine(KIND_LABELS[kind], change.key, "Service types", "", services, source)
    if fc is None:
        return ChangeLine(KIND_LABELS[kind], change.key, "", "", "", source)
    label = fc.field.replace("_", " ").capitalize()
    return ChangeLine(
        KIND_LABELS[kind], change.key, label, fc.old, fc.new, source, fc.field == "fab"
    )


def rejected_sheets(
    rows: Iterable[RejectedRow], issues: Sequence[ImportIssue]
) -> list[RejectedSheet]:
    """Rejected rows grouped by source sheet, each cell that caused a rejection marked.

    Reading issues name the cell by letter; issues found against the database name the
    heading only (the record spans the row), so those are matched by heading.
    """
    by_row: dict[tuple[str, str | None, int], list[ImportIssue]] = {}
    for issue in issues:
        if issue.row is not None and issue.severity is Severity.ERROR:
            by_row.setdefault((issue.file, issue.sheet, issue.row), []).append(issue)
    groups: dict[SheetKey, tuple[list[str], list[RejectedLine]]] = {}
    for row in rows:
        headings, lines = groups.setdefault((row.file, row.sheet), ([], []))
        if len(row.headings) > len(headings):
            headings[:] = [h or column_letter(i) for i, h in enumerate(row.headings)]
        lines.append(_rejected_line(row, by_row.get((row.file, row.sheet, row.row), [])))
    out: list[RejectedSheet] = []
    for (file, sheet), (headings, lines) in groups.items():
        width = max([len(headings), *(len(line.values) for line in lines)])
        padded = [*headings, *(column_letter(i) for i in range(len(headings), width))]
        out.append(RejectedSheet(file, sheet, tuple(padded), tuple(lines)))
    return out


def _rejected_line(row: RejectedRow, issues: list[ImportIssue]) -> RejectedLine:
    by_heading = {header_key(h): i for i, h in reversed(list(enumerate(row.headings))) if h}
    cells: dict[int, list[str]] = {}
    messages: list[str] = []
    for issue in issues:
        column = _column_index(issue, by_heading)
        text = issue.message
        if issue.column_header is not None:
            letter = f" ({issue.column_letter})" if issue.column_letter else ""
            text = f"{issue.column_header}{letter}: {issue.message}"
        if text not in messages:
            messages.append(text)
        if column is not None and issue.message not in cells.setdefault(column, []):
            cells[column].append(issue.message)
    if not messages:  # a rejection without an issue of its own: keep the reader's sentences
        messages = list(row.reasons)
    return RejectedLine(
        row.row,
        tuple(display(v) for v in row.values),
        {k: tuple(v) for k, v in cells.items()},
        tuple(messages),
    )


def _column_index(issue: ImportIssue, by_heading: dict[str, int]) -> int | None:
    if issue.column_letter:
        number = 0
        for char in issue.column_letter:
            number = number * 26 + ord(char) - 64
        return number - 1
    if issue.column_header:
        return by_heading.get(header_key(issue.column_header))
    return None


def plan_notes(plan: ImportPlan) -> str:
    """What the file named only by reference and what it left unknown, in a few lines."""
    lines: list[str] = []
    created = [
        f"{sum(1 for c in k.new if c.referenced):,} {kind.value.replace('_', ' ')}"
        for kind, k in plan.kinds.items()
        if any(c.referenced for c in k.new)
    ]
    if created:
        lines.append("Created from the names the rows give: " + ", ".join(created) + ".")
    if plan.merged_spellings:
        lines.append(
            f"{len(plan.merged_spellings):,} spelling(s) of a customer taken as one "
            "(case, punctuation or legal form differ)."
        )
    if plan.unknowns:
        stated = "; ".join(f"{n:,} {what}" for what, n in sorted(plan.unknowns.items()))
        lines.append(f"Not stated by the file (kept as unknown, flagged in results): {stated}.")
    return "\n".join(lines)
