"""Columns with headings nobody listed, recognised by their values."""

from __future__ import annotations

from workbench.importers.cells import CellValue
from workbench.importers.headers import Concept
from workbench.importers.layout import detect_layout
from workbench.importers.sniff import sniff_columns

ROWS: list[list[CellValue]] = [
    ["Serial number", "Hersteller-Kurzname", "Gerät", "Standort", "Staat", "Whg."],
    ["S-1", "ASML", "NXT:2000i", "Fab 1", "Deutschland", "EUR"],
    ["S-2", "Tokyo Electron", "Tactras Vigus", "Fab 1", "VR China", "EUR"],
    ["S-3", "LAM RESEARCH", "Kiyo FX", "Fab 2", "Südkorea", "USD"],
    ["S-4", "KLA", "Surfscan SP7", "Fab 2", "Taiwan", "USD"],
]


def test_makers_countries_models_and_currencies_are_told_by_their_values() -> None:
    found = {s.concept: s.column for s in sniff_columns(ROWS, 0, [1, 2, 4, 5], set())}
    assert found == {
        Concept.VENDOR: 1,
        Concept.MODEL_CODE: 2,
        Concept.COUNTRY: 4,
        Concept.CURRENCY: 5,
    }


def test_a_concept_a_heading_gave_is_not_taken_again() -> None:
    found = sniff_columns(ROWS, 0, [1, 2, 4], {Concept.VENDOR})
    assert Concept.VENDOR not in {s.concept for s in found}


def test_too_few_values_or_too_few_matches_say_nothing() -> None:
    assert sniff_columns(ROWS[:3], 0, [1], set()) == []
    mixed = [ROWS[0], *[[f"S-{i}", f"maker {i}", "", "", "", ""] for i in range(9)], ROWS[1]]
    assert sniff_columns(mixed, 0, [1], set()) == []


def test_the_layout_uses_them_and_says_why() -> None:
    layout = detect_layout(ROWS)
    assert layout is not None
    assert layout.columns["machines.vendor"] == 1
    assert layout.columns["machines.model_code"] == 2
    notes = [p.message for p in layout.problems if p.column == 1]
    assert notes and "read as vendor from its values" in notes[0]
    assert "equipment makers" in notes[0]
