"""Exporting any big table (a register under its current filter, or hits) to .xlsx or .csv.

Rows come from an iterator so a million-row register never sits in memory twice. CSV is UTF-8
with a byte-order mark, without which Excel reads UTF-8 as the local ANSI code page and garbles
every Chinese, Japanese or Korean name.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from workbench.domain.cancel import CancelToken, Progress
from workbench.reports.cells import EXPORT_FORMATS, clean_text, csv_text
from workbench.reports.xlsx_writer import (
    Kind,
    RowWriter,
    SheetColumn,
    add_table,
    discard,
    start_sheet,
)

_CHECK_EVERY = 2_000


def _width(kind: Kind, header: str) -> float:
    base = {"date": 11, "money": 15, "int": 10, "float": 10, "bool": 8}.get(kind, 22)
    return max(base, min(len(header) + 2, 40))


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(clean_text(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_table(
    path: Path,
    headers: Sequence[str],
    kinds: Sequence[Kind],
    rows: Iterable[Sequence[Any]],
    total: int | None = None,
    title: str = "Export",
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write ``rows`` to ``path`` (.xlsx or .csv by suffix); returns the rows written.

    Text that a spreadsheet would run as a formula is neutralised in both formats.
    """
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ValueError(f"cannot export to '{path.suffix}'; choose .xlsx or .csv")
    report = progress or (lambda _d, _t: None)
    partial = path.with_name(path.name + ".partial")
    written = 0
    try:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                out = csv.writer(handle)
                out.writerow([csv_text(clean_text(h)) for h in headers])
                for row in rows:
                    out.writerow([_csv_value(v) for v in row])
                    written += 1
                    if written % _CHECK_EVERY == 0:
                        _tick(report, cancel, written, total)
        else:
            columns = [SheetColumn(h, k, _width(k, h)) for h, k in zip(headers, kinds, strict=True)]
            wb = Workbook(write_only=True)
            ws = wb.create_sheet(clean_text(title)[:31] or "Export")
            start_sheet(ws, columns)
            writer = RowWriter(ws, columns)
            try:
                for row in rows:
                    writer.append([float(v) if isinstance(v, Decimal) else v for v in row])
                    written += 1
                    if written % _CHECK_EVERY == 0:
                        _tick(report, cancel, written, total)
                add_table(ws, "Export", columns, written)
                wb.save(partial)
            except BaseException:
                discard(wb, partial)
                raise
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    report(written, total if total is not None else written)
    return written


def _tick(report: Progress, cancel: CancelToken | None, done: int, total: int | None) -> None:
    report(done, total if total is not None else done)
    if cancel is not None:
        cancel.raise_if_cancelled()
