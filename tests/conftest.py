"""Shared fixtures: real SQLite files in tmp_path, the shipped forms, an isolated user folder."""

from __future__ import annotations

import os

# pytest-qt aborts without a display: every Qt test runs on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def library() -> FormLibrary:
    return load_library(shipped_dir("forms"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "guests.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    yield database
    database.close()
