"""Restricted-party screening use cases: import a list, screen the book, review, decide, query.

A decision belongs to a (party, list entry) pair and holds while the entry reads the same:
screening compares the entry's content hash with the one the decision was made on, and only a
changed entry is raised again, as a new potential match that points to the decision it
reopens. Confirmed matches are what rules read, through ``party_listings``.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete, select
from sqlalchemy.orm import Session

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening import (
    DEFAULT_THRESHOLD,
    Candidate,
    ListEntry,
    ListFormat,
    ScreeningIndex,
    SnapshotDiff,
)
from workbench.screening.diff import changed_fields
from workbench.services import audit, roles
from workbench.services.identity import current_user
from workbench.services.screening_lists import (
    ListVersionInfo,
    ensure_reference_list,
    list_versions,
    read_list_file,
    store_list,
)
from workbench.services.screening_store import (
    CurrentLists,
    ScreeningError,
    current_lists,
    entry_at,
)
from workbench.storage import tables
from workbench.storage.database import Database
from workbench.storage.orm import (
    CustomerAliasRow,
    CustomerRow,
    FabRow,
    PartyListingRow,
    ScreeningMatchRow,
    ScreeningRunRow,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "DecisionResult",
    "ImportResult",
    "ScreenResult",
    "ScreeningError",
    "candidate_json",
    "decide",
    "ensure_reference_list",
    "import_list",
    "list_versions",
    "matches",
    "query",
    "screen",
]

POTENTIAL, CONFIRMED, DISMISSED = "potential", "confirmed", "dismissed"
#: The content hash recorded for an entry that left the list, so that its removal is raised
#: once and then, once decided, holds like any other decision.
REMOVED = "removed"
#: Entry key and content hash of a review-queue item that says a party was not screened:
#: its names are in a script the matcher cannot compare, and "no candidate" from such a
#: name would look like a clean result. An analyst dismisses it after checking by hand, or
#: adds a Latin-letter alias so that the next run screens the party.
NOT_SCREENED = "not-screened"
STATUSES = (POTENTIAL, CONFIRMED, DISMISSED)
#: Candidates kept per party: enough for a group's many list rows, few enough to review.
MATCHES_PER_PARTY = 20
_CHECK_EVERY = 25

_PartyKey = tuple[str, int, str]  # (party kind, party id, entry key)


@dataclass(frozen=True)
class Party:
    """A customer or fab as screening sees it: the names to look up and where it is."""

    kind: str  # "customer" or "fab"
    id: int
    name: str
    aliases: tuple[str, ...]
    country: str | None


@dataclass(frozen=True)
class ScreenResult:
    run_id: int
    threshold: int
    versions: tuple[int, ...]
    parties: int
    new: int
    reraised: int
    unchanged: int
    dropped: int
    seconds: float
    #: Ids of the matches this run raised (new and re-raised), for "what is new" views.
    raised_ids: tuple[int, ...] = ()
    #: Parties whose names could not be compared with the lists at all.
    not_screened: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "threshold": self.threshold,
            "list_versions": list(self.versions),
            "parties": self.parties,
            "new_potential": self.new,
            "re_raised": self.reraised,
            "unchanged": self.unchanged,
            "dropped": self.dropped,
            "raised_ids": list(self.raised_ids),
            "not_screened": self.not_screened,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class ImportResult:
    version: ListVersionInfo
    already_imported: bool
    diff: SnapshotDiff
    screening: ScreenResult | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version.as_json(),
            "already_imported": self.already_imported,
            "added": len(self.diff.added),
            "removed": len(self.diff.removed),
            "changed": len(self.diff.changed),
            "unchanged": self.diff.unchanged,
            "added_entries": [_entry_json(e) for e in self.diff.added],
            "removed_entries": [_entry_json(e) for e in self.diff.removed],
            "changed_entries": [
                {**_entry_json(c.new), "fields": list(c.fields)} for c in self.diff.changed
            ],
            "screening": self.screening.as_json() if self.screening else None,
        }


@dataclass(frozen=True)
class DecisionResult:
    match_id: int
    status: str
    listings_written: int
    listings_removed: int
    suggestions: tuple[int, ...] = field(default=())
    suggestions_withdrawn: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "match": self.match_id,
            "status": self.status,
            "listings_written": self.listings_written,
            "listings_removed": self.listings_removed,
            "suggestions": list(self.suggestions),
            "suggestions_withdrawn": self.suggestions_withdrawn,
        }


def _entry_json(entry: ListEntry) -> dict[str, Any]:
    return {"key": entry.key, "name": entry.name, "source": entry.source}


# -- importing ------------------------------------------------------------------------------


def import_list(
    db: Database,
    path: Path | str,
    fmt: ListFormat | str | None = None,
    *,
    rescreen: bool = True,
    threshold: int = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Import a list file as a new version and screen the book against it.

    The version is stored in one transaction; screening runs after it in its own, so a
    cancelled screening leaves a usable list behind. Importing the file that already is the
    newest version writes nothing and says so.
    """
    snapshot = read_list_file(path, fmt, progress=_phase(progress, 0, 40), cancel=cancel)
    stored = store_list(db, snapshot, _phase(progress, 40, 30), cancel)
    screening = None
    if rescreen and not stored.already_imported and _has_parties(db):
        screening = screen(
            db,
            threshold,
            progress=_phase(progress, 70, 30),
            cancel=cancel,
            trigger=f"import of list version {stored.version.id}",
        )
    if progress is not None:
        progress(100, 100)
    return ImportResult(stored.version, stored.already_imported, stored.diff, screening)


def _phase(progress: Progress | None, start: int, span: int) -> Progress | None:
    """Report a step's progress as its share of a 0..100 whole."""
    if progress is None:
        return None
    outer = progress

    def report(done: int, total: int) -> None:
        outer(start + (span * done // total if total else span), 100)

    return report


def _has_parties(db: Database) -> bool:
    with db.read() as session:
        return (
            session.scalar(select(CustomerRow.id).limit(1)) is not None
            or session.scalar(select(FabRow.id).limit(1)) is not None
        )


# -- screening ------------------------------------------------------------------------------


def parties(session: Session) -> list[Party]:
    """Every customer (name, local name and aliases; HQ country) and fab (name; country)."""
    aliases: dict[int, list[str]] = {}
    for customer_id, alias in session.execute(
        select(CustomerAliasRow.customer_id, CustomerAliasRow.name).order_by(CustomerAliasRow.id)
    ):
        aliases.setdefault(customer_id, []).append(alias)
    out: list[Party] = []
    for cid, name, local_name, country in session.execute(
        select(
            CustomerRow.id, CustomerRow.name, CustomerRow.local_name, CustomerRow.hq_country
        ).order_by(CustomerRow.id)
    ):
        others = [n for n in (local_name, *aliases.get(cid, ())) if n and n != name]
        out.append(Party("customer", cid, name, tuple(dict.fromkeys(others)), country))
    for fid, name, country in session.execute(
        select(FabRow.id, FabRow.name, FabRow.country).order_by(FabRow.id)
    ):
        out.append(Party("fab", fid, name, (), country))
    return out


def screen(
    db: Database,
    threshold: int = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    *,
    trigger: str = "manual",
) -> ScreenResult:
    """Screen every customer and fab against the newest version of each list.

    Candidates at or above ``threshold`` become potential matches. A pair already decided is
    left alone unless its entry's content changed since the decision, or a confirmed entry
    left the lists; a potential match no candidate supports any more (the entry was removed,
    or scores lower now) is dropped.
    """
    started = time.perf_counter()
    ensure_reference_list(db, cancel=cancel)
    lists = current_lists(db, cancel=cancel)
    with db.read() as session:
        book = parties(session)
    found: dict[_PartyKey, tuple[Party, Candidate]] = {}
    unscreened: dict[_PartyKey, tuple[Party, str]] = {}
    total = len(book)
    for number, party in enumerate(book):
        if number % _CHECK_EVERY == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(number, total)
        why = lists.index.unscreenable(party.name, party.aliases)
        if why is not None:
            unscreened[(party.kind, party.id, NOT_SCREENED)] = (party, why)
            continue
        for candidate in lists.index.query(
            party.name, party.aliases, party.country, limit=MATCHES_PER_PARTY
        ):
            if candidate.score >= threshold:
                found[(party.kind, party.id, candidate.entry.key)] = (party, candidate)
    if cancel is not None:
        cancel.raise_if_cancelled()
    with db.session() as session:
        result = _store_run(session, lists, found, threshold, total, trigger, started, unscreened)
    if progress is not None:
        progress(total, total)
    return result


def _latest_matches(session: Session) -> dict[_PartyKey, ScreeningMatchRow]:
    """The newest match row of every (party, entry) pair: the one that says where it stands."""
    latest: dict[_PartyKey, ScreeningMatchRow] = {}
    for row in session.scalars(select(ScreeningMatchRow).order_by(ScreeningMatchRow.id)):
        latest[(row.party_kind, row.party_id, row.entry_key)] = row
    return latest


def _store_run(
    session: Session,
    lists: CurrentLists,
    found: dict[_PartyKey, tuple[Party, Candidate]],
    threshold: int,
    parties_screened: int,
    trigger: str,
    started: float,
    unscreened: dict[_PartyKey, tuple[Party, str]] | None = None,
) -> ScreenResult:
    latest = _latest_matches(session)
    unscreened = unscreened or {}
    run = ScreeningRunRow(
        user_name=current_user(),
        trigger=trigger[:100],
        threshold=threshold,
        version_ids=",".join(str(v) for v in lists.version_ids),
        parties=parties_screened,
        new_count=0,
        reraised_count=0,
        unchanged_count=0,
        dropped_count=0,
        duration_seconds=0.0,
    )
    session.add(run)
    session.flush()
    raised: list[ScreeningMatchRow] = []
    new = reraised = unchanged = 0
    for key, (_party, candidate) in found.items():
        version_id, digest, list_code = lists.entries[candidate.entry.key]
        row = latest.get(key)
        if row is None:
            raised.append(_new_match(key, candidate, version_id, digest, list_code, run.id))
            new += 1
        elif row.status == POTENTIAL:
            if row.suggested_by_id is None:  # a parent's suggestion keeps its own wording
                row.score = candidate.score
                row.explanation = candidate.explanation
                row.matched_name = candidate.matched_name
                row.query_name = candidate.query_name
                row.list_version_id = version_id
                row.entry_content_hash = digest
            unchanged += 1
        elif row.entry_content_hash == digest:
            unchanged += 1
        else:
            match = _new_match(key, candidate, version_id, digest, list_code, run.id)
            match.supersedes_id = row.id
            match.explanation = f"{_reopened(session, row, candidate.entry)}; {match.explanation}"
            raised.append(match)
            reraised += 1
    for key, row in latest.items():
        if row.status == CONFIRMED and key[2] not in lists.entries:
            if row.entry_content_hash != REMOVED:  # delisted since it was confirmed
                raised.append(_delisted(row, run.id, lists.version_ids))
                reraised += 1
            else:
                unchanged += 1
    for key, (party, why) in unscreened.items():
        row = latest.get(key)
        text = f"Not screened: {party.kind} '{party.name}' is {why}; add its name in Latin "
        text += "letters as an alias, or check it by hand and dismiss this with the reason"
        if row is None:
            raised.append(_not_screened(key, party, text, lists.version_ids[0], run.id))
            new += 1
        else:
            if row.status == POTENTIAL:
                row.explanation, row.query_name = text, party.name
            unchanged += 1
    stale = [
        row.id
        for key, row in latest.items()
        if row.status == POTENTIAL
        and row.suggested_by_id is None
        and row.entry_content_hash != REMOVED
        and key not in found
        and key not in unscreened
    ]
    for start in range(0, len(stale), tables.ID_CHUNK):
        session.execute(
            delete(ScreeningMatchRow).where(
                ScreeningMatchRow.id.in_(stale[start : start + tables.ID_CHUNK])
            )
        )
    session.add_all(raised)
    run.new_count, run.reraised_count = new, reraised
    run.unchanged_count, run.dropped_count = unchanged, len(stale)
    run.duration_seconds = time.perf_counter() - started
    session.flush()
    return ScreenResult(
        run_id=run.id,
        threshold=threshold,
        versions=lists.version_ids,
        parties=parties_screened,
        new=new,
        reraised=reraised,
        unchanged=unchanged,
        dropped=len(stale),
        seconds=run.duration_seconds,
        raised_ids=tuple(row.id for row in raised),
        not_screened=len(unscreened),
    )


def _new_match(
    key: _PartyKey,
    candidate: Candidate,
    version_id: int,
    digest: str,
    list_code: str,
    run_id: int | None,
) -> ScreeningMatchRow:
    kind, party_id, entry_key = key
    return ScreeningMatchRow(
        party_kind=kind,
        party_id=party_id,
        entry_key=entry_key,
        list_version_id=version_id,
        list_code=list_code,
        score=candidate.score,
        explanation=candidate.explanation,
        matched_name=candidate.matched_name,
        query_name=candidate.query_name,
        entry_content_hash=digest,
        status=POTENTIAL,
        history_json="[]",
        run_id=run_id,
    )


def _not_screened(
    key: _PartyKey, party: Party, text: str, version_id: int, run_id: int
) -> ScreeningMatchRow:
    kind, party_id, _ = key
    return ScreeningMatchRow(
        party_kind=kind,
        party_id=party_id,
        entry_key=NOT_SCREENED,
        list_version_id=version_id,
        list_code=NOT_SCREENED,
        score=0,
        explanation=text,
        matched_name="",
        query_name=party.name,
        entry_content_hash=NOT_SCREENED,
        status=POTENTIAL,
        history_json="[]",
        run_id=run_id,
    )


def _delisted(
    confirmed: ScreeningMatchRow, run_id: int, versions: tuple[int, ...]
) -> ScreeningMatchRow:
    """A confirmed entry gone from the current lists: its listing still stands until someone
    dismisses the match (which removes the listing) or confirms it again."""
    when = confirmed.decided_at.date().isoformat() if confirmed.decided_at else "an earlier date"
    current = ", ".join(str(v) for v in versions)
    return ScreeningMatchRow(
        party_kind=confirmed.party_kind,
        party_id=confirmed.party_id,
        entry_key=confirmed.entry_key,
        list_version_id=confirmed.list_version_id,
        list_code=confirmed.list_code,
        score=confirmed.score,
        explanation=(
            f"list entry removed: not in the current list version(s) {current} since match "
            f"{confirmed.id} was confirmed by {confirmed.reviewer or 'unknown'} on {when}; "
            f"dismiss to remove the listing it wrote"
        ),
        matched_name=confirmed.matched_name,
        query_name=confirmed.query_name,
        entry_content_hash=REMOVED,
        status=POTENTIAL,
        history_json="[]",
        run_id=run_id,
        supersedes_id=confirmed.id,
    )


def _reopened(session: Session, decided: ScreeningMatchRow, entry: ListEntry) -> str:
    """Why a decided pair is back: which fields of the entry changed since the decision."""
    when = decided.decided_at.date().isoformat() if decided.decided_at else "an earlier date"
    head = (
        f"list entry changed since match {decided.id} was {decided.status} "
        f"by {decided.reviewer or 'unknown'} on {when}"
    )
    old = entry_at(session, decided.list_version_id, decided.entry_key)
    if old is None:
        return head
    fields = changed_fields(old, entry)
    return f"{head} (changed: {', '.join(fields)})" if fields else head


# -- review ---------------------------------------------------------------------------------


def _listing_source(match_id: int, version_id: int) -> str:
    return f"screening match {match_id} (list version {version_id})"


def decide(
    db: Database,
    match_id: int,
    confirm: bool,
    reason: str,
    *,
    reviewer: str | None = None,
) -> DecisionResult:
    """Confirm or dismiss a match, with a reason; a decision may be changed later, and the
    earlier one is kept in the match's history.

    Confirming writes the party's listing (one row per footnote) in place of any listing of
    the same list the party had, and suggests the match for every subsidiary of a confirmed
    customer as a potential match of its own. Dismissing removes the listings this pair of
    party and entry wrote, and withdraws the undecided suggestions a confirmation made.
    """
    text = reason.strip()
    if not text:
        raise ScreeningError("A decision needs a reason: say why the match is right or wrong.")
    status = CONFIRMED if confirm else DISMISSED
    who = reviewer or current_user()
    with db.session() as session:
        roles.require_write(session, "deciding screening matches")
        row = session.get(ScreeningMatchRow, match_id, with_for_update=True)
        if row is None:
            raise ScreeningError(f"There is no screening match {match_id}.")
        if row.status == status:
            raise ScreeningError(
                f"Match {match_id} is already {status} (by {row.reviewer} on "
                f"{row.decided_at.date().isoformat() if row.decided_at else 'an unknown date'})."
            )
        if row.entry_key == NOT_SCREENED:
            return _decide_not_screened(session, row, confirm, who, text)
        entry = entry_at(session, row.list_version_id, row.entry_key)
        if entry is None:  # versions are never deleted; a broken database says so plainly
            raise ScreeningError(
                f"The list entry of match {match_id} is missing from list version "
                f"{row.list_version_id}."
            )
        if row.status != POTENTIAL:
            history = json.loads(row.history_json or "[]")
            history.append(
                {
                    "status": row.status,
                    "reviewer": row.reviewer,
                    "reason": row.reason,
                    "decided_at": row.decided_at.isoformat() if row.decided_at else None,
                }
            )
            row.history_json = json.dumps(history, ensure_ascii=False)
        before = {"status": row.status, "reviewer": row.reviewer, "reason": row.reason}
        row.status, row.reviewer, row.reason = status, who, text
        row.decided_at = dt.datetime.now(dt.UTC)
        if confirm:
            removed = _remove_listings_of_list(session, row)
            written = _write_listings(session, row, entry)
            suggestions = _suggest_to_subsidiaries(session, row, entry)
            result = DecisionResult(match_id, status, written, removed, suggestions)
        else:
            removed = _remove_listings_of_pair(session, row)
            withdrawn = _withdraw_suggestions(session, row)
            result = DecisionResult(match_id, status, 0, removed, (), withdrawn)
        after = {"status": status, "reviewer": who, "reason": text}
        key = f"{row.party_kind} {row.party_id} / {row.entry_key}"
        audit.record_many(
            session,
            [
                audit.AuditEvent(
                    "update", "screening_matches", match_id, key, name, before[name], value
                )
                for name, value in after.items()
                if before[name] != value
            ],
            "screening_decision",
            match_id,
            f"listings written {result.listings_written}, removed {result.listings_removed}",
        )
        return result


def _decide_not_screened(
    session: Session, row: ScreeningMatchRow, confirm: bool, who: str, text: str
) -> DecisionResult:
    """A party that could not be screened is dismissed once checked by hand; never confirmed."""
    if confirm:
        raise ScreeningError(
            f"Match {row.id} says the party was not screened, so there is no list entry to "
            "confirm; add its name in Latin letters as an alias and screen again, or dismiss "
            "it with the reason it was checked by hand."
        )
    before = {"status": row.status, "reviewer": row.reviewer, "reason": row.reason}
    row.status, row.reviewer, row.reason = DISMISSED, who, text
    row.decided_at = dt.datetime.now(dt.UTC)
    after = {"status": DISMISSED, "reviewer": who, "reason": text}
    key = f"{row.party_kind} {row.party_id} / {row.entry_key}"
    audit.record_many(
        session,
        [
            audit.AuditEvent("update", "screening_matches", row.id, key, name, before[name], value)
            for name, value in after.items()
            if before[name] != value
        ],
        "screening_decision",
        row.id,
        "not screened: checked by hand",
    )
    return DecisionResult(row.id, DISMISSED, 0, 0)


def _delete(session: Session, statement: Delete) -> int:
    """Run a DELETE and say how many rows it removed."""
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount or 0)


def _party_filter(row: ScreeningMatchRow) -> Any:
    column = PartyListingRow.customer_id if row.party_kind == "customer" else PartyListingRow.fab_id
    return column == row.party_id


def _remove_listings_of_list(session: Session, row: ScreeningMatchRow) -> int:
    return _delete(
        session,
        delete(PartyListingRow).where(
            _party_filter(row), PartyListingRow.list_code == row.list_code
        ),
    )


def _remove_listings_of_pair(session: Session, row: ScreeningMatchRow) -> int:
    pair = session.execute(
        select(ScreeningMatchRow.id, ScreeningMatchRow.list_version_id).where(
            ScreeningMatchRow.party_kind == row.party_kind,
            ScreeningMatchRow.party_id == row.party_id,
            ScreeningMatchRow.entry_key == row.entry_key,
        )
    ).all()
    sources = [_listing_source(mid, vid) for mid, vid in pair]
    return _delete(
        session,
        delete(PartyListingRow).where(_party_filter(row), PartyListingRow.source.in_(sources)),
    )


def _write_listings(session: Session, row: ScreeningMatchRow, entry: ListEntry) -> int:
    if len(row.list_code) > 40:
        raise ScreeningError(
            f"List code '{row.list_code}' is too long to record as a listing (40 characters)."
        )
    footnotes: Sequence[str | None] = entry.footnotes or (None,)
    for footnote in footnotes:
        session.add(
            PartyListingRow(
                customer_id=row.party_id if row.party_kind == "customer" else None,
                fab_id=row.party_id if row.party_kind == "fab" else None,
                list_code=row.list_code,
                footnote=footnote,
                licence_policy=entry.licence_policy,
                since=entry.start_date,
                source=_listing_source(row.id, row.list_version_id),
            )
        )
    return len(footnotes)


def _subsidiaries(session: Session, parent_id: int) -> list[tuple[int, str]]:
    """Every customer below ``parent_id`` in its group, nearest first (cycles tolerated)."""
    children: dict[int, list[tuple[int, str]]] = {}
    for cid, pid, name in session.execute(
        select(CustomerRow.id, CustomerRow.parent_id, CustomerRow.name).where(
            CustomerRow.parent_id.is_not(None)
        )
    ):
        if pid is not None:
            children.setdefault(pid, []).append((cid, name))
    out: list[tuple[int, str]] = []
    seen = {parent_id}
    queue = [parent_id]
    while queue:
        current = queue.pop(0)
        for cid, name in sorted(children.get(current, ())):
            if cid not in seen:
                seen.add(cid)
                out.append((cid, name))
                queue.append(cid)
    return out


def _suggest_to_subsidiaries(
    session: Session, row: ScreeningMatchRow, entry: ListEntry
) -> tuple[int, ...]:
    """Flag the parent's confirmation on each subsidiary of a confirmed customer, never as a
    listing: a parent's entry does not always cover its affiliates, so an analyst decides each.

    A subsidiary already in the queue for the same entry gets the flag and the note on its
    own match; one without gets a new potential match that says it is only a suggestion.
    """
    if row.party_kind != "customer":
        return ()
    parent_name = session.scalar(select(CustomerRow.name).where(CustomerRow.id == row.party_id))
    when = row.decided_at.date().isoformat() if row.decided_at else "an unknown date"
    note = (
        f"parent {parent_name} confirmed on {when} as '{entry.name}' ({row.list_code}, "
        f"match {row.id})"
    )
    flagged: list[ScreeningMatchRow] = []
    for child_id, child_name in _subsidiaries(session, row.party_id):
        previous = session.scalars(
            select(ScreeningMatchRow)
            .where(
                ScreeningMatchRow.party_kind == "customer",
                ScreeningMatchRow.party_id == child_id,
                ScreeningMatchRow.entry_key == row.entry_key,
            )
            .order_by(ScreeningMatchRow.id.desc())
            .limit(1)
        ).first()
        if previous is not None and previous.status == POTENTIAL:
            if previous.suggested_by_id is None:
                previous.suggested_by_id = row.id
                previous.explanation = f"{note}{_NAME_MATCH}{previous.explanation}"
                flagged.append(previous)
            continue
        if previous is not None and previous.entry_content_hash == row.entry_content_hash:
            continue  # the subsidiary was decided on this very entry: that decision holds
        suggestion = ScreeningMatchRow(
            party_kind="customer",
            party_id=child_id,
            entry_key=row.entry_key,
            list_version_id=row.list_version_id,
            list_code=row.list_code,
            score=row.score,
            explanation=(
                f"{note}; a suggestion for the subsidiary, not a name match: confirm only if "
                f"the listing covers it"
            ),
            matched_name=entry.name,
            query_name=child_name,
            entry_content_hash=row.entry_content_hash,
            status=POTENTIAL,
            history_json="[]",
            suggested_by_id=row.id,
            supersedes_id=previous.id if previous is not None else None,
        )
        session.add(suggestion)
        flagged.append(suggestion)
    session.flush()
    return tuple(s.id for s in flagged)


#: Separates a parent's note from a subsidiary's own name-match explanation.
_NAME_MATCH = "; own name match: "


def _withdraw_suggestions(session: Session, row: ScreeningMatchRow) -> int:
    """Undo the undecided suggestions a confirmation made: pure suggestions go, flagged name
    matches lose the flag and the parent's note."""
    count = 0
    for match in session.scalars(
        select(ScreeningMatchRow).where(
            ScreeningMatchRow.suggested_by_id == row.id, ScreeningMatchRow.status == POTENTIAL
        )
    ):
        count += 1
        if match.run_id is None:
            session.delete(match)
            continue
        match.suggested_by_id = None
        match.explanation = match.explanation.split(_NAME_MATCH, 1)[-1]
    return count


def matches(db: Database, status: str = POTENTIAL) -> list[dict[str, Any]]:
    """The review queue as JSON-ready records, best score first (``status`` or ``"all"``)."""
    if status != "all" and status not in STATUSES:
        raise ScreeningError(
            f"'{status}' is not a match status; choose one of {', '.join(STATUSES)} or all."
        )
    spec = tables.SPECS["matches"]
    scope = {} if status == "all" else {"status": status}
    query = tables.Query(scope=scope, sort="score", descending=True)
    with db.read() as session:
        ids = tables.ids(session, spec, query)
        values = tables.rows(session, spec, ids)
    return [
        {"id": rid, **{k: tables.jsonable(v) for k, v in zip(spec.keys, values[rid], strict=True)}}
        for rid in ids
    ]


# -- ad-hoc checks --------------------------------------------------------------------------


def query(
    source: Database | ScreeningIndex,
    name: str,
    country: str | None = None,
    *,
    aliases: Sequence[str] = (),
    limit: int = 10,
) -> list[Candidate]:
    """The best candidates for one name, best first, against an index or a database's lists."""
    if not name.strip():
        raise ScreeningError("Give a name to look up.")
    if isinstance(source, ScreeningIndex):
        index = source
    else:
        ensure_reference_list(source)
        index = current_lists(source).index
    return index.query(name, aliases, country, limit=limit)


def candidate_json(candidate: Candidate, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """One candidate as ``screen query --json`` prints it."""
    entry = candidate.entry
    return {
        "name": entry.name,
        "source": entry.source,
        "score": candidate.score,
        "potential_match": candidate.score >= threshold,
        "explanation": candidate.explanation,
        "matched_name": candidate.matched_name,
        "countries": list(entry.countries),
        "footnotes": list(entry.footnotes),
        "licence_policy": entry.licence_policy,
        "key": entry.key,
        "list_name": entry.source_name,
        "start_date": entry.start_date.isoformat() if entry.start_date else None,
    }
