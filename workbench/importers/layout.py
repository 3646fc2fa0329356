"""Understanding a sheet: where its header row is, what records it holds, which column is what.

A sheet's kinds are decided from its headings: a kind is present when every field it cannot do
without has a column (machines: serial, model and a fab reference; contracts: number,
customer, start, end and value; ...). One wide sheet can therefore yield machines, fabs,
customers, contracts and contract lines from the same rows, as installed-base exports often do.

A :class:`Mapping` is the plain, serialisable result (field key -> column heading). Saved as a
named profile and passed back in, it replaces detection: the columns it names are used and no
others, so a reviewed mapping means exactly the same thing on every later import.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from workbench.importers.cells import CellValue, column_letter, display
from workbench.importers.fields import FALLBACK_CONCEPTS, FIELDS_BY_KEY, REQUIRED, fields_of
from workbench.importers.headers import Concept, concept_of, header_key
from workbench.importers.records import RecordKind
from workbench.importers.sniff import sniff_columns

#: Title rows, notes and blank rows above the header are skipped, up to this many rows.
MAX_HEADER_SCAN = 30
MAX_HEADING_LENGTH = 80


@dataclass(frozen=True)
class Mapping:
    """Field key (``"machines.serial"``) -> column heading as written in the sheet.

    ``fields`` applies to every sheet; ``sheets`` holds per-sheet mappings that take precedence
    for the sheet of that name (a workbook with a fabs sheet and a machines sheet needs both).
    Headings are compared after normalisation, so "Serial No." matches "serial no".
    """

    fields: dict[str, str] = field(default_factory=dict)
    sheets: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key in [*self.fields, *(k for m in self.sheets.values() for k in m)]:
            if key not in FIELDS_BY_KEY:
                raise ValueError(
                    f"'{key}' is not an importable field; known fields are "
                    f"{', '.join(sorted(FIELDS_BY_KEY))}"
                )

    def for_sheet(self, sheet: str | None) -> dict[str, str]:
        if sheet is not None and sheet in self.sheets:
            return self.sheets[sheet]
        return self.fields

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"fields": dict(self.fields)}
        if self.sheets:
            out["sheets"] = {name: dict(m) for name, m in self.sheets.items()}
        return out

    @classmethod
    def from_dict(cls, data: MappingABC[str, object]) -> Mapping:
        """Inverse of :meth:`to_dict`; raises ValueError naming what is malformed."""
        fields_raw = data.get("fields", {})
        sheets_raw = data.get("sheets", {})
        if not isinstance(fields_raw, dict) or not isinstance(sheets_raw, dict):
            raise ValueError("a mapping needs 'fields' (and optionally 'sheets') as dictionaries")
        sheets: dict[str, dict[str, str]] = {}
        for name, sheet_map in sheets_raw.items():
            if not isinstance(sheet_map, dict):
                raise ValueError(f"mapping for sheet '{name}' is not a dictionary")
            sheets[str(name)] = _str_dict(sheet_map)
        return cls(_str_dict(fields_raw), sheets)


def _str_dict(raw: dict[object, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ValueError(f"mapping entry {key!r}: {value!r} must map a field name to a heading")
        out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """A sheet-level finding (no header, missing required column, ignored column)."""

    message: str
    column: int | None = None
    is_error: bool = False


@dataclass(frozen=True, slots=True)
class Stranded:
    """A kind the sheet plainly holds but cannot read: its columns are there, one is missing.

    "Manufacturer", "Manufacturer Model" and "Installation Date" say every row is a machine;
    with no column known as its serial, the machine cannot be built. The sheet's other kinds
    (fabs from the same rows) would still import, and the machines would be lost without a
    word: instead every row that fills one of ``columns`` is rejected, naming what is missing.
    """

    kind: RecordKind
    columns: tuple[int, ...]  # 0-based: recognised columns of this kind no read kind takes
    missing: str  # what the sheet lacks: "serial number", "serial number, nor its model"


@dataclass(frozen=True, slots=True)
class SheetLayout:
    header_row: int  # 1-based
    headings: tuple[str | None, ...]
    kinds: tuple[RecordKind, ...]
    columns: dict[str, int]  # field key -> 0-based column index
    problems: tuple[SheetProblem, ...] = ()
    stranded: tuple[Stranded, ...] = ()

    @property
    def mapping(self) -> Mapping:
        return Mapping(
            {key: self.headings[i] or column_letter(i) for key, i in self.columns.items()}
        )


def _headings(row: list[CellValue]) -> tuple[str | None, ...]:
    return tuple(
        " ".join(v.split()) if isinstance(v, str) and v.strip() else (display(v) or None)
        for v in row
    )


def _row_score_auto(row: list[CellValue]) -> int:
    concepts = set()
    texts = 0
    filled = 0
    for value in row:
        if value is None:
            continue
        filled += 1
        if isinstance(value, str) and len(value) <= MAX_HEADING_LENGTH:
            texts += 1
            concept = concept_of(value)
            if concept is not None:
                concepts.add(concept)
    if filled == 0 or texts * 2 < filled:
        return 0
    return len(concepts)


def find_header_row(
    rows: list[list[CellValue]], profile: dict[str, str] | None = None
) -> int | None:
    """0-based index of the header row, or None if no row in the scan window looks like one."""
    wanted = {header_key(h) for h in profile.values()} if profile else None
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:MAX_HEADER_SCAN]):
        if wanted is not None:
            score = len({header_key(v) for v in row if isinstance(v, str)} & wanted)
        else:
            score = _row_score_auto(row)
        if best is None or score > best[0]:
            best = (score, index)
    if best is None:
        return None
    needed = min(2, len(wanted)) if wanted is not None else 2
    return best[1] if best[0] >= needed else None


def detect_layout(
    rows: list[list[CellValue]],
    profile: dict[str, str] | None = None,
    table_header: int | None = None,
) -> SheetLayout | None:
    """Header row, kinds and column mapping of one sheet; None when no header row is found.

    ``table_header`` is the header row of the sheet's Excel Table: the workbook says where
    its headings are, so the scan (which a title block of "Customer: X  Fab: Y" labels can
    mislead) is not needed, and headings none of which are known still show as columns.
    """
    if table_header is not None and not profile:
        header_index: int | None = table_header
    else:
        header_index = find_header_row(rows, profile)
    if header_index is None:
        return None
    headings = _headings(rows[header_index])
    notes: list[SheetProblem] = []
    stacked = None if profile or table_header is not None else _stacked(rows, header_index)
    if stacked is not None:
        header_index, headings, note = stacked
        notes.append(note)
    with_data = _columns_with_data(rows, header_index, len(headings))
    if with_data and max(with_data) >= len(headings):
        headings = headings + (None,) * (max(with_data) + 1 - len(headings))
    if stacked is None:
        headings, notes = _merged_headings(rows, header_index, headings, with_data)
    if profile:
        layout = _layout_from_profile(header_index, headings, profile)
    else:
        layout = _layout_auto(header_index, headings, rows)
    for index in sorted(with_data):
        if index >= len(headings) or headings[index] is None:
            notes.append(
                SheetProblem(
                    f"column {column_letter(index)} holds values but has no heading, so it is "
                    "not imported; give it a heading to import it",
                    index,
                )
            )
    return replace(layout, problems=(*layout.problems, *notes)) if notes else layout


def _heading_row(row: list[CellValue]) -> bool:
    """Every cell blank or a short text: a row that can only be headings."""
    cells = [v for v in row if v is not None and v != ""]
    return bool(cells) and all(
        isinstance(v, str) and len(v) <= MAX_HEADING_LENGTH and not any(c.isdigit() for c in v)
        for v in cells
    )


def _concepts(headings: Sequence[str | None]) -> int:
    return len({c for h in headings if h and (c := concept_of(h)) is not None})


def _stacked(
    rows: list[list[CellValue]], header_index: int
) -> tuple[int, tuple[str | None, ...], SheetProblem] | None:
    """Headings written over two rows ("Serial" above "Number", "Contract" above "Start Date").

    JD Edwards grids, SAP lists and many hand-made sheets break each column title over two
    lines in two cells. Read as one row, neither names its columns ("Number", "Number",
    "Name"). Two heading-only rows are read as one, each column's title its two parts joined,
    when that names more columns than the better row alone; the data starts below the second.
    """
    best: tuple[int, tuple[str | None, ...]] | None = None
    alone = _concepts(_headings(rows[header_index]))
    for top in (header_index - 1, header_index):
        bottom = top + 1
        if top < 0 or bottom >= len(rows):
            continue
        if not (_heading_row(rows[top]) and _heading_row(rows[bottom])):
            continue
        upper, lower = _headings(rows[top]), _headings(rows[bottom])
        width = max(len(upper), len(lower))
        joined = tuple(
            " ".join(dict.fromkeys(p for p in (_at(upper, i), _at(lower, i)) if p)) or None
            for i in range(width)
        )
        score = _concepts(joined)
        if score > max(alone, _concepts(upper), _concepts(lower)) and (
            best is None or score > _concepts(best[1])
        ):
            best = (bottom, joined)
    if best is None:
        return None
    bottom, joined = best
    note = SheetProblem(
        f"the column titles are written over rows {bottom} and {bottom + 1} and were read "
        f"together ('{next(h for h in joined if h)}', ...); the data starts at row {bottom + 2}"
    )
    return bottom, joined, note


def _at(headings: tuple[str | None, ...], index: int) -> str | None:
    return headings[index] if index < len(headings) else None


def _columns_with_data(rows: list[list[CellValue]], header_index: int, width: int) -> set[int]:
    """Columns below the header that hold a value where the header row has no heading."""
    header = rows[header_index]
    longest = max((len(r) for r in rows[header_index + 1 :]), default=0)
    blank = [i for i in range(longest) if i >= len(header) or header[i] is None]
    if not blank:
        return set()
    found: set[int] = set()
    for row in rows[header_index + 1 :]:
        for i in blank:
            if i < len(row) and row[i] is not None and i not in found:
                found.add(i)
        if len(found) == len(blank):
            break
    return found


def _merged_headings(
    rows: list[list[CellValue]],
    header_index: int,
    headings: tuple[str | None, ...],
    with_data: set[int],
) -> tuple[tuple[str | None, ...], list[SheetProblem]]:
    """Fill blank headings of data columns from the row above: a two-row header.

    Exports with grouped headings put "Customer" in a cell merged over two rows (A1:A2) and
    "Machine" over "Serial | Model" (B1:C1). The header row found is the second one, where a
    merged cell reads as blank; without this the Customer column would be dropped silently.
    """
    if header_index == 0 or not with_data:
        return headings, []
    above = _headings(rows[header_index - 1])
    filled = list(headings)
    notes: list[SheetProblem] = []
    for index in sorted(with_data):
        text = above[index] if index < len(above) else None
        if text is None or len(text) > MAX_HEADING_LENGTH:
            continue
        while len(filled) <= index:
            filled.append(None)
        filled[index] = text
        notes.append(
            SheetProblem(
                f"column {column_letter(index)} has no heading in row {header_index + 1}; the "
                f"heading '{text}' of row {header_index} above it is used (a merged heading)",
                index,
            )
        )
    return tuple(filled), notes


def _layout_auto(
    header_index: int,
    headings: tuple[str | None, ...],
    rows: list[list[CellValue]] | None = None,
) -> SheetLayout:
    problems: list[SheetProblem] = []
    by_concept: dict[Concept, int] = {}
    for index, heading in enumerate(headings):
        if heading is None:
            continue
        concept = concept_of(heading)
        if concept is None:
            continue
        if concept in by_concept:
            first = by_concept[concept]
            problems.append(
                SheetProblem(
                    f"column '{heading}' ({column_letter(index)}) means the same as column "
                    f"'{headings[first]}' ({column_letter(first)}) and is not imported",
                    index,
                )
            )
            continue
        by_concept[concept] = index
    if rows is not None:
        _codes_under_a_name_heading(rows, header_index, headings, by_concept, problems)
    _name_beside_code(headings, by_concept)
    sniffed: list[SheetProblem] = []
    if rows is not None:
        claimed = set(by_concept.values())
        unknown = [i for i, h in enumerate(headings) if h is not None and concept_of(h) is None]
        for found in sniff_columns(
            rows, header_index, [i for i in unknown if i not in claimed], set(by_concept)
        ):
            by_concept[found.concept] = found.column
            heading = headings[found.column]
            sniffed.append(
                SheetProblem(
                    f"column '{heading}' ({column_letter(found.column)}) is read as "
                    f"{found.concept.value} from its values: {found.share:.0%} of them are "
                    f"{found.label}; change it in the column mapping if that is wrong",
                    found.column,
                )
            )
    have = set(by_concept)
    kinds = _detect_kinds(have)
    columns: dict[str, int] = {}
    for kind in kinds:
        for spec in fields_of(kind):
            concept = spec.concept
            if concept not in have:
                fallback = FALLBACK_CONCEPTS.get((kind, spec.name))
                if fallback is None or not _fallback_allowed(kind, kinds):
                    continue
                concept = fallback
                if concept not in have:
                    continue
            columns[spec.key] = by_concept[concept]
    if not kinds:
        problems.append(SheetProblem(_nothing_recognised(have), is_error=False))
    used = set(columns.values())
    stranded = _stranded(kinds, have, by_concept, used)
    # A column recognised by its values is reported only where a record kind took it.
    problems.extend(p for p in sniffed if p.column in used)
    for index, heading in enumerate(headings):
        if (
            heading is not None
            and index not in used
            and not any(p.column == index for p in problems)
        ):
            problems.append(
                SheetProblem(f"column '{heading}' ({column_letter(index)}) is not imported", index)
            )
    return SheetLayout(header_index + 1, headings, kinds, columns, tuple(problems), stranded)


#: Columns that say a row describes a machine or a contract of its own. A kind not read
#: although two of them stand unused is stranded (a lone "Status" or "End date" beside fabs
#: says too little to reject rows for); on a sheet where nothing else is read either, one of
#: the two must be the kind's key (a "Vendor | Model | Count" summary holds no machines).
_TELLING: dict[RecordKind, frozenset[Concept]] = {
    RecordKind.MACHINE: frozenset(
        {
            Concept.SERIAL,
            Concept.MODEL_CODE,
            Concept.VENDOR,
            Concept.CATEGORY,
            Concept.INSTALL_DATE,
            Concept.SHIP_DATE,
            Concept.LICENCE,
        }
    ),
    RecordKind.CONTRACT: frozenset(
        {
            Concept.CONTRACT_NUMBER,
            Concept.CONTRACT_PERIOD,
            Concept.SIGNED_DATE,
            Concept.START_DATE,
            Concept.END_DATE,
            Concept.VALUE,
            Concept.RENEWAL,
        }
    ),
}
_STRANDED_MIN = 2


def _stranded(
    kinds: tuple[RecordKind, ...],
    have: set[Concept],
    by_concept: dict[Concept, int],
    used: set[int],
) -> tuple[Stranded, ...]:
    """Machines or contracts the sheet's columns describe but no kind of the sheet reads.

    Left alone, the sheet's other kinds would import from the same rows with the machine (or
    contract) silently left out, or, where nothing else is read, a sheet of machines lacking
    its fab column would be skipped with a notice while the file's other sheets import.
    A contract-lines sheet is exempt: its serials and contract numbers are references, and
    a reference to a machine or contract that exists nowhere is already rejected by row.
    """
    if RecordKind.CONTRACT_LINE in kinds:
        return ()
    out: list[Stranded] = []
    for kind, telling in _TELLING.items():
        if kind in kinds:
            continue
        unused = sorted(by_concept[c] for c in telling & have if by_concept[c] not in used)
        if len(unused) < _STRANDED_MIN:
            continue
        if not kinds and not _KIND_NEEDS[kind][0] & have:
            continue  # nothing read, and not even the kind's key: not a sheet of these
        missing = [group for group in _KIND_NEEDS[kind] if not group & have]
        if not missing:
            continue
        out.append(Stranded(kind, tuple(unused), _missing_text(kind, missing)))
    return tuple(out)


def _missing_text(kind: RecordKind, missing: list[frozenset[Concept]]) -> str:
    """'serial number' or 'fab site code, fab name or fab city': the fields' own labels."""
    parts: list[str] = []
    for group in missing:
        labels = sorted({spec.label.lower() for spec in fields_of(kind) if spec.concept in group})
        parts.append(", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0])
    return ", nor its ".join(parts)


#: Headings too plain to mean a customer's name on their own, which do when they stand right
#: of the customer code: SAP prints the sold-to party's number and then its "Name 1"
#: ("Auftraggeber", "Name"); other ERPs do the same with "Description" or "Bezeichnung".
_PLAIN_NAMES = frozenset(
    {
        "name",
        "name1",
        "description",
        "bezeichnung",
        "naam",
        "nombre",
        "nazwa",
        "名称",
        "名稱",
        "名前",
        "이름",
    }
)


def _codes_under_a_name_heading(
    rows: list[list[CellValue]],
    header_index: int,
    headings: tuple[str | None, ...],
    by_concept: dict[Concept, int],
    problems: list[SheetProblem],
) -> None:
    """A "Customer" column of numbers is the customer's number, not its name.

    SAP's "Kunde" and "得意先" hold the sold-to party's number ("100234"); its name stands in
    the next column ("Name 1"). Read as names, every customer would be called by its number.
    Acumatica's "Customer" and Sage's "Client" hold an account code ("C3287") beside a
    "Customer Name" / "Raison sociale" column: where a second name column holds names, a first
    one of codes (one word with a digit, every row) is the code.
    """
    index = by_concept.get(Concept.CUSTOMER_NAME)
    if index is None or Concept.CUSTOMER_CODE in by_concept:
        return
    values = _sample(rows, header_index, index)
    if len(values) < 3:
        return
    other = next(
        (
            i
            for i, h in enumerate(headings)
            if i != index and h is not None and concept_of(h) is Concept.CUSTOMER_NAME
        ),
        None,
    )
    if all(v.isdigit() for v in values):
        reason = "holds numbers only"
    elif (
        other is not None
        and all(map(_code_like, values))
        and not all(map(_code_like, _sample(rows, header_index, other)))
    ):
        reason = f"holds codes, and column '{headings[other]}' ({column_letter(other)}) the names"
    else:
        return
    del by_concept[Concept.CUSTOMER_NAME]
    by_concept[Concept.CUSTOMER_CODE] = index
    if other is not None:  # "Name 1" was set aside as a second name column: it is the name
        by_concept[Concept.CUSTOMER_NAME] = other
        problems[:] = [p for p in problems if p.column != other]
    problems.append(
        SheetProblem(
            f"column '{headings[index]}' ({column_letter(index)}) {reason}, so it is "
            "read as the customer's number, not its name",
            index,
        )
    )


def _sample(rows: list[list[CellValue]], header_index: int, index: int) -> list[str]:
    """The column's first 200 filled cells below the header, as displayed text."""
    return [
        display(row[index]).strip()
        for row in rows[header_index + 1 : header_index + 201]
        if index < len(row) and row[index] not in (None, "")
    ]


def _code_like(text: str) -> bool:
    """An account code rather than a name: one short word holding a digit ("C3287", "KH-20")."""
    return (
        0 < len(text) <= 20 and not any(c.isspace() for c in text) and any(map(str.isdigit, text))
    )


def _name_beside_code(headings: tuple[str | None, ...], by_concept: dict[Concept, int]) -> None:
    code = by_concept.get(Concept.CUSTOMER_CODE)
    if code is None or Concept.CUSTOMER_NAME in by_concept:
        return
    index = code + 1
    beside = headings[index] if index < len(headings) else None
    if beside is None or header_key(beside) not in _PLAIN_NAMES:
        return
    if by_concept.get(Concept.TITLE) == index:
        del by_concept[Concept.TITLE]  # "Description" beside a code names the customer
    elif index in by_concept.values():
        return
    by_concept[Concept.CUSTOMER_NAME] = index


def _fallback_allowed(kind: RecordKind, kinds: tuple[RecordKind, ...]) -> bool:
    if kind is RecordKind.CONTRACT_LINE:
        # With the contract on the same row, its dates and value are the contract's; where
        # they differ between rows of one contract they are the lines' (see the sheet reader).
        return RecordKind.CONTRACT not in kinds
    if kind is RecordKind.CUSTOMER:
        # Only a sheet of customers says where they are headquartered: on any other sheet a
        # country is where the fab or machine is, which is not the owner's HQ.
        return kinds == (RecordKind.CUSTOMER,)
    return True


_C = Concept
_KIND_NEEDS: dict[RecordKind, tuple[frozenset[Concept], ...]] = {
    RecordKind.CUSTOMER: (frozenset({_C.CUSTOMER_NAME}),),
    RecordKind.FAB: (
        frozenset({_C.SITE_CODE, _C.FAB_NAME, _C.CITY}),
        frozenset({_C.COUNTRY}),
        frozenset({_C.CUSTOMER_CODE, _C.CUSTOMER_NAME}),
    ),
    RecordKind.MACHINE: (
        frozenset({_C.SERIAL}),
        frozenset({_C.MODEL_CODE}),
        frozenset({_C.SITE_CODE, _C.FAB_NAME, _C.CITY}),
    ),
    RecordKind.CONTRACT: (
        frozenset({_C.CONTRACT_NUMBER}),
        frozenset({_C.CUSTOMER_CODE, _C.CUSTOMER_NAME}),
    ),
    RecordKind.CONTRACT_LINE: (
        frozenset({_C.CONTRACT_NUMBER}),
        frozenset({_C.SERIAL}),
    ),
}


_CUSTOMER_DETAIL = frozenset({_C.CUSTOMER_CODE, _C.HQ_COUNTRY, _C.CUSTOMER_LOCAL_NAME, _C.PARENT})


def _detect_kinds(have: set[Concept]) -> tuple[RecordKind, ...]:
    """Every kind whose identifying columns are there: a row of a flat export describes a
    fab, a machine, a contract and a line at once, and each is read from it.

    A lone "Customer" column is a reference, not a customer record: the planner creates the
    customers a file names only by reference, and says so.
    """
    kinds = [k for k, needs in _KIND_NEEDS.items() if all(group & have for group in needs)]
    if RecordKind.CUSTOMER in kinds:
        detail = bool(have & _CUSTOMER_DETAIL) or (_C.COUNTRY in have and len(kinds) == 1)
        if not detail:
            kinds.remove(RecordKind.CUSTOMER)
    return tuple(kinds)


def _nothing_recognised(have: set[Concept]) -> str:
    best_kind, best_missing = None, None
    best_rank: tuple[int, bool, int] = (0, False, 0)
    for kind, needs in _KIND_NEEDS.items():
        missing = [group for group in needs if not group & have]
        # Most columns found, then machines (what a serial column most often means), then
        # fewest lacking.
        rank = (len(needs) - len(missing), kind is RecordKind.MACHINE, -len(missing))
        if best_missing is None or rank > best_rank:
            best_kind, best_missing, best_rank = kind, missing, rank
    assert best_kind is not None and best_missing is not None
    wanted = "; ".join(" or ".join(sorted(c.value for c in group)) for group in best_missing)
    return (
        f"no record kind recognised from the headings; closest is {best_kind.value}, "
        f"which also needs a column for: {wanted}"
    )


def _layout_from_profile(
    header_index: int, headings: tuple[str | None, ...], profile: dict[str, str]
) -> SheetLayout:
    problems: list[SheetProblem] = []
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(headings))) if h is not None}
    columns: dict[str, int] = {}
    for field_key, heading in profile.items():
        index = by_key.get(header_key(heading))
        if index is None:
            problems.append(
                SheetProblem(
                    f"the profile's column '{heading}' for {field_key} is not in this sheet"
                )
            )
            continue
        columns[field_key] = index
    kinds: list[RecordKind] = []
    for kind in RecordKind:
        mapped = {k.split(".", 1)[1] for k in columns if k.startswith(f"{kind.value}.")}
        if not mapped:
            continue
        missing = [group for group in REQUIRED[kind] if not set(group) & mapped]
        if missing:
            wanted = "; ".join(" or ".join(group) for group in missing)
            problems.append(
                SheetProblem(
                    f"{kind.value} cannot be read: the profile maps no column for {wanted}",
                    is_error=True,
                )
            )
            for key in [k for k in columns if k.startswith(f"{kind.value}.")]:
                del columns[key]
            continue
        kinds.append(kind)
    return SheetLayout(header_index + 1, headings, tuple(kinds), columns, tuple(problems))
