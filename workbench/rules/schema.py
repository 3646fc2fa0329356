"""The published JSON Schemas of rule packs and scenarios, generated from the pydantic models.

Editors (VS Code's YAML extension, the app's rule editor) validate against the committed
files; a test keeps them equal to what the models generate, so the two never drift. Run
``python -m workbench.rules.schema`` after changing the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.paths import resource
from workbench.rules.model import RulePack, Scenario

SCHEMA_FILES: dict[str, type[RulePack] | type[Scenario]] = {
    "rule-pack.schema.json": RulePack,
    "scenario.schema.json": Scenario,
}
_BASE_ID = "https://compliance-workbench.invalid/schema/"


def json_schema(model: type[RulePack] | type[Scenario], filename: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _BASE_ID + filename,
        **schema,
    }


def render(filename: str) -> str:
    """The exact text committed under ``resources/schema/``."""
    return (
        json.dumps(json_schema(SCHEMA_FILES[filename], filename), indent=2, ensure_ascii=False)
        + "\n"
    )


def write_schemas(directory: Path | None = None) -> list[Path]:
    folder = directory or resource("schema")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in SCHEMA_FILES:
        path = folder / name
        path.write_text(render(name), encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for written in write_schemas():
        print(written.name)
