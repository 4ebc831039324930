"""Models of merging duplicate cards: each merge with what it needs to be undone, and the pairs
a manager said are not the same guest.

Kept apart from ``models`` (which imports this at its end, so one ``Base.metadata`` has them all).
The customer ids are plain integers, not foreign keys: a merge deletes the card merged away, and
its record must outlive it (the undo puts that card back under the same id).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from guestcard.storage.models_base import Base


class MergeRow(Base):
    """One merge of the card ``other_id`` into ``keep_id``; ``snapshot`` holds both cards as they
    were and the ids of every record that moved (JSON), for the undo."""

    __tablename__ = "merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    keep_id: Mapped[int] = mapped_column(index=True)
    other_id: Mapped[int] = mapped_column(index=True)
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str | None] = mapped_column(String(80))
    took: Mapped[list[str]] = mapped_column(JSON, default=list)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class NotDuplicateRow(Base):
    """Two cards a manager marked as different guests: never proposed as duplicates again.
    The smaller id first."""

    __tablename__ = "not_duplicates"

    low_id: Mapped[int] = mapped_column(primary_key=True)
    high_id: Mapped[int] = mapped_column(primary_key=True)
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str | None] = mapped_column(String(80))
