"""Demo duplicates: a few guests of the demo data typed in twice, as happens after years of
imports and two staff at the desk — so a new user sees "Possible duplicates" at once.

The twins replace cards near the end of the demo file (the number of cards stays what was asked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from guestcard.domain.model import Customer, Visit
from guestcard.storage import CustomerFilter, Database, history
from guestcard.storage import customers as store

TRADITIONAL = str.maketrans(
    "张刘陈杨黄赵吴罗郑谢韩冯邓国华丽军杰涛伟东龙强兰艳", "張劉陳楊黃趙吳羅鄭謝韓馮鄧國華麗軍傑濤偉東龍強蘭豔"
)
HOMOPHONES = {"国": "囯", "伟": "玮", "杰": "洁", "明": "铭", "丽": "莉", "静": "靖", "华": "骅", "强": "蔷",
              "芳": "方", "军": "君", "涛": "韬", "磊": "垒", "勇": "永", "超": "钞", "婷": "庭", "娟": "鹃"}


def _spaced(phone: str) -> str:
    return f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}" if len(phone) == 11 else phone


def _twins(originals: list[Customer]) -> list[Customer]:
    """Second cards of four guests, each found by another rule."""
    first, second, third, fourth = originals
    twins = [
        # Traditional characters (a Hong Kong colleague typed it), the same mobile.
        Customer(name=first.name.translate(TRADITIONAL), phone=first.phone, gender=first.gender,
                 notes="港澳同事登记"),
        # The same name and company, a new mobile and an e-mail: the business card handed over at the door.
        Customer(name=second.name, company=second.company, position=second.position, phone="13700012345",
                 email="vip.guest@example.com", customer_class="A", tags=("宴会",)),
        # One character misheard on the phone, the same birthday.
        Customer(name=third.name[:-1] + HOMOPHONES.get(third.name[-1], "玮"), birthday=third.birthday,
                 favorite_drinks="普洱茶", notes="电话预订时登记"),
        # Only how the staff address him, and his number among the other phones, as the reservation book has it.
        Customer(name=fourth.honorific or fourth.name, fields={"other_phones": _spaced(fourth.phone or "")},
                 notes="预订本上的称呼"),
    ]
    return twins


def add_demo_duplicates(db: Database, today: dt.date) -> int:
    """Turn four cards near the end of the demo file into second cards of four earlier guests."""
    people = [c for c in store_list(db) if c.kind == "individual" and c.phone and c.birthday and c.birthday.year]
    if len(people) < 12:
        return 0
    originals, spare = people[:4], people[-4:]
    with db.session() as session:
        for twin, old in zip(_twins(originals), spare, strict=True):
            assert old.id is not None
            store.update_customer(session, replace(twin, id=old.id, created_at=old.created_at), action="create")
            history.insert_visit(session, Visit(customer_id=old.id, at=dt.datetime.combine(
                today - dt.timedelta(days=20), dt.time(19)), party_size=4, spend=Decimal(1680), room="兰亭"))
    return len(spare)


def store_list(db: Database) -> list[Customer]:
    with db.session() as session:
        ids = sorted(c.id or 0 for c in store.list_customers(session, CustomerFilter()))
        return store.get_customers(session, ids)
