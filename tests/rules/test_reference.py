"""The equivalence property: the compiled and the reference evaluator give identical hits on
generated facts, listings, licences and rules (random predicate trees)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench.rules.compiled import evaluate
from workbench.rules.facts import facts_frame, licences_frame, listings_frame
from workbench.rules.model import Rule
from workbench.rules.packs import ActiveRule
from workbench.rules.reference import evaluate_reference

DAY0 = dt.date(2022, 1, 1)
days = st.integers(0, 6 * 365).map(lambda n: DAY0 + dt.timedelta(days=n))
maybe = st.none().__or__
COUNTRIES = ["CN", "MO", "HK", "US", "RU", "NL", "KR"]
SERVICES = ["spare_parts", "repair", "software_updates", "training"]
CATEGORIES = ["duv_immersion", "krf_litho", "ald", "inspection"]
CLASSES = ["3B001.f.1", "3B001.fx", "3B993"]
MODEL_SETS = {"s": frozenset({("ASML", "A"), ("TEL", "B")})}


@st.composite
def obligation(draw: st.DrawFn, oid: int) -> dict[str, Any]:
    start = draw(days)
    return {
        "obligation_id": oid,
        "contract_id": draw(st.integers(1, 3)),
        "machine_id": draw(st.integers(100, 104)),
        "fab_id": draw(st.integers(10, 13)),
        "customer_id": draw(st.integers(1, 4)),
        "parent_customer_id": draw(maybe(st.integers(1, 4))),
        "serial": f"{oid:05d}",
        "vendor": draw(st.sampled_from(["ASML", "TEL"])),
        "model_code": draw(st.sampled_from(["A", "B", "C"])),
        "category": draw(st.sampled_from(CATEGORIES)),
        "class_us": draw(maybe(st.sampled_from(CLASSES))),
        "overlay_nm": draw(maybe(st.sampled_from([1.0, 1.5, 2.5]))),
        "fab_site_code": "F",
        "fab_name": "Fab",
        "fab_country": draw(st.sampled_from(COUNTRIES)),
        "process_type": draw(maybe(st.sampled_from(["logic", "dram", "nand"]))),
        "logic_node_nm": draw(maybe(st.sampled_from([7.0, 14.0, 28.0, 40.0]))),
        "nand_layers": draw(maybe(st.sampled_from([64, 128, 232]))),
        "advanced_node": draw(maybe(st.booleans())),
        "customer_name": "Customer",
        "customer_hq_country": draw(st.sampled_from(COUNTRIES)),
        "ship_date": draw(maybe(days)),
        "install_date": draw(maybe(days)),
        "machine_status": draw(st.sampled_from(["installed", "decommissioned"])),
        "contract_number": "C",
        "contract_signed": draw(maybe(days)),
        "currency": draw(st.sampled_from(["EUR", "EUR", "USD"])),
        "service_type": draw(st.sampled_from(SERVICES)),
        "obligation_start": start,
        "obligation_end": start + dt.timedelta(days=draw(st.integers(0, 900))),
        "obligation_value": draw(st.integers(0, 10**8)) / 100,
    }


leaves = st.one_of(
    st.builds(
        lambda c: {"kind": "country", "in": c},
        st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3),
    ),
    st.builds(
        lambda g, o: {"kind": "country_group", "of": o, "in": g},
        st.lists(st.sampled_from(["D:5", "D:1", "E:1"]), min_size=1, max_size=2),
        st.sampled_from(["fab", "customer_hq"]),
    ),
    st.builds(lambda u: {"kind": "advanced_node", "unknown_counts": u}, st.booleans()),
    st.builds(
        lambda v: {"kind": "process_type", "in": v},
        st.lists(st.sampled_from(["logic", "dram", "nand"]), min_size=1),
    ),
    st.builds(
        lambda v: {"kind": "category", "in": v}, st.lists(st.sampled_from(CATEGORIES), min_size=1)
    ),
    st.builds(
        lambda v: {"kind": "machine_status", "in": [v]}, st.sampled_from(["installed", "relocated"])
    ),
    st.builds(
        lambda v, c: {"kind": "model", "vendor": v, "in": c},
        st.sampled_from(["ASML", "TEL"]),
        st.lists(st.sampled_from(["A", "B", "C"]), min_size=1),
    ),
    st.just({"kind": "model_set", "set": "s"}),
    st.builds(
        lambda c, m: {"kind": "classification", "regime": "US", "in": c, "match": m},
        st.lists(st.sampled_from(["3B001", "3B001.f", "3B993"]), min_size=1, max_size=2),
        st.sampled_from(["exact", "prefix"]),
    ),
    st.builds(
        lambda f, op, v, u: {
            "kind": "threshold",
            "field": f,
            "op": op,
            "value": v,
            "unknown_counts": u,
        },
        st.sampled_from(["overlay_nm", "logic_node_nm", "nand_layers"]),
        st.sampled_from(["<", "<=", ">", ">="]),
        st.sampled_from([1.5, 14, 28, 128]),
        st.booleans(),
    ),
    st.builds(
        lambda p, li, fn, pol, lacks: {
            "kind": "listed",
            "parties": p,
            "lists": li,
            "footnotes": fn,
            "policy_contains": pol,
            "policy_lacks": lacks,
        },
        st.lists(st.sampled_from(["customer", "fab", "parent"]), min_size=1, max_size=3),
        st.lists(st.sampled_from(["entity_list", "meu"]), min_size=1, max_size=2),
        st.lists(st.sampled_from(["FN1", "FN4", "FN5"]), max_size=2),
        st.lists(st.sampled_from(["denial", "case-by-case"]), max_size=1),
        st.lists(st.sampled_from(["denial", "review"]), max_size=1),
    ),
    st.builds(
        lambda f, op, d, u: {"kind": "date", "field": f, "op": op, "date": d, "unknown_counts": u},
        st.sampled_from(["ship_date", "install_date", "contract_signed"]),
        st.sampled_from(["before", "on_or_before", "after", "on_or_after"]),
        st.one_of(days, st.just("effective")),
        st.booleans(),
    ),
    st.builds(
        lambda d: {"kind": "obligation_overlaps", "date": d}, st.one_of(days, st.just("effective"))
    ),
)

scopes = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"any": c}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
    ),
    max_leaves=6,
)


@st.composite
def rules(draw: st.DrawFn, n: int) -> ActiveRule:
    grandfathering = draw(
        st.lists(
            st.builds(
                lambda b, d, u: {"basis": b, "before": d, "until": u},
                st.sampled_from(["ship_date", "install_date", "contract_signed"]),
                days,
                maybe(days),
            ),
            max_size=2,
        )
    )
    for g in grandfathering:
        if g["until"] is not None and g["until"] < g["before"]:
            g["until"] = g["before"]
    rule = Rule.model_validate(
        {
            "id": f"rule-{n}",
            "version": 1,
            "title": "generated",
            "jurisdiction": draw(st.sampled_from(["US", "NL"])),
            "status": "in_force",
            "citation": "generated",
            "source_url": "https://example.invalid/",
            "scope": draw(scopes),
            "activities": draw(st.lists(st.sampled_from(SERVICES), min_size=1, max_size=3)),
            "outcome": draw(
                st.sampled_from(["prohibited", "licence_required", "notify", "case_by_case"])
            ),
            "exceptions": {
                "grandfathering": grandfathering,
                "licences_on_file": draw(st.booleans()),
                "licence_exceptions": draw(st.lists(st.sampled_from(["GOV", "RPL"]), max_size=1)),
            },
        }
    )
    return ActiveRule(rule, "gen", draw(days), MODEL_SETS, {"s": "set s"})


listing = st.builds(
    lambda on_fab, pid, lc, fn, pol, since, until: {
        "customer_id": None if on_fab else pid,
        "fab_id": pid + 9 if on_fab else None,
        "party_name": "P",
        "list_code": lc,
        "footnote": fn,
        "licence_policy": pol,
        "since": since,
        "until": until,
    },
    st.booleans(),
    st.integers(1, 4),
    st.sampled_from(["entity_list", "meu"]),
    st.sampled_from([None, "FN1", "FN4", "FN5"]),
    st.sampled_from(
        [None, "Presumption of denial", "Case-by-case review", "Presumption of denial; review"]
    ),
    maybe(days),
    maybe(days),
)

licence = st.builds(
    lambda j, num, f, length, c, fab, m, s, models, classes, limit, quantity: {
        "jurisdiction": j,
        "number": num,
        "valid_from": f,
        "valid_to": None if length is None else f + dt.timedelta(days=length),
        "customer_id": c,
        "fab_id": fab,
        "machine_id": m,
        "service_types": s,
        "model_codes": models,
        "classifications": classes,
        "value_limit": None if limit is None else limit[0],
        "limit_currency": None if limit is None else limit[1],
        "quantity_limit": quantity,
    },
    st.sampled_from(["US", "NL"]),
    st.sampled_from(["D1", "D2", "GOV", "RPL"]),
    days,
    maybe(st.integers(0, 1500)),
    maybe(st.integers(1, 4)),
    maybe(st.integers(10, 13)),
    maybe(st.integers(100, 104)),
    st.lists(st.sampled_from(SERVICES), max_size=2),
    st.lists(st.sampled_from(["A", "b", "A*", "X*"]), max_size=2),
    st.lists(st.sampled_from(["3B001", "3b001.F", "3B993", "3B0"]), max_size=2),
    # Value limits small enough that a few obligations exhaust them; quantity in machines.
    maybe(st.tuples(st.integers(0, 10**6), st.sampled_from(["EUR", "USD"]))),
    maybe(st.integers(0, 3)),
)


def _renewals(rows: list[dict[str, Any]], gaps: list[int]) -> list[dict[str, Any]]:
    """A follow-on licence for some rows, starting ``gap`` days after the row ends (0: the
    day after, a renewal without a break), so chains of licences are common."""
    out = list(rows)
    for r, gap in zip(rows, gaps, strict=False):
        if r["valid_to"] is not None and gap >= 0:
            start = r["valid_to"] + dt.timedelta(days=1 + gap)
            out.append({**r, "valid_from": start, "valid_to": start + dt.timedelta(days=200)})
    return out


@st.composite
def worlds(
    draw: st.DrawFn,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, list[ActiveRule], dt.date]:
    n = draw(st.integers(0, 12))
    facts = facts_frame([draw(obligation(i + 1)) for i in range(n)])
    listings = listings_frame(draw(st.lists(listing, max_size=5)))
    lic_rows = draw(st.lists(licence, max_size=4))
    lic_rows = _renewals(lic_rows, draw(st.lists(st.integers(-1, 1), max_size=4)))
    licences = licences_frame([{**r, "licence_id": i} for i, r in enumerate(lic_rows)])
    active = [draw(rules(i)) for i in range(draw(st.integers(1, 3)))]
    return facts, listings, licences, active, draw(days)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(worlds())
def test_compiled_equals_reference(
    world: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, list[ActiveRule], dt.date],
) -> None:
    facts, listings, licences, active, as_of = world
    fast = evaluate(facts, listings, licences, active, as_of)
    slow = evaluate_reference(facts, listings, licences, active, as_of)
    assert fast.hits.drop("value_at_risk").equals(slow.hits.drop("value_at_risk"))
    cents = (fast.hits["value_at_risk"] - slow.hits["value_at_risk"]).abs()
    assert cents.max() is None or cents.max() < 0.005  # type: ignore[operator]
    event("some hits" if fast.hits.height else "no hits")
    if fast.hits["licence_note"].null_count() < fast.hits.height:
        event("a licence limit refused an obligation")
    # Every hit is explained, and no explanation exists without a hit.
    assert fast.explanations.height == fast.hits.height
    assert all(len(m) >= 2 for m in fast.explanations["matched"].to_list())
