"""What an import could not learn is a doubt in the evaluation, never a clean result.

A flat export into an empty book leaves customers' HQ countries unknown (or inferred from
their fabs), contract starts unknown, services unnamed (all assumed) and unknown models in
category "unknown". Both evaluators must agree on each (``both`` checks that) and the
explanation must say what was assumed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.rules.compiled import evaluate
from workbench.rules.facts import licences_frame, listings_frame

from .factories import BASE, active, both, facts, row, rule

HQ_CN = {"kind": "country", "of": "customer_hq", "in": ["CN"]}
HQ_D5 = {"kind": "country_group", "of": "customer_hq", "groups": ["D:5"]}
SME = {"kind": "category", "in": ["duv_immersion", "euv_litho"]}


def _explain(changes: dict[str, object], scope: dict[str, object]) -> list[str]:
    result = evaluate(
        facts(row(**changes)), listings_frame(), licences_frame(), [active(rule(scope))],
        dt.date(2025, 6, 1),
    )  # fmt: skip
    return result.explain(1, "r1")


@pytest.mark.parametrize("scope", [HQ_CN, HQ_D5], ids=["country", "country group"])
def test_unknown_hq_country_counts_and_says_so(scope: dict[str, object]) -> None:
    assert both(facts(row(customer_hq_country=None)), [active(rule(scope))]).height == 1
    assert (
        "customer HQ country unknown (counted as a doubt)"
        in _explain({"customer_hq_country": None}, scope)[0]
    )


def test_a_known_hq_elsewhere_does_not_count() -> None:
    assert both(facts(row(customer_hq_country="KR")), [active(rule(HQ_CN))]).height == 0


def test_inferred_hq_is_tested_and_named_as_inferred() -> None:
    changes = {"customer_hq_basis": "inferred"}
    assert both(facts(row(**changes)), [active(rule(HQ_CN))]).height == 1
    assert _explain(changes, HQ_CN)[0] == (
        "customer HQ country CN (inferred from the fabs' location) in {CN}"
    )
    stated = _explain({"customer_hq_basis": "stated"}, HQ_CN)[0]
    assert stated == "customer HQ country CN in {CN}"


def test_unknown_category_is_a_doubt_for_category_rules() -> None:
    assert both(facts(row(category="unknown")), [active(rule(SME))]).height == 1
    assert both(facts(row(category="cmp")), [active(rule(SME))]).height == 0
    assert _explain({"category": "unknown"}, SME)[0] == (
        "tool category unknown (counted as a doubt) in {duv_immersion, euv_litho}"
    )


def test_unknown_start_counts_as_running_with_its_whole_value_at_risk() -> None:
    scope = {"all": [{"kind": "country", "in": ["CN"]}, {"kind": "obligation_overlaps"}]}
    hits = both(facts(row(obligation_start=None)), [active(rule(scope))])
    assert hits.height == 1
    assert hits["first_affected"][0] == dt.date(2024, 6, 1)  # the rule's effective date
    assert hits["value_at_risk"][0] == pytest.approx(BASE["obligation_value"])


def test_assumed_coverage_is_named_in_the_explanation() -> None:
    cn = {"kind": "country", "in": ["CN"]}
    assert "service type spare_parts assumed covered (the import named no services)" in (
        _explain({"coverage_assumed": True}, cn)
    )
    assert "service type spare_parts covered" in _explain({"coverage_assumed": False}, cn)
