"""What the bundle keeps and drops: the rules, and that the app itself needs nothing dropped."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import bundle_rules  # noqa: E402


def _imported_modules() -> set[str]:
    """Every module the application's own code imports, anywhere (also inside functions)."""
    found: set[str] = set()
    for source in (ROOT / "workbench").rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    return found


def _excluded(module: str, excluded: Iterable[str]) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in excluded)


def test_app_imports_no_excluded_module() -> None:
    excluded = [*bundle_rules.EXCLUDED_MODULES, *bundle_rules.QT_EXCLUDED_MODULES]
    clashes = sorted(m for m in _imported_modules() if _excluded(m, excluded))
    assert clashes == []


def test_the_qt_modules_the_app_uses_are_kept() -> None:
    used = {m for m in _imported_modules() if m.startswith("PySide6.Qt")}
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= used
    assert not used & set(bundle_rules.QT_EXCLUDED_MODULES)


def test_excludes_cover_the_heavy_unused_stacks() -> None:
    for name in ("tkinter", "pandas", "pytest", "IPython", "hypothesis", "mypy"):
        assert name in bundle_rules.EXCLUDED_MODULES
    assert "PySide6.QtWebEngineCore" in bundle_rules.QT_EXCLUDED_MODULES
    assert "PySide6.QtNetwork" in bundle_rules.QT_EXCLUDED_MODULES


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("resources/rules/us-2022-10.yaml", True),
        ("resources/fonts/wqy-zenhei.ttc", True),
        ("workbench/storage/migrations/versions/0001_initial.py", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_de.qm", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        # Windows wheels keep Qt directly under PySide6\
        ("PySide6\\plugins\\imageformats\\qwebp.dll", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\translations\\qtbase_ja.qm", True),
        ("PySide6\\translations\\qt_help_ja.qm", False),
        ("other/plugins/imageformats/libqjpeg.so", True),  # not Qt's: left alone
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("pycountry/locales/de/LC_MESSAGES/iso3166-2.mo", False),
        ("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo", True),
        ("pycountry/locales/el/LC_MESSAGES/iso3166-1.mo", False),
        ("pycountry/locales/de/LC_MESSAGES/iso639-3.mo", False),
        ("pycountry/databases/iso3166-1.json", True),
    ],
)
def test_keep_file(dest: str, kept: bool) -> None:
    assert bundle_rules.keep_file(dest) is kept


def test_filter_toc_keeps_order_and_entries() -> None:
    toc = [
        ("a.so", "/x/a.so", "BINARY"),
        ("PySide6/Qt/translations/qt_ja.qm", "/x/qt_ja.qm", "DATA"),
        ("b.so", "/x/b.so", "BINARY"),
    ]
    assert bundle_rules.filter_toc(toc) == [toc[0], toc[2]]


def test_unreferenced_libraries_follow_roots_only() -> None:
    binaries = [
        ("polars/ext.cpython-311-x86_64-linux-gnu.so", "/s/polars/ext.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
        ("libz.so.1", "/usr/lib/libz.so.1", "BINARY"),
        # needed only by the GTK theme plugin, which the spec dropped before this walk
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/s/libQt6Network.so.6", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6XcbQpa.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6", "SYMLINK"),
    ]
    needs = {
        "/s/polars/ext.so": ["libz.so.1"],
        "/s/libqxcb.so": ["libQt6XcbQpa.so.6", "libxcb.so.1"],
        "/s/libpython3.11.so.1.0": [],
    }
    dropped = bundle_rules.unreferenced_libraries(binaries, lambda src: needs.get(src, []))
    assert dropped == {
        "libcairo.so.2",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "libQt6Network.so.6",
    }


def test_unreferenced_libraries_never_drop_roots() -> None:
    binaries = [
        ("a/mod.so", "/s/mod.so", "EXTENSION"),
        # the same extension also collected as a plain binary by a hook (pyarrow's does this)
        ("pyarrow/lib.cpython-311-x86_64-linux-gnu.so", "/s/lib.cpython-311.so", "BINARY"),
        ("pyarrow/lib.cpython-311-x86_64-linux-gnu.so", "/s/lib.cpython-311.so", "EXTENSION"),
        ("PySide6/QtCore.abi3.so", "/s/QtCore.abi3.so", "BINARY"),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "/s/libqsvgicon.so", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),
    ]
    assert bundle_rules.unreferenced_libraries(binaries, lambda _src: []) == set()


def test_unreferenced_libraries_keep_what_is_opened_by_path() -> None:
    binaries = [
        ("adbc_driver_postgresql/libadbc_driver_postgresql.so", "/s/libadbc.so", "BINARY"),
        ("libpq.so.5", "/usr/lib/libpq.so.5", "BINARY"),
        ("libunused.so.1", "/usr/lib/libunused.so.1", "BINARY"),
    ]
    needs = {"/s/libadbc.so": ["libpq.so.5"]}
    dropped = bundle_rules.unreferenced_libraries(
        binaries,
        lambda src: needs.get(src, []),
        keep={"adbc_driver_postgresql/libadbc_driver_postgresql.so"},
    )
    assert dropped == {"libunused.so.1"}


def test_folder_size_counts_files_not_links(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.bin").write_bytes(b"x" * 1000)
    (tmp_path / "sub" / "b.bin").write_bytes(b"y" * 24)
    (tmp_path / "link.bin").symlink_to(tmp_path / "a.bin")
    assert bundle_rules.folder_size(str(tmp_path)) == 1024


def test_the_spec_names_every_lazily_imported_command_group() -> None:
    """cli/main.py imports command groups by name, which PyInstaller cannot follow; the spec
    lists them from COMMAND_MODULES, and each of those names must import."""
    import importlib
    from pathlib import Path

    from workbench.cli.main import COMMAND_MODULES

    spec = (Path(__file__).resolve().parents[2] / "installer" / "workbench.spec").read_text()
    assert "COMMAND_MODULES" in spec
    for name in COMMAND_MODULES:
        assert hasattr(importlib.import_module(f"workbench.cli.{name}"), "register")


def test_the_country_names_the_importer_reads_are_kept() -> None:
    from workbench.importers.countries import TRANSLATION_LOCALES

    assert tuple(bundle_rules.KEPT_COUNTRY_LOCALES) == TRANSLATION_LOCALES
    assert bundle_rules.keep_file("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo")
    assert bundle_rules.keep_file("pycountry/locales/zh_TW/LC_MESSAGES/iso3166-1.mo")
    assert not bundle_rules.keep_file("pycountry/locales/de/LC_MESSAGES/iso639-3.mo")
    assert not bundle_rules.keep_file("pycountry/locales/el/LC_MESSAGES/iso3166-1.mo")
