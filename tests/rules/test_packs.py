"""The shipped packs and scenarios: they validate, evaluate, and in-force moves with the date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from workbench.rules.compiled import evaluate
from workbench.rules.facts import licences_frame, listings_frame, ownership_frame
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
    "veu-end-2025",
}
# One obligation per (model, place) the packs care about, all with every licence-relevant
# service type, so each shipped rule has something to hit.
# (vendor, code, category, ECCN, US-origin, US content %, US direct product)
MODELS = [
    ("ASML", "NXT:2000i", "duv_immersion", "3B001.f.1.b.2", None, None, None),
    ("ASML", "NXT:1980Di", "duv_immersion", "3B993.f.1", False, 12.0, False),
    ("ASML", "YieldStar 385", "metrology", "3B994", None, None, None),
    ("ASML", "XT:1460K", "duv_dry_arf", "EAR99", None, None, None),
    ("Lam Research", "Kiyo", "etch_conductor", "3B001.c.1.a", True, 100.0, True),
    ("TEL", "CELLESTA-i", "clean", None, None, None, None),
    ("TEL", "Trias e+", "cvd", None, None, None, None),
    ("TEL", "TELINDY PLUS", "anneal", None, None, None, None),
    ("Nikon", "NSR-S635E", "duv_immersion", None, None, None, None),
    ("TEL", "Tactras Vigus", "etch_dielectric", "3B993", False, 30.0, False),
    ("Lasertec", "ACTIS A150", "inspection", None, None, None, None),
    ("PSK", "SUPRA Vplus", "clean", "3B993", False, 5.0, True),
    ("Hitachi High-Tech", "CG7300", "metrology", "3B903", False, None, False),
    ("AMEC", "Primo AD-RIE", "etch_dielectric", "3B001.c.1.a", False, 5.0, True),
    ("ASML", "NXE:3600D", "euv_litho", "3B001.f.1.a", None, None, None),
]
FINFET = {"process_type": "foundry", "logic_node_nm": 14.0, "architecture": "finfet"}
PLANAR = {"process_type": "foundry", "logic_node_nm": 90.0, "architecture": "planar"}
NAND = {"process_type": "nand", "logic_node_nm": None, "architecture": None, "nand_layers": 236}
UNKNOWN = {"process_type": None, "logic_node_nm": None, "architecture": None}
# (fab country, customer HQ, technology, wafer size, SMIC group member)
PLACES = [
    ("CN", "CN", FINFET, 300, True),  # SMIC SN1-like
    ("CN", "KR", UNKNOWN, 300, False),  # a fab of unknown node
    ("MO", "MO", FINFET, 300, False),  # Macau advanced fab (FN4 party)
    ("US", "US", PLANAR, 300, False),
    ("CN", "CN", PLANAR, 200, True),  # SMIC 200 mm fab
    ("HK", "HK", FINFET, 300, False),  # Hong Kong fab (METI End User List party)
    ("CN", "KR", NAND, 300, False),  # a multinational's advanced fab in China
    ("MO", "US", FINFET, 300, False),  # a multinational's advanced fab in Macau
    ("RU", "RU", FINFET, 300, False),  # a D:5 destination
]
SMIC = (
    "Presumption of denial for all items to include items described in ECCN 3B001.a.4, .c, .d,"
    " f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994. Case-by-case for items designed for"
    " production of 200mm wafers destined to a 200mm wafer production facility."
)
SWAYSURE = (
    "Presumption of denial except case-by-case for items not described in ECCN 3B001.a.4, .c,"
    " .d, f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994"
)
#: The SMIC rows' policy from their listing (85 FR 83416) until Dec 2024.
SMIC_2020 = (
    "Presumption of denial for items uniquely required for production of semiconductors at"
    " advanced technology nodes (10 nanometers and below, including extreme ultraviolet"
    " technology); case-by-case review for all other items."
)
LISTINGS = listings_frame(
    [
        {"customer_id": 501, "party_name": "SMIC", "list_code": "entity_list", "footnote": "FN5",
         "licence_policy": SMIC, "since": dt.date(2020, 12, 18)},
        {"customer_id": 501, "party_name": "Huawei", "list_code": "entity_list", "footnote": "FN1",
         "licence_policy": "Presumption of denial", "since": dt.date(2019, 5, 16)},
        {"customer_id": 502, "party_name": "Party 4", "list_code": "entity_list", "footnote": "FN4",
         "licence_policy": "Case-by-case review", "since": dt.date(2022, 10, 7)},
        {"customer_id": 508, "party_name": "SwaySure", "list_code": "entity_list",
         "footnote": "FN5", "since": dt.date(2022, 1, 1),
         "licence_policy": SWAYSURE},
        {"customer_id": 504, "party_name": "SMIC 2020 row", "list_code": "entity_list",
         "licence_policy": SMIC_2020, "since": dt.date(2020, 12, 18)},
        {"customer_id": 505, "party_name": "JP listed", "list_code": "meti_end_user_list",
         "since": dt.date(2025, 9, 29)},
        {"customer_id": 506, "party_name": "Former VEU", "list_code": "veu_revoked",
         "since": dt.date(2025, 12, 31)},
    ]
)  # fmt: skip
#: SMIC (501) holds all of a holding company (599) that holds 51 % of the US planar fab's owner
#: (503): an affiliate under the Affiliates rule, through a chain.
OWNERSHIP = ownership_frame(
    [
        {"parent_id": 501, "child_id": 599, "parent_name": "SMIC", "child_name": "Holding",
         "share_pct": 100.0},
        {"parent_id": 599, "child_id": 503, "parent_name": "Holding", "child_name": "Affiliate",
         "share_pct": 51.0},
    ]
)  # fmt: skip
#: Dates that together put every shipped rule in force at least once (some texts were
#: replaced: 744.23 of Oct 2022 and Jan 2023).
DATES = [
    dt.date(2022, 12, 1),
    dt.date(2023, 6, 1),
    dt.date(2025, 6, 1),
    dt.date(2026, 3, 1),
    dt.date(2026, 12, 1),
]


def _book_facts() -> pl.DataFrame:
    rows: list[dict[str, Any]] = []
    for i, (vendor, code, category, ccn, origin, content, direct) in enumerate(MODELS):
        for j, (fab, hq, tech, wafer, smic) in enumerate(PLACES):
            for service in ["spare_parts", "repair", "software_updates", "upgrades"]:
                rows.append(
                    row(
                        obligation_id=len(rows) + 1,
                        machine_id=100 + i * 10 + j,
                        fab_id=1000 + j,
                        vendor=vendor,
                        model_code=code,
                        category=category,
                        class_us=ccn,
                        fab_country=fab,
                        customer_hq_country=hq,
                        **tech,
                        advanced_node=None,
                        wafer_size_mm=wafer,
                        us_origin=origin,
                        us_content_pct=content,
                        us_direct_product=direct,
                        service_type=service,
                        customer_id=500 + j,
                        parent_customer_id=501 if smic else None,
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
    for day in DATES:
        for scenario in load_shipped_scenarios():
            rules = select_rules(scenario, book, day)
            hits = both(frame, rules, day, listings=LISTINGS, ownership=OWNERSHIP)
            hit_rules |= set(hits["rule_id"].to_list())
    # A rule that covers only new tool shipments can hit no service obligation.
    services = {r.id for _, r in book.entries() if set(r.activities) != {"new_tool_shipment"}}
    assert services == hit_rules


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
        "us-2024-09-3b903-worldwide",
        "us-3b993-3b994-macau-d5",
        "us-734-4-sme-no-de-minimis",
        "us-734-9-e3-advanced-node-facility",
        "us-734-9-k-sme-fdp",
        "us-el-fn5-sme-items",
        "us-el-policy-except-sme",
        "us-el-policy-except-sme-denial",
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
