"""Score an export corpus against its manifest: ``python tests/data/import/score_corpus.py DIR``.

Each file goes into a fresh empty SQLite book with ``--commit`` semantics and the manifest's
own company, as a new user would import it; the line per file says whether it imported whole,
whether the book's machines, fabs, customers and contracts equal the manifest's, whether the
sample serials have the manifest's fab country, and whether a second import changes nothing.
The last line counts the files that are whole *and* exactly right. Used for the figures in
``docs/importing.md`` and the corpus READMEs; it changes nothing in the corpus.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workbench.importers import ImportFileError
from workbench.services import importing
from workbench.services.database import info, open_database
from workbench.services.importing import ImportOptions
from workbench.storage.orm import FabRow, MachineRow

COUNTED = ("machines", "fabs", "customers", "contracts")


def score(folder: Path, name: str, truth: dict[str, Any], work: Path) -> tuple[bool, str]:
    db = open_database(str(work / f"{name}.sqlite3"))
    try:
        options = ImportOptions(commit=True, own_company=truth.get("own_company"))
        try:
            outcome = importing.run_import(db, [folder / name], options)
        except ImportFileError as exc:
            return False, f"refused: {exc}"
        errors = outcome.plan.errors
        counts = info(db).counts
        got = {k: counts[k] for k in COUNTED}
        want = {k: truth[k] for k in COUNTED}
        with db.read() as session:
            wrong = [
                s["serial"]
                for s in truth["samples"]
                if session.scalar(
                    select(FabRow.country)
                    .join(MachineRow, MachineRow.fab_id == FabRow.id)
                    .where(MachineRow.serial == s["serial"])
                )
                != s["country"]
            ]
        again = importing.run_import(db, [folder / name], options)
        whole = outcome.committed and not outcome.plan.rejected_rows
        right = whole and got == want and not wrong and not again.plan.writes_anything
        first = f"; first error: {errors[0].text}" if errors else ""
        verdict = "RIGHT" if right else "no rows rejected" if whole else "NOT WHOLE"
        if not any(got.values()):
            verdict = "NOTHING READ" if whole else verdict
        return right, (
            f"{verdict}  got {got} want {want}"
            f"{'; samples wrong: ' + ', '.join(wrong) if wrong else ''}{first}"
        )
    finally:
        db.dispose()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    files: dict[str, dict[str, Any]] = json.loads(
        (folder / "manifest.json").read_text(encoding="utf-8")
    )["files"]
    right = 0
    with tempfile.TemporaryDirectory() as work:
        for name, truth in files.items():
            ok, line = score(folder, name, truth, Path(work))
            right += ok
            print(f"{name}: {line}")
    print(f"{right} of {len(files)} whole and exactly right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
