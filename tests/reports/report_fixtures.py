"""A small run in memory with hostile names: markup, formulas, CJK, leading zeros."""

from __future__ import annotations

import datetime as dt

import polars as pl

from workbench.reports.source import ReportRun
from workbench.rules.hits import HIT_SCHEMA

BOLD_NAME = "<b>Bold</b> & Co."
FORMULA_NAME = '=HYPERLINK("http://example.invalid","click")'
CJK_LOCAL = "中芯国际集成电路制造有限公司"
KOREAN_LOCAL = "삼성전자 주식회사"
JAPANESE_LOCAL = "キオクシア株式会社"

RULES = [
    {
        "pack": "test-pack",
        "effective": "2024-01-01",
        "rule": {
            "id": "test-rule-a",
            "version": 2,
            "title": "Spare parts to listed parties",
            "jurisdiction": "US",
            "status": "in_force",
            "citation": "89 FR 96790",
            "source_url": "https://www.federalregister.gov/d/2024-28270",
            "effective": "2024-01-01",
            "scope": {"all": [{"kind": "country", "of": "fab", "in": ["CN", "MO"]}]},
            "activities": ["spare_parts", "repair"],
            "outcome": "licence_required",
            "exceptions": {"licences_on_file": True},
            "notes": "A note with <markup> & an ampersand.",
            "facts": [
                {"text": "Published in the Federal Register", "confidence": "C"},
                {"text": "Licence exception RPL not available", "confidence": "S"},
                {"text": "Exact item numbers", "confidence": "U"},
            ],
        },
        "model_sets": {},
        "model_set_titles": {},
    },
    {
        "pack": "test-pack",
        "effective": "2023-09-01",
        "rule": {
            "id": "test-rule-b",
            "version": 1,
            "title": "Immersion lithography servicing",
            "jurisdiction": "NL",
            "status": "in_force",
            "citation": "Regeling 2023",
            "source_url": "https://example.invalid/nl",
            "scope": {"not": {"kind": "advanced_node"}},
            "activities": ["software_updates"],
            "outcome": "prohibited",
            "facts": [{"text": "In force", "confidence": "C"}],
        },
        "model_sets": {"nxt": [["ASML", "NXT:1980Di"]]},
        "model_set_titles": {"nxt": "NXT immersion"},
    },
]

# (obligation, rule, customer id, customer, fab id, fab, country, serial, service, outcome,
#  final outcome, first affected, value, currency, coverage)
_ROWS = [
    (1, "test-rule-a", 1, BOLD_NAME, 10, "Fab <One>", "CN", "SN-001", "spare_parts",
     "licence_required", "licence_required", dt.date(2024, 3, 1), 1000.0, "USD", "none"),
    (1, "test-rule-b", 1, BOLD_NAME, 10, "Fab <One>", "CN", "SN-001", "spare_parts",
     "prohibited", "prohibited", dt.date(2024, 5, 1), 800.0, "USD", "none"),
    (2, "test-rule-a", 1, BOLD_NAME, 10, "Fab <One>", "CN", "SN-001", "repair",
     "licence_required", "licensed", dt.date(2024, 3, 1), 500.0, "USD", "covered"),
    (3, "test-rule-a", 2, FORMULA_NAME, 20, "+Fab Two", "KR", "-0042", "spare_parts",
     "licence_required", "licence_required", dt.date(2025, 1, 15), 2_000_000.0, "JPY",
     "expires_before_end"),
    (4, "test-rule-a", 3, "Semiconductor Manufacturing International Corporation", 30,
     "SMIC SN1 Shanghai", "CN", "@007", "repair", "licence_required", "licence_required",
     dt.date(2024, 7, 1), 1234.5, "EUR", "none"),
    (5, "test-rule-b", 4, "Kioxia Corporation", 40, "Kitakami K1", "JP", "K-1",
     "software_updates", "prohibited", "prohibited", dt.date(2023, 9, 1), 42.0, "EUR", "none"),
]  # fmt: skip
LOCAL_NAMES = {1: CJK_LOCAL, 2: KOREAN_LOCAL, 4: JAPANESE_LOCAL}


def make_hits(rows: list[tuple[object, ...]] | None = None) -> pl.DataFrame:
    records = []
    for r in rows if rows is not None else _ROWS:
        (ob, rule, cid, cname, fid, fname, country, serial, service, outcome, final, first,
         value, currency, coverage) = r  # fmt: skip
        records.append(
            {
                "obligation_id": ob,
                "rule_id": rule,
                "rule_version": 1,
                "pack": "test-pack",
                "jurisdiction": "US" if rule == "test-rule-a" else "NL",
                "outcome": outcome,
                "final_outcome": final,
                "first_affected": first,
                "value_at_risk": value,
                "currency": currency,
                "licence_coverage": coverage,
                "licence_numbers": "D123456" if coverage != "none" else None,
                "licence_valid_to": dt.date(2025, 6, 30) if coverage != "none" else None,
                "serial": serial,
                "machine_id": int(ob) * 100 if ob != 2 else 100,
                "vendor": "ASML",
                "model_code": "NXT:1980Di",
                "fab_id": fid,
                "fab_site_code": f"S{fid}",
                "fab_name": fname,
                "fab_country": country,
                "customer_id": cid,
                "customer_name": cname,
                "contract_id": 7,
                "contract_number": f"SC-{cid}",
                "service_type": service,
                "obligation_start": dt.date(2023, 1, 1),
                "obligation_end": dt.date(2027, 12, 31),
                "explanation": f"fab {fname} country {country} in {{CN, MO}}\n"
                f"service type {service} covered\neffective 2024-01-01",
            }
        )
    return pl.DataFrame(records, schema={**HIT_SCHEMA, "explanation": pl.String()})


def make_run(**changes: object) -> ReportRun:
    values: dict[str, object] = {
        "run_id": 7,
        "scenario_id": "test-scenario",
        "scenario_title": "Test scenario <with> & markup",
        "as_of": dt.date(2025, 6, 1),
        "created_at": dt.datetime(2025, 6, 2, 9, 30),
        "created_by": "analyst",
        "app_version": "0.1.0",
        "rule_hash": "a" * 64,
        "data_fingerprint": "b" * 64,
        "country_groups": "EAR country groups of 2026-07-23",
        "obligations_evaluated": 1234,
        "generated_at": dt.datetime(2025, 6, 3, 10, 0),
        "generated_by": "reviewer",
        "report_version": "0.1.0",
    }
    values.update(changes)
    return ReportRun(**values)  # type: ignore[arg-type]
