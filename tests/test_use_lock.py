"""The use lock: every guestcard with the file open holds it shared, a whole-file operation
exclusively (see guestcard.storage.lock)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guestcard.storage import Database
from guestcard.storage.lock import FileBusy, UseLock


def test_a_whole_file_operation_waits_for_users_and_then_refuses(tmp_path: Path) -> None:
    db_file = tmp_path / "g.sqlite3"
    db = Database.open(db_file)
    try:
        with pytest.raises(FileBusy, match="in use by another guestcard"):
            UseLock(db_file).acquire_exclusive(wait=0.2, on_wait=None)
    finally:
        db.close()
    lock = UseLock(db_file).acquire_exclusive(wait=0.2, on_wait=None)  # nobody uses it now
    lock.release()


def test_a_user_waits_while_the_file_is_replaced_and_then_opens_the_new_one(tmp_path: Path) -> None:
    db_file = tmp_path / "g.sqlite3"
    Database.open(db_file).close()
    # Another process replaces the file: it holds the lock exclusively until told to let go.
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from guestcard.storage.lock import UseLock
        lock = UseLock(__import__("pathlib").Path({str(db_file)!r})).acquire_exclusive(wait=5, on_wait=None)
        print("held", flush=True)
        sys.stdin.readline()
        lock.release()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdin is not None and holder.stdout is not None
    to_holder = holder.stdin
    waited: list[str] = []

    def said_waiting(line: str) -> None:  # the replacement ends only once the user waits for it
        waited.append(line)
        to_holder.write("done\n")
        to_holder.flush()

    try:
        assert holder.stdout.readline().strip() == "held"
        lock = UseLock(db_file).acquire_shared(wait=20, on_wait=said_waiting)
        assert waited == [f"{db_file}: waiting for a password change or a restore to finish…"]
        lock.release()
    finally:
        to_holder.close()
        holder.wait(10)


def test_a_user_gives_up_after_its_wait_with_one_line(tmp_path: Path) -> None:
    db_file = tmp_path / "g.sqlite3"
    Database.open(db_file).close()
    holder = UseLock(db_file)
    # flock locks belong to the open file: a second handle in this process is another holder.
    holder.acquire_exclusive(wait=1, on_wait=None)
    try:
        from guestcard.storage import lock as lock_module

        lock_module._exclusive_here.pop(holder.file, None)  # act as if another process held it
        with pytest.raises(FileBusy, match="being replaced"):
            UseLock(db_file).acquire_shared(wait=0.2, on_wait=None)
    finally:
        holder.exclusive = False
        holder.release()


def test_the_holder_of_the_exclusive_lock_opens_the_file_itself(tmp_path: Path) -> None:
    db_file = tmp_path / "g.sqlite3"
    Database.open(db_file).close()
    with UseLock(db_file):
        Database.open(db_file).close()  # no waiting for itself
    with Database.open(db_file):
        pass


def test_the_wait_is_told_in_the_commands_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line words the waiting note in its language (cli.main sets the lock's words)."""
    from guestcard.cli.main import _word_waits_in
    from guestcard.storage import lock as lock_module

    monkeypatch.setattr(lock_module, "waiting_words", lock_module.waiting_words)  # put back after
    _word_waits_in("zh")
    db_file = tmp_path / "g.sqlite3"
    Database.open(db_file).close()
    user = UseLock(db_file).acquire_shared(wait=1, on_wait=None)
    try:
        waited: list[str] = []
        with pytest.raises(FileBusy):
            UseLock(db_file).acquire_exclusive(wait=0.3, on_wait=waited.append)
    finally:
        user.release()
    assert waited == [f"{db_file}：正在等待这个文件上的其他 guestcard 命令结束…"]
