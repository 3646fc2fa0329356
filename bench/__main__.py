"""``python -m bench [CASE ...] [--list] [--repeats N]``: run benchmark cases, print a table."""

from __future__ import annotations

import argparse
import json
import sys

from bench.harness import discover, measure_in_this_process, print_table, run_case


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the cases")
    parser.add_argument("--repeats", type=int, help="override the repeats of every variant")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "VARIANT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_in_this_process(*args.child)))
        return 0
    cases = discover()
    if args.list:
        for name, case in sorted(cases.items()):
            variants = ", ".join(v.name for v in case.variants)
            print(f"{name:<28} {case.description} [{variants}]")
        return 0
    chosen = args.cases or sorted(cases)
    unknown = [c for c in chosen if c not in cases]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    rows = []
    for name in chosen:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(run_case(cases[name], args.repeats))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
