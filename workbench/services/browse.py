"""Big-table browsing for views and the command line: filtered sorted ids, then pages of rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.storage import tables
from workbench.storage.database import Database
from workbench.storage.tables import Column, ColumnKind, Query, TableSpec

__all__ = ["Column", "ColumnKind", "Query", "TableSpec", "fetch_rows", "find_ids", "spec"]


def spec(name: str) -> TableSpec:
    try:
        return tables.SPECS[name]
    except KeyError:
        known = ", ".join(sorted(tables.SPECS))
        raise KeyError(f"There is no table '{name}'; choose one of {known}.") from None


def find_ids(db: Database, table: str | TableSpec, query: Query | None = None) -> list[int]:
    table_spec = spec(table) if isinstance(table, str) else table
    with db.read() as session:
        return tables.ids(session, table_spec, query or Query())


def fetch_rows(
    db: Database, table: str | TableSpec, row_ids: Sequence[int]
) -> dict[int, tuple[Any, ...]]:
    table_spec = spec(table) if isinstance(table, str) else table
    with db.read() as session:
        return tables.rows(session, table_spec, row_ids)


def records(db: Database, table: str, query: Query | None = None) -> list[dict[str, Any]]:
    """Every matching row as a JSON-ready dict (for ``workbench list --json``)."""
    table_spec = spec(table)
    with db.read() as session:
        row_ids = tables.ids(session, table_spec, query or Query())
        values = tables.rows(session, table_spec, row_ids)
    keys = table_spec.keys
    return [
        {"id": rid, **{k: tables.jsonable(v) for k, v in zip(keys, values[rid], strict=True)}}
        for rid in row_ids
    ]
