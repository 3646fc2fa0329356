"""Build the real bundle and run the smoke check on it: minutes, so only on request.

    WORKBENCH_BUILD_BUNDLE=1 pytest -m slow tests/installer/test_build.py

Needs PyInstaller in the running environment (the ``installer`` extra). The default suite
covers the same files statically (test_bundle_rules.py, test_platform_files.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("WORKBENCH_BUILD_BUNDLE") != "1",
        reason="builds the bundle for minutes; set WORKBENCH_BUILD_BUNDLE=1 to run",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke check is Linux's"),
]


def test_build_and_smoke() -> None:
    pytest.importorskip("PyInstaller")
    build = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "bundle " in build.stdout
    smoke = subprocess.run(
        ["bash", str(ROOT / "installer" / "smoke.sh")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke: all checks passed" in smoke.stdout
