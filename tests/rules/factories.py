"""Small builders of obligation facts for the rules tests: one realistic default row that each
test bends to the case it checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from workbench.rules.facts import facts_frame
from workbench.rules.model import Rule
from workbench.rules.packs import ActiveRule

BASE: dict[str, Any] = {
    "obligation_id": 1,
    "contract_id": 10,
    "machine_id": 100,
    "fab_id": 1000,
    "customer_id": 500,
    "parent_customer_id": 501,
    "serial": "00123",
    "vendor": "ASML",
    "model_code": "NXT:1980Di",
    "category": "duv_immersion",
    "class_us": "3B993.f.1",
    "overlay_nm": 2.0,
    "wavelength_nm": 193.0,
    "numerical_aperture": 1.35,
    "fab_site_code": "SMIC-B2",
    "fab_name": "SMIC Beijing B2",
    "fab_country": "CN",
    "process_type": "logic",
    "logic_node_nm": 28.0,
    "architecture": "planar",
    "advanced_node": False,
    "customer_name": "SMIC Beijing",
    "customer_hq_country": "CN",
    "ship_date": dt.date(2021, 3, 1),
    "install_date": dt.date(2021, 5, 1),
    "machine_status": "installed",
    "contract_number": "C-0001",
    "contract_signed": dt.date(2021, 1, 15),
    "currency": "EUR",
    "service_type": "spare_parts",
    "obligation_start": dt.date(2024, 1, 1),
    "obligation_end": dt.date(2025, 12, 31),
    "obligation_value": 731_000.0,
}


def row(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


def facts(*rows: dict[str, Any]) -> pl.DataFrame:
    return facts_frame(rows or [BASE])


def rule(scope: dict[str, Any], **fields: Any) -> Rule:
    data: dict[str, Any] = {
        "id": "r1",
        "version": 1,
        "title": "test rule",
        "jurisdiction": "US",
        "status": "in_force",
        "citation": "test",
        "source_url": "https://example.invalid/rule",
        "effective": dt.date(2024, 6, 1),
        "scope": scope,
        "activities": ["spare_parts", "repair"],
        "outcome": "licence_required",
    }
    data.update(fields)
    return Rule.model_validate(data)


def active(r: Rule, model_sets: dict[str, set[tuple[str, str]]] | None = None) -> ActiveRule:
    assert r.effective is not None
    sets = {k: frozenset(v) for k, v in (model_sets or {}).items()}
    return ActiveRule(r, "test-pack", r.effective, sets, {k: k for k in sets})


def both(
    frame: pl.DataFrame,
    rules: list[ActiveRule],
    as_of: dt.date = dt.date(2025, 6, 1),
    listings: pl.DataFrame | None = None,
    licences: pl.DataFrame | None = None,
    ownership: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Hits of the compiled evaluator, after checking the reference agrees exactly."""
    from workbench.rules.compiled import evaluate
    from workbench.rules.facts import licences_frame, listings_frame
    from workbench.rules.reference import evaluate_reference

    lst = listings if listings is not None else listings_frame()
    lic = licences if licences is not None else licences_frame()
    fast = evaluate(frame, lst, lic, rules, as_of, ownership=ownership)
    slow = evaluate_reference(frame, lst, lic, rules, as_of, ownership=ownership)
    assert fast.hits.equals(slow.hits), (fast.hits, slow.hits)
    return fast.hits


def hit_ids(scope: dict[str, Any], *rows: dict[str, Any], **kwargs: Any) -> set[int]:
    listings = kwargs.pop("listings", None)
    sets = kwargs.pop("model_sets", None)
    r = active(rule(scope, **kwargs), sets)
    return set(both(facts(*rows), [r], listings=listings)["obligation_id"].to_list())
