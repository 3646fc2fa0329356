from __future__ import annotations

from email.message import Message
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from workbench import __version__
from workbench.ui import about
from workbench.ui.about import AboutDialog, Component, licence_of
from workbench.ui.application import DESKTOP_FILE_NAME, app_icon, make_application
from workbench.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


def _meta(**fields: str | list[str]) -> metadata.PackageMetadata:
    message = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            message[key.replace("_", "-")] = item
    return message  # type: ignore[return-value]


def _rows(tree: QTreeWidget) -> dict[str, tuple[str, str]]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return {item.text(0).lower(): (item.text(1), item.text(2)) for item in items if item}


# -- licences from metadata ---------------------------------------------------------------------


def test_licence_prefers_the_spdx_expression() -> None:
    assert licence_of(_meta(Name="x", License_Expression="MIT", License="whatever")) == "MIT"


def test_licence_takes_a_short_license_field() -> None:
    assert licence_of(_meta(Name="x", License="LGPL-3.0-only")) == "LGPL-3.0-only"


def test_licence_text_pasted_into_the_field_falls_to_the_classifier() -> None:
    meta = _meta(
        Name="polars",
        License="Copyright (c) 2025 Ritchie Vink\n\nPermission is hereby granted, free of charge",
        Classifier=["Programming Language :: Rust", "License :: OSI Approved :: MIT License"],
    )
    assert licence_of(meta) == "MIT"


def test_licence_falls_back_to_the_known_table() -> None:
    assert (
        licence_of(_meta(Name="PySide6_Essentials")) == about.KNOWN_LICENCES["pyside6-essentials"]
    )
    assert licence_of(_meta(Name="unheard-of")) == "see the distribution"


def test_bundled_distributions_follow_requirements_and_extras() -> None:
    names = {about.normalise(c.name) for c in about.bundled_distributions()}
    # direct requirements, the gui extra, and their own requirements (transitively)
    assert {"sqlalchemy", "polars", "reportlab", "openpyxl", "pyside6-essentials"} <= names
    assert "shiboken6" in names  # required by PySide6-Essentials
    assert "psycopg-binary" in names  # through psycopg[binary]
    assert "et-xmlfile" in names  # through openpyxl
    # test and benchmark extras are not bundled
    assert not names & {"pytest", "hypothesis", "mypy", "pandas", "pytest-qt"}
    assert "compliance-workbench" not in names


def test_without_app_metadata_the_known_components_are_listed() -> None:
    found = about.bundled_distributions(root="not-installed-anywhere")
    names = {about.normalise(c.name) for c in found}
    assert {"sqlalchemy", "pyside6-essentials", "reportlab"} <= names


def test_fonts_are_described_by_their_licence_files(tmp_path: Path) -> None:
    (tmp_path / "noto.LICENSE.txt").write_text(
        "Noto Sans CJK (NotoSansCJK.ttc)\nVersion: 2.004\nLicense: OFL-1.1\n", encoding="utf-8"
    )
    (tmp_path / "noto.ttc").write_bytes(b"")
    assert about.font_components(tmp_path) == [
        Component("Noto Sans CJK (font)", "2.004", "OFL-1.1")
    ]


# -- the dialog ---------------------------------------------------------------------------------


def test_dialog_shows_version_components_and_sources(qtbot: QtBot) -> None:
    dialog = AboutDialog(None, "sqlite:///book.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    assert __version__ in dialog.version_label.text()
    rows = _rows(dialog.components)
    assert rows["qt"][1].startswith("LGPL")
    assert "LGPL" in rows["pyside6_essentials"][1]
    assert rows["sqlalchemy"][1] == "MIT"
    assert rows["polars"][1] == "MIT"
    assert rows["openpyxl"][1] == "MIT"
    assert rows["reportlab"][1].startswith("BSD")
    assert rows["sqlalchemy"][0] == metadata.version("SQLAlchemy")
    fonts = [name for name in rows if name.endswith("(font)")]
    assert fonts and all(rows[name][1] for name in fonts)
    sources = dialog.sources.toPlainText()
    assert "Consolidated Screening List" in sources
    assert "Country Groups" in sources
    assert dialog.tabs.count() == 3


def test_database_url_is_escaped(qtbot: QtBot) -> None:
    dialog = AboutDialog(None, "sqlite:///<b>odd</b>.sqlite3")
    qtbot.addWidget(dialog)
    labels = dialog.findChildren(type(dialog.version_label))
    assert any("&lt;b&gt;odd" in label.text() for label in labels)


def test_help_about_opens_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert window.db.display_url in " ".join(
        label.text() for label in dialog.findChildren(type(dialog.version_label))
    )
    dialog.close()
    window.about_action.trigger()  # again: a fresh dialog, the old one scheduled for deletion
    assert window.about_dialog is not dialog
    window.about_dialog.close()


# -- icon and desktop identity ------------------------------------------------------------------


def test_app_icon_has_every_rendered_size() -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes


def test_application_sets_window_icon_and_desktop_name() -> None:
    app = make_application()
    assert not app.windowIcon().isNull()
    assert QGuiApplication.desktopFileName() == DESKTOP_FILE_NAME
