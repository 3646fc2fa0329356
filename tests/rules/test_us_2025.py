"""The shipped 2025 pack on the cases it was written for, by both evaluators: the VEU
revocation moves service hits at a former VEU fab from licensed to licence required on
31 Dec 2025, and the Affiliates rule hits an affiliate only while it is in force."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from workbench.rules.facts import licences_frame, listings_frame, ownership_frame
from workbench.rules.packs import RuleBook, load_shipped_packs, load_shipped_scenarios, select_rules

from .factories import both, facts, row

WUXI = {
    "fab_id": 2000,
    "customer_id": 700,
    "customer_name": "SK hynix Semiconductor (China) Ltd.",
    "fab_name": "SK hynix Wuxi C2",
    "fab_country": "CN",
    "customer_hq_country": "KR",
    "process_type": "dram",
    "logic_node_nm": None,
    "architecture": None,
    "dram_half_pitch_nm": 16.0,
    "advanced_node": None,
    "vendor": "Lam Research",
    "model_code": "Kiyo",
    "category": "etch_conductor",
    "class_us": "3B001.c.1.a",
    "us_origin": True,
    "us_content_pct": 100.0,
    "us_direct_product": True,
    "us_person": False,
    "obligation_start": dt.date(2025, 1, 1),
    "obligation_end": dt.date(2027, 12, 31),
}
VEU_LICENCE = licences_frame(
    [
        {"licence_id": 1, "jurisdiction": "US", "number": "VEU-C-0013",
         "valid_from": dt.date(2023, 10, 13), "valid_to": dt.date(2025, 12, 30),
         "customer_id": 700, "fab_id": 2000},
    ]
)  # fmt: skip
VEU_REVOKED = listings_frame(
    [{"customer_id": 700, "party_name": "SK hynix Semiconductor (China) Ltd.",
      "list_code": "veu_revoked", "since": dt.date(2025, 12, 31)}]
)  # fmt: skip


def _in_force(day: dt.date) -> list:  # type: ignore[type-arg]
    scenario = next(s for s in load_shipped_scenarios() if s.id == "in-force")
    return select_rules(scenario, RuleBook.of(load_shipped_packs()), day)


def _hits(day: dt.date) -> pl.DataFrame:
    data = facts(
        row(obligation_id=1, service_type="spare_parts", **WUXI),
        row(obligation_id=2, service_type="upgrades", **WUXI),
    )
    return both(data, _in_force(day), day, listings=VEU_REVOKED, licences=VEU_LICENCE)


def test_on_the_last_day_of_the_veu_authorisation_the_hits_are_affected_from_its_end() -> None:
    # The authorisation covers the day, but it ends before the obligations do: since the
    # licence register (issue 17) such a hit is not "licensed" but affected from the day
    # after the licence's end, naming the licence and its end.
    hits = _hits(dt.date(2025, 12, 30))
    assert hits.height and "licensed" not in set(hits["final_outcome"])
    assert not any(r.startswith("us-veu-revoked") for r in hits["rule_id"])
    assert set(hits["licence_numbers"]) == {"VEU-C-0013"}
    assert set(hits["licence_coverage"]) == {"expires_before_end"}
    assert set(hits["first_affected"]) == {dt.date(2025, 12, 31)}


def test_from_31_december_2025_the_hits_need_licences_with_the_announced_policy() -> None:
    hits = _hits(dt.date(2025, 12, 31))
    outcome = {
        (o, r): f
        for o, r, f in hits.select("obligation_id", "rule_id", "final_outcome").iter_rows()
    }
    assert outcome[(1, "us-veu-revoked-2025-operations")] == "licence_required"
    assert outcome[(2, "us-veu-revoked-2025-upgrades")] == "presumption_of_denial"
    assert (1, "us-veu-revoked-2025-upgrades") not in outcome
    assert "licensed" not in set(hits["final_outcome"])
    veu = hits.filter(pl.col("rule_id").str.starts_with("us-veu-revoked"))
    assert set(veu["first_affected"]) == {dt.date(2025, 12, 31)}


def test_the_veu_scenario_is_dated_after_the_revocation() -> None:
    scenario = next(s for s in load_shipped_scenarios() if s.id == "veu-end-2025")
    assert scenario.as_of is not None and scenario.as_of > dt.date(2025, 12, 31)
    ids = {
        a.rule.id for a in select_rules(scenario, RuleBook.of(load_shipped_packs()), scenario.as_of)
    }
    assert {"us-veu-revoked-2025-operations", "us-veu-revoked-2025-upgrades"} <= ids
    assert "us-affiliates-50pct-entity-list" not in ids  # suspended on that day


@pytest.mark.parametrize(
    ("day", "hit"),
    [
        (dt.date(2025, 9, 28), False),
        (dt.date(2025, 9, 29), True),
        (dt.date(2025, 11, 9), True),
        (dt.date(2025, 11, 10), False),
        (dt.date(2026, 11, 9), False),
        (dt.date(2026, 11, 10), True),
    ],
)
def test_the_affiliates_rule_hits_an_affiliate_only_while_in_force(day: dt.date, hit: bool) -> None:
    listings = listings_frame(
        [{"customer_id": 1, "party_name": "SMIC", "list_code": "entity_list", "footnote": "FN5",
          "since": dt.date(2020, 12, 18)}]
    )  # fmt: skip
    ownership = ownership_frame(
        [
            {"parent_id": 1, "child_id": 2, "parent_name": "SMIC", "child_name": "Y Holdings",
             "share_pct": 100.0},
            {"parent_id": 2, "child_id": 800, "parent_name": "Y Holdings",
             "child_name": "X Semi", "share_pct": 51.0},
        ]
    )  # fmt: skip
    data = facts(
        row(customer_id=800, customer_name="X Semi", fab_country="CN", customer_hq_country="CN",
            us_origin=True, obligation_end=dt.date(2027, 12, 31))
    )  # fmt: skip
    hits = both(data, _in_force(day), day, listings=listings, ownership=ownership)
    assert ("us-affiliates-50pct-entity-list" in set(hits["rule_id"])) is hit
