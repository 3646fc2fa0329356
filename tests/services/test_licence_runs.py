"""Licences through stored runs: limits counted from the register, and run diffs naming hits
that changed because a licence was granted, expired, limited or an application denied.

On the demo book (SQLite and PostgreSQL): the three VEU authorisations end on 30 Dec 2025
and cover hits of the in-force scenario as of 1 June 2025.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from sqlalchemy import select

from workbench.services import applications, demo, evaluation, impact, runs
from workbench.services.licences import (
    add_licence,
    edit_licence,
    expiring,
    find_licence,
    with_changes,
)
from workbench.storage.database import Database
from workbench.storage.orm import RunHitRow

AS_OF = dt.date(2025, 6, 1)
KEY = ["obligation_id", "rule_id"]


@pytest.fixture
def book(db: Database) -> tuple[Database, int]:
    demo.load_demo(db, 400, seed=3)
    return db, evaluation.evaluate_scenario(db, "in-force", AS_OF).run_id


def _citing(hits: pl.DataFrame, number: str) -> pl.DataFrame:
    return hits.filter(pl.col("licence_numbers").str.contains(number, literal=True))


def test_a_quantity_limit_in_the_register_leaves_the_other_machines_open(
    book: tuple[Database, int],
) -> None:
    db, run_a = book
    before = runs.run_hits(db, run_a)
    licensed = _citing(before, "VEU-C-0013").filter(pl.col("final_outcome") == "licensed")
    assert licensed["machine_id"].n_unique() >= 2, "the demo licence covers several machines"

    lic = find_licence(db, "BIS", "VEU-C-0013")
    edit_licence(db, lic.id, lic.version, with_changes(lic.spec, {"quantity_limit": 1}))
    run_b = evaluation.evaluate_scenario(db, "in-force", AS_OF).run_id
    after = runs.run_hits(db, run_b).join(licensed.select(KEY), on=KEY, how="semi")

    still = after.filter(pl.col("final_outcome") == "licensed")
    assert still["machine_id"].n_unique() == 1
    refused = after.filter(pl.col("licence_coverage") == "over_limit")
    assert refused.height == licensed.height - still.height > 0
    assert set(refused["final_outcome"].to_list()) <= {"licence_required", "case_by_case",
                                                       "presumption_of_denial"}  # fmt: skip
    assert set(refused["licence_note"].to_list()) == {
        "VEU-C-0013: quantity limit of 1 machine(s) reached by earlier obligations"
    }
    assert runs.run_info(db, run_a).data_fingerprint != runs.run_info(db, run_b).data_fingerprint

    # The hit's explanation reads the reason back from the stored run.
    with db.read() as session:
        hit_id = session.scalar(
            select(RunHitRow.id).where(
                RunHitRow.run_id == run_b, RunHitRow.licence_coverage == "over_limit"
            )
        )
    assert hit_id is not None
    detail = impact.hit_detail(db, hit_id)
    assert detail is not None and detail.licence_note is not None
    assert detail.licence_note.startswith("VEU-C-0013: quantity limit")

    # The diff names every hit the limit now refuses (those covered to the end and those
    # covered until the licence expires), as changed by a licence limit, and nothing else.
    noted = runs.run_hits(db, run_b).filter(pl.col("licence_note").is_not_null())
    changes = runs.compare_runs(db, run_a, run_b).licence_changes
    assert set(changes["cause"].to_list()) == {"limit"}
    assert sorted(changes.select(KEY).rows()) == sorted(noted.select(KEY).rows())
    assert set(changes["licences"].to_list()) == {"VEU-C-0013"}
    assert refused.join(changes, on=KEY, how="anti").height == 0


def test_a_value_limit_in_another_currency_covers_nothing(book: tuple[Database, int]) -> None:
    db, run_a = book
    before = _citing(runs.run_hits(db, run_a), "VEU-C-0012")
    currencies = set(before["currency"].to_list())
    assert {"USD", "JPY"} <= currencies
    lic = find_licence(db, "BIS", "VEU-C-0012")
    limit = {"value_limit": Decimal("50000000"), "limit_currency": "USD"}
    edit_licence(db, lic.id, lic.version, with_changes(lic.spec, limit))
    run_b = evaluation.evaluate_scenario(db, "in-force", AS_OF).run_id
    after = runs.run_hits(db, run_b).join(before.select(KEY), on=KEY, how="semi")
    yen = after.filter(pl.col("currency") == "JPY")
    assert yen.height and yen["licence_note"].str.contains("without exchange rates").all()
    assert "licensed" not in set(yen["final_outcome"].to_list())
    dollars = after.filter(pl.col("currency") == "USD")
    assert dollars["licence_note"].null_count() == dollars.height  # 50M USD is room enough


def test_run_diffs_name_denials_grants_and_expiries(book: tuple[Database, int]) -> None:
    db, run_a = book
    hits = runs.run_hits(db, run_a)
    open_hits = hits.filter(
        (pl.col("final_outcome") == "licence_required")
        & (pl.col("jurisdiction") == "US")
        & (pl.col("obligation_end") >= AS_OF)
        & pl.col("licence_numbers").is_null()
    ).sort(KEY)
    rule_id = str(open_hits["rule_id"][0])
    customers = open_hits.filter(pl.col("rule_id") == rule_id)["customer_id"].unique().sort()
    assert customers.len() >= 2, "two customers with open hits of one US rule"
    denied_for, granted_for = int(customers[0]), int(customers[1])

    [denied] = applications.draft_from_run(db, run_a, rule_id=rule_id, customer_id=denied_for)
    applications.submit(db, denied, dt.date(2025, 6, 5), "BIS-Z-1")
    applications.deny(db, denied, dt.date(2025, 7, 1), "Presumption of denial applies")
    run_b = evaluation.evaluate_scenario(db, "in-force", AS_OF).run_id
    changes = runs.compare_runs(db, run_a, run_b).licence_changes
    asked = open_hits.filter((pl.col("rule_id") == rule_id) & (pl.col("customer_id") == denied_for))
    assert sorted(changes.select(KEY).rows()) == sorted(asked.select(KEY).rows())
    assert set(changes["cause"].to_list()) == {"denied"}
    assert set(changes["detail"].to_list()) == {
        f"Licence application #{denied} denied by BIS on 2025-07-01, reference BIS-Z-1: "
        "Presumption of denial applies"
    }
    # The hits stay open: the denial changed no outcome.
    assert set(changes["final_outcome_b"].to_list()) == {"licence_required"}

    [granted] = applications.draft_from_run(db, run_b, rule_id=rule_id, customer_id=granted_for)
    applications.submit(db, granted, dt.date(2025, 6, 5), "BIS-Z-2")
    applications.grant(db, granted, "D555001", dt.date(2025, 5, 1), None)
    run_c = evaluation.evaluate_scenario(db, "in-force", AS_OF).run_id
    changes = runs.compare_runs(db, run_b, run_c).licence_changes
    assert set(changes["cause"].to_list()) == {"granted"}, "the denial is not repeated"
    assert set(changes["detail"].to_list()) == {
        f"Now covered by licence D555001 (granted on application #{granted})"
    }
    assert set(changes["final_outcome_b"].to_list()) == {"licensed"}

    # Half a year on, the VEU authorisations have ended: their hits changed by expiry.
    run_d = evaluation.evaluate_scenario(db, "in-force", dt.date(2026, 1, 15)).run_id
    changes = runs.compare_runs(db, run_c, run_d).licence_changes
    expired = changes.filter(pl.col("licences").str.starts_with("VEU-"))
    assert expired.height and set(expired["cause"].to_list()) == {"expired"}
    assert set(expired["detail"].str.extract(r"ended on (\S+)").to_list()) == {"2025-12-30"}
    comparison = impact.compare(db, run_c, run_d)
    assert comparison.counts["licence"] == changes.height
    assert comparison.licence_changes["serial"].null_count() == 0


def _by_obligation(hits: pl.DataFrame) -> dict[str, float]:
    """Value at risk per currency, each obligation once with its largest value."""
    per = hits.group_by("obligation_id", "currency").agg(pl.col("value_at_risk").max())
    return dict(per.group_by("currency").agg(pl.col("value_at_risk").sum()).rows())


def test_expiring_licences_with_the_value_they_cover_in_the_latest_run(
    book: tuple[Database, int],
) -> None:
    db, run_a = book
    report = expiring(db, dt.date(2025, 12, 1), 90)
    assert report.run is not None and report.run.id == run_a
    ending = {e.licence.spec.number: e for e in report.licences}
    # The three VEU authorisations end on 30 Dec 2025, the Dutch CXMT licence on 31 Dec.
    assert set(ending) == {"VEU-C-0012", "VEU-C-0013", "VEU-C-0014", "NL-EXP-2024-19407"}
    assert [e.days_left for e in report.licences] == [29, 29, 29, 30]

    hits = runs.run_hits(db, run_a)
    for number, found in ending.items():
        cites = _citing(hits, number)
        licensed = cites.filter(pl.col("final_outcome") == "licensed")
        assert found.protection.hits == licensed.height
        assert found.protection.obligations == cites["obligation_id"].n_unique()
        assert found.value_protected == pytest.approx(_by_obligation(licensed))
        exposed = cites.filter(
            (pl.col("licence_coverage") == "expires_before_end")
            & pl.col("final_outcome").is_in(
                ["licence_required", "case_by_case", "presumption_of_denial"]
            )
            & (pl.col("licence_valid_to") == found.licence.spec.valid_to)
        )
        assert found.value_exposed == pytest.approx(_by_obligation(exposed))
    assert ending["VEU-C-0013"].value_protected and ending["VEU-C-0013"].value_exposed

    # Renewed under its number from the day after: the report says so.
    lic = ending["VEU-C-0013"].licence
    renewal = {"valid_from": dt.date(2025, 12, 31), "valid_to": dt.date(2027, 12, 30)}
    add_licence(db, with_changes(lic.spec, renewal))
    again = {e.licence.spec.number: e for e in expiring(db, dt.date(2025, 12, 1), 90).licences}
    assert again["VEU-C-0013"].renewed_from == dt.date(2025, 12, 31)
    assert again["VEU-C-0012"].renewed_from is None
