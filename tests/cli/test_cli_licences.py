"""``workbench licences`` as a user runs it: add, refuse, edit, import, attach, expiring."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from workbench.app import main
from workbench.services import editing
from workbench.services.database import open_database


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WORKBENCH_USER", "ann")
    address = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    db = open_database(address)
    customer = editing.create(
        db, "customers", {"code": "HH", "name": "Hua Hong", "hq_country": "CN"}
    ).record_id
    editing.create(
        db,
        "fabs",
        {"site_code": "HH-WX7", "name": "Fab 7", "customer_id": customer, "country": "CN"},
    )
    db.dispose()
    return address


def test_add_list_edit_attach(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "licences", "add", "--authority", "bis", "--number", "D1",
                 "--from", "2025-01-01", "--to", "2026-03-31", "--fabs", "HH-WX7",
                 "--services", "repair, preventive_maintenance", "--value-limit", "1e6",
                 "--currency", "usd", "--comment", "issued"]) == 0  # fmt: skip
    assert "Added licence BIS D1 (id 1)" in capsys.readouterr().out
    assert main(["--db", url, "licences", "edit", "BIS:D1", "--to", "2026-06-30"]) == 0
    assert "updated (valid_to)" in capsys.readouterr().out
    doc = tmp_path / "D1.pdf"
    doc.write_bytes(b"%PDF licence")
    assert main(["--db", url, "licences", "attach", "1", str(doc)]) == 0
    assert "SHA-256" in capsys.readouterr().out
    assert main(["--db", url, "licences", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["valid_to"], row["fabs"], row["value_limit"], row["currency"]) == (
        "2026-06-30",
        ["HH-WX7"],
        "1000000.00",
        "USD",
    )
    assert row["services"] == ["repair", "preventive_maintenance"] and row["document"] == "D1.pdf"
    assert main(["--db", url, "licences", "expiring", "--as-of", "2026-05-01", "--json"]) == 0
    [soon] = json.loads(capsys.readouterr().out)
    assert (soon["number"], soon["days_left"], soon["hits"]) == ("D1", 60, 0)
    assert main(["--db", url, "licences", "list", "--expiring", "90", "--as-of", "2026-05-01",
                 "--json"]) == 0  # fmt: skip
    [same] = json.loads(capsys.readouterr().out)
    assert same == soon and same["run"] is None and same["value_protected"] == {}
    assert main(["--db", url, "licences", "list", "--expiring", "59", "--as-of", "2026-05-01"]) == 0
    assert "No licence ends in the 59 days from 2026-05-01." in capsys.readouterr().out
    assert main(["--db", url, "licences", "list", "--expiring", "60", "--as-of", "2026-05-01"]) == 0
    out = capsys.readouterr().out
    assert "no evaluation run yet" in out and "D1" in out and "At risk after expiry" in out
    assert main(["--db", url, "licences", "list", "--expiring", "-1"]) == 1
    assert "zero or more days" in capsys.readouterr().err


def test_refusals_are_one_sentence(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "licences", "add", "--authority", "BIS", "--number", "D2",
                 "--from", "2025-01-01", "--to", "2024-01-01"]) == 1  # fmt: skip
    assert "before it is valid" in capsys.readouterr().err
    assert main(["--db", url, "licences", "add", "--authority", "BIS", "--number", "D2",
                 "--from", "2025-01-01", "--customers", "NOPE"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "customer 'NOPE'" in err and err.count("\n") == 1
    assert main(["--db", url, "licences", "edit", "BIS:D9", "--to", "2026-01-01"]) == 1
    assert "no licence BIS D9" in capsys.readouterr().err


def test_import_from_a_sheet(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Licences"
    ws.append(["Authority", "Number", "Valid from", "Valid to", "Fabs"])
    ws.append(["METI", "JP-1", dt.date(2025, 4, 1), dt.date(2026, 3, 31), "HH-WX7"])
    ws.append(["METI", "JP-2", "someday", None, "HH-WX7"])
    wb.save(tmp_path / "lic.xlsx")
    assert main(["--db", url, "licences", "import", str(tmp_path / "lic.xlsx")]) == 1
    assert "row 3, column C: 'someday' is not a date" in capsys.readouterr().err
    ws.delete_rows(3)
    wb.save(tmp_path / "lic.xlsx")
    assert main(["--db", url, "licences", "import", str(tmp_path / "lic.xlsx")]) == 0
    assert "1 added, 0 updated" in capsys.readouterr().out
