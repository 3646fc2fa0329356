"""The advanced-node test of 87 FR 62186 (7 Oct 2022), as a pure function.

A fab is advanced-node when it makes logic with a non-planar transistor architecture or at
16/14 nm or below, DRAM at 18 nm half-pitch or below, or NAND with 128 layers or more. When the
facts needed to decide are missing the answer is ``None`` (unknown): the rules treat unknown
technology as a fact of its own, so it must never be collapsed into ``False``.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.enums import Architecture, ProcessType

LOGIC_NODE_LIMIT_NM = 16.0
DRAM_HALF_PITCH_LIMIT_NM = 18.0
NAND_LAYER_LIMIT = 128


@dataclass(frozen=True, slots=True)
class NodeLimits:
    """The thresholds of one version of the advanced-node definition.

    Later rules restated the criteria (88 FR 73424 moved them to 15 CFR 772.1), so the rules
    layer keeps dated versions as data (``resources/reference/advanced_node_definitions.json``)
    and passes the one in force; the defaults are the 87 FR 62186 values.
    """

    logic_node_nm: float = LOGIC_NODE_LIMIT_NM
    non_planar: bool = True
    dram_half_pitch_nm: float = DRAM_HALF_PITCH_LIMIT_NM
    nand_layers: int = NAND_LAYER_LIMIT


OCT_2022_LIMITS = NodeLimits()


def advanced_node(
    process_type: ProcessType | None,
    logic_node_nm: float | None = None,
    architecture: Architecture | None = None,
    dram_half_pitch_nm: float | None = None,
    nand_layers: int | None = None,
    limits: NodeLimits = OCT_2022_LIMITS,
) -> bool | None:
    """Return True / False / None (unknown) for the advanced-node test with ``limits``
    (by default the 87 FR 62186 one)."""
    if process_type is None:
        return None
    if process_type in (ProcessType.LOGIC, ProcessType.FOUNDRY):
        if limits.non_planar and architecture in (Architecture.FINFET, Architecture.GAA):
            return True
        if logic_node_nm is not None:
            return logic_node_nm <= limits.logic_node_nm
        return None
    if process_type is ProcessType.DRAM:
        if dram_half_pitch_nm is None:
            return None
        return dram_half_pitch_nm <= limits.dram_half_pitch_nm
    if process_type is ProcessType.NAND:
        if nand_layers is None:
            return None
        return nand_layers >= limits.nand_layers
    return False


def describe_technology(
    process_type: ProcessType | None,
    logic_node_nm: float | None = None,
    architecture: Architecture | None = None,
    dram_half_pitch_nm: float | None = None,
    nand_layers: int | None = None,
) -> str:
    """A short human description such as '14 nm logic, FinFET' or 'DRAM, unknown half-pitch'."""
    if process_type is None:
        return "unknown technology"
    if process_type in (ProcessType.LOGIC, ProcessType.FOUNDRY):
        node = f"{logic_node_nm:g} nm" if logic_node_nm is not None else "unknown node"
        arch = (
            {
                Architecture.PLANAR: ", planar",
                Architecture.FINFET: ", FinFET",
                Architecture.GAA: ", GAA",
            }.get(architecture, "")
            if architecture
            else ""
        )
        return f"{node} {process_type.value}{arch}"
    if process_type is ProcessType.DRAM:
        hp = (
            f"{dram_half_pitch_nm:g} nm half-pitch"
            if dram_half_pitch_nm is not None
            else "unknown half-pitch"
        )
        return f"DRAM, {hp}"
    if process_type is ProcessType.NAND:
        layers = f"{nand_layers} layers" if nand_layers is not None else "unknown layer count"
        return f"NAND, {layers}"
    return "other (not front-end IC production)"
