"""A re-key or a restore racing a loop of the command line's ``set``: no change the command line
reported saved is lost (issue 14, item 1). 20 rounds of each, on one file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3", reason="the re-key needs sqlcipher3-wheels (the encryption extra)")

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.services import backup, customers
from guestcard.storage import Database
from guestcard.storage.database import PasswordRequired

PASSWORD = "秋菊 2026"
ROUNDS = 20

# The writer: the command line's `set`, called in a loop (each call opens and closes the file as
# `guestcard set` does), with the password when the file turns out to be encrypted. Prints each
# value the command reported saved.
WRITER = """
import io, os, sys, contextlib
from pathlib import Path
from guestcard.cli.main import main

path, stop, password = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
i = 0
while not stop.exists():
    i += 1
    for attempt in range(3):
        err = io.StringIO()
        out = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(["--db", path, "set", "1", f"notes=W{i}", "--lang", "en"])
        if code == 0:
            assert out.getvalue().startswith("updated customer 1: notes"), out.getvalue()
            print(f"saved {i}", flush=True)
            break
        text = err.getvalue()
        if "encrypted — give the password" in text:
            os.environ["GUESTCARD_PASSWORD"] = password
        elif "not encrypted" in text:
            os.environ.pop("GUESTCARD_PASSWORD", None)
        else:
            print(f"refused {i}: {text.strip()}", flush=True)
            break
"""


def _open(path: Path) -> Database:
    try:
        return Database.open(path, create=False)
    except PasswordRequired:
        return Database.open(path, password=PASSWORD, create=False)


def _noted(path: Path) -> tuple[str | None, set[str]]:
    """Customer 1's notes and every notes value its history holds."""
    with _open(path) as db:
        card = customers.get_customer(db, 1)
        history = {c.new for c in customers.history_of(db, 1) if c.field == "notes" and c.new}
    return card.notes, history


def _start_writer(tmp_path: Path, db_file: Path) -> tuple[subprocess.Popen[str], Path]:
    stop = tmp_path / "stop"
    env = {k: v for k, v in os.environ.items() if k != "GUESTCARD_PASSWORD"}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_file), str(stop), PASSWORD],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return writer, stop


def _stop_writer(writer: subprocess.Popen[str], stop: Path) -> list[int]:
    stop.touch()
    out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert "refused" not in out, out  # a writer waits for the re-key or restore, it is never refused
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved")]


@pytest.fixture
def guest_file(db_path: Path) -> Path:
    with Database.open(db_path) as db:
        customers.create_customer(db, Customer(name="常客", notes="W0"))
        for i in range(300):
            customers.create_customer(db, Customer(name=f"客人{i}", notes="备注" * 20))
    return db_path


@pytest.mark.slow  # a soak: 20 whole-file replacements against a process writing in a loop
def test_password_changes_racing_a_loop_of_set_lose_no_reported_change(
    guest_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    writer, stop = _start_writer(tmp_path, guest_file)
    done = 0
    try:
        time.sleep(1.0)
        encrypted = False
        for _ in range(ROUNDS):  # set, then remove: every round a whole-file replacement
            if encrypted:
                monkeypatch.setenv("GUESTCARD_PASSWORD", PASSWORD)
                code = main(["--db", str(guest_file), "password", "remove"])
            else:
                monkeypatch.delenv("GUESTCARD_PASSWORD", raising=False)
                monkeypatch.setenv("GUESTCARD_NEW_PASSWORD", PASSWORD)
                code = main(["--db", str(guest_file), "password", "set"])
            err = capsys.readouterr().err
            # It waits for the running `set` to end; on a loaded machine it may give up, in one line.
            assert code == 0 or (code == 2 and "in use by another guestcard" in err), err
            if code == 0:
                done += 1
                encrypted = not encrypted
            time.sleep(0.2)
    finally:
        saved = _stop_writer(writer, stop)
    assert done >= ROUNDS // 2
    assert len(saved) >= ROUNDS // 2  # the writer kept writing through the rounds
    notes, history = _noted(guest_file)
    assert notes == f"W{saved[-1]}"
    assert {f"W{i}" for i in saved} <= history  # every reported change, and its history row


@pytest.mark.slow  # a soak: 20 restores against a process writing in a loop
def test_restores_racing_a_loop_of_set_lose_no_reported_change(
    guest_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A restore puts an older file in place on purpose: a change reported before it is in the
    file it replaced (kept beside it), one reported after it in the restored file; none is in
    neither."""
    saved_backup = backup.backup_database(guest_file, tmp_path / "usb" / "base.sqlite3")
    writer, stop = _start_writer(tmp_path, guest_file)
    try:
        time.sleep(1.0)
        done = 0
        for _ in range(ROUNDS):
            code = main(["--db", str(guest_file), "restore", str(saved_backup), "--yes"])
            err = capsys.readouterr().err
            assert code == 0 or (code == 2 and "in use by another guestcard" in err), err
            done += code == 0
            time.sleep(0.2)
    finally:
        saved = _stop_writer(writer, stop)
    assert len(saved) >= ROUNDS // 2 and done >= ROUNDS // 2
    kept = [p for p in guest_file.parent.glob(guest_file.name + ".replaced-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == done  # each restore kept the file it replaced, none overwrote another's
    found: set[str] = set()
    for path in [guest_file, *kept]:
        found |= _noted(path)[1]
    assert {f"W{i}" for i in saved} <= found
    assert _noted(guest_file)[0] in (f"W{saved[-1]}", "W0")  # the last change, or a restore after it
