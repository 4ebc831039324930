"""The insights' analyses: each reads one report's per-customer table through storage and
turns its rows into results; ``build_insights`` does them all over one scan of the visits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from guestcard.domain.ledger import Standing
from guestcard.domain.messages import Code
from guestcard.domain.values import cents_to_money
from guestcard.services.agenda import occasions_between
from guestcard.services.customers import InvalidInput
from guestcard.services.insights.credit import (
    CREDIT_SEGMENTS,
    CreditNote,
    credit_class,
    low_credit_ids,
    members,
    standings,
)
from guestcard.services.insights.results import (
    ChurnAlert,
    ClassReview,
    ClassSuggestion,
    CustomerScore,
    Dashboard,
    Insights,
    MonthFigures,
    OccasionNote,
)
from guestcard.services.insights.rules import SEGMENTS
from guestcard.services.insights.settings import DEFAULTS, InsightSettings
from guestcard.storage import Database
from guestcard.storage.insights import InsightsReading, VisitFigures, customer_dishes, reading, visit_figures


@contextmanager
def _run(
    db: Database, settings: InsightSettings | None, now: dt.datetime | None, period_start: dt.datetime | None = None
) -> Iterator[_Run]:
    settings = settings or DEFAULTS
    now = now or dt.datetime.now()
    windows = settings.windows(now, period_start)
    with reading(db, windows, settings.class_rule(), settings.score_rule(now)) as report:
        yield _Run(report, settings)


class _Run:
    """One report read through storage, with the settings its figures are judged by."""

    def __init__(self, report: InsightsReading, settings: InsightSettings) -> None:
        self.report = report
        self.settings = settings
        self.windows = report.windows


def _suggestion(row: Any, suggested: str | None = None, credit: CreditNote | None = None) -> ClassSuggestion:
    suggested = suggested or row.suggested
    return ClassSuggestion(
        customer_id=row.id,
        name=row.name,
        honorific=row.honorific,
        kind=row.kind,
        current=row.current,
        suggested=suggested,
        amount=cents_to_money(row.amount) if row.amount is not None else None,
        visits=row.n_year,
        basis=row.basis or "kind",
        by_kind=credit is None and row.by_spend != suggested,
        version=row.version,
        credit=credit,
    )


def _class_review(run: _Run, limit: int | None, ids: list[int] | None = None,
                  credit: dict[int, Standing] | None = None) -> ClassReview:
    """The spending rule's suggestions, with a low-credit account's one class lower (``credit``:
    the accounts' standing by customer id; ``insights.credit``), those first."""
    wanted = set(ids) if ids is not None else None
    low = [i for i in low_credit_ids(credit or {}) if wanted is None or i in wanted]
    by_credit: dict[int, ClassSuggestion | None] = {}  # None: the class the credit rule gives is the card's
    moved: list[tuple[str | None, str | None, str]] = []  # (current, spending's suggestion, credit's)
    for row in run.report.class_rows(low) if low else []:
        lower = credit_class(row.by_spend, row.suggested)
        if lower is None or lower == row.suggested:
            continue
        assert credit is not None
        moved.append((row.current, row.suggested, lower))
        by_credit[row.id] = _suggestion(row, lower, CreditNote.of(credit[row.id])) if lower != row.current else None
    suggestions = [s for s in by_credit.values() if s is not None]
    suggestions += [_suggestion(row) for row in run.report.class_differences(limit, ids) if row.id not in by_credit]
    if limit is not None:
        suggestions = suggestions[:limit]
    counts: dict[tuple[str | None, str | None], int] = {}
    for suggested, current, _segment, count in run.report.summary():
        counts[(current, suggested)] = counts.get((current, suggested), 0) + count
    for current, spending, lower in moved:  # the credit rule's suggestion instead of the spending's
        counts[(current, spending)] -= 1
        counts[(current, lower)] = counts.get((current, lower), 0) + 1
    by_change: dict[tuple[str | None, str], int] = {}
    matching = no_basis = total = 0
    for (current, suggested), count in counts.items():
        if suggested is None:
            no_basis += count
        elif suggested == current:
            matching += count
        elif count:
            total += count
            by_change[(current, suggested)] = by_change.get((current, suggested), 0) + count
    return ClassReview(suggestions, total, matching, no_basis, by_change)


def _credit_counts(credit: dict[int, Standing]) -> dict[str, int]:
    return {key: len(ids) for key, ids in members(credit).items()}


def _segments(run: _Run) -> dict[str, int]:
    counts = dict.fromkeys(SEGMENTS, 0)
    for _suggested, _current, segment, count in run.report.summary():
        counts[segment] += count
    return counts


def _alerts(run: _Run, limit: int | None, contacted_since: dt.date | None = None) -> list[ChurnAlert]:
    s = run.settings
    alerts = []
    for row in run.report.churn_rows(s.churn_rule(), limit, contacted_since):
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
        for row in run.report.score_rows(ids, segment, limit)
    ]


def _month_starts(now: dt.datetime, months: int) -> list[dt.date]:
    first = now.date().replace(day=1)
    starts = []
    for back in range(months - 1, -1, -1):
        index = first.year * 12 + first.month - 1 - back
        starts.append(dt.date(index // 12, index % 12 + 1, 1))
    return starts


def _visit_figures(db: Database, now: dt.datetime, months: int, period_start: dt.datetime, top: int) -> VisitFigures:
    return visit_figures(db, _month_starts(now, months), now, period_start, top)


def _dashboard(run: _Run, figures: VisitFigures, period_start: dt.datetime) -> Dashboard:
    new_guests = run.report.first_visits(period_start)
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
        raise InvalidInput(Code.MONTHS_RANGE, months)
    return dt.datetime.combine(_month_starts(now, months)[0], dt.time())


# --- the analyses ---------------------------------------------------------------------------


def class_review(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> ClassReview:
    """Who would change class under the rule, beside their current class (nothing is changed);
    a low-credit account one class lower, saying why (``insights.credit``)."""
    now = now or dt.datetime.now()
    credit = standings(db, now)
    with _run(db, settings, now) as run:
        return _class_review(run, limit, list(ids) if ids is not None else None, credit)


def segment_counts(
    db: Database, settings: InsightSettings | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Customers per segment, every key of ``SEGMENTS`` in display order."""
    with _run(db, settings, now) as run:
        return _segments(run)


def credit_segment_counts(db: Database, now: dt.datetime | None = None) -> dict[str, int]:
    """Accounts per credit segment (``insights.credit``), every key of ``CREDIT_SEGMENTS``."""
    return _credit_counts(standings(db, now or dt.datetime.now()))


def customer_scores(
    db: Database,
    settings: InsightSettings | None = None,
    now: dt.datetime | None = None,
    *,
    ids: Sequence[int] | None = None,
    segment: str | None = None,
    limit: int | None = None,
) -> list[CustomerScore]:
    """R, F, M and segment of these customers (or of a segment's members, a loyalty or a credit
    segment), biggest spenders first."""
    if segment is not None and segment not in SEGMENTS and segment not in CREDIT_SEGMENTS:
        raise InvalidInput(Code.SEGMENT_UNKNOWN, repr(segment), ", ".join([*SEGMENTS, *CREDIT_SEGMENTS]))
    now = now or dt.datetime.now()
    if segment in CREDIT_SEGMENTS:
        chosen = members(standings(db, now))[segment]
        ids = [i for i in chosen if ids is None or i in set(ids)]
        segment = None
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
        raise InvalidInput(Code.DAYS_NEGATIVE)
    today = today or dt.date.today()
    occasions = occasions_between(db, today, today + dt.timedelta(days=days))
    # The visits are asked only for those whose card names no favourite dish (the card comes first).
    ids = sorted({o.customer.id for o in occasions if o.customer.id is not None and not o.customer.favorite_dishes})
    usual = customer_dishes(db, ids, dishes) if ids else {}
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
    credit = standings(db, now)

    def side() -> tuple[VisitFigures | None, list[OccasionNote]]:
        figures = _visit_figures(db, now, months, period_start, 10) if with_dashboard else None
        occasions = upcoming_occasions(db, occasion_days, now.date()) if occasion_days >= 0 else []
        return figures, occasions

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="insights") as pool:
        other = pool.submit(side)
        with _run(db, settings, now, period_start) as run:
            classes = _class_review(run, suggestion_limit, credit=credit)
            alerts = _alerts(run, alert_limit)
            segments = _segments(run)
            figures, occasions = other.result()
            board = _dashboard(run, figures, period_start) if figures is not None else None
    return Insights(now, settings, classes, segments, alerts, occasions, board, _credit_counts(credit))
