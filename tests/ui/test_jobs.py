from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.ui.jobs import JobRunner

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def test_result_and_progress_arrive_in_the_gui_thread(qtbot: QtBot) -> None:
    runner = JobRunner()
    worker_threads: list[threading.Thread] = []
    seen: list[tuple[int, int]] = []
    gui_thread = threading.current_thread()

    def work(progress: Progress, _cancel: CancelToken) -> int:
        worker_threads.append(threading.current_thread())
        for done in range(1, 1001):
            progress(done, 1000)
        return 42

    job = runner.submit("count", work)
    job.progressed.connect(lambda done, total: seen.append((done, total)))
    in_gui: list[bool] = []
    job.succeeded.connect(lambda _r: in_gui.append(threading.current_thread() is gui_thread))
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
        pass
    assert job.result == 42
    assert in_gui == [True]
    assert worker_threads and worker_threads[0] is not gui_thread
    # throttled: far fewer than 1000 signals, but the final count always arrives
    assert 1 <= len(seen) < 1000
    assert seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert runner.active == 0


def test_failure_is_reported_with_the_exception(qtbot: QtBot) -> None:
    runner = JobRunner()

    def work(_progress: Progress, _cancel: CancelToken) -> None:
        raise WorkbenchError("The file is not a workbook.")

    job = runner.submit("broken", work)
    with qtbot.waitSignal(job.failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], WorkbenchError)
    assert "not a workbook" in str(job.error)
    assert "WorkbenchError" in job.traceback


def test_cancel_stops_cooperative_work(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()
    steps: list[int] = []

    def work(_progress: Progress, cancel: CancelToken) -> str:
        started.set()
        for step in range(10_000):
            cancel.raise_if_cancelled()
            steps.append(step)
            threading.Event().wait(0.001)
        return "finished"

    job = runner.submit("long", work)
    assert started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=WAIT_MS):
        job.cancel()
    assert job.result is None
    assert len(steps) < 10_000


def test_serial_runner_keeps_submission_order(qtbot: QtBot) -> None:
    runner = JobRunner(serial=True)
    order: list[int] = []
    jobs = []
    for number in range(5):

        def work(_p: Progress, _c: CancelToken, number: int = number) -> int:
            order.append(number)
            return number

        jobs.append(runner.submit(f"write {number}", work))
    with qtbot.waitSignal(jobs[-1].finished, timeout=WAIT_MS):
        pass
    runner.wait()
    assert order == [0, 1, 2, 3, 4]
