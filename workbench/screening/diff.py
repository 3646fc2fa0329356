"""What changed between two versions of a list, entry by entry.

Matching decisions are raised again only when their list entry changes, and analysts read the
added entries first after an import; both need the difference keyed by the stable entry key.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.screening.entries import ENTRY_FIELDS, ListEntry, ListSnapshot


@dataclass(frozen=True, slots=True)
class EntryChange:
    """One entry present in both versions whose content differs."""

    old: ListEntry
    new: ListEntry
    fields: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.new.key


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    added: tuple[ListEntry, ...]
    removed: tuple[ListEntry, ...]
    changed: tuple[EntryChange, ...]
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_snapshots(old: ListSnapshot | None, new: ListSnapshot) -> SnapshotDiff:
    """Added, removed and changed entries from ``old`` to ``new`` (``old`` None: all added)."""
    before = {entry.key: entry for entry in old.entries} if old is not None else {}
    after = {entry.key: entry for entry in new.entries}
    added = tuple(entry for key, entry in after.items() if key not in before)
    removed = tuple(entry for key, entry in before.items() if key not in after)
    changed: list[EntryChange] = []
    unchanged = 0
    for key, entry in after.items():
        previous = before.get(key)
        if previous is None:
            continue
        differing = changed_fields(previous, entry)
        if differing:
            changed.append(EntryChange(previous, entry, differing))
        else:
            unchanged += 1
    return SnapshotDiff(added, removed, tuple(changed), unchanged)


def changed_fields(old: ListEntry, new: ListEntry) -> tuple[str, ...]:
    """Names of the fields whose values differ between two versions of one entry."""
    return tuple(name for name in ENTRY_FIELDS if getattr(old, name) != getattr(new, name))
