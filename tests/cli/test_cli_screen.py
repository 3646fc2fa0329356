"""``workbench screen`` as a user runs it: exit codes, one-sentence errors, JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.app import main
from workbench.screening import DEFAULT_THRESHOLD

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "csl_sample_consolidated.csv"
CANDIDATE_FIELDS = {
    "name",
    "source",
    "score",
    "potential_match",
    "explanation",
    "matched_name",
    "countries",
    "footnotes",
    "licence_policy",
}


def test_query_prints_the_documented_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--db", db_url, "screen", "query", "SMIC Beijing", "--country", "CN", "--json"]) == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["threshold"] == DEFAULT_THRESHOLD
    candidates = payload["candidates"]
    assert candidates and all(set(c) >= CANDIDATE_FIELDS for c in candidates)
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(c["potential_match"] == (c["score"] >= DEFAULT_THRESHOLD) for c in candidates)
    best = candidates[0]
    assert best["name"] == "Semiconductor Manufacturing International (Beijing) Corporation"
    assert (best["source"], best["footnotes"], best["countries"]) == (
        "entity_list",
        ["FN5"],
        ["CN"],
    )
    assert "presumption of denial" in best["licence_policy"].lower()
    assert main(["--db", db_url, "screen", "query", "Samsung Electronics", "--json"]) == 0
    samsung = json.loads(capsys.readouterr().out)["candidates"]
    assert not any(c["potential_match"] for c in samsung)


def test_import_list_twice_says_the_second_is_a_no_op(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "screen", "import-list", str(SAMPLE)]) == 0
    assert "List version 1 (csl, 13 entries): 13 added" in capsys.readouterr().out
    assert main(["--db", db_url, "screen", "import-list", str(SAMPLE), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["already_imported"] is True and payload["version"]["id"] == 1
    assert main(["--db", db_url, "screen", "import-list", str(SAMPLE), "--format", "csl-csv"]) == 0
    assert "nothing was imported" in capsys.readouterr().out


def test_bad_input_is_one_sentence_and_exit_1(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "parties.csv"
    bad.write_text("who,where\nACME,CN\n", encoding="utf-8")
    assert main(["--db", db_url, "screen", "import-list", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("workbench: parties.csv") and err.count("\n") == 0
    assert main(["--db", db_url, "screen", "decide", "42", "--dismiss", "--reason", "x"]) == 1
    assert "no screening match 42" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["screen", "decide", "1", "--reason", "x"],
        ["screen", "decide", "1", "--confirm"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    for argv in (
        ["screen", "decide", "1", "--confirm", "--dismiss", "--reason", "x"],
        ["screen", "run", "--threshold", "101"],
        ["screen", "matches", "--status", "maybe"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    capsys.readouterr()


def test_run_review_and_decide(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "demo", "--size", "200"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "screen", "run", "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["run"] == 1 and run["threshold"] == DEFAULT_THRESHOLD
    assert run["new_potential"] > 0 and run["parties"] > 0
    assert main(["--db", db_url, "screen", "matches", "--json"]) == 0
    queue = json.loads(capsys.readouterr().out)
    assert len(queue) == run["new_potential"]
    scores = [m["score"] for m in queue]
    assert scores == sorted(scores, reverse=True)
    assert all(m["status"] == "potential" and m["flag"] == "new" for m in queue)
    fab = next(m for m in queue if m["party_kind"] == "fab")
    match = str(fab["id"])
    assert main(["--db", db_url, "screen", "decide", match, "--confirm", "--reason", "Same"]) == 0
    assert f"Match {match} confirmed; 1 listing row(s) written" in capsys.readouterr().out
    assert main(["--db", db_url, "screen", "matches", "--status", "confirmed", "--json"]) == 0
    confirmed = json.loads(capsys.readouterr().out)
    assert [m["id"] for m in confirmed] == [fab["id"]]
    assert confirmed[0]["reason"] == "Same"

    # A new list version re-screens at once. The sample names none of the demo's parties:
    # the undecided matches go, the confirmed one comes back for review as delisted.
    assert main(["--db", db_url, "screen", "import-list", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Screening run 2:" in out and "0 new potential matches, 1 raised again" in out
    assert f"{len(queue) - 1} dropped" in out
    assert main(["--db", db_url, "screen", "matches", "--json"]) == 0
    [delisted] = json.loads(capsys.readouterr().out)
    assert (delisted["party"], delisted["flag"]) == (fab["party"], "entry changed")
    assert delisted["explanation"].startswith("list entry removed")
