"""Cached benchmark datasets, built once with the application's own demo generator."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.harness import CACHE
from workbench.services.database import open_database
from workbench.services.demo import load_demo


def large_demo_sqlite() -> Path:
    """The large demo book (100k machines, ~950k obligations) as a SQLite file, cached."""
    path = CACHE / "demo-large.sqlite3"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{partial}")
        load_demo(db, "large")
        db.dispose()
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        shutil.move(partial, path)
    return path


def fresh_copy(source: Path, name: str) -> Path:
    """A throw-away copy of a cached database for a variant that writes."""
    target = CACHE / "scratch" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target
