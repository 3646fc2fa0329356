"""The append-only, hash-chained audit trail: appending in the caller's transaction, checking.

Every entry's ``hash`` is the SHA-256 of a canonical serialisation of all its other columns,
``prev_hash`` (the previous entry's hash) included, so changing, removing or reordering any
entry breaks every link after it. The chain head row (newest ``seq`` and hash) is what writers
lock: on PostgreSQL its row lock queues concurrent appends, on SQLite the database write lock
does (taken by the first statement that writes). Appends therefore form one linear chain, and
since they run in the caller's session they commit or roll back with the change they describe.

Appends must come last in a transaction, after the data writes: the head is then held only for
the moment of the append, and two writers never wait on each other's rows while holding it.

Bulk inserts (an import of 100,000 machines) are packed: consecutive inserts of one table that
carry no values become one entry listing their ids and natural keys. An entry per row would cost
about as much as the insert itself; a packed entry costs a few per cent of it.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from sqlalchemy import Select, Table, func, insert, or_, select, update
from sqlalchemy.orm import Session

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.storage.orm import AuditChainHeadRow, AuditEventRow

GENESIS = "0" * 64
ACTIONS = ("insert", "update", "delete")
CAUSE_KINDS = (
    "import_batch",
    "evaluation_run",
    "manual_edit",
    "rule_edit",
    "screening_decision",
    "sign_off",
    "cli",
    "migration",
)
#: Most rows one packed insert entry lists; bounds the size of one ``new_value`` text.
PACK_LIMIT = 50_000
_READ_CHUNK = 5_000
_HEAD_ID = 1

_EVENTS: Table = AuditEventRow.__table__  # type: ignore[assignment]
_HEAD: Table = AuditChainHeadRow.__table__  # type: ignore[assignment]
_COLUMNS = (
    "seq",
    "at",
    "user_name",
    "action",
    "table_name",
    "record_id",
    "record_id_to",
    "natural_key",
    "field",
    "old_value",
    "new_value",
    "cause_kind",
    "cause_id",
    "comment",
    "reverts",
    "prev_hash",
    "hash",
)


class AuditError(WorkbenchError):
    """The audit trail cannot be written as asked."""


class AuditEvent(NamedTuple):
    """One change to record; a plain tuple in this order works as well.

    ``old`` and ``new`` are plain values (text, numbers, dates, decimals, enums, lists,
    dicts); they are stored as JSON text. An insert gives the new record as ``new`` (a dict),
    a delete the old one as ``old``; an update gives one event per changed ``field``.
    """

    action: str
    table: str
    record_id: int | None = None
    natural_key: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None


@dataclass(frozen=True, slots=True)
class Cause:
    """Why the events of one append happened, shared by all of them."""

    kind: str
    id: str | None = None
    comment: str | None = None
    #: The ``cause.id`` of the edit these events undo.
    reverts: str | None = None


@dataclass(frozen=True, slots=True)
class Appended:
    """What one append wrote: stored entries ``first_seq``..``last_seq`` for ``events``."""

    first_seq: int | None
    last_seq: int | None
    head_hash: str
    events: int

    @property
    def entries(self) -> int:
        return (
            0
            if self.first_seq is None or self.last_seq is None
            else (self.last_seq - self.first_seq + 1)
        )


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One stored entry, as read back; values stay JSON text until asked for."""

    seq: int
    at: dt.datetime
    user_name: str
    action: str
    table_name: str
    record_id: int | None
    record_id_to: int | None
    natural_key: str | None
    field: str | None
    old_value: str | None
    new_value: str | None
    cause_kind: str
    cause_id: str | None
    comment: str | None
    reverts: str | None
    prev_hash: str
    hash: str

    @property
    def old(self) -> Any:
        return None if self.old_value is None else json.loads(self.old_value)

    @property
    def new(self) -> Any:
        return None if self.new_value is None else json.loads(self.new_value)

    @property
    def packed(self) -> bool:
        """True for one entry standing for many inserted rows."""
        return self.record_id_to is not None

    def records(self) -> list[tuple[int | None, str | None]]:
        """(id, natural key) of every record this entry is about."""
        if not self.packed:
            return [(self.record_id, self.natural_key)]
        listed = self.new or {}
        return list(zip(listed.get("ids", []), listed.get("keys", []), strict=False))


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The result of checking the whole chain; ``broken_seq`` is the first bad entry."""

    entries: int
    head_seq: int
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to read; every given condition must hold."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    user: str | None = None
    table: str | None = None
    record_id: int | None = None
    cause_kind: str | None = None
    cause_id: str | None = None


# -- values and the canonical form -----------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    raise TypeError(f"cannot record a {type(value).__name__} in the audit trail")


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_plain
)


def encode_value(value: Any) -> str | None:
    """A value as the JSON text stored in ``old_value``/``new_value`` (None stays NULL)."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        value = value.value
    return _ENCODER.encode(value)


def timestamp_text(at: dt.datetime) -> str:
    """The instant as hashed: UTC to the microsecond (what both backends store exactly)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{at:%Y-%m-%dT%H:%M:%S.%f}Z"


def _text(value: str | None) -> str:
    return "null" if value is None else str(encode_basestring(value))


def _int(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def entry_hash(values: Sequence[Any]) -> str:
    """SHA-256 of the canonical JSON array of an entry's columns (``_COLUMNS`` minus ``hash``).

    Built by hand from C-accelerated pieces: a generic ``json.dumps`` per entry cost more than
    the rest of an append together.
    """
    (
        seq,
        at,
        user,
        action,
        table,
        rid,
        rid_to,
        key,
        field,
        old,
        new,
        kind,
        cid,
        note,
        rev,
        prev,
    ) = values
    text = ",".join(
        (
            _int(seq),
            _text(timestamp_text(at)),
            _text(user),
            _text(action),
            _text(table),
            _int(rid),
            _int(rid_to),
            _text(key),
            _text(field),
            _text(old),
            _text(new),
            _text(kind),
            _text(cid),
            _text(note),
            _text(rev),
            _text(prev),
        )
    )
    return hashlib.sha256(f"[{text}]".encode()).hexdigest()


# -- appending -------------------------------------------------------------------------------


def lock_for_write(session: Session) -> None:
    """Take the database write lock now (SQLite), before reading what a change depends on.

    SQLite lets one writer in at a time, but only from its first write: reads before it may see
    a state another writer is about to change. Touching the chain head first makes the rest of
    the transaction see and keep the newest state. PostgreSQL needs nothing here; its writers
    lock the rows they read (``SELECT ... FOR UPDATE``) and queue on the head at the end.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(_HEAD).where(_HEAD.c.id == _HEAD_ID).values(seq=_HEAD.c.seq))


def _as_event(item: AuditEvent | Sequence[Any] | Mapping[str, Any]) -> AuditEvent:
    if isinstance(item, AuditEvent):
        return item
    if isinstance(item, Mapping):
        return AuditEvent(**item)
    return AuditEvent(*item)


def _packable(event: AuditEvent) -> bool:
    return (
        event.action == "insert" and event.field is None and event.old is None and event.new is None
    )


def _check(event: AuditEvent) -> None:
    if event.action not in ACTIONS:
        raise AuditError(f"'{event.action}' is not an audit action; use {', '.join(ACTIONS)}.")


_Stored = tuple[str, str, int | None, int | None, str | None, str | None, str | None, str | None]


def _entries(
    events: Iterable[AuditEvent | Sequence[Any] | Mapping[str, Any]],
) -> Iterator[tuple[_Stored, int]]:
    """((action, table, record_id, record_id_to, key, field, old, new), events) per entry."""
    pack_table: str | None = None
    ids: list[int | None] = []
    keys: list[str | None] = []

    def flush() -> Iterator[tuple[_Stored, int]]:
        assert pack_table is not None
        if len(ids) == 1:
            yield ("insert", pack_table, ids[0], None, keys[0], None, None, None), 1
            return
        known = [i for i in ids if i is not None]
        listing = _ENCODER.encode({"count": len(ids), "ids": ids, "keys": keys})
        low = min(known) if known else None
        high = max(known) if known else 0
        yield ("insert", pack_table, low, high, None, None, None, listing), len(ids)

    for item in events:
        event = _as_event(item)
        _check(event)
        if _packable(event):
            if pack_table is not None and (pack_table != event.table or len(ids) >= PACK_LIMIT):
                yield from flush()
                ids, keys = [], []
            pack_table = event.table
            ids.append(event.record_id)
            keys.append(event.natural_key)
            continue
        if pack_table is not None:
            yield from flush()
            pack_table, ids, keys = None, [], []
        stored = (
            event.action,
            event.table,
            event.record_id,
            None,
            event.natural_key,
            event.field,
            encode_value(event.old),
            encode_value(event.new),
        )
        yield stored, 1
    if pack_table is not None:
        yield from flush()


def record_many(
    session: Session,
    events: Iterable[AuditEvent | Sequence[Any] | Mapping[str, Any]],
    *,
    user: str,
    cause: Cause,
    at: dt.datetime | None = None,
) -> Appended:
    """Append ``events`` to the chain inside ``session``'s transaction; call it last.

    ``events`` are :class:`AuditEvent` values, plain tuples in its field order, or dicts with
    its field names. Inserts without values are packed (see the module docstring).
    """
    return _append(session, list(_entries(events)), user, cause, at)


def record_inserts(
    session: Session,
    table: str,
    ids: Sequence[int | None],
    keys: Sequence[str | None],
    *,
    user: str,
    cause: Cause,
    at: dt.datetime | None = None,
) -> Appended:
    """Record that the rows ``ids`` (natural ``keys``, same order) of ``table`` were inserted.

    The set-based form of :func:`record_many` for bulk inserts: the same packed entries, built
    straight from the two lists without an object per row.
    """
    if len(ids) != len(keys):
        raise AuditError(f"{len(ids)} ids but {len(keys)} natural keys for {table}.")
    stored: list[tuple[_Stored, int]] = []
    for start in range(0, len(ids), PACK_LIMIT):
        part_ids, part_keys = (
            list(ids[start : start + PACK_LIMIT]),
            keys[start : start + PACK_LIMIT],
        )
        known = [i for i in part_ids if i is not None]
        listing = _ENCODER.encode(
            {"count": len(part_ids), "ids": part_ids, "keys": list(part_keys)}
        )
        low = min(known) if known else None
        stored.append(
            (
                ("insert", table, low, max(known) if known else 0, None, None, None, listing),
                len(part_ids),
            )
        )
    return _append(session, stored, user, cause, at)


def _append(
    session: Session,
    stored: Sequence[tuple[_Stored, int]],
    user: str,
    cause: Cause,
    at: dt.datetime | None,
) -> Appended:
    if cause.kind not in CAUSE_KINDS:
        raise AuditError(f"'{cause.kind}' is not a cause; use one of {', '.join(CAUSE_KINDS)}.")
    head_seq, head_hash = _take_head(session)
    if not stored:
        return Appended(None, None, head_hash, 0)
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    rows: list[dict[str, Any]] = []
    prev = head_hash
    seq = head_seq
    count = 0
    for (action, table, rid, rid_to, key, field, old, new), events_in in stored:
        seq += 1
        count += events_in
        values = (seq, when, user, action, table, rid, rid_to, key, field, old, new)
        tail = (cause.kind, cause.id, cause.comment, cause.reverts, prev)
        digest = entry_hash((*values, *tail))
        rows.append(dict(zip(_COLUMNS, (*values, *tail, digest), strict=True)))
        prev = digest
    session.execute(insert(_EVENTS), rows)
    session.execute(update(_HEAD).where(_HEAD.c.id == _HEAD_ID).values(seq=seq, hash=prev))
    return Appended(head_seq + 1, seq, prev, count)


def _take_head(session: Session) -> tuple[int, str]:
    """Lock the chain head and read it (the lock is held until the transaction ends)."""
    stmt = (
        update(_HEAD)
        .where(_HEAD.c.id == _HEAD_ID)
        .values(seq=_HEAD.c.seq)
        .returning(_HEAD.c.seq, _HEAD.c.hash)
    )
    row = session.execute(stmt).one_or_none()
    if row is None:
        raise AuditError(
            "The audit trail's chain head is missing; the database was altered outside "
            "Compliance Workbench. Restore it from a backup."
        )
    return int(row[0]), str(row[1])


# -- reading and checking --------------------------------------------------------------------


def _entry(row: Sequence[Any]) -> AuditEntry:
    values = list(row)
    at = values[1]
    values[1] = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return AuditEntry(*values)


def _select() -> Select[Any]:
    return select(*(_EVENTS.c[name] for name in _COLUMNS))


def _filtered(stmt: Select[Any], flt: AuditFilter) -> Select[Any]:
    c = _EVENTS.c
    if flt.since is not None:
        stmt = stmt.where(c.at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(c.at < flt.until)
    if flt.user is not None:
        stmt = stmt.where(c.user_name == flt.user)
    if flt.table is not None:
        stmt = stmt.where(c.table_name == flt.table)
    if flt.cause_kind is not None:
        stmt = stmt.where(c.cause_kind == flt.cause_kind)
    if flt.cause_id is not None:
        stmt = stmt.where(c.cause_id == flt.cause_id)
    if flt.record_id is not None:
        single = (c.record_id == flt.record_id) & c.record_id_to.is_(None)
        packed = (c.record_id <= flt.record_id) & (c.record_id_to >= flt.record_id)
        stmt = stmt.where(or_(single, packed))
    return stmt


def count(session: Session, flt: AuditFilter | None = None) -> int:
    stmt = _filtered(select(func.count()).select_from(_EVENTS), flt or AuditFilter())
    return int(session.scalar(stmt) or 0)


def entries(
    session: Session,
    flt: AuditFilter | None = None,
    *,
    newest_first: bool = False,
    limit: int | None = None,
) -> Generator[AuditEntry, None, None]:
    """Entries matching ``flt`` in chain order, streamed in chunks.

    With ``record_id``, a packed entry is returned only when it really lists that id.
    """
    flt = flt or AuditFilter()
    order = _EVENTS.c.seq.desc() if newest_first else _EVENTS.c.seq
    stmt = _filtered(_select(), flt).order_by(order)
    if limit is not None:
        stmt = stmt.limit(limit)
    result = session.execute(stmt.execution_options(yield_per=_READ_CHUNK))
    try:
        for row in result:
            entry = _entry(row)
            if (
                flt.record_id is not None
                and entry.packed
                and flt.record_id not in {rid for rid, _ in entry.records()}
            ):
                continue
            yield entry
    finally:
        # A reader that stops early must not leave PostgreSQL's server-side cursor open.
        result.close()


def reverted_ids(session: Session) -> set[str]:
    """Cause ids of the edits that an undo has reverted."""
    stmt = select(_EVENTS.c.reverts).where(_EVENTS.c.reverts.is_not(None)).distinct()
    return {str(v) for v in session.scalars(stmt)}


def head(session: Session) -> tuple[int, str]:
    row = session.execute(select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == _HEAD_ID)).one()
    return int(row[0]), str(row[1])


def verify(
    session: Session, progress: Progress | None = None, cancel: CancelToken | None = None
) -> ChainCheck:
    """Recompute every link in order; the first entry that does not fit is reported."""
    total = count(session)
    head_row = session.execute(
        select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == _HEAD_ID)
    ).one_or_none()
    if head_row is None:
        return ChainCheck(total, 0, 1, "the chain head row is missing")
    head_seq, head_hash = int(head_row[0]), str(head_row[1])
    expected_seq, prev = 1, GENESIS
    checked = 0
    with closing(entries(session)) as stream:
        for entry in stream:
            if cancel is not None and checked % _READ_CHUNK == 0:
                cancel.raise_if_cancelled()
            if progress is not None and checked % _READ_CHUNK == 0:
                progress(checked, total)
            if entry.seq != expected_seq:
                return ChainCheck(
                    checked,
                    head_seq,
                    expected_seq,
                    f"entry {expected_seq} is missing (the next one stored is {entry.seq})",
                )
            if entry.prev_hash != prev:
                return ChainCheck(
                    checked,
                    head_seq,
                    entry.seq,
                    f"entry {entry.seq} does not link to entry {entry.seq - 1} (its previous-hash "
                    "differs from that entry's hash)",
                )
            values = [getattr(entry, name) for name in _COLUMNS[:-1]]
            if entry_hash(values) != entry.hash:
                return ChainCheck(
                    checked,
                    head_seq,
                    entry.seq,
                    f"entry {entry.seq} was altered after it was written (its content no longer "
                    "matches its hash)",
                )
            prev = entry.hash
            expected_seq += 1
            checked += 1
    if progress is not None:
        progress(checked, total)
    last_seq = expected_seq - 1
    if head_seq != last_seq or head_hash != prev:
        broken = min(head_seq, last_seq) + 1 if head_seq != last_seq else max(last_seq, 1)
        return ChainCheck(
            checked,
            head_seq,
            broken,
            f"the trail ends at entry {last_seq} but its head says {head_seq}: entries were "
            "removed from its end"
            if head_seq > last_seq
            else f"the trail's head does not match its last entry {last_seq}",
        )
    return ChainCheck(checked, head_seq)
