"""Alembic, driven from code: the schema is created and upgraded by the same migration scripts.

All the migrations of one upgrade run in one transaction, on SQLite too (its DDL is transactional,
but Python's sqlite3 runs ``CREATE TABLE`` outside any transaction unless told otherwise): a
program killed while it creates or upgrades the schema leaves the file as it was before — empty,
or at its old schema with its data — and the next start simply does the work again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from guestcard.storage import steps
from guestcard.storage.models import Base

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def head() -> str:
    head_revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert head_revision is not None
    return head_revision


def upgrade(engine: Engine, revision: str = "head", *, start_over: bool = False) -> None:
    """Bring the schema to ``revision``, all of it or nothing. ``start_over``: the file holds an
    unfinished schema of ours and no data (a first start killed by an older guestcard, which
    created tables one by one): its tables are dropped first, in the same transaction."""
    config = _config()
    with engine.connect() as connection, _one_transaction(connection):
        if start_over:
            drop_unfinished_schema(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        steps.reached("schema commit")


def downgrade(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.connect() as connection, _one_transaction(connection):
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


@contextlib.contextmanager
def _one_transaction(connection: Connection) -> Iterator[None]:
    """One transaction around everything the block does, DDL included, committed at its end."""
    if connection.dialect.name != "sqlite":
        with connection.begin():  # PostgreSQL: DDL is transactional as it is
            yield
        return
    raw = connection.connection.dbapi_connection
    legacy = raw.isolation_level  # type: ignore[union-attr]
    raw.isolation_level = None  # type: ignore[union-attr]  # the driver issues no BEGIN/COMMIT of its own
    try:
        with connection.begin():  # its commit and rollback end the transaction begun here
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield
    finally:
        raw.isolation_level = legacy  # type: ignore[union-attr]


# What the migrations create besides the models' tables: the search indexes (FTS5 virtual tables
# and their shadow tables) and the bookkeeping of SQLite and Alembic.
_FTS_INDEXES = ("customer_fts", "customer_name_fts", "customer_other_fts", "customer_phone_fts")
_FTS_SHADOWS = ("_config", "_data", "_docsize", "_idx", "_content")
_BOOKKEEPING = ("alembic_version", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4")


def our_tables() -> set[str]:
    """Every table some schema of guestcard's has (or some step of making one leaves)."""
    fts = {index + shadow for index in _FTS_INDEXES for shadow in ("", *_FTS_SHADOWS)}
    return set(Base.metadata.tables) | fts | set(_BOOKKEEPING)


def is_ours(table: str) -> bool:
    return table in our_tables() or table.startswith("_alembic_tmp_")


# The tables that hold what a user wrote: an unfinished schema is started over only when all are empty.
_USER_DATA = ("customers", "tags", "visits", "contacts", "relations", "import_batches", "staff", "register_entries")


def unfinished_schema_is_empty(connection: Connection) -> bool:
    present = set(inspect(connection).get_table_names())
    for table in _USER_DATA:
        if table in present and connection.exec_driver_sql(f"SELECT 1 FROM {table} LIMIT 1").first() is not None:
            return False
    return True


def drop_unfinished_schema(connection: Connection) -> None:
    """Drop the tables of an unfinished schema of ours (search indexes first: their shadow tables
    go with them), in the caller's transaction."""
    names = set(inspect(connection).get_table_names())
    for index in _FTS_INDEXES:
        if index in names:
            connection.exec_driver_sql(f"DROP TABLE {index}")
    cascade = " CASCADE" if connection.dialect.name == "postgresql" else ""
    for table in sorted(set(inspect(connection).get_table_names()) - {"sqlite_sequence"}):
        if is_ours(table):
            connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}"{cascade}')


def trigram_ops(connection: Connection) -> str:
    """For the migration scripts: pg_trgm's operator class, named with the schema the extension
    lives in (a server may keep its extensions in a schema of their own, off the search path)."""
    schema = connection.exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
    ).scalar()
    return f"{schema}.gin_trgm_ops" if schema else "gin_trgm_ops"
