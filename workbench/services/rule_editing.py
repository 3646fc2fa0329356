"""Editing rules in the app: a draft rule's YAML, checked inside the pack it will be saved in.

A rule is only meaningful inside its pack (model sets, unique ids), so a draft is validated as
the whole pack it would produce, and the messages are mapped back to lines of the draft the
user sees. Editing a rule stores its pack in the database (which then overrides the shipped
file of the same id); copying a rule puts the copy in the user's own pack ``user-rules``. Either
way the pack's version goes up by one, so a run records which text it evaluated.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select

from workbench.domain.enums import RuleStatus
from workbench.rules.model import Rule, RulePack, Scenario
from workbench.rules.validation import ValidationMessage, validate_document
from workbench.services import rulebook
from workbench.storage.database import Database
from workbench.storage.orm import ScenarioRow

USER_PACK = "user-rules"
USER_PACK_TITLE = "Rules written or copied in the app"
_INDENT = "  "


class _Dumper(yaml.SafeDumper):
    """Safe YAML with enums as their values and dates unquoted (the schema wants real dates)."""


def _represent_enum(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.Node:
    return dumper.represent_str(str(value.value))


_Dumper.add_multi_representer(enum.Enum, _represent_enum)


def to_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=96,
        default_flow_style=False,
    )


def model_data(model: Rule | RulePack | Scenario) -> dict[str, Any]:
    """A model as YAML-ready data: aliases (``in``, ``all``), defaults left out."""
    return model.model_dump(mode="python", by_alias=True, exclude_defaults=True)


def rule_yaml(rule: Rule) -> str:
    return to_yaml(model_data(rule))


def scenario_yaml(scenario: Scenario) -> str:
    return to_yaml(model_data(scenario))


def _model_sets_used(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("kind") == "model_set" and isinstance(node.get("set"), str):
            yield node["set"]
        for value in node.values():
            yield from _model_sets_used(value)
    elif isinstance(node, list):
        for value in node:
            yield from _model_sets_used(value)


def _as_item(text: str) -> list[str]:
    """A YAML mapping as one item of a block sequence: '- ' before the first line, indent rest."""
    lines = text.rstrip("\n").split("\n")
    return [f"- {lines[0]}", *(f"{_INDENT}{line}" if line else "" for line in lines[1:])]


@dataclass(frozen=True)
class DraftCheck:
    """A draft checked inside its target pack.

    ``messages`` have lines and columns of the draft text; a problem elsewhere in the pack has
    line 0. ``pack`` is set only when there is no error, and then ``pack_text`` is what to save.
    """

    target: str
    rule: Rule | None
    pack: RulePack | None
    pack_text: str
    messages: list[ValidationMessage]

    @property
    def errors(self) -> list[ValidationMessage]:
        return [m for m in self.messages if m.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


def _id_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(r"^id\s*:", line):
            return number
    return 1


def check_draft(
    packs: Sequence[RulePack],
    draft_text: str,
    *,
    target: str,
    replaces: str | None,
    source_pack: str | None,
) -> DraftCheck:
    """Validate ``draft_text`` (one rule) as a member of pack ``target``.

    ``replaces`` is the id of the rule the draft replaces in ``target`` (an edit), or None (a
    new rule or a copy). ``source_pack`` is where the rule came from: model sets it names are
    copied from there when the target lacks them, so a copied rule keeps its model lists.
    """
    by_id = {p.pack: p for p in packs}
    base = by_id.get(target)
    header: dict[str, Any] = {
        "pack": target,
        "title": base.title if base else USER_PACK_TITLE,
        "version": (base.version + 1) if base else 1,
    }
    if base and base.description:
        header["description"] = base.description
    model_sets = {name: ms.model_dump(mode="python", exclude_defaults=True) for name, ms in
                  (base.model_sets.items() if base else [])}  # fmt: skip
    try:
        parsed = yaml.safe_load(draft_text)
    except yaml.YAMLError:
        parsed = None
    source = by_id.get(source_pack or "")
    if source is not None:
        for name in _model_sets_used(parsed):
            if name not in model_sets and name in source.model_sets:
                model_sets[name] = source.model_sets[name].model_dump(
                    mode="python", exclude_defaults=True
                )
    if model_sets:
        header["model_sets"] = model_sets

    lines = [*to_yaml(header).rstrip("\n").split("\n"), "rules:"]
    draft_first = 0
    placed = False
    others = list(base.rules) if base else []
    for other_rule in others:
        if other_rule.id == replaces and not placed:
            draft_first = len(lines) + 1
            lines += _as_item(draft_text)
            placed = True
            continue
        lines += _as_item(rule_yaml(other_rule))
    if not placed:
        draft_first = len(lines) + 1
        lines += _as_item(draft_text)
    draft_last = draft_first + len(draft_text.rstrip("\n").split("\n")) - 1
    pack_text = "\n".join(lines) + "\n"

    pack, found = validate_document(pack_text, f"{target}.yaml", RulePack)
    messages = [_to_draft(m, draft_first, draft_last) for m in found]

    rule: Rule | None = None
    if pack is not None:
        rule = pack.rules[_draft_index(others, replaces)]
        for other in packs:
            if other.pack != target and any(r.id == rule.id for r in other.rules):
                messages.append(
                    ValidationMessage(
                        "draft",
                        _id_line(draft_text),
                        1,
                        f"rule id {rule.id!r} is already used in pack {other.pack!r};"
                        " choose another id",
                        "id",
                    )
                )
        if any(m.severity == "error" for m in messages):
            pack = None
    messages.sort(key=lambda m: (m.line == 0, m.line, m.column))
    return DraftCheck(target, rule, pack, pack_text, messages)


def _draft_index(others: list[Rule], replaces: str | None) -> int:
    for index, rule in enumerate(others):
        if rule.id == replaces:
            return index
    return len(others)


def _to_draft(message: ValidationMessage, first: int, last: int) -> ValidationMessage:
    location = re.sub(r"^rules\.\d+\.?", "", message.location)
    if first <= message.line <= last:
        return ValidationMessage(
            "draft",
            message.line - first + 1,
            max(message.column - len(_INDENT), 1),
            message.message,
            location,
            message.severity,
        )
    return ValidationMessage(
        message.file, 0, 0, message.message, message.location, message.severity
    )


def save_draft(db: Database, check: DraftCheck) -> RulePack:
    """Store the pack of a draft that checked clean; the pack's version is already bumped."""
    if check.pack is None or check.errors:
        raise rulebook.RuleError("The rule has errors; correct them before saving.")
    rulebook.save_pack_text(db, check.pack, check.pack_text, source="rule editor")
    return check.pack


def free_id(base: str, taken: set[str]) -> str:
    """``base-copy``, then ``base-copy-2``, ... : the first id no pack uses (max 80 chars)."""
    stem = f"{base[:70]}-copy"
    candidate, number = stem, 2
    while candidate in taken:
        candidate = f"{stem}-{number}"
        number += 1
    return candidate


def copy_of(rule: Rule, taken: set[str]) -> Rule:
    """A copy of ``rule`` under a new id at version 1, status proposed: a user's variant must
    not join the ``in-force`` scenario until someone says it is law."""
    return rule.model_copy(
        update={
            "id": free_id(rule.id, taken),
            "version": 1,
            "title": f"{rule.title} (copy)",
            "status": RuleStatus.PROPOSED,
        }
    )


@dataclass(frozen=True)
class Rulebook:
    """Packs and scenarios in effect, each with where it comes from (shipped or database)."""

    packs: list[rulebook.PackInfo]
    scenarios: list[tuple[Scenario, str]]

    @property
    def pack_models(self) -> list[RulePack]:
        return [p.pack for p in self.packs]


def load_rulebook(db: Database) -> Rulebook:
    stored = set(stored_scenario_ids(db))
    return Rulebook(
        packs=rulebook.packs(db),
        scenarios=[
            (s, "database" if s.id in stored else "shipped") for s in rulebook.scenarios(db)
        ],
    )


def stored_scenario_ids(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(ScenarioRow.scenario_id)))
