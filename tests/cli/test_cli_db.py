"""The command line as a user runs it: exit codes, one-sentence errors, JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import __version__
from workbench.app import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a child process, as a user's shell would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("WORKBENCH_DB", None) if env is None else None
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"workbench {__version__}"


def test_demo_info_and_list_round_trip(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    made = run("--db", url, "demo", "--size", "120", "--seed", "2")
    assert made.returncode == 0, made.stderr
    assert "120 machines" in made.stdout
    details = run("db", "info", "--json", "--db", url)
    counts = json.loads(details.stdout)
    assert counts["machines"] == 120 and counts["fabs"] >= 40
    fabs = json.loads(run("--db", url, "list", "fabs", "--json").stdout)
    assert {f["advanced_node"] for f in fabs} == {True, False, None}
    again = run("--db", url, "demo")
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "Traceback" not in again.stderr


def test_db_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.sqlite3"
    result = run("db", "info", "--json", env={"WORKBENCH_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["url"].endswith("env.sqlite3")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["list", "widgets"])
    assert exit_info.value.code == 2


def test_unreachable_database_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql://nobody@127.0.0.1:1/x", "db", "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workbench: Cannot open database") and err.count("\n") == 1


def test_backup_and_text_listing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert main(["--db", url, "demo", "--size", "60"]) == 0
    assert main(["--db", url, "db", "backup", str(tmp_path / "copy.sqlite3")]) == 0
    assert (tmp_path / "copy.sqlite3").stat().st_size > 0
    capsys.readouterr()
    assert main(["--db", url, "list", "machines", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Serial") and "more rows" in out[-1]
