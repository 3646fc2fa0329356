"""Diffing two hit sets and aggregating value at risk."""

from __future__ import annotations

import datetime as dt

import polars as pl

from workbench.rules.diff import (
    compare_value_at_risk,
    diff_hits,
    licence_changes,
    value_at_risk_by,
)
from workbench.rules.facts import licences_frame

from .factories import active, both, facts, row, rule

CN = {"kind": "country", "in": ["CN"]}


def _runs() -> tuple:  # type: ignore[type-arg]
    book = facts(
        row(),
        row(obligation_id=2, fab_country="US", customer_id=9, customer_name="Other"),
        row(obligation_id=3, currency="USD"),
    )
    a = both(book, [active(rule(CN))])
    later = active(rule(CN, effective=dt.date(2025, 1, 1), version=2))
    b = both(book, [later, active(rule({"kind": "country", "in": ["US"]}, id="r2"))])
    return a, b


def test_new_gone_changed() -> None:
    a, b = _runs()
    d = diff_hits(a, b)
    assert d.new.select("obligation_id", "rule_id").rows() == [(2, "r2")]
    assert d.gone.height == 0
    assert d.changed["obligation_id"].to_list() == [1, 3]
    assert d.changed["first_affected_a"][0] == dt.date(2024, 6, 1)
    assert d.changed["first_affected_b"][0] == dt.date(2025, 1, 1)
    assert not d.unchanged
    assert diff_hits(a, a).unchanged


def test_value_at_risk_never_sums_currencies() -> None:
    a, b = _runs()
    by_country = value_at_risk_by(b, "country")
    assert set(by_country.select("fab_country", "currency").rows()) == {
        ("CN", "EUR"),
        ("CN", "USD"),
        ("US", "EUR"),
    }
    by_rule = compare_value_at_risk(a, b, "rule")
    r2 = by_rule.filter(by_rule["rule_id"] == "r2")
    assert r2["value_a"][0] == 0.0
    assert r2["delta"][0] == r2["value_b"][0] > 0
    by_customer = value_at_risk_by(a, "customer")
    assert by_customer["hits"].sum() == a.height


ON_FILE = {"licences_on_file": True}


def _licensed(as_of: dt.date, *licences: dict[str, object]) -> pl.DataFrame:
    lic = licences_frame(
        [
            {"licence_id": n, "jurisdiction": "US", "valid_from": dt.date(2024, 1, 1), **fields}
            for n, fields in enumerate(licences)
        ]
    )
    return both(facts(row()), [active(rule(CN, exceptions=ON_FILE))], as_of=as_of, licences=lic)


def test_licence_changes_name_a_grant_citing_its_application() -> None:
    day = dt.date(2025, 6, 1)
    a, b = _licensed(day), _licensed(day, {"number": "D1"})
    changes = licence_changes(a, b, day, granted={"D1": 7})
    assert changes.select("cause", "licences", "detail").rows() == [
        ("granted", "D1", "Now covered by licence D1 (granted on application #7)")
    ]
    assert changes.select("final_outcome_a", "final_outcome_b").row(0) == (
        "licence_required",
        "licensed",
    )
    assert licence_changes(a, a, day).height == 0


def test_licence_changes_name_an_expiry_by_the_later_runs_date() -> None:
    ends = {"number": "D1", "valid_to": dt.date(2025, 6, 30)}
    a = _licensed(dt.date(2025, 6, 1), ends)
    b = _licensed(dt.date(2025, 7, 15), ends)
    changes = licence_changes(a, b, dt.date(2025, 7, 15))
    assert changes.select("cause", "detail").rows() == [
        ("expired", "Licence D1 ended on 2025-06-30")
    ]
    # A renewal under the same number entered before B: the cover runs on.
    renewed = _licensed(
        dt.date(2025, 6, 1), ends, {"number": "D1", "valid_from": dt.date(2025, 7, 1)}
    )
    changes = licence_changes(a, renewed, dt.date(2025, 6, 1))
    assert changes.select("cause", "detail").rows() == [
        ("granted", "Licence D1 now runs to no end date (renewed)")
    ]


def test_licence_changes_name_a_limit_with_its_reason() -> None:
    day = dt.date(2025, 6, 1)
    a = _licensed(day, {"number": "D1"})
    b = _licensed(day, {"number": "D1", "value_limit": 1.0, "limit_currency": "EUR"})
    changes = licence_changes(a, b, day)
    assert changes["cause"].to_list() == ["limit"]
    assert changes["licences"].to_list() == ["D1"]
    assert changes["detail"][0] == (
        "D1: value limit EUR 1.00 is less than this obligation needs (EUR 579,000.00)"
    )
    back = licence_changes(b, a, day)
    assert back.select("cause", "detail").rows() == [
        ("limit", "The limit of licence D1 no longer refuses it")
    ]


def test_a_denial_between_the_runs_is_listed_though_the_hit_did_not_change() -> None:
    day = dt.date(2025, 6, 1)
    a = _licensed(day)
    denial = "Licence application #3 denied by BIS on 2025-05-20: presumption of denial"
    changes = licence_changes(a, a, day, denials={(1, "r1"): denial, (99, "r1"): "not a hit"})
    assert changes.select("obligation_id", "cause", "detail").rows() == [(1, "denied", denial)]
