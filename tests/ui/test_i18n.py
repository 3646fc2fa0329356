"""The window in German, Dutch, Japanese and Korean: catalogues complete and current, no
English left in the main views, no text clipped.

The catalogues are checked as files (every entry translated, placeholders and mnemonics kept,
the .qm compiled from the .ts as it is, lupdate finding no string the .ts lacks); the window
is then opened in each language and its visible texts are read back from the widgets.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QListWidget,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from workbench.services.database import open_database
from workbench.storage.database import Database
from workbench.ui import i18n
from workbench.ui.main_window import MainWindow
from workbench.ui.views.dashboard import DashboardView

from .conftest import WAIT_MS

TRANSLATED = ("de", "nl", "ja", "ko")
ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
LANGUAGE_NAMES = {"de": "Deutsch", "nl": "Nederlands", "ja": "日本語", "ko": "한국어"}


def messages(language: str) -> list[tuple[str, ET.Element]]:
    tree = ET.parse(i18n.translations_dir() / f"workbench_{language}.ts")
    return [
        (context.findtext("name") or "", message)
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [f.text or "" for f in translation.findall("numerusform")]
    return [translation.text or ""]


def same_as_english(language: str) -> set[str]:
    """The words docs/glossary.md says this language keeps in English on purpose."""
    name = LANGUAGE_NAMES[language]
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"- {name}:"):
            words = line.split(":", 1)[1].strip()
            return set() if words == "(none)" else {w.strip() for w in words.split(",")}
    raise AssertionError(f"docs/glossary.md lists no 'same as English' line for {name}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated_keeping_placeholders_and_mnemonics(language: str) -> None:
    entries = messages(language)
    assert len(entries) > 150
    for context, message in entries:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        where = f"{language} {context}: {source!r}"
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), where
        for text in forms(message):
            assert text.strip(), where
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
            assert text.count("&") == source.count("&"), where


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_keeps_the_glossary_terms(language: str) -> None:
    """Glossary terms checked in the strings that use them, so the two cannot drift."""
    terms = {
        "de": ("Prüfpfad", "Sanktionsliste", "installierte Basis", "Land des Hauptsitzes"),
        "nl": ("Audittrail", "sanctielijst", "geïnstalleerde basis", "land van hoofdvestiging"),
        "ja": ("監査証跡", "取引制限対象者リスト", "インストールベース", "本社所在国"),
        "ko": ("감사 추적", "거래제한 대상자 명단", "설치 기반", "본사 소재국"),
    }[language]
    uses = (
        ("Views", "Audit Trail"),
        ("Guide", "Import a restricted-party list"),
        ("Guide", "Import installed base…"),
        ("FollowUpPanel", "%n customer(s) without an HQ country"),
    )
    found = {
        (context, message.findtext("source") or ""): forms(message)
        for context, message in messages(language)
    }
    glossary = GLOSSARY.read_text(encoding="utf-8").lower()
    for term, key in zip(terms, uses, strict=True):
        assert term.lower() in glossary, term
        for text in found[key]:
            assert term.lower() in text.lower(), (key, text)


def _tool(name: str) -> Path:
    tool = Path(sys.executable).parent / name
    if not tool.exists():
        found = shutil.which(name)
        assert found, f"{name} is not installed (it comes with PySide6)"
        tool = Path(found)
    return tool


def test_the_compiled_catalogues_are_those_of_the_ts_files(tmp_path: Path) -> None:
    for language in (*TRANSLATED, "en"):
        ts = i18n.translations_dir() / f"workbench_{language}.ts"
        fresh = tmp_path / f"{language}.qm"
        subprocess.run(
            [str(_tool("pyside6-lrelease")), str(ts), "-qm", str(fresh)],
            check=True,
            capture_output=True,
        )
        assert fresh.read_bytes() == i18n.catalogue(language).read_bytes(), (
            f"{i18n.catalogue(language).name} is stale: run python -m workbench.ui.i18n"
        )


def test_lupdate_finds_no_string_the_catalogues_lack(tmp_path: Path) -> None:
    target = tmp_path / "workbench_de.ts"
    shutil.copyfile(i18n.translations_dir() / "workbench_de.ts", target)
    subprocess.run(
        [
            str(_tool("pyside6-lupdate")),
            "-no-obsolete",
            "-locations",
            "none",
            *map(str, i18n.sources()),
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    tree = ET.parse(target)
    unfinished = [
        f"{context.findtext('name')}: {message.findtext('source')!r}"
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
        if (message.find("translation") is not None)
        and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == [], "new strings without translation: " + "; ".join(unfinished)


# -- the window in each language ----------------------------------------------------------


@pytest.fixture
def in_language(request: pytest.FixtureRequest) -> Iterator[str]:
    language = request.param
    assert i18n.install(language)
    yield language
    i18n.install("en")


@pytest.fixture
def demo_window(
    in_language: str, demo_db: Database, qtbot: QtBot
) -> Iterator[tuple[str, MainWindow]]:
    win = MainWindow(demo_db, persist=False)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    yield in_language, win
    win.close()


def visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    out: list[tuple[QWidget, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            out.append((widget, widget.text()))
    return out


def english_sources() -> set[str]:
    return {message.findtext("source") or "" for _c, message in messages("de")}


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def window_texts(window: MainWindow) -> list[str]:
    texts = [text for _w, text in visible_texts(window)]
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(a.text() for a in menu.actions() if a.text())
    sidebar: QListWidget = window.sidebar
    texts.extend(sidebar.item(row).text() for row in range(sidebar.count()))
    return texts


def _ready_dashboard(window: MainWindow, qtbot: QtBot) -> DashboardView:
    view = window.show_view("dashboard")
    assert isinstance(view, DashboardView)
    qtbot.waitUntil(lambda: view.is_ready and window.info is not None, timeout=WAIT_MS)
    qtbot.wait(50)
    return view


@pytest.mark.parametrize("in_language", TRANSLATED, indirect=True)
def test_no_english_is_left_in_the_main_window_and_dashboard(
    demo_window: tuple[str, MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    language, window = demo_window
    _ready_dashboard(window, qtbot)
    english = {_plain(s) for s in english_sources()} - {""}
    allowed = same_as_english(language) | {"Compliance Workbench", "SQLite", "PostgreSQL"}
    left = sorted(
        {
            text
            for text in window_texts(window)
            if _plain(text) in english and _plain(text) not in allowed
        }
    )
    assert left == []
    window.grab().save(str(tmp_path / f"dashboard-{language}.png"))


@pytest.mark.parametrize("in_language", TRANSLATED, indirect=True)
def test_an_empty_book_speaks_the_language_too(
    in_language: str, qtbot: QtBot, tmp_path: Path
) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    window = MainWindow(db, persist=False)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    view = _ready_dashboard(window, qtbot)
    assert view.start.isVisible()
    english = {_plain(s) for s in english_sources()} - {""}
    shown = [text for _w, text in visible_texts(view.start)]
    assert shown and not [t for t in shown if _plain(t) in english]
    assert_nothing_clipped(window)
    window.grab().save(str(tmp_path / f"empty-{in_language}.png"))
    window.show_view("installed-base")
    assert window.empty_banner.isVisible()
    assert _plain(window.empty_banner.text.text()) not in english
    window.close()
    db.dispose()


def assert_nothing_clipped(root: QWidget) -> None:
    """Every visible label and button has room for its text, by the font's own metrics."""
    clipped: list[str] = []
    for widget, text in visible_texts(root):
        if widget.width() <= 1:
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed_h = widget.heightForWidth(widget.width())
            if needed_h > widget.height() + 1:
                clipped.append(f"{text!r}: needs {needed_h}px height, has {widget.height()}")
            continue
        if isinstance(widget, QLabel):
            room = widget.contentsRect().width() - 2 * widget.margin() - widget.indent()
            needed = max(metrics.horizontalAdvance(line) for line in text.splitlines())
        else:
            room = widget.width()
            needed = widget.sizeHint().width()
        if needed > room + 1:
            clipped.append(f"{text!r}: needs {needed}px, has {room}")
    assert clipped == []


@pytest.mark.parametrize("in_language", TRANSLATED, indirect=True)
def test_no_text_is_clipped_in_the_main_window_and_dashboard(
    demo_window: tuple[str, MainWindow], qtbot: QtBot
) -> None:
    _language, window = demo_window
    _ready_dashboard(window, qtbot)
    assert_nothing_clipped(window)
    sidebar = window.sidebar
    room = sidebar.viewport().width() - sidebar.iconSize().width() - 16
    for row in range(sidebar.count()):
        text = sidebar.item(row).text()
        assert sidebar.fontMetrics().horizontalAdvance(text) <= room, text


@pytest.mark.parametrize("in_language", TRANSLATED, indirect=True)
def test_numbers_follow_the_locale(in_language: str) -> None:
    text = QLocale().toString(1200)
    assert text == {"de": "1.200", "nl": "1.200", "ja": "1,200", "ko": "1,200"}[in_language]


def test_the_language_choice_is_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    i18n.save_language("ja")
    assert i18n.chosen_language() == "ja"
    i18n.save_language(i18n.SYSTEM)
    assert i18n.chosen_language() in i18n.LANGUAGES
    with pytest.raises(ValueError, match="xx"):
        i18n.save_language("xx")


def test_the_environment_overrides_the_saved_language(monkeypatch: pytest.MonkeyPatch) -> None:
    i18n.save_language("de")
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "ko")
    assert i18n.chosen_language() == "ko"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "tlh")  # not shipped: the saved choice holds
    assert i18n.chosen_language() == "de"


def test_the_bundle_keeps_the_translations_of_every_shipped_language() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bundle_rules", ROOT / "installer" / "bundle_rules.py"
    )
    assert spec is not None and spec.loader is not None
    rules = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rules)
    assert set(rules.SHIPPED_LANGUAGES) == set(i18n.LANGUAGES) - {"en"}
    for language in rules.SHIPPED_LANGUAGES:
        assert rules.keep_file(f"PySide6/Qt/translations/qtbase_{language}.qm")
        assert rules.keep_file(f"resources/i18n/workbench_{language}.qm")
