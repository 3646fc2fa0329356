"""``rules``, ``scenarios``, ``evaluate`` and ``runs`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.app import main
from workbench.paths import resource

HIT_FIELDS = {
    "serial",
    "fab",
    "contract",
    "service_type",
    "rule_id",
    "jurisdiction",
    "outcome",
    "first_affected",
    "value_at_risk",
}


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    assert main(["--db", url, "demo", "--size", "200", "--seed", "9"]) == 0
    return url


def test_evaluate_json_has_the_documented_fields(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert (
        main(["--db", url, "evaluate", "--scenario", "in-force", "--as-of", "2025-06-01", "--json"])
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["hits"], "the demo book must be hit by the rules in force"
    assert set(payload["hits"][0]) >= HIT_FIELDS
    assert {h["jurisdiction"] for h in payload["hits"]} >= {"US"}
    run = payload["run"]
    assert main(["--db", url, "runs", "show", str(run), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["hits"] == len(payload["hits"])


def test_runs_diff_and_list(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "evaluate", "--scenario", "in-force", "--as-of", "2024-06-01"]) == 0
    assert (
        main(
            [
                "--db",
                url,
                "evaluate",
                "--scenario",
                "proposal-2024-servicing-ban",
                "--as-of",
                "2024-06-01",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--db", url, "runs", "diff", "1", "2", "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["new"] and not diff["gone"]
    assert main(["--db", url, "runs", "list", "--json"]) == 0
    assert [r["run"] for r in json.loads(capsys.readouterr().out)] == [2, 1]


def test_validate_reports_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "pack: mine\ntitle: Mine\nversion: 1\nrules:\n  - id: r1\n    version: 1\n"
        "    title: T\n    jurisdiction: US\n    status: sideways\n",
        encoding="utf-8",
    )
    assert main(["rules", "validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "broken.yaml:9:" in out


def test_shipped_pack_validates_and_imports(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    pack = resource("rules", "us-2022-10.yaml")
    assert main(["rules", "validate", str(pack)]) == 0
    assert main(["--db", url, "rules", "import", str(pack)]) == 0
    capsys.readouterr()
    assert main(["--db", url, "rules", "list", "--json"]) == 0
    origins = {r["pack"]: r["origin"] for r in json.loads(capsys.readouterr().out)}
    assert origins["us-2022-10"] == "database"


def test_unknown_scenario_is_one_sentence(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "evaluate", "--scenario", "nope"]) == 1
    assert "no scenario 'nope'" in capsys.readouterr().err


def test_importing_a_newer_pack_version_shows_what_changed(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = resource("rules", "us-2025.yaml").read_text(encoding="utf-8")
    newer = text.replace("version: 1\ndescription", "version: 2\ndescription", 1)
    newer = newer.replace("        to: 2026-11-09", "        to: 2027-11-09")
    newer = newer.replace("        from: 2026-11-10", "        from: 2027-11-10")
    path = tmp_path / "us-2025.yaml"
    path.write_text(newer, encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", url, "rules", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Replaces v1 (shipped)" in out
    assert "us-affiliates-50pct-entity-list: v1 -> v1, changed status" in out
    assert "suspended from 2025-11-10 to 2027-11-09 [S]" in out
    assert "2 rule(s) unchanged" in out
    assert "workbench evaluate --scenario in-force" in out
    assert main(["--db", url, "rules", "upcoming", "--from", "2026-01-01", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    ends = [i for i in items if i["rule"] == "us-affiliates-50pct-entity-list"]
    assert ends == [
        {
            "date": "2027-11-10",
            "rule": "us-affiliates-50pct-entity-list",
            "pack": "us-2025",
            "change": "suspension ends: suspended -> in_force",
            "confidence": "U",
        }
    ]
