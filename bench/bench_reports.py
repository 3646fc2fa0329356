"""Report writers against the bare library writing the same rows.

- ``report-pdf-10k``: the audit PDF of 10,000 hits against one reportlab ``LongTable`` of the
  same hits (every finding field and the explanation, as plain strings), and against the same
  LongTable without the explanation (the ~6 s reference of the issue).
- ``report-xlsx-100k``: the workbook of 100,000 hits (six sheets, table, formats) against
  write-only openpyxl appending the same 100,000 rows of every field.

The hits are the first 10,000 / 100,000 (in stored order: by obligation, then rule) of the
in-force scenario evaluated as of 2025-06-01 on the large demo book (100k machines, ~950k
obligations, ~900k hits), cached as Parquet so that setup stays out of every measurement.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import polars as pl

from bench.datasets import fresh_copy, large_demo_sqlite
from bench.harness import CACHE, Case, Variant

AS_OF = dt.date(2025, 6, 1)
HITS_FILE = CACHE / "reports-in-force-100k.parquet"
META_FILE = CACHE / "reports-in-force-meta.json"
OUT = CACHE / "scratch" / "reports"


def _build_cache() -> None:
    from sqlalchemy import select

    from workbench.rules import compiled
    from workbench.rules.fingerprint import rules_fingerprint
    from workbench.rules.packs import select_rules
    from workbench.services import rulebook
    from workbench.services.database import open_database
    from workbench.services.evaluation import hits_with_explanations, rules_as_json
    from workbench.services.facts_loader import load_facts, load_licences, load_listings
    from workbench.storage.orm import CustomerRow

    db = open_database(f"sqlite:///{fresh_copy(large_demo_sqlite(), 'reports.sqlite3')}")
    try:
        scenario = rulebook.scenario(db, "in-force")
        rules = select_rules(scenario, rulebook.rule_book(db), AS_OF)
        facts = load_facts(db)
        evaluation = compiled.evaluate(facts, load_listings(db), load_licences(db), rules, AS_OF)
        hits = hits_with_explanations(evaluation).sort("obligation_id", "rule_id").head(100_000)
        with db.read() as session:
            local = {
                str(cid): name
                for cid, name in session.execute(select(CustomerRow.id, CustomerRow.local_name))
                if name
            }
        meta = {
            "rules": json.loads(rules_as_json(rules)),
            "rule_hash": rules_fingerprint(rules),
            "obligations": facts.height,
            "country_groups": evaluation.country_groups,
            "local_names": local,
            "total_hits": evaluation.hits.height,
        }
    finally:
        db.dispose()
    hits.write_parquet(HITS_FILE)
    META_FILE.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _source(rows: int) -> Any:
    from workbench.reports.source import ReportRun, ReportSource

    if not HITS_FILE.exists() or not META_FILE.exists():
        _build_cache()
    meta = json.loads(META_FILE.read_text(encoding="utf-8"))
    hits = pl.read_parquet(HITS_FILE).head(rows)
    run = ReportRun(
        run_id=1,
        scenario_id="in-force",
        scenario_title="Rules in force",
        as_of=AS_OF,
        created_at=dt.datetime(2026, 1, 1, 12, 0),
        created_by="bench",
        app_version="bench",
        rule_hash=meta["rule_hash"],
        data_fingerprint="0" * 64,
        country_groups=meta["country_groups"],
        obligations_evaluated=meta["obligations"],
        generated_at=dt.datetime(2026, 1, 1, 12, 0),
        generated_by="bench",
        report_version="bench",
    )
    local = {int(k): v for k, v in meta["local_names"].items()}
    OUT.mkdir(parents=True, exist_ok=True)
    return ReportSource(run=run, rules=meta["rules"], hits=hits, local_names=local)


def _pdf_setup() -> Any:
    return _source(10_000)


def _xlsx_setup() -> Any:
    return _source(100_000)


def app_pdf(source: Any) -> None:
    from workbench.reports.pdf_report import write_pdf

    write_pdf(source, OUT / "app.pdf")


def _bare_rows(source: Any, explanation: bool) -> list[list[str]]:
    rows = []
    for r in source.hits.iter_rows(named=True):
        row = [
            r["customer_name"],
            r["serial"],
            r["contract_number"],
            r["service_type"],
            r["rule_id"],
            r["final_outcome"],
            r["first_affected"].isoformat(),
            f"{r['value_at_risk']:,.2f} {r['currency']}",
        ]
        if explanation:
            row.append(r["explanation"])
        rows.append(row)
    return rows


def _bare_pdf(source: Any, explanation: bool, name: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import LongTable, SimpleDocTemplate

    rows = _bare_rows(source, explanation)
    header = ["Customer", "Serial", "Contract", "Service", "Rule", "Outcome", "From", "Value"]
    if explanation:
        header.append("Explanation")
    doc = SimpleDocTemplate(str(OUT / name), pagesize=A4)
    doc.build([LongTable([header, *rows], repeatRows=1)])


def bare_pdf_explained(source: Any) -> None:
    _bare_pdf(source, True, "bare-explained.pdf")


def bare_pdf_fields(source: Any) -> None:
    _bare_pdf(source, False, "bare-fields.pdf")


def app_xlsx(source: Any) -> None:
    from workbench.reports.xlsx_report import write_xlsx

    write_xlsx(source, OUT / "app.xlsx")


def bare_xlsx(source: Any) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Findings")
    ws.append(list(source.hits.columns))
    for row in source.hits.iter_rows():
        ws.append(list(row))
    wb.save(OUT / "bare.xlsx")


CASES = [
    Case(
        name="report-pdf-10k",
        description="audit PDF of 10,000 in-force hits vs a bare reportlab LongTable",
        setup=_pdf_setup,
        candidate=Variant("write_pdf (app)", app_pdf, repeats=3),
        baselines=(
            Variant("bare LongTable, fields", bare_pdf_fields, repeats=3),
            Variant("bare LongTable, + explanation", bare_pdf_explained, repeats=1),
        ),
    ),
    Case(
        name="report-xlsx-100k",
        description="workbook of 100,000 in-force hits vs bare write-only openpyxl",
        setup=_xlsx_setup,
        candidate=Variant("write_xlsx (app)", app_xlsx, repeats=2),
        baselines=(Variant("bare write-only openpyxl", bare_xlsx, repeats=2),),
    ),
]
