"""The locks beside a database file, held with OS locks the OS releases when the holder dies
(a crash never leaves a stale lock behind).

- ``DatabaseLock`` (``X.lock``): one window per file. The file says who holds it (process id,
  machine, since when) for the message the second window shows; that one opens read-only.
- ``UseLock`` (``X.inuse``): every guestcard that has the file open — window, command line,
  read-only — holds it *shared* from open to close; a whole-file operation (re-keying, restoring
  a backup) holds it *exclusively*, so it waits for running commands to end (a bounded time,
  then refuses) and a command started meanwhile waits until the new file is in place, never
  writing into the file being replaced. Ordinary writers take turns through SQLite's own
  locking (its busy timeout), not through this lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from guestcard.domain.codes import Code
from guestcard.domain.messages import Message, said


class DatabaseLocked(RuntimeError):
    """Another guestcard has the database open; the message says which. ``code`` and ``args_``
    (the holder) let a shell word it in its language; ``file`` is the database."""

    def __init__(self, message: str, *, code: str = "already_open", file: object = "",
                 args: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.file = str(file)
        self.args_ = args


class FileBusy(DatabaseLocked):
    """A whole-file operation could not get the file to itself (or a command could not use the
    file while one runs) within the time it waits."""


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
            raise DatabaseLocked(f"{self.path.with_suffix('')}: already open in guestcard ({holder})",
                                 file=self.path.with_suffix(""), args=(holder,)) from None
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


# Exclusive use held by this process, per file: a database opened by the holder itself (the
# re-keying code opens the file it is replacing) must not wait for its own lock.
_exclusive_here: dict[Path, int] = {}
_exclusive_guard = threading.Lock()



def held_exclusively_here(file: Path) -> bool:
    """Whether this process holds ``file`` exclusively (it is replacing the file itself)."""
    with _exclusive_guard:
        return bool(_exclusive_here.get(Path(file).expanduser().resolve()))


SHARED_WAIT = 60.0  # a command waits this long for a re-key or a restore to finish
EXCLUSIVE_WAIT = 15.0  # a re-key or a restore waits this long for running commands to end
_POLL = 0.05


def _say_waiting(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# How a wait is worded: English, unless the shell gives its language's (the command line: cli.main).
waiting_words: Callable[[Message], str] = said


class UseLock:
    """Shared while a guestcard uses the file, exclusive while the file is replaced (see above)."""

    def __init__(self, database_file: Path) -> None:
        self.file = Path(database_file).expanduser().resolve()
        self.path = self.file.with_name(self.file.name + ".inuse")
        self._handle: IO[str] | None = None
        self.exclusive = False
        self.created = False  # this holder made the lock file (see ``forget``)

    def acquire_shared(self, wait: float | None = None, on_wait: Callable[[str], None] | None = _say_waiting,
                       *, create: bool = True) -> UseLock:
        """``create=False``: only if the lock file exists (a reader writes nothing beside a file
        it merely looks at; a file never opened for writing is never replaced under it)."""
        with _exclusive_guard:
            if _exclusive_here.get(self.file):
                return self  # this process is replacing the file and opens it itself
        if not create and not self.path.exists():
            return self
        self._acquire(shared=True, wait=SHARED_WAIT if wait is None else wait, on_wait=on_wait)
        return self

    def acquire_exclusive(self, wait: float | None = None,
                          on_wait: Callable[[str], None] | None = _say_waiting) -> UseLock:
        self._acquire(shared=False, wait=EXCLUSIVE_WAIT if wait is None else wait, on_wait=on_wait)
        self.exclusive = True
        with _exclusive_guard:
            _exclusive_here[self.file] = _exclusive_here.get(self.file, 0) + 1
        return self

    def _acquire(self, *, shared: bool, wait: float, on_wait: Callable[[str], None] | None) -> None:
        deadline = time.monotonic() + wait
        # The gate: a whole-file operation waiting for the file holds it, and a new user waits at
        # it instead of taking the file shared. Without it a loop of commands (each one shared,
        # one right after the other) starves the re-key or restore, which never finds the file free.
        if shared:
            self._pass_gate(deadline, on_wait)
        else:
            self._hold_gate(deadline)
        try:
            self._acquire_use(shared=shared, deadline=deadline, on_wait=on_wait)
        except BaseException:
            self._open_gate()
            raise

    @property
    def gate_path(self) -> Path:
        return self.file.with_name(self.file.name + ".inuse-gate")

    def _hold_gate(self, deadline: float) -> None:
        handle = open(self.gate_path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        while True:
            try:
                _lock(handle)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise FileBusy(f"{self.file}: the guest file is being replaced by another guestcard; try again "
                                   "when it ends", code="file_busy_replaced_by_other", file=self.file) from None
                time.sleep(_POLL)
        self._gate = handle

    def _open_gate(self) -> None:
        gate = getattr(self, "_gate", None)
        if gate is None:
            return
        self._gate = None
        with contextlib.suppress(OSError):
            self.gate_path.unlink()  # POSIX: fine while held; Windows: left until the next one
        with contextlib.suppress(OSError):
            _unlock(gate)
        gate.close()

    def _pass_gate(self, deadline: float, on_wait: Callable[[str], None] | None) -> None:
        said = False
        while self.gate_path.exists():
            try:
                handle = open(self.gate_path, encoding="utf-8")  # noqa: SIM115
            except OSError:
                return  # gone meanwhile
            try:
                _lock(handle)
                _unlock(handle)
                return  # nobody holds it: left by a replacer that died, or on Windows
            except OSError:
                pass
            finally:
                handle.close()
            if time.monotonic() >= deadline:
                raise FileBusy(f"{self.file}: the guest file is being replaced (a password change or a restore); "
                               "try again when it ends", code="file_busy_replacing", file=self.file)
            if not said and on_wait is not None:
                on_wait(waiting_words(Message(Code.WAITING_REPLACEMENT, (str(self.file),))))
                said = True
            time.sleep(_POLL)

    def _acquire_use(self, *, shared: bool, deadline: float, on_wait: Callable[[str], None] | None) -> None:
        self.created = not self.path.exists()
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        said = False
        while True:
            try:
                _lock_use(handle, shared=shared)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    handle.close()
                    if shared:
                        raise FileBusy(f"{self.file}: the guest file is being replaced (a password change or "
                                       "a restore); try again when it ends",
                                       code="file_busy_replacing", file=self.file) from None
                    raise FileBusy(f"{self.file}: the guest file is in use by another guestcard (a window or a "
                                   "command still running); close it or try again when it ends",
                                   code="file_busy_in_use", file=self.file) from None
                if not said and on_wait is not None:
                    waiting = Code.WAITING_REPLACEMENT if shared else Code.WAITING_OTHERS
                    on_wait(waiting_words(Message(waiting, (str(self.file),))))
                    said = True
                time.sleep(_POLL)
        self._handle = handle

    def release(self) -> None:
        self._open_gate()
        if self.exclusive:
            with _exclusive_guard:
                count = _exclusive_here.get(self.file, 0) - 1
                if count > 0:
                    _exclusive_here[self.file] = count
                else:
                    _exclusive_here.pop(self.file, None)
            self.exclusive = False
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock_use(self._handle)
        self._handle.close()
        self._handle = None

    def forget(self) -> None:
        """Release, and remove the lock file if this holder made it and nobody else holds it: a
        file refused (another program's, damaged) is left as it was found, nothing beside it."""
        created = self.created and self._handle is not None
        self.release()
        if not created:
            return
        with contextlib.suppress(OSError), open(self.path, "a+", encoding="utf-8") as handle:
            _lock_use(handle, shared=False)
            self.path.unlink()

    close = release  # contextlib.closing

    def __enter__(self) -> UseLock:
        return self.acquire_exclusive()

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

    # msvcrt has no shared locks: a user locks one byte of 1..USERS, a whole-file operation all of them.
    _USERS = 4096
    _held: dict[int, tuple[int, int]] = {}

    def _lock_use(handle: IO[str], *, shared: bool) -> None:
        if not shared:
            handle.seek(1)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, _USERS)  # type: ignore[attr-defined]
            _held[handle.fileno()] = (1, _USERS)
            return
        for _ in range(64):
            offset = random.randint(1, _USERS)
            handle.seek(offset)
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:
                continue
            _held[handle.fileno()] = (offset, 1)
            return
        raise OSError("no free slot")

    def _unlock_use(handle: IO[str]) -> None:
        offset, length = _held.pop(handle.fileno(), (1, 1))
        handle.seek(offset)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, length)  # type: ignore[attr-defined]

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    # flock belongs to the open file description, not the process (unlike SQLite's POSIX locks):
    # two holders in one process are two holders, and closing one never frees the other.
    def _lock_use(handle: IO[str], *, shared: bool) -> None:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)

    def _unlock_use(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
