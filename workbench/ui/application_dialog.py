"""Drafting a licence application from the hit selected in the Impact view.

The analyst chooses between the selected hit alone and every licence-required hit of its rule
for its customer (the usual case: one application covers an end user's installed base under
one rule), adds the end use and the end-user statement, and drafts. The drafts -- one per
authority and end user -- can then be written as the annex workbook and the PDF. Status is
tracked afterwards (``workbench applications``); the service does every check.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.services import applications
from workbench.services.applications import Application, HitKey
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext


class ApplicationDialog(QDialog):
    """``drafted`` lists the applications made (empty until the draft succeeded)."""

    def __init__(self, context: ViewContext, key: HitKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.key = key
        self.drafted: list[Application] = []
        self.setWindowTitle("Draft a licence application")
        self.all_of_rule = QRadioButton(
            f"Every licence-required hit of {key.rule_id} for {key.customer_name} in run "
            f"{key.run_id}"
        )
        self.all_of_rule.setChecked(True)
        self.only_this = QRadioButton(f"Only the selected hit (obligation {key.obligation_id})")
        self.end_use = QPlainTextEdit()
        self.end_use.setPlaceholderText(
            "End use, e.g. maintenance of installed DUV scanners for 28 nm logic production"
        )
        self.end_use.setMaximumHeight(70)
        self.statement = QLineEdit()
        self.statement.setPlaceholderText("End-user statement: reference or text")
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b42318")
        self.outcome = QLabel("")
        self.outcome.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Apply for", self.all_of_rule)
        form.addRow("", self.only_this)
        form.addRow("End use", self.end_use)
        form.addRow("Statement", self.statement)

        self.draft_button = QPushButton("Draft")
        self.draft_button.setDefault(True)
        self.draft_button.clicked.connect(self.draft)
        self.xlsx_button = QPushButton("Annex workbook…")
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.pdf_button = QPushButton("PDF…")
        self.pdf_button.clicked.connect(lambda: self.choose_export("pdf"))
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

    def draft(self) -> None:
        self.problem.setText("")
        self.draft_button.setEnabled(False)
        db, key = self.context.db, self.key
        end_use = self.end_use.toPlainText().strip() or None
        statement = self.statement.text().strip() or None
        whole_rule = self.all_of_rule.isChecked()

        def work(_progress: Progress, _cancel: CancelToken) -> list[Application]:
            if whole_rule:
                ids = applications.draft_from_run(
                    db, key.run_id, rule_id=key.rule_id, customer_id=key.customer_id,
                    end_use=end_use, end_user_statement=statement,
                )  # fmt: skip
            else:
                ids = applications.draft_from_run(
                    db, key.run_id, [(key.obligation_id, key.rule_id)],
                    end_use=end_use, end_user_statement=statement,
                )  # fmt: skip
            return applications.list_applications(db, ids)

        job = self.context.writer.submit("drafting a licence application", work)
        job.succeeded.connect(self._on_drafted)
        job.failed.connect(self._on_failed)

    def _on_drafted(self, drafted: list[Application]) -> None:
        self.drafted = drafted
        self.outcome.setText(
            "\n".join(
                f"Drafted application #{a.id} to {a.authority} for {a.customer_name}: "
                f"{a.items} obligation(s)."
                for a in drafted
            )
        )
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(True)

    def _on_failed(self, exc: object) -> None:
        self.draft_button.setEnabled(True)
        self.problem.setText(str(exc))

    def choose_export(self, kind: str) -> None:
        if not self.drafted:
            return
        first = self.drafted[0].id
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export the application",
            f"licence-application-{first}.{kind}",
            "Excel workbook (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)",
        )
        if name:
            self.export_to(Path(name), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write each drafted application (``-2``, ``-3`` suffixes after the first)."""
        db, drafted = self.context.db, list(self.drafted)

        def work(_progress: Progress, _cancel: CancelToken) -> list[Path]:
            written = []
            for n, app in enumerate(drafted):
                target = path if n == 0 else path.with_stem(f"{path.stem}-{n + 1}")
                applications.export(
                    db,
                    app.id,
                    target if kind == "xlsx" else None,
                    target if kind == "pdf" else None,
                )
                written.append(target)
            return written

        job = self.context.jobs.submit("exporting a licence application", work)
        job.succeeded.connect(
            lambda written: self.outcome.setText(
                self.outcome.text() + "\nWrote " + ", ".join(p.name for p in written) + "."
            )
        )
        job.failed.connect(lambda exc: self.problem.setText(str(exc)))


def open_for_hit(context: ViewContext, hit_id: int, parent: QWidget | None = None) -> None:
    """Read the selected hit's run, rule and customer off the GUI thread, then show the
    dialog (non-modal ``open()``: the Impact view stays responsive)."""
    db = context.db

    def work(_progress: Progress, _cancel: CancelToken) -> HitKey:
        return applications.hit_key(db, hit_id)

    def show(key: HitKey) -> None:
        ApplicationDialog(context, key, parent).open()

    job = context.jobs.submit("reading the selected hit", work)
    job.succeeded.connect(show)
    job.failed.connect(lambda exc: emit(context.message, str(exc)))
