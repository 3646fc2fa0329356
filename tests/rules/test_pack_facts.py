"""One test per regulatory fact the shipped packs encode (issue 20): each fails if the pack or
the evaluators stop saying it. Every evaluation runs both evaluators and demands equal hits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from workbench.rules import definitions
from workbench.rules.definitions import node_definition
from workbench.rules.facts import licences_frame, listings_frame
from workbench.rules.packs import RuleBook, load_shipped_packs, load_shipped_scenarios, select_rules

from .factories import both, facts, row

BOOK = RuleBook.of(load_shipped_packs())
IN_FORCE = next(s for s in load_shipped_scenarios() if s.id == "in-force")
FINFET = {"process_type": "foundry", "logic_node_nm": 14.0, "architecture": "finfet"}
UNKNOWN = {"process_type": None, "logic_node_nm": None, "architecture": None}
#: A non-US tool whose EAR status is not recorded (counts as subject to the EAR).
JP_TOOL = {"vendor": "TEL", "model_code": "Trias e+", "category": "cvd", "class_us": None}
NOT_SUBJECT = {"us_origin": False, "us_content_pct": 10.0, "us_direct_product": False}
SMIC_POLICY = (
    "Presumption of denial for all items to include items described in ECCN 3B001.a.4, .c, .d,"
    " f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994. Case-by-case for items designed for"
    " production of 200mm wafers destined to a 200mm wafer production facility."
)


#: The SMIC rows' policy from 18 Dec 2020 (85 FR 83416) until their modification of Dec 2024.
SMIC_2020 = (
    "Presumption of denial for items uniquely required for production of semiconductors at"
    " advanced technology nodes (10 nanometers and below, including extreme ultraviolet"
    " technology); case-by-case review for all other items."
)


def _row(**changes: Any) -> dict[str, Any]:
    base = {
        "obligation_start": dt.date(2020, 1, 1),
        "obligation_end": dt.date(2027, 12, 31),
        "parent_customer_id": None,
        "advanced_node": None,
    }
    return row(**{**base, **changes})


def run(
    day: dt.date,
    *rows: dict[str, Any],
    listings: pl.DataFrame | None = None,
    licences: pl.DataFrame | None = None,
    rules: list[str] | None = None,
) -> pl.DataFrame:
    """Hits of the rules in force on ``day`` (or of the named rules, whatever their status)."""
    if rules is None:
        chosen = select_rules(IN_FORCE, BOOK, day)
    else:
        scenario = IN_FORCE.model_copy(update={"in_force": False, "rules": rules})
        chosen = select_rules(scenario, BOOK, day)
    numbered = [{**r, "obligation_id": i + 1, "machine_id": 100 + i} for i, r in enumerate(rows)]
    return both(facts(*numbered), chosen, day, listings=listings, licences=licences)


def ids(hits: pl.DataFrame, obligation: int = 1) -> set[str]:
    return set(hits.filter(pl.col("obligation_id") == obligation)["rule_id"].to_list())


def outcome(hits: pl.DataFrame, rule_id: str) -> str:
    found = hits.filter(pl.col("rule_id") == rule_id)["outcome"].unique().to_list()
    assert len(found) == 1, (rule_id, found)
    return str(found[0])


def listing(customer: int, since: dt.date | None, **fields: Any) -> dict[str, Any]:
    return {"customer_id": customer, "list_code": "entity_list", "since": since, **fields}


# --- 1. 744.23 ---------------------------------------------------------------------------------


def test_744_23_binds_non_us_person_teams_for_parts_and_consumables() -> None:
    """The end-use control reaches any item subject to the EAR, whoever delivers it."""
    day = dt.date(2025, 6, 1)
    rows = [
        _row(**FINFET, **JP_TOOL, service_type=s, us_person=False)
        for s in ("spare_parts", "consumables", "software_updates", "preventive_maintenance")
    ]
    hits = run(day, *rows)
    for n in (1, 2, 3):
        assert "us-744-23-macau-d5-denial" in ids(hits, n)
        assert not {i for i in ids(hits, n) if i.startswith("us-744-6")}
    assert "us-744-23-macau-d5-denial" not in ids(hits, 4)  # labour alone ships no item
    assert outcome(hits, "us-744-23-macau-d5-denial") == "presumption_of_denial"


def test_744_23_macau_from_17_january_2023_and_d5_from_17_november_2023() -> None:
    macau = _row(**FINFET, **JP_TOOL, fab_country="MO", customer_hq_country="MO")
    russia = _row(**FINFET, **JP_TOOL, fab_country="RU", customer_hq_country="RU")
    assert not {i for i in ids(run(dt.date(2023, 1, 16), macau)) if i.startswith("us-744-23")}
    assert "us-744-23-prc-macau-2023-denial" in ids(run(dt.date(2023, 1, 17), macau))
    assert not {i for i in ids(run(dt.date(2023, 11, 16), russia)) if i.startswith("us-744-23")}
    assert "us-744-23-macau-d5-denial" in ids(run(dt.date(2023, 11, 17), russia))
    assert "us-744-23-macau-d5-denial" in ids(run(dt.date(2023, 11, 17), macau))


def test_744_23_texts_are_replaced_not_stacked() -> None:
    china = _row(**FINFET, **JP_TOOL)
    assert {i for i in ids(run(dt.date(2022, 12, 1), china)) if i.startswith("us-744-23")} == {
        "us-744-23-prc-2022-denial"
    }
    assert {i for i in ids(run(dt.date(2024, 1, 1), china)) if i.startswith("us-744-23")} == {
        "us-744-23-macau-d5-denial"
    }


def test_744_23_unknown_node_covers_category_3_b_to_e_items_only() -> None:
    day = dt.date(2025, 6, 1)
    hits = run(
        day,
        _row(**UNKNOWN, class_us="3B001.c.1.a"),
        _row(**UNKNOWN, class_us="EAR99"),
        _row(**FINFET, class_us="3B001.c.1.a"),
    )
    assert "us-744-23-macau-d5-unknown" in ids(hits, 1)
    assert "us-744-23-macau-d5-unknown" not in ids(hits, 2)
    assert "us-744-23-macau-d5-unknown" not in ids(hits, 3)
    assert "us-744-23-macau-d5-denial" in ids(hits, 3)


def test_744_23_leaves_out_a_tool_shown_not_subject_to_the_ear() -> None:
    hits = run(dt.date(2025, 6, 1), _row(**FINFET, **JP_TOOL, **NOT_SUBJECT))
    assert not {i for i in ids(hits) if i.startswith("us-744-23")}


def test_744_23_fabs_of_other_owners_are_case_by_case() -> None:
    hits = run(dt.date(2025, 6, 1), _row(**FINFET, **JP_TOOL, customer_hq_country="KR"))
    assert "us-744-23-macau-d5-multinational" in ids(hits)
    assert outcome(hits, "us-744-23-macau-d5-multinational") == "case_by_case"
    assert "us-744-23-macau-d5-denial" not in ids(hits)


# --- 2. 744.6: Hong Kong, Macau, US persons ------------------------------------------------------


def test_744_6_treats_a_hong_kong_fab_as_china() -> None:
    hits = run(dt.date(2023, 6, 1), _row(**FINFET, fab_country="HK", customer_hq_country="HK"))
    assert "us-744-6-c2-prc-owned" in ids(hits)


def test_744_6_covers_macau_from_17_january_2023() -> None:
    macau = _row(**FINFET, fab_country="MO", customer_hq_country="MO", service_type="repair")
    assert "us-744-6-c2-macau-prc-owned" not in ids(run(dt.date(2023, 1, 16), macau))
    assert "us-744-6-c2-macau-prc-owned" in ids(run(dt.date(2023, 1, 17), macau))


@pytest.mark.parametrize(("us_person", "hit"), [(True, True), (None, True), (False, False)])
def test_744_6_applies_only_where_us_persons_take_part(us_person: bool | None, hit: bool) -> None:
    hits = run(dt.date(2025, 6, 1), _row(**FINFET, service_type="repair", us_person=us_person))
    assert ("us-744-6-c2-prc-owned" in ids(hits)) is hit


# --- 3. Entity List dates ----------------------------------------------------------------------


def test_a_party_is_restricted_from_its_own_listing_date() -> None:
    smic = listings_frame([listing(500, dt.date(2020, 12, 18), footnote="FN5")])
    before = run(dt.date(2020, 6, 1), _row(), listings=smic)
    assert "us-el-listed-party" not in ids(before)
    after = run(dt.date(2021, 6, 1), _row(), listings=smic)
    first = after.filter(pl.col("rule_id") == "us-el-listed-party")["first_affected"]
    assert first.to_list() == [dt.date(2020, 12, 18)]


def test_a_party_listed_in_2025_is_not_restricted_before() -> None:
    gmc = listings_frame(
        [listing(500, dt.date(2025, 9, 12), licence_policy="Presumption of denial")]
    )
    assert not ids(run(dt.date(2025, 6, 1), _row(), listings=gmc)) & {
        "us-el-listed-party",
        "us-el-policy-denial",
    }
    hits = run(dt.date(2025, 10, 1), _row(), listings=gmc)
    assert {"us-el-listed-party", "us-el-policy-denial"} <= ids(hits)
    assert set(hits["first_affected"].to_list()) >= {dt.date(2025, 9, 12)}


def test_a_listing_row_that_ended_does_not_count() -> None:
    """A row whose policy text was replaced (``until``) is read only by runs up to its end."""
    ended = listings_frame(
        [
            listing(
                500,
                dt.date(2022, 12, 15),
                until=dt.date(2024, 12, 1),
                licence_policy="Policy of denial",
            )
        ]
    )
    assert "us-el-policy-denial" in ids(run(dt.date(2024, 12, 1), _row(), listings=ended))
    assert not ids(run(dt.date(2024, 12, 2), _row(), listings=ended)) & {
        "us-el-listed-party",
        "us-el-policy-denial",
    }


def test_smic_policy_is_read_as_it_stood_on_the_day() -> None:
    """SMIC's rows: the 2020 policy (denial only for 10 nm and below) until 1 Dec 2024, today's
    text from 2 Dec 2024 (89 FR 96837). A run of 2023 reads the first, one of 2025 the second;
    the listing itself runs unbroken from 18 Dec 2020."""
    rows = listings_frame(
        [
            listing(
                500, dt.date(2020, 12, 18), until=dt.date(2024, 12, 1), licence_policy=SMIC_2020
            ),
            listing(500, dt.date(2024, 12, 2), footnote="FN5", licence_policy=SMIC_POLICY),
        ]
    )
    duv = _row(model_code="NXT:1980Di", class_us="3B993.f.1", wafer_size_mm=300)
    early = run(dt.date(2023, 6, 1), duv, listings=rows)
    assert {"us-el-listed-party", "us-el-policy-10nm-other"} <= ids(early)
    assert "presumption_of_denial" not in early["outcome"].to_list()
    late = run(dt.date(2025, 6, 1), duv, listings=rows)
    assert "us-el-policy-200mm-denial" in ids(late)
    assert "us-el-policy-10nm-other" not in ids(late)

    def first(hits: pl.DataFrame, rule_id: str) -> list[dt.date]:
        return hits.filter(pl.col("rule_id") == rule_id)["first_affected"].to_list()

    assert first(late, "us-el-listed-party") == [dt.date(2020, 12, 18)]
    assert first(late, "us-el-policy-200mm-denial") == [dt.date(2024, 12, 2)]


def test_an_undated_listing_counts_from_the_rule() -> None:
    undated = listings_frame([listing(500, None)])
    hits = run(dt.date(2021, 6, 1), _row(), listings=undated)
    first = hits.filter(pl.col("rule_id") == "us-el-listed-party")["first_affected"]
    assert first.to_list() == [dt.date(2020, 1, 1)]


# --- 4. Footnote 4: the row's policy -----------------------------------------------------------


def test_footnote_4_does_not_force_a_presumption_of_denial() -> None:
    fn4 = listings_frame(
        [listing(500, dt.date(2022, 10, 7), footnote="FN4", licence_policy="Case-by-case")]
    )
    hits = run(dt.date(2025, 6, 1), _row(), listings=fn4)
    assert outcome(hits, "us-el-fn4") == "licence_required"
    assert "presumption_of_denial" not in hits["outcome"].to_list()


@pytest.mark.parametrize(
    "policy", ["Presumption of denial", "Presumption for denial.", "Policy of denial"]
)
def test_the_row_policy_decides_denial(policy: str) -> None:
    fn4 = listings_frame(
        [listing(500, dt.date(2022, 10, 7), footnote="FN4", licence_policy=policy)]
    )
    assert "us-el-policy-denial" in ids(run(dt.date(2025, 6, 1), _row(), listings=fn4))


# --- 5. SMIC 200 mm carve-out ------------------------------------------------------------------


def _smic(wafer: int | None) -> pl.DataFrame:
    smic = listings_frame(
        [listing(501, dt.date(2020, 12, 18), footnote="FN5", licence_policy=SMIC_POLICY)]
    )
    return run(
        dt.date(2025, 6, 1),
        _row(parent_customer_id=501, wafer_size_mm=wafer, class_us="3B993.f.1"),
        listings=smic,
    )


def test_smic_200mm_fab_is_case_by_case() -> None:
    hits = _smic(200)
    assert outcome(hits, "us-el-policy-200mm") == "case_by_case"
    assert not {"us-el-policy-denial", "us-el-fn5-sme-items"} & ids(hits)


@pytest.mark.parametrize("wafer", [300, None])
def test_smic_other_fabs_are_denied(wafer: int | None) -> None:
    hits = _smic(wafer)
    assert {"us-el-policy-200mm-denial", "us-el-fn5-sme-items"} <= ids(hits)
    assert outcome(hits, "us-el-policy-200mm-denial") == "presumption_of_denial"
    assert "us-el-policy-200mm" not in ids(hits)


def test_a_parents_carve_out_does_not_excuse_a_subsidiarys_own_denial() -> None:
    """The policy is read row by row: the SMIC parent's 200 mm text leaves a subsidiary whose
    own row says "Presumption of denial" denied at a 200 mm fab."""
    rows = listings_frame(
        [
            listing(
                500, dt.date(2020, 12, 18), footnote="FN5", licence_policy="Presumption of denial"
            ),
            listing(501, dt.date(2020, 12, 18), footnote="FN5", licence_policy=SMIC_POLICY),
        ]
    )
    hits = run(
        dt.date(2025, 6, 1),
        _row(parent_customer_id=501, wafer_size_mm=200, class_us="EAR99"),
        listings=rows,
    )
    assert {"us-el-policy-denial", "us-el-policy-200mm"} <= ids(hits)
    assert "us-el-policy-200mm-denial" not in ids(hits)


def test_the_footnote_does_not_set_the_policy_of_a_footnote_5_row() -> None:
    """SMIC South's row is footnote 5 with the policy "See 744.11 and 744.23(d)": no rule may
    read a presumption of denial into it from the footnote."""
    south = listings_frame(
        [
            listing(
                500,
                dt.date(2020, 12, 18),
                footnote="FN5",
                licence_policy="See §§744.11 and 744.23(d) of the EAR.",
            )
        ]
    )
    hits = run(dt.date(2025, 6, 1), _row(class_us="3B993.f.1"), listings=south)
    assert {"us-el-listed-party", "us-fn5-entities"} <= ids(hits)
    assert "presumption_of_denial" not in hits["outcome"].to_list()


@pytest.mark.parametrize(
    ("tool", "denied"),
    [
        ({"model_code": "NXE:3600D", "category": "euv_litho", "class_us": "3B001.f.1.a"}, True),
        ({"model_code": "NXT:1980Di", "category": "duv_immersion", "class_us": "3B993.f.1"}, False),
    ],
)
def test_smic_2020_policy_denies_only_items_for_10_nm_and_below(
    tool: dict[str, Any], denied: bool
) -> None:
    """The SMIC rows of Dec 2020 (85 FR 83416): presumption of denial for items uniquely
    required for 10 nm and below, EUV named; case-by-case for all other items."""
    smic = listings_frame([listing(500, dt.date(2020, 12, 18), licence_policy=SMIC_2020)])
    hits = run(dt.date(2023, 6, 1), _row(**tool), listings=smic)
    assert ("us-el-policy-10nm-denial" in ids(hits)) is denied
    assert ("us-el-policy-10nm-other" in ids(hits)) is not denied
    assert "us-el-policy-denial" not in ids(hits)
    assert ("presumption_of_denial" in hits["outcome"].to_list()) is denied


def test_footnote_5_binds_from_its_compliance_date() -> None:
    hits = _smic(300).filter(pl.col("rule_id") == "us-fn5-entities")
    assert hits["first_affected"].to_list() == [dt.date(2024, 12, 31)]


# --- 6. Country groups over time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "day", "hit"),
    [
        ("KH", dt.date(2025, 6, 1), True),  # Cambodia in D:5 until 3 Feb 2026
        ("KH", dt.date(2026, 2, 3), False),
        ("NI", dt.date(2024, 3, 14), False),  # Nicaragua in D:5 from 15 Mar 2024
        ("NI", dt.date(2024, 3, 15), True),
    ],
)
def test_d5_is_read_as_of_the_evaluation_date(country: str, day: dt.date, hit: bool) -> None:
    hits = run(day, _row(**FINFET, **JP_TOOL, fab_country=country, customer_hq_country=country))
    assert ("us-744-23-macau-d5-denial" in ids(hits)) is hit


# --- 7. Non-US tools subject to the EAR --------------------------------------------------------

PSK = {"vendor": "PSK", "model_code": "SUPRA Vplus", "category": "clean", "class_us": "3B993"}
#: A foreign-made etcher of the SME FDP list (3B001.c), recorded as not US-origin.
FOREIGN_ETCH = {
    "vendor": "AMEC",
    "model_code": "Primo AD-RIE",
    "category": "etch_dielectric",
    "class_us": "3B001.c.1.a",
    "us_origin": False,
}


@pytest.mark.parametrize(("direct", "hit"), [(True, True), (False, False), (None, False)])
def test_sme_fdp_catches_a_non_us_direct_product(direct: bool | None, hit: bool) -> None:
    tool = {**FOREIGN_ETCH, "us_content_pct": 0.0, "us_direct_product": direct}
    hits = run(dt.date(2025, 6, 1), _row(**tool, fab_country="RU"))
    assert ("us-734-9-k-sme-fdp" in ids(hits)) is hit


def test_sme_fdp_does_not_reach_3b993_or_3b994() -> None:
    """734.9(k) names 3B001.a.4, c, d, f.1, f.5, f.6, k to n, p.2, p.4, r and 3B002.c only:
    a Korean 3B993 tool made with US technology is not subject to the EAR at a D:5 fab that
    neither is listed nor makes advanced-node ICs, whatever the 3B993 rule says."""
    for eccn in ("3B993", "3B994.q"):
        tool = {**PSK, "class_us": eccn, "us_origin": False, "us_content_pct": 0.0}
        hits = run(dt.date(2025, 6, 1), _row(**tool, us_direct_product=True, fab_country="RU"))
        assert not ids(hits) & {"us-734-9-k-sme-fdp", "us-3b993-3b994-macau-d5"}, eccn


@pytest.mark.parametrize(("content", "hit"), [(5.0, True), (0.0, False), (None, False)])
def test_no_de_minimis_for_sme_fdp_items_at_any_macau_or_d5_fab(
    content: float | None, hit: bool
) -> None:
    """734.4(a)(8): the SME FDP list with US-origin content has no de minimis for Macau or D:5,
    advanced-node or not (the default row is a 28 nm planar fab)."""
    tool = {**FOREIGN_ETCH, "us_content_pct": content, "us_direct_product": False}
    hits = run(dt.date(2025, 6, 1), _row(**tool, fab_country="MO"))
    assert ("us-734-4-sme-no-de-minimis" in ids(hits)) is hit


@pytest.mark.parametrize(
    ("fab", "content", "direct", "hit"),
    [
        (FINFET, 12.0, False, True),  # DUV immersion (3B993.f.1) with US content
        (FINFET, 0.0, True, True),  # a US direct product
        (FINFET, 0.0, False, False),
        ({}, 12.0, True, False),  # not an advanced-node fab
    ],
)
def test_footnote_5_fdp_reading_for_advanced_node_fabs(
    fab: dict[str, Any], content: float, direct: bool, hit: bool
) -> None:
    tool = {"us_origin": False, "us_content_pct": content, "us_direct_product": direct}
    hits = run(dt.date(2025, 6, 1), _row(**fab, **tool, fab_country="MO"))
    assert ("us-734-9-e3-advanced-node-facility" in ids(hits)) is hit
    assert "us-734-4-sme-no-de-minimis" not in ids(hits)  # 3B993 is not on the SME FDP list


@pytest.mark.parametrize(("content", "hit"), [(12.0, False), (30.0, True), (None, True)])
def test_de_minimis_decides_whether_a_non_us_tool_is_caught(
    content: float | None, hit: bool
) -> None:
    tool = {"us_origin": False, "us_content_pct": content, "us_direct_product": False}
    hits = run(dt.date(2025, 6, 1), _row(**tool, fab_country="MO"))
    assert ("us-3b993-3b994-macau-d5" in ids(hits)) is hit


def test_us_origin_tools_are_always_subject() -> None:
    tool = {"us_origin": True, "us_content_pct": None, "us_direct_product": None}
    assert "us-3b993-3b994-macau-d5" in ids(
        run(dt.date(2025, 6, 1), _row(**tool, fab_country="MO"))
    )


# --- 8. Proposals and their dates --------------------------------------------------------------


def test_reported_restrictions_without_text_are_rumoured() -> None:
    pack = BOOK.pack("proposals-2024-03")
    assert {r.status.value for r in pack.rules} == {"rumoured"}
    assert all(r.effective is None for r in pack.rules)


@pytest.mark.parametrize(
    ("model", "shipped", "hit"),
    [
        ("NXT:2000i", dt.date(2023, 8, 31), True),
        ("NXT:2000i", dt.date(2023, 10, 1), False),
        ("NXT:2050i", dt.date(2023, 10, 1), True),  # shipped under a 2023 licence
        ("NXT:2100i", dt.date(2024, 1, 1), False),
    ],
)
def test_servicing_ban_cut_off_is_per_model(model: str, shipped: dt.date, hit: bool) -> None:
    hits = run(
        dt.date(2025, 6, 1),
        _row(model_code=model, ship_date=shipped, service_type="repair"),
        rules=["proposal-2024-servicing-ban-nl"],
    )
    assert bool(hits.height) is hit


def test_1980i_parts_and_software_are_law_and_servicing_is_rumoured() -> None:
    day = dt.date(2025, 6, 1)
    rules = ["proposal-2024-servicing-ban-nl-1970i-1980i", "nl-2024-1970i-1980i-china"]
    shipped = dt.date(2024, 9, 1)
    hits = run(
        day,
        _row(model_code="NXT:1980Di", ship_date=shipped, service_type="spare_parts"),
        _row(model_code="NXT:1980Di", ship_date=shipped, service_type="repair"),
        rules=rules,
    )
    assert ids(hits, 1) == {"nl-2024-1970i-1980i-china"}
    assert ids(hits, 2) == {"proposal-2024-servicing-ban-nl-1970i-1980i"}
    assert BOOK.find("nl-2024-1970i-1980i-china")[1].status.value == "in_force"


def test_dutch_revocation_of_january_2024_is_recorded() -> None:
    _pack, rule = BOOK.find("nl-2024-01-2050i-2100i-china")
    assert rule.effective == dt.date(2024, 1, 1) and rule.activities == ["new_tool_shipment"]
    assert not rule.exceptions.licences_on_file


def test_september_2024_rule_honours_iec() -> None:
    iec = licences_frame(
        [
            {
                "licence_id": 1,
                "jurisdiction": "US",
                "number": "IEC",
                "valid_from": dt.date(2024, 9, 6),
            }
        ]
    )
    tool = {
        "class_us": "3B903",
        "us_origin": True,
        "fab_country": "KR",
        "customer_hq_country": "KR",
    }
    hits = run(dt.date(2025, 6, 1), _row(**tool), licences=iec)
    found = hits.filter(pl.col("rule_id") == "us-2024-09-3b903-worldwide")
    assert found["final_outcome"].to_list() == ["licensed"]
    assert not ids(run(dt.date(2024, 9, 5), _row(**tool))) & {"us-2024-09-3b903-worldwide"}


# --- 9. Dated definitions ----------------------------------------------------------------------


def test_advanced_node_definitions_are_dated_data() -> None:
    assert node_definition(dt.date(2023, 1, 1)).version == dt.date(2022, 10, 7)
    assert node_definition(dt.date(2024, 1, 1)).version == dt.date(2023, 11, 17)
    early = node_definition(dt.date(2020, 1, 1))
    assert not early.exact and early.version == dt.date(2022, 10, 7)


def test_evaluation_uses_the_definition_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(definitions._path().read_text(encoding="utf-8"))
    later = {**data["versions"][-1], "from": "2025-01-01", "logic_node_nm": 28}
    data["versions"].append(later)
    path = tmp_path / "advanced_node_definitions.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(definitions, "_path", lambda: path)
    fab = _row(process_type="foundry", logic_node_nm=22.0, architecture="planar", **JP_TOOL)
    assert "us-744-23-macau-d5-denial" not in ids(run(dt.date(2024, 12, 31), fab))
    assert "us-744-23-macau-d5-denial" in ids(run(dt.date(2025, 1, 1), fab))


# --- 10. Japan 2025 ----------------------------------------------------------------------------


def test_meti_end_user_list_binds_from_9_october_2025() -> None:
    eul = listings_frame(
        [{"customer_id": 500, "list_code": "meti_end_user_list", "since": dt.date(2025, 9, 29)}]
    )
    tool = _row(**JP_TOOL, fab_country="HK", customer_hq_country="HK")
    assert "jp-2025-end-user-list" not in ids(run(dt.date(2025, 10, 8), tool, listings=eul))
    assert "jp-2025-end-user-list" in ids(run(dt.date(2025, 10, 9), tool, listings=eul))


@pytest.mark.parametrize(("eccn", "denied"), [("3B993.f.1", True), ("3B991", False), (None, False)])
def test_a_row_denying_only_listed_sme_is_case_by_case_for_other_items(
    eccn: str | None, denied: bool
) -> None:
    sway = listings_frame(
        [
            listing(
                500,
                dt.date(2024, 12, 2),
                footnote="FN5",
                licence_policy="Presumption of denial except case-by-case for items not described"
                " in ECCN 3B001.a.4, .c, .d, f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994",
            )
        ]
    )
    hits = run(dt.date(2025, 6, 1), _row(class_us=eccn), listings=sway)
    assert ("us-el-policy-except-sme-denial" in ids(hits)) is denied
    assert ("us-el-policy-except-sme" in ids(hits)) is not denied
    assert "us-el-policy-denial" not in ids(hits)
    assert ("presumption_of_denial" in hits["outcome"].to_list()) is denied
