"""``workbench applications`` as a user runs it: draft from a run, export, submit, grant."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from workbench.app import main
from workbench.services import demo, evaluation, runs
from workbench.services.database import open_database


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int, str, str]:
    """A demo book with one run; returns (url, run id, rule id, customer code)."""
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    db = open_database(url)
    demo.load_demo(db, 400, seed=3)
    run_id = evaluation.evaluate_scenario(db, "in-force", dt.date(2025, 6, 1)).run_id
    hits = runs.run_hits(db, run_id).filter(
        (pl.col("final_outcome") == "licence_required")
        & (pl.col("rule_id") == "us-el-listed-party")
        & (pl.col("obligation_end") >= dt.date(2025, 6, 1))
    )
    customer_id = int(hits["customer_id"].mode().sort()[0])
    code = next(c["code"] for c in demo.generate(400, seed=3).customers if c["id"] == customer_id)
    db.dispose()
    return url, run_id, "us-el-listed-party", code


def test_draft_export_submit_grant(
    book: tuple[str, int, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, run_id, rule, customer = book
    assert main(["--db", url, "applications", "draft", "--run", str(run_id), "--rule", rule,
                 "--customer", customer, "--end-use", "Maintenance"]) == 0  # fmt: skip
    assert "Drafted application #1 to BIS" in capsys.readouterr().out
    xlsx, pdf = tmp_path / "annex.xlsx", tmp_path / "app.pdf"
    assert main(["--db", url, "applications", "export", "1", "--xlsx", str(xlsx),
                 "--pdf", str(pdf)]) == 0  # fmt: skip
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["--db", url, "applications", "grant", "1", "--number", "D1",
                 "--from", "2025-06-01"]) == 1  # fmt: skip
    assert "is draft; it can become submitted, withdrawn" in capsys.readouterr().err
    assert main(["--db", url, "applications", "submit", "1", "--date", "2025-06-02",
                 "--reference", "Z-1"]) == 0  # fmt: skip
    assert main(["--db", url, "applications", "grant", "1", "--number", "D1",
                 "--from", "2025-05-01"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--db", url, "applications", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["status"], row["reference"], row["licence_id"]) == (
        "granted",
        "Z-1",
        7,
    )  # the demo holds 6 licences
    assert main(["--db", url, "licences", "list", "--json"]) == 0
    granted = [r for r in json.loads(capsys.readouterr().out) if r["number"] == "D1"]
    assert granted and granted[0]["customers"] == [customer]
