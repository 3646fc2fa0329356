"""``workbench import`` as a user runs it: plan, commit, exit codes, hostile files, profiles."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from workbench.app import main
from workbench.services.database import info, open_database
from workbench.services.demo import load_demo

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
ROOT = Path(__file__).resolve().parents[2]


def _csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def url(tmp_path: Path) -> str:
    address = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    db = open_database(address)
    load_demo(db, 20)
    db.dispose()
    return address


def _counts(url: str) -> dict[str, int]:
    db = open_database(url)
    try:
        return info(db).counts
    finally:
        db.dispose()


def _machines(tmp_path: Path, site: str = "CN-SMIC-SN1") -> Path:
    return _csv(
        tmp_path / "machines.csv",
        [
            ["Serial No.", "Vendor", "Model", "Site code", "Install date"],
            ["CLI-1", "ASML", "NXT:2000i", site, "2022-02-03"],
            ["CLI-2", "ASML", "NXT:1980Di", site, "2022-02-04"],
        ],
    )


def test_dry_run_prints_the_plan_and_writes_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _counts(url)
    assert main(["--db", url, "import", str(_machines(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "machines          2" in out
    assert "Dry run: nothing was written" in out
    assert _counts(url) == before


def test_json_plan_then_commit_then_reimport(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _machines(tmp_path)
    assert main(["--db", url, "import", str(path), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["mode"] == "dry-run" and plan["counts"]["machines"]["new"] == 2
    assert [c["key"] for c in plan["new"]["machines"]] == ["ASML CLI-1", "ASML CLI-2"]
    assert main(["--db", url, "import", str(path), "--commit", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["committed"] and result["rows_written"] == 2 and result["batch_id"] == 1
    assert main(["--db", url, "import", str(path), "--commit", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["rows_written"] == 0 and again["counts"]["machines"]["unchanged"] == 2


def test_rejected_rows_block_the_commit_and_go_to_the_errors_workbook(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(
        tmp_path / "mixed.csv",
        [
            ["Serial No.", "Vendor", "Model", "Site code"],
            ["OK-1", "ASML", "NXT:2000i", "CN-SMIC-SN1"],
            ["BAD-1", "ASML", "NXT:2000i", "=HYPERLINK(1)"],
        ],
    )
    errors = tmp_path / "rejected.xlsx"
    before = _counts(url)
    code = main(["--db", url, "import", str(path), "--commit", "--errors", str(errors)])
    captured = capsys.readouterr()
    assert code == 1 and _counts(url) == before
    assert captured.err.count("\n") == 1 and "nothing was written" in captured.err
    assert "mixed.csv, row 3, column 'Site code': fab '=HYPERLINK(1)' is neither" in captured.out
    ws = openpyxl.load_workbook(errors)["mixed"]
    assert ws["D2"].value == "=HYPERLINK(1)" and ws["D2"].data_type == "s"
    assert main(["--db", url, "import", str(path), "--commit", "--valid-only"]) == 0
    assert _counts(url)["machines"] == before["machines"] + 1


def _hostile(tmp_path: Path) -> list[Path]:
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_text("Serial,Model\n1,NXT:2000i\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 60_000_000)
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes((DATA / "multi_sheet.xlsx").read_bytes()[:3000])
    return [renamed, empty, bomb, truncated]


def test_hostile_files_are_one_sentence_exit_3_and_change_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _counts(url)
    for path in _hostile(tmp_path):
        code = main(["--db", url, "import", str(path), "--commit"])
        err = capsys.readouterr().err
        assert code == 3, path  # refused file: distinct from rejected rows (1)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith(f"workbench: {path.name}: ") and "nothing was imported" in err
        assert ".;" not in err  # one sentence, not two glued together
    # A good file next to a hostile one: still nothing is written.
    good = _machines(tmp_path)
    assert main(["--db", url, "import", str(good), str(tmp_path / "bomb.xlsx"), "--commit"]) == 3
    assert _counts(url) == before


def test_hostile_file_through_the_real_entry_point(url: str, tmp_path: Path) -> None:
    bomb = _hostile(tmp_path)[2]
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", url, "import", str(bomb), "--commit"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "zip bomb" in result.stderr


def test_profiles_and_vendor_option(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(
        tmp_path / "export.csv",
        [["Serial No.", "Model", "Site code"], ["V-1", "Prototype 7", "CN-SMIC-SN1"]],
    )
    assert main(["--db", url, "import", str(path), "--save-profile", "plain"]) == 1  # no vendor
    assert "has no vendor" in capsys.readouterr().out
    assert main(["--db", url, "import", str(path), "--profile", "plain", "--vendor", "ASML"]) == 0
    assert "machines          1" in capsys.readouterr().out
    assert main(["--db", url, "import", str(path), "--profile", "other"]) == 1
    err = capsys.readouterr().err
    assert err == "workbench: There is no import profile named 'other' (saved: plain).\n"


def test_libreoffice_fixture_dry_run(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "import", str(DATA / "multi_sheet.xlsx"), "--json"]) == 1
    plan = json.loads(capsys.readouterr().out)
    sheets = {s["sheet"]: s["kinds"] for s in plan["sheets"]}
    assert sheets == {
        "Fabs": ["fabs"],
        "Machines": ["machines"],
        "Contract lines": ["contract_lines"],
    }
    # Into an empty book: the fabs' customers are created from the names on the fab rows.
    assert plan["counts"]["fabs"]["rejected"] == 0
    created = plan["created_from_references"]["customers"]
    assert len(created) == plan["counts"]["customers"]["new"] >= 1
