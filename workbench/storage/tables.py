"""Big-table queries: the filtered, sorted list of row ids, and the rows of one page of ids.

Views and the command line share these specs. Sorting and filtering happen in SQL because a
``QSortFilterProxyModel`` over 100k rows takes seconds per sort (measured: ~10 s at 100k, ~120 s
at 1M) where ``ORDER BY`` on an id list takes well under a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnClause

from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    MachineRow,
    ObligationRow,
    RunContractRow,
    RunHitRow,
    RunMachineRow,
    RunObligationRow,
    RunRuleRow,
    ScreeningListEntryRow,
    ScreeningMatchRow,
    ScreeningRunRow,
)

ID_CHUNK = 500


class ColumnKind(StrEnum):
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    MONEY = "money"
    BOOL = "bool"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    expr: ColumnElement[Any]
    kind: ColumnKind = ColumnKind.TEXT
    searchable: bool = False
    width: int = 120


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    id_expr: ColumnClause[Any] | ColumnElement[Any]
    source: FromClause
    columns: tuple[Column, ...]
    default_sort: str
    scopes: Mapping[str, ColumnElement[Any]] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"table '{self.name}' has no column '{key}'")

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


@dataclass(frozen=True)
class Query:
    """What a view asks for: free-text search, per-column filters, one sort column."""

    search: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    #: Exact constraints on the spec's scope columns, e.g. ``{"run_id": 7}`` for one run's hits.
    scope: Mapping[str, Any] = field(default_factory=dict)


def _advanced_label(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    return case((expr.is_(None), literal("unknown")), (expr, literal("yes")), else_=literal("no"))


_customer = CustomerRow.__table__
_fab = FabRow.__table__
_model = EquipmentModelRow.__table__
_machine = MachineRow.__table__
_contract = ContractRow.__table__
_obligation = ObligationRow.__table__
_parent = aliased(CustomerRow, name="parent_customer")

_machine_source = (
    _machine.join(_model, _machine.c.model_id == _model.c.id)
    .join(_fab, _machine.c.fab_id == _fab.c.id)
    .join(_customer, _fab.c.customer_id == _customer.c.id)
)

MACHINES = TableSpec(
    name="machines",
    title="Installed base",
    id_expr=_machine.c.id,
    source=_machine_source,
    default_sort="serial",
    columns=(
        Column("serial", "Serial", _machine.c.serial, searchable=True, width=110),
        Column("vendor", "Vendor", _machine.c.vendor, searchable=True, width=90),
        Column("model", "Model", _model.c.model_code, searchable=True, width=120),
        Column("category", "Category", _model.c.category, width=120),
        Column("eccn", "US ECCN", _model.c.class_us, searchable=True, width=100),
        Column("fab", "Fab", _fab.c.name, searchable=True, width=190),
        Column("site_code", "Site", _fab.c.site_code, searchable=True, width=90),
        Column("customer", "Customer", _customer.c.name, searchable=True, width=200),
        Column("country", "Country", _fab.c.country, width=70),
        Column("advanced_node", "Advanced node", _advanced_label(_fab.c.advanced_node), width=100),
        Column("status", "Status", _machine.c.status, width=100),
        Column("ship_date", "Shipped", _machine.c.ship_date, ColumnKind.DATE, width=95),
        Column("install_date", "Installed", _machine.c.install_date, ColumnKind.DATE, width=95),
    ),
)

_contract_machines = (
    select(func.count(func.distinct(_obligation.c.machine_id)))
    .where(_obligation.c.contract_id == _contract.c.id)
    .scalar_subquery()
)
_contract_obligations = (
    select(func.count()).where(_obligation.c.contract_id == _contract.c.id).scalar_subquery()
)

CONTRACTS = TableSpec(
    name="contracts",
    title="Service contracts",
    id_expr=_contract.c.id,
    source=_contract.join(_customer, _contract.c.customer_id == _customer.c.id),
    default_sort="number",
    columns=(
        Column("number", "Contract", _contract.c.number, searchable=True, width=110),
        Column("customer", "Customer", _customer.c.name, searchable=True, width=220),
        Column("country", "HQ", _customer.c.hq_country, width=50),
        Column("title", "Title", _contract.c.title, searchable=True, width=220),
        Column("signed", "Signed", _contract.c.signed_date, ColumnKind.DATE, width=95),
        Column("start", "Start", _contract.c.start_date, ColumnKind.DATE, width=95),
        Column("end", "End", _contract.c.end_date, ColumnKind.DATE, width=95),
        Column("value", "Value", _contract.c.value, ColumnKind.MONEY, width=120),
        Column("currency", "Cur.", _contract.c.currency, width=50),
        Column("machines", "Machines", _contract_machines, ColumnKind.INT, width=80),
        Column("obligations", "Obligations", _contract_obligations, ColumnKind.INT, width=90),
    ),
)

OBLIGATIONS = TableSpec(
    name="obligations",
    title="Service obligations",
    id_expr=_obligation.c.id,
    source=_obligation.join(_contract, _obligation.c.contract_id == _contract.c.id)
    .join(_machine, _obligation.c.machine_id == _machine.c.id)
    .join(_fab, _machine.c.fab_id == _fab.c.id)
    .join(_customer, _contract.c.customer_id == _customer.c.id),
    default_sort="contract",
    columns=(
        Column("contract", "Contract", _contract.c.number, searchable=True, width=110),
        Column("serial", "Serial", _machine.c.serial, searchable=True, width=110),
        Column("service_type", "Service", _obligation.c.service_type, searchable=True),
        Column("start", "From", _obligation.c.start_date, ColumnKind.DATE, width=95),
        Column("end", "To", _obligation.c.end_date, ColumnKind.DATE, width=95),
        Column("value", "Value", _obligation.c.value, ColumnKind.MONEY, width=110),
        Column("currency", "Cur.", _contract.c.currency, width=50),
        Column("fab", "Fab", _fab.c.name, searchable=True, width=190),
        Column("customer", "Customer", _customer.c.name, searchable=True, width=200),
        Column("country", "Country", _fab.c.country, width=70),
    ),
)

_parent_table = _customer.alias("parent")
CUSTOMERS = TableSpec(
    name="customers",
    title="Customers",
    id_expr=_customer.c.id,
    source=_customer.outerjoin(_parent_table, _customer.c.parent_id == _parent_table.c.id),
    default_sort="name",
    columns=(
        Column("code", "Code", _customer.c.code, searchable=True, width=90),
        Column("name", "Name", _customer.c.name, searchable=True, width=240),
        Column("local_name", "Local name", _customer.c.local_name, searchable=True, width=200),
        Column("hq_country", "HQ", _customer.c.hq_country, width=50),
        Column("group", "Group", _parent_table.c.name, searchable=True, width=200),
    ),
)

FABS = TableSpec(
    name="fabs",
    title="Fabs",
    id_expr=_fab.c.id,
    source=_fab.join(_customer, _fab.c.customer_id == _customer.c.id),
    default_sort="site_code",
    columns=(
        Column("site_code", "Site", _fab.c.site_code, searchable=True, width=90),
        Column("name", "Fab", _fab.c.name, searchable=True, width=200),
        Column("customer", "Customer", _customer.c.name, searchable=True, width=220),
        Column("country", "Country", _fab.c.country, width=60),
        Column("city", "City", _fab.c.city, searchable=True, width=110),
        Column("process_type", "Process", _fab.c.process_type, width=80),
        Column("logic_node_nm", "Node nm", _fab.c.logic_node_nm, ColumnKind.FLOAT, width=70),
        Column("architecture", "Architecture", _fab.c.architecture, width=90),
        Column("dram_half_pitch_nm", "DRAM hp nm", _fab.c.dram_half_pitch_nm, ColumnKind.FLOAT),
        Column("nand_layers", "NAND layers", _fab.c.nand_layers, ColumnKind.INT, width=90),
        Column("wafer_size_mm", "Wafer mm", _fab.c.wafer_size_mm, ColumnKind.INT, width=80),
        Column("advanced_node", "Advanced node", _fab.c.advanced_node, ColumnKind.BOOL),
    ),
)

_hit = RunHitRow.__table__
_run_rule = RunRuleRow.__table__
_run_ob = RunObligationRow.__table__
_run_machine = RunMachineRow.__table__
_run_contract = RunContractRow.__table__

#: A run's hits with what they share (rule, obligation, machine, contract) joined back on.
HITS = TableSpec(
    name="hits",
    title="Hits",
    id_expr=_hit.c.id,
    source=_hit.join(
        _run_rule,
        and_(_run_rule.c.run_id == _hit.c.run_id, _run_rule.c.number == _hit.c.rule_number),
    )
    .join(
        _run_ob,
        and_(_run_ob.c.run_id == _hit.c.run_id, _run_ob.c.obligation_id == _hit.c.obligation_id),
    )
    .join(
        _run_machine,
        and_(
            _run_machine.c.run_id == _hit.c.run_id,
            _run_machine.c.machine_id == _run_ob.c.machine_id,
        ),
    )
    .join(
        _run_contract,
        and_(
            _run_contract.c.run_id == _hit.c.run_id,
            _run_contract.c.contract_id == _run_ob.c.contract_id,
        ),
    ),
    default_sort="customer",
    scopes={"run_id": _hit.c.run_id},
    columns=(
        Column("customer", "Customer", _run_contract.c.customer_name, searchable=True, width=220),
        Column("fab", "Fab", _run_machine.c.fab_name, searchable=True, width=180),
        Column("country", "Country", _run_machine.c.fab_country, width=60),
        Column("serial", "Serial", _run_machine.c.serial, searchable=True, width=110),
        Column("model", "Model", _run_machine.c.model_code, searchable=True, width=120),
        Column("contract", "Contract", _run_contract.c.contract_number, searchable=True, width=110),
        Column("service_type", "Service", _run_ob.c.service_type, width=140),
        Column("rule_id", "Rule", _run_rule.c.rule_id, searchable=True, width=170),
        Column("jurisdiction", "Juris.", _run_rule.c.jurisdiction, width=55),
        Column("outcome", "Outcome", _run_rule.c.outcome, width=150),
        Column("final_outcome", "After licences", _hit.c.final_outcome, width=150),
        Column("licence_coverage", "Licence", _hit.c.licence_coverage, width=120),
        Column("licence_note", "Licence not counted", _hit.c.licence_note, width=220),
        Column("first_affected", "From", _hit.c.first_affected, ColumnKind.DATE, width=95),
        Column("value_at_risk", "Value at risk", _hit.c.value_at_risk, ColumnKind.MONEY),
        Column("currency", "Cur.", _run_contract.c.currency, width=50),
    ),
)

_match = ScreeningMatchRow.__table__
_entry = ScreeningListEntryRow.__table__
_match_customer = _customer.alias("match_customer")
_match_fab = _fab.alias("match_fab")
_latest_screening = select(func.max(ScreeningRunRow.__table__.c.id)).scalar_subquery()

#: The screening review queue; scope by ``status`` (potential, confirmed, dismissed).
#: Outer-joined to the entries: a party that could not be screened (its name is in a script
#: the matcher cannot compare) is an item of the queue with no list entry.
MATCHES = TableSpec(
    name="matches",
    title="Screening matches",
    id_expr=_match.c.id,
    source=_match.outerjoin(
        _entry,
        and_(
            _entry.c.version_id == _match.c.list_version_id,
            _entry.c.entry_key == _match.c.entry_key,
        ),
    )
    .outerjoin(
        _match_customer,
        and_(_match.c.party_kind == "customer", _match_customer.c.id == _match.c.party_id),
    )
    .outerjoin(
        _match_fab, and_(_match.c.party_kind == "fab", _match_fab.c.id == _match.c.party_id)
    ),
    default_sort="party",
    scopes={
        "status": _match.c.status,
        "party_kind": _match.c.party_kind,
        "party_id": _match.c.party_id,
        "run_id": _match.c.run_id,
    },
    columns=(
        Column(
            "party",
            "Customer / fab",
            func.coalesce(_match_customer.c.name, _match_fab.c.name),
            searchable=True,
            width=220,
        ),
        Column("party_kind", "Kind", _match.c.party_kind, width=70),
        Column(
            "country",
            "Country",
            func.coalesce(_match_customer.c.hq_country, _match_fab.c.country),
            width=60,
        ),
        Column(
            "entry",
            "List entry",
            func.coalesce(_entry.c.name, literal("(not screened)")),
            searchable=True,
            width=260,
        ),
        Column("list", "List", _match.c.list_code, width=90),
        Column("footnotes", "Footnotes", _entry.c.footnotes, width=80),
        Column("licence_policy", "Licence policy", _entry.c.licence_policy, width=200),
        Column("score", "Score", _match.c.score, ColumnKind.INT, width=60),
        Column(
            "flag",
            "Flag",
            case(
                (_match.c.suggested_by_id.is_not(None), literal("parent confirmed")),
                (_match.c.supersedes_id.is_not(None), literal("entry changed")),
                (_match.c.run_id == _latest_screening, literal("new")),
                else_=literal(""),
            ),
            width=110,
        ),
        Column("status", "Status", _match.c.status, width=80),
        Column("query_name", "Name screened", _match.c.query_name, searchable=True, width=200),
        Column("matched_name", "Name on list", _match.c.matched_name, searchable=True, width=200),
        Column("explanation", "Why", _match.c.explanation, width=320),
        Column("reviewer", "Reviewer", _match.c.reviewer, searchable=True, width=100),
        Column("reason", "Reason", _match.c.reason, searchable=True, width=200),
        Column("decided_at", "Decided", _match.c.decided_at, ColumnKind.DATE, width=140),
        Column("created_at", "Raised", _match.c.created_at, ColumnKind.DATE, width=140),
        Column("entry_key", "Entry key", _match.c.entry_key, width=120),
        Column("list_version_id", "List version", _match.c.list_version_id, ColumnKind.INT),
    ),
)

SPECS: dict[str, TableSpec] = {
    spec.name: spec for spec in (MACHINES, CONTRACTS, OBLIGATIONS, CUSTOMERS, FABS, HITS, MATCHES)
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(expr: ColumnElement[Any], text: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(text.lower())}%"
    return func.lower(expr).like(pattern, escape="\\")


def _where(spec: TableSpec, query: Query) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    for key, value in query.scope.items():
        if key not in spec.scopes:
            raise KeyError(f"table '{spec.name}' cannot be scoped by '{key}'")
        clauses.append(spec.scopes[key] == value)
    for word in query.search.split():
        searchable = [c.expr for c in spec.columns if c.searchable]
        clauses.append(or_(*(_contains(e, word) for e in searchable)))
    for key, value in query.filters.items():
        if value == "":
            continue
        col = spec.column(key)
        if col.kind in (ColumnKind.TEXT,):
            clauses.append(_contains(col.expr, value))
        elif col.kind is ColumnKind.BOOL:
            lowered = value.lower()
            if lowered in ("unknown", "null", "none", "?"):
                clauses.append(col.expr.is_(None))
            else:
                clauses.append(col.expr.is_(lowered in ("1", "true", "yes", "y")))
        else:
            clauses.append(_contains(func.cast(col.expr, _text_type()), value))
    return clauses


def _text_type() -> Any:
    from sqlalchemy import String

    return String()


def id_query(spec: TableSpec, query: Query) -> Select[Any]:
    """The SELECT of ids matching ``query`` in its order (id breaks ties, so paging is stable)."""
    sort_col = spec.column(query.sort or spec.default_sort).expr
    order = sort_col.desc() if query.descending else sort_col.asc()
    stmt = select(spec.id_expr).select_from(spec.source)
    clauses = _where(spec, query)
    if clauses:
        stmt = stmt.where(and_(*clauses))
    nulls_last = case((sort_col.is_(None), 1), else_=0)
    return stmt.order_by(nulls_last, order, spec.id_expr)


def ids(session: Session, spec: TableSpec, query: Query) -> list[int]:
    """All ids matching ``query``, sorted."""
    return list(session.execute(id_query(spec, query)).scalars())


def rows(session: Session, spec: TableSpec, row_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """Column values for the given ids, keyed by id (values in ``spec.columns`` order)."""
    out: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(row_ids), ID_CHUNK):
        chunk = list(row_ids[start : start + ID_CHUNK])
        stmt = (
            select(spec.id_expr, *(c.expr.label(c.key) for c in spec.columns))
            .select_from(spec.source)
            .where(spec.id_expr.in_(chunk))
        )
        for record in session.execute(stmt):
            out[record[0]] = tuple(record[1:])
    return out


def jsonable(value: Any) -> Any:
    """A cell value as JSON can carry it: dates as ISO text, money as a string of digits."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
