"""Licence applications from a run: draft, export, track, grant into the register, deny."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from sqlalchemy import select

from workbench.rules.packs import RuleBook, load_shipped_packs
from workbench.services import applications, audit, demo, evaluation, impact, reporting, runs
from workbench.services.applications import ApplicationError
from workbench.services.licences import list_licences
from workbench.storage.database import Database
from workbench.storage.orm import RunHitRow, RunRuleRow

AS_OF = dt.date(2025, 6, 1)


@pytest.fixture
def run(db: Database) -> tuple[Database, int, pl.DataFrame]:
    demo.load_demo(db, 400, seed=3)
    result = evaluation.evaluate_scenario(db, "in-force", AS_OF)
    return db, result.run_id, runs.run_hits(db, result.run_id)


def _open_pair(hits: pl.DataFrame) -> tuple[str, int]:
    """The (rule, customer) with most licence-required hits whose rule honours licences."""
    honours = {
        rule.id for _p, rule in RuleBook.of(load_shipped_packs()).entries()
        if rule.exceptions.licences_on_file
    }  # fmt: skip
    pairs = (
        hits.filter(
            (pl.col("final_outcome") == "licence_required") & pl.col("rule_id").is_in(list(honours))
        )
        .group_by("rule_id", "customer_id")
        .len()
        .sort("len", "rule_id", "customer_id", descending=[True, False, False])
    )
    assert pairs.height, "the demo run has licence-required hits of a rule honouring licences"
    rule_id, customer_id, _n = pairs.row(0)
    return str(rule_id), int(customer_id)


def test_round_trip_draft_grant_licence_rerun_shows_licensed(
    run: tuple[Database, int, pl.DataFrame], tmp_path: Path
) -> None:
    db, run_id, hits = run
    rule_id, customer_id = _open_pair(hits)
    wanted = hits.filter(
        (pl.col("rule_id") == rule_id)
        & (pl.col("customer_id") == customer_id)
        & (pl.col("obligation_end") >= AS_OF)
    )
    [app_id] = applications.draft_from_run(
        db,
        run_id,
        rule_id=rule_id,
        customer_id=customer_id,
        end_use="Maintenance of installed tools",
    )
    app = applications.get_application(db, app_id)
    assert app.status == "draft" and app.items == wanted["obligation_id"].n_unique()
    assert app.authority == applications.AUTHORITY_OF[wanted["jurisdiction"][0]]

    doc = applications.export(db, app_id, tmp_path / "annex.xlsx", tmp_path / "application.pdf")
    sheet = openpyxl.load_workbook(tmp_path / "annex.xlsx")["Annex"]
    assert sheet.max_row == len(doc.lines) + 1
    serials = {str(r[3].value) for r in sheet.iter_rows(min_row=2)}
    assert serials == set(wanted["serial"].to_list())
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "application.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert f"Licence application #{app_id} to {app.authority}" in text
    assert "Maintenance of installed tools" in text and wanted["serial"][0] in text

    with pytest.raises(ApplicationError, match="is draft; it can become submitted, withdrawn"):
        applications.grant(db, app_id, "G-1", AS_OF, None)
    applications.submit(db, app_id, dt.date(2025, 6, 5), "REF-77")
    applications.request_information(db, app_id, "Send the end-user statement")
    applications.submit(db, app_id, dt.date(2025, 6, 20), "REF-77")
    licence_id = applications.grant(
        db, app_id, "G-2025-001", dt.date(2025, 5, 1), None, day=dt.date(2025, 7, 1)
    )
    granted = applications.get_application(db, app_id)
    assert (granted.status, granted.licence_id) == ("granted", licence_id)
    [lic] = [lic for lic in list_licences(db) if lic.id == licence_id]
    assert lic.spec.customers and set(lic.spec.fabs) == set(wanted["fab_site_code"].to_list())
    assert set(lic.spec.service_types) == set(wanted["service_type"].to_list())
    statuses = [e.new_value for e in audit.history(db, "licence_applications", app_id)
                if e.field == "status"]  # fmt: skip
    assert statuses == ['"submitted"', '"more_information"', '"submitted"', '"granted"']

    again = evaluation.evaluate_scenario(db, "in-force", AS_OF)
    after = runs.run_hits(db, again.run_id).join(
        wanted.select("obligation_id", "rule_id"), on=["obligation_id", "rule_id"], how="semi"
    )
    assert after.height == wanted.height
    assert set(after["final_outcome"].to_list()) == {"licensed"}
    assert set(after["licence_numbers"].to_list()) == {"G-2025-001"}
    info_a, info_b = runs.run_info(db, run_id), runs.run_info(db, again.run_id)
    assert info_a.data_fingerprint != info_b.data_fingerprint

    # The audit reports of the new run list the licence relied on and the application.
    reporting.write_report(db, again.run_id, tmp_path / "audit.pdf", "pdf")
    reporting.write_report(db, again.run_id, tmp_path / "audit.xlsx", "xlsx")
    report = subprocess.run(
        ["pdftotext", str(tmp_path / "audit.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Licences relied on" in report and "G-2025-001" in report
    assert "Licence applications and denials" in report and f"#{app_id}" in report
    rows = list(openpyxl.load_workbook(tmp_path / "audit.xlsx")["Licences"].values)
    kinds = {(r[0], r[2]) for r in rows[1:]}
    assert ("licence", "G-2025-001") in kinds and ("application", f"#{app_id} ref. REF-77") in kinds


def test_a_denial_keeps_the_hits_open_and_is_cited(
    run: tuple[Database, int, pl.DataFrame],
) -> None:
    db, run_id, hits = run
    rule_id, customer_id = _open_pair(hits)
    keys = [
        (int(o), str(r))
        for o, r in hits.filter(
            (pl.col("rule_id") == rule_id)
            & (pl.col("customer_id") == customer_id)
            & (pl.col("obligation_end") >= AS_OF)
        )
        .select("obligation_id", "rule_id")
        .head(3)
        .iter_rows()
    ]
    [app_id] = applications.draft_from_run(db, run_id, keys)
    applications.submit(db, app_id, dt.date(2025, 6, 5), "REF-9")
    with pytest.raises(ApplicationError, match="why the authority denied"):
        applications.deny(db, app_id, dt.date(2025, 8, 1), " ")
    applications.deny(db, app_id, dt.date(2025, 8, 1), "Presumption of denial applies")
    cited = applications.denials_for(db, keys)
    assert set(cited) == set(keys)
    assert "denied by" in cited[keys[0]] and "Presumption of denial applies" in cited[keys[0]]
    again = evaluation.evaluate_scenario(db, "in-force", AS_OF)
    after = runs.run_hits(db, again.run_id).join(
        pl.DataFrame(keys, schema=["obligation_id", "rule_id"], orient="row"),
        on=["obligation_id", "rule_id"],
        how="semi",
    )
    assert set(after["final_outcome"].to_list()) == {"licence_required"}
    with db.read() as session:
        hit_id = session.scalar(
            select(RunHitRow.id)
            .join(
                RunRuleRow,
                (RunRuleRow.run_id == RunHitRow.run_id)
                & (RunRuleRow.number == RunHitRow.rule_number),
            )
            .where(
                RunHitRow.run_id == again.run_id,
                RunHitRow.obligation_id == keys[0][0],
                RunRuleRow.rule_id == keys[0][1],
            )
        )
    assert hit_id is not None
    detail = impact.hit_detail(db, hit_id)
    assert detail is not None
    assert detail.applications == [
        f"Application #{app_id} to BIS: denied on 2025-08-01, reference REF-9: "
        "Presumption of denial applies"
    ]
    with pytest.raises(ApplicationError, match="is denied; it can become nothing"):
        applications.withdraw(db, app_id, dt.date(2025, 9, 1))


def test_drafting_refuses_hits_that_need_no_licence(
    run: tuple[Database, int, pl.DataFrame],
) -> None:
    db, run_id, hits = run
    # A running obligation: one that ended is refused first, for that reason.
    other = hits.filter(~pl.col("final_outcome").is_in(["licence_required", "case_by_case",
                                                        "presumption_of_denial"])
                        & (pl.col("obligation_end").is_null()
                           | (pl.col("obligation_end") >= AS_OF)))  # fmt: skip
    assert other.height
    key = (int(other["obligation_id"][0]), str(other["rule_id"][0]))
    with pytest.raises(ApplicationError, match="need no licence application"):
        applications.draft_from_run(db, run_id, [key])
    ended = hits.filter(
        (pl.col("final_outcome") == "licence_required") & (pl.col("obligation_end") < AS_OF)
    )
    assert ended.height
    with pytest.raises(ApplicationError, match="ended before the run's date 2025-06-01"):
        applications.draft_from_run(
            db, run_id, [(int(ended["obligation_id"][0]), str(ended["rule_id"][0]))]
        )
    with pytest.raises(ApplicationError, match="not in the run"):
        applications.draft_from_run(db, run_id, [(999_999_999, "nope")])
    assert applications.list_applications(db) == []
