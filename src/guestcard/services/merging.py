"""Merging two cards of one guest into one, in one transaction, and undoing it.

Which values stay: the card kept (KEEP) keeps its own; a value only the other card (OTHER) has
fills the gap; ``take`` names the fields whose OTHER value stays instead, ``both`` the list
fields that keep both values (favourite dishes, drinks, allergies, notes: joined; phones: OTHER's
number goes to the other phones). Tags are always both cards' tags, and OTHER's phone number is
never lost: when it is not taken it joins KEEP's other phones. Every visit, reservation, contact,
relation, photo, audit entry and register entry of OTHER moves to KEEP (storage.merging); the
relations between the two are dropped. The audit trail gets one entry: "merged #34 into #12,
took phone and birthday from #34".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from guestcard.domain.messages import Code
from guestcard.domain.model import CORE_FIELDS, Customer
from guestcard.services.customers import InvalidInput, validate
from guestcard.storage import Database, history, merging
from guestcard.storage import customers as store
from guestcard.storage.merging import MergeInfo, MergeRefused, UndoCounts

__all__ = [
    "LIST_FIELDS",
    "FieldChoice",
    "MergeInfo",
    "MergePlan",
    "MergeRefused",
    "MergeResult",
    "UndoCounts",
    "list_merges",
    "merge_customers",
    "plan_merge",
    "undo_merge",
]

# Fields that can keep both cards' values (the text ones joined with 、, phones as other phones).
LIST_FIELDS = ("phone", "favorite_dishes", "favorite_drinks", "allergies", "notes", "other_phones")
_TEXT_JOIN = "、"
OTHER_PHONES = "other_phones"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass(frozen=True)
class FieldChoice:
    """A field whose value differs between the two cards, and which value the merge keeps."""

    key: str  # a form-field key ("phone", "class", "preferred_seat") or "extra:HEADER", "photo"
    keep_value: Any
    other_value: Any
    choice: str  # "keep", "other" or "both"


@dataclass(frozen=True)
class MergePlan:
    keep: Customer
    other: Customer
    merged: Customer
    choices: tuple[FieldChoice, ...]
    took: tuple[str, ...]  # fields whose value comes from OTHER

    def describe(self) -> str:
        text = f"merged #{self.other.id} into #{self.keep.id}"
        if self.took:
            names = list(self.took)
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            text += f", took {joined} from #{self.other.id}"
        return text


def _value(customer: Customer, key: str) -> Any:
    if key.startswith("extra:"):
        return customer.extra.get(key[6:])
    return customer.get(key)


def field_keys(keep: Customer, other: Customer) -> list[str]:
    """Every field either card has a value in, in form order: core, then form fields, then extra."""
    keys = [k for k in CORE_FIELDS if k != "kind"]
    keys += [k for k in dict.fromkeys((*keep.fields, *other.fields)) if k not in keys]
    keys += [f"extra:{k}" for k in dict.fromkeys((*keep.extra, *other.extra))]
    return keys


def _joined(first: Any, second: Any) -> str:
    parts = [p for value in (first, second) for p in str(value).replace(",", _TEXT_JOIN).split(_TEXT_JOIN)]
    return _TEXT_JOIN.join(dict.fromkeys(p.strip() for p in parts if p.strip()))


def plan(keep: Customer, other: Customer, take: Sequence[str] = (), both: Sequence[str] = (),
         *, other_has_photo: bool = False, keep_has_photo: bool = False) -> MergePlan:
    """What merging ``other`` into ``keep`` gives, field by field (nothing is written)."""
    keys = field_keys(keep, other)
    known = {*keys, "tags", "photo", "kind"}
    for key in (*take, *both):
        if key not in known:
            raise InvalidInput(Code.MERGE_NO_FIELD, repr(key))
    for key in both:
        if key not in LIST_FIELDS:
            raise InvalidInput(Code.MERGE_ONE_VALUE, repr(key), ", ".join(LIST_FIELDS))
    values: dict[str, Any] = {}
    extra = dict(keep.extra)
    choices: list[FieldChoice] = []
    took: list[str] = []
    for key in [*keys, "kind"]:
        mine, theirs = _value(keep, key), _value(other, key)
        if _empty(theirs) or mine == theirs:
            continue
        if _empty(mine):
            choice = "other"
        elif key in both:
            choice = "both"
        elif key in take:
            choice = "other"
        else:
            choice = "keep"
        if choice == "other" or choice == "both":
            took.append(key)
        if not _empty(mine):
            choices.append(FieldChoice(key, mine, theirs, choice))
        if choice == "keep" or (choice == "both" and key == "phone"):  # (the spare number: below)
            continue
        new = _joined(mine, theirs) if choice == "both" else theirs
        if key.startswith("extra:"):
            extra[key[6:]] = new
        else:
            values[key] = new
    # No phone number is lost: the one not kept as the phone joins the other phones.
    phones = [_value(keep, "phone"), _value(other, "phone")]
    chosen = values.get("phone", keep.phone)
    spare = [p for p in phones if p and p != chosen]
    if spare:
        existing = values.get(OTHER_PHONES, keep.fields.get(OTHER_PHONES))
        listed = [existing] if existing else []
        values[OTHER_PHONES] = _joined(_TEXT_JOIN.join(listed), _TEXT_JOIN.join(spare))
    merged = keep.with_values({k: v for k, v in values.items() if k != "kind"})
    merged = replace(
        merged,
        kind=values.get("kind", keep.kind),
        extra=extra,
        tags=tuple(dict.fromkeys((*keep.tags, *other.tags))),
        raw={**other.raw, **keep.raw},
    )
    if other_has_photo and keep_has_photo:
        choice = "other" if "photo" in take else "keep"
        choices.append(FieldChoice("photo", True, True, choice))
        if choice == "other":
            took.append("photo")
    elif other_has_photo:
        took.append("photo")
    validate(merged)
    return MergePlan(keep, other, merged, tuple(choices), tuple(dict.fromkeys(took)))


def plan_merge(db: Database, keep_id: int, other_id: int, take: Sequence[str] = (),
               both: Sequence[str] = ()) -> MergePlan:
    """The side-by-side of two cards and what merging them would give."""
    _check_ids(keep_id, other_id)
    with db.session() as session:
        keep, other = store.get_customer(session, keep_id), store.get_customer(session, other_id)
        return plan(keep, other, take, both, keep_has_photo=history.photo_of(session, keep_id) is not None,
                    other_has_photo=history.photo_of(session, other_id) is not None)


def _check_ids(keep_id: int, other_id: int) -> None:
    if keep_id == other_id:
        raise InvalidInput(Code.MERGE_ITSELF, keep_id)


@dataclass(frozen=True)
class MergeResult:
    merge: int | None  # None for a dry run
    keep_id: int
    other_id: int
    text: str
    took: tuple[str, ...]
    moved: dict[str, int]
    dropped_relations: int
    customer: Customer
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "merge": self.merge,
            "keep": self.keep_id,
            "other": self.other_id,
            "text": self.text,
            "took": list(self.took),
            "moved": self.moved,
            "dropped_relations": self.dropped_relations,
            "dry_run": self.dry_run,
        }


def merge_customers(
    db: Database,
    keep_id: int,
    other_id: int,
    take: Sequence[str] = (),
    both: Sequence[str] = (),
    *,
    dry_run: bool = False,
    expected_versions: tuple[int, int] | None = None,
) -> MergeResult:
    """Merge card ``other_id`` into ``keep_id`` (one transaction). ``expected_versions``: the
    versions the manager saw side by side; a card changed meanwhile refuses the merge."""
    _check_ids(keep_id, other_id)

    with db.session() as session:
        keep, other = store.get_customer(session, keep_id), store.get_customer(session, other_id)
        if expected_versions is not None:
            for card, version in zip((keep, other), expected_versions, strict=True):
                if card.version != version:
                    assert card.id is not None
                    raise store.VersionConflict(card.id, version, card)
        merge_plan = plan(keep, other, take, both, keep_has_photo=history.photo_of(session, keep_id) is not None,
                          other_has_photo=history.photo_of(session, other_id) is not None)
        text = merge_plan.describe()
        merge_id, counts = merging.merge_cards(
            session, merge_plan.merged, other, list(merge_plan.took), text, take_photo="photo" in take)
        customer = store.get_customer(session, keep_id)
        if dry_run:
            session.rollback()
        return MergeResult(None if dry_run else merge_id, keep_id, other_id, text, merge_plan.took,
                           counts.moved, counts.dropped_relations, customer, dry_run)


def undo_merge(db: Database, merge_id: int) -> UndoCounts:
    """Put both cards back as they were before the merge, with everything that moved. Values of the
    card kept changed since the merge stay as they are now (``UndoCounts.kept``)."""
    with db.session() as session:
        result = merging.undo_merge(session, merge_id)
        store.delete_unused_tags(session)
        return result


def list_merges(db: Database) -> list[MergeInfo]:
    with db.session() as session:
        return merging.list_merges(session)


def merged_at_text(info: MergeInfo) -> str:
    return f"{info.merged_at:%Y-%m-%d %H:%M}" if isinstance(info.merged_at, dt.datetime) else ""
