"""Intent levels and the follow-up rules: when to call a prospect next, who is overdue, and the
prospects nobody has contacted for longer than their level allows.

The levels are data (``intent_levels``): the 4S scale of the seed card by default — O won,
H within 7 days, A within 15 days, B within 30 days, C within 3 months, D lost — each with a
label, a colour and a follow-up interval in days, edited in the window or ``guestcard intent``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from guestcard.domain.messages import Code, Message
from guestcard.domain.model import Contact, Customer
from guestcard.domain.staff import DEFAULT_LEVELS, IntentLevel
from guestcard.services import customers
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database, history
from guestcard.storage import intent as store

WON = "O"  # a customer of this level is won: no longer a prospect
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CODE = re.compile(r"^[A-Z0-9]{1,4}$")


def levels(db: Database) -> list[IntentLevel]:
    with db.session() as session:
        return store.stored_levels(session) or list(DEFAULT_LEVELS)


def check_levels(levels_: Sequence[IntentLevel]) -> list[IntentLevel]:
    """The levels cleaned (codes upper case), or ``InvalidInput`` naming the level and what is wrong."""
    cleaned: list[IntentLevel] = []
    seen: set[str] = set()
    for number, level in enumerate(levels_, start=1):
        code = level.code.strip().upper()
        where = Message(Code.LEVEL_WHERE, (str(number), code or "?"))
        if not _CODE.match(code):
            raise InvalidInput(Code.LEVEL_CODE_FORM, where)
        if code in seen:
            raise InvalidInput(Code.LEVEL_CODE_TWICE, where, code)
        seen.add(code)
        if not level.label_zh.strip() or not level.label_en.strip():
            raise InvalidInput(Code.LEVEL_LABELS, where)
        if not _COLOR.match(level.color.strip()):
            raise InvalidInput(Code.LEVEL_COLOUR, where, repr(level.color))
        days = level.follow_up_days
        if days is not None and not 0 < days <= 3660:
            raise InvalidInput(Code.LEVEL_FOLLOW_UP, where)
        cleaned.append(replace(level, code=code, label_zh=level.label_zh.strip()[:80],
                               label_en=level.label_en.strip()[:80], color=level.color.strip(), position=number - 1))
    if not cleaned:
        raise InvalidInput(Code.LEVELS_NONE)
    return cleaned


def save_levels(db: Database, levels_: Sequence[IntentLevel]) -> list[IntentLevel]:
    cleaned = check_levels(levels_)
    with db.session() as session:
        store.replace_levels(session, cleaned)
    return cleaned


def set_level(db: Database, code: str, **changes: object) -> list[IntentLevel]:
    """Change one level (``follow_up_days``, ``label_zh``, ``label_en``, ``color``), adding it when new."""
    current = levels(db)
    code = code.strip().upper()
    found = next((level for level in current if level.code == code), None)
    if found is None:
        found = IntentLevel(code, code, code, "#607d8b", None, len(current))
        current.append(found)
    updated = replace(found, **changes)  # type: ignore[arg-type]
    return save_levels(db, [updated if level.code == code else level for level in current])


def level_of(text: str | None, levels_: Sequence[IntentLevel]) -> IntentLevel | None:
    """The level an intent written on a contact names: ``B``, ``b``, ``B级``, or its label."""
    if not text:
        return None
    word = text.strip().upper().removesuffix("级").removesuffix("类").strip()
    for level in levels_:
        if word == level.code or text.strip() in (level.label_zh, level.label_en):
            return level
    return None


def proposed_follow_up(text: str | None, day: dt.date, levels_: Sequence[IntentLevel]) -> dt.date | None:
    """The next follow-up the level's rule gives for a contact on ``day`` (``None``: no rule)."""
    level = level_of(text, levels_)
    if level is None or level.follow_up_days is None:
        return None
    return day + dt.timedelta(days=level.follow_up_days)


def log_contact(db: Database, contact: Contact) -> tuple[Contact, bool]:
    """Log a contact; without a next follow-up, the one its intent level's rule proposes. Returns
    the contact and whether the date came from the rule."""
    proposed = False
    if contact.next_follow_up is None and not contact.follow_up_done:
        day = proposed_follow_up(contact.intent, contact.date, levels(db))
        if day is not None:
            contact, proposed = replace(contact, next_follow_up=day), True
    return customers.add_contact(db, contact), proposed


def current_level(customer: Customer, last: Contact | None, levels_: Sequence[IntentLevel]) -> IntentLevel | None:
    """The customer's intent now: the level of their latest contact, else the one on the card."""
    return level_of(last.intent if last else None, levels_) or level_of(
        str(customer.fields.get("intent_level") or ""), levels_)


@dataclass(frozen=True)
class StaleProspect:
    """A prospect nobody has contacted for longer than their level allows."""

    customer: Customer
    level: IntentLevel
    last_contact: dt.date  # or the day the card was made, when never contacted
    days_since: int

    @property
    def days_over(self) -> int:
        return self.days_since - (self.level.follow_up_days or 0)


def stale_prospects(db: Database, today: dt.date | None = None, owner: str | None = None) -> list[StaleProspect]:
    """Prospects (not won, of a level with a follow-up rule) whose last contact is older than the
    rule allows, the longest overdue first."""
    today = today or dt.date.today()
    known = levels(db)
    with db.session() as session:
        pairs: list[tuple[Contact | None, Customer]] = list(store.last_contacts(session, owner))
        pairs += [(None, c) for c in store.uncontacted_with_level(session, owner)]
    found = []
    for last, customer in pairs:
        level = current_level(customer, last, known)
        if level is None or level.code == WON or level.follow_up_days is None:
            continue
        since = last.date if last else (customer.created_at or dt.datetime.now()).date()
        days = (today - since).days
        if days > level.follow_up_days:
            found.append(StaleProspect(customer, level, since, days))
    found.sort(key=lambda s: (-s.days_over, s.customer.id or 0))
    return found


def overdue_by_owner(
    db: Database, today: dt.date | None = None, owner: str | None = None
) -> dict[str | None, list[tuple[Contact, Customer]]]:
    """Open follow-ups planned before ``today``, grouped by the customer's owner (``None``: no owner)."""
    today = today or dt.date.today()
    with db.session() as session:
        due = history.follow_ups_due(session, today - dt.timedelta(days=1))
    grouped: dict[str | None, list[tuple[Contact, Customer]]] = {}
    for contact, customer in due:
        if owner and customer.owner != owner:
            continue
        grouped.setdefault(customer.owner, []).append((contact, customer))
    return grouped
