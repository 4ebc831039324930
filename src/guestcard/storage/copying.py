"""Moving a whole guest database to another (SQLite file → PostgreSQL server, and back), table by
table in one transaction, the row counts compared afterwards (the service: ``services.copying``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import String, Table, func, insert, select, text

from guestcard.storage import Database
from guestcard.storage.models import Base

CHUNK = 5000


class CopyError(RuntimeError):
    """The copy cannot be done or did not come out whole; one line saying why."""


def _tables() -> list[Table]:
    """Every table, parents before children (so foreign keys hold at each insert)."""
    return list(Base.metadata.sorted_tables)


def _checked_rows(table: Table, rows: Sequence[Any], removed: dict[str, int]) -> list[dict[str, Any]]:
    """The rows as the target takes them, the same on every database: NUL characters removed
    from text (counted by table in ``removed``), a text longer than its column refused
    (``CopyError`` naming the table, the row's id and the column; not the value, a guest's)."""
    limits = {c.name: c.type.length for c in table.columns
              if isinstance(c.type, String) and getattr(c.type, "length", None)}
    texts = [c.name for c in table.columns if isinstance(c.type, String)]
    checked = []
    for row in rows:
        values = dict(row)
        for name in texts:
            value = values.get(name)
            if value.__class__ is not str:
                continue
            if "\x00" in value:
                removed[table.name] = removed.get(table.name, 0) + value.count("\x00")
                value = values[name] = value.replace("\x00", "")
            limit = limits.get(name)
            if limit is not None and len(value) > limit:
                key = ", ".join(f"{c.name} {values.get(c.name)}" for c in table.primary_key.columns)
                raise CopyError(f"{table.name} ({key}): {name} has {len(value)} characters, at most {limit}; "
                                "shorten it in the source and copy again (nothing was copied)")
        checked.append(values)
    return checked


def copy_database(
    source: Database, target: Database, *, progress: Callable[[str, int], None] | None = None,
    nul_removed: dict[str, int] | None = None,
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty, up-to-date ``target`` in one transaction;
    the row counts of every table are compared afterwards. Returns {table: rows}. NUL characters
    are removed from text (counted by table into ``nul_removed``); a text longer than its column
    is refused before the target is committed (``CopyError``)."""
    removed = nul_removed if nul_removed is not None else {}
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
                writing.execute(insert(table), _checked_rows(table, rows, removed))
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
