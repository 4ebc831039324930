"""Staff and ownership: the staff list, who owns each guest, handing guests over, who is working."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from guestcard.domain.messages import Code, Message
from guestcard.domain.staff import STAFF_ROLES, StaffMember
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database
from guestcard.storage import customers as customer_store
from guestcard.storage import staff as store

ROLE_LABELS = {
    "manager": ("经理", "Manager"),
    "account_manager": ("客户经理", "Account manager"),
    "front_desk": ("前台", "Front desk"),
    "waiter": ("服务员", "Waiter"),
}
# What people type for a role: the keys, and the Chinese and English labels.
_ROLE_WORDS = {
    word.casefold().replace(" ", "_"): role
    for role, labels in ROLE_LABELS.items()
    for word in (role, *labels)
}
MAX_NAME = 80


def parse_role(text: str) -> str:
    role = _ROLE_WORDS.get(text.strip().casefold().replace(" ", "_").replace("-", "_"))
    if role is None:
        raise InvalidInput(Code.ROLE_UNKNOWN, repr(text), ", ".join(STAFF_ROLES))
    return role


def _clean_name(name: str, what: str = "name") -> str:
    cleaned = " ".join(str(name or "").split())
    if not cleaned:
        raise InvalidInput(Code.STAFF_NAME_REQUIRED, what)
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(Code.TEXT_AT_MOST, what, MAX_NAME)
    return cleaned


def add_staff(db: Database, name: str, role: str = "account_manager", *, login: str | None = None) -> StaffMember:
    """A new member of staff; a name already on the list is refused (names identify owners)."""
    name = _clean_name(name)
    role = parse_role(role)
    login = (login or "").strip() or None
    with db.session() as session:
        if store.find_staff(session, name) is not None:
            raise InvalidInput(Code.STAFF_NAME_TAKEN, repr(name))
        if login is not None and store.staff_by_login(session, login) is not None:
            raise InvalidInput(Code.LOGIN_TAKEN, repr(login))
        return store.insert_staff(session, StaffMember(name=name, role=role, login=login))


def list_staff(db: Database, *, active_only: bool = False) -> list[StaffMember]:
    with db.session() as session:
        return store.list_staff(session, active_only=active_only)


def get_staff(db: Database, name: str) -> StaffMember:
    with db.session() as session:
        return store.get_staff(session, name)


@dataclass(frozen=True)
class StaffSummary:
    member: StaffMember
    customers: int


def staff_overview(db: Database) -> tuple[list[StaffSummary], dict[str, int]]:
    """Every staff member with how many guests they own, and the owner names found on cards that
    are not on the staff list (from an import), with their counts."""
    with db.session() as session:
        members = store.list_staff(session)
        counts = store.owned_counts(session)
    known = {m.name for m in members}
    return (
        [StaffSummary(m, counts.get(m.name, 0)) for m in members],
        {name: count for name, count in sorted(counts.items()) if name not in known},
    )


def leave(db: Database, name: str, on: dt.date | None = None) -> StaffMember:
    """Mark someone as having left; their guests keep them as owner until handed over."""
    with db.session() as session:
        member = store.get_staff(session, name)
        if not member.active:
            raise InvalidInput(Code.STAFF_LEFT_ALREADY, repr(name), str(member.left_on))
        return store.mark_left(session, name, on or dt.date.today())


@dataclass(frozen=True)
class Handover:
    """What a hand-over moved (or, in a dry run, would move)."""

    from_owner: str
    to_owner: str
    customer_ids: list[int]
    names: list[str]
    dry_run: bool


def handover(
    db: Database,
    from_owner: str,
    to_owner: str,
    *,
    customer_class: str | None = None,
    ids: list[int] | None = None,
    dry_run: bool = False,
) -> Handover:
    """Give the customers of ``from_owner`` (all, one class's, or only ``ids``) to ``to_owner``,
    each change in the card's history (action "handover", by the current user). One transaction:
    every card moves or none."""
    from_owner, to_owner = _clean_name(from_owner, "from"), _clean_name(to_owner, "to")
    if from_owner == to_owner:
        raise InvalidInput(Code.HANDOVER_SAME_OWNER)
    with db.session() as session:
        receiver = store.get_staff(session, to_owner)
        if not receiver.active:
            raise InvalidInput(Code.HANDOVER_TO_LEFT, repr(to_owner))
        if store.find_staff(session, from_owner) is None and not store.owned_counts(session).get(from_owner):
            store.get_staff(session, from_owner)  # NotFound, naming the staff list
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)] if ids is not None else [None]
        moving = [
            customer
            for chunk in chunks
            for customer in store.customers_owned(session, from_owner, customer_class=customer_class, ids=chunk)
        ]
        if ids is not None:
            missing = sorted(set(ids) - {c.id for c in moving})
            if missing:
                raise InvalidInput(Code.HANDOVER_NOT_THEIRS, missing[0], repr(from_owner))
        if not dry_run and moving:
            changes = [(c, replace(c, owner=to_owner)) for c in moving]
            customer_store.bulk_update_customers(session, changes, action="handover")
        return Handover(from_owner, to_owner, [c.id for c in moving if c.id is not None],
                        [c.name for c in moving], dry_run)


# --- who is working ---------------------------------------------------------------------------


def choose_user(db: Database, name: str | None) -> str | None:
    """Make ``name`` (a staff member still working here) the current user of ``db``: every change
    is recorded with it. Without a name, on a server, the staff member whose login is the
    connection's user; else nobody (changes are recorded without a name)."""
    with db.session() as session:
        if name:
            member = store.find_staff(session, _clean_name(name, "user"))
            if member is None:
                raise InvalidInput(Code.FIELD_UNREADABLE, "user", Message(Code.NO_STAFF_NAMED, (repr(name),)))
            if not member.active:
                raise InvalidInput(Code.USER_LEFT, repr(member.name))
        else:
            login = db.login
            member = store.staff_by_login(session, login) if login else None
    db.user = member.name if member is not None else None
    return db.user
