"""The demo book: deterministic, realistic, and loadable on every backend."""

from __future__ import annotations

from collections import Counter
from datetime import date

import polars as pl
import pytest

from workbench.rules.compiled import evaluate
from workbench.rules.packs import RuleBook, load_shipped_packs, load_shipped_scenarios, select_rules
from workbench.rules.reference import evaluate_reference
from workbench.services import browse, demo
from workbench.services.database import info
from workbench.services.facts_loader import (
    load_facts,
    load_licences,
    load_listings,
    load_ownership,
)
from workbench.storage.database import Database


def test_same_seed_same_book() -> None:
    first, second = demo.generate("small", 3), demo.generate("small", 3)
    assert first.machines == second.machines
    assert first.obligations == second.obligations
    assert demo.generate("small", 4).machines != first.machines


def test_small_book_meets_the_brief() -> None:
    book = demo.generate("small")
    assert len(book.machines) >= 1000
    assert len(book.contracts) >= 300
    countries = Counter(f["country"] for f in book.fabs)
    assert len(book.fabs) >= 40 and len(countries) >= 8
    assert countries.most_common(1)[0][0] == "CN"
    categories = {m["category"] for m in book.models}
    assert {
        "euv_litho",
        "duv_immersion",
        "duv_dry_arf",
        "krf_litho",
        "iline_litho",
        "cmp",
        "clean",
        "implant",
        "metrology",
        "inspection",
    } <= categories


def test_book_is_internally_consistent() -> None:
    book = demo.generate(2000, seed=11)
    machines = {m["id"]: m for m in book.machines}
    contracts = {c["id"]: c for c in book.contracts}
    fab_country = {f["id"]: f["country"] for f in book.fabs}
    model_cat = {m["id"]: m["category"] for m in book.models}
    for ob in book.obligations:
        contract = contracts[ob["contract_id"]]
        machine = machines[ob["machine_id"]]
        assert contract["start_date"] <= ob["start_date"] <= ob["end_date"]
        assert ob["end_date"] == contract["end_date"]
        assert ob["start_date"] >= machine["install_date"]
    for machine in machines.values():
        assert machine["ship_date"] < machine["install_date"]
        if fab_country[machine["fab_id"]] == "CN":
            assert model_cat[machine["model_id"]] != "euv_litho"
    serials = [(m["vendor"], m["serial"]) for m in book.machines]
    assert len(serials) == len(set(serials))
    assert any(m["serial"].startswith("0") for m in book.machines)


def test_contract_value_is_shared_out_to_obligations() -> None:
    book = demo.generate("small")
    totals: Counter[int] = Counter()
    for ob in book.obligations:
        totals[ob["contract_id"]] += float(ob["value"])
    for contract in book.contracts:
        if contract["id"] in totals:
            assert totals[contract["id"]] == pytest.approx(float(contract["value"]), rel=1e-3)


def test_bad_size_is_rejected() -> None:
    with pytest.raises(demo.DemoError, match="not small, large or a number"):
        demo.parse_size("huge")


def test_loads_into_each_backend_and_refuses_twice(db: Database) -> None:
    result = demo.load_demo(db, 300, seed=5)
    counts = info(db).counts
    assert counts["machines"] == result.machines == 300
    assert counts["obligations"] == result.obligations
    fabs = browse.records(db, "fabs")
    assert {f["advanced_node"] for f in fabs} == {True, False, None}
    with pytest.raises(demo.DemoError, match="already holds data"):
        demo.load_demo(db, 300)


def test_ids_continue_after_demo_on_every_backend(db: Database) -> None:
    from workbench.domain.entities import Customer
    from workbench.storage import repositories

    demo.load_demo(db, 50, seed=1)
    with db.session() as session:
        new_id = repositories.add_customer(session, Customer(None, "NEW", "New Co", "NL"))
    assert new_id == len(demo.generate(50, seed=1).customers) + 1


def test_progress_is_reported_and_cancel_leaves_nothing(db: Database) -> None:
    from workbench.domain.cancel import Cancelled, CancelToken

    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        demo.load_demo(db, 200, progress=progress, cancel=token)
    assert info(db).counts["customers"] == 0
    assert seen[0][1] == seen[-1][1] > 0


def test_book_holds_the_cases_the_packs_turn_on() -> None:
    """Issue 20: a Macau advanced fab, a Hong Kong fab, a 200 mm SMIC fab, a non-US tool with
    US content above de minimis, a party listed in 2025, and contracts of each US-person kind."""
    book = demo.generate("small")
    customers = {c["id"]: c for c in book.customers}
    fabs = {f["id"]: f for f in book.fabs}
    used_fabs = {m["fab_id"] for m in book.machines}
    macau = [f for f in book.fabs if f["country"] == "MO" and f["advanced_node"]]
    assert macau and macau[0]["id"] in used_fabs
    assert any(f["country"] == "HK" and f["id"] in used_fabs for f in book.fabs)
    smic = {c["id"] for c in book.customers if c["code"].startswith("SMIC")}
    assert any(
        f["wafer_size_mm"] == 200 and f["customer_id"] in smic and f["id"] in used_fabs
        for f in fabs.values()
    )
    assert any(m["us_origin"] is False and (m["us_content_pct"] or 0) > 25 for m in book.models)
    listed_2025 = [lst for lst in book.listings if lst["since"].year == 2025]
    assert listed_2025 and customers[listed_2025[0]["customer_id"]]["code"] == "GMC-WX"
    smic_rows = sorted(
        (lst["since"], lst["until"], lst["licence_policy"])
        for lst in book.listings
        if customers[lst["customer_id"]]["code"] == "SMIC"
    )
    # The 2020 row (denial only for 10 nm and below) ends the day before today's text holds.
    assert [(s.isoformat(), u and u.isoformat()) for s, u, _p in smic_rows] == [
        ("2020-12-18", "2024-12-01"),
        ("2024-12-02", None),
    ]
    assert "10 nanometers and below" in smic_rows[0][2] and "200mm" in smic_rows[1][2]
    kinds = {c["us_person_service"] for c in book.contracts}
    assert kinds == {True, False, None}


def test_the_packs_read_the_books_cases_as_the_law_does(db: Database) -> None:
    """Issue 20, held-out style: the demo book stored and read back, both evaluators on the
    rows of each case, with the in-force rules of the day.

    A Macau and a Hong Kong advanced fab fall under 744.23 (parts, not labour) and, where US
    persons may take part, 744.6; SMIC's 200 mm fab is reviewed case-by-case (today's row) and,
    back in 2023, under the 2020 row; a non-US tool above de minimis is caught by the 3B993
    rule, one below it is not; GMC Wuxi is restricted only from its listing of 12 Sept 2025."""
    demo.load_demo(db, "small")
    facts = load_facts(db)
    listings, licences, owners = load_listings(db), load_licences(db), load_ownership(db)
    book = RuleBook.of(load_shipped_packs())
    in_force = next(s for s in load_shipped_scenarios() if s.id == "in-force")

    def hits(day: date, where: pl.Expr) -> pl.DataFrame:
        rows = facts.filter(where)
        assert rows.height, f"the demo book has no rows for {where}"
        rules = select_rules(in_force, book, day)
        found = evaluate(rows, listings, licences, rules, day, ownership=owners).hits
        slow = evaluate_reference(rows, listings, licences, rules, day, ownership=owners).hits
        assert found.equals(slow)
        return found.join(
            rows.select("obligation_id", "us_person", "wafer_size_mm", "model_code"),
            on="obligation_id",
        )

    def rules_of(found: pl.DataFrame) -> set[str]:
        return set(found["rule_id"].to_list())

    day = date(2025, 6, 1)
    us_person_rules = {"MO": "us-744-6-c2-macau-prc-owned", "HK": "us-744-6-c2-prc-owned"}
    for country, us_rule in us_person_rules.items():
        found = hits(day, pl.col("fab_country") == country)
        end_use = found.filter(pl.col("rule_id") == "us-744-23-macau-d5-denial")
        assert end_use.height and "preventive_maintenance" not in end_use["service_type"]
        us_person = found.filter(pl.col("rule_id") == us_rule)
        assert us_person.height and us_person["us_person"].is_in([False]).sum() == 0

    smic_200 = pl.col("fab_name").cast(pl.String).str.starts_with("SMIC") & (
        pl.col("wafer_size_mm") == 200
    )
    today = hits(day, smic_200)
    assert "us-el-policy-200mm" in rules_of(today)
    assert not rules_of(today) & {"us-el-policy-denial", "us-el-policy-200mm-denial"}
    back_then = hits(date(2023, 6, 1), smic_200)
    assert "us-el-policy-10nm-other" in rules_of(back_then)
    assert "us-el-policy-200mm" not in rules_of(back_then)

    # Non-US tools at Chinese fabs that are neither advanced-node nor listed: TEL's etcher
    # (30 % US content) is subject to the EAR, ASML's NXT:1980Di (12 %) is not.
    non_us = pl.col("model_code").cast(pl.String).is_in(["Tactras Vigus", "NXT:1980Di"]) & (
        (pl.col("fab_country") == "CN") & ~pl.col("advanced_node").fill_null(True)
    )
    found = hits(day, non_us)
    assert set(found["model_code"].cast(pl.String).to_list()) == {"Tactras Vigus", "NXT:1980Di"}
    by_model = found.filter(pl.col("rule_id") == "us-3b993-3b994-macau-d5")
    assert set(by_model["model_code"].cast(pl.String).to_list()) == {"Tactras Vigus"}

    gmc = pl.col("customer_name").cast(pl.String).str.starts_with("GMC")
    listed = {"us-el-listed-party", "us-el-policy-denial"}
    assert not rules_of(hits(date(2025, 9, 11), gmc)) & listed
    after = hits(date(2025, 10, 1), gmc).filter(pl.col("rule_id").is_in(list(listed)))
    assert after.height and (after["first_affected"] >= date(2025, 9, 12)).all()
