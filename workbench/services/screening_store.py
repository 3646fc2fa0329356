"""List versions in the database: entries to rows and back, and the matcher over the newest lists.

Building the matcher over 26,000 entries takes seconds, and list versions never change once
imported, so the index is kept per process, keyed by the SHA-256 of the files it was built
from: the same file read by the same reader gives the same entries whichever database holds it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.screening import ListEntry, ListFormat, PolicyCategory, ScreeningIndex
from workbench.screening.entries import ENTRY_FIELDS
from workbench.storage.database import Database
from workbench.storage.orm import ScreeningListEntryRow, ScreeningListVersionRow

#: Which versions replace each other: both CSL layouts are the same list from trade.gov.
SOURCE_OF_FORMAT: dict[ListFormat, str] = {
    ListFormat.CSL_CSV: "csl",
    ListFormat.CSL_JSON: "csl",
    ListFormat.OPENSANCTIONS_CSV: "opensanctions",
}

_ENTRY_COLUMNS = (
    ScreeningListEntryRow.entry_key,
    ScreeningListEntryRow.list_code,
    ScreeningListEntryRow.name,
    ScreeningListEntryRow.aliases_json,
    ScreeningListEntryRow.countries,
    ScreeningListEntryRow.addresses_json,
    ScreeningListEntryRow.programs_json,
    ScreeningListEntryRow.entity_type,
    ScreeningListEntryRow.source_name,
    ScreeningListEntryRow.entity_number,
    ScreeningListEntryRow.federal_register_notice,
    ScreeningListEntryRow.start_date,
    ScreeningListEntryRow.licence_requirement,
    ScreeningListEntryRow.licence_policy,
    ScreeningListEntryRow.footnotes,
    ScreeningListEntryRow.policy_category,
    ScreeningListEntryRow.remarks,
    ScreeningListEntryRow.content_hash,
)


class ScreeningError(WorkbenchError):
    """A list file, match or decision the user asked for cannot be used as asked."""


def content_hash(entry: ListEntry) -> str:
    """Digest of everything an entry says except its key: equal digests, equal entries."""
    values = [_plain(getattr(entry, name)) for name in ENTRY_FIELDS]
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def entry_record(entry: ListEntry, version_id: int, digest: str) -> dict[str, Any]:
    """The ``screening_list_entries`` row of one entry (tuples as JSON or comma lists)."""
    return {
        "version_id": version_id,
        "entry_key": entry.key,
        "list_code": entry.source,
        "name": entry.name,
        "aliases_json": json.dumps(list(entry.aliases), ensure_ascii=False),
        "countries": ",".join(entry.countries),
        "addresses_json": json.dumps(list(entry.addresses), ensure_ascii=False),
        "programs_json": json.dumps(list(entry.programs), ensure_ascii=False),
        "entity_type": entry.entity_type,
        "source_name": entry.source_name,
        "entity_number": entry.entity_number,
        "federal_register_notice": entry.federal_register_notice,
        "start_date": entry.start_date,
        "licence_requirement": entry.licence_requirement,
        "licence_policy": entry.licence_policy,
        "footnotes": ",".join(entry.footnotes),
        "policy_category": entry.policy_category.value if entry.policy_category else None,
        "remarks": entry.remarks,
        "content_hash": digest,
    }


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split(",") if part)


def entry_from_row(row: Sequence[Any]) -> ListEntry:
    """A :class:`ListEntry` from the values of ``_ENTRY_COLUMNS`` (the hash left off)."""
    (
        key,
        list_code,
        name,
        aliases,
        countries,
        addresses,
        programs,
        entity_type,
        source_name,
        entity_number,
        notice,
        start,
        requirement,
        policy,
        footnotes,
        category,
        remarks,
        *_,
    ) = row
    return ListEntry(
        key=key,
        source=list_code,
        name=name,
        aliases=tuple(json.loads(aliases or "[]")),
        countries=_split(countries),
        addresses=tuple(json.loads(addresses or "[]")),
        programs=tuple(json.loads(programs or "[]")),
        entity_type=entity_type,
        source_name=source_name,
        entity_number=entity_number,
        federal_register_notice=notice,
        start_date=start,
        licence_requirement=requirement,
        licence_policy=policy,
        footnotes=_split(footnotes),
        policy_category=PolicyCategory(category) if category else None,
        remarks=remarks,
    )


def entry_at(session: Session, version_id: int, key: str) -> ListEntry | None:
    """One entry of one version, or None when that version does not hold the key."""
    row = session.execute(
        select(*_ENTRY_COLUMNS).where(
            ScreeningListEntryRow.version_id == version_id,
            ScreeningListEntryRow.entry_key == key,
        )
    ).first()
    return entry_from_row(tuple(row)) if row is not None else None


def version_entries(session: Session, version_id: int) -> list[tuple[ListEntry, str]]:
    """Every entry of a version with its content hash, in the order of the file."""
    rows = session.execute(
        select(*_ENTRY_COLUMNS)
        .where(ScreeningListEntryRow.version_id == version_id)
        .order_by(ScreeningListEntryRow.id)
    )
    return [(entry_from_row(tuple(row)), str(row[-1])) for row in rows]


def latest_versions(session: Session) -> list[ScreeningListVersionRow]:
    """The newest version of each source, ordered by source."""
    newest = (
        select(func.max(ScreeningListVersionRow.id))
        .group_by(ScreeningListVersionRow.source)
        .scalar_subquery()
    )
    stmt = (
        select(ScreeningListVersionRow)
        .where(ScreeningListVersionRow.id.in_(newest))
        .order_by(ScreeningListVersionRow.source)
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class LoadedList:
    """The entries of one list file with their content hashes, as the database holds them."""

    sha256: str
    entries: tuple[ListEntry, ...]
    hashes: dict[str, str]  # entry key -> content hash


@dataclass(frozen=True)
class VersionRef:
    id: int
    source: str
    sha256: str
    list_format: str
    file_name: str
    list_date: date | None


@dataclass(frozen=True)
class CurrentLists:
    """The newest version of each source and the matcher over all their entries."""

    versions: tuple[VersionRef, ...]
    index: ScreeningIndex
    #: entry key -> (list version id, content hash, list code)
    entries: dict[str, tuple[int, str, str]]

    @property
    def version_ids(self) -> tuple[int, ...]:
        return tuple(v.id for v in self.versions)


_lock = threading.Lock()
_loaded: dict[tuple[str, str], LoadedList] = {}
_indexes: dict[tuple[tuple[str, str], ...], ScreeningIndex] = {}
#: Kept per process: the entries of a few list files (one per source, plus the one just
#: replaced) and one index, which is the big one (about 150 MB over the full CSL).
_KEEP_LISTS = 4
_KEEP_INDEXES = 1


def remember(list_format: str, loaded: LoadedList) -> None:
    """Keep the entries of a version just imported, so screening need not read them back."""
    with _lock:
        _keep(_loaded, (loaded.sha256, list_format), loaded, _KEEP_LISTS)


def _keep(cache: dict[Any, Any], key: Any, value: Any, size: int) -> None:
    cache.pop(key, None)
    cache[key] = value
    while len(cache) > size:
        cache.pop(next(iter(cache)))


def _load(session: Session, version: VersionRef) -> LoadedList:
    key = (version.sha256, version.list_format)
    with _lock:
        found = _loaded.get(key)
    if found is not None:
        return found
    pairs = version_entries(session, version.id)
    loaded = LoadedList(
        version.sha256,
        tuple(entry for entry, _ in pairs),
        {entry.key: digest for entry, digest in pairs},
    )
    remember(version.list_format, loaded)
    return loaded


def current_lists(
    db: Database, progress: Progress | None = None, cancel: CancelToken | None = None
) -> CurrentLists:
    """The matcher over the newest version of every source (built once per set of files)."""
    with db.read() as session:
        versions = tuple(
            VersionRef(v.id, v.source, v.sha256, v.list_format, v.file_name, v.list_date)
            for v in latest_versions(session)
        )
        if not versions:
            raise ScreeningError("No restricted-party list has been imported yet.")
        loaded = [_load(session, v) for v in versions]
    entries: dict[str, tuple[int, str, str]] = {}
    for version, lst in zip(versions, loaded, strict=True):
        for entry in lst.entries:
            entries[entry.key] = (version.id, lst.hashes[entry.key], entry.source)
    key = tuple((v.sha256, v.list_format) for v in versions)
    with _lock:
        index = _indexes.get(key)
    if index is None:
        index = ScreeningIndex.build(_all_entries(loaded), progress=progress, cancel=cancel)
        with _lock:
            _keep(_indexes, key, index, _KEEP_INDEXES)
    return CurrentLists(versions, index, entries)


def _all_entries(loaded: Iterable[LoadedList]) -> list[ListEntry]:
    return [entry for lst in loaded for entry in lst.entries]
