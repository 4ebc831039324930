"""Merging one card into another in the caller's transaction, and undoing it.

Everything that points at the card merged away (``other``) moves to the card kept: every row of
every table with a foreign key to ``customers.id`` — visits and reservations, contacts, relations,
the audit trail, the register, and whatever table comes later — found from the schema itself, so
a new table's rows are not silently cascaded away. The ids of the rows moved are written down in
the merge's snapshot, with both cards as they were, the relations between the two (dropped) and
both photos: the undo moves exactly those rows back and puts ``other`` back under its own id.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Column, Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from guestcard.domain.messages import Code, Refusal
from guestcard.domain.model import Customer
from guestcard.storage import customers as store
from guestcard.storage.audit import acting_user
from guestcard.storage.convert import customer_columns, customer_from_snapshot, customer_snapshot
from guestcard.storage.models import (
    Base,
    ChangeRow,
    CustomerRow,
    PhotoRow,
    RelationRow,
    SearchTermRow,
    customer_tags,
)
from guestcard.storage.models_merging import MergeRow

# Rows keyed by the customer itself: made anew (search terms, tags) or handled apart (the photo).
_NOT_MOVED = {SearchTermRow.__tablename__, customer_tags.name, PhotoRow.__tablename__}


class MergeRefused(Refusal, ValueError):
    """The merge (or its undo) cannot be done; the message says why, naming cards by id only."""


def _pointing_columns() -> Iterator[tuple[Table, Column[Any], Column[Any]]]:
    """(table, its column pointing at customers.id, its one-column primary key) of every table
    whose rows belong to a customer and move with a merge."""
    customers = cast(Table, CustomerRow.__table__)
    for table in Base.metadata.sorted_tables:
        if table.name in _NOT_MOVED or table is customers:
            continue
        primary = list(table.primary_key.columns)
        for column in table.columns:
            if any(fk.column is customers.c.id for fk in column.foreign_keys):
                if len(primary) != 1 or column is primary[0]:
                    raise MergeRefused(Code.MERGE_TABLE_UNKNOWN, table.name)
                yield table, column, primary[0]


def _one_per_customer(table: Table, column: Column[Any]) -> bool:
    """A customer has at most one row of the table (a corporate account): two cannot become one."""
    return bool(column.unique) or any(
        len(index.columns) == 1 and column in index.columns for index in table.indexes if index.unique
    ) or any(
        len(constraint.columns) == 1 and column in constraint.columns
        for constraint in table.constraints if type(constraint).__name__ == "UniqueConstraint"
    )


def _photo(session: Session, customer_id: int) -> dict[str, str] | None:
    row = session.get(PhotoRow, customer_id)
    if row is None:
        return None
    return {"image": base64.b64encode(row.image).decode("ascii"), "media_type": row.media_type}


def _set_photo(session: Session, customer_id: int, photo: dict[str, str] | None) -> None:
    session.execute(delete(PhotoRow).where(PhotoRow.customer_id == customer_id))
    if photo is not None:
        session.execute(insert(PhotoRow).values(
            customer_id=customer_id, image=base64.b64decode(photo["image"]), media_type=photo["media_type"]))


def _card(customer: Customer) -> dict[str, Any]:
    """A card as JSON with what ``customer_snapshot`` leaves out: its version and time stamps."""
    data = customer_snapshot(customer)
    data["created_at"] = customer.created_at.isoformat() if customer.created_at else None
    data["updated_at"] = customer.updated_at.isoformat() if customer.updated_at else None
    return data


def _from_card(data: dict[str, Any]) -> Customer:
    values = dict(data)
    stamps = {key: dt.datetime.fromisoformat(values.pop(key)) if values.get(key) else None
              for key in ("created_at", "updated_at")}
    return replace(customer_from_snapshot(values), **stamps)


def _write_card(session: Session, customer: Customer) -> None:
    """Write a card over its row without an entry per field in the audit trail (the merge and
    its undo are one entry each); the search terms follow."""
    assert customer.id is not None
    row = session.get(CustomerRow, customer.id)
    assert row is not None
    for column, value in customer_columns(customer).items():
        if column != "created_at":
            setattr(row, column, value)
    row.tags = store._tag_rows(session, customer.tags)
    session.flush()
    store._write_terms(session, customer.id, customer, replacing=True)


def _entry(session: Session, customer_id: int, action: str, details: dict[str, Any]) -> None:
    session.add(ChangeRow(customer_id=customer_id, at=dt.datetime.now(), action=action, field=None,
                          old=None, new=details, by=acting_user(session)))


@dataclass(frozen=True)
class MergeCounts:
    moved: dict[str, int]  # table → rows moved to the card kept
    dropped_relations: int


def merge_cards(
    session: Session, merged: Customer, other: Customer, took: list[str], text: str, *, take_photo: bool = False
) -> tuple[int, MergeCounts]:
    """Merge ``other`` into the card ``merged.id`` (its values become ``merged``'s). Returns the
    merge's id and what moved."""
    keep_id, other_id = merged.id, other.id
    assert keep_id is not None and other_id is not None
    keep = store.get_customer(session, keep_id)
    keep_photo, other_photo = _photo(session, keep_id), _photo(session, other_id)
    between = session.scalars(select(RelationRow).where(or_(
        (RelationRow.customer_id == keep_id) & (RelationRow.other_id == other_id),
        (RelationRow.customer_id == other_id) & (RelationRow.other_id == keep_id)))).all()
    dropped = [{"id": r.id, "customer_id": r.customer_id, "other_id": r.other_id, "kind": r.kind, "note": r.note}
               for r in between]
    session.execute(delete(RelationRow).where(RelationRow.id.in_([r["id"] for r in dropped])))
    moved: dict[str, list[Any]] = {}
    for table, column, primary in _pointing_columns():
        ids = list(session.scalars(select(primary).where(column == other_id).order_by(primary)))
        if ids and _one_per_customer(table, column) and session.scalar(select(primary).where(column == keep_id)):
            raise MergeRefused(Code.MERGE_BOTH_HAVE_ROW, keep_id, other_id, table.name)
        if ids:
            moved[f"{table.name}.{column.name}"] = ids
            session.execute(update(table).where(column == other_id).values({column.name: keep_id}))
    _write_card(session, merged)
    final_photo = other_photo if other_photo and (take_photo or keep_photo is None) else keep_photo
    if final_photo is not keep_photo:
        _set_photo(session, keep_id, final_photo)
    session.execute(delete(CustomerRow).where(CustomerRow.id == other_id))  # its tags, terms, photo with it
    session.expire_all()  # the session's rows of both cards are stale now
    after = store.get_customer(session, keep_id)
    snapshot = {
        "keep": _card(keep),
        "keep_after": _card(after),
        "other": _card(other),
        "moved": moved,
        "dropped_relations": dropped,
        "photos": {"keep": keep_photo, "other": other_photo, "keep_after": final_photo},
    }
    row = MergeRow(keep_id=keep_id, other_id=other_id, merged_at=dt.datetime.now(), by=acting_user(session),
                   took=took, snapshot=snapshot)
    session.add(row)
    session.flush()
    _entry(session, keep_id, "merge", {"text": text, "merge": row.id, "from": other_id, "took": took})
    session.flush()
    counts = {key.split(".")[0]: 0 for key in moved}
    for key, ids in moved.items():
        counts[key.split(".")[0]] += len(ids)
    return row.id, MergeCounts(counts, len(dropped))


@dataclass(frozen=True)
class MergeInfo:
    id: int
    keep_id: int
    other_id: int
    merged_at: dt.datetime
    by: str | None
    took: tuple[str, ...]
    undone_at: dt.datetime | None
    other_name: str


def list_merges(session: Session) -> list[MergeInfo]:
    rows = session.scalars(select(MergeRow).order_by(MergeRow.id.desc()))
    return [MergeInfo(r.id, r.keep_id, r.other_id, r.merged_at, r.by, tuple(r.took or ()), r.undone_at,
                      str(r.snapshot["other"].get("name") or "")) for r in rows]


def _restored_values(before: dict[str, Any], after: dict[str, Any], now: dict[str, Any]) -> tuple[dict, list[str]]:
    """The card kept as it was before the merge, except the values changed since the merge (kept
    as they are now). Returns those values and the names of the ones kept."""
    restored, kept = dict(now), []
    for name in dict.fromkeys((*before, *after)):
        if name in ("id", "version", "created_at", "updated_at"):
            continue
        was, became, current = before.get(name), after.get(name), now.get(name)
        if was == became:
            continue
        if name in ("fields", "extra", "raw"):
            values = dict(current or {})
            for key in dict.fromkeys((*(was or {}), *(became or {}))):
                old, new = (was or {}).get(key), (became or {}).get(key)
                if old == new:
                    continue
                if values.get(key) == new:
                    if old is None:
                        values.pop(key, None)
                    else:
                        values[key] = old
                else:
                    kept.append(f"{name}:{key}" if name != "fields" else key)
            restored[name] = values
        elif name == "tags":
            added = set(became or ()) - set(was or ())
            removed = [t for t in (was or ()) if t not in (became or ())]
            restored[name] = [t for t in (current or ()) if t not in added] + removed
        elif current == became:
            restored[name] = was
        else:
            kept.append("class" if name == "customer_class" else name)
    return restored, kept


@dataclass(frozen=True)
class UndoCounts:
    merge: int
    keep_id: int
    other_id: int
    moved_back: int
    kept: tuple[str, ...]  # values of the card kept changed since the merge: left as they are


def undo_merge(session: Session, merge_id: int) -> UndoCounts:
    row = session.get(MergeRow, merge_id)
    if row is None:
        raise store.NotFound(Code.NO_MERGE, merge_id)
    if row.undone_at is not None:
        raise MergeRefused(Code.MERGE_ALREADY_UNDONE, merge_id, f"{row.undone_at:%Y-%m-%d %H:%M}")
    keep_id, other_id, snapshot = row.keep_id, row.other_id, row.snapshot
    if session.get(CustomerRow, keep_id) is None:
        later = session.scalar(select(MergeRow.id).where(MergeRow.other_id == keep_id, MergeRow.undone_at.is_(None)))
        if later:
            raise MergeRefused(Code.MERGE_KEEP_GONE, merge_id, keep_id, later)
        raise MergeRefused(Code.MERGE_KEEP_GONE_SINCE, merge_id, keep_id)
    if session.get(CustomerRow, other_id) is not None:
        raise MergeRefused(Code.MERGE_OTHER_EXISTS, merge_id, other_id)
    other = _from_card(snapshot["other"])
    columns = store._table_row(customer_columns(other, other.updated_at))
    columns.update(id=other_id, version=other.version, created_at=other.created_at, updated_at=other.updated_at)
    session.execute(insert(CustomerRow.__table__).values(columns))
    for tag in store._tag_rows(session, other.tags):
        session.flush()
        session.execute(insert(customer_tags).values(customer_id=other_id, tag_id=tag.id))
    store._write_terms(session, other_id, other, replacing=False)
    _set_photo(session, other_id, snapshot["photos"]["other"])
    moved_back = 0
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    for key, ids in snapshot["moved"].items():
        table_name, column_name = key.split(".")
        table = tables[table_name]
        primary = next(iter(table.primary_key.columns))
        for start in range(0, len(ids), 500):
            moved_back += session.execute(
                update(table).where(primary.in_(ids[start : start + 500]), table.c[column_name] == keep_id)
                .values({column_name: other_id})).rowcount or 0
    for relation in snapshot["dropped_relations"]:
        session.execute(insert(RelationRow).values(relation))
    session.expire_all()
    now = store.get_customer(session, keep_id)
    before, after = snapshot["keep"], snapshot["keep_after"]
    values, kept = _restored_values(before, after, _card(now))
    untouched = now.version == after["version"]
    restored = replace(_from_card(values), id=keep_id, created_at=now.created_at)
    _write_card(session, restored)
    photos = snapshot["photos"]
    if _photo(session, keep_id) == photos["keep_after"]:
        if photos["keep"] != photos["keep_after"]:
            _set_photo(session, keep_id, photos["keep"])
    else:
        kept.append("photo")
    if untouched and not kept:  # nothing done to it since: exactly as it was, version and all
        session.flush()
        session.execute(update(CustomerRow.__table__).where(CustomerRow.id == keep_id).values(
            version=before["version"], updated_at=dt.datetime.fromisoformat(before["updated_at"])))
    _entry(session, keep_id, "undo-merge",
           {"text": f"undid merge {merge_id}: #{other_id} is a card of its own again", "merge": merge_id,
            "kept": kept})
    row.undone_at = dt.datetime.now()
    session.flush()
    session.expire_all()
    return UndoCounts(merge_id, keep_id, other_id, moved_back, tuple(kept))
