"""The sidebar's registry: later features add a view by registering one entry.

Restrictions, Impact, Screening, Audit and Reports each register a :class:`ViewEntry` in
``workbench.ui.views.default_registry``; the main window builds the sidebar, the View menu and
the ``--view`` choices from it, so no screen exists before its feature does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.ui.views.base import ViewContext, WorkbenchView

ViewFactory = Callable[[ViewContext], WorkbenchView]


@dataclass(frozen=True)
class ViewEntry:
    key: str  # command-line name, e.g. "installed-base"
    title: str
    icon: str  # file name under resources/icons, without ".svg"
    factory: ViewFactory
    section: str = "Book"
    order: int = 100
    tooltip: str = ""


class ViewRegistry:
    """Ordered entries, by section then order; keys are unique."""

    def __init__(self) -> None:
        self._entries: dict[str, ViewEntry] = {}

    def register(self, entry: ViewEntry) -> None:
        if entry.key in self._entries:
            raise ValueError(f"A view named '{entry.key}' is already registered.")
        self._entries[entry.key] = entry

    def entries(self) -> list[ViewEntry]:
        sections: dict[str, int] = {}
        for entry in sorted(self._entries.values(), key=lambda e: e.order):
            sections.setdefault(entry.section, entry.order)
        return sorted(self._entries.values(), key=lambda e: (sections[e.section], e.order))

    def view_keys(self) -> list[str]:
        return [e.key for e in self.entries()]

    def get(self, key: str) -> ViewEntry:
        try:
            return self._entries[key]
        except KeyError:
            known = ", ".join(self.view_keys())
            raise KeyError(f"There is no view '{key}'; choose one of {known}.") from None
