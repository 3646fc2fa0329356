"""``workbench audit``, ``roles``, ``undo``, ``db restore``: the trail, roles, backups."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from workbench.cli.output import emit_json, emit_table, error
from workbench.services import audit, backups, database, editing, roles
from workbench.services.audit import AuditFilter


def _day(text: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p_audit = sub.add_parser("audit", parents=[common], help="the audit trail")
    audit_sub = p_audit.add_subparsers(
        dest="audit_command", required=True, metavar="verify|export|history"
    )
    p_verify = audit_sub.add_parser("verify", parents=[common], help="check the hash chain")
    p_verify.add_argument("--json", action="store_true")
    p_verify.set_defaults(handler=cmd_verify)

    p_export = audit_sub.add_parser("export", parents=[common], help="write .xlsx or .csv")
    p_export.add_argument("file", type=Path)
    p_export.add_argument("--since", type=_day, help="from this day (UTC), YYYY-MM-DD")
    p_export.add_argument("--until", type=_day, help="before this day (UTC), YYYY-MM-DD")
    p_export.add_argument("--user", help="only this user's changes")
    p_export.add_argument("--table", help="only this table (customers, fabs, machines, ...)")
    p_export.add_argument("--cause", choices=audit.CAUSE_KINDS, help="only this cause")
    p_export.set_defaults(handler=cmd_export)

    p_history = audit_sub.add_parser("history", parents=[common], help="one record's history")
    p_history.add_argument("table")
    p_history.add_argument("record", type=int)
    p_history.add_argument("--json", action="store_true")
    p_history.set_defaults(handler=cmd_history)

    p_roles = sub.add_parser("roles", parents=[common], help="viewer, analyst, approver")
    roles_sub = p_roles.add_subparsers(dest="roles_command", required=True, metavar="show|set|sql")
    p_show = roles_sub.add_parser("show", parents=[common], help="your role and the assigned")
    p_show.add_argument("--json", action="store_true")
    p_show.set_defaults(handler=cmd_roles_show)
    p_set = roles_sub.add_parser("set", parents=[common], help="give a user a role")
    p_set.add_argument("user")
    p_set.add_argument("role", choices=roles.ROLES)
    p_set.set_defaults(handler=cmd_roles_set)
    roles_sub.add_parser(
        "sql", parents=[common], help="the SQL that sets the roles up on PostgreSQL"
    ).set_defaults(handler=cmd_roles_sql)

    p_undo = sub.add_parser("undo", parents=[common], help="undo your last edit(s)")
    p_undo.add_argument("--count", type=int, default=1, help="how many edits (default 1)")
    p_undo.add_argument("--comment", help="why, for the audit trail")
    p_undo.set_defaults(handler=cmd_undo)

    _add_restore(sub, common)


def _add_restore(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """``db restore`` joins the ``db`` group that ``commands_db`` registered."""
    db_parser = sub.choices.get("db")
    if db_parser is None:
        return
    db_sub = next(
        action for action in db_parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    db_sub.metavar = f"{db_sub.metavar}|restore" if db_sub.metavar else None
    p_restore = db_sub.add_parser(
        "restore", parents=[common], help="replace the SQLite book with a backup"
    )
    p_restore.add_argument("file", type=Path)
    p_restore.set_defaults(handler=cmd_db_restore)


def cmd_verify(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        check = audit.verify(db)
    finally:
        db.dispose()
    if args.json:
        emit_json(
            {
                "ok": check.ok,
                "entries": check.entries,
                "head": check.head_seq,
                "broken_at": check.broken_seq,
                "problem": check.problem,
            }
        )
    if not check.ok:
        error(f"the audit trail is broken at entry {check.broken_seq}: {check.problem}.")
        return 1
    if not args.json:
        print(f"Audit trail intact: {check.entries} entries, chain head {check.head_seq}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    flt = AuditFilter(
        since=args.since, until=args.until, user=args.user, table=args.table, cause_kind=args.cause
    )
    db = database.open_database(args.db)
    try:
        rows = audit.export(db, args.file, flt)
    finally:
        db.dispose()
    print(f"Wrote {rows} audit rows to {args.file}.")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        found = audit.history(db, args.table, args.record)
    finally:
        db.dispose()
    rows = [
        {
            "seq": e.seq,
            "at": e.at.isoformat(),
            "user": e.user_name,
            "action": e.action,
            "field": e.field,
            "old": None if e.packed else e.old,
            "new": None if e.packed else e.new,
            "cause": e.cause_kind,
            "cause_id": e.cause_id,
            "comment": e.comment,
        }
        for e in found
    ]
    if args.json:
        emit_json(rows)
        return 0
    headers = ["seq", "at", "user", "action", "field", "old", "new", "cause", "comment"]
    emit_table(headers, [[r[h] for h in headers] for r in rows])
    return 0


def cmd_roles_show(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        mine = roles.current_role(db)
        everyone = roles.assigned(db)
    finally:
        db.dispose()
    if args.json:
        emit_json({"you": mine.as_json(), "assigned": [r.as_json() for r in everyone]})
        return 0
    print(f"You ({mine.user}) are {mine.role} ({mine.source}).")
    if everyone:
        emit_table(["user", "role"], [[r.user, r.role] for r in everyone])
    return 0


def cmd_roles_set(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        info = roles.set_role(db, args.user, args.role)
    finally:
        db.dispose()
    print(f"{info.user} is now {info.role}.")
    return 0


def cmd_roles_sql(_args: argparse.Namespace) -> int:
    print(roles.grant_sql())
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        done = editing.undo_last(db, args.count, args.comment)
    finally:
        db.dispose()
    for result in done:
        print(f"Undid edit {result.reverts}: {len(result.touched)} record(s) restored.")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    db = database.open_database(args.db, upgrade=False)
    try:
        result = backups.restore(db, args.file)
    finally:
        db.dispose()
    saved = f"; the replaced book was saved as {result.saved_as}" if result.saved_as else ""
    print(f"Restored {db.display_url} from {result.source} (schema {result.revision}){saved}.")
    return 0
