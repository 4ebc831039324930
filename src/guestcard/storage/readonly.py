"""A guest file in a folder this user cannot write (a read-only disk or share, a locked folder):
it is read without anything written beside it, and every change is refused in one line.

SQLite in WAL mode needs its ``-shm`` file beside the database even to read; where that cannot
be made the file is opened *immutable* (no locks, no ``-shm``): safe because nobody can change a
file whose folder cannot be written (no ``-wal``, no journal can be made there either). A
``-wal`` left with changes in it (a crash before the folder became read-only) is the exception:
immutable would read the file without them, so it is read through its ``-shm`` or refused.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

# The errors that mean "this user may not write here", as opposed to a missing or damaged file.
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def folder_not_writable(folder: Path) -> str | None:
    """Why no file can be made in ``folder`` (the system's words), or ``None`` when one can."""
    if os.name != "nt":
        if os.access(folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
            return None
        # access() says no without saying why: statvfs tells a read-only disk from a locked folder.
        try:
            read_only_disk = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except OSError:
            read_only_disk = False
        return os.strerror(errno.EROFS if read_only_disk else errno.EACCES)
    try:  # Windows: access() ignores a folder's rights, so try making a file there
        handle, name = tempfile.mkstemp(prefix=".guestcard-", dir=folder)
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(handle)
    os.unlink(name)
    return None


def pending_wal(file: Path) -> Path | None:
    """The ``-wal`` beside ``file`` when it holds changes not yet written into the file."""
    wal = file.with_name(file.name + "-wal")
    try:
        return wal if wal.stat().st_size > 0 else None
    except OSError:
        return None


def reading_uri(file: Path, *, folder_writable: bool | None = None) -> str:
    """The SQLite URI that reads ``file`` without writing to it or beside it (also a backup on a
    write-protected stick); ``folder_writable`` when already known."""
    if folder_writable is None:
        folder_writable = folder_not_writable(file.parent) is None
    immutable = not folder_writable and pending_wal(file) is None
    return f"file:{file}?mode=ro" + ("&immutable=1" if immutable else "")


def read_only_url(file: Path, *, folder_writable: bool) -> str:
    """The SQLAlchemy URL for ``reading_uri``."""
    return f"sqlite:///{reading_uri(file, folder_writable=folder_writable)}&uri=true"


def folder_message(file: Path, reason: str) -> str:
    return f"the folder of {file} is read-only ({reason})"
