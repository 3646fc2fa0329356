"""Pausing Python's cyclic garbage collector while an import builds its objects.

An import of 100k rows creates millions of container objects (rows, outcomes, records, plan
entries) and frees almost none of them before it ends. CPython's collector runs a pass every
700 net container allocations and, as the survivors pile up, full passes over everything
alive: measured on the 100k-row benchmark, about 30 % of the import's CPU time went to passes
that found nothing to free. Reference counting still frees objects as usual while the
collector is paused; only reference cycles wait until it runs again.

The switch is process-wide, so nested and concurrent pauses (a worker thread importing while
another previews) are counted and the collector comes back when the last one ends, and only if
it was on before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many pauses are running, and whether the collector was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.was_enabled = False

    def enter(self) -> None:
        with self.lock:
            if self.depth == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.depth += 1

    def leave(self) -> None:
        with self.lock:
            self.depth -= 1
            if self.depth == 0 and self.was_enabled:
                gc.enable()


_PAUSES = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (see the module docstring)."""
    _PAUSES.enter()
    try:
        yield
    finally:
        _PAUSES.leave()
