"""Custom item-data roles shared by models and delegates."""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)

#: The row's database id (int) in a big table or tree.
ID_ROLE = _USER + 1
#: The unformatted cell value (date, Decimal, int, str or None).
RAW_ROLE = _USER + 2
#: A ``formatting.Badge`` (or a list of them) drawn by ``BadgeDelegate`` instead of text.
BADGE_ROLE = _USER + 3
#: What a tree node is: "customer", "fab", "machine" or "more".
KIND_ROLE = _USER + 4
