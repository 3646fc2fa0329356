"""Closed vocabularies shared by every layer.

The string values are the slugs used on the command line, in JSON, in rule packs and in the
database, so they must never be renamed without a migration.
"""

from __future__ import annotations

from enum import StrEnum


class ServiceType(StrEnum):
    """A kind of service a contract obliges the vendor to deliver for a machine."""

    PREVENTIVE_MAINTENANCE = "preventive_maintenance"
    REPAIR = "repair"
    SPARE_PARTS = "spare_parts"
    CONSUMABLES = "consumables"
    SOFTWARE_UPDATES = "software_updates"
    UPGRADES = "upgrades"
    REMOTE_SUPPORT = "remote_support"
    ONSITE_SUPPORT = "onsite_support"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return _SERVICE_LABELS[self]


_SERVICE_LABELS = {
    ServiceType.PREVENTIVE_MAINTENANCE: "Preventive maintenance",
    ServiceType.REPAIR: "Corrective repair",
    ServiceType.SPARE_PARTS: "Spare parts",
    ServiceType.CONSUMABLES: "Consumables",
    ServiceType.SOFTWARE_UPDATES: "Software/firmware updates",
    ServiceType.UPGRADES: "Field upgrades/retrofits",
    ServiceType.REMOTE_SUPPORT: "Remote diagnostics",
    ServiceType.ONSITE_SUPPORT: "On-site engineer support",
    ServiceType.TRAINING: "Training",
}


class ProcessType(StrEnum):
    """What a fab makes; decides which advanced-node threshold applies."""

    LOGIC = "logic"
    FOUNDRY = "foundry"
    DRAM = "dram"
    NAND = "nand"
    OTHER = "other"


class Architecture(StrEnum):
    """Logic transistor architecture; anything but planar is advanced under 87 FR 62186."""

    PLANAR = "planar"
    FINFET = "finfet"
    GAA = "gaa"


class MachineStatus(StrEnum):
    INSTALLED = "installed"
    RELOCATED = "relocated"
    DECOMMISSIONED = "decommissioned"


class EquipmentCategory(StrEnum):
    """Equipment categories as export-control texts group them."""

    EUV_LITHO = "euv_litho"
    DUV_IMMERSION = "duv_immersion"
    DUV_DRY_ARF = "duv_dry_arf"
    KRF_LITHO = "krf_litho"
    ILINE_LITHO = "iline_litho"
    TRACK = "track"
    ETCH_CONDUCTOR = "etch_conductor"
    ETCH_DIELECTRIC = "etch_dielectric"
    ALD = "ald"
    CVD = "cvd"
    PVD = "pvd"
    EPITAXY = "epitaxy"
    CMP = "cmp"
    CLEAN = "clean"
    ANNEAL = "anneal"
    IMPLANT = "implant"
    METROLOGY = "metrology"
    INSPECTION = "inspection"
    TEST = "test"
    OTHER = "other"
    #: Imported from an export whose model neither the book nor the catalogue knows: a doubt
    #: for every rule on categories, never a clean result.
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    EquipmentCategory.EUV_LITHO: "EUV lithography",
    EquipmentCategory.DUV_IMMERSION: "DUV immersion lithography",
    EquipmentCategory.DUV_DRY_ARF: "DUV dry ArF lithography",
    EquipmentCategory.KRF_LITHO: "KrF lithography",
    EquipmentCategory.ILINE_LITHO: "i-line lithography",
    EquipmentCategory.TRACK: "Resist coater/developer",
    EquipmentCategory.ETCH_CONDUCTOR: "Etch (conductor)",
    EquipmentCategory.ETCH_DIELECTRIC: "Etch (dielectric)",
    EquipmentCategory.ALD: "Atomic layer deposition",
    EquipmentCategory.CVD: "Chemical vapour deposition",
    EquipmentCategory.PVD: "Physical vapour deposition",
    EquipmentCategory.EPITAXY: "Epitaxy",
    EquipmentCategory.CMP: "Chemical mechanical planarisation",
    EquipmentCategory.CLEAN: "Wafer clean",
    EquipmentCategory.ANNEAL: "Anneal",
    EquipmentCategory.IMPLANT: "Ion implantation",
    EquipmentCategory.METROLOGY: "Metrology",
    EquipmentCategory.INSPECTION: "Inspection",
    EquipmentCategory.TEST: "Test",
    EquipmentCategory.OTHER: "Other",
    EquipmentCategory.UNKNOWN: "Category unknown",
}


class Regime(StrEnum):
    """Export-control regimes whose classification of an equipment model we record."""

    US = "US"
    EU = "EU"
    NL = "NL"
    JP = "JP"
    KR = "KR"


class Outcome(StrEnum):
    """What a rule does to an obligation it hits, from most to least severe."""

    PROHIBITED = "prohibited"
    PRESUMPTION_OF_DENIAL = "presumption_of_denial"
    LICENCE_REQUIRED = "licence_required"
    CASE_BY_CASE = "case_by_case"
    NOTIFY = "notify"


class RuleStatus(StrEnum):
    RUMOURED = "rumoured"
    PROPOSED = "proposed"
    PUBLISHED = "published"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
