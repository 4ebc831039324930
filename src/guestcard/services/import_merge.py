"""What an incoming row does to the card it matches: fill what is empty, keep what differs.

An old sheet is no authority over a card kept up to date since: by default (``merge_row``) a value
the card lacks is filled in, one the card has and the sheet writes differently is kept as the
card's, the sheet's noted (``FieldChange.action == "keep"``; the import writes it to the card's
history as ``import-kept``). A value that only adds to the card's (``--12-03`` → ``1985-12-03``,
``约1985年`` → ``1985-12-03``) fills it. With ``overwrite`` the sheet's non-empty values replace
the card's, as the import always did before: a choice the manager makes knowingly.

Every field an update touches or keeps is reported, old → new, for the dry run to show.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from guestcard.domain import Customer, PartialDate
from guestcard.domain.model import IMPORTED_ATTRIBUTES
from guestcard.storage import audit
from guestcard.storage import customers as store

Action = Literal["fill", "replace", "keep"]
KEPT_ACTION = "import-kept"  # the audit trail's action for a sheet's value the card did not take

# The card's attributes an import merges (those of ``storage.customers.merge_values``); ``kind``
# is left out of the default merge: a sheet without a kind column says "individual" of everyone.
_ATTRS = tuple(a for a in IMPORTED_ATTRIBUTES if a != "kind")
_EMPTY = (None, "", [], ())


class FieldChange(NamedTuple):
    """One field of an existing card an incoming row would fill, replace, or leave as it is.

    A named tuple, not a dataclass: an import of 100,000 rows makes a quarter of a million of
    them, and a frozen dataclass costs twice the time to make (``field_changes`` makes them)."""

    sheet: str
    row: int
    customer_id: int
    name: str  # the card's name
    field: str  # a field key ("class" for the class), "extra:HEADER" or "tags"
    old: Any  # JSON values: what the card says…
    new: Any  # …and what the sheet says
    action: Action

    def to_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "customer": self.customer_id, "name": self.name,
                "field": self.field,
                "old": self.old, "new": self.new, "action": self.action}


def field_changes(sheet: str, row: int, customer_id: int, name: str,
                  notes: list[tuple[str, Any, Any, Action]]) -> list[FieldChange]:
    """The ``FieldChange`` of each (field, old, new, action) note ``merge_row`` gave for one row."""
    head = (sheet, row, customer_id, name)
    return [_tuple_new(FieldChange, head + note) for note in notes]


_tuple_new = tuple.__new__  # a named tuple made from its values in C, without __new__'s keyword handling


def _key(attr: str) -> str:
    return "class" if attr == "customer_class" else attr


def _json(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _adds_to(old: Any, new: Any) -> bool:
    """Whether the sheet's date only says more than the card's (a year to a month-day, a day to
    an approximate year): nothing the card says is lost."""
    if not (isinstance(old, PartialDate) and isinstance(new, PartialDate)) or old.lunar or new.lunar:
        return False
    if old.year_only:
        return not new.year_only and new.year == old.year
    return old.year is None and new.year is not None and (old.month, old.day) == (new.month, new.day)


def merge_row(card: Customer, incoming: Customer, *, overwrite: bool = False
              ) -> tuple[Customer, list[tuple[str, Any, Any, Action]]]:
    """The card after the row, and each (field, card's value, sheet's value, action)."""
    if overwrite:
        merged = store.merge_values(card, incoming)
        return merged, [(key, old, new, "fill" if old is None else "replace")
                        for key, old, new in audit.diff(card, merged) if not key.startswith("raw:")]
    set_attrs: dict[str, Any] = {}
    notes: list[tuple[str, Any, Any, Action]] = []

    def consider(key: str, old: Any, new: Any) -> bool:
        """Whether the sheet's value goes on the card."""
        if new in _EMPTY or old == new:
            return False
        if old in _EMPTY or _adds_to(old, new):
            notes.append((key, _json(old) if old not in _EMPTY else None, _json(new), "fill"))
            return True
        notes.append((key, _json(old), _json(new), "keep"))
        return False

    for attr in _ATTRS:
        new = getattr(incoming, attr)
        if consider(_key(attr), getattr(card, attr), new):
            set_attrs[attr] = new
    fields = dict(card.fields)
    for key, new in incoming.fields.items():
        if consider(key, card.fields.get(key), new):
            fields[key] = new
    extra = dict(card.extra)
    for header, new in incoming.extra.items():
        if consider(f"extra:{header}", card.extra.get(header), new):
            extra[header] = new
    # Original text of a value the sheet could not read: kept for a field the card has no value of.
    raw = {**card.raw, **{k: v for k, v in incoming.raw.items() if k not in card.raw and card.get(k) in _EMPTY}}
    tags = tuple(dict.fromkeys((*card.tags, *incoming.tags)))
    if tags != card.tags:
        notes.append(("tags", list(card.tags), list(tags), "fill"))
    merged = replace(card, **set_attrs, fields=fields, extra=extra, raw=raw, tags=tags)
    return merged, notes


def with_sheet_values(card: Customer, kept: list[tuple[str, Any, Any, Action]], incoming: Customer) -> Customer:
    """The card as the sheet would have it in the kept fields: the audit trail records card → this."""
    keys = {key for key, *_ in kept}
    attrs = {a: getattr(incoming, a) for a in _ATTRS if _key(a) in keys}
    fields = {**card.fields, **{k: v for k, v in incoming.fields.items() if k in keys}}
    extra = {**card.extra, **{h: v for h, v in incoming.extra.items() if f"extra:{h}" in keys}}
    return replace(card, **attrs, fields=fields, extra=extra)


def photo_action(card_photo: bytes | None, incoming: bytes, *, overwrite: bool = False) -> Action | None:
    """What a row's photo (a vCard's PHOTO) does to the card's, by the same rules as a field: a
    card without one gets it; one with another keeps its own unless ``overwrite``."""
    if card_photo is None:
        return "fill"
    if card_photo == incoming:
        return None
    return "replace" if overwrite else "keep"


def photo_words(image: bytes | None) -> str | None:
    """A photo as the trial run lists it: ``PNG, 3 KB``."""
    if image is None:
        return None
    kind = "PNG" if image.startswith(b"\x89PNG") else "JPEG"
    return f"{kind}, {max(1, round(len(image) / 1024))} KB"
