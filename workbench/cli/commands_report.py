"""``workbench report``: the audit PDF and workbook of a run, sign-offs, register exports."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import emit_json, emit_table
from workbench.services import browse, database, reporting


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    p_report = sub.add_parser("report", parents=[common], help="audit reports of a run")
    report_sub = p_report.add_subparsers(
        dest="report_command", required=True, metavar="pdf|xlsx|signoff|signoffs|export"
    )
    for kind, text in (("pdf", "the signed audit PDF"), ("xlsx", "the working Excel workbook")):
        p_kind = report_sub.add_parser(kind, parents=[common], help=text)
        p_kind.add_argument("--run", type=int, required=True)
        p_kind.add_argument("--out", type=Path, required=True, metavar="FILE")
        p_kind.add_argument("--marking", help="confidentiality marking on every page")
        p_kind.add_argument("--json", action="store_true")
        p_kind.set_defaults(handler=cmd_report, kind=kind)

    p_sign = report_sub.add_parser("signoff", parents=[common], help="sign off a report file")
    p_sign.add_argument("--run", type=int, required=True)
    p_sign.add_argument("--file", type=Path, required=True, metavar="REPORT")
    p_sign.add_argument("--role", required=True, choices=reporting.ROLES)
    p_sign.add_argument("--comment")
    p_sign.add_argument("--json", action="store_true")
    p_sign.set_defaults(handler=cmd_signoff)

    p_list = report_sub.add_parser("signoffs", parents=[common], help="sign-offs of a run")
    p_list.add_argument("--run", type=int, required=True)
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(handler=cmd_signoffs)

    p_export = report_sub.add_parser(
        "export", parents=[common], help="export a register to .xlsx or .csv"
    )
    p_export.add_argument("table", help="machines, contracts, obligations, customers, fabs, hits")
    p_export.add_argument("--out", type=Path, required=True, metavar="FILE")
    p_export.add_argument("--search", default="", help="free-text filter, as in the app")
    p_export.add_argument("--run", type=int, help="with 'hits': the run whose hits to export")
    p_export.set_defaults(handler=cmd_export)


def cmd_report(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        written = reporting.write_report(db, args.run, args.out, args.kind, args.marking)
    finally:
        db.dispose()
    if args.json:
        emit_json(written.as_json())
        return 0
    unit = "pages" if written.kind == "pdf" else "finding rows"
    print(
        f"Wrote {written.path} (run {written.run_id}, {written.units:,} {unit}, "
        f"{written.size:,} bytes); SHA-256 {written.sha256}."
    )
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        signed = reporting.record_signoff(db, args.run, args.file, args.role, args.comment)
    finally:
        db.dispose()
    if args.json:
        emit_json(signed.as_json())
        return 0
    print(
        f"Recorded: {signed.user_name} {signed.role} {signed.file_name} for run {signed.run_id} "
        f"(SHA-256 {signed.sha256})."
    )
    return 0


def cmd_signoffs(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        items = reporting.signoffs(db, args.run)
    finally:
        db.dispose()
    if args.json:
        emit_json([s.as_json() for s in items])
        return 0
    emit_table(
        ["signed at", "role", "user", "kind", "file", "sha256", "comment"],
        [
            [
                s.signed_at.strftime("%Y-%m-%d %H:%M"),
                s.role,
                s.user_name,
                s.report_kind,
                s.file_name,
                s.sha256[:16],
                s.comment,
            ]
            for s in items
        ],
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    scope = {"run_id": args.run} if args.run is not None else {}
    query = browse.Query(search=args.search, scope=scope)
    db = database.open_database(args.db)
    try:
        rows = reporting.export_table(db, args.table, query, args.out)
    finally:
        db.dispose()
    print(f"Wrote {rows:,} rows of {args.table} to {args.out}.")
    return 0
