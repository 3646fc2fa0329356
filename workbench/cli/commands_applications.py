"""``workbench applications``: licence applications drafted from a run, tracked to a decision.

``draft`` takes a run and either ``--rule`` (and ``--customer``) for every licence-required
hit of that rule, or ``--hit OBLIGATION:RULE`` (repeatable); ``export`` writes the annex
workbook and PDF; ``submit``, ``info``, ``grant``, ``deny``, ``withdraw`` move the status.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from workbench.cli.output import emit_json, emit_table
from workbench.services import applications, database
from workbench.services.applications import ApplicationError
from workbench.services.licences import parse_money
from workbench.storage.database import Database
from workbench.storage.orm import CustomerRow


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _hit(text: str) -> tuple[int, str]:
    obligation, sep, rule = text.partition(":")
    if not sep or not obligation.isdigit() or not rule:
        raise argparse.ArgumentTypeError(f"'{text}' is not OBLIGATION_ID:RULE_ID")
    return int(obligation), rule


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("applications", parents=[common], help="licence applications")
    asub = p.add_subparsers(
        dest="applications_command",
        required=True,
        metavar="draft|list|export|submit|info|grant|deny|withdraw",
    )
    p_draft = asub.add_parser("draft", parents=[common], help="draft from a run's hits")
    p_draft.add_argument("--run", type=int, required=True, help="the run id")
    p_draft.add_argument("--rule", help="every licence-required hit of this rule")
    p_draft.add_argument("--customer", help="... for this customer code")
    p_draft.add_argument("--hit", type=_hit, action="append", help="OBLIGATION_ID:RULE_ID")
    p_draft.add_argument("--end-use", help="the end use, as the statement gives it")
    p_draft.add_argument("--statement", help="end-user statement reference or text")
    p_draft.set_defaults(handler=cmd_draft)

    p_list = asub.add_parser("list", parents=[common], help="applications and their status")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(handler=cmd_list)

    p_export = asub.add_parser("export", parents=[common], help="annex workbook and PDF")
    p_export.add_argument("application", type=int)
    p_export.add_argument("--xlsx", type=Path)
    p_export.add_argument("--pdf", type=Path)
    p_export.set_defaults(handler=cmd_export)

    p_submit = asub.add_parser("submit", parents=[common], help="record the submission")
    p_submit.add_argument("application", type=int)
    p_submit.add_argument("--date", type=_day, required=True)
    p_submit.add_argument("--reference", required=True, help="the authority's reference")
    p_submit.set_defaults(handler=cmd_submit)

    p_info = asub.add_parser("info", parents=[common], help="more information requested")
    p_info.add_argument("application", type=int)
    p_info.add_argument("--note", required=True, help="what the authority asked for")
    p_info.set_defaults(handler=cmd_info)

    p_grant = asub.add_parser("grant", parents=[common], help="granted: enter the licence")
    p_grant.add_argument("application", type=int)
    p_grant.add_argument("--number", required=True, help="the licence number issued")
    p_grant.add_argument("--from", dest="valid_from", type=_day, required=True)
    p_grant.add_argument("--to", dest="valid_to", type=_day)
    p_grant.add_argument("--date", type=_day, help="day of the decision (default: --from)")
    p_grant.add_argument("--conditions")
    p_grant.add_argument("--value-limit", metavar="AMOUNT", help="value the licence allows")
    p_grant.add_argument("--currency", metavar="ISO", help="currency of the value limit")
    p_grant.add_argument("--quantity-limit", metavar="N", help="machines the licence allows")
    p_grant.set_defaults(handler=cmd_grant)

    p_deny = asub.add_parser("deny", parents=[common], help="denied: record why")
    p_deny.add_argument("application", type=int)
    p_deny.add_argument("--date", type=_day, required=True)
    p_deny.add_argument("--note", required=True, help="the authority's reasons")
    p_deny.set_defaults(handler=cmd_deny)

    p_withdraw = asub.add_parser("withdraw", parents=[common], help="withdrawn")
    p_withdraw.add_argument("application", type=int)
    p_withdraw.add_argument("--date", type=_day, default=None)
    p_withdraw.set_defaults(handler=cmd_withdraw)


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise ApplicationError(f"--quantity-limit '{text}' is not a whole number.")
    return int(text)


def _customer_id(db: Database, code: str | None) -> int | None:
    if code is None:
        return None
    with db.read() as session:
        found = session.scalar(select(CustomerRow.id).where(CustomerRow.code == code))
    if found is None:
        raise ApplicationError(f"There is no customer with code '{code}'.")
    return int(found)


def cmd_draft(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        created = applications.draft_from_run(
            db,
            args.run,
            args.hit,
            rule_id=args.rule,
            customer_id=_customer_id(db, args.customer),
            end_use=args.end_use,
            end_user_statement=args.statement,
        )
        found = applications.list_applications(db, created)
    finally:
        db.dispose()
    for app in found:
        print(
            f"Drafted application #{app.id} to {app.authority} for {app.customer_name}: "
            f"{app.items} obligation(s)."
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        found = applications.list_applications(db)
    finally:
        db.dispose()
    rows = [
        {
            "id": a.id,
            "authority": a.authority,
            "end_user": a.customer_code,
            "status": a.status,
            "items": a.items,
            "submitted_on": a.submitted_on.isoformat() if a.submitted_on else None,
            "reference": a.reference,
            "decided_on": a.decided_on.isoformat() if a.decided_on else None,
            "note": a.decision_note,
            "licence_id": a.licence_id,
            "run_id": a.run_id,
        }
        for a in found
    ]
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("No licence applications; draft one with 'workbench applications draft'.")
        return 0
    emit_table(
        ["Id", "Authority", "End user", "Status", "Items", "Submitted", "Reference", "Decided"],
        [
            [
                r["id"],
                r["authority"],
                r["end_user"],
                r["status"],
                r["items"],
                r["submitted_on"] or "",
                r["reference"] or "",
                r["decided_on"] or "",
            ]
            for r in rows
        ],
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.xlsx is None and args.pdf is None:
        raise ApplicationError("Name a file: --xlsx ANNEX.xlsx and/or --pdf APPLICATION.pdf.")
    db = database.open_database(args.db)
    try:
        doc = applications.export(db, args.application, args.xlsx, args.pdf)
    finally:
        db.dispose()
    written = " and ".join(str(p) for p in (args.xlsx, args.pdf) if p is not None)
    print(f"Wrote application #{doc.application_id} ({len(doc.lines)} lines) to {written}.")
    return 0


def _simple(args: argparse.Namespace, action: str) -> int:
    db = database.open_database(args.db)
    try:
        if action == "submit":
            applications.submit(db, args.application, args.date, args.reference)
        elif action == "info":
            applications.request_information(db, args.application, args.note)
        elif action == "deny":
            applications.deny(db, args.application, args.date, args.note)
        else:
            applications.withdraw(db, args.application, args.date or dt.date.today())
        app = applications.get_application(db, args.application)
    finally:
        db.dispose()
    print(f"Application #{app.id} is now {app.status.replace('_', ' ')}.")
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    return _simple(args, "submit")


def cmd_info(args: argparse.Namespace) -> int:
    return _simple(args, "info")


def cmd_deny(args: argparse.Namespace) -> int:
    return _simple(args, "deny")


def cmd_withdraw(args: argparse.Namespace) -> int:
    return _simple(args, "withdraw")


def cmd_grant(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        licence_id = applications.grant(
            db,
            args.application,
            args.number,
            args.valid_from,
            args.valid_to,
            args.date,
            args.conditions,
            value_limit=(
                None if args.value_limit is None else parse_money(args.value_limit, "--value-limit")
            ),
            limit_currency=args.currency,
            quantity_limit=None if args.quantity_limit is None else _count(args.quantity_limit),
        )
    finally:
        db.dispose()
    print(
        f"Application #{args.application} granted; licence {args.number} is in the register "
        f"(id {licence_id}). Re-run the evaluation to see the hits it covers."
    )
    return 0
