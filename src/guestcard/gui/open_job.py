"""Opening a guest file for the window, off the GUI thread (a job for the runner): lock it, open
and upgrade it (a backup first), take the day's backup, load the forms, and tell whether it is
empty (the welcome page). Importing SQLAlchemy and the search code here is most of a cold start."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guestcard.gui.worker import Step

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.storage import Database


@dataclass
class Opened:
    db: Database
    library: FormLibrary
    lock: Any  # guestcard.storage.lock.DatabaseLock or None
    empty: bool
    warning: str | None = None


def _sqlite_file(target: str) -> Path | None:
    if "://" in target:
        return None
    return Path(target).expanduser()


def open_job(target: str, backup_dir: Path | None, *, read_only: bool = False, password: str | None = None,
             create: bool = False) -> Any:
    """Open (and lock, upgrade, back up) the database and load the forms, off the GUI thread:
    importing SQLAlchemy and the search code is most of a cold start. A missing file is made only
    with ``create`` or when it is the default one (``NoSuchGuestFile`` otherwise: the window asks)."""

    def job(_cancel: Any) -> Iterator[Any]:
        yield Step(0, None)
        from guestcard.forms import load_library
        from guestcard.paths import is_default_database, shipped_dir, user_forms_dir
        from guestcard.services import browsing, customers  # noqa: F401  (imported here, not on the GUI thread)
        from guestcard.services.backup import backup_database, daily_backup
        from guestcard.storage import Database
        from guestcard.storage.database import NoSuchGuestFile
        from guestcard.storage.lock import DatabaseLock
        from guestcard.storage.readonly import folder_not_writable

        path = _sqlite_file(target)
        lock = None
        if path is not None and not path.exists() and not (create or is_default_database(path)):
            raise NoSuchGuestFile(f"{path}: no such guest file", path)
        if path is not None and not read_only and path.exists() and folder_not_writable(path.parent) is None:
            lock = DatabaseLock(path.resolve()).acquire()  # a folder nobody can write: read-only, no lock

        def before_upgrade(db: Database, _revision: str | None) -> None:
            if db.is_sqlite:
                backup_database(db, backup_dir, reason="before-upgrade")

        try:
            db = Database.open(target, before_upgrade=before_upgrade, read_only=read_only, password=password,
                               check=True, create=True)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is None and path is not None and not read_only and not db.read_only:
            try:
                lock = DatabaseLock(path.resolve()).acquire()  # a new file: locked once made
            except BaseException:
                db.close()
                raise
        warning = None
        if not db.read_only:
            try:
                daily_backup(db, backup_dir)
            except Exception as exc:  # a full USB stick must not stop the day's work
                warning = str(exc)
        library = load_library(shipped_dir("forms"), [user_forms_dir()])
        empty = not customers.list_customers(db, limit=1)
        yield Opened(db, library, lock, empty, warning)

    return job
