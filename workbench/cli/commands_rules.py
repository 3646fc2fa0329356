"""``workbench rules``, ``scenarios``, ``evaluate`` and ``runs``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from workbench.cli.output import emit_json, emit_table, error
from workbench.rules.diff import LICENCE_CAUSES
from workbench.rules.pack_changes import upcoming_changes
from workbench.rules.validation import validate_pack
from workbench.services import database, evaluation, rulebook, runs


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    p_rules = sub.add_parser("rules", parents=[common], help="restriction rule packs")
    rules_sub = p_rules.add_subparsers(
        dest="rules_command", required=True, metavar="list|validate|import|upcoming"
    )
    p_list = rules_sub.add_parser("list", parents=[common], help="every rule in effect")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(handler=cmd_rules_list)
    p_val = rules_sub.add_parser("validate", parents=[common], help="check a pack file")
    p_val.add_argument("pack", type=Path)
    p_val.add_argument("--json", action="store_true")
    p_val.set_defaults(handler=cmd_rules_validate)
    p_imp = rules_sub.add_parser("import", parents=[common], help="store a pack in the database")
    p_imp.add_argument("pack", type=Path)
    p_imp.set_defaults(handler=cmd_rules_import)
    p_up = rules_sub.add_parser(
        "upcoming", parents=[common], help="what changes next: coming effective dates, ends"
    )
    p_up.add_argument("--from", dest="start", type=_date, help="from this day (default today)")
    p_up.add_argument("--until", type=_date, help="up to this day")
    p_up.add_argument("--json", action="store_true")
    p_up.set_defaults(handler=cmd_rules_upcoming)

    p_sc = sub.add_parser("scenarios", parents=[common], help="scenarios")
    sc_sub = p_sc.add_subparsers(dest="scenarios_command", required=True, metavar="list")
    p_sc_list = sc_sub.add_parser("list", parents=[common])
    p_sc_list.add_argument("--json", action="store_true")
    p_sc_list.set_defaults(handler=cmd_scenarios_list)

    p_eval = sub.add_parser("evaluate", parents=[common], help="evaluate a scenario, store the run")
    p_eval.add_argument("--scenario", required=True)
    p_eval.add_argument(
        "--as-of", type=_date, help="evaluation date (default: scenario's, or today)"
    )
    p_eval.add_argument("--json", action="store_true")
    p_eval.set_defaults(handler=cmd_evaluate)

    p_runs = sub.add_parser("runs", parents=[common], help="stored evaluation runs")
    runs_sub = p_runs.add_subparsers(dest="runs_command", required=True, metavar="list|show|diff")
    p_rl = runs_sub.add_parser("list", parents=[common])
    p_rl.add_argument("--json", action="store_true")
    p_rl.set_defaults(handler=cmd_runs_list)
    p_rs = runs_sub.add_parser("show", parents=[common])
    p_rs.add_argument("run", type=int)
    p_rs.add_argument("--json", action="store_true")
    p_rs.add_argument("--limit", type=int, default=30, help="hits to print as text (0: all)")
    p_rs.set_defaults(handler=cmd_runs_show)
    p_rd = runs_sub.add_parser("diff", parents=[common])
    p_rd.add_argument("run_a", type=int)
    p_rd.add_argument("run_b", type=int)
    p_rd.add_argument("--json", action="store_true")
    p_rd.set_defaults(handler=cmd_runs_diff)


def cmd_rules_list(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        infos = rulebook.packs(db)
    finally:
        db.dispose()
    rows: list[dict[str, Any]] = [
        {
            "id": rule.id,
            "version": rule.version,
            "pack": info.pack.pack,
            "origin": info.origin,
            "jurisdiction": rule.jurisdiction,
            "status": rule.status.value,
            "effective": rule.effective.isoformat() if rule.effective else None,
            "outcome": rule.outcome.value,
            "title": rule.title,
        }
        for info in infos
        for rule in info.pack.rules
    ]
    if args.json:
        emit_json(rows)
        return 0
    emit_table(
        ["rule", "juris.", "status", "effective", "outcome", "title"],
        [
            [r["id"], r["jurisdiction"], r["status"], r["effective"], r["outcome"], r["title"]]
            for r in rows
        ],
    )
    return 0


def cmd_rules_validate(args: argparse.Namespace) -> int:
    if not args.pack.is_file():
        error(f"{args.pack} does not exist or is not a file.")
        return 1
    messages = validate_pack(args.pack)
    errors = [m for m in messages if m.severity == "error"]
    if args.json:
        emit_json(
            {
                "file": str(args.pack),
                "valid": not errors,
                "messages": [
                    {
                        "line": m.line,
                        "column": m.column,
                        "severity": m.severity,
                        "message": m.message,
                        "path": m.location,
                    }
                    for m in messages
                ],
            }
        )
    else:
        for message in messages:
            print(message)
        warnings = len(messages) - len(errors)
        verdict = "valid" if not errors else f"{len(errors)} error(s)"
        extra = f", {warnings} warning(s)" if warnings else ""
        print(f"{args.pack.name}: {verdict}{extra}.")
    return 0 if not errors else 1


def cmd_rules_import(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        imported = rulebook.import_pack(db, args.pack)
    finally:
        db.dispose()
    pack, previous = imported.pack, imported.previous
    print(f"Rule pack '{pack.pack}' v{pack.version} ({len(pack.rules)} rules) stored in "
          f"{db.display_url}.")  # fmt: skip
    if previous is not None:
        print(f"Replaces v{previous.pack.version} ({previous.origin}); stored runs keep the "
              "rules they were evaluated with.")  # fmt: skip
    for change in imported.changes:
        if change.kind != "unchanged":
            print("  " + change.describe())
    same = sum(c.kind == "unchanged" for c in imported.changes)
    if same:
        print(f"  {same} rule(s) unchanged")
    if imported.scenarios:
        print("Scenarios whose results this can change; re-run them with:")
        for scenario_id in imported.scenarios:
            print(f"  workbench evaluate --scenario {scenario_id}")
    return 0


def cmd_rules_upcoming(args: argparse.Namespace) -> int:
    """Coming days on which a rule takes effect, binds, changes status or is replaced."""
    db = database.open_database(args.db)
    try:
        book = rulebook.rule_book(db)
    finally:
        db.dispose()
    today = args.start or dt.date.today()
    items = upcoming_changes(book, today, args.until)
    if args.json:
        emit_json(
            [
                {"date": u.day.isoformat(), "rule": u.rule_id, "pack": u.pack, "change": u.what,
                 "confidence": u.confidence}
                for u in items
            ]
        )  # fmt: skip
        return 0
    if not items:
        print(f"No rule changes after {today.isoformat()} in the packs in effect.")
        return 0
    emit_table(
        ["Date", "Rule", "Pack", "Change", "Conf."],
        [[u.day.isoformat(), u.rule_id, u.pack, u.what, u.confidence] for u in items],
    )
    return 0


def cmd_scenarios_list(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        items = rulebook.scenarios(db)
    finally:
        db.dispose()
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "in_force": s.in_force,
            "packs": s.packs,
            "rules": s.rules,
            "as_of": s.as_of.isoformat() if s.as_of else None,
        }
        for s in items
    ]
    if args.json:
        emit_json(rows)
        return 0
    emit_table(["scenario", "title"], [[r["id"], r["title"]] for r in rows])
    return 0


def _hit_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "obligation_id": row["obligation_id"],
        "serial": row["serial"],
        "vendor": row["vendor"],
        "model": row["model_code"],
        "fab": row["fab_name"],
        "site_code": row["fab_site_code"],
        "country": row["fab_country"],
        "customer": row["customer_name"],
        "contract": row["contract_number"],
        "service_type": row["service_type"],
        "rule_id": row["rule_id"],
        "rule_version": row["rule_version"],
        "jurisdiction": row["jurisdiction"],
        "outcome": row["outcome"],
        "final_outcome": row["final_outcome"],
        "licence_coverage": row["licence_coverage"],
        "licences": row["licence_numbers"],
        "licence_note": row["licence_note"],
        "first_affected": row["first_affected"].isoformat(),
        "value_at_risk": round(row["value_at_risk"], 2),
        "currency": row["currency"],
        "explanation": [line for line in (row["explanation"] or "").split("\n") if line],
    }


def cmd_evaluate(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        result = evaluation.evaluate_scenario(db, args.scenario, args.as_of)
        hits = runs.run_hits(db, result.run_id) if args.json else None
    finally:
        db.dispose()
    if args.json and hits is not None:
        emit_json(
            {
                "run": result.run_id,
                "scenario": result.scenario_id,
                "as_of": result.as_of.isoformat(),
                "obligations_evaluated": result.obligations,
                "summary": result.summary,
                "hits": [_hit_json(r) for r in hits.iter_rows(named=True)],
            }
        )
        return 0
    summary = result.summary
    print(
        f"Run {result.run_id}: scenario {result.scenario_id} as of {result.as_of}: "
        f"{result.hits} hits on {summary['obligations']} of {result.obligations} obligations, "
        f"{summary['machines']} machines, {summary['customers']} customers "
        f"({result.seconds:.1f} s)."
    )
    for currency, value in summary["value_at_risk"].items():
        print(f"  value at risk: {value:,.2f} {currency}")
    return 0


def cmd_runs_list(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        items = runs.list_runs(db)
    finally:
        db.dispose()
    if args.json:
        emit_json([r.as_json() for r in items])
        return 0
    emit_table(
        ["run", "scenario", "as of", "created", "user", "hits"],
        [
            [
                r.id,
                r.scenario_id,
                r.as_of,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.user_name,
                r.hit_count,
            ]
            for r in items
        ],
    )
    return 0


def cmd_runs_show(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        info = runs.run_info(db, args.run)
        hits = runs.run_hits(db, args.run)
    finally:
        db.dispose()
    if args.json:
        emit_json(
            {
                **info.as_json(with_rules=True),
                "hit_list": [_hit_json(r) for r in hits.iter_rows(named=True)],
            }
        )
        return 0
    print(
        f"Run {info.id}: {info.scenario_title} as of {info.as_of}, by {info.user_name} at "
        f"{info.created_at:%Y-%m-%d %H:%M}; {info.hit_count} hits."
    )
    print(f"Rules hash {info.rule_hash[:16]}..., data fingerprint {info.data_fingerprint[:16]}...")
    emit_table(
        ["serial", "fab", "contract", "service", "rule", "outcome", "from", "value at risk"],
        [
            [
                r["serial"],
                r["fab_name"],
                r["contract_number"],
                r["service_type"],
                r["rule_id"],
                r["final_outcome"],
                r["first_affected"],
                f"{r['value_at_risk']:,.2f} {r['currency']}",
            ]
            for r in hits.iter_rows(named=True)
        ],
        limit=args.limit,
    )
    return 0


#: Licence changes ``runs diff`` prints before pointing at ``--json``.
_DIFF_LIMIT = 20


def cmd_runs_diff(args: argparse.Namespace) -> int:
    db = database.open_database(args.db)
    try:
        comparison = runs.compare_runs(db, args.run_a, args.run_b)
    finally:
        db.dispose()
    if args.json:
        emit_json(comparison.as_json())
        return 0
    d = comparison.diff
    print(
        f"Run {args.run_a} -> run {args.run_b}: {d.new.height} new, {d.gone.height} gone, "
        f"{d.changed.height} changed hits."
    )
    emit_table(
        ["country", "currency", "value A", "value B", "change"],
        [
            [r[0], r[1], f"{r[2]:,.2f}", f"{r[3]:,.2f}", f"{r[4]:+,.2f}"]
            for r in comparison.by_country.iter_rows()
        ],
    )
    changes = comparison.licence_changes
    if changes.height:
        causes = dict(changes.group_by("cause").len().iter_rows())
        listed = ", ".join(f"{causes[c]} {c}" for c in LICENCE_CAUSES if c in causes)
        print(f"{changes.height} hits changed because of licences ({listed}):")
        # One line each: the reason is a sentence a table column would cut off.
        for r in changes.head(_DIFF_LIMIT).iter_rows(named=True):
            print(
                f"  obligation {r['obligation_id']} / {r['rule_id']}: {r['cause']}. {r['detail']}"
            )
        if changes.height > _DIFF_LIMIT:
            print(f"  ... {changes.height - _DIFF_LIMIT} more (use --json for all)")
    else:
        print("No hit changed because of a licence (granted, expired, limit or denial).")
    return 0
