"""What a newer version of a pack changes, rule by rule, and what changes next by date.

A user taking in a new version of a shipped pack must see, before trusting new runs, which
rules changed and in what (scope, dates, status, outcome); stored runs keep the rules they
were evaluated with (``rules_json``), so old runs are unaffected. "What changes next" lists
the coming days on which a rule takes effect, binds (compliance date), changes status (a
suspension ends) or is replaced, so nobody is surprised by a date already in the packs.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from workbench.rules.model import ModelSetIn, Rule, RulePack, Scope
from workbench.rules.packs import RuleBook

#: Rule fields by the aspect a reviewer asks about; every field of ``Rule`` is in one group.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "scope": ("scope",),
    "activities": ("activities",),
    "dates": ("announced", "published", "effective", "compliance", "superseded"),
    "status": ("status", "history"),
    "outcome": ("outcome", "licence_policy"),
    "exceptions": ("exceptions",),
    "text": ("title", "jurisdiction", "citation", "source_url", "notes", "facts"),
}

ChangeKind = Literal["added", "removed", "changed", "unchanged"]


@dataclass(frozen=True)
class RuleChange:
    """One rule's change between two versions of a pack; ``details`` say old -> new for the
    dates, status and outcome, which a reviewer reads first."""

    rule_id: str
    kind: ChangeKind
    groups: tuple[str, ...] = ()
    old_version: int | None = None
    new_version: int | None = None
    details: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == "added":
            return f"{self.rule_id}: new rule (v{self.new_version})"
        if self.kind == "removed":
            return f"{self.rule_id}: removed (was v{self.old_version})"
        if self.kind == "unchanged":
            return f"{self.rule_id}: unchanged"
        what = ", ".join(self.groups)
        text = f"{self.rule_id}: v{self.old_version} -> v{self.new_version}, changed {what}"
        return text + "".join(f"\n    {d}" for d in self.details)


def _model_sets_used(node: Scope) -> set[str]:
    if isinstance(node, ModelSetIn):
        return {node.name}
    found: set[str] = set()
    for child in getattr(node, "items", []) or []:
        found |= _model_sets_used(child)
    inner = getattr(node, "item", None)
    if inner is not None:
        found |= _model_sets_used(inner)
    return found


def _details(old: Rule, new: Rule, groups: Iterable[str]) -> list[str]:
    out: list[str] = []
    for group in groups:
        if group == "dates":
            for name in FIELD_GROUPS["dates"]:
                a, b = getattr(old, name), getattr(new, name)
                if a != b:
                    out.append(f"{name}: {a or '—'} -> {b or '—'}")
        elif group == "status":
            a = "; ".join(_period(p) for p in old.status_history())
            b = "; ".join(_period(p) for p in new.status_history())
            out.append(f"status: {a} -> {b}")
        elif group == "outcome":
            if old.outcome != new.outcome:
                out.append(f"outcome: {old.outcome.value} -> {new.outcome.value}")
            if old.licence_policy != new.licence_policy:
                out.append("licence policy changed")
    return out


def _period(p: Any) -> str:
    start = "" if p.start == dt.date.min else f" from {p.start.isoformat()}"
    end = f" to {p.end.isoformat()}" if p.end else ""
    mark = f" [{p.confidence}]" if p.confidence != "C" else ""
    return f"{p.status.value}{start}{end}{mark}"


def pack_changes(old: RulePack | None, new: RulePack) -> list[RuleChange]:
    """Rule-by-rule changes from ``old`` (None: a pack never seen) to ``new``, by rule id.

    A changed model set the rule reads counts as a change of its scope, since it changes
    what the rule hits without the rule's own text moving."""
    before = {r.id: r for r in (old.rules if old else [])}
    after = {r.id: r for r in new.rules}
    changed_sets = {
        name
        for name in set(old.model_sets if old else {}) | set(new.model_sets)
        if (old.model_sets.get(name) if old else None) != new.model_sets.get(name)
    }
    out: list[RuleChange] = []
    for rule_id in sorted(set(before) | set(after)):
        a, b = before.get(rule_id), after.get(rule_id)
        if a is None:
            assert b is not None
            out.append(RuleChange(rule_id, "added", new_version=b.version))
            continue
        if b is None:
            out.append(RuleChange(rule_id, "removed", old_version=a.version))
            continue
        groups = [
            group
            for group, names in FIELD_GROUPS.items()
            if any(getattr(a, n) != getattr(b, n) for n in names)
        ]
        if "scope" not in groups and _model_sets_used(b.scope) & changed_sets:
            groups.insert(0, "scope")
        if not groups and a.version == b.version:
            out.append(RuleChange(rule_id, "unchanged", (), a.version, b.version))
            continue
        out.append(
            RuleChange(
                rule_id,
                "changed",
                tuple(groups) or ("version",),
                a.version,
                b.version,
                tuple(_details(a, b, groups)),
            )
        )
    return out


@dataclass(frozen=True)
class Upcoming:
    """A coming day on which a rule's effect changes."""

    day: dt.date
    rule_id: str
    pack: str
    what: str
    confidence: str = "C"


def upcoming_changes(
    book: RuleBook, today: dt.date, until: dt.date | None = None
) -> list[Upcoming]:
    """Days after ``today`` (up to ``until``) on which a rule takes effect, binds from its
    compliance date, changes status or is replaced, earliest first. Rumoured and proposed
    rules' dates are listed too: a proposal with a date is exactly what a planner watches."""
    out: list[Upcoming] = []

    def add(day: dt.date | None, rule: Rule, pack: str, what: str, confidence: str = "C") -> None:
        if day is not None and day > today and (until is None or day <= until):
            out.append(Upcoming(day, rule.id, pack, what, confidence))

    for pack, rule in book.entries():
        p = pack.pack
        add(rule.effective, rule, p, f"takes effect ({rule.status_history()[0].status.value})")
        if rule.compliance and rule.compliance != rule.effective:
            add(rule.compliance, rule, p, "compliance date: obligations affected from this day")
        add(rule.superseded, rule, p, "replaced by a later text")
        history = rule.history
        for before, after in itertools.pairwise(history):
            verb = (
                "suspension ends: " if before.status.value == "suspended" else ""
            ) + f"{before.status.value} -> {after.status.value}"
            add(after.start, rule, p, verb, after.confidence)
        last = history[-1] if history else None
        if last is not None and last.end is not None:
            ended = last.end + dt.timedelta(days=1)
            add(ended, rule, p, f"{last.status.value} period ends", last.confidence)
    return sorted(out, key=lambda u: (u.day, u.rule_id, u.what))
