"""What each editable record is made of: its table, natural key and fields with their checks.

The checks are the importer's where they apply (ISO-2 countries and ISO 4217 currencies through
the same lookups, dates within the importer's years, money to the cent, serials as text), so a
record typed into a form is held to the same standard as one read from a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, Table

from workbench.domain.entities import Alias
from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    ProcessType,
    Regime,
    ServiceType,
)
from workbench.domain.errors import WorkbenchError
from workbench.importers.countries import country_code
from workbench.importers.dates import MAX_YEAR, MIN_YEAR
from workbench.importers.money import currency_code
from workbench.storage.convert import CLASS_COLUMNS
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceRow,
    MachineRow,
    ObligationRow,
)

CENT = Decimal("0.01")
SCRIPTS = ("latin", "han", "kana", "hangul", "other")
#: Columns the edit machinery owns; never set from a form.
MANAGED = frozenset({"id", "version", "created_at", "updated_at", "batch_id"})


class EditError(WorkbenchError):
    """An edit was refused: invalid value, unknown record, or a record still in use."""


Check = Callable[[str, Any], Any]


def _text(limit: int, *, required: bool = False) -> Check:
    def check(name: str, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise EditError(f"{name.replace('_', ' ').capitalize()} cannot be empty.")
            return None
        if not isinstance(value, str):
            raise EditError(f"{name.replace('_', ' ').capitalize()} must be text, not {value!r}.")
        text = value.strip()
        if len(text) > limit:
            raise EditError(
                f"{name.replace('_', ' ').capitalize()} is {len(text)} characters long; "
                f"at most {limit} fit."
            )
        return text

    return check


def _serial(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        raise EditError(
            f"A serial number is text (leading zeros matter); got {value!r}. Type it as text."
        )
    return _text(100, required=True)(name, value)


def _country(name: str, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise EditError(f"{name.replace('_', ' ').capitalize()} cannot be empty.")
    code = country_code(str(value))
    if code is None:
        raise EditError(f"'{value}' is not a country name or ISO code (such as CN, NL, JP).")
    return code


def _currency(name: str, value: Any) -> Any:
    code = currency_code(str(value or ""))
    if code is None:
        raise EditError(f"'{value}' is not a currency (give an ISO code such as EUR or USD).")
    return code


def _date(*, required: bool = False) -> Check:
    def check(name: str, value: Any) -> Any:
        if value is None or value == "":
            if required:
                raise EditError(f"{name.replace('_', ' ').capitalize()} is required.")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise EditError(
                    f"'{value}' is not a date; write it as YYYY-MM-DD ({name.replace('_', ' ')})."
                ) from None
        if not isinstance(value, dt.date):
            raise EditError(f"{value!r} is not a date ({name.replace('_', ' ')}).")
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise EditError(
                f"{value.isoformat()} is outside {MIN_YEAR}-{MAX_YEAR} ({name.replace('_', ' ')})."
            )
        return value

    return check


def _money(name: str, value: Any) -> Any:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise EditError(f"'{value}' is not an amount ({name.replace('_', ' ')}).") from None
    if amount < 0:
        raise EditError(f"A contract value cannot be negative ({amount}).")
    return amount


def _number(kind: type[int] | type[float], *, positive: bool = True) -> Check:
    def check(name: str, value: Any) -> Any:
        if value is None or value == "":
            return None
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise EditError(f"'{value}' is not a number ({name.replace('_', ' ')}).") from None
        if positive and number <= 0:
            raise EditError(f"{name.replace('_', ' ').capitalize()} must be above zero.")
        return number

    return check


_YES = frozenset({"true", "yes", "y", "1"})
_NO = frozenset({"false", "no", "n", "0"})


def _flag(name: str, value: Any) -> Any:
    """Yes, no, or not recorded (None): the rules count an unrecorded US-person or EAR fact
    as a doubt, so "no" must be said, never assumed from a blank."""
    if value is None or value == "" or (isinstance(value, str) and value.strip() == "unknown"):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise EditError(f"'{value}' is not yes, no or unknown ({name.replace('_', ' ')}).")


def _percent(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    number = _number(float, positive=False)(name, value)
    if not 0 <= number <= 100:
        raise EditError(f"{name.replace('_', ' ').capitalize()} is a percentage: 0 to 100.")
    return number


def _enum(kind: type[StrEnum], *, required: bool = False) -> Check:
    def check(name: str, value: Any) -> Any:
        if value is None or value == "":
            if required:
                raise EditError(f"{name.replace('_', ' ').capitalize()} is required.")
            return None
        try:
            return kind(str(value).strip().lower() if kind is not Regime else value).value
        except ValueError:
            choices = ", ".join(m.value for m in kind)
            raise EditError(
                f"'{value}' is not a {name.replace('_', ' ')}; choose {choices}."
            ) from None

    return check


def _reference(name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"{name.replace('_', ' ').capitalize()} must be a record id.")
    return value


def _aliases(name: str, value: Any) -> Any:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in value or ():
        if isinstance(item, Alias):
            alias, script = item.name, item.script
        elif isinstance(item, str):
            alias, script = item, "latin"
        elif isinstance(item, Mapping):
            alias, script = item.get("name", ""), item.get("script", "latin")
        else:
            alias, script = item
        alias = (alias or "").strip()
        if not alias or alias.casefold() in seen:
            continue
        if script not in SCRIPTS:
            raise EditError(f"'{script}' is not a script; choose {', '.join(SCRIPTS)}.")
        if len(alias) > 300:
            raise EditError(f"The alias '{alias[:40]}...' is longer than 300 characters.")
        seen.add(alias.casefold())
        out.append({"name": alias, "script": script})
    return out


def _service_types(name: str, value: Any) -> Any:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    checked = {_enum(ServiceType, required=True)("service type", v) for v in value or ()}
    order = list(ServiceType)
    return ",".join(sorted(checked, key=lambda s: order.index(ServiceType(s))))


@dataclass(frozen=True)
class Kind:
    """One editable record type."""

    name: str
    label: str
    table: Table
    key: tuple[str, ...]
    checks: Mapping[str, Check]
    required: tuple[str, ...]
    #: Rows elsewhere that keep a record from being deleted: (table, column, what they are).
    used_by: tuple[tuple[Table, str, str], ...] = ()

    def natural_key(self, values: Mapping[str, Any]) -> str:
        return "/".join(str(values.get(c, "")) for c in self.key)


def _t(row: Any) -> Table:
    table: Table = row.__table__
    return table


KINDS: dict[str, Kind] = {
    "customers": Kind(
        "customers",
        "customer",
        _t(CustomerRow),
        ("code",),
        {
            "code": _text(64, required=True),
            "name": _text(300, required=True),
            "local_name": _text(300),
            "hq_country": _country,
            "parent_id": _reference,
            "aliases": _aliases,
        },
        ("code", "name", "hq_country"),
        (
            (_t(FabRow), "customer_id", "fab(s)"),
            (_t(ContractRow), "customer_id", "contract(s)"),
            (_t(CustomerRow), "parent_id", "group member(s)"),
            (_t(LicenceRow), "customer_id", "licence(s)"),
        ),
    ),
    "fabs": Kind(
        "fabs",
        "fab",
        _t(FabRow),
        ("site_code",),
        {
            "site_code": _text(64, required=True),
            "name": _text(300, required=True),
            "customer_id": _reference,
            "country": _country,
            "region": _text(200),
            "city": _text(200),
            "address": _text(2000),
            "process_type": _enum(ProcessType),
            "logic_node_nm": _number(float),
            "architecture": _enum(Architecture),
            "dram_half_pitch_nm": _number(float),
            "nand_layers": _number(int),
            "wafer_size_mm": _number(int),
        },
        ("site_code", "name", "customer_id", "country"),
        (
            (_t(MachineRow), "fab_id", "machine(s)"),
            (_t(LicenceRow), "fab_id", "licence(s)"),
        ),
    ),
    "equipment_models": Kind(
        "equipment_models",
        "equipment model",
        _t(EquipmentModelRow),
        ("vendor", "model_code"),
        {
            "vendor": _text(100, required=True),
            "model_code": _text(100, required=True),
            "name": _text(300),
            "category": _enum(EquipmentCategory, required=True),
            **{column: _text(40) for column in CLASS_COLUMNS.values()},
            "wavelength_nm": _number(float),
            "numerical_aperture": _number(float),
            "overlay_nm": _number(float),
            "throughput_wph": _number(float),
            # Whether the model (and so its parts and software) is subject to the EAR.
            "us_origin": _flag,
            "us_content_pct": _percent,
            "us_direct_product": _flag,
        },
        ("vendor", "model_code", "category"),
        ((_t(MachineRow), "model_id", "machine(s)"),),
    ),
    "machines": Kind(
        "machines",
        "machine",
        _t(MachineRow),
        ("vendor", "serial"),
        {
            "vendor": _text(100, required=True),
            "serial": _serial,
            "model_id": _reference,
            "fab_id": _reference,
            "status": _enum(MachineStatus, required=True),
            "ship_date": _date(),
            "install_date": _date(),
            "shipped_under_licence": _text(100),
        },
        ("vendor", "serial", "model_id", "fab_id"),
        (
            (_t(ObligationRow), "machine_id", "contract obligation(s)"),
            (_t(LicenceRow), "machine_id", "licence(s)"),
        ),
    ),
    "contracts": Kind(
        "contracts",
        "contract",
        _t(ContractRow),
        ("number",),
        {
            "number": _text(64, required=True),
            "customer_id": _reference,
            "title": _text(300),
            "signed_date": _date(),
            "start_date": _date(required=True),
            "end_date": _date(required=True),
            "value": _money,
            "currency": _currency,
            "renewal": _text(200),
            # 15 CFR 744.6 binds only where US persons take part in the service.
            "us_person_service": _flag,
        },
        ("number", "customer_id", "start_date", "end_date", "value", "currency"),
    ),
    "licences": Kind(
        "licences",
        "licence",
        _t(LicenceRow),
        ("authority", "number"),
        {
            "authority": _text(40, required=True),
            "number": _text(100, required=True),
            "valid_from": _date(required=True),
            "valid_to": _date(),
            "customer_id": _reference,
            "fab_id": _reference,
            "machine_id": _reference,
            "service_types": _service_types,
            "notes": _text(5000),
        },
        ("authority", "number", "valid_from"),
    ),
}

#: Which table a reference column points at, to check the record exists.
REFERENCES: dict[str, str] = {
    "customer_id": "customers",
    "parent_id": "customers",
    "fab_id": "fabs",
    "model_id": "equipment_models",
    "machine_id": "machines",
}


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise EditError(f"'{name}' cannot be edited; choose one of {', '.join(KINDS)}.") from None


def normalise(spec: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` checked and in stored form; ``classifications`` spread over their columns."""
    given = dict(values)
    classes = given.pop("classifications", None)
    if classes is not None:
        if spec.name != "equipment_models":
            raise EditError(f"A {spec.label} has no classifications.")
        for regime, column in CLASS_COLUMNS.items():
            code = classes.get(regime, classes.get(regime.value))
            given[column] = code
    out: dict[str, Any] = {}
    for name, value in given.items():
        if name in MANAGED:
            raise EditError(f"{name} is kept by the application and cannot be edited.")
        check = spec.checks.get(name)
        if check is None:
            raise EditError(
                f"A {spec.label} has no field '{name}'; editable: {', '.join(spec.checks)}."
            )
        out[name] = check(name, value)
    return out


def decode(table: Table, column: str, value: Any) -> Any:
    """A value read back from the audit trail's JSON, in the column's Python type."""
    if value is None or column not in table.c:
        return value
    column_type = table.c[column].type
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column_type, Float):
        return float(value)
    if isinstance(column_type, Numeric):
        return Decimal(str(value))
    if isinstance(column_type, Boolean):
        return bool(value)
    if isinstance(column_type, Integer):
        return int(value)
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as stored: 2.0 == 2, Decimal('1.10') == Decimal('1.1'); a yes/no fact is no
    number (True is not 1 here, and has no decimal form)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float | Decimal) and isinstance(b, int | float | Decimal):
        return Decimal(str(a)) == Decimal(str(b))
    return bool(a == b)


def alias_list(rows: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": n, "script": s} for n, s in rows]


def canonical(value: Any) -> str:
    """A value as comparable text (for sets of aliases, coverage)."""
    return json.dumps(value, sort_keys=True, default=str)
