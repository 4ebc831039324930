"""Opening the database: engine, SQLite pragmas, schema upgrade on open, one session per action."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

# The newest migration; a test checks it equals Alembic's head, so opening an up-to-date
# database never has to import Alembic (it costs start-up time).
SCHEMA_HEAD = "0002"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says which one and why, in one line."""


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across app crashes
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


class Database:
    """An open guest database. Pass it to services; it holds no session between actions."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.read_only = False
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

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
    ) -> Database:
        """Open (creating if needed) and bring the schema up to date.

        ``before_upgrade(db, current_revision)`` runs before migrating an existing database (the
        services make a backup there). ``read_only`` opens an SQLite file without writing to it.
        """
        url = database_url(path_or_url)
        parsed = make_url(url)
        if read_only and parsed.get_backend_name() == "sqlite" and parsed.database:
            if not Path(parsed.database).exists():
                raise DatabaseError(f"{parsed.database}: no such database")
            url = f"sqlite:///file:{Path(parsed.database)}?mode=ro&uri=true"
            upgrade = False
        where = parsed.database if parsed.get_backend_name() == "sqlite" else parsed.render_as_string(True)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") and not read_only:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url)
        except (SQLAlchemyError, ImportError) as exc:
            raise DatabaseError(f"{where}: cannot open database ({exc})") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_read_only_pragmas if read_only else _sqlite_pragmas)
        db = cls(url, engine)
        db.read_only = read_only
        try:
            if upgrade:
                db.upgrade(before_upgrade)
            else:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
        except DBAPIError as exc:
            engine.dispose()
            reason = str(exc.orig).strip() if exc.orig is not None else str(exc)
            raise DatabaseError(f"{where}: not a usable guestcard database ({reason})") from None
        return db

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
        from guestcard.storage import migrate  # Alembic is imported only when there is work

        known = migrate.known_revisions()
        if current is not None and current not in known:
            raise DatabaseError(
                f"{self.display_name}: made by a newer guestcard (schema {current}); update guestcard to open it"
            )
        if current is None:
            with self.engine.connect() as connection:
                tables = set(inspect(connection).get_table_names())
            if tables - {"alembic_version"}:
                raise DatabaseError(f"{self.display_name}: not a guestcard database (it has other tables)")
        elif before_upgrade is not None:
            before_upgrade(self, current)
        migrate.upgrade(self.engine, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session per user action: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
