"""Tree model: group -> customer -> fab -> machines, with advanced-node and listing badges.

Customers and fabs come from ``overview.customer_tree`` (a few hundred nodes). A fab can hold
thousands of machines, so they are read only when the fab is expanded, a page at a time, through
Qt's ``canFetchMore``/``fetchMore`` protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.domain.entities import PartyListing
from workbench.services.browse import ColumnKind
from workbench.services.overview import CustomerNode, FabNode
from workbench.services.ui_support import listing_label, listing_status
from workbench.ui import formatting, icons
from workbench.ui.formatting import Badge, Tone
from workbench.ui.roles import BADGE_ROLE, ID_ROLE, KIND_ROLE

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Name", "Country", "Advanced node", "Listings", "Machines", "Details")
NAME, COUNTRY, ADVANCED, LISTINGS, MACHINES, TECHNOLOGY = range(len(COLUMNS))

#: Machines read per ``fetchMore`` when a fab is expanded.
MACHINE_PAGE = 200

MachineIds = Callable[[int], list[int]]
MachineRows = Callable[[Sequence[int]], dict[int, dict[str, Any]]]


@dataclass(eq=False)
class Node:
    kind: str  # "customer" | "fab" | "machine"
    payload: Any
    parent: Node | None
    children: list[Node] = field(default_factory=list)
    # fabs only: machine ids once read (children hold the machines fetched so far)
    machine_ids: list[int] | None = None
    row: int = 0

    def add(self, child: Node) -> None:
        """Append a child, recording its row (``parent()`` is called too often to search)."""
        child.row = len(self.children)
        self.children.append(child)


def _listing_badges(listings: Sequence[PartyListing]) -> list[Badge]:
    return [Badge(listing_label(p), Tone.DANGER) for p in listings]


def _listing_tooltip(listings: Sequence[PartyListing]) -> str | None:
    """The badge says which list; the tooltip says what rules read: policy and since when."""
    return "\n".join(listing_status(p) for p in listings) or None


class CustomerTreeModel(QAbstractItemModel):
    def __init__(
        self, machine_ids: MachineIds, machine_rows: MachineRows, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._machine_ids = machine_ids
        self._machine_rows = machine_rows
        self._root = Node("root", None, None)
        self._filter = ""
        self._data: list[CustomerNode] = []

    # -- building ---------------------------------------------------------------------------

    def set_tree(self, roots: list[CustomerNode]) -> None:
        self._data = roots
        self._rebuild()

    def set_filter(self, text: str) -> None:
        """Keep customers and fabs whose name, code, site, city or country contain ``text``."""
        self._filter = text.strip().lower()
        self._rebuild()

    def set_sources(self, machine_ids: MachineIds, machine_rows: MachineRows) -> None:
        self._machine_ids = machine_ids
        self._machine_rows = machine_rows

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._root = Node("root", None, None)
        for customer in self._data:
            node = self._customer_node(customer, self._root, ancestor_match=False)
            if node is not None:
                self._root.add(node)
        self.endResetModel()

    def _matches(self, *texts: str | None) -> bool:
        return not self._filter or any(self._filter in (t or "").lower() for t in texts)

    def _customer_node(
        self, data: CustomerNode, parent: Node, *, ancestor_match: bool
    ) -> Node | None:
        c = data.customer
        own = ancestor_match or self._matches(
            c.name, c.code, c.local_name, c.hq_country, *(a.name for a in c.aliases)
        )
        node = Node("customer", data, parent)
        for child in sorted(data.children, key=lambda n: n.customer.name.lower()):
            sub = self._customer_node(child, node, ancestor_match=own)
            if sub is not None:
                node.add(sub)
        for fab in sorted(data.fabs, key=lambda f: f.fab.name.lower()):
            f = fab.fab
            if own or self._matches(f.name, f.site_code, f.city, f.country):
                node.add(Node("fab", fab, node))
        if own or node.children:
            return node
        return None

    # -- lookups ----------------------------------------------------------------------------

    def node(self, index: _Index) -> Node:
        if index.isValid():
            pointer = index.internalPointer()
            assert isinstance(pointer, Node)
            return pointer
        return self._root

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def find(self, kind: str, record_id: int) -> QModelIndex:
        """Index of a loaded customer, fab or machine node, or invalid."""
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.kind == kind and self._record_id(node) == record_id:
                return self.index_of(node)
            stack.extend(node.children)
        return QModelIndex()

    @staticmethod
    def _record_id(node: Node) -> int | None:
        if node.kind == "customer":
            return node.payload.customer.id  # type: ignore[no-any-return]
        if node.kind == "fab":
            return node.payload.fab.id  # type: ignore[no-any-return]
        if node.kind == "machine":
            return node.payload["id"]  # type: ignore[no-any-return]
        return None

    # -- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        owner = self.node(parent)
        if row >= len(owner.children):
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        owner = self.node(index).parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.row, 0, owner)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        if node.kind == "fab":
            return bool(node.children) or node.payload.machines > 0
        return bool(node.children)

    def canFetchMore(self, parent: _Index) -> bool:
        if not parent.isValid() or parent.column() != 0:
            return False
        node = self.node(parent)
        if node.kind != "fab":
            return False
        if node.machine_ids is None:
            return bool(node.payload.machines > 0)
        return len(node.children) < len(node.machine_ids)

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        node = self.node(parent)
        if node.machine_ids is None:
            node.machine_ids = self._machine_ids(node.payload.fab.id)
        start = len(node.children)
        batch = node.machine_ids[start : start + MACHINE_PAGE]
        if not batch:
            return
        rows = self._machine_rows(batch)
        found = [rows[i] | {"id": i} for i in batch if i in rows]
        if not found:
            node.machine_ids = node.machine_ids[:start]
            return
        self.beginInsertRows(self.index_of(node), start, start + len(found) - 1)
        for row in found:
            node.add(Node("machine", row, node))
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == MACHINES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return self._record_id(node)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == MACHINES else (Qt.AlignmentFlag.AlignLeft)
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if node.kind == "customer":
            return self._customer_data(node, column, role)
        if node.kind == "fab":
            return self._fab_data(node.payload, column, role)
        return self._machine_data(node.payload, column, role)

    def _customer_data(self, node: Node, column: int, role: int) -> Any:
        data: CustomerNode = node.payload
        c = data.customer
        is_group = node.parent is self._root and bool(data.children)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return c.name
            if column == COUNTRY:
                return c.hq_country
            if column == TECHNOLOGY:
                return c.local_name or ""
            if column == MACHINES:
                return f"{data.machine_count:,}"
            return ""
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return icons.icon("group" if is_group else "customer")
        if role == BADGE_ROLE and column == LISTINGS:
            return _listing_badges(data.listings) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == LISTINGS:
            return _listing_tooltip(data.listings)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            kind = "Group" if is_group else "Customer"
            return f"{kind} {c.code}; headquartered in {c.hq_country}"
        return None

    def _fab_data(self, data: FabNode, column: int, role: int) -> Any:
        f = data.fab
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return f"{f.name}"
            if column == COUNTRY:
                return f.country
            if column == TECHNOLOGY:
                return f.technology
            if column == ADVANCED:
                return formatting.format_flag(f.advanced_node)
            if column == MACHINES:
                return f"{data.machines:,}"
            return ""
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return icons.icon("fab")
        if role == BADGE_ROLE:
            if column == ADVANCED:
                return formatting.advanced_node_badge(f.advanced_node)
            if column == LISTINGS:
                return _listing_badges(data.listings) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == LISTINGS:
            return _listing_tooltip(data.listings)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return f"{f.site_code} · {', '.join(p for p in (f.city, f.country) if p)}"
        return None

    def _machine_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return str(row.get("serial", ""))
            if column == TECHNOLOGY:
                category = formatting.format_value(row.get("category"), ColumnKind.TEXT, "category")
                return f"{row.get('model', '')} · {category}"
            if column == MACHINES:
                return formatting.format_value(row.get("status"), ColumnKind.TEXT, "status")
            return ""
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return icons.icon("machine")
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            installed = formatting.format_value(row.get("install_date"), ColumnKind.DATE)
            return f"Serial {row.get('serial')}, installed {installed}"
        return None
