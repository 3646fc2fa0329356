"""Reading the 100k-row import workbook: what the guard's range scan and the isolated reader cost.

Issue 13: the guard now reads every worksheet's XML once more (to bound its used range before
calamine builds it), and .xlsb/.ods are read in a spawned child process so that a native abort
cannot end the app. Both cost time on every import; this case says how much, on the same
100k x 15 workbook as ``import-xlsx-100k`` (xlsxwriter, shared strings). The candidate is what
the app does for .xlsx; the baselines take the guard away, or move the read into the child
(as the app does for .xlsb/.ods). The harness measures the parent's peak memory only: the
child's is not in "peak MB" of the isolated variant.
"""

from __future__ import annotations

from pathlib import Path

from bench.bench_import import workbook_path
from bench.harness import Case, Variant
from workbench.importers.guard import CheckedFile, FileFormat, check_file
from workbench.importers.isolated import read_isolated
from workbench.importers.workbook import read_workbook_sheets


def _setup() -> Path:
    return workbook_path()


def guard_and_read(path: Path) -> None:
    sheets, _ = read_workbook_sheets(check_file(path))
    assert len(sheets[0].rows) == 100_001


def guard_and_read_isolated(path: Path) -> None:
    sheets, _ = read_isolated(check_file(path))
    assert len(sheets[0].rows) == 100_001


def read_without_guard(path: Path) -> None:
    sheets, _ = read_workbook_sheets(CheckedFile(path, FileFormat.XLSX, path.stat().st_size))
    assert len(sheets[0].rows) == 100_001


def guard_only(path: Path) -> None:
    check_file(path)


CASES = [
    Case(
        name="import-read-xlsx-100k",
        description="read the 100k x 15 import workbook: guard + calamine, in-process or isolated",
        setup=_setup,
        candidate=Variant("guard + read in-process (app)", guard_and_read, repeats=3),
        baselines=(
            Variant("guard + read in a child process", guard_and_read_isolated, repeats=3),
            Variant("read without the guard", read_without_guard, repeats=3),
            Variant("guard only (range scan etc.)", guard_only, repeats=3),
        ),
    ),
]
