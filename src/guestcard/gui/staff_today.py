"""The Today page's part of the follow-up rules: prospects left too long join the follow-up list
(flagged), and a line under it counts the overdue follow-ups of each account manager."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from guestcard.domain.model import Contact
from guestcard.gui.i18n import fill

if TYPE_CHECKING:
    from guestcard.storage import Database


def follow_up_rows(db: Database, today: dt.date, follow_ups: Sequence[tuple[Any, Any]]) -> list[tuple[Any, ...]]:
    """The follow-ups due, then the prospects nobody has contacted for longer than their level
    allows (and who have no follow-up planned), as (contact, customer, stale) rows due on the day
    the rule said. Runs on the background runner."""
    from guestcard.services.intent import stale_prospects  # lazy: the window shows before this loads (bench_gui start)

    planned = {customer.id for _contact, customer in follow_ups}
    rows: list[tuple[Any, ...]] = list(follow_ups)
    for stale in stale_prospects(db, today):
        if stale.customer.id in planned or stale.customer.id is None:
            continue
        due = stale.last_contact + dt.timedelta(days=stale.level.follow_up_days or 0)
        rows.append((Contact(customer_id=stale.customer.id, date=stale.last_contact, intent=stale.level.code,
                             next_follow_up=due), stale.customer, stale))
    return rows


def follow_up_points(row: tuple[Any, ...]) -> str:
    if len(row) > 2:  # a prospect left too long
        stale = row[2]
        return fill(
            QCoreApplication.translate("TodayPage", "No contact for %1 days (level %2: every %3 days)"),
            stale.days_since,
            stale.level.code,
            stale.level.follow_up_days,
        )
    return row[0].key_points or ""


class OverdueSummary(QLabel):
    """"Overdue: 张经理 3 · 李经理 1" — each account manager's follow-ups past their date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdueByOwner")
        self.setWordWrap(True)
        self.counts: dict[str, int] = {}
        self.hide()

    def show_rows(self, rows: Sequence[tuple[Any, ...]], today: dt.date) -> None:
        counts: dict[str, int] = {}
        for row in rows:
            contact, customer = row[0], row[1]
            if contact.next_follow_up is not None and contact.next_follow_up < today:
                counts[customer.owner or ""] = counts.get(customer.owner or "", 0) + 1
        self.counts = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        self.retranslate()

    def retranslate(self) -> None:
        if not self.counts:
            self.hide()
            return
        nobody = self.tr("no account manager")
        parts = " · ".join(f"{owner or nobody} {count}" for owner, count in self.counts.items())
        self.setText(fill(self.tr("Overdue by account manager: %1"), parts))
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
