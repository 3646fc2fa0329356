"""Building the large demo book: Core executemany (the app) against ORM ``add_all``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.harness import CACHE, Case, Variant
from workbench.services import demo
from workbench.services.database import open_database


def _fresh_db(name: str) -> Any:
    path = CACHE / "scratch" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return open_database(f"sqlite:///{path}")


def _setup() -> None:
    return None


def app_build(_: None) -> None:
    """What ``workbench demo --size large`` does: generate, then Core bulk insert."""
    db = _fresh_db("demo-app.sqlite3")
    demo.load_demo(db, "large")
    db.dispose()


def orm_build(_: None) -> None:
    """The obvious alternative: the same rows as ORM objects through ``session.add_all``."""
    book = demo.generate("large")
    db = _fresh_db("demo-orm.sqlite3")
    plan = demo.table_rows(book)
    with db.session() as session:
        for row_type, rows in plan:
            session.add_all(row_type(**row) for row in rows)
            session.flush()
    db.dispose()


CASES = [
    Case(
        name="demo-large",
        description="build 100k machines / ~950k obligations into a new SQLite file",
        setup=_setup,
        candidate=Variant("core executemany (app)", app_build, repeats=3),
        baselines=(Variant("ORM add_all", orm_build, repeats=1),),
    )
]
