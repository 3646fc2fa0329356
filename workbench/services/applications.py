"""Licence applications drafted from a run, tracked to a decision.

From a stored run the analyst picks hits (or "every licence-required hit of this rule for this
customer"); the draft groups them into one application per issuing authority and end user and
copies what the authority asks about each obligation -- machine, model, serial, fab and its
address, classification in the regime, service type, contract value and period -- so the
application still says what was asked for after the book changes. Status follows the
authority's process: draft -> submitted (date, reference) -> more information requested ->
submitted ... -> granted, denied or withdrawn. A grant enters a licence in the register with
its scope filled from the application; a denial is recorded, and the hits it concerned stay
open with the denial cited (:func:`denials_for`). Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from workbench.domain.errors import WorkbenchError
from workbench.reports.application_export import (
    ApplicationDocument,
    ApplicationLine,
    write_annex_workbook,
    write_application_pdf,
)
from workbench.rules.model import LICENSABLE_OUTCOMES
from workbench.services import audit, runs
from workbench.services.facts_loader import jurisdiction_of
from workbench.services.identity import current_user
from workbench.services.licences import (
    LicenceInput,
    check_input,
    clean_input,
    insert_in_session,
    writing,
)
from workbench.storage.audit_log import AuditEvent
from workbench.storage.database import Database
from workbench.storage.orm import (
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceApplicationItemRow,
    LicenceApplicationRow,
    MachineRow,
    ObligationRow,
    RunContractRow,
    RunHitRow,
    RunObligationRow,
    RunRuleRow,
)

#: The authority an application of a regime goes to.
AUTHORITY_OF = {"US": "BIS", "NL": "NL-CDIU", "JP": "METI", "KR": "MOTIE", "EU": "EU"}
STATUSES = ("draft", "submitted", "more_information", "granted", "denied", "withdrawn")
#: Which status may follow which.
NEXT: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted", "withdrawn"}),
    "submitted": frozenset({"more_information", "granted", "denied", "withdrawn"}),
    "more_information": frozenset({"submitted", "granted", "denied", "withdrawn"}),
    "granted": frozenset(),
    "denied": frozenset(),
    "withdrawn": frozenset(),
}
_LICENSABLE = frozenset(o.value for o in LICENSABLE_OUTCOMES)


class ApplicationError(WorkbenchError):
    """An application cannot be drafted or moved as asked; the message says why."""


@dataclass(frozen=True)
class Application:
    id: int
    authority: str
    regime: str
    customer_id: int
    customer_code: str
    customer_name: str
    status: str
    run_id: int | None
    title: str | None
    end_use: str | None
    end_user_statement: str | None
    submitted_on: dt.date | None
    reference: str | None
    decided_on: dt.date | None
    decision_note: str | None
    licence_id: int | None
    user_name: str
    version: int
    items: int


def _label(status: str) -> str:
    return status.replace("_", " ")


# -- drafting --------------------------------------------------------------------------------


def _chosen(
    hits: pl.DataFrame,
    keys: Sequence[tuple[int, str]] | None,
    rule_id: str | None,
    customer_id: int | None,
    as_of: dt.date,
) -> pl.DataFrame:
    """The hits to apply for. Obligations that ended before the run's date are not applied
    for: a licence granted now cannot authorise service already performed."""
    if keys is not None:
        wanted = pl.DataFrame(
            {"obligation_id": [k[0] for k in keys], "rule_id": [k[1] for k in keys]},
            schema={"obligation_id": pl.Int64(), "rule_id": pl.String()},
        )
        chosen = hits.join(wanted, on=["obligation_id", "rule_id"], how="semi")
        if chosen.height != wanted.unique().height:
            raise ApplicationError(
                f"{wanted.unique().height - chosen.height} of the selected hits are not in the "
                "run; reload the run and select again."
            )
    else:
        if rule_id is None:
            raise ApplicationError("Select hits, or name a rule (and a customer) to apply for.")
        chosen = hits.filter(pl.col("rule_id") == rule_id)
        if customer_id is not None:
            chosen = chosen.filter(pl.col("customer_id") == customer_id)
        chosen = chosen.filter(
            pl.col("final_outcome").is_in(list(_LICENSABLE)) & (pl.col("obligation_end") >= as_of)
        )
    ended = chosen.filter(pl.col("obligation_end") < as_of)
    if ended.height:
        first = ended.row(0, named=True)
        raise ApplicationError(
            f"{ended.height} selected hit(s) concern obligations that ended before the run's "
            f"date {as_of} (e.g. serial {first['serial']}, ended {first['obligation_end']}); "
            "a licence cannot cover service already performed."
        )
    not_needed = chosen.filter(~pl.col("final_outcome").is_in(list(_LICENSABLE)))
    if not_needed.height:
        first = not_needed.row(0, named=True)
        raise ApplicationError(
            f"{not_needed.height} selected hit(s) need no licence application (e.g. serial "
            f"{first['serial']} under {first['rule_id']} is {_label(first['final_outcome'])})."
        )
    if not chosen.height:
        raise ApplicationError("No licence-required hit matches; nothing to apply for.")
    return chosen


def draft_from_run(
    db: Database,
    run_id: int,
    keys: Sequence[tuple[int, str]] | None = None,
    *,
    rule_id: str | None = None,
    customer_id: int | None = None,
    end_use: str | None = None,
    end_user_statement: str | None = None,
    comment: str | None = None,
) -> list[int]:
    """Draft one application per (authority, end user) from the chosen hits of ``run_id``:
    ``keys`` (obligation id, rule id), or every licence-required hit of ``rule_id`` (for
    ``customer_id`` when given). Returns the new applications' ids."""
    hits = runs.run_hits(db, run_id)
    chosen = _chosen(hits, keys, rule_id, customer_id, runs.run_info(db, run_id).as_of)
    with writing(db, "drafting a licence application") as session:
        facts = _obligation_facts(session, chosen["obligation_id"].unique().to_list())
        events: list[AuditEvent] = []
        created: list[int] = []
        for (jurisdiction, customer), group in chosen.sort("customer_id", "obligation_id").group_by(
            "jurisdiction", "customer_id", maintain_order=True
        ):
            authority = AUTHORITY_OF.get(str(jurisdiction), str(jurisdiction))
            app_id = int(
                session.execute(
                    insert(LicenceApplicationRow)
                    .values(
                        authority=authority,
                        customer_id=int(customer),  # type: ignore[call-overload]
                        run_id=run_id,
                        status="draft",
                        title=f"{authority} licence for {group['customer_name'][0]}",
                        end_use=end_use,
                        end_user_statement=end_user_statement,
                        user_name=current_user(),
                        version=1,
                    )
                    .returning(LicenceApplicationRow.id)
                ).scalar_one()
            )
            lines = [
                _line(app_id, row, facts[row["obligation_id"]], str(jurisdiction))
                for row in group.unique(["obligation_id"], maintain_order=True).iter_rows(
                    named=True
                )
            ]
            session.execute(insert(LicenceApplicationItemRow), lines)
            events.append(
                AuditEvent(
                    "insert",
                    "licence_applications",
                    app_id,
                    f"application {app_id} to {authority}",
                    None,
                    None,
                    {
                        "authority": authority,
                        "customer_id": int(customer),  # type: ignore[call-overload]
                        "run_id": run_id,
                        "status": "draft",
                        "obligations": [ln["obligation_id"] for ln in lines],
                        "rules": sorted(set(group["rule_id"].to_list())),
                    },
                )
            )
            created.append(app_id)
        audit.record_many(session, events, "manual_edit", None, comment)
    return created


def _obligation_facts(session: Session, obligation_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Value, fab address and classifications of each obligation, as the book has them now."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(obligation_ids), 500):
        chunk = obligation_ids[start : start + 500]
        rows = session.execute(
            select(
                ObligationRow.id,
                ObligationRow.value,
                FabRow.address,
                FabRow.city,
                EquipmentModelRow.class_us,
                EquipmentModelRow.class_eu,
                EquipmentModelRow.class_nl,
                EquipmentModelRow.class_jp,
                EquipmentModelRow.class_kr,
            )
            .join(MachineRow, MachineRow.id == ObligationRow.machine_id)
            .join(FabRow, FabRow.id == MachineRow.fab_id)
            .join(EquipmentModelRow, EquipmentModelRow.id == MachineRow.model_id)
            .where(ObligationRow.id.in_(chunk))
        ).mappings()
        for r in rows:
            out[int(r["id"])] = dict(r)
    return out


def _line(
    app_id: int, hit: Mapping[str, Any], facts: Mapping[str, Any], regime: str
) -> dict[str, Any]:
    address = facts.get("address") or facts.get("city")
    return {
        "application_id": app_id,
        "obligation_id": hit["obligation_id"],
        "rule_id": hit["rule_id"],
        "machine_id": hit["machine_id"],
        "fab_id": hit["fab_id"],
        "serial": hit["serial"],
        "vendor": hit["vendor"],
        "model_code": hit["model_code"],
        "classification": facts.get(f"class_{regime.lower()}"),
        "fab_site_code": hit["fab_site_code"],
        "fab_name": hit["fab_name"],
        "fab_country": hit["fab_country"],
        "fab_address": address,
        "contract_number": hit["contract_number"],
        "service_type": hit["service_type"],
        "start_date": hit["obligation_start"],
        "end_date": hit["obligation_end"],
        "value": Decimal(str(facts["value"])),
        "currency": hit["currency"],
    }


# -- reading ---------------------------------------------------------------------------------


def list_applications(db: Database, ids: Iterable[int] | None = None) -> list[Application]:
    app = LicenceApplicationRow
    with db.read() as session:
        stmt = (
            select(app, CustomerRow.code, CustomerRow.name)
            .join(CustomerRow, CustomerRow.id == app.customer_id)
            .order_by(app.id)
        )
        if ids is not None:
            stmt = stmt.where(app.id.in_(list(ids)))
        rows = session.execute(stmt).all()
        counts: dict[int, int] = {}
        for (application_id,) in session.execute(
            select(LicenceApplicationItemRow.application_id).where(
                LicenceApplicationItemRow.application_id.in_([r[0].id for r in rows])
            )
        ):
            counts[application_id] = counts.get(application_id, 0) + 1
        return [
            Application(
                r.id,
                r.authority,
                jurisdiction_of(r.authority),
                r.customer_id,
                code,
                name,
                r.status,
                r.run_id,
                r.title,
                r.end_use,
                r.end_user_statement,
                r.submitted_on,
                r.reference,
                r.decided_on,
                r.decision_note,
                r.licence_id,
                r.user_name,
                r.version,
                counts.get(r.id, 0),
            )
            for r, code, name in rows
        ]


def get_application(db: Database, application_id: int) -> Application:
    found = list_applications(db, [application_id])
    if not found:
        raise ApplicationError(f"There is no licence application #{application_id}.")
    return found[0]


def items(db: Database, application_id: int) -> list[ApplicationLine]:
    item = LicenceApplicationItemRow
    with db.read() as session:
        rows = session.scalars(
            select(item).where(item.application_id == application_id).order_by(item.id)
        ).all()
        return [
            ApplicationLine(
                r.serial,
                r.vendor,
                r.model_code,
                r.classification,
                r.fab_site_code,
                r.fab_name,
                r.fab_country,
                r.fab_address,
                r.contract_number,
                r.service_type,
                r.start_date,
                r.end_date,
                r.value,
                r.currency,
                r.rule_id,
            )
            for r in rows
        ]


def document_of(db: Database, application_id: int) -> ApplicationDocument:
    app = get_application(db, application_id)
    return ApplicationDocument(
        application_id=app.id,
        authority=app.authority,
        regime=app.regime,
        status=_label(app.status),
        end_user=app.customer_name,
        end_user_code=app.customer_code,
        end_user_country=_customer_country(db, app.customer_id),
        end_use=app.end_use,
        end_user_statement=app.end_user_statement,
        reference=app.reference,
        submitted_on=app.submitted_on,
        drafted_by=app.user_name,
        run_id=app.run_id,
        lines=items(db, application_id),
    )


def _customer_country(db: Database, customer_id: int) -> str | None:
    with db.read() as session:
        return session.scalar(select(CustomerRow.hq_country).where(CustomerRow.id == customer_id))


def export(
    db: Database, application_id: int, xlsx: Path | None = None, pdf: Path | None = None
) -> ApplicationDocument:
    """Write the annex workbook and/or the PDF of an application."""
    doc = document_of(db, application_id)
    if xlsx is not None:
        write_annex_workbook(doc, xlsx)
    if pdf is not None:
        write_application_pdf(doc, pdf)
    return doc


def denials_for(db: Database, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """For (obligation id, rule id) hits, the denial that concerned each, as a sentence."""
    wanted = set(keys)
    if not wanted:
        return {}
    app, item = LicenceApplicationRow, LicenceApplicationItemRow
    out: dict[tuple[int, str], str] = {}
    obligation_ids = sorted({k[0] for k in wanted})
    with db.read() as session:
        for start in range(0, len(obligation_ids), 500):
            rows = session.execute(
                select(
                    item.obligation_id,
                    item.rule_id,
                    app.id,
                    app.authority,
                    app.decided_on,
                    app.reference,
                    app.decision_note,
                )
                .join(app, app.id == item.application_id)
                .where(
                    app.status == "denied",
                    item.obligation_id.in_(obligation_ids[start : start + 500]),
                )
                .order_by(app.decided_on, app.id)
            )
            for oid, rule, app_id, authority, day, reference, note in rows:
                if oid is not None and (oid, rule) in wanted:
                    out[(oid, rule)] = runs.denial_sentence(app_id, authority, day, reference, note)
    return out


# -- moving through the authority's process --------------------------------------------------


def _move(
    session: Session, application_id: int, status: str, values: Mapping[str, Any]
) -> tuple[LicenceApplicationRow, list[AuditEvent]]:
    row = session.execute(
        select(LicenceApplicationRow)
        .where(LicenceApplicationRow.id == application_id)
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise ApplicationError(f"There is no licence application #{application_id}.")
    if status not in NEXT[row.status]:
        allowed = ", ".join(_label(s) for s in sorted(NEXT[row.status])) or "nothing"
        raise ApplicationError(
            f"Application #{application_id} is {_label(row.status)}; it can become "
            f"{allowed}, not {_label(status)}."
        )
    changes = {"status": status, **values}
    key = f"application {application_id} to {row.authority}"
    events = [
        AuditEvent(
            "update", "licence_applications", application_id, key, name, getattr(row, name), new
        )
        for name, new in changes.items()
        if getattr(row, name) != new
    ]
    session.execute(
        sql_update(LicenceApplicationRow)
        .where(LicenceApplicationRow.id == application_id)
        .values(**changes, version=row.version + 1)
    )
    return row, events


def _set_status(
    db: Database,
    application_id: int,
    status: str,
    values: Mapping[str, Any],
    comment: str | None,
) -> None:
    with writing(db, f"marking an application {_label(status)}") as session:
        _row, events = _move(session, application_id, status, values)
        audit.record_many(session, events, "manual_edit", None, comment)


def submit(
    db: Database,
    application_id: int,
    day: dt.date,
    reference: str,
    comment: str | None = None,
) -> None:
    if not reference.strip():
        raise ApplicationError("A submitted application needs the authority's reference.")
    _set_status(
        db, application_id, "submitted", {"submitted_on": day, "reference": reference.strip()},
        comment,
    )  # fmt: skip


def request_information(
    db: Database, application_id: int, note: str, comment: str | None = None
) -> None:
    _set_status(db, application_id, "more_information", {"decision_note": note}, comment)


def withdraw(db: Database, application_id: int, day: dt.date, comment: str | None = None) -> None:
    _set_status(db, application_id, "withdrawn", {"decided_on": day}, comment)


def deny(
    db: Database, application_id: int, day: dt.date, note: str, comment: str | None = None
) -> None:
    if not note.strip():
        raise ApplicationError("Record why the authority denied the application.")
    _set_status(
        db, application_id, "denied", {"decided_on": day, "decision_note": note.strip()}, comment
    )


def grant(
    db: Database,
    application_id: int,
    number: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    day: dt.date | None = None,
    conditions: str | None = None,
    comment: str | None = None,
    *,
    value_limit: Decimal | None = None,
    limit_currency: str | None = None,
    quantity_limit: int | None = None,
) -> int:
    """Record the grant and enter the licence in the register, its scope filled from the
    application (end user, fabs, machines, service types) and with the limits the authority
    set (counted in the evaluation); returns the licence id."""
    lines = items(db, application_id)
    app = get_application(db, application_id)
    spec = clean_input(
        LicenceInput(
            authority=app.authority,
            number=number,
            valid_from=valid_from,
            valid_to=valid_to,
            customers=(app.customer_code,),
            fabs=tuple(sorted({ln.fab_site_code for ln in lines})),
            machines=tuple(sorted({f"{ln.vendor} {ln.serial}" for ln in lines})),
            service_types=tuple(sorted({ln.service_type for ln in lines})),
            conditions=conditions,
            value_limit=value_limit,
            limit_currency=limit_currency,
            quantity_limit=quantity_limit,
            notes=f"Granted on application #{application_id}"
            + (f" (reference {app.reference})" if app.reference else ""),
        )
    )
    check_input(spec)
    with writing(db, "recording a granted licence") as session:
        licence_id, event = insert_in_session(session, spec)
        _row, events = _move(
            session,
            application_id,
            "granted",
            {"decided_on": day or valid_from, "licence_id": licence_id},
        )
        audit.record_many(session, [event, *events], "manual_edit", None, comment)
    return licence_id


@dataclass(frozen=True)
class HitKey:
    """What drafting needs to know of a hit the user selected in a stored run."""

    run_id: int
    obligation_id: int
    rule_id: str
    customer_id: int
    customer_name: str
    final_outcome: str


def hit_key(db: Database, hit_id: int) -> HitKey:
    """The run, obligation, rule and customer of a stored hit (``run_hits.id``)."""
    hit, rule, obligation, contract = RunHitRow, RunRuleRow, RunObligationRow, RunContractRow
    with db.read() as session:
        row = session.execute(
            select(
                hit.run_id,
                hit.obligation_id,
                rule.rule_id,
                contract.customer_id,
                contract.customer_name,
                hit.final_outcome,
            )
            .join(rule, (rule.run_id == hit.run_id) & (rule.number == hit.rule_number))
            .join(
                obligation,
                (obligation.run_id == hit.run_id) & (obligation.obligation_id == hit.obligation_id),
            )
            .join(
                contract,
                (contract.run_id == hit.run_id) & (contract.contract_id == obligation.contract_id),
            )
            .where(hit.id == hit_id)
        ).one_or_none()
    if row is None:
        raise ApplicationError(f"Hit {hit_id} is not in any stored run.")
    return HitKey(*row)


def notes_for_hit(session: Session, obligation_id: int, rule_id: str) -> list[str]:
    """Each application that concerned a hit, as the hit's explanation cites it: a denial
    with its date, reference and reasons; an open or granted one with its status."""
    app, item = LicenceApplicationRow, LicenceApplicationItemRow
    rows = session.execute(
        select(
            app.id,
            app.authority,
            app.status,
            app.submitted_on,
            app.reference,
            app.decided_on,
            app.decision_note,
        )
        .join(item, item.application_id == app.id)
        .where(item.obligation_id == obligation_id, item.rule_id == rule_id)
        .order_by(app.id)
    ).all()
    out = []
    for app_id, authority, status, submitted, reference, decided, note in rows:
        text = f"Application #{app_id} to {authority}: {_label(status)}"
        if status in ("denied", "granted", "withdrawn") and decided:
            text += f" on {decided}"
        elif submitted:
            text += f" (submitted {submitted})"
        if reference:
            text += f", reference {reference}"
        if note and status in ("denied", "more_information"):
            text += f": {note}"
        out.append(text)
    return out
