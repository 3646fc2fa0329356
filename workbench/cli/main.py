"""The command line: the use cases of the window, for batch runs and tests.

Errors a user can fix print one sentence on stderr and exit 1; usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.cli.output import error
from workbench.domain.errors import WorkbenchError

#: Each command group is a module of ``workbench.cli`` with a ``register(sub, common)``
#: function; later groups append their module name. They are imported only when the full
#: parser is built, so starting the window or asking for the version does not pay for them.
COMMAND_MODULES: list[str] = [
    "commands_db",
    "commands_rules",
    "commands_screen",
    "commands_report",
    "commands_import",
    "commands_audit",
    "commands_licences",
    "commands_applications",
]


def common_options() -> argparse.ArgumentParser:
    """Options accepted before and after the sub-command (``--db``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="database URL or SQLite file (default: $WORKBENCH_DB, else the user data folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Compliance Workbench: which service obligations would an export "
        "restriction hit?",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.add_argument("--screenshot", metavar="FILE.png", help="render offscreen to a PNG and exit")
    gui.add_argument("--view", default="dashboard", help="view to show first (with --screenshot)")
    gui.add_argument("--size", default="1440x900", help="window size for --screenshot")
    for name in COMMAND_MODULES:
        importlib.import_module(f"workbench.cli.{name}").register(sub, common)
    return parser


def gui_parser() -> argparse.ArgumentParser:
    """The options of the window alone, for the fast path of ``workbench`` / ``workbench gui``."""
    parser = argparse.ArgumentParser(prog="workbench", parents=[common_options()])
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("command", nargs="?", choices=["gui"])
    parser.add_argument("--screenshot", metavar="FILE.png")
    parser.add_argument("--view", default="dashboard")
    parser.add_argument("--size", default="1440x900")
    return parser


def _wants_window(argv: Sequence[str]) -> bool:
    """True when the arguments start the window (or ask only for the version)."""
    rest = list(argv)
    positional: list[str] = []
    while rest:
        item = rest.pop(0)
        if item in ("-h", "--help"):
            return False
        if item == "--db" and rest:
            rest.pop(0)
        elif not item.startswith("-"):
            positional.append(item)
    return not positional or positional[0] == "gui"


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    given = list(sys.argv[1:] if argv is None else argv)
    parser = gui_parser() if _wants_window(given) else build_parser()
    args = parser.parse_args(given)
    if not hasattr(args, "db"):
        args.db = None
    return args


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-GUI command; user errors become one line on stderr and exit 1."""
    try:
        code: int = args.handler(args)
    except WorkbenchError as exc:
        error(str(exc))
        return 1
    except BrokenPipeError:
        # The reader (e.g. ``head``) closed the pipe: stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        error("interrupted; nothing was written by the unfinished step.")
        return 130
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.command in (None, "gui"):
        error("the window is started by the application entry point, not the CLI module.")
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
