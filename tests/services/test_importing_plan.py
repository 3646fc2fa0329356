"""The plan without a database (hand-built snapshots), and properties of splitting and re-import."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.importers import FabRecord, MachineRecord, ParsedImport, SourceRef
from workbench.services import importing
from workbench.services.database import info
from workbench.services.demo import load_demo
from workbench.services.import_snapshot import (
    BookSnapshot,
    StoredCustomer,
    StoredFab,
    StoredMachine,
    StoredModel,
)
from workbench.services.importing import ImportOptions, PlanKind, build_plan, split_evenly
from workbench.storage.database import Database


@given(
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False),
    st.integers(min_value=1, max_value=50),
)
def test_split_adds_up_to_the_cent_and_is_even(total: Decimal, parts: int) -> None:
    shares = split_evenly(total, parts)
    assert len(shares) == parts
    assert sum(shares, Decimal(0)) == total
    assert max(shares) - min(shares) <= Decimal("0.01")
    assert shares == sorted(shares, reverse=True)  # leftover cents go to the first parts


def _fab(id_: int, code: str, name: str) -> StoredFab:
    return StoredFab(
        id_, code, name, 1, "CN", None, None, None, None, None, None, None, None, None, 1
    )


def _snapshot() -> BookSnapshot:
    snap = BookSnapshot(
        customers={1: StoredCustomer(1, "C1", "Customer One", None, "CN", None, 1)},
        fabs={10: _fab(10, "F-A", "Fab A"), 11: _fab(11, "F-B", "Fab B")},
        models={5: StoredModel(5, "ASML", "NXT:2000i", "duv_immersion", 1)},
        machines={
            ("asml", "007"): StoredMachine(
                20, "ASML", "007", 5, 10, "installed", None, date(2020, 1, 2), None, 3
            )
        },
    )
    snap.reindex()
    return snap


def _src(row: int) -> SourceRef:
    return SourceRef("book.xlsx", "Tools", row)


def test_relocation_and_unchanged_against_a_hand_built_snapshot() -> None:
    parsed = ParsedImport(
        machines=[
            MachineRecord(_src(2), "007", "nxt:2000I", vendor="asml", fab_site_code="f-b"),
            MachineRecord(_src(3), "007", "NXT:2000i", vendor="ASML", fab_site_code="F-A"),
        ]
    )
    plan = build_plan(parsed, _snapshot())
    [change] = plan.relocations
    assert change.fields[0].old == "Fab A (F-A)" and change.fields[0].new == "Fab B (F-B)"
    assert plan.kinds[PlanKind.MACHINES].rejected == 1  # the same machine twice
    assert "is already in this import at book.xlsx, sheet 'Tools', row 2" in plan.errors[0].text
    [update] = plan.writes[PlanKind.MACHINES].updates
    assert update["fab_id"] == 11 and update["version"] == 3
    assert update["install_date"] == date(2020, 1, 2)  # blank in the file: kept


def test_rejected_fab_cascades_to_its_machines() -> None:
    parsed = ParsedImport(
        fabs=[FabRecord(_src(2), "F-NEW", "CN", customer_code="NOBODY")],
        machines=[MachineRecord(_src(3), "9", "NXT:2000i", vendor="ASML", fab_site_code="F-NEW")],
    )
    plan = build_plan(parsed, _snapshot())
    texts = [i.text for i in plan.errors]
    assert texts[0].endswith("customer code 'NOBODY' is neither in the file nor in the database")
    assert texts[1].endswith(
        "fab 'F-NEW' was rejected at book.xlsx, sheet 'Tools', row 2, "
        "so this row cannot refer to it"
    )
    assert not plan.writes_anything


_serials = st.text(alphabet="0123456789ABX-", min_size=1, max_size=8).filter(
    lambda s: s.strip("-") == s
)
_row = st.tuples(
    _serials,
    st.sampled_from(["NXT:2000i", "NXT:1980Di"]),
    st.sampled_from(["CN-SMIC-SN1", "CN-SMIC-B2", "KR-SEC-P1"]),
    st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2030, 12, 31))),
    st.sampled_from(["installed", "relocated", "decommissioned", ""]),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(_row, min_size=1, max_size=12, unique_by=lambda r: r[0]))
def test_importing_then_reimporting_generated_rows_changes_nothing(
    sqlite_db: Database, tmp_path: Path, rows: list[tuple[str, str, str, date | None, str]]
) -> None:
    """Whatever the rows, the second import of the same file finds nothing to write."""
    if info(sqlite_db).counts["fabs"] == 0:  # the database lives across examples
        load_demo(sqlite_db, 10)
    path = tmp_path / "generated.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Serial No.", "Vendor", "Model", "Site code", "Install date", "Status"])
        for serial, model, site, installed, status in rows:
            writer.writerow(
                [serial, "ASML", model, site, installed.isoformat() if installed else "", status]
            )
    first = importing.run_import(sqlite_db, [path], ImportOptions(commit=True))
    assert first.committed, [i.text for i in first.plan.errors]
    second = importing.run_import(sqlite_db, [path], ImportOptions(commit=True))
    assert second.rows_written == 0
    counts = second.plan.counts()["machines"]
    assert counts == {"new": 0, "changed": 0, "unchanged": len(rows), "rejected": 0}
