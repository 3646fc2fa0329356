"""Restrictions: the rule packs and scenarios in effect, each rule's full text, and the doors to
the rule editor and the scenario dialog.

A compliance officer checks a rule against its legal source here, so the detail shows the
citation with a working link, the scope as sentences, and every fact with its confidence,
unconfirmed ones ([S]/[U]) marked in amber.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import RuleStatus
from workbench.rules.model import Rule, RulePack, Scenario
from workbench.rules.packs import RuleBook, select_rules
from workbench.services import catalogue, rule_editing
from workbench.services.catalogue import Catalogue
from workbench.services.rule_text import (
    activities_text,
    describe_scope,
    outcome_label,
    status_label,
    status_on_text,
)
from workbench.services.rulebook import PackInfo
from workbench.ui import icons
from workbench.ui.badges import TONE_COLOURS
from workbench.ui.filter_header import DEBOUNCE_MS
from workbench.ui.formatting import Tone
from workbench.ui.outcomes import OUTCOME_TONES, pill_html
from workbench.ui.rule_editor import RuleEditorDialog
from workbench.ui.scenario_dialog import ScenarioDialog
from workbench.ui.signals import emit
from workbench.ui.views.base import ViewContext, WorkbenchView

_KEY = int(Qt.ItemDataRole.UserRole) + 30
_STATUS_TONES = {
    "in_force": Tone.DANGER,
    "published": Tone.DANGER,
    "proposed": Tone.WARNING,
    "rumoured": Tone.WARNING,
    "suspended": Tone.WARNING,
    "withdrawn": Tone.NEUTRAL,
}
_CONFIDENCE = {"C": "confirmed", "S": "one secondary source", "U": "unconfirmed"}


_pill = pill_html


def _row(label: str, value: str) -> str:
    return (
        f'<tr><td style="color:#6b7683; padding:2px 14px 2px 0;" valign="top">{escape(label)}</td>'
        f'<td style="padding:2px 0;">{value}</td></tr>'
    )


def history_html(rule: Rule) -> str:
    """The dated status history as a table: each status with its dates, the text that made it
    so (linked where the pack gives an address) and its confidence, unconfirmed ones amber."""
    cells = 'style="padding:2px 12px 2px 0;" valign="top"'
    rows = []
    for period in rule.status_history():
        until = period.end.isoformat() if period.end else "—"
        start = "—" if period.start == dt.date.min else period.start.isoformat()
        citation = escape(period.citation)
        if period.source_url:
            citation = f'<a href="{escape(period.source_url, quote=True)}">{citation}</a>'
        tone = Tone.OK if period.confidence == "C" else Tone.WARNING
        note = (
            f"<br/><span style='color:#6b7683;'>{escape(period.note)}</span>" if period.note else ""
        )
        rows.append(
            f"<tr><td {cells}>"
            f"{_pill(status_label(period.status), _STATUS_TONES.get(period.status, Tone.NEUTRAL))}"
            f"</td><td {cells}>{start}</td><td {cells}>{until}</td>"
            f"<td {cells}>{_pill(f'[{period.confidence}]', tone)} {citation}{note}</td></tr>"
        )
    head = "".join(
        f'<td style="color:#6b7683; padding:2px 12px 2px 0;">{h}</td>'
        for h in ("Status", "From", "To", "On the authority of")
    )
    return (
        '<p style="font-weight:bold; margin:12px 0 2px 0;">Status history</p>'
        f'<table cellspacing="0"><tr>{head}</tr>{"".join(rows)}</table>'
    )


def rule_html(rule: Rule, pack: RulePack, origin: str, today: dt.date | None = None) -> str:
    """The full text of a rule as the detail pane shows it (its status as of ``today``)."""
    status = _pill(status_label(rule.status), _STATUS_TONES.get(rule.status, Tone.NEUTRAL))
    outcome = _pill(outcome_label(rule.outcome), OUTCOME_TONES.get(rule.outcome, Tone.NEUTRAL))
    parts = [
        f'<p style="font-size:13pt; font-weight:bold; margin:0 0 4px 0;">{escape(rule.title)}</p>',
        f'<p style="margin:0 0 6px 0;">{status} {outcome} &nbsp;'
        f'<span style="color:#6b7683;">{escape(rule.jurisdiction)} · {escape(rule.id)} '
        f"v{rule.version} · pack {escape(pack.pack)} v{pack.version} ({escape(origin)})</span></p>",
        f'<p style="margin:0 0 2px 0;">{escape(rule.citation)}</p>',
        f'<p style="margin:0 0 8px 0;"><a href="{escape(rule.source_url, quote=True)}">'
        f"{escape(rule.source_url)}</a></p>",
    ]
    dates = [
        (name, getattr(rule, name))
        for name in ("announced", "published", "effective", "compliance")
        if getattr(rule, name) is not None
    ]
    rows = [_row(n.capitalize(), d.isoformat()) for n, d in dates]
    rows.append(_row("Status today", escape(status_on_text(rule, today or dt.date.today()))))
    rows.append(_row("Activities", escape(activities_text(list(rule.activities)))))
    if rule.licence_policy:
        rows.append(_row("Licence policy", escape(rule.licence_policy)))
    parts.append('<table cellspacing="0">' + "".join(rows) + "</table>")
    parts.append(history_html(rule))

    parts.append('<p style="font-weight:bold; margin:12px 0 2px 0;">Scope</p>')
    for line in describe_scope(rule.scope, pack):
        weight = "bold" if line.group else "normal"
        parts.append(
            f'<p style="margin:1px 0 1px {18 * line.depth}px; font-weight:{weight};">'
            f"{'' if line.group else '• '}{escape(line.text)}</p>"
        )

    exceptions = rule.exceptions
    items = []
    for g in exceptions.grandfathering:
        until = f", until {g.until.isoformat()}" if g.until else ""
        basis = {"ship_date": "machine shipped", "install_date": "machine installed",
                 "contract_signed": "contract signed"}[g.basis]  # fmt: skip
        items.append(f"Grandfathered when the {basis} before {g.before.isoformat()}{until}")
    if exceptions.licence_exceptions:
        items.append("Licence exceptions available: " + ", ".join(exceptions.licence_exceptions))
    if exceptions.licences_on_file:
        items.append("A valid licence on file of this jurisdiction makes a hit “licensed”")
    parts.append('<p style="font-weight:bold; margin:12px 0 2px 0;">Exceptions</p>')
    parts.append(
        "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
        if items
        else '<p style="color:#6b7683;">None</p>'
    )
    if rule.notes:
        parts.append('<p style="font-weight:bold; margin:12px 0 2px 0;">Notes</p>')
        parts.append(f"<p>{escape(rule.notes)}</p>")
    if rule.facts:
        parts.append('<p style="font-weight:bold; margin:12px 0 2px 0;">Facts</p><ul>')
        for fact in rule.facts:
            tone = Tone.OK if fact.confidence == "C" else Tone.WARNING
            marker = _pill(f"[{fact.confidence}]", tone)
            source = (
                f' <span style="color:#6b7683;">({escape(fact.source)})</span>'
                if fact.source
                else ""
            )
            colour = "" if fact.confidence == "C" else ' style="color:#8a5a00;"'
            parts.append(
                f'<li>{marker} <span{colour} title="{_CONFIDENCE[fact.confidence]}">'
                f"{escape(fact.text)}</span>{source}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def scenario_html(scenario: Scenario, origin: str, book: RuleBook) -> str:
    """A scenario and the rules it evaluates on its as-of date (or today)."""
    day = scenario.as_of or dt.date.today()
    assumed = (
        scenario.assumed_effective.isoformat()
        if scenario.assumed_effective
        else "each rule's own date"
    )
    parts = [
        f'<p style="font-size:13pt; font-weight:bold; margin:0 0 4px 0;">'
        f"{escape(scenario.title)}</p>",
        f'<p style="color:#6b7683; margin:0 0 8px 0;">{escape(scenario.id)} · {escape(origin)}</p>',
    ]
    if scenario.description:
        parts.append(f"<p>{escape(scenario.description)}</p>")
    rows = [
        _row(
            "Starts from",
            "every rule in force on the as-of date" if scenario.in_force else "nothing in force",
        ),
        _row("Adds packs", escape(", ".join(scenario.packs)) or "—"),
        _row("Adds rules", escape(", ".join(scenario.rules)) or "—"),
        _row("Assumed effective", assumed),
        _row("Default as of", scenario.as_of.isoformat() if scenario.as_of else "today"),
    ]
    parts.append('<table cellspacing="0">' + "".join(rows) + "</table>")
    try:
        chosen = select_rules(scenario, book, day)
    except KeyError as exc:
        parts.append(f'<p style="color:#a4262c;">Cannot select its rules: {escape(str(exc))}</p>')
        return "".join(parts)
    parts.append(
        f'<p style="font-weight:bold; margin:12px 0 2px 0;">Rules evaluated as of '
        f"{day.isoformat()} · {len(chosen)}</p><ul>"
    )
    for active in chosen:
        rule = active.rule
        parts.append(
            f"<li>{escape(rule.id)} · {escape(rule.jurisdiction)} · "
            f"{escape(status_on_text(rule, day))} · effective {active.effective.isoformat()}"
            f'<br/><span style="color:#4a5360;">{escape(rule.title)}</span></li>'
        )
    parts.append("</ul>")
    return "".join(parts)


class RestrictionsView(WorkbenchView):
    """Packs and rules, scenarios, and the selected item's full text."""

    loaded = Signal()

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "restrictions", parent)
        self.book: rule_editing.Rulebook | None = None
        self.catalogue: Catalogue | None = None
        self.dialog: RuleEditorDialog | ScenarioDialog | None = None
        self._select_after: tuple[str, str] | None = None

        title = QLabel("Restrictions")
        title.setObjectName("viewTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("viewCount")
        self.jurisdiction = QComboBox()
        self.jurisdiction.setObjectName("jurisdictionFilter")
        self.jurisdiction.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem("Any status", "")
        for status in RuleStatus:
            self.status.addItem(status_label(status.value), status.value)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search rule id, title, citation…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(280)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        self.jurisdiction.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(title)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        bar.addWidget(self.jurisdiction)
        bar.addWidget(self.status)
        bar.addWidget(self.search)

        # rules
        self.rules = QTreeWidget()
        self.rules.setObjectName("ruleTree")
        self.rules.setHeaderLabels(["Pack / rule", "Juris.", "Status", "Outcome"])
        self.rules.setAlternatingRowColors(True)
        self.rules.setUniformRowHeights(True)
        self.rules.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules.setColumnWidth(0, 330)
        self.rules.setColumnWidth(1, 52)
        self.rules.setColumnWidth(2, 80)
        self.rules.currentItemChanged.connect(self._on_rule)
        self.edit_rule_button = QPushButton("Edit rule…")
        self.edit_rule_button.clicked.connect(lambda: self.edit_rule(copy=False))
        self.copy_rule_button = QPushButton("Copy rule…")
        self.copy_rule_button.setToolTip("Start a variant in your own pack, user-rules")
        self.copy_rule_button.clicked.connect(lambda: self.edit_rule(copy=True))
        rule_buttons = QHBoxLayout()
        rule_buttons.addWidget(self.edit_rule_button)
        rule_buttons.addWidget(self.copy_rule_button)
        rule_buttons.addStretch(1)
        rules_page = QWidget()
        rules_layout = QVBoxLayout(rules_page)
        rules_layout.setContentsMargins(0, 6, 0, 0)
        rules_layout.addWidget(self.rules, 1)
        rules_layout.addLayout(rule_buttons)

        # scenarios
        self.scenarios = QTreeWidget()
        self.scenarios.setObjectName("scenarioTree")
        self.scenarios.setHeaderLabels(["Scenario", "Origin"])
        self.scenarios.setRootIsDecorated(False)
        self.scenarios.setAlternatingRowColors(True)
        self.scenarios.setColumnWidth(0, 420)
        self.scenarios.currentItemChanged.connect(self._on_scenario)
        self.new_scenario_button = QPushButton("New…")
        self.new_scenario_button.clicked.connect(lambda: self.edit_scenario(None))
        self.copy_scenario_button = QPushButton("Copy…")
        self.copy_scenario_button.clicked.connect(lambda: self.edit_scenario("copy"))
        self.edit_scenario_button = QPushButton("Edit…")
        self.edit_scenario_button.clicked.connect(lambda: self.edit_scenario("edit"))
        scenario_buttons = QHBoxLayout()
        for button in (
            self.new_scenario_button,
            self.copy_scenario_button,
            self.edit_scenario_button,
        ):
            scenario_buttons.addWidget(button)
        scenario_buttons.addStretch(1)
        scenarios_page = QWidget()
        scenarios_layout = QVBoxLayout(scenarios_page)
        scenarios_layout.setContentsMargins(0, 6, 0, 0)
        scenarios_layout.addWidget(self.scenarios, 1)
        scenarios_layout.addLayout(scenario_buttons)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(rules_page, "Rule packs")
        self.tabs.addTab(scenarios_page, "Scenarios")
        self.tabs.currentChanged.connect(self._on_tab)

        self.detail = QTextBrowser()
        self.detail.setObjectName("ruleText")
        self.detail.setOpenExternalLinks(True)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        detail_frame = QFrame()
        detail_frame.setObjectName("detailPane")
        detail_layout = QVBoxLayout(detail_frame)
        detail_layout.setContentsMargins(16, 12, 16, 12)
        detail_layout.addWidget(self.detail)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(detail_frame)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 600])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        db = self.context.db

        def work(
            _progress: Progress, _cancel: CancelToken
        ) -> tuple[rule_editing.Rulebook, Catalogue]:
            return rule_editing.load_rulebook(db), catalogue.catalogue(db)

        job = self.context.jobs.submit("restrictions", work)
        job.succeeded.connect(self._on_loaded)
        job.failed.connect(self._on_failed)

    def _on_failed(self, exc: object) -> None:
        emit(self.context.message, f"Restrictions: {exc}")
        self.set_ready(True)

    def _on_loaded(self, result: tuple[rule_editing.Rulebook, Catalogue]) -> None:
        self.book, self.catalogue = result
        keep = self.jurisdiction.currentData()
        jurisdictions = sorted({r.jurisdiction for p in self.book.packs for r in p.pack.rules})
        self.jurisdiction.blockSignals(True)
        self.jurisdiction.clear()
        self.jurisdiction.addItem("All jurisdictions", "")
        for code in jurisdictions:
            self.jurisdiction.addItem(code, code)
        self.jurisdiction.setCurrentIndex(max(self.jurisdiction.findData(keep), 0))
        self.jurisdiction.blockSignals(False)
        self._fill_rules()
        self._fill_scenarios()
        self.apply_filters()
        self.set_ready(True)
        emit(self.loaded)

    def _fill_rules(self) -> None:
        assert self.book is not None
        keep = self._select_after or self._current_key(self.rules)
        self.rules.blockSignals(True)
        self.rules.clear()
        for info in self.book.packs:
            pack = info.pack
            edited = f"  · edited, v{pack.version}" if info.origin == "database" else ""
            top = QTreeWidgetItem([f"{pack.title}{edited}", "", "", ""])
            top.setData(0, _KEY, ("pack", pack.pack))
            top.setToolTip(0, f"{pack.pack} v{pack.version} ({info.origin}): {pack.description}")
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            today = dt.date.today()
            for rule in pack.rules:
                child = QTreeWidgetItem(
                    [
                        rule.title,
                        rule.jurisdiction,
                        status_on_text(rule, today),
                        outcome_label(rule.outcome),
                    ]
                )
                child.setData(0, _KEY, ("rule", rule.id))
                child.setToolTip(0, f"{rule.id}: {rule.title}")
                child.setToolTip(
                    2,
                    "\n".join(
                        f"{status_label(p.status)} {p.start.isoformat()} to "
                        f"{p.end.isoformat() if p.end else 'now'} ({p.citation})"
                        for p in rule.status_history()
                        if p.start != dt.date.min
                    ),
                )
                tone = _STATUS_TONES.get(rule.status_on(today) or rule.status, Tone.NEUTRAL)
                child.setForeground(2, _colour(tone))
                child.setForeground(3, _colour(OUTCOME_TONES.get(rule.outcome, Tone.NEUTRAL)))
                top.addChild(child)
            self.rules.addTopLevelItem(top)
        self.rules.expandAll()
        self.rules.blockSignals(False)
        self._select(self.rules, keep)

    def _fill_scenarios(self) -> None:
        assert self.book is not None
        keep = self._select_after or self._current_key(self.scenarios)
        self.scenarios.blockSignals(True)
        self.scenarios.clear()
        for scenario, origin in self.book.scenarios:
            item = QTreeWidgetItem([scenario.title, origin])
            item.setData(0, _KEY, ("scenario", scenario.id))
            item.setToolTip(0, scenario.id)
            self.scenarios.addTopLevelItem(item)
        self.scenarios.blockSignals(False)
        self._select(self.scenarios, keep)
        self._select_after = None

    @staticmethod
    def _current_key(tree: QTreeWidget) -> tuple[str, str] | None:
        item = tree.currentItem()
        key = item.data(0, _KEY) if item is not None else None
        return (str(key[0]), str(key[1])) if key else None

    def _select(self, tree: QTreeWidget, key: tuple[str, str] | None) -> None:
        target = None
        for item in _items(tree):
            data = item.data(0, _KEY)
            if key is not None and data is not None and tuple(data) == key:
                target = item
                break
        if target is None:
            kinds = ("rule", "scenario")
            target = next((i for i in _items(tree) if i.data(0, _KEY)[0] in kinds), None)
        if target is not None:
            tree.setCurrentItem(target)
        self._show_current()

    # -- filters --------------------------------------------------------------------------------

    def apply_filters(self, *_args: object) -> None:
        jurisdiction = str(self.jurisdiction.currentData() or "")
        status = str(self.status.currentData() or "")
        needle = self.search.text().strip().lower()
        shown = 0
        for top in _tops(self.rules):
            visible_children = 0
            for child in _children(top):
                rule = self.rule_of(child)
                ok = rule is not None
                if rule is not None:
                    ok = (not jurisdiction or rule.jurisdiction == jurisdiction) and (
                        not status or rule.status == status
                    )
                    if ok and needle:
                        ok = needle in " ".join((rule.id, rule.title, rule.citation)).lower()
                child.setHidden(not ok)
                visible_children += ok
            top.setHidden(visible_children == 0)
            shown += visible_children
        total = sum(len(p.pack.rules) for p in self.book.packs) if self.book else 0
        packs = len(self.book.packs) if self.book else 0
        text = f"{shown} of {total} rules" if shown != total else f"{total} rules"
        self.count_label.setText(f"{text} in {packs} packs")

    def visible_rule_ids(self) -> list[str]:
        out = []
        for item in _items(self.rules):
            key = item.data(0, _KEY)
            parent = item.parent()
            hidden = item.isHidden() or (parent is not None and parent.isHidden())
            if key[0] == "rule" and not hidden:
                out.append(key[1])
        return out

    # -- detail ---------------------------------------------------------------------------------

    def rule_of(self, item: QTreeWidgetItem | None) -> Rule | None:
        found = self.find_rule(item)
        return found[1] if found else None

    def find_rule(self, item: QTreeWidgetItem | None) -> tuple[PackInfo, Rule] | None:
        if item is None or self.book is None:
            return None
        key = item.data(0, _KEY)
        if not key or key[0] != "rule":
            return None
        for info in self.book.packs:
            for rule in info.pack.rules:
                if rule.id == key[1]:
                    return info, rule
        return None

    def select_rule(self, rule_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        self._select(self.rules, ("rule", rule_id))

    def select_scenario(self, scenario_id: str) -> None:
        self.tabs.setCurrentIndex(1)
        self._select(self.scenarios, ("scenario", scenario_id))

    def _on_rule(self, *_args: object) -> None:
        self._show_current()

    def _on_scenario(self, *_args: object) -> None:
        self._show_current()

    def _on_tab(self, _index: int) -> None:
        self._show_current()

    def current_scenario(self) -> tuple[Scenario, str] | None:
        item = self.scenarios.currentItem()
        if item is None or self.book is None:
            return None
        key = item.data(0, _KEY)
        return next(((s, o) for s, o in self.book.scenarios if s.id == key[1]), None)

    def _show_current(self) -> None:
        if self.book is None:
            return
        on_rules = self.tabs.currentIndex() == 0
        found = self.find_rule(self.rules.currentItem())
        self.edit_rule_button.setEnabled(found is not None)
        self.copy_rule_button.setEnabled(found is not None)
        scenario = self.current_scenario()
        self.copy_scenario_button.setEnabled(scenario is not None)
        self.edit_scenario_button.setEnabled(scenario is not None)
        if on_rules:
            if found is None:
                item = self.rules.currentItem()
                pack = self._pack_of(item)
                self.detail.setHtml(_pack_html(pack.pack, pack.origin) if pack else "")
                return
            info, rule = found
            self.detail.setHtml(rule_html(rule, info.pack, info.origin))
        elif scenario is not None:
            book = RuleBook.of(self.book.pack_models)
            self.detail.setHtml(scenario_html(scenario[0], scenario[1], book))

    def _pack_of(self, item: QTreeWidgetItem | None) -> PackInfo | None:
        if item is None or self.book is None:
            return None
        key = item.data(0, _KEY)
        return next(
            (p for p in self.book.packs if key and key[0] == "pack" and p.pack.pack == key[1]), None
        )

    # -- editing --------------------------------------------------------------------------------

    def edit_rule(self, copy: bool) -> RuleEditorDialog | None:
        """Open the editor on the selected rule (``copy``: a new rule in ``user-rules``)."""
        found = self.find_rule(self.rules.currentItem())
        if found is None or self.book is None or self.catalogue is None:
            return None
        info, rule = found
        packs = self.book.pack_models
        if copy:
            taken = {r.id for p in packs for r in p.rules}
            draft = rule_editing.copy_of(rule, taken)
            target, replaces = rule_editing.USER_PACK, None
        else:
            draft = rule.model_copy(update={"version": rule.version + 1})
            target, replaces = info.pack.pack, rule.id
        dialog = RuleEditorDialog(
            self.context,
            packs,
            self.catalogue,
            draft,
            source_pack=info.pack.pack,
            target=target,
            replaces=replaces,
            parent=self,
        )
        dialog.saved.connect(lambda _pack: self._after_rule_saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_scenario(self, mode: str | None) -> ScenarioDialog | None:
        """New (``None``), ``"copy"`` or ``"edit"`` the selected scenario."""
        if self.book is None:
            return None
        base: Scenario | None = None
        current = self.current_scenario()
        if mode is not None:
            if current is None:
                return None
            base = current[0]
            if mode == "copy":
                taken = {s.id for s, _o in self.book.scenarios}
                base = base.model_copy(
                    update={
                        "id": rule_editing.free_id(base.id, taken),
                        "title": f"{base.title} (copy)",
                    }
                )
        dialog = ScenarioDialog(
            self.context, self.book.pack_models, base, editing=mode == "edit", parent=self
        )
        dialog.saved.connect(lambda chosen: self._after_save(("scenario", chosen.id)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _after_rule_saved(self, dialog: RuleEditorDialog) -> None:
        rule = dialog.check.rule if dialog.check else None
        self._after_save(("rule", rule.id) if rule else None)

    def _after_save(self, key: tuple[str, str] | None) -> None:
        self._select_after = key
        if key is not None:
            self.tabs.setCurrentIndex(0 if key[0] == "rule" else 1)
        emit(self.context.message, "Saved; scenarios and runs use it from now on.")
        self.reload()

    # -- layout ---------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.settings_group()}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"{self.settings_group()}/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)


def _pack_html(pack: RulePack, origin: str) -> str:
    rows = "".join(
        f"<li>{escape(r.id)} · {escape(status_label(r.status))} · {escape(r.title)}</li>"
        for r in pack.rules
    )
    sets = "".join(
        f"<li>{escape(ms.title or name)}: "
        f"{escape(', '.join(f'{m.vendor} {m.model_code}' for m in ms.models))}</li>"
        for name, ms in pack.model_sets.items()
    )
    return (
        f'<p style="font-size:13pt; font-weight:bold;">{escape(pack.title)}</p>'
        f'<p style="color:#6b7683;">{escape(pack.pack)} · version {pack.version} · '
        f"{escape(origin)}</p>"
        f"<p>{escape(pack.description)}</p>"
        f'<p style="font-weight:bold;">Rules</p><ul>{rows}</ul>'
        + (f'<p style="font-weight:bold;">Model lists</p><ul>{sets}</ul>' if sets else "")
    )


def _tops(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in found if item is not None]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []
    for top in _tops(tree):
        out.append(top)
        out += _children(top)
    return out


def _colour(tone: Tone) -> QColor:
    return QColor(TONE_COLOURS[tone][1])
