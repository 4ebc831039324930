"""The audit trail: what changed on a customer's card, field by field, and by which action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import JSON, DateTime, Integer, String, Table, insert, literal, select
from sqlalchemy.orm import Session

from guestcard.domain.model import CUSTOMER_ATTRS, Change, Customer
from guestcard.domain.values import PartialDate
from guestcard.storage.convert import customer_snapshot
from guestcard.storage.fast_insert import insert_many
from guestcard.storage.models import ChangeRow, CustomerRow

_SKIP = {"id", "version"}


def acting_user(session: Session) -> str | None:
    """Who is working: the staff member the session's database was opened for (``Database.user``)."""
    return session.info.get("user")


def field_values(customer: Customer) -> dict[str, Any]:
    """A customer as field key → JSON value: core keys, form fields, ``extra:HEADER``, ``tags``."""
    snapshot = customer_snapshot(customer)
    values: dict[str, Any] = {}
    for name, value in snapshot.items():
        if name in _SKIP or name in ("fields", "extra", "raw"):
            continue
        values["class" if name == "customer_class" else name] = value
    values.update(snapshot["fields"])
    values.update({f"extra:{k}": v for k, v in snapshot["extra"].items()})
    values.update({f"raw:{k}": v for k, v in snapshot["raw"].items()})
    return values


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


# The attributes ``field_values`` gives (in its order, under its keys), and how each becomes JSON.
_ATTRIBUTES: tuple[tuple[str, str, Callable[[Any], Any] | None], ...] = tuple(
    (name, "class" if name == "customer_class" else name,
     {"birthday": _iso, "anniversary": _iso, "tags": list,
      "annual_spend": lambda v: None if v is None else str(v)}.get(name))
    for name in CUSTOMER_ATTRS
    if name not in (*_SKIP, "fields", "extra", "raw", "created_at", "updated_at")
)
_ATTRIBUTE_KEYS = frozenset(key for _name, key, _convert in _ATTRIBUTES)
_BLANK = ("", [], ())


def diff(before: Customer, after: Customer) -> list[tuple[str, Any, Any]]:
    """Every field whose JSON value (``field_values``) differs, as (key, old, new), blanks as ``None``.

    What comparing the two ``field_values`` gives, without building them: an import diffs tens
    of thousands of cards whose attributes are mostly the very same objects on both sides."""
    if not _ATTRIBUTE_KEYS.isdisjoint(before.fields) or not _ATTRIBUTE_KEYS.isdisjoint(after.fields):
        return _diff_of(field_values(before), field_values(after))  # a form field named as an attribute
    changes = []
    for name, key, convert in _ATTRIBUTES:
        a, b = getattr(before, name), getattr(after, name)
        if a is b:  # one object: one JSON value
            continue
        if convert is not None:
            a, b = convert(a), convert(b)
        if a in _BLANK:
            a = None
        if b in _BLANK:
            b = None
        if a != b:
            changes.append((key, a, b))
    changes.extend(_diff_of(_entries(before), _entries(after)))
    return changes


def _entries(customer: Customer) -> dict[str, Any]:
    """The form fields, extra columns and raw texts of ``field_values``."""
    values = dict(customer.fields)
    values.update({f"extra:{k}": v for k, v in customer.extra.items()})
    values.update({f"raw:{k}": v for k, v in customer.raw.items()})
    return values


def _diff_of(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    changes = []
    for key in dict.fromkeys((*old, *new)):
        a, b = old.get(key), new.get(key)
        if a in _BLANK:
            a = None
        if b in _BLANK:
            b = None
        if a != b:
            changes.append((key, a, b))
    return changes


def record_update(
    session: Session, before: Customer, after: Customer, action: str, batch_id: int | None = None
) -> None:
    assert before.id is not None
    now, by = dt.datetime.now(), acting_user(session)
    rows = [
        {"customer_id": before.id, "at": now, "action": action, "field": key, "old": a, "new": b, "batch_id": batch_id,
         "by": by}
        for key, a, b in diff(before, after)
    ]
    if rows:
        insert_many(session, cast(Table, ChangeRow.__table__), rows)


def record_updates(
    session: Session, changes: Sequence[tuple[Customer, Customer]], action: str, batch_id: int | None = None
) -> None:
    """``record_update`` for many cards in one insert."""
    now, by = dt.datetime.now(), acting_user(session)
    rows = [
        {"customer_id": before.id, "at": now, "action": action, "field": key, "old": a, "new": b, "batch_id": batch_id,
         "by": by}
        for before, after in changes
        for key, a, b in diff(before, after)
    ]
    if rows:
        insert_many(session, cast(Table, ChangeRow.__table__), rows)


def record_created(session: Session, customer_ids: list[int], action: str, batch_id: int | None = None) -> None:
    if not customer_ids:
        return
    now, by = dt.datetime.now(), acting_user(session)
    rows = [
        {"customer_id": i, "at": now, "action": action, "field": None, "old": None, "new": None, "batch_id": batch_id,
         "by": by}
        for i in customer_ids
    ]
    insert_many(session, cast(Table, ChangeRow.__table__), rows)


def record_created_range(
    session: Session, first_id: int, last_id: int, action: str, batch_id: int | None = None
) -> None:
    """``record_created`` for the customers ``first_id``..``last_id`` just inserted, written by the
    database itself (INSERT … SELECT): no row of them passes through Python."""
    table = cast(Table, ChangeRow.__table__)
    # Bound as record_created binds them: the JSON columns hold JSON null.
    values = select(
        CustomerRow.id,
        literal(dt.datetime.now(), DateTime),
        literal(action, String),
        literal(None, String),
        literal(None, JSON),
        literal(None, JSON),
        literal(batch_id, Integer),
        literal(acting_user(session), String),
    ).where(CustomerRow.id.between(first_id, last_id))
    columns = ["customer_id", "at", "action", "field", "old", "new", "batch_id", "by"]
    session.execute(insert(table).from_select(columns, values))


def changes_of(session: Session, customer_id: int) -> list[Change]:
    statement = select(ChangeRow).where(ChangeRow.customer_id == customer_id).order_by(ChangeRow.id.desc())
    return [
        Change(
            customer_id=r.customer_id,
            at=r.at,
            action=r.action,
            field=r.field,
            old=r.old,
            new=r.new,
            batch_id=r.batch_id,
            by=r.by,
        )
        for r in session.scalars(statement)
    ]
