"""Audit reports of stored runs (PDF and Excel), register exports, and report sign-offs.

A report is made from the stored run alone (rules as evaluated, hits with their copied facts),
so regenerating it later gives the same figures even after the book has changed. A sign-off
records who prepared, reviewed or approved which file, identified by its SHA-256: a file that
was changed after signing no longer matches its record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import select

from workbench import __version__
from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.errors import WorkbenchError
from workbench.reports.cells import EXPORT_FORMATS
from workbench.reports.identify import identify, report_kind
from workbench.reports.source import (
    DEFAULT_MARKING,
    ApplicationEntry,
    RegisterEntry,
    ReportRun,
    ReportSource,
)
from workbench.services import applications, audit, browse, licences, roles, runs
from workbench.services.identity import current_user
from workbench.services.licences import limits_text
from workbench.storage.database import Database
from workbench.storage.orm import CustomerRow, ReportSignoffRow

ROLES = ("prepared", "reviewed", "approved")
#: The sign-off a role requires first, on the same file (same SHA-256).
REQUIRES = {"reviewed": "prepared", "approved": "reviewed"}
_EXPORT_PAGE = 5_000


class ReportingError(WorkbenchError):
    """A report cannot be written or signed; the message says why."""


@dataclass(frozen=True)
class ReportFile:
    path: Path
    kind: str
    run_id: int
    sha256: str
    size: int
    #: Pages of a PDF, finding rows of a workbook.
    units: int

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "kind": self.kind,
            "run": self.run_id,
            "sha256": self.sha256,
            "bytes": self.size,
            "pages" if self.kind == "pdf" else "rows": self.units,
        }


@dataclass(frozen=True)
class Signoff:
    id: int
    run_id: int
    report_kind: str
    file_name: str
    sha256: str
    role: str
    user_name: str
    comment: str | None
    signed_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "run": self.run_id,
            "kind": self.report_kind,
            "file": self.file_name,
            "sha256": self.sha256,
            "role": self.role,
            "user": self.user_name,
            "comment": self.comment,
            "signed_at": self.signed_at.isoformat(),
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _utc(value: dt.datetime) -> dt.datetime:
    """Naive UTC: SQLite returns naive UTC timestamps, PostgreSQL aware ones."""
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def report_source(
    db: Database,
    run_id: int,
    marking: str | None = None,
    now: dt.datetime | None = None,
) -> ReportSource:
    """A stored run as the plain data the reports take."""
    info = runs.run_info(db, run_id)
    hits = runs.run_hits(db, run_id)
    customer_ids = hits["customer_id"].unique().to_list() if hits.height else []
    with db.read() as session:
        local_names = {
            cid: name
            for cid, name in session.execute(
                select(CustomerRow.id, CustomerRow.local_name).where(
                    CustomerRow.id.in_(customer_ids), CustomerRow.local_name.is_not(None)
                )
            )
            if name
        }
    run = ReportRun(
        run_id=info.id,
        scenario_id=info.scenario_id,
        scenario_title=info.scenario_title,
        as_of=info.as_of,
        created_at=_utc(info.created_at),
        created_by=info.user_name,
        app_version=info.app_version,
        rule_hash=info.rule_hash,
        data_fingerprint=info.data_fingerprint,
        country_groups=info.country_groups,
        obligations_evaluated=info.obligations_evaluated,
        generated_at=_utc(now or dt.datetime.now(dt.UTC)),
        generated_by=current_user(),
        report_version=__version__,
        marking=marking or DEFAULT_MARKING,
    )
    return ReportSource(
        run=run,
        rules=info.rules,
        hits=hits,
        local_names=local_names,
        licences=_relied_on(db, hits),
        applications=_applications_of(db, set(customer_ids)),
    )


def _relied_on(db: Database, hits: pl.DataFrame) -> list[RegisterEntry]:
    """Register entries whose numbers appear on the run's hits."""
    if not hits.height:
        return []
    numbers = set(
        hits["licence_numbers"].drop_nulls().cast(pl.String).str.split(", ").explode().to_list()
    )
    return [
        RegisterEntry(
            lic.spec.authority,
            lic.spec.number,
            lic.spec.licence_type,
            lic.spec.valid_from,
            lic.spec.valid_to,
            lic.scope_text,
            limits_text(lic),
            lic.document_sha256,
        )
        for lic in licences.list_licences(db)
        if lic.spec.number in numbers
    ]


def _applications_of(db: Database, customer_ids: set[int]) -> list[ApplicationEntry]:
    return [
        ApplicationEntry(
            a.id,
            a.authority,
            a.customer_name,
            a.status,
            a.items,
            a.submitted_on,
            a.reference,
            a.decided_on,
            a.decision_note,
        )
        for a in applications.list_applications(db)
        if a.customer_id in customer_ids
    ]


def _checked_target(path: Path, suffix: str) -> Path:
    if path.suffix.lower() != suffix:
        raise ReportingError(f"The report file must end in {suffix}: {path.name}.")
    if path.is_dir():
        raise ReportingError(f"{path} is a folder; give a file name.")
    if not path.parent.exists():
        raise ReportingError(f"The folder {path.parent} does not exist.")
    return path


def write_report(
    db: Database,
    run_id: int,
    path: Path,
    kind: str,
    marking: str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ReportFile:
    """Write the PDF (``kind="pdf"``) or workbook (``"xlsx"``) of a stored run."""
    if kind not in ("pdf", "xlsx"):
        raise ReportingError(f"Unknown report kind '{kind}'; choose pdf or xlsx.")
    target = _checked_target(path, f".{kind}")
    source = report_source(db, run_id, marking)
    # reportlab and openpyxl load only when a report is written: the command line and the
    # window start without them (~0.3 s).
    if kind == "pdf":
        from workbench.reports.pdf_report import write_pdf as writer
    else:
        from workbench.reports.xlsx_report import write_xlsx as writer
    try:
        units = writer(source, target, progress, cancel)
    except OSError as exc:
        raise ReportingError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return ReportFile(
        path=target,
        kind=kind,
        run_id=run_id,
        sha256=file_sha256(target),
        size=target.stat().st_size,
        units=units,
    )


def _signoff(row: ReportSignoffRow) -> Signoff:
    return Signoff(
        id=row.id,
        run_id=row.run_id,
        report_kind=row.report_kind,
        file_name=row.file_name,
        sha256=row.sha256,
        role=row.role,
        user_name=row.user_name,
        comment=row.comment,
        signed_at=row.signed_at,
    )


def signoffs(db: Database, run_id: int) -> list[Signoff]:
    """Every sign-off of a run, oldest first."""
    runs.run_info(db, run_id)
    with db.read() as session:
        rows = session.scalars(
            select(ReportSignoffRow)
            .where(ReportSignoffRow.run_id == run_id)
            .order_by(ReportSignoffRow.id)
        )
        return [_signoff(r) for r in rows]


def record_signoff(
    db: Database, run_id: int, path: Path, role: str, comment: str | None = None
) -> Signoff:
    """Record that the current user signs ``path`` (a report of ``run_id``) in ``role``.

    Refused: a missing file; a file that is not a report of this run (its embedded run id and
    data fingerprint must match); reviewing a file nobody prepared, or approving one nobody
    reviewed (the same bytes, by SHA-256); signing the same file twice in the same role.
    Any sign-off needs the analyst role, an "approved" one the approver role.
    """
    if role not in ROLES:
        raise ReportingError(f"Unknown sign-off role '{role}'; choose {', '.join(ROLES)}.")
    info = runs.run_info(db, run_id)
    if not path.is_file():
        raise ReportingError(f"There is no report file {path}.")
    kind = report_kind(path)
    if kind is None:
        raise ReportingError(f"{path.name} is not a report: sign a .pdf or .xlsx file.")
    identity = identify(path)
    if identity is None:
        raise ReportingError(f"{path.name} is not a report written by Compliance Workbench.")
    if identity.run_id != run_id or identity.data_fingerprint != info.data_fingerprint:
        raise ReportingError(
            f"{path.name} is a report of run {identity.run_id}, not of run {run_id}."
            if identity.run_id != run_id
            else f"{path.name} does not match the data fingerprint of run {run_id}."
        )
    digest = file_sha256(path)
    with db.session() as session:
        roles.require(
            session,
            roles.APPROVER if role == "approved" else roles.ANALYST,
            f"signing a report as {role}",
        )
        earlier = {
            r.role
            for r in session.scalars(
                select(ReportSignoffRow).where(
                    ReportSignoffRow.run_id == run_id, ReportSignoffRow.sha256 == digest
                )
            )
        }
        if role in earlier:
            raise ReportingError(f"This file is already signed off as {role} for run {run_id}.")
        needed = REQUIRES.get(role)
        if needed and needed not in earlier:
            raise ReportingError(
                f"Cannot record '{role}': this exact file (SHA-256 {digest[:12]}...) has no "
                f"'{needed}' sign-off for run {run_id}; a changed file must be signed again."
            )
        row = ReportSignoffRow(
            run_id=run_id,
            report_kind=kind,
            file_name=path.name,
            sha256=digest,
            role=role,
            user_name=current_user(),
            comment=comment or None,
        )
        session.add(row)
        session.flush()
        session.refresh(row)
        audit.record_many(
            session,
            [
                audit.AuditEvent(
                    "insert",
                    "report_signoffs",
                    row.id,
                    f"run {run_id} {kind} {role}",
                    None,
                    None,
                    {"file": path.name, "sha256": digest, "role": role},
                )
            ],
            "sign_off",
            run_id,
            comment or None,
        )
        return _signoff(row)


def export_table(
    db: Database,
    table_name: str,
    query: browse.Query | None,
    path: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Export a register (``browse`` table) under ``query`` to .xlsx or .csv; returns rows."""
    if path.suffix.lower() not in EXPORT_FORMATS:
        raise ReportingError(f"Export to .xlsx or .csv, not '{path.suffix or path.name}'.")
    try:
        spec = browse.spec(table_name)
    except KeyError as exc:
        raise ReportingError(str(exc.args[0])) from exc
    from workbench.reports.table_export import write_table

    ids = browse.find_ids(db, spec, query)

    def rows() -> Iterator[tuple[Any, ...]]:
        for start in range(0, len(ids), _EXPORT_PAGE):
            page = ids[start : start + _EXPORT_PAGE]
            values = browse.fetch_rows(db, spec, page)
            for row_id in page:
                yield values[row_id]

    try:
        return write_table(
            path,
            [c.label for c in spec.columns],
            [c.kind.value for c in spec.columns],  # type: ignore[misc]
            rows(),
            total=len(ids),
            title=spec.title,
            progress=progress,
            cancel=cancel,
        )
    except OSError as exc:
        raise ReportingError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
