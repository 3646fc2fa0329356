"""Where the shipped resources live, whether run from the source tree, a wheel or a frozen build.

Every lookup of a rule pack, reference list, font or icon goes through :func:`resource`, so a
PyInstaller bundle only has to set one directory.

The three layouts, tried in this order (the first folder that exists wins):

* frozen (PyInstaller): the bundle copies ``resources/`` beside the collected modules, under
  ``sys._MEIPASS``; nothing else on that machine may be trusted to hold it.
* wheel: the package ships the folder as package data, ``workbench/_resources``. It comes
  before the source tree because, in a wheel install, the "source tree" candidate would be
  ``site-packages/resources``, a folder some other distribution might own.
* source tree: ``resources/`` beside the ``workbench`` package (a checkout, an editable install).

``WORKBENCH_RESOURCES`` overrides all three, so a deployment can ship edited rule packs without
rebuilding the application.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The ``workbench`` package folder; a module attribute so tests can stand up other layouts.
_PACKAGE_DIR = Path(__file__).resolve().parent

#: Name of the folder inside the package that a wheel carries the resources in.
PACKAGED_NAME = "_resources"


def candidates() -> list[Path]:
    """The folders that may hold the resources, most specific first."""
    found: list[Path] = []
    override = os.environ.get("WORKBENCH_RESOURCES")
    if override:
        found.append(Path(override))
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        found.append(Path(frozen_base) / "resources")
    found.append(_PACKAGE_DIR / PACKAGED_NAME)
    found.append(_PACKAGE_DIR.parent / "resources")
    return found


def resources_dir() -> Path:
    """The ``resources/`` directory: env override, frozen bundle, wheel, or source checkout.

    An explicit override is returned even when it does not exist, so a mistyped path fails
    loudly at the first lookup instead of silently falling back to the shipped data. Without
    any existing candidate the source-tree path is returned, which names the folder a
    developer would expect in the error that follows.
    """
    options = candidates()
    if os.environ.get("WORKBENCH_RESOURCES"):
        return options[0]
    for folder in options:
        if folder.is_dir():
            return folder
    return options[-1]


def resource(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource("rules", "us-2022-10.yaml")``."""
    return resources_dir().joinpath(*parts)
