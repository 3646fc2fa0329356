"""Mapping between ORM rows and domain entities, in one place so every repository agrees."""

from __future__ import annotations

from workbench.domain.entities import (
    Alias,
    Contract,
    Customer,
    EquipmentModel,
    Fab,
    Licence,
    Machine,
    Obligation,
    PartyListing,
)
from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    ProcessType,
    Regime,
    ServiceType,
)
from workbench.storage.orm import (
    ContractRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceRow,
    MachineRow,
    ObligationRow,
    PartyListingRow,
)

CLASS_COLUMNS: dict[Regime, str] = {
    Regime.US: "class_us",
    Regime.EU: "class_eu",
    Regime.NL: "class_nl",
    Regime.JP: "class_jp",
    Regime.KR: "class_kr",
}


def customer(row: CustomerRow) -> Customer:
    return Customer(
        id=row.id,
        code=row.code,
        name=row.name,
        hq_country=row.hq_country,
        local_name=row.local_name,
        parent_id=row.parent_id,
        aliases=tuple(Alias(a.name, a.script) for a in row.aliases),
        version=row.version,
        hq_country_basis=row.hq_country_basis,
    )


def fab(row: FabRow) -> Fab:
    return Fab(
        id=row.id,
        site_code=row.site_code,
        name=row.name,
        customer_id=row.customer_id,
        country=row.country,
        city=row.city,
        region=row.region,
        address=row.address,
        process_type=ProcessType(row.process_type) if row.process_type else None,
        logic_node_nm=row.logic_node_nm,
        architecture=Architecture(row.architecture) if row.architecture else None,
        dram_half_pitch_nm=row.dram_half_pitch_nm,
        nand_layers=row.nand_layers,
        wafer_size_mm=row.wafer_size_mm,
        version=row.version,
    )


def fab_columns(entity: Fab) -> dict[str, object]:
    """Column values of a fab, with the derived advanced-node flag."""
    return {
        "site_code": entity.site_code,
        "name": entity.name,
        "customer_id": entity.customer_id,
        "country": entity.country,
        "city": entity.city,
        "region": entity.region,
        "address": entity.address,
        "process_type": entity.process_type.value if entity.process_type else None,
        "logic_node_nm": entity.logic_node_nm,
        "architecture": entity.architecture.value if entity.architecture else None,
        "dram_half_pitch_nm": entity.dram_half_pitch_nm,
        "nand_layers": entity.nand_layers,
        "wafer_size_mm": entity.wafer_size_mm,
        "advanced_node": entity.advanced_node,
    }


def equipment_model(row: EquipmentModelRow) -> EquipmentModel:
    classes = {
        regime: value
        for regime, column in CLASS_COLUMNS.items()
        if (value := getattr(row, column)) is not None
    }
    return EquipmentModel(
        id=row.id,
        vendor=row.vendor,
        model_code=row.model_code,
        category=EquipmentCategory(row.category),
        name=row.name,
        classifications=classes,
        wavelength_nm=row.wavelength_nm,
        numerical_aperture=row.numerical_aperture,
        overlay_nm=row.overlay_nm,
        throughput_wph=row.throughput_wph,
        version=row.version,
    )


def equipment_model_columns(entity: EquipmentModel) -> dict[str, object]:
    values: dict[str, object] = {
        "vendor": entity.vendor,
        "model_code": entity.model_code,
        "name": entity.name,
        "category": entity.category.value,
        "wavelength_nm": entity.wavelength_nm,
        "numerical_aperture": entity.numerical_aperture,
        "overlay_nm": entity.overlay_nm,
        "throughput_wph": entity.throughput_wph,
    }
    for regime, column in CLASS_COLUMNS.items():
        values[column] = entity.classifications.get(regime)
    return values


def machine(row: MachineRow) -> Machine:
    return Machine(
        id=row.id,
        vendor=row.vendor,
        serial=row.serial,
        model_id=row.model_id,
        fab_id=row.fab_id,
        status=MachineStatus(row.status),
        ship_date=row.ship_date,
        install_date=row.install_date,
        shipped_under_licence=row.shipped_under_licence,
        version=row.version,
    )


def contract(row: ContractRow) -> Contract:
    return Contract(
        id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        start_date=row.start_date,
        end_date=row.end_date,
        value=row.value,
        currency=row.currency,
        signed_date=row.signed_date,
        title=row.title,
        renewal=row.renewal,
        version=row.version,
    )


def obligation(row: ObligationRow) -> Obligation:
    return Obligation(
        id=row.id,
        contract_id=row.contract_id,
        machine_id=row.machine_id,
        service_type=ServiceType(row.service_type),
        start_date=row.start_date,
        end_date=row.end_date,
        value=row.value,
    )


def licence(row: LicenceRow) -> Licence:
    return Licence(
        id=row.id,
        authority=row.authority,
        number=row.number,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        customer_id=row.customer_id,
        fab_id=row.fab_id,
        machine_id=row.machine_id,
        service_types=frozenset(ServiceType(s) for s in row.service_types.split(",") if s),
        notes=row.notes,
        version=row.version,
    )


def party_listing(row: PartyListingRow) -> PartyListing:
    return PartyListing(
        id=row.id,
        list_code=row.list_code,
        customer_id=row.customer_id,
        fab_id=row.fab_id,
        footnote=row.footnote,
        licence_policy=row.licence_policy,
        since=row.since,
        source=row.source,
        until=row.until,
    )
