"""A real export into an EMPTY book: 1,000,000 flat rows naming customers and fabs only.

What a new user's first import is: one row per machine with the customer's name (spelled
several ways), the site's name, city and country, serial, model (no vendor column: the
vendor's own export), install date, contract number, contract end, annual value, currency.
Nothing resolves against the book, so every customer, fab, model and contract is created from
the rows, the dry-run plan holds every record, and the commit writes them all. The baseline is
``pandas.read_csv`` + ``DataFrame.to_sql`` of the same file: it does no validation, creates no
records from references and writes one table, so the ratio flatters it.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.harness import CACHE, Case, Variant
from workbench.services import importing
from workbench.services.database import open_database

ROWS = 1_000_000
HEADINGS = (
    "Customer Name",
    "Site",
    "City",
    "Country",
    "Serial Number",
    "Model",
    "Install Date",
    "Contract Number",
    "Contract End",
    "Annual Value",
    "Currency",
)
#: (customer spellings, [(site, city, country)]): real fabs, names as people type them.
CUSTOMERS = (
    (("SMIC", "SMIC Corp.", "SMIC CORPORATION"), [("Fab 8", "Shanghai", "China"),
                                                  ("B2", "Beijing", "VR China")]),
    (("Hua Hong Semiconductor Ltd", "HUA HONG SEMICONDUCTOR LIMITED"), [("Fab 7", "Wuxi", "CN")]),
    (("Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD"),
     [("Line 1", "Xi'an", "China"), ("P2", "Pyeongtaek", "Südkorea")]),
    (("SK hynix Inc.", "SK Hynix"), [("C2", "Wuxi", "China"), ("M16", "Icheon", "KR")]),
    (("Taiwan Semiconductor Manufacturing Co., Ltd.", "TAIWAN SEMICONDUCTOR MANUFACTURING CO LTD"),
     [("Fab 12A", "Hsinchu", "Taiwan"), ("Fab 16", "Nanjing", "China")]),
    (("Micron Technology, Inc.",), [("Fab 10", "Singapore", "Singapore")]),
    (("Infineon Technologies AG",), [("Dresden 300", "Dresden", "Deutschland")]),
    (("Intel Corporation",), [("Fab 42", "Chandler", "United States")]),
    (("Kioxia Corporation",), [("Fab 7", "Yokkaichi", "Japan")]),
    (("GlobalFoundries Inc.",), [("Fab 1", "Dresden", "Germany")]),
)  # fmt: skip
MODELS = ("NXT:1980Di", "NXT:2000i", "XT:1460K", "Kiyo", "Flex", "Producer GT", "Endura",
          "Surfscan SP7", "CLEAN TRACK LITHIUS Pro Z", "Vantage Radiance Plus")  # fmt: skip
MACHINES_PER_CONTRACT = 5


def csv_path() -> Path:
    path = CACHE / f"flat_export_{ROWS}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(23)
    sites = [(names, site) for names, fabs in CUSTOMERS for site in fabs]
    partial = path.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADINGS)
        contract = 0
        for seq in range(ROWS):
            names, (site, city, country) = sites[(seq // MACHINES_PER_CONTRACT) % len(sites)]
            if seq % MACHINES_PER_CONTRACT == 0:
                contract += 1
                end = date(2026, 1, 1) + timedelta(days=rng.randrange(2000))
            installed = date(2010, 1, 1) + timedelta(days=rng.randrange(5000))
            writer.writerow(
                [
                    names[rng.randrange(len(names))],
                    site,
                    city,
                    country,
                    f"{seq:08d}",
                    MODELS[rng.randrange(len(MODELS))],
                    installed.isoformat(),
                    f"SC-{contract:07d}",
                    end.isoformat(),
                    f"{rng.randrange(20, 900) * 1000:,}",
                    "USD",
                ]
            )
    partial.replace(path)
    return path


@dataclass(frozen=True)
class Context:
    source: Path
    database: Path


def _setup() -> Context:
    target = CACHE / "scratch" / "import-flat-empty.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    return Context(csv_path(), target)


def app_import_into_empty_book(context: Context) -> None:
    """``workbench --db EMPTY import FILE --commit``: everything created from the rows."""
    db = open_database(f"sqlite:///{context.database}")
    try:
        done = importing.run_import(db, [context.source], importing.ImportOptions(commit=True))
        counts = done.plan.counts()
        assert done.committed, [i.text for i in done.plan.errors[:3]]
        assert counts["machines"]["new"] == ROWS, counts
    finally:
        db.dispose()


def pandas_read_csv_to_sql(context: Context) -> None:
    import pandas as pd  # type: ignore[import-untyped]
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{context.database}")
    try:
        frame = pd.read_csv(context.source, dtype=str)
        frame.to_sql("pandas_import", engine, if_exists="append", index=False)
    finally:
        engine.dispose()


CASES = [
    Case(
        name="import-flat-csv-1m-empty",
        description="1M-row flat export (names only, no vendor) into an EMPTY book, --commit",
        setup=_setup,
        candidate=Variant("app parse+plan+commit", app_import_into_empty_book, repeats=1),
        baselines=(Variant("pandas read_csv+to_sql", pandas_read_csv_to_sql, repeats=1),),
    ),
]
