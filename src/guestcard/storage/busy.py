"""A guest file another guestcard is writing to: an expected state, said in one line.

SQLite lets one writer at a time; the others wait ``busy_timeout`` (5 s) and then fail with
"database is locked" (or, when the first thing they touch is the search index, "vtable
constructor failed: customer_name_fts"). An import holds its write transaction from start to end
(all or nothing), so a ``set`` meeting it would fail like a bug. Here:

- ``is_busy(exc)`` recognises those driver errors;
- ``long_write(db, what)`` marks a long write (an import) for the others, with an OS lock on a
  file beside the database (``guests.sqlite3.writing``; the OS drops the lock if the writer dies);
- ``running_long_write(file)`` says what holds that mark, ``wait_for_long_write`` waits for it
  to end, and ``FileBusy`` is the one-line refusal.

Nothing here names a guest: the messages carry the file, what is running and since when.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

from guestcard.domain.messages import Code, Message, Refusal
from guestcard.storage.database import Database, DatabaseError
from guestcard.storage.lock import _lock, _unlock

_BUSY_MESSAGES = (
    "database is locked",
    "database table is locked",
    "database schema is locked",
    "database is busy",
    "vtable constructor failed",
)


class FileBusy(Refusal, DatabaseError):
    """Another guestcard is writing to the file for longer than a writer waits; try again later."""


def is_busy(exc: BaseException) -> bool:
    """A driver error that means "another process is writing", not a damaged file or a bug."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().lower()
    return type(orig if orig is not None else exc).__name__ == "OperationalError" and text.startswith(_BUSY_MESSAGES)


def sqlite_file(db: Database) -> Path | None:
    if not db.is_sqlite:
        return None
    name = make_url(db.url).database or ""
    name = name.removeprefix("file:").split("?", 1)[0]
    return Path(name) if name and name != ":memory:" else None


def marker_of(file: Path) -> Path:
    return file.with_name(file.name + ".writing")


@contextlib.contextmanager
def long_write(db: Database, what: str) -> Iterator[None]:
    """Mark a long write (``what``: "an import") while the block runs, on an SQLite file; a
    server, a read-only database or a mark that cannot be made leave it unmarked (the others
    are then told only that the file is busy)."""
    file = sqlite_file(db)
    handle: IO[str] | None = None
    if file is not None and not db.read_only:
        try:
            handle = open(marker_of(file), "a+", encoding="utf-8")  # noqa: SIM115 (held for the block)
            _lock(handle)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{what} (process {os.getpid()}, since {dt.datetime.now():%H:%M})")
            handle.flush()
        except OSError:  # another long write holds it (this one will wait on SQLite), or no folder rights
            if handle is not None:
                handle.close()
            handle = None
    try:
        yield
    finally:
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
                handle.flush()
                _unlock(handle)
            handle.close()


def running_long_write(file: Path | None) -> str | None:
    """What holds the long-write mark of ``file`` ("an import (process 12, since 15:08)"), or None."""
    if file is None:
        return None
    marker = marker_of(file)
    if not marker.exists():
        return None
    try:
        with open(marker, "a+", encoding="utf-8") as handle:
            try:
                _lock(handle)
            except OSError:
                handle.seek(0)
                return handle.read().strip() or "a long write"
            _unlock(handle)
            return None
    except OSError:
        return None


def wait_for_long_write(file: Path | None, *, note: Callable[[str], None], timeout: float,
                        poll: float = 0.2) -> bool:
    """If a long write holds ``file``, call ``note`` once and wait until it ends (True) or
    ``timeout`` seconds pass (False). True at once when nothing holds it."""
    running = running_long_write(file)
    if running is None:
        return True
    note(running)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(poll)
        if running_long_write(file) is None:
            return True
    return False


# What ``long_write`` writes for an import, read back to word it in the reader's language.
_IMPORT_MARK = re.compile(r"an import \(process (\d+), since (\d\d:\d\d)\)")


def running_said(running: str, *, waiting: bool = False) -> Message:
    """What holds the mark (``running_long_write``), as the message a writer that waits for it
    (``waiting``) or gives up on it is told."""
    mark = _IMPORT_MARK.fullmatch(running)
    if waiting:
        return Message(Code.BUSY_WAITING_IMPORT, mark.groups()) if mark else Message(Code.BUSY_WAITING, (running,))
    return Message(Code.BUSY_IMPORT, mark.groups()) if mark else Message(Code.BUSY_RUNNING, (running,))


def busy_said(file: Path | None, where: str) -> Message:
    """The one line for a writer that met another: what runs, if known, and what to do."""
    running = running_long_write(file)
    if running is None:
        return Message(Code.BUSY_WRITING, (where,))
    said = running_said(running)
    return Message(said.code, (where, *said.args))


def busy_message(file: Path | None, where: str) -> str:
    return str(busy_said(file, where))


def busy_error(db: Database) -> FileBusy:
    said = busy_said(sqlite_file(db), db.display_name)
    return FileBusy(said.code, *said.args)


_LOST_MESSAGES = (
    "terminating connection",
    "server closed the connection",
    "consuming input failed",
    "connection already closed",
    "the connection is closed",
    "could not receive data from server",
    "ssl connection has been closed",
)


def is_connection_lost(exc: BaseException) -> bool:
    """A server database that went away in the middle of an action (its transaction is then
    rolled back by the server: nothing of it was saved)."""
    if getattr(exc, "connection_invalidated", False):
        return True
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().lower()
    return any(message in text for message in _LOST_MESSAGES)
