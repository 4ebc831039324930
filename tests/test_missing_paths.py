"""Bad database paths on the command line (issue 23, item 10): a missing file is made only when
asked (``--create``, ``demo``, the default file on first start), never by a mistyped ``--db``; a
file in a folder that cannot be written is read (list, show, export, backup elsewhere) and every
change is refused in one line, exit 2, with nothing written beside it. Real files, real processes
for the read-only folders (see ``read_only_folders``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from guestcard.cli.main import main
from guestcard.services.demo import fill_demo
from guestcard.storage import Database
from guestcard.storage.database import NoSuchGuestFile
from read_only_folders import ReadOnlyRunner


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_mistyped_db_makes_nothing_and_says_so_in_one_line(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    typo = tmp_path / "guset files" / "guests.sqlite3"
    sheet = tmp_path / "guests.csv"
    sheet.write_text("姓名,手机\n王建国,13812345678\n", encoding="utf-8")
    for command in (["list"], ["add", "--name", "王建国"], ["show", "1"], ["import", str(sheet)]):
        code, out, err = run(capsys, "--db", str(typo), *command)
        assert (code, out) == (2, ""), command
        assert err == f"guestcard: {typo}: no such guest file (use --create to make a new one)\n"
    assert not typo.parent.exists()  # no folder, no empty database, no lock files
    assert list(tmp_path.iterdir()) == [sheet]


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_guestcard_db_in_the_environment_follows_the_same_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "usb" / "guests.sqlite3"
    monkeypatch.setenv("GUESTCARD_DB", str(missing))
    code, _out, err = run(capsys, "list")
    assert code == 2 and "no such guest file" in err
    assert not missing.parent.exists()


def test_create_demo_and_the_default_file_make_a_new_one(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         isolated_home: Path) -> None:
    new = tmp_path / "new folder" / "guests.sqlite3"
    code, out, err = run(capsys, "--db", str(new), "--create", "add", "--name", "王建国", "--json")
    assert code == 0, err
    assert json.loads(out)["name"] == "王建国" and new.exists()
    code, out, _err = run(capsys, "--db", str(new), "list")  # it exists now: no --create needed
    assert code == 0 and "王建国" in out

    demo = tmp_path / "demo.sqlite3"
    code, out, err = run(capsys, "--db", str(demo), "demo", "--count", "5")
    assert code == 0 and demo.exists(), err

    default = isolated_home / "guestcard.sqlite3"
    assert not default.exists()
    code, out, err = run(capsys, "list")  # first start: the default file is made
    assert code == 0 and "no customers found" in err
    assert default.exists()


def test_the_storage_refuses_a_missing_file_without_create(tmp_path: Path) -> None:
    missing = tmp_path / "a" / "guests.sqlite3"
    for read_only in (False, True):
        with pytest.raises(NoSuchGuestFile) as refused:
            Database.open(missing, create=False, read_only=read_only)
        assert refused.value.file == missing and str(refused.value) == f"{missing}: no such guest file"
    assert not missing.parent.exists()


@pytest.fixture(params=["read-only disk", "locked folder"])
def read_only(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ReadOnlyRunner]:
    runner = ReadOnlyRunner(tmp_path, request.param)
    yield runner
    runner.cleanup()


def _guest_file(folder: Path, count: int = 8) -> Path:
    path = folder / "guests.sqlite3"
    db = Database.open(path)
    try:
        fill_demo(db, count, staff=False)
    finally:
        db.close()
    return path


def _one_line(done: object) -> str:
    err = done.stderr  # type: ignore[attr-defined]
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.slow  # ten command-line processes for each way of being read-only (the tests below stay everyday)
def test_a_file_in_a_read_only_folder_is_read_and_never_changed(read_only: ReadOnlyRunner, tmp_path: Path) -> None:
    guests = _guest_file(read_only.folder)
    before = read_only.listing()
    content = guests.read_bytes()

    listed = read_only.run("--db", str(guests), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 8
    shown = read_only.run("--db", str(guests), "show", "1")
    assert shown.returncode == 0, shown.stderr
    elsewhere = read_only.base / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o777)
    exported = read_only.run("--db", str(guests), "export", str(elsewhere / "guests.xlsx"))
    assert exported.returncode == 0 and (elsewhere / "guests.xlsx").exists(), exported.stderr
    backed_up = read_only.run("--db", str(guests), "backup", str(elsewhere))
    assert backed_up.returncode == 0, backed_up.stderr

    reason = "Read-only file system" if read_only.how == "read-only disk" else "Permission denied"
    for change in (["add", "--name", "王建国"], ["set", "1", "class=A"], ["delete", "1"],
                   ["insights", "--apply-classes"], ["password", "set"],
                   ["restore", "--yes", str(next(elsewhere.glob("guestcard-*.sqlite3")))]):
        done = read_only.run("--db", str(guests), *change, env={"GUESTCARD_NEW_PASSWORD": "secret"})
        assert done.returncode == 2, (change, done.stderr)
        line = _one_line(done)
        assert f"the folder of {guests} is read-only ({reason})" in line and "nothing was changed" in line, change

    assert read_only.listing() == before  # no -wal, -shm, lock or probe file left beside it
    assert guests.read_bytes() == content


def test_a_missing_file_on_a_read_only_disk_is_one_line(read_only: ReadOnlyRunner) -> None:
    new = read_only.folder / "new" / "guests.sqlite3"
    done = read_only.run("--db", str(new), "list")
    assert done.returncode == 2
    assert _one_line(done) == f"guestcard: {new}: no such guest file (use --create to make a new one)\n"
    made = read_only.run("--db", str(new), "--create", "list")
    assert made.returncode == 2
    assert f"{new}: cannot make a new guest file there" in _one_line(made)
    assert not new.parent.exists()


def test_unsaved_changes_in_a_wal_on_a_read_only_disk_are_not_read_around(read_only: ReadOnlyRunner) -> None:
    """A ``-wal`` still holding changes (a crash before the folder became read-only): reading the
    file without them would show stale cards, so it is read through its ``-shm`` or refused."""
    import sqlite3

    guests = _guest_file(read_only.folder, 3)
    connection = sqlite3.connect(guests)
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("UPDATE customers SET name = 'changed in the wal' WHERE id = 1")
    connection.commit()
    wal = guests.with_name(guests.name + "-wal")
    assert wal.stat().st_size > 0
    # The file and its -wal as a crash leaves them (closing would write the change into the file).
    saved_file, saved_wal = guests.read_bytes(), wal.read_bytes()
    connection.close()
    guests.write_bytes(saved_file)
    wal.write_bytes(saved_wal)
    guests.with_name(guests.name + "-shm").unlink(missing_ok=True)

    done = read_only.run("--db", str(guests), "list", "--json")
    if done.returncode == 0:
        assert "changed in the wal" in done.stdout
    else:
        assert done.returncode == 2
        assert "-wal beside it holds changes not yet in the file" in _one_line(done)


def test_the_window_opens_a_file_in_a_read_only_folder_read_only(read_only: ReadOnlyRunner) -> None:
    """The start-up probe (gui.app): any question or error on the way prints ``error`` and stops."""
    pytest.importorskip("PySide6")
    guests = _guest_file(read_only.folder)
    done = read_only.run("--db", str(guests), env={"GUESTCARD_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split() == ["shown", "ready", "today"], done.stderr
    assert done.returncode == 0
