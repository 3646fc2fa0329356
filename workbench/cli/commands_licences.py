"""``workbench licences``: the register of licences held, from the command line.

``list`` (``--expiring DAYS``: those ending soon, with what they cover in the latest run) and
``expiring`` (the same, as ``--days``) read; ``add``, ``edit``, ``import`` and ``attach``
write, audited with cause ``cli`` (an import is one import batch). Scope options take codes
as the book shows them: customer codes, fab site codes, serials (``VENDOR SERIAL`` when
ambiguous), model codes or families (``NXT:*``), service types, ECCN or annex entries,
comma-separated.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from workbench.cli.output import emit_json, emit_table
from workbench.services import database
from workbench.services.licence_import import import_licences
from workbench.services.licences import (
    LICENCE_TYPES,
    ExpiringReport,
    Licence,
    LicenceError,
    LicenceInput,
    add_licence,
    attach_document,
    edit_licence,
    expiring,
    find_licence,
    get_licence,
    list_licences,
    parse_date,
    parse_list,
    parse_money,
    with_changes,
)
from workbench.storage.database import Database

#: Options that set a field, with the field they set and how their text is read.
_FIELDS: dict[str, tuple[str, Any]] = {
    "authority": ("authority", str),
    "number": ("number", str),
    "type": ("licence_type", str),
    "valid_from": ("valid_from", lambda t: parse_date(t, "--from")),
    "valid_to": ("valid_to", lambda t: None if t in ("", "none") else parse_date(t, "--to")),
    "customers": ("customers", parse_list),
    "fabs": ("fabs", parse_list),
    "machines": ("machines", parse_list),
    "models": ("model_codes", parse_list),
    "services": ("service_types", parse_list),
    "classifications": ("classifications", parse_list),
    "value_limit": (
        "value_limit",
        lambda t: None if t in ("", "none") else parse_money(t, "--value-limit"),
    ),
    "currency": ("limit_currency", str),
    "quantity_limit": ("quantity_limit", lambda t: None if t in ("", "none") else _count(t)),
    "conditions": ("conditions", str),
    "notes": ("notes", str),
}


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise LicenceError(f"--quantity-limit '{text}' is not a whole number.")
    return int(text)


def _field_options(parser: argparse.ArgumentParser, adding: bool) -> None:
    parser.add_argument("--authority", required=adding, help="BIS, NL-CDIU, METI, MOTIE, ...")
    parser.add_argument("--number", required=adding, help="the licence number")
    parser.add_argument("--type", help=f"{', '.join(LICENCE_TYPES)} (default individual)")
    parser.add_argument(
        "--from", dest="valid_from", required=adding, metavar="DATE", help="valid from"
    )
    parser.add_argument("--to", dest="valid_to", metavar="DATE", help="valid to ('none': open)")
    parser.add_argument("--customers", metavar="CODES", help="customer codes")
    parser.add_argument("--fabs", metavar="SITES", help="fab site codes")
    parser.add_argument("--machines", metavar="SERIALS", help="serials or 'VENDOR SERIAL'")
    parser.add_argument("--models", metavar="CODES", help="model codes or families (NXT:*)")
    parser.add_argument("--services", metavar="TYPES", help="service types (default: all)")
    parser.add_argument("--classifications", metavar="ENTRIES", help="ECCN or annex entries")
    parser.add_argument("--value-limit", metavar="AMOUNT")
    parser.add_argument("--currency", metavar="ISO", help="currency of the value limit")
    parser.add_argument("--quantity-limit", metavar="N")
    parser.add_argument("--conditions", help="the licence's conditions, as text")
    parser.add_argument("--notes")
    parser.add_argument("--document", type=Path, metavar="FILE", help="attach the licence")
    parser.add_argument("--comment", help="why, for the audit trail")


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("licences", parents=[common], help="the register of licences held")
    lsub = p.add_subparsers(
        dest="licences_command", required=True, metavar="list|add|edit|import|attach|expiring"
    )
    p_list = lsub.add_parser("list", parents=[common], help="licences held")
    p_list.add_argument(
        "--expiring",
        type=int,
        metavar="DAYS",
        help="only those ending within DAYS, with what they cover in the latest run",
    )
    p_list.add_argument("--as-of", metavar="DATE", help="with --expiring: from this day")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(handler=cmd_list)

    p_add = lsub.add_parser("add", parents=[common], help="enter a licence")
    _field_options(p_add, adding=True)
    p_add.set_defaults(handler=cmd_add)

    p_edit = lsub.add_parser("edit", parents=[common], help="change a licence's fields")
    p_edit.add_argument("licence", help="its id, or AUTHORITY:NUMBER")
    _field_options(p_edit, adding=False)
    p_edit.set_defaults(handler=cmd_edit)

    p_import = lsub.add_parser("import", parents=[common], help="add or update from a sheet")
    p_import.add_argument("file", type=Path)
    p_import.set_defaults(handler=cmd_import)

    p_attach = lsub.add_parser("attach", parents=[common], help="store the licence document")
    p_attach.add_argument("licence", help="its id, or AUTHORITY:NUMBER")
    p_attach.add_argument("file", type=Path)
    p_attach.set_defaults(handler=cmd_attach)

    p_exp = lsub.add_parser("expiring", parents=[common], help="licences ending soon")
    p_exp.add_argument("--days", type=int, default=90, help="horizon (default 90)")
    p_exp.add_argument("--as-of", metavar="DATE", help="from this day (default today)")
    p_exp.add_argument("--json", action="store_true")
    p_exp.set_defaults(handler=cmd_expiring)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for option, (name, read) in _FIELDS.items():
        text = getattr(args, option, None)
        if text is not None:
            out[name] = read(text)
    return out


def _find(db: Database, ref: str) -> Licence:
    if ref.isdigit():
        return get_licence(db, int(ref))
    authority, sep, number = ref.partition(":")
    if not sep:
        raise LicenceError(f"'{ref}' names no licence: give its id or AUTHORITY:NUMBER.")
    return find_licence(db, authority, number)


def _row(lic: Licence) -> dict[str, Any]:
    s = lic.spec
    return {
        "id": lic.id,
        "authority": s.authority,
        "number": s.number,
        "type": s.licence_type,
        "valid_from": s.valid_from.isoformat(),
        "valid_to": s.valid_to.isoformat() if s.valid_to else None,
        "customers": list(s.customers),
        "fabs": list(s.fabs),
        "machines": list(s.machines),
        "models": list(s.model_codes),
        "services": list(s.service_types),
        "classifications": list(s.classifications),
        "value_limit": str(s.value_limit) if s.value_limit is not None else None,
        "currency": s.limit_currency,
        "quantity_limit": s.quantity_limit,
        "conditions": s.conditions,
        "document": lic.document_name,
        "document_sha256": lic.document_sha256,
        "version": lic.version,
    }


def cmd_list(args: argparse.Namespace) -> int:
    if args.expiring is not None:
        return show_expiring(args, args.expiring)
    db = database.open_database(args.db)
    try:
        found = list_licences(db)
    finally:
        db.dispose()
    if args.json:
        emit_json([_row(lic) for lic in found])
        return 0
    if not found:
        print("No licences in the register; add one with 'workbench licences add'.")
        return 0
    emit_table(
        ["Id", "Authority", "Number", "Type", "Valid from", "Valid to", "Scope", "Document"],
        [
            [
                lic.id,
                lic.spec.authority,
                lic.spec.number,
                lic.spec.licence_type,
                lic.spec.valid_from,
                lic.spec.valid_to or "open",
                lic.scope_text,
                lic.document_name or "",
            ]
            for lic in found
        ],
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    values = _given(args)
    spec = LicenceInput(**values)
    db = database.open_database(args.db)
    try:
        saved = add_licence(db, spec, args.comment, cause="cli")
        if args.document:
            attach_document(db, saved.licence_id, args.document, args.comment)
    finally:
        db.dispose()
    print(
        f"Added licence {spec.authority.strip().upper()} {spec.number.strip()} "
        f"(id {saved.licence_id})."
    )
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        lic = _find(db, args.licence)
        result = edit_licence(
            db, lic.id, lic.version, with_changes(lic.spec, _given(args)), args.comment, "cli"
        )
        if args.document:
            attach_document(db, lic.id, args.document, args.comment)
    finally:
        db.dispose()
    label = f"{lic.spec.authority} {lic.spec.number}"
    if result.action == "none" and not args.document:
        print(f"Licence {label}: nothing changed.")
    else:
        changed = ", ".join(result.changed) or "document"
        print(f"Licence {label} updated ({changed}).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        result = import_licences(db, args.file)
    finally:
        db.dispose()
    print(
        f"Imported {args.file.name}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged (import batch {result.batch_id})."
    )
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        lic = _find(db, args.licence)
        digest = attach_document(db, lic.id, args.file)
    finally:
        db.dispose()
    print(f"Stored {args.file.name} with licence {lic.spec.authority} {lic.spec.number} "
          f"(SHA-256 {digest}).")  # fmt: skip
    return 0


def _amounts(values: dict[str, float]) -> str:
    return "; ".join(f"{c} {v:,.0f}" for c, v in sorted(values.items()))


def _expiring_rows(report: ExpiringReport) -> list[dict[str, Any]]:
    return [
        {
            "id": e.licence.id,
            "authority": e.licence.spec.authority,
            "number": e.licence.spec.number,
            "valid_to": e.licence.spec.valid_to.isoformat() if e.licence.spec.valid_to else None,
            "days_left": e.days_left,
            "hits": e.protection.hits,
            "obligations": e.protection.obligations,
            "value_protected": e.value_protected,
            "value_exposed": e.value_exposed,
            "renewed_from": e.renewed_from.isoformat() if e.renewed_from else None,
            "run": report.run.id if report.run else None,
        }
        for e in report.licences
    ]


def show_expiring(args: argparse.Namespace, days: int) -> int:
    """``list --expiring DAYS`` and ``expiring --days DAYS``: one report, two spellings."""
    if days < 0:
        raise LicenceError(f"The horizon must be zero or more days, not {days}.")
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else dt.date.today()
    db = database.open_database(args.db)
    try:
        report = expiring(db, as_of, days)
    finally:
        db.dispose()
    rows = _expiring_rows(report)
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(f"No licence ends in the {days} days from {as_of}.")
        return 0
    run = report.run
    print(
        f"Licences ending in the {days} days from {as_of}"
        + (
            f", with what they cover in run {run.id} ({run.scenario_id}, as of {run.as_of}):"
            if run
            else " (no evaluation run yet: run one to see what they cover):"
        )
    )
    emit_table(
        [
            "Authority",
            "Number",
            "Valid to",
            "Days left",
            "Obligations",
            "Value protected",
            "At risk after expiry",
        ],
        [
            [
                r["authority"],
                r["number"],
                r["valid_to"],
                r["days_left"],
                r["obligations"],
                _amounts(r["value_protected"]) or "—",
                f"renewed from {r['renewed_from']}"
                if r["renewed_from"]
                else _amounts(r["value_exposed"]) or "—",
            ]
            for r in rows
        ],
    )
    return 0


def cmd_expiring(args: argparse.Namespace) -> int:
    return show_expiring(args, args.days)
