"""Rules as sentences: the scope tree as indented conditions a compliance officer can check
against the legal text without reading YAML.

Pure functions over the rule model (no Qt), so the Restrictions view and its tests read the
same words, and a report could reuse them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.domain.enums import (
    Architecture,
    EquipmentCategory,
    MachineStatus,
    Outcome,
    ProcessType,
    RuleStatus,
    ServiceType,
)
from workbench.rules.model import (
    NEW_TOOL_SHIPMENT,
    AdvancedNode,
    AllOf,
    AnyOf,
    ArchitectureIn,
    CategoryIn,
    ClassificationIn,
    CountryGroupIn,
    CountryIn,
    DateCompare,
    Flag,
    Listed,
    MachineStatusIn,
    ModelIn,
    ModelSetIn,
    NotOf,
    ObligationOverlaps,
    OwnedBy,
    ProcessTypeIn,
    Rule,
    RulePack,
    Scope,
    SubjectToEar,
    Threshold,
)

_STATUS = {
    RuleStatus.RUMOURED: "Rumoured",
    RuleStatus.PROPOSED: "Proposed",
    RuleStatus.PUBLISHED: "Published",
    RuleStatus.IN_FORCE: "In force",
    RuleStatus.SUSPENDED: "Suspended",
    RuleStatus.WITHDRAWN: "Withdrawn",
}
_OUTCOME = {
    Outcome.PROHIBITED: "Prohibited",
    Outcome.PRESUMPTION_OF_DENIAL: "Presumption of denial",
    Outcome.LICENCE_REQUIRED: "Licence required",
    Outcome.CASE_BY_CASE: "Case-by-case review",
    Outcome.NOTIFY: "Notification",
}
_PROCESS = {
    ProcessType.LOGIC: "logic",
    ProcessType.FOUNDRY: "foundry",
    ProcessType.DRAM: "DRAM",
    ProcessType.NAND: "NAND",
    ProcessType.OTHER: "other",
}
_ARCHITECTURE = {
    Architecture.PLANAR: "planar",
    Architecture.FINFET: "FinFET",
    Architecture.GAA: "GAA",
}
_THRESHOLD_FIELDS = {
    "logic_node_nm": ("Fab logic node", "nm"),
    "dram_half_pitch_nm": ("Fab DRAM half-pitch", "nm"),
    "nand_layers": ("Fab NAND layers", ""),
    "overlay_nm": ("Tool overlay", "nm"),
    "wavelength_nm": ("Tool wavelength", "nm"),
    "numerical_aperture": ("Tool numerical aperture", ""),
    "wafer_size_mm": ("Fab wafer size", "mm"),
    "us_content_pct": ("Tool US-origin content", "%"),
}
_FLAGS = {
    "us_person": "US persons take part in the service",
    "us_origin": "The model is US-origin",
    "us_direct_product": "The model is a direct product of US technology, software or plant",
}
_OPS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
_DATE_FIELDS = {
    "ship_date": "Machine shipped",
    "install_date": "Machine installed",
    "contract_signed": "Contract signed",
}
_DATE_OPS = {
    "before": "before",
    "on_or_before": "on or before",
    "after": "after",
    "on_or_after": "on or after",
}
_PARTIES = {"customer": "customer", "fab": "fab", "parent": "parent company"}
_LISTS = {
    "entity_list": "the Entity List",
    "meu": "the MEU List",
    "uvl": "the Unverified List",
    "sdn": "the SDN List",
    "cmic": "the CMIC List",
    "meti_end_user_list": "METI's End User List",
    "veu_revoked": "the parties removed from the VEU list (Supp. No. 7 to Part 748)",
}


def status_label(status: str) -> str:
    try:
        return _STATUS[RuleStatus(status)]
    except ValueError:
        return status


def status_on_text(rule: Rule, day: dt.date) -> str:
    """The rule's status on ``day`` in words, with the day it began and a [S]/[U] mark when the
    entry is not confirmed: what a list shows beside each rule ("Suspended since 2025-11-10")."""
    status = rule.status_on(day)
    if status is None:
        first = rule.status_history()[0]
        return f"Not yet ({status_label(first.status)} from {first.start.isoformat()})"
    if not rule.history:
        return status_label(status)
    period = next(p for p in rule.history if p.covers(day))
    mark = f" [{period.confidence}]" if period.confidence != "C" else ""
    return f"{status_label(status)} since {period.start.isoformat()}{mark}"


def outcome_label(outcome: str) -> str:
    if outcome == "licensed":
        return "Licensed"
    try:
        return _OUTCOME[Outcome(outcome)]
    except ValueError:
        return outcome.replace("_", " ").capitalize()


def activity_label(slug: str) -> str:
    if slug == NEW_TOOL_SHIPMENT:
        return "Shipment of new tools"
    try:
        return ServiceType(slug).label
    except ValueError:
        return slug


def _or(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _unknown(counts: bool) -> str:
    return " (unknown counts as a match)" if counts else ""


def _category(slug: str) -> str:
    try:
        return EquipmentCategory(slug).label
    except ValueError:
        return slug


def describe_predicate(node: Scope, pack: RulePack | None = None) -> str:
    """One predicate (or the heading of a group) as a sentence."""
    if isinstance(node, AllOf):
        return "All of these hold:"
    if isinstance(node, AnyOf):
        return "Any of these holds:"
    if isinstance(node, NotOf):
        return "None of this holds:"
    if isinstance(node, CountryIn):
        whose = "Fab country" if node.of == "fab" else "Customer HQ country"
        return f"{whose} is {_or(list(node.countries))}"
    if isinstance(node, CountryGroupIn):
        whose = "Fab country" if node.of == "fab" else "Customer HQ country"
        groups = _or(list(node.groups))
        return f"{whose} is in EAR country group {groups} (as of the evaluation date)"
    if isinstance(node, AdvancedNode):
        return (
            "Fab is advanced-node under the definition in force on the evaluation date (since "
            "87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, NAND ≥ 128 "
            "layers)" + _unknown(node.unknown_counts)
        )
    if isinstance(node, Flag):
        return _FLAGS[node.field] + _unknown(node.unknown_counts)
    if isinstance(node, SubjectToEar):
        minimis = (
            "any US-origin content"
            if node.de_minimis_pct == 0
            else f"more than {node.de_minimis_pct:g} % US-origin content"
        )
        fdp = ", or a US direct product" if node.direct_product else ""
        return f"The model is subject to the EAR: US-origin, {minimis}{fdp}" + _unknown(
            node.unknown_counts
        )
    if isinstance(node, ProcessTypeIn):
        return "Fab process is " + _or([_PROCESS.get(v, str(v)) for v in node.values])
    if isinstance(node, ArchitectureIn):
        return "Fab transistor architecture is " + _or(
            [_ARCHITECTURE.get(v, str(v)) for v in node.values]
        )
    if isinstance(node, CategoryIn):
        return "Equipment category is " + _or([_category(v) for v in node.values])
    if isinstance(node, MachineStatusIn):
        return "Machine status is " + _or([MachineStatus(v).value for v in node.values])
    if isinstance(node, ModelIn):
        return f"Model is {node.vendor} " + _or(list(node.codes))
    if isinstance(node, ModelSetIn):
        model_set = pack.model_sets.get(node.name) if pack else None
        if model_set is None:
            return f"Model is on the pack's list '{node.name}'"
        codes = [f"{m.vendor} {m.model_code}" for m in model_set.models]
        shown = ", ".join(codes[:6]) + (f" and {len(codes) - 6} more" if len(codes) > 6 else "")
        return f"Model is on the list '{model_set.title or node.name}': {shown}"
    if isinstance(node, ClassificationIn):
        how = {"prefix": "starting with", "exact": "exactly", "starts": "in product group"}[
            node.match
        ]
        return f"{node.regime} classification {how} {_or(list(node.codes))}"
    if isinstance(node, Threshold):
        label, unit = _THRESHOLD_FIELDS[node.field]
        value = f"{node.value:g}" + (f" {unit}" if unit else "")
        return f"{label} {_OPS[node.op]} {value}" + _unknown(node.unknown_counts)
    if isinstance(node, Listed):
        parties = _or([_PARTIES[p] for p in node.parties])
        lists = _or([_LISTS.get(name, name) for name in node.lists])
        text = f"The {parties} is on {lists}"
        if node.footnotes:
            text += " with footnote " + _or(list(node.footnotes))
        if node.policy_contains:
            text += "; licence policy mentions " + _or([f"“{p}”" for p in node.policy_contains])
        if node.policy_lacks:
            text += "; and that same policy mentions none of " + ", ".join(
                f"“{p}”" for p in node.policy_lacks
            )
        return text
    if isinstance(node, OwnedBy):
        lists = _or([_LISTS.get(name, name) for name in node.lists])
        text = (
            f"The customer is owned {node.min_pct:g} % or more, directly or indirectly, "
            f"individually or in the aggregate, by parties on {lists}"
        )
        if node.footnotes:
            text += " with footnote " + _or(list(node.footnotes))
        return text
    if isinstance(node, DateCompare):
        when = "the rule's effective date" if node.date == "effective" else str(node.date)
        return f"{_DATE_FIELDS[node.field]} {_DATE_OPS[node.op]} {when}" + _unknown(
            node.unknown_counts
        )
    if isinstance(node, ObligationOverlaps):
        when = "the rule's effective date" if node.date == "effective" else str(node.date)
        return f"The service obligation runs on {when}"
    return str(node)


@dataclass(frozen=True)
class ScopeLine:
    depth: int
    text: str
    group: bool


def describe_scope(scope: Scope, pack: RulePack | None = None) -> list[ScopeLine]:
    """The scope tree depth-first, one line per node; groups introduce their children."""
    out: list[ScopeLine] = []

    def walk(node: Scope, depth: int) -> None:
        group = isinstance(node, AllOf | AnyOf | NotOf)
        out.append(ScopeLine(depth, describe_predicate(node, pack), group))
        if isinstance(node, AllOf | AnyOf):
            for child in node.items:
                walk(child, depth + 1)
        elif isinstance(node, NotOf):
            walk(node.item, depth + 1)

    walk(scope, 0)
    return out


def activities_text(activities: list[str]) -> str:
    return _and([activity_label(a) for a in activities])
