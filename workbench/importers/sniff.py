"""Columns recognised by what they hold when their heading says nothing the importer knows.

A synonym table only knows the headings someone has already seen; the next export writes
"设备厂商", "Hersteller-Kurzname" or "OEM". Some concepts can be told from the values alone,
and with references the book already ships: a column whose values are known equipment makers is
the vendor, one whose values are country names or codes is the country, one whose values are
model codes the equipment catalogue knows is the model, one of equipment categories is the
category, one of ISO currency codes is the currency. Only columns no heading claimed are
looked at, only concepts no heading gave, and each finding is reported with its evidence, so
the analyst can see why a column was taken and correct it in the mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.importers.cells import CellValue, display
from workbench.importers.countries import country_code
from workbench.importers.equipment_catalogue import canonical_vendor, lookup_model
from workbench.importers.headers import Concept
from workbench.importers.money import currency_code
from workbench.importers.vocabulary import parse_category

#: Rows below the header looked at; enough to judge a column, cheap on a million rows.
SAMPLE_ROWS = 200
#: Fewer filled cells than this say too little about a column.
MIN_FILLED = 3


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A column taken for a concept from its values, with the share that matched."""

    column: int
    concept: Concept
    share: float
    label: str  # what the values were recognised as, for the analyst's notice


def _is_vendor(text: str) -> bool:
    return canonical_vendor(text) is not None


def _is_country(text: str) -> bool:
    return not text.strip().isdigit() and country_code(text) is not None


def _is_model(text: str) -> bool:
    return lookup_model(text) is not None


def _is_category(text: str) -> bool:
    outcome = parse_category(text)
    return outcome.value is not None and outcome.problem is None


def _is_currency(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) == 3 and stripped.isalpha() and currency_code(stripped) is not None


#: (concept, test, share of filled cells that must pass, what the values are called).
_SNIFFERS: tuple[tuple[Concept, Callable[[str], bool], float, str], ...] = (
    (Concept.VENDOR, _is_vendor, 0.8, "equipment makers"),
    (Concept.COUNTRY, _is_country, 0.9, "countries"),
    (Concept.CURRENCY, _is_currency, 0.9, "currency codes"),
    (Concept.CATEGORY, _is_category, 0.8, "equipment categories"),
    (Concept.MODEL_CODE, _is_model, 0.6, "models the equipment catalogue knows"),
)


def sniff_columns(
    rows: Sequence[Sequence[CellValue]],
    header_index: int,
    candidates: Sequence[int],
    taken: set[Concept],
) -> list[Sniffed]:
    """Concepts for the ``candidates`` columns (no heading claimed them) from their values.

    Each concept goes to at most one column, the one whose values match best; a column gets
    at most one concept, tried in the order above (a maker's name is never read as a model).
    """
    sample = rows[header_index + 1 : header_index + 1 + SAMPLE_ROWS]
    texts: dict[int, list[str]] = {}
    for index in candidates:
        values = [row[index] if index < len(row) else None for row in sample]
        texts[index] = [t for v in values if isinstance(v, str) and (t := display(v).strip())]
    found: list[Sniffed] = []
    used: set[int] = set()
    for concept, test, needed, label in _SNIFFERS:
        if concept in taken:
            continue
        best: Sniffed | None = None
        for index, cells in texts.items():
            if index in used or len(cells) < MIN_FILLED:
                continue
            share = sum(1 for text in set(cells) if test(text)) / len(set(cells))
            if share >= needed and (best is None or share > best.share):
                best = Sniffed(index, concept, share, label)
        if best is not None:
            found.append(best)
            used.add(best.column)
    return found
