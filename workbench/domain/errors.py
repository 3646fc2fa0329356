"""The one base class of errors a user caused and can fix.

The command line prints such an error as one sentence (exit 1) and the window shows it in a
message box; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """An error whose message is a complete sentence fit to show the user."""
