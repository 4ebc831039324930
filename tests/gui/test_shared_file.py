"""The window and command-line processes on one guest file at once (issue 23, item 1).

The window opened the file, made its daily backup — and the backup read the file's header with
``open()``/``close()``, which silently freed the window's SQLite locks. The next command line to
close the file then took itself for the last user and deleted ``-wal`` and ``-shm`` under the
window: a corrupted index, two customers with one id, a customer lost.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from window_helpers import Answers, close_window, make_window

from guestcard.forms import FormLibrary
from guestcard.gui.i18n import Languages
from guestcard.services.demo import fill_demo
from guestcard.settings import Settings
from guestcard.storage import Database

OPEN = 30_000


def _cli(db_file: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "guestcard", "--db", str(db_file), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _integrity(db_file: Path) -> list[str]:
    connection = sqlite3.connect(db_file)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def _names(db_file: Path) -> dict[int, str]:
    connection = sqlite3.connect(db_file)
    try:
        return dict(connection.execute("SELECT id, name FROM customers"))
    finally:
        connection.close()


@pytest.mark.slow  # a soak: 12 command-line processes writing while the window writes and backs up
def test_window_and_command_line_add_customers_to_one_file(
    qtbot: Any, library: FormLibrary, languages: Languages, qsettings: QSettings, tmp_path: Path,
    answer: Answers,
) -> None:
    db_file = tmp_path / "shared.sqlite3"
    with Database.open(db_file) as db:
        fill_demo(db, 12, seed=5)
    settings = Settings(language="en", database_path=str(db_file), backup_folder=str(tmp_path / "backups"))
    window = make_window(qtbot, None, library, languages, qsettings, tmp_path, settings)
    try:
        with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
            window.open_database()  # the real start: lock, check, the daily backup
        assert list((tmp_path / "backups").iterdir()), "the daily backup ran, as at every start"

        reported: dict[int, str] = {}
        for round_ in range(3):
            running = [_cli(db_file, "add", "--name", f"命令行{round_}{i}", "--json") for i in range(3)]
            running.append(_cli(db_file, "show", "1"))
            for i in range(2):  # the window adds while the commands run
                name = f"窗口{round_}{i}"
                with qtbot.waitSignal(window.customerCreated, timeout=OPEN) as made:
                    window.create_customer({"name": name})
                reported[made.args[0]] = name
            answer("inform", None)
            assert window.safety.back_up_now() is not None  # a backup reads the file in this process too
            for process in running:
                out, err = process.communicate(timeout=60)
                assert process.returncode == 0, err
                if out.startswith("{"):
                    data = json.loads(out)
                    reported[data["id"]] = data["name"]
            # The window still has the file open: nobody may have removed its WAL files.
            assert (tmp_path / "shared.sqlite3-wal").exists()
            assert (tmp_path / "shared.sqlite3-shm").exists()
        assert len(reported) == 3 * 5  # every add got an id of its own
    finally:
        close_window(window)
    assert _integrity(db_file) == ["ok"]
    names = _names(db_file)
    for customer_id, name in reported.items():
        assert names.get(customer_id) == name
    assert len(names) == 12 + len(reported)


def test_a_read_only_second_window_keeps_the_first_ones_files(
    qtbot: Any, library: FormLibrary, languages: Languages, qsettings: QSettings, tmp_path: Path,
) -> None:
    """Any number of guestcards may have the file open: a command run while two windows (one
    read-only) have it leaves both their WAL files in place."""
    db_file = tmp_path / "shared.sqlite3"
    with Database.open(db_file) as db:
        fill_demo(db, 5, seed=2)
    settings = Settings(language="en", database_path=str(db_file), backup_folder=str(tmp_path / "backups"))
    first = make_window(qtbot, None, library, languages, qsettings, tmp_path, settings)
    try:
        with qtbot.waitSignal(first.databaseOpened, timeout=OPEN):
            first.open_database()
        reader = Database.open(db_file, read_only=True)
        try:
            process = _cli(db_file, "add", "--name", "第三个", "--json")
            out, err = process.communicate(timeout=60)
            assert process.returncode == 0, err
            assert (tmp_path / "shared.sqlite3-wal").exists()
            with qtbot.waitSignal(first.customerCreated, timeout=60_000) as made:
                first.create_customer({"name": "窗口客人"})
            assert made.args[0] != json.loads(out)["id"]
        finally:
            reader.close()
    finally:
        close_window(first)
    assert _integrity(db_file) == ["ok"]
    assert {"第三个", "窗口客人"} <= set(_names(db_file).values())


@pytest.mark.parametrize("probe", ["is_plain_sqlite", "looks_encrypted"])
def test_probing_an_open_file_keeps_its_locks(tmp_path: Path, probe: str) -> None:
    """The header probes answer from what the process knows of a file it has open, so they never
    open and close it (which would free the process's SQLite locks on it)."""
    from guestcard.storage import files

    db_file = tmp_path / "g.sqlite3"
    with Database.open(db_file) as db:
        assert files.open_here(db_file) is False
        opened: list[str] = []
        real_open = open

        def spy(path: Any, *args: Any, **kwargs: Any) -> Any:
            opened.append(str(path))
            return real_open(path, *args, **kwargs)

        import builtins

        builtins.open = spy  # type: ignore[assignment]
        try:
            assert getattr(files, probe)(db_file) is (probe == "is_plain_sqlite")
        finally:
            builtins.open = real_open  # type: ignore[assignment]
        assert str(db_file) not in opened
        del db
    assert files.open_here(db_file) is None
