from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QObject, Signal

from workbench.ui.signals import emit

pytestmark = pytest.mark.ui


class _Source(QObject):
    changed = Signal(int)


def test_emitting_keeps_the_reference_count_of_true() -> None:
    # PySide6 6.12 on Python 3.11 takes a reference from True on every emit; thousands of
    # emits (one per progress tick or re-query) would abort the interpreter.
    source = _Source()
    seen: list[int] = []
    source.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for value in range(2000):
        emit(source.changed, value)
    assert sys.getrefcount(True) >= before - 5
    assert seen == list(range(2000))


def test_emitting_from_worker_threads_is_balanced_too() -> None:
    source = _Source()
    before = sys.getrefcount(True)

    def burst() -> None:
        for value in range(500):
            emit(source.changed, value)

    threads = [threading.Thread(target=burst) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sys.getrefcount(True) >= before - 5
