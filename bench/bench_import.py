"""Installed-base import: the app (parse, plan, commit) against pandas ``read_excel`` + ``to_sql``.

The workbook is what a vendor's service system exports: one wide sheet of 100,000 machines with
15 columns (fab and customer repeated on every row), at the demo book's fabs and models so every
reference resolves. The database starts with the small demo book; the candidate imports the
file into it and then re-imports it unchanged (the second run must find nothing to write). The
baseline reads the same file with pandas and writes it to a table with ``DataFrame.to_sql``:
less than the app does (no validation, no resolution, no diff), so the ratio is conservative.
A second case does the same with 1,000,000 CSV rows.
"""

from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.harness import CACHE, Case, Variant
from workbench.domain.enums import EquipmentCategory
from workbench.services import importing
from workbench.services.database import open_database
from workbench.services.demo import generate, load_demo
from workbench.storage.database import Database

XLSX_ROWS = 100_000
CSV_ROWS = 1_000_000
HEADINGS = (
    "Serial No.",
    "Vendor",
    "Model",
    "Equipment category",
    "Site code",
    "Fab name",
    "Customer",
    "Country",
    "City",
    "Region",
    "Ship date",
    "Install date",
    "Status",
    "Export licence",
    "Wafer size",
)


def _rows(count: int, seed: int = 11) -> Iterator[list[Any]]:
    """Machines at the demo fabs, of the demo models, with serials the demo book does not use."""
    rng = random.Random(seed)
    book = generate(10)
    customers = {c["id"]: c["name"] for c in book.customers}
    fabs = book.fabs
    models = book.models
    for seq in range(count):
        fab = fabs[seq % len(fabs)]
        model = models[rng.randrange(len(models))]
        installed = date(2012, 1, 1) + timedelta(days=rng.randrange(4800))
        yield [
            f"IB{seq:08d}",
            model["vendor"],
            model["model_code"],
            EquipmentCategory(model["category"]).label,
            fab["site_code"],
            fab["name"],
            customers[fab["customer_id"]],
            fab["country"],
            fab["city"],
            fab["region"],
            installed - timedelta(days=rng.randrange(20, 120)),
            installed,
            "installed",
            f"LIC-{rng.randrange(10_000):05d}" if rng.random() < 0.2 else None,
            fab["wafer_size_mm"],
        ]


def workbook_path() -> Path:
    """The 100k-row workbook, written once with xlsxwriter (shared strings, as Excel writes)."""
    path = CACHE / f"installed_base_{XLSX_ROWS}.xlsx"
    if path.exists():
        return path
    import xlsxwriter  # type: ignore[import-untyped]

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.xlsx")
    book = xlsxwriter.Workbook(str(partial), {"constant_memory": True})
    sheet = book.add_worksheet("Installed base")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADINGS)
    for r, row in enumerate(_rows(XLSX_ROWS), start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    book.close()
    partial.replace(path)
    return path


def csv_path() -> Path:
    path = CACHE / f"installed_base_{CSV_ROWS}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADINGS)
        for row in _rows(CSV_ROWS, seed=12):
            writer.writerow(
                [v.isoformat() if isinstance(v, date) else ("" if v is None else v) for v in row]
            )
    partial.replace(path)
    return path


def _demo_template() -> Path:
    """The small demo book in a SQLite file, built once; every run starts from a copy."""
    path = CACHE / "import-demo-template.sqlite3"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{partial}")
        load_demo(db, "small")
        db.dispose()
        partial.replace(path)
    return path


def _scratch_copy(name: str) -> Path:
    target = CACHE / "scratch" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(_demo_template(), target)
    return target


@dataclass(frozen=True)
class Context:
    source: Path
    database: Path


def _setup_xlsx() -> Context:
    return Context(workbook_path(), _scratch_copy("import-app.sqlite3"))


def _setup_csv() -> Context:
    return Context(csv_path(), _scratch_copy("import-app.sqlite3"))


def app_import_twice(context: Context) -> None:
    """What ``workbench import FILE --commit`` does, twice: the second run writes no record."""
    db: Database = open_database(f"sqlite:///{context.database}")
    try:
        first = importing.run_import(db, [context.source], importing.ImportOptions(commit=True))
        assert first.plan.counts()["machines"]["new"] > 0, first.plan.counts()
        del first  # as two runs of the command would: the second does not hold the first
        second = importing.run_import(db, [context.source], importing.ImportOptions(commit=True))
        counts = second.plan.counts()
        assert counts["machines"]["new"] == 0 and counts["machines"]["changed"] == 0, counts
    finally:
        db.dispose()


def pandas_import_twice(context: Context) -> None:
    """The obvious alternative: pandas reads the file and ``to_sql`` appends it, twice."""
    import pandas as pd  # type: ignore[import-untyped]
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{context.database}")
    try:
        for _ in range(2):
            if context.source.suffix == ".csv":
                frame = pd.read_csv(context.source, dtype=str)
            else:
                frame = pd.read_excel(context.source, dtype={"Serial No.": str})
            frame.to_sql("pandas_import", engine, if_exists="append", index=False)
    finally:
        engine.dispose()


CASES = [
    Case(
        name="import-xlsx-100k",
        description="import 100k x 15 xlsx into the small demo book, then re-import unchanged",
        setup=_setup_xlsx,
        candidate=Variant("app parse+plan+commit x2", app_import_twice, repeats=3),
        baselines=(Variant("pandas read_excel+to_sql x2", pandas_import_twice, repeats=1),),
    ),
    Case(
        name="import-csv-1m",
        description="import 1M x 15 CSV rows into the small demo book, then re-import unchanged",
        setup=_setup_csv,
        candidate=Variant("app parse+plan+commit x2", app_import_twice, repeats=1),
        baselines=(Variant("pandas read_csv+to_sql x2", pandas_import_twice, repeats=1),),
    ),
]
