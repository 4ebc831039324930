"""The photos an import wrote (a vCard's PHOTO), remembered so undoing the import takes them back.

Each photo an import puts on a card is an ``import_changes`` row (action ``photo``) holding the
photo the card had before (or none) and the digest of the one the import put. Undo gives a card its
earlier photo back only while the card still shows the import's photo: one changed since is the
manager's and stays.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from guestcard.domain.photos import photo_media_type
from guestcard.storage import history
from guestcard.storage.models import ImportChangeRow, PhotoRow

PHOTO_ACTION = "photo"


def digest(image: bytes) -> str:
    return hashlib.sha256(image).hexdigest()


def photos_of(session: Session, customer_ids: Iterable[int]) -> dict[int, bytes]:
    """The photos of these customers (those that have one), in queries of 500 ids."""
    ids = sorted(set(customer_ids))
    found: dict[int, bytes] = {}
    for start in range(0, len(ids), 500):
        statement = select(PhotoRow.customer_id, PhotoRow.image).where(PhotoRow.customer_id.in_(ids[start:start + 500]))
        found.update((customer_id, image) for customer_id, image in session.execute(statement))
    return found


def write_import_photos(session: Session, batch_id: int,
                        placements: Sequence[tuple[int, bytes, bytes | None]]) -> None:
    """Put each (customer id, photo, the photo it replaces or None) and remember it for undo."""
    if not placements:
        return
    changes = []
    for customer_id, image, previous in placements:
        history.set_photo(session, customer_id, image, photo_media_type(image) or "image/jpeg")
        changes.append({"batch_id": batch_id, "customer_id": customer_id, "action": PHOTO_ACTION, "before": {
            "photo": base64.b64encode(previous).decode("ascii") if previous is not None else None,
            "imported": digest(image)}})
    session.execute(insert(ImportChangeRow), changes)
    session.flush()


def showing_import_photo(session: Session, changes: Sequence[ImportChangeRow]) -> set[int]:
    """The customers whose photo is still one these import changes put."""
    photo_changes = [c for c in changes if c.action == PHOTO_ACTION and c.before]
    current = photos_of(session, (c.customer_id for c in photo_changes))
    return {c.customer_id for c in photo_changes
            if c.customer_id in current and digest(current[c.customer_id]) == c.before["imported"]}


def undo_import_photos(session: Session, changes: Sequence[ImportChangeRow], keep: set[int]) -> int:
    """Give back the earlier photo (or none) of each card still showing the import's photo, except
    the cards in ``keep``; ``changes`` newest first (a card the import gave two photos goes back
    step by step). Returns how many photos were taken back."""
    undone = 0
    for change in changes:
        if change.action != PHOTO_ACTION or not change.before or change.customer_id in keep:
            continue
        row = session.get(PhotoRow, change.customer_id)
        if row is None or digest(row.image) != change.before["imported"]:
            continue  # changed or removed since: the manager's, not the import's
        previous = change.before.get("photo")
        image = base64.b64decode(previous) if previous else None
        media_type = (photo_media_type(image) if image else None) or "image/jpeg"
        history.set_photo(session, change.customer_id, image, media_type)
        undone += 1
    session.flush()
    return undone
