"""Setting, changing and removing the database password: the file is re-encrypted, safely.

Each operation writes the re-encrypted database to a temporary file beside it with SQLCipher's
``sqlcipher_export`` (in one read transaction: a consistent copy), checks that the copy opens with
the new password and holds as many customers, then puts it in place through the recorded
replacement of ``storage.files``: a crash at any step is completed or rolled back when the file is
next opened, and the old file (the data under the old password, or in clear) is deleted once the
new one is in place and opens. If the new file does not open, the old one is put back.

The backups of the file are then given the new password too (each through a temporary file and a
rename), so that an old copy never stays readable with a password that was changed — or without
any, after one was set: those in the backup folder and those written anywhere else (a USB stick:
``services.backup`` records where each backup of a file was written). Which are still to do is
kept beside the database until each is done, so a crash in between is finished at the next open
with the password. Backups another password protects, and those not found (a USB stick not
plugged in), are reported by name.

No other guestcard may use the database meanwhile: the window lock (pass ``lock=False`` when the
caller holds it — and has closed its own ``Database``) and the use lock exclusively (running
commands are waited for a bounded time, then the change is refused; commands started meanwhile
wait for the new file).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from guestcard.domain.codes import Code
from guestcard.domain.messages import FileCoded, raised, retold
from guestcard.services.backup import PREFIX, SUFFIX, default_backup_dir, named_for
from guestcard.services.backup_places import written_backups
from guestcard.storage.database import Database, DatabaseError, check_password, is_plain_sqlite, looks_encrypted
from guestcard.storage.files import free_name, replace_database
from guestcard.storage.lock import DatabaseLock, FileBusy, UseLock
from guestcard.storage.readonly import folder_not_writable
from guestcard.storage.rekey import RekeyError, check_copy, done_with, record_pending, rekey_backup, rekeyed_copy

__all__ = ["PasswordError", "PasswordReport", "change_password", "remove_password", "set_password"]


class PasswordError(FileCoded, RuntimeError):
    """A password operation that cannot be done; one line naming the file and the reason."""


@dataclass
class PasswordReport:
    database: Path
    backups_updated: list[Path] = field(default_factory=list)
    backups_left: list[Path] = field(default_factory=list)  # protected by another password, or unreadable
    backups_missing: list[Path] = field(default_factory=list)  # written elsewhere, not found now


def set_password(database_file: Path, new: str, *, backups: Path | None = None, lock: bool = True) -> PasswordReport:
    """Encrypt an unencrypted database with ``new``."""
    return _rekey(database_file, None, new, backups=backups, lock=lock)


def change_password(
    database_file: Path, current: str, new: str, *, backups: Path | None = None, lock: bool = True
) -> PasswordReport:
    return _rekey(database_file, current, new, backups=backups, lock=lock)


def remove_password(
    database_file: Path, current: str, *, backups: Path | None = None, lock: bool = True
) -> PasswordReport:
    """Decrypt the database (and the backups the password opens): they become plain SQLite."""
    return _rekey(database_file, current, None, backups=backups, lock=lock)


def _rekey(
    database_file: Path, old: str | None, new: str | None, *, backups: Path | None, lock: bool
) -> PasswordReport:
    database_file = Path(database_file).expanduser().resolve()
    for password in (old, new):
        if password is not None:
            try:
                check_password(password)
            except ValueError as exc:
                raise raised(PasswordError, Code.FILE_SAYS, database_file, exc) from None
    if not database_file.is_file():
        raise PasswordError.of(Code.NO_SUCH_DATABASE, database_file)
    plain = is_plain_sqlite(database_file)
    if old is None and not plain:
        what = Code.ALREADY_HAS_PASSWORD if looks_encrypted(database_file) else Code.IS_NOT_A_DATABASE
        raise PasswordError.of(what, database_file)
    if old is not None and plain:
        raise PasswordError.of(Code.HAS_NO_PASSWORD, database_file)
    if old == new:
        raise PasswordError.of(Code.SAME_PASSWORD, database_file)
    folder = folder_not_writable(database_file.parent)
    if folder is not None:
        raise PasswordError.of(Code.FOLDER_READ_ONLY, database_file, folder)
    report = PasswordReport(database_file)
    held = DatabaseLock(database_file).acquire() if lock else None
    try:
        # Every guestcard using the file holds it shared: wait for running commands (a bounded
        # time, then refuse); one started meanwhile waits for the re-keyed file.
        try:
            use = UseLock(database_file).acquire_exclusive()
        except FileBusy as exc:
            raise retold(PasswordError, exc) from None  # coded: "… is in use by another guestcard"
        try:
            # The database opens with the current password (else WrongPassword: nothing changed)
            # and is brought up to date, so the copy has the newest schema.
            Database.open(database_file, password=old).close()
            todo = _backups_to_rekey(backups, database_file, old, new, report)
            _replace_file(database_file, old, new, [path for path, _ in todo])
            try:
                Database.open(database_file, password=new).close()
            except DatabaseError as exc:  # cannot happen after the checks above; say so if it does
                raise raised(PasswordError, Code.REKEYED_DOES_NOT_OPEN, database_file, exc) from None
        finally:
            use.release()
    finally:
        if held is not None:
            held.release()
    for path, source_password in todo:
        try:
            rekey_backup(path, source_password, new)
        except (RekeyError, OSError):
            report.backups_left.append(path)  # another password, or not a backup
        else:
            report.backups_updated.append(path)
        done_with(database_file, path)
    return report


def _replace_file(database_file: Path, old: str | None, new: str | None, backups: list[Path]) -> None:
    """Re-encrypt the guest file itself: a checked copy, then the recorded replacement."""
    temporary = database_file.with_name(f".{database_file.name}.rekeying")
    aside = free_name(database_file.with_name(f"{database_file.name}.rekeyed-{dt.datetime.now():%Y%m%d-%H%M%S}"))
    try:
        count = rekeyed_copy(database_file, temporary, old, new, database=True)
    except RekeyError as exc:
        # By its code, not its English: a failed copy says already that nothing was changed.
        said_it = getattr(exc, "code", None) == Code.REKEY_FAILED
        raise (retold(PasswordError, exc) if said_it else raised(PasswordError, Code.NOTHING_CHANGED, exc)) from None
    # The backups still to do are written down before the file changes: a crash after it is
    # finished at the next open (storage.rekey.resume_backups).
    record_pending(database_file, backups)
    try:
        replace_database(database_file, temporary, aside=aside, kind="re-key", keep_aside=False,
                         check=lambda path: check_copy(path, new, count))
    except RekeyError as exc:
        record_pending(database_file, [])
        raise raised(PasswordError, Code.OLD_FILE_BACK, exc) from None


def _backups_to_rekey(
    folder: Path | None, database_file: Path, old: str | None, new: str | None, report: PasswordReport
) -> list[tuple[Path, str | None]]:
    """The backups of ``database_file`` to give the new password (or none), each with the
    password it has now: those in the backup folder, and those written elsewhere that are still
    there (the others go to ``report.backups_missing``). Backups of other guest files keep theirs."""

    folder = folder or default_backup_dir()
    candidates = sorted(folder.glob(f"{PREFIX}*{SUFFIX}")) if folder.is_dir() else []
    candidates = [path for path in candidates if named_for(path, database_file)]
    known = {path.resolve() for path in candidates}
    for path in written_backups(database_file):
        if path.resolve() in known:
            continue
        known.add(path.resolve())
        if path.is_file():
            candidates.append(path)
        else:
            report.backups_missing.append(path)
    todo: list[tuple[Path, str | None]] = []
    for path in candidates:
        plain = is_plain_sqlite(path)
        if new is None and plain:
            continue  # already what it should be
        if plain:
            todo.append((path, None))
        elif old is not None and looks_encrypted(path):
            todo.append((path, old))
        else:
            report.backups_left.append(path)
    return todo
