"""Loading rule packs and scenarios, and choosing the rules a scenario evaluates.

A scenario is what analysts compare ("today" against "if enacted"), so selection is where
dates and statuses turn into the concrete list of rules, each with the effective date it is
evaluated with and the model sets of its own pack (packs are self-contained, so a user's pack
never depends on a shipped one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.enums import RuleStatus
from workbench.paths import resource
from workbench.rules.model import BINDING_STATUSES, Rule, RulePack, Scenario
from workbench.rules.validation import ValidationMessage, errors_only, validate_document


class PackError(ValueError):
    """A pack or scenario that does not validate; ``messages`` has every problem."""

    def __init__(self, messages: Sequence[ValidationMessage]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(str(m) for m in self.messages))


def load_pack(path: Path | str) -> RulePack:
    p = Path(path)
    pack, messages = validate_document(p.read_text(encoding="utf-8"), p.name, RulePack)
    if pack is None:
        raise PackError(errors_only(messages))
    return pack


def load_scenario(path: Path | str) -> Scenario:
    p = Path(path)
    scenario, messages = validate_document(p.read_text(encoding="utf-8"), p.name, Scenario)
    if scenario is None:
        raise PackError(errors_only(messages))
    return scenario


def shipped_pack_paths() -> list[Path]:
    return sorted(resource("rules").glob("*.yaml"))


def shipped_scenario_paths() -> list[Path]:
    return sorted(resource("scenarios").glob("*.yaml"))


def load_shipped_packs() -> list[RulePack]:
    return [load_pack(p) for p in shipped_pack_paths()]


def load_shipped_scenarios() -> list[Scenario]:
    return [load_scenario(p) for p in shipped_scenario_paths()]


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule as one evaluation uses it: with the effective date it is evaluated with (its own,
    or the scenario's assumption) and the model sets of its pack resolved to (vendor, code)."""

    rule: Rule
    pack: str
    effective: dt.date
    model_sets: Mapping[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    model_set_titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def binding(self) -> dt.date:
        """The first day obligations are affected: the compliance date when the rule sets a
        later one (89 FR 96790 gave footnote 5 until 31 Dec 2024), else the effective date."""
        compliance = self.rule.compliance
        return max(self.effective, compliance) if compliance is not None else self.effective


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every rule of a set of packs, by id (ids are unique across the packs)."""

    packs: tuple[RulePack, ...]

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for pack in self.packs:
            for rule in pack.rules:
                if rule.id in seen:
                    raise ValueError(
                        f"rule id {rule.id!r} is in both pack {seen[rule.id]!r} and {pack.pack!r}"
                    )
                seen[rule.id] = pack.pack

    @classmethod
    def of(cls, packs: Iterable[RulePack]) -> RuleBook:
        return cls(tuple(packs))

    def entries(self) -> Iterable[tuple[RulePack, Rule]]:
        for pack in self.packs:
            for rule in pack.rules:
                yield pack, rule

    def find(self, rule_id: str) -> tuple[RulePack, Rule]:
        for pack, rule in self.entries():
            if rule.id == rule_id:
                return pack, rule
        raise KeyError(f"no rule {rule_id!r} in the loaded packs")

    def pack(self, pack_id: str) -> RulePack:
        for pack in self.packs:
            if pack.pack == pack_id:
                return pack
        raise KeyError(f"no rule pack {pack_id!r}")


def _active(pack: RulePack, rule: Rule, effective: dt.date) -> ActiveRule:
    return ActiveRule(
        rule=rule,
        pack=pack.pack,
        effective=effective,
        model_sets={name: ms.keys() for name, ms in pack.model_sets.items()},
        model_set_titles={name: ms.title or name for name, ms in pack.model_sets.items()},
    )


def in_force(rule: Rule, as_of: dt.date) -> bool:
    """In force on ``as_of``: enacted (in force or published on that day, by the rule's dated
    history where it has one), effective by then and not yet replaced by a later text. A rule
    suspended on ``as_of`` is not in force, whatever it was before or will be after."""
    return (
        rule.status_on(as_of) in BINDING_STATUSES
        and rule.effective is not None
        and rule.effective <= as_of
        and (rule.superseded is None or as_of < rule.superseded)
    )


def _effective_on(rule: Rule, as_of: dt.date) -> dt.date | None:
    """The effective date a run as of ``as_of`` evaluates an in-force rule with: the start of
    the binding stretch containing the day, so a rule reinstated after a suspension affects
    obligations from its reinstatement, not from its first effective date."""
    return rule.binding_since(as_of) if rule.history else rule.effective


def select_rules(scenario: Scenario, book: RuleBook, as_of: dt.date) -> list[ActiveRule]:
    """The rules ``scenario`` evaluates on ``as_of``, ordered by rule id.

    Rules named by the scenario (directly or by pack) are taken whatever their status, with
    the scenario's assumed effective date, else their own, else the as-of date; rules
    withdrawn on the as-of date are never taken, since nobody weighs a withdrawn text, nor
    superseded ones on a date their replacement governs. A rule named while suspended is
    taken: naming it is how an analyst weighs "what if the suspension ended now".
    """
    chosen: dict[str, ActiveRule] = {}
    if scenario.in_force:
        for pack, rule in book.entries():
            effective = _effective_on(rule, as_of)
            if in_force(rule, as_of) and effective is not None:
                chosen[rule.id] = _active(pack, rule, effective)
    named: list[tuple[RulePack, Rule]] = []
    for pack_id in scenario.packs:
        pack = book.pack(pack_id)
        named += [(pack, r) for r in pack.rules]
    named += [book.find(rule_id) for rule_id in scenario.rules]
    for pack, rule in named:
        if rule.status_on(as_of) is RuleStatus.WITHDRAWN or rule.id in chosen:
            continue
        if rule.superseded is not None and as_of >= rule.superseded:
            continue
        effective = scenario.assumed_effective or rule.effective or as_of
        chosen[rule.id] = _active(pack, rule, effective)
    return [chosen[k] for k in sorted(chosen)]
