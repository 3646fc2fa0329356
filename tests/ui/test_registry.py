from __future__ import annotations

import pytest

from workbench.ui import icons
from workbench.ui.views import default_registry
from workbench.ui.views.base import ViewContext, WorkbenchView
from workbench.ui.views.registry import ViewEntry, ViewRegistry

pytestmark = pytest.mark.ui


def _factory(_context: ViewContext) -> WorkbenchView:
    raise AssertionError("not built in this test")


def test_entries_are_grouped_by_section_in_order() -> None:
    registry = ViewRegistry()
    registry.register(ViewEntry("reports", "Reports", "x", _factory, section="Records", order=90))
    registry.register(
        ViewEntry("dashboard", "Dashboard", "x", _factory, section="Overview", order=1)
    )
    registry.register(ViewEntry("impact", "Impact", "x", _factory, section="Compliance", order=60))
    registry.register(ViewEntry("machines", "Machines", "x", _factory, section="Book", order=30))
    registry.register(
        ViewEntry("rules", "Restrictions", "x", _factory, section="Compliance", order=50)
    )
    assert registry.view_keys() == ["dashboard", "machines", "rules", "impact", "reports"]


def test_duplicate_and_unknown_keys_are_refused() -> None:
    registry = ViewRegistry()
    registry.register(ViewEntry("a", "A", "x", _factory))
    with pytest.raises(ValueError, match="already registered"):
        registry.register(ViewEntry("a", "Again", "x", _factory))
    with pytest.raises(KeyError, match="choose one of a"):
        registry.get("b")


def test_default_views_have_shipped_icons() -> None:
    shipped = set(icons.names())
    for entry in default_registry().entries():
        assert entry.icon in shipped
        assert not icons.icon(entry.icon).isNull()
