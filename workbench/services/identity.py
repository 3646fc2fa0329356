"""Who is working: recorded on import batches, runs, sign-offs and audit events."""

from __future__ import annotations

import getpass
import os


def current_user() -> str:
    """The configured name (``WORKBENCH_USER``), else the operating-system account."""
    configured = os.environ.get("WORKBENCH_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
