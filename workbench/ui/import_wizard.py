"""The import wizard: files -> sheets -> columns -> preview -> import -> summary.

Opened from File > Import…, from the import history, or by dropping files on the window. It
reads and plans on the job pool and commits on the window's serial writer, so the window stays
responsive and every long step can be cancelled; a cancelled or failed commit writes nothing.
After a commit the open views reload through ``context.database_changed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget, QWizard

from workbench.ui import icons
from workbench.ui.import_pages import (
    FilesPage,
    ImportState,
    MappingPage,
    PreviewPage,
    SheetsPage,
    SummaryPage,
)
from workbench.ui.views.base import ViewContext


class ImportWizard(QWizard):
    """One import, start to finish; ``committed`` carries the new batch id."""

    committed = Signal(int)

    def __init__(
        self, context: ViewContext, paths: Sequence[Path] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import Installed Base")
        self.setWindowIcon(icons.icon("import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setTitleFormat(Qt.TextFormat.RichText)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setMinimumSize(QSize(980, 680))
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icons.icon("app").pixmap(QSize(44, 44)))
        self.context = context
        self.state = ImportState(paths=[Path(p) for p in paths])
        self.files_page = FilesPage(self.state, context)
        self.sheets_page = SheetsPage(self.state, context)
        self.mapping_page = MappingPage(self.state, context)
        self.preview_page = PreviewPage(self.state, context)
        self.summary_page = SummaryPage(self.state, context)
        for page in (
            self.files_page,
            self.sheets_page,
            self.mapping_page,
            self.preview_page,
            self.summary_page,
        ):
            self.addPage(page)
        self.preview_page.committed.connect(self.committed)
        self.rejected.connect(self._stop_jobs)

    def add_files(self, paths: Sequence[Path]) -> None:
        """More files (dropped on the window while the wizard is open) join the first page."""
        if self.currentPage() is self.files_page:
            self.files_page.add_paths([Path(p) for p in paths])

    def _stop_jobs(self) -> None:
        """Closing the wizard cancels what it started; an unfinished commit writes nothing."""
        for page in (self.files_page, self.mapping_page, self.preview_page, self.summary_page):
            page.strip.cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.preview_page.strip.running:
            self.preview_page.strip.cancel()  # Esc during the commit cancels it, not the wizard
            return
        super().keyPressEvent(event)


def open_import_wizard(
    parent: QWidget, context: ViewContext, paths: Sequence[Path] = ()
) -> ImportWizard:
    """Show a window-modal wizard over ``parent``, starting with ``paths`` if given."""
    wizard = ImportWizard(context, paths, parent)
    wizard.resize(1180, 760)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard
