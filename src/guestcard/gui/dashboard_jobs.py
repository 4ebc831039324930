"""The Dashboard's work off the GUI thread: reading the figures, and setting suggested classes.

The insights service (SQLAlchemy and all) is imported inside the jobs, on the worker thread, so
opening the window never waits for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from guestcard.gui.worker import Step
from guestcard.services import insights as ins

if TYPE_CHECKING:
    from guestcard.services.insights import ClassSuggestion
    from guestcard.settings import Settings
    from guestcard.storage import Database

SUGGESTION_LIMIT = 2000  # listed; "Accept all" applies every one
OCCASION_DAYS = 14  # birthdays and anniversaries this many days ahead


def insights_job(db: Database, settings: Settings | None, months: int) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        yield Step(0, None)
        rule = ins.InsightSettings.from_settings(settings) if settings is not None else None
        yield ins.build_insights(
            db, rule, months=months, suggestion_limit=SUGGESTION_LIMIT, alert_limit=500, occasion_days=OCCASION_DAYS
        )

    return job


def apply_job(db: Database, chosen: list[ClassSuggestion] | None, settings: Settings | None, now: Any) -> Any:
    """Set the classes of ``chosen``, or of every suggestion (``None``), with progress; a cancel
    rolls every change back (one session)."""

    def job(cancel: Any) -> Iterator[Any]:
        yield Step(0, None)

        def progress(done: int, total: int) -> None:
            cancel.report(Step(done, total))

        if chosen is not None:
            yield ins.apply_class_suggestions(db, chosen, progress=progress)
            return
        rule = ins.InsightSettings.from_settings(settings) if settings is not None else None
        yield ins.accept_class_suggestions(db, rule, now, progress=progress)

    return job
