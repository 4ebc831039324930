"""Backups with SQLite's online backup API (consistent while the program runs), rotation, restore.

Automatic backups — once a day at start, before every import, undo of an import and schema
upgrade — go to the backup folder (the user data folder's ``backups/`` unless the manager chose
another, such as a USB stick) and are rotated: the newest of each of the last 7 days and of each of
the 4 weeks before are kept. A restore first backs up the current database, then moves it aside
(never overwrites it) and puts the backup in its place.

Encryption: a backup is encrypted exactly when a password is given (a ``Database`` opened with a
password gives its own), with that password — the sqlite3 backup API cannot cross encryption, so
then both sides are SQLCipher connections keyed alike (or ``sqlcipher_export`` for a plain source).
Backups made before a password was set read without one; ``backup_info`` tells them apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from guestcard.domain.codes import Code
from guestcard.domain.messages import raised, retold
from guestcard.paths import user_data_dir
from guestcard.services.backup_places import record_written
from guestcard.storage import Database, DatabaseError
from guestcard.storage.database import (
    close_forgotten_connections,
    is_plain_sqlite,
    key_literal,
    looks_encrypted,
    sqlcipher,
)
from guestcard.storage.files import clean_partials, free_name, replace_database, write_atomically
from guestcard.storage.lock import FileBusy, UseLock
from guestcard.storage.readonly import folder_message, folder_not_writable, reading_uri

PREFIX = "guestcard-"
SUFFIX = ".sqlite3"
# guestcard-<taken>[-n]-<reason>.<source>.sqlite3; backups made before the source was named lack it.
_NAME = re.compile(rf"{PREFIX}(\d{{8}}-\d{{6}})(?:-\d+)?-([a-z-]+)(?:\.([0-9a-f]{{8}}))?{re.escape(SUFFIX)}$")


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; one line naming the file and the reason. ``code``
    and ``args_`` let a shell word the common cases in its language."""

    def __init__(self, message: str, *, code: str | None = None, file: object = "",
                 args: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.file = str(file)
        self.args_ = args


def default_backup_dir() -> Path:
    return user_data_dir() / "backups"


def source_tag(database_file: Path) -> str:
    """Which guest file a backup is of, as its file name says: 8 hex digits of a hash of the
    file's absolute path. Several files (the real one, a demo, last year's) share the backup
    folder; rotation, the daily backup and "the latest backup" go by file."""
    absolute = os.path.normcase(str(database_file.resolve()))
    return hashlib.sha1(absolute.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def named_for(path: Path, database_file: Path) -> bool:
    """Whether a backup's file name says it is of ``database_file`` or, made before backups said
    so, says nothing of it."""
    match = _NAME.search(path.name)
    return match is None or match.group(3) in (None, source_tag(database_file))


def _sqlite_path(db_or_path: Database | Path) -> Path:
    if isinstance(db_or_path, Path):
        return db_or_path
    if not db_or_path.is_sqlite:
        raise raised(BackupError, Code.BACKUP_FOR_SQLITE_ONLY, db_or_path.display_name)
    return Path(db_or_path.display_name)


def _errors() -> tuple[type[BaseException], ...]:
    """The driver errors a copy can raise: sqlite3's, and SQLCipher's when it is loaded."""
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3.Error, OSError) + ((cipher.Error,) if cipher is not None else ())


def _copy(source: Path, target: Path, password: str | None = None, *, step: str = "backup") -> None:
    """The online backup API into a temporary file, then an atomic rename into place
    (``storage.files.write_atomically``). With a password the copy is encrypted with it (the
    source is read with it unless it is plain)."""

    def write(temporary: Path) -> None:
        if password is None:
            if looks_encrypted(source):
                raise BackupError(f"{source}: encrypted — give the password", code="backup_needs_password", file=source)
            src = sqlite3.connect(reading_uri(source), uri=True)
            try:
                dst = sqlite3.connect(temporary)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
                finally:
                    dst.close()
            finally:
                src.close()
        else:
            _encrypted_copy(source, temporary, password)

    try:
        write_atomically(target, write, step=step)
    except BackupError:
        raise
    except _errors() as exc:
        if password is not None and "not a database" in str(exc) and not is_plain_sqlite(source):
            raise BackupError(f"{source}: wrong password", code="backup_wrong_password", file=source) from None
        raise BackupError(f"{source}: cannot be backed up to {target.parent} ({exc})", code="cannot_back_up",
                          file=source, args=(str(target.parent), str(exc))) from None


def _encrypted_copy(source: Path, temporary: Path, password: str) -> None:
    """An encrypted copy of ``source`` (encrypted with ``password`` or plain) at ``temporary``."""
    cipher = sqlcipher()
    with contextlib.suppress(OSError):
        temporary.unlink()
    src = cipher.connect(reading_uri(source), uri=True, isolation_level=None)
    try:
        if is_plain_sqlite(source):
            # Across encryption only sqlcipher_export copies; in one read transaction it is a
            # consistent snapshot, like the backup API.
            src.execute(f"ATTACH DATABASE {_literal(temporary)} AS target KEY {key_literal(password)}")
            src.execute("BEGIN")
            src.execute("SELECT sqlcipher_export('target')")
            src.execute("COMMIT")
            src.execute("DETACH DATABASE target")
            return
        src.execute(f"PRAGMA key = {key_literal(password)}")
        src.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # the password opens it
        dst = cipher.connect(str(temporary))
        try:
            dst.execute(f"PRAGMA key = {key_literal(password)}")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def backup_database(
    db: Database | Path,
    dest: Path | None = None,
    *,
    reason: str = "manual",
    now: dt.datetime | None = None,
    password: str | None = None,
) -> Path:
    """Write a consistent copy of the database; ``dest`` is a folder (default: the backup folder)
    or a file name. Returns the backup's path. The copy of an encrypted database is encrypted with
    its password (``db.password``, or ``password`` for a file)."""
    source = _sqlite_path(db)
    if isinstance(db, Database) and db.password is not None:
        password = db.password
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    if dest is not None and dest.suffix and not dest.is_dir():
        target = dest
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"{target.parent}: cannot make the backup folder ({exc.strerror or exc})",
                              code="backup_folder", file=target.parent, args=(str(exc.strerror or exc),)) from None
    else:
        folder = dest or default_backup_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"{folder}: cannot make the backup folder ({exc.strerror or exc})", code="backup_folder",
                          file=folder, args=(str(exc.strerror or exc),)) from None
        tag = source_tag(source)
        target = folder / f"{PREFIX}{stamp}-{reason}.{tag}{SUFFIX}"
        counter = 1
        while target.exists():  # two backups in one second (an import right after start)
            target = folder / f"{PREFIX}{stamp}-{counter}-{reason}.{tag}{SUFFIX}"
            counter += 1
    clean_partials(target.parent)  # what a backup killed mid-copy left there
    # A file (not a Database open here) is used shared like any guestcard does: a re-key or a
    # restore running now is waited for, so no copy in clear is taken of a file being encrypted.
    use = None if isinstance(db, Database) else _use_for_reading(source)
    try:
        _copy(source, target, password)
    finally:
        if use is not None:
            use.release()
    record_written(source, target)
    return target


def _use_for_reading(source: Path) -> UseLock | None:
    try:
        return UseLock(source).acquire_shared(create=False)
    except FileBusy as exc:
        raise retold(BackupError, exc) from None
    except OSError:
        return None  # a read-only folder: nobody replaces the file there


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    customers: int | None  # None: encrypted with a password not given (``list_backups`` only)
    schema: str | None
    encrypted: bool = False
    source: str | None = None  # the source_tag of the file it is of; None: not said (older backups)


def _taken(path: Path) -> tuple[dt.datetime, str, str | None]:
    match = _NAME.search(path.name)
    if match:
        return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group(2), match.group(3)
    return dt.datetime.fromtimestamp(path.stat().st_mtime), "manual", None


def backup_info(path: Path, password: str | None = None) -> BackupInfo:
    """What a backup holds (when it was taken, how many customers), read without changing it.
    An encrypted backup needs its password; a plain one is read whatever the password."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file", code="no_such_backup", file=path)
    encrypted = not is_plain_sqlite(path)
    if encrypted and password is None and looks_encrypted(path):
        raise BackupError(f"{path}: encrypted — give the password", code="backup_needs_password", file=path)
    try:
        if encrypted and password is not None:
            connection = sqlcipher().connect(reading_uri(path), uri=True)
            connection.execute(f"PRAGMA key = {key_literal(password)}")
        else:
            connection = sqlite3.connect(reading_uri(path), uri=True)
        try:
            customers = connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
            schema = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            connection.close()
    except _errors() as exc:
        if encrypted and password is not None and "not a database" in str(exc) and looks_encrypted(path):
            raise BackupError(f"{path}: wrong password (the backup was made with another one?)",
                              code="backup_other_password", file=path) from None
        raise raised(BackupError, Code.NOT_A_BACKUP, path, exc) from None
    taken, reason, source = _taken(path)
    return BackupInfo(path, taken, reason, customers, schema, encrypted, source)


def locked_backup_info(path: Path) -> BackupInfo | None:
    """What can be told of a backup encrypted with a password not given: when and why it was
    taken (``customers=None``); ``None`` when the file does not look like an encrypted backup."""
    try:
        if not looks_encrypted(path):
            return None
        taken, reason, source = _taken(path)
    except OSError:
        return None
    return BackupInfo(path, taken, reason, None, None, True, source)


def list_backups(
    folder: Path | None = None, password: str | None = None, *, database: Path | None = None
) -> list[BackupInfo]:
    """The backups in the folder, newest first (unreadable files are left out; encrypted ones the
    password does not open are listed with ``customers=None``); with ``database``, only those of
    that file (and older ones that do not say which file they are of)."""
    folder = folder or default_backup_dir()
    found = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else ():
        if database is not None and not named_for(path, database):
            continue
        try:
            found.append(backup_info(path, password))
        except BackupError:
            locked = locked_backup_info(path) if _NAME.search(path.name) else None
            if locked is not None:
                found.append(locked)
    return sorted(found, key=_newest_first_key, reverse=True)


def _newest_first_key(info: BackupInfo) -> tuple[dt.datetime, int, str]:
    """Names tell the second a backup was taken; two taken in one second (the daily one at start,
    then the one before an import) by when each file was written."""
    try:
        written = info.path.stat().st_mtime_ns
    except OSError:
        written = 0
    return info.taken_at, written, info.path.name


def rotate_backups(folder: Path | None = None, *, daily: int = 7, weekly: int = 4) -> list[Path]:
    """For each guest file with backups in the folder, keep the newest backup of each of the last
    ``daily`` days that have one and of each of the ``weekly`` ISO weeks before them; delete the
    others. Returns the deleted files."""
    folder = folder or default_backup_dir()
    by_source: dict[str | None, list[tuple[dt.datetime, Path]]] = {}
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else ():
        match = _NAME.search(path.name)
        if match:
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            by_source.setdefault(match.group(3), []).append((taken, path))
    deleted = []
    for dated in by_source.values():
        for path in _not_kept(dated, daily, weekly):
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
    # The temporary files of backups whose program was killed (a power cut) before the rename.
    deleted += clean_partials(folder)
    return deleted


def _not_kept(dated: list[tuple[dt.datetime, Path]], daily: int, weekly: int) -> list[Path]:
    """The backups of one file that rotation lets go."""
    dated.sort(reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for taken, path in dated:
        day = taken.date()
        if day in days:
            continue
        if len(days) < daily:
            days.append(day)
            keep.add(path)
            continue
        week = tuple(day.isocalendar()[:2])
        if week not in weeks and len(weeks) < weekly and all(tuple(d.isocalendar()[:2]) != week for d in days):
            weeks.append(week)  # type: ignore[arg-type]
            keep.add(path)
    return [path for _, path in dated if path not in keep]


def daily_backup(db: Database, folder: Path | None = None, *, today: dt.date | None = None) -> Path | None:
    """The once-a-day backup at start: made only if none was made today; then rotation."""
    if not db.is_sqlite or not Path(db.display_name).exists():
        return None
    folder = folder or default_backup_dir()
    today = today or dt.date.today()
    tag = source_tag(Path(db.display_name))
    of_this = list_backups(folder, db.password, database=Path(db.display_name))
    if any(b.taken_at.date() == today and b.source == tag for b in of_this):
        return None
    path = backup_database(db, folder, reason="daily")
    rotate_backups(folder)
    return path


def restore_database(
    database_file: Path, backup: Path, folder: Path | None = None, *, password: str | None = None,
    damaged: bool = False,
) -> tuple[Path | None, Path]:
    """Put ``backup`` in place of ``database_file``. The current file is first backed up (when it
    is readable) and then moved aside with its sidecar files, never overwritten; ``damaged``: it
    is only moved aside (as ``.damaged-…``), not backed up. Returns (safety backup, where the
    replaced file is kept). A recorded replacement (``storage.files``): a crash at any step is
    completed or rolled back at the next open; a restored file that does not open is taken back.

    ``password``: the database's password. The backup is read with it (unless it is a plain one),
    and the restored database is encrypted with it — restoring an old unencrypted backup keeps
    the database encrypted."""
    backup_info(backup, password)  # refuse a file that is not a backup before touching anything
    folder_problem = folder_not_writable(database_file.parent) if database_file.parent.is_dir() else None
    if folder_problem is not None:
        raise BackupError(f"{folder_message(database_file, folder_problem)}; nothing was changed",
                          code="folder_read_only", file=database_file, args=(folder_problem,))
    close_forgotten_connections()
    # No guestcard uses the file while it is replaced; one started meanwhile waits for the new file.
    try:
        lock = UseLock(database_file).acquire_exclusive()
    except FileBusy as exc:
        raise retold(BackupError, exc) from None
    with contextlib.closing(lock):
        safety = None
        if database_file.exists() and not damaged:
            with contextlib.suppress(BackupError):
                safety = backup_database(database_file, folder, reason="before-restore", password=password)
        kind = "damaged" if damaged else "replaced"
        aside = free_name(database_file.with_name(f"{database_file.name}.{kind}-{dt.datetime.now():%Y%m%d-%H%M%S}"))
        temporary = database_file.with_name(f".{database_file.name}.restoring")
        _copy(backup, temporary, password, step="restore copy")

        def opens(path: Path) -> None:
            try:
                Database.open(path, password=password).close()  # upgrades an older backup's schema
            except DatabaseError as exc:
                raise raised(BackupError, Code.NOT_RESTORED, backup, exc) from None

        try:
            replace_database(database_file, temporary, aside=aside, kind="restore", keep_aside=True, check=opens)
        except OSError as exc:
            raise BackupError(f"{database_file}: cannot be replaced ({exc.strerror or exc})", code="cannot_replace",
                              file=database_file, args=(str(exc.strerror or exc),)) from None
    return safety, aside
