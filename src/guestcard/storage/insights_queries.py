"""The SQL behind the insights, part two: the statements of each analysis over ``insight_stats``.

Classes from spending, recency/frequency/monetary scores and segments, churn, the dashboard's
months, first visits and most-named dishes and drinks. The bounds and the dialect helpers are in
``insights_stats`` (its docstring says why every bound is shifted by a microsecond).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Table,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)

from guestcard.storage.insights_stats import (
    CONTACTS,
    CUSTOMERS,
    VISITS,
    Windows,
    at_or_after,
    at_or_before,
    before,
    days_between,
    month_of,
    split_items,
)

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
