"""The periodic review (定期盘点和分析) of the account managers' work, per owner and for all.

For the days ``start``..``end`` (inclusive):

- **customers**: owned at the end (now); **new**: of those, made in the period;
- **contacts**: logged in the period;
- **follow-ups** planned in the period (on or before ``end``): *on time* when the customer was
  contacted again by the planned day (or it was marked done), *late* when only after it (by
  ``end``), *missed* when not at all;
- **converted**: customers whose first contact of the won level (O) falls in the period, after a
  contact of another level;
- **visits** and **spend** of their customers in the period (no later than now);
- **lost**: customers who came before but not in the ``lost_months`` months up to ``end``;
- **by source**: per 客户来源 of the card (else the register's channel), the customers, their
  visits and spend in the period — which channels bring the guests who spend.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from guestcard.domain.messages import Code
from guestcard.domain.model import Contact
from guestcard.domain.values import cents_to_money
from guestcard.io.tables import Table, write_tables
from guestcard.printing.review import render_review
from guestcard.services.customers import InvalidInput
from guestcard.services.intent import WON, level_of, levels
from guestcard.services.register import SOURCES
from guestcard.storage import Database
from guestcard.storage import register as register_store
from guestcard.storage import review as store

NO_OWNER = ""  # the customers nobody owns
ALL = "*"


@dataclass
class Figures:
    owner: str  # a name, NO_OWNER, or ALL
    customers: int = 0
    new: int = 0
    contacts: int = 0
    follow_ups_on_time: int = 0
    follow_ups_late: int = 0
    follow_ups_missed: int = 0
    converted: int = 0
    visits: int = 0
    spend: Decimal = Decimal(0)
    lost: int = 0


@dataclass
class SourceFigures:
    source: str
    customers: int = 0
    visits: int = 0
    spend: Decimal = Decimal(0)


@dataclass
class Review:
    start: dt.date
    end: dt.date
    lost_months: int
    owner: str | None = None  # the review of one account manager
    owners: list[Figures] = field(default_factory=list)
    total: Figures = field(default_factory=lambda: Figures(ALL))
    sources: list[SourceFigures] = field(default_factory=list)

    def as_json(self) -> dict:
        def figures(f: Figures) -> dict:
            data = asdict(f)
            data["spend"] = str(f.spend)
            data["owner"] = None if f.owner in (NO_OWNER, ALL) else f.owner
            return data

        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "lost_months": self.lost_months,
            "owner": self.owner,
            "owners": [figures(f) for f in self.owners], "total": figures(self.total),
            "by_source": [{**asdict(s), "spend": str(s.spend)} for s in self.sources],
        }


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _follow_up_outcome(contact: Contact, later: Iterable[Contact]) -> str:
    """"on_time", "late" or "missed" for a contact's planned follow-up."""
    due = contact.next_follow_up
    assert due is not None
    after = next((c for c in later if (c.date, c.id or 0) > (contact.date, contact.id or 0)), None)
    if after is not None:
        return "on_time" if after.date <= due else "late"
    return "on_time" if contact.follow_up_done else "missed"


def review(db: Database, start: dt.date, end: dt.date, *, owner: str | None = None, lost_months: int = 6,
           now: dt.datetime | None = None) -> Review:
    if end < start:
        raise InvalidInput(Code.REVIEW_ENDS_BEFORE)
    if not 1 <= lost_months <= 120:
        raise InvalidInput(Code.LOST_MONTHS_RANGE)
    now = now or dt.datetime.now()
    known = levels(db)
    until = min(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()), now)
    with db.session() as session:
        people = store.review_customers(session)
        contacts = store.contacts_until(session, end)
        visits = store.visits_until(session, until)
        first_sources = register_store.first_sources(session)
    owner_of = {p.id: p.owner or NO_OWNER for p in people}
    figures: dict[str, Figures] = defaultdict(lambda: Figures(NO_OWNER))
    result = Review(start, end, lost_months, owner)

    def add(customer_id: int, name: str, amount: int | Decimal = 1) -> None:
        who = owner_of.get(customer_id, NO_OWNER)
        for key in (who, ALL):
            target = figures[key]
            target.owner = key
            setattr(target, name, getattr(target, name) + amount)

    for person in people:
        add(person.id, "customers")
        if start <= person.created <= end:
            add(person.id, "new")
    by_customer: dict[int, list[Contact]] = defaultdict(list)
    for contact in contacts:
        by_customer[contact.customer_id].append(contact)
    for customer_id, theirs in by_customer.items():
        converted = False
        for number, contact in enumerate(theirs):
            if start <= contact.date <= end:
                add(customer_id, "contacts")
            if contact.next_follow_up is not None and start <= contact.next_follow_up <= end:
                add(customer_id, f"follow_ups_{_follow_up_outcome(contact, theirs[number + 1:])}")
            level = level_of(contact.intent, known)
            if not converted and level is not None and level.code == WON:
                converted = True  # the first won contact decides
                earlier = [level_of(c.intent, known) for c in theirs[:number]]
                if start <= contact.date <= end and any(lv is not None and lv.code != WON for lv in earlier):
                    add(customer_id, "converted")
    last_visit: dict[int, dt.datetime] = {}
    cutoff = dt.datetime.combine(_months_before(end, lost_months), dt.time())
    first = dt.datetime.combine(start, dt.time())
    source_of = {p.id: (p.sources[0] if p.sources else first_sources.get(p.id, "")) for p in people}
    sources: dict[str, SourceFigures] = {}
    for person in people:
        source = source_of[person.id]
        if owner is None or person.owner == owner:
            sources.setdefault(source, SourceFigures(source)).customers += 1
    for visit in visits:
        last_visit[visit.customer_id] = max(visit.at, last_visit.get(visit.customer_id, visit.at))
        if visit.at >= first:
            add(visit.customer_id, "visits")
            add(visit.customer_id, "spend", cents_to_money(visit.spend_cents))
            if owner is None or owner_of.get(visit.customer_id) == owner:
                row = sources.setdefault(source_of.get(visit.customer_id, ""), SourceFigures(""))
                row.visits += 1
                row.spend += cents_to_money(visit.spend_cents)
    for customer_id, last in last_visit.items():
        if last < cutoff:
            add(customer_id, "lost")
    names = sorted(name for name in figures if name not in (ALL, NO_OWNER))
    if owner is not None:
        result.owners = [figures[owner] if owner in figures else Figures(owner)]
        result.total = result.owners[0]
    else:
        result.owners = [figures[name] for name in names] + ([figures[NO_OWNER]] if NO_OWNER in figures else [])
        result.total = figures[ALL] if ALL in figures else Figures(ALL)
    result.sources = sorted(sources.values(), key=lambda s: (-s.spend, -s.customers, s.source))
    return result


COLUMNS = {
    "zh": ("客户经理", "客户数", "新增", "联系次数", "按时跟进", "延迟跟进", "未跟进", "成交转化", "到店次数",
           "消费金额", "流失"),
    "en": ("Account manager", "Customers", "New", "Contacts", "Follow-ups on time", "Late", "Missed", "Converted",
           "Visits", "Spend", "Lost"),
}
SOURCE_COLUMNS = {"zh": ("来源", "客户数", "到店次数", "消费金额"), "en": ("Source", "Customers", "Visits", "Spend")}
_NAMES = {"zh": {NO_OWNER: "（无归属）", ALL: "合计"}, "en": {NO_OWNER: "(no owner)", ALL: "All"}}


def figure_rows(result: Review, lang: str = "zh") -> list[list[object]]:
    rows = result.owners if result.owner is not None else [*result.owners, result.total]
    return [[_NAMES[lang].get(f.owner, f.owner), f.customers, f.new, f.contacts, f.follow_ups_on_time,
             f.follow_ups_late, f.follow_ups_missed, f.converted, f.visits, f.spend, f.lost] for f in rows]


def source_rows(result: Review, lang: str = "zh") -> list[list[object]]:
    def name(source: str) -> str:
        if not source:
            return "（未知）" if lang == "zh" else "(unknown)"
        labels = SOURCES.get(source)
        return (labels[0] if lang == "zh" else labels[1]) if labels else source

    return [[name(s.source), s.customers, s.visits, s.spend] for s in result.sources]


def export_review(result: Review, path: Path, lang: str = "zh") -> Path:
    """The review's two tables into an .xlsx (text for names, numbers for figures)."""
    title = "盘点" if lang == "zh" else "Review"
    return write_tables(path, [
        Table(title, COLUMNS[lang], figure_rows(result, lang)),
        Table("按来源" if lang == "zh" else "By source", SOURCE_COLUMNS[lang], source_rows(result, lang)),
    ])


def print_review(result: Review, path: Path, lang: str = "zh", restaurant: str = "") -> int:
    """The review as a landscape A4 PDF; returns its pages."""
    period = f"{result.start.isoformat()} – {result.end.isoformat()}"
    return render_review(path, lang, period, restaurant, COLUMNS[lang], figure_rows(result, lang),
                         SOURCE_COLUMNS[lang], source_rows(result, lang))
