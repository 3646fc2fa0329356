"""Entities of the installed-base book, as immutable value objects.

Repositories return these, services pass them around, the UI shows them. They carry ids
(``None`` before the record is stored) but no persistence behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    ProcessType,
    Regime,
    ServiceType,
)
from workbench.domain.technology import advanced_node, describe_technology

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name of a customer, e.g. its Chinese registered name or a trading name."""

    name: str
    script: str = "latin"  # latin | han | kana | hangul | other


@dataclass(frozen=True, slots=True)
class Customer:
    """A legal entity, optionally a member of a group (``parent_id``)."""

    id: int | None
    code: str
    name: str
    hq_country: str | None  # None: no source states it
    local_name: str | None = None
    parent_id: int | None = None
    aliases: tuple[Alias, ...] = ()
    version: int = 1
    #: "stated", "inferred" (every fab in one country) or None when the country is unknown.
    hq_country_basis: str | None = None

    @property
    def hq_label(self) -> str:
        """The HQ country as an analyst must read it: inferred and unknown say so."""
        if self.hq_country is None:
            return "unknown"
        if self.hq_country_basis == "inferred":
            return f"{self.hq_country} (inferred from its fabs)"
        return self.hq_country


@dataclass(frozen=True, slots=True)
class Fab:
    """One facility (building or site) making ICs; each building is a separate facility."""

    id: int | None
    site_code: str
    name: str
    customer_id: int
    country: str
    city: str | None = None
    region: str | None = None
    address: str | None = None
    process_type: ProcessType | None = None
    logic_node_nm: float | None = None
    architecture: Architecture | None = None
    dram_half_pitch_nm: float | None = None
    nand_layers: int | None = None
    wafer_size_mm: int | None = None
    version: int = 1

    @property
    def advanced_node(self) -> bool | None:
        return advanced_node(
            self.process_type,
            self.logic_node_nm,
            self.architecture,
            self.dram_half_pitch_nm,
            self.nand_layers,
        )

    @property
    def technology(self) -> str:
        return describe_technology(
            self.process_type,
            self.logic_node_nm,
            self.architecture,
            self.dram_half_pitch_nm,
            self.nand_layers,
        )


@dataclass(frozen=True, slots=True)
class EquipmentModel:
    """A catalogue entry with its export classification under each regime."""

    id: int | None
    vendor: str
    model_code: str
    category: EquipmentCategory
    name: str | None = None
    classifications: dict[Regime, str] = field(default_factory=dict)
    wavelength_nm: float | None = None
    numerical_aperture: float | None = None
    overlay_nm: float | None = None
    throughput_wph: float | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Machine:
    """One installed unit. The serial is text: leading zeros are significant."""

    id: int | None
    vendor: str
    serial: str
    model_id: int
    fab_id: int
    status: MachineStatus = MachineStatus.INSTALLED
    ship_date: date | None = None
    install_date: date | None = None
    shipped_under_licence: str | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Contract:
    """A service contract; what it covers is its obligations."""

    id: int | None
    number: str
    customer_id: int
    start_date: date | None  # None: no source states it
    end_date: date
    value: Decimal
    currency: str
    signed_date: date | None = None
    title: str | None = None
    renewal: str | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Obligation:
    """One service type owed for one machine under one contract over a period.

    ``value`` is this obligation's share of the contract value in the contract currency;
    value at risk is derived from it pro rata over the remaining period.
    """

    id: int | None
    contract_id: int
    machine_id: int
    service_type: ServiceType
    start_date: date | None  # None: no source states it
    end_date: date
    value: Decimal


@dataclass(frozen=True, slots=True)
class Licence:
    """An authorisation held; its scope narrows by customer, fab, machine and service type."""

    id: int | None
    authority: str
    number: str
    valid_from: date
    valid_to: date | None
    customer_id: int | None = None
    fab_id: int | None = None
    machine_id: int | None = None
    service_types: frozenset[ServiceType] = frozenset()
    notes: str | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class PartyListing:
    """A customer's or fab's confirmed status on a restricted-party list.

    Set from a confirmed screening match, or entered on the record while no screening exists.
    """

    id: int | None
    list_code: str  # e.g. "entity_list", "meu", "uvl", "sdn", "cmic"
    customer_id: int | None = None
    fab_id: int | None = None
    footnote: str | None = None  # "FN1", "FN4", "FN5"
    licence_policy: str | None = None
    since: date | None = None
    source: str | None = None
    until: date | None = None  # last day the row held; None: it still holds
    #: First day of the unbroken listing this row continues (an earlier row of the same party
    #: and list ending the day before); None when the listing starts with this row. Set by
    #: ``repositories.listing_flags``, never stored.
    listed_from: date | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of rows from a big table, with the total the filter matched."""

    rows: list[T]
    total: int
