"""Installed Base view on 100k machines: the id-list model against QSortFilterProxyModel.

Two cases, each in its own child process (so peak RSS is per case), same database, same run:

* ``id-model``: the shipped ``BigTableView`` (ids re-queried in SQL on a worker thread, rows
  fetched a page at a time);
* ``proxy``: every row loaded into a ``QAbstractTableModel`` behind a ``QSortFilterProxyModel``
  that sorts in Qt, the obvious alternative.

Measured: time to first paint (view created, ids or rows loaded, first page painted) and time
from a header sort by install date until the sorted first page is painted. Prints medians,
ratios and peak RSS. The 100k-machine demo book is built once into ``bench/.cache/``.

    python bench/bench_ui.py [--machines 100000] [--repeat 5] [--baseline-repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def demo_database(machines: int) -> Path:
    """The cached demo book with ``machines`` machines, built on first use."""
    from workbench.services.database import open_database
    from workbench.services.demo import load_demo

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-{machines}.sqlite3"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(f"sqlite:///{partial}")
    load_demo(db, machines)
    db.dispose()
    partial.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def _peak_rss_mb() -> float:
    """Peak resident memory of this process. ``VmHWM`` first: ``ru_maxrss`` survives exec on
    Linux, so a child would report the parent's peak (the parent built the 1M-row book)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- child process: one case -------------------------------------------------------------------


def _wait(signal: Any, done: Any, limit_ms: int = 600_000) -> None:
    """Run the event loop until ``done()`` holds, re-checked whenever ``signal`` fires.

    A real event loop, not a polling loop: polling would keep the GIL busy and slow the worker
    thread that runs the query, which the application's own loop does not do.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(limit_ms)

    def check(*_args: object) -> None:
        if done():
            loop.quit()

    signal.connect(check)
    loop.exec()
    signal.disconnect(check)
    if not done():
        raise TimeoutError("the view did not finish in time")


def _paint(view: Any) -> None:
    """Force a synchronous paint of the visible rows (what the user would see)."""
    view.viewport().repaint()


def run_id_model(db_path: Path, repeat: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from workbench.services.database import open_database
    from workbench.ui.jobs import JobRunner
    from workbench.ui.views import installed_base_view
    from workbench.ui.views.base import ViewContext
    from workbench.ui.views.big_table import BigTableView

    app = QApplication.instance() or QApplication([])
    db = open_database(f"sqlite:///{db_path}")
    jobs, writer = JobRunner(), JobRunner(serial=True)
    context = ViewContext(db, jobs, writer)
    opens: list[float] = []
    sorts: list[float] = []
    rss_start = _peak_rss_mb()
    for _ in range(repeat):
        started = time.perf_counter()
        view = installed_base_view(context)
        assert isinstance(view, BigTableView)
        view.resize(1400, 800)
        view.show()
        view.activate()
        _wait(view.ready_changed, lambda v=view: v.is_ready)
        _paint(view.table)
        opens.append(time.perf_counter() - started)
        rows = view.model.rowCount()

        column = view.model.column_of("install_date")
        started = time.perf_counter()
        view.header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        _wait(view.model.modelReset, lambda v=view: v.model.query.sort == "install_date")
        _paint(view.table)
        sorts.append(time.perf_counter() - started)
        first = view.model.row_values(0)
        assert first is not None
        view.close()
        view.deleteLater()
        app.processEvents()
    jobs.shutdown()
    writer.shutdown()
    db.dispose()
    return {
        "open": opens,
        "sort": sorts,
        "rows": rows,
        "rss_mb": _peak_rss_mb(),
        "rss_start_mb": rss_start,
        "page_fetches": view.model.page_fetches,
    }


def run_proxy(db_path: Path, repeat: int) -> dict[str, Any]:
    from PySide6.QtCore import (
        QAbstractTableModel,
        QModelIndex,
        QSortFilterProxyModel,
        Qt,
    )
    from PySide6.QtWidgets import QApplication, QTableView

    from workbench.services import browse
    from workbench.services.database import open_database
    from workbench.ui import formatting

    class AllRowsModel(QAbstractTableModel):
        """Every row held in memory, formatted like the shipped model formats them."""

        def __init__(self, spec: browse.TableSpec, rows: list[tuple[Any, ...]]) -> None:
            super().__init__()
            self._rows = rows
            self._kinds = [c.kind for c in spec.columns]
            self._keys = [c.key for c in spec.columns]
            self._labels = [c.label for c in spec.columns]

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self._rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self._kinds)

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
                return None
            column = index.column()
            value = self._rows[index.row()][column]
            return formatting.format_value(value, self._kinds[column], self._keys[column])

        def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self._labels[section]
            return None

    app = QApplication.instance() or QApplication([])
    db = open_database(f"sqlite:///{db_path}")
    spec = browse.spec("machines")
    opens: list[float] = []
    sorts: list[float] = []
    rss_start = _peak_rss_mb()
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        ids = browse.find_ids(db, spec)
        values = browse.fetch_rows(db, spec, ids)
        model = AllRowsModel(spec, [values[i] for i in ids])
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        view = QTableView()
        view.setModel(proxy)
        view.resize(1400, 800)
        view.show()
        app.processEvents()
        _paint(view)
        opens.append(time.perf_counter() - started)
        rows = proxy.rowCount()

        column = spec.keys.index("install_date")
        started = time.perf_counter()
        view.setSortingEnabled(True)
        view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        _paint(view)
        sorts.append(time.perf_counter() - started)
        view.close()
        view.deleteLater()
        app.processEvents()
    db.dispose()
    return {
        "open": opens,
        "sort": sorts,
        "rows": rows,
        "rss_mb": _peak_rss_mb(),
        "rss_start_mb": rss_start,
    }


RUNNERS = {"id-model": run_id_model, "proxy": run_proxy}


# -- parent process: build, run the cases, print the table ------------------------------------


def _child(case: str, db_path: Path, repeat: int) -> dict[str, Any]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run(
        [sys.executable, __file__, "--case", case, "--db", str(db_path), "--repeat", str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--machines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the id-model case")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="runs of the proxy case")
    parser.add_argument("--case", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.case:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(json.dumps(RUNNERS[args.case](args.db, args.repeat)))
        return 0

    db_path = demo_database(args.machines)
    ours = _child("id-model", db_path, args.repeat)
    base = _child("proxy", db_path, args.baseline_repeat)
    rows = ours["rows"]
    print(
        f"Installed Base view, {rows:,} machines ({db_path.name}); medians of "
        f"{args.repeat} (id model) and {args.baseline_repeat} (proxy) runs"
    )
    header = f"{'measure':<34}{'id model + SQL':>16}{'all rows + proxy':>18}{'ratio':>9}"
    print(header)
    print("-" * len(header))
    for key, label in (("open", "time to first paint (s)"), ("sort", "sort by install date (s)")):
        a = statistics.median(ours[key])
        b = statistics.median(base[key])
        print(f"{label:<34}{a:>16.3f}{b:>18.3f}{b / a:>8.1f}x")
    print(
        f"{'peak RSS (MB)':<34}{ours['rss_mb']:>16.0f}{base['rss_mb']:>18.0f}"
        f"{base['rss_mb'] / ours['rss_mb']:>8.1f}x"
    )
    print(
        f"{'  of which after Qt start (MB)':<34}"
        f"{ours['rss_mb'] - ours['rss_start_mb']:>16.0f}"
        f"{base['rss_mb'] - base['rss_start_mb']:>18.0f}"
    )
    print(f"id model: {ours['page_fetches']} page fetch(es) of 200 rows for the last open+sort")
    return 0


if __name__ == "__main__":
    sys.exit(main())
