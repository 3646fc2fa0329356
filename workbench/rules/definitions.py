"""Dated definitions the rules test: which "advanced-node" thresholds apply on a date.

The thresholds were constants in code, but later rules restated the criteria (88 FR 73424
moved the definition to 15 CFR 772.1 and recast the DRAM test), so a back-dated run must use
the text in force on its date. Versions are data in ``resources/reference/
advanced_node_definitions.json``; adding one is editing that file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workbench.domain.technology import NodeLimits
from workbench.paths import resource


@dataclass(frozen=True, slots=True)
class NodeDefinition:
    """One version: in force from ``version`` until the next; ``exact`` False when the date
    predates every version and the earliest stands in."""

    version: dt.date
    limits: NodeLimits
    citation: str
    exact: bool = True

    def describe(self) -> str:
        return f"advanced-node definition of {self.version.isoformat()}"


def _path() -> Path:
    return resource("reference", "advanced_node_definitions.json")


@cache
def _versions(path: Path) -> tuple[NodeDefinition, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = [
        NodeDefinition(
            version=dt.date.fromisoformat(v["from"]),
            limits=NodeLimits(
                logic_node_nm=float(v["logic_node_nm"]),
                non_planar=bool(v["non_planar"]),
                dram_half_pitch_nm=float(v["dram_half_pitch_nm"]),
                nand_layers=int(v["nand_layers"]),
            ),
            citation=str(v["citation"]),
        )
        for v in data["versions"]
    ]
    if not out:
        raise ValueError(f"{path.name} has no versions")
    return tuple(sorted(out, key=lambda d: d.version))


def node_definition(as_of: dt.date, path: Path | None = None) -> NodeDefinition:
    """The version in force on ``as_of``: the latest one dated on or before it."""
    versions = _versions(path or _path())
    earlier = [v for v in versions if v.version <= as_of]
    if earlier:
        return earlier[-1]
    first = versions[0]
    return NodeDefinition(first.version, first.limits, first.citation, exact=False)
