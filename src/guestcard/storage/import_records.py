"""What an import leaves for its undo: one ``import_changes`` row per card it created or updated."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from guestcard.storage.fast_insert import insert_many
from guestcard.storage.models import ImportChangeRow

_TABLE = cast(Table, ImportChangeRow.__table__)


def write_import_changes(session: Session, rows: list[dict[str, Any]]) -> None:
    """``import_changes`` rows (batch_id, customer_id, action, before) in one go (``insert_many``:
    SQLite's executemany, PostgreSQL's COPY; the ORM's bulk insert spent as long again in its own
    bookkeeping)."""
    insert_many(session, _TABLE, rows)
