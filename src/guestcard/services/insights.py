"""Knowing the customers: classes from spending, loyalty segments, churn alerts, occasions, a dashboard.

Every analysis is SQL over the visits and customers (``insights_sql``); this module holds the rules
as settings, the results as dataclasses, the rules and reasons as text for people (zh and en), and
the one write: accepting class suggestions, in one session, each recorded in the audit trail.

The rules, as implemented (all bounds are ``InsightSettings`` fields):

* Class: the visits' recorded spending in the last 12 months (365 days up to now; reservations
  after now do not count) — or, for a customer without any visit logged, the annual spend written
  on the card. A from ¥50,000, B from ¥10,000, C below; corporate accounts at least B. A customer
  with neither visits nor a card amount gets no suggestion (a corporate one gets B by kind).
  Suggestions are only listed; a class changes only when a suggestion is accepted.
* Loyalty: recency, frequency and monetary scores from 1 to 5 on fixed bounds, then the first
  segment rule that fits (``SEGMENT_RULES``); ``segment_rule_text`` says it all in words.
* Churn: a regular (at least 3 visits in the 12 months before the last 90 days) whose last 90
  days fell below half of their own rhythm in visits or spending, when that rhythm promised at
  least 2 visits in 90 days; not alerted with a reservation to come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from guestcard.domain.model import CUSTOMER_CLASSES, Customer
from guestcard.domain.values import cents_to_money, money_to_cents, parse_money
from guestcard.services import insights_sql as q
from guestcard.services.agenda import Occasion, occasions_between
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database
from guestcard.storage import customers as store

YEAR_DAYS = 365

# Segment keys in display order, with their Chinese and English names.
SEGMENTS: dict[str, tuple[str, str]] = {
    "champions": ("核心贵宾", "Champions"),
    "loyal": ("忠实常客", "Loyal"),
    "promising": ("潜力新客", "Promising"),
    "needs_attention": ("需要关注", "Needs attention"),
    "at_risk": ("渐少光顾", "Slipping"),  # 流失 is only the churn alert's word (one idea, one word)
    "cannot_lose": ("不能失去", "Cannot lose"),
    "lost": ("久未光顾", "Dormant"),
    "none": ("未到店", "No visits yet"),
}

# The segment rules in the order they are tried (the SQL is insights_sql.segment_of).
SEGMENT_RULES: tuple[tuple[str, str, str], ...] = (
    ("champions", "R≥4、F≥4、M≥4", "R≥4, F≥4 and M≥4"),
    ("loyal", "R≥3、F≥3", "R≥3 and F≥3"),
    ("promising", "R≥4", "R≥4"),
    ("needs_attention", "R=3", "R=3"),
    ("cannot_lose", "F≥4 或 M≥4", "F≥4 or M≥4"),
    ("at_risk", "F≥2 或 M≥3", "F≥2 or M≥3"),
    ("lost", "其余", "the rest"),
)

CHURN_REASONS = ("stopped", "fewer_visits", "less_spending")
APPLY_ACTION = "insights"  # the audit trail's action for an accepted class suggestion


def segment_name(key: str, lang: str = "zh") -> str:
    zh, en = SEGMENTS[key]
    return zh if lang == "zh" else en


def money_text(amount: Decimal | int | float) -> str:
    """``¥12,800`` (whole yuan; amounts here are summaries, not bills)."""
    return f"¥{Decimal(amount).quantize(Decimal(1)):,}"


# --- settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InsightSettings:
    """The bounds of every rule. Amounts in yuan; a settings file passes them by field name."""

    class_a_from: Decimal = Decimal(50_000)  # spending in 12 months for class A
    class_b_from: Decimal = Decimal(10_000)  # … for class B; below is C
    corporate_class: str | None = "B"  # corporate accounts are at least this class (None: no rule)
    # Recency: score 5 when the last visit is at most this many days ago, then 4, 3, 2; else 1.
    recency_days: tuple[int, int, int, int] = (30, 60, 120, 240)
    # Frequency: score 5 from this many visits in 12 months, then 4, 3, 2; else 1.
    frequency_visits: tuple[int, int, int, int] = (12, 6, 3, 2)
    # Monetary: score 5 from this much spending (yuan) in 12 months, then 4, 3, 2; else 1.
    monetary_from: tuple[Decimal, Decimal, Decimal, Decimal] = (
        Decimal(50_000),
        Decimal(20_000),
        Decimal(8_000),
        Decimal(2_000),
    )
    churn_days: int = 90  # the window looked at
    churn_baseline_days: int = 365  # the rhythm measured over this long before the window
    churn_min_visits: int = 3  # visits in the baseline to count as a regular
    churn_min_expected: float = 2.0  # visits the rhythm must promise in the window
    churn_ratio: float = 0.5  # "well below": under this share of the rhythm

    def __post_init__(self) -> None:
        for name in ("class_a_from", "class_b_from"):
            object.__setattr__(self, name, Decimal(str(getattr(self, name))))
        object.__setattr__(self, "monetary_from", tuple(Decimal(str(x)) for x in self.monetary_from))
        object.__setattr__(self, "recency_days", tuple(int(x) for x in self.recency_days))
        object.__setattr__(self, "frequency_visits", tuple(int(x) for x in self.frequency_visits))
        self.validate()

    def validate(self) -> None:
        if self.class_b_from < 0 or self.class_a_from <= self.class_b_from:
            raise InvalidInput(
                f"class thresholds: A ({self.class_a_from}) must be above B ({self.class_b_from}), B not negative"
            )
        if self.corporate_class is not None and self.corporate_class not in CUSTOMER_CLASSES:
            raise InvalidInput(f"corporate class: {self.corporate_class!r} is not A, B or C")
        for name, values, rising in (
            ("recency_days", self.recency_days, True),
            ("frequency_visits", self.frequency_visits, False),
            ("monetary_from", self.monetary_from, False),
        ):
            ordered = list(values) == sorted(values, reverse=not rising)
            if len(values) != 4 or len(set(values)) != 4 or not ordered or min(values) < 0:
                way = "rising" if rising else "falling"
                raise InvalidInput(f"{name}: four different non-negative bounds, {way}")
        if self.churn_days < 1 or self.churn_baseline_days < 1 or self.churn_min_visits < 1:
            raise InvalidInput("churn: the window, baseline and minimum visits must be at least 1")
        if not 0 < self.churn_ratio <= 1 or self.churn_min_expected <= 0:
            raise InvalidInput("churn: the ratio is between 0 and 1, the expected visits above 0")

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> InsightSettings:
        """From a settings file's section; unknown keys are refused, missing ones take defaults."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidInput(f"insight settings: unknown {', '.join(unknown)}")
        try:
            return cls(**values)
        except (TypeError, ValueError, ArithmeticError) as exc:
            if isinstance(exc, InvalidInput):
                raise
            raise InvalidInput(f"insight settings: {exc}") from None

    @classmethod
    def from_settings(cls, settings: Any) -> InsightSettings:
        """The class thresholds of the manager's settings (``guestcard.settings.Settings``); a value
        that is not an amount, or thresholds out of order, give the defaults."""
        try:
            a = parse_money(getattr(settings, "class_a_from", "") or DEFAULTS.class_a_from)
            b = parse_money(getattr(settings, "class_b_from", "") or DEFAULTS.class_b_from)
            return cls(class_a_from=a, class_b_from=b)
        except (ValueError, InvalidInput):
            return DEFAULTS

    def class_rule(self) -> q.ClassRule:
        return q.ClassRule(money_to_cents(self.class_a_from), money_to_cents(self.class_b_from), self.corporate_class)

    def score_rule(self, now: dt.datetime) -> q.ScoreRule:
        return q.ScoreRule(
            recency=tuple(now - dt.timedelta(days=d) for d in self.recency_days),
            frequency=self.frequency_visits,
            monetary=tuple(money_to_cents(x) for x in self.monetary_from),
        )

    def churn_rule(self) -> q.ChurnRule:
        return q.ChurnRule(
            self.churn_days, self.churn_baseline_days, self.churn_min_visits, self.churn_min_expected, self.churn_ratio
        )

    def windows(self, now: dt.datetime, period_start: dt.datetime | None = None) -> q.Windows:
        return q.Windows.of(
            now,
            year_days=YEAR_DAYS,
            churn_days=self.churn_days,
            baseline_days=self.churn_baseline_days,
            recency_days=max(self.recency_days),
            period_start=period_start,
        )


DEFAULTS = InsightSettings()


# --- rules as text ------------------------------------------------------------------------------


def class_rule_text(lang: str = "zh", settings: InsightSettings = DEFAULTS) -> str:
    a, b = money_text(settings.class_a_from), money_text(settings.class_b_from)
    corporate = settings.corporate_class
    if lang == "zh":
        text = f"近12个月到店消费 {a} 及以上为A类，{b} 及以上为B类，其余为C类"
        if corporate:
            text += f"；单位客户至少为{corporate}类"
        return text + "。没有到店记录的客户按卡上的年消费额。建议须经确认才会修改客户类别。"
    text = f"Spending on visits in the last 12 months: {a} or more is class A, {b} or more B, less C"
    if corporate:
        text += f"; corporate accounts are at least {corporate}"
    return text + (
        ". Customers without visits logged go by the annual spend on their card. "
        "A suggestion changes the class only when accepted."
    )


def segment_rule_text(lang: str = "zh", settings: InsightSettings = DEFAULTS) -> str:
    """The scoring and segment rules in words, with the bounds in force."""
    r = settings.recency_days
    f = settings.frequency_visits
    m = [money_text(x) for x in settings.monetary_from]
    if lang == "zh":
        lines = [
            "每位有到店记录的客户按三项打分（1–5分）：",
            f"R 最近一次到店：{r[0]}天内5分，{r[1]}天内4分，{r[2]}天内3分，{r[3]}天内2分，更早1分；",
            f"F 近12个月到店次数：{f[0]}次以上5分，{f[1]}次以上4分，{f[2]}次以上3分，{f[3]}次以上2分，更少1分；",
            f"M 近12个月消费：{m[0]}以上5分，{m[1]}以上4分，{m[2]}以上3分，{m[3]}以上2分，更少1分。",
            "分群按顺序取第一条符合的规则："
            + "；".join(f"{segment_name(k, 'zh')} {zh}" for k, zh, _ in SEGMENT_RULES)
            + "。没有到店记录的客户为“未到店”。",
        ]
    else:
        lines = [
            "Every customer with visits is scored from 1 to 5 on three counts:",
            f"R, last visit: within {r[0]} days 5, {r[1]} days 4, {r[2]} days 3, {r[3]} days 2, earlier 1;",
            f"F, visits in the last 12 months: {f[0]} or more 5, {f[1]}+ 4, {f[2]}+ 3, {f[3]}+ 2, fewer 1;",
            f"M, spending in the last 12 months: {m[0]} or more 5, {m[1]}+ 4, {m[2]}+ 3, {m[3]}+ 2, less 1.",
            "The segment is the first rule that fits: "
            + "; ".join(f"{segment_name(k, 'en')} {en}" for k, _, en in SEGMENT_RULES)
            + ". Customers without visits are “No visits yet”.",
        ]
    return "\n".join(lines)


def churn_rule_text(lang: str = "zh", settings: InsightSettings = DEFAULTS) -> str:
    s = settings
    share = f"{s.churn_ratio:.0%}"
    if lang == "zh":
        return (
            f"常客（最近{s.churn_days}天之前的{s.churn_baseline_days}天里到店至少{s.churn_min_visits}次）"
            f"最近{s.churn_days}天的到店次数或消费低于其以往节奏的{share}时提醒；"
            f"以往节奏须预计{s.churn_days}天内至少到店{s.churn_min_expected:g}次。已有预订的客户不提醒。"
        )
    return (
        f"A regular (at least {s.churn_min_visits} visits in the {s.churn_baseline_days} days before the last "
        f"{s.churn_days}) is alerted when their visits or spending in the last {s.churn_days} days fell under "
        f"{share} of their own rhythm, if that rhythm promised at least {s.churn_min_expected:g} visits. "
        "Customers with a reservation to come are not alerted."
    )


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassSuggestion:
    customer_id: int
    name: str
    honorific: str | None
    kind: str
    current: str | None
    suggested: str
    amount: Decimal | None  # what the suggestion went by (None: by kind alone)
    visits: int  # visits in the last 12 months
    basis: str  # "visits" (last 12 months), "card" (annual spend on the card) or "kind"
    by_kind: bool  # raised to the corporate class
    version: int  # of the card when suggested: accepting refuses a card changed since

    def reason(self, lang: str = "zh") -> str:
        amount = money_text(self.amount) if self.amount is not None else ""
        if lang == "zh":
            text = {
                "visits": f"近12个月消费{amount}（{self.visits}次）",
                "card": f"卡上年消费{amount}",
                "kind": "单位客户",
            }[self.basis]
            return text + ("，单位客户至少为" + self.suggested + "类" if self.by_kind and self.basis != "kind" else "")
        text = {
            "visits": f"{amount} in the last 12 months ({self.visits} visits)",
            "card": f"{amount} a year on the card",
            "kind": "corporate account",
        }[self.basis]
        if self.by_kind and self.basis != "kind":
            text += f"; corporate accounts are at least {self.suggested}"
        return text


@dataclass(frozen=True)
class ClassReview:
    suggestions: list[ClassSuggestion]  # customers whose class would change (up to the limit asked)
    total: int  # how many would change in all
    matching: int  # customers whose class is what the rule says
    no_basis: int  # customers with nothing to go on
    by_change: dict[tuple[str | None, str], int]  # (current, suggested) → customers


@dataclass(frozen=True)
class ClassChange:
    customer_id: int
    name: str
    old: str | None
    new: str


@dataclass(frozen=True)
class ClassChanges:
    applied: list[ClassChange] = field(default_factory=list)
    skipped: list[tuple[ClassSuggestion, str]] = field(default_factory=list)  # with the reason


@dataclass(frozen=True)
class CustomerScore:
    customer_id: int
    name: str
    customer_class: str | None
    segment: str
    recency: int | None  # 1–5, None without visits
    frequency: int | None
    monetary: int | None
    last_visit: dt.datetime | None  # within the scanned history
    visits: int  # in the last 12 months
    spend: Decimal  # in the last 12 months


@dataclass(frozen=True)
class ChurnAlert:
    customer_id: int
    name: str
    honorific: str | None
    customer_class: str | None
    phone: str | None
    last_visit: dt.datetime
    days_since: int
    baseline_visits: int
    baseline_days: int  # the days the rhythm was measured over
    recent_visits: int
    expected_visits: float  # in the window, at the usual rhythm
    baseline_spend: Decimal
    recent_spend: Decimal
    expected_spend: Decimal
    window_days: int
    reasons: tuple[str, ...]  # of CHURN_REASONS

    @property
    def display_name(self) -> str:
        return f"{self.name}（{self.honorific}）" if self.honorific else self.name

    @property
    def usual_interval(self) -> int:
        """About how many days apart the customer came."""
        return max(1, round(self.baseline_days / self.baseline_visits))

    def why(self, lang: str = "zh") -> str:
        parts = []
        n = self.window_days
        expected = max(1, round(self.expected_visits))
        if lang == "zh":
            rhythm = f"以往约每{self.usual_interval}天来一次（{self.baseline_days}天{self.baseline_visits}次）"
            if "stopped" in self.reasons:
                parts.append(f"{rhythm}，最近{n}天没有来；上次{self.last_visit:%Y-%m-%d}，{self.days_since}天前")
            if "fewer_visits" in self.reasons:
                parts.append(f"{rhythm}，最近{n}天只来了{self.recent_visits}次，按节奏应约{expected}次")
            if "less_spending" in self.reasons:
                parts.append(
                    f"最近{n}天消费{money_text(self.recent_spend)}，以往同期约{money_text(self.expected_spend)}"
                )
            return "；".join(parts)
        every, visits, days = self.usual_interval, self.baseline_visits, self.baseline_days
        rhythm = f"came about every {every} days ({visits} visits in {days} days)"
        if "stopped" in self.reasons:
            parts.append(
                f"{rhythm}; no visit in the last {n} days, last on {self.last_visit:%Y-%m-%d}, "
                f"{self.days_since} days ago"
            )
        if "fewer_visits" in self.reasons:
            parts.append(
                f"{rhythm}; {self.recent_visits} visits in the last {n} days where about {expected} were usual"
            )
        if "less_spending" in self.reasons:
            parts.append(
                f"spent {money_text(self.recent_spend)} in the last {n} days against about "
                f"{money_text(self.expected_spend)} usually"
            )
        return "; ".join(parts)


@dataclass(frozen=True)
class OccasionNote:
    """A birthday or anniversary coming up, with what a greeting or gift needs."""

    occasion: Occasion
    usual_dishes: tuple[str, ...]  # most ordered on visits (looked up when the card names no favourite)

    @property
    def customer(self) -> Customer:
        return self.occasion.customer

    @property
    def dishes(self) -> str:
        """The favourite dishes on the card, else the most ordered ones."""
        return self.customer.favorite_dishes or "、".join(self.usual_dishes)


@dataclass(frozen=True)
class MonthFigures:
    month: str  # "2026-05"
    visits: int
    spend: Decimal
    guests: int  # different customers who came
    new_guests: int  # of them, first visit ever this month

    @property
    def returning_guests(self) -> int:
        return self.guests - self.new_guests


@dataclass(frozen=True)
class Dashboard:
    as_of: dt.datetime
    months: list[MonthFigures]
    customers: int
    by_class: dict[str, int]  # "A", "B", "C" and "" (no class)
    by_segment: dict[str, int]  # every key of SEGMENTS
    top_dishes: list[tuple[str, int]]  # ordered on visits in the period
    top_drinks: list[tuple[str, int]]  # favourite drinks on the cards


@dataclass(frozen=True)
class Insights:
    as_of: dt.datetime
    settings: InsightSettings
    classes: ClassReview
    segments: dict[str, int]
    alerts: list[ChurnAlert]
    occasions: list[OccasionNote]
    dashboard: Dashboard | None


# --- running the SQL --------------------------------------------------------------------------------


@dataclass
class _Run:
    connection: Connection
    dialect: str
    stats: Table
    windows: q.Windows
    settings: InsightSettings
    _summary: list[tuple[str | None, str | None, str, int]] | None = None

    def summary(self) -> list[tuple[str | None, str | None, str, int]]:
        """(suggested, current, segment, customers): read once, for the class review and the segments."""
        if self._summary is None:
            rules = self.settings.class_rule(), self.settings.score_rule(self.windows.now)
            statement = q.summary_select(self.stats, *rules)
            self._summary = [(a, b, c, int(n)) for a, b, c, n in self.connection.execute(statement)]
        return self._summary


@contextmanager
def _run(
    db: Database, settings: InsightSettings | None, now: dt.datetime | None, period_start: dt.datetime | None = None
) -> Iterator[_Run]:
    settings = settings or DEFAULTS
    now = now or dt.datetime.now()
    windows = settings.windows(now, period_start)
    with db.session() as session:
        connection = session.connection()
        stats = q.create_stats(connection, windows)
        # After a failure the session rolls back (and a failed PostgreSQL transaction accepts no
        # more statements): the temporary table goes with the rollback there, with the connection
        # on SQLite, and is replaced by the next report in any case.
        yield _Run(connection, connection.dialect.name, stats, windows, settings)
        q.drop_stats(connection, stats)


def _class_review(run: _Run, limit: int | None, ids: list[int] | None = None) -> ClassReview:
    rule = run.settings.class_rule()
    suggestions = [
        ClassSuggestion(
            customer_id=row.id,
            name=row.name,
            honorific=row.honorific,
            kind=row.kind,
            current=row.current,
            suggested=row.suggested,
            amount=cents_to_money(row.amount) if row.amount is not None else None,
            visits=row.n_year,
            basis=row.basis or "kind",
            by_kind=row.by_spend != row.suggested,
            version=row.version,
        )
        for row in run.connection.execute(q.class_differences(run.stats, rule, limit, ids))
    ]
    by_change: dict[tuple[str | None, str], int] = {}
    matching = no_basis = total = 0
    for suggested, current, _segment, count in run.summary():
        if suggested is None:
            no_basis += count
        elif suggested == current:
            matching += count
        else:
            total += count
            by_change[(current, suggested)] = by_change.get((current, suggested), 0) + count
    return ClassReview(suggestions, total, matching, no_basis, by_change)


def _segments(run: _Run) -> dict[str, int]:
    counts = dict.fromkeys(SEGMENTS, 0)
    for _suggested, _current, segment, count in run.summary():
        counts[segment] += count
    return counts


def _alerts(run: _Run, limit: int | None, contacted_since: dt.date | None = None) -> list[ChurnAlert]:
    s = run.settings
    statement = q.churn_select(run.dialect, run.stats, run.windows, s.churn_rule(), contacted_since).limit(limit)
    alerts = []
    for row in run.connection.execute(statement):
        fewer = row.n_recent < s.churn_ratio * row.expected_visits
        less = row.expected_spend > 0 and row.spend_recent < s.churn_ratio * row.expected_spend
        reasons = tuple(
            reason
            for reason, fits in (
                ("stopped", row.n_recent == 0),
                ("fewer_visits", fewer and row.n_recent > 0),
                ("less_spending", less and row.n_recent > 0),
            )
            if fits
        )
        alerts.append(
            ChurnAlert(
                customer_id=row.id,
                name=row.name,
                honorific=row.honorific,
                customer_class=row.customer_class,
                phone=row.phone,
                last_visit=row.last_scan,
                days_since=(run.windows.now - row.last_scan).days,
                baseline_visits=row.n_base,
                baseline_days=round(row.active_days),
                recent_visits=row.n_recent,
                expected_visits=float(row.expected_visits),
                baseline_spend=cents_to_money(row.spend_base),
                recent_spend=cents_to_money(row.spend_recent),
                expected_spend=cents_to_money(round(row.expected_spend)),
                window_days=s.churn_days,
                reasons=reasons,
            )
        )
    return alerts


def _scores(run: _Run, ids: Sequence[int] | None, segment: str | None, limit: int | None) -> list[CustomerScore]:
    inner = q.segments_select(run.stats, run.settings.score_rule(run.windows.now)).subquery("seg")
    statement = select(inner)
    if ids is not None:
        statement = statement.where(inner.c.id.in_(list(ids)))
    if segment is not None:
        statement = statement.where(inner.c.segment == segment)
    statement = statement.order_by(inner.c.spend_year.desc(), inner.c.id).limit(limit)
    return [
        CustomerScore(
            customer_id=row.id,
            name=row.name,
            customer_class=row.customer_class,
            segment=row.segment,
            recency=row.r,
            frequency=row.f,
            monetary=row.m,
            last_visit=row.last_scan,
            visits=row.n_year,
            spend=cents_to_money(row.spend_year),
        )
        for row in run.connection.execute(statement)
    ]


def _month_starts(now: dt.datetime, months: int) -> list[dt.date]:
    first = now.date().replace(day=1)
    starts = []
    for back in range(months - 1, -1, -1):
        index = first.year * 12 + first.month - 1 - back
        starts.append(dt.date(index // 12, index % 12 + 1, 1))
    return starts


@dataclass(frozen=True)
class _VisitFigures:
    """The dashboard's figures that need no per-customer table (read on a connection of their own)."""

    months: list[tuple[str, int, int, int]]  # (month, visits, spend cents, guests)
    by_class: dict[str, int]
    top_dishes: list[tuple[str, int]]
    top_drinks: list[tuple[str, int]]


def _visit_figures(db: Database, now: dt.datetime, months: int, period_start: dt.datetime, top: int) -> _VisitFigures:
    starts = _month_starts(now, months)
    labels = [m.strftime("%Y-%m") for m in starts]
    moments = [dt.datetime.combine(m, dt.time()) for m in starts]
    figures = dict.fromkeys(labels, (0, 0, 0))
    with db.session() as session:
        connection = session.connection()
        dialect = connection.dialect.name
        for index, visits, spend, guests in connection.execute(q.monthly_select(moments, now)):
            figures[labels[index]] = (int(visits), int(spend), int(guests))
        by_class = {"A": 0, "B": 0, "C": 0, "": 0}
        for customer_class, count in connection.execute(q.class_counts_select()):
            by_class[customer_class or ""] = by_class.get(customer_class or "", 0) + count
        dishes = connection.execute(q.top_items_select(dialect, q.dishes_source(period_start, now), "dishes", top))
        top_dishes = [(item, int(n)) for item, n in dishes]
        drinks = connection.execute(q.top_items_select(dialect, q.drinks_source(), "favorite_drinks", top))
        top_drinks = [(item, int(n)) for item, n in drinks]
    return _VisitFigures([(m, *f) for m, f in figures.items()], by_class, top_dishes, top_drinks)


def _dashboard(run: _Run, figures: _VisitFigures, period_start: dt.datetime) -> Dashboard:
    new_guests: dict[str, int] = {}
    for month, new in run.connection.execute(q.first_visits_select(run.dialect, run.stats, period_start)):
        new_guests[month] = int(new)
    return Dashboard(
        as_of=run.windows.now,
        months=[
            MonthFigures(m, visits, cents_to_money(spend), guests, new_guests.get(m, 0))
            for m, visits, spend, guests in figures.months
        ],
        customers=sum(figures.by_class.values()),
        by_class=figures.by_class,
        by_segment=_segments(run),
        top_dishes=figures.top_dishes,
        top_drinks=figures.top_drinks,
    )


def _period_start(now: dt.datetime, months: int) -> dt.datetime:
    if not 1 <= months <= 120:
        raise InvalidInput(f"months: {months} is not between 1 and 120")
    return dt.datetime.combine(_month_starts(now, months)[0], dt.time())


# --- the public analyses ---------------------------------------------------------------------------


def class_review(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> ClassReview:
    """Who would change class under the rule, beside their current class (nothing is changed)."""
    with _run(db, settings, now) as run:
        return _class_review(run, limit, list(ids) if ids is not None else None)


def segment_counts(
    db: Database, settings: InsightSettings | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Customers per segment, every key of ``SEGMENTS`` in display order."""
    with _run(db, settings, now) as run:
        return _segments(run)


def customer_scores(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    ids: Sequence[int] | None = None,
    segment: str | None = None,
    limit: int | None = None,
) -> list[CustomerScore]:
    """R, F, M and segment of these customers (or of a segment's members), biggest spenders first."""
    if segment is not None and segment not in SEGMENTS:
        raise InvalidInput(f"segment: {segment!r} is not one of {', '.join(SEGMENTS)}")
    with _run(db, settings, now) as run:
        return _scores(run, ids, segment, limit)


def churn_alerts(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    limit: int | None = None,
    contacted_since: dt.date | None = None,
) -> list[ChurnAlert]:
    """Regulars falling away, the most spending at stake first; each says why. With
    ``contacted_since``, customers with a contact logged since that day are left out (called already)."""
    with _run(db, settings, now) as run:
        return _alerts(run, limit, contacted_since)


def dashboard(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    months: int = 12,
    top: int = 10,
) -> Dashboard:
    """The figures of the dashboard page: the last ``months`` calendar months, this one included."""
    now = now or dt.datetime.now()
    period_start = _period_start(now, months)
    figures = _visit_figures(db, now, months, period_start, top)
    with _run(db, settings, now, period_start) as run:
        return _dashboard(run, figures, period_start)


def upcoming_occasions(
    db: Database, days: int = 14, today: dt.date | None = None, *, dishes: int = 3
) -> list[OccasionNote]:
    """Birthdays and anniversaries from today to ``days`` ahead, with class and favourite dishes."""
    if days < 0:
        raise InvalidInput("days: cannot be negative")
    today = today or dt.date.today()
    occasions = occasions_between(db, today, today + dt.timedelta(days=days))
    # The visits are asked only for those whose card names no favourite dish (the card comes first).
    ids = sorted({o.customer.id for o in occasions if o.customer.id is not None and not o.customer.favorite_dishes})
    usual: dict[int, list[str]] = {}
    if ids:
        with db.session() as session:
            connection = session.connection()
            statement = q.customer_dishes_select(connection.dialect.name, ids, dishes)
            for customer_id, dish, _times in connection.execute(statement):
                usual.setdefault(customer_id, []).append(dish)
    return [OccasionNote(o, tuple(usual.get(o.customer.id or 0, ()))) for o in occasions]


def build_insights(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    months: int = 12,
    suggestion_limit: int | None = None,
    alert_limit: int | None = None,
    occasion_days: int = 14,
    with_dashboard: bool = True,
) -> Insights:
    """Everything at once, over one scan of the visits (what the command and the dashboard show).

    Two connections work side by side: this thread builds the per-customer table and reads the
    classes, segments and alerts from it, while a second one reads the figures that need no such
    table (months, classes on the cards, dishes, drinks) and the occasions. SQLite and PostgreSQL
    both run the two at once (SQLite lets the thread go while a statement runs).
    """
    settings = settings or DEFAULTS
    now = now or dt.datetime.now()
    period_start = _period_start(now, months)

    def side() -> tuple[_VisitFigures | None, list[OccasionNote]]:
        figures = _visit_figures(db, now, months, period_start, 10) if with_dashboard else None
        occasions = upcoming_occasions(db, occasion_days, now.date()) if occasion_days >= 0 else []
        return figures, occasions

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="insights") as pool:
        other = pool.submit(side)
        with _run(db, settings, now, period_start) as run:
            classes = _class_review(run, suggestion_limit)
            alerts = _alerts(run, alert_limit)
            segments = _segments(run)
            figures, occasions = other.result()
            board = _dashboard(run, figures, period_start) if figures is not None else None
    return Insights(now, settings, classes, segments, alerts, occasions, board)


# --- accepting class suggestions ---------------------------------------------------------------------


def apply_class_suggestions(
    db: Database,
    suggestions: Iterable[ClassSuggestion],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ClassChanges:
    """Set each suggested class, all in one session, each change in the audit trail as ``insights``.

    A card changed since the suggestion was made (another version) or deleted is skipped with
    the reason, never overwritten. ``progress(done, total)`` is called every 500 cards; an
    exception it raises (the user cancelled) rolls every change back.
    """
    chosen = list(suggestions)
    applied: list[ClassChange] = []
    skipped: list[tuple[ClassSuggestion, str]] = []
    with db.session() as session:
        # A batch at a time: one read and one executemany UPDATE (the version still checked per
        # card) instead of a read and a write per card — 58,000 suggestions took 3 minutes so.
        for start in range(0, len(chosen), _APPLY_BATCH):
            if progress is not None:
                progress(start, len(chosen))
            batch = chosen[start : start + _APPLY_BATCH]
            current = {c.id: c for c in store.get_customers(session, [s.customer_id for s in batch])}
            changes: list[tuple[Customer, Customer]] = []
            for suggestion in batch:
                card = current.get(suggestion.customer_id)
                if card is None:
                    skipped.append((suggestion, "deleted"))
                elif card.version != suggestion.version:
                    skipped.append((suggestion, "changed since the suggestion was made"))
                else:
                    changes.append((card, replace(card, customer_class=suggestion.suggested)))
                    applied.append(
                        ClassChange(suggestion.customer_id, suggestion.name, suggestion.current, suggestion.suggested)
                    )
            store.bulk_update_customers(session, changes, action=APPLY_ACTION, check_versions=True)
        if progress is not None:
            progress(len(chosen), len(chosen))
    return ClassChanges(applied, skipped)


_APPLY_BATCH = 500


def accept_class_suggestions(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ClassChanges:
    """Review and apply at once: every suggestion, or those of ``ids`` (the others stay listed)."""
    review = class_review(db, settings, now, ids=ids)
    return apply_class_suggestions(db, review.suggestions, progress=progress)
