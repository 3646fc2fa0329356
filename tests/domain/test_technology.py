"""The 87 FR 62186 advanced-node thresholds, at and around each boundary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.entities import Fab
from workbench.domain.enums import Architecture, ProcessType
from workbench.domain.technology import advanced_node, describe_technology


@pytest.mark.parametrize(
    ("process", "node", "arch", "hp", "layers", "expected"),
    [
        (ProcessType.LOGIC, 16, Architecture.PLANAR, None, None, True),
        (ProcessType.LOGIC, 16.1, Architecture.PLANAR, None, None, False),
        (ProcessType.FOUNDRY, 14, None, None, None, True),
        (ProcessType.FOUNDRY, 28, Architecture.PLANAR, None, None, False),
        (ProcessType.FOUNDRY, 28, Architecture.FINFET, None, None, True),
        (ProcessType.LOGIC, None, Architecture.GAA, None, None, True),
        (ProcessType.LOGIC, None, Architecture.PLANAR, None, None, None),
        (ProcessType.LOGIC, None, None, None, None, None),
        (ProcessType.DRAM, None, None, 18, None, True),
        (ProcessType.DRAM, None, None, 18.5, None, False),
        (ProcessType.DRAM, None, None, None, None, None),
        (ProcessType.NAND, None, None, None, 128, True),
        (ProcessType.NAND, None, None, None, 127, False),
        (ProcessType.NAND, None, None, None, None, None),
        (ProcessType.OTHER, 90, None, None, None, False),
        (None, 7, Architecture.FINFET, None, None, None),
    ],
)
def test_thresholds(
    process: ProcessType | None,
    node: float | None,
    arch: Architecture | None,
    hp: float | None,
    layers: int | None,
    expected: bool | None,
) -> None:
    assert advanced_node(process, node, arch, hp, layers) is expected


@given(st.floats(min_value=1, max_value=500, allow_nan=False))
def test_logic_node_monotone(node: float) -> None:
    result = advanced_node(ProcessType.LOGIC, node, Architecture.PLANAR)
    assert result is (node <= 16)


def test_unknown_is_not_collapsed_into_false() -> None:
    fab = Fab(
        id=None, site_code="X", name="X", customer_id=1, country="CN", process_type=ProcessType.DRAM
    )
    assert fab.advanced_node is None
    assert "unknown half-pitch" in fab.technology


def test_descriptions_read_naturally() -> None:
    assert describe_technology(ProcessType.FOUNDRY, 14, Architecture.FINFET) == (
        "14 nm foundry, FinFET"
    )
    assert describe_technology(ProcessType.NAND, nand_layers=232) == "NAND, 232 layers"
    assert describe_technology(None) == "unknown technology"
