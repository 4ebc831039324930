"""Setting, changing and removing the database password: the file is re-encrypted, safely.

Each operation writes the re-encrypted database to a temporary file beside it with SQLCipher's
``sqlcipher_export`` (in one read transaction: a consistent copy), checks that the copy opens with
the new password and holds as many customers, then moves the current file aside, renames the copy
into place and opens it; only then is the old file deleted (it held the data under the old
password, or none). If the new file does not open, the old one is put back.

The backups in the backup folder are then given the new password too (each through a temporary
file and a rename), so that an old copy never stays readable with a password that was changed —
or without any, after one was set. Backups another password protects are left alone and reported.

No other program may have the database open: the lock file is taken (pass ``lock=False`` when the
caller holds it — and has closed its own ``Database``), and a database another connection still
uses is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from guestcard.storage.database import (
    Database,
    DatabaseError,
    check_password,
    close_forgotten_connections,
    is_plain_sqlite,
    key_literal,
    looks_encrypted,
    sqlcipher,
)
from guestcard.storage.lock import DatabaseLock, FileBusy, UseLock

__all__ = ["PasswordError", "PasswordReport", "change_password", "remove_password", "set_password"]


class PasswordError(RuntimeError):
    """A password operation that cannot be done; one line naming the file and the reason."""


@dataclass
class PasswordReport:
    database: Path
    backups_updated: list[Path] = field(default_factory=list)
    backups_left: list[Path] = field(default_factory=list)  # protected by another password


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


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _cipher_errors() -> tuple[type[BaseException], ...]:
    return (sqlcipher().Error, OSError)


def _rekey(
    database_file: Path, old: str | None, new: str | None, *, backups: Path | None, lock: bool
) -> PasswordReport:
    database_file = Path(database_file).expanduser().resolve()
    for password in (old, new):
        if password is not None:
            try:
                check_password(password)
            except ValueError as exc:
                raise PasswordError(f"{database_file}: {exc}") from None
    if not database_file.is_file():
        raise PasswordError(f"{database_file}: no such database")
    plain = is_plain_sqlite(database_file)
    if old is None and not plain:
        what = "already has a password (change or remove it)" if looks_encrypted(database_file) else "is not a database"
        raise PasswordError(f"{database_file}: {what}")
    if old is not None and plain:
        raise PasswordError(f"{database_file}: has no password")
    if old == new:
        raise PasswordError(f"{database_file}: the new password is the same as the current one")
    held = DatabaseLock(database_file).acquire() if lock else None
    # Every guestcard using the file holds it shared: wait for running commands (a bounded time,
    # then refuse); one started meanwhile waits for the re-keyed file instead of writing into this one.
    try:
        use = UseLock(database_file).acquire_exclusive()
    except FileBusy as exc:
        if held is not None:
            held.release()
        raise PasswordError(str(exc)) from None
    except BaseException:
        if held is not None:
            held.release()
        raise
    try:
        # The database opens with the current password (else WrongPassword: nothing changed) and
        # is brought up to date, so the copy has the newest schema.
        Database.open(database_file, password=old).close()
        _replace_with_rekeyed(database_file, old, new, database=True)
        try:
            Database.open(database_file, password=new).close()
        except DatabaseError as exc:  # cannot happen after the checks above; say so if it does
            raise PasswordError(f"{database_file}: re-encrypted, but it does not open ({exc})") from None
    finally:
        use.release()
        if held is not None:
            held.release()
    report = PasswordReport(database_file)
    _rekey_backups(backups, database_file, old, new, report)
    return report


def _replace_with_rekeyed(path: Path, old: str | None, new: str | None, *, database: bool) -> None:
    """Re-encrypt ``path`` through a temporary file; the old file is kept aside until the new one
    opens with ``new`` and holds the same number of customers, then deleted."""
    close_forgotten_connections()
    cipher = sqlcipher()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    temporary = path.with_name(f".{path.name}.rekeying")
    aside = path.with_name(f"{path.name}.rekeyed-{stamp}")
    with contextlib.suppress(OSError):
        temporary.unlink()
    try:
        source = cipher.connect(str(path), isolation_level=None, timeout=2)
        try:
            if old is not None:
                source.execute(f"PRAGMA key = {key_literal(old)}")
            count = source.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
            if database:
                # Out of WAL: the file alone holds everything, and no -wal is left to pair with the
                # new file. SQLite only allows it to the one connection: another program has it open.
                try:
                    source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    mode = source.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
                except cipher.OperationalError:  # locked or busy
                    mode = "wal"
                if str(mode).lower() != "delete":
                    raise PasswordError(f"{path}: in use by another program; close it and try again")
            source.execute(f"ATTACH DATABASE {_literal(temporary)} AS target KEY {_key_or_plain(new)}")
            source.execute("BEGIN")
            source.execute("SELECT sqlcipher_export('target')")
            source.execute("COMMIT")
            source.execute("DETACH DATABASE target")
        finally:
            source.close()
        check = cipher.connect(f"file:{temporary}?mode=ro", uri=True)
        try:
            if new is not None:
                check.execute(f"PRAGMA key = {key_literal(new)}")
            if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise PasswordError(f"{path}: the re-encrypted copy failed its check; nothing was changed")
            if check.execute("SELECT COUNT(*) FROM customers").fetchone()[0] != count:
                raise PasswordError(f"{path}: the re-encrypted copy lost customers; nothing was changed")
        finally:
            check.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
    except PasswordError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    except _cipher_errors() as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise PasswordError(f"{path}: cannot be re-encrypted ({exc}); nothing was changed") from None
    os.replace(path, aside)
    sides = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    for side in sides:
        if side.exists():
            os.replace(side, aside.with_name(aside.name + side.name[len(path.name) :]))
    os.replace(temporary, path)
    _sync_folder(path.parent)
    try:
        _check_opens(path, new, count)
    except Exception:
        os.replace(aside, path)  # the old file back, as it was
        for side in sides:
            moved = aside.with_name(aside.name + side.name[len(path.name) :])
            if moved.exists():
                os.replace(moved, side)
        raise
    for leftover in [aside, *(aside.with_name(aside.name + s.name[len(path.name) :]) for s in sides)]:
        with contextlib.suppress(OSError):
            leftover.unlink()


def _check_opens(path: Path, password: str | None, count: int) -> None:
    cipher = sqlcipher()
    try:
        connection = cipher.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if password is not None:
                connection.execute(f"PRAGMA key = {key_literal(password)}")
            found = connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
        finally:
            connection.close()
    except cipher.Error as exc:
        raise PasswordError(f"{path}: the re-encrypted file does not open ({exc}); the old one is back") from None
    if found != count:
        raise PasswordError(f"{path}: the re-encrypted file holds {found} customers, not {count}; the old one is back")


def _key_or_plain(password: str | None) -> str:
    return key_literal(password) if password is not None else "''"


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _rekey_backups(
    folder: Path | None, database_file: Path, old: str | None, new: str | None, report: PasswordReport
) -> None:
    """Give the backups of ``database_file`` the old password (or none) opens the new password (or
    none); the backups of other guest files in the folder keep theirs."""
    from guestcard.services.backup import PREFIX, SUFFIX, default_backup_dir, named_for

    folder = folder or default_backup_dir()
    if not folder.is_dir():
        return
    for path in sorted(folder.glob(f"{PREFIX}*{SUFFIX}")):
        if not named_for(path, database_file):
            continue
        plain = is_plain_sqlite(path)
        if new is None and plain:
            continue  # already what it should be
        if plain:
            source_password = None
        elif old is not None and looks_encrypted(path):
            source_password = old
        else:
            report.backups_left.append(path)
            continue
        try:
            _replace_with_rekeyed(path, source_password, new, database=False)
        except PasswordError:
            report.backups_left.append(path)  # another password, or not a backup
        else:
            report.backups_updated.append(path)
