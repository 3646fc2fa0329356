from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from workbench.domain.errors import WorkbenchError
from workbench.ui.application import parse_size

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # --screenshot must choose offscreen by itself
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_screenshot_writes_png_of_requested_size(demo_sqlite: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = _run(
        "--db",
        str(demo_sqlite),
        "gui",
        "--screenshot",
        str(shot),
        "--view",
        "installed-base",
        "--size",
        "1280x800",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    # not a blank canvas: the table and sidebar put many distinct colours on it
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 23)}
    assert len(colours) > 8


def test_unknown_view_is_a_usage_error(demo_sqlite: Path, tmp_path: Path) -> None:
    result = _run(
        "--db",
        str(demo_sqlite),
        "gui",
        "--screenshot",
        str(tmp_path / "x.png"),
        "--view",
        "nowhere",
        tmp_path=tmp_path,
    )
    assert result.returncode == 2
    assert "no view 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_unopenable_database_is_one_sentence(tmp_path: Path) -> None:
    result = _run(
        "--db",
        "postgresql://nobody@127.0.0.1:1/none",
        "gui",
        "--screenshot",
        str(tmp_path / "x.png"),
        tmp_path=tmp_path,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("workbench: error: ")
    assert "Traceback" not in result.stderr


def test_size_parsing() -> None:
    assert parse_size("1440x900") == (1440, 900)
    assert parse_size("800X600") == (800, 600)
    for bad in ("big", "1440", "10x10", "1440x900x2"):
        with pytest.raises(WorkbenchError):
            parse_size(bad)
