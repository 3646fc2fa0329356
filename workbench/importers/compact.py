"""Turning a reader's raw rows into :class:`~workbench.importers.cells.RawSheet` rows, in chunks.

Both readers produce rows of raw cells (calamine: typed values with ``""`` for an empty cell;
``csv``: text only). A sheet of 1M rows x 15 columns is 15M cells, and looking at each one in
Python bytecode costs seconds; holding each as its own string object costs gigabytes, although
most columns (vendor, model, fab, country, dates as text) repeat a few hundred values. So the
rows are handled a chunk at a time and a column at a time, with C-level builtins doing the
per-cell work (``zip``, ``set``, ``map`` over a dictionary's lookup): blank cells become None,
repeated text becomes one shared object per distinct value, and only the few distinct values
are examined in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import time, timedelta
from itertools import islice, zip_longest
from typing import Any

from workbench.importers.cells import CellValue, clean_cell

#: Rows handled at once: big enough to amortise the per-column passes, small enough that a
#: chunk's transposed copy is a few MB.
CHUNK_ROWS = 20_000
#: A column with more distinct values than this share of a chunk's rows (serial numbers) is
#: not worth a dictionary of shared values.
_SHARE_LIMIT = 0.25
_TIME_TYPES = (time, timedelta)


class RowCompactor:
    """Cleans and shares cells across the chunks of one sheet.

    ``blank_whitespace``: text made of spaces only is blank (CSV, where nothing marks a cell as
    empty but its text); a workbook keeps such a cell as the text it holds, as before.
    """

    def __init__(self, blank_whitespace: bool) -> None:
        self.blank_whitespace = blank_whitespace
        self.shared: list[dict[Any, Any] | None] = []  # per column; None once seen as unique
        self.has_cells = False

    def rows(self, chunk: Sequence[Sequence[Any]]) -> list[list[CellValue]]:
        """The chunk's rows with blanks as None, repeated text shared, trailing blanks cut."""
        if not chunk:
            return []
        columns = [self._column(i, col) for i, col in enumerate(zip_longest(*chunk))]
        if not columns:
            return [[] for _ in chunk]
        out: list[list[CellValue]] = list(map(list, zip(*columns, strict=True)))
        for row in out:
            if row[-1] is None:
                while row and row[-1] is None:
                    row.pop()
        return out

    def _column(self, index: int, column: tuple[Any, ...]) -> Sequence[Any]:
        while len(self.shared) <= index:
            self.shared.append({})
        distinct = set(column)
        types = set(map(type, distinct))
        if types <= {str, type(None)}:
            return self._text_column(index, column, distinct)
        # Mixed or typed cells (numbers, dates): only the empty text changes, and times and
        # durations become text. Sharing is for text only: True, 1 and 1.0 are equal keys.
        blanks: dict[Any, None] = {"": None}
        if self.blank_whitespace:
            blanks.update((v, None) for v in distinct if type(v) is str and v.isspace())
        if any(issubclass(t, _TIME_TYPES) for t in types):
            converted = [clean_cell(v) if isinstance(v, _TIME_TYPES) else v for v in column]
            column = tuple(converted)
        if distinct - blanks.keys() - {None}:
            self.has_cells = True
        return list(map(blanks.get, column, column))

    def _text_column(self, index: int, column: tuple[Any, ...], distinct: set[Any]) -> list[Any]:
        shared = self.shared[index]
        if shared is not None and len(distinct) > max(_SHARE_LIMIT * len(column), 64):
            self.shared[index] = shared = None  # a key column: nothing to share
        if shared is None:
            blanks: dict[Any, None] = {"": None}
            if self.blank_whitespace:
                blanks.update((v, None) for v in distinct if v is not None and v.isspace())
            if len(distinct - blanks.keys() - {None}):
                self.has_cells = True
            return list(map(blanks.get, column, column))
        for value in distinct:
            if value not in shared:
                blank = value is None or not value or (self.blank_whitespace and value.isspace())
                shared[value] = None if blank else value
                if not blank:
                    self.has_cells = True
        return list(map(shared.__getitem__, column))


def compact_rows(
    rows: Iterable[Sequence[Any]], blank_whitespace: bool, compactor: RowCompactor | None = None
) -> Iterator[list[CellValue]]:
    """Every row of ``rows`` compacted (see :class:`RowCompactor`), read a chunk at a time."""
    worker = compactor or RowCompactor(blank_whitespace)
    source = iter(rows)
    while chunk := list(islice(source, CHUNK_ROWS)):
        yield from worker.rows(chunk)
