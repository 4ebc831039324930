"""The program as a process: the start-up probe prints its three lines and the process exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guestcard.storage import Database


def run_probe(target: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUESTCARD_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen", "GUESTCARD_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "guestcard", "--db", str(target)], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("demo", [True, False], ids=["demo data", "empty file"])
def test_the_start_up_probe_exits_when_the_window_is_ready(tmp_path: Path, isolated_home: Path, demo: bool) -> None:
    target = tmp_path / "guests.sqlite3"
    db = Database.open(target)  # a missing --db would be asked about (test_missing_file.py)
    if demo:
        from guestcard.services.demo import fill_demo

        fill_demo(db, 30)
    db.close()
    done = run_probe(target, isolated_home)
    assert done.stdout.split() == ["shown", "ready", "today"], done.stderr
    assert done.returncode == 0


def test_the_probe_stops_with_error_instead_of_waiting_on_a_dialog(tmp_path: Path, isolated_home: Path) -> None:
    target = tmp_path / "not-a-database.sqlite3"
    target.write_bytes(b"this is no database" * 100)
    done = run_probe(target, isolated_home)
    assert done.stdout.split() == ["shown", "error"]
    assert done.returncode == 1
