from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.services import browse
from workbench.storage.database import Database
from workbench.ui.formatting import Badge
from workbench.ui.roles import BADGE_ROLE, ID_ROLE, RAW_ROLE
from workbench.ui.table_model import IdTableModel

pytestmark = pytest.mark.ui


def _model(db: Database, table: str, **kwargs: Any) -> IdTableModel:
    spec = browse.spec(table)
    model = IdTableModel(spec, lambda ids: browse.fetch_rows(db, spec, ids), **kwargs)
    model.set_ids(browse.find_ids(db, spec, browse.Query()))
    return model


@pytest.mark.parametrize("table", ["machines", "contracts"])
def test_model_passes_qt_model_tester(
    demo_db: Database, qtmodeltester: ModelTester, table: str
) -> None:
    model = _model(demo_db, table)
    assert model.rowCount() > 300
    qtmodeltester.check(model)


def test_pages_are_fetched_on_demand_and_evicted(demo_db: Database) -> None:
    spec = browse.spec("machines")
    asked: list[int] = []

    def fetch(ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        asked.append(len(ids))
        return browse.fetch_rows(demo_db, spec, ids)

    model = IdTableModel(spec, fetch, page_size=100, cached_pages=2)
    model.set_ids(browse.find_ids(demo_db, spec, browse.Query()))
    assert asked == []  # nothing read before a cell is asked for
    model.data(model.index(0, 0))
    model.data(model.index(99, 3))
    assert asked == [100]  # one page serves the whole first hundred rows
    model.data(model.index(150, 0))
    model.data(model.index(250, 0))
    assert asked == [100, 100, 100]
    model.data(model.index(0, 0))  # page 0 was evicted (only two pages kept)
    assert len(asked) == 4
    model.data(model.index(260, 0))  # page 2 still cached
    assert len(asked) == 4


def test_cells_show_formatted_values_and_ids(demo_db: Database) -> None:
    machines = _model(demo_db, "machines")
    first_id = machines.ids[0]
    assert machines.data(machines.index(0, 0), ID_ROLE) == first_id
    install = machines.column_of("install_date")
    raw = machines.data(machines.index(0, install), RAW_ROLE)
    assert isinstance(raw, date)
    assert machines.data(machines.index(0, install)) == raw.isoformat()
    advanced = machines.column_of("advanced_node")
    badge = machines.data(machines.index(0, advanced), BADGE_ROLE)
    assert isinstance(badge, Badge)
    assert badge.text in ("Yes", "No", "Unknown")

    contracts = _model(demo_db, "contracts")
    value = contracts.column_of("value")
    index = contracts.index(0, value)
    amount = contracts.data(index, RAW_ROLE)
    assert isinstance(amount, Decimal)
    assert contracts.data(index) == f"{amount:,.2f}"
    alignment = Qt.AlignmentFlag(contracts.data(index, Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    number = contracts.index(0, contracts.column_of("number"))
    alignment = Qt.AlignmentFlag(contracts.data(number, Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignLeft


def test_sort_asks_the_owner_instead_of_sorting_rows(demo_db: Database, qtbot: QtBot) -> None:
    model = _model(demo_db, "machines")
    before = list(model.ids)
    column = model.column_of("install_date")
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(column, Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["install_date", True]
    assert list(model.ids) == before  # rows stay until the new id list arrives
    with qtbot.assertNotEmitted(model.sort_requested):
        model.sort(model.column_of("serial"), Qt.SortOrder.AscendingOrder)  # current order


def test_row_lookup_by_id(demo_db: Database) -> None:
    model = _model(demo_db, "contracts")
    target = model.ids[37]
    assert model.row_of(target) == 37
    assert model.row_of(-1) is None
    assert model.id_at(len(model.ids)) is None
