from __future__ import annotations

import threading

import pytest

from workbench.domain.cancel import Cancelled, CancelToken


def test_cancel_from_another_thread_stops_the_job() -> None:
    token = CancelToken()
    token.raise_if_cancelled()
    worker = threading.Thread(target=token.cancel)
    worker.start()
    worker.join()
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.raise_if_cancelled()
