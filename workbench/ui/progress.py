"""A modal progress dialog bound to a job: shows its progress, Cancel asks it to stop.

Long jobs the user started on purpose (loading the demo book, later imports and reports) use
this; background reads (re-querying ids) show a quiet "Updating…" in their view instead.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.ui.jobs import Job, JobRunner, Work

T = TypeVar("T")


def run_with_progress(
    parent: QWidget | None, runner: JobRunner, title: str, label: str, work: Work[T]
) -> tuple[Job[T], QProgressDialog]:
    """Start ``work`` and show a window-modal dialog until it ends (success, error or cancel)."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    job = runner.submit(title, work)

    def on_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def on_cancel() -> None:
        dialog.setLabelText("Cancelling… nothing is kept from an unfinished job.")
        job.cancel()

    job.progressed.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    job.finished.connect(dialog.close)
    job.finished.connect(dialog.deleteLater)
    return job, dialog
