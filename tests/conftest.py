"""Shared fixtures: real SQLite files in tmp_path, the shipped forms, an isolated user folder."""

from __future__ import annotations

import os

# pytest-qt aborts without a display: every Qt test runs on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from guest_templates import GuestFileTemplates
from guestcard.forms import FormLibrary, load_library
from guestcard.paths import shipped_dir
from guestcard.storage import Database


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user data folder: settings, forms and the default database go here."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GUESTCARD_HOME", str(home))
    monkeypatch.delenv("GUESTCARD_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def short_lock_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole-file operation in a test waits 2 s (not 15) for the file's other users; the
    command-line processes a test starts keep the real waits."""
    from guestcard.storage import lock

    monkeypatch.setattr(lock, "EXCLUSIVE_WAIT", 2.0)


@pytest.fixture(scope="session")
def library() -> FormLibrary:
    return load_library(shipped_dir("forms"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "guests.sqlite3"


@pytest.fixture(scope="session")
def guest_templates(tmp_path_factory: pytest.TempPathFactory) -> GuestFileTemplates:
    return GuestFileTemplates(tmp_path_factory.mktemp("templates"))


# A real PostgreSQL server for the storage, service, import and CLI tests (CI starts one on
# loopback and sets this); without it those tests run on SQLite only.
SERVER_URL = os.environ.get("GUESTCARD_TEST_DB_URL", "")


def fresh_server_database() -> str:
    """An empty schema of this test worker's own on the test server; returns a URL that uses it.

    Workers of pytest-xdist run side by side, so each gets a schema (``t_gw0``…) instead of
    sharing ``public``; pg_trgm lives in a schema ``ext`` that is on the search path too (and
    ``public`` is not, so nothing left there by older runs can be seen).
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = "t_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    engine = create_engine(SERVER_URL)
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(20261123)"))  # one worker at a time
        connection.execute(text("CREATE SCHEMA IF NOT EXISTS ext"))
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ext"))
        extensions = connection.execute(text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        )).scalar_one()
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(SERVER_URL).update_query_dict({"options": f"-csearch_path={schema},{extensions}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def server_url() -> str:
    """A URL of a fresh schema on the test server (skips without one)."""
    if not SERVER_URL:
        pytest.skip("no PostgreSQL server: set GUESTCARD_TEST_DB_URL")
    return fresh_server_database()


@pytest.fixture
def sqlite_db(db_path: Path, guest_templates: GuestFileTemplates) -> Iterator[Database]:
    """A real SQLite file in tmp_path (for what only SQLite has: WAL, FTS5, backups), new and
    empty (a copy of one made so: creating a file is tested in test_storage and test_schema_kills)."""
    database = Database.open(guest_templates.empty(db_path))
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, db_path: Path, guest_templates: GuestFileTemplates) -> Iterator[Database]:
    """The database of the storage and service tests: SQLite always, PostgreSQL when configured."""
    if request.param == "postgresql":
        if not SERVER_URL:
            pytest.skip("no PostgreSQL server: set GUESTCARD_TEST_DB_URL")
        database = Database.open(fresh_server_database())
    else:
        database = Database.open(guest_templates.empty(db_path))
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_args(request: pytest.FixtureRequest, db_path: Path, guest_templates: GuestFileTemplates) -> list[str]:
    """The global options that point the command line at the test database (file or server)."""
    if request.param == "postgresql":
        if not SERVER_URL:
            pytest.skip("no PostgreSQL server: set GUESTCARD_TEST_DB_URL")
        return ["--db-url", fresh_server_database()]
    # The user's guest file, made as on first start (the command line makes a --db file only
    # with --create: test_missing_paths.py).
    guest_templates.empty(db_path)
    return ["--db", str(db_path)]


@pytest.fixture
def english_settings(isolated_home: Path) -> None:
    """The settings' language English: the command line's error lines (and show, agenda…) follow
    it when a command has no --lang; a fresh install's is Chinese."""
    from guestcard.settings import Settings, save_settings

    save_settings(Settings(language="en"))
