"""A guest file another guestcard writes to is an expected state: a writer meeting a running
import waits for it (one line of note) and then does its work; one meeting some other long write
refuses in one line with exit 2. Neither puts the guest's data on the terminal or in the log."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from guestcard.services import customers
from guestcard.storage import Database
from guestcard.storage.busy import is_busy, long_write, running_long_write

SECRET = "花生过敏秘密"  # what the failure tests write: it must show up nowhere but in the file


def _guestcard(db_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    environment = dict(os.environ, **env)
    environment.pop("GUESTCARD_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "guestcard", "--db", str(db_path), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def _log_text(home: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (home / "logs").glob("guestcard.log*"))


@pytest.fixture
def guest_file(db_path: Path) -> Path:
    with Database.open(db_path) as db:
        customers.create_customer(db, customers.build_customer({"name": "王建国", "phone": "13812345678"}))
    return db_path


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_set_during_an_import_waits_for_it_and_then_saves(guest_file: Path, isolated_home: Path) -> None:
    db = Database.open(guest_file)
    try:
        # What an import does: the mark, then one write transaction held until its end.
        with long_write(db, "an import"), db.session() as session:
            session.execute(text("UPDATE customers SET position = 'x' WHERE id = 1"))
            session.flush()
            child = _guestcard(guest_file, "set", "1", f"notes={SECRET}")
            time.sleep(7)  # longer than SQLite's busy timeout: without the wait, the set has failed by now
            assert child.poll() is None, child.communicate()
        out, err = child.communicate(timeout=60)
    finally:
        db.close()
    assert child.returncode == 0, err
    assert out.strip() == "updated customer 1: notes"
    assert err.count("\n") == 1 and "the guest file is busy: an import" in err and "waiting for it to end" in err
    assert SECRET not in err
    if (isolated_home / "logs").exists():
        assert SECRET not in _log_text(isolated_home)
    with Database.open(guest_file) as db:
        assert customers.get_customer(db, 1).notes == SECRET


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_set_that_waited_too_long_refuses_in_one_line(guest_file: Path) -> None:
    db = Database.open(guest_file)
    try:
        with long_write(db, "an import"):
            child = _guestcard(guest_file, "set", "1", f"notes={SECRET}", GUESTCARD_BUSY_WAIT="1")
            out, err = child.communicate(timeout=60)
    finally:
        db.close()
    assert child.returncode == 2
    assert err.splitlines()[-1] == (f"guestcard: {guest_file}: the guest file is busy: an import (process "
                                    f"{os.getpid()}, since {err.split('since ')[1][:5]}) is running; "
                                    "try again when it ends")
    assert SECRET not in err and out == ""


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_writer_meeting_another_long_write_refuses_in_one_line(guest_file: Path, isolated_home: Path) -> None:
    holder = sqlite3.connect(guest_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # some other long write, not marked as an import
    try:
        child = _guestcard(guest_file, "set", "1", f"notes={SECRET}")
        _out, err = child.communicate(timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert child.returncode == 2, err
    assert err == (f"guestcard: {guest_file}: the guest file is busy: another guestcard is writing to it; "
                   "try again in a moment\n")
    assert "Traceback" not in err and "OperationalError" not in err
    assert SECRET not in err
    logs = isolated_home / "logs"
    assert not logs.exists() or SECRET not in _log_text(isolated_home)


def test_the_mark_is_seen_only_while_held(db_path: Path) -> None:
    with Database.open(db_path) as db:
        assert running_long_write(db_path) is None
        with long_write(db, "an import"):
            assert (running_long_write(db_path) or "").startswith(f"an import (process {os.getpid()}, since ")
        assert running_long_write(db_path) is None


@pytest.mark.parametrize("message", ["database is locked", "vtable constructor failed: customer_name_fts",
                                     "database table is locked"])
def test_busy_driver_errors_are_recognised(message: str) -> None:
    error = OperationalError("UPDATE customers SET notes=?", (SECRET,), sqlite3.OperationalError(message))
    assert is_busy(error)
    assert not is_busy(OperationalError("SELECT 1", (), sqlite3.OperationalError("no such table: customers")))
    assert not is_busy(ValueError(message))
