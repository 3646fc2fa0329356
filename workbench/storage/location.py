"""Which database to open: ``--db`` URL, else ``WORKBENCH_DB``, else the user's SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ComplianceWorkbench"
APP_AUTHOR = "ComplianceWorkbench"


def default_sqlite_path() -> Path:
    """The embedded database in the per-user data directory of this platform."""
    return Path(user_data_dir(APP_NAME, APP_AUTHOR)) / "workbench.sqlite3"


def resolve_url(explicit: str | None = None) -> str:
    """Turn the user's choice into a SQLAlchemy URL; a bare file path means SQLite."""
    chosen = explicit or os.environ.get("WORKBENCH_DB")
    if not chosen:
        return f"sqlite:///{default_sqlite_path()}"
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().resolve()}"
    return chosen
