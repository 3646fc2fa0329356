"""Emitting Qt signals from Python without leaking on affected PySide6 builds.

PySide6 6.12.0 on Python 3.11 returns ``True`` from ``SignalInstance.emit()`` without taking a
reference, so every emit whose result is dropped takes one reference away from ``True``. After a
few hundred emits the count reaches zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"); Python 3.12+ hides it because ``True`` is immortal there. Every emit in the UI
goes through :func:`emit`, which gives the reference back only when the running build is found
to leak (probed once at import), so a fixed PySide6 costs nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16


class _Probe(QObject):
    ping = Signal()


def _emit_leaks() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    leaked = before - sys.getrefcount(True) >= _PROBES
    if leaked:
        for _ in range(_PROBES):  # repay the probe's own debt
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return leaked


#: True when this PySide6 build drops a reference to ``True`` on every emit.
EMIT_LEAKS = _emit_leaks()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, repaying the reference the affected builds take from ``True``."""
    # The stubs say emit() returns None; at run time it returns a bool (the thing leaked).
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if EMIT_LEAKS and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
