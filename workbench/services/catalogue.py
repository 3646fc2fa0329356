"""The book's real values, offered by the rule editor's pickers.

An analyst writing "fab country in ..." or "model NXT:1980Di" should pick from what the
database holds, so a typo cannot make a rule silently hit nothing. Values the book lacks can
still be typed (a rule may target tools not yet sold), but the pickers lead with real ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from workbench.domain.enums import EquipmentCategory, Regime
from workbench.rules.country_groups import known_groups
from workbench.storage.database import Database
from workbench.storage.orm import CustomerRow, EquipmentModelRow, FabRow, MachineRow

_CLASS_COLUMNS = {
    Regime.US: EquipmentModelRow.class_us,
    Regime.EU: EquipmentModelRow.class_eu,
    Regime.NL: EquipmentModelRow.class_nl,
    Regime.JP: EquipmentModelRow.class_jp,
    Regime.KR: EquipmentModelRow.class_kr,
}


@dataclass(frozen=True)
class ModelChoice:
    vendor: str
    model_code: str
    category: str
    machines: int

    @property
    def label(self) -> str:
        return f"{self.vendor} {self.model_code}"


@dataclass(frozen=True)
class Catalogue:
    """Values present in the book, most used first where a count exists."""

    fab_countries: list[tuple[str, int]]  # (ISO code, fabs)
    hq_countries: list[tuple[str, int]]  # (ISO code, customers)
    models: list[ModelChoice]
    categories: list[tuple[str, int]]  # (category slug, machines)
    classifications: dict[str, list[str]]  # regime -> sorted codes
    country_groups: list[str]

    @property
    def vendors(self) -> list[str]:
        return sorted({m.vendor for m in self.models})

    def models_of(self, vendor: str) -> list[ModelChoice]:
        return [m for m in self.models if m.vendor == vendor]

    @property
    def countries(self) -> list[str]:
        """Fab and HQ countries together, fab countries first."""
        seen = [c for c, _n in self.fab_countries]
        return seen + sorted({c for c, _n in self.hq_countries} - set(seen))


def catalogue(db: Database) -> Catalogue:
    with db.read() as session:
        fab_countries = [
            (str(c), int(n))
            for c, n in session.execute(
                select(FabRow.country, func.count())
                .group_by(FabRow.country)
                .order_by(func.count().desc(), FabRow.country)
            )
        ]
        hq_countries = [
            (str(c), int(n))
            for c, n in session.execute(
                select(CustomerRow.hq_country, func.count())
                .group_by(CustomerRow.hq_country)
                .order_by(func.count().desc(), CustomerRow.hq_country)
            )
        ]
        machines = func.count(MachineRow.id)
        models = [
            ModelChoice(str(v), str(code), str(cat), int(n))
            for v, code, cat, n in session.execute(
                select(
                    EquipmentModelRow.vendor,
                    EquipmentModelRow.model_code,
                    EquipmentModelRow.category,
                    machines,
                )
                .outerjoin(MachineRow, MachineRow.model_id == EquipmentModelRow.id)
                .group_by(
                    EquipmentModelRow.vendor,
                    EquipmentModelRow.model_code,
                    EquipmentModelRow.category,
                )
                .order_by(EquipmentModelRow.vendor, EquipmentModelRow.model_code)
            )
        ]
        categories = [
            (str(c), int(n))
            for c, n in session.execute(
                select(EquipmentModelRow.category, machines)
                .outerjoin(MachineRow, MachineRow.model_id == EquipmentModelRow.id)
                .group_by(EquipmentModelRow.category)
                .order_by(machines.desc(), EquipmentModelRow.category)
            )
        ]
        classifications = {
            regime.value: sorted(
                str(code)
                for code in session.scalars(select(column).distinct().where(column.is_not(None)))
                if code
            )
            for regime, column in _CLASS_COLUMNS.items()
        }
    present = {c for c, _n in categories}
    categories += [(c.value, 0) for c in EquipmentCategory if c.value not in present]
    return Catalogue(
        fab_countries=fab_countries,
        hq_countries=hq_countries,
        models=models,
        categories=categories,
        classifications=classifications,
        country_groups=sorted(known_groups()),
    )
