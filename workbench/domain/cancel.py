"""Cooperative cancellation shared by long jobs (imports, evaluations, reports)."""

from __future__ import annotations

import threading
from collections.abc import Callable

#: Progress callback: (done, total). Called from the worker thread; must be cheap.
Progress = Callable[[int, int], None]


class Cancelled(Exception):  # noqa: N818 - the name reads as the state it reports
    """Raised inside a long job when its user asked it to stop."""


class CancelToken:
    """Set from any thread; the job checks it between chunks of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
