"""Whole-file work on a database file and what lies beside it.

The rule this module keeps: **a process never opens and closes, with the ordinary file API, a
database file that its own SQLite connections have open.** SQLite's locks are POSIX advisory
locks, which belong to the process and are all dropped when *any* descriptor of the file is
closed — so reading the file's header with ``open()`` while a connection is open silently frees
that connection's locks. Another guestcard (the command line beside the window) then believes it
is the last user, checkpoints and deletes the ``-wal`` and ``-shm`` files under the window, and
the file is corrupted (issue 23: two customers with one id, a broken index).

So the database layer registers every file it opens here (with whether it is encrypted), and
``is_plain_sqlite`` / ``looks_encrypted`` answer from that registry for such a file instead of
reading it. Cost: a dictionary look-up; the header read (one 1 KiB read) only for files not open.
"""

from __future__ import annotations

import threading
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"

# The database files this process has open through ``Database``: path → [open count, encrypted].
_open_here: dict[Path, list[int | bool]] = {}
_open_guard = threading.Lock()


def _key(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def register_open(path: Path, *, encrypted: bool) -> None:
    """``path`` is open in this process from now on (until ``unregister_open``)."""
    with _open_guard:
        entry = _open_here.setdefault(_key(path), [0, encrypted])
        entry[0] = int(entry[0]) + 1
        entry[1] = encrypted


def unregister_open(path: Path) -> None:
    with _open_guard:
        key = _key(path)
        entry = _open_here.get(key)
        if entry is None:
            return
        entry[0] = int(entry[0]) - 1
        if entry[0] <= 0:
            del _open_here[key]


def open_here(path: Path) -> bool | None:
    """Whether this process has ``path`` open as a database: ``None`` when it has not, else
    whether it is encrypted."""
    with _open_guard:
        entry = _open_here.get(_key(path))
    return None if entry is None else bool(entry[1])


def is_plain_sqlite(path: Path) -> bool:
    """The file starts with SQLite's header: an unencrypted database (possibly damaged further on)."""
    known = open_here(path)
    return plain_on_disk(path) if known is None else not known


def looks_encrypted(path: Path) -> bool:
    """An SQLCipher file: no SQLite header, whole pages, and a first page that looks random
    (a damaged or foreign file rarely does; text and zeros never do)."""
    known = open_here(path)
    return encrypted_on_disk(path) if known is None else known


def plain_on_disk(path: Path) -> bool:
    """``is_plain_sqlite`` read from the file itself: only where no connection of this process
    has it open (the database layer, after closing a file it could not open)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def encrypted_on_disk(path: Path) -> bool:
    """``looks_encrypted`` read from the file itself (see ``plain_on_disk``)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    if size < 1024 or size % 512 or head.startswith(SQLITE_MAGIC):
        return False
    return len(set(head)) >= 200  # 1 KiB of random bytes holds ~250 distinct values
