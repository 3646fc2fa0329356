"""The views of the sidebar and the registry that lists them.

A later feature adds its screen by registering one more ``ViewEntry`` in
:func:`default_registry` (section "Analysis" holds Restrictions and Impact; "Compliance" is
for Screening; "Records" for Audit and Reports).
"""

from __future__ import annotations

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

__all__ = ["ViewContext", "ViewEntry", "ViewRegistry", "WorkbenchView", "default_registry"]


def installed_base_view(context: ViewContext) -> WorkbenchView:
    return BigTableView(
        context,
        "installed-base",
        "machines",
        title="Installed base",
        nouns=("machine", "machines"),
        detail=overview.machine_detail,
        detail_caption="Service obligations",
        empty_detail="Select a machine to see its fab, classification and obligations.",
    )


def contracts_view(context: ViewContext) -> WorkbenchView:
    return BigTableView(
        context,
        "contracts",
        "contracts",
        title="Service contracts",
        nouns=("contract", "contracts"),
        detail=overview.contract_detail,
        detail_caption="Covered machines",
        empty_detail="Select a contract to see its terms and covered machines.",
    )


def default_registry() -> ViewRegistry:
    registry = ViewRegistry()
    registry.register(
        ViewEntry(
            "dashboard",
            "Dashboard",
            "dashboard",
            DashboardView,
            section="Overview",
            order=10,
            tooltip="Counts and charts of the whole book",
        )
    )
    registry.register(
        ViewEntry(
            "customers",
            "Customers and Fabs",
            "customers",
            CustomersView,
            section="Book",
            order=20,
            tooltip="Groups, customers, fabs and their machines",
        )
    )
    registry.register(
        ViewEntry(
            "installed-base",
            "Installed Base",
            "installed-base",
            installed_base_view,
            section="Book",
            order=30,
            tooltip="Every machine shipped, by serial number",
        )
    )
    registry.register(
        ViewEntry(
            "contracts",
            "Contracts",
            "contracts",
            contracts_view,
            section="Book",
            order=40,
            tooltip="Service contracts and what they cover",
        )
    )
    registry.register(
        ViewEntry(
            "imports",
            "Import History",
            "import",
            ImportsView,
            section="Book",
            order=42,
            tooltip="Every import batch: its files, counts and the records it wrote",
        )
    )
    registry.register(
        ViewEntry(
            "restrictions",
            "Restrictions",
            "restrictions",
            RestrictionsView,
            section="Analysis",
            order=44,
            tooltip="Rule packs, scenarios and the rule editor",
        )
    )
    registry.register(
        ViewEntry(
            "impact",
            "Impact",
            "impact",
            ImpactView,
            section="Analysis",
            order=46,
            tooltip="Run a scenario, read every hit and why, compare runs",
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
            "Screening",
            "screening",
            ScreeningView,
            section="Compliance",
            order=50,
            tooltip="Restricted-party lists, the review queue of potential matches, name checks",
        )
    )
    registry.register(
        ViewEntry(
            "audit",
            "Audit Trail",
            "audit",
            AuditView,
            section="Records",
            order=60,
            tooltip="Who changed what, when and why; verify the chain, export for auditors",
        )
    )
    return registry
