"""A first start or an upgrade killed (or failing) at any step: the file is as it was before, or
finished; a half-made file of our own is finished, never called foreign (issue 23, item 2)."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from guestcard.cli.main import main
from guestcard.storage import Database, DatabaseError, steps
from guestcard.storage.database import SCHEMA_HEAD, DatabaseDamaged

DATA = Path(__file__).parent / "data"
SCHEMA_STEPS = [f"schema {n:04d}" for n in range(1, int(SCHEMA_HEAD) + 1)] + ["schema commit"]


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _version_and_count(path: Path) -> tuple[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        return version, connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0]


class Failed(Exception):
    pass


def test_the_steps_named_here_are_the_steps_reached(db_path: Path) -> None:
    seen: list[str] = []
    with steps.hooked(seen.append):
        Database.open(db_path).close()
    assert seen == SCHEMA_STEPS  # a test that names a step no longer reached would test nothing


@pytest.mark.parametrize("step", SCHEMA_STEPS)
def test_a_first_start_failing_at_any_step_leaves_an_empty_file_the_next_start_finishes(
    db_path: Path, step: str
) -> None:
    def fail(name: str) -> None:
        if name == step:
            raise Failed(name)

    with steps.hooked(fail), pytest.raises(Failed):
        Database.open(db_path)
    assert _tables(db_path) == set()
    with Database.open(db_path) as db:
        assert db.schema_version() == SCHEMA_HEAD


KILLER = """
import os, signal, sys
from guestcard.storage import Database, steps

def kill(name):
    if name == sys.argv[2]:
        os.kill(os.getpid(), signal.SIGKILL)

with steps.hooked(kill):
    Database.open(sys.argv[1]).close()
print("finished")
"""

# How guestcard created a schema before this fix: Python's sqlite3 ran every CREATE TABLE outside
# the transaction, so a kill after the first migration left its tables and an empty alembic_version.
OLD_WAY = """
import os, signal, sys
from alembic import command
from sqlalchemy import create_engine
from guestcard.storage import migrate, steps

def kill(name):
    if name == sys.argv[2]:
        os.kill(os.getpid(), signal.SIGKILL)

engine = create_engine(f"sqlite:///{sys.argv[1]}")
with steps.hooked(kill), engine.connect() as connection:
    config = migrate._config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
"""


def _run_killed(script: str, path: Path, step: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-c", script, str(path), step], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done


@pytest.mark.parametrize("step", SCHEMA_STEPS[1:])
def test_a_first_start_killed_at_any_step_leaves_a_file_the_next_start_finishes(
    tmp_path: Path, step: str
) -> None:
    path = tmp_path / "first.sqlite3"
    _run_killed(KILLER, path, step)
    assert _tables(path) == set()  # nothing of the schema: it was one transaction
    assert main(["--db", str(path), "list"]) == 0
    assert _version_and_count(path) == (SCHEMA_HEAD, 0)


# A process killed at each later migration, ~1 s each: from 0001 (six kills) in CI only (slow).
@pytest.mark.parametrize("saved", [pytest.param("0001", marks=pytest.mark.slow), "0003"])
def test_an_upgrade_killed_between_migrations_keeps_the_old_schema_and_resumes(tmp_path: Path, saved: str) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / f"schema_{saved}.sqlite3", path)
    later = [s for s in SCHEMA_STEPS if s > f"schema {saved}"]
    for step in later:
        _run_killed(KILLER, path, step)
        assert _version_and_count(path) == (saved, 20)
    with Database.open(path) as db:
        assert db.schema_version() == SCHEMA_HEAD
    assert _version_and_count(path) == (SCHEMA_HEAD, 20)


@pytest.mark.parametrize("step", ["schema 0001", "schema 0002", "schema 0004"])
def test_a_half_made_file_of_an_older_guestcard_is_finished_not_called_foreign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], step: str
) -> None:
    path = tmp_path / "half.sqlite3"
    _run_killed(OLD_WAY, path, step)
    tables = _tables(path)
    assert "customers" in tables and "alembic_version" in tables  # our tables, a version behind them or none
    assert main(["--db", str(path), "add", "--name", "第一位"]) == 0, capsys.readouterr().err
    assert _version_and_count(path) == (SCHEMA_HEAD, 1)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_half_made_schema_holding_customers_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "half.sqlite3"
    _run_killed(OLD_WAY, path, "schema 0001")
    with closing(sqlite3.connect(path)) as connection, connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(customers)") if row[3]]
        values = {"kind": "'individual'", "name": "'x'", "fields": "'{}'", "version": "1"}
        connection.execute(f"INSERT INTO customers ({', '.join(columns[1:])}) VALUES "
                           f"({', '.join(values.get(c, repr('2026-01-01')) for c in columns[1:])})")
    with pytest.raises(DatabaseDamaged, match="unfinished guestcard schema"):
        Database.open(path)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT name FROM customers").fetchall() == [("x",)]


def test_a_table_of_another_program_still_makes_the_file_foreign(tmp_path: Path) -> None:
    path = tmp_path / "mixed.sqlite3"
    _run_killed(OLD_WAY, path, "schema 0001")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="not a guestcard database"):
        Database.open(path)
    assert os.path.exists(path)
