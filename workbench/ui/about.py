"""The About dialog: what this build is, what it is made of, and where its reference data is from.

Compliance teams sign reports produced with this tool, so they must be able to tell exactly
which version they ran and which public data it shipped with; and the LGPL of Qt/PySide6 (and
of psycopg and pycountry) obliges a redistributor to name those components and their licences.
The component list is therefore read from the installed distributions' own metadata (the frozen
build copies that metadata in), following the application's declared requirements, so it cannot
drift from what is really bundled. A small table fills in licences for distributions whose
metadata says nothing usable.
"""

from __future__ import annotations

import html
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench import __version__
from workbench.paths import resource
from workbench.ui import icons

APP_TITLE = "Compliance Workbench"
#: The application's own distribution, the root of the requirement walk.
APP_DISTRIBUTION = "compliance-workbench"
#: Extras whose requirements are part of the desktop application.
APP_EXTRAS = ("gui",)

#: Licences for distributions whose metadata carries only prose, a whole licence text or nothing.
KNOWN_LICENCES = {
    "pyside6-essentials": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "shiboken6": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "sqlalchemy": "MIT",
    "alembic": "MIT",
    "polars": "MIT",
    "polars-runtime-32": "MIT",
    "reportlab": "BSD-3-Clause",
    "rl-accel": "BSD-3-Clause",
    "openpyxl": "MIT",
    "python-calamine": "MIT",
    "pydantic": "MIT",
    "pyyaml": "MIT",
    "rapidfuzz": "MIT",
    "pycountry": "LGPL-2.1-only",
    "defusedxml": "PSF-2.0",
    "platformdirs": "MIT",
    "psycopg": "LGPL-3.0-only",
    "psycopg-binary": "LGPL-3.0-only",
}

#: Short names for the trove classifiers that older distributions use instead of SPDX.
_CLASSIFIER_LICENCES = {
    "MIT License": "MIT",
    "BSD License": "BSD",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0",
    "ISC License (ISCL)": "ISC",
}
#: A ``License`` field longer than this is a pasted licence text, not a name.
_LICENCE_NAME_MAX = 60
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Component:
    """One bundled piece of software (or font) and the licence it comes under."""

    name: str
    version: str
    licence: str
    home: str = ""


def normalise(name: str) -> str:
    """PEP 503 form, so ``PyYAML``, ``pyyaml`` and ``py_yaml`` are one distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _field(meta: metadata.PackageMetadata, key: str) -> str:
    """One metadata field, empty when absent (the 3.11 protocol has no ``get``)."""
    return str(meta[key]).strip() if key in meta else ""


def licence_of(meta: metadata.PackageMetadata) -> str:
    """The licence a distribution declares, as short as its metadata allows."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    declared = _field(meta, "License")
    if declared and "\n" not in declared and len(declared) <= _LICENCE_NAME_MAX:
        return declared
    for classifier in meta.get_all("Classifier") or []:
        if str(classifier).startswith("License ::"):
            label = str(classifier).rsplit("::", 1)[-1].strip()
            return _CLASSIFIER_LICENCES.get(label, label)
    return KNOWN_LICENCES.get(normalise(_field(meta, "Name")), "see the distribution")


def _home(meta: metadata.PackageMetadata) -> str:
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "repository", "source code"}:
            return url.strip()
    return _field(meta, "Home-page")


def _requirements(
    dist: metadata.Distribution, extras: frozenset[str]
) -> list[tuple[str, frozenset[str]]]:
    """Names (with their own requested extras) a distribution requires under ``extras``.

    Only ``extra == "..."`` markers are judged; any other marker (platform, Python version) is
    settled by whether the requirement is installed at all, which is what matters for "bundled".
    """
    found: list[tuple[str, frozenset[str]]] = []
    for line in dist.requires or []:
        requirement, _, marker = line.partition(";")
        wanted = _EXTRA_MARKER.findall(marker)
        if wanted and not extras.intersection(wanted):
            continue
        match = _REQUIREMENT.match(requirement)
        if match:
            own = frozenset(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
            found.append((match.group(1), own))
    return found


def bundled_distributions(
    root: str = APP_DISTRIBUTION, extras: tuple[str, ...] = APP_EXTRAS
) -> list[Component]:
    """Every installed distribution the application's requirements reach, sorted by name.

    Without the application's own metadata (a source checkout that was never installed), the
    walk starts from the well-known direct requirements instead.
    """
    todo: list[tuple[str, frozenset[str]]] = []
    try:
        metadata.distribution(root)
        todo.append((root, frozenset(extras)))
    except metadata.PackageNotFoundError:
        todo.extend((name, frozenset()) for name in KNOWN_LICENCES)
    seen: dict[str, frozenset[str]] = {}
    found: dict[str, Component] = {}
    while todo:
        name, wanted = todo.pop()
        key = normalise(name)
        if key in seen and wanted <= seen[key]:
            continue
        seen[key] = seen.get(key, frozenset()) | wanted
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if key != normalise(root):
            meta = dist.metadata
            found[key] = Component(
                name=_field(meta, "Name") or name,
                version=dist.version,
                licence=licence_of(meta),
                home=_home(meta),
            )
        todo.extend(_requirements(dist, seen[key]))
    return sorted(found.values(), key=lambda c: normalise(c.name))


def runtime_components() -> list[Component]:
    """The interpreter and the Qt libraries, which are no Python distributions of their own."""
    return [
        Component(
            "Python",
            platform.python_version(),
            "PSF-2.0",
            "https://www.python.org/",
        ),
        Component("Qt", qVersion(), "LGPL-3.0-only", "https://www.qt.io/"),
    ]


def font_components(folder: Path | None = None) -> list[Component]:
    """Fonts shipped in ``resources/fonts``, each described by the licence file beside it."""
    folder = folder or resource("fonts")
    found: list[Component] = []
    for licence_file in sorted(folder.glob("*.LICENSE.txt")) if folder.is_dir() else []:
        text = licence_file.read_text(encoding="utf-8", errors="replace")
        lines = text.splitlines()
        title = lines[0].strip() if lines else licence_file.stem
        name = title.split("(")[0].strip() or licence_file.stem
        version = next(
            (ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("Version:")), ""
        )
        licence = next(
            (ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("License:")),
            f"see {licence_file.name}",
        )
        found.append(Component(f"{name} (font)", version, licence))
    return found


def all_components() -> list[Component]:
    return [*runtime_components(), *bundled_distributions(), *font_components()]


def data_sources_text() -> str:
    """The provenance of the shipped reference data, as the Markdown file that records it."""
    origin = resource("reference", "ORIGIN.md")
    if origin.is_file():
        return origin.read_text(encoding="utf-8")
    return "The reference data's origin file (reference/ORIGIN.md) is missing from this build."


class AboutDialog(QDialog):
    """Version and purpose; bundled components with licences; reference-data sources."""

    def __init__(self, parent: QWidget | None = None, database_url: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_TITLE}")
        self.setWindowIcon(icons.icon("app"))
        self.resize(760, 560)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._summary(database_url), "About")
        self.components = self._component_tree(all_components())
        self.tabs.addTab(self.components, "Components and licences")
        self.sources = QTextBrowser()
        self.sources.setObjectName("aboutDataSources")
        self.sources.setOpenExternalLinks(True)
        self.sources.setMarkdown(data_sources_text())
        self.tabs.addTab(self.sources, "Reference data sources")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _summary(self, database_url: str | None) -> QWidget:
        page = QWidget()
        logo = QLabel()
        logo.setObjectName("aboutIcon")
        logo.setPixmap(icons.icon("app").pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.version_label = QLabel(f"<h2>{APP_TITLE}</h2><p>Version {__version__}</p>")
        self.version_label.setObjectName("aboutVersion")
        database = f"<p>Database: {_escape(database_url)}</p>" if database_url else ""
        text = QLabel(
            "<p>Which service obligations on your installed base would an enacted or proposed "
            "export restriction hit, from when, and how much contract value is at risk.</p>"
            f"{database}"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {pyside_version} · {_escape(platform.platform(terse=True))}</p>"
            "<p>The components tab lists the licence of every bundled library; the LGPL "
            "ones (Qt, PySide6, psycopg, pycountry) are shipped as separate shared libraries "
            "and modules that can be replaced.</p>"
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout()
        column.addWidget(self.version_label)
        column.addWidget(text)
        column.addStretch(1)
        row = QHBoxLayout(page)
        row.addWidget(logo)
        row.addLayout(column, 1)
        return page

    @staticmethod
    def _component_tree(components: list[Component]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("aboutComponents")
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(["Component", "Version", "Licence", "Home page"])
        tree.setSortingEnabled(False)
        for component in components:
            item = QTreeWidgetItem(
                [component.name, component.version, component.licence, component.home]
            )
            item.setToolTip(2, component.licence)
            tree.addTopLevelItem(item)
        for column in range(3):
            tree.resizeColumnToContents(column)
        return tree


def _escape(text: str) -> str:
    return html.escape(text)
