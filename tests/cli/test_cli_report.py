"""``workbench report`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.app import main


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    assert main(["--db", url, "demo", "--size", "150", "--seed", "4"]) == 0
    assert main(["--db", url, "evaluate", "--scenario", "in-force", "--as-of", "2025-06-01"]) == 0
    return url


def test_pdf_and_xlsx_then_signoffs(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, xlsx = tmp_path / "run.pdf", tmp_path / "run.xlsx"
    capsys.readouterr()
    assert main(["--db", url, "report", "pdf", "--run", "1", "--out", str(pdf), "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["pages"] > 3 and len(written["sha256"]) == 64 and pdf.is_file()
    assert main(["--db", url, "report", "xlsx", "--run", "1", "--out", str(xlsx)]) == 0
    assert "finding rows" in capsys.readouterr().out
    for role in ("prepared", "reviewed", "approved"):
        args = ["--db", url, "report", "signoff", "--run", "1", "--file", str(pdf)]
        assert main([*args, "--role", role, "--comment", f"{role} ok"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "report", "signoffs", "--run", "1", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["role"] for s in listed] == ["prepared", "reviewed", "approved"]
    assert {s["sha256"] for s in listed} == {written["sha256"]}


def test_user_errors_are_one_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    missing = tmp_path / "missing.pdf"
    args = ["--db", url, "report", "signoff", "--run", "1", "--file", str(missing)]
    assert main([*args, "--role", "approved"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workbench: There is no report file") and err.count("\n") == 1
    assert (
        main(["--db", url, "report", "pdf", "--run", "42", "--out", str(tmp_path / "x.pdf")]) == 1
    )
    assert "There is no evaluation run 42" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["--db", url, "report", "signoff", "--run", "1", "--file", "x", "--role", "boss"])
    assert usage.value.code == 2


def test_export_a_register(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "machines.xlsx"
    assert main(["--db", url, "report", "export", "machines", "--out", str(out)]) == 0
    assert "Wrote 150 rows of machines" in capsys.readouterr().out
    hits = tmp_path / "hits.csv"
    assert main(["--db", url, "report", "export", "hits", "--run", "1", "--out", str(hits)]) == 0
    assert hits.read_bytes().startswith(b"\xef\xbb\xbf")
