"""The committed JSON Schemas equal what the pydantic models generate."""

from __future__ import annotations

import json

import pytest

from workbench.paths import resource
from workbench.rules.schema import SCHEMA_FILES, render


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(name: str) -> None:
    committed = resource("schema", name).read_text(encoding="utf-8")
    assert committed == render(name), "run: python -m workbench.rules.schema"


def test_schema_names_every_predicate_kind() -> None:
    from workbench.rules.model import PREDICATE_KINDS

    text = json.dumps(json.loads(render("rule-pack.schema.json")))
    for kind in PREDICATE_KINDS:
        assert f'"const": "{kind}"' in text
