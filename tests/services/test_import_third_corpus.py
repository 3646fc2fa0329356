"""The third export corpus (``tests/data/import/heldout3``), tuned on after its held-out runs.

The files listed here import whole into an empty book; the others do not yet (the corpus
README says why for each), and join this list as the importer learns them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from workbench.services import importing
from workbench.services.database import info
from workbench.services.importing import ImportOptions
from workbench.storage.database import Database
from workbench.storage.orm import FabRow, MachineRow

CORPUS = Path(__file__).resolve().parent.parent / "data" / "import" / "heldout3"
FILES: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "manifest.json").read_text(encoding="utf-8")
)["files"]
WHOLE = (
    "servicenow_install_base_items.csv",
    "oracle_fusion_ib_assets_ja.xlsx",
    "servicemax_installierte_produkte_de.csv",
    "sap_iq09_serialnummern_de.xlsx",
    "odoo_maintenance_equipment.xlsx",
)


@pytest.mark.parametrize("name", WHOLE)
def test_export_imports_whole_and_again_changes_nothing(sqlite_db: Database, name: str) -> None:
    truth = FILES[name]
    options = ImportOptions(commit=True, own_company=truth.get("own_company"))
    outcome = importing.run_import(sqlite_db, [CORPUS / name], options)
    assert outcome.committed and not outcome.plan.rejected_rows, outcome.plan.errors[:1]
    counts = info(sqlite_db).counts
    assert counts["machines"] == truth["machines"]
    assert counts["contracts"] == truth["contracts"]
    assert counts["customers"] >= truth["customers"] and counts["fabs"] >= truth["fabs"]
    with sqlite_db.read() as session:
        for sample in truth["samples"]:
            country = session.scalar(
                select(FabRow.country)
                .join(MachineRow, MachineRow.fab_id == FabRow.id)
                .where(MachineRow.serial == sample["serial"])
            )
            assert country == sample["country"], sample
    again = importing.run_import(sqlite_db, [CORPUS / name], options)
    assert not again.plan.rejected_rows and not again.plan.writes_anything
