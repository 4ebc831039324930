"""SQLCipher, for a password-protected guest file: the driver, the password as a key, and closing
the connections garbage still holds before a file is replaced or opened by the other library."""

from __future__ import annotations

import gc
from types import ModuleType

from guestcard.domain.codes import Code
from guestcard.domain.messages import Unreadable, raised
from guestcard.storage.errors import DatabaseError

_sqlcipher_ready = False


def sqlcipher() -> ModuleType:
    """The SQLCipher driver (``sqlcipher3``, from the ``sqlcipher3-wheels`` package), made quiet:
    it would print every failed page decryption (a wrong password) on stderr."""
    global _sqlcipher_ready
    try:
        import sqlcipher3  # lazy: only an encrypted file needs it (~16 ms of the window's start)
    except ImportError:
        raise raised(DatabaseError, Code.NO_SQLCIPHER) from None
    if not _sqlcipher_ready:
        connection = sqlcipher3.connect(":memory:")
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")  # process-wide
        finally:
            connection.close()
        _sqlcipher_ready = True
    return sqlcipher3


def check_password(password: str) -> str:
    """A usable password (any text, not empty); ``ValueError`` otherwise."""
    if not isinstance(password, str) or not password:
        raise Unreadable(Code.PASSWORD_EMPTY)
    if "\x00" in password:
        raise Unreadable(Code.PASSWORD_NUL)
    return password


def key_literal(password: str) -> str:
    """The password as an SQL string literal, for ``PRAGMA key`` and ``ATTACH … KEY``."""
    return "'" + check_password(password).replace("'", "''") + "'"


def close_forgotten_connections() -> None:
    """Close the SQLite connections only garbage still holds (one a dropped connection pool had
    lent out, one left in a reference cycle) before a database file is replaced, or opened by the
    other SQLite library (SQLCipher's). Closed later by the garbage collector, such a connection
    would check point into, delete or truncate the -wal and -shm files by then belonging to the
    new file, under the connections using it (a crash, "Bus error", or lost commits)."""
    gc.collect()
