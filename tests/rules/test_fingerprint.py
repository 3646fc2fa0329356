"""Fingerprints change with the content and nothing else."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from workbench.rules.facts import licences_frame, listings_frame
from workbench.rules.fingerprint import SCHEMES, data_fingerprint, rules_fingerprint

from .factories import active, facts, row, rule

CN = {"kind": "country", "in": ["CN"]}
#: Scheme 1 of the two-row frame below, computed with main's code before scheme 2 existed
#: (after the facts added for issue 20, which themselves changed scheme 1's input).
PINNED_SCHEME_1 = "396026b9118274d1d6a5409e8c86cd57f30db14ec6d22c1709a9cca7db37382c"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_data_fingerprint_ignores_row_order_but_not_values(scheme: int) -> None:
    frame = facts(row(), row(obligation_id=2, serial="00124"))
    lic = licences_frame(
        [
            {
                "licence_id": 1,
                "jurisdiction": "US",
                "number": "D1",
                "valid_from": dt.date(2024, 1, 1),
                "service_types": ["repair", "spare_parts"],
            }
        ]
    )
    base = data_fingerprint(frame, listings_frame(), lic, scheme)
    assert len(base) == 64
    assert data_fingerprint(frame.reverse(), listings_frame(), lic, scheme) == base
    changed = facts(row(), row(obligation_id=2, serial="0124"))
    assert data_fingerprint(changed, listings_frame(), lic, scheme) != base
    assert data_fingerprint(frame, listings_frame(), licences_frame(), scheme) != base


def test_column_fingerprint_tells_text_boundaries_nulls_and_types_apart() -> None:
    """Moving a character across a text boundary, or null for a zero, changes the hash."""
    two = facts(row(fab_name="ab", customer_name="c"), row(obligation_id=2))
    moved = facts(row(fab_name="a", customer_name="bc"), row(obligation_id=2))
    empty = licences_frame()
    assert data_fingerprint(two, listings_frame(), empty) != data_fingerprint(
        moved, listings_frame(), empty
    )
    zero = facts(row(nand_layers=0), row(obligation_id=2))
    unknown = facts(row(nand_layers=None), row(obligation_id=2))
    assert data_fingerprint(zero, listings_frame(), empty) != data_fingerprint(
        unknown, listings_frame(), empty
    )


def test_column_fingerprint_is_the_same_for_text_and_categorical_facts() -> None:
    frame = facts(row(), row(obligation_id=2, serial="00124"))
    as_text = frame.with_columns(pl.col(pl.Categorical).cast(pl.String))
    assert data_fingerprint(as_text, listings_frame(), licences_frame()) == data_fingerprint(
        frame, listings_frame(), licences_frame()
    )


def test_scheme_one_still_reproduces_fingerprints_of_runs_stored_before_scheme_two() -> None:
    """Hash pinned when scheme 1 was current: old runs keep verifying after the upgrade."""
    frame = facts(row(), row(obligation_id=2, serial="00124"))
    pinned = data_fingerprint(frame, listings_frame(), licences_frame(), 1)
    assert pinned == PINNED_SCHEME_1


def test_rules_fingerprint_tracks_content_and_effective_date() -> None:
    r1, r2 = active(rule(CN)), active(rule(CN, id="r2"))
    assert rules_fingerprint([r1, r2]) == rules_fingerprint([r2, r1])
    assert rules_fingerprint([r1]) != rules_fingerprint([active(rule(CN, version=2))])
    moved = active(rule(CN, effective=dt.date(2024, 6, 2)))
    assert rules_fingerprint([r1]) != rules_fingerprint([moved])


#: Both schemes of the frames below, computed with the code before licences gained model and
#: classification scope: a book that uses neither keeps its runs' fingerprints.
PINNED_WITH_LICENCE = {
    2: "789a858095be8849a999114dbaa3dc41e9d3135e38add92f4d6e4af75997ac42",
    1: "bb1144126f8514cef2d07d7538857c2231d1a4977b20694f25bf8e4bc6edf2fd",
}


def _one_licence(**extra: object) -> pl.DataFrame:
    return licences_frame(
        [
            {
                "licence_id": 1,
                "jurisdiction": "US",
                "number": "D1",
                "valid_from": dt.date(2024, 1, 1),
                "customer_id": 500,
                "service_types": ["repair"],
                **extra,
            }
        ]
    )


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_licences_are_part_of_the_fingerprint_and_old_books_keep_theirs(scheme: int) -> None:
    frame = facts(row(), row(obligation_id=2, serial="00124"))
    base = data_fingerprint(frame, listings_frame(), _one_licence(), scheme)
    assert base == PINNED_WITH_LICENCE[scheme]
    renewed = _one_licence(valid_to=dt.date(2026, 12, 31))
    assert data_fingerprint(frame, listings_frame(), renewed, scheme) != base
    by_model = _one_licence(model_codes=["NXT*"])
    by_class = _one_licence(classifications=["NXT*"])
    hashes = {data_fingerprint(frame, listings_frame(), f, scheme) for f in (by_model, by_class)}
    assert len(hashes) == 2 and base not in hashes


def test_a_licence_of_several_rows_hashes_the_same_in_any_row_order() -> None:
    rows = [
        {"licence_id": 1, "jurisdiction": "NL", "number": "N1", "valid_from": dt.date(2024, 1, 1)}
        | {"fab_id": fab}
        for fab in (7, 8, 9)
    ]
    frame = facts(row())
    forward = data_fingerprint(frame, listings_frame(), licences_frame(rows))
    assert forward == data_fingerprint(frame, listings_frame(), licences_frame(rows[::-1]))


def test_a_listing_end_is_part_of_the_fingerprint_and_old_books_keep_theirs() -> None:
    """Listings gained ``until``: a book none of whose rows has one keeps its runs' hashes
    (pinned above), and ending a row changes the hash."""
    frame = facts(row(), row(obligation_id=2, serial="00124"))
    base = {"customer_id": 501, "list_code": "entity_list", "since": dt.date(2020, 12, 18)}
    for scheme in (1, 2):
        current = data_fingerprint(frame, listings_frame([base]), _one_licence(), scheme)
        without = data_fingerprint(
            frame, listings_frame([base]).drop("until"), _one_licence(), scheme
        )
        ended = listings_frame([{**base, "until": dt.date(2024, 12, 1)}])
        assert current == without
        assert data_fingerprint(frame, ended, _one_licence(), scheme) != current
