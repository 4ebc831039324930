"""What an import leaves for its undo: one ``import_changes`` row per card it created or updated,
and one listing the visits and contacts it added."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from guestcard.domain import Customer
from guestcard.storage.convert import customer_snapshot
from guestcard.storage.fast_insert import insert_many
from guestcard.storage.models import ImportChangeRow

HISTORY_ACTION = "history"  # an import_changes row listing the visits and contacts an import added

_TABLE = cast(Table, ImportChangeRow.__table__)


def write_import_changes(session: Session, rows: list[dict[str, Any]]) -> None:
    """``import_changes`` rows (batch_id, customer_id, action, before) in one go (``insert_many``:
    SQLite's executemany, PostgreSQL's COPY; the ORM's bulk insert spent as long again in its own
    bookkeeping)."""
    insert_many(session, _TABLE, rows)


def update_changes(batch_id: int, updated: Sequence[Customer]) -> list[dict[str, Any]]:
    """The rows of the cards an import updated, each as it was (snapshots taken now: for the undo)."""
    return [{"batch_id": batch_id, "customer_id": before.id, "action": "updated", "before": customer_snapshot(before)}
            for before in updated]


def record_import_changes(session: Session, rows: list[dict[str, Any]], batch_id: int,
                          created: Sequence[int]) -> None:
    """``rows`` (from ``update_changes``) and one row per card created, written and flushed."""
    rows.extend({"batch_id": batch_id, "customer_id": customer_id, "action": "created", "before": None}
                for customer_id in created)
    write_import_changes(session, rows)  # one executemany for the chunk
    session.flush()


def record_history(session: Session, batch_id: int, visit_ids: list[int], contact_ids: list[int]) -> None:
    """The visits and contacts an import added (its undo removes them)."""
    session.add(ImportChangeRow(batch_id=batch_id, customer_id=0, action=HISTORY_ACTION,
                                before={"visits": visit_ids, "contacts": contact_ids}))
    session.flush()
