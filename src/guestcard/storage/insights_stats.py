"""The SQL behind the insights, part one: the per-customer table every analysis reads.

Everything is grouped and counted in the database (the analyses' statements are in
``insights_queries``, their running in ``storage.insights``). The per-customer figures (visits and spending
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
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    DateTime,
    Integer,
    MetaData,
    Select,
    Table,
    and_,
    case,
    extract,
    func,
    literal,
    select,
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
