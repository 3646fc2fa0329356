"""Printing for the command line: JSON on stdout, aligned text tables, errors on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any


def emit_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], limit: int = 0) -> None:
    """A plain aligned table; ``limit`` > 0 prints that many rows and says how many more."""
    shown = rows[:limit] if limit else rows
    cells = [[_cell(v) for v in row] for row in shown]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(value)), 48)
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    if limit and len(rows) > limit:
        print(f"... {len(rows) - limit} more rows (use --json for all)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def error(message: str) -> None:
    print(f"workbench: {message}", file=sys.stderr)
