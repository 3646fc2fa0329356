"""Fingerprints change with the content and nothing else."""

from __future__ import annotations

import datetime as dt

from workbench.rules.facts import licences_frame, listings_frame
from workbench.rules.fingerprint import data_fingerprint, rules_fingerprint

from .factories import active, facts, row, rule

CN = {"kind": "country", "in": ["CN"]}


def test_data_fingerprint_ignores_row_order_but_not_values() -> None:
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
    base = data_fingerprint(frame, listings_frame(), lic)
    assert len(base) == 64
    assert data_fingerprint(frame.reverse(), listings_frame(), lic) == base
    changed = facts(row(), row(obligation_id=2, serial="0124"))
    assert data_fingerprint(changed, listings_frame(), lic) != base
    assert data_fingerprint(frame, listings_frame(), licences_frame()) != base


def test_rules_fingerprint_tracks_content_and_effective_date() -> None:
    r1, r2 = active(rule(CN)), active(rule(CN, id="r2"))
    assert rules_fingerprint([r1, r2]) == rules_fingerprint([r2, r1])
    assert rules_fingerprint([r1]) != rules_fingerprint([active(rule(CN, version=2))])
    moved = active(rule(CN, effective=dt.date(2024, 6, 2)))
    assert rules_fingerprint([r1]) != rules_fingerprint([moved])
