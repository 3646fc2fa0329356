"""Restricted-party screening: reading the official lists and matching names against them.

Plain data in, plain data out: readers turn a list file into a :class:`ListSnapshot`, the
:class:`ScreeningIndex` scores names against its entries. Storage of list versions, matches
and decisions lives in the layers above; nothing here touches a database or Qt.
"""

from workbench.screening.diff import EntryChange, SnapshotDiff, diff_snapshots
from workbench.screening.entries import (
    ListEntry,
    ListFormat,
    ListFormatError,
    ListSnapshot,
    PolicyCategory,
)
from workbench.screening.index import DEFAULT_THRESHOLD, Candidate, ScreeningIndex
from workbench.screening.reader import SHIPPED_LIST, read_list, read_shipped_list

__all__ = [
    "DEFAULT_THRESHOLD",
    "SHIPPED_LIST",
    "Candidate",
    "EntryChange",
    "ListEntry",
    "ListFormat",
    "ListFormatError",
    "ListSnapshot",
    "PolicyCategory",
    "ScreeningIndex",
    "SnapshotDiff",
    "diff_snapshots",
    "read_list",
    "read_shipped_list",
]
