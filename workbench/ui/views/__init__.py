"""The views of the sidebar and the registry that lists them.

A later feature adds its screen by registering one more ``ViewEntry`` in
:func:`default_registry` (section "Analysis" holds Restrictions and Impact; "Compliance" is
for Screening; "Records" for Audit and Reports).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workbench.services import overview
from workbench.ui.views.audit import AuditView
from workbench.ui.views.base import ViewContext, WorkbenchView
from workbench.ui.views.big_table import BigTableView
from workbench.ui.views.customers import CustomersView
from workbench.ui.views.dashboard import DashboardView
from workbench.ui.views.impact import ImpactView
from workbench.ui.views.imports import ImportsView
from workbench.ui.views.licences import LicencesView
from workbench.ui.views.registry import ViewEntry, ViewRegistry
from workbench.ui.views.restrictions import RestrictionsView
from workbench.ui.views.screening import ScreeningView

__all__ = [
    "ViewContext",
    "ViewEntry",
    "ViewRegistry",
    "WorkbenchView",
    "default_registry",
    "section_title",
]

translate = QCoreApplication.translate

#: Sidebar sections: the entries' ``section`` keys stay English (views added later name them);
#: only the caption is translated.
_SECTIONS = (
    QT_TRANSLATE_NOOP("ViewSection", "Overview"),
    QT_TRANSLATE_NOOP("ViewSection", "Book"),
    QT_TRANSLATE_NOOP("ViewSection", "Analysis"),
    QT_TRANSLATE_NOOP("ViewSection", "Compliance"),
    QT_TRANSLATE_NOOP("ViewSection", "Records"),
)


def section_title(section: str) -> str:
    """The caption of a sidebar section in the UI language."""
    return translate("ViewSection", section)


def installed_base_view(context: ViewContext) -> WorkbenchView:
    return BigTableView(
        context,
        "installed-base",
        "machines",
        title=translate("Views", "Installed base"),
        nouns=("machine", "machines"),
        detail=overview.machine_detail,
        detail_caption=translate("Views", "Service obligations"),
        empty_detail=translate(
            "Views", "Select a machine to see its fab, classification and obligations."
        ),
    )


def contracts_view(context: ViewContext) -> WorkbenchView:
    return BigTableView(
        context,
        "contracts",
        "contracts",
        title=translate("Views", "Service contracts"),
        nouns=("contract", "contracts"),
        detail=overview.contract_detail,
        detail_caption=translate("Views", "Covered machines"),
        empty_detail=translate("Views", "Select a contract to see its terms and covered machines."),
    )


def default_registry() -> ViewRegistry:
    registry = ViewRegistry()
    registry.register(
        ViewEntry(
            "dashboard",
            translate("Views", "Dashboard"),
            "dashboard",
            DashboardView,
            section="Overview",
            order=10,
            tooltip=translate("Views", "Counts and charts of the whole book"),
        )
    )
    registry.register(
        ViewEntry(
            "customers",
            translate("Views", "Customers and Fabs"),
            "customers",
            CustomersView,
            section="Book",
            order=20,
            tooltip=translate("Views", "Groups, customers, fabs and their machines"),
        )
    )
    registry.register(
        ViewEntry(
            "installed-base",
            translate("Views", "Installed Base"),
            "installed-base",
            installed_base_view,
            section="Book",
            order=30,
            tooltip=translate("Views", "Every machine shipped, by serial number"),
        )
    )
    registry.register(
        ViewEntry(
            "contracts",
            translate("Views", "Contracts"),
            "contracts",
            contracts_view,
            section="Book",
            order=40,
            tooltip=translate("Views", "Service contracts and what they cover"),
        )
    )
    registry.register(
        ViewEntry(
            "imports",
            translate("Views", "Import History"),
            "import",
            ImportsView,
            section="Book",
            order=42,
            tooltip=translate(
                "Views", "Every import batch: its files, counts and the records it wrote"
            ),
        )
    )
    registry.register(
        ViewEntry(
            "restrictions",
            translate("Views", "Restrictions"),
            "restrictions",
            RestrictionsView,
            section="Analysis",
            order=44,
            tooltip=translate("Views", "Rule packs, scenarios and the rule editor"),
        )
    )
    registry.register(
        ViewEntry(
            "impact",
            translate("Views", "Impact"),
            "impact",
            ImpactView,
            section="Analysis",
            order=46,
            tooltip=translate("Views", "Run a scenario, read every hit and why, compare runs"),
        )
    )
    registry.register(
        ViewEntry(
            "licences",
            "Licences",
            "licences",
            LicencesView,
            section="Compliance",
            order=48,
            tooltip="Licences held: scope, validity, documents, what they protect, what ends soon",
        )
    )
    registry.register(
        ViewEntry(
            "screening",
            translate("Views", "Screening"),
            "screening",
            ScreeningView,
            section="Compliance",
            order=50,
            tooltip=translate(
                "Views",
                "Restricted-party lists, the review queue of potential matches, name checks",
            ),
        )
    )
    registry.register(
        ViewEntry(
            "audit",
            translate("Views", "Audit Trail"),
            "audit",
            AuditView,
            section="Records",
            order=60,
            tooltip=translate(
                "Views", "Who changed what, when and why; verify the chain, export for auditors"
            ),
        )
    )
    return registry
