"""Opening the database: engine, SQLite pragmas, schema upgrade on open, one session per action."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from guestcard.domain.codes import Code
from guestcard.domain.messages import raised
from guestcard.storage import readonly, rekey
from guestcard.storage.cipher import (  # noqa: F401  (imported from here by the services and the window)
    check_password,
    close_forgotten_connections,
    key_literal,
    sqlcipher,
)
from guestcard.storage.errors import DatabaseError

# is_plain_sqlite, looks_encrypted and SQLITE_MAGIC are imported from here by the services too.
from guestcard.storage.files import (  # noqa: F401  (SQLITE_MAGIC and the probes: imported from here too)
    SQLITE_MAGIC,
    ReplacementError,
    encrypted_on_disk,
    is_plain_sqlite,
    leftovers,
    looks_encrypted,
    needs_recovery,
    plain_on_disk,
    recover,
    register_open,
    unregister_open,
)
from guestcard.storage.lock import FileBusy, UseLock, held_exclusively_here

# The newest migration; a test checks it equals Alembic's head, so opening an up-to-date
# database never has to import Alembic (it costs start-up time).
SCHEMA_HEAD = "0007"


class DatabaseDamaged(DatabaseError):
    """The file is not a readable database (damaged, truncated, or some other kind of file)."""


class ForeignDatabase(DatabaseError):
    """An SQLite database of some other program."""


class NewerSchema(DatabaseError):
    """Made by a newer guestcard: its schema is unknown to this one."""


class PasswordRequired(DatabaseError):
    """The file is encrypted and no password was given: ask for it and open again."""


class WrongPassword(DatabaseError):
    """The password does not open the encrypted file. Nothing was changed or locked: ask again."""


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across app crashes
        # A deleted guest ("forget this guest") leaves no bytes in the file's free pages: Debian's
        # SQLite is built with this on, Python's on Windows and SQLCipher are not.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.execute("PRAGMA busy_timeout=5000")


def database_url(path_or_url: str | Path) -> str:
    """A path becomes a SQLite URL; anything with ``://`` is taken as an SQLAlchemy URL."""
    text_value = str(path_or_url)
    if "://" in text_value:
        return text_value
    return f"sqlite:///{Path(text_value).expanduser().resolve()}"


def is_server_url(url: str) -> bool:
    """True for a URL naming a database server; False for a SQLite one or text that is no URL."""
    try:
        return make_url(url).get_backend_name() != "sqlite"
    except ArgumentError:
        return False


def url_without_password(url: str) -> str:
    """The URL as it may be shown (an error line, a log): its password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def _use_lock(file: Path, *, read_only: bool, where: str) -> UseLock | None:
    """The shared use of ``file`` (see ``storage.lock``): waits while it is being replaced.
    A read-only use of a file in a folder that cannot be written takes none (nobody replaces it)."""
    try:
        return UseLock(file).acquire_shared(create=not read_only)
    except OSError as exc:
        if read_only:
            return None
        raise DatabaseError.of(Code.CANNOT_USE_GUEST_FILE, where, exc.strerror or exc) from None


def _recover(file: Path) -> str | None:
    """Complete or roll back an interrupted replacement of ``file`` (see ``storage.files``),
    holding the file exclusively (a replacement still running elsewhere is waited for)."""
    try:
        needed = needs_recovery(file)
    except OSError as exc:  # a folder on the way that may not be entered
        raise DatabaseError.of(Code.CANNOT_BE_REACHED, file, exc.strerror or exc) from None
    if not needed or held_exclusively_here(file):
        return None
    try:
        with UseLock(file):  # held exclusively for the block
            line = recover(file)
    except FileBusy as exc:
        raise DatabaseError(str(exc)) from None
    except (OSError, ReplacementError) as exc:
        raise DatabaseError.of(Code.REPLACEMENT_UNFINISHED, file, exc) from None
    if line is not None:
        announce(line)
    return line


def announce(line: str) -> None:
    """Say what opening did to the file (the window shows ``Database.recovered`` too)."""
    print(f"guestcard: {line}", file=sys.stderr, flush=True)


class NoSuchGuestFile(DatabaseError):
    """The file does not exist and creating it was not asked for (a mistyped path)."""

    def __init__(self, message: str, file: Path) -> None:
        super().__init__(message)
        self.file = file
        self.code = "no_such_guest_file"  # worded by each shell (guestcard.domain.messages.message_of)


class ReadOnlyFolder(DatabaseError):
    """A change (or a new file) was asked for where this user cannot write. ``code``, ``file``
    and ``args_`` (the system's reason) let the window word it (``gui.messages``)."""

    def __init__(self, message: str, *, code: str = "", file: object = "", args: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.file = str(file)
        self.args_ = args


def _exists(file: Path) -> bool:
    try:
        return file.exists()
    except OSError as exc:  # a folder on the way that may not be entered
        raise DatabaseError.of(Code.CANNOT_BE_REACHED, file, exc.strerror or exc) from None


def _refuse_to_create(file: Path, *, create: bool) -> None:
    left = leftovers(file)
    if left:
        raise DatabaseError.of(Code.LEFTOVER_BESIDE, file, left[0].name)
    if not create:
        raise NoSuchGuestFile(f"{file}: no such guest file", file)


class Database:
    """An open guest database. Pass it to services; it holds no session between actions."""

    def __init__(self, url: str, engine: Engine, password: str | None = None) -> None:
        self.read_only = False
        # Why the file is read-only when nobody asked (its folder cannot be written); None otherwise.
        self.read_only_reason: str | None = None
        self.recovered: str | None = None  # what opening did about an interrupted replacement
        # Who is working (a staff member's name): every change is recorded with it (storage.audit).
        self.user: str | None = None
        # Kept for the backups, which are encrypted with the database's password.
        self.password = password
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._file: Path | None = None  # an SQLite file: registered open and its use lock held
        self._use: UseLock | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def login(self) -> str | None:
        """The user name this database server was logged into; None for a SQLite file."""
        return None if self.is_sqlite else make_url(self.url).username

    @property
    def encrypted(self) -> bool:
        return self.password is not None

    @property
    def display_name(self) -> str:
        url = make_url(self.url)
        if self.is_sqlite:
            name = url.database or ""
            return name.removeprefix("file:") if url.query.get("uri") else name
        return url.render_as_string(hide_password=True)

    @classmethod
    def open(
        cls,
        path_or_url: str | Path,
        *,
        upgrade: bool = True,
        read_only: bool = False,
        before_upgrade: Callable[[Database, str | None], None] | None = None,
        password: str | None = None,
        check: bool = False,
        create: bool = True,
    ) -> Database:
        """Open (creating if needed) and bring the schema up to date.

        A replacement of the file a crash interrupted (restore, re-key) is completed or rolled
        back first; ``recovered`` then says which in one line (also said on stderr). A missing
        file is created only with ``create`` (``NoSuchGuestFile`` otherwise), and never where
        what an interrupted replacement left may hold its customers.

        ``before_upgrade(db, current_revision)`` runs before migrating an existing database (the
        services make a backup there). ``read_only`` opens an SQLite file without writing to it.
        ``password`` opens (or creates) an SQLCipher-encrypted file; a wrong one raises
        ``WrongPassword``, an encrypted file opened without one ``PasswordRequired`` — neither
        changes, creates or locks anything. ``check`` first runs ``PRAGMA quick_check`` on a
        file (once at start in the window: damage deep in the file is found before the daily
        backup copies it). A damaged, foreign or too-new file raises ``DatabaseDamaged``,
        ``ForeignDatabase`` or ``NewerSchema`` (all ``DatabaseError``).
        """
        url = database_url(path_or_url)
        parsed = make_url(url)
        recovered = None
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            sqlite_file = Path(str(parsed.database).removeprefix("file:").split("?")[0])
            recovered = _recover(sqlite_file)
            if not _exists(sqlite_file):
                _refuse_to_create(sqlite_file, create=create and not read_only)
        where = parsed.database if parsed.get_backend_name() == "sqlite" else parsed.render_as_string(True)
        file = (
            Path(parsed.database)
            if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
            else None
        )
        folder_read_only = readonly.folder_not_writable(file.parent) if file is not None and file.exists() else None
        if file is not None and folder_read_only is not None:
            # Read without writing beside it (see storage.readonly); changes are refused.
            read_only = True
        if read_only and file is not None:
            url = readonly.read_only_url(file, folder_writable=folder_read_only is None)
            upgrade = False
        engine_url: str | URL = url
        if password is not None:
            if file is None:
                raise DatabaseError.of(Code.PASSWORD_FOR_SQLITE_ONLY, where)
            try:
                check_password(password)
            except ValueError as exc:
                raise raised(DatabaseError, Code.FILE_SAYS, where, exc) from None
            sqlcipher()
            target = make_url(url)
            engine_url = URL.create(
                "sqlite+pysqlcipher", password=password, database=target.database, query=target.query
            )
        if file is not None and not file.exists():
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise ReadOnlyFolder(f"{file}: cannot make a new guest file there ({reason})",
                                     code="cannot_create_there", file=file, args=(reason,)) from None
        use = _use_lock(file, read_only=read_only, where=where) if file is not None else None
        try:
            # hide_parameters: SQLAlchemy's error messages would quote every bound value (a guest's
            # name, phone, notes) into tracebacks, the log and the terminal.
            if password is not None:
                engine = create_engine(engine_url, poolclass=QueuePool, hide_parameters=True)
            else:
                engine = create_engine(engine_url, hide_parameters=True)
        except (SQLAlchemyError, ImportError) as exc:
            if use is not None:
                use.release()
            raise DatabaseError.of(Code.CANNOT_OPEN_DATABASE, where, exc) from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_read_only_pragmas if read_only else _sqlite_pragmas)
        db = cls(url, engine, password)
        db.read_only = read_only
        if file is not None and folder_read_only is not None:
            db.read_only_reason = readonly.folder_message(file, folder_read_only)
        db.recovered = recovered
        db._use = use
        if file is not None:
            db._file = file
            register_open(file, encrypted=password is not None)
        try:
            if check and file is not None and file.exists() and not read_only:
                # Read-only first: a damaged, foreign or too-new file is refused before anything
                # is written to it (even switching it to WAL would change another program's file).
                cls.open(file, read_only=True, password=password, check=True).close()
            elif check and file is not None and file.exists():
                db.quick_check()
                db.refuse_unknown(db.schema_version())
            if db.read_only_reason is not None:
                db.refuse_not_current()
            if upgrade:
                db.upgrade(before_upgrade)
            else:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1 FROM sqlite_master LIMIT 1" if file else "SELECT 1"))
        except DBAPIError as exc:
            db.close(refused=True)
            reason = str(exc.orig).strip() if exc.orig is not None else str(exc)
            if file is not None and "not a database" in reason:
                if password is not None and plain_on_disk(file):
                    raise DatabaseError.of(Code.NOT_ENCRYPTED, where) from None
                if password is not None:
                    raise WrongPassword.of(Code.WRONG_PASSWORD, where) from None
                if encrypted_on_disk(file):
                    raise PasswordRequired.of(Code.PASSWORD_REQUIRED, where) from None
            if db.read_only_reason is not None and "unable to open" in reason:
                raise ReadOnlyFolder(f"{where}: cannot be read: {db.read_only_reason} and "
                                     f"{file}-wal beside it holds changes not yet in the file; open it once where "
                                     "its folder can be written", code="read_only_pending_wal", file=file) from None
            damaged = "not a database" in reason or "malformed" in reason or "corrupt" in reason
            kind = DatabaseDamaged if damaged else DatabaseError
            raise kind.of(Code.NOT_USABLE, where, reason) from None
        except BaseException:
            db.close(refused=True)
            raise
        if file is not None and not read_only:
            db._finish_backup_rekey(file)
        return db

    def refuse_not_current(self) -> None:
        """A file read where its schema cannot be brought up to date: refused unless it is."""
        current = self.schema_version()
        self.refuse_unknown(current)
        if current != SCHEMA_HEAD:
            what = "made by an older guestcard" if current else "not set up as a guest file yet"
            raise ReadOnlyFolder(f"{self.display_name}: {what} and {self.read_only_reason}; open it once where its "
                                 "folder can be written to bring it up to date", code="read_only_not_current",
                                 file=self.display_name)

    def _finish_backup_rekey(self, file: Path) -> None:
        """The backups an interrupted password change had still to encrypt: done now, with the
        password the file opened with (see ``storage.rekey``)."""

        if not rekey.pending_path(file).exists() or held_exclusively_here(file):
            return
        if self.password is None:  # the file is in clear (the change was rolled back): so are they
            rekey.record_pending(file, [])
            return
        done, left = rekey.resume_backups(file, self.password)
        line = f"{file}: {len(done)} backups still in clear after an interrupted password change are encrypted now"
        if left:
            line += "; not reached (re-encrypt or delete them): " + ", ".join(str(p) for p in left)
        announce(line)
        self.recovered = f"{self.recovered}\n{line}" if self.recovered else line

    def quick_check(self) -> None:
        """``PRAGMA quick_check`` (every page read, indexes not compared): ``DatabaseDamaged``
        naming the first problems when the file is damaged."""
        with self.engine.connect() as connection:
            problems = [str(row[0]) for row in connection.execute(text("PRAGMA quick_check(3)"))]
        if problems != ["ok"]:
            raise DatabaseDamaged.of(Code.DAMAGED, self.display_name, "; ".join(problems))

    def schema_version(self) -> str | None:
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def upgrade(self, before_upgrade: Callable[[Database, str | None], None] | None = None) -> None:
        """Run any migrations this database lacks; refuse a database newer than this program."""
        current = self.schema_version()
        if current == SCHEMA_HEAD:
            return
        self.refuse_unknown(current)
        from guestcard.storage import migrate  # lazy: Alembic costs ~0.35 s; only a file to upgrade needs it

        if current is not None and before_upgrade is not None:
            before_upgrade(self, current)
        migrate.upgrade(self.engine, "head", start_over=self._unfinished_schema(current))

    def refuse_unknown(self, current: str | None) -> None:
        """``NewerSchema`` for a schema this program does not know, ``ForeignDatabase`` for
        another program's database; an empty file or a known schema passes."""
        if current == SCHEMA_HEAD:
            return
        from guestcard.storage import migrate  # Alembic is imported only when there is work

        if current is not None and current not in migrate.known_revisions():
            raise NewerSchema.of(Code.NEWER_SCHEMA, self.display_name, current)
        if current is None and not self._unfinished_schema(current):
            with self.engine.connect() as connection:
                tables = set(inspect(connection).get_table_names())
            if tables - {"alembic_version"}:
                raise ForeignDatabase.of(Code.FOREIGN_DATABASE, self.display_name)

    def _unfinished_schema(self, current: str | None) -> bool:
        """Tables of guestcard's own only, no customer in them, and an old schema version or
        none: a first start killed while an older guestcard created the schema table by table
        (its version then lags the tables it made). ``upgrade`` starts such a file over, in one
        transaction; it is never called foreign. Tables of ours with data but no version at all
        are refused as damaged, never dropped."""
        from guestcard.storage import migrate  # lazy: Alembic (~0.35 s), see upgrade

        with self.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if not tables - {"alembic_version", "sqlite_sequence"} or not all(map(migrate.is_ours, tables)):
                return False
            if migrate.unfinished_schema_is_empty(connection):
                return True
        if current is None:
            raise DatabaseDamaged.of(Code.UNFINISHED_SCHEMA_WITH_DATA, self.display_name)
        return False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session per user action: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        session.info["user"] = self.user
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self, *, refused: bool = False) -> None:
        """``refused``: the file was not opened after all (foreign, damaged…): nothing is left beside it."""
        self.engine.dispose()
        if self._file is not None:
            unregister_open(self._file)
            self._file = None
        if self._use is not None:
            if refused:
                self._use.forget()
            else:
                self._use.release()
            self._use = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
