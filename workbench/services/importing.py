"""Importing installed-base files into the book: the use case behind ``workbench import``.

The flow is read (``workbench.importers.parse_files``), plan (resolve every record against the
file and the database and diff it, :mod:`workbench.services.import_plan`), then either show
the plan (the dry run, the default) or commit it (:mod:`workbench.services.import_commit`).

Decisions:

- All or nothing by default: a single rejected row means nothing is written. ``valid_only``
  commits the valid records and leaves the rejected rows to the errors workbook.
- The commit plans again inside its own transaction and writes with a version check, so it
  never writes a preview that has gone stale.
- Every commit records an import batch, also one that changes nothing (status ``unchanged``):
  the audit trail then shows that this file was checked against the book, by whom and when.
  Re-importing the same file changes no record, no version and no record's batch id.
- ``--save-profile`` stores the mapping that was used (one per sheet for multi-sheet files);
  it is saved with the commit, or on its own in a dry run, but never when a commit is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import EquipmentCategory
from workbench.domain.errors import WorkbenchError
from workbench.importers import Mapping, ParsedImport, parse_files
from workbench.importers.collector import collector_paused
from workbench.importers.countries import country_code
from workbench.importers.equipment_catalogue import canonical_vendor, lookup_model
from workbench.importers.money import currency_code
from workbench.services import backups, roles
from workbench.services.book_settings import BOOK_CURRENCY, OWN_COMPANY, get_setting, set_setting
from workbench.services.identity import current_user
from workbench.services.import_commit import (
    ImportConflictError,
    audit_import,
    clear_failure,
    lock_for_import,
    record_batch,
    write_plan,
)
from workbench.services.import_errors import with_original_cells, write_rejected_rows
from workbench.services.import_model import (
    Change,
    FieldChange,
    ImportPlan,
    KindPlan,
    PlanKind,
)
from workbench.services.import_names import name_key, same_customer_name
from workbench.services.import_plan import build_plan, split_evenly
from workbench.services.import_snapshot import BookSnapshot, load_snapshot
from workbench.storage.database import Database
from workbench.storage.orm import ImportProfileRow

__all__ = [
    "BookSnapshot",
    "Change",
    "FieldChange",
    "ImportConflictError",
    "ImportOptions",
    "ImportOutcome",
    "ImportPlan",
    "KindPlan",
    "PlanKind",
    "ProfileError",
    "build_plan",
    "commit",
    "detected_mapping",
    "load_profile",
    "preview",
    "profile_names",
    "run_import",
    "save_profile",
    "split_evenly",
    "write_errors",
]

_READ_SHARE = 0.5  # of run_import's progress: reading; the rest is writing


class ProfileError(WorkbenchError):
    """A named import profile is missing or unreadable."""


@dataclass(frozen=True)
class ImportOptions:
    commit: bool = False
    valid_only: bool = False
    vendor: str | None = None  # for files without a vendor column
    profile: str | None = None  # saved mapping to read the files with
    save_profile: str | None = None  # name to save the used mapping under
    #: The analyst's answers to "is X the stored Y?": name as written -> customer code.
    matches: dict[str, str] = field(default_factory=dict)
    #: The book's own company, stored in the book for every later import (None: as stored).
    own_company: str | None = None
    #: The book's currency (ISO 4217), likewise kept: amounts without a currency are in it.
    currency: str | None = None
    #: The country (ISO alpha-2) of fabs the files name without one; this import only.
    country: str | None = None


@dataclass
class ImportOutcome:
    plan: ImportPlan
    committed: bool
    refused: bool  # a commit was asked for but rows were rejected and valid_only was not set
    batch_id: int | None = None
    rows_written: int = 0
    profile_saved: str | None = None

    @property
    def ok(self) -> bool:
        """What the command line turns into exit 0: no refusal, no unaccepted rejection."""
        return not self.refused and (self.plan.valid_only or not self.plan.has_errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": "commit" if self.committed else ("refused" if self.refused else "dry-run"),
            "committed": self.committed,
            "batch_id": self.batch_id,
            "rows_written": self.rows_written,
            "profile_saved": self.profile_saved,
            **self.plan.to_dict(),
        }


# -- profiles ----------------------------------------------------------------------------------


def profile_names(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(ImportProfileRow.name).order_by(ImportProfileRow.name)))


def load_profile(db: Database, name: str) -> Mapping:
    with db.read() as session:
        row = session.scalar(select(ImportProfileRow).where(ImportProfileRow.name == name))
        known = list(session.scalars(select(ImportProfileRow.name).order_by(ImportProfileRow.name)))
    if row is None:
        listing = ", ".join(known) if known else "none are saved yet"
        raise ProfileError(f"There is no import profile named '{name}' (saved: {listing}).")
    try:
        return Mapping.from_dict(json.loads(row.mapping_json))
    except (ValueError, TypeError) as exc:
        raise ProfileError(f"Import profile '{name}' cannot be used: {exc}.") from exc


def save_profile(session: Session, name: str, mapping: Mapping, user: str) -> None:
    """Create or replace the profile ``name`` inside the caller's transaction."""
    if not name.strip():
        raise ProfileError("An import profile needs a name.")
    text = json.dumps(mapping.to_dict(), ensure_ascii=False, sort_keys=True)
    row = session.scalar(select(ImportProfileRow).where(ImportProfileRow.name == name))
    if row is None:
        session.add(ImportProfileRow(name=name, mapping_json=text, user_name=user, version=1))
    elif row.mapping_json != text:
        row.mapping_json = text
        row.user_name = user
        row.version += 1
    session.flush()


def detected_mapping(parsed: ParsedImport) -> Mapping:
    """The mapping an import used: for one sheet, valid for any sheet; else one per sheet name."""
    used = [s for s in parsed.sheets if s.kinds]
    if len(used) == 1:
        return Mapping(dict(used[0].mapping.fields))
    sheets: dict[str, dict[str, str]] = {}
    for summary in used:
        name = summary.sheet or Path(summary.file).stem
        sheets.setdefault(name, dict(summary.mapping.fields))
    return Mapping({}, sheets)


# -- the use case ------------------------------------------------------------------------------


def _contract_numbers(parsed: ParsedImport) -> set[str]:
    return {line.contract_number for line in parsed.contract_lines}


def read_files(
    paths: Iterable[str | Path],
    mapping: Mapping | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ParsedImport:
    """Read and understand the files as every import does (the window and the command line):
    customer names that differ only in spelling are one customer on every row."""
    return parse_files(
        paths, mapping, progress, cancel, same_name=same_customer_name, name_key=name_key
    )


def write_template(path: Path) -> Path:
    """The import template workbook: a flat sheet with example rows and every column the
    importer understands with its headings in each language."""
    from workbench.importers.template import write_template as write

    return write(path)


def catalogue_model(model_code: str, vendor: str | None) -> tuple[str, str] | None:
    """(vendor, category slug) the shipped equipment catalogue gives a model code.

    A multi-process platform named without its chamber ("Centura", "Tactras") is "other" in
    the catalogue with a doubtful reading: what it does depends on the chambers fitted, so
    its category is unknown (a doubt for category rules), and only its maker is taken.
    """
    entry = lookup_model(model_code, vendor)
    if entry is None:
        return None
    if entry.category is EquipmentCategory.OTHER and entry.confidence == "U":
        return entry.vendor, EquipmentCategory.UNKNOWN.value
    return entry.vendor, entry.category.value


def preview(
    db: Database,
    parsed: ParsedImport,
    *,
    vendor: str | None = None,
    valid_only: bool = False,
    cancel: CancelToken | None = None,
    matches: dict[str, str] | None = None,
    own_company: str | None = None,
    currency: str | None = None,
    country: str | None = None,
) -> ImportPlan:
    """The dry run: what a commit would do now. Reads the database, writes nothing."""
    with collector_paused():
        with db.read() as session:
            snapshot = load_snapshot(session, _contract_numbers(parsed))
            own = own_company or get_setting(session, OWN_COMPANY)
            book_currency = currency or get_setting(session, BOOK_CURRENCY)
        return build_plan(
            parsed,
            snapshot,
            vendor,
            valid_only=valid_only,
            cancel=cancel,
            matches=matches,
            own_vendor=own,
            model_lookup=catalogue_model,
            vendor_names=canonical_vendor,
            book_currency=book_currency,
            file_country=country,
        )


def commit(
    db: Database,
    parsed: ParsedImport,
    *,
    vendor: str | None = None,
    valid_only: bool = False,
    profile: str | None = None,
    save_profile_as: str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    matches: dict[str, str] | None = None,
    own_company: str | None = None,
    currency: str | None = None,
    country: str | None = None,
) -> ImportOutcome:
    """Plan and write in one transaction; a refused or failed commit writes nothing at all.

    Raises :class:`ImportConflictError` when a concurrent edit or import made the plan stale.
    """
    user = current_user()
    backups.backup_before_import(db, sum(parsed.counts().values()))
    try:
        with collector_paused(), db.session() as session:
            lock_for_import(session)
            roles.require_write(session, "importing")
            snapshot = load_snapshot(session, _contract_numbers(parsed))
            stored_own = get_setting(session, OWN_COMPANY)
            stored_currency = get_setting(session, BOOK_CURRENCY)
            plan = build_plan(
                parsed,
                snapshot,
                vendor,
                valid_only=valid_only,
                cancel=cancel,
                matches=matches,
                own_vendor=own_company or stored_own,
                model_lookup=catalogue_model,
                vendor_names=canonical_vendor,
                book_currency=currency or stored_currency,
                file_country=country,
            )
            if plan.has_errors and not valid_only:
                return ImportOutcome(plan, committed=False, refused=True)
            if not plan.writes_anything:
                status = "unchanged"
            elif plan.has_errors:
                status = "partial"
            else:
                status = "committed"
            if own_company and own_company != stored_own:
                set_setting(session, OWN_COMPANY, own_company)
            if currency and currency != stored_currency:
                set_setting(session, BOOK_CURRENCY, currency)
            batch_id = record_batch(session, plan, save_profile_as or profile, user, status)
            written = write_plan(session, plan, batch_id, progress, cancel)
            # Last in the transaction: appending to the audit trail locks the chain head.
            audit_import(session, plan, batch_id)
            if save_profile_as:
                save_profile(session, save_profile_as, detected_mapping(parsed), user)
            if cancel is not None:
                cancel.raise_if_cancelled()
    except Exception as exc:
        clear = clear_failure(exc, db.engine.dialect.loaded_dbapi)
        if clear is None:
            raise
        raise clear from exc
    return ImportOutcome(
        plan,
        committed=True,
        refused=False,
        batch_id=batch_id,
        rows_written=written,
        profile_saved=save_profile_as,
    )


def run_import(
    db: Database,
    paths: Iterable[str | Path],
    options: ImportOptions,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportOutcome:
    """Read the files and preview or commit them; raises ImportFileError for unreadable files."""
    with collector_paused():
        return _run_import(db, paths, options, progress, cancel)


def _run_import(
    db: Database,
    paths: Iterable[str | Path],
    options: ImportOptions,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> ImportOutcome:
    mapping = load_profile(db, options.profile) if options.profile else None
    read_progress = _scaled(progress, 0.0, _READ_SHARE)
    parsed = read_files(paths, mapping, read_progress, cancel)
    if options.commit:
        return commit(
            db,
            parsed,
            vendor=options.vendor,
            valid_only=options.valid_only,
            profile=options.profile,
            save_profile_as=options.save_profile,
            progress=_scaled(progress, _READ_SHARE, 1.0),
            cancel=cancel,
            matches=options.matches,
            own_company=options.own_company,
            currency=options.currency,
            country=options.country,
        )
    plan = preview(
        db,
        parsed,
        vendor=options.vendor,
        valid_only=options.valid_only,
        cancel=cancel,
        matches=options.matches,
        own_company=options.own_company,
        currency=options.currency,
        country=options.country,
    )
    saved = None
    if options.save_profile:
        with db.session() as session:
            save_profile(session, options.save_profile, detected_mapping(parsed), current_user())
        saved = options.save_profile
    if progress is not None:
        progress(1000, 1000)
    return ImportOutcome(plan, committed=False, refused=False, profile_saved=saved)


def write_errors(path: Path, plan: ImportPlan) -> int:
    """The rejected rows with their original cells and reasons, as ``path`` (.xlsx)."""
    return write_rejected_rows(path, with_original_cells(plan.rejected_rows, plan.parsed))


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    """Map a phase's (done, total) onto a share of one 0..1000 bar."""
    if progress is None:
        return None
    outer = progress

    def report(done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        outer(int(1000 * (start + (end - start) * fraction)), 1000)

    return report


def currency_of(text: str) -> str | None:
    """ISO 4217 code for what a user typed as the book's currency ("eur", "€"), or None."""
    return currency_code(text)


def country_of(text: str) -> str | None:
    """ISO alpha-2 for what a user typed as a country ("China", "VR China", "cn"), or None."""
    return country_code(text)
