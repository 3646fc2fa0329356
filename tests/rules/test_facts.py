"""The facts frame contract the storage layer builds against."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.rules.compiled import evaluate
from workbench.rules.facts import (
    FACTS_SCHEMA,
    FactsError,
    facts_frame,
    licences_frame,
    listings_frame,
)

from .factories import active, facts, row, rule


def test_builders_fill_missing_columns_with_null() -> None:
    frame = facts_frame([{"obligation_id": 1}])
    assert frame.schema == FACTS_SCHEMA
    assert frame["serial"][0] is None
    assert licences_frame([{"licence_id": 1}])["service_types"][0].to_list() == []


def test_unknown_column_is_refused() -> None:
    with pytest.raises(FactsError, match="colour"):
        facts_frame([{"obligation_id": 1, "colour": "red"}])


def test_evaluators_refuse_bad_frames() -> None:
    r = [active(rule({"kind": "country", "in": ["CN"]}))]
    with pytest.raises(FactsError, match="duplicate obligation_id"):
        evaluate(facts(row(), row()), listings_frame(), licences_frame(), r, dt.date(2025, 1, 1))
    with pytest.raises(FactsError, match="nulls in required"):
        evaluate(
            facts(row(serial=None)), listings_frame(), licences_frame(), r, dt.date(2025, 1, 1)
        )
    with pytest.raises(FactsError, match="lack column"):
        evaluate(
            facts(row()).drop("serial"), listings_frame(), licences_frame(), r, dt.date(2025, 1, 1)
        )
