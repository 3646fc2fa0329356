"""Restrictions view: packs and rules with filters, full rule text, scenario dialog round trip,
rule editor with live validation that names lines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from workbench.services import rulebook
from workbench.ui.main_window import MainWindow
from workbench.ui.predicate_builder import DEFAULTS
from workbench.ui.rule_editor import RuleEditorDialog
from workbench.ui.scenario_dialog import ScenarioDialog
from workbench.ui.views.restrictions import RestrictionsView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


@pytest.fixture
def view(window: MainWindow, qtbot: QtBot) -> Iterator[RestrictionsView]:
    shown = window.show_view("restrictions")
    assert isinstance(shown, RestrictionsView)
    qtbot.waitUntil(lambda: shown.is_ready, timeout=WAIT_MS)
    yield shown
    if shown.dialog is not None:
        shown.dialog.close()
    window.writer.wait()
    window.jobs.wait()


def test_lists_every_rule_and_filters(view: RestrictionsView) -> None:
    packs = rulebook.packs(view.context.db)
    every = [r.id for p in packs for r in p.pack.rules]
    assert view.visible_rule_ids() == every
    view.jurisdiction.setCurrentIndex(view.jurisdiction.findData("NL"))
    nl = [r.id for p in packs for r in p.pack.rules if r.jurisdiction == "NL"]
    assert view.visible_rule_ids() == nl
    view.status.setCurrentIndex(view.status.findData("proposed"))
    assert view.visible_rule_ids() == [
        r.id
        for p in packs
        for r in p.pack.rules
        if r.jurisdiction == "NL" and r.status == "proposed"
    ]
    assert view.count_label.text().startswith(f"{len(view.visible_rule_ids())} of {len(every)}")


def test_rule_text_shows_citation_link_scope_and_marked_facts(view: RestrictionsView) -> None:
    view.select_rule("jp-2023-cleaning")
    html = view.detail.toHtml()
    text = view.detail.toPlainText()
    assert "https://www.meti.go.jp/policy/anpo/" in html and "href=" in html
    assert "All of these hold:" in text
    assert "Fab country is in EAR country group D:5" in text
    assert "[U]  Exact item numbers" in text  # the marker is a coloured pill
    assert "Effective" in text and "2023-07-23" in text


def test_scenario_save_and_load_round_trip(view: RestrictionsView, qtbot: QtBot) -> None:
    dialog = view.edit_scenario(None)
    assert isinstance(dialog, ScenarioDialog)
    dialog.scenario_id.setText("ui-korea-and-parts")
    dialog.title_edit.setText("Korea plus parts ban")
    dialog.in_force.setChecked(True)
    dialog.check_rule("proposal-2024-korea-sme")
    dialog.check_rule("proposal-2024-parts-to-listed-kr")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()

    def shown() -> bool:
        current = view.current_scenario()
        return current is not None and current[0].id == "ui-korea-and-parts"

    qtbot.waitUntil(shown, timeout=WAIT_MS)
    stored = rulebook.scenario(view.context.db, "ui-korea-and-parts")
    assert sorted(stored.rules) == ["proposal-2024-korea-sme", "proposal-2024-parts-to-listed-kr"]
    assert stored.in_force and view.current_scenario()[1] == "database"  # type: ignore[index]
    assert "proposal-2024-korea-sme" in view.detail.toPlainText()

    # copy it: the copy gets a free id and the same rules
    copy = view.edit_scenario("copy")
    assert isinstance(copy, ScenarioDialog)
    assert copy.scenario_id.text() == "ui-korea-and-parts-copy"
    assert copy.scenario().rules == stored.rules
    copy.reject()


def test_scenario_dialog_refuses_an_empty_scenario(view: RestrictionsView) -> None:
    dialog = view.edit_scenario(None)
    assert isinstance(dialog, ScenarioDialog)
    dialog.in_force.setChecked(False)
    dialog.save()
    assert "needs" in dialog.error_label.text()
    dialog.scenario_id.setText("Bad Id!")
    dialog.in_force.setChecked(True)
    dialog.save()
    assert dialog.error_label.text().startswith("id:")


def test_rule_editor_validates_live_with_line_numbers(view: RestrictionsView, qtbot: QtBot) -> None:
    view.select_rule("nl-2024-1970i-1980i-china")
    editor = view.edit_rule(copy=False)
    assert isinstance(editor, RuleEditorDialog)
    assert editor.check is not None and editor.check.ok
    assert editor.version.value() == 2  # an edit bumps the rule version

    text = editor.yaml_text().replace("outcome: licence_required", "outcome: banned")
    editor.yaml_edit.setPlainText(text)
    check = editor.apply_yaml()
    line = text.split("\n").index("outcome: banned") + 1
    assert [m.line for m in check.errors] == [line]
    shown = editor.messages.item(0).text()
    assert shown.startswith(f"line {line}, column 10 · error:")
    assert not editor.buttons.button(editor.buttons.StandardButton.Save).isEnabled()

    editor.yaml_edit.setPlainText(text.replace("outcome: banned", "outcome: prohibited"))
    check = editor.apply_yaml()
    assert check.ok
    assert editor.outcome.currentData() == "prohibited"  # the form follows the YAML

    editor.title_edit.setText("")  # the form writes the YAML, which the check reads
    assert editor.check is not None and not editor.check.ok
    assert "title" in editor.messages.item(0).text()
    editor.reject()


def test_rule_editor_shows_the_drafts_effect_and_its_change_from_the_saved_rule(
    view: RestrictionsView, qtbot: QtBot
) -> None:
    view.select_rule("us-3b001-macau-d5")
    editor = view.edit_rule(copy=False)
    assert isinstance(editor, RuleEditorDialog)
    with qtbot.waitSignal(editor.whatif_shown, timeout=WAIT_MS) as first:
        pass  # the book is read in the background, then the unchanged draft is evaluated
    same = first.args[0]
    assert same.before is not None and same.before.hits == same.after.hits
    assert (same.new, same.gone, same.changed) == (0, 0, 0)
    assert f"{same.after.hits:,} hits" in editor.whatif_note.text()
    assert "0 new, 0 gone, 0 changed" in editor.whatif_note.text()

    text = editor.yaml_text()
    assert "      - MO\n" in text
    with qtbot.waitSignal(editor.whatif_shown, timeout=WAIT_MS) as second:
        # Taiwan and Korea join Macau and D:5: the demo book has controlled tools there.
        editor.yaml_edit.setPlainText(
            text.replace("      - MO\n", "      - MO\n      - TW\n      - KR\n")
        )
        assert editor.apply_yaml().ok
    wider = second.args[0]
    assert wider.new > 0 and wider.gone == 0
    assert wider.after.hits == same.after.hits + wider.new
    assert f"{wider.new:,} new" in editor.whatif_note.text()
    editor.reject()


def test_rule_copy_with_a_built_predicate_saves_to_the_user_pack(
    view: RestrictionsView, qtbot: QtBot
) -> None:
    view.select_rule("us-3b001-macau-d5")
    editor = view.edit_rule(copy=True)
    assert isinstance(editor, RuleEditorDialog)
    assert editor.target == "user-rules"
    root = editor.builder.tree.topLevelItem(0)
    assert root is not None
    editor.builder.tree.setCurrentItem(root)
    editor.builder.add_node(dict(DEFAULTS["threshold"]))
    scope = editor.builder.scope()
    assert scope is not None
    assert {"kind": "threshold", "field": "logic_node_nm", "op": "<=", "value": 16} in scope["all"]
    check = editor.run_check()
    assert check.ok, [str(m) for m in check.messages]
    assert "kind: threshold" in editor.yaml_text()
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save()
    packs = {p.pack.pack: p for p in rulebook.packs(view.context.db)}
    user = packs["user-rules"]
    assert user.origin == "database"
    assert [r.id for r in user.pack.rules] == ["us-3b001-macau-d5-copy"]
    qtbot.waitUntil(lambda: "us-3b001-macau-d5-copy" in view.visible_rule_ids(), timeout=WAIT_MS)


def test_rule_text_shows_the_dated_status_history(view: RestrictionsView) -> None:
    """The Affiliates rule: in force, suspended, reimposed [U]; each entry with its dates and
    the text it rests on, and today's status in the list of rules."""
    view.select_rule("us-affiliates-50pct-entity-list")
    text = view.detail.toPlainText()
    assert "Status history" in text
    assert "2025-09-29" in text and "2025-11-09" in text
    assert "Suspended" in text and "2025-11-10" in text and "2026-11-09" in text
    assert "2026-11-10" in text and "[U]" in text
    assert "Status today" in text
    item = view.rules.currentItem()
    assert item is not None and item.text(2).split(" since ")[0] in {"In force", "Suspended"}
    assert "Suspended 2025-11-10 to 2026-11-09" in item.toolTip(2)
    view.select_rule("us-veu-revoked-2025-upgrades")
    assert "capacity or" in view.detail.toPlainText()  # the rule's licence policy
