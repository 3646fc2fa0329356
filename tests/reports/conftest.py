"""Fixtures of the report tests, and the external readers they use.

Tests that need poppler, qpdf or LibreOffice skip when the tool is missing, except on CI
(``CI=true``), where a missing reader is a failure: the checks must really run there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from report_fixtures import LOCAL_NAMES, RULES, make_hits, make_run

from workbench.reports.source import ReportSource


@pytest.fixture
def source() -> ReportSource:
    return ReportSource(make_run(), RULES, make_hits(), LOCAL_NAMES)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian: see scripts/system-deps)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def run_tool() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run an external reader; skips (fails on CI) when it is not installed."""

    def run(name: str, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_tool(name), *args], capture_output=True, text=True, timeout=timeout, check=False
        )

    return run


@pytest.fixture
def pdf_text(run_tool: Callable[..., subprocess.CompletedProcess[str]]) -> Callable[[Path], str]:
    def read(path: Path) -> str:
        out = run_tool("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")
        assert out.returncode == 0, out.stderr
        return out.stdout

    return read
