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
    model_validator,
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
    """Customer, fab or parent customer on a restricted-party list, optionally by footnote.

    ``policy_contains`` and ``policy_lacks`` test the same listing row: a row that states a
    denial and a carve-out ("presumption of denial ... case-by-case for 200 mm") is told from
    a plain denial row by what it lacks, so one party's carve-out never excuses another
    party's plain denial (the SMIC parent's 200 mm text and its subsidiary's own row)."""

    kind: Literal["listed"]
    parties: list[PartyKind] = Field(default=["customer", "fab", "parent"], min_length=1)
    lists: list[NonEmpty] = Field(default=["entity_list"], min_length=1)
    footnotes: list[NonEmpty] = Field(default=[], description="empty: any footnote or none")
    policy_contains: list[NonEmpty] = Field(
        default=[],
        description="any of these texts in the listing's licence policy (case-insensitive)",
    )
    policy_lacks: list[NonEmpty] = Field(
        default=[],
        description="none of these texts in the same listing's licence policy "
        "(case-insensitive); a listing without policy text lacks them all",
    )


class OwnedBy(_Strict):
    """The contract customer is owned ``min_pct`` % or more, directly or indirectly,
    individually or in the aggregate, by parties on ``lists`` (optionally with one of
    ``footnotes``): the BIS Affiliates rule's test (90 FR 47201, 15 CFR 744.11(a)(1) as it
    amended it).

    Aggregation follows the Treasury (OFAC) practice the rule says it is consistent with: a
    holder counts with its whole share when it is itself listed or itself owned ``min_pct`` %
    or more in this way; shares held through a holder that is not are not multiplied through.
    So SMIC holding 100 % of Y and Y 51 % of X makes X owned 51 % via Y, and two listed owners
    at 30 % and 25 % make 55 %. Listings and shares dated after the as-of date do not count."""

    kind: Literal["owned_by"]
    lists: list[NonEmpty] = Field(default=["entity_list"], min_length=1)
    footnotes: list[NonEmpty] = Field(default=[], description="empty: any footnote or none")
    min_pct: float = Field(default=50.0, gt=0, le=100)


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
    | OwnedBy
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
    "owned_by": OwnedBy,
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
    | Annotated[OwnedBy, Tag("owned_by")]
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


class StatusPeriod(_Strict):
    """One entry of a rule's dated status history: from ``start`` to ``end`` (both days
    inclusive; no end: still so), on the authority of ``citation``.

    A rule can be in force, then suspended, then in force again (the BIS Affiliates rule of
    2025): one status per rule cannot say that, and a back-dated run must read the status of
    its own day. ``confidence`` marks an entry nobody has confirmed yet, such as a
    reinstatement a notice announced for a date that has not been checked.
    """

    status: Annotated[RuleStatus, _Lax]
    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    citation: NonEmpty
    source_url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    confidence: Literal["C", "S", "U"] = "C"
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


#: The statuses under which a rule binds once its effective date has passed: a published rule
#: is in force by operation of law, even when the pack has not been edited to say so.
BINDING_STATUSES = frozenset({RuleStatus.IN_FORCE, RuleStatus.PUBLISHED})


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
    history: list[StatusPeriod] = Field(
        default=[],
        description="dated status history, oldest first; empty: the single ``status`` holds "
        "from the rule's first date on",
    )
    scope: Scope
    activities: list[Activity] = Field(min_length=1)
    outcome: Annotated[Outcome, _Lax]
    licence_policy: str = Field(
        default="",
        description="the announced licence review policy, when it differs by purpose (e.g. "
        "approval for running existing fabs, denial for capacity or technology upgrades)",
    )
    exceptions: Exceptions = Exceptions()
    notes: str = ""
    facts: list[Fact] = []

    @model_validator(mode="after")
    def _history_consistent(self) -> Rule:
        """Periods in order without overlap, and the headline status is the latest one's, so
        a view that shows one status never contradicts the history."""
        for before, after in zip(self.history, self.history[1:], strict=False):
            if before.end is None or before.end >= after.start:
                raise ValueError(
                    f"status history of rule {self.id!r}: the period from "
                    f"{before.start.isoformat()} must end before the next starts "
                    f"({after.start.isoformat()})"
                )
        for period in self.history:
            if period.end is not None and period.end < period.start:
                raise ValueError(
                    f"status history of rule {self.id!r}: period from "
                    f"{period.start.isoformat()} ends before it starts"
                )
        if self.history and self.history[-1].status is not self.status:
            raise ValueError(
                f"rule {self.id!r} has status {self.status.value!r} but its latest history "
                f"entry says {self.history[-1].status.value!r}"
            )
        return self

    @property
    def unconfirmed(self) -> bool:
        """True when the rule rests on any [S] or [U] fact, so views can mark it."""
        return any(f.confidence != "C" for f in self.facts) or any(
            p.confidence != "C" for p in self.history
        )

    def status_history(self) -> list[StatusPeriod]:
        """The history, or for a rule that states one status the one-entry history it implies:
        that status from the rule's first known date (until the day before it was superseded)."""
        if self.history:
            return list(self.history)
        first = self.effective or self.published or self.announced or dt.date.min
        end = self.superseded - dt.timedelta(days=1) if self.superseded else None
        return [StatusPeriod(status=self.status, start=first, end=end, citation=self.citation)]

    def status_on(self, day: dt.date) -> RuleStatus | None:
        """The status on ``day``; None before the rule's first entry (it did not exist yet).
        Without a history the single status is read as holding on every day (the older
        packs' meaning), so only the dates decide."""
        if not self.history:
            return self.status
        for period in self.history:
            if period.covers(day):
                return period.status
        return None

    def binding_since(self, day: dt.date) -> dt.date | None:
        """The first day of the unbroken binding stretch that contains ``day`` (a suspension
        breaks it: obligations are affected again from the reinstatement, not from the first
        effective date), or None when the rule does not bind on ``day``."""
        if self.status_on(day) not in BINDING_STATUSES:
            return None
        if not self.history:
            return self.effective
        start: dt.date | None = None
        for period in self.history:
            if period.status in BINDING_STATUSES:
                if start is None:
                    start = period.start
            else:
                start = None
            if period.covers(day):
                break
        if start is None:
            return None
        return max(start, self.effective) if self.effective else start

    def status_changes(self) -> list[dt.date]:
        """Days on which the status changes (each period's first day after the first one's,
        and the day after an ended last period), for "what changes next" and tests."""
        days: list[dt.date] = []
        history = self.history
        for period in history[1:]:
            days.append(period.start)
        if history and history[-1].end is not None:
            days.append(history[-1].end + dt.timedelta(days=1))
        return days


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
