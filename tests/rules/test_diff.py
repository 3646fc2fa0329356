"""Diffing two hit sets and aggregating value at risk."""

from __future__ import annotations

import datetime as dt

from workbench.rules.diff import compare_value_at_risk, diff_hits, value_at_risk_by

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
