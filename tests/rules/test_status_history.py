"""Dated status history: a rule in force, suspended and in force again, evaluated as of days
on both sides of every change by both evaluators.

The history is the BIS Affiliates rule's (90 FR 47201 in force 29 Sept 2025; suspended
10 Nov 2025 to 9 Nov 2026; reimposed 10 Nov 2026 as the suspension notice states), reduced
to a plain listed-customer scope so the test is about dates, not ownership.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from tests.rules.factories import facts, row, rule
from workbench.domain.enums import RuleStatus
from workbench.rules.compiled import evaluate
from workbench.rules.facts import licences_frame, listings_frame
from workbench.rules.model import RulePack, Scenario
from workbench.rules.packs import RuleBook, in_force, select_rules
from workbench.rules.reference import evaluate_reference

HISTORY: list[dict[str, Any]] = [
    {"status": "published", "from": dt.date(2025, 9, 29), "to": dt.date(2025, 9, 29),
     "citation": "90 FR 47201 (public inspection)"},
    {"status": "in_force", "from": dt.date(2025, 9, 30), "to": dt.date(2025, 11, 9),
     "citation": "90 FR 47201"},
    {"status": "suspended", "from": dt.date(2025, 11, 10), "to": dt.date(2026, 11, 9),
     "citation": "suspension final rule, 90 FR (No. 216)"},
    {"status": "in_force", "from": dt.date(2026, 11, 10), "citation": "reimposed as stated",
     "confidence": "U"},
]  # fmt: skip


def _rule(**changes: Any) -> Any:
    fields: dict[str, Any] = {
        "status": "in_force",
        "effective": dt.date(2025, 9, 29),
        "history": HISTORY,
    }
    fields.update(changes)
    return rule({"kind": "listed", "parties": ["customer"]}, **fields)


def _book(r: Any) -> RuleBook:
    return RuleBook.of([RulePack(pack="p", title="p", version=1, rules=[r])])


IN_FORCE = Scenario(id="now", title="in force", in_force=True)

#: (as-of day, status on it, in force) on both sides of every change.
DAYS = [
    (dt.date(2025, 9, 28), None, False),
    (dt.date(2025, 9, 29), RuleStatus.PUBLISHED, True),
    (dt.date(2025, 9, 30), RuleStatus.IN_FORCE, True),
    (dt.date(2025, 11, 9), RuleStatus.IN_FORCE, True),
    (dt.date(2025, 11, 10), RuleStatus.SUSPENDED, False),
    (dt.date(2026, 11, 9), RuleStatus.SUSPENDED, False),
    (dt.date(2026, 11, 10), RuleStatus.IN_FORCE, True),
    (dt.date(2027, 6, 1), RuleStatus.IN_FORCE, True),
]


@pytest.mark.parametrize(("day", "status", "binding"), DAYS)
def test_status_and_in_force_on_each_side_of_a_change(
    day: dt.date, status: RuleStatus | None, binding: bool
) -> None:
    r = _rule()
    assert r.status_on(day) == status
    assert in_force(r, day) is binding


@pytest.mark.parametrize(("day", "status", "binding"), DAYS)
def test_both_evaluators_agree_across_the_suspension(
    day: dt.date, status: RuleStatus | None, binding: bool
) -> None:
    """A listed customer's three-year obligation: hit while in force, not while suspended; after
    the reinstatement it is affected from the reinstatement day, not from September 2025."""
    data = facts(
        row(obligation_start=dt.date(2025, 1, 1), obligation_end=dt.date(2027, 12, 31)),
        row(obligation_id=2, customer_id=600, customer_name="Not listed"),
    )
    listings = listings_frame(
        [{"customer_id": 500, "party_name": "SMIC Beijing", "list_code": "entity_list"}]
    )
    chosen = select_rules(IN_FORCE, _book(_rule()), day)
    assert [a.rule.id for a in chosen] == (["r1"] if binding else [])
    fast = evaluate(data, listings, licences_frame(), chosen, day).hits
    slow = evaluate_reference(data, listings, licences_frame(), chosen, day).hits
    assert fast.equals(slow)
    assert fast.height == (1 if binding else 0)
    if binding:
        first = fast["first_affected"][0]
        expected = dt.date(2026, 11, 10) if day >= dt.date(2026, 11, 10) else dt.date(2025, 9, 29)
        assert first == expected


def test_a_named_rule_is_weighed_while_suspended_but_not_when_withdrawn() -> None:
    weigh = Scenario(id="w", title="what if", rules=["r1"])
    day = dt.date(2026, 1, 15)
    assert [a.rule.id for a in select_rules(weigh, _book(_rule()), day)] == ["r1"]
    withdrawn = [
        {"status": "in_force", "from": dt.date(2025, 9, 29), "to": dt.date(2025, 12, 31),
         "citation": "x"},
        {"status": "withdrawn", "from": dt.date(2026, 1, 1), "citation": "y"},
    ]  # fmt: skip
    gone = _rule(status="withdrawn", history=withdrawn)
    assert select_rules(weigh, _book(gone), day) == []
    assert [a.rule.id for a in select_rules(weigh, _book(gone), dt.date(2025, 10, 1))] == ["r1"]


def test_a_single_status_reads_as_a_one_entry_history() -> None:
    plain = rule({"kind": "listed"}, superseded=dt.date(2026, 1, 1))
    (only,) = plain.status_history()
    assert (only.status, only.start, only.end) == (
        RuleStatus.IN_FORCE,
        dt.date(2024, 6, 1),
        dt.date(2025, 12, 31),
    )
    assert only.citation == plain.citation
    assert plain.status_changes() == []
    assert _rule().status_changes() == [
        dt.date(2025, 9, 30),
        dt.date(2025, 11, 10),
        dt.date(2026, 11, 10),
    ]


def test_an_unconfirmed_history_entry_marks_the_rule() -> None:
    assert _rule().unconfirmed
    confirmed = [{**p, "confidence": "C"} for p in HISTORY]
    assert not _rule(history=confirmed).unconfirmed


@pytest.mark.parametrize(
    ("history", "status", "message"),
    [
        (
            [{"status": "in_force", "from": dt.date(2025, 1, 1), "citation": "a"},
             {"status": "suspended", "from": dt.date(2025, 6, 1), "citation": "b"}],
            "suspended",
            "must end before the next starts",
        ),
        (
            [{"status": "in_force", "from": dt.date(2025, 1, 1), "to": dt.date(2025, 6, 1),
              "citation": "a"},
             {"status": "suspended", "from": dt.date(2025, 6, 1), "citation": "b"}],
            "suspended",
            "must end before the next starts",
        ),
        (
            [{"status": "in_force", "from": dt.date(2025, 1, 1), "to": dt.date(2024, 6, 1),
              "citation": "a"}],
            "in_force",
            "ends before it starts",
        ),
        (
            [{"status": "suspended", "from": dt.date(2025, 1, 1), "citation": "a"}],
            "in_force",
            "latest history entry says 'suspended'",
        ),
    ],
)  # fmt: skip
def test_inconsistent_histories_are_refused(
    history: list[dict[str, Any]], status: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _rule(history=history, status=status)
