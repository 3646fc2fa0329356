"""Each predicate, dates, grandfathering and licences, through the compiled evaluator (every
case also checks the reference evaluator gives the identical frame)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from workbench.rules.compiled import _explanation, evaluate
from workbench.rules.facts import licences_frame, listings_frame
from workbench.rules.packs import ActiveRule

from .factories import active, both, facts, hit_ids, row, rule
from .test_reference import worlds

LISTINGS = listings_frame(
    [
        {
            "customer_id": 501,
            "party_name": "SMIC",
            "list_code": "entity_list",
            "footnote": "FN5",
            "licence_policy": "Presumption of denial for items ...",
        },
        {
            "customer_id": 700,
            "party_name": "Huawei",
            "list_code": "entity_list",
            "footnote": "FN1",
            "licence_policy": "Presumption of denial",
        },
        {"fab_id": 2000, "party_name": "Fab X", "list_code": "meu", "footnote": None},
    ]
)

_DRAM = {"process_type": "dram", "logic_node_nm": None, "architecture": None}
_NAND = {"process_type": "nand", "logic_node_nm": None, "architecture": None}
CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("country hit", {"kind": "country", "in": ["CN", "MO"]}, {}, True),
    ("country miss", {"kind": "country", "in": ["MO"]}, {}, False),
    (
        "hq country",
        {"kind": "country", "of": "customer_hq", "in": ["KR"]},
        {"customer_hq_country": "KR"},
        True,
    ),
    ("D:5 has CN", {"kind": "country_group", "in": ["D:5"]}, {}, True),
    ("D:5 lacks MO", {"kind": "country_group", "in": ["D:5"]}, {"fab_country": "MO"}, False),
    ("D:1 has MO", {"kind": "country_group", "in": ["D:1"]}, {"fab_country": "MO"}, True),
    (
        "D:5 has HK (EAR treats it as China)",
        {"kind": "country_group", "in": ["D:5"]},
        {"fab_country": "HK"},
        True,
    ),
    ("advanced yes", {"kind": "advanced_node"}, {"architecture": "finfet"}, True),
    ("advanced no", {"kind": "advanced_node"}, {"advanced_node": False}, False),
    (
        "technology decides over the recorded flag",
        {"kind": "advanced_node"},
        {"advanced_node": True, "logic_node_nm": 28.0},
        False,
    ),
    (
        "recorded flag stands when technology is unknown",
        {"kind": "advanced_node"},
        {"process_type": None, "advanced_node": True},
        True,
    ),
    ("advanced DRAM 18 nm", {"kind": "advanced_node"}, {**_DRAM, "dram_half_pitch_nm": 18.0}, True),
    ("DRAM 19 nm", {"kind": "advanced_node"}, {**_DRAM, "dram_half_pitch_nm": 19.0}, False),
    ("NAND 128 layers", {"kind": "advanced_node"}, {**_NAND, "nand_layers": 128}, True),
    ("NAND 112 layers", {"kind": "advanced_node"}, {**_NAND, "nand_layers": 112}, False),
    (
        "unknown technology counts",
        {"kind": "advanced_node"},
        {"process_type": None, "advanced_node": None},
        True,
    ),
    (
        "unknown node counts",
        {"kind": "advanced_node"},
        {"logic_node_nm": None, "advanced_node": None},
        True,
    ),
    (
        "unknown technology does not count",
        {"kind": "advanced_node", "unknown_counts": False},
        {"process_type": None, "advanced_node": None},
        False,
    ),
    (
        "process type",
        {"kind": "process_type", "in": ["dram", "nand"]},
        {"process_type": "nand"},
        True,
    ),
    (
        "process type unknown",
        {"kind": "process_type", "in": ["logic"]},
        {"process_type": None},
        False,
    ),
    ("architecture", {"kind": "architecture", "in": ["finfet"]}, {"architecture": "finfet"}, True),
    ("category", {"kind": "category", "in": ["duv_immersion"]}, {}, True),
    ("machine status", {"kind": "machine_status", "in": ["decommissioned"]}, {}, False),
    ("model", {"kind": "model", "vendor": "ASML", "in": ["NXT:1980Di"]}, {}, True),
    ("model other vendor", {"kind": "model", "vendor": "Nikon", "in": ["NXT:1980Di"]}, {}, False),
    ("class prefix", {"kind": "classification", "regime": "US", "in": ["3B993"]}, {}, True),
    (
        "class prefix whole segment",
        {"kind": "classification", "regime": "US", "in": ["3B001.f"]},
        {"class_us": "3B001.fx"},
        False,
    ),
    (
        "class deep prefix",
        {"kind": "classification", "regime": "US", "in": ["3B001.f.1"]},
        {"class_us": "3B001.f.1.b.2"},
        True,
    ),
    (
        "class exact",
        {"kind": "classification", "regime": "US", "in": ["3B993"], "match": "exact"},
        {},
        False,
    ),
    ("class missing", {"kind": "classification", "regime": "NL", "in": ["3B001"]}, {}, False),
    (
        "overlay <= 1.5",
        {"kind": "threshold", "field": "overlay_nm", "op": "<=", "value": 1.5},
        {"overlay_nm": 1.5},
        True,
    ),
    (
        "overlay > limit",
        {"kind": "threshold", "field": "overlay_nm", "op": "<=", "value": 1.5},
        {"overlay_nm": 1.6},
        False,
    ),
    (
        "node unknown",
        {"kind": "threshold", "field": "logic_node_nm", "op": ">=", "value": 28},
        {"logic_node_nm": None},
        False,
    ),
    (
        "node unknown counts",
        {
            "kind": "threshold",
            "field": "logic_node_nm",
            "op": ">=",
            "value": 28,
            "unknown_counts": True,
        },
        {"logic_node_nm": None},
        True,
    ),
    (
        "NAND layers",
        {"kind": "threshold", "field": "nand_layers", "op": ">=", "value": 128},
        {"nand_layers": 128},
        True,
    ),
    (
        "DRAM half-pitch",
        {"kind": "threshold", "field": "dram_half_pitch_nm", "op": "<=", "value": 18},
        {"dram_half_pitch_nm": 17.0},
        True,
    ),
    ("parent FN5", {"kind": "listed", "footnotes": ["FN5"]}, {}, True),
    ("parent not FN1", {"kind": "listed", "footnotes": ["FN1"]}, {}, False),
    ("customer only", {"kind": "listed", "parties": ["customer"]}, {}, False),
    ("customer listed", {"kind": "listed", "parties": ["customer"]}, {"customer_id": 700}, True),
    (
        "fab on MEU",
        {"kind": "listed", "parties": ["fab"], "lists": ["meu"]},
        {"fab_id": 2000},
        True,
    ),
    ("policy text", {"kind": "listed", "policy_contains": ["PRESUMPTION of denial"]}, {}, True),
    (
        "policy lacks: tested on the same row",
        {"kind": "listed", "policy_contains": ["denial"], "policy_lacks": ["ITEMS ..."]},
        {},
        False,
    ),
    (
        "policy lacks: another party's row",
        {"kind": "listed", "policy_contains": ["denial"], "policy_lacks": ["items ..."]},
        {"customer_id": 700},
        True,
    ),
    (
        "policy lacks: a row without policy text",
        {"kind": "listed", "parties": ["fab"], "lists": ["meu"], "policy_lacks": ["denial"]},
        {"fab_id": 2000},
        True,
    ),
    (
        "shipped before",
        {"kind": "date", "field": "ship_date", "op": "before", "date": dt.date(2021, 3, 2)},
        {},
        True,
    ),
    (
        "shipped before, same day",
        {"kind": "date", "field": "ship_date", "op": "before", "date": dt.date(2021, 3, 1)},
        {},
        False,
    ),
    (
        "shipped on or before",
        {"kind": "date", "field": "ship_date", "op": "on_or_before", "date": dt.date(2021, 3, 1)},
        {},
        True,
    ),
    (
        "installed after",
        {"kind": "date", "field": "install_date", "op": "after", "date": dt.date(2021, 5, 1)},
        {},
        False,
    ),
    (
        "signed on or after effective",
        {"kind": "date", "field": "contract_signed", "op": "on_or_after", "date": "effective"},
        {"contract_signed": dt.date(2024, 6, 1)},
        True,
    ),
    (
        "unknown ship date counts",
        {
            "kind": "date",
            "field": "ship_date",
            "op": "before",
            "date": dt.date(2020, 1, 1),
            "unknown_counts": True,
        },
        {"ship_date": None},
        True,
    ),
    ("overlaps effective", {"kind": "obligation_overlaps"}, {}, True),
    (
        "overlaps a date outside",
        {"kind": "obligation_overlaps", "date": dt.date(2023, 1, 1)},
        {},
        False,
    ),
    ("not", {"not": {"kind": "country", "in": ["US"]}}, {}, True),
    (
        "any",
        {"any": [{"kind": "country", "in": ["US"]}, {"kind": "category", "in": ["duv_immersion"]}]},
        {},
        True,
    ),
    (
        "all",
        {"all": [{"kind": "country", "in": ["CN"]}, {"kind": "category", "in": ["euv_litho"]}]},
        {},
        False,
    ),
]


@pytest.mark.parametrize(
    ("scope", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_predicate(scope: dict[str, Any], changes: dict[str, Any], expected: bool) -> None:
    assert hit_ids(scope, row(**changes), listings=LISTINGS) == ({1} if expected else set())


def test_model_set_uses_the_pack_sets() -> None:
    scope = {"kind": "model_set", "set": "nl_annex_2024"}
    sets = {"nl_annex_2024": {("ASML", "NXT:1980Di"), ("ASML", "NXT:1970Ci")}}
    assert hit_ids(scope, row(), row(obligation_id=2, model_code="NXT:2000i"), model_sets=sets) == {
        1
    }


CN = {"kind": "country", "in": ["CN"]}


@pytest.mark.parametrize(
    ("effective", "end", "hit"),
    [
        (dt.date(2025, 12, 30), dt.date(2025, 12, 31), True),  # effective the day before the end
        (dt.date(2025, 12, 31), dt.date(2025, 12, 31), True),  # effective on the last day
        (dt.date(2026, 1, 1), dt.date(2025, 12, 31), False),  # effective the day after: over
    ],
)
def test_no_hit_when_obligation_ends_before_effective(
    effective: dt.date, end: dt.date, hit: bool
) -> None:
    r = active(rule(CN, effective=effective))
    hits = both(facts(row(obligation_end=end)), [r], as_of=dt.date(2026, 6, 1))
    assert hits.height == (1 if hit else 0)


def test_first_affected_and_value_at_risk() -> None:
    # 2024-01-01..2025-12-31 is 731 days; effective 2024-06-01 leaves 578 days.
    hits = both(facts(row()), [active(rule(CN))])
    assert hits["first_affected"][0] == dt.date(2024, 6, 1)
    assert hits["value_at_risk"][0] == pytest.approx(731_000.0 * 579 / 731)
    early = both(facts(row(obligation_start=dt.date(2024, 7, 1))), [active(rule(CN))])
    assert early["first_affected"][0] == dt.date(2024, 7, 1)


def test_service_type_must_be_covered() -> None:
    r = active(rule(CN, activities=["training", "new_tool_shipment"]))
    assert both(facts(row()), [r]).height == 0


def test_grandfathering_without_end_exempts() -> None:
    g = {"grandfathering": [{"basis": "contract_signed", "before": dt.date(2022, 1, 1)}]}
    r = active(rule(CN, exceptions=g))
    hits = both(
        facts(
            row(),
            row(obligation_id=2, contract_signed=dt.date(2022, 1, 1)),
            row(obligation_id=3, contract_signed=None),
        ),
        [r],
    )
    assert hits["obligation_id"].to_list() == [2, 3]  # signed on the cut-off or unknown: hit


def test_grandfathering_until_moves_first_affected() -> None:
    g = {
        "grandfathering": [
            {"basis": "install_date", "before": dt.date(2022, 1, 1), "until": dt.date(2024, 12, 31)}
        ]
    }
    r = active(rule(CN, exceptions=g))
    hits = both(facts(row(), row(obligation_id=2, obligation_end=dt.date(2024, 12, 31))), [r])
    assert hits["obligation_id"].to_list() == [1]
    assert hits["first_affected"][0] == dt.date(2025, 1, 1)
    fast = evaluate(facts(row()), listings_frame(), licences_frame(), [r], dt.date(2025, 6, 1))
    assert any("exemption ended 2024-12-31" in t for t in fast.explain(1, "r1"))


def _licence(**fields: Any) -> dict[str, Any]:
    return {
        "licence_id": 1,
        "jurisdiction": "US",
        "number": "D123456",
        "valid_from": dt.date(2024, 1, 1),
        "valid_to": None,
        **fields,
    }


@pytest.mark.parametrize(
    ("licence", "coverage", "final"),
    [
        (_licence(), "covered", "licensed"),
        # Expiry before the end: affected from the day after (see test_licence_expiry_...).
        (_licence(valid_to=dt.date(2025, 6, 30)), "expires_before_end", "licence_required"),
        (_licence(valid_to=dt.date(2025, 5, 31)), "none", "licence_required"),  # expired by as-of
        (_licence(jurisdiction="NL"), "none", "licence_required"),
        (_licence(customer_id=999), "none", "licence_required"),
        (_licence(machine_id=100, service_types=["spare_parts"]), "covered", "licensed"),
        (_licence(fab_id=1000, service_types=["repair"]), "none", "licence_required"),
        (_licence(number="RPL"), "none", "licence_required"),  # exception not available
        (_licence(number="GOV"), "covered", "licensed"),
    ],
)
def test_licence_coverage(licence: dict[str, Any], coverage: str, final: str) -> None:
    ex = {"licences_on_file": True, "licence_exceptions": ["GOV"]}
    hits = both(facts(row()), [active(rule(CN, exceptions=ex))], licences=licences_frame([licence]))
    assert (hits["licence_coverage"][0], hits["final_outcome"][0]) == (coverage, final)


def test_licence_not_honoured_without_licences_on_file() -> None:
    hits = both(facts(row()), [active(rule(CN))], licences=licences_frame([_licence()]))
    assert hits["licence_coverage"][0] == "none"


def test_prohibition_is_never_licensed() -> None:
    r = active(rule(CN, outcome="prohibited", exceptions={"licences_on_file": True}))
    hits = both(facts(row()), [r], licences=licences_frame([_licence()]))
    assert (hits["licence_coverage"][0], hits["final_outcome"][0]) == ("covered", "prohibited")


_ON_FILE = {"licences_on_file": True}


def test_licence_expiry_inside_the_contract_moves_first_affected_and_value_at_risk() -> None:
    # Obligation 2024-01-01..2025-12-31 (731 days), rule effective 2024-06-01; the licence
    # ends 2025-06-30, so the obligation is affected from 2025-07-01: 184 days of 731.
    lic = licences_frame([_licence(valid_to=dt.date(2025, 6, 30))])
    hits = both(facts(row()), [active(rule(CN, exceptions=_ON_FILE))], licences=lic)
    assert hits["licence_coverage"][0] == "expires_before_end"
    assert hits["final_outcome"][0] == "licence_required"
    assert hits["first_affected"][0] == dt.date(2025, 7, 1)
    assert hits["licence_valid_to"][0] == dt.date(2025, 6, 30)
    assert hits["licence_numbers"][0] == "D123456"
    assert hits["value_at_risk"][0] == pytest.approx(731_000.0 * 184 / 731)


def test_a_renewal_without_a_gap_continues_the_cover() -> None:
    first = _licence(valid_to=dt.date(2025, 6, 30))
    renewal = _licence(licence_id=2, number="D999", valid_from=dt.date(2025, 7, 1))
    hits = both(
        facts(row()),
        [active(rule(CN, exceptions=_ON_FILE))],
        licences=licences_frame([first, renewal]),
    )
    assert (hits["licence_coverage"][0], hits["final_outcome"][0]) == ("covered", "licensed")
    assert hits["licence_numbers"][0] == "D123456, D999"
    assert hits["first_affected"][0] == dt.date(2024, 6, 1)
    gap = _licence(licence_id=2, number="D999", valid_from=dt.date(2025, 7, 2))
    hits = both(
        facts(row()),
        [active(rule(CN, exceptions=_ON_FILE))],
        licences=licences_frame([first, gap]),
    )
    assert hits["licence_coverage"][0] == "expires_before_end"
    assert hits["first_affected"][0] == dt.date(2025, 7, 1)


def test_a_licence_for_some_service_types_leaves_the_others_open() -> None:
    lic = licences_frame([_licence(service_types=["repair"])])
    rows = (row(), row(obligation_id=2, service_type="repair"))
    hits = both(facts(*rows), [active(rule(CN, exceptions=_ON_FILE))], licences=lic)
    assert dict(zip(hits["service_type"], hits["final_outcome"], strict=True)) == {
        "spare_parts": "licence_required",
        "repair": "licensed",
    }


@pytest.mark.parametrize(
    ("scope", "coverage"),
    [
        ({"model_codes": ["NXT:1980Di"]}, "covered"),
        ({"model_codes": ["nxt:*"]}, "covered"),
        ({"model_codes": ["NXT:2000*", "XT*"]}, "none"),
        ({"classifications": ["3B993"]}, "covered"),
        ({"classifications": ["3b993.F"]}, "covered"),
        ({"classifications": ["3B99"]}, "none"),
        ({"classifications": ["3B001"]}, "none"),
        ({"model_codes": ["NXT*"], "classifications": ["3B001"]}, "none"),
    ],
)
def test_licence_scope_by_model_family_and_classification(
    scope: dict[str, Any], coverage: str
) -> None:
    lic = licences_frame([_licence(**scope)])
    hits = both(facts(row()), [active(rule(CN, exceptions=_ON_FILE))], licences=lic)
    assert hits["licence_coverage"][0] == coverage


def test_a_licence_naming_several_fabs_is_one_row_per_fab() -> None:
    lic = licences_frame([_licence(fab_id=1000), _licence(fab_id=1001)])
    rows = (row(), row(obligation_id=2, fab_id=1001), row(obligation_id=3, fab_id=1002))
    hits = both(facts(*rows), [active(rule(CN, exceptions=_ON_FILE))], licences=lic)
    assert hits["licence_coverage"].to_list() == ["covered", "covered", "none"]


def test_explanations_state_actual_values() -> None:
    scope = {
        "all": [
            {"kind": "country", "in": ["CN", "MO"]},
            {"any": [{"kind": "advanced_node"}, {"kind": "country", "in": ["US"]}]},
            {"not": {"kind": "threshold", "field": "overlay_nm", "op": "<=", "value": 1.5}},
            {"kind": "listed", "footnotes": ["FN5"]},
        ]
    }
    result = evaluate(
        facts(row(process_type=None, advanced_node=None)),
        LISTINGS,
        licences_frame(),
        [active(rule(scope))],
        dt.date(2025, 6, 1),
    )
    assert result.explain(1, "r1") == [
        "fab country CN in {CN, MO}",
        "fab SMIC Beijing B2 advanced-node: unknown technology counts"
        " (advanced-node definition of 2023-11-17)",
        "not (tool overlay 2 nm <= 1.5 nm)",
        "parent customer SMIC on entity_list FN5",
        "service type spare_parts covered",
        "effective 2024-06-01",
    ]
    assert result.explain(99, "r1") == []


def test_cancel_stops_evaluation() -> None:
    from workbench.domain.cancel import Cancelled, CancelToken

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        evaluate(
            facts(row()),
            listings_frame(),
            licences_frame(),
            [active(rule(CN))],
            dt.date(2025, 6, 1),
            cancel=token,
        )


def test_progress_reaches_total() -> None:
    seen: list[tuple[int, int]] = []
    rules = [active(rule(CN, id=f"r{i}")) for i in range(10)]
    evaluate(
        facts(row()),
        listings_frame(),
        licences_frame(),
        rules,
        dt.date(2025, 6, 1),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, 10)
    assert seen[-1] == (10, 10)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(worlds())
def test_explanations_built_per_combination_equal_the_per_row_texts(
    world: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, list[ActiveRule], dt.date],
) -> None:
    facts, listings, licences, rules, as_of = world
    result = evaluate(facts, listings, licences, rules, as_of)
    by_id = {r.rule.id: r for r in rules}
    # The plain way: each hit's explanation built from its own facts row alone.
    per_row = [
        result._encoded.filter(pl.col("obligation_id") == oid)
        .select(_explanation(by_id[rid], result._ctx))
        .to_series()
        .to_list()[0]
        for oid, rid in result.hits.select("obligation_id", "rule_id").iter_rows()
    ]
    assert result.explanations["matched"].to_list() == per_row
    assert result.explanations.select("obligation_id", "rule_id").equals(
        result.hits.select("obligation_id", "rule_id")
    )
    numbers, texts = result.explanation_numbers(result.hits)
    text_of = dict(texts.iter_rows())
    assert [text_of[n] for n in numbers] == ["\n".join(m) for m in per_row]
    assert texts["explanation_number"].to_list() == list(range(1, texts.height + 1))
    assert texts["explanation"].is_unique().all()


def test_hits_of_a_rule_not_evaluated_have_no_explanation() -> None:
    result = evaluate(
        facts(row()), LISTINGS, licences_frame(), [active(rule(CN))], dt.date(2025, 6, 1)
    )
    foreign = result.hits.with_columns(rule_id=pl.lit("other"))
    numbers, texts = result.explanation_numbers(pl.concat([result.hits, foreign]))
    assert numbers.to_list() == [1, None]
    assert texts.height == 1
    assert result.explanations_for(foreign).height == 0
