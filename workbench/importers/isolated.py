"""Running the native workbook reader in a child process, where its abort cannot end the app.

Calamine is Rust: when an allocation fails it aborts the process (SIGABRT), which no Python
``try`` can catch, and in the desktop app that closes the window with the user's work. For
.xlsx/.xlsm the guard bounds every sheet from its XML before calamine sees it, so the reader
runs in-process. For .xlsb (binary records) and .ods (row and column repeats) that bound is not
computed, so the reader runs in a spawned child with an address-space limit: a hostile file
then kills the child, and the parent says so in one sentence.

The child sends its sheets back pickled through a pipe; pickle keeps the compactor's shared
strings shared, so the parent's memory is what an in-process read would have used.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from workbench.domain.cancel import CancelToken
from workbench.importers.cells import RawSheet
from workbench.importers.errors import ImportFileError, SheetTooLargeError
from workbench.importers.guard import CheckedFile

#: Address space the child may use (its own interpreter and imports take ~200 MB of it; the
#: rest is for calamine's dense range and the Python rows made from it), so that a file's read
#: stays within the 1.5 GB an import is allowed.
CHILD_ADDRESS_SPACE = 1536 * 1024**2
_POLL_SECONDS = 0.2


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimit; the child still isolates the abort
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(conn: Connection, checked: CheckedFile, limit: int) -> None:
    """Child process body: read the workbook and send back (sheets, notices) or the error."""
    from workbench.importers.workbook import read_workbook_sheets

    # Rust's "memory allocation failed" report goes to fd 2; the parent's one sentence is the
    # message, so the child's stderr is not the user's.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    _limit_memory(limit)
    try:
        result: tuple[str, Any] = ("ok", read_workbook_sheets(checked))
    except ImportFileError as exc:
        result = ("refused", exc)
    except MemoryError:
        result = ("memory", None)
    conn.send(result)
    conn.close()


def read_isolated(
    checked: CheckedFile,
    cancel: CancelToken | None = None,
    limit: int = CHILD_ADDRESS_SPACE,
) -> tuple[list[RawSheet], list[str]]:
    """:func:`~workbench.importers.workbook.read_workbook_sheets` in a child process."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, checked, limit), name="workbook-reader", daemon=True
    )
    process.start()
    sender.close()
    try:
        while not receiver.poll(_POLL_SECONDS):
            if cancel is not None and cancel.cancelled:
                process.terminate()
                cancel.raise_if_cancelled()
            if not process.is_alive() and not receiver.poll(0):
                break
        status: str = "died"
        payload: Any = None
        try:
            if receiver.poll(0):
                status, payload = receiver.recv()
        except EOFError:
            status = "died"
    finally:
        receiver.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
    if status == "ok":
        sheets, notices = payload
        return list(sheets), list(notices)
    if status == "refused" and isinstance(payload, ImportFileError):
        raise payload
    name = Path(checked.path).name
    code = process.exitcode
    how = f" (the reader stopped with code {code})" if status == "died" and code else ""
    raise SheetTooLargeError(
        name,
        f"reading the workbook needed more than the {limit / 1024**3:.1f} GB of memory an import "
        f"may use{how}; "
        "it probably has a stray cell far from the data: delete it in Excel and save again.",
    )
