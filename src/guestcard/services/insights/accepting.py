"""The insights' one write: accepting class suggestions, in one session, each change recorded in
the audit trail (action ``insights``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from guestcard.domain.model import Customer
from guestcard.services.insights.queries import class_review
from guestcard.services.insights.results import ClassChange, ClassChanges, ClassSuggestion
from guestcard.services.insights.settings import InsightSettings
from guestcard.storage import Database
from guestcard.storage import customers as store

APPLY_ACTION = "insights"  # the audit trail's action for an accepted class suggestion


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
