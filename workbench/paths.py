"""Where the shipped resources live, whether run from the source tree, a wheel or a frozen build.

Every lookup of a rule pack, reference list, font or icon goes through :func:`resource`, so a
PyInstaller bundle only has to set one directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` directory: env override, frozen bundle, or source checkout."""
    override = os.environ.get("WORKBENCH_RESOURCES")
    if override:
        return Path(override)
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource("rules", "us-2022-10.yaml")``."""
    return resources_dir().joinpath(*parts)
