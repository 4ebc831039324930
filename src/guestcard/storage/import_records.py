"""What an import leaves for its undo: one ``import_changes`` row per card it created or updated."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from guestcard.storage.customers import _executemany
from guestcard.storage.models import ImportChangeRow

_TABLE = cast(Table, ImportChangeRow.__table__)


def write_import_changes(session: Session, rows: list[dict[str, Any]]) -> None:
    """``import_changes`` rows (batch_id, customer_id, action, before) in one executemany: on
    SQLite through the driver, the JSON of the cards as they were serialised once each (the ORM's
    bulk insert spent as long again in its own bookkeeping)."""
    _executemany(session, _TABLE, rows)
