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

import contextlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guestcard.storage import steps
from guestcard.storage.lock import DatabaseLocked, UseLock

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


# -- moving, writing and replacing whole files --------------------------------------------------
#
# Every whole-file change of guestcard goes through here: a backup is written with
# ``write_atomically``; a database is moved with all its sidecar files (``move_database``); and a
# database is replaced — restored from a backup, re-keyed, moved aside — by ``replace_database``,
# a recorded step: a small journal beside the file names the new file and where the current one
# goes, so that after a crash at any point ``recover`` (run when the file is next opened) completes
# or rolls back the replacement. Without it a crash between two renames left no database, and the
# next start created an empty one over the customers (issue 14).

SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def sidecars(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database: they belong to it and move with it, always (a
    ``-wal`` left beside another file is replayed into that file)."""
    return [path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES]


def sync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def sync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def move_database(source: Path, target: Path, *, step: str | None = None) -> None:
    """Move a database file and every sidecar file it has to ``target`` (and its sidecars)."""
    if source.exists():
        os.replace(source, target)
        if step is not None:
            steps.reached(f"{step} moved the file")
    for side, moved in zip(sidecars(source), sidecars(target), strict=True):
        if side.exists():
            os.replace(side, moved)
    sync_folder(target.parent)


def remove_database(path: Path) -> None:
    for each in (path, *sidecars(path)):
        with contextlib.suppress(FileNotFoundError):
            each.unlink()


def free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``… the first that neither exists nor has sidecars: two
    replacements in one second must not put their old files in one place."""
    candidate, n = path, 1
    while any(p.exists() for p in (candidate, *sidecars(candidate))):
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def partial_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


def write_atomically(target: Path, write: Callable[[Path], None], *, step: str = "backup") -> None:
    """``write(temporary)`` writes the whole file; it is synced and renamed to ``target`` only
    then, so ``target`` is the old file or the new one, never half of it. While it is written
    the temporary file's writer holds a lock beside it (``…partial.inuse``): ``clean_partials``
    removes only what a killed writer left."""
    temporary = partial_path(target)
    writer = UseLock(temporary).acquire_exclusive(wait=0, on_wait=None)
    try:
        remove_database(temporary)
        try:
            write(temporary)
            steps.reached(f"{step} written")
            sync_file(temporary)
            os.replace(temporary, target)
            sync_folder(target.parent)
        except BaseException:
            remove_database(temporary)
            raise
        steps.reached(f"{step} in place")
    finally:
        writer.forget()


def clean_partials(folder: Path) -> list[Path]:
    """Remove the temporary files of writes whose program was killed (no writer holds them)."""
    found = sorted(folder.glob(".*.partial")) if folder.is_dir() else []
    for lock_suffix in (".inuse", ".inuse-gate"):  # the writer's locks, left by a killed one
        found += [p.with_name(p.name.removesuffix(lock_suffix))
                  for p in (folder.glob(f".*.partial{lock_suffix}") if folder.is_dir() else ())]
    removed = []
    for temporary in sorted(set(found)):
        try:
            writer = UseLock(temporary).acquire_exclusive(wait=0, on_wait=None)
        except (DatabaseLocked, OSError):
            continue  # being written right now
        try:
            if temporary.exists():
                removed.append(temporary)
            remove_database(temporary)
        finally:
            writer.release()
            with contextlib.suppress(OSError):
                writer.path.unlink()
    return removed


def journal_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.replacing")


@dataclass(frozen=True)
class Replacement:
    """A replacement under way, as its journal records it."""

    database: Path
    new: Path  # the whole new file, beside the database, written and synced
    aside: Path  # where the current file (with its sidecars) goes
    kind: str  # "restore", "re-key", "move-aside": for the steps' names and the messages
    keep_aside: bool  # restore and move-aside keep the old file; a re-key deletes it
    undo: bool = False  # the new file failed its check: being put back as it was

    def record(self) -> None:
        journal = journal_path(self.database)
        text = json.dumps({"kind": self.kind, "new": self.new.name, "aside": self.aside.name,
                           "keep_aside": self.keep_aside, "undo": self.undo})
        temporary = journal.with_name(journal.name + ".new")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, journal)
        sync_folder(journal.parent)

    @classmethod
    def recorded(cls, database: Path) -> Replacement | None:
        journal = journal_path(database)
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
            return cls(database, database.with_name(data["new"]), database.with_name(data["aside"]),
                       str(data["kind"]), bool(data["keep_aside"]), bool(data.get("undo")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ReplacementError(f"{database}: the record of an interrupted replacement ({journal.name}) "
                                   f"cannot be read ({exc}); nothing was changed") from None

    def finish(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            journal_path(self.database).unlink()
        sync_folder(self.database.parent)


class ReplacementError(RuntimeError):
    """A replacement that cannot be done or recovered; one line naming the file."""


def replace_database(
    database: Path, new: Path, *, aside: Path, kind: str, keep_aside: bool,
    check: Callable[[Path], None] | None = None,
) -> None:
    """Put the whole file ``new`` in place of ``database`` (which may be missing), recorded so
    that a crash at any step is completed or rolled back by ``recover``. ``check(database)`` runs
    once the new file is in place; if it raises, the old file is put back and the error raised.
    The caller holds the file's use lock exclusively."""
    replacement = Replacement(database, new, aside, kind, keep_aside)
    try:
        sync_file(new)
        replacement.record()
    except BaseException:
        remove_database(new)
        raise
    steps.reached(f"{kind} recorded")
    move_database(database, aside, step=kind)
    steps.reached(f"{kind} moved aside")
    os.replace(new, database)
    sync_folder(database.parent)
    steps.reached(f"{kind} in place")
    if check is not None:
        try:
            check(database)
        except BaseException:
            undo = Replacement(database, new, aside, kind, keep_aside, undo=True)
            undo.record()
            _put_back(undo)
            undo.finish()
            raise
    if not keep_aside:
        remove_database(aside)
        steps.reached(f"{kind} old file removed")
    replacement.finish()


# The new files of replacements, written beside the database before the replacement is recorded.
NEW_FILE_NAMES = (".{name}.restoring", ".{name}.rekeying")


def _unrecorded_new_files(database: Path) -> list[Path]:
    return [p for p in (database.with_name(n.format(name=database.name)) for n in NEW_FILE_NAMES) if p.exists()]


def needs_recovery(database: Path) -> bool:
    """A replacement's journal, or a new file a killed replacement wrote but never recorded."""
    return journal_path(database).exists() or (database.exists() and bool(_unrecorded_new_files(database)))


def recover(database: Path) -> str | None:
    """Complete or roll back a replacement of ``database`` a crash interrupted; one line saying
    which, or ``None`` when there was none. The caller holds the use lock exclusively."""
    replacement = Replacement.recorded(database)
    if replacement is None:
        if database.exists():  # killed before its replacement was recorded: it never began
            for new in _unrecorded_new_files(database):
                remove_database(new)
        return None
    what = {"restore": "restore of a backup", "re-key": "password change",
            "move-aside": "moving aside"}.get(replacement.kind, replacement.kind)
    if replacement.undo:
        _put_back(replacement)
        replacement.finish()
        return f"{database}: the {what} that failed its check was rolled back; the file is as it was before"
    if replacement.new.exists():  # whole and synced before the journal was written: finish it
        move_database(database, replacement.aside)
        os.replace(replacement.new, database)
        done = True
    elif database.exists():  # the new file was already in place
        done = True
    else:  # the new file is gone and the old one aside: put it back
        move_database(replacement.aside, database)
        done = False
    if done and not replacement.keep_aside:
        remove_database(replacement.aside)
    sync_folder(database.parent)
    replacement.finish()
    if done:
        kept = f"; the replaced file is kept as {replacement.aside.name}" if replacement.keep_aside else ""
        return f"{database}: the interrupted {what} was completed{kept}"
    return f"{database}: the interrupted {what} was rolled back; the file is as it was before"


def _put_back(replacement: Replacement) -> None:
    """The old file back in place; the new one (which failed its check) removed."""
    if replacement.aside.exists():
        move_database(replacement.database, replacement.new)
        move_database(replacement.aside, replacement.database)
    remove_database(replacement.new)


# Left beside a missing database file by an interrupted replacement of older guestcards (or a
# -wal without its file): the customers may be in them, so no new empty file is made there.
_LEGACY_LEFTOVERS = (*NEW_FILE_NAMES, "{name}.rekeyed-*")


def leftovers(database: Path) -> list[Path]:
    """What beside a missing ``database`` may hold its customers."""
    found = [journal_path(database)] if journal_path(database).exists() else []
    for pattern in _LEGACY_LEFTOVERS:
        found += sorted(p for p in database.parent.glob(pattern.format(name=database.name)) if p.is_file())
    found += [side for side in sidecars(database)[:1] if side.exists() and side.stat().st_size > 0]
    return found
