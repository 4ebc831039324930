"""Running the insights' SQL: one report's per-customer table and what is read from it, as rows.

The statements are built in ``insights_stats`` (the per-customer table) and ``insights_queries``
(each analysis); the rules come from the insights service as the plain ``ClassRule``,
``ScoreRule``, ``ChurnRule`` and ``Windows`` defined there. What this module returns are result
rows (named tuples: ``row.id``, ``row.suggested``…) or plain Python values; the service turns them
into its results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from guestcard.storage import insights_queries as q
from guestcard.storage.database import Database
from guestcard.storage.insights_queries import ChurnRule, ClassRule, ScoreRule
from guestcard.storage.insights_stats import Windows, create_stats, drop_stats

__all__ = [
    "ChurnRule",
    "ClassRule",
    "InsightsReading",
    "ScoreRule",
    "VisitFigures",
    "Windows",
    "customer_dishes",
    "reading",
    "visit_figures",
]


@dataclass
class InsightsReading:
    """One report: its connection, its ``insight_stats`` table and the rules it was asked with."""

    connection: Connection
    dialect: str
    stats: Table
    windows: Windows
    class_rule: ClassRule
    score_rule: ScoreRule
    _summary: list[tuple[str | None, str | None, str, int]] | None = None

    def summary(self) -> list[tuple[str | None, str | None, str, int]]:
        """(suggested, current, segment, customers): read once, for the class review and the segments."""
        if self._summary is None:
            statement = q.summary_select(self.stats, self.class_rule, self.score_rule)
            self._summary = [(a, b, c, int(n)) for a, b, c, n in self.connection.execute(statement)]
        return self._summary

    def class_differences(self, limit: int | None, ids: list[int] | None) -> list[Any]:
        """The customers whose class would change: rows of ``insights_queries.class_select``."""
        return list(self.connection.execute(q.class_differences(self.stats, self.class_rule, limit, ids)))

    def class_rows(self, ids: Sequence[int]) -> list[Any]:
        """The class rule's row of each of these customers, whether their class would change or not."""
        inner = q.class_select(self.stats, self.class_rule).subquery("k")
        found: list[Any] = []
        ids = sorted(set(ids))
        for start in range(0, len(ids), 500):
            found += self.connection.execute(select(inner).where(inner.c.id.in_(ids[start:start + 500])))
        return found

    def churn_rows(self, rule: ChurnRule, limit: int | None, contacted_since: dt.date | None) -> list[Any]:
        statement = q.churn_select(self.dialect, self.stats, self.windows, rule, contacted_since).limit(limit)
        return list(self.connection.execute(statement))

    def score_rows(self, ids: Sequence[int] | None, segment: str | None, limit: int | None) -> list[Any]:
        """R, F, M and segment per customer, the biggest spenders in 12 months first."""
        inner = q.segments_select(self.stats, self.score_rule).subquery("seg")
        statement = select(inner)
        if ids is not None:
            statement = statement.where(inner.c.id.in_(list(ids)))
        if segment is not None:
            statement = statement.where(inner.c.segment == segment)
        statement = statement.order_by(inner.c.spend_year.desc(), inner.c.id).limit(limit)
        return list(self.connection.execute(statement))

    def first_visits(self, period_start: dt.datetime) -> dict[str, int]:
        """Month ``YYYY-MM`` → customers whose first visit ever fell in it (from ``period_start``)."""
        statement = q.first_visits_select(self.dialect, self.stats, period_start)
        return {month: int(new) for month, new in self.connection.execute(statement)}


@contextmanager
def reading(db: Database, windows: Windows, class_rule: ClassRule, score_rule: ScoreRule) -> Iterator[InsightsReading]:
    """One session with the per-customer table filled for ``windows``."""
    with db.session() as session:
        connection = session.connection()
        stats = create_stats(connection, windows)
        # After a failure the session rolls back (and a failed PostgreSQL transaction accepts no
        # more statements): the temporary table goes with the rollback there, with the connection
        # on SQLite, and is replaced by the next report in any case.
        yield InsightsReading(connection, connection.dialect.name, stats, windows, class_rule, score_rule)
        drop_stats(connection, stats)


@dataclass(frozen=True)
class VisitFigures:
    """The dashboard's figures that need no per-customer table (read on a connection of their own)."""

    months: list[tuple[str, int, int, int]]  # (month, visits, spend cents, guests)
    by_class: dict[str, int]
    top_dishes: list[tuple[str, int]]
    top_drinks: list[tuple[str, int]]


def visit_figures(
    db: Database, starts: Sequence[dt.date], now: dt.datetime, period_start: dt.datetime, top: int
) -> VisitFigures:
    """Visits, spending and guests per month from each of ``starts`` to ``now``; customers per
    class; the ``top`` dishes ordered since ``period_start`` and favourite drinks on the cards."""
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
    return VisitFigures([(m, *f) for m, f in figures.items()], by_class, top_dishes, top_drinks)


def customer_dishes(db: Database, customer_ids: list[int], limit: int) -> dict[int, list[str]]:
    """The ``limit`` dishes each customer ordered most on their visits, most ordered first."""
    usual: dict[int, list[str]] = {}
    with db.session() as session:
        connection = session.connection()
        statement = q.customer_dishes_select(connection.dialect.name, customer_ids, limit)
        for customer_id, dish, _times in connection.execute(statement):
            usual.setdefault(customer_id, []).append(dish)
    return usual
