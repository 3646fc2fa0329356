"""What goes into the frozen application and what stays out, shared by the spec and the tests.

Kept apart from ``workbench.spec`` (which PyInstaller executes with its own globals) so that the
rules can be imported and checked without running a build.

Why each exclusion is safe: the application imports none of these modules itself; they come in
only because a library it uses *may* import them (polars looks for pandas and pyarrow;
SQLAlchemy's test plugins look for pytest; PIL for tkinter). Every such optional import is
guarded by the library, so leaving the module out turns it into the library's "not installed"
branch. ``installer/smoke.sh`` proves the bundle still does the app's whole job.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import PurePosixPath

APP_NAME = "Compliance Workbench"
#: Folder and executable name of the bundle; also the Linux desktop-file and icon name stem.
EXECUTABLE = "workbench"
#: Windows only: the same program without a console window, for the Start-menu shortcut.
GUI_EXECUTABLE = "workbench-gui"
DESKTOP_ID = "compliance-workbench"
BUNDLE_IDENTIFIER = "example.compliance-workbench"

#: Python modules the app does not use but that its libraries would drag in.
EXCLUDED_MODULES = (
    # GUI toolkits other than Qt
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    # data-science stacks that polars, rapidfuzz or reportlab import only if present (numpy
    # stays: the run fingerprint hashes columns through it)
    "pandas",
    "adbc_driver_sqlite",  # the app reads SQLite through sqlite3 on purpose (storage/frames.py)
    "connectorx",
    # pyarrow stays (ADBC hands PostgreSQL rows over as Arrow tables), without the parts that
    # neither ADBC nor polars.from_arrow loads: 170 MB in full, ~90 MB of it these. ADBC's
    # dbapi imports pyarrow.dataset, so that and the Acero engine it is built on stay; its ORC
    # and Parquet formats are optional (guarded imports in pyarrow/dataset.py).
    "pyarrow.tests",
    "pyarrow._pyarrow_cpp_tests",
    "pyarrow.flight",
    "pyarrow._flight",
    "pyarrow.substrait",
    "pyarrow._substrait",
    "pyarrow.parquet",
    "pyarrow._parquet",
    "pyarrow._parquet_encryption",
    "pyarrow._dataset_orc",
    "pyarrow._dataset_parquet",
    "pyarrow._dataset_parquet_encryption",
    "pyarrow.orc",
    "pyarrow._orc",
    "pyarrow.feather",
    "pyarrow._feather",
    "pyarrow._s3fs",
    "pyarrow._gcsfs",
    "pyarrow._azurefs",
    "pyarrow._hdfs",
    "pyarrow.cuda",
    "pyarrow._cuda",
    "pyarrow.gandiva",
    "matplotlib",
    "scipy",
    "IPython",
    "jedi",
    "notebook",
    # test and development tools
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "ruff",
    "importlinter",
    "grimp",
    "lib2to3",
    "pydoc_data",
    "test",
    "sqlalchemy.testing",
    "setuptools",
    "pkg_resources",
    "pip",
)

#: Qt modules the app never imports; PySide6 hooks would otherwise follow shiboken's imports.
QT_EXCLUDED_MODULES = (
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtConcurrent",
    "PySide6.QtDataVisualization",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtPrintSupport",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtTest",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtXml",
)

#: Qt plugin folders whose files are all dropped: features the app has no use for.
DROPPED_QT_PLUGIN_DIRS = frozenset(
    {
        "designer",
        "egldeviceintegrations",  # EGLFS: full-screen embedded displays without a desktop
        "generic",  # touch/tablet input drivers (evdev, tslib) for embedded devices
        "networkinformation",
        "position",
        "printsupport",
        "qmltooling",
        "sqldrivers",
        "tls",
    }
)

#: Image formats kept: SVG for the icons, ICO for Windows, PNG is built into QtGui.
KEPT_IMAGE_FORMATS = frozenset({"qsvg", "qico"})

#: Platform plugins kept: desktops (X11, Wayland, Windows, macOS) and the headless pair that
#: screenshots and tests use. The embedded ones (eglfs, linuxfb, vnc, vkkhrdisplay) go.
KEPT_PLATFORMS = frozenset(
    {"qxcb", "qwayland", "qwindows", "qdirect2d", "qcocoa", "qoffscreen", "qminimal"}
)

#: Platform themes kept. The GTK 3 theme is dropped: it would load the user's GTK against the
#: GLib, Cairo and Pango copied from the build machine, a mix that breaks across distributions;
#: the portal theme gives native file dialogs through D-Bus instead.
KEPT_PLATFORM_THEMES = frozenset({"qxdgdesktopportal"})

#: The window's languages besides English (``workbench.ui.i18n.LANGUAGES``; a UI test keeps the
#: two equal). Their Qt translations are kept, no others.
SHIPPED_LANGUAGES = ("de", "nl", "ja", "ko")
_KEPT_QT_TRANSLATION_RE = re.compile(r"/qtbase_(?:" + "|".join(SHIPPED_LANGUAGES) + r")\.qm$")

#: Data folders of libraries that the app reads only in part: pycountry's 22 MB of name
#: translations, of which the importer reads the country names (``iso3166-1``) in the languages
#: exports come in, to understand "Volksrepublik China" or "中國大陸" (a superset of the
#: window's languages, whose dashboard names countries with them). The locales are those of
#: ``workbench.importers.countries.TRANSLATION_LOCALES`` (a test keeps the two equal).
DROPPED_DATA_DIRS = ("pycountry/locales/",)
KEPT_COUNTRY_LOCALES = (
    "de", "nl", "fr", "ja", "ko", "zh_CN", "zh_TW", "zh_HK", "es", "it", "pl", "pt", "pt_BR",
    "sv", "da", "fi", "nb_NO", "cs", "sk", "hu", "ro", "ru", "he", "vi", "th", "ms", "id", "tr",
)  # fmt: skip
_KEPT_COUNTRY_NAMES = tuple(
    f"pycountry/locales/{locale}/LC_MESSAGES/iso3166-1.mo" for locale in KEPT_COUNTRY_LOCALES
)

# PySide6 keeps Qt under PySide6/Qt/ on Linux and macOS, directly under PySide6/ on Windows.
_PLUGIN_RE = re.compile(r"(?:^|/)PySide6/(?:Qt\d?/)?plugins/([^/]+)/(?:lib)?([^/.]+)")
_TRANSLATIONS_RE = re.compile(r"(?:^|/)PySide6/(?:Qt\d?/)?translations/")


def keep_file(dest: str) -> bool:
    """Whether the bundle keeps the file PyInstaller would place at ``dest``.

    Qt's translations are dropped but for ``qtbase`` in the shipped languages (the dialog
    buttons and file dialog of a translated window); plugins are dropped per folder
    (``DROPPED_QT_PLUGIN_DIRS``) and image formats per plugin.
    """
    path = PurePosixPath(dest.replace("\\", "/")).as_posix()
    if _TRANSLATIONS_RE.search(path):
        return _KEPT_QT_TRANSLATION_RE.search(path) is not None
    if any(path.startswith(folder) for folder in DROPPED_DATA_DIRS):
        return path.endswith(_KEPT_COUNTRY_NAMES)
    match = _PLUGIN_RE.search(path)
    if match:
        folder, plugin = match.groups()
        if folder in DROPPED_QT_PLUGIN_DIRS:
            return False
        kept = {
            "imageformats": KEPT_IMAGE_FORMATS,
            "platforms": KEPT_PLATFORMS,
            "platformthemes": KEPT_PLATFORM_THEMES,
        }.get(folder)
        if kept is not None:
            return plugin in kept
    return True


def filter_toc(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """PyInstaller TOC entries (dest, source, kind) without the files ``keep_file`` rejects."""
    return [entry for entry in entries if keep_file(entry[0])]


def folder_size(root: str) -> int:
    """Total bytes of the files under ``root`` (symlinks counted once, as the link)."""
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def _base(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _is_root(entry: tuple[str, str, str]) -> bool:
    """Files something loads by path rather than by the dynamic linker: they anchor the walk."""
    dest, _source, kind = entry
    path = dest.replace("\\", "/")
    name = _base(path)
    # Hooks sometimes collect an extension module as a plain BINARY as well: judge by name too.
    extension = ".cpython-" in name or name.endswith((".abi3.so", ".pyd"))
    return (
        kind == "EXTENSION"
        or extension
        or "/plugins/" in f"/{path}"
        or name.startswith("libpython")
    )


def unreferenced_libraries(
    binaries: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
    keep: Collection[str] = (),
) -> set[str]:
    """Destinations of shared libraries that no kept extension module or plugin needs.

    PyInstaller resolves each collected binary's dependencies before the spec can drop any
    plugin, so libraries needed only by dropped plugins stay behind (the GTK theme alone brings
    GLib, Cairo, Pango and ATK). ``imports_of(source)`` gives the base names of every library a
    file needs, transitively (on Linux, what ``ldd`` lists); a library in none of those lists
    for any root is unreferenced. Symbolic links go with the library they point at.
    """
    entries = list(binaries)
    needed: set[str] = set()
    roots: set[str] = {dest.replace("\\", "/") for dest in keep}
    for entry in entries:
        if _is_root(entry) or entry[0].replace("\\", "/") in roots:
            roots.add(entry[0].replace("\\", "/"))
            needed.update(imports_of(entry[1]))
    dropped: set[str] = set()
    for dest, source, kind in entries:
        path = dest.replace("\\", "/")
        if kind == "BINARY" and path not in roots and not {_base(dest), _base(source)} & needed:
            dropped.add(path)
    for dest, source, kind in entries:
        # PyInstaller's links point from a top-level name to the library's bundle path.
        if kind == "SYMLINK" and source.replace("\\", "/") in dropped:
            dropped.add(dest)
    return dropped
