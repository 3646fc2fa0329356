"""The shipped packs and scenarios: they validate, evaluate, and in-force moves with the date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from workbench.rules.compiled import evaluate
from workbench.rules.facts import licences_frame, listings_frame
from workbench.rules.packs import (
    RuleBook,
    load_pack,
    load_scenario,
    load_shipped_packs,
    load_shipped_scenarios,
    select_rules,
    shipped_pack_paths,
)
from workbench.rules.validation import validate_pack

from .factories import both, facts, row

SCENARIOS = {
    "in-force",
    "proposal-2024-servicing-ban",
    "proposal-2024-trailing-edge",
    "proposal-2024-parts-to-listed",
    "proposal-2024-korea",
}
# One obligation per (model, place) the packs care about, all with every licence-relevant
# service type, so each shipped rule has something to hit.
MODELS = [
    ("ASML", "NXT:2000i", "duv_immersion", "3B001.f.1.b.2"),
    ("ASML", "NXT:1980Di", "duv_immersion", "3B993.f.1"),
    ("ASML", "YieldStar 385", "metrology", "3B994"),
    ("ASML", "XT:1460K", "duv_dry_arf", "EAR99"),
    ("TEL", "CELLESTA-i", "clean", None),
    ("TEL", "Trias e+", "cvd", None),
    ("TEL", "TELINDY PLUS", "anneal", None),
    ("Nikon", "NSR-S635E", "duv_immersion", None),
    ("TEL", "Tactras Vigus", "etch_dielectric", None),
    ("Lasertec", "ACTIS A150", "inspection", None),
    ("PSK", "SUPRA Vplus", "clean", None),
]
PLACES = [("CN", "CN", True), ("CN", "KR", None), ("MO", "MO", False), ("US", "US", False)]
LISTINGS = listings_frame(
    [
        {"customer_id": 501, "party_name": "SMIC", "list_code": "entity_list", "footnote": "FN5",
         "licence_policy": "Presumption of denial for 3B001 ..."},
        {"customer_id": 501, "party_name": "Huawei", "list_code": "entity_list", "footnote": "FN1",
         "licence_policy": "Presumption of denial"},
        {"customer_id": 502, "party_name": "Party 4", "list_code": "entity_list", "footnote": "FN4",
         "licence_policy": "Presumption of denial"},
    ]
)  # fmt: skip


def _book_facts() -> pl.DataFrame:
    rows: list[dict[str, Any]] = []
    for i, (vendor, code, category, ccn) in enumerate(MODELS):
        for j, (fab, hq, adv) in enumerate(PLACES):
            for k, service in enumerate(["spare_parts", "repair", "software_updates"]):
                rows.append(
                    row(
                        obligation_id=len(rows) + 1,
                        machine_id=100 + i * 10 + j,
                        vendor=vendor,
                        model_code=code,
                        category=category,
                        class_us=ccn,
                        fab_country=fab,
                        customer_hq_country=hq,
                        advanced_node=adv,
                        service_type=service,
                        customer_id=500 + j,
                        parent_customer_id=501 if j == 0 and k == 0 else None,
                        ship_date=dt.date(2022, 6, 1),
                        obligation_start=dt.date(2022, 1, 1),
                        obligation_end=dt.date(2027, 12, 31),
                    )
                )
    return facts(*rows)


@pytest.mark.parametrize("path", shipped_pack_paths(), ids=lambda p: p.stem)
def test_shipped_pack_validates_cleanly(path: object) -> None:
    assert validate_pack(path) == []  # type: ignore[arg-type]
    pack = load_pack(path)  # type: ignore[arg-type]
    assert pack.pack == path.stem  # type: ignore[attr-defined]
    for rule in pack.rules:
        assert rule.facts, rule.id
        if rule.unconfirmed:
            assert "[S" in rule.notes or "[U" in rule.notes, rule.id


def test_shipped_scenarios() -> None:
    assert {s.id for s in load_shipped_scenarios()} == SCENARIOS


def test_every_shipped_rule_hits_the_sample_book() -> None:
    book = RuleBook.of(load_shipped_packs())
    frame = _book_facts()
    hit_rules: set[str] = set()
    for scenario in load_shipped_scenarios():
        rules = select_rules(scenario, book, dt.date(2025, 6, 1))
        hits = both(frame, rules, dt.date(2025, 6, 1), listings=LISTINGS)
        hit_rules |= set(hits["rule_id"].to_list())
    assert {rule.id for _, rule in book.entries()} == hit_rules


def test_in_force_differs_exactly_by_rules_taking_force_in_between() -> None:
    book = RuleBook.of(load_shipped_packs())
    scenario = load_scenario(next(p for p in _scenario_paths() if p.stem == "in-force"))
    frame = _book_facts()
    before, after = dt.date(2024, 6, 1), dt.date(2025, 6, 1)
    hits_before = evaluate(
        frame, LISTINGS, licences_frame(), select_rules(scenario, book, before), before
    ).hits
    hits_after = evaluate(
        frame, LISTINGS, licences_frame(), select_rules(scenario, book, after), after
    ).hits
    took_force = {
        rule.id
        for _, rule in book.entries()
        if rule.status == "in_force" and rule.effective and before < rule.effective <= after
    }
    assert took_force == {
        "nl-2024-1970i-1980i-china",
        "nl-2024-1970i-1980i-export",
        "nl-2025-metrology-inspection",
        "us-3b993-3b994-macau-d5",
        "us-el-fn5-other-items",
        "us-el-fn5-sme-items",
        "us-fn5-entities",
    }
    key = ["obligation_id", "rule_id"]
    new = hits_after.join(hits_before.select(key), on=key, how="anti")
    assert set(new["rule_id"].to_list()) == took_force
    gone = hits_before.join(hits_after.select(key), on=key, how="anti")
    assert gone.height == 0
    common = hits_before.join(hits_after, on=key, suffix="_after")
    assert (common["first_affected"] == common["first_affected_after"]).all()


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(dt.date(2023, 11, 16), False), (dt.date(2023, 11, 17), True), (dt.date(2023, 11, 18), True)],
)
def test_in_force_around_an_effective_date(as_of: dt.date, expected: bool) -> None:
    book = RuleBook.of(load_shipped_packs())
    scenario = load_scenario(next(p for p in _scenario_paths() if p.stem == "in-force"))
    ids = {r.rule.id for r in select_rules(scenario, book, as_of)}
    assert ("us-3b001-macau-d5" in ids) is expected


def test_proposal_scenario_assumes_effective_date() -> None:
    book = RuleBook.of(load_shipped_packs())
    scenario = load_scenario(next(p for p in _scenario_paths() if p.stem == "proposal-2024-korea"))
    as_of = dt.date(2025, 6, 1)
    chosen = {r.rule.id: r for r in select_rules(scenario, book, as_of)}
    assert chosen["proposal-2024-korea-sme"].effective == as_of
    dated = scenario.model_copy(update={"assumed_effective": dt.date(2026, 1, 1)})
    chosen = {r.rule.id: r for r in select_rules(dated, book, as_of)}
    assert chosen["proposal-2024-korea-sme"].effective == dt.date(2026, 1, 1)
    assert chosen["us-3b001-macau-d5"].effective == dt.date(2023, 11, 17)


def _scenario_paths() -> list:  # type: ignore[type-arg]
    from workbench.rules.packs import shipped_scenario_paths

    return shipped_scenario_paths()
