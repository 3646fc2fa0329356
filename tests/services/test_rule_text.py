"""The sentences of the predicates the packs added for issue 20."""

from __future__ import annotations

from pydantic import TypeAdapter

from workbench.rules.model import Scope
from workbench.services.rule_text import describe_predicate

_SCOPE: TypeAdapter[Scope] = TypeAdapter(Scope)


def _say(node: dict[str, object]) -> str:
    return describe_predicate(_SCOPE.validate_python(node))


def test_new_predicates_read_as_sentences() -> None:
    assert _say({"kind": "flag", "field": "us_person", "unknown_counts": True}) == (
        "US persons take part in the service (unknown counts as a match)"
    )
    assert _say({"kind": "subject_to_ear", "de_minimis_pct": 0, "direct_product": True}) == (
        "The model is subject to the EAR: US-origin, any US-origin content, or a US direct"
        " product (unknown counts as a match)"
    )
    assert _say({"kind": "subject_to_ear", "unknown_counts": False}) == (
        "The model is subject to the EAR: US-origin, more than 25 % US-origin content"
    )
    assert _say({"kind": "classification", "regime": "US", "in": ["3B"], "match": "starts"}) == (
        "US classification in product group 3B"
    )
    assert _say({"kind": "threshold", "field": "wafer_size_mm", "op": "<=", "value": 200}) == (
        "Fab wafer size ≤ 200 mm"
    )
