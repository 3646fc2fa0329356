"""The catalogue of importable fields: what each record kind can take and how each is read.

A field is addressed as ``"<kind>.<name>"`` (``"machines.serial"``, ``"fabs.country"``): that
string is what a :class:`~workbench.importers.layout.Mapping` maps to a column heading and what
the wizard offers in its drop-downs. Each field names the heading *concept* that auto-detection
maps to it and the normaliser that reads its cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from workbench.importers.cells import CellValue
from workbench.importers.countries import parse_country
from workbench.importers.headers import Concept as C  # noqa: N817
from workbench.importers.money import parse_money
from workbench.importers.outcome import Outcome
from workbench.importers.records import RecordKind as K
from workbench.importers.services import parse_services
from workbench.importers.technology import (
    parse_architecture,
    parse_layers,
    parse_nanometres,
    parse_process_type,
    parse_technology,
    parse_wafer_size,
)
from workbench.importers.vocabulary import (
    parse_category,
    parse_currency_cell,
    parse_serial,
    parse_status,
    parse_text,
)


class ValueType(StrEnum):
    """How a column's cells are read. DATE is special: it is read a whole column at a time."""

    TEXT = "text"
    SERIAL = "serial"
    DATE = "date"
    COUNTRY = "country"
    MONEY = "money"
    CURRENCY = "currency"
    SERVICES = "services"
    TECHNOLOGY = "technology"
    PROCESS_TYPE = "process_type"
    ARCHITECTURE = "architecture"
    NANOMETRES = "nanometres"
    LAYERS = "layers"
    WAFER_SIZE = "wafer_size"
    STATUS = "status"
    CATEGORY = "category"


CELL_PARSERS: dict[ValueType, Callable[[CellValue], Outcome]] = {
    ValueType.TEXT: parse_text,
    ValueType.SERIAL: parse_serial,
    ValueType.COUNTRY: parse_country,
    ValueType.MONEY: parse_money,
    ValueType.CURRENCY: parse_currency_cell,
    ValueType.SERVICES: parse_services,
    ValueType.TECHNOLOGY: parse_technology,
    ValueType.PROCESS_TYPE: parse_process_type,
    ValueType.ARCHITECTURE: parse_architecture,
    ValueType.NANOMETRES: parse_nanometres,
    ValueType.LAYERS: parse_layers,
    ValueType.WAFER_SIZE: parse_wafer_size,
    ValueType.STATUS: parse_status,
    ValueType.CATEGORY: parse_category,
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: K
    name: str
    label: str
    concept: C
    type: ValueType

    @property
    def key(self) -> str:
        return f"{self.kind.value}.{self.name}"


def _f(kind: K, name: str, label: str, concept: C, vtype: ValueType = ValueType.TEXT) -> FieldSpec:
    return FieldSpec(kind, name, label, concept, vtype)


V = ValueType
FIELDS: tuple[FieldSpec, ...] = (
    _f(K.CUSTOMER, "code", "Customer code", C.CUSTOMER_CODE),
    _f(K.CUSTOMER, "name", "Customer name", C.CUSTOMER_NAME),
    _f(K.CUSTOMER, "local_name", "Local-script name", C.CUSTOMER_LOCAL_NAME),
    _f(K.CUSTOMER, "hq_country", "HQ country", C.HQ_COUNTRY, V.COUNTRY),
    _f(K.CUSTOMER, "parent", "Parent / group", C.PARENT),
    _f(K.FAB, "site_code", "Site code", C.SITE_CODE),
    _f(K.FAB, "name", "Fab name", C.FAB_NAME),
    _f(K.FAB, "customer_code", "Customer code", C.CUSTOMER_CODE),
    _f(K.FAB, "customer_name", "Customer", C.CUSTOMER_NAME),
    _f(K.FAB, "country", "Country", C.COUNTRY, V.COUNTRY),
    _f(K.FAB, "city", "City", C.CITY),
    _f(K.FAB, "region", "Region", C.REGION),
    _f(K.FAB, "address", "Address", C.ADDRESS),
    _f(K.FAB, "technology", "Technology", C.TECHNOLOGY, V.TECHNOLOGY),
    _f(K.FAB, "process_type", "Process type", C.PROCESS_TYPE, V.PROCESS_TYPE),
    _f(K.FAB, "logic_node_nm", "Logic node (nm)", C.LOGIC_NODE, V.NANOMETRES),
    _f(K.FAB, "architecture", "Architecture", C.ARCHITECTURE, V.ARCHITECTURE),
    _f(K.FAB, "dram_half_pitch_nm", "DRAM half-pitch (nm)", C.HALF_PITCH, V.NANOMETRES),
    _f(K.FAB, "nand_layers", "NAND layers", C.NAND_LAYERS, V.LAYERS),
    _f(K.FAB, "wafer_size_mm", "Wafer size (mm)", C.WAFER_SIZE, V.WAFER_SIZE),
    _f(K.MACHINE, "vendor", "Vendor", C.VENDOR),
    _f(K.MACHINE, "serial", "Serial number", C.SERIAL, V.SERIAL),
    _f(K.MACHINE, "model_code", "Model", C.MODEL_CODE),
    _f(K.MACHINE, "category", "Equipment category", C.CATEGORY, V.CATEGORY),
    _f(K.MACHINE, "fab_site_code", "Fab site code", C.SITE_CODE),
    _f(K.MACHINE, "fab_name", "Fab name", C.FAB_NAME),
    _f(K.MACHINE, "ship_date", "Ship date", C.SHIP_DATE, V.DATE),
    _f(K.MACHINE, "install_date", "Install date", C.INSTALL_DATE, V.DATE),
    _f(K.MACHINE, "status", "Status", C.STATUS, V.STATUS),
    _f(K.MACHINE, "licence", "Licence", C.LICENCE),
    _f(K.MACHINE, "fab_city", "Fab city", C.CITY),
    _f(K.MACHINE, "fab_country", "Fab country", C.COUNTRY, V.COUNTRY),
    _f(K.MACHINE, "customer_code", "Customer code", C.CUSTOMER_CODE),
    _f(K.MACHINE, "customer_name", "Customer", C.CUSTOMER_NAME),
    _f(K.CONTRACT, "number", "Contract number", C.CONTRACT_NUMBER),
    _f(K.CONTRACT, "customer_code", "Customer code", C.CUSTOMER_CODE),
    _f(K.CONTRACT, "customer_name", "Customer", C.CUSTOMER_NAME),
    _f(K.CONTRACT, "signed_date", "Signed", C.SIGNED_DATE, V.DATE),
    _f(K.CONTRACT, "start_date", "Start date", C.START_DATE, V.DATE),
    _f(K.CONTRACT, "end_date", "End date", C.END_DATE, V.DATE),
    _f(K.CONTRACT, "value", "Contract value", C.VALUE, V.MONEY),
    _f(K.CONTRACT, "currency", "Currency", C.CURRENCY, V.CURRENCY),
    _f(K.CONTRACT, "renewal", "Renewal", C.RENEWAL),
    _f(K.CONTRACT, "title", "Title", C.TITLE),
    _f(K.CONTRACT_LINE, "contract_number", "Contract number", C.CONTRACT_NUMBER),
    _f(K.CONTRACT_LINE, "serial", "Serial number", C.SERIAL, V.SERIAL),
    _f(K.CONTRACT_LINE, "vendor", "Vendor", C.VENDOR),
    _f(K.CONTRACT_LINE, "service_types", "Services", C.SERVICE_TYPES, V.SERVICES),
    _f(K.CONTRACT_LINE, "start_date", "Line start", C.LINE_START, V.DATE),
    _f(K.CONTRACT_LINE, "end_date", "Line end", C.LINE_END, V.DATE),
    _f(K.CONTRACT_LINE, "value", "Line value", C.LINE_VALUE, V.MONEY),
    _f(K.CONTRACT_LINE, "currency", "Line currency", C.CURRENCY, V.CURRENCY),
)

FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}

#: Per kind, groups of which at least one field must be mapped and filled for a row to be kept.
REQUIRED: dict[K, tuple[tuple[str, ...], ...]] = {
    K.CUSTOMER: (("name",),),
    K.FAB: (("site_code", "name", "city"), ("country",), ("customer_code", "customer_name")),
    K.MACHINE: (("serial",), ("model_code",), ("fab_site_code", "fab_name", "fab_city")),
    # Dates and value may come from the contract's lines; services default to all, assumed.
    K.CONTRACT: (("number",), ("customer_code", "customer_name")),
    K.CONTRACT_LINE: (("contract_number",), ("serial",)),
}

#: Concepts a kind may borrow when the sheet has no column of the kind's own concept:
#: (kind, field) -> concept used instead. A lines-only sheet's "Start date" is the line start;
#: a customer sheet's "Country" is the headquarters country.
FALLBACK_CONCEPTS: dict[tuple[K, str], C] = {
    # A period column gives the contract its start and its end (the sheet reader takes the
    # part of each cell before and after the separator).
    (K.CONTRACT, "start_date"): C.CONTRACT_PERIOD,
    (K.CONTRACT, "end_date"): C.CONTRACT_PERIOD,
    (K.CONTRACT_LINE, "start_date"): C.START_DATE,
    (K.CONTRACT_LINE, "end_date"): C.END_DATE,
    (K.CONTRACT_LINE, "value"): C.VALUE,
    (K.CUSTOMER, "hq_country"): C.COUNTRY,
}


def fields_of(kind: K) -> tuple[FieldSpec, ...]:
    return tuple(f for f in FIELDS if f.kind is kind)
