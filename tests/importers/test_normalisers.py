"""Countries, technology text and service coverage."""

from __future__ import annotations

import pytest

from workbench.domain.enums import Architecture, ProcessType, ServiceType
from workbench.importers.countries import parse_country
from workbench.importers.services import ALL_SERVICES, parse_services
from workbench.importers.technology import DRAM_GENERATIONS, TechnologyFacts, parse_technology


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PRC", "CN"),
        ("China", "CN"),
        ("Mainland China", "CN"),
        ("中国", "CN"),
        ("中華人民共和国", "CN"),
        ("중국", "CN"),
        ("Macao", "MO"),
        ("澳门", "MO"),
        ("Macau", "MO"),
        ("Taiwan", "TW"),
        ("台湾", "TW"),
        ("Korea, Republic of", "KR"),
        ("South Korea", "KR"),
        ("韓国", "KR"),
        ("한국", "KR"),
        ("Japan", "JP"),
        ("日本", "JP"),
        ("Netherlands", "NL"),
        ("Nederland", "NL"),
        ("Deutschland", "DE"),
        ("cn", "CN"),
        ("CHN", "CN"),
        ("Ｃｈｉｎａ", "CN"),
        ("United States", "US"),
        # Italian: "Saint-Martin (Francia)" must not make "Francia" ambiguous.
        ("Francia", "FR"),
        ("Germania", "DE"),
        ("Italie", "IT"),
    ],
)
def test_countries(text: str, code: str) -> None:
    assert parse_country(text).value == code


def test_unknown_and_loose_countries() -> None:
    assert not parse_country("Narnia").ok
    loose = parse_country("Korea")
    assert loose.value == "KR" and loose.problem is not None


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("14nm", TechnologyFacts(ProcessType.LOGIC, 14.0)),
        ("N14", TechnologyFacts(ProcessType.LOGIC, 14.0)),
        ("28 nm", TechnologyFacts(ProcessType.LOGIC, 28.0)),
        ("16/14nm", TechnologyFacts(ProcessType.LOGIC, 14.0)),
        ("14nm FinFET", TechnologyFacts(ProcessType.LOGIC, 14.0, Architecture.FINFET)),
        ("GAA", TechnologyFacts(ProcessType.LOGIC, architecture=Architecture.GAA)),
        ("Logic 55nm planar", TechnologyFacts(ProcessType.LOGIC, 55.0, Architecture.PLANAR)),
        ("232L", TechnologyFacts(ProcessType.NAND, nand_layers=232)),
        ("128-layer 3D NAND", TechnologyFacts(ProcessType.NAND, nand_layers=128)),
        ("DRAM 17nm", TechnologyFacts(ProcessType.DRAM, dram_half_pitch_nm=17.0)),
        ("Foundry 28HPC 300mm", TechnologyFacts(ProcessType.FOUNDRY, 28.0, wafer_size_mm=300)),
    ],
)
def test_technology(text: str, facts: TechnologyFacts) -> None:
    outcome = parse_technology(text)
    assert outcome.value == facts
    assert outcome.problem is None


@pytest.mark.parametrize(
    ("text", "key"), [("1-beta DRAM", "1b"), ("1α", "1a"), ("D1z", "1z"), ("1x", "1x")]
)
def test_dram_generations_are_approximations_and_say_so(text: str, key: str) -> None:
    outcome = parse_technology(text)
    assert isinstance(outcome.value, TechnologyFacts)
    assert outcome.value.process_type is ProcessType.DRAM
    assert outcome.value.dram_half_pitch_nm == DRAM_GENERATIONS[key].half_pitch_nm
    assert outcome.problem is not None and "approximation" in outcome.problem.message


def test_unknown_technology_words_are_named() -> None:
    outcome = parse_technology("banana 14nm")
    assert outcome.problem is not None and "'banana'" in outcome.problem.message


S = ServiceType


@pytest.mark.parametrize(
    ("text", "services"),
    [
        (
            "PM; Repair; Spare Parts; SW Updates",
            {S.PREVENTIVE_MAINTENANCE, S.REPAIR, S.SPARE_PARTS, S.SOFTWARE_UPDATES},
        ),
        ("保守", {S.PREVENTIVE_MAINTENANCE}),
        ("予防保全", {S.PREVENTIVE_MAINTENANCE}),
        ("부품", {S.SPARE_PARTS}),
        ("Ersatzteile", {S.SPARE_PARTS}),
        ("备件", {S.SPARE_PARTS}),
        ("Onderhoud", {S.PREVENTIVE_MAINTENANCE}),
        ("SW/FW updates", {S.SOFTWARE_UPDATES}),
        ("保守・部品", {S.PREVENTIVE_MAINTENANCE, S.SPARE_PARTS}),
        ("Repair and Spare parts", {S.REPAIR, S.SPARE_PARTS}),
        ("Full service", set(ALL_SERVICES)),
    ],
)
def test_services(text: str, services: set[ServiceType]) -> None:
    assert parse_services(text).value == frozenset(services)


def test_unknown_service_word_is_named_as_written() -> None:
    outcome = parse_services("PM, Repair, Coffee")
    assert outcome.problem is not None
    assert "'Coffee' is not a service type" in outcome.problem.message
