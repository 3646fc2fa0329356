"""``workbench db``, ``demo`` and ``list``: the database, demo data and registers."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import emit_json, emit_table
from workbench.services import browse, database, demo
from workbench.services.browse import Query

LISTABLE = ("customers", "fabs", "machines", "contracts", "obligations")


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p_demo = sub.add_parser("demo", parents=[common], help="fill an empty database with demo data")
    p_demo.add_argument("--size", default="small", help="small (default), large or a machine count")
    p_demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p_demo.set_defaults(handler=cmd_demo)

    p_db = sub.add_parser("db", parents=[common], help="database maintenance")
    db_sub = p_db.add_subparsers(dest="db_command", required=True, metavar="upgrade|info|backup")
    db_sub.add_parser("upgrade", parents=[common], help="migrate the schema").set_defaults(
        handler=cmd_db_upgrade
    )
    p_info = db_sub.add_parser("info", parents=[common], help="where the database is, counts")
    p_info.add_argument("--json", action="store_true")
    p_info.set_defaults(handler=cmd_db_info)
    p_backup = db_sub.add_parser("backup", parents=[common], help="copy the SQLite database")
    p_backup.add_argument("file", type=Path)
    p_backup.set_defaults(handler=cmd_db_backup)

    p_list = sub.add_parser("list", parents=[common], help="print a register")
    p_list.add_argument("what", choices=LISTABLE)
    p_list.add_argument("--search", default="", help="free text to look for")
    p_list.add_argument("--limit", type=int, default=50, help="rows to print as text (0: all)")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(handler=cmd_list)


def cmd_demo(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        result = demo.load_demo(db, args.size, args.seed)
    finally:
        db.dispose()
    print(
        f"Demo book written to {db.display_url}: {result.customers} customers, {result.fabs} fabs, "
        f"{result.machines} machines, {result.contracts} contracts, "
        f"{result.obligations} obligations."
    )
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        revision = database.upgrade(db)
    finally:
        db.dispose()
    print(f"Database {db.display_url} is at schema revision {revision}.")
    return 0


def cmd_db_info(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        details = database.info(db)
    finally:
        db.dispose()
    if args.json:
        emit_json(details.as_json())
        return 0
    print(f"Database: {details.url} ({details.backend})")
    print(f"Schema:   {details.revision} (application head {details.head})")
    emit_table(["table", "rows"], [[k, v] for k, v in details.counts.items()])
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        target = database.backup(db, args.file)
    finally:
        db.dispose()
    print(f"Backup written to {target}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        rows = browse.records(db, args.what, Query(search=args.search))
    finally:
        db.dispose()
    if args.json:
        emit_json(rows)
        return 0
    spec = browse.spec(args.what)
    headers = [c.label for c in spec.columns]
    emit_table(headers, [[r[k] for k in spec.keys] for r in rows], limit=args.limit)
    return 0
