"""The guest file as plain dataclasses: what storage returns and services accept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from guestcard.domain.values import PartialDate

CUSTOMER_KINDS = ("individual", "corporate")
CUSTOMER_CLASSES = ("A", "B", "C")
GENDERS = ("male", "female")
RELATION_KINDS = ("spouse", "child", "parent", "assistant", "colleague", "works_for", "friend", "other")

# Core fields live in columns of their own and are shared by every form (one customer, many
# cards). Keys are the JSON keys of the command-line contract; "class" is `customer_class` here.
CORE_FIELDS: tuple[str, ...] = (
    "kind",
    "name",
    "honorific",
    "gender",
    "phone",
    "email",
    "birthday",
    "anniversary",
    "company",
    "position",
    "address",
    "class",
    "annual_spend",
    "favorite_dishes",
    "favorite_drinks",
    "allergies",
    "notes",
    "owner",
)
# The Customer attribute of each core field, in the same order.
CORE_ATTRIBUTES: tuple[str, ...] = tuple("customer_class" if key == "class" else key for key in CORE_FIELDS)
CORE_DATES = ("birthday", "anniversary")  # PartialDate values
CORE_CODES = ("kind", "gender", "customer_class")  # one of a few codes
CORE_MONEY = ("annual_spend",)  # Decimal yuan
# The core attributes holding free text (names, notes…), and those a spreadsheet import merges
# into an existing card (all but the account manager, who is given by hand or a handover).
CORE_TEXT: tuple[str, ...] = tuple(a for a in CORE_ATTRIBUTES if a not in (*CORE_DATES, *CORE_CODES, *CORE_MONEY))
IMPORTED_ATTRIBUTES: tuple[str, ...] = tuple(a for a in CORE_ATTRIBUTES if a != "owner")


def _attr(key: str) -> str:
    return "customer_class" if key == "class" else key


@dataclass(slots=True)
class Customer:
    name: str
    id: int | None = None
    kind: str = "individual"
    honorific: str | None = None
    gender: str | None = None
    phone: str | None = None
    email: str | None = None
    birthday: PartialDate | None = None
    anniversary: PartialDate | None = None
    company: str | None = None
    position: str | None = None
    address: str | None = None
    customer_class: str | None = None
    annual_spend: Decimal | None = None
    favorite_dishes: str | None = None
    favorite_drinks: str | None = None
    allergies: str | None = None
    notes: str | None = None
    owner: str | None = None  # 归属: the name of the staff member whose guest this is
    tags: tuple[str, ...] = ()
    # Values of the non-core form fields, by form-field key, JSON-native (guestcard.forms.values).
    fields: dict[str, Any] = field(default_factory=dict)
    # Spreadsheet columns no form field claimed, by header: kept and exported back.
    extra: dict[str, str] = field(default_factory=dict)
    # Original text of values that could not be understood, by field key.
    raw: dict[str, str] = field(default_factory=dict)
    version: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    def get(self, key: str) -> Any:
        """A field's value by form-field key, core or not."""
        if key in CORE_FIELDS:
            return getattr(self, _attr(key))
        return self.fields.get(key)

    def with_values(self, values: dict[str, Any]) -> Customer:
        """A copy with the given form-field keys set (core keys to attributes, others to fields)."""
        core = {_attr(k): v for k, v in values.items() if k in CORE_FIELDS}
        others = {k: v for k, v in values.items() if k not in CORE_FIELDS}
        new_fields = dict(self.fields)
        for key, value in others.items():
            if value is None or value == "" or value == []:
                new_fields.pop(key, None)
            else:
                new_fields[key] = value
        return replace(self, **core, fields=new_fields)

    @property
    def display_name(self) -> str:
        """How staff address the guest: the honorific (王总) when there is one."""
        return f"{self.name}（{self.honorific}）" if self.honorific else self.name


CUSTOMER_ATTRS = tuple(f.name for f in fields(Customer))


@dataclass(slots=True)
class Visit:
    """A meal or stay; one dated in the future is a reservation."""

    customer_id: int
    at: dt.datetime
    id: int | None = None
    party_size: int | None = None
    room: str | None = None
    occasion: str | None = None
    spend: Decimal | None = None
    dishes: str | None = None
    notes: str | None = None

    def is_reservation(self, now: dt.datetime | None = None) -> bool:
        return self.at > (now or dt.datetime.now())


@dataclass(slots=True)
class Contact:
    """One contact with the customer and what should happen next."""

    customer_id: int
    date: dt.date
    id: int | None = None
    channel: str | None = None
    key_points: str | None = None
    intent: str | None = None
    next_follow_up: dt.date | None = None
    follow_up_done: bool = False


@dataclass(slots=True)
class Relation:
    """``customer_id`` is the ``kind`` of ``other_id``: 1 is the spouse of 2, 3 works for 4."""

    customer_id: int
    other_id: int
    kind: str
    id: int | None = None
    note: str | None = None
    other_name: str | None = None
    inverse: bool = False  # read from the other side: ``other_id`` is the ``kind`` of ``customer_id``


@dataclass(frozen=True, slots=True)
class Change:
    """One line of a customer's history: a field changed, by what action, when."""

    customer_id: int
    at: dt.datetime
    action: str  # "create", "edit", "import", "undo-import", "insights", …
    field: str | None = None  # None for the whole card (created)
    old: Any = None
    new: Any = None
    batch_id: int | None = None
    by: str | None = None  # who was working (the current user), when known
