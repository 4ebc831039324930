"""Backups with SQLite's online backup API (consistent while the program runs), rotation, restore.

Automatic backups — once a day at start, before every import, undo of an import and schema
upgrade — go to the backup folder (the user data folder's ``backups/`` unless the manager chose
another, such as a USB stick) and are rotated: the newest of each of the last 7 days and of each of
the 4 weeks before are kept. A restore first backs up the current database, then moves it aside
(never overwrites it) and puts the backup in its place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from guestcard.paths import user_data_dir
from guestcard.storage import Database, DatabaseError

PREFIX = "guestcard-"
SUFFIX = ".sqlite3"
_NAME = re.compile(rf"{PREFIX}(\d{{8}}-\d{{6}})(?:-\d+)?-([a-z-]+){re.escape(SUFFIX)}$")


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; one line naming the file and the reason."""


def default_backup_dir() -> Path:
    return user_data_dir() / "backups"


def _sqlite_path(db_or_path: Database | Path) -> Path:
    if isinstance(db_or_path, Path):
        return db_or_path
    if not db_or_path.is_sqlite:
        raise BackupError(
            f"{db_or_path.display_name}: backups here are for SQLite files; back up a server "
            "database with its own tools (pg_dump)"
        )
    return Path(db_or_path.display_name)


def _copy(source: Path, target: Path) -> None:
    """The online backup API into a temporary file, then an atomic rename into place."""
    temporary = target.with_name(f".{target.name}.partial")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(temporary)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise BackupError(f"{source}: cannot be backed up to {target.parent} ({exc})") from None


def backup_database(
    db: Database | Path, dest: Path | None = None, *, reason: str = "manual", now: dt.datetime | None = None
) -> Path:
    """Write a consistent copy of the database; ``dest`` is a folder (default: the backup folder)
    or a file name. Returns the backup's path."""
    source = _sqlite_path(db)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    if dest is not None and dest.suffix and not dest.is_dir():
        target = dest
    else:
        folder = dest or default_backup_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"{folder}: cannot make the backup folder ({exc.strerror or exc})") from None
        target = folder / f"{PREFIX}{stamp}-{reason}{SUFFIX}"
        counter = 1
        while target.exists():  # two backups in one second (an import right after start)
            target = folder / f"{PREFIX}{stamp}-{counter}-{reason}{SUFFIX}"
            counter += 1
    _copy(source, target)
    return target


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    customers: int
    schema: str | None


def backup_info(path: Path) -> BackupInfo:
    """What a backup holds (when it was taken, how many customers), read without changing it."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            customers = connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
            schema = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: not a guestcard backup ({exc})") from None
    match = _NAME.search(path.name)
    if match:
        taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        reason = match.group(2)
    else:
        taken, reason = dt.datetime.fromtimestamp(path.stat().st_mtime), "manual"
    return BackupInfo(path, taken, reason, customers, schema)


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """The backups in the folder, newest first (unreadable files are left out)."""
    folder = folder or default_backup_dir()
    found = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else ():
        with contextlib.suppress(BackupError):
            found.append(backup_info(path))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def rotate_backups(folder: Path | None = None, *, daily: int = 7, weekly: int = 4) -> list[Path]:
    """Keep the newest backup of each of the last ``daily`` days that have one and of each of the
    ``weekly`` ISO weeks before them; delete the others. Returns the deleted files."""
    folder = folder or default_backup_dir()
    dated = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else ():
        match = _NAME.search(path.name)
        if match:
            dated.append((dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), path))
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
    deleted = []
    for _, path in dated:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
    return deleted


def daily_backup(db: Database, folder: Path | None = None, *, today: dt.date | None = None) -> Path | None:
    """The once-a-day backup at start: made only if none was made today; then rotation."""
    if not db.is_sqlite or not Path(db.display_name).exists():
        return None
    folder = folder or default_backup_dir()
    today = today or dt.date.today()
    if any(b.taken_at.date() == today for b in list_backups(folder)):
        return None
    path = backup_database(db, folder, reason="daily")
    rotate_backups(folder)
    return path


def restore_database(database_file: Path, backup: Path, folder: Path | None = None) -> tuple[Path | None, Path]:
    """Put ``backup`` in place of ``database_file``. The current file is first backed up (when it
    is readable) and then moved aside, never overwritten. Returns (safety backup, moved-aside file)."""
    info = backup_info(backup)  # refuse a file that is not a backup before touching anything
    del info
    safety = None
    if database_file.exists():
        with contextlib.suppress(BackupError):
            safety = backup_database(database_file, folder, reason="before-restore")
    aside = database_file.with_name(f"{database_file.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}")
    temporary = database_file.with_name(f".{database_file.name}.restoring")
    _copy(backup, temporary)
    if database_file.exists():
        os.replace(database_file, aside)
        for suffix in ("-wal", "-shm"):
            side = database_file.with_name(database_file.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
    os.replace(temporary, database_file)
    try:
        Database.open(database_file).close()  # upgrades an older backup's schema
    except DatabaseError as exc:
        raise BackupError(f"{backup}: restored, but it does not open ({exc})") from None
    return safety, aside


def move_aside(database_file: Path) -> Path:
    """Move a damaged database (and its WAL files) aside, keeping it for inspection."""
    aside = database_file.with_name(f"{database_file.name}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}")
    os.replace(database_file, aside)
    for suffix in ("-wal", "-shm"):
        side = database_file.with_name(database_file.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside
