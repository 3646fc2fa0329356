"""Shared fixtures: real databases (a SQLite file, and a PostgreSQL server when configured).

PostgreSQL tests need ``WORKBENCH_TEST_PG`` (an admin URL, e.g.
``postgresql://workbench:workbench@127.0.0.1:5432/postgres``). Each test gets a fresh database
cloned from a migrated template, which is much faster than migrating per test. Without the
variable those tests skip, unless ``WORKBENCH_REQUIRE_PG=1`` (set by CI) makes that a failure.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workbench.services.database import open_database
from workbench.storage.database import Database

# CI explores the same examples on every run (a failure found there reproduces on the next
# run and locally with HYPOTHESIS_PROFILE=ci); developers' runs keep drawing new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") or os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    settings.load_profile("ci")

try:
    import PySide6  # noqa: F401
except ImportError:
    # The core environment has no Qt on purpose: the UI tests are not even collected there.
    collect_ignore = ["ui"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare pytest-qt's ini keys where pytest-qt is absent (the Qt-free core run), so the
    shared pyproject configuration does not trip warnings-as-errors there."""
    try:
        import pytestqt  # noqa: F401
    except ImportError:
        for key in ("qt_api", "qt_log_level_fail", "qt_log_ignore"):
            parser.addini(key, "pytest-qt option (pytest-qt not installed here)")


PG_ADMIN_URL = os.environ.get("WORKBENCH_TEST_PG", "")
REQUIRE_PG = os.environ.get("WORKBENCH_REQUIRE_PG") == "1"
TEMPLATE_DB = f"wb_template_{os.getpid()}"


def _pg_admin_engine():  # type: ignore[no-untyped-def]
    url = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated PostgreSQL database to clone tests' databases from."""
    if not PG_ADMIN_URL:
        if REQUIRE_PG:
            pytest.fail("WORKBENCH_REQUIRE_PG=1 but WORKBENCH_TEST_PG is not set")
        pytest.skip("no PostgreSQL server configured (set WORKBENCH_TEST_PG)")
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}"'))
        conn.execute(text(f'CREATE DATABASE "{TEMPLATE_DB}"'))
    url = make_url(PG_ADMIN_URL).set(database=TEMPLATE_DB).render_as_string(hide_password=False)
    db = open_database(url)
    db.dispose()
    yield TEMPLATE_DB
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}" WITH (FORCE)'))
    admin.dispose()


def _pg_database(template: str) -> Iterator[str]:
    name = f"wb_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        try:
            _drop_database(admin, name)
        finally:
            # Even when the drop fails, so the admin connection does not leak into the next
            # test as a ResourceWarning (which warnings-as-errors turns into its failure).
            admin.dispose()


def _drop_database(admin, name: str) -> None:  # type: ignore[no-untyped-def]
    """Drop a test database; once more after a second if a backend could not be terminated
    (seen once in CI under heavy load: "must be a member of the role whose process is being
    terminated"), since the next attempt usually finds it gone."""
    from sqlalchemy.exc import DBAPIError

    for attempt in range(2):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt:
                raise
            time.sleep(1)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'book.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty, migrated database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'book.sqlite3'}"
        return
    template = request.getfixturevalue("pg_template")
    yield from _pg_database(template)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, migrated, empty database on each backend."""
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo book in a SQLite file, built once per session; copy it before writing."""
    from workbench.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(f"sqlite:///{path}")
    load_demo(database, "small")
    database.dispose()
    return path
