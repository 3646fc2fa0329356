"""Every spreadsheet of the wild corpus gives its expected outcome, in time and in memory.

The corpus (``tests/data/import/wild/``, see its ORIGIN.md) is other projects' test files plus
the crafted hostile files of ``hostile.py``; ``manifest.toml`` names each file's outcome. The
whole corpus runs in one child process with an address-space limit, so a reader that aborts
or runs away fails this test (naming the file) instead of killing the test run, and the child's
peak resident memory bounds every single file's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

WILD = Path(__file__).resolve().parent.parent / "data" / "import" / "wild"
MAX_SECONDS_PER_FILE = 45
MAX_RSS_BYTES = 1536 * 1024**2
#: Address space of the child running the corpus: its interpreter, libraries and one file.
CHILD_ADDRESS_SPACE = 3 * 1024**3

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from workbench.importers import ImportFileError, parse_files

def main() -> None:
    for line in sys.stdin:
        path = line.rstrip("\n")
        print(json.dumps({"start": path}), flush=True)
        began = time.monotonic()
        try:
            parsed = parse_files([path])
        except ImportFileError as exc:
            out = {"outcome": "refused", "error": type(exc).__name__, "message": str(exc)}
        else:
            out = {
                "outcome": "parsed",
                "rejected": len(parsed.rejected_rows),
                "issues": [i.text for i in parsed.issues],
            }
        out["seconds"] = time.monotonic() - began
        usage = max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        out["max_rss"] = usage * (1 if sys.platform == "darwin" else 1024)
        out["file"] = path
        print(json.dumps(out), flush=True)

if __name__ == "__main__":
    main()
"""


def _manifest() -> dict[str, dict[str, object]]:
    with (WILD / "manifest.toml").open("rb") as fh:
        return tomllib.load(fh)


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    sys.path.insert(0, str(WILD))
    try:
        import hostile
    finally:
        sys.path.remove(str(WILD))
    crafted = hostile.build(tmp_path_factory.mktemp("crafted"))
    paths: dict[str, Path] = {f"crafted/{name}": path for name, path in crafted.items()}
    for key in _manifest():
        if not key.startswith("crafted/"):
            paths[key] = WILD / key
    script = tmp_path_factory.mktemp("child") / "run_corpus.py"
    script.write_text(_CHILD, encoding="utf-8")
    by_path = {str(p): key for key, p in paths.items()}
    proc = subprocess.run(
        [sys.executable, str(script)],
        input="".join(f"{p}\n" for p in paths.values()),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        preexec_fn=_limit if os.name == "posix" else None,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    results: dict[str, dict[str, object]] = {}
    last = None
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        if "start" in record:
            last = by_path[record["start"]]
            continue
        results[by_path[str(record["file"])]] = record
    if proc.returncode != 0:
        pytest.fail(
            f"the corpus run died (exit {proc.returncode}) while reading {last}: "
            f"{proc.stderr[-2000:]}"
        )
    return results


def test_every_corpus_file_is_in_the_manifest() -> None:
    listed = set(_manifest())
    on_disk = {
        f"{p.parent.name}/{p.name}"
        for p in WILD.glob("*/*")
        if p.suffix.lower() in {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv"}
    }
    assert on_disk <= listed, sorted(on_disk - listed)
    sys.path.insert(0, str(WILD))
    try:
        import hostile
    finally:
        sys.path.remove(str(WILD))
    assert {f"crafted/{n}" for n in hostile.BUILDERS} <= listed


@pytest.mark.parametrize("key", sorted(_manifest()))
def test_corpus_file_outcome(key: str, corpus_results: dict[str, dict[str, object]]) -> None:
    expected = _manifest()[key]
    got = corpus_results[key]
    assert got["outcome"] == expected["outcome"], (key, got)
    assert float(str(got["seconds"])) < MAX_SECONDS_PER_FILE, (key, got["seconds"])
    assert int(str(got["max_rss"])) < MAX_RSS_BYTES, (key, got["max_rss"])
    if expected["outcome"] == "refused":
        assert got["error"] == expected["error"], (key, got)
        message = str(got["message"])
        assert message.count("\n") == 0 and "Traceback" not in message
        if "says" in expected:
            assert str(expected["says"]) in message, (key, message)
        return
    if "rejected" in expected:
        assert got["rejected"] == expected["rejected"], (key, got)
    issues = [str(i) for i in got["issues"]]  # type: ignore[union-attr]
    for phrase in expected.get("warns", []):  # type: ignore[union-attr]
        assert any(str(phrase) in i for i in issues), (key, phrase, issues)
