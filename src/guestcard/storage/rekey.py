"""Re-encrypting a database file or a backup with SQLCipher: a copy under the new password (or
none) through ``sqlcipher_export``, checked, then put in place by ``storage.files``.

A re-key of the guest file also re-keys the backups of it; which ones are still to do is kept in
a small file beside the database (``.X.rekey-backups``, paths only) until each is done, so a crash
between encrypting the file and its backups is finished at the next open with the password
(``resume_backups``): a backup never stays readable without the password that was set.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from guestcard.domain.codes import Code
from guestcard.domain.messages import FileCoded
from guestcard.storage import files, steps
from guestcard.storage.cipher import close_forgotten_connections, key_literal, sqlcipher
from guestcard.storage.files import is_plain_sqlite, looks_encrypted


class RekeyError(FileCoded, RuntimeError):
    """A file that cannot be re-encrypted; one line naming it and the reason (nothing changed)."""


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _key_or_plain(password: str | None) -> str:
    return key_literal(password) if password is not None else "''"


def rekeyed_copy(path: Path, temporary: Path, old: str | None, new: str | None, *, database: bool) -> int:
    """Write ``path`` re-encrypted from ``old`` to ``new`` (``None``: plain) at ``temporary``,
    check it (``quick_check``, as many customers) and sync it. Returns the customer count.
    ``database``: the guest file itself, first taken out of WAL (its connection must be the
    only one: the caller holds the file exclusively)."""
    close_forgotten_connections()
    cipher = sqlcipher()
    files.remove_database(temporary)
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
                    raise RekeyError.of(Code.REKEY_IN_USE, path)
            source.execute(f"ATTACH DATABASE {_literal(temporary)} AS target KEY {_key_or_plain(new)}")
            source.execute("BEGIN")
            source.execute("SELECT sqlcipher_export('target')")
            source.execute("COMMIT")
            source.execute("DETACH DATABASE target")
        finally:
            source.close()
        check_copy(temporary, new, count)
        files.sync_file(temporary)
    except RekeyError:
        files.remove_database(temporary)
        raise
    except (cipher.Error, OSError) as exc:
        files.remove_database(temporary)
        raise RekeyError.of(Code.REKEY_FAILED, path, exc) from None
    return count


def check_copy(path: Path, password: str | None, count: int) -> None:
    """``RekeyError`` unless ``path`` opens with ``password``, passes ``quick_check`` and holds
    ``count`` customers."""
    cipher = sqlcipher()
    try:
        check = cipher.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if password is not None:
                check.execute(f"PRAGMA key = {key_literal(password)}")
            if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise RekeyError.of(Code.REKEY_CHECK_FAILED, path)
            found = check.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
        finally:
            check.close()
    except cipher.Error as exc:
        raise RekeyError.of(Code.REKEY_COPY_DOES_NOT_OPEN, path, exc) from None
    if found != count:
        raise RekeyError.of(Code.REKEY_COUNT, path, found, count)


def rekey_backup(path: Path, old: str | None, new: str | None) -> None:
    """Re-encrypt one backup in place, atomically (the old copy or the new one, never half)."""
    files.write_atomically(path, lambda temporary: rekeyed_copy(path, temporary, old, new, database=False),
                           step="backup re-key")


# -- the backups still to re-key -------------------------------------------------------------------


def pending_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.rekey-backups")


def record_pending(database: Path, backups: list[Path]) -> None:
    """Remember the backups still to re-key (before the guest file is replaced)."""
    target = pending_path(database)
    if not backups:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        return
    temporary = target.with_name(target.name + ".new")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump([str(p) for p in backups], handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    files.sync_folder(target.parent)


def pending(database: Path) -> list[Path]:
    try:
        return [Path(p) for p in json.loads(pending_path(database).read_text(encoding="utf-8"))]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError):
        return []  # unreadable: the re-key reported its backups when it ran


def done_with(database: Path, backup: Path) -> None:
    record_pending(database, [p for p in pending(database) if p != backup])
    steps.reached("backup re-keyed")


def resume_backups(database: Path, password: str) -> tuple[list[Path], list[Path]]:
    """After a crash between encrypting the guest file and its backups: encrypt with the file's
    password the backups still in clear. Returns (encrypted now, could not be)."""
    done, left = [], []
    for backup in pending(database):
        try:
            if backup.is_file() and is_plain_sqlite(backup):
                rekey_backup(backup, None, password)
                done.append(backup)
            elif not (backup.is_file() and looks_encrypted(backup)):
                left.append(backup)
        except (RekeyError, OSError):
            left.append(backup)
    record_pending(database, [])
    return done, left
