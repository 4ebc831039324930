"""The demo shows the account managers' work at once: staff (one of whom left), owners, the
register of walk-ins and calls, prospects followed up by the intent rules; demo data added twice
stays whole."""

from __future__ import annotations

import datetime as dt

from guestcard.services import customers, intent, register, review, staff
from guestcard.services.demo import fill_demo
from guestcard.services.demo_staff import ACCOUNT_MANAGERS, FRONT_DESK, LEFT, MANAGER
from guestcard.storage import CustomerFilter, Database

TODAY = dt.date.today()  # the register's entries are of the hours gone by: the demo's today is today


def test_the_demo_fills_staff_owners_register_and_follow_ups(db: Database) -> None:
    fill_demo(db, 120, seed=7, today=TODAY)
    members = {m.name: m for m in staff.list_staff(db)}
    assert members[MANAGER].role == "manager" and members[FRONT_DESK].role == "front_desk"
    assert {n for n, m in members.items() if m.role == "account_manager" and m.active} == set(ACCOUNT_MANAGERS)
    assert not members[LEFT].active and members[LEFT].left_on is not None and members[LEFT].left_on < TODAY

    owned, strangers = staff.staff_overview(db)
    counts = {s.member.name: s.customers for s in owned}
    assert all(counts[name] > 5 for name in ACCOUNT_MANAGERS) and counts[LEFT] > 0 and not strangers
    # The one who left has guests to hand over; a dry run names them and moves nothing.
    moved = staff.handover(db, LEFT, ACCOUNT_MANAGERS[0], dry_run=True)
    assert len(moved.customer_ids) == counts[LEFT]

    entries = register.entries(db, TODAY - dt.timedelta(days=28), TODAY)
    assert len(entries) == 36 and all(e.at <= dt.datetime.now() for e in entries)
    assert any(e.customer_id for e in entries) and any(e.name is None for e in entries)
    assert len(register.count_by_source(db)) >= 4
    assert customers.count_customers(db) == 120  # the register made no card of its own
    assert any(e.name and e.phone and not e.customer_id for e in entries)  # new people, a card a click away

    # Contacts along the intent scale, their follow-ups planned by the levels' rules.
    levels = intent.levels(db)
    followed = [c for c in _contacts(db) if c.intent in ("H", "A", "B", "C") and c.follow_up_done]
    assert followed and all(c.next_follow_up == intent.proposed_follow_up(c.intent, c.date, levels)
                            for c in followed)
    overdue = intent.overdue_by_owner(db, TODAY)
    assert set(ACCOUNT_MANAGERS) & {owner for owner in overdue if owner}
    figures = review.review(db, TODAY - dt.timedelta(days=45), TODAY)
    assert figures.total.converted > 0 and figures.total.follow_ups_on_time > 0
    assert figures.total.follow_ups_late + figures.total.follow_ups_missed > 0
    assert {s.source for s in figures.sources if s.customers} >= {"phone", "walk_in"}


def _contacts(db: Database) -> list:
    found = []
    for customer in customers.list_customers(db, CustomerFilter()):
        assert customer.id is not None
        found += customers.customer_file(db, customer.id).contacts
    return found


def test_demo_data_added_twice_stays_whole(db: Database) -> None:
    fill_demo(db, 40, seed=7, today=TODAY, duplicates=True)
    fill_demo(db, 40, seed=8, today=TODAY, duplicates=True)
    names = [m.name for m in staff.list_staff(db)]
    assert len(names) == len(set(names)) == 6
    assert len(register.entries(db)) == 72
    owners = {c.owner for c in customers.list_customers(db, CustomerFilter())} - {None}
    assert owners <= set(names)
