"""Fab technology text to the facts the advanced-node test reads.

Exports describe a fab's technology in a single free-text column: "14nm FinFET", "N14",
"28 nm", "16/14nm", "1-beta DRAM", "D1z", "232L", "128-layer 3D NAND", "GAA". This module
turns that into process type, logic node, architecture, DRAM half-pitch and NAND layer count.

DRAM generations are marketed by name, not by half-pitch. The table below holds the commonly
published approximations; they are APPROXIMATIONS, not vendor data, and each use is reported as
a warning so the analyst can replace it with a measured value. The smaller end of each range is
taken, because for export-control screening an over-inclusive "advanced" is the safer error.
When a logic node is written as a pair ("16/14nm") the smaller number is taken for the same
reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from workbench.domain.enums import Architecture, ProcessType
from workbench.importers.cells import CellValue, display
from workbench.importers.outcome import BLANK, Outcome, fail, warn


@dataclass(frozen=True, slots=True)
class DramGeneration:
    name: str
    half_pitch_nm: float  # the value used
    published_range: str  # the published approximation it comes from


#: Published approximations of DRAM generation half-pitch (industry press, analyst reports).
DRAM_GENERATIONS: dict[str, DramGeneration] = {
    "1x": DramGeneration("1x", 18.0, "about 18-19 nm"),
    "1y": DramGeneration("1y", 17.0, "about 17-18 nm"),
    "1z": DramGeneration("1z", 15.0, "about 15-16 nm"),
    "1a": DramGeneration("1-alpha", 14.0, "about 14-15 nm"),
    "1b": DramGeneration("1-beta", 12.0, "about 12-13 nm"),
    "1c": DramGeneration("1-gamma", 11.0, "about 11-12 nm"),
}
_DRAM_ALIASES = {
    "1x": "1x",
    "1y": "1y",
    "1z": "1z",
    "1a": "1a",
    "1α": "1a",
    "1alpha": "1a",
    "1-alpha": "1a",
    "1b": "1b",
    "1β": "1b",
    "1beta": "1b",
    "1-beta": "1b",
    "1c": "1c",
    "1γ": "1c",
    "1gamma": "1c",
    "1-gamma": "1c",
}


@dataclass(frozen=True, slots=True)
class TechnologyFacts:
    process_type: ProcessType | None = None
    logic_node_nm: float | None = None
    architecture: Architecture | None = None
    dram_half_pitch_nm: float | None = None
    nand_layers: int | None = None
    wafer_size_mm: int | None = None


_PROCESS_WORDS: dict[str, ProcessType] = {
    "dram": ProcessType.DRAM,
    "ddr": ProcessType.DRAM,
    "lpddr": ProcessType.DRAM,
    "nand": ProcessType.NAND,
    "3dnand": ProcessType.NAND,
    "3d-nand": ProcessType.NAND,
    "vnand": ProcessType.NAND,
    "v-nand": ProcessType.NAND,
    "flash": ProcessType.NAND,
    "logic": ProcessType.LOGIC,
    "cpu": ProcessType.LOGIC,
    "soc": ProcessType.LOGIC,
    "foundry": ProcessType.FOUNDRY,
    "other": ProcessType.OTHER,
    "analog": ProcessType.OTHER,
    "power": ProcessType.OTHER,
    "mems": ProcessType.OTHER,
    "sensor": ProcessType.OTHER,
    "ロジック": ProcessType.LOGIC,
    "逻辑": ProcessType.LOGIC,
    "邏輯": ProcessType.LOGIC,
    "로직": ProcessType.LOGIC,
    "ファウンドリ": ProcessType.FOUNDRY,
    "代工": ProcessType.FOUNDRY,
    "晶圆代工": ProcessType.FOUNDRY,
    "파운드리": ProcessType.FOUNDRY,
    "logica": ProcessType.LOGIC,
    "logik": ProcessType.LOGIC,
    "メモリ": ProcessType.OTHER,
}
_ARCH_WORDS: dict[str, Architecture] = {
    "finfet": Architecture.FINFET,
    "ff": Architecture.FINFET,
    "trigate": Architecture.FINFET,
    "tri-gate": Architecture.FINFET,
    "gaa": Architecture.GAA,
    "gaafet": Architecture.GAA,
    "nanosheet": Architecture.GAA,
    "mbcfet": Architecture.GAA,
    "ribbonfet": Architecture.GAA,
    "planar": Architecture.PLANAR,
    "bulk": Architecture.PLANAR,
    "fdsoi": Architecture.PLANAR,
    "fd-soi": Architecture.PLANAR,
    "hkmg": Architecture.PLANAR,
}
_TOKEN = re.compile(r"[^\s,;/()+]+(?:/[0-9]+nm)?")
_NM = re.compile(r"^(\d+(?:\.\d+)?)(?:/(\d+(?:\.\d+)?))?nm$")
_NNODE = re.compile(r"^n(\d+(?:\.\d+)?)[a-z]*$")
_NODE_SUFFIX = re.compile(
    r"^(\d+(?:\.\d+)?)(?:lpp|lpe|lp|hpc\+?|hpm|hp|ulp|ull|ffc|ff\+?|hkmg|sf)$"
)
_LAYERS = re.compile(r"^(\d{2,3})(?:l|-?layers?|層|层|단)$")
_WAFER = re.compile(r"^(\d{3})mm$|^(\d{1,2})(?:\"|inch|in|インチ|英寸|인치)$")
_DRAM_NAME = re.compile(r"^d?(1[xyzabcαβγ]|1-?(?:alpha|beta|gamma))(?:nm)?$")
_BARE_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)$")


def _normalise(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).casefold()
    s = s.replace("3d nand", "3dnand").replace("v nand", "vnand").replace("fd soi", "fdsoi")
    s = re.sub(r"(\d)\s+(nm|l|layers?|layer|mm|inch|層|层|단)\b", r"\1\2", s)
    s = re.sub(r"(\d)-(layers?)", r"\1\2", s)
    return re.sub(r"\b1\s*-\s*(alpha|beta|gamma)\b", r"1\1", s)


@lru_cache(maxsize=4096)
def parse_technology_text(text: str) -> tuple[TechnologyFacts, str | None] | str:
    """Facts and an optional warning, or the reason the text was not understood."""
    facts = TechnologyFacts()
    warning: str | None = None
    numbers: list[float] = []
    unknown: list[str] = []
    for raw_token in _TOKEN.findall(_normalise(text)):
        token = raw_token.strip(".:-")
        if not token:
            continue
        if token in _PROCESS_WORDS:
            facts = replace(facts, process_type=_PROCESS_WORDS[token])
        elif token in _ARCH_WORDS:
            facts = replace(facts, architecture=_ARCH_WORDS[token])
        elif m := _DRAM_NAME.match(token):
            gen = DRAM_GENERATIONS[_DRAM_ALIASES[m[1]]]
            facts = replace(
                facts, process_type=ProcessType.DRAM, dram_half_pitch_nm=gen.half_pitch_nm
            )
            warning = (
                f"DRAM generation '{gen.name}' was taken as {gen.half_pitch_nm:g} nm half-pitch, "
                f"the low end of the published approximation ({gen.published_range}); "
                "enter the measured half-pitch if it is known"
            )
        elif m := _LAYERS.match(token):
            facts = replace(facts, process_type=ProcessType.NAND, nand_layers=int(m[1]))
        elif m := _WAFER.match(token):
            facts = replace(facts, wafer_size_mm=_wafer_mm(m))
        elif m := _NM.match(token):
            numbers.append(min(float(m[1]), float(m[2] or m[1])))
        elif (
            (m := _NNODE.match(token))
            or (m := _NODE_SUFFIX.match(token))
            or (m := _BARE_NUMBER.match(token))
        ):
            numbers.append(float(m[1]))
        elif token not in {"node", "process", "tech", "technology", "nm", "memory", "3d"}:
            unknown.append(token)
    if unknown:
        return f"'{' '.join(unknown)}' is not a technology term the importer knows"
    if numbers:
        value = min(numbers)
        if facts.process_type is ProcessType.DRAM:
            facts = replace(facts, dram_half_pitch_nm=value)
        elif facts.process_type is ProcessType.NAND:
            if facts.nand_layers is None and value.is_integer() and value >= 24:
                facts = replace(facts, nand_layers=int(value))
        else:
            facts = replace(facts, logic_node_nm=value)
    if facts.process_type is None and (facts.logic_node_nm is not None or facts.architecture):
        facts = replace(facts, process_type=ProcessType.LOGIC)
    if facts == TechnologyFacts():
        return "it names no process type, node, architecture, half-pitch or layer count"
    return facts, warning


def _wafer_mm(m: re.Match[str]) -> int:
    if m[1]:
        return int(m[1])
    inches = int(m[2])
    return {12: 300, 8: 200, 6: 150, 4: 100, 5: 125, 18: 450}.get(inches, round(inches * 25.4))


def parse_technology(value: CellValue) -> Outcome:
    """A technology cell to :class:`TechnologyFacts`; a bare number is a logic node in nm."""
    if value is None:
        return BLANK
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return fail(f"'{display(value)}' is not a technology description")
    text = display(value)
    result = parse_technology_text(text)
    if isinstance(result, str):
        return fail(f"'{text}' is not understood: {result}")
    facts, warning = result
    return warn(facts, warning) if warning else Outcome(facts)


def parse_process_type(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    text = display(value)
    found = _PROCESS_WORDS.get(_normalise(text).strip().replace(" ", ""))
    if found is None:
        return fail(f"'{text}' is not a process type (logic, foundry, DRAM, NAND or other)")
    return Outcome(found)


def parse_architecture(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    text = display(value)
    found = _ARCH_WORDS.get(_normalise(text).strip().replace(" ", ""))
    if found is None:
        return fail(f"'{text}' is not a transistor architecture (planar, FinFET or GAA)")
    return Outcome(found)


def _number_with_unit(value: CellValue, units: tuple[str, ...], what: str) -> Outcome:
    if value is None:
        return BLANK
    if isinstance(value, bool):
        return fail(f"'{display(value)}' is not {what}")
    if isinstance(value, int | float):
        return Outcome(float(value)) if value > 0 else fail(f"'{display(value)}' is not {what}")
    s = _normalise(str(value)).strip().replace(" ", "")
    for unit in units:
        s = s.removesuffix(unit)
    try:
        number = float(s)
    except ValueError:
        return fail(f"'{value}' is not {what}")
    return Outcome(number) if number > 0 else fail(f"'{value}' is not {what}")


def parse_nanometres(value: CellValue) -> Outcome:
    return _number_with_unit(value, ("nm",), "a size in nanometres")


def parse_layers(value: CellValue) -> Outcome:
    out = _number_with_unit(value, ("layers", "layer", "l", "層", "层", "단"), "a layer count")
    if isinstance(out.value, float):
        if not out.value.is_integer():
            return fail(f"'{display(value)}' is not a whole number of layers")
        return Outcome(int(out.value))
    return out


def parse_wafer_size(value: CellValue) -> Outcome:
    if value is None:
        return BLANK
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{display(value)}mm" if value >= 50 else f"{display(value)}inch"
    else:
        text = _normalise(display(value)).replace(" ", "")
        if text.isdigit():
            text += "mm" if int(text) >= 50 else "inch"
    m = _WAFER.match(text)
    if m is None:
        return fail(f"'{display(value)}' is not a wafer size (e.g. 300 mm or 12 inch)")
    return Outcome(_wafer_mm(m))
