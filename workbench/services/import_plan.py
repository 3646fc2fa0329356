"""Resolving parsed records against the file and the database, and diffing them: the plan.

Pure Python over a :class:`BookSnapshot`: no database access, so every rule here is testable
with a hand-built snapshot. Records are resolved parents first (customers, fabs, equipment
models, machines, contracts, contract lines) so that a reference can point at a record of the
same file, a stored one, or a record this file tried to bring but had to reject; the message
then says which.

Rules that are not obvious:

- A blank cell, or a column the file does not have, means "not given": the stored value is
  kept, never cleared. Only values the file states can change a record.
- Customers match by code, else (no code in the file) by name, local name or alias, compared
  by :func:`~workbench.services.import_names.name_key` (case, spacing, punctuation and legal
  form do not count). A customer the file names only by reference (on a fab, machine or
  contract row) is created with a generated code. Its HQ country is the file's, else inferred
  when every fab it has is in one country (stored as inferred), else unknown: a fab's country
  is never taken as its owner's HQ on its own.
- A fab without a site code is found by its customer, name (or city) and country, among the
  file's fabs and the customer's stored fabs; a new one gets a generated site code.
- A machine's vendor is its row's vendor, else the ``--vendor`` option, else the vendor of the
  one stored machine with that serial, else the maker the equipment catalogue names for the
  model, else the book's own company; with none of those the row is rejected.
- An unknown equipment model is created with the row's category, the catalogue's, or else as
  "category unknown" with a warning: never rejected for that alone.
- A contract named only on its lines is created from them: the customer of their machines'
  fab (or of the row), the earliest line start (unknown if none is given), the latest line
  end and the sum of the line values. A line that names no services covers every service
  type, and its obligations say the coverage is assumed.
- A contract line becomes one obligation per service type, with the line's dates or else the
  contract's. Value: a line's value is split equally over its service types; lines without a
  value share what the contract value leaves after the priced lines of that contract in this
  import, equally per line, then equally per service type. Splits are to the cent and the
  cents left over go to the first parts, so the parts always add up to the whole.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from workbench.domain.cancel import CancelToken
from workbench.domain.enums import Architecture, EquipmentCategory, ProcessType, ServiceType
from workbench.domain.technology import advanced_node
from workbench.importers import (
    ContractLineRecord,
    ContractRecord,
    CustomerRecord,
    FabRecord,
    ImportIssue,
    MachineRecord,
    ParsedImport,
    RecordKind,
    RejectedRow,
    Severity,
    SourceRef,
)
from workbench.importers.records import fab_place
from workbench.services.import_model import (
    Change,
    FieldChange,
    ImportPlan,
    KindPlan,
    NewRef,
    PlanKind,
    TableWrites,
    show,
)
from workbench.services.import_names import (
    generated_code,
    name_key,
    near_matches,
    unique_code,
    with_linked_names,
)
from workbench.services.import_snapshot import (
    BookSnapshot,
    StoredContract,
    StoredFab,
    StoredMachine,
)

CENT = Decimal("0.01")
_CANCEL_EVERY = 20_000
_RECORD_TO_PLAN = {
    RecordKind.CUSTOMER: PlanKind.CUSTOMERS,
    RecordKind.FAB: PlanKind.FABS,
    RecordKind.MACHINE: PlanKind.MACHINES,
    RecordKind.CONTRACT: PlanKind.CONTRACTS,
    RecordKind.CONTRACT_LINE: PlanKind.OBLIGATIONS,
}
_SERVICE_ORDER = {s: i for i, s in enumerate(ServiceType)}

CUSTOMER_COLUMNS = ("code", "name", "local_name", "hq_country", "parent_id", "hq_country_basis")
FAB_COLUMNS = (
    "site_code",
    "name",
    "customer_id",
    "country",
    "region",
    "city",
    "address",
    "process_type",
    "logic_node_nm",
    "architecture",
    "dram_half_pitch_nm",
    "nand_layers",
    "wafer_size_mm",
    "advanced_node",
)
MODEL_COLUMNS = ("vendor", "model_code", "category")
MACHINE_COLUMNS = (
    "vendor",
    "serial",
    "model_id",
    "fab_id",
    "status",
    "ship_date",
    "install_date",
    "shipped_under_licence",
)
CONTRACT_COLUMNS = (
    "number",
    "customer_id",
    "title",
    "signed_date",
    "start_date",
    "end_date",
    "value",
    "currency",
    "renewal",
)
OBLIGATION_COLUMNS = (
    "contract_id",
    "machine_id",
    "service_type",
    "start_date",
    "end_date",
    "value",
    "coverage_assumed",
)

#: Columns an update rewrites, per table (natural keys and parents' ids stay as they are).
UPDATE_COLUMNS: dict[PlanKind, tuple[str, ...]] = {
    PlanKind.CUSTOMERS: ("name", "local_name", "hq_country", "parent_id", "hq_country_basis"),
    PlanKind.FABS: FAB_COLUMNS[1:],
    PlanKind.MODELS: ("category",),
    PlanKind.MACHINES: MACHINE_COLUMNS[2:],
    PlanKind.CONTRACTS: CONTRACT_COLUMNS[1:],
    PlanKind.OBLIGATIONS: ("start_date", "end_date", "value", "coverage_assumed"),
}
#: A contract that states no currency and no value: ISO 4217's "no currency".
NO_CURRENCY = "XXX"
HQ_STATED = "stated"
HQ_INFERRED = "inferred"
INSERT_COLUMNS: dict[PlanKind, tuple[str, ...]] = {
    PlanKind.CUSTOMERS: CUSTOMER_COLUMNS,
    PlanKind.FABS: FAB_COLUMNS,
    PlanKind.MODELS: MODEL_COLUMNS,
    PlanKind.MACHINES: MACHINE_COLUMNS,
    PlanKind.CONTRACTS: CONTRACT_COLUMNS,
    PlanKind.OBLIGATIONS: OBLIGATION_COLUMNS,
}

Ref = int | NewRef


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file record that was rejected; references to it say so and name its row."""

    source: SourceRef


@dataclass(slots=True, eq=False)
class _Target:
    """An accepted file record: its reference, a display name, and what dependants need.

    Not frozen: one is made per machine row, and a frozen dataclass's ``__init__`` costs
    several times a plain one's. Nothing changes a target once made.
    """

    ref: Ref
    label: str
    source: SourceRef
    contract: ContractRecord | StoredContract | None = None


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` in ``parts`` amounts to the cent that add up exactly; leftover cents go first."""
    if parts <= 0:
        return []
    cents = int((total / CENT).to_integral_value(rounding=ROUND_DOWN))
    base, extra = divmod(cents, parts)
    return [Decimal(base + (1 if i < extra else 0)) * CENT for i in range(parts)]


def _label_fab(name: str | None, code: str) -> str:
    return f"{name} ({code})" if name and name != code else code


@dataclass
class _Planner:
    parsed: ParsedImport
    snap: BookSnapshot
    vendor_option: str | None
    cancel: CancelToken | None
    kinds: dict[PlanKind, KindPlan] = field(
        default_factory=lambda: {k: KindPlan(k) for k in PlanKind}
    )
    writes: dict[PlanKind, TableWrites] = field(
        default_factory=lambda: {k: TableWrites() for k in PlanKind}
    )
    issues: list[ImportIssue] = field(default_factory=list)
    reasons: dict[tuple[str, str | None, int], list[str]] = field(default_factory=dict)
    headings: dict[tuple[str, str | None], dict[str, str]] = field(default_factory=dict)
    # accepted (or rejected) file records by case-folded key
    customers_by_code: dict[str, _Target | Rejected] = field(default_factory=dict)
    customers_by_name: dict[str, list[_Target | Rejected]] = field(default_factory=dict)
    fabs_by_code: dict[str, _Target | Rejected] = field(default_factory=dict)
    fabs_by_name: dict[str, list[_Target | Rejected]] = field(default_factory=dict)
    models: dict[tuple[str, str], tuple[Ref, str | None, SourceRef | None]] = field(
        default_factory=dict
    )
    machines: dict[tuple[str, str], _Target | Rejected] = field(default_factory=dict)
    _by_serial: dict[str, list[tuple[tuple[str, str], _Target]]] | None = None
    rejected_serials: dict[str, Rejected] = field(default_factory=dict)
    contracts: dict[str, _Target | Rejected] = field(default_factory=dict)
    line_terms: dict[str, _LineTerms] = field(default_factory=dict)
    #: Name (as written) -> stored customer code the analyst said it is (``--match``).
    matches: dict[str, str] = field(default_factory=dict)
    #: The book's own company: the vendor of a machine nothing else names a maker for.
    own_vendor: str | None = None
    #: The book's currency: the currency of an amount the file states without one.
    book_currency: str | None = None
    #: The country of fabs the file names without one (``--country``), for this import only.
    file_country: str | None = None
    referenced_fab_sources: set[SourceRef] = field(default_factory=set)
    _file_name_keys: set[str] | None = None
    model_lookup: Callable[[str, str | None], tuple[str, str] | None] | None = None
    #: A vendor as written ("LAM RESEARCH", "Tokyo Electron") -> its canonical name ("Lam
    #: Research", "TEL"), from the equipment catalogue; None where the catalogue is silent.
    vendor_names: Callable[[str], str | None] | None = None
    _vendor_cache: dict[str, str] = field(default_factory=dict)
    _stored_vendors: set[str] | None = None
    stored_by_key: dict[str, set[int]] = field(default_factory=dict)
    taken_codes: set[str] = field(default_factory=set)
    customer_inserts: dict[Hashable, int] = field(default_factory=dict)  # NewRef key -> row
    fab_identity: dict[tuple[str, str, str], _Target | Rejected] = field(default_factory=dict)
    fab_customer: dict[Hashable, Ref] = field(default_factory=dict)  # fab ref -> customer ref
    machine_fab: dict[Hashable, Ref] = field(default_factory=dict)  # machine ref -> fab ref
    fab_countries: dict[Hashable, set[str]] = field(default_factory=dict)  # customer -> countries
    merged_spellings: list[tuple[str, str]] = field(default_factory=list)
    unknowns: dict[str, int] = field(default_factory=dict)
    new_customer_names: list[str] = field(default_factory=list)
    generated_codes: dict[Hashable, str] = field(default_factory=dict)
    referenced_sources: set[SourceRef] = field(default_factory=set)

    def __post_init__(self) -> None:
        for sheet in self.parsed.sheets:
            self.headings[(sheet.file, sheet.sheet)] = sheet.mapping.fields
        for customer in self.snap.customers.values():
            spellings = [
                customer.name,
                customer.local_name,
                *self.snap.aliases.get(customer.id, []),
            ]
            for spelling in spellings:
                if spelling:
                    self.stored_by_key.setdefault(name_key(spelling), set()).add(customer.id)
        self.taken_codes = {c.code.casefold() for c in self.snap.customers.values()}
        self.matches = {name_key(k): v for k, v in self.matches.items()}

    def warn(self, kind: PlanKind, source: SourceRef, message: str, field_key: str) -> None:
        """A doubt the analyst should see: the record is kept."""
        heading = self.headings.get((source.file, source.sheet), {}).get(field_key)
        self.issues.append(
            ImportIssue(
                source.file,
                source.sheet,
                source.row,
                heading,
                None,
                None,
                message,
                Severity.WARNING,
                _record_kind(kind),
            )
        )

    def spellings(self) -> list[tuple[str, str]]:
        """(spelling in the file, the customer's name) where the two differ but are one.

        Rows that spell a customer two ways collapse before the planner sees the second
        spelling (see ``same_name`` in the reader), so the names are gathered from every
        record that names a customer.
        """
        written: set[str] = {r.name for r in self.parsed.customers}
        for records in (self.parsed.fabs, self.parsed.machines, self.parsed.contracts):
            written.update(r.customer_name for r in records if r.customer_name)
        found = set(self.merged_spellings)
        for spelling in written:
            key = name_key(spelling)
            targets = [t for t in self.customers_by_name.get(key, []) if isinstance(t, _Target)]
            stored = self._stored_by_name(spelling)
            if targets:
                name = targets[0].label
            elif len(stored) == 1:
                name = self.snap.customers[next(iter(stored))].name
            else:
                continue
            if name != spelling:
                found.add((spelling, name))
        return sorted(found)

    def note_unknown(self, what: str) -> None:
        self.unknowns[what] = self.unknowns.get(what, 0) + 1

    # -- bookkeeping -------------------------------------------------------------------------

    def reject(
        self,
        kind: PlanKind,
        source: SourceRef,
        message: str,
        field_key: str | None = None,
        value: object = None,
    ) -> Rejected:
        heading = self.headings.get((source.file, source.sheet), {}).get(field_key or "")
        issue = ImportIssue(
            source.file,
            source.sheet,
            source.row,
            heading,
            None,
            show(value) if value is not None else None,
            message,
            Severity.ERROR,
            _record_kind(kind),
        )
        self.issues.append(issue)
        self.kinds[kind].rejected += 1
        self.reasons.setdefault((source.file, source.sheet, source.row), []).append(issue.text)
        return Rejected(source)

    def check_cancel(self, index: int) -> None:
        if self.cancel is not None and index % _CANCEL_EVERY == 0:
            self.cancel.raise_if_cancelled()

    def _record(
        self,
        kind: PlanKind,
        key: str,
        source: SourceRef,
        changes: list[FieldChange],
        *,
        is_new: bool,
        record_id: int | None = None,
        referenced: bool = False,
    ) -> bool:
        """Count the record; True when it has something to write."""
        plan = self.kinds[kind]
        if is_new:
            plan.new.append(Change(key, source, referenced=referenced))
            return True
        if changes:
            plan.changed.append(Change(key, source, tuple(changes), record_id))
            return True
        plan.unchanged += 1
        return False

    # -- customers ---------------------------------------------------------------------------

    def plan_customers(self) -> None:
        pending: list[tuple[CustomerRecord, _Target, int | None]] = []
        for record in self.parsed.customers:
            if not record.code:
                same = self._file_customer(record.name)
                if same is not None:
                    # Another spelling of a customer this file already gave ("Corp." for
                    # "Corporation"): one customer, not two.
                    if isinstance(same, _Target) and same.label != record.name:
                        self.merged_spellings.append((record.name, same.label))
                    self._register_customer(record, same)
                    continue
            target = self._identify_customer(record)
            if isinstance(target, Rejected):
                self._register_customer(record, target)
                continue
            stored_id = target.ref if isinstance(target.ref, int) else None
            pending.append((record, target, stored_id))
            self._register_customer(record, target)
        # A customer whose parent is rejected is rejected too; repeat until nothing moves.
        parents: dict[int, Ref | None] = {}
        settled = False
        while not settled:
            settled = True
            for index, (record, target, _stored) in enumerate(pending):
                if index in parents or self.customers_by_code.get(_ckey(record)) is not target:
                    continue
                if record.parent is None:
                    parents[index] = None
                    continue
                parent = self.resolve_customer(
                    record.parent, record.parent, PlanKind.CUSTOMERS, record.source, "parent"
                )
                if isinstance(parent, Rejected):
                    self._register_customer(record, Rejected(record.source))
                    settled = False
                    parents.clear()  # customers settled under this one are resolved again
                    break
                parents[index] = parent.ref if parent.ref != target.ref else None
        for index, (record, target, stored_id) in enumerate(pending):
            if index not in parents:
                continue
            self._write_customer(record, target, stored_id, parents[index])

    def _stored_by_name(self, name: str) -> set[int]:
        matched = self.matches.get(name_key(name))
        if matched is not None:
            stored = self.snap.customer_by_code.get(matched.casefold())
            if stored is not None:
                return {stored.id}
        return self.stored_by_key.get(name_key(name), set())

    def _file_customer(self, name: str) -> _Target | Rejected | None:
        """The customer this import already took under a spelling of ``name``, if one."""
        found = self.customers_by_name.get(name_key(name), [])
        accepted = [t for t in found if isinstance(t, _Target)]
        if accepted:
            return accepted[0]
        return found[0] if found else None

    def _identify_customer(self, record: CustomerRecord) -> _Target | Rejected:
        stored = None
        if record.code:
            stored = self.snap.customer_by_code.get(record.code.casefold())
            if stored is None:
                same_name = self._stored_by_name(record.name)
                if same_name:
                    other = self.snap.customers[min(same_name)]
                    return self.reject(
                        PlanKind.CUSTOMERS,
                        record.source,
                        f"customer '{record.name}' is stored with code '{other.code}'; the code "
                        f"'{record.code}' would create a second customer of that name",
                        "customers.code",
                        record.code,
                    )
        else:
            ids = self._stored_by_name(record.name)
            if len(ids) > 1:
                codes = ", ".join(sorted(self.snap.customers[i].code for i in ids))
                return self.reject(
                    PlanKind.CUSTOMERS,
                    record.source,
                    f"the name '{record.name}' belongs to several stored customers ({codes}); "
                    "add a customer code column",
                    "customers.name",
                    record.name,
                )
            if ids:
                stored = self.snap.customers[next(iter(ids))]
        if stored is not None:
            return _Target(stored.id, stored.name, record.source)
        code = record.code or unique_code(generated_code([record.name]), self.taken_codes)
        if record.code:
            self.taken_codes.add(record.code.casefold())
        self.new_customer_names.append(record.name)
        self.generated_codes[code.casefold()] = code
        return _Target(NewRef(PlanKind.CUSTOMERS, code.casefold()), record.name, record.source)

    def _register_customer(self, record: CustomerRecord, target: _Target | Rejected) -> None:
        if record.code:
            self.customers_by_code[record.code.casefold()] = target
        else:
            self.customers_by_code[record.name.casefold()] = target
        for spelling in {name_key(record.name), name_key(record.local_name or "")} - {""}:
            entries = self.customers_by_name.setdefault(spelling, [])
            entries[:] = [e for e in entries if e.source != record.source] + [target]

    def _write_customer(
        self, record: CustomerRecord, target: _Target, stored_id: int | None, parent: Ref | None
    ) -> None:
        if stored_id is None:
            assert isinstance(target.ref, NewRef)
            code = record.code or self._generated_code(target.ref)
            self._record(
                PlanKind.CUSTOMERS,
                code,
                record.source,
                [],
                is_new=True,
                referenced=record.source in self.referenced_sources,
            )
            inserts = self.writes[PlanKind.CUSTOMERS].inserts
            self.customer_inserts[target.ref.key] = len(inserts)
            basis = HQ_STATED if record.hq_country else None
            inserts.append((code, record.name, record.local_name, record.hq_country, parent, basis))
            return
        stored = self.snap.customers[stored_id]
        merged = {
            # A spelling variant ("CORP" for "Corporation") does not rename the customer.
            "name": stored.name if name_key(record.name) == name_key(stored.name) else record.name,
            "local_name": _given(record.local_name, stored.local_name),
            "hq_country": _given(record.hq_country, stored.hq_country),
            "parent_id": parent if record.parent is not None else stored.parent_id,
        }
        if record.name != merged["name"]:
            self.merged_spellings.append((record.name, stored.name))
        changes = _diff(
            {
                "name": stored.name,
                "local_name": stored.local_name,
                "hq_country": stored.hq_country,
            },
            merged,
        )
        if merged["parent_id"] != stored.parent_id:
            changes.append(
                FieldChange(
                    "parent",
                    self._customer_label(stored.parent_id),
                    self._customer_label(merged["parent_id"]),
                )
            )
        if self._record(
            PlanKind.CUSTOMERS,
            stored.code,
            record.source,
            changes,
            is_new=False,
            record_id=stored.id,
        ):
            basis = HQ_STATED if record.hq_country else stored.hq_country_basis
            self.writes[PlanKind.CUSTOMERS].updates.append(
                {"id": stored.id, "version": stored.version, **merged, "hq_country_basis": basis}
            )

    def _generated_code(self, ref: NewRef) -> str:
        """The generated code behind a new customer's reference, as it was first spelled."""
        return self.generated_codes[ref.key]

    def _customer_label(self, ref: object) -> str:
        if isinstance(ref, int):
            return self.snap.customers[ref].name
        if isinstance(ref, NewRef):
            return str(ref.key)
        return ""

    def resolve_customer(
        self,
        code: str | None,
        name: str | None,
        kind: PlanKind,
        source: SourceRef,
        field_prefix: str,
    ) -> _Target | Rejected:
        """A customer named by code (else by name) among the file's customers or the stored ones.

        ``field_prefix`` is ``customer`` (fabs, contracts: the ``customer_code`` and
        ``customer_name`` columns) or ``parent`` (a customer's parent, one column for both).
        """
        if field_prefix == "parent":
            code_field = name_field = "customers.parent"
        else:
            code_field = f"{kind.value}.{field_prefix}_code"
            name_field = f"{kind.value}.{field_prefix}_name"
        if code:
            found = self.customers_by_code.get(code.casefold())
            if isinstance(found, Rejected):
                return self._rejected_reference(
                    kind, source, f"customer '{code}'", found, code_field, code
                )
            if found is not None:
                return found
            stored = self.snap.customer_by_code.get(code.casefold())
            if stored is not None:
                return _Target(stored.id, stored.name, source)
            if not name:
                return self.reject(
                    kind,
                    source,
                    f"customer code '{code}' is neither in the file nor in the database",
                    code_field,
                    code,
                )
        assert name is not None
        candidates = self.customers_by_name.get(name_key(name), [])
        accepted = [c for c in candidates if isinstance(c, _Target)]
        stored_ids = self._stored_by_name(name)
        refs = {c.ref for c in accepted} | stored_ids
        if len(refs) == 1:
            if accepted:
                return accepted[0]
            stored_c = self.snap.customers[next(iter(stored_ids))]
            return _Target(stored_c.id, stored_c.name, source)
        if len(refs) > 1:
            return self.reject(
                kind,
                source,
                f"customer '{name}' matches several customers; give its customer code",
                name_field,
                name,
            )
        rejected = [c for c in candidates if isinstance(c, Rejected)]
        if rejected:
            return self._rejected_reference(
                kind, source, f"customer '{name}'", rejected[0], name_field, name
            )
        answered = self._answered_in_file(name, kind, source, field_prefix)
        if answered is not None:
            return answered
        return self._customer_from_reference(code, name, source)

    def _names_in_file(self) -> set[str]:
        """Name keys of every customer spelling this import's rows write."""
        if self._file_name_keys is None:
            keys = {name_key(record.name) for record in self.parsed.customers}
            named: list[str | None] = [
                *(r.customer_name for r in self.parsed.fabs),
                *(r.customer_name for r in self.parsed.machines),
                *(r.customer_name for r in self.parsed.contracts),
            ]
            keys.update(name_key(n) for n in named if n)
            self._file_name_keys = keys
        return self._file_name_keys

    def _answered_in_file(
        self, name: str, kind: PlanKind, source: SourceRef, field_prefix: str
    ) -> _Target | Rejected | None:
        """The customer of this import the analyst said ``name`` is (``--match X=Y``).

        Y is the other spelling as the file writes it ("TSMC=Taiwan Semiconductor
        Manufacturing Co Ltd"), or the code that customer has or gets; a stored code was
        handled before. The answer makes the two one customer, and the plan lists the merge.
        """
        matched = self.matches.get(name_key(name))
        if matched is None or name_key(matched) == name_key(name):
            return None
        found = self.customers_by_code.get(matched.casefold())
        target: _Target | Rejected | None = found if isinstance(found, _Target) else None
        if target is None:
            if name_key(matched) not in self._names_in_file():
                return None  # neither a code nor a spelling of this import: not an answer
            self.matches.pop(name_key(name))  # an answer is followed once: no cycle
            target = self.resolve_customer(None, matched, kind, source, field_prefix)
        if isinstance(target, _Target):
            self.merged_spellings.append((name, target.label))
            self.customers_by_name.setdefault(name_key(name), []).append(target)
        return target

    def _customer_from_reference(self, code: str | None, name: str, source: SourceRef) -> _Target:
        """Create the customer a row names but no customer row describes (HQ: unknown)."""
        record = CustomerRecord(source, name, code)
        self.referenced_sources.add(source)
        target = self._identify_customer(record)
        assert isinstance(target, _Target)
        self._register_customer(record, target)
        self._write_customer(record, target, None, None)
        return target

    def _rejected_reference(
        self,
        kind: PlanKind,
        source: SourceRef,
        what: str,
        rejected: Rejected,
        field_key: str,
        value: object,
    ) -> Rejected:
        return self.reject(
            kind,
            source,
            f"{what} was rejected at {rejected.source}, so this row cannot refer to it",
            field_key,
            value,
        )

    # -- fabs --------------------------------------------------------------------------------

    def plan_fabs(self) -> None:
        for given in self.parsed.fabs:
            self._plan_fab(given)

    def _plan_fab(self, given: FabRecord) -> _Target | Rejected | None:
        """Plan one fab record; None when an earlier row already gave this fab."""
        record = given  # with its generated site code, when the file gives none
        customer = self.resolve_customer(
            record.customer_code, record.customer_name, PlanKind.FABS, record.source, "customer"
        )
        identity = _fab_identity(
            record.customer_code,
            record.customer_name,
            fab_place(record.name, record.city),
            record.country,
        )
        if isinstance(customer, Rejected):
            self._register_fab(record, customer, identity)
            return customer
        stored: StoredFab | None
        if record.site_code is None:
            if identity in self.fab_identity:
                return None  # the same fab, spelled another way on another row
            stored = self._stored_fab_named(record, customer.ref)
            code = (
                stored.site_code
                if stored is not None
                else generated_code(
                    [customer.label, record.name or record.city, record.country]
                    if not (record.name and record.city)
                    else [customer.label, record.name, record.city, record.country]
                )
            )
            planned = self.fabs_by_code.get(code.casefold())
            if isinstance(planned, _Target) and self.fab_customer.get(planned.ref) == customer.ref:
                # Another spelling of the same customer ("Smic BJ", which the analyst said is
                # "SMIC Beijing") placing the same fab: one fab, found under both identities.
                self.fab_identity.setdefault(identity, planned)
                return None
            if stored is None:
                stored = self.snap.fab_by_code.get(code.casefold())
            record = replace(record, site_code=code)
        else:
            stored = self.snap.fab_by_code.get(record.site_code.casefold())
        assert record.site_code is not None
        key = record.site_code.casefold()
        target = _Target(
            stored.id if stored else NewRef(PlanKind.FABS, key),
            _label_fab(record.name or (stored.name if stored else None), record.site_code),
            record.source,
        )
        self._register_fab(record, target, identity)
        self.fab_customer[target.ref] = customer.ref
        self.fab_countries.setdefault(customer.ref, set()).add(record.country)
        self._write_fab(record, stored, customer.ref)
        return target

    def _fab_from_reference(self, record: MachineRecord) -> _Target | Rejected | None:
        """Create the fab a machine row names but no fab row describes.

        Possible when the row says whose fab it is and where: a customer, a name, city or site
        code, and a country (the row's, or the one the analyst gave for the whole file with
        ``--country``, as for a hand-kept "China installed base" sheet).
        """
        country = record.fab_country or self.file_country
        has_customer = bool(record.customer_code or record.customer_name)
        place = record.fab_site_code or record.fab_name or record.fab_city
        if not (country and has_customer and place):
            return None
        fab = FabRecord(
            record.source,
            record.fab_site_code,
            country,
            name=record.fab_name or record.fab_site_code,
            city=record.fab_city,
            customer_code=record.customer_code,
            customer_name=record.customer_name,
        )
        self.referenced_fab_sources.add(record.source)
        planned = self._plan_fab(fab)
        if planned is None:
            return self.fab_identity.get(
                _fab_identity(
                    record.customer_code,
                    record.customer_name,
                    fab_place(fab.name, fab.city),
                    country,
                )
            )
        return planned

    def _stored_fab_named(self, record: FabRecord, customer: Ref) -> StoredFab | None:
        """The one stored fab of this customer, in this country, with this name or city."""
        if not isinstance(customer, int):
            return None
        place = name_key(record.name or record.city or "")
        found = [
            fab
            for fab in self.snap.fabs.values()
            if fab.customer_id == customer
            and fab.country == record.country
            and place in {name_key(fab.name), name_key(fab.city or "")}
        ]
        return found[0] if len(found) == 1 else None

    def _register_fab(
        self,
        record: FabRecord,
        target: _Target | Rejected,
        identity: tuple[str, str, str] | None = None,
    ) -> None:
        if record.site_code:
            self.fabs_by_code[record.site_code.casefold()] = target
        if identity is not None:
            self.fab_identity.setdefault(identity, target)
        if record.name:
            self.fabs_by_name.setdefault(record.name.casefold(), []).append(target)

    def _write_fab(self, record: FabRecord, stored: StoredFab | None, customer: Ref) -> None:
        values: dict[str, Any] = {
            "name": record.name,
            "customer_id": customer,
            "country": record.country,
            "region": record.region,
            "city": record.city,
            "address": record.address,
            "process_type": record.process_type.value if record.process_type else None,
            "logic_node_nm": record.logic_node_nm,
            "architecture": record.architecture.value if record.architecture else None,
            "dram_half_pitch_nm": record.dram_half_pitch_nm,
            "nand_layers": record.nand_layers,
            "wafer_size_mm": record.wafer_size_mm,
        }
        assert record.site_code is not None
        if stored is None:
            values["name"] = record.name or record.city or record.site_code
            values["advanced_node"] = _advanced(values)
            self._record(
                PlanKind.FABS,
                record.site_code,
                record.source,
                [],
                is_new=True,
                referenced=record.source in self.referenced_fab_sources,
            )
            self.writes[PlanKind.FABS].inserts.append(
                _insert_row(PlanKind.FABS, {"site_code": record.site_code, **values})
            )
            return
        old = {name: getattr(stored, name) for name in values}
        merged = {name: _given(value, old[name]) for name, value in values.items()}
        changes = _diff({k: v for k, v in old.items() if k != "customer_id"}, merged)
        if merged["customer_id"] != stored.customer_id:
            changes.append(
                FieldChange(
                    "customer",
                    self._customer_label(stored.customer_id),
                    self._customer_label(merged["customer_id"]),
                )
            )
        merged["advanced_node"] = _advanced(merged)
        if self._record(
            PlanKind.FABS,
            stored.site_code,
            record.source,
            changes,
            is_new=False,
            record_id=stored.id,
        ):
            self.writes[PlanKind.FABS].updates.append(
                {"id": stored.id, "version": stored.version, **merged}
            )

    def resolve_fab(self, record: MachineRecord) -> _Target | Rejected:
        country = record.fab_country or self.file_country
        if not record.fab_site_code and country:
            identity = _fab_identity(
                record.customer_code,
                record.customer_name,
                fab_place(record.fab_name, record.fab_city),
                country,
            )
            by_identity = self.fab_identity.get(identity)
            if by_identity is None and record.fab_name and record.fab_city:
                # A fabs sheet may name the fab without its city, the machines' rows with it.
                by_identity = self.fab_identity.get(
                    _fab_identity(
                        record.customer_code,
                        record.customer_name,
                        record.fab_name,
                        country,
                    )
                )
            if isinstance(by_identity, Rejected):
                return self._rejected_reference(
                    PlanKind.MACHINES,
                    record.source,
                    f"fab '{record.fab_name or record.fab_city}'",
                    by_identity,
                    "machines.fab_name",
                    record.fab_name or record.fab_city,
                )
            if by_identity is not None:
                return by_identity
        if not record.fab_site_code and country and (record.customer_code or record.customer_name):
            # The row says whose fab and where: a fab of that name elsewhere in the file (CXMT's
            # "Fab1" in Hefei) is not this customer's "Fab1" in Wuhan, so no lookup by name alone.
            created = self._fab_from_reference(record)
            if created is not None:
                return created
        if not record.fab_site_code and not record.fab_name:
            return self.reject(
                PlanKind.MACHINES,
                record.source,
                f"the fab in '{record.fab_city}' is neither in the file nor in the database; "
                "give its customer and country, or its name or site code",
                "machines.fab_city",
                record.fab_city,
            )
        if record.fab_site_code:
            found = self.fabs_by_code.get(record.fab_site_code.casefold())
            if isinstance(found, Rejected):
                return self._rejected_reference(
                    PlanKind.MACHINES,
                    record.source,
                    f"fab '{record.fab_site_code}'",
                    found,
                    "machines.fab_site_code",
                    record.fab_site_code,
                )
            if found is not None:
                return found
            stored = self.snap.fab_by_code.get(record.fab_site_code.casefold())
            if stored is not None:
                return _Target(stored.id, _label_fab(stored.name, stored.site_code), record.source)
            created = self._fab_from_reference(record)
            if created is not None:
                return created
            return self.reject(
                PlanKind.MACHINES,
                record.source,
                f"fab '{record.fab_site_code}' is neither in the file nor in the database"
                f"{self._fab_hint(record)}",
                "machines.fab_site_code",
                record.fab_site_code,
            )
        name = record.fab_name or ""
        in_file = self.fabs_by_name.get(name.casefold(), [])
        accepted = [t for t in in_file if isinstance(t, _Target)]
        stored_ids = self.snap.fab_ids_by_name.get(name.casefold(), set())
        refs = {t.ref for t in accepted} | stored_ids
        if len(refs) == 1:
            if accepted:
                return accepted[0]
            fab = self.snap.fabs[next(iter(stored_ids))]
            return _Target(fab.id, _label_fab(fab.name, fab.site_code), record.source)
        if len(refs) > 1:
            return self.reject(
                PlanKind.MACHINES,
                record.source,
                f"fab name '{name}' matches several fabs; give the fab's site code",
                "machines.fab_name",
                name,
            )
        if in_file:
            rejected = in_file[0]
            assert isinstance(rejected, Rejected)
            return self._rejected_reference(
                PlanKind.MACHINES,
                record.source,
                f"fab '{name}'",
                rejected,
                "machines.fab_name",
                name,
            )
        created = self._fab_from_reference(record)
        if created is not None:
            return created
        return self.reject(
            PlanKind.MACHINES,
            record.source,
            f"fab '{name}' is neither in the file nor in the database{self._fab_hint(record)}",
            "machines.fab_name",
            name,
        )

    def _fab_hint(self, record: MachineRecord) -> str:
        """What the row lacks for the fab to be created from it."""
        has_customer = bool(record.customer_code or record.customer_name)
        if has_customer and not (record.fab_country or self.file_country):
            return (
                "; add a country column, or give the country of the file's fabs "
                "(--country CN, or Country in the import wizard), so it can be created"
            )
        return ""

    # -- machines and models -----------------------------------------------------------------

    def plan_machines(self) -> None:
        """Resolve every machine row; the loop is the import's hottest, so it is kept lean.

        Most rows repeat a few fabs and models: each combination is resolved once. A stored
        machine the row leaves as it is costs one tuple comparison.
        """
        fab_cache: dict[tuple[str | None, ...], _Target] = {}
        model_cache: dict[tuple[str, str, object], Ref] = {}
        # (vendor, fab, model) of a row -> its accepted fab and model: one lookup per row.
        both_cache: dict[tuple[object, ...], tuple[_Target, Ref]] = {}
        planned = self.machines
        stored_machines = self.snap.machines
        plan = self.kinds[PlanKind.MACHINES]
        inserts = self.writes[PlanKind.MACHINES].inserts
        cancel = self.cancel
        folded: dict[str, str] = {}  # vendor -> case-folded, one string per vendor
        machine_fab = self.machine_fab
        for index, record in enumerate(self.parsed.machines):
            if cancel is not None and index % _CANCEL_EVERY == 0:
                cancel.raise_if_cancelled()
            vendor = self._vendor_of(record)
            if vendor is None:
                self.rejected_serials[record.serial] = Rejected(record.source)
                continue
            serial = record.serial
            vendor_key = folded.get(vendor)
            if vendor_key is None:
                vendor_key = folded[vendor] = vendor.casefold()
            key = (vendor_key, serial)
            if key in planned:
                earlier = planned[key]
                self.reject(
                    PlanKind.MACHINES,
                    record.source,
                    f"machine {vendor} {serial} is already in this import at {earlier.source}",
                    "machines.serial",
                    serial,
                )
                continue
            fab_key = (
                record.fab_site_code,
                record.fab_name,
                record.fab_city,
                record.fab_country,
                record.customer_code,
                record.customer_name,
            )
            combination = (vendor_key, fab_key, record.model_code, record.category)
            resolved = both_cache.get(combination)
            if resolved is None:
                fab = fab_cache.get(fab_key) or self.resolve_fab(record)
                if isinstance(fab, _Target):
                    fab_cache[fab_key] = fab
                model_key = (vendor_key, record.model_code, record.category)
                model = model_cache.get(model_key)
                if model is None and not isinstance(fab, Rejected):
                    model = self._model_of(record, vendor)
                    if model is not None:
                        model_cache[model_key] = model
                if isinstance(fab, Rejected) or model is None:
                    planned[key] = self.rejected_serials[serial] = Rejected(record.source)
                    continue
                resolved = both_cache[combination] = (fab, model)
            fab, model = resolved
            stored = stored_machines.get(key)
            # ``_value_`` is the member's plain attribute; ``.value`` is a slower descriptor.
            status = record.status._value_ if record.status is not None else None
            label = f"{vendor} {serial}"
            if stored is None:
                ref = NewRef(PlanKind.MACHINES, key)
                planned[key] = _Target(ref, label, record.source)
                machine_fab[ref] = fab.ref
                plan.new.append(Change(label, record.source))
                inserts.append(
                    (
                        vendor,
                        serial,
                        model,
                        fab.ref,
                        status or "installed",
                        record.ship_date,
                        record.install_date,
                        record.licence,
                    )
                )
                continue
            planned[key] = _Target(stored.id, label, record.source)
            machine_fab[stored.id] = fab.ref
            merged = (
                model,
                fab.ref,
                status or stored.status,
                record.ship_date or stored.ship_date,
                record.install_date or stored.install_date,
                record.licence or stored.licence,
            )
            if merged == (
                stored.model_id,
                stored.fab_id,
                stored.status,
                stored.ship_date,
                stored.install_date,
                stored.licence,
            ):
                plan.unchanged += 1
                continue
            self._write_machine_change(record, stored, merged, fab)

    def _machines_by_serial(self) -> dict[str, list[tuple[tuple[str, str], _Target]]]:
        """The file's accepted machines by serial, for contract lines without a vendor.

        Built on first use, after all machines are planned: most imports never need it.
        """
        if self._by_serial is None:
            index: dict[str, list[tuple[tuple[str, str], _Target]]] = {}
            for key, target in self.machines.items():
                if isinstance(target, _Target):
                    index.setdefault(key[1], []).append((key, target))
            self._by_serial = index
        return self._by_serial

    def vendor_name(self, written: str) -> str:
        """The name a vendor is stored under: the catalogue's, unless the book already holds
        machines under the spelling as written (then that, so re-imports match them)."""
        found = self._vendor_cache.get(written)
        if found is None:
            if written in self.stored_vendors:
                found = written
            else:
                canonical = self.vendor_names(written) if self.vendor_names else None
                found = canonical or written.strip()
            self._vendor_cache[written] = found
        return found

    @property
    def stored_vendors(self) -> set[str]:
        if self._stored_vendors is None:
            self._stored_vendors = {m.vendor for m in self.snap.models.values()}
        return self._stored_vendors

    def _vendor_of(self, record: MachineRecord) -> str | None:
        if record.vendor:
            return self.vendor_name(record.vendor)
        if self.vendor_option:
            return self.vendor_name(self.vendor_option)
        stored = self.snap.machines_by_serial.get(record.serial, [])
        if len(stored) == 1:
            return stored[0].vendor
        known = self._catalogue(record.model_code, None)
        if known is not None:
            return known[0]
        if self.own_vendor and not stored:
            return self.own_vendor
        detail = (
            "several stored machines have that serial"
            if stored
            else "no stored machine has that serial and the equipment catalogue does not "
            "know the model"
        )
        self.reject(
            PlanKind.MACHINES,
            record.source,
            f"machine '{record.serial}' has no vendor and {detail}; add a vendor column, "
            "name the vendor with --vendor or set the book's own company",
            "machines.serial",
            record.serial,
        )
        return None

    def _catalogue(self, model_code: str, vendor: str | None) -> tuple[str, str] | None:
        """(vendor, category) the reference catalogue gives a model code, if it knows it."""
        if self.model_lookup is None:
            return None
        return self.model_lookup(model_code, vendor)

    def _model_of(self, record: MachineRecord, vendor: str) -> Ref | None:
        key = (vendor.casefold(), record.model_code.casefold())
        planned = self.models.get(key)
        category = record.category.value if record.category else None
        if planned is not None:
            ref, planned_category, first = planned
            if category and planned_category and category != planned_category and first:
                self.reject(
                    PlanKind.MACHINES,
                    record.source,
                    f"model {vendor} {record.model_code} is given category '{category}' here "
                    f"but '{planned_category}' at {first}",
                    "machines.category",
                    category,
                )
                return None
            if category and not planned_category:
                self.models[key] = (ref, category, record.source)
                self._plan_model_change(ref, category, record.source)
            return ref
        stored = self.snap.model_by_key.get(key)
        if stored is not None:
            self.models[key] = (stored.id, category, record.source if category else None)
            self._plan_model_change(stored.id, category, record.source)
            return stored.id
        if category is None:
            known = self._catalogue(record.model_code, vendor)
            if known is not None:
                category = known[1]
                if category == EquipmentCategory.UNKNOWN.value:
                    self.note_unknown("equipment models without a category")
                    self.warn(
                        PlanKind.MODELS,
                        record.source,
                        f"equipment model '{vendor} {record.model_code}' is a platform whose "
                        "process depends on the chambers fitted: it is created as 'category "
                        "unknown', a doubt for rules on categories, until a category is set",
                        "machines.model_code",
                    )
            else:
                category = EquipmentCategory.UNKNOWN.value
                self.note_unknown("equipment models without a category")
                self.warn(
                    PlanKind.MODELS,
                    record.source,
                    f"equipment model '{vendor} {record.model_code}' is neither in the book nor "
                    "in the equipment catalogue: it is created as 'category unknown', and rules "
                    "on categories treat it as a doubt until a category is set",
                    "machines.model_code",
                )
        ref = NewRef(PlanKind.MODELS, key)
        self.models[key] = (ref, category, record.source)
        self._record(
            PlanKind.MODELS, f"{vendor} {record.model_code}", record.source, [], is_new=True
        )
        self.writes[PlanKind.MODELS].inserts.append((vendor, record.model_code, category))
        return ref

    def _plan_model_change(self, ref: Ref, category: str | None, source: SourceRef) -> None:
        if not isinstance(ref, int) or category is None:
            return
        stored = self.snap.models[ref]
        if stored.category == category:
            self.kinds[PlanKind.MODELS].unchanged += 1
            return
        change = FieldChange("category", stored.category, category)
        self._record(
            PlanKind.MODELS,
            f"{stored.vendor} {stored.model_code}",
            source,
            [change],
            is_new=False,
            record_id=stored.id,
        )
        self.writes[PlanKind.MODELS].updates.append(
            {"id": stored.id, "version": stored.version, "category": category}
        )

    def _write_machine_change(
        self,
        record: MachineRecord,
        stored: StoredMachine,
        merged: tuple[Any, ...],
        fab: _Target,
    ) -> None:
        model, _fab, status, ship_date, install_date, licence = merged
        changes: list[FieldChange] = []
        if model != stored.model_id:
            changes.append(
                FieldChange("model", self._model_label(stored.model_id), self._model_label(model))
            )
        if fab.ref != stored.fab_id:
            old_fab = self.snap.fabs[stored.fab_id]
            changes.append(
                FieldChange("fab", _label_fab(old_fab.name, old_fab.site_code), fab.label)
            )
        changes.extend(
            _diff(
                {
                    "status": stored.status,
                    "ship_date": stored.ship_date,
                    "install_date": stored.install_date,
                    "licence": stored.licence,
                },
                {
                    "status": status,
                    "ship_date": ship_date,
                    "install_date": install_date,
                    "licence": licence,
                },
            )
        )
        self._record(
            PlanKind.MACHINES,
            f"{stored.vendor} {stored.serial}",
            record.source,
            changes,
            is_new=False,
            record_id=stored.id,
        )
        self.writes[PlanKind.MACHINES].updates.append(
            {
                "id": stored.id,
                "version": stored.version,
                "model_id": model,
                "fab_id": fab.ref,
                "status": status,
                "ship_date": ship_date,
                "install_date": install_date,
                "shipped_under_licence": licence,
            }
        )

    def _model_label(self, ref: Ref) -> str:
        if isinstance(ref, int):
            model = self.snap.models[ref]
            return f"{model.vendor} {model.model_code}"
        key = ref.key
        assert isinstance(key, tuple)
        return f"{key[0]} {key[1]}"

    # -- contracts ---------------------------------------------------------------------------

    def infer_hq_countries(self) -> None:
        """A new customer without a stated HQ takes its fabs' country when they share one.

        Sound only then: a group with fabs in two countries may be headquartered in either or
        in a third, so it stays unknown. The basis is stored, and rules that read the HQ
        country treat an inferred or unknown one as a doubt.
        """
        inserts = self.writes[PlanKind.CUSTOMERS].inserts
        columns = INSERT_COLUMNS[PlanKind.CUSTOMERS]
        hq, basis = columns.index("hq_country"), columns.index("hq_country_basis")
        for key, row_index in self.customer_inserts.items():
            row = inserts[row_index]
            if row[hq] is not None:
                continue
            countries = self.fab_countries.get(NewRef(PlanKind.CUSTOMERS, key), set())
            if len(countries) == 1:
                patched = list(row)
                patched[hq], patched[basis] = next(iter(countries)), HQ_INFERRED
                inserts[row_index] = tuple(patched)
                self.note_unknown("customers with HQ country inferred from their fabs")
            else:
                self.note_unknown("customers with HQ country unknown")

    def _line_terms(self) -> dict[str, _LineTerms]:
        """Per contract number (case-folded): what its lines in this file say together."""
        out: dict[str, _LineTerms] = {}
        for line in self.parsed.contract_lines:
            terms = out.setdefault(line.contract_number.casefold(), _LineTerms(line.source))
            terms.add(line)
        return out

    def plan_contracts(self) -> None:
        self.line_terms = self._line_terms()
        for record in self.parsed.contracts:
            key = record.number.casefold()
            customer = self.resolve_customer(
                record.customer_code,
                record.customer_name,
                PlanKind.CONTRACTS,
                record.source,
                "customer",
            )
            if isinstance(customer, Rejected):
                self.contracts[key] = customer
                continue
            self._plan_contract(record, customer)

    def _plan_contract(
        self, record: ContractRecord, customer: _Target, *, referenced: bool = False
    ) -> _Target | Rejected:
        key = record.number.casefold()
        stored = self.snap.contracts.get(key)
        lines = self.line_terms.get(key)
        if stored is None:
            if lines is not None:
                record = lines.fill(record)
            if record.end_date is None:
                rejected = self.reject(
                    PlanKind.CONTRACTS,
                    record.source,
                    f"contract '{record.number}' states no end date, neither as the contract's "
                    "end nor on its lines; add a contract end column",
                    "contracts.end_date",
                )
                self.contracts[key] = rejected
                return rejected
            if record.start_date is None:
                self.note_unknown("contracts with start date unknown")
            if record.value is None:
                self.note_unknown("contracts without a value")
                self.warn(
                    PlanKind.CONTRACTS,
                    record.source,
                    f"contract '{record.number}' states no value, neither its own nor its "
                    "lines': its value at risk shows as 0 until a value is imported",
                    "contracts.value",
                )
                record = replace(record, value=Decimal(0), currency=record.currency or NO_CURRENCY)
            elif record.currency is None and self.book_currency:
                self.note_unknown(
                    f"contract values taken to be in the book's currency ({self.book_currency})"
                )
                record = replace(record, currency=self.book_currency)
            elif record.currency is None:
                rejected = self.reject(
                    PlanKind.CONTRACTS,
                    record.source,
                    f"contract '{record.number}' has a value but no currency; add a currency "
                    "column, write e.g. 'USD 1,000', or give the book's currency "
                    "(--currency EUR, or Currency in the import wizard)",
                    "contracts.value",
                )
                self.contracts[key] = rejected
                return rejected
        ref: Ref = stored.id if stored else NewRef(PlanKind.CONTRACTS, key)
        target = _Target(ref, record.number, record.source, record)
        self.contracts[key] = target
        values: dict[str, Any] = {
            "customer_id": customer.ref,
            "title": record.title,
            "signed_date": record.signed_date,
            "start_date": record.start_date,
            "end_date": record.end_date,
            "value": record.value.quantize(CENT) if record.value is not None else None,
            "currency": record.currency,
            "renewal": record.renewal,
        }
        if stored is None:
            self._record(
                PlanKind.CONTRACTS,
                record.number,
                record.source,
                [],
                is_new=True,
                referenced=referenced,
            )
            self.writes[PlanKind.CONTRACTS].inserts.append(
                _insert_row(PlanKind.CONTRACTS, {"number": record.number, **values})
            )
            return target
        target.contract = _stored_terms(stored, record)
        old = {name: getattr(stored, name) for name in values}
        old["value"] = Decimal(old["value"]).quantize(CENT)
        merged = {name: _given(value, old[name]) for name, value in values.items()}
        changes = _diff({k: v for k, v in old.items() if k != "customer_id"}, merged)
        if merged["customer_id"] != stored.customer_id:
            changes.append(
                FieldChange(
                    "customer",
                    self._customer_label(stored.customer_id),
                    customer.label,
                )
            )
        if self._record(
            PlanKind.CONTRACTS,
            stored.number,
            record.source,
            changes,
            is_new=False,
            record_id=stored.id,
        ):
            self.writes[PlanKind.CONTRACTS].updates.append(
                {"id": stored.id, "version": stored.version, **merged}
            )
        return target

    def _contract_from_lines(self, line: ContractLineRecord, machine: _Target) -> _Target | None:
        """The contract a line names that neither the file's contracts nor the book hold.

        Its customer is the customer of the fab the line's machine is at.
        """
        fab = self.machine_fab.get(machine.ref)
        customer: Ref | None = self.fab_customer.get(fab) if fab is not None else None
        if customer is None and isinstance(fab, int) and fab in self.snap.fabs:
            customer = self.snap.fabs[fab].customer_id
        if customer is None:
            self.reject(
                PlanKind.OBLIGATIONS,
                line.source,
                f"contract '{line.contract_number}' is neither in the file nor in the "
                "database, and its customer cannot be told from the machine",
                "contract_lines.contract_number",
                line.contract_number,
            )
            return None
        label = self._customer_label(customer)
        record = ContractRecord(line.source, line.contract_number)
        found = self._plan_contract(record, _Target(customer, label, line.source), referenced=True)
        return found if isinstance(found, _Target) else None

    # -- contract lines -> obligations -------------------------------------------------------

    def plan_obligations(self) -> None:
        resolved: list[
            tuple[ContractLineRecord, _Target, _Target, ContractRecord | StoredContract]
        ] = []
        for index, line in enumerate(self.parsed.contract_lines):
            self.check_cancel(index)
            machine = self._machine_of(line)
            if machine is None:
                continue
            contract = self._contract_of(line, machine)
            if contract is None:
                continue
            terms = contract.contract
            assert terms is not None
            if line.currency and line.value is not None and line.currency != terms.currency:
                self.reject(
                    PlanKind.OBLIGATIONS,
                    line.source,
                    f"the line is priced in {line.currency} but contract {line.contract_number} "
                    f"is in {terms.currency}",
                    "contract_lines.value",
                    line.value,
                )
                continue
            resolved.append((line, contract, machine, terms))
        values = self._line_values(resolved)
        seen: dict[tuple[Hashable, Hashable], _Given] = {}
        for line, contract, machine, terms in resolved:
            value = values.get(line.source)
            if value is None:
                continue
            services, assumed = _services(line)
            if assumed:
                self.note_unknown("contract lines naming no services (all services assumed)")
            self._plan_line(line, contract, machine, terms, services, value, seen, assumed)

    def _plan_line(
        self,
        line: ContractLineRecord,
        contract: _Target,
        machine: _Target,
        terms: ContractRecord | StoredContract,
        services: tuple[str, ...],
        value: Decimal,
        seen: dict[tuple[Hashable, Hashable], _Given],
        assumed: bool,
    ) -> None:
        """One contract line: its obligations, one per service type, planned as one insert.

        The obligations a line creates are one change and one insert of the whole line, split
        into rows only when written: nine service types per machine would otherwise hold nine
        changes, tuples and amounts per row of the file. A service type an earlier line of the
        file already gave for the same contract and machine is rejected on its own; the
        line's other service types keep the share of the line value they had.
        """
        pair = (contract.ref, machine.ref)
        label = f"{contract.label} / {machine.label}"
        given = seen.get(pair)
        stored_pair = isinstance(contract.ref, int) and isinstance(machine.ref, int)
        if given is None and not stored_pair:
            seen[pair] = _Given(frozenset(services), line.source)
            self.kinds[PlanKind.OBLIGATIONS].new.append(
                Change(label, line.source, services=services)
            )
            start = line.start_date or terms.start_date
            end = line.end_date or terms.end_date
            self.writes[PlanKind.OBLIGATIONS].inserts.append(
                (contract.ref, machine.ref, services, start, end, value, assumed)
            )
            return
        amounts = split_evenly(value, len(services))
        new_services: list[str] = []
        new_amounts: list[Decimal] = []
        for service, amount in zip(services, amounts, strict=True):
            earlier = given.source_of(service) if given is not None else None
            if earlier is not None:
                self.reject(
                    PlanKind.OBLIGATIONS,
                    line.source,
                    f"{label} / {service} is already given at {earlier}",
                    "contract_lines.service_types",
                    service,
                )
                continue
            if not self._write_obligation(line, contract, machine, terms, service, amount, assumed):
                new_services.append(service)
                new_amounts.append(amount)
        mine = _Given(frozenset(services), line.source)
        seen[pair] = mine if given is None else given.plus(mine)
        if new_services:
            self.kinds[PlanKind.OBLIGATIONS].new.append(
                Change(label, line.source, services=tuple(new_services))
            )
            self.writes[PlanKind.OBLIGATIONS].inserts.append(
                (
                    contract.ref,
                    machine.ref,
                    tuple(new_services),
                    line.start_date or terms.start_date,
                    line.end_date or terms.end_date,
                    tuple(new_amounts),
                    assumed,
                )
            )

    def _contract_of(self, line: ContractLineRecord, machine: _Target) -> _Target | None:
        key = line.contract_number.casefold()
        found = self.contracts.get(key)
        if isinstance(found, Rejected):
            self._rejected_reference(
                PlanKind.OBLIGATIONS,
                line.source,
                f"contract '{line.contract_number}'",
                found,
                "contract_lines.contract_number",
                line.contract_number,
            )
            return None
        if found is not None:
            return found
        stored = self.snap.contracts.get(key)
        if stored is not None:
            target = _Target(stored.id, stored.number, line.source, stored)
            self.contracts[key] = target
            return target
        return self._contract_from_lines(line, machine)

    def _machine_of(self, line: ContractLineRecord) -> _Target | None:
        vendor = self.vendor_name(line.vendor) if line.vendor else self.vendor_option
        found: _Target | Rejected | None
        if vendor:
            key = (vendor.casefold(), line.serial)
            found = self.machines.get(key)
            stored = self.snap.machines.get(key)
            if found is None and stored is not None:
                found = _Target(stored.id, f"{stored.vendor} {stored.serial}", line.source)
        else:
            options: dict[tuple[str, str], _Target | Rejected] = dict(
                self._machines_by_serial().get(line.serial, [])
            )
            for stored in self.snap.machines_by_serial.get(line.serial, []):
                key = (stored.vendor.casefold(), stored.serial)
                options.setdefault(
                    key,
                    self.machines.get(key)
                    or _Target(stored.id, f"{stored.vendor} {stored.serial}", line.source),
                )
            if len(options) > 1:
                self.reject(
                    PlanKind.OBLIGATIONS,
                    line.source,
                    f"serial '{line.serial}' belongs to machines of several vendors; add a "
                    "vendor column or name the vendor with --vendor",
                    "contract_lines.serial",
                    line.serial,
                )
                return None
            found = next(iter(options.values())) if options else None
        if found is None:
            found = self.rejected_serials.get(line.serial)
        if found is None:
            self.reject(
                PlanKind.OBLIGATIONS,
                line.source,
                f"machine '{line.serial}' is neither among the file's machines nor in the database",
                "contract_lines.serial",
                line.serial,
            )
            return None
        if isinstance(found, Rejected):
            self._rejected_reference(
                PlanKind.OBLIGATIONS,
                line.source,
                f"machine '{line.serial}'",
                found,
                "contract_lines.serial",
                line.serial,
            )
            return None
        return found

    def _stored_obligation_values(self) -> dict[int, dict[tuple[int, str], Decimal]]:
        """Stored obligation values per contract id, keyed by (machine id, service type)."""
        out: dict[int, dict[tuple[int, str], Decimal]] = {}
        for (contract_id, machine_id, service), stored in self.snap.obligations.items():
            out.setdefault(contract_id, {})[(machine_id, service)] = Decimal(stored.value)
        return out

    def _line_values(
        self,
        resolved: list[
            tuple[ContractLineRecord, _Target, _Target, ContractRecord | StoredContract]
        ],
    ) -> dict[SourceRef, Decimal]:
        by_contract: dict[
            Hashable, list[tuple[ContractLineRecord, ContractRecord | StoredContract, Ref]]
        ] = {}
        for line, contract, machine, terms in resolved:
            by_contract.setdefault(contract.ref, []).append((line, terms, machine.ref))
        kept_by_contract = self._stored_obligation_values()
        out: dict[SourceRef, Decimal] = {}
        for lines in by_contract.values():
            terms = lines[0][1]
            priced = [line for line, _, _ in lines if line.value is not None]
            unpriced = [line for line, _, _ in lines if line.value is None]
            for line in priced:
                assert line.value is not None
                out[line.source] = line.value.quantize(CENT)
            if not unpriced:
                continue
            # Stored obligations of the contract this import does not rewrite keep their
            # value: only what remains of the contract value is shared out, so importing a
            # contract's lines in two files never adds up to more than the contract is worth.
            kept = Decimal(0)
            if isinstance(terms, StoredContract):
                written = {
                    (machine, service)
                    for line, _, machine in lines
                    for service in _services(line)[0]
                }
                kept = sum(
                    (
                        value
                        for pair, value in kept_by_contract.get(terms.id, {}).items()
                        if pair not in written
                    ),
                    Decimal(0),
                )
            assert terms.value is not None  # a contract without one was given 0 or rejected
            left = (
                Decimal(terms.value).quantize(CENT)
                - sum((out[line.source] for line in priced), Decimal(0))
                - kept
            )
            if left < 0:
                for line in unpriced:
                    self.reject(
                        PlanKind.OBLIGATIONS,
                        line.source,
                        f"the priced lines and the stored obligations of contract "
                        f"{terms.number} already exceed its value "
                        f"({show(terms.value)} {terms.currency}); give this line a value",
                        "contract_lines.value",
                    )
                continue
            for line, share in zip(unpriced, split_evenly(left, len(unpriced)), strict=True):
                out[line.source] = share
        return out

    def _write_obligation(
        self,
        line: ContractLineRecord,
        contract: _Target,
        machine: _Target,
        terms: ContractRecord | StoredContract,
        service: str,
        amount: Decimal,
        assumed: bool,
    ) -> bool:
        """Plan the stored obligation the line rewrites; False when there is none (a new one)."""
        if not (isinstance(contract.ref, int) and isinstance(machine.ref, int)):
            return False
        stored = self.snap.obligations.get((contract.ref, machine.ref, service))
        if stored is None:
            return False
        start = line.start_date or terms.start_date
        end = line.end_date or terms.end_date
        new = {"start_date": start, "end_date": end, "value": amount, "coverage_assumed": assumed}
        old = {
            "start_date": stored.start_date,
            "end_date": stored.end_date,
            "value": Decimal(stored.value).quantize(CENT),
            "coverage_assumed": stored.coverage_assumed,
        }
        changes = _diff(old, new)
        label = f"{contract.label} / {machine.label} / {service}"
        if self._record(
            PlanKind.OBLIGATIONS, label, line.source, changes, is_new=False, record_id=stored.id
        ):
            self.writes[PlanKind.OBLIGATIONS].updates.append({"id": stored.id, **new})
        return True

    # -- result ------------------------------------------------------------------------------

    def rejected_rows(self) -> list[RejectedRow]:
        rows = {(r.file, r.sheet, r.row): r for r in self.parsed.rejected_rows}
        for where, reasons in self.reasons.items():
            existing = rows.get(where)
            if existing is None:
                rows[where] = RejectedRow(where[0], where[1], where[2], (), (), tuple(reasons))
            else:
                rows[where] = RejectedRow(
                    existing.file,
                    existing.sheet,
                    existing.row,
                    existing.headings,
                    existing.values,
                    existing.reasons + tuple(r for r in reasons if r not in existing.reasons),
                )
        return [rows[k] for k in sorted(rows, key=lambda k: (k[0], k[1] or "", k[2]))]


def _insert_row(kind: PlanKind, values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values[column] for column in INSERT_COLUMNS[kind])


def _record_kind(kind: PlanKind) -> RecordKind | None:
    for record_kind, plan_kind in _RECORD_TO_PLAN.items():
        if plan_kind is kind:
            return record_kind
    return None


@dataclass
class _LineTerms:
    """What the lines of one contract in this file say together: the contract's terms when
    the file has no contract row (earliest start, latest end, the sum of the values)."""

    first: SourceRef
    start: date | None = None
    end: date | None = None
    value: Decimal | None = None
    currencies: set[str] = field(default_factory=set)

    def add(self, line: ContractLineRecord) -> None:
        if line.start_date is not None and (self.start is None or line.start_date < self.start):
            self.start = line.start_date
        if line.end_date is not None and (self.end is None or line.end_date > self.end):
            self.end = line.end_date
        if line.value is not None:
            self.value = (self.value or Decimal(0)) + line.value
        if line.currency:
            self.currencies.add(line.currency)

    def fill(self, record: ContractRecord) -> ContractRecord:
        """The contract's own terms, and the lines' where the contract states none."""
        currency = record.currency
        if currency is None and len(self.currencies) == 1:
            currency = next(iter(self.currencies))
        return replace(
            record,
            start_date=record.start_date or self.start,
            end_date=record.end_date or self.end,
            value=record.value if record.value is not None else self.value,
            currency=currency,
        )


def _stored_terms(stored: StoredContract, record: ContractRecord) -> ContractRecord:
    """A stored contract's terms as this file leaves them (blank keeps what is stored)."""
    return replace(
        record,
        start_date=record.start_date or stored.start_date,
        end_date=record.end_date or stored.end_date,
        value=record.value if record.value is not None else Decimal(stored.value),
        currency=record.currency or stored.currency,
    )


#: Every service type, in the fixed order: what a line naming no services stands for.
_ALL_SERVICES = tuple(s.value for s in ServiceType)
_SERVICE_TUPLES: dict[frozenset[ServiceType], tuple[str, ...]] = {}


def _services(line: ContractLineRecord) -> tuple[tuple[str, ...], bool]:
    """The line's service types (slugs) in a fixed order, and whether they are assumed (all).

    One shared tuple per combination: a million lines name a handful of them.
    """
    if not line.service_types:
        return _ALL_SERVICES, True
    named = frozenset(line.service_types)
    found = _SERVICE_TUPLES.get(named)
    if found is None:
        ordered = sorted(named, key=_SERVICE_ORDER.__getitem__)
        found = _SERVICE_TUPLES.setdefault(named, tuple(s.value for s in ordered))
    return found, False


@dataclass(frozen=True, slots=True)
class _Given:
    """The service types the file's lines gave for one (contract, machine), and where."""

    services: frozenset[str]
    source: SourceRef
    more: tuple[_Given, ...] = ()

    def source_of(self, service: str) -> SourceRef | None:
        if service in self.services:
            return self.source
        return next((g.source for g in self.more if service in g.services), None)

    def plus(self, other: _Given) -> _Given:
        return _Given(self.services, self.source, (*self.more, other))


def _fab_identity(
    customer_code: str | None, customer_name: str | None, place: str | None, country: str | None
) -> tuple[str, str, str]:
    """What names a fab that has no site code: its customer, its name or city, its country."""
    customer = name_key(customer_name) if customer_name else (customer_code or "").casefold()
    return (customer, name_key(place or ""), country or "")


def _ckey(record: CustomerRecord) -> str:
    return (record.code or record.name).casefold()


def _given(value: Any, stored: Any) -> Any:
    """The file's value when it states one; a blank keeps what is stored."""
    return stored if value is None else value


def _diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    return [
        FieldChange(name, show(value), show(new[name]))
        for name, value in old.items()
        if name in new and not _same(value, new[name])
    ]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9  # type: ignore[arg-type]
    return a == b


def _advanced(values: dict[str, Any]) -> bool | None:
    process = values.get("process_type")
    arch = values.get("architecture")
    return advanced_node(
        ProcessType(process) if process else None,
        values.get("logic_node_nm"),
        Architecture(arch) if arch else None,
        values.get("dram_half_pitch_nm"),
        values.get("nand_layers"),
    )


def build_plan(
    parsed: ParsedImport,
    snapshot: BookSnapshot,
    vendor: str | None = None,
    *,
    valid_only: bool = False,
    cancel: CancelToken | None = None,
    matches: dict[str, str] | None = None,
    own_vendor: str | None = None,
    model_lookup: Callable[[str, str | None], tuple[str, str] | None] | None = None,
    vendor_names: Callable[[str], str | None] | None = None,
    book_currency: str | None = None,
    file_country: str | None = None,
) -> ImportPlan:
    """Resolve and diff every parsed record against ``snapshot``; writes nothing.

    ``matches`` are the analyst's answers to "is X the stored Y?" (name -> customer code);
    ``own_vendor`` is the book's own company; ``model_lookup`` gives (vendor, category) for a
    model code from the reference equipment catalogue; ``book_currency`` is the currency of
    amounts the file states without one (an ERP exporting in its company currency).
    """
    planner = _Planner(
        parsed,
        snapshot,
        vendor.strip() if vendor else None,
        cancel,
        matches=dict(matches or {}),
        # "SCREEN Semiconductor Solutions Co., Ltd." as typed is the catalogue's "SCREEN".
        own_vendor=(vendor_names(own_vendor) if vendor_names and own_vendor else None)
        or own_vendor,
        model_lookup=model_lookup,
        vendor_names=vendor_names,
        book_currency=book_currency,
        file_country=file_country,
    )
    steps: list[Callable[[], None]] = [
        planner.plan_customers,
        planner.plan_fabs,
        planner.infer_hq_countries,
        planner.plan_machines,
        planner.plan_contracts,
        planner.plan_obligations,
    ]
    for step in steps:
        if cancel is not None:
            cancel.raise_if_cancelled()
        step()
    _count_parse_rejections(parsed, planner.kinds)
    known_names = {name_key(c.name): (c.name, c.code) for c in snapshot.customers.values()}
    return ImportPlan(
        parsed=parsed,
        kinds=planner.kinds,
        issues=planner.issues,
        rejected_rows=planner.rejected_rows(),
        writes=planner.writes,
        valid_only=valid_only,
        near_matches=with_linked_names(
            near_matches(planner.new_customer_names, known_names),
            [(link.first, link.other, link.evidence) for link in parsed.name_links],
            known_names,
        ),
        merged_spellings=planner.spellings(),
        unknowns=dict(planner.unknowns),
    )


def _count_parse_rejections(parsed: ParsedImport, kinds: dict[PlanKind, KindPlan]) -> None:
    """Rows the reading half refused count as rejected records of their kind (once per row)."""
    seen: set[tuple[RecordKind, str, str | None, int]] = set()
    for issue in parsed.issues:
        if issue.severity is not Severity.ERROR or issue.row is None or issue.kind is None:
            continue
        key = (issue.kind, issue.file, issue.sheet, issue.row)
        if key in seen:
            continue
        seen.add(key)
        kinds[_RECORD_TO_PLAN[issue.kind]].rejected += 1
