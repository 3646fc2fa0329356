"""The window's language: Qt translators for our strings and Qt's own, and the QLocale.

The users are export-compliance staff in the Netherlands, Japan, Korea, Germany and the US.
The language is the one chosen in View > Language (kept in QSettings), else the system's when
we ship it, else English. Our strings live in ``resources/i18n/workbench_<lang>.ts`` (edited
with Qt Linguist, following ``docs/glossary.md``) compiled to ``.qm`` by ``pyside6-lrelease``
(``python -m workbench.ui.i18n`` runs lupdate and lrelease); Qt's own (dialog buttons, the
file dialog) come from the ``qtbase_<lang>.qm`` that PySide6 ships.

Dates, numbers and currency amounts are formatted with the default ``QLocale`` set here, so a
German user reads 1.200 and 03.12.26, a Japanese one 1,200 and 2026/12/03.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from workbench.paths import resource

#: Languages shipped, by ISO 639-1 code, with their own names (as a language menu shows them).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "nl": "Nederlands",
    "ja": "日本語",
    "ko": "한국어",
}
#: The locale a language is formatted in when the system's locale is of another language.
DEFAULT_LOCALES = {"en": "en_US", "de": "de_DE", "nl": "nl_NL", "ja": "ja_JP", "ko": "ko_KR"}
#: QSettings key of the chosen language ("system" or one of ``LANGUAGES``).
LANGUAGE_KEY = "ui/language"
SYSTEM = "system"
#: Environment variable that overrides the saved choice (en, de, nl, ja or ko).
LANGUAGE_ENV = "WORKBENCH_LANGUAGE"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource("i18n")


def catalogue(language: str) -> Path:
    """The compiled translation of ``language``; English's holds only the plural forms
    ("1 customer", "2 customers") of the source texts written as "%n customer(s)"."""
    return translations_dir() / f"workbench_{language}.qm"


def chosen_language(settings: QSettings | None = None) -> str:
    """The language to show: ``WORKBENCH_LANGUAGE`` (a deployment's or a screenshot's choice),
    else the saved choice, else the system's if shipped, else English."""
    forced = os.environ.get(LANGUAGE_ENV, "")
    if forced in LANGUAGES:
        return forced
    saved = str((settings or QSettings()).value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
    if saved in LANGUAGES:
        return saved
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def save_language(language: str) -> None:
    """Remember ``language`` (or ``"system"``) for the next start."""
    if language != SYSTEM and language not in LANGUAGES:
        raise ValueError(f"No translation for language {language!r}.")
    QSettings().setValue(LANGUAGE_KEY, language)


def locale_for(language: str) -> QLocale:
    """The system locale when it speaks ``language`` (en_GB stays en_GB), else the default."""
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        return system
    return QLocale(DEFAULT_LOCALES.get(language, "en_US"))


def install(language: str) -> bool:
    """Switch the application's translators and default locale to ``language``.

    Returns False when the catalogue of a language other than English is missing (the window
    then speaks English rather than fail to start).
    """
    app = QCoreApplication.instance()
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(locale_for(language))
    if app is None:
        return True
    ours = QTranslator(app)
    if not ours.load(str(catalogue(language))):
        return False
    QCoreApplication.installTranslator(ours)
    _installed.append(ours)
    if language == "en":
        return True
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        QCoreApplication.installTranslator(qt_own)
        _installed.append(qt_own)
    return True


def sources() -> list[Path]:
    """Every Python file of the window whose strings are translated."""
    ui = Path(__file__).resolve().parent
    return sorted(ui.rglob("*.py"))


def update_catalogues() -> None:  # pragma: no cover - a developer's tool, run by hand
    """Run lupdate (new strings into every .ts, obsolete ones dropped) and lrelease."""
    tools = Path(sys.executable).parent
    targets = [translations_dir() / f"workbench_{lang}.ts" for lang in LANGUAGES if lang != "en"]
    english = translations_dir() / "workbench_en.ts"
    files = [str(p) for p in sources()]
    lupdate = str(tools / "pyside6-lupdate")
    subprocess.run(
        [lupdate, "-no-obsolete", "-locations", "none", *files, "-ts", *map(str, targets)],
        check=True,
    )
    subprocess.run(
        [lupdate, "-no-obsolete", "-locations", "none", "-pluralonly", *files, "-ts", str(english)],
        check=True,
    )
    targets.append(english)
    for ts in targets:
        subprocess.run([str(tools / "pyside6-lrelease"), str(ts)], check=True)


if __name__ == "__main__":  # pragma: no cover
    update_catalogues()
