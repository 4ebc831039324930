"""Whom to greet and with what words: birthdays (solar and lunar), anniversaries, festivals, the
regulars who stopped coming, the hosts of a recent banquet — each with its text filled from the
card, ready to copy into WeChat or an SMS. guestcard sends nothing itself.

Logging a greeting as sent (``mark_sent``) writes a contact on the card — channel 微信/短信, key
points ``已发祝福：生日（2026-12-02）`` and the text — so nobody is greeted twice for one occasion:
the list marks those already sent (``Greeting.sent``) and leaves them out unless asked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from guestcard.domain.festivals import FESTIVALS
from guestcard.domain.model import Contact, Customer
from guestcard.forms.greetings import Template, fill, load_templates, template_for
from guestcard.paths import shipped_dir, user_forms_dir
from guestcard.services import agenda as agenda_service
from guestcard.services.insights import churn_alerts
from guestcard.storage import Database, customers, history

SENT_MARK = "已发祝福："
# A banquet worth a thank-you: a large party, or an occasion that names one.
BANQUET_PARTY = 8
BANQUET_WORDS = re.compile(r"宴|婚|寿|满月|周岁|年会|banquet|wedding|party", re.IGNORECASE)
THANK_YOU_DAYS = 3  # the hosts of the last three days' banquets are thanked
MISS_YOU_QUIET_DAYS = 30  # a regular called or greeted within this many days is not asked again
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门")
LABELS: dict[str, tuple[str, str]] = {
    "birthday": ("生日", "birthday"),
    "lunar_birthday": ("农历生日", "lunar birthday"),
    "anniversary": ("纪念日", "anniversary"),
    "miss_you": ("想念问候", "we miss you"),
    "thank_you": ("宴后致谢", "thank-you"),
}


@dataclass(frozen=True)
class Greeting:
    customer: Customer
    occasion: str  # "birthday", "festival.mid_autumn", "miss_you"…
    date: dt.date  # the day it is for
    label: str  # 生日, 中秋节… in the language asked for
    text: str
    sent: bool = False  # already logged as sent for this occasion

    @property
    def mark(self) -> str:
        """The start of the key points of the contact that logs it as sent."""
        return sent_mark(self.occasion, self.date)


def sent_mark(occasion: str, day: dt.date) -> str:
    return f"{SENT_MARK}{_label(occasion, 'zh')}（{day:%Y-%m-%d}）"


def _label(occasion: str, lang: str) -> str:
    if occasion.startswith("festival."):
        for festival in FESTIVALS:
            if festival.key == occasion.split(".", 1)[1]:
                return festival.name(lang)
    zh, en = LABELS.get(occasion, (occasion, occasion))
    return en if lang == "en" else zh


def surname(name: str) -> str:
    """The surname of a Chinese name (two characters for the common compound ones); the last word
    of a Western one."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii():
        return name.split()[-1]
    return name[:2] if name.startswith(COMPOUND_SURNAMES) else name[0]


def _first(text: str | None) -> str:
    if not text:
        return ""
    return re.split(r"[、,，;；/\n]", text, maxsplit=1)[0].strip()


def card_values(customer: Customer, lang: str, *, hotel: str = "", manager: str = "", age: int | None = None,
                festival: str = "") -> dict[str, str]:
    """The placeholder values of ``customer`` (keys: ``guestcard.forms.greetings.VALUES``)."""
    family = surname(customer.name)
    if customer.honorific:
        salutation = customer.honorific
    elif lang == "en":
        title = {"male": "Mr. ", "female": "Ms. "}.get(customer.gender or "", "")
        salutation = f"{title}{family}" if title else customer.name
    else:
        salutation = family + {"male": "先生", "female": "女士"}.get(customer.gender or "", "") \
            if customer.gender else customer.name
    room = customer.get("preferred_seat")
    return {
        "salutation": salutation,
        "name": customer.name,
        "surname": family,
        "age": "" if age is None else str(age),
        "dish": _first(customer.favorite_dishes),
        "drink": _first(customer.favorite_drinks),
        "room": str(room) if room else "",
        "festival": festival,
        "manager": str(customer.get("owner") or "") or manager,
        "hotel": hotel or ("our restaurant" if lang == "en" else "本店"),
    }


def templates() -> dict[str, Template]:
    return load_templates(shipped_dir("forms") / "greetings", user_forms_dir() / "greetings")


def greetings(
    db: Database,
    days: int = 7,
    today: dt.date | None = None,
    *,
    occasion: str | None = None,
    lang: str = "zh",
    hotel: str = "",
    manager: str = "",
    festival_classes: Mapping[str, str] | None = None,
    include_sent: bool = False,
    texts: Mapping[str, Template] | None = None,
) -> list[Greeting]:
    """The greetings of today and the next ``days`` days, in date order. ``occasion`` keeps one
    kind ("birthday", "festival", "festival.mid_autumn", "miss_you"…)."""
    if days < 0:
        raise ValueError("days cannot be negative")
    start = today or dt.date.today()
    end = start + dt.timedelta(days=days)
    texts = texts if texts is not None else templates()
    wanted: list[tuple[Customer, str, dt.date, int | None, str]] = []  # customer, occasion, day, years, festival

    for found in agenda_service.occasions_between(db, start, end):
        kind = "lunar_birthday" if found.kind == "birthday" and found.calendar == "lunar" else found.kind
        wanted.append((found.customer, kind, found.date, found.years, ""))
    for day in agenda_service.festival_days(db, start, end, festival_classes):
        for customer in day.customers:
            wanted.append((customer, f"festival.{day.festival.key}", day.date, None, day.festival.name(lang)))
    wanted += [(c, "miss_you", start, None, "") for c in _missed(db, start)]
    wanted += [(c, "thank_you", day, None, "") for c, day in _banquet_hosts(db, start)]

    if occasion:
        wanted = [w for w in wanted if w[1] == occasion or w[1].startswith(occasion + ".")
                  or (occasion == "birthday" and w[1] == "lunar_birthday")]
    sent = _sent_marks(db, start - dt.timedelta(days=MISS_YOU_QUIET_DAYS))
    result = []
    for customer, kind, day, years, festival in wanted:
        template = template_for(texts, kind)
        if template is None:
            continue
        values = card_values(customer, lang, hotel=hotel, manager=manager, age=years, festival=festival)
        done = (customer.id, sent_mark(kind, day)) in sent
        if done and not include_sent:
            continue
        result.append(Greeting(customer, kind, day, _label(kind, lang), fill(template.text(lang), values), done))
    result.sort(key=lambda g: (g.date, g.occasion, g.customer.id or 0))
    return result


def _missed(db: Database, today: dt.date) -> list[Customer]:
    """The regulars falling away (the churn alerts), not contacted in the last quiet days."""
    now = dt.datetime.combine(today, dt.time(23, 59))
    alerts = churn_alerts(db, now=now, contacted_since=today - dt.timedelta(days=MISS_YOU_QUIET_DAYS))
    ids = [a.customer_id for a in alerts]
    with db.session() as session:
        return customers.get_customers(session, ids) if ids else []


def _banquet_hosts(db: Database, today: dt.date) -> list[tuple[Customer, dt.date]]:
    start = dt.datetime.combine(today - dt.timedelta(days=THANK_YOU_DAYS), dt.time())
    with db.session() as session:
        visits = history.visits_between(session, start, dt.datetime.combine(today, dt.time()))
    hosts: dict[int, tuple[Customer, dt.date]] = {}
    for visit, customer in visits:
        big = (visit.party_size or 0) >= BANQUET_PARTY or bool(BANQUET_WORDS.search(visit.occasion or ""))
        if big and customer.id is not None:
            hosts[customer.id] = (customer, visit.at.date())
    return list(hosts.values())


def _sent_marks(db: Database, since: dt.date) -> set[tuple[int | None, str]]:
    with db.session() as session:
        logged = history.contacts_noted(session, since, SENT_MARK)
    return {(c.customer_id, (c.key_points or "").split("）", 1)[0] + "）") for c in logged}


def mark_sent(db: Database, sent: Iterable[Greeting], channel: str = "微信", today: dt.date | None = None) -> int:
    """Log each greeting as a contact on its card (one session: all or none); returns how many."""
    day = today or dt.date.today()
    contacts = [
        Contact(customer_id=g.customer.id, date=day, channel=channel, key_points=f"{g.mark}{g.text}")
        for g in sent if g.customer.id is not None and not g.sent
    ]
    with db.session() as session:
        for contact in contacts:
            history.insert_contact(session, contact)
    return len(contacts)
