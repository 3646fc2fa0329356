"""The composition root: parses the command line and starts either a command or the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from workbench.cli import main as cli
from workbench.cli.output import error


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(argv)
    if args.command in (None, "gui"):
        try:
            from workbench.ui.application import run_gui
        except ImportError as exc:
            error(f"the window needs PySide6, which is not installed ({exc}).")
            return 1
        return run_gui(
            db_url=args.db,
            screenshot=getattr(args, "screenshot", None),
            view=getattr(args, "view", "dashboard"),
            size=getattr(args, "size", "1440x900"),
        )
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
