"""One guestcard per database file: a lock file beside it, held with an OS lock.

The OS releases the lock when the holder dies, so a crash never leaves a stale lock behind; the
file only says who holds it (process id, machine, since when) for the message the second one shows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
from pathlib import Path
from typing import IO


class DatabaseLocked(RuntimeError):
    """Another guestcard has the database open; the message says which."""


class DatabaseLock:
    def __init__(self, database_file: Path) -> None:
        self.path = database_file.with_name(database_file.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> DatabaseLock:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another program"
            handle.close()
            raise DatabaseLocked(f"{self.path.with_suffix('')}: already open in guestcard ({holder})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} on {socket.gethostname()} since {dt.datetime.now():%Y-%m-%d %H:%M}")
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self._handle.seek(0)
            self._handle.truncate()
            _unlock(self._handle)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


if os.name == "nt":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
