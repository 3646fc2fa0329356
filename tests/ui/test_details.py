from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.services.overview import Detail
from workbench.ui.details import DetailPane, TextTableModel

pytestmark = pytest.mark.ui


def test_text_table_model_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model = TextTableModel()
    model.set_table(["Serial", "Value"], [["000123", "1,200.00 EUR"], ["000124", "15.00 EUR"]])
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_pane_shows_fields_and_sub_table(qtbot: QtBot) -> None:
    pane = DetailPane("Nothing selected")
    qtbot.addWidget(pane)
    pane.show()
    assert pane.title.text() == "Nothing selected"
    assert pane.table.isHidden()
    detail = Detail(
        title="Contract SC-1",
        fields=[("Customer", "SMIC"), ("Value", "1,000.00 EUR")],
        table_headers=["Serial", "Value"],
        table_rows=[["000001", "500.00 EUR"], ["000002", "500.00 EUR"]],
    )
    pane.show_detail(detail, "Covered machines")
    assert pane.title.text() == "Contract SC-1"
    assert not pane.table.isHidden()
    assert pane.table_model.rowCount() == 2
    assert pane.table_caption.text() == "Covered machines · 2"
    pane.show_detail(None)
    assert pane.title.text() == "Nothing selected"
    assert pane.table_model.rowCount() == 0
