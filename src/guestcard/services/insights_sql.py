"""The SQL behind the insights: SQLAlchemy Core statements over visits and customers.

Everything is grouped and counted in the database. The per-customer figures (visits and spending
in the rolling windows, first and last visit) are computed once per report into a temporary table,
``insight_stats``, that the class, segment, churn and dashboard queries all read. Two dialects are
written for: SQLite (≥ 3.30: aggregate ``FILTER``-free CASE sums, ``json_each``) and PostgreSQL;
the few places they differ (month labels, day differences, splitting dish lists) are the ``_``
helpers at the top.

Datetimes: SQLite keeps ``visits.at`` as text, written by the ORM as ``YYYY-MM-DD HH:MM:SS.ffffff``
and by bulk inserts as ``YYYY-MM-DD HH:MM:SS`` when there are no microseconds. Text comparison of
the two forms is wrong only at the exact instant of a bound, so every bound is shifted by one
microsecond to the open side (``at >= t`` is written ``at > t - 1µs``), which is exact for both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    DateTime,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    and_,
    case,
    extract,
    func,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Update

from guestcard.storage.models import ContactRow, CustomerRow, VisitRow

VISITS = cast(Table, VisitRow.__table__)
CUSTOMERS = cast(Table, CustomerRow.__table__)
CONTACTS = cast(Table, ContactRow.__table__)
_US = dt.timedelta(microseconds=1)

# Characters that separate dishes and drinks in a text: 清蒸石斑鱼、北京烤鸭, 茅台/五粮液, a, b; c
SEPARATORS = ("、", "，", ",", "；", ";", "／", "/", "\n", "\r", "\t")


# --- bounds that are exact for both datetime text forms --------------------------------------


def at_or_after(column: Any, when: dt.datetime) -> ColumnElement[bool]:
    return column > when - _US


def at_or_before(column: Any, when: dt.datetime) -> ColumnElement[bool]:
    return column < when + _US


def before(column: Any, when: dt.datetime) -> ColumnElement[bool]:
    return column <= when - _US


def after(column: Any, when: dt.datetime) -> ColumnElement[bool]:
    return column >= when + _US


# --- dialect differences ---------------------------------------------------------------------


def month_of(dialect: str, column: Any) -> ColumnElement[str]:
    """``YYYY-MM`` of a datetime column."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def days_between(dialect: str, start: Any, end: dt.datetime) -> ColumnElement[float]:
    """Days (fractional) from the datetime column ``start`` to the moment ``end``."""
    if dialect == "postgresql":
        return extract("epoch", literal(end, DateTime) - start) / 86400.0
    return func.julianday(literal(end, DateTime)) - func.julianday(start)


def _json_array(column: Any) -> Any:
    """SQLite: the text 'a、b' as the JSON array '["a","b"]' (separators first become U+001F)."""
    text: Any = func.replace(func.replace(column, "\\", "\\\\"), '"', '\\"')
    for separator in SEPARATORS:
        text = func.replace(text, separator, "\x1f")
    return literal('["') + func.replace(text, "\x1f", '","') + literal('"]')


def split_items(dialect: str, column: Any) -> Any:
    """A table-valued expression with one row per item of a separated text (column ``value``).

    On SQLite the text becomes a JSON array for json_each (C code: fast); a text with other control
    characters is not valid JSON and yields no items. The check sits inside the call, not in a
    WHERE, which SQLite would push down into a grouped subquery and run on every visit.
    """
    if dialect == "postgresql":
        pattern = "[" + "".join(SEPARATORS) + "]"
        # A set-returning function's column is named by the alias's column list: ``AS items(value)``.
        return func.regexp_split_to_table(column, pattern).table_valued("value").render_derived(name="items")
    array = _json_array(column)
    return func.json_each(case((func.json_valid(array) == 1, array), else_="[]")).table_valued("value")


# --- the windows of one report ------------------------------------------------------------------


@dataclass(frozen=True)
class Windows:
    """The moments a report measures from; all windows end at ``now`` (reservations after it)."""

    now: dt.datetime
    year_start: dt.datetime  # spending and visits "in the last 12 months"
    recent_start: dt.datetime  # the churn window (last 90 days)
    baseline_start: dt.datetime  # the churn baseline: the 12 months before the churn window
    scan_start: dt.datetime  # the earliest moment any figure needs (start of the stats scan)

    @classmethod
    def of(
        cls,
        now: dt.datetime,
        *,
        year_days: int,
        churn_days: int,
        baseline_days: int,
        recency_days: int,
        period_start: dt.datetime | None = None,
    ) -> Windows:
        year_start = now - dt.timedelta(days=year_days)
        recent_start = now - dt.timedelta(days=churn_days)
        baseline_start = recent_start - dt.timedelta(days=baseline_days)
        earliest = [year_start, baseline_start, now - dt.timedelta(days=recency_days)]
        if period_start is not None:
            earliest.append(period_start)
        return cls(now, year_start, recent_start, baseline_start, min(earliest))


# --- per-customer figures, once per report ---------------------------------------------------------


def _stats_columns() -> tuple[Column[Any], ...]:
    return (
        Column("customer_id", Integer, primary_key=True),
        Column("n_past", Integer),  # visits ever, up to now
        Column("n_future", Integer),  # reservations after now
        Column("n_scan", Integer),  # visits from scan_start to now
        Column("first_scan", DateTime),  # first and last visit in that span
        Column("last_scan", DateTime),
        Column("n_year", Integer),
        Column("spend_year", Integer),  # cents
        Column("n_recent", Integer),
        Column("spend_recent", Integer),
        Column("n_base", Integer),
        Column("spend_base", Integer),
    )


def stats_table() -> Table:
    """A fresh description of the temporary table (one MetaData each: it is per connection)."""
    return Table("insight_stats", MetaData(), *_stats_columns(), prefixes=["TEMPORARY"])


def stats_select(w: Windows) -> Select[Any]:
    """One row per customer with any visit: the figures every analysis needs (reservations apart).

    Two scans: a count per customer over the customer index (cheap, covering) and one grouped
    scan of the visits from ``scan_start`` to now with a CASE sum per window. Baseline figures are
    the scan's totals minus the recent window's when the scan starts where the baseline does,
    which it does unless a longer dashboard period or recency rule asks for more history.
    ``n_past`` counts every visit here; ``future_update`` then takes the reservations out.
    """
    v = VISITS
    ever = select(v.c.customer_id, func.count().label("n")).group_by(v.c.customer_id).subquery("ever")
    in_year = at_or_after(v.c.at, w.year_start)
    in_recent = at_or_after(v.c.at, w.recent_start)
    columns: list[Any] = [
        v.c.customer_id,
        func.count().label("n_scan"),
        func.min(v.c.at).label("first_scan"),
        func.max(v.c.at).label("last_scan"),
        func.sum(case((in_year, 1), else_=0)).label("n_year"),
        func.sum(case((in_year, v.c.spend_cents), else_=0)).label("spend_year"),
        func.sum(case((in_recent, 1), else_=0)).label("n_recent"),
        func.sum(case((in_recent, v.c.spend_cents), else_=0)).label("spend_recent"),
    ]
    exact_baseline = w.scan_start >= w.baseline_start - _US
    if exact_baseline:
        columns.append(func.coalesce(func.sum(v.c.spend_cents), 0).label("spend_scan"))
    else:
        in_base = and_(at_or_after(v.c.at, w.baseline_start), before(v.c.at, w.recent_start))
        columns.append(func.sum(case((in_base, 1), else_=0)).label("n_base"))
        columns.append(func.sum(case((in_base, v.c.spend_cents), else_=0)).label("spend_base"))
    scan = (
        select(*columns)
        .where(at_or_after(v.c.at, w.scan_start), at_or_before(v.c.at, w.now))
        .group_by(v.c.customer_id)
        .subquery("scan")
    )
    n_scan = func.coalesce(scan.c.n_scan, 0)
    n_recent = func.coalesce(scan.c.n_recent, 0)
    spend_recent = func.coalesce(scan.c.spend_recent, 0)
    if exact_baseline:
        n_base: Any = n_scan - n_recent
        spend_base: Any = func.coalesce(scan.c.spend_scan, 0) - spend_recent
    else:
        n_base = func.coalesce(scan.c.n_base, 0)
        spend_base = func.coalesce(scan.c.spend_base, 0)
    return select(
        ever.c.customer_id,
        ever.c.n.label("n_past"),
        literal(0).label("n_future"),
        n_scan.label("n_scan"),
        scan.c.first_scan,
        scan.c.last_scan,
        func.coalesce(scan.c.n_year, 0).label("n_year"),
        func.coalesce(scan.c.spend_year, 0).label("spend_year"),
        n_recent.label("n_recent"),
        spend_recent.label("spend_recent"),
        n_base.label("n_base"),
        spend_base.label("spend_base"),
    ).select_from(ever.outerjoin(scan, scan.c.customer_id == ever.c.customer_id))


def future_update(stats: Table, w: Windows) -> Update:
    """Move the reservations (visits after now, few) from ``n_past`` to ``n_future``.

    A separate UPDATE over the table's primary key: as a third subquery of the stats join,
    SQLite scanned the reservations once per customer.
    """
    v = VISITS
    # Grouped by an expression, so that SQLite takes the few reservations from the ``at`` index
    # instead of walking every visit in customer order to spare itself a sort.
    customer = (v.c.customer_id + 0).label("customer_id")
    future = select(customer, func.count().label("n")).where(after(v.c.at, w.now)).group_by(customer).subquery("future")
    return (
        update(stats)
        .where(stats.c.customer_id == future.c.customer_id)
        .values(n_future=future.c.n, n_past=stats.c.n_past - future.c.n)
    )


def create_stats(connection: Connection, w: Windows) -> Table:
    """Fill the temporary ``insight_stats`` table on this connection (replacing an earlier one)."""
    table = stats_table()
    table.drop(connection, checkfirst=True)
    table.create(connection)
    select_ = stats_select(w)
    connection.execute(table.insert().from_select([c.name for c in table.columns], select_))
    connection.execute(future_update(table, w))
    return table


def drop_stats(connection: Connection, table: Table) -> None:
    table.drop(connection, checkfirst=True)


# --- class suggestion ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassRule:
    a_from_cents: int
    b_from_cents: int
    corporate_class: str | None  # corporate accounts are at least this class ("A", "B" or None)


def class_select(stats: Table, rule: ClassRule) -> Select[Any]:
    """Every customer with the class the rule suggests (NULL when there is nothing to go on).

    The amount is the visits' recorded spending in the last 12 months when the customer has any
    visit logged; otherwise the annual spend written on the card.
    """
    c, s = CUSTOMERS, stats
    logged = func.coalesce(s.c.n_past, 0) > 0
    amount = case((logged, func.coalesce(s.c.spend_year, 0)), else_=c.c.annual_spend_cents)
    by_spend = case(
        (amount >= rule.a_from_cents, "A"),
        (amount >= rule.b_from_cents, "B"),
        (amount.is_not(None), "C"),
        else_=null(),
    )
    corporate = c.c.kind == "corporate"
    suggested: Any
    if rule.corporate_class == "A":
        suggested = case((corporate, "A"), else_=by_spend)
    elif rule.corporate_class == "B":
        suggested = case((and_(corporate, or_(by_spend.is_(None), by_spend == "C")), "B"), else_=by_spend)
    else:
        suggested = by_spend
    basis = case(
        (logged, "visits"),
        (c.c.annual_spend_cents.is_not(None), "card"),
        else_=null(),
    )
    return select(
        c.c.id,
        c.c.name,
        c.c.honorific,
        c.c.kind,
        c.c["class"].label("current"),
        c.c.version,
        amount.label("amount"),
        func.coalesce(s.c.n_year, 0).label("n_year"),
        basis.label("basis"),
        type_coerce(by_spend, String).label("by_spend"),
        type_coerce(suggested, String).label("suggested"),
    ).select_from(c.outerjoin(s, s.c.customer_id == c.c.id))


def class_differences(stats: Table, rule: ClassRule, limit: int | None, ids: list[int] | None) -> Select[Any]:
    inner = class_select(stats, rule).subquery("k")
    differs = and_(inner.c.suggested.is_not(None), or_(inner.c.current.is_(None), inner.c.current != inner.c.suggested))
    statement = select(inner).where(differs)
    if ids is not None:
        statement = statement.where(inner.c.id.in_(ids))
    return statement.order_by(inner.c.suggested, inner.c.amount.desc(), inner.c.id).limit(limit)


# --- recency / frequency / monetary ------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRule:
    """Score 5 at the first bound met, 4 at the second, … 1 when none is."""

    recency: tuple[dt.datetime, ...]  # last visit at or after these moments (newest first)
    frequency: tuple[int, ...]  # at least this many visits in the last 12 months (largest first)
    monetary: tuple[int, ...]  # at least this many cents in the last 12 months (largest first)


def _score(conditions: list[ColumnElement[bool]]) -> Any:
    return case(*((cond, 5 - i) for i, cond in enumerate(conditions)), else_=1)


def _rfm(stats: Table, rule: ScoreRule) -> list[Any]:
    """The labelled R, F and M columns (NULL for a customer without a past visit)."""
    s = stats
    visited = func.coalesce(s.c.n_past, 0) > 0
    recency = _score([and_(s.c.last_scan.is_not(None), at_or_after(s.c.last_scan, t)) for t in rule.recency])
    frequency = _score([s.c.n_year >= n for n in rule.frequency])
    monetary = _score([s.c.spend_year >= cents for cents in rule.monetary])
    return [
        case((visited, recency), else_=null()).label("r"),
        case((visited, frequency), else_=null()).label("f"),
        case((visited, monetary), else_=null()).label("m"),
    ]


def scores_select(stats: Table, rule: ScoreRule) -> Select[Any]:
    """R, F and M (1–5) of every customer with a past visit; R, F, M are NULL for the others."""
    c, s = CUSTOMERS, stats
    return select(
        c.c.id,
        c.c.name,
        c.c["class"].label("customer_class"),
        s.c.last_scan,
        func.coalesce(s.c.n_year, 0).label("n_year"),
        func.coalesce(s.c.spend_year, 0).label("spend_year"),
        func.coalesce(s.c.n_past, 0).label("n_past"),
        *_rfm(stats, rule),
    ).select_from(c.outerjoin(s, s.c.customer_id == c.c.id))


def summary_select(stats: Table, class_rule: ClassRule, score_rule: ScoreRule) -> Select[Any]:
    """(suggested, current, segment, customers) over every customer: the class review's counts
    and the segment counts from one pass over the customers."""
    k = class_select(stats, class_rule).add_columns(*_rfm(stats, score_rule)).subquery("k")
    segment = type_coerce(segment_of(k), String).label("segment")
    return select(k.c.suggested, k.c.current, segment, func.count().label("n")).group_by(
        k.c.suggested, k.c.current, segment
    )


def segment_of(scores: Any) -> Any:
    """The named segment from R, F and M: the first rule that fits (see insights.SEGMENT_RULES)."""
    r, f, m = scores.c.r, scores.c.f, scores.c.m
    return case(
        (r.is_(None), "none"),
        (and_(r >= 4, f >= 4, m >= 4), "champions"),
        (and_(r >= 3, f >= 3), "loyal"),
        (r >= 4, "promising"),
        (r == 3, "needs_attention"),
        (or_(f >= 4, m >= 4), "cannot_lose"),
        (or_(f >= 2, m >= 3), "at_risk"),
        else_="lost",
    )


def segments_select(stats: Table, rule: ScoreRule) -> Select[Any]:
    scores = scores_select(stats, rule).subquery("scores")
    return select(scores, type_coerce(segment_of(scores), String).label("segment"))


# --- churn ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChurnRule:
    window_days: int
    baseline_days: int
    min_visits: int
    min_expected: float
    ratio: float


def churn_select(
    dialect: str, stats: Table, w: Windows, rule: ChurnRule, contacted_since: dt.date | None = None
) -> Select[Any]:
    """Regulars whose last ``window_days`` fell well below their own rhythm before.

    The rhythm is the baseline's visits (and spending) per day, over the baseline year or, for a
    customer who first came during it, from the first visit (at least 30 days). A customer with a
    reservation to come is not alerted; with ``contacted_since``, nor one contacted since that day.
    """
    c, s = CUSTOMERS, stats
    came_before_baseline = s.c.n_past > s.c.n_base + s.c.n_recent
    since_first = days_between(dialect, s.c.first_scan, w.recent_start)
    active_days = case(
        (came_before_baseline, float(rule.baseline_days)),
        (since_first < 30, 30.0),
        else_=since_first,
    )
    inner = (
        select(
            c.c.id,
            c.c.name,
            c.c.honorific,
            c.c["class"].label("customer_class"),
            c.c.phone,
            s.c.last_scan,
            s.c.n_base,
            s.c.spend_base,
            s.c.n_recent,
            s.c.spend_recent,
            active_days.label("active_days"),
            (s.c.n_base * float(rule.window_days) / active_days).label("expected_visits"),
            (s.c.spend_base * float(rule.window_days) / active_days).label("expected_spend"),
        )
        .select_from(s.join(c, c.c.id == s.c.customer_id))
        .where(s.c.n_base >= rule.min_visits, s.c.n_future == 0, *_not_contacted(c, contacted_since))
        .subquery("rhythm")
    )
    fewer = inner.c.n_recent < rule.ratio * inner.c.expected_visits
    less = and_(inner.c.expected_spend > 0, inner.c.spend_recent < rule.ratio * inner.c.expected_spend)
    return (
        select(inner)
        .where(inner.c.expected_visits >= rule.min_expected, or_(fewer, less))
        .order_by((inner.c.expected_spend - inner.c.spend_recent).desc(), inner.c.expected_visits.desc(), inner.c.id)
    )


def _not_contacted(c: Table, since: dt.date | None) -> list[ColumnElement[bool]]:
    if since is None:
        return []
    k = CONTACTS
    contacted = select(k.c.id).where(k.c.customer_id == c.c.id, k.c.date >= since).exists()
    return [~contacted]


# --- dashboard ------------------------------------------------------------------------------------


def monthly_select(starts: Sequence[dt.datetime], now: dt.datetime) -> Select[Any]:
    """Visits, spending (cents) and distinct guests per month: one index range per month.

    ``starts`` are the first moments of the months; the last month ends at now. Ranges on the
    ``at`` index need no sort of the whole period, only a small distinct count per month.
    """
    v = VISITS
    parts = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        bound = before(v.c.at, end) if end is not None else at_or_before(v.c.at, now)
        parts.append(
            select(
                literal(i).label("month"),
                func.count().label("visits"),
                func.coalesce(func.sum(v.c.spend_cents), 0).label("spend"),
                func.count(v.c.customer_id.distinct()).label("guests"),
            ).where(at_or_after(v.c.at, start), bound)
        )
    return cast(Select[Any], union_all(*parts)) if len(parts) > 1 else parts[0]


def first_visits_select(dialect: str, stats: Table, start: dt.datetime) -> Select[Any]:
    """New guests per month: customers whose first visit ever falls in it (from ``start``)."""
    s = stats
    month = month_of(dialect, s.c.first_scan).label("month")
    first_ever = s.c.n_past == s.c.n_scan  # nothing before the scan: its first visit is the first
    return (
        select(month, func.count())
        .where(first_ever, s.c.n_scan > 0, at_or_after(s.c.first_scan, start))
        .group_by(month)
    )


def top_items_select(dialect: str, source: Select[Any], column_name: str, limit: int) -> Select[Any]:
    """The most frequent items of a separated-text column of ``source`` (each distinct text split once)."""
    texts = source.subquery("texts")
    column = texts.c[column_name]
    grouped = (
        select(column.label("text"), func.count().label("n"))
        .where(column.is_not(None), column != "")
        .group_by(column)
        .subquery("grouped")
    )
    items = split_items(dialect, grouped.c.text)
    item = func.trim(items.c.value).label("item")
    total = func.sum(grouped.c.n).label("total")
    return (
        select(item, total)
        .select_from(grouped.join(items, true()))
        .where(func.trim(items.c.value) != "")
        .group_by(item)
        .order_by(total.desc(), item)
        .limit(limit)
    )


def dishes_source(start: dt.datetime, now: dt.datetime) -> Select[Any]:
    v = VISITS
    return select(v.c.dishes).where(at_or_after(v.c.at, start), at_or_before(v.c.at, now))


def drinks_source() -> Select[Any]:
    return select(CUSTOMERS.c.favorite_drinks)


def class_counts_select() -> Select[Any]:
    c = CUSTOMERS
    return select(c.c["class"], func.count()).group_by(c.c["class"])


def customer_dishes_select(dialect: str, customer_ids: list[int], limit: int) -> Select[Any]:
    """Each customer's most ordered dishes over all visits: (customer_id, dish, times)."""
    v = VISITS
    items = split_items(dialect, v.c.dishes)
    dish = func.trim(items.c.value).label("dish")
    times = func.count().label("times")
    counted = (
        select(v.c.customer_id, dish, times)
        .select_from(v.join(items, true()))
        .where(
            v.c.customer_id.in_(customer_ids),
            v.c.dishes.is_not(None),
            func.trim(items.c.value) != "",
        )
        .group_by(v.c.customer_id, dish)
        .subquery("counted")
    )
    ranked = select(
        counted,
        func.row_number()
        .over(partition_by=counted.c.customer_id, order_by=(counted.c.times.desc(), counted.c.dish))
        .label("rank"),
    ).subquery("ranked")
    return (
        select(ranked.c.customer_id, ranked.c.dish, ranked.c.times)
        .where(ranked.c.rank <= limit)
        .order_by(ranked.c.customer_id, ranked.c.rank)
    )
