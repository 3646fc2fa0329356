"""Validation reports every error of a broken pack with its YAML line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.rules.packs import PackError, load_pack
from workbench.rules.validation import validate_pack

BROKEN = """\
pack: broken
title: A broken pack
version: 1
model_sets:
  known: {models: [{vendor: ASML, model_code: "NXT:2000i"}]}
rules:
  - id: r1
    version: 1
    title: First
    jurisdiction: US
    status: in_force
    citation: c
    source_url: https://example.invalid/
    published: 2024-02-01
    effective: 2024-01-01
    scope:
      all:
        - {kind: country_group, in: ["D:9"]}
        - {kind: model_set, set: unknown_set}
        - {kind: country, in: [NO, CN]}
    activities: [PM, spare_parts]
    outcome: prohibited
  - id: r1
    version: 1
    title: Second
    jurisdiction: US
    status: proposed
    citation: c
    source_url: https://example.invalid/
    scope: {kind: threshold, field: overlay_nm, op: "=<", value: 1.5}
    activities: [repair]
    outcome: banned
    colour: red
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_errors_carry_line_and_column(tmp_path: Path) -> None:
    messages = validate_pack(_write(tmp_path, BROKEN))
    found = {(m.line, m.column, m.severity): m.message for m in messages}
    # Every error is reported in one pass, each where it is.
    assert "YAML reads bare yes/no" in found[(20, 32, "error")]  # NO parsed as False
    assert found[(21, 18, "error")].startswith("unknown service type 'PM'")
    assert "'<', '<='" in found[(30, 53, "error")]
    assert "'prohibited'" in found[(32, 14, "error")]
    assert found[(33, 13, "error")] == "unknown field 'colour'"
    assert len(messages) == 5
    assert all(m.file == "pack.yaml" for m in messages)


def test_semantic_errors_carry_line_and_column(tmp_path: Path) -> None:
    fixed = BROKEN.replace("[NO, CN]", '["NO", CN]').replace("PM, ", "").replace('"=<"', '"<="')
    fixed = fixed.replace("outcome: banned\n    colour: red\n", "outcome: notify\n")
    messages = validate_pack(_write(tmp_path, fixed))
    text = [(m.line, m.severity, m.message) for m in messages]
    assert any(
        line == 15 and sev == "warning" and "before the published date" in msg
        for line, sev, msg in text
    )
    assert (7, "warning", "rule lists no facts with their confidence") in text
    assert any(line == 18 and "unknown country group 'D:9'" in msg for line, _, msg in text)
    assert any(line == 19 and "unknown model set 'unknown_set'" in msg for line, _, msg in text)
    assert any(line == 23 and "duplicate rule id 'r1'" in msg for line, _, msg in text)
    with pytest.raises(PackError) as err:
        load_pack(_write(tmp_path, fixed))
    assert "pack.yaml:18:" in str(err.value)


def test_yaml_syntax_error_has_a_position(tmp_path: Path) -> None:
    messages = validate_pack(_write(tmp_path, "pack: x\nrules: [\n  - a\n"))
    assert len(messages) == 1
    assert messages[0].message.startswith("YAML:")
    assert messages[0].line >= 2


def test_duplicate_yaml_keys_are_errors(tmp_path: Path) -> None:
    messages = validate_pack(_write(tmp_path, "pack: x\npack: y\n"))
    assert any(m.line == 2 and "duplicate key 'pack'" in m.message for m in messages)


def test_unknown_scope_node_is_named(tmp_path: Path) -> None:
    text = BROKEN.replace("{kind: model_set, set: unknown_set}", "{kind: colour}")
    messages = validate_pack(_write(tmp_path, text))
    assert any(m.line == 19 and "scope node" in m.message for m in messages)


def test_us_rule_naming_china_without_hong_kong_is_warned(tmp_path: Path) -> None:
    fixed = BROKEN.replace("[NO, CN]", '["NO", CN]').replace("PM, ", "").replace('"=<"', '"<="')
    fixed = fixed.replace("outcome: banned\n    colour: red\n", "outcome: notify\n")
    text = [(m.line, m.severity, m.message) for m in validate_pack(_write(tmp_path, fixed))]
    assert any(line == 20 and sev == "warning" and "Hong Kong" in msg for line, sev, msg in text)
    with_hk = fixed.replace('["NO", CN]', '["NO", CN, HK]')
    text = [m.message for m in validate_pack(_write(tmp_path, with_hk))]
    assert not any("Hong Kong" in msg for msg in text)


def test_superseded_before_effective_is_an_error(tmp_path: Path) -> None:
    fixed = BROKEN.replace("[NO, CN]", '["NO", CN, HK]').replace("PM, ", "").replace('"=<"', '"<="')
    fixed = fixed.replace("outcome: banned\n    colour: red\n", "outcome: notify\n")
    fixed = fixed.replace(
        "    effective: 2024-01-01\n", "    effective: 2024-01-01\n    superseded: 2023-12-31\n"
    )
    messages = validate_pack(_write(tmp_path, fixed))
    assert any(m.severity == "error" and "superseded on 2023-12-31" in m.message for m in messages)
