"""``workbench import``: read installed-base files, show the plan, commit it on request."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from workbench.cli.output import emit_json, emit_table, error
from workbench.importers import ImportFileError, ImportIssue, Severity
from workbench.importers.countries import country_code
from workbench.importers.money import currency_code
from workbench.services import database, importing

SHOWN = 40  # changes and rejected rows printed as text; --json and --errors give all

#: Exit statuses of ``workbench import`` (README, "Exit codes"). A script must be able to tell
#: "fix some rows" from "this file cannot be read at all" without parsing stderr.
EXIT_OK = 0
EXIT_ROWS_REJECTED = 1  # the plan has rejected rows: nothing written (unless --valid-only)
EXIT_USAGE = 2
EXIT_FILE_REFUSED = 3  # a file is missing, unreadable or unsafe: nothing read, nothing written


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import installed-base files (dry run unless --commit)",
        description="Read spreadsheets or CSV files, resolve them against the database and "
        "show what would be created, changed or rejected. Nothing is written without --commit; "
        "with --commit, any rejected row means nothing is written unless --valid-only.",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE")
    p.add_argument(
        "--template",
        type=Path,
        metavar="OUT.xlsx",
        help="write a template workbook (columns understood, example rows) and exit",
    )
    p.add_argument("--profile", metavar="NAME", help="read the files with a saved column mapping")
    p.add_argument("--save-profile", metavar="NAME", help="save the mapping used under this name")
    p.add_argument("--vendor", metavar="V", help="vendor of every machine, for files without one")
    p.add_argument(
        "--own-company",
        metavar="NAME",
        help="the company whose installed base this is (kept in the book): the vendor of "
        "machines whose model the equipment catalogue does not know",
    )
    p.add_argument(
        "--currency",
        metavar="CODE",
        help="the book's currency (ISO 4217, kept in the book): the currency of amounts the "
        "file writes without one",
    )
    p.add_argument(
        "--country",
        metavar="CODE",
        help="the country of the fabs the file names without one (e.g. CN for a China "
        "installed-base sheet); this import only",
    )
    p.add_argument(
        "--match",
        action="append",
        default=[],
        metavar="NAME=CODE",
        help="take the customer NAME as written in the file to be the stored customer CODE "
        "(answers the plan's 'is X the stored Y?'); repeatable",
    )
    p.add_argument("--commit", action="store_true", help="write the import to the database")
    p.add_argument(
        "--valid-only", action="store_true", help="with --commit: write the valid rows only"
    )
    p.add_argument("--errors", type=Path, metavar="OUT.xlsx", help="write the rejected rows here")
    p.add_argument("--json", action="store_true", help="print the plan or result as JSON")
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    if args.template is not None:
        if args.template.suffix.lower() != ".xlsx":
            error(f"{args.template} must be an .xlsx file.")
            return EXIT_USAGE
        importing.write_template(args.template)
        print(f"Template written to {args.template}.")
        return 0
    if not args.files:
        error("name at least one file to import (or --template OUT.xlsx).")
        return EXIT_USAGE
    if args.errors is not None and args.errors.suffix.lower() != ".xlsx":
        error(f"{args.errors} must be an .xlsx file.")
        return EXIT_USAGE
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        error(f"{missing[0]} does not exist or is not a file.")
        return EXIT_FILE_REFUSED
    matches: dict[str, str] = {}
    for answer in args.match:
        name, sep, code = answer.rpartition("=")
        if not sep or not name.strip() or not code.strip():
            error(f"--match '{answer}' must be NAME=CODE, e.g. --match 'SMIC BJ=SMIC-BJ'.")
            return EXIT_USAGE
        matches[name.strip()] = code.strip()
    currency = None
    if args.currency is not None:
        currency = currency_code(args.currency)
        if currency is None:
            error(f"--currency '{args.currency}' is not an ISO 4217 currency code (e.g. EUR, USD).")
            return EXIT_USAGE
    country = None
    if args.country is not None:
        country = country_code(args.country)
        if country is None:
            error(f"--country '{args.country}' is not a country name or ISO code.")
            return EXIT_USAGE
    options = importing.ImportOptions(
        commit=args.commit,
        valid_only=args.valid_only,
        vendor=args.vendor,
        profile=args.profile,
        save_profile=args.save_profile,
        matches=matches,
        own_company=args.own_company,
        currency=currency,
        country=country,
    )
    db = database.open_database(args.db)
    try:
        outcome = importing.run_import(db, args.files, options)
    except ImportFileError as exc:
        error(f"{str(exc).rstrip('.')}; nothing was imported.")
        return EXIT_FILE_REFUSED
    finally:
        db.dispose()
    errors_written = None
    if args.errors is not None and outcome.plan.rejected_rows:
        errors_written = importing.write_errors(args.errors, outcome.plan)
    if args.json:
        payload = outcome.to_dict()
        payload["errors_file"] = str(args.errors) if errors_written is not None else None
        emit_json(payload)
    else:
        _print_outcome(outcome, args, errors_written)
    if outcome.refused:
        rejected = len(outcome.plan.rejected_rows)
        what = f"{rejected} row(s) were rejected" if rejected else "the files have errors"
        error(
            f"{what}, so nothing was written; fix them (see --errors) or add --valid-only to "
            "write the valid rows only."
        )
        return EXIT_ROWS_REJECTED
    return EXIT_OK if outcome.ok else EXIT_ROWS_REJECTED


def _print_outcome(
    outcome: importing.ImportOutcome, args: argparse.Namespace, errors_written: int | None
) -> None:
    plan = outcome.plan
    # One count: the rows the plan rejects (reading, duplicates and resolving against the
    # book), the same rows the table of rejected rows below lists.
    rejected_per_sheet = plan.rejected_per_sheet()
    for info in plan.parsed.files:
        print(f"File {info.name} (SHA-256 {info.sha256[:16]}...)")
    for sheet in plan.parsed.sheets:
        where = f"  sheet '{sheet.sheet}'" if sheet.sheet else f"  {sheet.file}"
        kinds = ", ".join(k.value for k in sheet.kinds) or "nothing recognised"
        header = f"header row {sheet.header_row}" if sheet.header_row else "no header row"
        rejected = rejected_per_sheet.get((sheet.file, sheet.sheet), 0)
        print(f"{where}: {header}; {kinds}; {sheet.rows_read} rows, {rejected} rejected")
        for letter, heading, keys in sheet.columns:
            became = ", ".join(keys) if keys else "NOT IMPORTED"
            print(f"    {letter:>3}  {heading[:40]:<40}  -> {became}")
        if sheet.ignored:
            names = ", ".join(f"'{h}' ({letter})" for letter, h in sheet.ignored)
            print(f"    Not imported: {len(sheet.ignored)} column(s): {names}")
    print()
    emit_table(
        ["records", "new", "changed", "unchanged", "rejected"],
        [[kind, *counts.values()] for kind, counts in plan.counts().items()],
    )
    _print_references(plan)
    changes = [(kind, c) for kind, k in plan.kinds.items() for c in k.changed]
    if changes:
        print(f"\nChanges ({len(changes)}):")
        for kind, change in changes[:SHOWN]:
            what = "; ".join(f"{f.field}: '{f.old}' -> '{f.new}'" for f in change.fields)
            flag = " [relocation]" if change.is_relocation else ""
            print(f"  {kind.value} {change.key}{flag}: {what} ({change.source})")
        if len(changes) > SHOWN:
            print(f"  ... {len(changes) - SHOWN} more (use --json)")
    _print_warnings(plan)
    errors = plan.errors
    if errors:
        print(f"\nRejected ({len(plan.rejected_rows)} rows):")
        for issue in errors[:SHOWN]:
            print(f"  {issue.text}")
        if len(errors) > SHOWN:
            print(f"  ... {len(errors) - SHOWN} more (use --errors OUT.xlsx or --json)")
    print()
    if errors_written is not None:
        print(f"{errors_written} rejected row(s) written to {args.errors}.")
    elif args.errors is not None:
        print(f"No rejected rows; {args.errors} was not written.")
    if outcome.profile_saved:
        print(f"Mapping saved as import profile '{outcome.profile_saved}'.")
    if outcome.committed:
        print(
            f"Committed as import batch {outcome.batch_id}: {outcome.rows_written} record(s) "
            "written."
        )
    elif not outcome.refused:
        print("Dry run: nothing was written (add --commit to write).")


#: What varies between findings of one kind: the quoted values and the numbers.
_PARTICULARS = re.compile(r"\s*\(and \d+ more rows? with the same value\)|'[^']*'|\d[\d,.:-]*")


def _print_warnings(plan: importing.ImportPlan) -> None:
    """Values taken with a doubt and notices, one line per kind of finding and column.

    A commit that read "440k" as 440,000 or "Dec 2021" as 2021-12-31 must say so where the
    analyst looks, not only in --json: the same finding in one column is one line, with its
    count, its first occurrence and the rows it concerns.
    """
    groups: dict[tuple[object, ...], list[ImportIssue]] = {}
    for issue in plan.all_issues:
        if issue.severity is Severity.ERROR:
            continue
        key = (
            issue.severity,
            issue.file,
            issue.sheet,
            issue.column_header,
            _PARTICULARS.sub("…", issue.message),
        )
        groups.setdefault(key, []).append(issue)
    if not groups:
        return
    ordered = sorted(
        groups.values(), key=lambda g: (g[0].severity is not Severity.WARNING, -len(g))
    )
    warnings = sum(len(g) for g in ordered if g[0].severity is Severity.WARNING)
    print(f"\nWarnings and notices ({warnings} warning(s)):")
    for group in ordered[:SHOWN]:
        first = group[0]
        rows = sorted({i.row for i in group if i.row is not None})
        where = ""
        if len(group) > 1:
            shown = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
            where = f" [{len(group)} times; rows {shown}]" if rows else f" [{len(group)} times]"
        label = "warning" if first.severity is Severity.WARNING else "notice"
        print(f"  {label}: {first.text}{where}")
    if len(ordered) > SHOWN:
        print(f"  ... {len(ordered) - SHOWN} more kinds (use --json)")


def _print_references(plan: importing.ImportPlan) -> None:
    """What the file named only by reference, how names were merged, what stays unknown."""
    for kind, kind_plan in plan.kinds.items():
        created = [c for c in kind_plan.new if c.referenced]
        if not created:
            continue
        print(f"\n{kind.value} created from references ({len(created)}):")
        for change in created[:SHOWN]:
            print(f"  {change.key} (first named at {change.source})")
        if len(created) > SHOWN:
            print(f"  ... {len(created) - SHOWN} more (use --json)")
    if plan.merged_spellings:
        print(f"\nSpellings taken as one customer ({len(plan.merged_spellings)}):")
        for spelling, customer in plan.merged_spellings[:SHOWN]:
            print(f"  '{spelling}' is '{customer}'")
    if plan.near_matches:
        print(
            f"\nPlease decide ({len(plan.near_matches)}); answer with --match 'NAME=CODE' "
            "(a stored customer) or --match 'NAME=OTHER NAME' (a spelling in this import):"
        )
        for match in plan.near_matches[:SHOWN]:
            print(f"  {match.question}")
    if plan.unknowns:
        print("\nNot stated by the file (kept as unknown or assumed, and flagged in results):")
        for what, count in sorted(plan.unknowns.items()):
            print(f"  {count} {what}")
