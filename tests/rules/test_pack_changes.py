"""Rule-by-rule changes between pack versions, and the "what changes next" dates."""

from __future__ import annotations

import datetime as dt

from workbench.paths import resource
from workbench.rules.model import Rule, RulePack
from workbench.rules.pack_changes import pack_changes, upcoming_changes
from workbench.rules.packs import RuleBook, load_pack, load_shipped_packs


def _pack(**changes: object) -> RulePack:
    return load_pack(resource("rules", "us-2025.yaml")).model_copy(update=changes)


def test_same_pack_is_unchanged_rule_by_rule() -> None:
    pack = _pack()
    changes = pack_changes(pack, pack)
    assert {c.kind for c in changes} == {"unchanged"}
    assert [c.rule_id for c in changes] == sorted(r.id for r in pack.rules)


def test_added_removed_and_changed_rules_name_what_changed() -> None:
    old = _pack()
    affiliates, operations, upgrades = old.rules
    moved = Rule.model_validate(
        {
            **operations.model_dump(by_alias=True),
            "version": 2,
            "effective": dt.date(2026, 1, 1),
            "outcome": "case_by_case",
        }
    )
    new = old.model_copy(update={"rules": [moved, upgrades.model_copy(update={"id": "x-new"})]})
    by_id = {c.rule_id: c for c in pack_changes(old, new)}
    assert by_id[affiliates.id].kind == "removed"
    assert by_id[upgrades.id].kind == "removed" and by_id["x-new"].kind == "added"
    change = by_id[operations.id]
    assert change.kind == "changed" and change.groups == ("dates", "outcome")
    assert "effective: 2025-12-31 -> 2026-01-01" in change.details
    assert "outcome: licence_required -> case_by_case" in change.describe()


def test_a_new_pack_is_all_additions() -> None:
    assert {c.kind for c in pack_changes(None, _pack())} == {"added"}


def test_upcoming_lists_effective_dates_and_the_suspension_end_in_order() -> None:
    book = RuleBook.of(load_shipped_packs())
    items = upcoming_changes(book, dt.date(2025, 11, 1), until=dt.date(2026, 12, 31))
    days = [(u.day, u.rule_id, u.what, u.confidence) for u in items]
    assert days == sorted(days)
    assert (
        dt.date(2025, 11, 10),
        "us-affiliates-50pct-entity-list",
        "in_force -> suspended",
        "S",
    ) in days
    assert (
        dt.date(2026, 11, 10),
        "us-affiliates-50pct-entity-list",
        "suspension ends: suspended -> in_force",
        "U",
    ) in days
    assert any(u.rule_id == "us-veu-revoked-2025-operations" for u in items)
    assert all(dt.date(2025, 11, 1) < u.day <= dt.date(2026, 12, 31) for u in items)
    later = upcoming_changes(book, dt.date(2026, 11, 10))
    assert not any(u.rule_id == "us-affiliates-50pct-entity-list" for u in later)
