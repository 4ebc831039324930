"""The audit trail: what changed on a customer's card, field by field, and by which action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import JSON, DateTime, Integer, String, Table, insert, literal, select
from sqlalchemy.orm import Session

from guestcard.domain.model import Change, Customer
from guestcard.storage.convert import customer_snapshot
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


def diff(before: Customer, after: Customer) -> list[tuple[str, Any, Any]]:
    old, new = field_values(before), field_values(after)
    changes = []
    for key in dict.fromkeys((*old, *new)):
        a, b = old.get(key), new.get(key)
        if a in ("", [], ()):
            a = None
        if b in ("", [], ()):
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
        from guestcard.storage.customers import _executemany  # the fast insert path

        _executemany(session, cast(Table, ChangeRow.__table__), rows)


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
        from guestcard.storage.customers import _executemany

        _executemany(session, cast(Table, ChangeRow.__table__), rows)


def record_created(session: Session, customer_ids: list[int], action: str, batch_id: int | None = None) -> None:
    if not customer_ids:
        return
    from guestcard.storage.customers import _executemany

    now, by = dt.datetime.now(), acting_user(session)
    rows = [
        {"customer_id": i, "at": now, "action": action, "field": None, "old": None, "new": None, "batch_id": batch_id,
         "by": by}
        for i in customer_ids
    ]
    _executemany(session, cast(Table, ChangeRow.__table__), rows)


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
