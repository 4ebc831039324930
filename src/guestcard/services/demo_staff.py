"""Demo staff and the account managers' work: a manager, account managers, front desk and one who
left; an owner on most cards; walk-ins and calls of the last weeks in the register; and contacts
along the intent scale, followed up by the levels' rules (some on time, some late, some due), so
the Today page, the hand-over, the register, the briefing and the review show something at once.

Drawn from generators of their own: the rest of the demo (which other tests rely on) is as before.
Adding demo data twice adds no staff member twice.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import replace

from guestcard.domain.model import Contact, Customer
from guestcard.domain.staff import RegisterEntry
from guestcard.services import intent, register, staff
from guestcard.storage import Database, history

MANAGER = "周丽华"
ACCOUNT_MANAGERS = ("陈晓东", "林雅婷", "黄志刚")
FRONT_DESK = "吴芳"
LEFT = "孙建明"  # an account manager who left: their guests wait for a hand-over
STAFF = (
    (MANAGER, "manager"), *((name, "account_manager") for name in ACCOUNT_MANAGERS),
    (FRONT_DESK, "front_desk"), (LEFT, "account_manager"),
)
# Who owns a card: the account managers by share, the one who left a few; nobody for the rest.
OWNERS = (*ACCOUNT_MANAGERS, LEFT)
OWNER_WEIGHTS = (40, 30, 20, 10)
OWNED_SHARE = {"A": 0.95, "B": 0.8, "C": 0.45}

PURPOSES = (("booking", 50), ("banquet", 20), ("enquiry", 20), ("complaint", 10))
SOURCES = (("phone", 35), ("walk_in", 20), ("referral", 12), ("online", 10), ("wechat", 15), ("event", 5),
           ("passing_by", 3))
OUTCOMES = {
    "booking": ("已订座", "已订包房", "当天已满，改约下周"),
    "banquet": ("已发宴会菜单", "约好看场地", "报价中"),
    "enquiry": ("已解答", "已加微信发菜单", "留了电话待回访"),
    "complaint": ("已致歉，下次赠送果盘", "经理已回电", "已记录，转厨房"),
}
NEW_NAMES = ("郑先生", "冯女士", "钱总", "蒋经理", "韩女士", "曹先生", "邓总", "彭女士", "许先生", "秦女士")
INTENT_PATH = ("C", "B", "A", "H", "O")  # a prospect warming up, level by level
CONTACT_POINTS = ("了解包房和套餐", "发了宴会菜单", "约来店看场地", "确认人数和预算", "谈协议价", "已确认订餐")


def owner_for(customer: Customer) -> str | None:
    """The demo owner of a card, drawn from a generator of the card's own (its name and phone)."""
    own = random.Random(f"owner-{customer.name}-{customer.phone}")
    share = 1.0 if customer.kind == "corporate" else OWNED_SHARE.get(customer.customer_class or "C", 0.45)
    if own.random() >= share:
        return None
    return own.choices(OWNERS, weights=OWNER_WEIGHTS)[0]


def source_for(customer: Customer) -> list[str] | None:
    """The demo 客户来源 of an individual's card (six in ten have one), from its own generator."""
    own = random.Random(f"source-{customer.name}-{customer.phone}")
    if customer.kind != "individual" or own.random() >= 0.6:
        return None
    return [_weighted(own, SOURCES)]


def with_owners(customers: Sequence[Customer]) -> list[Customer]:
    """The cards with their demo owner and source channel (what a card has already is kept)."""
    done = []
    for c in customers:
        source = None if "source" in c.fields else source_for(c)
        done.append(replace(c, owner=c.owner or owner_for(c),
                            fields={**c.fields, "source": source} if source else c.fields))
    return done


def add_demo_staff(db: Database, today: dt.date) -> int:
    """The demo's staff list; names on it already are left as they are. Returns how many were added."""
    known = {m.name for m in staff.list_staff(db)}
    added = 0
    for name, role in STAFF:
        if name in known:
            continue
        staff.add_staff(db, name, role)
        added += 1
    if LEFT not in known:
        staff.leave(db, LEFT, today - dt.timedelta(days=20))
    return added


def _weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _phone(rng: random.Random) -> str:
    return rng.choice(("135", "137", "152", "187", "199")) + f"{rng.randrange(10**8):08d}"


def add_demo_register(db: Database, today: dt.date, customers: Sequence[Customer], *, seed: int = 23,
                      count: int = 36) -> int:
    """Walk-ins and calls of the last four weeks: some from guests on file (linked by their phone),
    some new people (name and phone, no card yet: the register list makes one in a click), some
    who left no name. Makes no card (the demo holds the number of customers asked for). Returns
    the number of entries."""
    rng = random.Random(seed)
    known = [c for c in customers if c.phone and c.kind == "individual"]
    takers = (FRONT_DESK, FRONT_DESK, *ACCOUNT_MANAGERS)
    days = sorted(today - dt.timedelta(days=rng.randint(0, 27)) for _ in range(count))
    for day in days:
        at = dt.datetime.combine(day, dt.time(rng.randint(9, 20), rng.choice((0, 10, 25, 40, 55))))
        earlier = dt.timedelta(minutes=rng.randint(5, 90))
        if at > dt.datetime.now():  # today's entries are of the hours gone by
            at = (dt.datetime.now() - earlier).replace(second=0, microsecond=0)
        purpose, source, taker = _weighted(rng, PURPOSES), _weighted(rng, SOURCES), rng.choice(takers)
        kind = rng.random()
        name: str | None
        if kind < 0.45 and known:
            guest = rng.choice(known)
            name, phone = guest.honorific or guest.name, guest.phone
        elif kind < 0.75 and purpose != "complaint":
            name, phone = rng.choice(NEW_NAMES), _phone(rng)
        else:
            name, phone = None, _phone(rng) if rng.random() < 0.5 else None
        entry = RegisterEntry(at=at, purpose=purpose, source=source, name=name, phone=phone,
                              party_size=rng.randint(2, 30) if purpose in ("booking", "banquet") else None,
                              taken_by=taker, outcome=rng.choice(OUTCOMES[purpose]))
        register.register(db, entry)
    return count


def add_demo_follow_ups(db: Database, today: dt.date, customers: Sequence[Customer], *, seed: int = 29,
                        count: int = 30) -> int:
    """Prospects of the account managers, contacted along the intent scale: each contact at about
    the day its level's rule proposed (some late), the next one planned by the rule; a few reach O
    (won) in the last weeks, a few have their follow-up due or overdue now. Returns the contacts."""
    rng = random.Random(seed)
    levels = intent.levels(db)
    owned = [c for c in customers if c.id is not None and c.owner in ACCOUNT_MANAGERS and c.kind == "individual"]
    chosen = rng.sample(owned, min(count, len(owned)))
    contacts: list[Contact] = []
    for customer in chosen:
        assert customer.id is not None
        step = rng.randrange(0, 3)
        day = today - dt.timedelta(days=rng.randint(12, 45))
        chain: list[Contact] = []
        while day <= today and step < len(INTENT_PATH):
            level = INTENT_PATH[step]
            planned = intent.proposed_follow_up(level, day, levels)
            chain.append(Contact(customer_id=customer.id, date=day, channel=rng.choice(("电话", "微信", "拜访")),
                                 key_points=CONTACT_POINTS[min(step + rng.randint(0, 1), len(CONTACT_POINTS) - 1)],
                                 intent=level, next_follow_up=planned))
            if planned is None or rng.random() < 0.25:
                break  # won (no rule), or the account manager stopped here: due, late or missed
            day = planned + dt.timedelta(days=rng.choice((-1, 0, 0, 0, 1, 3)))  # mostly on the day
            step += 1 if rng.random() < 0.7 else 0
        # Every contact but the last was followed up; the last one's follow-up is still open.
        contacts += [replace(c, follow_up_done=True) for c in chain[:-1]] + chain[-1:]
    with db.session() as session:
        history.bulk_insert_contacts(session, contacts)
    return len(contacts)


def add_demo_work(db: Database, today: dt.date, customers: Sequence[Customer]) -> None:
    """Everything above, after the demo's customers are written (``customers`` with their ids)."""
    add_demo_staff(db, today)
    add_demo_follow_ups(db, today, customers)
    add_demo_register(db, today, customers)
