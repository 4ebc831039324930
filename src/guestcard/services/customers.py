"""Create, change, find and delete customers; their visits, contacts and relations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from guestcard.domain.limits import too_long
from guestcard.domain.messages import Code, Refusal, message_of
from guestcard.domain.model import (
    CUSTOMER_CLASSES,
    CUSTOMER_KINDS,
    GENDERS,
    RELATION_KINDS,
    Change,
    Contact,
    Customer,
    Relation,
    Visit,
)
from guestcard.domain.photos import photo_media_type, photo_problem
from guestcard.forms import FormLibrary, parse_value
from guestcard.storage import CustomerFilter, Database, audit, history
from guestcard.storage import customers as store


class InvalidInput(Refusal, ValueError):
    """Input a person must correct; the message says which field and why (``Code`` and arguments)."""


def validate(customer: Customer) -> None:
    if not customer.name or not customer.name.strip():
        raise InvalidInput(Code.NAME_REQUIRED)
    if customer.kind not in CUSTOMER_KINDS:
        raise InvalidInput(Code.KIND_UNKNOWN, repr(customer.kind), ", ".join(CUSTOMER_KINDS))
    if customer.customer_class is not None and customer.customer_class not in CUSTOMER_CLASSES:
        raise InvalidInput(Code.CLASS_UNKNOWN, repr(customer.customer_class))
    if customer.gender is not None and customer.gender not in GENDERS:
        raise InvalidInput(Code.GENDER_UNKNOWN, repr(customer.gender))
    for key, length, limit in too_long(customer):  # the same limit on SQLite as on PostgreSQL
        raise InvalidInput(Code.TOO_LONG, key, length, limit)


def parse_values(library: FormLibrary, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed values from text by field key (``{"birthday": "3月2日"}``); unknown keys are refused."""
    values: dict[str, Any] = {}
    for key, text in raw.items():
        if key == "tags":
            values["tags"] = tuple(t.strip() for t in str(text).replace("，", ",").split(",") if t.strip())
            continue
        try:
            spec = library.field(key)
        except KeyError:
            raise InvalidInput(Code.FIELD_UNKNOWN, key, repr(key)) from None
        try:
            values[key] = parse_value(spec, text)
        except ValueError as exc:
            raise InvalidInput(Code.FIELD_UNREADABLE, key, message_of(exc) or str(exc)) from None
    return values


def build_customer(values: Mapping[str, Any]) -> Customer:
    """A new customer from typed values by field key (``parse_values``)."""
    tags = tuple(values.get("tags", ()))
    fields = {k: v for k, v in values.items() if k != "tags"}
    customer = Customer(name=str(fields.get("name") or "")).with_values(
        {k: v for k, v in fields.items() if k != "name"}
    )
    customer = replace(customer, tags=tags, kind=fields.get("kind") or "individual")
    validate(customer)
    return customer


def create_customer(db: Database, customer: Customer) -> Customer:
    validate(customer)
    with db.session() as session:
        return store.insert_customer(session, replace(customer, id=None))


def save_customer(
    db: Database, customer: Customer, *, expected_version: int | None = None, base: Customer | None = None
) -> Customer:
    """Write a whole edited card; refuses (``VersionConflict``) if it changed since it was read.
    With ``base`` (the card as it was read) a change made elsewhere meanwhile is merged, and only
    a field changed on both sides is refused."""
    validate(customer)
    with db.session() as session:
        return store.update_customer(session, customer, expected_version=expected_version, base=base)


def update_customer(
    db: Database, customer_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
) -> Customer:
    """Set some fields (typed values by field key; ``None`` clears a field)."""
    with db.session() as session:
        current = store.get_customer(session, customer_id)
        tags = values.get("tags", current.tags)
        updated = replace(current.with_values({k: v for k, v in values.items() if k != "tags"}), tags=tuple(tags))
        if "kind" in values and values["kind"] is None:
            updated = replace(updated, kind=current.kind)
        validate(updated)
        # base: a save elsewhere between this read and the write is merged, not refused
        return store.update_customer(session, updated, expected_version=expected_version,
                                     base=current if expected_version in (None, current.version) else None)


def delete_customer(db: Database, customer_id: int) -> None:
    """Remove the customer and everything about them (visits, contacts, relations, tags)."""
    with db.session() as session:
        store.delete_customer(session, customer_id)
        store.delete_unused_tags(session)


def history_of(db: Database, customer_id: int) -> list[Change]:
    """The card's audit trail, newest first: every field changed, when, and by which action."""
    with db.session() as session:
        store.get_customer(session, customer_id)  # NotFound for an unknown id
        return audit.changes_of(session, customer_id)


def get_customer(db: Database, customer_id: int) -> Customer:
    with db.session() as session:
        return store.get_customer(session, customer_id)


def get_customers(db: Database, ids: Sequence[int]) -> list[Customer]:
    with db.session() as session:
        return store.get_customers(session, ids)


def list_customers(
    db: Database, flt: CustomerFilter = CustomerFilter(), *, limit: int | None = None, offset: int = 0
) -> list[Customer]:
    with db.session() as session:
        return store.list_customers(session, flt, limit=limit, offset=offset)


def count_customers(db: Database, flt: CustomerFilter = CustomerFilter()) -> int:
    with db.session() as session:
        return store.count_customers(session, flt)


def find_duplicates(db: Database, customer: Customer) -> list[Customer]:
    """Customers who are probably this one: the same phone (for "open the existing card?")."""
    if not customer.phone:
        return []
    with db.session() as session:
        return [c for c in store.find_by_phone(session, customer.phone) if c.id != customer.id]


def all_tags(db: Database) -> list[str]:
    with db.session() as session:
        return store.all_tags(session)


# --- the whole file of one customer ------------------------------------------------------------


@dataclass
class CustomerFile:
    customer: Customer
    visits: list[Visit] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def customer_file(db: Database, customer_id: int, *, history_limit: int | None = None) -> CustomerFile:
    with db.session() as session:
        return CustomerFile(
            customer=store.get_customer(session, customer_id),
            visits=history.visits_of(session, customer_id, history_limit),
            contacts=history.contacts_of(session, customer_id, history_limit),
            relations=history.relations_of(session, customer_id),
        )


# --- visits, contacts, relations ------------------------------------------------------------


def add_visit(db: Database, visit: Visit) -> Visit:
    if visit.party_size is not None and visit.party_size < 1:
        raise InvalidInput(Code.PARTY_TOO_SMALL)
    if visit.spend is not None and visit.spend < 0:
        raise InvalidInput(Code.SPEND_NEGATIVE)
    with db.session() as session:
        return history.insert_visit(session, visit)


def update_visit(db: Database, visit: Visit) -> Visit:
    with db.session() as session:
        return history.update_visit(session, visit)


def delete_visit(db: Database, visit_id: int) -> None:
    with db.session() as session:
        history.delete_visit(session, visit_id)


def add_contact(db: Database, contact: Contact) -> Contact:
    if contact.next_follow_up is not None and contact.next_follow_up < contact.date:
        raise InvalidInput(Code.FOLLOW_UP_BEFORE_CONTACT)
    with db.session() as session:
        return history.insert_contact(session, contact)


def update_contact(db: Database, contact: Contact) -> Contact:
    with db.session() as session:
        return history.update_contact(session, contact)


def delete_contact(db: Database, contact_id: int) -> None:
    with db.session() as session:
        history.delete_contact(session, contact_id)


def mark_follow_up_done(db: Database, contact_id: int) -> Contact:
    with db.session() as session:
        contact = history.get_contact(session, contact_id)
        return history.update_contact(session, replace(contact, follow_up_done=True))


def add_relation(db: Database, relation: Relation) -> Relation:
    if relation.kind not in RELATION_KINDS:
        raise InvalidInput(Code.KIND_UNKNOWN, repr(relation.kind), ", ".join(RELATION_KINDS))
    if relation.customer_id == relation.other_id:
        raise InvalidInput(Code.RELATED_TO_SELF)
    with db.session() as session:
        return history.insert_relation(session, relation)


def delete_relation(db: Database, relation_id: int) -> None:
    with db.session() as session:
        history.delete_relation(session, relation_id)


def reservations_on(db: Database, day: dt.date) -> list[tuple[Visit, Customer]]:
    """The day's visits and reservations in time order, with their customers."""
    start = dt.datetime.combine(day, dt.time())
    with db.session() as session:
        return history.visits_between(session, start, start + dt.timedelta(days=1))


def set_photo(db: Database, customer_id: int, image: bytes | None) -> None:
    """Keep a JPEG or PNG photo of the customer (printed on the card); ``None`` removes it
    (``domain.photos``: the rule a vCard's photo on import follows too)."""
    media_type = "image/jpeg"
    if image is not None:
        if photo_problem(image) is not None:  # domain.photos' rule, said by its code
            raise InvalidInput(Code.PHOTO_KIND if photo_media_type(image) is None else Code.PHOTO_TOO_LARGE,
                               len(image) // 1024)
        media_type = photo_media_type(image) or media_type
    with db.session() as session:
        history.set_photo(session, customer_id, image, media_type)


def get_photo(db: Database, customer_id: int) -> bytes | None:
    with db.session() as session:
        return history.photo_of(session, customer_id)
