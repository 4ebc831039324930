"""Undoing an import: the cards it created removed, those it updated put back as they were, the
visits, contacts and photos it added taken away — except on the cards worked on since."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from guestcard.domain.messages import Code
from guestcard.storage import customers as store
from guestcard.storage import history as history_store
from guestcard.storage.convert import customer_from_snapshot
from guestcard.storage.customers import NotFound
from guestcard.storage.import_photos import PHOTO_ACTION, showing_import_photo, undo_import_photos
from guestcard.storage.import_records import HISTORY_ACTION
from guestcard.storage.models import (
    ChangeRow,
    ContactRow,
    CustomerRow,
    ImportBatchRow,
    ImportChangeRow,
    PhotoRow,
    RelationRow,
    VisitRow,
)

_NOT_CARDS = (HISTORY_ACTION, PHOTO_ACTION)  # import_changes rows that are not a card created or updated


@dataclass(frozen=True)
class UndoneBatch:
    removed: int
    restored: int
    kept: tuple[int, ...]  # the cards worked on since, left as they are


def undo_batch(session: Session, batch_id: int) -> UndoneBatch:
    """Undo the import ``batch_id`` (see the module doc); ``NotFound`` if there is none, or it is undone."""
    batch = session.get(ImportBatchRow, batch_id)
    if batch is None:
        raise NotFound(Code.NO_IMPORT_BATCH, batch_id)
    if batch.undone_at is not None:
        raise NotFound(Code.IMPORT_BATCH_UNDONE, batch_id, f"{batch.undone_at:%Y-%m-%d %H:%M}")
    changes = session.scalars(
        select(ImportChangeRow).where(ImportChangeRow.batch_id == batch_id).order_by(ImportChangeRow.id.desc())
    ).all()
    for change in changes:
        if change.action == HISTORY_ACTION and change.before:
            for visit_id in change.before.get("visits", ()):
                if session.get(VisitRow, visit_id) is not None:
                    history_store.delete_visit(session, visit_id)
            for contact_id in change.before.get("contacts", ()):
                if session.get(ContactRow, contact_id) is not None:
                    history_store.delete_contact(session, contact_id)
    session.flush()
    worked_on = _worked_on_since(session, batch_id, [c for c in changes if c.action not in _NOT_CARDS],
                                 showing_import_photo(session, changes))
    undo_import_photos(session, changes, worked_on)
    removed = restored = 0
    kept: list[int] = []
    for change in changes:
        if change.action == PHOTO_ACTION:
            continue
        row = session.get(CustomerRow, change.customer_id)
        if row is None:
            continue  # deleted by hand since: nothing to undo
        if change.customer_id in worked_on:
            kept.append(change.customer_id)
        elif change.action == "created":
            session.delete(row)
            removed += 1
        elif change.before is not None:
            before = customer_from_snapshot(change.before)
            store.update_customer(
                session, replace(before, id=change.customer_id), action="undo-import", batch_id=batch_id
            )
            restored += 1
    session.flush()
    store.delete_unused_tags(session)
    batch.undone_at = dt.datetime.now()
    return UndoneBatch(removed, restored, tuple(sorted(set(kept))))


def _worked_on_since(session: Session, batch_id: int, changes: Sequence[ImportChangeRow],
                     own_photos: set[int]) -> set[int]:
    """The customers of an import worked on after it: a change in their audit trail made after the
    import's last one by anything but this import; and, for the customers it created, any visit,
    contact, relation or photo (the import makes none but the photos ``own_photos`` still show)."""
    last = session.scalar(select(func.max(ChangeRow.id)).where(ChangeRow.batch_id == batch_id)) or 0
    ids = [change.customer_id for change in changes]
    created = [change.customer_id for change in changes if change.action == "created"]
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(session.scalars(select(ChangeRow.customer_id).where(
            ChangeRow.customer_id.in_(chunk), ChangeRow.id > last,
            or_(ChangeRow.batch_id.is_(None), ChangeRow.batch_id != batch_id))))
    for start in range(0, len(created), 500):
        chunk = created[start : start + 500]
        for column in (VisitRow.customer_id, ContactRow.customer_id, RelationRow.customer_id,
                       RelationRow.other_id, PhotoRow.customer_id):
            ids_found = session.scalars(select(column).where(column.in_(chunk)).distinct())
            found.update(i for i in ids_found if column is not PhotoRow.customer_id or i not in own_photos)
    return found
