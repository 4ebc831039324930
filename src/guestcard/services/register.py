"""The walk-in and call register (来店(电)客户信息登记表): who came by or phoned, why, through
which channel, who took it and what came of it; linked to the guest's card by phone, or a new
prospect card made in one step. Listed, counted by source channel, exported to .xlsx."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from guestcard.domain.messages import Code, message_of
from guestcard.domain.model import Customer
from guestcard.domain.staff import RegisterEntry
from guestcard.domain.values import normalize_phone
from guestcard.io.tables import Table, write_tables
from guestcard.services.customers import InvalidInput
from guestcard.storage import CustomerFilter, Database
from guestcard.storage import customers as customer_store
from guestcard.storage import register as store

# key: (Chinese, English). The seed card's purposes and source channels.
PURPOSES = {
    "booking": ("订餐", "Table booking"),
    "banquet": ("宴会", "Banquet"),
    "enquiry": ("咨询", "Enquiry"),
    "complaint": ("投诉", "Complaint"),
}
SOURCES = {
    "phone": ("来电", "Phoned us"),
    "walk_in": ("来店", "Walk-in"),
    "referral": ("介绍", "Referral"),
    "online": ("网络", "Online"),
    "wechat": ("微信", "WeChat"),
    "event": ("市场活动", "Marketing event"),
    "passing_by": ("路过", "Passing by"),
}
NO_NAME = "未留名"  # how the register writes someone who left no name
MAX_TEXT = 200


def _choice(text: str, choices: dict[str, tuple[str, str]], what: str) -> str:
    word = (text or "").strip()
    for key, labels in choices.items():
        if word.casefold() in (key, labels[0], labels[1].casefold()):
            return key
    names = "/".join(zh for zh, _en in choices.values())
    raise InvalidInput(Code.CHOICE_UNKNOWN, what, repr(word), names, ", ".join(choices))


def parse_purpose(text: str) -> str:
    return _choice(text, PURPOSES, "purpose")


def parse_source(text: str) -> str:
    return _choice(text, SOURCES, "source")


def label(key: str, lang: str) -> str:
    labels = PURPOSES.get(key) or SOURCES.get(key)
    return (labels[0] if lang == "zh" else labels[1]) if labels else key


def clean_entry(entry: RegisterEntry) -> RegisterEntry:
    """The entry with its texts trimmed and checked; ``InvalidInput`` naming the field."""
    name = " ".join((entry.name or "").split()) or None
    if name == NO_NAME:
        name = None
    phone = None
    if entry.phone and entry.phone.strip():
        try:
            phone = normalize_phone(entry.phone)
        except ValueError as exc:
            raise InvalidInput(Code.FIELD_UNREADABLE, "phone", message_of(exc) or str(exc)) from None
    if entry.party_size is not None and not 1 <= entry.party_size <= 10_000:
        raise InvalidInput(Code.PARTY_RANGE)
    for what, value in (("name", name), ("taken by", entry.taken_by)):
        if value and len(value) > MAX_TEXT:
            raise InvalidInput(Code.TEXT_AT_MOST, what, MAX_TEXT)
    return replace(entry, name=name, phone=phone, purpose=parse_purpose(entry.purpose),
                   source=parse_source(entry.source), taken_by=(entry.taken_by or "").strip() or None,
                   outcome=(entry.outcome or "").strip() or None)


def cards_for_phone(db: Database, text: str, limit: int = 5) -> list[Customer]:
    """The cards a phone (or its last digits, as it is being typed) points to: the same number
    first, then numbers holding the digits. Fewer than four digits find nothing."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 4:
        return []
    with db.session() as session:
        exact: list[Customer] = []
        with contextlib.suppress(ValueError):  # not yet a whole number: its digits still search
            exact = customer_store.find_by_phone(session, normalize_phone(text))
        found = {c.id: c for c in exact}
        for customer in customer_store.list_customers(session, CustomerFilter(query=digits), limit=limit):
            found.setdefault(customer.id, customer)
    return list(found.values())[:limit]


@dataclass(frozen=True)
class Registered:
    entry: RegisterEntry
    customer: Customer | None  # the card it is linked to
    created: bool  # the card was made for this entry


def register(
    db: Database, entry: RegisterEntry, *, create_card: bool = False, owner: str | None = None
) -> Registered:
    """Write the entry. Without a card chosen, a card with the same phone is linked; with
    ``create_card`` and none found, a prospect card is made (its source the entry's channel, its
    owner ``owner``) and linked — all in one transaction."""
    entry = clean_entry(entry)
    with db.session() as session:
        customer = None
        if entry.customer_id is not None:
            customer = customer_store.get_customer(session, entry.customer_id)
        elif entry.phone:
            same = customer_store.find_by_phone(session, entry.phone)
            customer = same[0] if same else None
        created = False
        if customer is None and create_card:
            card = Customer(
                name=entry.name or f"{NO_NAME}{(entry.phone or '')[-4:]}",
                phone=entry.phone,
                owner=(owner or "").strip() or None,
                customer_class="C",
                fields={"source": [entry.source]},  # the prospect card's 客户来源 has the same choices
            )
            customer = customer_store.insert_customer(session, card, action="register")
            created = True
        if customer is not None:
            entry = replace(entry, customer_id=customer.id)
        return Registered(store.insert_entry(session, entry), customer, created)


def link(db: Database, entry_id: int, customer_id: int) -> RegisterEntry:
    with db.session() as session:
        return store.link_entry(session, entry_id, customer_id)


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    return (dt.datetime.combine(start, dt.time()) if start else None,
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time()) if end else None)


def entries(db: Database, start: dt.date | None = None, end: dt.date | None = None, *,
            source: str | None = None, taken_by: str | None = None) -> list[RegisterEntry]:
    """The entries of the days ``start``..``end`` (inclusive), newest first."""
    with db.session() as session:
        return store.entries_between(session, *_bounds(start, end), source=source, taken_by=taken_by)


def count_by_source(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, int]:
    """How many entries each source channel brought, in the channels' order, largest kept."""
    with db.session() as session:
        counts = store.counts_by_source(session, *_bounds(start, end))
    ordered = {key: counts[key] for key in SOURCES if key in counts}
    ordered.update((key, n) for key, n in counts.items() if key not in ordered)
    return ordered


def register_table(
    found: Sequence[RegisterEntry], names: dict[int, str], lang: str = "zh"
) -> tuple[list[str], list[list[object]]]:
    """The register as headers and rows (export and print)."""
    headers = (["时间", "姓名", "电话", "人数", "目的", "来源", "接待人", "结果", "客户档案"] if lang == "zh"
               else ["Time", "Name", "Phone", "Party", "Purpose", "Source", "Taken by", "Outcome", "Card"])
    rows: list[list[object]] = [
        [e.at.replace(second=0, microsecond=0), e.name or (NO_NAME if lang == "zh" else "(no name)"),
         e.phone or "", e.party_size, label(e.purpose, lang), label(e.source, lang), e.taken_by or "",
         e.outcome or "", names.get(e.customer_id, "") if e.customer_id else ""]
        for e in found
    ]
    return headers, rows


def export_register(db: Database, path: Path, start: dt.date | None = None, end: dt.date | None = None,
                    lang: str = "zh") -> int:
    """The register of those days and its count by source, as two sheets of an .xlsx."""
    found = entries(db, start, end)
    with db.session() as session:
        cards = customer_store.get_customers(session, sorted({e.customer_id for e in found if e.customer_id}))
    headers, rows = register_table(found, {c.id: f"{c.id} {c.name}" for c in cards if c.id}, lang)
    counts = count_by_source(db, start, end)
    count_headers = ["来源", "登记数"] if lang == "zh" else ["Source", "Entries"]
    write_tables(path, [
        Table("来店来电登记" if lang == "zh" else "Register", headers, rows),
        Table("按来源" if lang == "zh" else "By source", count_headers,
              [[label(key, lang), n] for key, n in counts.items()]),
    ])
    return len(found)
