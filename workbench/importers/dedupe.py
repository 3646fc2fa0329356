"""Records that occur more than once across the files of one import.

Wide exports repeat a fab, customer or contract on every machine row: identical repeats are one
record, silently. The same key with different values is a contradiction only the analyst can
resolve, so the later row is rejected and both rows are named. A machine listed twice on a
sheet of machines alone is worth a warning even when the rows agree: it usually means a copy
and paste error in the source.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace

from workbench.importers.outcome import Severity
from workbench.importers.records import (
    ContractLineRecord,
    FabRecord,
    ImportIssue,
    MachineRecord,
    Record,
    RecordKind,
    record_values,
    value_tuple,
)

_KEY_LABEL = {
    RecordKind.CUSTOMER: "customer",
    RecordKind.FAB: "fab site code",
    RecordKind.MACHINE: "machine (vendor and serial)",
    RecordKind.CONTRACT: "contract number",
    RecordKind.CONTRACT_LINE: "contract line (contract and serial)",
}


@dataclass(frozen=True, slots=True)
class NameLink:
    """Two spellings the file itself ties together: rows of one contract naming each."""

    first: str
    other: str
    evidence: str


@dataclass
class DedupeResult:
    records: list[Record]
    issues: list[ImportIssue]
    rejected: dict[tuple[str, str | None, int], list[str]]  # (file, sheet, row) -> reasons
    links: list[NameLink] = field(default_factory=list)


def _describe_key(record: Record) -> str:
    key = record.key
    if isinstance(key, tuple):
        return " / ".join(part for part in key if part)
    return key


def _differences(first: Record, later: Record) -> str:
    a, b = record_values(first), record_values(later)
    diffs = [f"{name} '{_show(a[name])}' vs '{_show(b[name])}'" for name in a if a[name] != b[name]]
    return "; ".join(diffs)


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


#: Whether two spellings name one organisation; given by the caller (the services layer owns
#: the name normaliser screening uses, which this plain-functions layer does not import).
SameName = Callable[[str, str], bool]
#: Fields that are names: a customer's (and its parent's) and a fab's ("GlobalFoundries U.S.
#: Inc. Fab 8" and "GLOBALFOUNDRIES U.S. INC. Fab 8" are one fab's name).
_NAME_FIELDS = frozenset({"customer_name", "parent", "name"})


def _differing(a: dict[str, object], b: dict[str, object]) -> set[str]:
    """The fields two records' values disagree on."""
    return {name for name in a if a[name] != b[name]}


def _named_by_one_code(first: Record, later: Record) -> bool:
    """Rows that name their customer by one code and only write its name differently."""
    a, b = record_values(first), record_values(later)
    code = a.get("customer_code")
    return _differing(a, b) == {"customer_name"} and bool(code) and code == b.get("customer_code")


def _only_name_differs(first: Record, later: Record) -> bool:
    """Two customer rows with one code whose only difference is how they write the name."""
    a, b = record_values(first), record_values(later)
    return _differing(a, b) == {"name"} and bool(getattr(first, "code", None))


def _only_customer_differs(first: Record, later: Record) -> tuple[str, str] | None:
    """The two customer names when two rows of one contract differ in nothing else."""
    a, b = record_values(first), record_values(later)
    names = a.get("customer_name"), b.get("customer_name")
    if _differing(a, b) != {"customer_name"} or not all(isinstance(n, str) and n for n in names):
        return None
    return str(names[0]), str(names[1])


def _same_but_spelling(first: Record, later: Record, same_name: SameName | None) -> bool:
    """True when the two records differ only in how they spell a customer's name."""
    if same_name is None:
        return False
    a, b = record_values(first), record_values(later)
    return all(
        name in _NAME_FIELDS
        and isinstance(a[name], str)
        and isinstance(b[name], str)
        and same_name(a[name], b[name])  # type: ignore[arg-type]
        for name in _differing(a, b)
    )


def _blank(value: object) -> bool:
    return value is None or value == frozenset()


def _complemented(first: Record, later: Record) -> Record | None:
    """``first`` with the fields only ``later`` gives, when no field holds two values."""
    a, b = record_values(first), record_values(later)
    differing = _differing(a, b)
    if not differing or not all(_blank(a[name]) or _blank(b[name]) for name in differing):
        return None
    added = {name: b[name] for name in differing if _blank(a[name])}
    return replace(first, **added) if added else first  # type: ignore[arg-type]


def _only_address_differs(first: Record, later: Record, same_name: SameName | None) -> bool:
    """Two rows of one site code that differ in the street address (and name spelling) only."""
    a, b = record_values(first), record_values(later)
    differing = _differing(a, b)
    if "address" not in differing or not isinstance(first, FabRecord):
        return False
    others = differing - {"address"}
    return all(
        name in _NAME_FIELDS
        and same_name is not None
        and isinstance(a[name], str)
        and isinstance(b[name], str)
        and same_name(a[name], b[name])  # type: ignore[arg-type]
        for name in others
    )


def dedupe(
    kind: RecordKind,
    records: Sequence[Record],
    single_kind_sheets: set[tuple[str, str | None]],
    same_name: SameName | None = None,
) -> DedupeResult:
    """Collapse identical repeats, report contradictory ones; first occurrence wins."""
    if kind is RecordKind.CONTRACT_LINE:
        return _dedupe_lines([r for r in records if isinstance(r, ContractLineRecord)])
    if len({record.key for record in records}) == len(records):
        return DedupeResult(list(records), [], {})  # no key twice: the common case
    kept: dict[Hashable, Record] = {}
    issues: list[ImportIssue] = []
    rejected: dict[tuple[str, str | None, int], list[str]] = {}
    links: list[NameLink] = []
    for record in records:
        key = record.key
        first = kept.get(key)
        if first is None:
            kept[key] = record
            continue
        src = record.source
        where = f"{first.source}"
        if value_tuple(first) == value_tuple(record):
            same_sheet = (first.source.file, first.source.sheet) == (src.file, src.sheet)
            if (
                kind is RecordKind.MACHINE
                and same_sheet
                and (src.file, src.sheet) in single_kind_sheets
            ):
                issues.append(
                    ImportIssue(
                        src.file,
                        src.sheet,
                        src.row,
                        None,
                        None,
                        _describe_key(record),
                        f"machine {_describe_key(record)} is listed again (first at row "
                        f"{first.source.row}); the repeat was ignored",
                        Severity.WARNING,
                        kind,
                    )
                )
            continue
        if _same_but_spelling(first, record, same_name) or _named_by_one_code(first, record):
            continue
        filled = _complemented(first, record)
        if filled is not None:
            # One sheet names the contract (an asset's "Agreement" column), another describes
            # it (the agreements sheet's dates and value): the later adds, it contradicts
            # nothing. Kept where it first appeared, with the values the later row gives.
            kept[key] = filled
            continue
        if kind is RecordKind.FAB and _only_address_differs(first, record, same_name):
            # One site, its street written two ways on two rows ("9921 NE Science Way" and
            # "9921 N.E. Science Way, Bldg 4"): the site code decides; the first is kept.
            issues.append(
                ImportIssue(
                    src.file,
                    src.sheet,
                    src.row,
                    None,
                    None,
                    _describe_key(record),
                    f"fab '{_describe_key(record)}' has the address "
                    f"'{_show(record_values(first)['address'])}' at {first.source} and "
                    f"'{_show(record_values(record)['address'])}' here; one site is one fab, "
                    "kept with the first address",
                    Severity.WARNING,
                    kind,
                )
            )
            continue
        if kind is RecordKind.CUSTOMER and _only_name_differs(first, record):
            # One customer number, two ways of writing its name ("JASM" on row 13, the full
            # legal name on row 2): the number decides; the first name is kept, and said.
            issues.append(
                ImportIssue(
                    src.file,
                    src.sheet,
                    src.row,
                    None,
                    None,
                    _describe_key(record),
                    f"customer '{_describe_key(record)}' is written "
                    f"'{record_values(first)['name']}' at {first.source} and "
                    f"'{record_values(record)['name']}' here; one customer number is one "
                    "customer, kept under the first name",
                    Severity.WARNING,
                    kind,
                )
            )
            continue
        names = _only_customer_differs(first, record) if kind is RecordKind.CONTRACT else None
        if names is not None:
            # One contract, two spellings of its customer ("TSMC" on row 15, the full name on
            # row 2): the contract keeps the first; whether the two are one customer is the
            # analyst's question, asked with this evidence, never a merge on our own.
            number = getattr(record, "number", None) or _describe_key(record)
            evidence = (
                f"contract '{number}' names '{names[0]}' at {first.source} and "
                f"'{names[1]}' at {src}"
            )
            links.append(NameLink(names[0], names[1], evidence))
            issues.append(
                ImportIssue(
                    src.file,
                    src.sheet,
                    src.row,
                    None,
                    None,
                    _describe_key(record),
                    f"{evidence}; the contract is taken as '{names[0]}''s, and the plan asks "
                    "whether the two names are one customer",
                    Severity.WARNING,
                    kind,
                )
            )
            continue
        issue = ImportIssue(
            src.file,
            src.sheet,
            src.row,
            None,
            None,
            _describe_key(record),
            f"{_KEY_LABEL[kind]} '{_describe_key(record)}' appears again with different values "
            f"(first at {where}): {_differences(first, record)}",
            Severity.ERROR,
            kind,
        )
        issues.append(issue)
        rejected.setdefault((src.file, src.sheet, src.row), []).append(issue.text)
    return DedupeResult(list(kept.values()), issues, rejected, links)


def _dedupe_lines(records: list[ContractLineRecord]) -> DedupeResult:
    """Lines may split one machine's services over rows: same period and value -> one line."""
    groups: dict[tuple[str, str, str], list[ContractLineRecord]] = {}
    issues: list[ImportIssue] = []
    rejected: dict[tuple[str, str | None, int], list[str]] = {}
    for record in records:
        existing = groups.setdefault(record.key, [])
        for i, other in enumerate(existing):
            same_terms = (other.start_date, other.end_date, other.value, other.currency) == (
                record.start_date,
                record.end_date,
                record.value,
                record.currency,
            )
            if same_terms:
                existing[i] = replace(
                    other, service_types=other.service_types | record.service_types
                )
                break
            if other.service_types & record.service_types:
                src = record.source
                overlap = ", ".join(
                    sorted(s.value for s in other.service_types & record.service_types)
                )
                issue = ImportIssue(
                    src.file,
                    src.sheet,
                    src.row,
                    None,
                    None,
                    _describe_key(record),
                    f"contract line '{_describe_key(record)}' covers {overlap} again with a "
                    f"different period or value (first at {other.source}): "
                    f"{_differences(other, record)}",
                    Severity.ERROR,
                    RecordKind.CONTRACT_LINE,
                )
                issues.append(issue)
                rejected.setdefault((src.file, src.sheet, src.row), []).append(issue.text)
                break
        else:
            existing.append(record)
    kept: list[Record] = [line for group in groups.values() for line in group]
    return DedupeResult(kept, issues, rejected)


def resolve_fab_names(machines: list[MachineRecord], fabs: list[FabRecord]) -> list[MachineRecord]:
    """Fill a machine's fab site code from the fab of that name in the same import, if unique."""
    by_name: dict[str, set[str]] = {}
    for fab in fabs:
        if fab.name and fab.site_code:
            by_name.setdefault(fab.name.casefold(), set()).add(fab.site_code)
    out: list[MachineRecord] = []
    for machine in machines:
        resolved = machine
        if machine.fab_site_code is None and machine.fab_name:
            codes = by_name.get(machine.fab_name.casefold(), set())
            if len(codes) == 1:
                resolved = replace(machine, fab_site_code=next(iter(codes)))
        out.append(resolved)
    return out
