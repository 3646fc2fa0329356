"""Running long work off the GUI thread, with throttled progress and cooperative cancel.

Every feature that reads or writes more than a page of rows (re-querying 100k ids, loading the
demo book, imports, evaluations, reports) goes through a :class:`JobRunner`, so the window never
freezes and every job can be cancelled the same way. Work functions are plain Python taking
``(progress, cancel)``; they call services, which open their own session per call, so no
database connection crosses threads.

Results come back through a :class:`Job` handle that lives in the GUI thread: the worker only
emits the handle's private relay signals, which Qt queues to the GUI thread, and the handle
re-emits them there. Connecting plain Python callables straight to a signal emitted from a
worker thread would run them in the worker.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from workbench.domain.cancel import Cancelled, CancelToken, Progress
from workbench.ui.signals import emit

T = TypeVar("T")

#: Work run by a job: receives a progress callback and a cancel token, returns a result.
Work = Callable[[Progress, CancelToken], T]

#: Minimum seconds between two progress signals; a million callbacks would flood the queue.
PROGRESS_INTERVAL = 0.1


class Job(QObject, Generic[T]):
    """The GUI-side handle of one submitted piece of work.

    Exactly one of ``succeeded``, ``failed`` or ``cancelled`` is emitted, then ``finished``.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    _relay_progress = Signal(int, int)
    _relay_result = Signal(str, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.token = CancelToken()
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self.traceback = ""
        self._relay_progress.connect(self._on_progress)
        self._relay_result.connect(self._on_result)

    def cancel(self) -> None:
        """Ask the work to stop at its next check; the handle then emits ``cancelled``."""
        self.token.cancel()

    @property
    def is_cancelled(self) -> bool:
        return self.token.cancelled

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.done:
            emit(self.progressed, done, total)

    @Slot(str, object)
    def _on_result(self, outcome: str, payload: object) -> None:
        self.done = True
        if outcome == "ok" and not self.token.cancelled:
            self.result = payload  # type: ignore[assignment]
            emit(self.succeeded, payload)
        elif outcome == "error":
            assert isinstance(payload, BaseException)
            self.error = payload
            emit(self.failed, payload)
        else:
            emit(self.cancelled)
        emit(self.finished)


class _Runnable(QRunnable):
    def __init__(self, job: Job[Any], work: Work[Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._work = work
        self._last_emit = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_emit >= PROGRESS_INTERVAL:
            self._last_emit = now
            with contextlib.suppress(RuntimeError):  # handle gone: the app is quitting
                emit(self._job._relay_progress, done, total)

    def run(self) -> None:
        job = self._job
        try:
            job.token.raise_if_cancelled()
            result = self._work(self._progress, job.token)
        except Cancelled:
            self._report("cancelled", None)
        except Exception as exc:
            job.traceback = traceback.format_exc()
            self._report("error", exc)
        else:
            self._report("ok", result)

    def _report(self, outcome: str, payload: object) -> None:
        # RuntimeError: the handle was destroyed (the app is quitting); nobody is listening.
        with contextlib.suppress(RuntimeError):
            emit(self._job._relay_result, outcome, payload)


class JobRunner(QObject):
    """A pool of worker threads; ``serial=True`` makes a one-thread queue (the writer).

    ``busy_changed`` tells a status bar how many jobs are running.
    """

    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, serial: bool = False) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1 if serial else max(2, min(4, self._pool.maxThreadCount())))
        self._active: set[Job[Any]] = set()

    def submit(self, name: str, work: Work[T]) -> Job[T]:
        """Start ``work`` on a worker thread; connect to the returned handle's signals."""
        job: Job[T] = Job(name)
        self._active.add(job)
        job.finished.connect(self._forget)
        self._pool.start(_Runnable(job, work))
        emit(self.busy_changed, len(self._active))
        return job

    @Slot()
    def _forget(self) -> None:
        # The handle has no Qt parent: once the caller drops it, Python frees it.
        job = self.sender()
        self._active.discard(job)  # type: ignore[arg-type]
        emit(self.busy_changed, len(self._active))

    @property
    def active(self) -> int:
        return len(self._active)

    def cancel_all(self) -> None:
        for job in list(self._active):
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started job has returned (used at shutdown and in tests)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self) -> None:
        """Cancel what is running and wait for it, so no worker outlives the database."""
        self.cancel_all()
        self._pool.clear()
        self._pool.waitForDone()
