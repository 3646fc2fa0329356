"""First steps on an empty book, and the gaps the first import left.

A new user opens the window on an empty book. Rather than six zero cards and empty charts,
each view says what it needs and offers the next step; the buttons only *ask* (they emit
:attr:`Guide.requested` with one of the ``ACTION_*`` keys) and the main window does it, so a
view never opens dialogs of the window's. After the first import the dashboard lists what
came in and what the rules will read as doubts until someone fills it in, each with a button
to the place where it is fixed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.onboarding import BookStatus
from workbench.ui.signals import emit

#: What a guide's buttons ask the main window to do.
ACTION_IMPORT = "import"
ACTION_DEMO = "open-demo"
ACTION_TEAM = "open-team"
ACTION_LIST = "import-list"
ACTION_CUSTOMERS = "show-customers"
ACTION_UNKNOWN_MODELS = "show-unknown-models"
ACTION_SCREENING = "show-screening"
ACTION_HISTORY = "show-imports"
ACTION_LICENCES = "show-licences"


def first_steps() -> list[tuple[str, str, str]]:
    """(action, button text, why) of the four ways into a new book, the usual one first."""
    translate = QCoreApplication.translate
    return [
        (
            ACTION_IMPORT,
            translate("Guide", "Import installed base…"),
            translate(
                "Guide",
                "Read the spreadsheet your ERP or service system exports (one row per machine "
                "is enough). Nothing is written before you have seen the dry run.",
            ),
        ),
        (
            ACTION_DEMO,
            translate("Guide", "Open the demo book"),
            translate(
                "Guide",
                "Try every view on an invented installed base, in a separate file: this book "
                "stays empty.",
            ),
        ),
        (
            ACTION_TEAM,
            translate("Guide", "Open a team database…"),
            translate(
                "Guide", "Your team keeps its book on a PostgreSQL server: connect to it by URL."
            ),
        ),
        (
            ACTION_LIST,
            translate("Guide", "Import a restricted-party list"),
            translate(
                "Guide",
                "Load the Consolidated Screening List (or another list) now; customers are "
                "screened against it as soon as they are in.",
            ),
        ),
    ]


def _button(text: str, primary: bool) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("primaryButton" if primary else "secondaryButton")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class Guide(QFrame):
    """Base of the guide panels: a titled panel whose buttons emit ``requested(action)``."""

    requested = Signal(str)

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.buttons: dict[str, QPushButton] = {}

    def _ask(self, action: str) -> None:
        emit(self.requested, action)

    def _add_button(self, action: str, text: str, primary: bool = False) -> QPushButton:
        button = _button(text, primary)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(lambda _checked=False, a=action: self._ask(a))
        self.buttons[action] = button
        return button


class StartPanel(Guide):
    """The dashboard of an empty book: what the tool needs and the four ways to give it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("startPanel", parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        title = QLabel(self.tr("This book is empty"))
        title.setObjectName("guideTitle")
        intro = QLabel(
            self.tr(
                "Compliance Workbench answers what an export restriction does to the service "
                "obligations you already have. For that it needs your installed base: "
                "customers, fabs, machines and service contracts."
            )
        )
        intro.setObjectName("guideText")
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        for row, (action, text, why) in enumerate(first_steps()):
            button = self._add_button(action, text, primary=row == 0)
            note = QLabel(why)
            note.setObjectName("guideNote")
            note.setWordWrap(True)
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)


class EmptyViewBanner(Guide):
    """Above any other view of an empty book: what this view needs, and the same first steps.

    One banner in the main window (not one per view), so views added later get it too.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("emptyBanner", parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(10)
        self.text = QLabel("")
        self.text.setObjectName("guideText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        for number, (action, text, why) in enumerate(first_steps()):
            button = self._add_button(action, text, primary=number == 0)
            button.setToolTip(why)
            layout.addWidget(button)

    def set_view(self, key: str) -> None:
        self.text.setText(view_needs(key))


def view_needs(key: str) -> str:
    """One sentence: what the view ``key`` shows and what it needs from an empty book."""
    translate = QCoreApplication.translate
    texts = {
        "customers": translate(
            "Guide",
            "Customers and fabs appear here once the installed base is imported; the import "
            "takes them from the customer and site columns.",
        ),
        "installed-base": translate(
            "Guide", "Every machine you shipped appears here, by serial, after the first import."
        ),
        "contracts": translate(
            "Guide",
            "Service contracts and the machines they cover appear here after an import with a "
            "contract column.",
        ),
        "imports": translate("Guide", "No import yet: each import you commit is listed here."),
        "restrictions": translate(
            "Guide",
            "The shipped rule packs can be read now; what they hit needs the installed base.",
        ),
        "impact": translate(
            "Guide", "A scenario's impact needs machines and contracts to evaluate: none yet."
        ),
        "screening": translate(
            "Guide",
            "Lists can be imported now; customers and fabs are screened once they are in.",
        ),
        "audit": translate("Guide", "The audit trail starts with the first change to this book."),
        "licences": translate(
            "Guide",
            "Licences held can be entered now; which obligations they cover shows once the "
            "installed base is imported and evaluated.",
        ),
    }
    return texts.get(key) or translate(
        "Guide", "This view needs an installed base: the book is empty."
    )


class FollowUpPanel(Guide):
    """After imports: what the last one brought, and what is still unknown, with a way to each.

    A gap is listed only while it is open, so an analyst sees the list shrink as they work.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("followUpPanel", parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        self.title = QLabel(self.tr("What is still unknown"))
        self.title.setObjectName("panelTitle")
        self.came_in = QLabel("")
        self.came_in.setObjectName("panelNote")
        self.came_in.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.came_in)
        self._rows = QGridLayout()
        self._rows.setHorizontalSpacing(14)
        self._rows.setVerticalSpacing(6)
        self._rows.setColumnStretch(0, 1)
        layout.addLayout(self._rows)
        #: (action, text) of each open question shown, for tests and screen readers.
        self.questions: list[tuple[str, str]] = []

    def set_status(self, status: BookStatus) -> None:
        locale = QLocale()
        self.came_in.setText(self._came_in(status, locale))
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        self.questions = []
        rows: list[tuple[str, str, str]] = []
        n = locale.toString
        if status.customers_without_hq:
            rows.append(
                (
                    ACTION_CUSTOMERS,
                    self.tr(
                        "%n customer(s) without an HQ country", "", status.customers_without_hq
                    ),
                    self.tr("Show customers"),
                )
            )
        if status.customers_hq_inferred:
            rows.append(
                (
                    ACTION_CUSTOMERS,
                    self.tr(
                        "%n customer(s) with an HQ country only inferred from their fabs",
                        "",
                        status.customers_hq_inferred,
                    ),
                    self.tr("Show customers"),
                )
            )
        if status.models_category_unknown:
            rows.append(
                (
                    ACTION_UNKNOWN_MODELS,
                    self.tr(
                        "%n equipment model(s) with category unknown (%1 machines)",
                        "",
                        status.models_category_unknown,
                    ).replace("%1", n(status.machines_category_unknown)),
                    self.tr("Show machines"),
                )
            )
        if status.parties_not_screened:
            rows.append(
                (
                    ACTION_SCREENING,
                    self.tr(
                        "%n customer or fab name(s) not screened against the restricted-party "
                        "lists",
                        "",
                        status.parties_not_screened,
                    ),
                    self.tr("Go to screening"),
                )
            )
        for row, (action, text, button_text) in enumerate(rows):
            label = QLabel(text)
            label.setObjectName("guideQuestion")
            label.setWordWrap(True)
            button = _button(button_text, False)
            button.setAccessibleName(f"{button_text}: {text}")
            button.clicked.connect(lambda _checked=False, a=action: self._ask(a))
            self.buttons.setdefault(action, button)
            self._rows.addWidget(label, row, 0)
            self._rows.addWidget(button, row, 1)
            self.questions.append((action, text))
        if not rows:
            done = QLabel(self.tr("Nothing the rules would read as a doubt: every gap is closed."))
            done.setObjectName("panelNote")
            self._rows.addWidget(done, 0, 0)

    def _came_in(self, status: BookStatus, locale: QLocale) -> str:
        batch = status.last_import
        if batch is None:
            return self.tr("No import yet: this book was filled another way (the demo, say).")
        when = locale.toString(
            QDateTime.fromSecsSinceEpoch(int(batch.created_at.timestamp())),
            QLocale.FormatType.ShortFormat,
        )
        return (
            self.tr("Last import: %1 on %2: %3 new and %4 changed records.")
            .replace("%1", batch.file_name)
            .replace("%2", when)
            .replace("%3", locale.toString(batch.total("new")))
            .replace("%4", locale.toString(batch.total("changed")))
        )
