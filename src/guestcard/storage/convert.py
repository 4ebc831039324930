"""Explicit conversion between ORM rows and domain dataclasses, at the storage boundary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any

from guestcard.domain.model import (
    CORE_ATTRIBUTES,
    CORE_DATES,
    CORE_MONEY,
    CUSTOMER_ATTRS,
    Contact,
    Customer,
    Relation,
    Visit,
)
from guestcard.domain.values import PartialDate, cents_to_money, money_to_cents
from guestcard.storage import search_index
from guestcard.storage.models import ContactRow, CustomerRow, RelationRow, VisitRow

# Columns copied as they are between a Customer and its row (dates and money are converted).
_PLAIN = tuple(a for a in CORE_ATTRIBUTES if a not in (*CORE_DATES, *CORE_MONEY))
# Non-core fields whose text is searchable too, and which hold more phone numbers.
SEARCHABLE_FIELDS = ("other_phones", "preferred_seat", "special_preferences", "family_members", "contact_persons")
PHONE_FIELDS = ("other_phones",)


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _md(value: PartialDate | None) -> str | None:
    return value.month_day if value and not value.year_only else None


def _cents(value: Decimal | None) -> int | None:
    return money_to_cents(value) if value is not None else None


def customer_columns(customer: Customer, now: dt.datetime | None = None) -> dict[str, Any]:
    """Every column value of a customer's row except id, version and tags, search material included."""
    values: dict[str, Any] = {attr: getattr(customer, attr) for attr in _PLAIN}
    name = search_index.name_material(customer.name)
    values.update(
        birthday=_iso(customer.birthday),
        birthday_md=_md(customer.birthday),
        anniversary=_iso(customer.anniversary),
        anniversary_md=_md(customer.anniversary),
        annual_spend_cents=_cents(customer.annual_spend),
        fields=dict(customer.fields),
        extra=dict(customer.extra),
        raw=dict(customer.raw),
        search_name=search_index.search_name(customer.name, customer.honorific),
        search_other=_search_other(customer),
        search_pinyin=name.pinyin or None,
        name_sort=name.sort_key,
        search_phones=search_index.phone_digits(
            (customer.phone, *(str(customer.fields.get(k) or "") for k in PHONE_FIELDS))
        ),
    )
    stamp = now or dt.datetime.now()
    values["updated_at"] = stamp
    values["created_at"] = customer.created_at or stamp
    return values


def customer_column_lists(customers: Sequence[Customer], now: dt.datetime) -> dict[str, list[Any]]:
    """``customer_columns`` of many customers (new ones: version 1) under the table's column names
    (``class``), column by column: a bulk insert binds columns, and building a dict per card,
    renamed and taken apart again, cost a third of inserting 100,000 of them."""
    columns: dict[str, list[Any]] = {
        "class" if attr == "customer_class" else attr: list(map(attrgetter(attr), customers)) for attr in _PLAIN
    }
    births = list(map(attrgetter("birthday"), customers))
    anniversaries = list(map(attrgetter("anniversary"), customers))
    names = [search_index.name_material(c.name) for c in customers]
    columns.update(
        birthday=list(map(_iso, births)),
        birthday_md=list(map(_md, births)),
        anniversary=list(map(_iso, anniversaries)),
        anniversary_md=list(map(_md, anniversaries)),
        annual_spend_cents=[_cents(c.annual_spend) for c in customers],
        fields=list(map(attrgetter("fields"), customers)),  # (bound as JSON text at once: no copy)
        extra=list(map(attrgetter("extra"), customers)),
        raw=list(map(attrgetter("raw"), customers)),
        search_name=[search_index.search_name(c.name, c.honorific) for c in customers],
        search_other=[_search_other(c) for c in customers],
        search_pinyin=[name.pinyin or None for name in names],
        name_sort=[name.sort_key for name in names],
        search_phones=[
            search_index.phone_digits((c.phone, *(str(c.fields.get(k) or "") for k in PHONE_FIELDS)))
            for c in customers
        ],
        updated_at=[now] * len(customers),
        created_at=[c.created_at or now for c in customers],
        version=[1] * len(customers),
    )
    return columns


def _search_other(customer: Customer) -> str:
    """The ``search_other`` column: every other searchable value, spaced."""
    fields = customer.fields
    return search_index.search_other(
        (
            customer.company,
            customer.position,
            customer.favorite_dishes,
            customer.favorite_drinks,
            customer.allergies,
            customer.notes,
            customer.email,
            customer.address,
            *customer.tags,
            *(str(fields.get(key) or "") for key in SEARCHABLE_FIELDS),
        )
    )


def search_terms(customer: Customer) -> list[str]:
    """The rows of ``search_terms`` for a customer: the pinyin terms of the name, and each phone
    number reversed (found by its end)."""
    phones = search_index.phone_digits((customer.phone, *(str(customer.fields.get(k) or "") for k in PHONE_FIELDS)))
    return terms_of(customer.name, phones)


def terms_of(name: str, search_phones: str | None) -> list[str]:
    """``search_terms`` from a row's ``name`` and ``search_phones``, already computed."""
    pinyin = (t[:40] for t in search_index.name_material(name).terms)
    return list(dict.fromkeys((*pinyin, *search_index.ending_terms(search_phones))))


def row_to_customer(row: CustomerRow) -> Customer:
    return Customer(
        id=row.id,
        **{attr: getattr(row, attr) for attr in _PLAIN},
        birthday=PartialDate.from_iso(row.birthday) if row.birthday else None,
        anniversary=PartialDate.from_iso(row.anniversary) if row.anniversary else None,
        annual_spend=cents_to_money(row.annual_spend_cents) if row.annual_spend_cents is not None else None,
        tags=tuple(tag.name for tag in row.tags),
        fields=dict(row.fields or {}),
        extra=dict(row.extra or {}),
        raw=dict(row.raw or {}),
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


# The columns ``values_to_customer`` reads: not the search material (the longest texts of a row).
CUSTOMER_VALUE_COLUMNS: tuple[str, ...] = (
    "id", *("class" if attr == "customer_class" else attr for attr in _PLAIN), "birthday", "anniversary",
    "annual_spend_cents", "fields", "extra", "raw", "version", "created_at", "updated_at",
)


def values_to_customer(row: Any, tags: tuple[str, ...]) -> Customer:
    """``row_to_customer`` from a plain result row of the customers table (by column name: the
    class is ``class``) and its tags by name: no ORM object made."""
    birthday, anniversary, cents = row["birthday"], row["anniversary"], row["annual_spend_cents"]
    return Customer(
        id=row["id"],
        **{attr: row["class" if attr == "customer_class" else attr] for attr in _PLAIN},
        birthday=PartialDate.from_iso(birthday) if birthday else None,
        anniversary=PartialDate.from_iso(anniversary) if anniversary else None,
        annual_spend=cents_to_money(cents) if cents is not None else None,
        tags=tags,
        fields=dict(row["fields"] or {}),
        extra=dict(row["extra"] or {}),
        raw=dict(row["raw"] or {}),
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def row_to_visit(row: VisitRow) -> Visit:
    return Visit(
        id=row.id,
        customer_id=row.customer_id,
        at=row.at,
        party_size=row.party_size,
        room=row.room,
        occasion=row.occasion,
        spend=cents_to_money(row.spend_cents) if row.spend_cents is not None else None,
        dishes=row.dishes,
        notes=row.notes,
    )


def visit_columns(visit: Visit) -> dict[str, Any]:
    return {
        "customer_id": visit.customer_id,
        "at": visit.at,
        "party_size": visit.party_size,
        "room": visit.room,
        "occasion": visit.occasion,
        "spend_cents": _cents(visit.spend),
        "dishes": visit.dishes,
        "notes": visit.notes,
    }


def row_to_contact(row: ContactRow) -> Contact:
    return Contact(
        id=row.id,
        customer_id=row.customer_id,
        date=row.date,
        channel=row.channel,
        key_points=row.key_points,
        intent=row.intent,
        next_follow_up=row.next_follow_up,
        follow_up_done=row.follow_up_done,
    )


def contact_columns(contact: Contact) -> dict[str, Any]:
    return {
        "customer_id": contact.customer_id,
        "date": contact.date,
        "channel": contact.channel,
        "key_points": contact.key_points,
        "intent": contact.intent,
        "next_follow_up": contact.next_follow_up,
        "follow_up_done": contact.follow_up_done,
    }


def row_to_relation(row: RelationRow, other_name: str | None = None) -> Relation:
    return Relation(
        id=row.id,
        customer_id=row.customer_id,
        other_id=row.other_id,
        kind=row.kind,
        note=row.note,
        other_name=other_name,
    )


def customer_snapshot(customer: Customer) -> dict[str, Any]:
    """Every value of a customer as JSON, to restore it later (undo of an import)."""
    data = {name: getattr(customer, name) for name in CUSTOMER_ATTRS if name not in ("created_at", "updated_at")}
    data["birthday"] = _iso(customer.birthday)
    data["anniversary"] = _iso(customer.anniversary)
    data["annual_spend"] = None if customer.annual_spend is None else str(customer.annual_spend)
    data["tags"] = list(customer.tags)
    return data


def customer_from_snapshot(data: dict[str, Any]) -> Customer:
    values = dict(data)
    values["birthday"] = PartialDate.from_iso(values["birthday"]) if values.get("birthday") else None
    values["anniversary"] = PartialDate.from_iso(values["anniversary"]) if values.get("anniversary") else None
    values["annual_spend"] = Decimal(values["annual_spend"]) if values.get("annual_spend") is not None else None
    values["tags"] = tuple(values.get("tags") or ())
    return Customer(**values)
