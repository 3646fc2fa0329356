from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from workbench.screening import ListEntry, ListFormat, ListSnapshot, diff_snapshots


def _snapshot(*entries: ListEntry) -> ListSnapshot:
    return ListSnapshot(ListFormat.CSL_CSV, "x.csv", "0" * 64, tuple(entries))


A = ListEntry(key="a", source="entity_list", name="Acme", countries=("CN",))
B = ListEntry(key="b", source="sdn", name="Bravo")
C = ListEntry(key="c", source="meu", name="Charlie")


def test_added_removed_changed_by_key() -> None:
    a2 = replace(A, footnotes=("FN5",), aliases=("Acme Corp",))
    diff = diff_snapshots(_snapshot(A, B), _snapshot(a2, C))
    assert diff.added == (C,)
    assert diff.removed == (B,)
    (change,) = diff.changed
    assert change.key == "a"
    assert change.fields == ("aliases", "footnotes")
    assert change.old is A and change.new is a2
    assert diff.unchanged == 0
    assert not diff.is_empty


def test_first_import_is_all_added() -> None:
    diff = diff_snapshots(None, _snapshot(A, B))
    assert diff.added == (A, B)
    assert diff.removed == () and diff.changed == ()


_entries = st.lists(
    st.builds(
        ListEntry,
        key=st.text(alphabet="abcdef", min_size=1, max_size=3),
        source=st.sampled_from(["entity_list", "sdn"]),
        name=st.text(min_size=1, max_size=10),
    ),
    unique_by=lambda e: e.key,
    max_size=15,
)


@given(_entries, _entries)
def test_diff_accounts_for_every_key(old: list[ListEntry], new: list[ListEntry]) -> None:
    diff = diff_snapshots(_snapshot(*old), _snapshot(*new))
    new_keys = {e.key for e in new}
    old_keys = {e.key for e in old}
    assert {e.key for e in diff.added} == new_keys - old_keys
    assert {e.key for e in diff.removed} == old_keys - new_keys
    assert len(diff.changed) + diff.unchanged == len(new_keys & old_keys)
    assert diff_snapshots(_snapshot(*new), _snapshot(*new)).is_empty
