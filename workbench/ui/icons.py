"""Icons shipped as SVG under ``resources/icons`` (crisp at any scale, one file per icon)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from workbench.paths import resource


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; a missing file gives an empty icon, not a crash."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def names() -> list[str]:
    return sorted(p.stem for p in resource("icons").glob("*.svg"))
