"""Moving a whole guest database to another (SQLite file → PostgreSQL server, and back)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Table, func, insert, select, text

from guestcard.storage import Database
from guestcard.storage.models import Base

CHUNK = 5000


class CopyError(RuntimeError):
    """The copy cannot be done or did not come out whole; one line saying why."""


def _tables() -> list[Table]:
    """Every table, parents before children (so foreign keys hold at each insert)."""
    return list(Base.metadata.sorted_tables)


def copy_database(
    source: Database, target: Database, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty, up-to-date ``target`` in one transaction;
    the row counts of every table are compared afterwards. Returns {table: rows}."""
    if source.url == target.url:
        raise CopyError("the source and the target are the same database")
    if source.schema_version() != target.schema_version():
        raise CopyError(f"schema {source.schema_version()} cannot be copied into schema {target.schema_version()}")
    counts: dict[str, int] = {}
    with target.engine.connect() as probe:
        if probe.scalar(select(func.count()).select_from(Base.metadata.tables["customers"])):
            raise CopyError(f"{target.display_name}: already holds customers; copy into an empty database")
    with source.engine.connect() as reading, target.engine.begin() as writing:
        for table in _tables():
            order = list(table.primary_key.columns)
            copied = 0
            result = reading.execution_options(yield_per=CHUNK).execute(select(table).order_by(*order))
            for rows in result.mappings().partitions(CHUNK):
                writing.execute(insert(table), [dict(r) for r in rows])
                copied += len(rows)
                if progress is not None:
                    progress(table.name, copied)
            counts[table.name] = copied
        if writing.dialect.name == "postgresql":
            # Rows came with their ids: move each id sequence past them.
            for table in _tables():
                if "id" in table.c and table.c.id.autoincrement and len(table.primary_key.columns) == 1:
                    writing.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    with target.engine.connect() as checking:
        for table in _tables():
            found = checking.scalar(select(func.count()).select_from(table))
            if found != counts[table.name]:
                raise CopyError(f"{table.name}: {counts[table.name]} rows copied but {found} arrived")
    return counts
