"""The demo book: deterministic, realistic, and loadable on every backend."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.services import browse, demo
from workbench.services.database import info
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
