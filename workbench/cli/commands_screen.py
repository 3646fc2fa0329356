"""``workbench screen``: list import, screening runs, the review queue, decisions, ad-hoc checks."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import emit_json, emit_table
from workbench.screening import DEFAULT_THRESHOLD, ListFormat
from workbench.services import database, screening

_STATUS_CHOICES = (*screening.STATUSES, "all")


def _threshold(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("a threshold is a score from 0 to 100")
    return value


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    p_screen = sub.add_parser("screen", parents=[common], help="restricted-party screening")
    screen_sub = p_screen.add_subparsers(
        dest="screen_command", required=True, metavar="import-list|run|matches|decide|query"
    )

    p_imp = screen_sub.add_parser(
        "import-list", parents=[common], help="import a list file as a new version, re-screen"
    )
    p_imp.add_argument("file", type=Path)
    p_imp.add_argument(
        "--format",
        choices=[f.value for f in ListFormat],
        help="file layout (default: told from the file)",
    )
    p_imp.add_argument("--json", action="store_true")
    p_imp.set_defaults(handler=cmd_import_list)

    p_run = screen_sub.add_parser("run", parents=[common], help="screen every customer and fab")
    p_run.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD)
    p_run.add_argument("--json", action="store_true")
    p_run.set_defaults(handler=cmd_run)

    p_matches = screen_sub.add_parser("matches", parents=[common], help="the review queue")
    p_matches.add_argument("--status", choices=_STATUS_CHOICES, default=screening.POTENTIAL)
    p_matches.add_argument("--limit", type=int, default=50, help="rows to print as text (0: all)")
    p_matches.add_argument("--json", action="store_true")
    p_matches.set_defaults(handler=cmd_matches)

    p_decide = screen_sub.add_parser(
        "decide", parents=[common], help="confirm or dismiss a match, with a reason"
    )
    p_decide.add_argument("match", type=int)
    verdict = p_decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--confirm", action="store_true")
    verdict.add_argument("--dismiss", action="store_true")
    p_decide.add_argument("--reason", required=True)
    p_decide.add_argument("--json", action="store_true")
    p_decide.set_defaults(handler=cmd_decide)

    p_query = screen_sub.add_parser("query", parents=[common], help="check one name")
    p_query.add_argument("name")
    p_query.add_argument("--country", help="ISO country code, as evidence")
    p_query.add_argument("--limit", type=int, default=10, help="candidates to show")
    p_query.add_argument("--json", action="store_true")
    p_query.set_defaults(handler=cmd_query)


def cmd_import_list(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        result = screening.import_list(db, args.file, args.format)
    finally:
        db.dispose()
    if args.json:
        emit_json(result.as_json())
        return 0
    version = result.version
    if result.already_imported:
        print(
            f"{args.file.name} is already list version {version.id} ({version.source}, "
            f"imported {version.imported_at:%Y-%m-%d}); nothing was imported."
        )
        return 0
    diff = result.diff
    print(
        f"List version {version.id} ({version.source}, {version.entry_count} entries"
        f"{', dated ' + version.list_date.isoformat() if version.list_date else ''}): "
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed "
        f"since the previous version."
    )
    shown = 10
    for label, entries in (("added", diff.added), ("removed", diff.removed)):
        for entry in entries[:shown]:
            print(f"  {label}: {entry.name} ({entry.source})")
        if len(entries) > shown:
            print(f"  ... {len(entries) - shown} more {label} (use --json for all)")
    for change in diff.changed[:shown]:
        print(f"  changed: {change.new.name} ({', '.join(change.fields)})")
    if len(diff.changed) > shown:
        print(f"  ... {len(diff.changed) - shown} more changed (use --json for all)")
    if result.screening is not None:
        _print_screening(result.screening)
    return 0


def _print_screening(result: screening.ScreenResult) -> None:
    print(
        f"Screening run {result.run_id}: {result.parties} customers and fabs, "
        f"{result.new} new potential matches, {result.reraised} raised again after a list "
        f"change, {result.unchanged} unchanged, {result.dropped} dropped "
        f"({result.seconds:.1f} s)."
    )
    if result.not_screened:
        print(
            f"NOT SCREENED: {result.not_screened} customers or fabs have names in a script "
            "screening cannot compare; they are in the review queue as '(not screened)'."
        )


def cmd_run(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        result = screening.screen(db, args.threshold)
    finally:
        db.dispose()
    if args.json:
        emit_json(result.as_json())
    else:
        _print_screening(result)
    return 0


def cmd_matches(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        rows = screening.matches(db, args.status)
    finally:
        db.dispose()
    if args.json:
        emit_json(rows)
        return 0
    emit_table(
        ["match", "party", "kind", "list entry", "list", "fn", "score", "flag", "status"],
        [
            [
                r["id"],
                r["party"],
                r["party_kind"],
                r["entry"],
                r["list"],
                r["footnotes"],
                r["score"],
                r["flag"],
                r["status"],
            ]
            for r in rows
        ],
        limit=args.limit,
    )
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        result = screening.decide(db, args.match, bool(args.confirm), args.reason)
    finally:
        db.dispose()
    if args.json:
        emit_json(result.as_json())
        return 0
    line = f"Match {result.match_id} {result.status}"
    if result.listings_written:
        line += f"; {result.listings_written} listing row(s) written"
    if result.listings_removed:
        line += f"; {result.listings_removed} listing row(s) removed"
    if result.suggestions:
        ids = ", ".join(str(i) for i in result.suggestions)
        line += f"; suggested for review on {len(result.suggestions)} subsidiaries (matches {ids})"
    if result.suggestions_withdrawn:
        line += f"; {result.suggestions_withdrawn} undecided subsidiary suggestion(s) withdrawn"
    print(line + ".")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        candidates = screening.query(db, args.name, args.country, limit=args.limit)
    finally:
        db.dispose()
    threshold = DEFAULT_THRESHOLD
    if args.json:
        emit_json(
            {
                "threshold": threshold,
                "candidates": [screening.candidate_json(c, threshold) for c in candidates],
            }
        )
        return 0
    if not candidates:
        print(f"No list entry resembles '{args.name}'.")
        return 0
    emit_table(
        ["score", "match", "list entry", "list", "countries", "fn", "why"],
        [
            [
                c.score,
                "potential" if c.score >= threshold else "",
                c.entry.name,
                c.entry.source,
                ",".join(c.entry.countries),
                ",".join(c.entry.footnotes),
                c.explanation,
            ]
            for c in candidates
        ],
    )
    return 0
