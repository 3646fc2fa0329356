"""A process killed (SIGKILL) while committing an import leaves the database as it was."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workbench.services.database import info, open_database
from workbench.services.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
ROWS = 30_000  # more than one write chunk, so the child is stopped between two of them

# The child commits the import; after the first chunk of rows is written (inside the open
# transaction) it says so through the marker file and waits to be killed.
CHILD = """
import sys, time
from pathlib import Path
from workbench.importers import parse_files
from workbench.services import importing
from workbench.services.database import open_database

url, source, marker = sys.argv[1:4]
db = open_database(url)
parsed = parse_files([source])

def progress(done, total):
    if done > 0:
        Path(marker).write_text(f"{done}/{total}")
        time.sleep(600)

importing.commit(db, parsed, progress=progress)
"""


def _big_csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Serial No.", "Vendor", "Model", "Site code", "Install date"])
        for n in range(ROWS):
            writer.writerow([f"K{n:07d}", "ASML", "NXT:2000i", "CN-SMIC-SN1", "2021-05-06"])
    return path


@pytest.mark.slow
def test_killed_commit_changes_nothing(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    load_demo(db, 20)
    before = info(db).counts
    db.dispose()
    marker = tmp_path / "written"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(_big_csv(tmp_path / "big.csv")), str(marker)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            if child.poll() is not None:
                _, err = child.communicate()
                pytest.fail(f"the importing child ended early: {err.decode()}")
            assert time.monotonic() < deadline, "the child never started writing"
            time.sleep(0.1)
        done, total = (int(x) for x in marker.read_text().split("/"))
        assert 0 < done < total
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    reopened = open_database(db_url)
    try:
        assert info(reopened).counts == before
    finally:
        reopened.dispose()
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(db_url)
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()
