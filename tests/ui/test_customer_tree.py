from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.services import overview, ui_support
from workbench.storage.database import Database
from workbench.ui.customer_tree import ADVANCED, LISTINGS, MACHINE_PAGE, CustomerTreeModel
from workbench.ui.formatting import Badge, Tone
from workbench.ui.main_window import MainWindow
from workbench.ui.roles import BADGE_ROLE, ID_ROLE, KIND_ROLE
from workbench.ui.views.customers import CustomersView

from .conftest import WAIT_MS

pytestmark = pytest.mark.ui


def _model(db: Database) -> CustomerTreeModel:
    model = CustomerTreeModel(
        lambda fab_id: ui_support.fab_machine_ids(db, fab_id),
        lambda ids: ui_support.fab_machine_rows(db, ids),
    )
    model.set_tree(overview.customer_tree(db))
    return model


def _find(model: CustomerTreeModel, kind: str, name: str):  # type: ignore[no-untyped-def]
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        if index.data(KIND_ROLE) == kind and index.data() == name:
            return index
        stack.extend(index.model().index(r, 0, index) for r in range(model.rowCount(index)))
    raise AssertionError(f"{kind} {name} not in the tree")


def test_tree_passes_model_tester(demo_db: Database, qtmodeltester: ModelTester) -> None:
    # the tester walks every node, so it also fetches every fab's machines lazily
    qtmodeltester.check(_model(demo_db))


def test_machines_load_lazily_by_page(demo_db: Database) -> None:
    model = _model(demo_db)
    fab = _find(model, "fab", "SMIC SN1 Shanghai")
    fab_id = fab.data(ID_ROLE)
    total = len(ui_support.fab_machine_ids(demo_db, fab_id))
    assert total > 0
    assert model.hasChildren(fab)
    assert model.rowCount(fab) == 0
    assert model.canFetchMore(fab)
    model.fetchMore(fab)
    assert model.rowCount(fab) == min(total, MACHINE_PAGE)
    while model.canFetchMore(fab):
        model.fetchMore(fab)
    assert model.rowCount(fab) == total
    serials = [model.index(r, 0, fab).data() for r in range(total)]
    assert serials == sorted(serials)
    assert model.index(0, 0, fab).data(KIND_ROLE) == "machine"


def test_badges_show_advanced_node_and_listings(demo_db: Database) -> None:
    model = _model(demo_db)
    smic = _find(model, "customer", "Semiconductor Manufacturing International Corporation")
    badges = smic.siblingAtColumn(LISTINGS).data(BADGE_ROLE)
    assert [b.text for b in badges] == ["Entity List FN5"]
    fab = _find(model, "fab", "SMIC SN1 Shanghai")
    badge = fab.siblingAtColumn(ADVANCED).data(BADGE_ROLE)
    assert isinstance(badge, Badge)
    assert (badge.text, badge.tone) == ("Yes", Tone.DANGER)
    unlisted = _find(model, "customer", "Intel Corporation")
    assert unlisted.siblingAtColumn(LISTINGS).data(BADGE_ROLE) is None


def test_filter_keeps_matches_and_their_parents(demo_db: Database) -> None:
    model = _model(demo_db)
    model.set_filter("hefei")
    names = set()
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        names.add((index.data(KIND_ROLE), index.data()))
        if index.data(KIND_ROLE) != "fab":
            stack.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
    fabs = {n for k, n in names if k == "fab"}
    assert fabs and all("Hefei" in n for n in fabs)
    assert ("customer", "ChangXin Memory Technologies, Inc.") in names
    assert ("customer", "Intel Corporation") not in names


def test_view_shows_tree_and_details(window: MainWindow, qtbot: QtBot) -> None:
    view = window.show_view("customers")
    assert isinstance(view, CustomersView)
    qtbot.waitUntil(lambda: view.is_ready, timeout=WAIT_MS)
    assert view.model.rowCount() > 10
    assert "customers" in view.count_label.text()
    fab = _find(view.model, "fab", "CXMT Hefei Fab 1")
    view.tree.setCurrentIndex(fab)
    qtbot.waitUntil(lambda: "CXMT Hefei Fab 1" in view.details.title.text(), timeout=WAIT_MS)
    view.tree.expand(fab)  # expanding fetches the first page of machines
    qtbot.waitUntil(lambda: view.model.rowCount(fab) > 0, timeout=WAIT_MS)
    machine = view.model.index(0, 0, fab)
    view.tree.setCurrentIndex(machine)
    qtbot.waitUntil(
        lambda: f"serial {machine.data()}" in view.details.title.text(), timeout=WAIT_MS
    )


def test_listing_tooltip_says_policy_and_since(demo_db: Database) -> None:
    model = _model(demo_db)
    smic = _find(model, "customer", "Semiconductor Manufacturing International Corporation")
    tip = smic.siblingAtColumn(LISTINGS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Entity List FN5 · Presumption of denial")
    # Today's text holds from its modification of 2 Dec 2024 (89 FR 96837); the listing runs
    # unbroken from 18 Dec 2020 through the earlier row.
    assert tip.endswith(" · since 2024-12-02 (listed from 2020-12-18)")
    unlisted = _find(model, "customer", "Intel Corporation")
    assert unlisted.siblingAtColumn(LISTINGS).data(Qt.ItemDataRole.ToolTipRole) is None
