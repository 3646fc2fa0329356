"""The rule model: what a rule pack may say, as strict pydantic models.

Rules are data (DESIGN.md section 3): analysts write them in YAML, the app edits them, and two
evaluators read them. Keeping the vocabulary in one strict model gives us the published JSON
Schema, line-accurate validation and a single meaning for every field. Field names that are
Python keywords or builtins (``in``, ``all``, ``any``, ``not``, ``set``) are aliases, so the YAML
reads naturally while the Python side stays legal.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    Outcome,
    ProcessType,
    Regime,
    RuleStatus,
    ServiceType,
)

#: The activity that is not a service: shipping a new tool. Obligations never match it, but
#: rules keep it so a pack can state the whole control.
NEW_TOOL_SHIPMENT = "new_tool_shipment"

#: EAR licence-exception symbols. A licence row whose number is one of these records use of the
#: exception rather than an individual licence, so a rule decides whether it is honoured.
LICENCE_EXCEPTION_SYMBOLS = frozenset(
    {
        "LVS", "GBS", "CIV", "TSR", "APP", "TMP", "RPL", "GFT", "GOV", "TSU",
        "BAG", "AVS", "APR", "ENC", "AGR", "CCD", "STA", "SCP", "NAC", "ACE", "IEC",
    }
)  # fmt: skip

#: Outcomes a licence can authorise; a prohibition or a notification is not licensable.
LICENSABLE_OUTCOMES = frozenset(
    {Outcome.LICENCE_REQUIRED, Outcome.PRESUMPTION_OF_DENIAL, Outcome.CASE_BY_CASE}
)

# Enum fields accept their string slugs: strict mode would otherwise demand enum instances,
# which YAML and JSON cannot carry.
_Lax = Field(strict=False)
ACTIVITIES = (*(s.value for s in ServiceType), NEW_TOOL_SHIPMENT)


def _check_activity(value: str) -> str:
    if value not in ACTIVITIES:
        raise ValueError(f"unknown service type {value!r}; expected one of {', '.join(ACTIVITIES)}")
    return value


#: A service-type slug or ``new_tool_shipment``; one type so a typo yields one clear message.
Activity = Annotated[
    str,
    AfterValidator(_check_activity),
    WithJsonSchema({"type": "string", "enum": list(ACTIVITIES)}),
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Jurisdiction = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="US, NL, JP, KR, EU, ...")]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
NonEmpty = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, populate_by_name=True, validate_by_alias=True
    )


# --- predicates -------------------------------------------------------------------------------

PartyKind = Literal["customer", "fab", "parent"]
CountryOf = Literal["fab", "customer_hq"]
ThresholdField = Literal[
    "logic_node_nm",
    "dram_half_pitch_nm",
    "nand_layers",
    "overlay_nm",
    "wavelength_nm",
    "numerical_aperture",
    "wafer_size_mm",
    "us_content_pct",
]
FlagField = Literal["us_person", "us_origin", "us_direct_product"]
ThresholdOp = Literal["<", "<=", ">", ">="]
DateField = Literal["ship_date", "install_date", "contract_signed"]
DateOp = Literal["before", "on_or_before", "after", "on_or_after"]
DateRef = dt.date | Literal["effective"]


class CountryIn(_Strict):
    """Destination (fab) or customer-HQ country in a set of ISO codes."""

    kind: Literal["country"]
    of: CountryOf = "fab"
    countries: list[CountryCode] = Field(alias="in", min_length=1)


class CountryGroupIn(_Strict):
    """Country in an EAR country group, membership as of the evaluation date."""

    kind: Literal["country_group"]
    of: CountryOf = "fab"
    groups: list[str] = Field(alias="in", min_length=1)


class AdvancedNode(_Strict):
    """The 87 FR 62186 advanced-node test; unknown technology counts unless told otherwise."""

    kind: Literal["advanced_node"]
    unknown_counts: bool = True


class ProcessTypeIn(_Strict):
    kind: Literal["process_type"]
    values: list[Annotated[ProcessType, _Lax]] = Field(alias="in", min_length=1)


class ArchitectureIn(_Strict):
    kind: Literal["architecture"]
    values: list[Annotated[Architecture, _Lax]] = Field(alias="in", min_length=1)


class CategoryIn(_Strict):
    kind: Literal["category"]
    values: list[Annotated[EquipmentCategory, _Lax]] = Field(alias="in", min_length=1)


class MachineStatusIn(_Strict):
    kind: Literal["machine_status"]
    values: list[Annotated[MachineStatus, _Lax]] = Field(alias="in", min_length=1)


class ModelIn(_Strict):
    """Equipment model by vendor and model code, e.g. ASML NXT:1980Di."""

    kind: Literal["model"]
    vendor: NonEmpty
    codes: list[NonEmpty] = Field(alias="in", min_length=1)


class ModelSetIn(_Strict):
    """Equipment model in a named list of the same pack (``model_sets``)."""

    kind: Literal["model_set"]
    name: Identifier = Field(alias="set")


class ClassificationIn(_Strict):
    """Classification code under one regime; ``prefix`` matches whole dotted sub-paragraphs,
    ``starts`` plain leading text (``3B`` is CCL Category 3 product group B: every 3B ECCN)."""

    kind: Literal["classification"]
    regime: Annotated[Regime, _Lax]
    codes: list[NonEmpty] = Field(alias="in", min_length=1)
    match: Literal["exact", "prefix", "starts"] = "prefix"


class Threshold(_Strict):
    """A numeric fact compared with a limit; a missing value fails unless ``unknown_counts``."""

    kind: Literal["threshold"]
    field: ThresholdField
    op: ThresholdOp
    value: float
    unknown_counts: bool = False


class Listed(_Strict):
    """Customer, fab or parent customer on a restricted-party list, optionally by footnote."""

    kind: Literal["listed"]
    parties: list[PartyKind] = Field(default=["customer", "fab", "parent"], min_length=1)
    lists: list[NonEmpty] = Field(default=["entity_list"], min_length=1)
    footnotes: list[NonEmpty] = Field(default=[], description="empty: any footnote or none")
    policy_contains: list[NonEmpty] = Field(
        default=[],
        description="any of these texts in the listing's licence policy (case-insensitive)",
    )


class Flag(_Strict):
    """A yes/no fact is yes: US persons take part in the service (``us_person``), the model is
    US-origin (``us_origin``) or a US direct product (``us_direct_product``). Unknown fails
    unless ``unknown_counts``: a rule that must not miss the unrecorded case says so."""

    kind: Literal["flag"]
    field: FlagField
    unknown_counts: bool = False


class SubjectToEar(_Strict):
    """The serviced model (and so its parts and software) is subject to the EAR (15 CFR 734.3):
    US-origin; or foreign-made with more than ``de_minimis_pct`` % US-origin controlled content
    (734.4; ``0`` means no de minimis: any US content); or, when ``direct_product`` is set, a
    foreign direct product of US technology, software or plant (734.9). Null facts are unknown;
    the item is unknown when no known fact makes it subject and some fact is unknown."""

    kind: Literal["subject_to_ear"]
    de_minimis_pct: float = Field(default=25.0, ge=0, le=100)
    direct_product: bool = False
    unknown_counts: bool = True


class DateCompare(_Strict):
    """Machine shipped/installed or contract signed before/after a date (or the effective date)."""

    kind: Literal["date"]
    field: DateField
    op: DateOp
    date: DateRef
    unknown_counts: bool = False


class ObligationOverlaps(_Strict):
    """The obligation period contains a date (by default the rule's effective date)."""

    kind: Literal["obligation_overlaps"]
    date: DateRef = "effective"


class AllOf(_Strict):
    items: list[Scope] = Field(alias="all", min_length=1)


class AnyOf(_Strict):
    items: list[Scope] = Field(alias="any", min_length=1)


class NotOf(_Strict):
    item: Scope = Field(alias="not")


Predicate = (
    CountryIn
    | CountryGroupIn
    | AdvancedNode
    | ProcessTypeIn
    | ArchitectureIn
    | CategoryIn
    | MachineStatusIn
    | ModelIn
    | ModelSetIn
    | ClassificationIn
    | Threshold
    | Listed
    | Flag
    | SubjectToEar
    | DateCompare
    | ObligationOverlaps
)

_PREDICATE_KINDS: dict[str, type[BaseModel]] = {
    "country": CountryIn,
    "country_group": CountryGroupIn,
    "advanced_node": AdvancedNode,
    "process_type": ProcessTypeIn,
    "architecture": ArchitectureIn,
    "category": CategoryIn,
    "machine_status": MachineStatusIn,
    "model": ModelIn,
    "model_set": ModelSetIn,
    "classification": ClassificationIn,
    "threshold": Threshold,
    "listed": Listed,
    "flag": Flag,
    "subject_to_ear": SubjectToEar,
    "date": DateCompare,
    "obligation_overlaps": ObligationOverlaps,
}
PREDICATE_KINDS = tuple(_PREDICATE_KINDS)


def _scope_tag(value: Any) -> str | None:
    """Pick the union member so errors name one alternative instead of all fifteen."""
    if isinstance(value, BaseModel):
        nodes: dict[str, type[BaseModel]] = {"all": AllOf, "any": AnyOf, "not": NotOf}
        for tag, cls in {**_PREDICATE_KINDS, **nodes}.items():
            if isinstance(value, cls):
                return tag
        return None
    if not isinstance(value, dict):
        return None
    for node in ("all", "any", "not"):
        if node in value:
            return node
    kind = value.get("kind")
    return kind if isinstance(kind, str) and kind in _PREDICATE_KINDS else None


Scope = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[CountryIn, Tag("country")]
    | Annotated[CountryGroupIn, Tag("country_group")]
    | Annotated[AdvancedNode, Tag("advanced_node")]
    | Annotated[ProcessTypeIn, Tag("process_type")]
    | Annotated[ArchitectureIn, Tag("architecture")]
    | Annotated[CategoryIn, Tag("category")]
    | Annotated[MachineStatusIn, Tag("machine_status")]
    | Annotated[ModelIn, Tag("model")]
    | Annotated[ModelSetIn, Tag("model_set")]
    | Annotated[ClassificationIn, Tag("classification")]
    | Annotated[Threshold, Tag("threshold")]
    | Annotated[Listed, Tag("listed")]
    | Annotated[Flag, Tag("flag")]
    | Annotated[SubjectToEar, Tag("subject_to_ear")]
    | Annotated[DateCompare, Tag("date")]
    | Annotated[ObligationOverlaps, Tag("obligation_overlaps")],
    Discriminator(
        _scope_tag,
        custom_error_type="scope_node",
        custom_error_message=(
            "a scope node needs one of the keys all / any / not, or a known predicate kind"
        ),
    ),
]


# --- rules and packs --------------------------------------------------------------------------


class Fact(_Strict):
    """One statement the rule rests on, with its confidence ([C]onfirmed, [S]econdary, [U])."""

    text: NonEmpty
    confidence: Literal["C", "S", "U"]
    source: str | None = None


class Grandfathering(_Strict):
    """Obligations whose basis date is before ``before`` are exempt, until ``until`` if given."""

    basis: DateField
    before: dt.date
    until: dt.date | None = None


class Exceptions(_Strict):
    grandfathering: list[Grandfathering] = []
    licence_exceptions: list[NonEmpty] = Field(
        default=[], description="symbols of licence exceptions available under this rule"
    )
    licences_on_file: bool = Field(
        default=False,
        description="a valid licence of the rule's jurisdiction turns a hit into 'licensed'",
    )


class Rule(_Strict):
    id: Identifier
    version: int = Field(ge=1)
    title: NonEmpty
    jurisdiction: Jurisdiction
    status: Annotated[RuleStatus, _Lax]
    citation: NonEmpty
    source_url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    announced: dt.date | None = None
    published: dt.date | None = None
    effective: dt.date | None = None
    compliance: dt.date | None = Field(
        default=None,
        description="compliance date, when later than the effective date: obligations are "
        "first affected from it",
    )
    superseded: dt.date | None = Field(
        default=None,
        description="first day this text no longer applies (a later version replaced it); "
        "runs as of that day or later leave it out",
    )
    scope: Scope
    activities: list[Activity] = Field(min_length=1)
    outcome: Annotated[Outcome, _Lax]
    exceptions: Exceptions = Exceptions()
    notes: str = ""
    facts: list[Fact] = []

    @property
    def unconfirmed(self) -> bool:
        """True when the rule rests on any [S] or [U] fact, so views can mark it."""
        return any(f.confidence != "C" for f in self.facts)


class ModelEntry(_Strict):
    vendor: NonEmpty
    model_code: NonEmpty
    category: Annotated[EquipmentCategory, _Lax] | None = None
    classes: dict[Annotated[Regime, _Lax], NonEmpty] = {}
    notes: str = ""


class ModelSet(_Strict):
    title: str = ""
    models: list[ModelEntry] = Field(min_length=1)

    def keys(self) -> frozenset[tuple[str, str]]:
        return frozenset((m.vendor, m.model_code) for m in self.models)


class RulePack(_Strict):
    pack: Identifier
    title: NonEmpty
    version: int = Field(ge=1)
    description: str = ""
    model_sets: dict[Identifier, ModelSet] = {}
    rules: list[Rule] = Field(min_length=1)


class Scenario(_Strict):
    """A named set of rules. ``in_force`` adds every rule in force on the as-of date;
    ``packs`` and ``rules`` add rules whatever their status (the proposal being weighed)."""

    id: Identifier
    title: NonEmpty
    description: str = ""
    in_force: bool = False
    packs: list[Identifier] = []
    rules: list[Identifier] = []
    assumed_effective: dt.date | None = Field(
        default=None, description="effective date assumed for added rules that have none"
    )
    as_of: dt.date | None = Field(default=None, description="default evaluation date")


AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
Rule.model_rebuild()
RulePack.model_rebuild()
